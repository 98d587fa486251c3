/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/fuzz.h - what every harness shares.
 *
 * A harness is one file, fuzz/<codec>_<entry>.c, defining
 * LLVMFuzzerTestOneInput. It checks properties of the codec's answer, not
 * only that it did not crash, and calls FUZZ_CHECK for each; a property that
 * does not hold aborts the process, which every engine reports as a crash.
 *
 * Structured harnesses read their choices (a format, an operation, a buffer
 * size) from the input through struct fuzz_input, so that every input is a
 * valid one and the engines' mutations stay meaningful.
 */
#ifndef IPV4_FUZZ_FUZZ_H
#define IPV4_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>

#include "ipv4/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_fail reports a violated property and aborts. */
static inline void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: property violated: %s\n", file, line, what);
	abort();
}

/* FUZZ_CHECK aborts, naming the property, when cond is false. */
#define FUZZ_CHECK(cond)                                      \
	do {                                                  \
		if (!(cond)) {                                \
			fuzz_fail(__FILE__, __LINE__, #cond); \
		}                                             \
	} while (0)

/*
 * fuzz_check_code checks a codec result: a failure is a codec code (clear
 * of errno, at -200 and below) that ipv4_error_name and ipv4_strerror know.
 */
static inline void fuzz_check_code(int rc)
{
	if (rc >= 0) {
		return;
	}
	FUZZ_CHECK(rc <= -200);
	FUZZ_CHECK(strcmp(ipv4_error_name(rc), "EUNKNOWN") != 0);
	FUZZ_CHECK(strcmp(ipv4_strerror(rc), "unknown error") != 0);
}

/* fuzz_all_zero tells whether n bytes at p are all zero. */
static inline int fuzz_all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++) {
		if (b[i] != 0) {
			return 0;
		}
	}
	return 1;
}

/*
 * struct fuzz_input hands out the input front to back. A read past the end
 * yields zeros, so a short input is still a complete (if dull) one.
 */
struct fuzz_input {
	const uint8_t *data;
	size_t len;
};

static inline struct fuzz_input fuzz_input_make(const uint8_t *data, size_t len)
{
	struct fuzz_input in = { data, len };
	return in;
}

static inline uint8_t fuzz_u8(struct fuzz_input *in)
{
	uint8_t v = 0;

	if (in->len > 0) {
		v = in->data[0];
		in->data++;
		in->len--;
	}
	return v;
}

static inline uint16_t fuzz_u16(struct fuzz_input *in)
{
	uint16_t hi = fuzz_u8(in);

	return (uint16_t)(hi << 8 | fuzz_u8(in));
}

static inline uint32_t fuzz_u32(struct fuzz_input *in)
{
	uint32_t hi = fuzz_u16(in);

	return hi << 16 | fuzz_u16(in);
}

/* fuzz_addr reads an IPv4 address as it is on the wire. */
static inline struct in_addr fuzz_addr(struct fuzz_input *in)
{
	struct in_addr a;
	uint8_t b[4];

	for (size_t i = 0; i < 4; i++) {
		b[i] = fuzz_u8(in);
	}
	memcpy(&a.s_addr, b, 4);
	return a;
}

/* fuzz_bytes takes up to n bytes as a view; *out_len says how many. */
static inline const uint8_t *fuzz_bytes(struct fuzz_input *in, size_t n,
					size_t *out_len)
{
	const uint8_t *p = in->data;

	if (n > in->len) {
		n = in->len;
	}
	in->data += n;
	in->len -= n;
	*out_len = n;
	return p;
}

#endif /* IPV4_FUZZ_FUZZ_H */
