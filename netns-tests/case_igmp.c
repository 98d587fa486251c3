/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_igmp.c - the IGMP that libipv4's joins put on the wire.
 *
 * h changes its memberships through libipv4; the neighbour on the link
 * captures h's IGMP with a raw socket and decodes it with libipv4's codecs
 * (igmpcap.h). Expected, per RFC 3376 section 5.1 (state-change reports):
 *
 *   INCLUDE{}  -> EXCLUDE{}   join                 TO_EX{}
 *   EXCLUDE{}  -> INCLUDE{}   leave                TO_IN{}
 *   INCLUDE{}  -> INCLUDE{S}  source-specific join ALLOW{S}
 *   INCLUDE{S} -> INCLUDE{}   source-specific leave BLOCK{S}
 *   EXCLUDE{}  -> EXCLUDE{X}  exclude a source     BLOCK{X}
 *   EXCLUDE{X} -> EXCLUDE{}   include it again     ALLOW{X}
 *   EXCLUDE{}  -> INCLUDE{B}  full-state include   TO_IN{B}
 *   INCLUDE{B} -> EXCLUDE{X}  full-state exclude   TO_EX{X}
 *
 * each in a v3 Membership Report to 224.0.0.22 with TTL 1 and the Router
 * Alert option (RFC 3376 section 4). With the interface forced to IGMPv2,
 * RFC 2236 section 3: a join sends a v2 Membership Report to the group, a
 * leave a Leave Group to 224.0.0.2, also with TTL 1 and Router Alert.
 *
 * Every case but the full-state one has a driven form (drive.h): the
 * same body with the implementation's probe as h (under_test.h); Go has
 * no full-state filter.
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
	IGMP_WAIT_MS = 3000
};

/* rec builds a wanted record with up to two sources (NULL for none). */
static struct nt_igmp_rec rec(uint8_t msg_type, uint8_t rec_type,
			      const char *group, const char *s1, const char *s2)
{
	struct nt_igmp_rec r;

	memset(&r, 0, sizeof(r));
	r.msg_type = msg_type;
	r.rec_type = rec_type;
	r.group = nt_inaddr(group);
	if (s1 != NULL) {
		r.sources[r.num_sources++] = nt_inaddr(s1);
	}
	if (s2 != NULL) {
		r.sources[r.num_sources++] = nt_inaddr(s2);
	}
	return r;
}

static struct nt_igmp_rec v3(uint8_t rec_type, const char *group,
			     const char *s1, const char *s2)
{
	return rec(IPV4_IGMP_V3_MEMBERSHIP_REPORT, rec_type, group, s1, s2);
}

/* struct watch is a capture of what h sends on one link about one group. */
struct watch {
	int fd;
	enum nt_iface h_iface; /* h's interface on the watched link */
	struct in_addr group;
	struct nt_igmp_log log;
};

/* watch_open starts capturing on the neighbour of h_iface. */
static int watch_open(struct nt_ctx *c, enum nt_iface h_iface,
		      const char *group, struct watch *w)
{
	memset(w, 0, sizeof(*w));
	w->h_iface = h_iface;
	w->group = nt_inaddr(group);
	w->fd = nt_igmp_open(c->topo, nt_ifaces[h_iface].peer, &w->group, 1);
	if (w->fd < 0) {
		return nt_fail(c, "raw IGMP socket on %s: %s",
			       nt_host_name(
				       nt_ifaces[nt_ifaces[h_iface].peer].host),
			       strerror(-w->fd));
	}
	return NT_PASS;
}

/* rfc_ip_checks: the records that matched came with TTL 1, Router Alert
   and to dst. */
static int rfc_ip_checks(struct nt_ctx *c, const struct watch *w,
			 const char *dst)
{
	const struct nt_igmp_rec *last = &w->log.recs[w->log.n - 1];

	if (last->ttl != 1 || !last->router_alert ||
	    last->ip_dst.s_addr != nt_inaddr(dst).s_addr) {
		return nt_fail(c,
			       "%s report: expected TTL 1, Router Alert, "
			       "destination %s; "
			       "saw TTL %u, Router Alert %s, destination %s",
			       nt_igmp_rec_name(last->msg_type, last->rec_type),
			       dst, last->ttl,
			       last->router_alert ? "present" : "absent",
			       nt_ntoa(last->ip_dst));
	}
	return NT_PASS;
}

/* expect waits for one packet from h carrying every wanted record. */
static int expect(struct nt_ctx *c, struct watch *w, const char *action,
		  const struct nt_igmp_rec *want, size_t n_want,
		  const char *dst)
{
	char seen[700];
	char wanted[200];
	int rc;

	nt_step(c, "waiting for the IGMP of: %s", action);
	rc = nt_igmp_await(w->fd, nt_addr(w->h_iface), w->group, want, n_want,
			   IGMP_WAIT_MS, &w->log);
	if (rc < 0) {
		return nt_fail(c, "capture after %s: %s", action,
			       strerror(-rc));
	}
	if (w->log.bad > 0) {
		return nt_fail(
			c,
			"after %s: %d IGMP packets from h did not decode (%s)",
			action, w->log.bad, w->log.bad_why);
	}
	if (rc == 0) {
		nt_igmp_describe(&w->log, seen, sizeof(seen));
		nt_igmp_describe_recs(want, n_want, false, wanted,
				      sizeof(wanted));
		return nt_fail(c,
			       "after %s: expected %s in one report from %s "
			       "within %d ms; saw %s",
			       action, wanted, nt_ifaces[w->h_iface].addr,
			       IGMP_WAIT_MS, seen);
	}
	return rfc_ip_checks(c, w, dst);
}

static const char *v3_dst = "224.0.0.22";

/* change makes the membership call op and waits for want in one report
   to dst. */
static int change(struct nt_ctx *c, struct nt_ut *ut, struct watch *w,
		  enum nt_member_op op, const char *group, const char *source,
		  const struct nt_igmp_rec *want, const char *dst)
{
	if (nt_ut_member(c, ut, op, w->h_iface, group, source) != NT_PASS) {
		return NT_FAIL;
	}
	return expect(c, w, nt_ut_call(ut, op), want, 1, dst);
}

/* The driven forms use a group of their own (the direct form's plus one
   in the last byte), so that what the kernel still repeats of the direct
   form's reports cannot be taken for theirs. */
#define GROUP(driven, direct_group, driven_group) \
	((driven) ? (driven_group) : (direct_group))

/* struct v3_step is one membership call on s0 and the v3 record its
   report must carry: rec_type for the group, with the call's source. */
struct v3_step {
	enum nt_member_op op;
	const char *source; /* NULL for a call without one */
	uint8_t rec_type;
};

/* v3_steps watches s0 for group, opens the socket under test (*ut) and
   makes each call of steps in turn, waiting after each for its record in
   a report to 224.0.0.22. */
static int v3_steps(struct nt_ctx *c, bool driven, const char *group,
		    const struct v3_step *steps, size_t n, struct nt_ut *ut,
		    struct watch *w)
{
	if (watch_open(c, NT_S0, group, w) != NT_PASS ||
	    nt_ut_udp(c, driven, nt_port(c, 0), ut) != NT_PASS) {
		return NT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		struct nt_igmp_rec want = v3(steps[i].rec_type, group,
					     steps[i].source, NULL);

		if (change(c, ut, w, steps[i].op, group, steps[i].source, &want,
			   v3_dst) != NT_PASS) {
			return NT_FAIL;
		}
	}
	return NT_PASS;
}

static int v3_join(struct nt_ctx *c, bool driven)
{
	const char *group = GROUP(driven, "239.2.1.1", "239.2.1.2");
	const struct v3_step steps[] = {
		{ NT_JOIN, NULL, IPV4_IGMP_CHANGE_TO_EXCLUDE },
	};
	struct nt_ut ut;
	struct watch w;

	if (v3_steps(c, driven, group, steps, 1, &ut, &w) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "%s sent v3 TO_EX{} for %s to %s, TTL 1, Router Alert",
		       nt_ut_call(&ut, NT_JOIN), group, v3_dst);
}

static int v3_leave(struct nt_ctx *c, bool driven)
{
	const char *group = GROUP(driven, "239.2.2.1", "239.2.2.2");
	const struct v3_step steps[] = {
		{ NT_JOIN, NULL, IPV4_IGMP_CHANGE_TO_EXCLUDE },
		{ NT_LEAVE, NULL, IPV4_IGMP_CHANGE_TO_INCLUDE },
	};
	struct nt_ut ut;
	struct watch w;

	if (v3_steps(c, driven, group, steps, 2, &ut, &w) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c, "join: TO_EX{}; %s: TO_IN{} for %s",
		       nt_ut_call(&ut, NT_LEAVE), group);
}

static int v3_ssm_join_leave(struct nt_ctx *c, bool driven)
{
	const char *group = GROUP(driven, "232.2.3.1", "232.2.3.2");
	const char *src = nt_ifaces[NT_A0].addr;
	const struct v3_step steps[] = {
		{ NT_JOIN_SSM, src, IPV4_IGMP_ALLOW_NEW_SOURCES },
		{ NT_LEAVE_SSM, src, IPV4_IGMP_BLOCK_OLD_SOURCES },
	};
	struct nt_ut ut;
	struct watch w;

	if (v3_steps(c, driven, group, steps, 2, &ut, &w) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(
		c, "source-specific join: ALLOW{%s}; leave: BLOCK{%s} for %s",
		src, src, group);
}

static int v3_exclude(struct nt_ctx *c, bool driven)
{
	const char *group = GROUP(driven, "239.2.4.1", "239.2.4.2");
	const char *x = NT_A0_SECOND;
	const struct v3_step steps[] = {
		{ NT_JOIN, NULL, IPV4_IGMP_CHANGE_TO_EXCLUDE },
		{ NT_EXCLUDE, x, IPV4_IGMP_BLOCK_OLD_SOURCES },
		{ NT_INCLUDE, x, IPV4_IGMP_ALLOW_NEW_SOURCES },
	};
	struct nt_ut ut;
	struct watch w;

	if (v3_steps(c, driven, group, steps, 3, &ut, &w) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(
		c,
		"join TO_EX{}; exclude %s: BLOCK{%s}; include again: ALLOW{%s}",
		x, x, x);
}

NT_BOTH_FORMS(igmp_v3_join, v3_join)

NT_BOTH_FORMS(igmp_v3_leave, v3_leave)

NT_BOTH_FORMS(igmp_v3_ssm_join_leave, v3_ssm_join_leave)

NT_BOTH_FORMS(igmp_v3_exclude, v3_exclude)

int case_igmp_v3_full_state(struct nt_ctx *c)
{
	const char *group = "239.2.5.1";
	const char *s1 = nt_ifaces[NT_A0].addr;
	const char *s2 = NT_A0_SECOND;
	const char *x = nt_ifaces[NT_B0].addr;
	struct in_addr include[2] = { nt_inaddr(s1), nt_inaddr(s2) };
	struct in_addr exclude[1] = { nt_inaddr(x) };
	struct sockaddr_in g = nt_group(group);
	const struct v3_step join[] = {
		{ NT_JOIN, NULL, IPV4_IGMP_CHANGE_TO_EXCLUDE },
	};
	struct nt_igmp_rec to_in = v3(IPV4_IGMP_CHANGE_TO_INCLUDE, group, s1,
				      s2);
	struct nt_igmp_rec to_ex = v3(IPV4_IGMP_CHANGE_TO_EXCLUDE, group, x,
				      NULL);
	int ifindex = c->topo->ifindex[NT_S0];
	struct nt_ut ut;
	struct ipv4_packet_conn *pc = &ut.pc;
	struct watch w;

	if (v3_steps(c, false, group, join, 1, &ut, &w) != NT_PASS ||
	    nt_check(c,
		     ipv4_packet_conn_set_source_filter(pc, ifindex, &g,
							IPV4_FILTER_INCLUDE,
							include, 2),
		     "set_source_filter(INCLUDE)") != NT_PASS ||
	    expect(c, &w, "set_source_filter(INCLUDE {s1, s2})", &to_in, 1,
		   v3_dst) != NT_PASS ||
	    nt_check(c,
		     ipv4_packet_conn_set_source_filter(pc, ifindex, &g,
							IPV4_FILTER_EXCLUDE,
							exclude, 1),
		     "set_source_filter(EXCLUDE)") != NT_PASS ||
	    expect(c, &w, "set_source_filter(EXCLUDE {x})", &to_ex, 1,
		   v3_dst) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(
		c, "INCLUDE{%s,%s}: TO_IN{both}; then EXCLUDE{%s}: TO_EX{%s}",
		s1, s2, x, x);
}

/* force_v2 sets s1's force_igmp_version; 0 restores the default. */
static int force_v2(struct nt_ctx *c, const char *value)
{
	int rc = nt_sysctl(c->topo, NT_H, "net/ipv4/conf/s1/force_igmp_version",
			   value);

	if (rc != 0) {
		return nt_fail(
			c, "sysctl net/ipv4/conf/s1/force_igmp_version=%s: %s",
			value, strerror(-rc));
	}
	return NT_PASS;
}

/* v2_join_leave: join (and leave when do_leave) with s1 forced to v2. */
static int v2_join_leave(struct nt_ctx *c, bool driven, const char *group,
			 uint16_t port, bool do_leave)
{
	struct nt_igmp_rec report = rec(IPV4_IGMP_V2_MEMBERSHIP_REPORT, 0,
					group, NULL, NULL);
	struct nt_igmp_rec leave = rec(IPV4_IGMP_V2_LEAVE_GROUP, 0, group, NULL,
				       NULL);
	struct nt_ut ut;
	struct watch w;

	if (watch_open(c, NT_S1, group, &w) != NT_PASS ||
	    nt_ut_udp(c, driven, port, &ut) != NT_PASS ||
	    change(c, &ut, &w, NT_JOIN, group, NULL, &report, group) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	if (do_leave && change(c, &ut, &w, NT_LEAVE, group, NULL, &leave,
			       "224.0.0.2") != NT_PASS) {
		return NT_FAIL;
	}
	return NT_PASS;
}

/* v2_case runs v2_join_leave with s1 forced to IGMPv2 and restores it. */
static int v2_case(struct nt_ctx *c, bool driven, const char *group,
		   uint16_t port, bool do_leave)
{
	int rc;

	if (force_v2(c, "2") != NT_PASS) {
		return NT_FAIL;
	}
	rc = v2_join_leave(c, driven, group, port, do_leave);
	force_v2(c, "0");
	return rc;
}

static int v2_join(struct nt_ctx *c, bool driven)
{
	const char *group = GROUP(driven, "239.2.6.1", "239.2.6.2");

	if (v2_case(c, driven, group, nt_port(c, 0), false) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "with force_igmp_version=2 on s1, %s sent a v2 "
		       "Membership Report for "
		       "%s to %s, TTL 1, Router Alert",
		       driven ? "JoinGroup" : "join_group", group, group);
}

static int v2_leave(struct nt_ctx *c, bool driven)
{
	const char *group = GROUP(driven, "239.2.7.1", "239.2.7.2");

	if (v2_case(c, driven, group, nt_port(c, 0), true) != NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "with force_igmp_version=2 on s1: v2 report on join, "
		       "Leave Group for %s "
		       "to 224.0.0.2 on %s, TTL 1, Router Alert",
		       group, driven ? "LeaveGroup" : "leave_group");
}

NT_BOTH_FORMS(igmp_v2_join, v2_join)

NT_BOTH_FORMS(igmp_v2_leave, v2_leave)
