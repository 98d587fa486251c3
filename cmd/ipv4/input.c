/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/input.c - plain hex and tcpdump dumps to packets (input.h).
 */
#include "cmd/ipv4/input.h"

#include <stdio.h>
#include <string.h>

#include "cmd/ipv4/hex.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * offset_line: whether line[0..n) is an offset line; if so *off is the
 * offset and *rest the index just past its colon.
 */
static bool offset_line(const char *line, size_t n, size_t *off, size_t *rest)
{
	size_t i = 0;
	size_t digits = 0;
	size_t v = 0;

	while (i < n && is_blank(line[i])) {
		i++;
	}
	if (n - i < 4 || line[i] != '0' || line[i + 1] != 'x') {
		return false;
	}
	for (i += 2; i < n && hex_digit_value(line[i]) >= 0 && digits < 8;
	     i++, digits++) {
		v = v * 16 + (size_t)hex_digit_value(line[i]);
	}
	if (digits < 4 || i >= n || line[i] != ':' ||
	    (i + 1 < n && !is_blank(line[i + 1]) && line[i + 1] != '\r')) {
		return false;
	}
	*off = v;
	*rest = i + 1;
	return true;
}

bool input_is_dump(const char *text, size_t text_len)
{
	size_t start = 0;

	while (start < text_len) {
		const char *nl = memchr(text + start, '\n', text_len - start);
		size_t end = nl != NULL ? (size_t)(nl - text) : text_len;
		size_t off;
		size_t rest;

		if (offset_line(text + start, end - start, &off, &rest)) {
			return true;
		}
		start = end + 1;
	}
	return false;
}

/*
 * line_bytes appends the hex groups of an offset line's rest (after the
 * colon) to out: groups of 2 or 4 digits separated by one blank; two
 * blanks or anything else end them (the ASCII column of -X). Returns the
 * bytes added, or -1 when out_cap would be passed.
 */
static long line_bytes(const char *s, size_t n, uint8_t *out, size_t out_cap)
{
	size_t i = 0;
	size_t added = 0;

	while (i < n && is_blank(s[i])) {
		i++;
	}
	while (i < n) {
		size_t k = 0;

		while (i + k < n && hex_digit_value(s[i + k]) >= 0) {
			k++;
		}
		if (k != 2 && k != 4) {
			break; /* not a group: the ASCII column */
		}
		if (i + k < n && !is_blank(s[i + k]) && s[i + k] != '\r') {
			break;
		}
		for (size_t d = 0; d < k; d += 2) {
			if (added == out_cap) {
				return -1;
			}
			out[added++] = (uint8_t)(hex_digit_value(s[i + d])
							 << 4 |
						 hex_digit_value(s[i + d + 1]));
		}
		i += k;
		if (i + 1 < n && is_blank(s[i]) && is_blank(s[i + 1])) {
			break; /* two blanks: the ASCII column follows */
		}
		if (i < n) {
			i++;
		}
	}
	return (long)added;
}

/* link_header: the bytes of an Ethernet header carrying IPv4 or IPv6 that
   starts pkt (tcpdump -xx), or 0. */
static size_t link_header(const uint8_t *p, size_t len)
{
	size_t at = 12;
	unsigned type;

	if (len >= 4 && p[0] >> 4 == 4 && (size_t)(p[2] << 8 | p[3]) == len) {
		return 0; /* already an IPv4 packet of exactly this length */
	}
	if (len >= 18 && p[12] == 0x81 && p[13] == 0x00) {
		at = 16; /* an 802.1Q tag */
	}
	if (len < at + 3) {
		return 0;
	}
	type = (unsigned)p[at] << 8 | p[at + 1];
	if ((type == 0x0800 && p[at + 2] >> 4 == 4) ||
	    (type == 0x86dd && p[at + 2] >> 4 == 6)) {
		return at + 2;
	}
	return 0;
}

/* finish closes the packet being read, skipping its link header. */
static void finish(struct input_packet *p)
{
	size_t skip = link_header(p->bytes, p->len);

	p->bytes += skip;
	p->len -= skip;
	p->link_skipped = skip;
}

static int parse_dump(const char *text, size_t text_len, uint8_t *buf,
		      size_t buf_cap, struct input_packet *pkts,
		      size_t max_pkts, size_t *num, char *err, size_t err_cap)
{
	size_t start = 0;
	size_t used = 0;
	size_t line = 0;
	struct input_packet *cur = NULL;

	while (start < text_len) {
		const char *nl = memchr(text + start, '\n', text_len - start);
		size_t end = nl != NULL ? (size_t)(nl - text) : text_len;
		size_t off;
		size_t rest;
		long got;

		line++;
		if (!offset_line(text + start, end - start, &off, &rest)) {
			start = end + 1;
			continue;
		}
		if (off == 0) {
			if (cur != NULL) {
				finish(cur);
			}
			if (*num == max_pkts) {
				snprintf(err, err_cap,
					 "the dump holds more than %zu "
					 "packets, the most "
					 "decode reads at once",
					 max_pkts);
				return INPUT_EMANY;
			}
			cur = &pkts[(*num)++];
			cur->bytes = buf + used;
			cur->len = 0;
			cur->line = line;
			cur->link_skipped = 0;
		} else if (cur == NULL || off != cur->len) {
			snprintf(err, err_cap,
				 "line %zu: offset 0x%04zx does not follow on "
				 "from the "
				 "%zu bytes before it",
				 line, off, cur != NULL ? cur->len : 0);
			return INPUT_EDUMP;
		}
		got = line_bytes(text + start + rest, end - start - rest,
				 buf + used, buf_cap - used);
		if (got < 0) {
			snprintf(err, err_cap,
				 "the dump holds more than %zu bytes, the most "
				 "decode "
				 "reads at once",
				 buf_cap);
			return INPUT_EBUF;
		}
		if (cur->len + (size_t)got > INPUT_MAX_PACKET) {
			snprintf(err, err_cap,
				 "the packet at line %zu is longer than %d "
				 "bytes, the "
				 "largest IPv4 packet",
				 cur->line, INPUT_MAX_PACKET);
			return INPUT_ELONG;
		}
		cur->len += (size_t)got;
		used += (size_t)got;
		start = end + 1;
	}
	if (cur != NULL) {
		finish(cur);
	}
	return 0;
}

/* position turns an offset in text into a line and a column, from 1. */
static void position(const char *text, size_t offset, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < offset; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

static int parse_plain(const char *text, size_t text_len, uint8_t *buf,
		       size_t buf_cap, struct input_packet *pkts, size_t *num,
		       char *err, size_t err_cap)
{
	size_t bad = 0;
	size_t cap = buf_cap < INPUT_MAX_PACKET ? buf_cap : INPUT_MAX_PACKET;
	int n = hex_decode(text, text_len, buf, cap, &bad);
	size_t line;
	size_t col;

	if (n == HEX_EDIGIT) {
		position(text, bad, &line, &col);
		snprintf(err, err_cap,
			 "the input is not hex: '%c' at offset %zu (line %zu, "
			 "column %zu)",
			 text[bad], bad, line, col);
		return INPUT_EHEX;
	}
	if (n == HEX_EODD) {
		snprintf(
			err, err_cap,
			"the input has an odd number of hex digits (two make a "
			"byte)");
		return INPUT_EODD;
	}
	if (n == HEX_ELONG) {
		snprintf(err, err_cap,
			 "the input is longer than %zu bytes, the largest IPv4 "
			 "packet",
			 cap);
		return INPUT_ELONG;
	}
	pkts[0].bytes = buf;
	pkts[0].len = (size_t)n;
	pkts[0].line = 0;
	pkts[0].link_skipped = 0;
	*num = 1;
	return 0;
}

int input_parse(const char *text, size_t text_len, uint8_t *buf, size_t buf_cap,
		struct input_packet *pkts, size_t max_pkts, size_t *num_pkts,
		char *err, size_t err_cap)
{
	*num_pkts = 0;
	if (err_cap > 0) {
		err[0] = '\0';
	}
	if (max_pkts == 0) {
		snprintf(err, err_cap, "no room for a packet");
		return INPUT_EMANY;
	}
	if (input_is_dump(text, text_len)) {
		return parse_dump(text, text_len, buf, buf_cap, pkts, max_pkts,
				  num_pkts, err, err_cap);
	}
	return parse_plain(text, text_len, buf, buf_cap, pkts, num_pkts, err,
			   err_cap);
}
