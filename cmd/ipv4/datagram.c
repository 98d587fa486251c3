/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/datagram.c - printing a received datagram (datagram.h).
 */
#include "cmd/ipv4/datagram.h"

#include <arpa/inet.h>

#include "cmd/ipv4/json.h"

/* text_data prints the data as a C string literal, cut when long. */
static void text_data(FILE *out, const uint8_t *data, size_t len)
{
	size_t shown = len < DATAGRAM_TEXT_MAX ? len : DATAGRAM_TEXT_MAX;

	fputc('"', out);
	for (size_t i = 0; i < shown; i++) {
		uint8_t c = data[i];

		if (c == '"' || c == '\\') {
			fprintf(out, "\\%c", c);
		} else if (c == '\n') {
			fputs("\\n", out);
		} else if (c < 0x20 || c > 0x7e) {
			fprintf(out, "\\x%02x", (unsigned)c);
		} else {
			fputc(c, out);
		}
	}
	fputc('"', out);
	if (shown < len) {
		fputs("...", out);
	}
}

static void print_text(FILE *out, const struct datagram *d)
{
	char src[INET_ADDRSTRLEN];
	char dst[INET_ADDRSTRLEN] = "?";

	inet_ntop(AF_INET, &d->src, src, sizeof(src));
	if (d->has_dst) {
		inet_ntop(AF_INET, &d->dst, dst, sizeof(dst));
	}
	fprintf(out, "%s:%u > %s:%u", src, (unsigned)d->src_port, dst,
		(unsigned)d->dst_port);
	if (d->ifname != NULL) {
		fprintf(out, " iface %s", d->ifname);
	} else if (d->ifindex > 0) {
		fprintf(out, " iface #%u", d->ifindex);
	} else {
		fputs(" iface ?", out);
	}
	if (d->ttl >= 0) {
		fprintf(out, " ttl %d", d->ttl);
	} else {
		fputs(" ttl ?", out);
	}
	if (d->tos >= 0) {
		fprintf(out, " tos 0x%02x", (unsigned)d->tos);
	} else {
		fputs(" tos ?", out);
	}
	fprintf(out, " len %zu%s ", d->len, d->truncated ? " (truncated)" : "");
	text_data(out, d->data, d->len);
	fputc('\n', out);
}

static void json_optional_int(struct json *j, const char *key, int v)
{
	if (v >= 0) {
		json_int(j, key, v);
	} else {
		json_null(j, key);
	}
}

static void print_json(FILE *out, const struct datagram *d)
{
	struct json j;

	json_begin(&j, out);
	json_object_begin(&j, NULL);
	json_uint(&j, "seq", d->seq);
	json_addr(&j, "src", d->src);
	json_uint(&j, "src_port", d->src_port);
	if (d->has_dst) {
		json_addr(&j, "dst", d->dst);
	} else {
		json_null(&j, "dst");
	}
	json_uint(&j, "dst_port", d->dst_port);
	if (d->ifname != NULL) {
		json_str(&j, "iface", d->ifname);
	} else {
		json_null(&j, "iface");
	}
	if (d->ifindex > 0) {
		json_uint(&j, "ifindex", d->ifindex);
	} else {
		json_null(&j, "ifindex");
	}
	json_optional_int(&j, "ttl", d->ttl);
	json_optional_int(&j, "tos", d->tos);
	json_uint(&j, "len", d->len);
	json_bool(&j, "truncated", d->truncated);
	json_hex(&j, "data", d->data, d->len);
	json_object_end(&j);
	json_end(&j);
}

void datagram_print(FILE *out, const struct datagram *d, bool json)
{
	if (json) {
		print_json(out, d);
	} else {
		print_text(out, d);
	}
}
