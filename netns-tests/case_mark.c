/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_mark.c - unicast marking: TOS and TTL (RFC 791 s3.1,
 * RFC 2474 s3, RFC 1812 s5.3.1).
 *
 * h sets TOS and TTL through libipv4 on UDP and TCP sockets; the receiver
 * reads them on arrival twice over: from the received TOS/TTL control
 * messages of a plain socket, and from the header bytes of a raw capture.
 * Through the router, the TTL arrives one lower (RFC 1812 s5.3.1), the TOS
 * unchanged.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netns-tests/case_list.h"
#include "netns-tests/drive.h"
#include "netns-tests/drive_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"

/* struct arrival is what the receiver saw of one UDP datagram. */
struct arrival {
	int cmsg_tos;
	int cmsg_ttl;
	int wire_tos;
	int wire_ttl;
};

/* udp_arrival sends one datagram from pc, or from the probe's handle s
   when d is not NULL, to iface's address and reads how it arrived, from
   the control messages and a raw capture. */
static int udp_arrival(struct nt_ctx *c, struct ipv4_packet_conn *pc,
		       struct nt_drv *d, enum nt_iface to, enum nt_iface from,
		       uint16_t port, struct arrival *out)
{
	enum nt_host host = nt_ifaces[to].host;
	int obs = nt_udp(c->topo, host, nt_addr(to), port, false);
	int cap = nt_socket(c->topo, host, SOCK_RAW, IPPROTO_UDP);
	struct sockaddr_in dst = nt_sin(nt_addr(to), port);
	uint8_t pkt[256];
	struct nt_rx rx;
	ssize_t n;
	int rc = obs < 0 ? obs : cap < 0 ? cap : nt_observe(obs);

	if (rc < 0) {
		return nt_fail(c, "receiver on %s: %s", nt_host_name(host),
			       strerror(-rc));
	}
	if (d != NULL) {
		if (nt_ask(c, d, 0, "WriteTo s 6d61726b - %s:%u",
			   nt_ifaces[to].addr, port) != NT_PASS) {
			return NT_FAIL;
		}
		rc = 4;
	} else {
		rc = ipv4_packet_conn_write_to(pc, (const uint8_t *)"mark", 4,
					       NULL, &dst);
	}
	if (rc != 4) {
		return nt_fail(c, "write_to(%s): %s", nt_ifaces[to].addr,
			       ipv4_strerror(rc));
	}
	n = nt_recv(obs, pkt, sizeof(pkt), NT_WAIT_MS, &rx);
	if (n != 4) {
		return nt_fail(c, "datagram to %s: not received (%s)",
			       nt_ifaces[to].addr,
			       strerror(n < 0 ? (int)-n : EMSGSIZE));
	}
	out->cmsg_tos = rx.tos;
	out->cmsg_ttl = rx.ttl;
	n = nt_capture(cap, nt_addr(from), NT_WAIT_MS, pkt, sizeof(pkt));
	if (n < 0) {
		return nt_fail(c, "raw capture on %s: %s", nt_host_name(host),
			       strerror((int)-n));
	}
	out->wire_tos = pkt[1];
	out->wire_ttl = pkt[8];
	close(obs);
	close(cap);
	return NT_PASS;
}

/*
 * mark_udp opens h's UDP socket (libipv4's packet connection, or the
 * probe's handle s when driven), sets the option (TOS or TTL) to value
 * and reads it back into *readback.
 */
static int mark_udp(struct nt_ctx *c, bool driven, bool tos, int value,
		    struct ipv4_packet_conn *pc, struct nt_drv *d,
		    int *readback)
{
	const char *go = tos ? "TOS" : "TTL";
	uint16_t port;
	int rc;

	if (driven) {
		if (nt_drv_udp(c, NT_H, "s", d, &port) != NT_PASS ||
		    nt_ask(c, d, 0, "Set%s s %d", go, value) != NT_PASS ||
		    nt_ask(c, d, 0, "%s s", go) != NT_PASS) {
			return NT_FAIL;
		}
		*readback = (int)strtol(d->answer + 3, NULL, 10);
		return NT_PASS;
	}
	if (nt_check(c,
		     nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 }, 0, false,
				pc),
		     "UDP socket on h") != NT_PASS) {
		return NT_FAIL;
	}
	rc = tos ? ipv4_packet_conn_set_tos(pc, value)
		 : ipv4_packet_conn_set_ttl(pc, value);
	if (nt_check(c, rc, tos ? "set_tos" : "set_ttl") != NT_PASS) {
		return NT_FAIL;
	}
	rc = tos ? ipv4_packet_conn_tos(pc, readback)
		 : ipv4_packet_conn_ttl(pc, readback);
	return nt_check(c, rc, tos ? "tos" : "ttl");
}

static int udp_tos(struct nt_ctx *c, bool driven)
{
	struct ipv4_packet_conn pc;
	struct nt_drv d;
	struct nt_drv *dp = driven ? &d : NULL;
	struct arrival got;
	int readback = -1;

	if (mark_udp(c, driven, true, 0x28, &pc, &d, &readback) != NT_PASS ||
	    udp_arrival(c, &pc, dp, NT_F0, NT_S2, nt_port(c, 0), &got) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	if (readback != 0x28 || got.cmsg_tos != 0x28 || got.wire_tos != 0x28) {
		return nt_fail(c,
			       "TOS 0x28 (AF11) through the router: expected "
			       "0x28 read back, in "
			       "IP_TOS cmsg and on the wire; saw %#x, %#x, %#x",
			       readback, got.cmsg_tos, got.wire_tos);
	}
	return nt_pass(
		c, "%s: read back 0x28; f's IP_TOS cmsg 0x28; raw capture 0x28",
		driven ? "SetTOS 40 (0x28)" : "set_tos(0x28)");
}

static int udp_ttl(struct nt_ctx *c, bool driven)
{
	struct ipv4_packet_conn pc;
	struct nt_drv d;
	struct nt_drv *dp = driven ? &d : NULL;
	struct arrival near;
	struct arrival far;
	int readback = -1;

	if (mark_udp(c, driven, false, 9, &pc, &d, &readback) != NT_PASS ||
	    udp_arrival(c, &pc, dp, NT_A0, NT_S0, nt_port(c, 0), &near) !=
		    NT_PASS ||
	    udp_arrival(c, &pc, dp, NT_F0, NT_S2, nt_port(c, 0), &far) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	if (readback != 9 || near.cmsg_ttl != 9 || near.wire_ttl != 9) {
		return nt_fail(c,
			       "TTL 9 on link A: expected 9 read back, in "
			       "IP_TTL cmsg and on the "
			       "wire; saw %d, %d, %d",
			       readback, near.cmsg_ttl, near.wire_ttl);
	}
	if (far.cmsg_ttl != 8 || far.wire_ttl != 8) {
		return nt_fail(c,
			       "TTL 9 through the router: expected 8 at f (RFC "
			       "1812 s5.3.1) in "
			       "IP_TTL cmsg and on the wire; saw %d and %d",
			       far.cmsg_ttl, far.wire_ttl);
	}
	return nt_pass(
		c, "%s: a sees 9, f behind the router sees 8 (cmsg and wire)",
		driven ? "SetTTL 9" : "set_ttl(9)");
}

NT_BOTH_FORMS(mark_udp_tos, udp_tos)

NT_BOTH_FORMS(mark_udp_ttl, udp_ttl)

/* received_tos reads the TOS that TCP recorded for an accepted connection
   (IP_PKTOPTIONS with IP_RECVTOS), or -1. */
static int received_tos(int fd)
{
	union {
		struct cmsghdr align;
		char buf[256];
	} opts;
	socklen_t len = sizeof(opts.buf);
	struct msghdr msg;

	if (getsockopt(fd, IPPROTO_IP, IP_PKTOPTIONS, opts.buf, &len) != 0) {
		return -1;
	}
	memset(&msg, 0, sizeof(msg));
	msg.msg_control = opts.buf;
	msg.msg_controllen = len;
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&msg); cm != NULL;
	     cm = CMSG_NXTHDR(&msg, cm)) {
		if (cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_TOS) {
			return *CMSG_DATA(cm);
		}
	}
	return -1;
}

/* struct tcp_seen is what f saw of h's segments. */
struct tcp_seen {
	int segments;
	int bad_tos; /* segments with another TOS */
	int bad_ttl; /* segments with another TTL */
	int tos;     /* of the last bad one, or of any */
	int ttl;
	int pktoptions_tos;
};

/* tcp_capture reads h's segments to port from the raw capture. */
static void tcp_capture(int cap, uint16_t port, int tos, int ttl,
			struct tcp_seen *out)
{
	uint8_t pkt[2048];
	ssize_t n;

	while ((n = nt_capture(cap, nt_addr(NT_S2), NT_QUIET_MS, pkt,
			       sizeof(pkt))) > 0) {
		size_t ihl = (size_t)(pkt[0] & 15) * 4;

		if (pkt[9] != IPPROTO_TCP || (size_t)n < ihl + 4 ||
		    ((pkt[ihl + 2] << 8) | pkt[ihl + 3]) != port) {
			continue;
		}
		out->segments++;
		if (pkt[1] != tos || pkt[8] != ttl ||
		    out->bad_tos + out->bad_ttl == 0) {
			out->tos = pkt[1];
			out->ttl = pkt[8];
		}
		out->bad_tos += pkt[1] != tos;
		out->bad_ttl += pkt[8] != ttl;
	}
}

/* tcp_verdict checks that h read back TOS 0xb8 and TTL 9 (tos, ttl) and
   that f saw at least min segments, every one (which: those the case
   means) with TOS 0xb8 and TTL 8, into *seen. NT_PASS or a failure. */
static int tcp_verdict(struct nt_ctx *c, int cap, long tos, long ttl, int min,
		       const char *which, struct tcp_seen *seen)
{
	memset(seen, 0, sizeof(*seen));
	tcp_capture(cap, nt_port(c, 0), 0xb8, 8, seen);
	if (tos != 0xb8 || ttl != 9) {
		return nt_fail(c,
			       "read back: expected TOS 184 (0xb8) and TTL 9, "
			       "saw %ld and %ld",
			       tos, ttl);
	}
	if (seen->segments < min || seen->bad_tos != 0 || seen->bad_ttl != 0) {
		return nt_fail(c,
			       "expected every segment %s at f with TOS 0xb8 "
			       "and TTL 8; saw %d segments, %d with another "
			       "TOS, %d with another TTL (e.g. TOS %#x TTL %d)",
			       which, seen->segments, seen->bad_tos,
			       seen->bad_ttl, seen->tos, seen->ttl);
	}
	return NT_PASS;
}

int case_mark_tcp(struct nt_ctx *c)
{
	struct sockaddr_in far = nt_sin(nt_addr(NT_F0), nt_port(c, 0));
	int listener = nt_socket(c->topo, NT_F, SOCK_STREAM, 0);
	int cap = nt_socket(c->topo, NT_F, SOCK_RAW, IPPROTO_TCP);
	int fd = nt_socket(c->topo, NT_H, SOCK_STREAM, 0);
	int one = 1;
	struct ipv4_conn conn;
	struct tcp_seen seen;
	int tos = -1;
	int ttl = -1;
	int peer;
	char buf[32];

	if (listener < 0 || cap < 0 || fd < 0 ||
	    setsockopt(listener, IPPROTO_IP, IP_RECVTOS, &one, sizeof(one)) !=
		    0 ||
	    bind(listener, (const struct sockaddr *)&far, sizeof(far)) != 0 ||
	    listen(listener, 1) != 0) {
		return nt_fail(c, "TCP listener and capture on f: %s",
			       strerror(errno));
	}
	if (nt_check(c, ipv4_conn_init(&conn, fd), "conn_init") != NT_PASS ||
	    nt_check(c, ipv4_conn_set_tos(&conn, 0xb8), "conn_set_tos(0xb8)") !=
		    NT_PASS ||
	    nt_check(c, ipv4_conn_set_ttl(&conn, 9), "conn_set_ttl(9)") !=
		    NT_PASS ||
	    nt_check(c, ipv4_conn_tos(&conn, &tos), "conn_tos") != NT_PASS ||
	    nt_check(c, ipv4_conn_ttl(&conn, &ttl), "conn_ttl") != NT_PASS) {
		return NT_FAIL;
	}
	nt_step(c, "TCP connect h -> f through r");
	if (connect(fd, (const struct sockaddr *)&far, sizeof(far)) != 0 ||
	    send(fd, "marked", 6, 0) != 6) {
		return nt_fail(c, "connect/send to %s:%u: %s",
			       nt_ifaces[NT_F0].addr, nt_port(c, 0),
			       strerror(errno));
	}
	peer = accept(listener, NULL, NULL);
	if (peer < 0 || nt_readable(peer, NT_WAIT_MS) != 1 ||
	    recv(peer, buf, sizeof(buf), 0) != 6) {
		return nt_fail(c, "accept/recv on f: %s", strerror(errno));
	}
	if (tcp_verdict(c, cap, tos, ttl, 3, "(at least SYN, ACK, data)",
			&seen) != NT_PASS) {
		return NT_FAIL;
	}
	seen.pktoptions_tos = received_tos(peer);
	if (seen.pktoptions_tos != 0xb8) {
		return nt_fail(c,
			       "f's received TOS (IP_RECVTOS via "
			       "IP_PKTOPTIONS): expected 0xb8, "
			       "saw %#x",
			       seen.pktoptions_tos);
	}
	return nt_pass(c,
		       "conn_set_tos(0xb8), conn_set_ttl(9): all %d segments "
		       "at f had TOS 0xb8 "
		       "and TTL 8; f's received TOS 0xb8",
		       seen.segments);
}

/*
 * The driven form of mark/tcp-tos-ttl (drive.h): h's connection is the
 * implementation's probe's TCP handle t.
 */

/* drv_get asks "KIND s" and returns the number answered, or -1. */
static long drv_get(struct nt_ctx *c, struct nt_drv *d, const char *kind,
		    const char *name)
{
	if (nt_ask(c, d, 0, "%s %s", kind, name) != NT_PASS) {
		return -1;
	}
	return strtol(d->answer + 3, NULL, 10);
}

/*
 * drive_mark_tcp: the probe connects (its Conn exists only once
 * connected, as in Go), sets TOS 0xb8 and TTL 9 and closes; the protocol
 * has no TCP write, so what f checks is the closing FIN (and any later
 * segment): every one with TOS 0xb8 and TTL 8.
 */
int drive_mark_tcp(struct nt_ctx *c)
{
	struct sockaddr_in far = nt_sin(nt_addr(NT_F0), nt_port(c, 0));
	int listener = nt_socket(c->topo, NT_F, SOCK_STREAM, 0);
	int cap = nt_socket(c->topo, NT_F, SOCK_RAW, IPPROTO_TCP);
	struct tcp_seen seen;
	struct nt_drv d;
	long tos;
	long ttl;
	int peer;
	char buf[32];

	if (listener < 0 || cap < 0 ||
	    bind(listener, (const struct sockaddr *)&far, sizeof(far)) != 0 ||
	    listen(listener, 1) != 0) {
		return nt_fail(c, "TCP listener and capture on f: %s",
			       strerror(errno));
	}
	if (nt_drv_start(c, NT_H, &d) != NT_PASS ||
	    nt_ask(c, &d, 0, "connect t %s:%u", nt_ifaces[NT_F0].addr,
		   nt_port(c, 0)) != NT_PASS) {
		return NT_FAIL;
	}
	peer = accept(listener, NULL, NULL);
	if (peer < 0) {
		return nt_fail(c, "accept on f: %s", strerror(errno));
	}
	if (nt_ask(c, &d, 0, "SetTOS t 184") != NT_PASS ||
	    nt_ask(c, &d, 0, "SetTTL t 9") != NT_PASS ||
	    (tos = drv_get(c, &d, "TOS", "t")) < 0 ||
	    (ttl = drv_get(c, &d, "TTL", "t")) < 0) {
		return NT_FAIL;
	}
	nt_msleep(NT_QUIET_MS);
	nt_drain(cap);
	if (nt_ask(c, &d, 0, "close t") != NT_PASS) {
		return NT_FAIL;
	}
	if (nt_readable(peer, NT_WAIT_MS) != 1 ||
	    recv(peer, buf, sizeof(buf), 0) != 0) {
		return nt_fail(
			c,
			"f: expected the connection's end (FIN) after close t");
	}
	if (tcp_verdict(c, cap, tos, ttl, 1,
			"after SetTOS/SetTTL (at least the FIN)",
			&seen) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "SetTOS 184 (0xb8), SetTTL 9 on a connected Conn: read "
		       "back 184 and 9; "
		       "the %d segments after them (FIN included) reached f "
		       "with TOS 0xb8 and TTL 8",
		       seen.segments);
}
