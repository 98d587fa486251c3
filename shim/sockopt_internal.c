/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/sockopt_internal.c - the helpers the socket-option files share
 * (declared and documented in sockopt_internal.h): the descriptor of a
 * connection, one setsockopt or getsockopt, and the argument checks.
 *
 * The helpers that take a descriptor also take the negative code ipv4__opt_fd
 * returns for a bad connection, and hand it back unchanged, so that a
 * public call is one line: check, then the option.
 */
#include "shim/sockopt_internal.h"

#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "ipv4/sockopt.h"

/*
 * The descriptor is read atomically: ipv4_packet_conn_close writes it from
 * another thread (conn.h says when an option call may overlap a close).
 */
int ipv4__opt_fd(const struct ipv4_packet_conn *c)
{
	int fd = c == NULL ? -1 : __atomic_load_n(&c->fd, __ATOMIC_RELAXED);

	return fd < 0 ? IPV4_EINVAL : fd;
}

int ipv4__opt_set(int fd, int level, int name, const void *val, size_t len)
{
	if (fd < 0) {
		return fd;
	}
	if (setsockopt(fd, level, name, val, (socklen_t)len) != 0) {
		return -errno;
	}
	return 0;
}

int ipv4__opt_set_int(int fd, int level, int name, int value)
{
	return ipv4__opt_set(fd, level, name, &value, sizeof(value));
}

int ipv4__opt_get_int(int fd, int level, int name, int *out)
{
	int value = 0;
	socklen_t len = sizeof(value);

	if (out != NULL) {
		*out = 0;
	}
	if (fd < 0) {
		return fd;
	}
	if (out == NULL) {
		return IPV4_EINVAL;
	}
	if (getsockopt(fd, level, name, &value, &len) != 0) {
		return -errno;
	}
	*out = value;
	return 0;
}

int ipv4__opt_set_ranged(int fd, int name, int value, int lo, int hi)
{
	if (fd < 0) {
		return fd;
	}
	if (value < lo || value > hi) {
		return IPV4_EINVAL;
	}
	return ipv4__opt_set_int(fd, IPPROTO_IP, name, value);
}

int ipv4__opt_check_ifindex(unsigned int ifindex)
{
	return ifindex > INT_MAX ? IPV4_EIFINDEX : 0;
}

int ipv4__opt_check_group(const struct sockaddr_in *group)
{
	if (group == NULL || group->sin_family != AF_INET) {
		return IPV4_EINVAL;
	}
	if (!IN_MULTICAST(ntohl(group->sin_addr.s_addr))) {
		return IPV4_ENOTMCAST;
	}
	return 0;
}

int ipv4__opt_check_unicast(struct in_addr addr)
{
	uint32_t a = ntohl(addr.s_addr);

	if (a == INADDR_ANY || a == INADDR_BROADCAST || IN_MULTICAST(a)) {
		return IPV4_EINVAL;
	}
	return 0;
}

int ipv4__opt_check_source(const struct sockaddr_in *source)
{
	if (source == NULL || source->sin_family != AF_INET) {
		return IPV4_EINVAL;
	}
	return ipv4__opt_check_unicast(source->sin_addr);
}

int ipv4__opt_member_fd(const struct ipv4_packet_conn *c, unsigned int ifindex,
			const struct sockaddr_in *group)
{
	int fd = ipv4__opt_fd(c);
	int rc;

	if (fd < 0) {
		return fd;
	}
	rc = ipv4__opt_check_ifindex(ifindex);
	if (rc == 0) {
		rc = ipv4__opt_check_group(group);
	}
	return rc != 0 ? rc : fd;
}

void ipv4__opt_put_sockaddr(struct sockaddr_storage *out, struct in_addr addr)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = addr;
	memset(out, 0, sizeof(*out));
	memcpy(out, &sin, sizeof(sin));
}
