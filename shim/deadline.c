/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/deadline.c - deadlines, and the loop that makes every read and write
 * honour them.
 *
 * A deadline is an absolute CLOCK_MONOTONIC time in nanoseconds, stored in
 * the connection with __atomic builtins so that another thread may move it
 * while a call is blocked. With a deadline set, a call never blocks in the
 * kernel: it polls for at most the time left, then makes the call with
 * MSG_DONTWAIT, and re-reads the deadline after every wake-up (data that
 * another reader took first, a signal, a spurious wake-up).
 */
#define _GNU_SOURCE /* ppoll */

#include "ipv4/io.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <time.h>

#include "shim/io_internal.h"

#define NS_PER_SEC 1000000000LL

int64_t ipv4_monotonic_ns(void)
{
	struct timespec ts;

	/* CLOCK_MONOTONIC cannot fail on Linux with a valid pointer. */
	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

static int store_deadline(int64_t *field, int64_t deadline_ns)
{
	if (deadline_ns < 0) {
		return IPV4_EINVAL;
	}
	__atomic_store_n(field, deadline_ns, __ATOMIC_RELEASE);
	return 0;
}

int ipv4_packet_conn_set_read_deadline(struct ipv4_packet_conn *c,
				       int64_t deadline_ns)
{
	if (c == NULL) {
		return IPV4_EINVAL;
	}
	return store_deadline(&c->read_deadline_ns, deadline_ns);
}

int ipv4_packet_conn_set_write_deadline(struct ipv4_packet_conn *c,
					int64_t deadline_ns)
{
	if (c == NULL) {
		return IPV4_EINVAL;
	}
	return store_deadline(&c->write_deadline_ns, deadline_ns);
}

int ipv4_packet_conn_set_deadline(struct ipv4_packet_conn *c,
				  int64_t deadline_ns)
{
	if (c == NULL || deadline_ns < 0) {
		return IPV4_EINVAL;
	}
	(void)store_deadline(&c->read_deadline_ns, deadline_ns);
	return store_deadline(&c->write_deadline_ns, deadline_ns);
}

/* fd_nonblocking: whether O_NONBLOCK is set on fd (an error counts as no). */
static int fd_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl >= 0 && (fl & O_NONBLOCK) != 0;
}

/*
 * wait_ready polls fd for up to left_ns nanoseconds (forever when negative).
 * Returns the poll events seen (0 on timeout or a signal), or -errno.
 */
static int wait_ready(int fd, enum shim_wait wait, int64_t left_ns)
{
	struct pollfd p = { .fd = fd, .events = 0, .revents = 0 };
	struct timespec ts = { .tv_sec = left_ns / NS_PER_SEC,
			       .tv_nsec = left_ns % NS_PER_SEC };
	int rc;

	if (wait == SHIM_WAIT_READ) {
		p.events = POLLIN;
	} else if (wait == SHIM_WAIT_WRITE) {
		p.events = POLLOUT;
	}
	rc = ppoll(&p, 1, left_ns < 0 ? NULL : &ts, NULL);
	if (rc < 0) {
		return errno == EINTR ? 0 : -errno;
	}
	if ((p.revents & POLLNVAL) != 0) {
		return -EBADF;
	}
	return p.revents;
}

/*
 * time_left: nanoseconds until deadline, -1 when there is none, 0 when it
 * has passed.
 */
static int64_t time_left(const int64_t *deadline)
{
	int64_t dl = __atomic_load_n(deadline, __ATOMIC_ACQUIRE);
	int64_t now;

	if (dl == 0) {
		return -1;
	}
	now = ipv4_monotonic_ns();
	return dl > now ? dl - now : 0;
}

/*
 * may_wait decides what to do with EAGAIN: wait when the caller did not
 * ask for MSG_DONTWAIT and either a deadline is set or the call cannot
 * block in the kernel (the error queue) on a blocking descriptor.
 */
static int may_wait(int fd, enum shim_wait wait, int flags, int64_t left)
{
	if ((flags & MSG_DONTWAIT) != 0) {
		return 0;
	}
	if (left >= 0) {
		return 1;
	}
	return wait == SHIM_WAIT_ERROR && !fd_nonblocking(fd);
}

long ipv4__shim_io(int fd, const int64_t *deadline, enum shim_wait wait,
	     int flags, shim_io_fn fn, void *arg)
{
	int hung_up = 0;

	for (;;) {
		int64_t left = time_left(deadline);
		long n;
		int ev;

		if (left == 0) {
			return IPV4_ETIMEOUT;
		}
		n = fn(fd, arg, flags | (left > 0 ? MSG_DONTWAIT : 0));
		if (n == -EINTR) {
			continue;
		}
		if (n != -EAGAIN || hung_up || !may_wait(fd, wait, flags, left)) {
			return n;
		}
		ev = wait_ready(fd, wait, left);
		if (ev < 0) {
			return ev;
		}
		/* After a hang-up nothing more will come: one last attempt. */
		hung_up = (ev & POLLHUP) != 0;
	}
}
