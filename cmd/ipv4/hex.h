/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/hex.h - reading bytes written in hex, as people paste them.
 *
 * Pure C11: no allocation, no system call.
 */
#ifndef CMD_IPV4_HEX_H
#define CMD_IPV4_HEX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Results of hex_decode besides a byte count. */
#define HEX_EDIGIT (-1) /* a character that is not a hex digit */
#define HEX_EODD (-2)	/* an odd number of digits */
#define HEX_ELONG (-3)	/* more bytes than out holds */

/* hex_digit_value returns 0..15 for a hex digit, either case, else -1. */
int hex_digit_value(char c);

/*
 * hex_decode reads the hex digits of text[0..text_len) into out (out_cap
 * bytes), two digits a byte, upper or lower case. Whitespace and colons
 * between digits are ignored, and so is one "0x" before the first digit,
 * so "45 00 00 14", "45:00:00:14" and "0x45000014" all read the same
 * (and so does "4 500 0014": separators count nowhere).
 *
 * Returns the number of bytes, or HEX_EDIGIT with *out_bad_offset set to
 * the offset of the offending character in text, HEX_EODD, or HEX_ELONG.
 */
int hex_decode(const char *text, size_t text_len, uint8_t *out, size_t out_cap,
	       size_t *out_bad_offset);

#ifdef __cplusplus
}
#endif

#endif /* CMD_IPV4_HEX_H */
