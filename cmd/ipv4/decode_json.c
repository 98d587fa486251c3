/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/decode_json.c - a decoded packet as one JSON object (decoded.h):
 * the header, the options, the payload, the checks and the exit status,
 * or why the packet has no IPv4 header.
 */
#include "cmd/ipv4/decoded.h"

#include "cmd/ipv4/args.h"
#include "cmd/ipv4/json.h"
#include "ipv4/error.h"

static void json_error(struct json *j, const char *key, int code)
{
	if (code == 0) {
		json_null(j, key);
		return;
	}
	json_object_begin(j, key);
	json_str(j, "code", ipv4_error_name(code));
	json_str(j, "text", ipv4_strerror(code));
	json_object_end(j);
}

static void json_header(struct json *j, const struct decoded *d)
{
	const struct ipv4_header *h = &d->h;
	const char *proto = decode_protocol_name(h->protocol);
	char dscp[8];

	decode_dscp_name((unsigned)h->tos >> 2, dscp, sizeof(dscp));
	json_object_begin(j, "header");
	json_uint(j, "version", h->version);
	json_uint(j, "header_len", h->len);
	json_uint(j, "tos", h->tos);
	json_uint(j, "dscp", (unsigned)h->tos >> 2);
	json_str(j, "dscp_name", dscp);
	json_uint(j, "ecn", h->tos & 3u);
	json_uint(j, "total_len", h->total_len);
	json_uint(j, "id", h->id);
	json_uint(j, "flags", h->flags);
	json_bool(j, "df", (h->flags & IPV4_DONT_FRAGMENT) != 0);
	json_bool(j, "mf", (h->flags & IPV4_MORE_FRAGMENTS) != 0);
	json_uint(j, "frag_off", h->frag_off);
	json_uint(j, "ttl", h->ttl);
	json_uint(j, "protocol", h->protocol);
	if (proto != NULL) {
		json_str(j, "protocol_name", proto);
	} else {
		json_null(j, "protocol_name");
	}
	json_uint(j, "checksum", h->checksum);
	json_bool(j, "checksum_ok", d->checksum_ok);
	json_uint(j, "checksum_expected", d->checksum_expected);
	json_addr(j, "src", h->src);
	json_addr(j, "dst", h->dst);
	json_object_end(j);
}

static void json_option(struct json *j, const struct ipv4_option *o)
{
	json_object_begin(j, NULL);
	json_str(j, "name", decode_option_name(o->type));
	json_uint(j, "type", o->type);
	json_uint(j, "len", o->len);
	if (o->type == IPV4_OPT_ROUTER_ALERT) {
		json_uint(j, "value", o->router_alert);
	}
	if (o->type == IPV4_OPT_SECURITY) {
		json_uint(j, "level", o->sec_level);
		json_hex(j, "authority", o->sec_authority,
			 o->sec_authority_len);
	}
	if (o->slots != NULL || o->type == IPV4_OPT_RECORD_ROUTE ||
	    o->type == IPV4_OPT_TIMESTAMP || o->type == IPV4_OPT_LSRR ||
	    o->type == IPV4_OPT_SSRR) {
		json_uint(j, "pointer", o->pointer);
		json_uint(j, "slots", o->num_slots);
		json_uint(j, "filled", o->num_filled);
	}
	if (o->data != NULL) {
		json_hex(j, "data", o->data, o->data_len);
	}
	json_object_end(j);
}

static void json_payload(struct json *j, const struct decoded *d)
{
	json_uint(j, "payload_len", d->payload_len);
	if (d->is_igmp) {
		json_object_begin(j, "igmp");
		json_error(j, "error", d->igmp_rc);
		if (d->igmp_rc == 0) {
			json_uint(j, "type", d->igmp.type);
			json_uint(j, "version", d->igmp.version);
			if (d->igmp.type != IPV4_IGMP_V3_MEMBERSHIP_REPORT) {
				json_addr(
					j, "group",
					d->igmp.group); /* v3 reports have none */
			}
			json_str(j, "summary", d->igmp_text);
		}
		json_object_end(j);
	}
	if (d->is_icmp) {
		json_object_begin(j, "icmp");
		json_uint(j, "type", d->payload[0]);
		json_str(j, "type_name", decode_icmp_name(d->payload[0]));
		json_uint(j, "code", d->payload[1]);
		json_object_end(j);
	}
}

/* json_label writes the packet's number, time and line when it has them. */
static void json_label(struct json *j, const struct decode_label *label)
{
	if (label == NULL) {
		return;
	}
	json_uint(j, "packet", label->number);
	if (label->time != NULL) {
		json_str(j, "time", label->time);
	}
	if (label->line > 0) {
		json_uint(j, "line", label->line);
	}
}

void decode_print_json(FILE *out, const struct decoded *d,
		       const struct decode_label *label, int status)
{
	struct json j;

	json_begin(&j, out);
	json_object_begin(&j, NULL);
	json_label(&j, label);
	json_bool(&j, "decoded", true);
	json_bool(&j, "valid", decode_all_pass(d));
	json_header(&j, d);
	json_array_begin(&j, "options");
	for (size_t i = 0; i < d->num_options; i++) {
		json_option(&j, &d->options[i]);
	}
	json_array_end(&j);
	json_error(&j, "options_error", d->options_error);
	json_payload(&j, d);
	json_error(&j, "checks_error", d->checks);
	json_int(&j, "status", status);
	json_object_end(&j);
	json_end(&j);
}

void decode_print_json_failure(FILE *out, int code, const char *msg,
			       const uint8_t *pkt, size_t len,
			       const struct decode_label *label)
{
	struct json j;

	json_begin(&j, out);
	json_object_begin(&j, NULL);
	json_label(&j, label);
	json_bool(&j, "decoded", false);
	json_bool(&j, "valid", false);
	if (len > 0) {
		json_uint(&j, "ip_version", (unsigned)pkt[0] >> 4);
	} else {
		json_null(&j, "ip_version");
	}
	json_object_begin(&j, "error");
	json_str(&j, "name", ipv4_error_name(code));
	json_str(&j, "message", msg);
	json_int(&j, "status", TOOL_FAILED);
	json_object_end(&j);
	json_int(&j, "status", TOOL_FAILED);
	json_object_end(&j);
	json_end(&j);
}
