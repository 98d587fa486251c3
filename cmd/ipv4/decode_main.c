/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/decode_main.c - ipv4 decode: reading the hex, then decode.h.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd/ipv4/args.h"
#include "cmd/ipv4/decode.h"
#include "cmd/ipv4/hex.h"
#include "cmd/ipv4/tool.h"

#define MAX_PACKET 65535
#define MAX_TEXT (4 * MAX_PACKET) /* hex with generous separators */

/* read_stdin reads all of stdin into text; its length, or -1 when too
   long or unreadable. */
static long read_stdin(char *text, size_t cap)
{
	size_t used = 0;

	for (;;) {
		size_t n = fread(text + used, 1, cap - used, stdin);

		used += n;
		if (n == 0 || used == cap) {
			break;
		}
	}
	if (ferror(stdin)) {
		return -1;
	}
	if (used == cap && fgetc(stdin) != EOF) {
		return -2;
	}
	return (long)used;
}

/* to_bytes turns the hex into bytes; the count, or -1 after a message. */
static int to_bytes(const char *text, size_t len, uint8_t *out)
{
	size_t bad = 0;
	int n = hex_decode(text, len, out, MAX_PACKET, &bad);

	if (n == HEX_EDIGIT) {
		tool_error("decode", "the input is not hex: '%c' at offset %zu", text[bad], bad);
	} else if (n == HEX_EODD) {
		tool_error("decode", "the input has an odd number of hex digits");
	} else if (n == HEX_ELONG) {
		tool_error("decode", "the input is longer than %d bytes", MAX_PACKET);
	}
	return n < 0 ? -1 : n;
}

int decode_main(int argc, char **argv)
{
	static char text[MAX_TEXT];
	static uint8_t pkt[MAX_PACKET];
	struct decode_args a;
	char err[256];
	const char *hex = text;
	long len;
	int n;
	int rc = decode_parse_args(argc, argv, &a, err, sizeof(err));

	if (rc == TOOL_ARGS_HELP) {
		fputs(decode_usage, stdout);
		return TOOL_OK;
	}
	if (rc != 0) {
		return tool_usage_error("decode", err);
	}
	if (a.input == NULL || strcmp(a.input, "-") == 0) {
		len = read_stdin(text, sizeof(text));
		if (len < 0) {
			tool_error("decode", len == -1 ? "cannot read stdin" : "the input is too long");
			return TOOL_FAILED;
		}
	} else {
		hex = a.input;
		len = (long)strlen(hex);
	}
	n = to_bytes(hex, (size_t)len, pkt);
	if (n < 0) {
		return TOOL_FAILED;
	}
	rc = decode_packet(stdout, pkt, (size_t)n, a.json, err, sizeof(err));
	if (rc == TOOL_FAILED) {
		tool_error("decode", "%s", err);
	}
	return rc;
}
