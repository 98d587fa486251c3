/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/header_roundtrip.c - ipv4_header_parse and ipv4_header_marshal
 * against each other, in both directions.
 *
 * Input: raw header bytes, as for header_parse. Each input is used twice:
 *
 * 1. bytes -> parse -> marshal must give the bytes back, in every format,
 *    up to the documented divergences: marshal writes version 4 whatever
 *    the version nibble held, and in the traditional BSD format the parsed
 *    total length has the header length added (so it is written back that
 *    way). Parsing the marshalled bytes gives the same header again. A
 *    buffer one byte short is refused with the size needed and untouched.
 *
 * 2. The same bytes read as the fields of a struct ipv4_header (any values,
 *    including those no parse yields) -> marshal: the result code is the one
 *    the documented checks give; a failure writes nothing; a success parses
 *    back to the same header.
 */
#include <string.h>

#include "fuzz/fuzz.h"
#include "ipv4/header.h"

#define SENTINEL 0x5a

static const enum ipv4_format formats[] = {
	IPV4_FORMAT_WIRE,
	IPV4_FORMAT_TRADBSD,
	IPV4_FORMAT_FREEBSD10,
};

/* same_header compares field by field (padding is not part of a header). */
static int same_header(const struct ipv4_header *a, const struct ipv4_header *b)
{
	return a->version == b->version && a->len == b->len &&
	       a->tos == b->tos && a->total_len == b->total_len &&
	       a->id == b->id && a->flags == b->flags &&
	       a->frag_off == b->frag_off && a->ttl == b->ttl &&
	       a->protocol == b->protocol && a->checksum == b->checksum &&
	       a->src.s_addr == b->src.s_addr &&
	       a->dst.s_addr == b->dst.s_addr &&
	       a->options_len == b->options_len &&
	       memcmp(a->options, b->options, a->options_len) == 0;
}

/*
 * check_reparse parses what marshal wrote for h and expects h back, with
 * version 4 and, in the traditional BSD format, the header length added to
 * the total length a second time (or ETOTALLEN when that overflows).
 */
static void check_reparse(const struct ipv4_header *h, const uint8_t *wire,
			  size_t len, enum ipv4_format format)
{
	struct ipv4_header want = *h;
	struct ipv4_header got;
	int rc = ipv4_header_parse(&got, wire, len, format);

	want.version = IPV4_VERSION;
	if (format == IPV4_FORMAT_TRADBSD) {
		if ((size_t)h->total_len + h->len > UINT16_MAX) {
			FUZZ_CHECK(rc == IPV4_ETOTALLEN);
			return;
		}
		want.total_len = (uint16_t)(h->total_len + h->len);
	}
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(same_header(&got, &want));
}

/* check_short_buffer: one byte short (and no buffer) is ENOBUF, untouched. */
static void check_short_buffer(const struct ipv4_header *h,
			       enum ipv4_format format, size_t need)
{
	uint8_t *buf = malloc(need - 1);
	size_t n = 12345;

	FUZZ_CHECK(buf != NULL);
	memset(buf, SENTINEL, need - 1);
	FUZZ_CHECK(ipv4_header_marshal(h, format, buf, need - 1, &n) ==
		   IPV4_ENOBUF);
	FUZZ_CHECK(n == need);
	for (size_t i = 0; i < need - 1; i++) {
		FUZZ_CHECK(buf[i] == SENTINEL);
	}
	free(buf);
	n = 0;
	FUZZ_CHECK(ipv4_header_marshal(h, format, NULL, 0, &n) == IPV4_ENOBUF);
	FUZZ_CHECK(n == need);
}

static void bytes_round_trip(const uint8_t *in, size_t len,
			     enum ipv4_format format)
{
	struct ipv4_header h;
	uint8_t want[IPV4_MAX_HEADER_LEN];
	uint8_t *out;
	size_t n = 0;

	if (ipv4_header_parse(&h, in, len, format) != 0) {
		return; /* header_parse checks the failures */
	}
	FUZZ_CHECK(ipv4_header_marshal_size(&h) == h.len);
	memcpy(want, in, h.len);
	want[0] = (uint8_t)(IPV4_VERSION << 4 | (in[0] & 0x0f));
	if (format == IPV4_FORMAT_TRADBSD) {
		memcpy(want + 2, &h.total_len, 2);
	}
	out = malloc(h.len); /* exactly the size: a sanitizer sees overruns */
	FUZZ_CHECK(out != NULL);
	FUZZ_CHECK(ipv4_header_marshal(&h, format, out, h.len, &n) == 0);
	FUZZ_CHECK(n == h.len);
	FUZZ_CHECK(memcmp(out, want, n) == 0);
	check_reparse(&h, out, n, format);
	free(out);
	check_short_buffer(&h, format, h.len);
}

/* header_from_input reads every field of a header from the input. */
static void header_from_input(struct ipv4_header *h, struct fuzz_input *in)
{
	size_t n;
	const uint8_t *opts;

	memset(h, 0, sizeof(*h));
	h->version = fuzz_u8(in);
	h->len = fuzz_u8(in);
	h->tos = fuzz_u8(in);
	h->total_len = fuzz_u16(in);
	h->id = fuzz_u16(in);
	h->flags = fuzz_u8(in);
	h->frag_off = fuzz_u16(in);
	h->ttl = fuzz_u8(in);
	h->protocol = fuzz_u8(in);
	h->checksum = fuzz_u16(in);
	h->src = fuzz_addr(in);
	h->dst = fuzz_addr(in);
	h->options_len = fuzz_u8(in);
	opts = fuzz_bytes(in, IPV4_MAX_OPTIONS_LEN, &n);
	memcpy(h->options, opts, n);
}

/* marshal_expected is what the documented checks, in order, make of h. */
static int marshal_expected(const struct ipv4_header *h, unsigned format)
{
	if (format > IPV4_FORMAT_FREEBSD10) {
		return IPV4_EFORMAT;
	}
	if (h->options_len > IPV4_MAX_OPTIONS_LEN || h->options_len % 4 != 0) {
		return IPV4_EOPTLEN;
	}
	if (h->len != IPV4_HEADER_LEN + h->options_len) {
		return IPV4_EHDRLEN;
	}
	if (h->flags > 7 || h->frag_off > 0x1fff) {
		return IPV4_EFIELD;
	}
	return 0;
}

static void struct_round_trip(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	unsigned format = fuzz_u8(&in) % 4; /* 3 is no format */
	struct ipv4_header h;
	uint8_t out[IPV4_MAX_HEADER_LEN];
	size_t n = 12345;
	int want_size;
	int rc;

	header_from_input(&h, &in);
	/* the size agrees with marshal in a known format: the same code, or
	 * the bytes it writes */
	want_size = marshal_expected(&h, IPV4_FORMAT_WIRE);
	if (want_size == 0) {
		want_size = (int)(IPV4_HEADER_LEN + h.options_len);
	}
	FUZZ_CHECK(ipv4_header_marshal_size(&h) == want_size);
	memset(out, SENTINEL, sizeof(out));
	rc = ipv4_header_marshal(&h, (enum ipv4_format)format, out, sizeof(out),
				 &n);
	fuzz_check_code(rc);
	FUZZ_CHECK(rc == marshal_expected(&h, format));
	if (rc != 0) {
		FUZZ_CHECK(n == 0);
		for (size_t i = 0; i < sizeof(out); i++) {
			FUZZ_CHECK(out[i] == SENTINEL);
		}
		return;
	}
	FUZZ_CHECK(n == h.len);
	check_reparse(&h, out, n, (enum ipv4_format)format);
}

static void check_bad_arguments(void)
{
	struct ipv4_header h;
	uint8_t out[IPV4_MAX_HEADER_LEN];
	size_t n = 0;

	memset(&h, 0, sizeof(h));
	h.len = IPV4_HEADER_LEN;
	FUZZ_CHECK(ipv4_header_marshal_size(NULL) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_header_marshal(NULL, IPV4_FORMAT_WIRE, out, sizeof(out),
				       &n) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_header_marshal(&h, IPV4_FORMAT_WIRE, out, sizeof(out),
				       NULL) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_header_marshal(&h, IPV4_FORMAT_WIRE, NULL, 1, &n) ==
		   IPV4_EINVAL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (data != NULL) {
		for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]);
		     i++) {
			bytes_round_trip(data, size, formats[i]);
		}
	}
	struct_round_trip(data, size);
	check_bad_arguments();
	return 0;
}
