/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/drive_list.h - every driven case function (drive.h), for
 * driven.c's table. Each is defined in the case_*.c file of its group,
 * next to the direct form of the same case.
 */
#ifndef NT_DRIVE_LIST_H
#define NT_DRIVE_LIST_H

#include "netns-tests/runner.h"

/* case_asm.c */
int drive_asm_join_one_link(struct nt_ctx *c);
int drive_asm_leave_stops(struct nt_ctx *c);
int drive_asm_two_groups(struct nt_ctx *c);
int drive_asm_one_group_two_links(struct nt_ctx *c);

/* case_mcopt.c */
int drive_mcast_interface(struct nt_ctx *c);
int drive_mcast_ttl(struct nt_ctx *c);
int drive_mcast_loopback(struct nt_ctx *c);

/* case_mark.c */
int drive_mark_udp_tos(struct nt_ctx *c);
int drive_mark_udp_ttl(struct nt_ctx *c);
int drive_mark_tcp(struct nt_ctx *c);

/* case_batch.c */
int drive_batch_exactly_once(struct nt_ctx *c);

/* case_cmsg.c */
int drive_cmsg_unicast(struct nt_ctx *c);
int drive_cmsg_broadcast(struct nt_ctx *c);
int drive_cmsg_multicast(struct nt_ctx *c);
int drive_cmsg_pktinfo_send(struct nt_ctx *c);
int drive_cmsg_ttl_tos_send(struct nt_ctx *c);
int drive_cmsg_ttl_tos_receive(struct nt_ctx *c);

/* case_igmp.c */
int drive_igmp_v3_join(struct nt_ctx *c);
int drive_igmp_v3_leave(struct nt_ctx *c);
int drive_igmp_v3_ssm_join_leave(struct nt_ctx *c);
int drive_igmp_v3_exclude(struct nt_ctx *c);
int drive_igmp_v2_join(struct nt_ctx *c);
int drive_igmp_v2_leave(struct nt_ctx *c);

/* case_ssm.c */
int drive_ssm_include(struct nt_ctx *c);
int drive_ssm_exclude(struct nt_ctx *c);
int drive_ssm_leave_stops(struct nt_ctx *c);

/* case_raw.c */
int drive_raw_ospf_write(struct nt_ctx *c);
int drive_raw_icmp_write(struct nt_ctx *c);
int drive_raw_read_reply(struct nt_ctx *c);

/* case_filter.c */
int drive_filter_icmp(struct nt_ctx *c);
int drive_filter_bpf(struct nt_ctx *c);

/* case_io.c */
int drive_io_truncation(struct nt_ctx *c);
int drive_io_deadline(struct nt_ctx *c);

#endif /* NT_DRIVE_LIST_H */
