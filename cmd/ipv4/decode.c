/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/decode.c - decoding a packet and printing it (decode.h).
 *
 * The packet is decoded once into a struct decoded, entirely through
 * libipv4's codecs (ipv4_header_parse, ipv4_header_validate,
 * ipv4_checksum, the options iterator, ipv4_igmp_parse), and then printed
 * as text from that; decode_json.c prints it as JSON.
 */
#include "cmd/ipv4/decode.h"

#include <arpa/inet.h>
#include <string.h>

#include "cmd/ipv4/args.h"
#include "cmd/ipv4/decoded.h"
#include "ipv4/error.h"
#include "ipv4/header.h"
#include "ipv4/icmp.h"
#include "ipv4/igmp.h"
#include "ipv4/options.h"

const char *decode_protocol_name(unsigned protocol)
{
	switch (protocol) {
	case 1:
		return "ICMP";
	case 2:
		return "IGMP";
	case 4:
		return "IPIP";
	case 6:
		return "TCP";
	case 17:
		return "UDP";
	case 41:
		return "IPv6";
	case 47:
		return "GRE";
	case 50:
		return "ESP";
	case 51:
		return "AH";
	case 89:
		return "OSPF";
	case 103:
		return "PIM";
	case 112:
		return "VRRP";
	case 132:
		return "SCTP";
	default:
		return NULL;
	}
}

void decode_dscp_name(unsigned dscp, char *out, size_t out_cap)
{
	unsigned cls = dscp >> 3;
	unsigned drop = (dscp >> 1) & 3;

	if ((dscp & 7) == 0) {
		snprintf(out, out_cap, "CS%u", cls);
	} else if (dscp == 46) {
		snprintf(out, out_cap, "EF");
	} else if (dscp == 44) {
		snprintf(out, out_cap, "VA");
	} else if (cls >= 1 && cls <= 4 && (dscp & 1) == 0 && drop >= 1) {
		snprintf(out, out_cap, "AF%u%u", cls, drop);
	} else if (out_cap > 0) {
		out[0] = '\0';
	}
}

static const char *ecn_name(unsigned ecn)
{
	static const char *const names[4] = { "Not-ECT", "ECT(1)", "ECT(0)",
					      "CE" };

	return names[ecn & 3];
}

const char *decode_option_name(uint8_t type)
{
	switch (type) {
	case IPV4_OPT_EOL:
		return "end-of-list";
	case IPV4_OPT_NOP:
		return "nop";
	case IPV4_OPT_RECORD_ROUTE:
		return "record-route";
	case IPV4_OPT_TIMESTAMP:
		return "timestamp";
	case IPV4_OPT_SECURITY:
		return "security";
	case IPV4_OPT_LSRR:
		return "loose-source-route";
	case IPV4_OPT_SSRR:
		return "strict-source-route";
	case IPV4_OPT_ROUTER_ALERT:
		return "router-alert";
	default:
		return "unknown";
	}
}

/* walk_options fills d's option list from the header's options. */
static void walk_options(struct decoded *d)
{
	struct ipv4_option_iter it;
	int rc = ipv4_option_iter_init(&it, d->h.options, d->h.options_len);

	while (rc == 0 && d->num_options < MAX_OPTIONS) {
		int next = ipv4_option_next(&it, &d->options[d->num_options]);

		if (next <= 0) {
			rc = next;
			break;
		}
		d->num_options++;
	}
	d->options_error = rc;
}

/* find_payload: what follows the header, up to the total length when it
   is sensible, else up to the bytes given. */
static void find_payload(struct decoded *d, const uint8_t *pkt, size_t len)
{
	size_t end = len;

	if (d->h.total_len >= d->h.len && d->h.total_len <= len) {
		end = d->h.total_len;
	}
	d->payload = pkt + d->h.len;
	d->payload_len = end - d->h.len;
}

static void decode_payload(struct decoded *d)
{
	bool first_fragment = d->h.frag_off == 0;

	d->is_igmp = d->h.protocol == IPV4_IGMP_PROTOCOL && first_fragment;
	d->is_icmp = d->h.protocol == IPV4_ICMP_PROTOCOL && first_fragment &&
		     d->payload_len >= 2;
	if (d->is_igmp) {
		d->igmp_rc = ipv4_igmp_parse(&d->igmp, d->payload,
					     d->payload_len);
		if (d->igmp_rc == 0) {
			ipv4_igmp_string(&d->igmp, d->igmp_text,
					 sizeof(d->igmp_text));
		}
	}
}

/* decode fills *d; 0, or the header parse error (IPV4_EVERSION for a
   packet of another IP version, before anything else is looked at). */
static int decode(struct decoded *d, const uint8_t *pkt, size_t len)
{
	uint8_t hdr[IPV4_MAX_HEADER_LEN];
	int rc;

	memset(d, 0, sizeof(*d));
	if (len > 0 && pkt[0] >> 4 != 4) {
		return IPV4_EVERSION;
	}
	rc = ipv4_header_parse(&d->h, pkt, len, IPV4_FORMAT_WIRE);
	if (rc != 0) {
		return rc;
	}
	memcpy(hdr, pkt, d->h.len);
	hdr[10] = 0;
	hdr[11] = 0;
	d->checksum_expected = ipv4_checksum(hdr, d->h.len);
	d->checksum_ok = ipv4_checksum(pkt, d->h.len) == 0;
	d->checks = ipv4_header_validate(pkt, len);
	walk_options(d);
	find_payload(d, pkt, len);
	decode_payload(d);
	return 0;
}

bool decode_all_pass(const struct decoded *d)
{
	return d->checks == 0 && d->options_error == 0 &&
	       (!d->is_igmp || d->igmp_rc == 0);
}

/* --- text --------------------------------------------------------------- */

static void text_flags(FILE *out, uint8_t flags)
{
	const char *sep = "";

	fprintf(out, "  flags          0x%x", (unsigned)flags);
	if (flags != 0) {
		fputs(" (", out);
		if ((flags & 4) != 0) {
			fputs("reserved", out);
			sep = " ";
		}
		if ((flags & IPV4_DONT_FRAGMENT) != 0) {
			fprintf(out, "%sDF", sep);
			sep = " ";
		}
		if ((flags & IPV4_MORE_FRAGMENTS) != 0) {
			fprintf(out, "%sMF", sep);
		}
		fputc(')', out);
	}
	fputc('\n', out);
}

static void text_header(FILE *out, const struct decoded *d, size_t len)
{
	const struct ipv4_header *h = &d->h;
	const char *proto = decode_protocol_name(h->protocol);
	char dscp[8];
	char src[INET_ADDRSTRLEN];
	char dst[INET_ADDRSTRLEN];

	decode_dscp_name((unsigned)h->tos >> 2, dscp, sizeof(dscp));
	inet_ntop(AF_INET, &h->src, src, sizeof(src));
	inet_ntop(AF_INET, &h->dst, dst, sizeof(dst));
	fprintf(out, "ipv4 header (%u bytes, %zu given)\n", (unsigned)h->len,
		len);
	fprintf(out, "  version        %u\n", (unsigned)h->version);
	fprintf(out, "  header length  %u (IHL %u)\n", (unsigned)h->len,
		(unsigned)h->len / 4);
	fprintf(out, "  tos            0x%02x (DSCP %u%s%s, ECN %u %s)\n",
		(unsigned)h->tos, (unsigned)h->tos >> 2,
		dscp[0] != '\0' ? " " : "", dscp, h->tos & 3u,
		ecn_name(h->tos));
	fprintf(out, "  total length   %u\n", (unsigned)h->total_len);
	fprintf(out, "  id             0x%04x\n", (unsigned)h->id);
	text_flags(out, h->flags);
	fprintf(out, "  fragment off   %u (%u bytes)\n", (unsigned)h->frag_off,
		(unsigned)h->frag_off * 8);
	fprintf(out, "  ttl            %u\n", (unsigned)h->ttl);
	fprintf(out, "  protocol       %u%s%s%s\n", (unsigned)h->protocol,
		proto ? " (" : "", proto ? proto : "", proto ? ")" : "");
	if (d->checksum_ok) {
		fprintf(out, "  checksum       0x%04x (correct)\n",
			(unsigned)h->checksum);
	} else {
		fprintf(out,
			"  checksum       0x%04x (wrong: should be 0x%04x)\n",
			(unsigned)h->checksum, (unsigned)d->checksum_expected);
	}
	fprintf(out, "  source         %s\n", src);
	fprintf(out, "  destination    %s\n", dst);
}

/* text_slots prints the addresses of a route option's filled slots. */
static void text_slots(FILE *out, const struct ipv4_option *o)
{
	for (size_t i = 0; i < o->num_filled && o->slot_len == 4; i++) {
		struct in_addr a;
		char text[INET_ADDRSTRLEN];

		memcpy(&a, o->slots + 4 * i, 4);
		inet_ntop(AF_INET, &a, text, sizeof(text));
		fprintf(out, " %s", text);
	}
}

static void text_option(FILE *out, const struct ipv4_option *o)
{
	fprintf(out, "  %-20s type %u len %u", decode_option_name(o->type),
		(unsigned)o->type, (unsigned)o->len);
	switch (o->type) {
	case IPV4_OPT_ROUTER_ALERT:
		fprintf(out, " value %u", (unsigned)o->router_alert);
		break;
	case IPV4_OPT_RECORD_ROUTE:
	case IPV4_OPT_LSRR:
	case IPV4_OPT_SSRR:
		fprintf(out, " pointer %u, %zu of %zu slots filled:",
			(unsigned)o->pointer, o->num_filled, o->num_slots);
		text_slots(out, o);
		break;
	case IPV4_OPT_TIMESTAMP:
		fprintf(out,
			" pointer %u flags %u overflow %u, %zu of %zu entries "
			"filled",
			(unsigned)o->pointer, (unsigned)o->ts_flags,
			(unsigned)o->ts_overflow, o->num_filled, o->num_slots);
		break;
	case IPV4_OPT_SECURITY:
		fprintf(out, " level 0x%02x authority", (unsigned)o->sec_level);
		for (size_t i = 0; i < o->sec_authority_len; i++) {
			fprintf(out, " %02x", (unsigned)o->sec_authority[i]);
		}
		break;
	default:
		break;
	}
	fputc('\n', out);
}

const char *decode_icmp_name(uint8_t type)
{
	const char *name = ipv4_icmp_type_string(type);

	return strcmp(name, "<nil>") == 0 ? "unknown" : name;
}

static void text_payload(FILE *out, const struct decoded *d)
{
	fprintf(out, "payload (%zu bytes)\n", d->payload_len);
	if (d->is_igmp && d->igmp_rc == 0) {
		fprintf(out, "  igmp           %s\n", d->igmp_text);
		fprintf(out, "  igmp checksum  0x%04x (correct)\n",
			(unsigned)d->igmp.checksum);
	} else if (d->is_igmp) {
		fprintf(out, "  igmp           malformed: %s (%s)\n",
			ipv4_strerror(d->igmp_rc), ipv4_error_name(d->igmp_rc));
	}
	if (d->is_icmp) {
		fprintf(out, "  icmp           type %u (%s) code %u\n",
			(unsigned)d->payload[0],
			decode_icmp_name(d->payload[0]),
			(unsigned)d->payload[1]);
	}
}

/* check_detail says, with its numbers, why a receiver check failed, or
   writes "" when the text of the code says it all. */
static void check_detail(const struct decoded *d, size_t len, char *out,
			 size_t cap)
{
	const struct ipv4_header *h = &d->h;

	out[0] = '\0';
	switch (d->checks) {
	case IPV4_ETOTALLEN:
		if (h->total_len > len) {
			snprintf(out, cap,
				 "the header says %u bytes in all, %zu were "
				 "given",
				 (unsigned)h->total_len, len);
		} else {
			snprintf(out, cap,
				 "the total length %u is below the header's %u "
				 "bytes",
				 (unsigned)h->total_len, (unsigned)h->len);
		}
		break;
	case IPV4_ECHECKSUM:
		snprintf(out, cap, "0x%04x given, 0x%04x computed",
			 (unsigned)h->checksum, (unsigned)d->checksum_expected);
		break;
	default:
		break;
	}
}

static void print_text(FILE *out, const struct decoded *d, size_t len)
{
	text_header(out, d, len);
	if (d->h.options_len > 0) {
		fprintf(out, "options (%zu bytes)\n", d->h.options_len);
		for (size_t i = 0; i < d->num_options; i++) {
			text_option(out, &d->options[i]);
		}
		if (d->options_error != 0) {
			fprintf(out, "  malformed: %s (%s)\n",
				ipv4_strerror(d->options_error),
				ipv4_error_name(d->options_error));
		}
	}
	text_payload(out, d);
	if (d->checks == 0) {
		fputs("checks: pass (RFC 1122 3.2.1.1-2)\n", out);
	} else {
		char detail[160];

		check_detail(d, len, detail, sizeof(detail));
		fprintf(out, "checks: fail: %s (%s)%s%s\n",
			ipv4_strerror(d->checks), ipv4_error_name(d->checks),
			detail[0] != '\0' ? ": " : "", detail);
	}
}

/* failure_text says why pkt[0..len) has no IPv4 header, with the numbers. */
static void failure_text(int code, const uint8_t *pkt, size_t len, char *err,
			 size_t cap)
{
	const char *name = ipv4_error_name(code);
	unsigned version = len > 0 ? (unsigned)pkt[0] >> 4 : 0;
	unsigned ihl = len > 0 ? (unsigned)pkt[0] & 15 : 0;

	switch (code) {
	case IPV4_EVERSION:
		if (version == 6) {
			snprintf(err, cap,
				 "an IPv6 packet (version 6), not IPv4 (%s)",
				 name);
		} else {
			snprintf(err, cap,
				 "not an IPv4 packet: the version field is %u, "
				 "not 4 (%s)",
				 version, name);
		}
		break;
	case IPV4_ESHORT:
		snprintf(err, cap,
			 "not an IPv4 header: %zu byte%s given, a header needs "
			 "at "
			 "least 20 (%s)",
			 len, len == 1 ? "" : "s", name);
		break;
	case IPV4_EIHL:
		snprintf(err, cap,
			 "not an IPv4 header: IHL %u means %u bytes, below the "
			 "20-byte minimum (%s)",
			 ihl, ihl * 4, name);
		break;
	case IPV4_EEXTSHORT:
		snprintf(err, cap,
			 "not an IPv4 header: the header says %u bytes (IHL "
			 "%u), %zu "
			 "were given (%s)",
			 ihl * 4, ihl, len, name);
		break;
	default:
		snprintf(err, cap, "not an IPv4 header: %s (%s)",
			 ipv4_strerror(code), name);
		break;
	}
}

static void text_label(FILE *out, const struct decode_label *label)
{
	if (label == NULL) {
		return;
	}
	fprintf(out, "packet %lu", label->number);
	if (label->time != NULL) {
		fprintf(out, " at %s", label->time);
	}
	if (label->line > 0) {
		fprintf(out, " (line %zu)", label->line);
	}
	fputc('\n', out);
}

int decode_packet(FILE *out, const uint8_t *pkt, size_t len, bool json,
		  const struct decode_label *label, char *err, size_t err_cap)
{
	struct decoded d;
	int rc = decode(&d, pkt, len);
	int status;

	if (rc != 0) {
		failure_text(rc, pkt, len, err, err_cap);
		if (json) {
			decode_print_json_failure(out, rc, err, pkt, len,
						  label);
		}
		return TOOL_FAILED;
	}
	status = decode_all_pass(&d) ? TOOL_OK : TOOL_BAD_PACKET;
	if (json) {
		decode_print_json(out, &d, label, status);
	} else {
		text_label(out, label);
		print_text(out, &d, len);
	}
	return status;
}
