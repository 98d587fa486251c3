/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_cmsg.c - control messages on the wire (control.h,
 * io.h; Go's SetControlMessage, ReadFrom and WriteTo; RFC 3542-style
 * IP_PKTINFO as Linux has it).
 *
 * Receive: h reads through libipv4 with control messages on, while a and
 * b send unicast, broadcast and multicast with plain sockets; each arrival
 * must name its destination and h's interface on the link it came by.
 * Send: h writes through libipv4 with control messages choosing the
 * source, the interface, the TTL and the TOS; plain sockets on a and b
 * check what arrived, and from where.
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
#include "netns-tests/under_test.h"

/* struct probe is one datagram to h: who sends it where, and on which of
   h's interfaces it must arrive. */
struct probe {
	enum nt_iface from;
	const char *dst;
	enum nt_iface arrives_on;
};

/* send_probes sends probe i as the text "probe-i" from its sender. */
static int send_probes(struct nt_ctx *c, const struct probe *p, size_t n,
		       uint16_t port)
{
	for (size_t i = 0; i < n; i++) {
		char tag[32];
		int fd = nt_sender(c->topo, nt_ifaces[p[i].from].host,
				   nt_addr(p[i].from));
		int rc = fd;

		snprintf(tag, sizeof(tag), "probe-%zu", i);
		if (fd >= 0) {
			rc = nt_send_tag(fd, nt_inaddr(p[i].dst), port, tag, 1);
			close(fd);
		}
		if (rc != 0) {
			return nt_fail(c, "%s sending to %s: %s",
				       nt_ifaces[p[i].from].addr, p[i].dst,
				       strerror(-rc));
		}
	}
	return NT_PASS;
}

/* check_arrival compares one datagram's control message with its probe. */
static void check_arrival(struct nt_ctx *c, const struct probe *p,
			  const struct ipv4_control_message *cm, int *ok)
{
	unsigned int want_if = c->topo->ifindex[p->arrives_on];
	unsigned need = IPV4_FLAG_DST | IPV4_FLAG_INTERFACE;

	if ((cm->flags & need) != need ||
	    cm->dst.s_addr != nt_inaddr(p->dst).s_addr ||
	    cm->ifindex != want_if) {
		nt_fail(c,
			"from %s to %s: expected dst %s ifindex %u (%s), saw "
			"dst %s ifindex %u "
			"(flags %#x)",
			nt_ifaces[p->from].addr, p->dst, p->dst, want_if,
			nt_ifaces[p->arrives_on].name, nt_ntoa(cm->dst),
			cm->ifindex, cm->flags);
		return;
	}
	(*ok)++;
}

/* each_once: every probe arrived on h exactly once (seen[i] times);
   NT_PASS, or NT_FAIL when one did not or c failed before. */
static int each_once(struct nt_ctx *c, const struct probe *p, const int seen[],
		     size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (seen[i] != 1) {
			nt_fail(c,
				"from %s to %s: expected 1 arrival on h, saw "
				"%d",
				nt_ifaces[p[i].from].addr, p[i].dst, seen[i]);
		}
	}
	return c->failed ? NT_FAIL : NT_PASS;
}

/* receive_probes reads what h got and checks each against its probe. */
static int receive_probes(struct nt_ctx *c, struct ipv4_packet_conn *pc,
			  const struct probe *p, size_t n)
{
	struct nt_wait w = nt_wait_start((int)n, NT_QUIET_MS);
	int seen[16] = { 0 };
	int ok = 0;
	int got = 0;
	int rc;
	uint8_t buf[64];
	struct ipv4_control_message cm;

	for (;;) {
		unsigned i;

		rc = nt_lib_read(pc, buf, sizeof(buf) - 1, nt_wait_ms(&w, got),
				 &cm, NULL);
		if (rc < 0) {
			break;
		}
		got++;

		buf[rc] = '\0';
		if (sscanf((const char *)buf, "probe-%u", &i) != 1 || i >= n) {
			continue;
		}
		seen[i]++;
		check_arrival(c, &p[i], &cm, &ok);
	}
	if (rc != IPV4_ETIMEOUT) {
		return nt_fail(c, "read_from on h: %s", ipv4_strerror(rc));
	}
	return each_once(c, p, seen, n);
}

static int drv_receive_probes(struct nt_ctx *c, struct nt_drv *d,
			      const struct probe *p, size_t n);

/* run_probes opens h's socket under test with the DST and INTERFACE
   control messages (joined to group on s0 and s1 when group is not NULL),
   sends the probes p and checks where each arrived. */
static int run_probes(struct nt_ctx *c, bool driven, const struct probe *p,
		      size_t n, const char *group)
{
	struct nt_ut ut;

	if (nt_ut_udp(c, driven, nt_port(c, 0), &ut) != NT_PASS ||
	    (driven ? nt_ask(c, &ut.d, 0,
			     "SetControlMessage r dst,interface true")
		    : nt_check(c,
			       ipv4_packet_conn_set_control_message(
				       &ut.pc,
				       IPV4_FLAG_DST | IPV4_FLAG_INTERFACE,
				       true),
			       "set_control_message(DST|INTERFACE)")) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	if (group != NULL &&
	    (nt_ut_member(c, &ut, NT_JOIN, NT_S0, group, NULL) != NT_PASS ||
	     nt_ut_member(c, &ut, NT_JOIN, NT_S1, group, NULL) != NT_PASS)) {
		return NT_FAIL;
	}
	if (send_probes(c, p, n, ut.port) != NT_PASS) {
		return NT_FAIL;
	}
	return driven ? drv_receive_probes(c, &ut.d, p, n)
		      : receive_probes(c, &ut.pc, p, n);
}

static int unicast(struct nt_ctx *c, bool driven)
{
	const struct probe p[] = {
		{ NT_A0, "198.18.1.1", NT_S0 },
		{ NT_B0, "198.18.2.1", NT_S1 },
	};

	if (run_probes(c, driven, p, 2, NULL) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c, "a->198.18.1.1 arrived on s0, b->198.18.2.1 on s1, "
			  "dst as sent");
}

static int broadcast(struct nt_ctx *c, bool driven)
{
	const struct probe p[] = {
		{ NT_A0, "198.18.1.255", NT_S0 },
		{ NT_A0, "255.255.255.255", NT_S0 },
		{ NT_B0, "198.18.2.255", NT_S1 },
		{ NT_B0, "255.255.255.255", NT_S1 },
	};

	if (run_probes(c, driven, p, 4, NULL) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c, "subnet and limited broadcasts: dst as sent, ifindex "
			  "s0 from a and s1 "
			  "from b");
}

static int multicast(struct nt_ctx *c, bool driven)
{
	const struct probe p[] = {
		{ NT_A0, "239.6.3.1", NT_S0 },
		{ NT_B0, "239.6.3.1", NT_S1 },
	};

	if (run_probes(c, driven, p, 2, "239.6.3.1") != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c, "239.6.3.1 joined on s0 and s1: a's arrived with "
			  "ifindex s0, b's with s1");
}

NT_BOTH_FORMS(cmsg_unicast, unicast)

NT_BOTH_FORMS(cmsg_broadcast, broadcast)

NT_BOTH_FORMS(cmsg_multicast, multicast)

/* watch opens a plain socket on iface's host at port with PKTINFO etc. */
static int watch(struct nt_ctx *c, enum nt_iface iface, uint16_t port,
		 const char *group)
{
	int fd = nt_udp(c->topo, nt_ifaces[iface].host, (struct in_addr){ 0 },
			port, true);
	int rc = fd < 0 ? fd : nt_observe(fd);

	if (rc >= 0 && group != NULL) {
		rc = nt_join(fd, nt_inaddr(group), c->topo->ifindex[iface]);
	}
	if (rc < 0) {
		nt_fail(c, "watcher on %s: %s", nt_ifaces[iface].name,
			strerror(-rc));
		return -1;
	}
	return fd;
}

static int arrived_via(struct nt_ctx *c, const char *dst, const char *src,
		       enum nt_iface via, int fa, int fb);

/* sent_via: one write from ut (WriteTo on handle s when driven) with
   source src and interface via to dst; then where it arrived. */
static int sent_via(struct nt_ctx *c, struct nt_ut *ut, const char *dst,
		    const char *src, enum nt_iface via, int fa, int fb)
{
	struct ipv4_control_message cm;
	struct sockaddr_in to = nt_sin(nt_inaddr(dst), nt_port(c, 0));
	char text[64];
	int rc;

	if (ut->driven) {
		snprintf(text, sizeof(text), "%s%s%sif=%s",
			 src != NULL ? "src=" : "", src != NULL ? src : "",
			 src != NULL ? "," : "", nt_ifaces[via].name);
		if (nt_ask(c, &ut->d, 0, "WriteTo s 706b74696e666f %s %s:%u",
			   text, dst, nt_port(c, 0)) != NT_PASS) {
			return NT_FAIL;
		}
		return arrived_via(c, dst, src, via, fa, fb);
	}
	memset(&cm, 0, sizeof(cm));
	cm.flags = IPV4_FLAG_INTERFACE | (src != NULL ? IPV4_FLAG_SRC : 0);
	cm.ifindex = c->topo->ifindex[via];
	if (src != NULL) {
		cm.src = nt_inaddr(src);
	}
	rc = ipv4_packet_conn_write_to(&ut->pc, (const uint8_t *)"pktinfo", 7,
				       &cm, &to);
	if (rc != 7) {
		return nt_fail(c, "write_to(%s) via %s from %s: %s", dst,
			       nt_ifaces[via].name, src != NULL ? src : "-",
			       ipv4_strerror(rc));
	}
	return arrived_via(c, dst, src, via, fa, fb);
}

/* arrived_via: the 7 bytes written to dst from src via the interface via
   arrived on via's link only, from src. */
static int arrived_via(struct nt_ctx *c, const char *dst, const char *src,
		       enum nt_iface via, int fa, int fb)
{
	enum nt_iface link_peer = nt_ifaces[via].peer;
	int want_fd = link_peer == NT_A0 ? fa : fb;
	int other_fd = link_peer == NT_A0 ? fb : fa;
	char buf[64];
	struct nt_rx rx;
	ssize_t n;

	n = nt_recv(want_fd, buf, sizeof(buf), NT_WAIT_MS, &rx);
	if (n != 7) {
		return nt_fail(
			c,
			"to %s via %s: expected arrival at %s, saw none (%s)",
			dst, nt_ifaces[via].name,
			nt_host_name(nt_ifaces[link_peer].host),
			strerror(n < 0 ? (int)-n : EMSGSIZE));
	}
	if (src != NULL && rx.from.sin_addr.s_addr != nt_inaddr(src).s_addr) {
		return nt_fail(c, "to %s via %s: expected source %s, saw %s",
			       dst, nt_ifaces[via].name, src,
			       nt_ntoa(rx.from.sin_addr));
	}
	if (nt_readable(other_fd, NT_QUIET_MS) != 0) {
		return nt_fail(
			c, "to %s via %s: it also arrived on the other link",
			dst, nt_ifaces[via].name);
	}
	return NT_PASS;
}

/* The writes of cmsg/pktinfo-send, in order: dst, src (NULL: none), the
   interface. The driven form leaves out the first, the broadcast, which
   needs SO_BROADCAST: the protocol has no request for it. */
static const struct {
	const char *dst;
	const char *src;
	enum nt_iface via;
} pktinfo_writes[] = {
	{ "255.255.255.255", "198.18.1.1", NT_S1 },
	{ "198.18.1.2", "198.18.2.1", NT_S0 },
	{ "239.6.4.1", NULL, NT_S1 },
	{ "239.6.4.1", "198.18.2.1", NT_S0 },
};

static int pktinfo_send(struct nt_ctx *c, bool driven)
{
	struct nt_ut ut;
	uint16_t port;
	int one = 1;
	int fa;
	int fb;

	memset(&ut, 0, sizeof(ut));
	ut.driven = driven;
	if (driven) {
		if (nt_drv_udp(c, NT_H, "s", &ut.d, &port) != NT_PASS) {
			return NT_FAIL;
		}
	} else if (nt_check(c,
			    nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 }, 0,
				       false, &ut.pc),
			    "UDP socket on h") != NT_PASS) {
		return NT_FAIL;
	} else if (setsockopt(ut.pc.fd, SOL_SOCKET, SO_BROADCAST, &one,
			      sizeof(one)) != 0) {
		return nt_fail(c, "SO_BROADCAST: %s", strerror(errno));
	}
	fa = watch(c, NT_A0, nt_port(c, 0), "239.6.4.1");
	fb = watch(c, NT_B0, nt_port(c, 0), "239.6.4.1");
	if (fa < 0 || fb < 0) {
		return NT_FAIL;
	}
	for (size_t i = driven ? 1 : 0; i < 4; i++) {
		if (sent_via(c, &ut, pktinfo_writes[i].dst,
			     pktinfo_writes[i].src, pktinfo_writes[i].via, fa,
			     fb) != NT_PASS) {
			return NT_FAIL;
		}
	}
	if (driven) {
		return nt_pass(c, "unicast to a from s1's address (src=, "
				  "if=s0); 239.6.4.1 via s1 only to b, via s0 "
				  "only to a (the broadcast of the direct "
				  "form needs SO_BROADCAST, which the protocol "
				  "has no request for)");
	}
	return nt_pass(c, "255.255.255.255 via s1 from s0's address reached "
			  "only b with that source; unicast to a from s1's "
			  "address; 239.6.4.1 via s1 only to b, via s0 only "
			  "to a");
}

NT_BOTH_FORMS(cmsg_pktinfo_send, pktinfo_send)

int case_cmsg_ttl_tos_send(struct nt_ctx *c)
{
	struct ipv4_packet_conn pc;
	struct ipv4_control_message cm;
	struct sockaddr_in to = nt_sin(nt_addr(NT_A0), nt_port(c, 0));
	struct nt_rx with;
	struct nt_rx without;
	char buf[16];
	int fa;

	if (nt_check(c,
		     nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 }, 0, false,
				&pc),
		     "UDP socket on h") != NT_PASS) {
		return NT_FAIL;
	}
	fa = watch(c, NT_A0, nt_port(c, 0), NULL);
	if (fa < 0) {
		return NT_FAIL;
	}
	memset(&cm, 0, sizeof(cm));
	cm.flags = IPV4_FLAG_TTL | IPV4_FLAG_TOS;
	cm.ttl = 5;
	cm.tos = 0x48;
	if (ipv4_packet_conn_write_to(&pc, (const uint8_t *)"cm", 2, &cm,
				      &to) != 2 ||
	    nt_recv(fa, buf, sizeof(buf), NT_WAIT_MS, &with) != 2 ||
	    ipv4_packet_conn_write_to(&pc, (const uint8_t *)"no", 2, NULL,
				      &to) != 2 ||
	    nt_recv(fa, buf, sizeof(buf), NT_WAIT_MS, &without) != 2) {
		return nt_fail(c, "write_to a with and without TTL/TOS control "
				  "messages: not received");
	}
	if (with.ttl != 5 || with.tos != 0x48) {
		return nt_fail(c,
			       "control message TTL 5, TOS 0x48: expected them "
			       "on arrival, saw TTL "
			       "%d TOS %#x",
			       with.ttl, with.tos);
	}
	if (without.ttl != 64 || without.tos != 0) {
		return nt_fail(c,
			       "next write without control message: expected "
			       "the socket's TTL 64 "
			       "and TOS 0, saw %d and %#x",
			       without.ttl, without.tos);
	}
	return nt_pass(c, "per-datagram TTL 5 / TOS 0x48 arrived as sent; the "
			  "next datagram had "
			  "the socket's 64 / 0");
}

int case_cmsg_ttl_tos_receive(struct nt_ctx *c)
{
	struct ipv4_packet_conn pc;
	struct ipv4_control_message cm;
	uint8_t buf[16];
	int ttl = 33;
	int tos = 0x20;
	int fa = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	int rc;

	if (fa < 0 ||
	    setsockopt(fa, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) != 0 ||
	    setsockopt(fa, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)) != 0) {
		return nt_fail(c, "sender on a: %s",
			       strerror(fa < 0 ? -fa : errno));
	}
	if (nt_check(c,
		     nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 },
				nt_port(c, 0), false, &pc),
		     "UDP socket on h") != NT_PASS ||
	    nt_check(c,
		     ipv4_packet_conn_set_control_message(
			     &pc, IPV4_FLAG_TTL | IPV4_FLAG_TOS, true),
		     "set_control_message(TTL|TOS)") != NT_PASS ||
	    nt_send_tag(fa, nt_addr(NT_S0), nt_port(c, 0), "marked", 1) != 0) {
		return NT_FAIL;
	}
	rc = nt_lib_read(&pc, buf, sizeof(buf), NT_WAIT_MS, &cm, NULL);
	if (rc != 6) {
		return nt_fail(c, "read_from on h: %s",
			       rc < 0 ? ipv4_strerror(rc) : "wrong length");
	}
	if ((cm.flags & (IPV4_FLAG_TTL | IPV4_FLAG_TOS)) !=
		    (IPV4_FLAG_TTL | IPV4_FLAG_TOS) ||
	    cm.ttl != 33 || cm.tos != 0x20) {
		return nt_fail(c,
			       "a sent TTL 33 TOS 0x20: expected both in h's "
			       "control message, saw "
			       "flags %#x TTL %u TOS %#x",
			       cm.flags, cm.ttl, cm.tos);
	}
	return nt_pass(c, "a's TTL 33 and TOS 0x20 read through read_from's "
			  "control message");
}

/*
 * The driven forms (drive.h): h's socket is the implementation's probe,
 * handle r (receiving) or s (sending), on 0.0.0.0 and a port the kernel
 * picks. Go's ControlMessage has no TOS, so the driven forms check the
 * TTL alone where the direct ones check TTL and TOS; and the protocol
 * has no SO_BROADCAST (Go sets it on every UDP socket, libipv4 leaves
 * sockets as the caller made them), so pktinfo-send leaves out the
 * broadcast.
 */

/* drv_cm_item finds "KEY=" in a cm= text and copies its value. */
static bool drv_cm_item(const char *cm, const char *key, char *out, size_t cap)
{
	size_t klen = strlen(key);

	for (const char *p = cm; (p = strstr(p, key)) != NULL; p++) {
		if ((p == cm || p[-1] == ' ') && p[klen] == '=') {
			snprintf(out, cap, "%.*s",
				 (int)strcspn(p + klen + 1, " "), p + klen + 1);
			return true;
		}
	}
	return false;
}

/* drv_check_src: a control message's src must be <nil>, or the sender
   (Go copies it there: row S3). */
static void drv_check_src(struct nt_ctx *c, const char *cm, const char *sender)
{
	char src[32] = "";

	drv_cm_item(cm, "src", src, sizeof(src));
	if (strcmp(src, "<nil>") == 0) {
		return;
	}
	if (strcmp(src, sender) == 0) {
		nt_differs(c, "S3",
			   "the control message of %s's datagram says src=%s",
			   sender, src);
		return;
	}
	nt_fail(c,
		"the control message of %s's datagram: expected src=<nil>, saw "
		"%s",
		sender, cm);
}

/* drv_receive_probes reads what r got and checks each against its probe. */
static int drv_receive_probes(struct nt_ctx *c, struct nt_drv *d,
			      const struct probe *p, size_t n)
{
	struct nt_wait w = nt_wait_start((int)n, NT_QUIET_MS);
	int seen[16] = { 0 };
	int got = 0;

	for (;;) {
		char data[128];
		char text[64];
		char dst[32] = "";
		char ifindex[16] = "";
		const char *cm;
		unsigned i;
		size_t len;
		int rc = nt_drv_read(c, d, "r", 64, nt_wait_ms(&w, got), data,
				     sizeof(data));

		if (rc < 0) {
			return NT_FAIL;
		}
		if (rc == 0) {
			break;
		}
		cm = nt_answer_rest(d, "cm");
		got++;
		len = strlen(data) / 2;
		for (size_t k = 0; k < len && k + 1 < sizeof(text); k++) {
			char byte[3] = { data[2 * k], data[2 * k + 1], '\0' };

			text[k] = (char)strtoul(byte, NULL, 16);
			text[k + 1] = '\0';
		}
		if (sscanf(text, "probe-%u", &i) != 1 || i >= n) {
			continue;
		}
		seen[i]++;
		drv_cm_item(cm, "dst", dst, sizeof(dst));
		drv_cm_item(cm, "ifindex", ifindex, sizeof(ifindex));
		if (strcmp(dst, p[i].dst) != 0 ||
		    strtoul(ifindex, NULL, 10) !=
			    c->topo->ifindex[p[i].arrives_on]) {
			nt_fail(c,
				"from %s to %s: expected dst=%s ifindex=%u "
				"(%s), saw cm=%s",
				nt_ifaces[p[i].from].addr, p[i].dst, p[i].dst,
				c->topo->ifindex[p[i].arrives_on],
				nt_ifaces[p[i].arrives_on].name, cm);
		}
		drv_check_src(c, cm, nt_ifaces[p[i].from].addr);
	}
	return each_once(c, p, seen, n);
}

int drive_cmsg_ttl_tos_send(struct nt_ctx *c)
{
	struct nt_rx with;
	struct nt_rx without;
	struct nt_drv d;
	uint16_t port;
	char buf[16];
	int fa;

	if (nt_drv_udp(c, NT_H, "s", &d, &port) != NT_PASS) {
		return NT_FAIL;
	}
	fa = watch(c, NT_A0, nt_port(c, 0), NULL);
	if (fa < 0) {
		return NT_FAIL;
	}
	if (nt_ask(c, &d, 0, "WriteTo s 636d ttl=5 198.18.1.2:%u",
		   nt_port(c, 0)) != NT_PASS ||
	    nt_recv(fa, buf, sizeof(buf), NT_WAIT_MS, &with) != 2 ||
	    nt_ask(c, &d, 0, "WriteTo s 6e6f - 198.18.1.2:%u", nt_port(c, 0)) !=
		    NT_PASS ||
	    nt_recv(fa, buf, sizeof(buf), NT_WAIT_MS, &without) != 2) {
		return nt_fail(c, "WriteTo a with and without a TTL control "
				  "message: not received");
	}
	if (with.ttl == 64) {
		nt_differs(c, "C8",
			   "the datagram written with ttl=5 arrived with the "
			   "socket's TTL 64");
	} else if (with.ttl != 5) {
		return nt_fail(c,
			       "control message TTL 5: expected it on arrival, "
			       "saw TTL %d",
			       with.ttl);
	}
	if (without.ttl != 64) {
		return nt_fail(c,
			       "next write without control message: expected "
			       "the socket's TTL 64, "
			       "saw %d",
			       without.ttl);
	}
	return nt_pass(c,
		       "per-datagram TTL 5 arrived %s, the next datagram had "
		       "the socket's 64 "
		       "(Go's ControlMessage has no TOS to send)",
		       with.ttl == 5 ? "as sent" : "as 64");
}

int drive_cmsg_ttl_tos_receive(struct nt_ctx *c)
{
	int ttl = 33;
	int fa = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	struct nt_drv d;
	char got[16] = "";
	uint16_t port;

	if (fa < 0 ||
	    setsockopt(fa, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) != 0) {
		return nt_fail(c, "sender on a: %s",
			       strerror(fa < 0 ? -fa : errno));
	}
	if (nt_drv_udp(c, NT_H, "r", &d, &port) != NT_PASS ||
	    nt_ask(c, &d, 0, "SetControlMessage r ttl true") != NT_PASS ||
	    nt_send_tag(fa, nt_addr(NT_S0), port, "marked", 1) != 0 ||
	    nt_ask(c, &d, NT_WAIT_MS, "ReadFrom r 16 %d", NT_WAIT_MS) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	drv_cm_item(nt_answer_rest(&d, "cm"), "ttl", got, sizeof(got));
	if (strcmp(got, "33") != 0) {
		return nt_fail(c,
			       "a sent TTL 33: expected ttl=33 in h's control "
			       "message, the probe "
			       "answered %s",
			       d.answer);
	}
	drv_check_src(c, nt_answer_rest(&d, "cm"), nt_ifaces[NT_A0].addr);
	return nt_pass(c, "a's TTL 33 read through ReadFrom's control message "
			  "(Go's has no TOS)");
}
