/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/under_test.c - h's receiving socket, direct or driven.
 */
#include "netns-tests/under_test.h"

#include <string.h>

static const char *const go_names[] = {
	"JoinGroup",
	"LeaveGroup",
	"JoinSourceSpecificGroup",
	"LeaveSourceSpecificGroup",
	"ExcludeSourceSpecificGroup",
	"IncludeSourceSpecificGroup",
};

static const char *const lib_names[] = {
	"join_group",
	"leave_group",
	"join_source_specific_group",
	"leave_source_specific_group",
	"exclude_source_specific_group",
	"include_source_specific_group",
};

int nt_ut_udp(struct nt_ctx *c, bool driven, uint16_t port, struct nt_ut *ut)
{
	int rc;

	memset(ut, 0, sizeof(*ut));
	ut->driven = driven;
	if (driven) {
		return nt_drv_udp(c, NT_H, "r", &ut->d, &ut->port);
	}
	ut->port = port;
	rc = nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 }, port, true,
			&ut->pc);
	if (rc != 0) {
		return nt_fail(c, "UDP socket on h port %u: %s", port,
			       ipv4_strerror(rc));
	}
	return NT_PASS;
}

const char *nt_ut_call(const struct nt_ut *ut, enum nt_member_op op)
{
	return ut->driven ? go_names[op] : lib_names[op];
}

int nt_ut_member(struct nt_ctx *c, struct nt_ut *ut, enum nt_member_op op,
		 enum nt_iface iface, const char *group, const char *source)
{
	struct ipv4_packet_conn *pc = &ut->pc;
	unsigned int ifindex = c->topo->ifindex[iface];
	struct sockaddr_in g = nt_group(group);
	struct sockaddr_in s = nt_group(source != NULL ? source : "0.0.0.0");
	int rc = 0;

	if (ut->driven) {
		return nt_ask(c, &ut->d, 0, "%s r %s %s%s%s", go_names[op],
			      nt_ifaces[iface].name, group,
			      source != NULL ? " " : "",
			      source != NULL ? source : "");
	}
	switch (op) {
	case NT_JOIN:
		rc = ipv4_packet_conn_join_group(pc, ifindex, &g);
		break;
	case NT_LEAVE:
		rc = ipv4_packet_conn_leave_group(pc, ifindex, &g);
		break;
	case NT_JOIN_SSM:
		rc = ipv4_packet_conn_join_source_specific_group(pc, ifindex,
								 &g, &s);
		break;
	case NT_LEAVE_SSM:
		rc = ipv4_packet_conn_leave_source_specific_group(pc, ifindex,
								  &g, &s);
		break;
	case NT_EXCLUDE:
		rc = ipv4_packet_conn_exclude_source_specific_group(pc, ifindex,
								    &g, &s);
		break;
	case NT_INCLUDE:
		rc = ipv4_packet_conn_include_source_specific_group(pc, ifindex,
								    &g, &s);
		break;
	}
	if (rc != 0) {
		return nt_fail(c, "%s(%s, %s%s%s): %s", lib_names[op],
			       nt_ifaces[iface].name, group,
			       source != NULL ? ", " : "",
			       source != NULL ? source : "", ipv4_strerror(rc));
	}
	return NT_PASS;
}

int nt_ut_tally(struct nt_ctx *c, struct nt_ut *ut, const char *const tags[],
		int counts[], size_t n, int expect)
{
	int rc;

	if (ut->driven) {
		return nt_drv_count(c, &ut->d, "r", tags, counts, n, expect);
	}
	rc = nt_lib_tally(&ut->pc, tags, counts, n, expect);
	if (rc < 0) {
		nt_fail(c, "read_from on h: %s", ipv4_strerror(rc));
		return -1;
	}
	return rc;
}
