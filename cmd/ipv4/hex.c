/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/hex.c - hex text to bytes (hex.h).
 */
#include "cmd/ipv4/hex.h"

#include <stdbool.h>

int hex_digit_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

static bool is_separator(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':';
}

/* skip_prefix returns where the digits start: past "0x" after separators. */
static size_t skip_prefix(const char *text, size_t text_len)
{
	size_t i = 0;

	while (i < text_len && is_separator(text[i])) {
		i++;
	}
	if (text_len - i >= 2 && text[i] == '0' &&
	    (text[i + 1] == 'x' || text[i + 1] == 'X')) {
		return i + 2;
	}
	return 0;
}

int hex_decode(const char *text, size_t text_len, uint8_t *out, size_t out_cap,
	       size_t *out_bad_offset)
{
	size_t n = 0;
	int high = -1;

	*out_bad_offset = 0;
	for (size_t i = skip_prefix(text, text_len); i < text_len; i++) {
		int v = hex_digit_value(text[i]);

		if (v < 0 && is_separator(text[i])) {
			continue;
		}
		if (v < 0) {
			*out_bad_offset = i;
			return HEX_EDIGIT;
		}
		if (high < 0) {
			high = v;
			continue;
		}
		if (n == out_cap) {
			return HEX_ELONG;
		}
		out[n++] = (uint8_t)(high << 4 | v);
		high = -1;
	}
	if (high >= 0) {
		return HEX_EODD;
	}
	return (int)n;
}
