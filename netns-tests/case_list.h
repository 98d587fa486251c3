/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_list.h - every case function, for cases.c's table.
 * Each is defined in the case_*.c file of its group.
 */
#ifndef NT_CASE_LIST_H
#define NT_CASE_LIST_H

#include "netns-tests/runner.h"

/* case_network.c */
int case_network_reachability(struct nt_ctx *c);

/* case_asm.c */
int case_asm_join_one_link(struct nt_ctx *c);
int case_asm_leave_stops(struct nt_ctx *c);
int case_asm_two_groups(struct nt_ctx *c);
int case_asm_one_group_two_links(struct nt_ctx *c);
int case_asm_reuseaddr_two_sockets(struct nt_ctx *c);

/* case_igmp.c */
int case_igmp_v3_join(struct nt_ctx *c);
int case_igmp_v3_leave(struct nt_ctx *c);
int case_igmp_v3_ssm_join_leave(struct nt_ctx *c);
int case_igmp_v3_exclude(struct nt_ctx *c);
int case_igmp_v3_full_state(struct nt_ctx *c);
int case_igmp_v2_join(struct nt_ctx *c);
int case_igmp_v2_leave(struct nt_ctx *c);

/* case_ssm.c */
int case_ssm_include(struct nt_ctx *c);
int case_ssm_exclude(struct nt_ctx *c);
int case_ssm_full_state_switch(struct nt_ctx *c);
int case_ssm_leave_stops(struct nt_ctx *c);

/* case_mcopt.c */
int case_mcast_interface(struct nt_ctx *c);
int case_mcast_ttl(struct nt_ctx *c);
int case_mcast_loopback(struct nt_ctx *c);
int case_mcast_all(struct nt_ctx *c);

/* case_mark.c */
int case_mark_udp_tos(struct nt_ctx *c);
int case_mark_udp_ttl(struct nt_ctx *c);
int case_mark_tcp(struct nt_ctx *c);

/* case_cmsg.c */
int case_cmsg_unicast(struct nt_ctx *c);
int case_cmsg_broadcast(struct nt_ctx *c);
int case_cmsg_multicast(struct nt_ctx *c);
int case_cmsg_pktinfo_send(struct nt_ctx *c);
int case_cmsg_ttl_tos_send(struct nt_ctx *c);
int case_cmsg_ttl_tos_receive(struct nt_ctx *c);

/* case_raw.c */
int case_raw_ospf_write(struct nt_ctx *c);
int case_raw_icmp_write(struct nt_ctx *c);
int case_raw_read_reply(struct nt_ctx *c);

/* case_filter.c */
int case_filter_icmp(struct nt_ctx *c);
int case_filter_bpf(struct nt_ctx *c);
int case_filter_bpf_race_free(struct nt_ctx *c);
int case_filter_icmp_race_free(struct nt_ctx *c);

/* case_batch.c */
int case_batch_exactly_once(struct nt_ctx *c);
int case_batch_overflow_accounted(struct nt_ctx *c);

/* case_fault.c */
int case_fault_eintr_batch(struct nt_ctx *c);
int case_fault_enobufs_batch(struct nt_ctx *c);
int case_fault_eagain_deadline(struct nt_ctx *c);

/* case_errq.c */
int case_errq_port_unreachable(struct nt_ctx *c);
int case_errq_ttl_exceeded(struct nt_ctx *c);
int case_errq_traceroute(struct nt_ctx *c);

/* case_io.c */
int case_io_truncation(struct nt_ctx *c);
int case_io_deadline(struct nt_ctx *c);
int case_io_gso_send(struct nt_ctx *c);
int case_io_gro_receive(struct nt_ctx *c);

/* case_gso.c: batch offload (io.h) */
int case_gso_veth_both(struct nt_ctx *c);
int case_gso_loopback_both(struct nt_ctx *c);
int case_gso_veth_coalesce_plain_reader(struct nt_ctx *c);
int case_gso_veth_plain_split_reader(struct nt_ctx *c);
int case_gso_veth_mixed_senders(struct nt_ctx *c);
int case_gso_veth_mtu_fallback(struct nt_ctx *c);

/* case_examples.c: the programs of examples/ */
int case_example_marking_tcp(struct nt_ctx *c);
int case_example_mdns_oneshot(struct nt_ctx *c);
int case_example_traceroute_udp(struct nt_ctx *c);
int case_example_traceroute_icmp(struct nt_ctx *c);
int case_example_ospf_hello(struct nt_ctx *c);

/* case_tool.c: the ipv4 tool of cmd/ipv4/ */
int case_tool_decode(struct nt_ctx *c);
int case_tool_join(struct nt_ctx *c);
int case_tool_join_source(struct nt_ctx *c);
int case_tool_join_exclude(struct nt_ctx *c);
int case_tool_join_every_port(struct nt_ctx *c);
int case_tool_join_interrupt(struct nt_ctx *c);
int case_tool_send_multicast(struct nt_ctx *c);
int case_tool_send_unicast_source(struct nt_ctx *c);
int case_tool_errors(struct nt_ctx *c);
int case_tool_decode_pcap(struct nt_ctx *c);

#endif /* NT_CASE_LIST_H */
