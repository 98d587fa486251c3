/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/driven.c - the table of driven cases, and why the others
 * run only against libipv4.
 */
#include "netns-tests/driven.h"

#include <stdbool.h>
#include <string.h>

#include "netns-tests/drive_list.h"

struct driven {
	const char *name; /* the case's name in cases.c */
	nt_case_fn run;
};

static const struct driven all_driven[] = {
	{"asm/join-one-link", drive_asm_join_one_link},
	{"asm/leave-stops", drive_asm_leave_stops},
	{"asm/two-groups", drive_asm_two_groups},
	{"asm/one-group-two-links", drive_asm_one_group_two_links},
	{"igmp/v3-join", drive_igmp_v3_join},
	{"igmp/v3-leave", drive_igmp_v3_leave},
	{"igmp/v3-ssm-join-leave", drive_igmp_v3_ssm_join_leave},
	{"igmp/v3-exclude", drive_igmp_v3_exclude},
	{"igmp/v2-join", drive_igmp_v2_join},
	{"igmp/v2-leave", drive_igmp_v2_leave},
	{"ssm/include-only-chosen", drive_ssm_include},
	{"ssm/exclude-drops-excluded", drive_ssm_exclude},
	{"ssm/leave-stops", drive_ssm_leave_stops},
	{"mcast/interface-selects-link", drive_mcast_interface},
	{"mcast/ttl-seen-by-receiver", drive_mcast_ttl},
	{"mcast/loopback-on-off", drive_mcast_loopback},
	{"mark/udp-tos", drive_mark_udp_tos},
	{"mark/udp-ttl-router", drive_mark_udp_ttl},
	{"mark/tcp-tos-ttl", drive_mark_tcp},
	{"cmsg/unicast-dst-ifindex", drive_cmsg_unicast},
	{"cmsg/broadcast-dst-ifindex", drive_cmsg_broadcast},
	{"cmsg/multicast-dst-ifindex", drive_cmsg_multicast},
	{"cmsg/pktinfo-send", drive_cmsg_pktinfo_send},
	{"cmsg/ttl-tos-send", drive_cmsg_ttl_tos_send},
	{"cmsg/ttl-tos-receive", drive_cmsg_ttl_tos_receive},
	{"raw/ospf-hello-write", drive_raw_ospf_write},
	{"raw/icmp-echo-write", drive_raw_icmp_write},
	{"raw/read-echo-reply", drive_raw_read_reply},
	{"filter/icmp-accepts-only", drive_filter_icmp},
	{"filter/bpf-passes-only", drive_filter_bpf},
	{"batch/100k-exactly-once", drive_batch_exactly_once},
	{"io/truncation-reported", drive_io_truncation},
	{"io/read-deadline", drive_io_deadline},
};

nt_case_fn nt_driven(const char *name)
{
	for (size_t i = 0; i < sizeof(all_driven) / sizeof(all_driven[0]); i++) {
		if (strcmp(all_driven[i].name, name) == 0) {
			return all_driven[i].run;
		}
	}
	return NULL;
}

/* Why a case runs only against libipv4: by exact name, or by the group
   prefix ending in '/'. The first match counts. */
static const struct {
	const char *name;
	const char *why;
} only[] = {
	{"network/", "checks the test network itself, no socket under test"},
	{"asm/reuseaddr-two-sockets", "two sockets on one wildcard port need SO_REUSEADDR, "
	 "which Go's ListenPacket sets only for a multicast address; no request of the probe "
	 "protocol"},
	{"igmp/v3-full-state", "beyond Go's API: full-state source filters "
	 "(set_source_filter, RFC 3678 s5.2)"},
	{"ssm/full-state-switch", "beyond Go's API: full-state source filters "
	 "(set_source_filter, RFC 3678 s5.2)"},
	{"mcast/all-on-off", "beyond Go's API: IP_MULTICAST_ALL (sockopt.h)"},
	{"filter/bpf-race-free-attach", "beyond Go's API: set_bpf_and_drain (sockopt.h)"},
	{"filter/icmp-race-free-attach", "beyond Go's API: set_icmp_filter_and_drain (sockopt.h)"},
	{"batch/overflow-accounted", "beyond Go's API: IPV4_FLAG_DROPS (SO_RXQ_OVFL)"},
	{"fault/", "fault injection into libipv4's own system calls (strace --inject)"},
	{"errqueue/", "beyond Go's API: read_error (IP_RECVERR, the error queue)"},
	{"io/gso-send", "beyond Go's API: IPV4_FLAG_GSO (UDP_SEGMENT)"},
	{"io/gro-receive", "beyond Go's API: IPV4_FLAG_GRO (UDP_GRO)"},
	{"example/", "libipv4's example programs (examples/)"},
	{"tool/", "libipv4's ipv4 tool (cmd/ipv4)"},
};

const char *nt_libipv4_only(const char *name)
{
	for (size_t i = 0; i < sizeof(only) / sizeof(only[0]); i++) {
		size_t len = strlen(only[i].name);
		bool group = only[i].name[len - 1] == '/';

		if (group ? strncmp(name, only[i].name, len) == 0 : strcmp(name, only[i].name) == 0) {
			return only[i].why;
		}
	}
	return "not yet expressed as probe requests (runs directly only)";
}
