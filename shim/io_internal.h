/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/io_internal.h - what the I/O files of the shim share. Internal to
 * libipv4; nothing here is installed.
 *
 * Every read and write enters the connection (ipv4__conn_enter, which also
 * refuses a closed one), goes through ipv4__shim_io, which enforces the
 * deadline, and leaves it (ipv4__conn_leave):
 *
 *   closed by another thread? -> -EBADF
 *   deadline passed?          -> IPV4_ETIMEOUT, nothing consumed
 *   try the call, always with MSG_DONTWAIT
 *   EINTR  -> try again (after re-reading the deadline)
 *   EAGAIN -> after a wake-up the call could not consume: its answer
 *             (see answer() in deadline.c); otherwise poll the socket and
 *             the wake-up eventfd until ready, woken or the deadline, and
 *             try again
 *   other  -> the call's result
 */
#ifndef IPV4_SHIM_IO_INTERNAL_H
#define IPV4_SHIM_IO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "ipv4/conn.h"
#include "ipv4/control.h"

/*
 * shim_io_fn makes one attempt at an I/O system call on fd, adding flags to
 * the message flags it passes; it returns a count or -errno.
 */
typedef long (*shim_io_fn)(int fd, void *arg, int flags);

/*
 * SHIM_WAIT_* say what readiness ipv4__shim_io waits for after EAGAIN: input,
 * output, or an entry in the error queue (poll reports it as POLLERR, which
 * needs no event bit).
 */
enum shim_wait {
	SHIM_WAIT_READ,
	SHIM_WAIT_WRITE,
	SHIM_WAIT_ERROR,
};

/*
 * ipv4__conn_enter begins a call on c: returns c's descriptor, or IPV4_EINVAL
 * when c is NULL or closed. A call that entered must end with
 * ipv4__conn_leave; ipv4_packet_conn_close waits for every call inside to
 * leave before it closes the descriptor (wake.c).
 */
int ipv4__conn_enter(struct ipv4_packet_conn *c);

/* ipv4__conn_leave ends a call that ipv4__conn_enter began. */
void ipv4__conn_leave(struct ipv4_packet_conn *c);

/* ipv4__conn_closing: whether ipv4_packet_conn_close has begun on c. */
int ipv4__conn_closing(const struct ipv4_packet_conn *c);

/*
 * ipv4__conn_wake wakes every thread waiting in a call on c, so that it
 * re-reads the deadlines and the closed bit. No system call when none waits;
 * safe in a signal handler.
 */
void ipv4__conn_wake(struct ipv4_packet_conn *c);

/*
 * ipv4__conn_wait waits on fd, c's descriptor, for the readiness wait asks
 * for, until *deadline (0: none), a wake-up of c, or a signal. Returns the
 * socket's poll events (0 after a wake-up, a signal or the deadline),
 * -EBADF for POLLNVAL, or -errno when the wait itself failed.
 */
int ipv4__conn_wait(struct ipv4_packet_conn *c, int fd, const int64_t *deadline,
		    enum shim_wait wait);

/*
 * ipv4__time_left: nanoseconds until *deadline (read atomically), -1 when
 * there is none, 0 when it has passed.
 */
int64_t ipv4__time_left(const int64_t *deadline);

/*
 * ipv4__shim_io runs fn on fd, the descriptor of c that ipv4__conn_enter
 * gave, under the deadline *deadline (read atomically before every attempt;
 * 0 means none) with the caller's message flags. Returns fn's count,
 * IPV4_ETIMEOUT, -EBADF when c was closed meanwhile, an answer for a
 * readiness the call cannot consume (io.h lists them), or -errno. With
 * MSG_DONTWAIT in flags it never waits: EAGAIN is returned as it is.
 */
long ipv4__shim_io(struct ipv4_packet_conn *c, int fd, const int64_t *deadline,
		   enum shim_wait wait, int flags, shim_io_fn fn, void *arg);

/*
 * ipv4__shim_check_dst checks an optional destination: NULL is allowed (the
 * socket must then be connected), otherwise its family must be AF_INET.
 * Returns 0 or -EAFNOSUPPORT, the code the kernel would give.
 */
int ipv4__shim_check_dst(const struct sockaddr_in *dst);

/*
 * ipv4__shim_check_iov checks num iovecs at iov: at most IPV4_IOV_MAX of them,
 * iov NULL only when num is 0, and no NULL base with a non-zero length.
 * Returns 0 or IPV4_EINVAL.
 */
int ipv4__shim_check_iov(const struct iovec *iov, size_t num);

/* ipv4__shim_iov_len: the bytes num iovecs at iov can hold. */
size_t ipv4__shim_iov_len(const struct iovec *iov, size_t num);

/*
 * ipv4__shim_send_iov makes an iovec of bytes the kernel will only read. POSIX
 * gives iov_base no const, so sending from a const buffer must drop it
 * somewhere; this is the one place libipv4 does, and only for sendmsg and
 * sendmmsg, which never write through the iovecs they are given.
 */
struct iovec ipv4__shim_send_iov(const void *data, size_t len);

/*
 * SHIM_CMSG_CAP is the size of the stack buffers for control data: room
 * for every item control.h can receive or send at once (a test checks
 * ipv4_control_message_recv_space(IPV4_FLAG_ALL) against it).
 */
#define SHIM_CMSG_CAP 512

/*
 * union shim_cmsg_buf is control-data room aligned as Linux aligns cmsg
 * headers (to size_t; struct cmsghdr itself cannot be a member here, it
 * ends in a flexible array).
 */
union shim_cmsg_buf {
	size_t align;
	uint8_t bytes[SHIM_CMSG_CAP];
};

/*
 * struct shim_rx is one recvmsg: the caller fills iov, num_iov, want_cm
 * (the control flags to size the buffer for) and extra_flags; ipv4__shim_recv
 * fills the rest.
 */
struct shim_rx {
	struct iovec iov[2];
	size_t num_iov;
	unsigned want_cm;
	int extra_flags;
	struct sockaddr_in addr;
	union shim_cmsg_buf control;
	size_t control_cap;  /* bytes of control offered to the kernel */
	size_t n;	     /* bytes placed in iov */
	size_t datagram_len; /* the datagram's whole length */
	size_t nn;	     /* bytes of control data */
	int msg_flags;	     /* the kernel's msg_flags */
};

/*
 * ipv4__shim_recv receives one message into rx from fd, the descriptor of c
 * that ipv4__conn_enter gave, under c's read deadline, asking
 * for the whole length with MSG_TRUNC. Returns 0, IPV4_ETIMEOUT, an error
 * of ipv4_control_message_recv_space, IPV4_ENOBUF when the control buffer would
 * exceed SHIM_CMSG_CAP, or -errno.
 */
int ipv4__shim_recv(struct ipv4_packet_conn *c, int fd, struct shim_rx *rx);

/*
 * ipv4__shim_rx_finish hands out what rx received: the parsed control data to
 * *out_cm (truncated from MSG_CTRUNC) and the sender to *out_src, each
 * when not NULL. Returns 0, IPV4_ETRUNC when the datagram was cut, or a
 * parse error (then *out_cm is zeroed).
 */
int ipv4__shim_rx_finish(const struct shim_rx *rx,
			 struct ipv4_control_message *out_cm,
			 struct sockaddr_in *out_src);

/*
 * struct shim_tx is one sendmsg: the caller fills iov and num_iov;
 * ipv4__shim_tx_address and ipv4__shim_tx_control fill the destination and the
 * control data.
 */
struct shim_tx {
	struct iovec iov[2];
	size_t num_iov;
	struct sockaddr_in dst;
	int has_dst;
	union shim_cmsg_buf control;
	size_t control_len;
};

/* ipv4__shim_tx_address sets the destination (NULL: none); 0 or -EAFNOSUPPORT. */
int ipv4__shim_tx_address(struct shim_tx *tx, const struct sockaddr_in *dst);

/*
 * ipv4__shim_tx_control marshals cm (NULL: none) into tx, checking that fd can
 * send UDP GSO when cm asks for it. Returns 0, a marshal error, or
 * -EOPNOTSUPP.
 */
int ipv4__shim_tx_control(struct shim_tx *tx, int fd,
			  const struct ipv4_control_message *cm);

/*
 * ipv4__shim_send sends tx on fd, the descriptor of c that ipv4__conn_enter
 * gave, under c's write deadline: bytes sent, or a code.
 */
long ipv4__shim_send(struct ipv4_packet_conn *c, int fd, struct shim_tx *tx);

/* ipv4__shim_gso_check: 0 when fd can send UDP GSO, -EOPNOTSUPP, or -errno. */
int ipv4__shim_gso_check(int fd);

#endif /* IPV4_SHIM_IO_INTERNAL_H */
