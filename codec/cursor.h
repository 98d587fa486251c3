/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/cursor.h - the one bounds-checked way codec code reads bytes.
 *
 * A cursor is a view {data, len} of caller memory. Every getter checks that
 * the bytes it needs are there, and on success consumes them; on failure it
 * returns 0 and leaves the cursor as it was. Codec code reads input only
 * through these getters and always tests what they return, chaining the
 * reads of a layout in one condition:
 *
 *   if (!cursor_get_u8(&c, &type) || !cursor_get_be16(&c, &len)) {
 *           return IPV4_ESHORT;
 *   }
 *
 * Where an earlier check already proved the bytes are there, the test
 * still stands: the compiler drops it, the reader need not prove it.
 * Internal to libipv4.
 */
#ifndef IPV4_CODEC_CURSOR_H
#define IPV4_CODEC_CURSOR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cursor {
	const uint8_t *data;
	size_t len;
};

static inline struct cursor cursor_make(const uint8_t *data, size_t len)
{
	struct cursor c = { data, len };
	return c;
}

static inline int cursor_skip(struct cursor *c, size_t n)
{
	if (c->len < n) {
		return 0;
	}
	c->data += n;
	c->len -= n;
	return 1;
}

/* cursor_view hands out the next n bytes as a sub-cursor and consumes them. */
static inline int cursor_view(struct cursor *c, struct cursor *out, size_t n)
{
	if (c->len < n) {
		return 0;
	}
	*out = cursor_make(c->data, n);
	c->data += n;
	c->len -= n;
	return 1;
}

static inline int cursor_get_u8(struct cursor *c, uint8_t *out)
{
	if (c->len < 1) {
		return 0;
	}
	*out = c->data[0];
	return cursor_skip(c, 1);
}

static inline int cursor_get_be16(struct cursor *c, uint16_t *out)
{
	if (c->len < 2) {
		return 0;
	}
	*out = (uint16_t)((unsigned)c->data[0] << 8 | c->data[1]);
	return cursor_skip(c, 2);
}

/* cursor_get_ne16 reads a 16-bit value in host byte order. */
static inline int cursor_get_ne16(struct cursor *c, uint16_t *out)
{
	if (c->len < 2) {
		return 0;
	}
	memcpy(out, c->data, 2);
	return cursor_skip(c, 2);
}

static inline int cursor_get_bytes(struct cursor *c, void *out, size_t n)
{
	if (c->len < n) {
		return 0;
	}
	if (n > 0) {
		memcpy(out, c->data, n);
	}
	return cursor_skip(c, n);
}

/*
 * Unchecked writers: callers measure first, check the capacity once, then
 * write, and assert the pointer moved by exactly the measured length.
 */
static inline uint8_t *put_u8(uint8_t *p, uint8_t v)
{
	*p = v;
	return p + 1;
}

static inline uint8_t *put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
	return p + 2;
}

static inline uint8_t *put_ne16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
	return p + 2;
}

static inline uint8_t *put_bytes(uint8_t *p, const void *src, size_t n)
{
	if (n > 0) {
		memcpy(p, src, n);
	}
	return p + n;
}

#endif /* IPV4_CODEC_CURSOR_H */
