/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/observe.h - the observing side of a case.
 *
 * Cases run libipv4 on one side of a link and check, from the other side,
 * what crossed it. The other side deliberately uses plain system calls and
 * the libc CMSG_* macros, not libipv4, so that a bug in the library cannot
 * hide itself by being on both sides of the test.
 */
#ifndef NT_OBSERVE_H
#define NT_OBSERVE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "netns-tests/topo.h"

/* How long the cases wait for what should come, and for what should not. */
#define NT_WAIT_MS 2000 /* a datagram that must arrive */
#define NT_QUIET_MS 200 /* silence that shows nothing (more) arrives */

/* nt_sin builds a sockaddr_in. */
struct sockaddr_in nt_sin(struct in_addr addr, uint16_t port);

/*
 * nt_udp makes a UDP socket in host's namespace bound to addr:port
 * (addr may be INADDR_ANY), with SO_REUSEADDR when reuse is set. Returns
 * the descriptor or -errno.
 */
int nt_udp(const struct nt_topo *t, enum nt_host host, struct in_addr addr,
	   uint16_t port, bool reuse);

/* nt_sendto sends len bytes to addr:port. Returns 0 or -errno. */
int nt_sendto(int fd, struct in_addr addr, uint16_t port, const void *buf,
	      size_t len);

/*
 * nt_sender makes a UDP socket in host's namespace bound to src (port
 * chosen by the kernel) with SO_BROADCAST on. Returns the descriptor or
 * -errno.
 */
int nt_sender(const struct nt_topo *t, enum nt_host host, struct in_addr src);

/*
 * nt_send_tag sends the text tag (without its NUL) times times to
 * addr:port. Returns 0 or -errno.
 */
int nt_send_tag(int fd, struct in_addr addr, uint16_t port, const char *tag,
		int times);

/*
 * nt_join makes fd (a plain socket) a member of group on the interface
 * ifindex with IP_ADD_MEMBERSHIP. Returns 0 or -errno.
 */
int nt_join(int fd, struct in_addr group, unsigned int ifindex);

/*
 * nt_capture waits up to ms for the next packet from `from` on fd, a raw
 * socket (which receives each incoming packet of its protocol, IP header
 * included), and copies it into buf (cap bytes). Returns its length,
 * -ETIMEDOUT, or -errno. The caller reads the header bytes itself:
 * buf[1] is the TOS, buf[8] the TTL, (buf[0] & 15) * 4 the header length.
 */
ssize_t nt_capture(int fd, struct in_addr from, int ms, uint8_t *buf,
		   size_t cap);

/* nt_readable waits up to ms for fd to be readable: 1, 0 on timeout, -errno. */
int nt_readable(int fd, int ms);

/*
 * struct nt_rx is what the observing side learned about one datagram:
 * the IP_RECVTTL, IP_RECVTOS and IP_PKTINFO control messages it asked for
 * (-1 / false when absent).
 */
struct nt_rx {
	ssize_t len;
	struct sockaddr_in from;
	int ttl;
	int tos;
	bool has_pktinfo;
	struct in_addr dst; /* ipi_addr: the header's destination */
	unsigned int ifindex;
};

/*
 * nt_observe turns on IP_RECVTTL, IP_RECVTOS and IP_PKTINFO on fd. Returns
 * 0 or -errno.
 */
int nt_observe(int fd);

/*
 * nt_recv waits up to ms for one datagram on fd and reads it into buf (cap
 * bytes) with whatever control messages nt_observe turned on into *out.
 * Returns the length, -ETIMEDOUT, or -errno.
 */
ssize_t nt_recv(int fd, void *buf, size_t cap, int ms, struct nt_rx *out);

/*
 * nt_count reads datagrams from fd and returns how many were exactly the
 * tag (len bytes), counting the others in *out_other when that is not
 * NULL. It waits up to NT_WAIT_MS for the expect datagrams that should
 * come, then until none has come for NT_QUIET_MS, so that a slow machine
 * delays a passing count rather than failing it, and extra datagrams are
 * still seen.
 */
int nt_count(int fd, const void *tag, size_t len, int expect, int *out_other);

/*
 * struct nt_wait paces a case that reads what should come: up to
 * NT_WAIT_MS in all while fewer than expect have come, then quiet
 * milliseconds of silence more, so that a slow machine delays a passing
 * count rather than failing it, and extra arrivals are still seen.
 */
struct nt_wait {
	double deadline;
	int expect;
	int quiet_ms;
};

/* nt_wait_start starts w for expect arrivals, NT_WAIT_MS from now. */
struct nt_wait nt_wait_start(int expect, int quiet_ms);

/* nt_wait_ms returns how long the next read may wait, got having come
   so far: what is left of NT_WAIT_MS while got < expect, else quiet_ms. */
int nt_wait_ms(const struct nt_wait *w, int got);

/* nt_drain discards whatever is queued on fd. */
void nt_drain(int fd);

/* nt_msleep sleeps ms milliseconds. */
void nt_msleep(int ms);

/* nt_now returns CLOCK_MONOTONIC in seconds. */
double nt_now(void);

/* nt_ntoa formats addr; the text lives in one of eight per-thread buffers
   used in turn, so up to eight results can be used at once. */
const char *nt_ntoa(struct in_addr addr);

#endif /* NT_OBSERVE_H */
