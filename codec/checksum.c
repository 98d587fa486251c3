/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/checksum.c - the Internet checksum (RFC 1071) and the receiver's
 * header checks (RFC 1122, 3.2.1.1 and 3.2.1.2).
 */
#include "ipv4/header.h"

#include "codec/cursor.h"

uint16_t ipv4_checksum(const uint8_t *data, size_t len)
{
	struct cursor c = cursor_make(data, len);
	uint64_t sum = 0;
	uint16_t word;
	uint8_t last;

	while (cursor_get_be16(&c, &word)) {
		sum += word;
	}
	if (cursor_get_u8(&c, &last)) {
		sum += (uint64_t)last << 8;
	}
	while (sum > 0xffff) {
		sum = (sum & 0xffff) + (sum >> 16);
	}
	return (uint16_t)~sum;
}

int ipv4_header_validate(const uint8_t *pkt, size_t pkt_len)
{
	struct cursor c;
	uint8_t vihl = 0;
	uint16_t total_len = 0;
	size_t hdr_len;

	if (pkt == NULL) {
		return IPV4_EINVAL;
	}
	c = cursor_make(pkt, pkt_len);
	if (pkt_len < IPV4_HEADER_LEN || !cursor_get_u8(&c, &vihl) ||
	    !cursor_skip(&c, 1) /* TOS */ || !cursor_get_be16(&c, &total_len)) {
		return IPV4_ESHORT;
	}
	if (vihl >> 4 != IPV4_VERSION) {
		return IPV4_EVERSION;
	}
	hdr_len = (size_t)(vihl & 0x0fu) << 2;
	if (hdr_len < IPV4_HEADER_LEN) {
		return IPV4_EIHL;
	}
	if (pkt_len < hdr_len) {
		return IPV4_EEXTSHORT;
	}
	if (total_len < hdr_len || total_len > pkt_len) {
		return IPV4_ETOTALLEN;
	}
	if (ipv4_checksum(pkt, hdr_len) != 0) {
		return IPV4_ECHECKSUM;
	}
	return 0;
}
