/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/text.c - the text buffer behind every *_string() function.
 */
#include "codec/text.h"

#include <limits.h>
#include <string.h>

#include "ipv4/error.h"

void ipv4__text_begin(struct text *t, char *out, size_t cap)
{
	t->out = out;
	t->cap = cap;
	t->len = 0;
	if (cap > 0) {
		out[0] = '\0';
	}
}

void ipv4__text_char(struct text *t, char c)
{
	if (t->cap > 0 && t->len < t->cap - 1) {
		t->out[t->len] = c;
		t->out[t->len + 1] = '\0';
	}
	t->len++;
}

void ipv4__text_str(struct text *t, const char *s)
{
	while (*s != '\0') {
		ipv4__text_char(t, *s++);
	}
}

void ipv4__text_dec(struct text *t, uint64_t v)
{
	char digits[20];
	size_t n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0) {
		ipv4__text_char(t, digits[--n]);
	}
}

static const char hexdigits[] = "0123456789abcdef";

void ipv4__text_hex(struct text *t, uint64_t v)
{
	char digits[16];
	size_t n = 0;

	ipv4__text_str(t, "0x");
	do {
		digits[n++] = hexdigits[v & 0xf];
		v >>= 4;
	} while (v != 0);
	while (n > 0) {
		ipv4__text_char(t, digits[--n]);
	}
}

void ipv4__text_addr(struct text *t, struct in_addr a)
{
	uint8_t b[4];

	memcpy(b, &a.s_addr, 4);
	for (size_t i = 0; i < 4; i++) {
		if (i > 0) {
			ipv4__text_char(t, '.');
		}
		ipv4__text_dec(t, b[i]);
	}
}

int ipv4__text_finish(struct text *t)
{
	if (t->len > (size_t)INT_MAX) {
		ipv4__text_begin(t, t->out,
				 t->cap); /* no cut text on failure */
		return IPV4_EINVAL;
	}
	return (int)t->len;
}
