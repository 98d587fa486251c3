/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/send.c - one sendmsg under the write deadline, with its destination
 * and its control data checked and marshalled first.
 */
#include "ipv4/io.h"

#include <errno.h>

#include "shim/io_internal.h"

int ipv4__shim_tx_address(struct shim_tx *tx, const struct sockaddr_in *dst)
{
	int rc = ipv4__shim_check_dst(dst);

	if (rc != 0) {
		return rc;
	}
	tx->has_dst = dst != NULL;
	if (dst != NULL) {
		tx->dst = *dst;
	}
	return 0;
}

int ipv4__shim_tx_control(struct shim_tx *tx, int fd,
			  const struct ipv4_control_message *cm)
{
	int rc;

	tx->control_len = 0;
	if (cm == NULL || cm->flags == 0) {
		return 0;
	}
	rc = ipv4_control_message_marshal(cm, cm->flags,
					  IPV4_CMSG_FORMAT_NATIVE,
					  tx->control.bytes,
					  sizeof(tx->control.bytes),
					  &tx->control_len);
	if (rc != 0) {
		return rc;
	}
	/* An old kernel or a raw socket would ignore UDP_SEGMENT: ask. */
	if ((cm->flags & IPV4_FLAG_GSO) != 0) {
		return ipv4__shim_gso_check(fd);
	}
	return 0;
}

static long send_once(int fd, void *arg, int flags)
{
	struct shim_tx *tx = arg;
	struct msghdr m = {
		.msg_name = tx->has_dst ? &tx->dst : NULL,
		.msg_namelen = tx->has_dst ? sizeof(tx->dst) : 0,
		.msg_iov = tx->iov,
		.msg_iovlen = tx->num_iov,
		.msg_control = tx->control_len > 0 ? tx->control.bytes : NULL,
		.msg_controllen = tx->control_len,
	};
	ssize_t n = sendmsg(fd, &m, flags | MSG_NOSIGNAL);

	return n < 0 ? -errno : n;
}

long ipv4__shim_send(struct ipv4_packet_conn *c, int fd, struct shim_tx *tx)
{
	return ipv4__shim_io(c, fd, &c->write_deadline_ns, SHIM_WAIT_WRITE, 0,
			     send_once, tx);
}
