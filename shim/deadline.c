/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/deadline.c - deadlines, and the loop that makes every read and write
 * honour them.
 *
 * A deadline is an absolute CLOCK_MONOTONIC time in nanoseconds, stored in
 * the connection with __atomic builtins so that another thread may move it
 * while a call is blocked; moving it wakes the blocked calls (wake.c).
 *
 * A call never blocks in the kernel: it makes the system call with
 * MSG_DONTWAIT and, when that answers EAGAIN and the call may wait, polls
 * the socket beside the wake-up eventfd for at most the time left, then
 * tries again, re-reading the deadline and the closed bit after every
 * wake-up. A wake-up that the next attempt cannot consume (an error-queue
 * entry for a read, a read-side shutdown, a hang-up, a pending socket error)
 * ends the call with an answer instead of another attempt: poll would report
 * it again at once, and the loop would spin.
 */
#define _GNU_SOURCE /* ppoll */

#include "ipv4/io.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sys/socket.h>
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

/*
 * store_deadline sets *field and wakes the calls waiting in c when the new
 * deadline comes sooner than the one they wait for: a later or cleared
 * deadline needs no wake-up, as a waiter that wakes at the old one re-reads
 * the field and waits on.
 */
static int store_deadline(struct ipv4_packet_conn *c, int64_t *field,
			  int64_t deadline_ns)
{
	int64_t old;

	if (deadline_ns < 0) {
		return IPV4_EINVAL;
	}
	old = __atomic_exchange_n(field, deadline_ns, __ATOMIC_SEQ_CST);
	if (deadline_ns != 0 && (old == 0 || deadline_ns < old)) {
		ipv4__conn_wake(c);
	}
	return 0;
}

int ipv4_packet_conn_set_read_deadline(struct ipv4_packet_conn *c,
				       int64_t deadline_ns)
{
	if (c == NULL) {
		return IPV4_EINVAL;
	}
	return store_deadline(c, &c->read_deadline_ns, deadline_ns);
}

int ipv4_packet_conn_set_write_deadline(struct ipv4_packet_conn *c,
					int64_t deadline_ns)
{
	if (c == NULL) {
		return IPV4_EINVAL;
	}
	return store_deadline(c, &c->write_deadline_ns, deadline_ns);
}

int ipv4_packet_conn_set_deadline(struct ipv4_packet_conn *c,
				  int64_t deadline_ns)
{
	if (c == NULL || deadline_ns < 0) {
		return IPV4_EINVAL;
	}
	(void)store_deadline(c, &c->read_deadline_ns, deadline_ns);
	return store_deadline(c, &c->write_deadline_ns, deadline_ns);
}

/* fd_nonblocking: whether O_NONBLOCK is set on fd (an error counts as no). */
static int fd_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl >= 0 && (fl & O_NONBLOCK) != 0;
}

int64_t ipv4__time_left(const int64_t *deadline)
{
	int64_t dl = __atomic_load_n(deadline, __ATOMIC_SEQ_CST);
	int64_t now;

	if (dl == 0) {
		return -1;
	}
	now = ipv4_monotonic_ns();
	return dl > now ? dl - now : 0;
}

/* so_error takes the socket's pending error (SO_ERROR clears it); 0: none. */
static int so_error(int fd)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
		return errno;
	}
	return err;
}

/*
 * UNPRODUCTIVE_MAX bounds the error-queue waits in a row whose POLLERR
 * found neither an entry nor a pending error: another reader took the
 * entry, or the socket reports POLLERR for a reason nobody can consume.
 */
#define UNPRODUCTIVE_MAX 4

/*
 * answer decides what an attempt that answered EAGAIN after a wake-up that
 * reported ev means: 0 to wait again (what the call consumes is ready, but
 * another thread took it first), or the call's result. The order is the
 * documented one (io.h): a pending socket error, then a hang-up or
 * read-side shutdown (-EPIPE), then an error-queue entry a read or write
 * cannot take (-EAGAIN).
 */
static long answer(int fd, enum shim_wait wait, int ev, int *unproductive)
{
	short want = wait == SHIM_WAIT_READ    ? POLLIN
		     : wait == SHIM_WAIT_WRITE ? POLLOUT
					       : POLLERR;

	if ((ev & POLLERR) != 0) {
		int err = so_error(fd);

		if (err != 0) {
			return -err;
		}
	}
	if ((ev & (POLLHUP | POLLRDHUP)) != 0) {
		return -EPIPE;
	}
	if ((ev & POLLERR) != 0 && (ev & want) == 0) {
		return -EAGAIN;
	}
	if (wait == SHIM_WAIT_ERROR && (ev & POLLERR) != 0 &&
	    ++*unproductive >= UNPRODUCTIVE_MAX) {
		return -EAGAIN;
	}
	return 0;
}

long ipv4__shim_io(struct ipv4_packet_conn *c, int fd, const int64_t *deadline,
		   enum shim_wait wait, int flags, shim_io_fn fn, void *arg)
{
	int unproductive = 0;
	int ev = 0; /* what the last wait reported; 0 before any */

	for (;;) {
		int64_t left = ipv4__time_left(deadline);
		long n;

		if (ipv4__conn_closing(c)) {
			return -EBADF;
		}
		if (left == 0) {
			return IPV4_ETIMEOUT;
		}
		n = fn(fd, arg, flags | MSG_DONTWAIT);
		if (n == -EINTR) {
			continue;
		}
		if (n != -EAGAIN || (flags & MSG_DONTWAIT) != 0) {
			return n;
		}
		if (ev != 0) {
			long a = answer(fd, wait, ev, &unproductive);

			if (a != 0) {
				return a;
			}
		}
		if (left < 0 && fd_nonblocking(fd)) {
			return n;
		}
		ev = ipv4__conn_wait(c, fd, deadline, wait);
		if (ev < 0) {
			return ev;
		}
	}
}
