/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/wake.c - closing a packet connection while other threads use it, and
 * waking the threads that wait in one of its calls.
 *
 * Calls inside. Every I/O call enters the connection (one atomic add on
 * call_state, which also says whether it was closed) and leaves it (one
 * atomic subtract). ipv4_packet_conn_close sets the closed bit, wakes the
 * waiters, waits until no call is inside, and only then closes the
 * descriptor: a call never uses a descriptor number that close has released
 * and another open may have reused.
 *
 * Waking. A call that must wait polls its socket and, beside it, one
 * eventfd shared by the whole process (created by the first wait, closed
 * only in a forked child). wait_word counts the connection's waiters (low
 * 32 bits) and its wake-ups (high 32 bits). A waker (close, or a deadline
 * change) bumps the generation and writes one token per waiter it saw; a
 * waiter, when it stops waiting, takes one token for each wake-up that
 * happened while it was registered. Tokens are written before the waker
 * returns and taken only by the waiters they were written for, so every
 * waiter registered at a wake-up finds the eventfd readable until it has
 * taken its token, and the eventfd empties again once they have all woken:
 * nobody misses a wake-up and nobody spins on an old one. The eventfd is in
 * semaphore mode and blocking, so taking a token the waker has counted but
 * not yet written waits for that write instead of failing.
 *
 * The order of the atomics is what makes it race-free: a waiter registers
 * before it reads the deadline and the closed bit, a waker changes them
 * before it reads the waiter count (all sequentially consistent), so either
 * the waiter sees the change or the waker sees the waiter.
 */
#define _GNU_SOURCE /* ppoll */

#include "ipv4/io.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "shim/io_internal.h"

#define CLOSED_BIT 0x80000000u
#define USERS_MASK 0x7fffffffu
#define WAITERS_MASK 0xffffffffull
#define GEN_ONE (1ull << 32)

/* The process's wake-up eventfd; -1 until the first wait needs it. */
static int g_wake_fd = -1;
static pthread_once_t g_atfork_once = PTHREAD_ONCE_INIT;

/*
 * A forked child has one thread and none of its parent's waiters, and must
 * not share their eventfd: it gets a fresh one at its first wait.
 */
static void forget_in_child(void)
{
	int fd = __atomic_exchange_n(&g_wake_fd, -1, __ATOMIC_ACQ_REL);

	if (fd >= 0) {
		(void)close(fd);
	}
}

static void register_atfork(void)
{
	(void)pthread_atfork(NULL, NULL, forget_in_child);
}

/* wake_fd returns the process's wake-up eventfd, creating it; or -errno. */
static int wake_fd(void)
{
	int fd = __atomic_load_n(&g_wake_fd, __ATOMIC_ACQUIRE);
	int expected = -1;

	if (fd >= 0) {
		return fd;
	}
	(void)pthread_once(&g_atfork_once, register_atfork);
	fd = eventfd(0, EFD_CLOEXEC | EFD_SEMAPHORE);
	if (fd < 0) {
		return -errno;
	}
	if (!__atomic_compare_exchange_n(&g_wake_fd, &expected, fd, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		(void)close(fd);
		return expected;
	}
	return fd;
}

int ipv4__conn_enter(struct ipv4_packet_conn *c)
{
	uint32_t state;
	int fd;

	if (c == NULL) {
		return IPV4_EINVAL;
	}
	state = __atomic_add_fetch(&c->call_state, 1, __ATOMIC_SEQ_CST);
	fd = __atomic_load_n(&c->fd, __ATOMIC_RELAXED);
	if ((state & CLOSED_BIT) != 0 || fd < 0) {
		ipv4__conn_leave(c);
		return IPV4_EINVAL;
	}
	return fd;
}

void ipv4__conn_leave(struct ipv4_packet_conn *c)
{
	(void)__atomic_sub_fetch(&c->call_state, 1, __ATOMIC_RELEASE);
}

int ipv4__conn_closing(const struct ipv4_packet_conn *c)
{
	return (__atomic_load_n(&c->call_state, __ATOMIC_SEQ_CST) &
		CLOSED_BIT) != 0;
}

void ipv4__conn_wake(struct ipv4_packet_conn *c)
{
	uint64_t before = __atomic_fetch_add(&c->wait_word, GEN_ONE,
					     __ATOMIC_SEQ_CST);
	uint64_t waiters = before & WAITERS_MASK;
	int fd;

	if (waiters == 0) {
		return;
	}
	/* A waiter created the eventfd before it registered. */
	fd = __atomic_load_n(&g_wake_fd, __ATOMIC_ACQUIRE);
	while (fd >= 0 && write(fd, &waiters, sizeof(waiters)) < 0 &&
	       errno == EINTR) {
	}
}

/* take_tokens takes n tokens from fd, waiting for any not yet written. */
static void take_tokens(int fd, uint32_t n)
{
	uint64_t v;

	while (n > 0) {
		ssize_t got = read(fd, &v, sizeof(v));

		if (got == (ssize_t)sizeof(v)) {
			n--;
		} else if (got < 0 && errno != EINTR) {
			return; /* cannot happen on a live eventfd */
		}
	}
}

/* A wait's poll events: what the call consumes, and the read-side shutdown. */
static short wait_events(enum shim_wait wait)
{
	if (wait == SHIM_WAIT_READ) {
		return POLLIN | POLLRDHUP;
	}
	return wait == SHIM_WAIT_WRITE ? POLLOUT : 0;
}

int ipv4__conn_wait(struct ipv4_packet_conn *c, int fd, const int64_t *deadline,
		    enum shim_wait wait)
{
	struct pollfd p[2] = { { .fd = -1 }, { .fd = -1 } };
	int wfd = wake_fd();
	uint32_t gen;
	uint32_t owed;
	int64_t left;
	int rc = 0;

	if (wfd < 0) {
		return wfd;
	}
	gen = (uint32_t)(__atomic_fetch_add(&c->wait_word, 1,
					    __ATOMIC_SEQ_CST) >>
			 32);
	left = ipv4__time_left(deadline);
	if (!ipv4__conn_closing(c) && left != 0) {
		struct timespec ts = { .tv_sec = (time_t)(left / 1000000000LL),
				       .tv_nsec = (long)(left % 1000000000LL) };

		p[0] = (struct pollfd){ .fd = fd, .events = wait_events(wait) };
		p[1] = (struct pollfd){ .fd = wfd, .events = POLLIN };
		rc = ppoll(p, 2, left < 0 ? NULL : &ts, NULL);
		if (rc < 0) {
			rc = errno == EINTR ? 0 : -errno;
		} else if ((p[0].revents & POLLNVAL) != 0) {
			rc = -EBADF;
		} else {
			rc = p[0].revents;
		}
	}
	owed = (uint32_t)(__atomic_sub_fetch(&c->wait_word, 1,
					     __ATOMIC_SEQ_CST) >>
			  32) -
	       gen;
	take_tokens(wfd, owed);
	/*
	 * Woken by another connection's tokens: let their waiters run and
	 * take them rather than poll a readable eventfd again at once.
	 */
	if (rc == 0 && owed == 0 && left != 0 && (p[1].revents & POLLIN) != 0) {
		(void)sched_yield();
	}
	return rc;
}

int ipv4_packet_conn_close(struct ipv4_packet_conn *c)
{
	uint32_t state;
	int fd;

	if (c == NULL) {
		return IPV4_EINVAL;
	}
	state = __atomic_load_n(&c->call_state, __ATOMIC_SEQ_CST);
	do {
		if ((state & CLOSED_BIT) != 0 ||
		    __atomic_load_n(&c->fd, __ATOMIC_RELAXED) < 0) {
			return IPV4_EINVAL;
		}
	} while (!__atomic_compare_exchange_n(&c->call_state, &state,
					      state | CLOSED_BIT, 1,
					      __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	ipv4__conn_wake(c);
	/* The woken calls leave within a poll's return; wait for them. */
	while ((__atomic_load_n(&c->call_state, __ATOMIC_ACQUIRE) &
		USERS_MASK) != 0) {
		struct timespec ts = { .tv_sec = 0, .tv_nsec = 20000 };

		(void)nanosleep(&ts, NULL);
	}
	fd = __atomic_exchange_n(&c->fd, -1, __ATOMIC_RELAXED);
	if (close(fd) != 0 && errno != EINTR) {
		return -errno;
	}
	return 0;
}

int ipv4_raw_conn_close(struct ipv4_raw_conn *c)
{
	return c == NULL ? IPV4_EINVAL : ipv4_packet_conn_close(&c->pc);
}
