/*
 * codec/cmsg.c - walking and writing a buffer of control messages.
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
 * The last message may lack its trailing padding. The walk trusts no
 * cmsg_len before checking it against the header size and the bytes left,
 * so it never reads outside the buffer and never overflows a size.
 */
#include "codec/cmsg.h"

#include <assert.h>
#include <string.h>

static const struct cmsg_layout linux_layout = {
	sizeof(size_t), sizeof(size_t), sizeof(size_t) + 8,
};
static const struct cmsg_layout freebsd_layout = {
	4, sizeof(void *), sizeof(void *) == 8 ? 16 : 12,
};
static const struct cmsg_layout darwin_layout = { 4, 4, 12 };

const struct cmsg_layout *cmsg_layout_of(enum ipv4_cmsg_format format)
{
	switch (format) {
	case IPV4_CMSG_FORMAT_LINUX:
		return &linux_layout;
	case IPV4_CMSG_FORMAT_FREEBSD:
		return &freebsd_layout;
	case IPV4_CMSG_FORMAT_DARWIN:
		return &darwin_layout;
	}
	return NULL;
}

/* pad_after returns the padding that follows n bytes. */
static size_t pad_after(const struct cmsg_layout *l, size_t n)
{
	return (l->align - n % l->align) % l->align;
}

size_t cmsg_space(const struct cmsg_layout *l, size_t data_len)
{
	return l->hdr_len + data_len + pad_after(l, data_len);
}

/* get_len reads cmsg_len, a host-order unsigned of l->len_size bytes. */
static uint64_t get_len(struct cursor *c, const struct cmsg_layout *l)
{
	uint32_t len32 = 0;
	uint64_t len64 = 0;

	if (l->len_size == 8) {
		(void)cursor_get_bytes(c, &len64, 8);
		return len64;
	}
	(void)cursor_get_bytes(c, &len32, 4);
	return len32;
}

int cmsg_next(struct cursor *c, const struct cmsg_layout *l,
	      struct cmsg *out)
{
	struct cursor h = *c;
	uint64_t len;
	size_t rest;

	if (c->len < l->hdr_len) {
		return 0;
	}
	len = get_len(&h, l);
	(void)cursor_get_bytes(&h, &out->level, 4);
	(void)cursor_get_bytes(&h, &out->type, 4);
	if (len < l->hdr_len || len > c->len) {
		return IPV4_ECMSGLEN;
	}
	out->data = cursor_make(c->data + l->hdr_len,
				(size_t)len - l->hdr_len);
	rest = c->len - (size_t)len;
	if (rest <= pad_after(l, (size_t)len)) {
		(void)cursor_skip(c, c->len);
	} else {
		(void)cursor_skip(c, (size_t)len + pad_after(l, (size_t)len));
	}
	return 1;
}

uint8_t *cmsg_put(uint8_t *p, const struct cmsg_layout *l, int32_t level,
		  int32_t type, const void *data, size_t data_len)
{
	uint8_t *start = p;
	uint64_t len64 = l->hdr_len + data_len;
	uint32_t len32 = (uint32_t)len64;

	if (l->len_size == 8) {
		p = put_bytes(p, &len64, 8);
	} else {
		p = put_bytes(p, &len32, 4);
	}
	p = put_bytes(p, &level, 4);
	p = put_bytes(p, &type, 4);
	memset(p, 0, (size_t)(start + l->hdr_len - p));
	p = put_bytes(start + l->hdr_len, data, data_len);
	memset(p, 0, pad_after(l, data_len));
	p += pad_after(l, data_len);
	assert(p == start + cmsg_space(l, data_len));
	return p;
}
