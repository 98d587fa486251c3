/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/lib.c - libipv4 connections in the test network.
 */
#include "netns-tests/lib.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netns-tests/observe.h"

int nt_lib_udp(const struct nt_topo *t, enum nt_host host, struct in_addr addr,
	       uint16_t port, bool reuse, struct ipv4_packet_conn *out)
{
	int fd = nt_udp(t, host, addr, port, reuse);
	int rc;

	memset(out, 0, sizeof(*out));
	out->fd = -1;
	if (fd < 0) {
		return fd;
	}
	rc = ipv4_packet_conn_init(out, fd);
	if (rc != 0) {
		close(fd);
		out->fd = -1;
	}
	return rc;
}

int nt_lib_raw(const struct nt_topo *t, enum nt_host host, int protocol,
	       struct ipv4_packet_conn *out_pc, struct ipv4_raw_conn *out_raw)
{
	int fd = nt_socket(t, host, SOCK_RAW, protocol);
	int rc;

	if (fd < 0) {
		return fd;
	}
	if (out_raw != NULL) {
		rc = ipv4_raw_conn_init(out_raw, fd);
	} else {
		rc = ipv4_packet_conn_init(out_pc, fd);
	}
	if (rc != 0) {
		close(fd);
	}
	return rc;
}

int nt_lib_read(struct ipv4_packet_conn *pc, uint8_t *buf, size_t cap, int ms,
		struct ipv4_control_message *out_cm,
		struct sockaddr_in *out_src)
{
	int rc = ipv4_packet_conn_set_read_deadline(
		pc, ipv4_monotonic_ns() + (int64_t)ms * 1000000);

	if (rc != 0) {
		return rc;
	}
	rc = ipv4_packet_conn_read_from(pc, buf, cap, out_cm, out_src);
	ipv4_packet_conn_set_read_deadline(pc, 0);
	return rc;
}

void nt_lib_message(struct ipv4_message *m, struct iovec *iov, void *buf,
		    size_t len)
{
	*iov = (struct iovec){ .iov_base = buf, .iov_len = len };
	memset(m, 0, sizeof(*m));
	m->buffers = iov;
	m->num_buffers = 1;
}

int nt_lib_read_batch(struct ipv4_packet_conn *pc, struct ipv4_message *ms,
		      size_t n, int ms_wait)
{
	ipv4_packet_conn_set_read_deadline(pc,
					   ipv4_monotonic_ns() +
						   (int64_t)ms_wait * 1000000);
	return ipv4_packet_conn_read_batch(pc, ms, n, 0);
}

int nt_lib_write_all(struct ipv4_packet_conn *pc, struct ipv4_message *ms,
		     size_t n)
{
	size_t done = 0;

	while (done < n) {
		int rc = ipv4_packet_conn_write_batch(pc, ms + done, n - done,
						      0);

		if (rc < 0) {
			return rc;
		}
		done += (size_t)rc;
	}
	return 0;
}

/* read_next reads one datagram, waiting as w says, got having come. */
static int read_next(struct ipv4_packet_conn *pc, uint8_t *buf, size_t cap,
		     int got, const struct nt_wait *w)
{
	return nt_lib_read(pc, buf, cap, nt_wait_ms(w, got), NULL, NULL);
}

int nt_lib_count(struct ipv4_packet_conn *pc, const void *tag, size_t len,
		 int expect, int *out_other)
{
	struct nt_wait w = nt_wait_start(expect, NT_QUIET_MS);
	uint8_t buf[2048];
	int matched = 0;
	int other = 0;
	int rc;

	while ((rc = read_next(pc, buf, sizeof(buf), matched + other, &w)) >=
	       0) {
		if ((size_t)rc == len && memcmp(buf, tag, len) == 0) {
			matched++;
		} else {
			other++;
		}
	}
	if (out_other != NULL) {
		*out_other = other;
	}
	return rc == IPV4_ETIMEOUT ? matched : rc;
}

int nt_lib_tally(struct ipv4_packet_conn *pc, const char *const tags[],
		 int counts[], size_t n, int expect)
{
	struct nt_wait w = nt_wait_start(expect, NT_QUIET_MS);
	uint8_t buf[2048];
	int total = 0;
	int other = 0;
	int rc;

	for (size_t i = 0; i < n; i++) {
		counts[i] = 0;
	}
	while ((rc = read_next(pc, buf, sizeof(buf), total, &w)) >= 0) {
		size_t i = 0;

		total++;
		while (i < n && !((size_t)rc == strlen(tags[i]) &&
				  memcmp(buf, tags[i], (size_t)rc) == 0)) {
			i++;
		}
		if (i < n) {
			counts[i]++;
		} else {
			other++;
		}
	}
	return rc == IPV4_ETIMEOUT ? other : rc;
}

struct sockaddr_in nt_group(const char *addr)
{
	return nt_sin(nt_inaddr(addr), 0);
}

void nt_close(int fd)
{
	if (fd >= 0) {
		close(fd);
	}
}

int nt_check(struct nt_ctx *c, int rc, const char *call)
{
	if (rc != 0) {
		return nt_fail(c, "%s: %s", call, ipv4_strerror(rc));
	}
	return NT_PASS;
}

int nt_expect_two(struct nt_ctx *c, const int got[2], int want0, int want1,
		  const char *fmt, ...)
{
	char expected[512];
	va_list ap;

	if (got[0] == want0 && got[1] == want1) {
		return NT_PASS;
	}
	va_start(ap, fmt);
	vsnprintf(expected, sizeof(expected), fmt, ap);
	va_end(ap);
	return nt_fail(c, "%s, saw %d and %d", expected, got[0], got[1]);
}
