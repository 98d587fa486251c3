/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_mcopt.c - the multicast sending and receiving options.
 *
 * h sends or receives through libipv4 with IP_MULTICAST_IF, _TTL, _LOOP and
 * _ALL set by it; plain sockets on a and b (joined to the group on their
 * link) watch what arrives and with which TTL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netns-tests/case_list.h"
#include "netns-tests/drive.h"
#include "netns-tests/drive_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"

enum { SENDS = 3 };

static int lib_check(struct nt_ctx *c, int rc, const char *call)
{
	if (rc != 0) {
		return nt_fail(c, "%s: %s", call, ipv4_strerror(rc));
	}
	return NT_PASS;
}

/* watcher opens a plain socket on host bound to port, joined to group on
   iface, with TTL/TOS/PKTINFO reporting on. */
static int watcher(struct nt_ctx *c, enum nt_iface iface, const char *group, uint16_t port,
		   int *out_fd)
{
	int fd = nt_udp(c->topo, nt_ifaces[iface].host, (struct in_addr){0}, port, true);
	int rc = fd;

	if (fd >= 0) {
		rc = nt_join(fd, nt_inaddr(group), c->topo->ifindex[iface]);
	}
	if (rc >= 0) {
		rc = nt_observe(fd);
	}
	if (rc < 0) {
		return nt_fail(c, "watcher on %s joined to %s: %s", nt_ifaces[iface].name, group,
			       strerror(-rc));
	}
	*out_fd = fd;
	return NT_PASS;
}

/* lib_send writes tag SENDS times to group:port through libipv4. */
static int lib_send(struct nt_ctx *c, struct ipv4_packet_conn *pc, const char *group,
		    uint16_t port, const char *tag)
{
	struct sockaddr_in dst = nt_sin(nt_inaddr(group), port);

	for (int i = 0; i < SENDS; i++) {
		int rc = ipv4_packet_conn_write_to(pc, (const uint8_t *)tag, strlen(tag), NULL, &dst);

		if (rc != (int)strlen(tag)) {
			return nt_fail(c, "write_to(%s): %s", group, ipv4_strerror(rc));
		}
	}
	return NT_PASS;
}

/* sender opens h's unbound UDP packet connection. */
static int sender(struct nt_ctx *c, struct ipv4_packet_conn *pc)
{
	return lib_check(c, nt_lib_udp(c->topo, NT_H, (struct in_addr){0}, 0, false, pc),
			 "UDP socket on h");
}

int case_mcast_interface(struct nt_ctx *c)
{
	const char *group = "239.4.1.1";
	struct ipv4_packet_conn pc;
	int fa;
	int fb;
	int via_s1[2];
	int via_s0[2];

	if (sender(c, &pc) != NT_PASS || watcher(c, NT_A0, group, 5401, &fa) != NT_PASS ||
	    watcher(c, NT_B0, group, 5401, &fb) != NT_PASS ||
	    lib_check(c, ipv4_packet_conn_set_multicast_interface(&pc, c->topo->ifindex[NT_S1]),
		      "set_multicast_interface(s1)") != NT_PASS ||
	    lib_send(c, &pc, group, 5401, "via-s1") != NT_PASS) {
		return NT_FAIL;
	}
	via_s1[0] = nt_count(fa, "via-s1", 6, 0, NULL);
	via_s1[1] = nt_count(fb, "via-s1", 6, SENDS, NULL);
	if (lib_check(c, ipv4_packet_conn_set_multicast_interface(&pc, c->topo->ifindex[NT_S0]),
		      "set_multicast_interface(s0)") != NT_PASS ||
	    lib_send(c, &pc, group, 5401, "via-s0") != NT_PASS) {
		return NT_FAIL;
	}
	via_s0[0] = nt_count(fa, "via-s0", 6, SENDS, NULL);
	via_s0[1] = nt_count(fb, "via-s0", 6, 0, NULL);
	if (via_s1[0] != 0 || via_s1[1] != SENDS) {
		return nt_fail(c, "multicast interface s1: expected 0 datagrams on link A and %d on "
			       "link B, saw %d and %d", SENDS, via_s1[0], via_s1[1]);
	}
	if (via_s0[0] != SENDS || via_s0[1] != 0) {
		return nt_fail(c, "multicast interface s0: expected %d datagrams on link A and 0 on "
			       "link B, saw %d and %d", SENDS, via_s0[0], via_s0[1]);
	}
	return nt_pass(c, "interface s1: 0 on A, %d on B; interface s0: %d on A, 0 on B", SENDS,
		       SENDS);
}

/* ttl_seen sends one datagram and returns the TTL a's watcher saw, or -1. */
static int ttl_seen(struct ipv4_packet_conn *pc, int fa, const char *group)
{
	char buf[64];
	struct nt_rx rx;
	struct sockaddr_in dst = nt_sin(nt_inaddr(group), 5402);

	if (ipv4_packet_conn_write_to(pc, (const uint8_t *)"ttl", 3, NULL, &dst) != 3 ||
	    nt_recv(fa, buf, sizeof(buf), NT_WAIT_MS, &rx) != 3) {
		return -1;
	}
	return rx.ttl;
}

int case_mcast_ttl(struct nt_ctx *c)
{
	const char *group = "239.4.2.1";
	struct ipv4_packet_conn pc;
	int fa;
	int got_default;
	int got_set;
	int readback = 0;

	if (sender(c, &pc) != NT_PASS || watcher(c, NT_A0, group, 5402, &fa) != NT_PASS) {
		return NT_FAIL;
	}
	got_default = ttl_seen(&pc, fa, group);
	if (lib_check(c, ipv4_packet_conn_set_multicast_ttl(&pc, 7), "set_multicast_ttl(7)") !=
		    NT_PASS ||
	    lib_check(c, ipv4_packet_conn_multicast_ttl(&pc, &readback), "multicast_ttl") !=
		    NT_PASS) {
		return NT_FAIL;
	}
	got_set = ttl_seen(&pc, fa, group);
	if (got_default != 1) {
		return nt_fail(c, "default multicast TTL: expected 1 (RFC 1112 s6.1) on arrival, saw %d",
			       got_default);
	}
	if (got_set != 7 || readback != 7) {
		return nt_fail(c, "multicast TTL 7: expected 7 on arrival and read back, saw %d and %d",
			       got_set, readback);
	}
	return nt_pass(c, "arrived with TTL 1 by default, 7 after set_multicast_ttl(7) (read back 7)");
}

int case_mcast_loopback(struct nt_ctx *c)
{
	const char *group = "239.4.3.1";
	struct ipv4_packet_conn pc;
	bool on_default = false;
	bool on_after = true;
	int local;
	int fa;
	int with_loop[2];
	int without[2];

	if (sender(c, &pc) != NT_PASS || watcher(c, NT_S0, group, 5403, &local) != NT_PASS ||
	    watcher(c, NT_A0, group, 5403, &fa) != NT_PASS ||
	    lib_check(c, ipv4_packet_conn_set_multicast_interface(&pc, c->topo->ifindex[NT_S0]),
		      "set_multicast_interface(s0)") != NT_PASS ||
	    lib_check(c, ipv4_packet_conn_multicast_loopback(&pc, &on_default),
		      "multicast_loopback") != NT_PASS ||
	    lib_send(c, &pc, group, 5403, "loop-on") != NT_PASS) {
		return NT_FAIL;
	}
	with_loop[0] = nt_count(local, "loop-on", 7, SENDS, NULL);
	with_loop[1] = nt_count(fa, "loop-on", 7, SENDS, NULL);
	if (lib_check(c, ipv4_packet_conn_set_multicast_loopback(&pc, false),
		      "set_multicast_loopback(false)") != NT_PASS ||
	    lib_check(c, ipv4_packet_conn_multicast_loopback(&pc, &on_after),
		      "multicast_loopback") != NT_PASS ||
	    lib_send(c, &pc, group, 5403, "loop-of") != NT_PASS) {
		return NT_FAIL;
	}
	without[0] = nt_count(local, "loop-of", 7, 0, NULL);
	without[1] = nt_count(fa, "loop-of", 7, SENDS, NULL);
	if (!on_default || on_after) {
		return nt_fail(c, "multicast_loopback read back: expected on by default and off after "
			       "set, saw %s and %s", on_default ? "on" : "off", on_after ? "on" : "off");
	}
	if (with_loop[0] != SENDS || with_loop[1] != SENDS) {
		return nt_fail(c, "loopback on: expected %d datagrams on h's own socket and %d on a, "
			       "saw %d and %d", SENDS, SENDS, with_loop[0], with_loop[1]);
	}
	if (without[0] != 0 || without[1] != SENDS) {
		return nt_fail(c, "loopback off: expected 0 datagrams on h's own socket and %d on a, "
			       "saw %d and %d", SENDS, without[0], without[1]);
	}
	return nt_pass(c, "loopback on: %d on h and %d on a; off: 0 on h and %d on a", SENDS, SENDS,
		       SENDS);
}

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

	if (lib_check(c, nt_lib_udp(c->topo, NT_H, (struct in_addr){0}, 5404, true, &lone),
		      "UDP socket on h") != NT_PASS ||
	    watcher(c, NT_S0, group, 5404, &member) != NT_PASS) {
		return NT_FAIL;
	}
	fa = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	if (fa < 0) {
		return nt_fail(c, "sender on a: %s", strerror(-fa));
	}
	if (lib_check(c, ipv4_packet_conn_multicast_all(&lone, &all_default), "multicast_all") !=
		    NT_PASS ||
	    nt_send_tag(fa, nt_inaddr(group), 5404, "all-on", SENDS) != 0) {
		return NT_FAIL;
	}
	on[0] = nt_lib_count(&lone, "all-on", 6, SENDS, NULL);
	on[1] = nt_count(member, "all-on", 6, SENDS, NULL);
	if (lib_check(c, ipv4_packet_conn_set_multicast_all(&lone, false),
		      "set_multicast_all(false)") != NT_PASS ||
	    lib_check(c, ipv4_packet_conn_multicast_all(&lone, &all_after), "multicast_all") !=
		    NT_PASS ||
	    nt_send_tag(fa, nt_inaddr(group), 5404, "all-of", SENDS) != 0) {
		return NT_FAIL;
	}
	off[0] = nt_lib_count(&lone, "all-of", 6, 0, NULL);
	off[1] = nt_count(member, "all-of", 6, SENDS, NULL);
	if (!all_default || all_after) {
		return nt_fail(c, "multicast_all read back: expected on by default and off after set, "
			       "saw %s and %s", all_default ? "on" : "off", all_after ? "on" : "off");
	}
	if (on[0] != SENDS || on[1] != SENDS) {
		return nt_fail(c, "IP_MULTICAST_ALL on: expected the unjoined socket and the member "
			       "each to get %d, saw %d and %d", SENDS, on[0], on[1]);
	}
	if (off[0] != 0 || off[1] != SENDS) {
		return nt_fail(c, "IP_MULTICAST_ALL off: expected 0 on the unjoined socket and %d on "
			       "the member, saw %d and %d", SENDS, off[0], off[1]);
	}
	return nt_pass(c, "unjoined socket on the member's port: %d/%d with IP_MULTICAST_ALL on, "
		       "0/%d with it off (member got %d both times)", on[0], SENDS, SENDS, SENDS);
}

/*
 * The driven forms (drive.h): h's sender is the implementation's probe,
 * handle s on 0.0.0.0 with a port the kernel picks; the watchers are the
 * same plain sockets.
 */

/* drv_send writes tag SENDS times to group:port through handle s. */
static int drv_send(struct nt_ctx *c, struct nt_drv *d, const char *group, uint16_t port,
		    const char *tag)
{
	char hex[64];

	nt_hex(tag, strlen(tag), hex, sizeof(hex));
	for (int i = 0; i < SENDS; i++) {
		if (nt_ask(c, d, 0, "WriteTo s %s - %s:%u", hex, group, port) != NT_PASS) {
			return NT_FAIL;
		}
	}
	return NT_PASS;
}

/* drv_sender starts h's probe with handle s. */
static int drv_sender(struct nt_ctx *c, struct nt_drv *d)
{
	uint16_t port;

	return nt_drv_udp(c, NT_H, "s", d, &port);
}

/* drv_mcast_if sets s's multicast interface and reads it back: the name,
   or "-", since Linux keeps no index for an interface set by index and
   both libipv4 and Go then answer "-" (SOCKET-PROBE.md; row O1). */
static int drv_mcast_if(struct nt_ctx *c, struct nt_drv *d, const char *ifname)
{
	if (nt_ask(c, d, 0, "SetMulticastInterface s %s", ifname) != NT_PASS ||
	    nt_ask(c, d, 0, "MulticastInterface s") != NT_PASS) {
		return NT_FAIL;
	}
	if (strcmp(d->answer + 3, "-") != 0 && strcmp(d->answer + 3, ifname) != 0) {
		return nt_fail(c, "MulticastInterface after SetMulticastInterface %s: expected ok %s "
			       "or ok -, the probe answered %s", ifname, ifname, d->answer);
	}
	return NT_PASS;
}

int drive_mcast_interface(struct nt_ctx *c)
{
	const char *group = "239.4.1.1";
	struct nt_drv d;
	int fa;
	int fb;
	int via_s1[2];
	int via_s0[2];

	if (drv_sender(c, &d) != NT_PASS || watcher(c, NT_A0, group, 5401, &fa) != NT_PASS ||
	    watcher(c, NT_B0, group, 5401, &fb) != NT_PASS || drv_mcast_if(c, &d, "s1") != NT_PASS ||
	    drv_send(c, &d, group, 5401, "via-s1") != NT_PASS) {
		return NT_FAIL;
	}
	via_s1[0] = nt_count(fa, "via-s1", 6, 0, NULL);
	via_s1[1] = nt_count(fb, "via-s1", 6, SENDS, NULL);
	if (drv_mcast_if(c, &d, "s0") != NT_PASS ||
	    drv_send(c, &d, group, 5401, "via-s0") != NT_PASS) {
		return NT_FAIL;
	}
	via_s0[0] = nt_count(fa, "via-s0", 6, SENDS, NULL);
	via_s0[1] = nt_count(fb, "via-s0", 6, 0, NULL);
	if (via_s1[0] != 0 || via_s1[1] != SENDS) {
		return nt_fail(c, "multicast interface s1: expected 0 datagrams on link A and %d on "
			       "link B, saw %d and %d", SENDS, via_s1[0], via_s1[1]);
	}
	if (via_s0[0] != SENDS || via_s0[1] != 0) {
		return nt_fail(c, "multicast interface s0: expected %d datagrams on link A and 0 on "
			       "link B, saw %d and %d", SENDS, via_s0[0], via_s0[1]);
	}
	return nt_pass(c, "interface s1: 0 on A, %d on B; interface s0: %d on A, 0 on B", SENDS,
		       SENDS);
}

/* drv_ttl_seen sends one datagram through s and returns the TTL a's
   watcher saw, or -1. */
static int drv_ttl_seen(struct nt_ctx *c, struct nt_drv *d, int fa, const char *group)
{
	char buf[64];
	struct nt_rx rx;

	if (nt_ask(c, d, 0, "WriteTo s 74746c - %s:5402", group) != NT_PASS ||
	    nt_recv(fa, buf, sizeof(buf), NT_WAIT_MS, &rx) != 3) {
		return -1;
	}
	return rx.ttl;
}

int drive_mcast_ttl(struct nt_ctx *c)
{
	const char *group = "239.4.2.1";
	struct nt_drv d;
	int fa;
	int got_default;
	int got_set;
	long readback;

	if (drv_sender(c, &d) != NT_PASS || watcher(c, NT_A0, group, 5402, &fa) != NT_PASS) {
		return NT_FAIL;
	}
	got_default = drv_ttl_seen(c, &d, fa, group);
	if (nt_ask(c, &d, 0, "SetMulticastTTL s 7") != NT_PASS ||
	    nt_ask(c, &d, 0, "MulticastTTL s") != NT_PASS) {
		return NT_FAIL;
	}
	readback = strtol(d.answer + 3, NULL, 10);
	got_set = drv_ttl_seen(c, &d, fa, group);
	if (got_default != 1) {
		return nt_fail(c, "default multicast TTL: expected 1 (RFC 1112 s6.1) on arrival, saw %d",
			       got_default);
	}
	if (got_set != 7 || readback != 7) {
		return nt_fail(c, "multicast TTL 7: expected 7 on arrival and read back, saw %d and %s",
			       got_set, d.answer);
	}
	return nt_pass(c, "arrived with TTL 1 by default, 7 after SetMulticastTTL 7 (read back 7)");
}

int drive_mcast_loopback(struct nt_ctx *c)
{
	const char *group = "239.4.3.1";
	struct nt_drv d;
	char on_default[16];
	char on_after[16];
	int local;
	int fa;
	int with_loop[2];
	int without[2];

	if (drv_sender(c, &d) != NT_PASS || watcher(c, NT_S0, group, 5403, &local) != NT_PASS ||
	    watcher(c, NT_A0, group, 5403, &fa) != NT_PASS ||
	    nt_ask(c, &d, 0, "SetMulticastInterface s s0") != NT_PASS ||
	    nt_ask(c, &d, 0, "MulticastLoopback s") != NT_PASS) {
		return NT_FAIL;
	}
	snprintf(on_default, sizeof(on_default), "%.15s", d.answer);
	if (drv_send(c, &d, group, 5403, "loop-on") != NT_PASS) {
		return NT_FAIL;
	}
	with_loop[0] = nt_count(local, "loop-on", 7, SENDS, NULL);
	with_loop[1] = nt_count(fa, "loop-on", 7, SENDS, NULL);
	if (nt_ask(c, &d, 0, "SetMulticastLoopback s false") != NT_PASS ||
	    nt_ask(c, &d, 0, "MulticastLoopback s") != NT_PASS) {
		return NT_FAIL;
	}
	snprintf(on_after, sizeof(on_after), "%.15s", d.answer);
	if (drv_send(c, &d, group, 5403, "loop-of") != NT_PASS) {
		return NT_FAIL;
	}
	without[0] = nt_count(local, "loop-of", 7, 0, NULL);
	without[1] = nt_count(fa, "loop-of", 7, SENDS, NULL);
	if (strcmp(on_default, "ok true") != 0 || strcmp(on_after, "ok false") != 0) {
		return nt_fail(c, "MulticastLoopback read back: expected ok true by default and ok "
			       "false after the set, the probe answered %s and %s", on_default,
			       on_after);
	}
	if (with_loop[0] != SENDS || with_loop[1] != SENDS) {
		return nt_fail(c, "loopback on: expected %d datagrams on h's own socket and %d on a, "
			       "saw %d and %d", SENDS, SENDS, with_loop[0], with_loop[1]);
	}
	if (without[0] != 0 || without[1] != SENDS) {
		return nt_fail(c, "loopback off: expected 0 datagrams on h's own socket and %d on a, "
			       "saw %d and %d", SENDS, without[0], without[1]);
	}
	return nt_pass(c, "loopback on: %d on h and %d on a; off: 0 on h and %d on a", SENDS, SENDS,
		       SENDS);
}
