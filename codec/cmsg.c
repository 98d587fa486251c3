/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/cmsg.c - writing a control message; the walk over a buffer of
 * them is cmsg_next in cmsg.h.
 *
 * A buffer is a run of messages, each a header, its payload and padding:
 *
 *   |<------------------ cmsg_space(n) ------------------>|
 *   |<------------ cmsg_len = hdr_len + n ------->|        |
 *   +----------+-------+------+--------+----------+--------+
 *   | cmsg_len | level | type | (pad)  | payload  | (pad)  |
 *   +----------+-------+------+--------+----------+--------+
 *     4 or 8      4       4    to align   n bytes   to align
 *
 * cmsg_len, level and type are in the format's byte order (see
 * struct cmsg_layout in cmsg.h).
 *
 * The last message may lack its trailing padding. The walk trusts no
 * cmsg_len before checking it against the header size and the bytes left,
 * so it never reads outside the buffer and never overflows a size.
 */
#include "codec/cmsg.h"

#include <assert.h>
#include <string.h>

uint8_t *ipv4__cmsg_put(uint8_t *p, const struct cmsg_layout *l, int32_t level,
			int32_t type, const void *data, size_t data_len)
{
	uint8_t *start = p;
	uint64_t len = l->hdr_len + data_len;

	if (l->len_size == 8) {
		p = cmsg_store64(p, len, l->big_endian);
	} else {
		p = cmsg_store32(p, (uint32_t)len, l->big_endian);
	}
	p = cmsg_store32(p, (uint32_t)level, l->big_endian);
	p = cmsg_store32(p, (uint32_t)type, l->big_endian);
	memset(p, 0, (size_t)(start + l->hdr_len - p));
	p = put_bytes(start + l->hdr_len, data, data_len);
	memset(p, 0, cmsg_pad_after(l, data_len));
	p += cmsg_pad_after(l, data_len);
	assert(p == start + cmsg_space(l, data_len));
	return p;
}
