/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_errq.c - the socket error queue (io.h:
 * ipv4_packet_conn_read_error; control.h: struct ipv4_extended_error).
 *
 * h sends UDP through libipv4 with IPV4_FLAG_EXTENDED_ERROR (IP_RECVERR)
 * on, to a closed port of a, and with too small a TTL towards f; the real
 * ICMP errors that come back (RFC 792: Destination Unreachable code 3,
 * Time Exceeded code 0, the latter from the router as RFC 1812 s5.3.1
 * asks) must come out of read_error as io.h documents: the errno, origin
 * ICMP, type and code, the offender (the node that sent the ICMP), the
 * original destination and the payload that was sent.
 */
#include <errno.h>
#include <time.h> /* before linux/errqueue.h, which needs struct timespec */
#include <linux/errqueue.h>
#include <stdio.h>
#include <string.h>

#include "netns-tests/case_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"

/* struct want_error is what read_error must report for one probe. */
struct want_error {
	uint32_t ee_errno;
	uint8_t type;
	uint8_t code;
	enum nt_iface offender;
};

static int sender(struct nt_ctx *c, struct ipv4_packet_conn *pc)
{
	if (nt_check(c,
		     nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 }, 0, false,
				pc),
		     "UDP socket on h") != NT_PASS ||
	    nt_check(c,
		     ipv4_packet_conn_set_control_message(
			     pc, IPV4_FLAG_EXTENDED_ERROR, true),
		     "set_control_message(EXTENDED_ERROR)") != NT_PASS) {
		return NT_FAIL;
	}
	return NT_PASS;
}

/* probe writes payload to dst:port (with TTL ttl when not 0) and checks
   the error queue's entry against want. */
static int probe(struct nt_ctx *c, struct ipv4_packet_conn *pc,
		 enum nt_iface dst, uint16_t port, int ttl, const char *payload,
		 const struct want_error *want)
{
	struct sockaddr_in to = nt_sin(nt_addr(dst), port);
	struct ipv4_control_message cm;
	struct ipv4_extended_error ee;
	struct sockaddr_in orig;
	uint8_t buf[64];
	size_t len = strlen(payload);
	int rc;

	memset(&cm, 0, sizeof(cm));
	cm.flags = ttl != 0 ? IPV4_FLAG_TTL : 0;
	cm.ttl = (uint8_t)ttl;
	rc = ipv4_packet_conn_write_to(pc, (const uint8_t *)payload, len,
				       ttl != 0 ? &cm : NULL, &to);
	if (rc != (int)len) {
		return nt_fail(c, "write_to(%s:%u): %s", nt_ifaces[dst].addr,
			       port, ipv4_strerror(rc));
	}
	nt_step(c, "read_error after %s", payload);
	ipv4_packet_conn_set_read_deadline(pc, ipv4_monotonic_ns() +
						       (int64_t)NT_WAIT_MS *
							       1000000);
	rc = ipv4_packet_conn_read_error(pc, buf, sizeof(buf), &ee, NULL,
					 &orig);
	if (rc < 0) {
		return nt_fail(c, "read_error after %s: %s", payload,
			       ipv4_strerror(rc));
	}
	if (ee.ee_origin != SO_EE_ORIGIN_ICMP || ee.ee_type != want->type ||
	    ee.ee_code != want->code || ee.ee_errno != want->ee_errno ||
	    !ee.has_offender ||
	    ee.offender.s_addr != nt_addr(want->offender).s_addr) {
		return nt_fail(
			c,
			"%s: expected origin ICMP, type %u code %u, errno %s, "
			"offender %s; "
			"saw origin %u, type %u code %u, errno %s, offender %s",
			payload, want->type, want->code,
			strerror((int)want->ee_errno),
			nt_ifaces[want->offender].addr, ee.ee_origin,
			ee.ee_type, ee.ee_code, strerror((int)ee.ee_errno),
			ee.has_offender ? nt_ntoa(ee.offender) : "none");
	}
	if (orig.sin_addr.s_addr != to.sin_addr.s_addr ||
	    orig.sin_port != to.sin_port || rc != (int)len ||
	    memcmp(buf, payload, len) != 0) {
		return nt_fail(c,
			       "%s: expected the original destination %s:%u "
			       "and the %zu bytes sent; "
			       "saw %s:%u and %d bytes",
			       payload, nt_ifaces[dst].addr, port, len,
			       nt_ntoa(orig.sin_addr), ntohs(orig.sin_port),
			       rc);
	}
	return NT_PASS;
}

int case_errq_port_unreachable(struct nt_ctx *c)
{
	static const struct want_error want = { ECONNREFUSED, 3, 3, NT_A0 };
	struct ipv4_packet_conn pc;

	if (sender(c, &pc) != NT_PASS ||
	    probe(c, &pc, NT_A0, 33501, 0, "to-closed-port", &want) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "ECONNREFUSED, ICMP 3/3 from offender %s, original "
		       "destination and "
		       "payload returned",
		       nt_ifaces[NT_A0].addr);
}

int case_errq_ttl_exceeded(struct nt_ctx *c)
{
	static const struct want_error want = { EHOSTUNREACH, 11, 0, NT_R0 };
	struct ipv4_packet_conn pc;

	if (sender(c, &pc) != NT_PASS ||
	    nt_check(c, ipv4_packet_conn_set_ttl(&pc, 1), "set_ttl(1)") !=
		    NT_PASS ||
	    probe(c, &pc, NT_F0, 33502, 0, "ttl-1-to-far", &want) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(
		c,
		"TTL 1 towards f: EHOSTUNREACH, ICMP 11/0 from the router %s",
		nt_ifaces[NT_R0].addr);
}

int case_errq_traceroute(struct nt_ctx *c)
{
	static const struct want_error hop1 = { EHOSTUNREACH, 11, 0, NT_R0 };
	static const struct want_error hop2 = { ECONNREFUSED, 3, 3, NT_F0 };
	struct ipv4_packet_conn pc;

	if (sender(c, &pc) != NT_PASS ||
	    probe(c, &pc, NT_F0, 33503, 1, "hop-1", &hop1) != NT_PASS ||
	    probe(c, &pc, NT_F0, 33503, 2, "hop-2", &hop2) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "per-datagram TTL 1: time exceeded from %s; TTL 2: port "
		       "unreachable from "
		       "%s (the path h-r-f)",
		       nt_ifaces[NT_R0].addr, nt_ifaces[NT_F0].addr);
}
