/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_list.h - every case, in running order: the one place a
 * case is registered.
 *
 * Each line is X(FN, NAME, REFERENCE, SECONDS): the case function is
 * case_FN, defined in the case_*.c file of its group (the comment above
 * its lines); NAME is "group/case", unique; REFERENCE the RFC section or
 * documented behaviour it checks; SECONDS its time limit. This header
 * declares every case_FN, and cases.c makes the table from the same
 * lines. A case with a driven form (drive.h) also has a line in
 * drive_list.h.
 */
#ifndef NT_CASE_LIST_H
#define NT_CASE_LIST_H

#include "netns-tests/runner.h"

/* clang-format off */
#define NT_CASE_LIST(X) \
	/* case_network.c */ \
	X(network_reachability, "network/reachability", "topology of netns-tests/topo.h", 10) \
	\
	/* case_asm.c */ \
	X(asm_join_one_link, "asm/join-one-link", "RFC 1112 s6.1; RFC 3678 s5.1 MCAST_JOIN_GROUP", 10) \
	X(asm_leave_stops, "asm/leave-stops", "RFC 1112 s6.1; RFC 3678 s5.1 MCAST_LEAVE_GROUP", 10) \
	X(asm_two_groups, "asm/two-groups", "RFC 1112 s6.1; Go doc: More multicasting", 10) \
	X(asm_one_group_two_links, "asm/one-group-two-links", "Go doc: en0/en1 JoinGroup example", 10) \
	X(asm_reuseaddr_two_sockets, "asm/reuseaddr-two-sockets", "Go doc: two listeners on one port", 10) \
	\
	/* case_igmp.c */ \
	X(igmp_v3_join, "igmp/v3-join", "RFC 3376 s5.1: join sends TO_EX{}", 10) \
	X(igmp_v3_leave, "igmp/v3-leave", "RFC 3376 s5.1: leave sends TO_IN{}", 10) \
	X(igmp_v3_ssm_join_leave, "igmp/v3-ssm-join-leave", "RFC 3376 s5.1: ALLOW{S}, BLOCK{S}", 10) \
	X(igmp_v3_exclude, "igmp/v3-exclude", "RFC 3376 s5.1: BLOCK{X}, ALLOW{X}", 10) \
	X(igmp_v3_full_state, "igmp/v3-full-state", "RFC 3376 s5.1: TO_IN{B}, TO_EX{X}", 10) \
	X(igmp_v2_join, "igmp/v2-join", "RFC 2236 s3: v2 report to the group", 10) \
	X(igmp_v2_leave, "igmp/v2-leave", "RFC 2236 s3: Leave Group to 224.0.0.2", 10) \
	\
	/* case_ssm.c */ \
	X(ssm_include, "ssm/include-only-chosen", "RFC 4607 s4.2; RFC 3678 s5.1.2 JOIN_SOURCE_GROUP", 10) \
	X(ssm_exclude, "ssm/exclude-drops-excluded", "RFC 3678 s5.1.3 MCAST_BLOCK_SOURCE", 10) \
	X(ssm_full_state_switch, "ssm/full-state-switch", "RFC 3678 s5.2 setsourcefilter; RFC 3376 s5.1", 15) \
	X(ssm_leave_stops, "ssm/leave-stops", "RFC 3678 s5.1.2 LEAVE_SOURCE_GROUP, LEAVE_GROUP", 10) \
	\
	/* case_mcopt.c */ \
	X(mcast_interface, "mcast/interface-selects-link", "RFC 1112 s6.1; IP_MULTICAST_IF (Go SetMulticastInterface)", 10) \
	X(mcast_ttl, "mcast/ttl-seen-by-receiver", "RFC 1112 s6.1: default TTL 1; IP_MULTICAST_TTL", 10) \
	X(mcast_loopback, "mcast/loopback-on-off", "RFC 1112 s6.1; IP_MULTICAST_LOOP", 10) \
	X(mcast_all, "mcast/all-on-off", "sockopt.h: IP_MULTICAST_ALL", 10) \
	\
	/* case_mark.c */ \
	X(mark_udp_tos, "mark/udp-tos", "RFC 791 s3.1, RFC 2474 s3: IP_TOS on UDP", 10) \
	X(mark_udp_ttl, "mark/udp-ttl-router", "RFC 791 s3.1, RFC 1812 s5.3.1: IP_TTL", 10) \
	X(mark_tcp, "mark/tcp-tos-ttl", "RFC 791 s3.1, RFC 2474 s3: TOS/TTL on TCP", 10) \
	\
	/* case_cmsg.c */ \
	X(cmsg_unicast, "cmsg/unicast-dst-ifindex", "control.h FLAG_DST|FLAG_INTERFACE (IP_PKTINFO)", 10) \
	X(cmsg_broadcast, "cmsg/broadcast-dst-ifindex", "control.h FLAG_DST|FLAG_INTERFACE; RFC 919/922", 10) \
	X(cmsg_multicast, "cmsg/multicast-dst-ifindex", "control.h FLAG_DST|FLAG_INTERFACE; Go doc example", 10) \
	X(cmsg_pktinfo_send, "cmsg/pktinfo-send", "io.h write_to: FLAG_SRC|FLAG_INTERFACE (IP_PKTINFO)", 10) \
	X(cmsg_ttl_tos_send, "cmsg/ttl-tos-send", "io.h write_to: FLAG_TTL|FLAG_TOS per datagram", 10) \
	X(cmsg_ttl_tos_receive, "cmsg/ttl-tos-receive", "control.h FLAG_TTL|FLAG_TOS (IP_RECVTTL/RECVTOS)", 10) \
	\
	/* case_raw.c */ \
	X(raw_ospf_write, "raw/ospf-hello-write", "Go RawConn.WriteTo; RFC 2328 A.1 (224.0.0.5, TTL 1)", 10) \
	X(raw_icmp_write, "raw/icmp-echo-write", "Go RawConn.WriteTo; RFC 792 echo", 10) \
	X(raw_read_reply, "raw/read-echo-reply", "Go RawConn.ReadFrom; RFC 1122 s3.2.1 checks", 10) \
	\
	/* case_filter.c */ \
	X(filter_icmp, "filter/icmp-accepts-only", "Go SetICMPFilter; Linux raw(7) ICMP_FILTER", 10) \
	X(filter_bpf, "filter/bpf-passes-only", "Go SetBPF; SO_ATTACH_FILTER", 10) \
	X(filter_bpf_race_free, "filter/bpf-race-free-attach", "sockopt.h set_bpf_and_drain", 15) \
	X(filter_icmp_race_free, "filter/icmp-race-free-attach", "sockopt.h set_icmp_filter_and_drain", 15) \
	\
	/* case_batch.c */ \
	X(batch_exactly_once, "batch/100k-exactly-once", "Go WriteBatch/ReadBatch; io.h batches", 60) \
	X(batch_overflow_accounted, "batch/overflow-accounted", "control.h FLAG_DROPS (SO_RXQ_OVFL)", 30) \
	\
	/* case_fault.c */ \
	X(fault_eintr_batch, "fault/eintr-batch-exactly-once", "io.h: a signal does not end a call; Go retries EINTR", 60) \
	X(fault_enobufs_batch, "fault/enobufs-batch-exactly-once", "io.h write_batch: -errno before the first; partial batch", 60) \
	X(fault_eagain_deadline, "fault/eagain-storm-deadline", "io.h Deadlines: IPV4_ETIMEOUT at the deadline", 30) \
	\
	/* case_errq.c */ \
	X(errq_port_unreachable, "errqueue/port-unreachable", "io.h read_error; RFC 792 type 3 code 3", 10) \
	X(errq_ttl_exceeded, "errqueue/ttl-exceeded", "io.h read_error; RFC 792 type 11; RFC 1812 s5.3.1", 10) \
	X(errq_traceroute, "errqueue/traceroute", "io.h read_error, per-datagram TTL; RFC 792 types 11, 3", 10) \
	\
	/* case_io.c */ \
	X(io_truncation, "io/truncation-reported", "io.h: IPV4_ETRUNC, MSG_TRUNC and datagram_len", 10) \
	X(io_deadline, "io/read-deadline", "io.h deadlines (Go SetReadDeadline)", 10) \
	X(io_gso_send, "io/gso-send", "io.h write_to FLAG_GSO (UDP_SEGMENT)", 10) \
	X(io_gro_receive, "io/gro-receive", "control.h FLAG_GRO (UDP_GRO)", 10) \
	\
	/* case_gso.c: batch offload (io.h) */ \
	X(gso_veth_both, "gso/veth-coalesce-split", "io.h batch offload: COALESCE and SPLIT, 100k mixed", 60) \
	X(gso_loopback_both, "gso/loopback-coalesce-split", "io.h batch offload on lo: COALESCE and SPLIT, 100k", 60) \
	X(gso_veth_coalesce_plain_reader, "gso/veth-coalesce-gro-off-reader", "io.h COALESCE to a reader without GRO", 60) \
	X(gso_veth_plain_split_reader, "gso/veth-plain-to-split-reader", "io.h SPLIT reading plain senders", 60) \
	X(gso_veth_mixed_senders, "gso/veth-mixed-senders", "io.h SPLIT reading a coalescing and a plain sender", 60) \
	X(gso_veth_mtu_fallback, "gso/veth-mtu-fallback", "io.h COALESCE: segments over the MTU fall back (EMSGSIZE)", 30) \
	\
	/* case_examples.c: the programs of examples/ */ \
	X(example_marking_tcp, "example/marking-tcp", "examples/marking_tcp.c; RFC 2597 AF11 (TOS 0x28)", 15) \
	X(example_mdns_oneshot, "example/mdns-oneshot", "examples/mdns_oneshot.c; RFC 6762 s5.1, s6.7, s11", 15) \
	X(example_traceroute_udp, "example/traceroute-udp", "examples/traceroute.c; RFC 792 types 11, 3", 15) \
	X(example_traceroute_icmp, "example/traceroute-icmp", "examples/traceroute.c; RFC 792 types 11, 0", 15) \
	X(example_ospf_hello, "example/ospf-hello", "examples/ospf_hello.c; RFC 2328 A.1, A.3.1, A.3.2", 15) \
	\
	/* case_tool.c: the ipv4 tool of cmd/ipv4/ */ \
	X(tool_decode, "tool/decode-captured-igmp", "cmd/ipv4 decode; RFC 1122 s3.2.1; RFC 3376 s4.2", 15) \
	X(tool_join, "tool/join-prints-control", "cmd/ipv4 join; control.h TTL|TOS|DST|INTERFACE", 15) \
	X(tool_join_source, "tool/join-source", "cmd/ipv4 join --source; RFC 4607, RFC 3678 s5.1.2", 15) \
	X(tool_join_exclude, "tool/join-exclude", "cmd/ipv4 join --exclude; RFC 3678 s5.1.3", 15) \
	X(tool_join_every_port, "tool/join-every-port", "cmd/ipv4 join without --port (raw UDP socket)", 15) \
	X(tool_join_interrupt, "tool/join-interrupt", "cmd/ipv4 join: SIGINT ends it cleanly", 10) \
	X(tool_send_multicast, "tool/send-multicast", "cmd/ipv4 send --iface --ttl --tos; RFC 1112 s6.1", 15) \
	X(tool_send_unicast_source, "tool/send-unicast-source", "cmd/ipv4 send --source --ttl --rate (IP_PKTINFO)", 15) \
	X(tool_errors, "tool/errors-in-words", "cmd/ipv4 exit statuses and messages", 15) \
	X(tool_decode_pcap, "tool/decode-pcap", "cmd/ipv4 decode --pcap; tcpdump -w of IGMP, TOS 0x28 UDP, OSPF", 20)

/* clang-format on */

#define NT_DECLARE_CASE(fn, name, ref, secs) int case_##fn(struct nt_ctx *c);
NT_CASE_LIST(NT_DECLARE_CASE)
#undef NT_DECLARE_CASE

#endif /* NT_CASE_LIST_H */
