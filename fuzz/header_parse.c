/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/header_parse.c - ipv4_header_parse in every raw-socket format.
 *
 * Input: the bytes handed to the parser, unchanged, so any captured header
 * is a seed. Each input is parsed in all three formats and every answer is
 * checked against a decoding done here, field by field, from the bytes:
 *   - the result code is the one the documented checks give, in order;
 *   - a failure leaves the output all zero, never half filled;
 *   - a success yields every field as the format lays it out, the options
 *     copied and the unused options bytes zero.
 */
#include <string.h>

#include "fuzz/fuzz.h"
#include "ipv4/header.h"

/* be16 and host16 read the two bytes at p in network and in host order. */
static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint16_t host16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return v;
}

static uint16_t field16(const uint8_t *p, enum ipv4_format format)
{
	return format == IPV4_FORMAT_WIRE ? be16(p) : host16(p);
}

/* expected_rc is what the documented checks, in order, make of the input. */
static int expected_rc(const uint8_t *in, size_t len, enum ipv4_format format)
{
	size_t hdr_len;

	if (len < IPV4_HEADER_LEN) {
		return IPV4_ESHORT;
	}
	hdr_len = (size_t)(in[0] & 0x0f) * 4;
	if (hdr_len < IPV4_HEADER_LEN) {
		return IPV4_EIHL;
	}
	if (len < hdr_len) {
		return IPV4_EEXTSHORT;
	}
	if (format == IPV4_FORMAT_TRADBSD &&
	    (size_t)host16(in + 2) + hdr_len > UINT16_MAX) {
		return IPV4_ETOTALLEN;
	}
	return 0;
}

static void check_fields(const struct ipv4_header *h, const uint8_t *in,
			 enum ipv4_format format)
{
	uint16_t word = field16(in + 6, format);
	size_t hdr_len = (size_t)(in[0] & 0x0f) * 4;
	uint32_t total = field16(in + 2, format);

	if (format == IPV4_FORMAT_TRADBSD) {
		total += (uint32_t)hdr_len;
	}
	FUZZ_CHECK(h->version == in[0] >> 4);
	FUZZ_CHECK(h->len == hdr_len);
	FUZZ_CHECK(h->tos == in[1]);
	FUZZ_CHECK(h->total_len == total);
	FUZZ_CHECK(h->id == be16(in + 4));
	FUZZ_CHECK(h->flags == word >> 13);
	FUZZ_CHECK(h->frag_off == (word & 0x1fff));
	FUZZ_CHECK(h->ttl == in[8]);
	FUZZ_CHECK(h->protocol == in[9]);
	FUZZ_CHECK(h->checksum == be16(in + 10));
	FUZZ_CHECK(memcmp(&h->src.s_addr, in + 12, 4) == 0);
	FUZZ_CHECK(memcmp(&h->dst.s_addr, in + 16, 4) == 0);
	FUZZ_CHECK(h->options_len == hdr_len - IPV4_HEADER_LEN);
	FUZZ_CHECK(memcmp(h->options, in + IPV4_HEADER_LEN, h->options_len) ==
		   0);
	FUZZ_CHECK(fuzz_all_zero(h->options + h->options_len,
				 IPV4_MAX_OPTIONS_LEN - h->options_len));
}

static void check_format(const uint8_t *in, size_t len, enum ipv4_format format)
{
	struct ipv4_header h;
	int rc;

	memset(&h, 0xa5, sizeof(h));
	rc = ipv4_header_parse(&h, in, len, format);
	fuzz_check_code(rc);
	FUZZ_CHECK(rc == expected_rc(in, len, format));
	if (rc != 0) {
		FUZZ_CHECK(fuzz_all_zero(&h, sizeof(h)));
		return;
	}
	check_fields(&h, in, format);
}

/* check_bad_arguments: NULL and unknown formats fail and zero the output. */
static void check_bad_arguments(const uint8_t *in, size_t len)
{
	struct ipv4_header h;

	FUZZ_CHECK(ipv4_header_parse(NULL, in, len, IPV4_FORMAT_WIRE) ==
		   IPV4_EINVAL);
	memset(&h, 0xa5, sizeof(h));
	FUZZ_CHECK(ipv4_header_parse(&h, NULL, len, IPV4_FORMAT_WIRE) ==
		   IPV4_EINVAL);
	FUZZ_CHECK(fuzz_all_zero(&h, sizeof(h)));
	memset(&h, 0xa5, sizeof(h));
	FUZZ_CHECK(ipv4_header_parse(&h, in, len, (enum ipv4_format)3) ==
		   IPV4_EFORMAT);
	FUZZ_CHECK(fuzz_all_zero(&h, sizeof(h)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t empty[1];

	if (data == NULL) {
		data = empty; /* the parser reads NULL as a bad argument */
	}
	check_format(data, size, IPV4_FORMAT_WIRE);
	check_format(data, size, IPV4_FORMAT_TRADBSD);
	check_format(data, size, IPV4_FORMAT_FREEBSD10);
	check_bad_arguments(data, size);
	return 0;
}
