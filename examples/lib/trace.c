/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/lib/trace.c - echo probes and the matching of answers (trace.h).
 *
 *   an answer from a router on the way, to a UDP probe:
 *
 *   +------+------+----------+-----------+------------//-+----------------+
 *   |  11  |  0   | checksum | unused    | probe's IPv4  | sport | dport |
 *   |      |      |          | (4 bytes) | header        | len   | cksum |
 *   +------+------+----------+-----------+------------//-+----------------+
 *   0      1      2          4           8               8+IHL*4
 */
#include "examples/lib/trace.h"

#include <string.h>

#include "ipv4/header.h"
#include "ipv4/icmp.h"

#define IPPROTO_UDP_NUMBER 17
#define QUOTED_BYTES 8 /* of the probe after its header (RFC 792) */

static uint16_t be16_at(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

size_t trace_echo_size(size_t data_len)
{
	return TRACE_ICMP_HEADER_LEN + data_len;
}

int trace_echo_build(uint16_t id, uint16_t seq, const uint8_t *data,
		     size_t data_len, uint8_t *out, size_t out_cap,
		     size_t *out_len)
{
	size_t need;

	if (out_len == NULL || (data == NULL && data_len > 0) ||
	    (out == NULL && out_cap > 0) ||
	    data_len > 65535 - TRACE_ICMP_HEADER_LEN) {
		return TRACE_EINVAL;
	}
	need = trace_echo_size(data_len);
	*out_len = need;
	if (out_cap < need) {
		return TRACE_ENOBUF;
	}
	out[0] = IPV4_ICMP_TYPE_ECHO;
	out[1] = 0;
	put_be16(out + 2, 0);
	put_be16(out + 4, id);
	put_be16(out + 6, seq);
	if (data_len > 0) {
		memcpy(out + TRACE_ICMP_HEADER_LEN, data, data_len);
	}
	put_be16(out + 2, ipv4_checksum(out, need));
	return 0;
}

/* quote_matches: the quoted packet q[0..len) is the probe p. */
static int quote_matches(const struct trace_probe *p, const uint8_t *q,
			 size_t len)
{
	struct ipv4_header h;
	const uint8_t *l4;

	if (ipv4_header_parse(&h, q, len, IPV4_FORMAT_WIRE) != 0 ||
	    len - h.len < QUOTED_BYTES || h.dst.s_addr != p->dst.s_addr) {
		return 0;
	}
	l4 = q + h.len;
	if (p->kind == TRACE_PROBE_UDP) {
		return h.protocol == IPPROTO_UDP_NUMBER &&
		       be16_at(l4) == p->src_port &&
		       be16_at(l4 + 2) == p->dst_port;
	}
	return h.protocol == IPV4_ICMP_PROTOCOL &&
	       l4[0] == IPV4_ICMP_TYPE_ECHO && be16_at(l4 + 4) == p->id &&
	       be16_at(l4 + 6) == p->seq;
}

/* classify: what icmp says about p, or TRACE_NOT_OURS. */
static enum trace_answer classify(const struct trace_probe *p,
				  const uint8_t *icmp, size_t len)
{
	const uint8_t *quote = icmp + TRACE_ICMP_HEADER_LEN;
	size_t quote_len = len - TRACE_ICMP_HEADER_LEN;

	switch (icmp[0]) {
	case IPV4_ICMP_TYPE_ECHO_REPLY:
		if (p->kind == TRACE_PROBE_ICMP && be16_at(icmp + 4) == p->id &&
		    be16_at(icmp + 6) == p->seq) {
			return TRACE_ECHO_REPLY;
		}
		return TRACE_NOT_OURS;
	case IPV4_ICMP_TYPE_TIME_EXCEEDED:
		return quote_matches(p, quote, quote_len) ? TRACE_TIME_EXCEEDED
							  : TRACE_NOT_OURS;
	case IPV4_ICMP_TYPE_DESTINATION_UNREACHABLE:
		return quote_matches(p, quote, quote_len) ? TRACE_UNREACHABLE
							  : TRACE_NOT_OURS;
	default:
		return TRACE_NOT_OURS;
	}
}

enum trace_answer trace_match(const struct trace_probe *p, const uint8_t *icmp,
			      size_t len, uint8_t *out_code)
{
	enum trace_answer a;

	if (out_code != NULL) {
		*out_code = 0;
	}
	if (p == NULL || icmp == NULL || len < TRACE_ICMP_HEADER_LEN ||
	    ipv4_checksum(icmp, len) != 0) {
		return TRACE_NOT_OURS;
	}
	a = classify(p, icmp, len);
	if (a != TRACE_NOT_OURS && out_code != NULL) {
		*out_code = icmp[1];
	}
	return a;
}

const char *trace_mark(enum trace_answer a, uint8_t code)
{
	static const char *const marks[16] = {
		"!N", "!H", "!P",  "",	  "!F",	 "!S", "!6", "!7",
		"!8", "!9", "!10", "!11", "!12", "!X", "!V", "!C",
	};

	if (a != TRACE_UNREACHABLE) {
		return "";
	}
	return code < 16 ? marks[code] : "!?";
}
