/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/cases.c - the table of cases, in running order.
 */
#include "netns-tests/cases.h"

#include "netns-tests/case_list.h"

static const struct nt_case all_cases[] = {
	{"network/reachability", "topology of netns-tests/topo.h", case_network_reachability, 10},
	{"asm/join-one-link", "RFC 1112 s6.1; RFC 3678 s5.1 MCAST_JOIN_GROUP", case_asm_join_one_link, 10},
	{"asm/leave-stops", "RFC 1112 s6.1; RFC 3678 s5.1 MCAST_LEAVE_GROUP", case_asm_leave_stops, 10},
	{"asm/two-groups", "RFC 1112 s6.1; Go doc: More multicasting", case_asm_two_groups, 10},
	{"asm/one-group-two-links", "Go doc: en0/en1 JoinGroup example", case_asm_one_group_two_links, 10},
	{"asm/reuseaddr-two-sockets", "Go doc: two listeners on one port", case_asm_reuseaddr_two_sockets, 10},
	{"igmp/v3-join", "RFC 3376 s5.1: join sends TO_EX{}", case_igmp_v3_join, 10},
	{"igmp/v3-leave", "RFC 3376 s5.1: leave sends TO_IN{}", case_igmp_v3_leave, 10},
	{"igmp/v3-ssm-join-leave", "RFC 3376 s5.1: ALLOW{S}, BLOCK{S}", case_igmp_v3_ssm_join_leave, 10},
	{"igmp/v3-exclude", "RFC 3376 s5.1: BLOCK{X}, ALLOW{X}", case_igmp_v3_exclude, 10},
	{"igmp/v3-full-state", "RFC 3376 s5.1: TO_IN{B}, TO_EX{X}", case_igmp_v3_full_state, 10},
	{"igmp/v2-join", "RFC 2236 s3: v2 report to the group", case_igmp_v2_join, 10},
	{"igmp/v2-leave", "RFC 2236 s3: Leave Group to 224.0.0.2", case_igmp_v2_leave, 10},
	{"ssm/include-only-chosen", "RFC 4607 s4.2; RFC 3678 s5.1.2 JOIN_SOURCE_GROUP", case_ssm_include, 10},
	{"ssm/exclude-drops-excluded", "RFC 3678 s5.1.3 MCAST_BLOCK_SOURCE", case_ssm_exclude, 10},
	{"ssm/full-state-switch", "RFC 3678 s5.2 setsourcefilter; RFC 3376 s5.1", case_ssm_full_state_switch, 15},
	{"ssm/leave-stops", "RFC 3678 s5.1.2 LEAVE_SOURCE_GROUP, LEAVE_GROUP", case_ssm_leave_stops, 10},
	{"mcast/interface-selects-link", "RFC 1112 s6.1; IP_MULTICAST_IF (Go SetMulticastInterface)", case_mcast_interface, 10},
	{"mcast/ttl-seen-by-receiver", "RFC 1112 s6.1: default TTL 1; IP_MULTICAST_TTL", case_mcast_ttl, 10},
	{"mcast/loopback-on-off", "RFC 1112 s6.1; IP_MULTICAST_LOOP", case_mcast_loopback, 10},
	{"mcast/all-on-off", "sockopt.h: IP_MULTICAST_ALL", case_mcast_all, 10},
	{"mark/udp-tos", "RFC 791 s3.1, RFC 2474 s3: IP_TOS on UDP", case_mark_udp_tos, 10},
	{"mark/udp-ttl-router", "RFC 791 s3.1, RFC 1812 s5.3.1: IP_TTL", case_mark_udp_ttl, 10},
	{"mark/tcp-tos-ttl", "RFC 791 s3.1, RFC 2474 s3: TOS/TTL on TCP", case_mark_tcp, 10},
	{"cmsg/unicast-dst-ifindex", "control.h FLAG_DST|FLAG_INTERFACE (IP_PKTINFO)", case_cmsg_unicast, 10},
	{"cmsg/broadcast-dst-ifindex", "control.h FLAG_DST|FLAG_INTERFACE; RFC 919/922", case_cmsg_broadcast, 10},
	{"cmsg/multicast-dst-ifindex", "control.h FLAG_DST|FLAG_INTERFACE; Go doc example", case_cmsg_multicast, 10},
	{"cmsg/pktinfo-send", "io.h write_to: FLAG_SRC|FLAG_INTERFACE (IP_PKTINFO)", case_cmsg_pktinfo_send, 10},
	{"cmsg/ttl-tos-send", "io.h write_to: FLAG_TTL|FLAG_TOS per datagram", case_cmsg_ttl_tos_send, 10},
	{"cmsg/ttl-tos-receive", "control.h FLAG_TTL|FLAG_TOS (IP_RECVTTL/RECVTOS)", case_cmsg_ttl_tos_receive, 10},
	{"raw/ospf-hello-write", "Go RawConn.WriteTo; RFC 2328 A.1 (224.0.0.5, TTL 1)", case_raw_ospf_write, 10},
	{"raw/icmp-echo-write", "Go RawConn.WriteTo; RFC 792 echo", case_raw_icmp_write, 10},
	{"raw/read-echo-reply", "Go RawConn.ReadFrom; RFC 1122 s3.2.1 checks", case_raw_read_reply, 10},
	{"filter/icmp-accepts-only", "Go SetICMPFilter; Linux raw(7) ICMP_FILTER", case_filter_icmp, 10},
	{"filter/bpf-passes-only", "Go SetBPF; SO_ATTACH_FILTER", case_filter_bpf, 10},
	{"filter/bpf-race-free-attach", "sockopt.h set_bpf_and_drain", case_filter_bpf_race_free, 15},
	{"filter/icmp-race-free-attach", "sockopt.h set_icmp_filter_and_drain", case_filter_icmp_race_free, 15},
	{"batch/100k-exactly-once", "Go WriteBatch/ReadBatch; io.h batches", case_batch_exactly_once, 60},
	{"batch/overflow-accounted", "control.h FLAG_DROPS (SO_RXQ_OVFL)", case_batch_overflow_accounted, 30},
	{"fault/eintr-batch-exactly-once", "io.h: a signal does not end a call; Go retries EINTR", case_fault_eintr_batch, 60},
	{"fault/enobufs-batch-exactly-once", "io.h write_batch: -errno before the first; partial batch", case_fault_enobufs_batch, 60},
	{"fault/eagain-storm-deadline", "io.h Deadlines: IPV4_ETIMEOUT at the deadline", case_fault_eagain_deadline, 30},
	{"errqueue/port-unreachable", "io.h read_error; RFC 792 type 3 code 3", case_errq_port_unreachable, 10},
	{"errqueue/ttl-exceeded", "io.h read_error; RFC 792 type 11; RFC 1812 s5.3.1", case_errq_ttl_exceeded, 10},
	{"errqueue/traceroute", "io.h read_error, per-datagram TTL; RFC 792 types 11, 3", case_errq_traceroute, 10},
	{"io/truncation-reported", "io.h: IPV4_ETRUNC, MSG_TRUNC and datagram_len", case_io_truncation, 10},
	{"io/read-deadline", "io.h deadlines (Go SetReadDeadline)", case_io_deadline, 10},
	{"io/gso-send", "io.h write_to FLAG_GSO (UDP_SEGMENT)", case_io_gso_send, 10},
	{"io/gro-receive", "control.h FLAG_GRO (UDP_GRO)", case_io_gro_receive, 10},
	{"example/marking-tcp", "examples/marking_tcp.c; RFC 2597 AF11 (TOS 0x28)", case_example_marking_tcp, 15},
	{"example/mdns-oneshot", "examples/mdns_oneshot.c; RFC 6762 s5.1, s6.7, s11", case_example_mdns_oneshot, 15},
	{"example/traceroute-udp", "examples/traceroute.c; RFC 792 types 11, 3", case_example_traceroute_udp, 15},
	{"example/traceroute-icmp", "examples/traceroute.c; RFC 792 types 11, 0", case_example_traceroute_icmp, 15},
	{"example/ospf-hello", "examples/ospf_hello.c; RFC 2328 A.1, A.3.1, A.3.2", case_example_ospf_hello, 15},
	{"tool/decode-captured-igmp", "cmd/ipv4 decode; RFC 1122 s3.2.1; RFC 3376 s4.2", case_tool_decode, 15},
	{"tool/join-prints-control", "cmd/ipv4 join; control.h TTL|TOS|DST|INTERFACE", case_tool_join, 15},
	{"tool/join-source", "cmd/ipv4 join --source; RFC 4607, RFC 3678 s5.1.2", case_tool_join_source, 15},
	{"tool/join-exclude", "cmd/ipv4 join --exclude; RFC 3678 s5.1.3", case_tool_join_exclude, 15},
	{"tool/join-every-port", "cmd/ipv4 join without --port (raw UDP socket)", case_tool_join_every_port, 15},
	{"tool/join-interrupt", "cmd/ipv4 join: SIGINT ends it cleanly", case_tool_join_interrupt, 10},
	{"tool/send-multicast", "cmd/ipv4 send --iface --ttl --tos; RFC 1112 s6.1", case_tool_send_multicast, 15},
	{"tool/send-unicast-source", "cmd/ipv4 send --source --ttl --rate (IP_PKTINFO)", case_tool_send_unicast_source, 15},
	{"tool/errors-in-words", "cmd/ipv4 exit statuses and messages", case_tool_errors, 15},
	{"tool/decode-pcap", "cmd/ipv4 decode --pcap; tcpdump -w of IGMP, TOS 0x28 UDP, OSPF", case_tool_decode_pcap, 20},
};

const struct nt_case *nt_cases(size_t *out_count)
{
	*out_count = sizeof(all_cases) / sizeof(all_cases[0]);
	return all_cases;
}
