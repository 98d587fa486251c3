/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/header_validate.c - ipv4_header_validate and ipv4_checksum.
 *
 * Input: a wire-format packet (header and whatever follows). Checked:
 *   - ipv4_checksum over the whole input equals a sum computed here a
 *     different way (16-bit words folded as they are added);
 *   - ipv4_header_validate returns the first failing check in the
 *     documented order, computed here from the bytes;
 *   - a header that validates also parses, with version 4 and a total
 *     length between the header length and the input length;
 *   - storing the checksum ipv4_checksum computes over the header (with the
 *     field zeroed) always cures ECHECKSUM, and only that.
 */
#include <string.h>

#include "fuzz/fuzz.h"
#include "ipv4/header.h"

/* sum_fold is RFC 1071's sum, folding the carry after every word. */
static uint16_t sum_fold(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < len; i += 2) {
		uint32_t word = (uint32_t)p[i] << 8;

		if (i + 1 < len) {
			word |= p[i + 1];
		}
		sum += word;
		sum = (sum & 0xffff) + (sum >> 16);
	}
	return (uint16_t)~sum;
}

/* validate_expected runs the documented checks, in order, on the bytes. */
static int validate_expected(const uint8_t *p, size_t len)
{
	size_t hdr_len;
	size_t total;

	if (len < IPV4_HEADER_LEN) {
		return IPV4_ESHORT;
	}
	if (p[0] >> 4 != IPV4_VERSION) {
		return IPV4_EVERSION;
	}
	hdr_len = (size_t)(p[0] & 0x0f) * 4;
	if (hdr_len < IPV4_HEADER_LEN) {
		return IPV4_EIHL;
	}
	if (len < hdr_len) {
		return IPV4_EEXTSHORT;
	}
	total = (size_t)p[2] << 8 | p[3];
	if (total < hdr_len || total > len) {
		return IPV4_ETOTALLEN;
	}
	if (sum_fold(p, hdr_len) != 0) {
		return IPV4_ECHECKSUM;
	}
	return 0;
}

static void check_valid_parses(const uint8_t *p, size_t len)
{
	struct ipv4_header h;

	FUZZ_CHECK(ipv4_header_parse(&h, p, len, IPV4_FORMAT_WIRE) == 0);
	FUZZ_CHECK(h.version == IPV4_VERSION);
	FUZZ_CHECK(h.total_len >= h.len && h.total_len <= len);
}

/* check_fixed_checksum stores a freshly computed checksum and revalidates. */
static void check_fixed_checksum(const uint8_t *p, size_t len, int rc)
{
	uint8_t *copy = malloc(len);
	size_t hdr_len = (size_t)(p[0] & 0x0f) * 4;
	uint16_t sum;

	FUZZ_CHECK(copy != NULL);
	memcpy(copy, p, len);
	copy[10] = 0;
	copy[11] = 0;
	sum = ipv4_checksum(copy, hdr_len);
	copy[10] = (uint8_t)(sum >> 8);
	copy[11] = (uint8_t)sum;
	FUZZ_CHECK(ipv4_checksum(copy, hdr_len) == 0);
	FUZZ_CHECK(ipv4_header_validate(copy, len) ==
		   (rc == IPV4_ECHECKSUM ? 0 : rc));
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int rc;

	FUZZ_CHECK(ipv4_checksum(data, size) == sum_fold(data, size));
	FUZZ_CHECK(ipv4_checksum(NULL, 0) == 0xffff);
	FUZZ_CHECK(ipv4_header_validate(NULL, size) == IPV4_EINVAL);
	if (data == NULL) {
		return 0;
	}
	rc = ipv4_header_validate(data, size);
	fuzz_check_code(rc);
	FUZZ_CHECK(rc == validate_expected(data, size));
	if (rc == 0) {
		check_valid_parses(data, size);
	}
	if (rc == 0 || rc == IPV4_ECHECKSUM) {
		check_fixed_checksum(data, size, rc);
	}
	return 0;
}
