/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/errqueue.c - reading the socket error queue (IP_RECVERR entries,
 * recvmsg with MSG_ERRQUEUE): the datagram an error is about, and the
 * struct sock_extended_err with the offender's address.
 *
 * Linux puts the IP_RECVERR message last in the control data, after
 * whatever else the socket asks for (IP_PKTINFO, timestamps), so the buffer
 * is sized for the connection's flags plus the extended error.
 */
#include "ipv4/io.h"

#include <string.h>

#include "shim/io_internal.h"

static void zero_outputs(struct ipv4_extended_error *out_err,
			 struct ipv4_control_message *out_cm,
			 struct sockaddr_in *out_dst)
{
	if (out_err != NULL) {
		memset(out_err, 0, sizeof(*out_err));
	}
	if (out_cm != NULL) {
		memset(out_cm, 0, sizeof(*out_cm));
	}
	if (out_dst != NULL) {
		memset(out_dst, 0, sizeof(*out_dst));
	}
}

/* take_error hands out the parsed error, or IPV4_ECTRUNC without one. */
static int take_error(const struct shim_rx *rx,
		      struct ipv4_extended_error *out_err,
		      struct ipv4_control_message *out_cm,
		      struct sockaddr_in *out_dst)
{
	struct ipv4_control_message cm;
	int rc = ipv4__shim_rx_finish(rx, &cm, out_dst);

	if (rc != 0 && rc != IPV4_ETRUNC) {
		return rc;
	}
	if ((cm.flags & IPV4_FLAG_EXTENDED_ERROR) == 0) {
		return IPV4_ECTRUNC;
	}
	*out_err = cm.error;
	if (out_cm != NULL) {
		*out_cm = cm;
	}
	return rc;
}

int ipv4_packet_conn_read_error(struct ipv4_packet_conn *c, void *buf,
				size_t buf_len,
				struct ipv4_extended_error *out_err,
				struct ipv4_control_message *out_cm,
				struct sockaddr_in *out_dst)
{
	struct shim_rx rx;
	int fd;
	int rc;

	zero_outputs(out_err, out_cm, out_dst);
	if (out_err == NULL || (buf == NULL && buf_len > 0)) {
		return IPV4_EINVAL;
	}
	fd = ipv4__conn_enter(c);
	if (fd < 0) {
		return fd;
	}
	rx.iov[0] = (struct iovec){ buf, buf_len };
	rx.num_iov = 1;
	rx.want_cm = __atomic_load_n(&c->cm_flags, __ATOMIC_RELAXED) |
		     IPV4_FLAG_EXTENDED_ERROR;
	rx.extra_flags = MSG_ERRQUEUE;
	rc = ipv4__shim_recv(c, fd, &rx);
	ipv4__conn_leave(c);
	if (rc == 0) {
		rc = take_error(&rx, out_err, out_cm, out_dst);
	}
	if (rc != 0 && rc != IPV4_ETRUNC) {
		zero_outputs(out_err, out_cm, out_dst);
		return rc;
	}
	return rc != 0 ? rc : (int)rx.n;
}
