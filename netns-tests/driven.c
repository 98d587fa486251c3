/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/driven.c - the table of driven cases, and why the others
 * run only against libipv4.
 */
#include "netns-tests/driven.h"

#include <stdbool.h>
#include <string.h>

#include "netns-tests/case_list.h"
#include "netns-tests/cases.h"
#include "netns-tests/drive_list.h"

/* A case's direct function and its driven form. */
struct driven {
	nt_case_fn direct;
	nt_case_fn driven;
};

#define NT_DRIVEN_ENTRY(fn) { case_##fn, drive_##fn },

static const struct driven all_driven[] = { NT_DRIVE_LIST(NT_DRIVEN_ENTRY) };

nt_case_fn nt_driven(const char *name)
{
	size_t total;
	const struct nt_case *all = nt_cases(&total);

	for (size_t i = 0; i < total; i++) {
		if (strcmp(all[i].name, name) != 0) {
			continue;
		}
		for (size_t k = 0;
		     k < sizeof(all_driven) / sizeof(all_driven[0]); k++) {
			if (all_driven[k].direct == all[i].run) {
				return all_driven[k].driven;
			}
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
	{ "network/", "checks the test network itself, no socket under test" },
	{ "asm/reuseaddr-two-sockets",
	  "two sockets on one wildcard port need SO_REUSEADDR, "
	  "which Go's ListenPacket sets only for a multicast address; no "
	  "request of the probe "
	  "protocol" },
	{ "igmp/v3-full-state", "beyond Go's API: full-state source filters "
				"(set_source_filter, RFC 3678 s5.2)" },
	{ "ssm/full-state-switch", "beyond Go's API: full-state source filters "
				   "(set_source_filter, RFC 3678 s5.2)" },
	{ "mcast/all-on-off", "beyond Go's API: IP_MULTICAST_ALL (sockopt.h)" },
	{ "filter/bpf-race-free-attach",
	  "beyond Go's API: set_bpf_and_drain (sockopt.h)" },
	{ "filter/icmp-race-free-attach",
	  "beyond Go's API: set_icmp_filter_and_drain (sockopt.h)" },
	{ "batch/overflow-accounted",
	  "beyond Go's API: IPV4_FLAG_DROPS (SO_RXQ_OVFL)" },
	{ "fault/",
	  "fault injection into libipv4's own system calls (strace --inject)" },
	{ "errqueue/",
	  "beyond Go's API: read_error (IP_RECVERR, the error queue)" },
	{ "io/gso-send", "beyond Go's API: IPV4_FLAG_GSO (UDP_SEGMENT)" },
	{ "io/gro-receive", "beyond Go's API: IPV4_FLAG_GRO (UDP_GRO)" },
	{ "gso/", "beyond Go's API: batch offload (set_batch_offload, "
		  "DIVERGENCES.md X1)" },
	{ "example/", "libipv4's example programs (examples/)" },
	{ "tool/", "libipv4's ipv4 tool (cmd/ipv4)" },
};

const char *nt_libipv4_only(const char *name)
{
	for (size_t i = 0; i < sizeof(only) / sizeof(only[0]); i++) {
		size_t len = strlen(only[i].name);
		bool group = only[i].name[len - 1] == '/';

		if (group ? strncmp(name, only[i].name, len) == 0
			  : strcmp(name, only[i].name) == 0) {
			return only[i].why;
		}
	}
	return "not yet expressed as probe requests (runs directly only)";
}
