/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_ssm.c - source filters on the wire (RFC 4607, RFC 3678).
 *
 * Link A has two sources, a's 198.18.1.2 (S) and 198.18.1.3 (X). h filters
 * them through libipv4; a sends from both; h counts what it is given. The
 * cases but the full-state switch have a driven form (drive.h): the same
 * body with the implementation's probe as h (under_test.h); Go has no
 * full-state filter.
 */
#include <stdio.h>
#include <string.h>

#include <ipv4/igmp.h>

#include "netns-tests/case_list.h"
#include "netns-tests/drive_list.h"
#include "netns-tests/igmpcap.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"
#include "netns-tests/under_test.h"

enum {
	SENDS = 3
};

/* struct two_sources: a's two senders and the tags they send. */
struct two_sources {
	int fd_s;
	int fd_x;
	const char *group;
	uint16_t port;
};

static int sources_open(struct nt_ctx *c, const char *group, uint16_t port,
			struct two_sources *out)
{
	out->group = group;
	out->port = port;
	out->fd_s = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	out->fd_x = nt_sender(c->topo, NT_A, nt_inaddr(NT_A0_SECOND));
	if (out->fd_s < 0 || out->fd_x < 0) {
		return nt_fail(c, "senders on a: %s",
			       strerror(-(out->fd_s < 0 ? out->fd_s
							: out->fd_x)));
	}
	return NT_PASS;
}

/* deliveries: both sources send SENDS datagrams; h counts each, expect of
   them being due. */
static int deliveries(struct nt_ctx *c, const struct two_sources *src,
		      struct nt_ut *ut, int expect, int out[2])
{
	static const char *const tags[2] = { "from-S", "from-X" };
	int rc = nt_send_tag(src->fd_s, nt_inaddr(src->group), src->port,
			     tags[0], SENDS);

	if (rc == 0) {
		rc = nt_send_tag(src->fd_x, nt_inaddr(src->group), src->port,
				 tags[1], SENDS);
	}
	if (rc != 0) {
		return nt_fail(c, "sending to %s: %s", src->group,
			       strerror(-rc));
	}
	return nt_ut_tally(c, ut, tags, out, 2, expect) < 0 ? NT_FAIL : NT_PASS;
}

/* expect_counts compares what arrived from S and X with what should. */
static int expect_counts(struct nt_ctx *c, const char *state, const int got[2],
			 int want_s, int want_x)
{
	return nt_expect_two(c, got, want_s, want_x,
			     "%s: expected %d from S=%s and %d from X=%s",
			     state, want_s, nt_ifaces[NT_A0].addr, want_x,
			     NT_A0_SECOND);
}

static int include_only_chosen(struct nt_ctx *c, bool driven)
{
	const char *g = "232.3.1.1";
	struct two_sources src;
	struct nt_ut ut;
	int got[2];

	if (nt_ut_udp(c, driven, nt_port(c, 0), &ut) != NT_PASS ||
	    nt_ut_member(c, &ut, NT_JOIN_SSM, NT_S0, g,
			 nt_ifaces[NT_A0].addr) != NT_PASS ||
	    sources_open(c, g, ut.port, &src) != NT_PASS ||
	    deliveries(c, &src, &ut, SENDS, got) != NT_PASS ||
	    expect_counts(c, "joined (232.3.1.1, S)", got, SENDS, 0) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c, "joined (232.3.1.1, S): %d/%d from S, 0/%d from X",
		       got[0], SENDS, SENDS);
}

static int exclude_drops_excluded(struct nt_ctx *c, bool driven)
{
	const char *g = "239.3.2.1";
	struct two_sources src;
	struct nt_ut ut;
	int got[2];

	if (nt_ut_udp(c, driven, nt_port(c, 0), &ut) != NT_PASS ||
	    nt_ut_member(c, &ut, NT_JOIN, NT_S0, g, NULL) != NT_PASS ||
	    nt_ut_member(c, &ut, NT_EXCLUDE, NT_S0, g, NT_A0_SECOND) !=
		    NT_PASS ||
	    sources_open(c, g, ut.port, &src) != NT_PASS ||
	    deliveries(c, &src, &ut, SENDS, got) != NT_PASS ||
	    expect_counts(c, "joined, X excluded", got, SENDS, 0) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(
		c,
		"joined 239.3.2.1 with X excluded: %d/%d from S, 0/%d from X",
		got[0], SENDS, SENDS);
}

NT_BOTH_FORMS(ssm_include, include_only_chosen)

NT_BOTH_FORMS(ssm_exclude, exclude_drops_excluded)

/* filter_is reads the filter back and compares it with mode and one source. */
static int filter_is(struct nt_ctx *c, struct ipv4_packet_conn *pc,
		     const struct sockaddr_in *g, enum ipv4_filter_mode mode,
		     const char *source)
{
	enum ipv4_filter_mode got_mode;
	struct in_addr got[4];
	size_t num = 0;
	int rc = ipv4_packet_conn_source_filter(pc, c->topo->ifindex[NT_S0], g,
						&got_mode, got, 4, &num);

	if (rc != 0) {
		return nt_fail(c, "source_filter: %s", ipv4_strerror(rc));
	}
	if (got_mode != mode || num != 1 ||
	    got[0].s_addr != nt_inaddr(source).s_addr) {
		return nt_fail(c,
			       "source_filter read back: expected %s {%s}, saw "
			       "%s with %zu "
			       "sources (first %s)",
			       mode == IPV4_FILTER_INCLUDE ? "INCLUDE"
							   : "EXCLUDE",
			       source,
			       got_mode == IPV4_FILTER_INCLUDE ? "INCLUDE"
							       : "EXCLUDE",
			       num, num > 0 ? nt_ntoa(got[0]) : "-");
	}
	return NT_PASS;
}

/* set_filter replaces the filter with mode and one source. */
static int set_filter(struct nt_ctx *c, struct ipv4_packet_conn *pc,
		      const struct sockaddr_in *g, enum ipv4_filter_mode mode,
		      const char *source)
{
	struct in_addr one = nt_inaddr(source);

	return nt_check(c,
			ipv4_packet_conn_set_source_filter(
				pc, c->topo->ifindex[NT_S0], g, mode, &one, 1),
			mode == IPV4_FILTER_INCLUDE
				? "set_source_filter(INCLUDE)"
				: "set_source_filter(EXCLUDE)");
}

/*
 * switch_on_wire: the switch INCLUDE{S} -> INCLUDE{X} must reach the
 * network as one state change, ALLOW{X} and BLOCK{S} in one report, never
 * as a leave (TO_IN{}) followed by a join.
 */
static int switch_on_wire(struct nt_ctx *c, int cap, const char *group)
{
	struct nt_igmp_rec want[2];
	struct nt_igmp_log log;
	char seen[600];
	int rc;

	memset(want, 0, sizeof(want));
	memset(&log, 0, sizeof(log));
	for (int i = 0; i < 2; i++) {
		want[i].msg_type = IPV4_IGMP_V3_MEMBERSHIP_REPORT;
		want[i].group = nt_inaddr(group);
		want[i].num_sources = 1;
	}
	want[0].rec_type = IPV4_IGMP_ALLOW_NEW_SOURCES;
	want[0].sources[0] = nt_inaddr(NT_A0_SECOND);
	want[1].rec_type = IPV4_IGMP_BLOCK_OLD_SOURCES;
	want[1].sources[0] = nt_addr(NT_A0);
	nt_step(c, "waiting for ALLOW{X} + BLOCK{S}");
	rc = nt_igmp_await(cap, nt_addr(NT_S0), nt_inaddr(group), want, 2, 3000,
			   &log);
	nt_igmp_describe(&log, seen, sizeof(seen));
	if (rc != 1) {
		return nt_fail(c,
			       "switch INCLUDE{S} -> INCLUDE{X}: expected one "
			       "report with ALLOW{X} "
			       "and BLOCK{S}; saw %s",
			       seen);
	}
	for (size_t i = 0; i < log.n; i++) {
		if (log.recs[i].rec_type == IPV4_IGMP_CHANGE_TO_INCLUDE &&
		    log.recs[i].num_sources == 0) {
			return nt_fail(c,
				       "switch INCLUDE{S} -> INCLUDE{X} left "
				       "the group on the way "
				       "(TO_IN{}): %s",
				       seen);
		}
	}
	return NT_PASS;
}

int case_ssm_full_state_switch(struct nt_ctx *c)
{
	const char *group = "232.3.3.1";
	const char *s = nt_ifaces[NT_A0].addr;
	const char *x = NT_A0_SECOND;
	struct sockaddr_in g = nt_group(group);
	struct in_addr ga = g.sin_addr;
	struct two_sources src;
	struct ipv4_packet_conn *pc;
	struct nt_ut ut;
	int inc_s[2];
	int inc_x[2];
	int exc_x[2];
	int cap;

	cap = nt_igmp_open(c->topo, NT_A0, &ga, 1);
	if (cap < 0) {
		return nt_fail(c, "raw IGMP socket on a: %s", strerror(-cap));
	}
	pc = &ut.pc;
	if (nt_ut_udp(c, false, nt_port(c, 0), &ut) != NT_PASS ||
	    nt_ut_member(c, &ut, NT_JOIN, NT_S0, group, NULL) != NT_PASS ||
	    sources_open(c, group, nt_port(c, 0), &src) != NT_PASS ||
	    set_filter(c, pc, &g, IPV4_FILTER_INCLUDE, s) != NT_PASS ||
	    filter_is(c, pc, &g, IPV4_FILTER_INCLUDE, s) != NT_PASS ||
	    deliveries(c, &src, &ut, SENDS, inc_s) != NT_PASS ||
	    expect_counts(c, "INCLUDE{S}", inc_s, SENDS, 0) != NT_PASS) {
		return NT_FAIL;
	}
	nt_drain(cap);
	if (set_filter(c, pc, &g, IPV4_FILTER_INCLUDE, x) != NT_PASS ||
	    switch_on_wire(c, cap, group) != NT_PASS ||
	    filter_is(c, pc, &g, IPV4_FILTER_INCLUDE, x) != NT_PASS ||
	    deliveries(c, &src, &ut, SENDS, inc_x) != NT_PASS ||
	    expect_counts(c, "switched to INCLUDE{X}", inc_x, 0, SENDS) !=
		    NT_PASS ||
	    set_filter(c, pc, &g, IPV4_FILTER_EXCLUDE, x) != NT_PASS ||
	    filter_is(c, pc, &g, IPV4_FILTER_EXCLUDE, x) != NT_PASS ||
	    deliveries(c, &src, &ut, SENDS, exc_x) != NT_PASS ||
	    expect_counts(c, "switched to EXCLUDE{X}", exc_x, SENDS, 0) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "INCLUDE{S}: %d S/0 X; INCLUDE{X}: 0 S/%d X, one report "
		       "ALLOW{X}+BLOCK{S}; "
		       "EXCLUDE{X}: %d S/0 X; read back each time",
		       inc_s[0], inc_x[1], exc_x[0]);
}

static int leave_stops(struct nt_ctx *c, bool driven)
{
	const char *g = "232.3.4.1";
	const char *s = nt_ifaces[NT_A0].addr;
	struct two_sources src;
	struct nt_ut ut;
	int joined[2];
	int one_left[2];
	int none[2];
	char after[64];

	if (nt_ut_udp(c, driven, nt_port(c, 0), &ut) != NT_PASS ||
	    nt_ut_member(c, &ut, NT_JOIN_SSM, NT_S0, g, s) != NT_PASS ||
	    nt_ut_member(c, &ut, NT_JOIN_SSM, NT_S0, g, NT_A0_SECOND) !=
		    NT_PASS ||
	    sources_open(c, g, ut.port, &src) != NT_PASS ||
	    deliveries(c, &src, &ut, 2 * SENDS, joined) != NT_PASS ||
	    expect_counts(c, "joined for S and X", joined, SENDS, SENDS) !=
		    NT_PASS ||
	    nt_ut_member(c, &ut, NT_LEAVE_SSM, NT_S0, g, s) != NT_PASS ||
	    deliveries(c, &src, &ut, SENDS, one_left) != NT_PASS ||
	    expect_counts(c, "S left, X still joined", one_left, 0, SENDS) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	snprintf(after, sizeof(after), "after %s", nt_ut_call(&ut, NT_LEAVE));
	if (nt_ut_member(c, &ut, NT_LEAVE, NT_S0, g, NULL) != NT_PASS ||
	    deliveries(c, &src, &ut, 0, none) != NT_PASS ||
	    expect_counts(c, after, none, 0, 0) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c, "S+X joined: %d+%d; S left: 0+%d; %s: 0+0", joined[0],
		       joined[1], one_left[1], nt_ut_call(&ut, NT_LEAVE));
}

NT_BOTH_FORMS(ssm_leave_stops, leave_stops)
