/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/observe.c - plain-syscall sockets for the observing side.
 */
#include "netns-tests/observe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct sockaddr_in nt_sin(struct in_addr addr, uint16_t port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = addr;
	sin.sin_port = htons(port);
	return sin;
}

/* close_errno closes fd after a failed call and returns that call's
   -errno. */
static int close_errno(int fd)
{
	int err = errno;

	close(fd);
	return -err;
}

int nt_udp(const struct nt_topo *t, enum nt_host host, struct in_addr addr,
	   uint16_t port, bool reuse)
{
	struct sockaddr_in sin = nt_sin(addr, port);
	int one = 1;
	int fd = nt_socket(t, host, SOCK_DGRAM, 0);

	if (fd < 0) {
		return fd;
	}
	if ((reuse && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
				 sizeof(one)) != 0) ||
	    bind(fd, (const struct sockaddr *)&sin, sizeof(sin)) != 0) {
		return close_errno(fd);
	}
	return fd;
}

int nt_sendto(int fd, struct in_addr addr, uint16_t port, const void *buf,
	      size_t len)
{
	struct sockaddr_in sin = nt_sin(addr, port);

	if (sendto(fd, buf, len, 0, (const struct sockaddr *)&sin,
		   sizeof(sin)) < 0) {
		return -errno;
	}
	return 0;
}

int nt_sender(const struct nt_topo *t, enum nt_host host, struct in_addr src)
{
	int fd = nt_udp(t, host, src, 0, false);
	int one = 1;

	if (fd >= 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) != 0) {
		return close_errno(fd);
	}
	return fd;
}

int nt_send_tag(int fd, struct in_addr addr, uint16_t port, const char *tag,
		int times)
{
	for (int i = 0; i < times; i++) {
		int rc = nt_sendto(fd, addr, port, tag, strlen(tag));

		if (rc != 0) {
			return rc;
		}
	}
	return 0;
}

int nt_join(int fd, struct in_addr group, unsigned int ifindex)
{
	struct ip_mreqn mr;

	memset(&mr, 0, sizeof(mr));
	mr.imr_multiaddr = group;
	mr.imr_ifindex = ifindex;
	if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)) !=
	    0) {
		return -errno;
	}
	return 0;
}

ssize_t nt_capture(int fd, struct in_addr from, int ms, uint8_t *buf,
		   size_t cap)
{
	double deadline = nt_now() + ms / 1000.0;

	for (;;) {
		struct sockaddr_in src;
		socklen_t src_len = sizeof(src);
		int left = (int)((deadline - nt_now()) * 1000.0);
		int rc = nt_readable(fd, left > 0 ? left : 0);
		ssize_t n;

		if (rc <= 0) {
			return rc == 0 ? -ETIMEDOUT : rc;
		}
		n = recvfrom(fd, buf, cap, MSG_DONTWAIT,
			     (struct sockaddr *)&src, &src_len);
		if (n < 0) {
			return -errno;
		}
		if (src.sin_addr.s_addr == from.s_addr && n >= 20) {
			return n;
		}
	}
}

int nt_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	double deadline = nt_now() + ms / 1000.0;

	for (;;) {
		int left = (int)((deadline - nt_now()) * 1000.0);
		int rc = poll(&p, 1, left > 0 ? left : 0);

		if (rc >= 0) {
			return rc > 0 ? 1 : 0;
		}
		if (errno != EINTR) {
			return -errno;
		}
	}
}

int nt_observe(int fd)
{
	static const int opts[] = { IP_RECVTTL, IP_RECVTOS, IP_PKTINFO };
	int one = 1;

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		if (setsockopt(fd, IPPROTO_IP, opts[i], &one, sizeof(one)) !=
		    0) {
			return -errno;
		}
	}
	return 0;
}

/* take_cmsgs fills *out from the control data of msg (libc's macros). */
static void take_cmsgs(struct msghdr *msg, struct nt_rx *out)
{
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(msg); cm != NULL;
	     cm = CMSG_NXTHDR(msg, cm)) {
		if (cm->cmsg_level != IPPROTO_IP) {
			continue;
		}
		if (cm->cmsg_type == IP_TTL) {
			int v;

			memcpy(&v, CMSG_DATA(cm), sizeof(v));
			out->ttl = v;
		} else if (cm->cmsg_type == IP_TOS) {
			out->tos = *CMSG_DATA(cm);
		} else if (cm->cmsg_type == IP_PKTINFO) {
			struct in_pktinfo pi;

			memcpy(&pi, CMSG_DATA(cm), sizeof(pi));
			out->has_pktinfo = true;
			out->dst = pi.ipi_addr;
			out->ifindex = pi.ipi_ifindex;
		}
	}
}

ssize_t nt_recv(int fd, void *buf, size_t cap, int ms, struct nt_rx *out)
{
	union {
		struct cmsghdr align;
		char buf[256];
	} control;
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct msghdr msg;
	ssize_t n;
	int rc = nt_readable(fd, ms);

	memset(out, 0, sizeof(*out));
	out->ttl = -1;
	out->tos = -1;
	if (rc <= 0) {
		return rc == 0 ? -ETIMEDOUT : rc;
	}
	memset(&msg, 0, sizeof(msg));
	msg.msg_name = &out->from;
	msg.msg_namelen = sizeof(out->from);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = control.buf;
	msg.msg_controllen = sizeof(control.buf);
	n = recvmsg(fd, &msg, MSG_DONTWAIT);
	if (n < 0) {
		return -errno;
	}
	take_cmsgs(&msg, out);
	out->len = n;
	return n;
}

struct nt_wait nt_wait_start(int expect, int quiet_ms)
{
	struct nt_wait w = { nt_now() + NT_WAIT_MS / 1000.0, expect, quiet_ms };

	return w;
}

int nt_wait_ms(const struct nt_wait *w, int got)
{
	int left = (int)((w->deadline - nt_now()) * 1000.0);

	return got < w->expect && left > w->quiet_ms ? left : w->quiet_ms;
}

int nt_count(int fd, const void *tag, size_t len, int expect, int *out_other)
{
	struct nt_wait w = nt_wait_start(expect, NT_QUIET_MS);
	int matched = 0;
	int other = 0;
	char buf[2048];

	for (;;) {
		ssize_t n;

		if (nt_readable(fd, nt_wait_ms(&w, matched + other)) != 1) {
			break;
		}
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			break;
		}
		if ((size_t)n == len && memcmp(buf, tag, len) == 0) {
			matched++;
		} else {
			other++;
		}
	}
	if (out_other != NULL) {
		*out_other = other;
	}
	return matched;
}

void nt_drain(int fd)
{
	char buf[2048];

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0) {
	}
}

void nt_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

double nt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *nt_ntoa(struct in_addr addr)
{
	static _Thread_local char bufs[8][INET_ADDRSTRLEN];
	static _Thread_local unsigned next;
	char *b = bufs[next++ % 8];

	inet_ntop(AF_INET, &addr, b, INET_ADDRSTRLEN);
	return b;
}
