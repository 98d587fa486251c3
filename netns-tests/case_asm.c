/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_asm.c - any-source multicast (RFC 1112 section 6,
 * RFC 3678 section 5.1, Go's JoinGroup/LeaveGroup examples).
 *
 * h is the receiver, as in Go's en0/en1 example: it joins groups on s0
 * (link A) and s1 (link B) through libipv4; a and b send to the groups
 * with plain sockets. What h reads is what the kernel delivered because of
 * the joins libipv4 made.
 */
#include <string.h>

#include "netns-tests/case_list.h"
#include "netns-tests/drive.h"
#include "netns-tests/drive_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"

enum { SENDS = 3 };

/* receiver opens h's wildcard socket on port and joins group on each of
   the first n ifaces. */
static int receiver(struct nt_ctx *c, uint16_t port, const char *group,
		    const enum nt_iface *ifaces, size_t n,
		    struct ipv4_packet_conn *out)
{
	const struct nt_topo *t = c->topo;
	struct sockaddr_in g = nt_group(group);
	int rc = nt_lib_udp(t, NT_H, (struct in_addr){0}, port, true, out);

	if (rc != 0) {
		return nt_fail(c, "UDP socket on h port %u: %s", port, ipv4_strerror(rc));
	}
	for (size_t i = 0; i < n; i++) {
		rc = ipv4_packet_conn_join_group(out, t->ifindex[ifaces[i]], &g);
		if (rc != 0) {
			return nt_fail(c, "join_group(%s, %s): %s", nt_ifaces[ifaces[i]].name, group,
				       ipv4_strerror(rc));
		}
	}
	return NT_PASS;
}

/* peers opens plain senders on a and b. */
static int peers(struct nt_ctx *c, int *out_a, int *out_b)
{
	*out_a = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	*out_b = nt_sender(c->topo, NT_B, nt_addr(NT_B0));
	if (*out_a < 0 || *out_b < 0) {
		return nt_fail(c, "sender sockets on a and b: %s",
			       strerror(-(*out_a < 0 ? *out_a : *out_b)));
	}
	return NT_PASS;
}

/* send_both: a sends tag_a, b sends tag_b, SENDS times each, to group. */
static int send_both(struct nt_ctx *c, int fa, int fb, const char *group, uint16_t port,
		     const char *tag_a, const char *tag_b)
{
	int rc = nt_send_tag(fa, nt_inaddr(group), port, tag_a, SENDS);

	if (rc == 0 && fb >= 0) {
		rc = nt_send_tag(fb, nt_inaddr(group), port, tag_b, SENDS);
	}
	if (rc != 0) {
		return nt_fail(c, "sending to %s: %s", group, strerror(-rc));
	}
	return NT_PASS;
}

/* tally2 counts tag_a and tag_b on pc, expect of them being due. */
static int tally2(struct nt_ctx *c, struct ipv4_packet_conn *pc, const char *tag_a,
		  const char *tag_b, int expect, int counts[2])
{
	const char *const tags[2] = {tag_a, tag_b};
	int rc = nt_lib_tally(pc, tags, counts, 2, expect);

	if (rc < 0) {
		return nt_fail(c, "read_from on h: %s", ipv4_strerror(rc));
	}
	return NT_PASS;
}

int case_asm_join_one_link(struct nt_ctx *c)
{
	static const enum nt_iface on[] = {NT_S0};
	struct ipv4_packet_conn pc;
	int fa;
	int fb;
	int n[2];

	if (receiver(c, 5101, "239.1.1.1", on, 1, &pc) != NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, fb, "239.1.1.1", 5101, "from-a", "from-b") != NT_PASS ||
	    tally2(c, &pc, "from-a", "from-b", SENDS, n) != NT_PASS) {
		return NT_FAIL;
	}
	if (n[0] != SENDS || n[1] != 0) {
		return nt_fail(c, "joined on s0 only: expected %d of a's datagrams (link A) and 0 "
			       "of b's (link B), saw %d and %d", SENDS, n[0], n[1]);
	}
	return nt_pass(c, "joined 239.1.1.1 on s0: %d/%d of link A's datagrams, 0/%d of link B's",
		       n[0], SENDS, SENDS);
}

int case_asm_leave_stops(struct nt_ctx *c)
{
	static const enum nt_iface on[] = {NT_S0};
	struct sockaddr_in g = nt_group("239.1.2.1");
	struct ipv4_packet_conn pc;
	int fa;
	int fb;
	int before[2];
	int after[2];
	int rc;

	if (receiver(c, 5102, "239.1.2.1", on, 1, &pc) != NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.2.1", 5102, "before", "") != NT_PASS ||
	    tally2(c, &pc, "before", "after", SENDS, before) != NT_PASS) {
		return NT_FAIL;
	}
	rc = ipv4_packet_conn_leave_group(&pc, c->topo->ifindex[NT_S0], &g);
	if (rc != 0) {
		return nt_fail(c, "leave_group(s0): %s", ipv4_strerror(rc));
	}
	if (send_both(c, fa, -1, "239.1.2.1", 5102, "after", "") != NT_PASS ||
	    tally2(c, &pc, "before", "after", 0, after) != NT_PASS) {
		return NT_FAIL;
	}
	if (before[0] != SENDS || after[1] != 0) {
		return nt_fail(c, "expected %d datagrams while joined and 0 after leave_group, "
			       "saw %d and %d", SENDS, before[0], after[1]);
	}
	return nt_pass(c, "%d/%d received while joined, 0/%d after leave_group", before[0],
		       SENDS, SENDS);
}

int case_asm_two_groups(struct nt_ctx *c)
{
	static const enum nt_iface on[] = {NT_S0};
	struct sockaddr_in g2 = nt_group("239.1.3.2");
	struct ipv4_packet_conn pc;
	int fa;
	int fb;
	int n[2];
	int unjoined[2];
	int rc;

	if (receiver(c, 5103, "239.1.3.1", on, 1, &pc) != NT_PASS) {
		return NT_FAIL;
	}
	rc = ipv4_packet_conn_join_group(&pc, c->topo->ifindex[NT_S0], &g2);
	if (rc != 0) {
		return nt_fail(c, "join_group(s0, 239.1.3.2): %s", ipv4_strerror(rc));
	}
	if (peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.3.1", 5103, "group-1", "") != NT_PASS ||
	    send_both(c, fa, -1, "239.1.3.2", 5103, "group-2", "") != NT_PASS ||
	    tally2(c, &pc, "group-1", "group-2", 2 * SENDS, n) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.3.3", 5103, "group-3", "") != NT_PASS ||
	    tally2(c, &pc, "group-3", "-", 0, unjoined) != NT_PASS) {
		return NT_FAIL;
	}
	if (n[0] != SENDS || n[1] != SENDS || unjoined[0] != 0) {
		return nt_fail(c, "joined 239.1.3.1 and .2, not .3: expected %d, %d, 0 datagrams, "
			       "saw %d, %d, %d", SENDS, SENDS, n[0], n[1], unjoined[0]);
	}
	return nt_pass(c, "both joined groups delivered %d/%d, the unjoined 239.1.3.3 0/%d", SENDS,
		       SENDS, SENDS);
}

int case_asm_one_group_two_links(struct nt_ctx *c)
{
	static const enum nt_iface on[] = {NT_S0, NT_S1};
	struct sockaddr_in g = nt_group("239.1.4.1");
	struct ipv4_packet_conn pc;
	int fa;
	int fb;
	int both[2];
	int after[2];
	int rc;

	if (receiver(c, 5104, "239.1.4.1", on, 2, &pc) != NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, fb, "239.1.4.1", 5104, "link-a", "link-b") != NT_PASS ||
	    tally2(c, &pc, "link-a", "link-b", 2 * SENDS, both) != NT_PASS) {
		return NT_FAIL;
	}
	rc = ipv4_packet_conn_leave_group(&pc, c->topo->ifindex[NT_S0], &g);
	if (rc != 0) {
		return nt_fail(c, "leave_group(s0): %s", ipv4_strerror(rc));
	}
	if (send_both(c, fa, fb, "239.1.4.1", 5104, "link-a", "link-b") != NT_PASS ||
	    tally2(c, &pc, "link-a", "link-b", SENDS, after) != NT_PASS) {
		return NT_FAIL;
	}
	if (both[0] != SENDS || both[1] != SENDS) {
		return nt_fail(c, "joined on s0 and s1: expected %d datagrams from each link, saw "
			       "%d from A and %d from B", SENDS, both[0], both[1]);
	}
	if (after[0] != 0 || after[1] != SENDS) {
		return nt_fail(c, "after leaving on s0 only: expected 0 from link A and %d from "
			       "link B, saw %d and %d", SENDS, after[0], after[1]);
	}
	return nt_pass(c, "joined on s0+s1: %d+%d received; after leave on s0: 0 from A, %d "
		       "from B", both[0], both[1], after[1]);
}

int case_asm_reuseaddr_two_sockets(struct nt_ctx *c)
{
	static const enum nt_iface on[] = {NT_S0};
	struct ipv4_packet_conn one;
	struct ipv4_packet_conn two;
	int fa;
	int fb;
	int n1[2];
	int n2[2];

	if (receiver(c, 5105, "239.1.5.1", on, 1, &one) != NT_PASS ||
	    receiver(c, 5105, "239.1.5.1", on, 1, &two) != NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.5.1", 5105, "shared", "") != NT_PASS ||
	    tally2(c, &one, "shared", "-", SENDS, n1) != NT_PASS ||
	    tally2(c, &two, "shared", "-", SENDS, n2) != NT_PASS) {
		return NT_FAIL;
	}
	if (n1[0] != SENDS || n2[0] != SENDS) {
		return nt_fail(c, "two SO_REUSEADDR sockets on port 5105 joined to 239.1.5.1: "
			       "expected %d datagrams on each, saw %d and %d", SENDS, n1[0], n2[0]);
	}
	return nt_pass(c, "both sockets on port 5105 received all %d datagrams", SENDS);
}

/*
 * The driven forms (drive.h): h's receiver is the implementation's probe,
 * holding handle r on 0.0.0.0 and a port the kernel picks; the senders on
 * a and b are the same plain sockets.
 */

/* drv_receiver opens r on h and joins group on each of the first n
   interfaces (by name, as the probe takes them). */
static int drv_receiver(struct nt_ctx *c, struct nt_drv *d, const char *group,
			const enum nt_iface *ifaces, size_t n, uint16_t *out_port)
{
	if (nt_drv_udp(c, NT_H, "r", d, out_port) != NT_PASS) {
		return NT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		if (nt_ask(c, d, 0, "JoinGroup r %s %s", nt_ifaces[ifaces[i]].name, group) !=
		    NT_PASS) {
			return NT_FAIL;
		}
	}
	return NT_PASS;
}

/* drv_tally2 counts tag_a and tag_b on r, expect of them being due. */
static int drv_tally2(struct nt_ctx *c, struct nt_drv *d, const char *tag_a,
		      const char *tag_b, int expect, int counts[2])
{
	const char *const tags[2] = {tag_a, tag_b};

	return nt_drv_count(c, d, "r", tags, counts, 2, expect) < 0 ? NT_FAIL : NT_PASS;
}

int drive_asm_join_one_link(struct nt_ctx *c)
{
	static const enum nt_iface on[] = {NT_S0};
	struct nt_drv d;
	uint16_t port;
	int fa;
	int fb;
	int n[2];

	if (drv_receiver(c, &d, "239.1.1.1", on, 1, &port) != NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, fb, "239.1.1.1", port, "from-a", "from-b") != NT_PASS ||
	    drv_tally2(c, &d, "from-a", "from-b", SENDS, n) != NT_PASS) {
		return NT_FAIL;
	}
	if (n[0] != SENDS || n[1] != 0) {
		return nt_fail(c, "JoinGroup on s0 only: expected %d of a's datagrams (link A) and 0 "
			       "of b's (link B), saw %d and %d", SENDS, n[0], n[1]);
	}
	return nt_pass(c, "JoinGroup 239.1.1.1 on s0: %d/%d of link A's datagrams, 0/%d of link "
		       "B's", n[0], SENDS, SENDS);
}

int drive_asm_leave_stops(struct nt_ctx *c)
{
	static const enum nt_iface on[] = {NT_S0};
	struct nt_drv d;
	uint16_t port;
	int fa;
	int fb;
	int before[2];
	int after[2];

	if (drv_receiver(c, &d, "239.1.2.1", on, 1, &port) != NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.2.1", port, "before", "") != NT_PASS ||
	    drv_tally2(c, &d, "before", "after", SENDS, before) != NT_PASS ||
	    nt_ask(c, &d, 0, "LeaveGroup r s0 239.1.2.1") != NT_PASS ||
	    send_both(c, fa, -1, "239.1.2.1", port, "after", "") != NT_PASS ||
	    drv_tally2(c, &d, "before", "after", 0, after) != NT_PASS) {
		return NT_FAIL;
	}
	if (before[0] != SENDS || after[1] != 0) {
		return nt_fail(c, "expected %d datagrams while joined and 0 after LeaveGroup, "
			       "saw %d and %d", SENDS, before[0], after[1]);
	}
	return nt_pass(c, "%d/%d received while joined, 0/%d after LeaveGroup", before[0], SENDS,
		       SENDS);
}

int drive_asm_two_groups(struct nt_ctx *c)
{
	static const enum nt_iface on[] = {NT_S0};
	struct nt_drv d;
	uint16_t port;
	int fa;
	int fb;
	int n[2];
	int unjoined[2];

	if (drv_receiver(c, &d, "239.1.3.1", on, 1, &port) != NT_PASS ||
	    nt_ask(c, &d, 0, "JoinGroup r s0 239.1.3.2") != NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.3.1", port, "group-1", "") != NT_PASS ||
	    send_both(c, fa, -1, "239.1.3.2", port, "group-2", "") != NT_PASS ||
	    drv_tally2(c, &d, "group-1", "group-2", 2 * SENDS, n) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.3.3", port, "group-3", "") != NT_PASS ||
	    drv_tally2(c, &d, "group-3", "-", 0, unjoined) != NT_PASS) {
		return NT_FAIL;
	}
	if (n[0] != SENDS || n[1] != SENDS || unjoined[0] != 0) {
		return nt_fail(c, "joined 239.1.3.1 and .2, not .3: expected %d, %d, 0 datagrams, "
			       "saw %d, %d, %d", SENDS, SENDS, n[0], n[1], unjoined[0]);
	}
	return nt_pass(c, "both joined groups delivered %d/%d, the unjoined 239.1.3.3 0/%d", SENDS,
		       SENDS, SENDS);
}

int drive_asm_one_group_two_links(struct nt_ctx *c)
{
	static const enum nt_iface on[] = {NT_S0, NT_S1};
	struct nt_drv d;
	uint16_t port;
	int fa;
	int fb;
	int both[2];
	int after[2];

	if (drv_receiver(c, &d, "239.1.4.1", on, 2, &port) != NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, fb, "239.1.4.1", port, "link-a", "link-b") != NT_PASS ||
	    drv_tally2(c, &d, "link-a", "link-b", 2 * SENDS, both) != NT_PASS ||
	    nt_ask(c, &d, 0, "LeaveGroup r s0 239.1.4.1") != NT_PASS ||
	    send_both(c, fa, fb, "239.1.4.1", port, "link-a", "link-b") != NT_PASS ||
	    drv_tally2(c, &d, "link-a", "link-b", SENDS, after) != NT_PASS) {
		return NT_FAIL;
	}
	if (both[0] != SENDS || both[1] != SENDS) {
		return nt_fail(c, "joined on s0 and s1: expected %d datagrams from each link, saw "
			       "%d from A and %d from B", SENDS, both[0], both[1]);
	}
	if (after[0] != 0 || after[1] != SENDS) {
		return nt_fail(c, "after leaving on s0 only: expected 0 from link A and %d from "
			       "link B, saw %d and %d", SENDS, after[0], after[1]);
	}
	return nt_pass(c, "joined on s0+s1: %d+%d received; after LeaveGroup on s0: 0 from A, %d "
		       "from B", both[0], both[1], after[1]);
}
