/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/raw_sockopt.c - the socket options of a raw connection: each call
 * is the packet-connection call of the same name on c->pc. A NULL c
 * becomes a NULL packet connection, which those calls refuse with
 * IPV4_EINVAL after zeroing their outputs.
 */
#include "ipv4/sockopt.h"

#include <stddef.h>

static struct ipv4_packet_conn *pc(struct ipv4_raw_conn *c)
{
	return c == NULL ? NULL : &c->pc;
}

static const struct ipv4_packet_conn *cpc(const struct ipv4_raw_conn *c)
{
	return c == NULL ? NULL : &c->pc;
}

int ipv4_raw_conn_tos(const struct ipv4_raw_conn *c, int *out_tos)
{
	return ipv4_packet_conn_tos(cpc(c), out_tos);
}

int ipv4_raw_conn_set_tos(struct ipv4_raw_conn *c, int tos)
{
	return ipv4_packet_conn_set_tos(pc(c), tos);
}

int ipv4_raw_conn_ttl(const struct ipv4_raw_conn *c, int *out_ttl)
{
	return ipv4_packet_conn_ttl(cpc(c), out_ttl);
}

int ipv4_raw_conn_set_ttl(struct ipv4_raw_conn *c, int ttl)
{
	return ipv4_packet_conn_set_ttl(pc(c), ttl);
}

int ipv4_raw_conn_join_group(struct ipv4_raw_conn *c, int ifindex,
			     const struct sockaddr_in *group)
{
	return ipv4_packet_conn_join_group(pc(c), ifindex, group);
}

int ipv4_raw_conn_leave_group(struct ipv4_raw_conn *c, int ifindex,
			      const struct sockaddr_in *group)
{
	return ipv4_packet_conn_leave_group(pc(c), ifindex, group);
}

int ipv4_raw_conn_join_source_specific_group(
	struct ipv4_raw_conn *c, int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source)
{
	return ipv4_packet_conn_join_source_specific_group(pc(c), ifindex,
							   group, source);
}

int ipv4_raw_conn_leave_source_specific_group(
	struct ipv4_raw_conn *c, int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source)
{
	return ipv4_packet_conn_leave_source_specific_group(pc(c), ifindex,
							    group, source);
}

int ipv4_raw_conn_exclude_source_specific_group(
	struct ipv4_raw_conn *c, int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source)
{
	return ipv4_packet_conn_exclude_source_specific_group(pc(c), ifindex,
							      group, source);
}

int ipv4_raw_conn_include_source_specific_group(
	struct ipv4_raw_conn *c, int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source)
{
	return ipv4_packet_conn_include_source_specific_group(pc(c), ifindex,
							      group, source);
}

int ipv4_raw_conn_set_source_filter(struct ipv4_raw_conn *c, int ifindex,
				    const struct sockaddr_in *group,
				    enum ipv4_filter_mode mode,
				    const struct in_addr *sources,
				    size_t num_sources)
{
	return ipv4_packet_conn_set_source_filter(pc(c), ifindex, group, mode,
						  sources, num_sources);
}

int ipv4_raw_conn_source_filter(const struct ipv4_raw_conn *c, int ifindex,
				const struct sockaddr_in *group,
				enum ipv4_filter_mode *out_mode,
				struct in_addr *out_sources,
				size_t max_sources, size_t *out_num_sources)
{
	return ipv4_packet_conn_source_filter(cpc(c), ifindex, group, out_mode,
					      out_sources, max_sources,
					      out_num_sources);
}

int ipv4_raw_conn_set_multicast_interface(struct ipv4_raw_conn *c,
					  int ifindex)
{
	return ipv4_packet_conn_set_multicast_interface(pc(c), ifindex);
}

int ipv4_raw_conn_multicast_interface(const struct ipv4_raw_conn *c,
				      struct in_addr *out_addr)
{
	return ipv4_packet_conn_multicast_interface(cpc(c), out_addr);
}

int ipv4_raw_conn_multicast_ttl(const struct ipv4_raw_conn *c, int *out_ttl)
{
	return ipv4_packet_conn_multicast_ttl(cpc(c), out_ttl);
}

int ipv4_raw_conn_set_multicast_ttl(struct ipv4_raw_conn *c, int ttl)
{
	return ipv4_packet_conn_set_multicast_ttl(pc(c), ttl);
}

int ipv4_raw_conn_multicast_loopback(const struct ipv4_raw_conn *c,
				     bool *out_on)
{
	return ipv4_packet_conn_multicast_loopback(cpc(c), out_on);
}

int ipv4_raw_conn_set_multicast_loopback(struct ipv4_raw_conn *c, bool on)
{
	return ipv4_packet_conn_set_multicast_loopback(pc(c), on);
}

int ipv4_raw_conn_multicast_all(const struct ipv4_raw_conn *c, bool *out_on)
{
	return ipv4_packet_conn_multicast_all(cpc(c), out_on);
}

int ipv4_raw_conn_set_multicast_all(struct ipv4_raw_conn *c, bool on)
{
	return ipv4_packet_conn_set_multicast_all(pc(c), on);
}

int ipv4_raw_conn_set_control_message(struct ipv4_raw_conn *c,
				      unsigned flags, bool on)
{
	return ipv4_packet_conn_set_control_message(pc(c), flags, on);
}

int ipv4_raw_conn_icmp_filter(const struct ipv4_raw_conn *c,
			      struct ipv4_icmp_filter *out)
{
	return ipv4_packet_conn_icmp_filter(cpc(c), out);
}

int ipv4_raw_conn_set_icmp_filter(struct ipv4_raw_conn *c,
				  const struct ipv4_icmp_filter *f)
{
	return ipv4_packet_conn_set_icmp_filter(pc(c), f);
}

int ipv4_raw_conn_set_bpf(struct ipv4_raw_conn *c,
			  const struct sock_filter *prog, size_t num_insns)
{
	return ipv4_packet_conn_set_bpf(pc(c), prog, num_insns);
}

int ipv4_raw_conn_set_bpf_and_drain(struct ipv4_raw_conn *c,
				    const struct sock_filter *prog,
				    size_t num_insns)
{
	return ipv4_packet_conn_set_bpf_and_drain(pc(c), prog, num_insns);
}

int ipv4_raw_conn_set_icmp_filter_and_drain(struct ipv4_raw_conn *c,
					    const struct ipv4_icmp_filter *f)
{
	return ipv4_packet_conn_set_icmp_filter_and_drain(pc(c), f);
}
