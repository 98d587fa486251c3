/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/string_check.h - the contract every *_string() function keeps,
 * checked at every output capacity.
 *
 * The text functions are snprintf-style: they write at most cap bytes
 * including a terminating NUL, always terminate when cap > 0, and return the
 * length of the whole text. fuzz_check_string measures the text, renders it
 * into a block of exactly that size plus one, then again into a heap block
 * of exactly cap bytes for every cap from 0 to the length plus one (so a
 * sanitizer catches any write past the capacity), and checks the result and
 * the bytes each time.
 */
#ifndef IPV4_FUZZ_STRING_CHECK_H
#define IPV4_FUZZ_STRING_CHECK_H

#include <string.h>

#include "fuzz/fuzz.h"
#include "ipv4/error.h"

/* A renderer: the codec's *_string() function behind a common signature. */
typedef int (*fuzz_render_fn)(const void *obj, char *out, size_t cap);

/* fuzz_render_at checks one capacity against the full text. */
static inline void fuzz_render_at(fuzz_render_fn render, const void *obj,
				  const char *full, size_t len, size_t cap)
{
	char *buf = malloc(cap);
	size_t kept = len < cap ? len : cap - 1;

	FUZZ_CHECK(buf != NULL || cap == 0);
	if (cap > 0) {
		memset(buf, 'Z', cap);
	}
	FUZZ_CHECK(render(obj, buf, cap) == (int)len);
	if (cap > 0) {
		FUZZ_CHECK(memcmp(buf, full, kept) == 0);
		FUZZ_CHECK(buf[kept] == '\0');
	}
	free(buf);
}

/*
 * fuzz_check_string checks render(obj) at every capacity and returns the
 * full text, NUL-terminated, in a heap block the caller frees.
 */
static inline char *fuzz_check_string(fuzz_render_fn render, const void *obj)
{
	int n = render(obj, NULL, 0);
	char *full;

	FUZZ_CHECK(n >= 0);
	full = malloc((size_t)n + 1);
	FUZZ_CHECK(full != NULL);
	memset(full, 'Z', (size_t)n + 1);
	FUZZ_CHECK(render(obj, full, (size_t)n + 1) == n);
	FUZZ_CHECK(full[n] == '\0' && strlen(full) == (size_t)n);
	FUZZ_CHECK(render(obj, NULL, 1) == IPV4_EINVAL);
	for (size_t cap = 0; cap <= (size_t)n + 1; cap++) {
		fuzz_render_at(render, obj, full, (size_t)n, cap);
	}
	return full;
}

/*
 * fuzz_check_string_fails checks that render(obj) fails with code at every
 * capacity up to max_cap, leaving "" in the buffer and nothing past it.
 */
static inline void fuzz_check_string_fails(fuzz_render_fn render,
					   const void *obj, int code,
					   size_t max_cap)
{
	FUZZ_CHECK(render(obj, NULL, 0) == code);
	for (size_t cap = 1; cap <= max_cap; cap++) {
		char *buf = malloc(cap);

		FUZZ_CHECK(buf != NULL);
		memset(buf, 'Z', cap);
		FUZZ_CHECK(render(obj, buf, cap) == code);
		FUZZ_CHECK(buf[0] == '\0');
		free(buf);
	}
}

#endif /* IPV4_FUZZ_STRING_CHECK_H */
