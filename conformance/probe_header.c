/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/probe_header.c - the header kinds: hdr, hdrfmt, mhdr.
 */
#include <stdbool.h>
#include <string.h>

#include "conformance/probe.h"
#include "ipv4/header.h"

/* The byte order a format name gives the host-order fields. */
enum field_order {
	ORDER_HOST,   /* "tradbsd": whatever this machine's is */
	ORDER_LITTLE, /* "tradbsd-le" */
	ORDER_BIG,    /* "tradbsd-be" */
};

static int parse_format(const char *name, enum ipv4_format *out,
			enum field_order *order)
{
	static const struct {
		const char *name;
		enum ipv4_format format;
		enum field_order order;
	} formats[] = {
		{ "wire", IPV4_FORMAT_WIRE, ORDER_HOST },
		{ "tradbsd", IPV4_FORMAT_TRADBSD, ORDER_HOST },
		{ "freebsd10", IPV4_FORMAT_FREEBSD10, ORDER_HOST },
		{ "tradbsd-le", IPV4_FORMAT_TRADBSD, ORDER_LITTLE },
		{ "tradbsd-be", IPV4_FORMAT_TRADBSD, ORDER_BIG },
		{ "freebsd10-le", IPV4_FORMAT_FREEBSD10, ORDER_LITTLE },
		{ "freebsd10-be", IPV4_FORMAT_FREEBSD10, ORDER_BIG },
	};

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = formats[i].format;
			*order = formats[i].order;
			return 0;
		}
	}
	return -1;
}

/*
 * to_host turns the two host-order fields of a BSD header (total length,
 * bytes 2-3; flags and fragment offset, bytes 6-7) from the named byte
 * order into this machine's, which is what ipv4_header_parse reads: the
 * bytes a kernel of this machine would have handed over.
 */
static void to_host(uint8_t *b, size_t n, enum field_order order)
{
	const uint16_t one = 1;
	uint8_t first;
	bool host_big;

	memcpy(&first, &one, 1);
	host_big = first == 0;
	if (order == ORDER_HOST || (order == ORDER_BIG) == host_big) {
		return;
	}
	for (size_t i = 2; i + 1 < n && i <= 6; i += 4) {
		uint8_t t = b[i];

		b[i] = b[i + 1];
		b[i + 1] = t;
	}
}

static int answer_parse(FILE *out, char *args, enum ipv4_format format,
			enum field_order order)
{
	static uint8_t buf[PROBE_MAX_BYTES];
	struct ipv4_header h;
	char text[256];
	long n = probe_hex_arg(args, buf, sizeof(buf));
	int rc;

	if (n < 0) {
		return PROBE_BAD_REQUEST;
	}
	to_host(buf, (size_t)n, order);
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
	return answer_parse(out, args, IPV4_FORMAT_WIRE, ORDER_HOST);
}

int probe_hdrfmt(char *args, FILE *out)
{
	char *name = probe_token(&args);
	enum ipv4_format format;
	enum field_order order;

	if (name == NULL || parse_format(name, &format, &order) != 0) {
		return PROBE_BAD_REQUEST;
	}
	return answer_parse(out, args, format, order);
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
