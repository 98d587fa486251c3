/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/decode_main.c - ipv4 decode: reading the input (an argument,
 * stdin or a capture file), then decode.h for each packet.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/ipv4/args.h"
#include "cmd/ipv4/decode.h"
#include "cmd/ipv4/input.h"
#include "cmd/ipv4/capture.h"
#include "cmd/ipv4/tool.h"
#include "ipv4/error.h"

#define MAX_TEXT (4u << 20)	 /* characters read from stdin */
#define MAX_BYTES (MAX_TEXT / 2) /* every byte takes two digits */
#define MAX_PACKETS 4096

/* read_stdin reads all of stdin into text; its length, -1 when
   unreadable, -2 when longer than cap. */
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

/* worse combines two statuses: a packet without a header outweighs one
   that failed a check, which outweighs one that passed. */
static int worse(int a, int b)
{
	if (a == TOOL_FAILED || b == TOOL_FAILED) {
		return TOOL_FAILED;
	}
	return a == TOOL_BAD_PACKET || b == TOOL_BAD_PACKET ? TOOL_BAD_PACKET
							    : TOOL_OK;
}

/* decode_all decodes the packets found in the text; the exit status. */
static int decode_all(const struct input_packet *pkts, size_t n, bool json)
{
	int status = TOOL_OK;

	for (size_t i = 0; i < n; i++) {
		struct decode_label label = { i + 1, NULL, pkts[i].line };
		char err[256];
		int rc;

		if (n > 1 && i > 0 && !json) {
			fputc('\n', stdout);
		}
		rc = decode_packet(stdout, pkts[i].bytes, pkts[i].len, json,
				   n > 1 || pkts[i].line > 0 ? &label : NULL,
				   err, sizeof(err));
		if (rc == TOOL_FAILED && n > 1) {
			tool_error("decode", "packet %zu (line %zu): %s", i + 1,
				   pkts[i].line, err);
		} else if (rc == TOOL_FAILED) {
			tool_error("decode", "%s", err);
		}
		status = worse(status, rc);
	}
	fflush(stdout);
	return status;
}

/* decode_capture: ipv4 decode --pcap FILE; the exit status. */
static int decode_capture(const char *path, bool json)
{
	struct capture_summary sum;
	char err[512];
	int rc = capture_decode(stdout, path, json, &sum, err, sizeof(err));

	if (err[0] != '\0') {
		return tool_fail("decode", TOOL_FAILED, "bad_capture", "%s",
				 err);
	}
	fflush(stdout);
	return rc;
}

int decode_main(int argc, char **argv)
{
	static char text[MAX_TEXT];
	static uint8_t bytes[MAX_BYTES];
	static struct input_packet pkts[MAX_PACKETS];
	struct decode_args a;
	char err[256];
	const char *hex = text;
	size_t num = 0;
	long len;
	int rc = decode_parse_args(argc, argv, &a, err, sizeof(err));

	if (rc == TOOL_ARGS_HELP) {
		return tool_help(decode_usage);
	}
	if (rc != 0) {
		return tool_usage_error("decode", err);
	}
	if (a.pcap != NULL) {
		return decode_capture(a.pcap, a.json);
	}
	if (a.input == NULL || strcmp(a.input, "-") == 0) {
		len = read_stdin(text, sizeof(text));
		if (len == -1) {
			return tool_fail("decode", TOOL_FAILED, "bad_input",
					 "cannot read stdin");
		}
		if (len < 0) {
			return tool_fail("decode", TOOL_FAILED, "bad_input",
					 "the input is longer than %u "
					 "characters, the most decode "
					 "reads",
					 MAX_TEXT);
		}
	} else {
		hex = a.input;
		len = (long)strlen(hex);
	}
	rc = input_parse(hex, (size_t)len, bytes, sizeof(bytes), pkts,
			 MAX_PACKETS, &num, err, sizeof(err));
	if (rc != 0) {
		return tool_fail("decode", TOOL_FAILED, "bad_input", "%s", err);
	}
	if (num == 0) {
		return tool_fail("decode", TOOL_FAILED, "bad_input",
				 "the dump holds no packet");
	}
	return decode_all(pkts, num, a.json);
}
