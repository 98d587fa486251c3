/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/drive_list.h - every case with a driven form (drive.h):
 * the one place it is registered. X(FN) says that case_FN (case_list.h)
 * has the driven form drive_FN, defined next to it in the case_*.c file
 * of its group (by NT_BOTH_FORMS below when one function does both).
 * This header declares every drive_FN; driven.c makes its table from the
 * same lines.
 */
#ifndef NT_DRIVE_LIST_H
#define NT_DRIVE_LIST_H

#include "netns-tests/runner.h"

/* clang-format off */
#define NT_DRIVE_LIST(X) \
	/* case_asm.c */ \
	X(asm_join_one_link) \
	X(asm_leave_stops) \
	X(asm_two_groups) \
	X(asm_one_group_two_links) \
	\
	/* case_igmp.c */ \
	X(igmp_v3_join) \
	X(igmp_v3_leave) \
	X(igmp_v3_ssm_join_leave) \
	X(igmp_v3_exclude) \
	X(igmp_v2_join) \
	X(igmp_v2_leave) \
	\
	/* case_ssm.c */ \
	X(ssm_include) \
	X(ssm_exclude) \
	X(ssm_leave_stops) \
	\
	/* case_mcopt.c */ \
	X(mcast_interface) \
	X(mcast_ttl) \
	X(mcast_loopback) \
	\
	/* case_mark.c */ \
	X(mark_udp_tos) \
	X(mark_udp_ttl) \
	X(mark_tcp) \
	\
	/* case_cmsg.c */ \
	X(cmsg_unicast) \
	X(cmsg_broadcast) \
	X(cmsg_multicast) \
	X(cmsg_pktinfo_send) \
	X(cmsg_ttl_tos_send) \
	X(cmsg_ttl_tos_receive) \
	\
	/* case_raw.c */ \
	X(raw_ospf_write) \
	X(raw_icmp_write) \
	X(raw_read_reply) \
	\
	/* case_filter.c */ \
	X(filter_icmp) \
	X(filter_bpf) \
	\
	/* case_batch.c */ \
	X(batch_exactly_once) \
	\
	/* case_io.c */ \
	X(io_truncation) \
	X(io_deadline)

/* clang-format on */

#define NT_DECLARE_DRIVE(fn) int drive_##fn(struct nt_ctx *c);
NT_DRIVE_LIST(NT_DECLARE_DRIVE)
#undef NT_DECLARE_DRIVE

/*
 * NT_BOTH_FORMS(FN, BODY) defines case_FN and drive_FN for a case whose
 * direct and driven forms are one function BODY(c, driven): case_FN runs
 * BODY(c, false), drive_FN BODY(c, true). Written on a line of its own,
 * without a semicolon.
 */
#define NT_BOTH_FORMS(fn, body)          \
	int case_##fn(struct nt_ctx *c)  \
	{                                \
		return body(c, false);   \
	}                                \
	int drive_##fn(struct nt_ctx *c) \
	{                                \
		return body(c, true);    \
	}

#endif /* NT_DRIVE_LIST_H */
