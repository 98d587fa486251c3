/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/multicast.c - multicast membership, source-specific multicast and
 * the multicast sending options.
 *
 * Memberships use the protocol-independent options of RFC 3678
 * (MCAST_JOIN_GROUP and kin, with struct group_req and struct
 * group_source_req); the kernel receives sockaddrs built here from the
 * caller's family and address alone, so stray ports or padding in the
 * caller's structures never reach it.
 */
#include "ipv4/sockopt.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "shim/sockopt_internal.h"

/* set_group makes one struct group_req call (name: join or leave). */
static int set_group(struct ipv4_packet_conn *c, int name, unsigned int ifindex,
		     const struct sockaddr_in *group)
{
	struct group_req req;
	int fd = ipv4__opt_member_fd(c, ifindex, group);

	if (fd < 0) {
		return fd;
	}
	memset(&req, 0, sizeof(req));
	req.gr_interface = (uint32_t)ifindex;
	ipv4__opt_put_sockaddr(&req.gr_group, group->sin_addr);
	return ipv4__opt_set(fd, IPPROTO_IP, name, &req, sizeof(req));
}

/* set_source makes one struct group_source_req call. */
static int set_source(struct ipv4_packet_conn *c, int name,
		      unsigned int ifindex, const struct sockaddr_in *group,
		      const struct sockaddr_in *source)
{
	struct group_source_req req;
	int fd = ipv4__opt_member_fd(c, ifindex, group);
	int rc = fd < 0 ? fd : ipv4__opt_check_source(source);

	if (rc != 0) {
		return rc;
	}
	memset(&req, 0, sizeof(req));
	req.gsr_interface = (uint32_t)ifindex;
	ipv4__opt_put_sockaddr(&req.gsr_group, group->sin_addr);
	ipv4__opt_put_sockaddr(&req.gsr_source, source->sin_addr);
	return ipv4__opt_set(fd, IPPROTO_IP, name, &req, sizeof(req));
}

int ipv4_packet_conn_join_group(struct ipv4_packet_conn *c,
				unsigned int ifindex,
				const struct sockaddr_in *group)
{
	return set_group(c, MCAST_JOIN_GROUP, ifindex, group);
}

int ipv4_packet_conn_leave_group(struct ipv4_packet_conn *c,
				 unsigned int ifindex,
				 const struct sockaddr_in *group)
{
	return set_group(c, MCAST_LEAVE_GROUP, ifindex, group);
}

int ipv4_packet_conn_join_source_specific_group(
	struct ipv4_packet_conn *c, unsigned int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source)
{
	return set_source(c, MCAST_JOIN_SOURCE_GROUP, ifindex, group, source);
}

int ipv4_packet_conn_leave_source_specific_group(
	struct ipv4_packet_conn *c, unsigned int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source)
{
	return set_source(c, MCAST_LEAVE_SOURCE_GROUP, ifindex, group, source);
}

int ipv4_packet_conn_exclude_source_specific_group(
	struct ipv4_packet_conn *c, unsigned int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source)
{
	return set_source(c, MCAST_BLOCK_SOURCE, ifindex, group, source);
}

int ipv4_packet_conn_include_source_specific_group(
	struct ipv4_packet_conn *c, unsigned int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source)
{
	return set_source(c, MCAST_UNBLOCK_SOURCE, ifindex, group, source);
}

int ipv4_packet_conn_set_multicast_interface(struct ipv4_packet_conn *c,
					     unsigned int ifindex)
{
	struct ip_mreqn req;
	int fd = ipv4__opt_fd(c);

	if (fd < 0) {
		return fd;
	}
	if (ipv4__opt_check_ifindex(ifindex) != 0) {
		return IPV4_EIFINDEX;
	}
	memset(&req, 0, sizeof(req));
	req.imr_ifindex = (int)ifindex;
	return ipv4__opt_set(fd, IPPROTO_IP, IP_MULTICAST_IF, &req,
			     sizeof(req));
}

int ipv4_packet_conn_multicast_interface(const struct ipv4_packet_conn *c,
					 struct in_addr *out_addr)
{
	struct in_addr addr;
	socklen_t len = sizeof(addr);
	int fd = ipv4__opt_fd(c);

	if (out_addr != NULL) {
		out_addr->s_addr = 0;
	}
	if (fd < 0) {
		return fd;
	}
	if (out_addr == NULL) {
		return IPV4_EINVAL;
	}
	addr.s_addr = 0;
	if (getsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &addr, &len) != 0) {
		return -errno;
	}
	*out_addr = addr;
	return 0;
}

int ipv4_packet_conn_multicast_ttl(const struct ipv4_packet_conn *c,
				   int *out_ttl)
{
	return ipv4__opt_get_int(ipv4__opt_fd(c), IPPROTO_IP, IP_MULTICAST_TTL,
				 out_ttl);
}

int ipv4_packet_conn_set_multicast_ttl(struct ipv4_packet_conn *c, int ttl)
{
	return ipv4__opt_set_ranged(ipv4__opt_fd(c), IP_MULTICAST_TTL, ttl, 0,
				    255);
}

/* get_bool reads an int IPPROTO_IP option as a boolean. */
static int get_bool(int fd, int name, bool *out)
{
	int value = 0;
	int rc;

	if (out != NULL) {
		*out = false;
	}
	if (fd < 0) {
		return fd;
	}
	if (out == NULL) {
		return IPV4_EINVAL;
	}
	rc = ipv4__opt_get_int(fd, IPPROTO_IP, name, &value);
	*out = rc == 0 && value != 0;
	return rc;
}

int ipv4_packet_conn_multicast_loopback(const struct ipv4_packet_conn *c,
					bool *out_on)
{
	return get_bool(ipv4__opt_fd(c), IP_MULTICAST_LOOP, out_on);
}

int ipv4_packet_conn_set_multicast_loopback(struct ipv4_packet_conn *c, bool on)
{
	return ipv4__opt_set_int(ipv4__opt_fd(c), IPPROTO_IP, IP_MULTICAST_LOOP,
				 on);
}

int ipv4_packet_conn_multicast_all(const struct ipv4_packet_conn *c,
				   bool *out_on)
{
	return get_bool(ipv4__opt_fd(c), IP_MULTICAST_ALL, out_on);
}

int ipv4_packet_conn_set_multicast_all(struct ipv4_packet_conn *c, bool on)
{
	return ipv4__opt_set_int(ipv4__opt_fd(c), IPPROTO_IP, IP_MULTICAST_ALL,
				 on);
}
