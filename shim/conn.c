/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/conn.c - wrapping a caller's descriptor, and closing it.
 */
#include "ipv4/conn.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* sock_info reads the family and type of fd; 0 or -errno. */
static int sock_info(int fd, int *out_family, int *out_type)
{
	socklen_t len = sizeof(*out_family);

	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, out_family, &len) != 0) {
		return -errno;
	}
	len = sizeof(*out_type);
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, out_type, &len) != 0) {
		return -errno;
	}
	return 0;
}

/*
 * check_socket: fd is AF_INET and, when type_a is not 0, of type type_a or
 * type_b; the type is stored in *out_type.
 */
static int check_socket(int fd, int type_a, int type_b, int *out_type)
{
	int family = 0;
	int type = 0;
	int rc;

	if (fd < 0) {
		return IPV4_EINVAL;
	}
	rc = sock_info(fd, &family, &type);
	if (rc != 0) {
		return rc;
	}
	if (family != AF_INET) {
		return IPV4_ESOCKTYPE;
	}
	if (type_a != 0 && type != type_a && type != type_b) {
		return IPV4_ESOCKTYPE;
	}
	*out_type = type;
	return 0;
}

int ipv4_conn_init(struct ipv4_conn *c, int fd)
{
	int type;
	int rc;

	if (c == NULL) {
		return IPV4_EINVAL;
	}
	rc = check_socket(fd, 0, 0, &type);
	if (rc != 0) {
		return rc;
	}
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	return 0;
}

int ipv4_packet_conn_init(struct ipv4_packet_conn *c, int fd)
{
	int type;
	int rc;

	if (c == NULL) {
		return IPV4_EINVAL;
	}
	rc = check_socket(fd, SOCK_DGRAM, SOCK_RAW, &type);
	if (rc != 0) {
		return rc;
	}
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->sock_type = type;
	return 0;
}

int ipv4_raw_conn_init(struct ipv4_raw_conn *c, int fd)
{
	int on = 1;
	int type;
	int rc;

	if (c == NULL) {
		return IPV4_EINVAL;
	}
	rc = check_socket(fd, SOCK_RAW, SOCK_RAW, &type);
	if (rc != 0) {
		return rc;
	}
	if (setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof(on)) != 0) {
		return -errno;
	}
	memset(c, 0, sizeof(*c));
	c->pc.fd = fd;
	c->pc.sock_type = type;
	return 0;
}

static int close_fd(int *fd)
{
	int old = __atomic_exchange_n(fd, -1, __ATOMIC_RELAXED);

	if (old < 0) {
		return IPV4_EINVAL;
	}
	if (close(old) != 0 && errno != EINTR) {
		return -errno;
	}
	return 0;
}

int ipv4_conn_close(struct ipv4_conn *c)
{
	return c == NULL ? IPV4_EINVAL : close_fd(&c->fd);
}

/* ipv4_packet_conn_close and ipv4_raw_conn_close are in wake.c. */
