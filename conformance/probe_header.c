/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/probe_header.c - the header kinds: hdr, hdrfmt, mhdr.
 */
#include <string.h>

#include "conformance/probe.h"
#include "ipv4/header.h"

static int parse_format(const char *name, enum ipv4_format *out)
{
	static const struct {
		const char *name;
		enum ipv4_format format;
	} formats[] = {
		{ "wire", IPV4_FORMAT_WIRE },
		{ "tradbsd", IPV4_FORMAT_TRADBSD },
		{ "freebsd10", IPV4_FORMAT_FREEBSD10 },
	};

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = formats[i].format;
			return 0;
		}
	}
	return -1;
}

static int answer_parse(FILE *out, char *args, enum ipv4_format format)
{
	static uint8_t buf[PROBE_MAX_BYTES];
	struct ipv4_header h;
	char text[256];
	long n = probe_hex_arg(args, buf, sizeof(buf));
	int rc;

	if (n < 0) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_header_parse(&h, buf, (size_t)n, format);
	if (rc < 0) {
		return probe_err(out, rc);
	}
	(void)ipv4_header_string(&h, text, sizeof(text));
	fprintf(out, "ok %s opts=", text);
	probe_print_hex(out, h.options, h.options_len);
	fputc('\n', out);
	return 0;
}

int probe_hdr(char *args, FILE *out)
{
	return answer_parse(out, args, IPV4_FORMAT_WIRE);
}

int probe_hdrfmt(char *args, FILE *out)
{
	char *name = probe_token(&args);
	enum ipv4_format format;

	if (name == NULL || parse_format(name, &format) != 0) {
		return PROBE_BAD_REQUEST;
	}
	return answer_parse(out, args, format);
}

int probe_mhdr(char *args, FILE *out)
{
	static uint8_t buf[PROBE_MAX_BYTES];
	struct ipv4_header h;
	uint8_t wire[IPV4_MAX_HEADER_LEN];
	size_t len = 0;
	long n = probe_hex_arg(args, buf, sizeof(buf));
	int rc;

	if (n < 0) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_header_parse(&h, buf, (size_t)n, IPV4_FORMAT_WIRE);
	if (rc == 0) {
		rc = ipv4_header_marshal(&h, IPV4_FORMAT_WIRE, wire,
					 sizeof(wire), &len);
	}
	if (rc < 0) {
		return probe_err(out, rc);
	}
	return probe_ok_hex(out, wire, len);
}
