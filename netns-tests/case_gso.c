/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_gso.c - batch offload on the wire (io.h "Batch
 * offload"): write_batch coalescing runs into UDP GSO datagrams and
 * read_batch splitting UDP GRO datagrams, across the veth of link A and on
 * h's loopback.
 *
 * Two senders write 100,000 datagrams in all, in batches of mixed runs:
 * lengths from 8 to 1472 bytes in runs of 1 to 48 of one length, the last
 * of a run sometimes shorter, each run to one of two receivers. Every
 * datagram carries its sender, its receiver, its number in that stream
 * and its length, and bytes made from them:
 *
 *   0 sender | 1 receiver | 2..5 number (big-endian) | 6..7 length | data
 *
 * Each receiver thread reads with read_batch and checks every message as
 * it comes: the length the header says (n and datagram_len), no MSG_TRUNC,
 * the bytes, its own receiver id, and the next number of its sender's
 * stream: so a datagram lost, reported twice, reordered or cut fails the
 * case at the first such message. At the end every stream must have
 * delivered exactly what was sent. The sender keeps no more in flight than
 * the receive buffers can hold, so nothing may be dropped.
 *
 * The cases differ in who offloads: both sides; a coalescing sender and a
 * reader without GRO (the kernel cuts the GSO datagrams on arrival); plain
 * senders and a splitting reader; one sender of each kind; and a segment
 * size above the link's MTU, which the kernel refuses as GSO, so that
 * write_batch must fall back by itself.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "netns-tests/case_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"

enum {
	GSO_TOTAL = 100000,
	GSO_BATCH = 256, /* messages per write_batch */
	GSO_READ = 64,	 /* messages per read_batch */
	GSO_BUF = 2048,
	GSO_HEAD = 8,
	GSO_SENDERS = 2,
	GSO_RECEIVERS = 2,
	GSO_SPACE_SLOTS = 8,
};

/* One case's set-up. */
struct gso_plan {
	bool loopback;		    /* on h's lo, not a -> h over veth */
	bool coalesce[GSO_SENDERS]; /* per sender */
	bool split;		    /* the receivers */
	unsigned total;		    /* datagrams in all */
	unsigned fixed_len;	    /* 0: mixed lengths; else all this long */
};

struct gso_receiver {
	struct ipv4_packet_conn pc;
	uint8_t id;
	void *space;
	uint32_t next[GSO_SENDERS]; /* the number expected next, per sender */
	char error[256];	    /* the first thing wrong */
	atomic_uint *received;	    /* all receivers' count */
	atomic_int *stop;
};

struct gso_stream_count {
	uint32_t sent[GSO_SENDERS][GSO_RECEIVERS];
};

static uint8_t data_byte(uint8_t s, uint8_t r, uint32_t num, size_t i)
{
	return (uint8_t)(num * 31u + i * 7u + s * 3u + r);
}

/* fill_datagram writes datagram num of stream s -> r, len bytes. */
static void fill_datagram(uint8_t *p, uint8_t s, uint8_t r, uint32_t num,
			  size_t len)
{
	p[0] = s;
	p[1] = r;
	p[2] = (uint8_t)(num >> 24);
	p[3] = (uint8_t)(num >> 16);
	p[4] = (uint8_t)(num >> 8);
	p[5] = (uint8_t)num;
	p[6] = (uint8_t)(len >> 8);
	p[7] = (uint8_t)len;
	for (size_t i = GSO_HEAD; i < len; i++) {
		p[i] = data_byte(s, r, num, i);
	}
}

/* check_message returns NULL when m is the next datagram for rx, or what is wrong. */
static const char *check_message(struct gso_receiver *rx,
				 const struct ipv4_message *m,
				 uint32_t *out_num)
{
	const uint8_t *p = m->buffers[0].iov_base;
	uint32_t num;
	size_t len;

	if ((m->flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 || m->n < GSO_HEAD) {
		return "cut or too short";
	}
	len = (size_t)p[6] << 8 | p[7];
	num = (uint32_t)p[2] << 24 | (uint32_t)p[3] << 16 |
	      (uint32_t)p[4] << 8 | p[5];
	*out_num = num;
	if (p[0] >= GSO_SENDERS || p[1] != rx->id) {
		return "not a datagram of this receiver";
	}
	if (m->n != len || m->datagram_len != len) {
		return "length differs from what was sent";
	}
	if (num != rx->next[p[0]]) {
		return num < rx->next[p[0]]
			       ? "reported twice or out of order"
			       : "an earlier one is missing or came later";
	}
	for (size_t i = GSO_HEAD; i < len; i++) {
		if (p[i] != data_byte(p[0], p[1], num, i)) {
			return "bytes differ";
		}
	}
	rx->next[p[0]]++;
	return NULL;
}

static void *receiver_main(void *arg)
{
	static _Thread_local uint8_t bufs[GSO_READ][GSO_BUF];
	struct gso_receiver *rx = arg;
	struct iovec iov[GSO_READ];
	struct ipv4_message ms[GSO_READ];

	for (;;) {
		int n;

		for (size_t i = 0; i < GSO_READ; i++) {
			nt_lib_message(&ms[i], &iov[i], bufs[i], GSO_BUF);
		}
		n = nt_lib_read_batch(&rx->pc, ms, GSO_READ, 2 * NT_QUIET_MS);
		if (n == IPV4_ETIMEOUT) {
			if (atomic_load(rx->stop)) {
				return NULL;
			}
			continue;
		}
		if (n < 0) {
			snprintf(rx->error, sizeof(rx->error), "read_batch: %s",
				 ipv4_strerror(n));
			return NULL;
		}
		for (int i = 0; i < n; i++) {
			uint32_t num = 0;
			const char *why = check_message(rx, &ms[i], &num);

			if (why != NULL) {
				snprintf(rx->error, sizeof(rx->error),
					 "receiver %u, message %d of a batch "
					 "of %d (number %u, %zu of %zu "
					 "bytes, flags 0x%x): %s",
					 rx->id, i, n, num, ms[i].n,
					 ms[i].datagram_len,
					 (unsigned)ms[i].flags, why);
				return NULL;
			}
		}
		atomic_fetch_add(rx->received, (unsigned)n);
	}
}

/* rng is a small deterministic generator (xorshift32). */
static uint32_t rng(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static const unsigned mixed_lens[] = { 8, 64, 100, 512, 1200, 1400, 1472 };

/* plan_batch fills lens[] and dests[] for n messages of one batch. */
static void plan_batch(const struct gso_plan *p, uint32_t *seed, size_t n,
		       unsigned *lens, uint8_t *dests)
{
	size_t i = 0;

	while (i < n) {
		unsigned len = p->fixed_len != 0
				       ? p->fixed_len
				       : mixed_lens[rng(seed) %
						    (sizeof(mixed_lens) /
						     sizeof(mixed_lens[0]))];
		size_t run = 1 + rng(seed) % 48;
		uint8_t dest = (uint8_t)(rng(seed) % GSO_RECEIVERS);

		for (size_t k = 0; k < run && i < n; k++, i++) {
			lens[i] = len;
			dests[i] = dest;
		}
		if (len > GSO_HEAD && rng(seed) % 4 == 0) {
			lens[i - 1] = GSO_HEAD + rng(seed) % (len - GSO_HEAD);
		}
	}
}

struct gso_sender {
	struct ipv4_packet_conn pc[GSO_SENDERS];
	struct sockaddr_in dst[GSO_RECEIVERS];
	struct gso_stream_count count;
};

/* send_batch sends n messages from sender s; 0 or the code that stopped it. */
static int send_batch(struct gso_sender *tx, uint8_t s, size_t n,
		      const unsigned *lens, const uint8_t *dests)
{
	static uint8_t bufs[GSO_BATCH][GSO_BUF];
	static struct iovec iov[GSO_BATCH];
	static struct ipv4_message ms[GSO_BATCH];
	int rc;

	for (size_t i = 0; i < n; i++) {
		uint8_t r = dests[i];

		fill_datagram(bufs[i], s, r, tx->count.sent[s][r]++, lens[i]);
		nt_lib_message(&ms[i], &iov[i], bufs[i], lens[i]);
		ms[i].addr = tx->dst[r];
	}
	rc = nt_lib_write_all(&tx->pc[s], ms, n);
	if (rc != 0) {
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		if (ms[i].n != lens[i]) {
			return IPV4_EINVAL;
		}
	}
	return 0;
}

/* open_side opens the receivers (and their offload) and the senders. */
static int open_side(struct nt_ctx *c, const struct gso_plan *p,
		     struct gso_receiver *rx, struct gso_sender *tx)
{
	enum nt_host rhost = NT_H;
	enum nt_host shost = p->loopback ? NT_H : NT_A;
	struct in_addr raddr = p->loopback ? nt_inaddr("127.0.0.1")
					   : nt_addr(NT_S0);
	struct in_addr saddr = p->loopback ? nt_inaddr("127.0.0.1")
					   : nt_addr(NT_A0);
	int big = 64 << 20;
	int rc;

	for (int r = 0; r < GSO_RECEIVERS; r++) {
		uint16_t port = nt_port(c, (unsigned)r);

		rc = nt_lib_udp(c->topo, rhost, raddr, port, false, &rx[r].pc);
		if (rc != 0) {
			return nt_fail(c, "UDP socket on h: %s",
				       ipv4_strerror(rc));
		}
		if (setsockopt(rx[r].pc.fd, SOL_SOCKET, SO_RCVBUFFORCE, &big,
			       sizeof(big)) != 0 &&
		    setsockopt(rx[r].pc.fd, SOL_SOCKET, SO_RCVBUF, &big,
			       sizeof(big)) != 0) {
			return nt_fail(c, "SO_RCVBUF: %s", strerror(errno));
		}
		tx->dst[r] = nt_sin(raddr, port);
		rx[r].id = (uint8_t)r;
		if (p->split) {
			size_t len = ipv4_batch_split_space(GSO_SPACE_SLOTS);

			rx[r].space = aligned_alloc(64, (len + 63) / 64 * 64);
			rc = rx[r].space == NULL
				     ? -ENOMEM
				     : ipv4_packet_conn_set_batch_offload(
					       &rx[r].pc, IPV4_BATCH_SPLIT,
					       rx[r].space, len);
			if (rc != 0) {
				return nt_fail(c,
					       "set_batch_offload(SPLIT): %s",
					       ipv4_strerror(rc));
			}
			if (ipv4_packet_conn_batch_offload(&rx[r].pc) !=
			    (int)IPV4_BATCH_SPLIT) {
				return nt_skip(c, "this kernel has no UDP GRO");
			}
		}
	}
	for (int s = 0; s < GSO_SENDERS; s++) {
		rc = nt_lib_udp(c->topo, shost, saddr, 0, false, &tx->pc[s]);
		if (rc != 0) {
			return nt_fail(c, "UDP socket on %s: %s",
				       nt_host_name(shost), ipv4_strerror(rc));
		}
		if (!p->coalesce[s]) {
			continue;
		}
		rc = ipv4_packet_conn_set_batch_offload(&tx->pc[s],
							IPV4_BATCH_COALESCE,
							NULL, 0);
		if (rc != 0) {
			return nt_fail(c, "set_batch_offload(COALESCE): %s",
				       ipv4_strerror(rc));
		}
		if (ipv4_packet_conn_batch_offload(&tx->pc[s]) !=
		    (int)IPV4_BATCH_COALESCE) {
			return nt_skip(c, "this kernel has no UDP GSO");
		}
	}
	return NT_PASS;
}

static void close_side(struct gso_receiver *rx, struct gso_sender *tx)
{
	for (int r = 0; r < GSO_RECEIVERS; r++) {
		if (rx[r].pc.fd >= 0) {
			ipv4_packet_conn_close(&rx[r].pc);
		}
		free(rx[r].space);
	}
	for (int s = 0; s < GSO_SENDERS; s++) {
		if (tx->pc[s].fd >= 0) {
			ipv4_packet_conn_close(&tx->pc[s]);
		}
	}
}

/*
 * wait_room waits until no more than window - n datagrams are in flight.
 * Returns 0, or -ECANCELED when a receiver stopped (it says why) or
 * nothing arrived for 5 s (datagrams were lost).
 */
static int wait_room(struct gso_receiver *rx, uint32_t sent, size_t n,
		     uint32_t window)
{
	unsigned last = atomic_load(rx[0].received);
	double since = nt_now();

	while (sent + n > atomic_load(rx[0].received) + window) {
		unsigned now = atomic_load(rx[0].received);

		for (int r = 0; r < GSO_RECEIVERS; r++) {
			if (rx[r].error[0] != '\0') {
				return -ECANCELED;
			}
		}
		if (now != last) {
			last = now;
			since = nt_now();
		} else if (nt_now() - since > 5.0) {
			return -ECANCELED;
		}
		nanosleep(&(struct timespec){ 0, 50 * 1000 }, NULL);
	}
	return 0;
}

/* send_all sends p->total datagrams, alternating senders by batch. */
static int send_all(const struct gso_plan *p, struct gso_sender *tx,
		    struct gso_receiver *rx, uint32_t window)
{
	static unsigned lens[GSO_BATCH];
	static uint8_t dests[GSO_BATCH];
	uint32_t seed = 0x9e3779b9u;
	uint32_t sent = 0;
	uint32_t batch = window < GSO_BATCH ? window : GSO_BATCH;
	uint8_t s = 0;

	while (sent < p->total) {
		size_t n = p->total - sent < batch ? p->total - sent : batch;
		int rc = wait_room(rx, sent, n, window);

		if (rc != 0) {
			return rc;
		}
		plan_batch(p, &seed, n, lens, dests);
		rc = send_batch(tx, s, n, lens, dests);
		if (rc != 0) {
			return rc;
		}
		sent += (uint32_t)n;
		s = (uint8_t)((s + 1) % GSO_SENDERS);
	}
	return 0;
}

/* verdict compares what each receiver took with what was sent. */
static int verdict(struct nt_ctx *c, const struct gso_plan *p,
		   struct gso_receiver *rx, const struct gso_sender *tx,
		   double secs, uint32_t window)
{
	for (int r = 0; r < GSO_RECEIVERS; r++) {
		if (rx[r].error[0] != '\0') {
			return nt_fail(c, "%s", rx[r].error);
		}
		for (int s = 0; s < GSO_SENDERS; s++) {
			if (rx[r].next[s] != tx->count.sent[s][r]) {
				return nt_fail(c,
					       "stream %d -> %d: %u sent, %u "
					       "received in order "
					       "(the rest missing; at most %u "
					       "in flight)",
					       s, r, tx->count.sent[s][r],
					       rx[r].next[s], window);
			}
		}
	}
	for (int s = 0; s < GSO_SENDERS; s++) {
		if (p->coalesce[s] &&
		    !(ipv4_packet_conn_batch_offload(&tx->pc[s]) &
		      IPV4_BATCH_COALESCE)) {
			return nt_fail(
				c,
				"sender %d: coalescing went off for every "
				"size; a refusal "
				"of large segments must only cap the size",
				s);
		}
	}
	return nt_pass(c,
		       "%u datagrams (%s) in 4 streams, each received exactly "
		       "once, in order, "
		       "byte for byte, in %.2f s (at most %u in flight); "
		       "sender offload %s/%s, "
		       "reader %s",
		       p->total, p->fixed_len ? "one length" : "mixed lengths",
		       secs, window, p->coalesce[0] ? "coalesce" : "plain",
		       p->coalesce[1] ? "coalesce" : "plain",
		       p->split ? "split" : "plain (GRO off)");
}

/*
 * in_flight: how many datagrams the receive buffers the kernel granted
 * hold for sure, at a generous 8 KiB of memory each (all may go to one
 * receiver); at least 16. As root each gets 64 MiB (SO_RCVBUFFORCE), in
 * the user-namespace fallback only what net.core.rmem_max allows.
 */
static uint32_t in_flight(const struct gso_receiver *rx)
{
	uint32_t window = 8192;

	for (int r = 0; r < GSO_RECEIVERS; r++) {
		int granted = 0;
		socklen_t len = sizeof(granted);

		if (getsockopt(rx[r].pc.fd, SOL_SOCKET, SO_RCVBUF, &granted,
			       &len) == 0 &&
		    (uint32_t)granted / 8192 < window) {
			window = (uint32_t)granted / 8192;
		}
	}
	return window < 16 ? 16 : window;
}

static int run_plan(struct nt_ctx *c, const struct gso_plan *p)
{
	struct gso_receiver rx[GSO_RECEIVERS];
	struct gso_sender tx;
	pthread_t th[GSO_RECEIVERS];
	atomic_uint received = 0;
	atomic_int stop = 0;
	int started = 0;
	uint32_t window = 0;
	double start;
	double secs = 0;
	int rc;

	memset(rx, 0, sizeof(rx));
	memset(&tx, 0, sizeof(tx));
	for (int i = 0; i < GSO_RECEIVERS; i++) {
		rx[i].pc.fd = -1;
		rx[i].received = &received;
		rx[i].stop = &stop;
	}
	for (int i = 0; i < GSO_SENDERS; i++) {
		tx.pc[i].fd = -1;
	}
	rc = open_side(c, p, rx, &tx);
	for (; rc == NT_PASS && started < GSO_RECEIVERS; started++) {
		if (pthread_create(&th[started], NULL, receiver_main,
				   &rx[started]) != 0) {
			rc = nt_fail(c, "receiver thread: %s", strerror(errno));
			break;
		}
	}
	if (rc == NT_PASS) {
		window = in_flight(rx);
		nt_step(c,
			"sending %u datagrams with write_batch, at most %u in "
			"flight",
			p->total, window);
		start = nt_now();
		rc = send_all(p, &tx, rx, window);
		secs = nt_now() - start;
		if (rc == -ECANCELED) {
			rc = NT_PASS; /* verdict says what the receivers saw */
		} else if (rc != 0) {
			rc = nt_fail(c, "write_batch: %s", ipv4_strerror(rc));
		}
	}
	atomic_store(&stop, 1);
	nt_step(c, "waiting for the receivers to drain");
	for (int i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
	}
	if (rc == NT_PASS) {
		rc = verdict(c, p, rx, &tx, secs, window);
	}
	close_side(rx, &tx);
	return rc;
}

int case_gso_veth_both(struct nt_ctx *c)
{
	struct gso_plan p = { .coalesce = { true, true },
			      .split = true,
			      .total = GSO_TOTAL };

	return run_plan(c, &p);
}

int case_gso_loopback_both(struct nt_ctx *c)
{
	struct gso_plan p = { .loopback = true,
			      .coalesce = { true, true },
			      .split = true,
			      .total = GSO_TOTAL };

	return run_plan(c, &p);
}

int case_gso_veth_coalesce_plain_reader(struct nt_ctx *c)
{
	struct gso_plan p = { .coalesce = { true, true },
			      .split = false,
			      .total = GSO_TOTAL };

	return run_plan(c, &p);
}

int case_gso_veth_plain_split_reader(struct nt_ctx *c)
{
	struct gso_plan p = { .coalesce = { false, false },
			      .split = true,
			      .total = GSO_TOTAL };

	return run_plan(c, &p);
}

int case_gso_veth_mixed_senders(struct nt_ctx *c)
{
	struct gso_plan p = { .coalesce = { true, false },
			      .split = true,
			      .total = GSO_TOTAL };

	return run_plan(c, &p);
}

/*
 * Segments of 1600 bytes do not fit link A's 1500-byte MTU: the kernel
 * refuses them as GSO (EMSGSIZE on recent kernels, EINVAL on older ones),
 * write_batch sends them plain (the kernel fragments them) and keeps
 * coalescing for smaller ones.
 */
int case_gso_veth_mtu_fallback(struct nt_ctx *c)
{
	struct gso_plan p = { .coalesce = { true, true },
			      .split = true,
			      .total = 5000,
			      .fixed_len = 1600 };
	return run_plan(c, &p);
}
