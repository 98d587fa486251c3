/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_asm.c - any-source multicast (RFC 1112 section 6,
 * RFC 3678 section 5.1, Go's JoinGroup/LeaveGroup examples).
 *
 * h is the receiver, as in Go's en0/en1 example: it joins groups on s0
 * (link A) and s1 (link B) through libipv4; a and b send to the groups
 * with plain sockets. What h reads is what the kernel delivered because of
 * the joins libipv4 made. Each case but the last has a driven form
 * (drive.h): the same body with the implementation's probe as h's
 * receiver (under_test.h).
 */
#include <string.h>

#include "netns-tests/case_list.h"
#include "netns-tests/drive_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"
#include "netns-tests/under_test.h"

enum {
	SENDS = 3
};

/* receiver opens h's wildcard socket (port, or the kernel's when driven)
   and joins group on each of the first n ifaces. */
static int receiver(struct nt_ctx *c, bool driven, uint16_t port,
		    const char *group, const enum nt_iface *ifaces, size_t n,
		    struct nt_ut *out)
{
	if (nt_ut_udp(c, driven, port, out) != NT_PASS) {
		return NT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		if (nt_ut_member(c, out, NT_JOIN, ifaces[i], group, NULL) !=
		    NT_PASS) {
			return NT_FAIL;
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
static int send_both(struct nt_ctx *c, int fa, int fb, const char *group,
		     uint16_t port, const char *tag_a, const char *tag_b)
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

/* tally2 counts tag_a and tag_b on ut, expect of them being due. */
static int tally2(struct nt_ctx *c, struct nt_ut *ut, const char *tag_a,
		  const char *tag_b, int expect, int counts[2])
{
	const char *const tags[2] = { tag_a, tag_b };

	return nt_ut_tally(c, ut, tags, counts, 2, expect) < 0 ? NT_FAIL
							       : NT_PASS;
}

static int join_one_link(struct nt_ctx *c, bool driven)
{
	static const enum nt_iface on[] = { NT_S0 };
	struct nt_ut ut;
	int fa;
	int fb;
	int n[2];

	if (receiver(c, driven, nt_port(c, 0), "239.1.1.1", on, 1, &ut) !=
		    NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, fb, "239.1.1.1", ut.port, "from-a", "from-b") !=
		    NT_PASS ||
	    tally2(c, &ut, "from-a", "from-b", SENDS, n) != NT_PASS) {
		return NT_FAIL;
	}
	if (nt_expect_two(c, n, SENDS, 0,
			  "joined on s0 only: expected %d of a's datagrams "
			  "(link A) and 0 of b's (link B)",
			  SENDS) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "joined 239.1.1.1 on s0: %d/%d of link A's datagrams, "
		       "0/%d of link B's",
		       n[0], SENDS, SENDS);
}

static int leave_stops(struct nt_ctx *c, bool driven)
{
	static const enum nt_iface on[] = { NT_S0 };
	struct nt_ut ut;
	int fa;
	int fb;
	int before[2];
	int after[2];

	if (receiver(c, driven, nt_port(c, 0), "239.1.2.1", on, 1, &ut) !=
		    NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.2.1", ut.port, "before", "") !=
		    NT_PASS ||
	    tally2(c, &ut, "before", "after", SENDS, before) != NT_PASS ||
	    nt_ut_member(c, &ut, NT_LEAVE, NT_S0, "239.1.2.1", NULL) !=
		    NT_PASS ||
	    send_both(c, fa, -1, "239.1.2.1", ut.port, "after", "") !=
		    NT_PASS ||
	    tally2(c, &ut, "before", "after", 0, after) != NT_PASS) {
		return NT_FAIL;
	}
	if (before[0] != SENDS || after[1] != 0) {
		return nt_fail(c,
			       "expected %d datagrams while joined and 0 after "
			       "%s, saw %d and %d",
			       SENDS, nt_ut_call(&ut, NT_LEAVE), before[0],
			       after[1]);
	}
	return nt_pass(c, "%d/%d received while joined, 0/%d after %s",
		       before[0], SENDS, SENDS, nt_ut_call(&ut, NT_LEAVE));
}

static int two_groups(struct nt_ctx *c, bool driven)
{
	static const enum nt_iface on[] = { NT_S0 };
	struct nt_ut ut;
	int fa;
	int fb;
	int n[2];
	int unjoined[2];

	if (receiver(c, driven, nt_port(c, 0), "239.1.3.1", on, 1, &ut) !=
		    NT_PASS ||
	    nt_ut_member(c, &ut, NT_JOIN, NT_S0, "239.1.3.2", NULL) !=
		    NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.3.1", ut.port, "group-1", "") !=
		    NT_PASS ||
	    send_both(c, fa, -1, "239.1.3.2", ut.port, "group-2", "") !=
		    NT_PASS ||
	    tally2(c, &ut, "group-1", "group-2", 2 * SENDS, n) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.3.3", ut.port, "group-3", "") !=
		    NT_PASS ||
	    tally2(c, &ut, "group-3", "-", 0, unjoined) != NT_PASS) {
		return NT_FAIL;
	}
	if (n[0] != SENDS || n[1] != SENDS || unjoined[0] != 0) {
		return nt_fail(c,
			       "joined 239.1.3.1 and .2, not .3: expected %d, "
			       "%d, 0 datagrams, "
			       "saw %d, %d, %d",
			       SENDS, SENDS, n[0], n[1], unjoined[0]);
	}
	return nt_pass(c,
		       "both joined groups delivered %d/%d, the unjoined "
		       "239.1.3.3 0/%d",
		       SENDS, SENDS, SENDS);
}

static int one_group_two_links(struct nt_ctx *c, bool driven)
{
	static const enum nt_iface on[] = { NT_S0, NT_S1 };
	struct nt_ut ut;
	int fa;
	int fb;
	int both[2];
	int after[2];

	if (receiver(c, driven, nt_port(c, 0), "239.1.4.1", on, 2, &ut) !=
		    NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, fb, "239.1.4.1", ut.port, "link-a", "link-b") !=
		    NT_PASS ||
	    tally2(c, &ut, "link-a", "link-b", 2 * SENDS, both) != NT_PASS ||
	    nt_ut_member(c, &ut, NT_LEAVE, NT_S0, "239.1.4.1", NULL) !=
		    NT_PASS ||
	    send_both(c, fa, fb, "239.1.4.1", ut.port, "link-a", "link-b") !=
		    NT_PASS ||
	    tally2(c, &ut, "link-a", "link-b", SENDS, after) != NT_PASS) {
		return NT_FAIL;
	}
	if (nt_expect_two(c, both, SENDS, SENDS,
			  "joined on s0 and s1: expected %d datagrams from "
			  "link A and %d from link B",
			  SENDS, SENDS) != NT_PASS ||
	    nt_expect_two(c, after, 0, SENDS,
			  "after leaving on s0 only: expected 0 from link A "
			  "and %d from link B",
			  SENDS) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "joined on s0+s1: %d+%d received; after leave on s0: 0 "
		       "from A, %d "
		       "from B",
		       both[0], both[1], after[1]);
}

NT_BOTH_FORMS(asm_join_one_link, join_one_link)

NT_BOTH_FORMS(asm_leave_stops, leave_stops)

NT_BOTH_FORMS(asm_two_groups, two_groups)

NT_BOTH_FORMS(asm_one_group_two_links, one_group_two_links)

/* Libipv4 only: two sockets on one wildcard port need SO_REUSEADDR. */
int case_asm_reuseaddr_two_sockets(struct nt_ctx *c)
{
	static const enum nt_iface on[] = { NT_S0 };
	struct nt_ut one;
	struct nt_ut two;
	int fa;
	int fb;
	int n1[2];
	int n2[2];

	if (receiver(c, false, nt_port(c, 0), "239.1.5.1", on, 1, &one) !=
		    NT_PASS ||
	    receiver(c, false, nt_port(c, 0), "239.1.5.1", on, 1, &two) !=
		    NT_PASS ||
	    peers(c, &fa, &fb) != NT_PASS ||
	    send_both(c, fa, -1, "239.1.5.1", nt_port(c, 0), "shared", "") !=
		    NT_PASS ||
	    tally2(c, &one, "shared", "-", SENDS, n1) != NT_PASS ||
	    tally2(c, &two, "shared", "-", SENDS, n2) != NT_PASS) {
		return NT_FAIL;
	}
	if (n1[0] != SENDS || n2[0] != SENDS) {
		return nt_fail(c,
			       "two SO_REUSEADDR sockets on port %u joined to "
			       "239.1.5.1: "
			       "expected %d datagrams on each, saw %d and %d",
			       nt_port(c, 0), SENDS, n1[0], n2[0]);
	}
	return nt_pass(c, "both sockets on port %u received all %d datagrams",
		       nt_port(c, 0), SENDS);
}
