/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/text.h - snprintf-style text building without printf.
 *
 * A text buffer appends into caller memory of a fixed capacity, keeps the
 * result NUL-terminated whenever the capacity is not zero, silently stops
 * storing at the capacity but goes on counting, so ipv4__text_finish can return
 * the length the whole text needs, as snprintf does. Internal to libipv4.
 */
#ifndef IPV4_CODEC_TEXT_H
#define IPV4_CODEC_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

struct text {
	char *out;
	size_t cap;
	size_t len; /* length of the whole text so far, stored or not */
};

/* ipv4__text_begin starts a text; out may be NULL only when cap is 0. */
void ipv4__text_begin(struct text *t, char *out, size_t cap);
void ipv4__text_char(struct text *t, char c);
void ipv4__text_str(struct text *t, const char *s);
void ipv4__text_dec(struct text *t, uint64_t v);
/* ipv4__text_hex writes v as Go's %#x does: "0x" and lowercase digits, "0x0". */
void ipv4__text_hex(struct text *t, uint64_t v);
/* ipv4__text_addr writes an IPv4 address (network byte order) dotted-quad. */
void ipv4__text_addr(struct text *t, struct in_addr a);
/* ipv4__text_finish returns the whole length (may exceed cap - 1) or, when the
 * length does not fit an int, IPV4_EINVAL with the text emptied ("" in out
 * when cap > 0), as every *_string function promises on failure. */
int ipv4__text_finish(struct text *t);

#endif /* IPV4_CODEC_TEXT_H */
