/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_mcopt.c - the multicast sending and receiving options.
 *
 * h sends or receives through libipv4 with IP_MULTICAST_IF, _TTL, _LOOP and
 * _ALL set by it; plain sockets on a and b (joined to the group on their
 * link) watch what arrives and with which TTL. All but mcast/all-on-off
 * have a driven form (drive.h), the same body with the implementation's
 * probe as h's sender; Go has no IP_MULTICAST_ALL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netns-tests/case_list.h"
#include "netns-tests/drive.h"
#include "netns-tests/drive_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"

enum {
	SENDS = 3
};

/* watcher opens a plain socket on host bound to port, joined to group on
   iface, with TTL/TOS/PKTINFO reporting on. */
static int watcher(struct nt_ctx *c, enum nt_iface iface, const char *group,
		   uint16_t port, int *out_fd)
{
	int fd = nt_udp(c->topo, nt_ifaces[iface].host, (struct in_addr){ 0 },
			port, true);
	int rc = fd;

	if (fd >= 0) {
		rc = nt_join(fd, nt_inaddr(group), c->topo->ifindex[iface]);
	}
	if (rc >= 0) {
		rc = nt_observe(fd);
	}
	if (rc < 0) {
		return nt_fail(c, "watcher on %s joined to %s: %s",
			       nt_ifaces[iface].name, group, strerror(-rc));
	}
	*out_fd = fd;
	return NT_PASS;
}

/* struct tx_ut is h's sender under test: libipv4's packet connection, or
   the implementation's probe holding handle s (drive.h). */
struct tx_ut {
	bool driven;
	struct ipv4_packet_conn pc;
	struct nt_drv d;
};

/* sender opens h's UDP socket, unbound, or the probe's handle s. */
static int sender(struct nt_ctx *c, bool driven, struct tx_ut *ut)
{
	uint16_t port;

	ut->driven = driven;
	if (driven) {
		return nt_drv_udp(c, NT_H, "s", &ut->d, &port);
	}
	return nt_check(c,
			nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 }, 0,
				   false, &ut->pc),
			"UDP socket on h");
}

/* send_n writes tag times times to group:port. */
static int send_n(struct nt_ctx *c, struct tx_ut *ut, const char *group,
		  uint16_t port, const char *tag, int times)
{
	struct sockaddr_in dst = nt_sin(nt_inaddr(group), port);
	char hex[64];

	nt_hex(tag, strlen(tag), hex, sizeof(hex));
	for (int i = 0; i < times; i++) {
		int rc;

		if (ut->driven) {
			if (nt_ask(c, &ut->d, 0, "WriteTo s %s - %s:%u", hex,
				   group, port) != NT_PASS) {
				return NT_FAIL;
			}
			continue;
		}
		rc = ipv4_packet_conn_write_to(&ut->pc, (const uint8_t *)tag,
					       strlen(tag), NULL, &dst);
		if (rc != (int)strlen(tag)) {
			return nt_fail(c, "write_to(%s): %s", group,
				       ipv4_strerror(rc));
		}
	}
	return NT_PASS;
}

/* set_mcast_if sets the multicast interface; the driven form reads it
   back too: the name, or "-", since Linux keeps no index for an
   interface set by index and both libipv4 and Go then answer "-"
   (SOCKET-PROBE.md; row O1). */
static int set_mcast_if(struct nt_ctx *c, struct tx_ut *ut, enum nt_iface iface)
{
	const char *name = nt_ifaces[iface].name;
	char call[64];

	if (!ut->driven) {
		snprintf(call, sizeof(call), "set_multicast_interface(%s)",
			 name);
		return nt_check(c,
				ipv4_packet_conn_set_multicast_interface(
					&ut->pc, c->topo->ifindex[iface]),
				call);
	}
	if (nt_ask(c, &ut->d, 0, "SetMulticastInterface s %s", name) !=
		    NT_PASS ||
	    nt_ask(c, &ut->d, 0, "MulticastInterface s") != NT_PASS) {
		return NT_FAIL;
	}
	if (strcmp(ut->d.answer + 3, "-") != 0 &&
	    strcmp(ut->d.answer + 3, name) != 0) {
		return nt_fail(c,
			       "MulticastInterface after SetMulticastInterface "
			       "%s: expected ok %s "
			       "or ok -, the probe answered %s",
			       name, name, ut->d.answer);
	}
	return NT_PASS;
}

static int interface_selects_link(struct nt_ctx *c, bool driven)
{
	const char *group = "239.4.1.1";
	struct tx_ut ut;
	int fa;
	int fb;
	int via_s1[2];
	int via_s0[2];

	if (sender(c, driven, &ut) != NT_PASS ||
	    watcher(c, NT_A0, group, nt_port(c, 0), &fa) != NT_PASS ||
	    watcher(c, NT_B0, group, nt_port(c, 0), &fb) != NT_PASS ||
	    set_mcast_if(c, &ut, NT_S1) != NT_PASS ||
	    send_n(c, &ut, group, nt_port(c, 0), "via-s1", SENDS) != NT_PASS) {
		return NT_FAIL;
	}
	via_s1[0] = nt_count(fa, "via-s1", 6, 0, NULL);
	via_s1[1] = nt_count(fb, "via-s1", 6, SENDS, NULL);
	if (set_mcast_if(c, &ut, NT_S0) != NT_PASS ||
	    send_n(c, &ut, group, nt_port(c, 0), "via-s0", SENDS) != NT_PASS) {
		return NT_FAIL;
	}
	via_s0[0] = nt_count(fa, "via-s0", 6, SENDS, NULL);
	via_s0[1] = nt_count(fb, "via-s0", 6, 0, NULL);
	if (nt_expect_two(c, via_s1, 0, SENDS,
			  "multicast interface s1: expected 0 datagrams on "
			  "link A and %d on link B",
			  SENDS) != NT_PASS ||
	    nt_expect_two(c, via_s0, SENDS, 0,
			  "multicast interface s0: expected %d datagrams on "
			  "link A and 0 on link B",
			  SENDS) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(
		c,
		"interface s1: 0 on A, %d on B; interface s0: %d on A, 0 on B",
		SENDS, SENDS);
}

/* ttl_seen sends one datagram and returns the TTL a's watcher saw, or -1. */
static int ttl_seen(struct nt_ctx *c, struct tx_ut *ut, int fa,
		    const char *group)
{
	char buf[64];
	struct nt_rx rx;

	if (send_n(c, ut, group, nt_port(c, 0), "ttl", 1) != NT_PASS ||
	    nt_recv(fa, buf, sizeof(buf), NT_WAIT_MS, &rx) != 3) {
		return -1;
	}
	return rx.ttl;
}

/* set_mcast_ttl sets the multicast TTL and reads it back into *out. */
static int set_mcast_ttl(struct nt_ctx *c, struct tx_ut *ut, int ttl, int *out)
{
	if (ut->driven) {
		if (nt_ask(c, &ut->d, 0, "SetMulticastTTL s %d", ttl) !=
			    NT_PASS ||
		    nt_ask(c, &ut->d, 0, "MulticastTTL s") != NT_PASS) {
			return NT_FAIL;
		}
		*out = (int)strtol(ut->d.answer + 3, NULL, 10);
		return NT_PASS;
	}
	if (nt_check(c, ipv4_packet_conn_set_multicast_ttl(&ut->pc, ttl),
		     "set_multicast_ttl") != NT_PASS) {
		return NT_FAIL;
	}
	return nt_check(c, ipv4_packet_conn_multicast_ttl(&ut->pc, out),
			"multicast_ttl");
}

static int ttl_seen_by_receiver(struct nt_ctx *c, bool driven)
{
	const char *group = "239.4.2.1";
	struct tx_ut ut;
	int fa;
	int got_default;
	int got_set;
	int readback = 0;

	if (sender(c, driven, &ut) != NT_PASS ||
	    watcher(c, NT_A0, group, nt_port(c, 0), &fa) != NT_PASS) {
		return NT_FAIL;
	}
	got_default = ttl_seen(c, &ut, fa, group);
	if (set_mcast_ttl(c, &ut, 7, &readback) != NT_PASS) {
		return NT_FAIL;
	}
	got_set = ttl_seen(c, &ut, fa, group);
	if (got_default != 1) {
		return nt_fail(c,
			       "default multicast TTL: expected 1 (RFC 1112 "
			       "s6.1) on arrival, saw %d",
			       got_default);
	}
	if (got_set != 7 || readback != 7) {
		return nt_fail(c,
			       "multicast TTL 7: expected 7 on arrival and "
			       "read back, saw %d and %d",
			       got_set, readback);
	}
	return nt_pass(
		c, "arrived with TTL 1 by default, 7 after %s (read back 7)",
		driven ? "SetMulticastTTL 7" : "set_multicast_ttl(7)");
}

/* loopback sets multicast loopback to on (unless set is false) and reads
   it back into *out. */
static int loopback(struct nt_ctx *c, struct tx_ut *ut, bool set, bool on,
		    bool *out)
{
	if (ut->driven) {
		if ((set && nt_ask(c, &ut->d, 0, "SetMulticastLoopback s %s",
				   on ? "true" : "false") != NT_PASS) ||
		    nt_ask(c, &ut->d, 0, "MulticastLoopback s") != NT_PASS) {
			return NT_FAIL;
		}
		if (strcmp(ut->d.answer, "ok true") != 0 &&
		    strcmp(ut->d.answer, "ok false") != 0) {
			return nt_fail(c,
				       "MulticastLoopback: expected ok true or "
				       "ok false, the probe "
				       "answered %s",
				       ut->d.answer);
		}
		*out = strcmp(ut->d.answer, "ok true") == 0;
		return NT_PASS;
	}
	if (set &&
	    nt_check(c, ipv4_packet_conn_set_multicast_loopback(&ut->pc, on),
		     "set_multicast_loopback(false)") != NT_PASS) {
		return NT_FAIL;
	}
	return nt_check(c, ipv4_packet_conn_multicast_loopback(&ut->pc, out),
			"multicast_loopback");
}

static int loopback_on_off(struct nt_ctx *c, bool driven)
{
	const char *group = "239.4.3.1";
	struct tx_ut ut;
	bool on_default = false;
	bool on_after = true;
	int local;
	int fa;
	int with_loop[2];
	int without[2];

	if (sender(c, driven, &ut) != NT_PASS ||
	    watcher(c, NT_S0, group, nt_port(c, 0), &local) != NT_PASS ||
	    watcher(c, NT_A0, group, nt_port(c, 0), &fa) != NT_PASS ||
	    set_mcast_if(c, &ut, NT_S0) != NT_PASS ||
	    loopback(c, &ut, false, true, &on_default) != NT_PASS ||
	    send_n(c, &ut, group, nt_port(c, 0), "loop-on", SENDS) != NT_PASS) {
		return NT_FAIL;
	}
	with_loop[0] = nt_count(local, "loop-on", 7, SENDS, NULL);
	with_loop[1] = nt_count(fa, "loop-on", 7, SENDS, NULL);
	if (loopback(c, &ut, true, false, &on_after) != NT_PASS ||
	    send_n(c, &ut, group, nt_port(c, 0), "loop-of", SENDS) != NT_PASS) {
		return NT_FAIL;
	}
	without[0] = nt_count(local, "loop-of", 7, 0, NULL);
	without[1] = nt_count(fa, "loop-of", 7, SENDS, NULL);
	if (!on_default || on_after) {
		return nt_fail(c,
			       "multicast_loopback read back: expected on by "
			       "default and off after "
			       "set, saw %s and %s",
			       on_default ? "on" : "off",
			       on_after ? "on" : "off");
	}
	if (nt_expect_two(c, with_loop, SENDS, SENDS,
			  "loopback on: expected %d datagrams on h's own "
			  "socket and %d on a",
			  SENDS, SENDS) != NT_PASS ||
	    nt_expect_two(c, without, 0, SENDS,
			  "loopback off: expected 0 datagrams on h's own "
			  "socket and %d on a",
			  SENDS) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(
		c, "loopback on: %d on h and %d on a; off: 0 on h and %d on a",
		SENDS, SENDS, SENDS);
}

NT_BOTH_FORMS(mcast_interface, interface_selects_link)

NT_BOTH_FORMS(mcast_ttl, ttl_seen_by_receiver)

NT_BOTH_FORMS(mcast_loopback, loopback_on_off)

int case_mcast_all(struct nt_ctx *c)
{
	const char *group = "239.4.4.1";
	struct ipv4_packet_conn lone;
	bool all_default = false;
	bool all_after = true;
	int member;
	int fa;
	int on[2];
	int off[2];

	if (nt_check(c,
		     nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 },
				nt_port(c, 0), true, &lone),
		     "UDP socket on h") != NT_PASS ||
	    watcher(c, NT_S0, group, nt_port(c, 0), &member) != NT_PASS) {
		return NT_FAIL;
	}
	fa = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	if (fa < 0) {
		return nt_fail(c, "sender on a: %s", strerror(-fa));
	}
	if (nt_check(c, ipv4_packet_conn_multicast_all(&lone, &all_default),
		     "multicast_all") != NT_PASS ||
	    nt_send_tag(fa, nt_inaddr(group), nt_port(c, 0), "all-on", SENDS) !=
		    0) {
		return NT_FAIL;
	}
	on[0] = nt_lib_count(&lone, "all-on", 6, SENDS, NULL);
	on[1] = nt_count(member, "all-on", 6, SENDS, NULL);
	if (nt_check(c, ipv4_packet_conn_set_multicast_all(&lone, false),
		     "set_multicast_all(false)") != NT_PASS ||
	    nt_check(c, ipv4_packet_conn_multicast_all(&lone, &all_after),
		     "multicast_all") != NT_PASS ||
	    nt_send_tag(fa, nt_inaddr(group), nt_port(c, 0), "all-of", SENDS) !=
		    0) {
		return NT_FAIL;
	}
	off[0] = nt_lib_count(&lone, "all-of", 6, 0, NULL);
	off[1] = nt_count(member, "all-of", 6, SENDS, NULL);
	if (!all_default || all_after) {
		return nt_fail(c,
			       "multicast_all read back: expected on by "
			       "default and off after set, "
			       "saw %s and %s",
			       all_default ? "on" : "off",
			       all_after ? "on" : "off");
	}
	if (nt_expect_two(c, on, SENDS, SENDS,
			  "IP_MULTICAST_ALL on: expected the unjoined socket "
			  "and the member each to get %d",
			  SENDS) != NT_PASS ||
	    nt_expect_two(c, off, 0, SENDS,
			  "IP_MULTICAST_ALL off: expected 0 on the unjoined "
			  "socket and %d on the member",
			  SENDS) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "unjoined socket on the member's port: %d/%d with "
		       "IP_MULTICAST_ALL on, "
		       "0/%d with it off (member got %d both times)",
		       on[0], SENDS, SENDS, SENDS);
}
