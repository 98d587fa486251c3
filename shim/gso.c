/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/gso.c - UDP generic segmentation offload on send (UDP_SEGMENT).
 *
 * A kernel without GSO, or a socket that is not UDP, would ignore a
 * UDP_SEGMENT control message and send one oversized datagram, so every
 * use is preceded by a probe that turns that case into -EOPNOTSUPP.
 */
#include "ipv4/io.h"

#include <errno.h>
#include <netinet/udp.h>

#include "shim/io_internal.h"
#include "shim/sockopt_internal.h"

int ipv4_packet_conn_gso_supported(const struct ipv4_packet_conn *c)
{
	int fd = ipv4__opt_fd(c);

	return fd < 0 ? fd : ipv4__shim_gso_check(fd);
}

int ipv4_packet_conn_set_gso_size(struct ipv4_packet_conn *c, uint16_t size)
{
	int value = size;
	int fd = ipv4__opt_fd(c);
	int rc;

	if (fd < 0) {
		return fd;
	}
	rc = ipv4__shim_gso_check(fd);
	if (rc != 0) {
		return rc;
	}
	if (setsockopt(fd, SOL_UDP, UDP_SEGMENT, &value, sizeof(value)) != 0) {
		return -errno;
	}
	return 0;
}
