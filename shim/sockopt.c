/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/sockopt.c - TOS and TTL of every connection type. The helpers the
 * option files share are in sockopt_internal.c.
 */
#include "ipv4/sockopt.h"

#include <netinet/in.h>
#include <stddef.h>

#include "shim/sockopt_internal.h"

static int conn_fd(const struct ipv4_conn *c)
{
	int fd = c == NULL ? -1 : __atomic_load_n(&c->fd, __ATOMIC_RELAXED);

	return fd < 0 ? IPV4_EINVAL : fd;
}

int ipv4_conn_tos(const struct ipv4_conn *c, int *out_tos)
{
	return ipv4__opt_get_int(conn_fd(c), IPPROTO_IP, IP_TOS, out_tos);
}

int ipv4_conn_set_tos(struct ipv4_conn *c, int tos)
{
	return ipv4__opt_set_ranged(conn_fd(c), IP_TOS, tos, 0, 255);
}

int ipv4_conn_ttl(const struct ipv4_conn *c, int *out_ttl)
{
	return ipv4__opt_get_int(conn_fd(c), IPPROTO_IP, IP_TTL, out_ttl);
}

int ipv4_conn_set_ttl(struct ipv4_conn *c, int ttl)
{
	return ipv4__opt_set_ranged(conn_fd(c), IP_TTL, ttl, 1, 255);
}

int ipv4_packet_conn_tos(const struct ipv4_packet_conn *c, int *out_tos)
{
	return ipv4__opt_get_int(ipv4__opt_fd(c), IPPROTO_IP, IP_TOS, out_tos);
}

int ipv4_packet_conn_set_tos(struct ipv4_packet_conn *c, int tos)
{
	return ipv4__opt_set_ranged(ipv4__opt_fd(c), IP_TOS, tos, 0, 255);
}

int ipv4_packet_conn_ttl(const struct ipv4_packet_conn *c, int *out_ttl)
{
	return ipv4__opt_get_int(ipv4__opt_fd(c), IPPROTO_IP, IP_TTL, out_ttl);
}

int ipv4_packet_conn_set_ttl(struct ipv4_packet_conn *c, int ttl)
{
	return ipv4__opt_set_ranged(ipv4__opt_fd(c), IP_TTL, ttl, 1, 255);
}
