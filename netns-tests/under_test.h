/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/under_test.h - the receiving side under test, either form.
 *
 * Many cases open a UDP socket on h, change its memberships and count
 * what arrives. Written once against struct nt_ut, such a case runs in
 * both forms: direct (libipv4's packet connection, on the case's port)
 * and driven (the implementation's probe, handle r, on a port the kernel
 * picks; drive.h). The case sends to ut->port either way.
 */
#ifndef NT_UNDER_TEST_H
#define NT_UNDER_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netns-tests/drive.h"
#include "netns-tests/lib.h"

/* The membership calls, by Go's name and libipv4's. */
enum nt_member_op {
	NT_JOIN,      /* JoinGroup, join_group */
	NT_LEAVE,     /* LeaveGroup, leave_group */
	NT_JOIN_SSM,  /* JoinSourceSpecificGroup, join_source_specific_group */
	NT_LEAVE_SSM, /* LeaveSourceSpecificGroup, leave_source_specific_group */
	NT_EXCLUDE,   /* ExcludeSourceSpecificGroup, exclude_... */
	NT_INCLUDE,   /* IncludeSourceSpecificGroup, include_... */
};

/* struct nt_ut is h's socket under test in one of the two forms. */
struct nt_ut {
	bool driven;
	struct ipv4_packet_conn pc; /* direct */
	struct nt_drv d;	    /* driven: handle r */
	uint16_t port;		    /* where the case sends to */
};

/*
 * nt_ut_udp opens h's wildcard UDP socket: directly through libipv4 on
 * port with SO_REUSEADDR, or, when driven, as the probe's handle r on a
 * port of the kernel's. NT_PASS or NT_FAIL (c marked).
 */
int nt_ut_udp(struct nt_ctx *c, bool driven, uint16_t port, struct nt_ut *ut);

/*
 * nt_ut_member makes the membership call op on iface for group (and
 * source, for the source-specific ones; NULL otherwise). NT_PASS or
 * NT_FAIL (c marked, naming the call).
 */
int nt_ut_member(struct nt_ctx *c, struct nt_ut *ut, enum nt_member_op op,
		 enum nt_iface iface, const char *group, const char *source);

/* nt_ut_call names op as the form calls it ("join_group", "JoinGroup"). */
const char *nt_ut_call(const struct nt_ut *ut, enum nt_member_op op);

/*
 * nt_ut_tally counts, for each i below n, the datagrams that are exactly
 * the text tags[i] into counts[i], waiting as nt_lib_tally does for
 * expect in all. Returns the number that matched no tag, or NT_FAIL's
 * negative: -1 after marking c (a read error).
 */
int nt_ut_tally(struct nt_ctx *c, struct nt_ut *ut, const char *const tags[],
		int counts[], size_t n, int expect);

#endif /* NT_UNDER_TEST_H */
