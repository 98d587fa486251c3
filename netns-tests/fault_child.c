/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/fault_child.c - the side under test of the fault cases
 * (case_fault.c): libipv4 batches over loopback, run by the case under
 * `strace --inject`, which makes the kernel's answers fail on schedule.
 * It counts every code the library returned by name, so the case can
 * compare them with the failures strace says it injected.
 *
 *   fault_child exactly-once COUNT   COUNT numbered datagrams through
 *       write_batch and read_batch in windows of one batch: prints
 *       "sent N received N duplicates N missing N codes NAME=K ..." and
 *       exits 0 when each arrived exactly once
 *   fault_child deadline MS          read_batch under an MS deadline with one
 *       datagram queued: prints "rc CODE NAME wall_ms W" and exits 0
 *
 * Exit 2 for a usage or setup error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipv4/error.h"
#include "ipv4/io.h"

enum {
	BATCH = 64,
	DATAGRAM_LEN = 16,
	MAX_CODES = 16
};

/* struct codes counts the codes the library returned, by value. */
struct codes {
	int code[MAX_CODES];
	unsigned count[MAX_CODES];
	int n;
};

static void note(struct codes *k, int code)
{
	for (int i = 0; i < k->n; i++) {
		if (k->code[i] == code) {
			k->count[i]++;
			return;
		}
	}
	if (k->n < MAX_CODES) {
		k->code[k->n] = code;
		k->count[k->n++] = 1;
	}
}

/* loopback_conn opens a UDP socket on 127.0.0.1 and wraps it. */
static int loopback_conn(struct ipv4_packet_conn *c, struct sockaddr_in *at)
{
	socklen_t len = sizeof(*at);
	int big = 8 << 20;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	memset(at, 0, sizeof(*at));
	at->sin_family = AF_INET;
	at->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)at, sizeof(*at)) != 0 ||
	    getsockname(fd, (struct sockaddr *)at, &len) != 0) {
		return -1;
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	return ipv4_packet_conn_init(c, fd);
}

static void put_number(uint8_t *p, uint32_t v)
{
	memset(p, 0x5a, DATAGRAM_LEN);
	memcpy(p, &v, sizeof(v));
}

/* send_window sends numbers first..first+n-1, retrying what failed. */
static void send_window(struct ipv4_packet_conn *tx, struct sockaddr_in to,
			uint32_t first, size_t n, struct codes *k)
{
	static uint8_t bufs[BATCH][DATAGRAM_LEN];
	struct iovec iov[BATCH];
	struct ipv4_message ms[BATCH];
	size_t done = 0;

	memset(ms, 0, sizeof(ms));
	for (size_t i = 0; i < n; i++) {
		put_number(bufs[i], first + (uint32_t)i);
		iov[i] = (struct iovec){ bufs[i], DATAGRAM_LEN };
		ms[i].buffers = &iov[i];
		ms[i].num_buffers = 1;
		ms[i].addr = to;
	}
	while (done < n) {
		int rc = ipv4_packet_conn_write_batch(tx, ms + done, n - done,
						      0);

		if (rc < 0) {
			note(k, rc);
			continue;
		}
		done += (size_t)rc;
	}
}

/* receive_window reads until n datagrams came or a read times out. */
static size_t receive_window(struct ipv4_packet_conn *rx, size_t n,
			     uint8_t *seen, uint32_t count, unsigned *dups,
			     struct codes *k)
{
	static uint8_t bufs[BATCH][DATAGRAM_LEN + 8];
	struct iovec iov[BATCH];
	struct ipv4_message ms[BATCH];
	size_t got = 0;

	while (got < n) {
		int rc;

		memset(ms, 0, sizeof(ms));
		for (size_t i = 0; i < BATCH; i++) {
			iov[i] = (struct iovec){ bufs[i], sizeof(bufs[i]) };
			ms[i].buffers = &iov[i];
			ms[i].num_buffers = 1;
		}
		ipv4_packet_conn_set_read_deadline(rx, ipv4_monotonic_ns() +
							       2000000000LL);
		rc = ipv4_packet_conn_read_batch(rx, ms, BATCH, 0);
		if (rc == IPV4_ETIMEOUT) {
			note(k, rc);
			return got;
		}
		if (rc < 0) {
			note(k, rc);
			continue;
		}
		for (int i = 0; i < rc; i++) {
			uint32_t v;

			memcpy(&v, bufs[i], sizeof(v));
			if (ms[i].n == DATAGRAM_LEN && v < count) {
				*dups += seen[v] != 0;
				seen[v] = 1;
			}
		}
		got += (size_t)rc;
	}
	return got;
}

static int exactly_once(uint32_t count)
{
	struct ipv4_packet_conn rx, tx;
	struct sockaddr_in rx_at, tx_at;
	struct codes k = { .n = 0 };
	uint8_t *seen = calloc(count, 1);
	unsigned dups = 0;
	size_t received = 0;
	uint32_t missing = 0;

	if (seen == NULL || loopback_conn(&rx, &rx_at) != 0 ||
	    loopback_conn(&tx, &tx_at) != 0) {
		fprintf(stderr, "fault_child: setup failed\n");
		return 2;
	}
	for (uint32_t first = 0; first < count; first += BATCH) {
		size_t n = count - first < BATCH ? count - first : BATCH;

		send_window(&tx, rx_at, first, n, &k);
		received += receive_window(&rx, n, seen, count, &dups, &k);
	}
	for (uint32_t i = 0; i < count; i++) {
		missing += seen[i] == 0;
	}
	free(seen);
	printf("sent %u received %zu duplicates %u missing %u codes", count,
	       received, dups, missing);
	for (int i = 0; i < k.n; i++) {
		printf(" %s=%u", ipv4_error_name(k.code[i]), k.count[i]);
	}
	printf("\n");
	return received == count && dups == 0 && missing == 0 ? 0 : 1;
}

static int deadline(int ms)
{
	struct ipv4_packet_conn rx, tx;
	struct sockaddr_in rx_at, tx_at;
	uint8_t buf[DATAGRAM_LEN];
	struct iovec iov = { buf, sizeof(buf) };
	struct ipv4_message m = { .buffers = &iov, .num_buffers = 1 };
	int64_t start;
	int rc;

	if (loopback_conn(&rx, &rx_at) != 0 ||
	    loopback_conn(&tx, &tx_at) != 0 ||
	    ipv4_packet_conn_write_to(&tx, "queued", 6, NULL, &rx_at) != 6) {
		fprintf(stderr, "fault_child: setup failed\n");
		return 2;
	}
	start = ipv4_monotonic_ns();
	ipv4_packet_conn_set_read_deadline(&rx, start + (int64_t)ms * 1000000);
	rc = ipv4_packet_conn_read_batch(&rx, &m, 1, 0);
	printf("rc %d %s wall_ms %.1f\n", rc, ipv4_error_name(rc),
	       (double)(ipv4_monotonic_ns() - start) / 1e6);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "exactly-once") == 0) {
		return exactly_once((uint32_t)strtoul(argv[2], NULL, 10));
	}
	if (argc == 3 && strcmp(argv[1], "deadline") == 0) {
		return deadline(atoi(argv[2]));
	}
	fprintf(stderr,
		"usage: fault_child exactly-once COUNT | deadline MS\n");
	return 2;
}
