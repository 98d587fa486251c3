/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/recv.c - one recvmsg under the read deadline, and what to make of
 * its result: the whole length, the parsed control data, the sender.
 */
#include "ipv4/io.h"

#include <errno.h>
#include <string.h>

#include "shim/io_internal.h"

/* One attempt; the msghdr is rebuilt each time, as recvmsg rewrites it. */
static long recv_once(int fd, void *arg, int flags)
{
	struct shim_rx *rx = arg;
	struct msghdr m = {
		.msg_name = &rx->addr,
		.msg_namelen = sizeof(rx->addr),
		.msg_iov = rx->iov,
		.msg_iovlen = rx->num_iov,
		.msg_control = rx->control_cap > 0 ? rx->control.bytes : NULL,
		.msg_controllen = rx->control_cap,
	};
	ssize_t n = recvmsg(fd, &m, flags);

	if (n < 0) {
		return -errno;
	}
	if (m.msg_namelen < sizeof(rx->addr)) {
		memset(&rx->addr, 0, sizeof(rx->addr));
	}
	rx->nn = m.msg_controllen;
	rx->msg_flags = m.msg_flags;
	return n;
}

/* control_room: the control buffer want_cm needs; none when it is 0. */
static int control_room(unsigned want_cm)
{
	if (want_cm == 0) {
		return 0;
	}
	return ipv4_control_message_recv_space(want_cm,
					       IPV4_CMSG_FORMAT_NATIVE);
}

int ipv4__shim_recv(struct ipv4_packet_conn *c, int fd, struct shim_rx *rx)
{
	size_t room = ipv4__shim_iov_len(rx->iov, rx->num_iov);
	int size = control_room(rx->want_cm);
	long n;

	if (size < 0) {
		return size;
	}
	if ((size_t)size > sizeof(rx->control.bytes)) {
		return IPV4_ENOBUF;
	}
	rx->control_cap = (size_t)size;
	n = ipv4__shim_io(c, fd, &c->read_deadline_ns,
			  (rx->extra_flags & MSG_ERRQUEUE) != 0
				  ? SHIM_WAIT_ERROR
				  : SHIM_WAIT_READ,
			  rx->extra_flags | MSG_TRUNC, recv_once, rx);
	if (n < 0) {
		return (int)n;
	}
	rx->datagram_len = (size_t)n;
	rx->n = (size_t)n < room ? (size_t)n : room;
	return 0;
}

/*
 * parse_control parses the control data rx received into *out. When the
 * kernel returned none (no flag on, or nothing to report), the result is
 * what parsing no bytes gives, all zero, without the call.
 */
static int parse_control(struct ipv4_control_message *out,
			 const struct shim_rx *rx)
{
	static const struct ipv4_control_message none;

	if (rx->nn == 0) {
		*out = none;
		return 0;
	}
	return ipv4_control_message_parse(out, rx->control.bytes, rx->nn,
					  IPV4_CMSG_FORMAT_NATIVE);
}

int ipv4__shim_rx_finish(const struct shim_rx *rx,
			 struct ipv4_control_message *out_cm,
			 struct sockaddr_in *out_src)
{
	if (out_src != NULL) {
		*out_src = rx->addr;
	}
	if (out_cm != NULL) {
		int rc = parse_control(out_cm, rx);

		if (rc != 0) {
			if (out_src != NULL) {
				memset(out_src, 0, sizeof(*out_src));
			}
			return rc;
		}
		out_cm->truncated = (rx->msg_flags & MSG_CTRUNC) != 0;
	}
	if ((rx->msg_flags & MSG_TRUNC) != 0 || rx->datagram_len > rx->n) {
		return IPV4_ETRUNC;
	}
	return 0;
}
