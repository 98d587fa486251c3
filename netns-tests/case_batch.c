/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_batch.c - batch I/O across a veth link (io.h:
 * write_batch, read_batch; Go's WriteBatch and ReadBatch; the drop
 * counter of control.h, SO_RXQ_OVFL).
 *
 * a sends numbered datagrams with write_batch; h reads them with
 * read_batch, with the receive-queue drop counter on. With a receive
 * buffer large enough every number must arrive exactly once; with one far
 * too small, what arrived and what the kernel says it dropped must add up
 * to what was sent: no datagram lost without being counted.
 *
 * "Large enough": as root the receiver gets 64 MiB (SO_RCVBUFFORCE); in
 * the unshare fallback only what net.core.rmem_max allows. Either way the
 * sender keeps no more datagrams in flight than the buffer the kernel
 * granted can hold (at a generous 2 KiB of memory each), so the buffer is
 * large enough by construction and any drop is a real failure.
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
#include "netns-tests/drive.h"
#include "netns-tests/drive_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"

enum {
	BATCH = 64,
	DATAGRAM_LEN = 32,
	FLOOD_COUNT = 100000,
	OVERFLOW_COUNT = 5000,
	MARKER = 0x7fffffff,
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* send_numbers writes numbers first..first+count-1 to dst in batches;
   with acked not NULL, it waits while more than window datagrams are sent
   but not yet counted in *acked. Returns 0 or the code that stopped it. */
static int send_numbers(struct ipv4_packet_conn *pc, struct sockaddr_in dst,
			uint32_t first, uint32_t count, atomic_uint *acked,
			uint32_t window)
{
	static uint8_t bufs[BATCH][DATAGRAM_LEN];
	struct iovec iov[BATCH];
	struct ipv4_message ms[BATCH];
	uint32_t next = first;

	while (next < first + count) {
		size_t n = first + count - next < BATCH ? first + count - next
							: BATCH;
		int rc;

		while (acked != NULL &&
		       next - first + n > atomic_load(acked) + window) {
			nanosleep(&(struct timespec){ 0, 20 * 1000 }, NULL);
		}
		for (size_t i = 0; i < n; i++) {
			memset(bufs[i], 0xa5, DATAGRAM_LEN);
			put32(bufs[i], next + (uint32_t)i);
			nt_lib_message(&ms[i], &iov[i], bufs[i], DATAGRAM_LEN);
			ms[i].addr = dst;
		}
		rc = nt_lib_write_all(pc, ms, n);
		if (rc != 0) {
			return rc;
		}
		next += (uint32_t)n;
	}
	return 0;
}

/* struct tally is what the receiving side counted. */
struct tally {
	uint8_t *seen;	      /* per number: times received (saturating) */
	uint32_t limit;	      /* numbers below this are counted in seen */
	atomic_uint received; /* datagrams, marker excluded */
	uint32_t duplicates;
	uint32_t strangers; /* datagrams that were not ours */
	uint32_t truncated;
	uint32_t drops; /* largest SO_RXQ_OVFL value seen */
	bool marker;
	int error;	 /* a read error other than the deadline */
	atomic_int stop; /* the sender is done; end when quiet */
};

static void take_message(struct tally *t, const struct ipv4_message *m)
{
	struct ipv4_control_message cm;
	uint32_t v;

	if (m->nn > 0 &&
	    ipv4_control_message_parse(&cm, m->oob, m->nn,
				       IPV4_CMSG_FORMAT_NATIVE) == 0 &&
	    (cm.flags & IPV4_FLAG_DROPS) && cm.drops > t->drops) {
		t->drops = cm.drops;
	}
	if (m->flags & MSG_TRUNC) {
		t->truncated++;
	}
	if (m->n != DATAGRAM_LEN) {
		t->strangers++;
		return;
	}
	v = get32(m->buffers[0].iov_base);
	if (v == MARKER) {
		t->marker = true;
	} else if (v < t->limit) {
		atomic_fetch_add(&t->received, 1);
		t->duplicates += t->seen[v] > 0;
		t->seen[v] = t->seen[v] < 255 ? (uint8_t)(t->seen[v] + 1) : 255;
	} else {
		t->strangers++;
	}
}

/* receive_until_quiet reads batches until quiet_ms pass with nothing
   (and, when wait_stop is set, the sender said it is done). */
static void receive_until_quiet(struct ipv4_packet_conn *pc, struct tally *t,
				int quiet_ms, bool wait_stop)
{
	static uint8_t bufs[BATCH][DATAGRAM_LEN + 16];
	static uint8_t oobs[BATCH][64];
	struct iovec iov[BATCH];
	struct ipv4_message ms[BATCH];

	for (;;) {
		int n;

		for (size_t i = 0; i < BATCH; i++) {
			nt_lib_message(&ms[i], &iov[i], bufs[i],
				       sizeof(bufs[i]));
			ms[i].oob = oobs[i];
			ms[i].oob_len = sizeof(oobs[i]);
		}
		n = nt_lib_read_batch(pc, ms, BATCH, quiet_ms);
		if (n == IPV4_ETIMEOUT) {
			if (!wait_stop || atomic_load(&t->stop)) {
				return;
			}
			continue;
		}
		if (n < 0) {
			t->error = n;
			return;
		}
		for (int i = 0; i < n; i++) {
			take_message(t, &ms[i]);
		}
	}
}

struct receiver_args {
	struct ipv4_packet_conn *pc;
	struct tally *t;
};

static void *receiver_main(void *arg)
{
	struct receiver_args *r = arg;

	receive_until_quiet(r->pc, r->t, 500, true);
	return NULL;
}

/* endpoints opens h's receiver (rcvbuf bytes, drop counter on) on port
   and a's sender. */
static int endpoints(struct nt_ctx *c, uint16_t port, int rcvbuf, bool force,
		     struct ipv4_packet_conn *rx, struct ipv4_packet_conn *tx)
{
	if (nt_check(c,
		     nt_lib_udp(c->topo, NT_H, nt_addr(NT_S0), port, false, rx),
		     "UDP socket on h") != NT_PASS ||
	    nt_check(c, nt_lib_udp(c->topo, NT_A, nt_addr(NT_A0), 0, false, tx),
		     "UDP socket on a") != NT_PASS) {
		return NT_FAIL;
	}
	/* Without CAP_NET_ADMIN in the first user namespace (the unshare
	   fallback) SO_RCVBUFFORCE is refused; SO_RCVBUF then gets what
	   net.core.rmem_max allows. */
	if ((!force || setsockopt(rx->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
				  sizeof(rcvbuf)) != 0) &&
	    setsockopt(rx->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
		       sizeof(rcvbuf)) != 0) {
		return nt_fail(c, "SO_RCVBUF %d: %s", rcvbuf, strerror(errno));
	}
	return nt_check(c,
			ipv4_packet_conn_set_control_message(rx,
							     IPV4_FLAG_DROPS,
							     true),
			"set_control_message(DROPS)");
}

/* missing counts the numbers below limit that never arrived. */
static uint32_t missing(const struct tally *t)
{
	uint32_t m = 0;

	for (uint32_t i = 0; i < t->limit; i++) {
		m += t->seen[i] == 0;
	}
	return m;
}

int case_batch_exactly_once(struct nt_ctx *c)
{
	struct ipv4_packet_conn rx;
	struct ipv4_packet_conn tx;
	struct tally t = { .limit = FLOOD_COUNT };
	struct receiver_args args = { &rx, &t };
	pthread_t th;
	double start;
	double secs;
	int granted = 0;
	socklen_t granted_len = sizeof(granted);
	uint32_t window;
	int rc;

	t.seen = calloc(FLOOD_COUNT, 1);
	if (t.seen == NULL ||
	    endpoints(c, nt_port(c, 0), 64 << 20, true, &rx, &tx) != NT_PASS) {
		return nt_fail(c, "setup failed");
	}
	if (pthread_create(&th, NULL, receiver_main, &args) != 0) {
		return nt_fail(c, "receiver thread: %s", strerror(errno));
	}
	if (getsockopt(rx.fd, SOL_SOCKET, SO_RCVBUF, &granted, &granted_len) !=
	    0) {
		return nt_fail(c, "SO_RCVBUF: %s", strerror(errno));
	}
	window = (uint32_t)granted / 2048 < BATCH ? BATCH
						  : (uint32_t)granted / 2048;
	nt_step(c, "a sends %d datagrams with write_batch", FLOOD_COUNT);
	start = nt_now();
	rc = send_numbers(&tx, nt_sin(nt_addr(NT_S0), nt_port(c, 0)), 0,
			  FLOOD_COUNT, &t.received, window);
	secs = nt_now() - start;
	atomic_store(&t.stop, 1);
	nt_step(c, "waiting for the receiver to drain");
	pthread_join(th, NULL);
	if (rc != 0) {
		return nt_fail(c, "write_batch: %s", ipv4_strerror(rc));
	}
	if (t.error != 0) {
		return nt_fail(c, "read_batch: %s", ipv4_strerror(t.error));
	}
	if (atomic_load(&t.received) != FLOOD_COUNT || t.duplicates != 0 ||
	    t.drops != 0 || missing(&t) != 0 || t.strangers != 0 ||
	    t.truncated != 0) {
		return nt_fail(c,
			       "%d datagrams, %d-byte receive buffer, at most "
			       "%u in flight: "
			       "expected each received once and 0 drops; saw "
			       "%u received, %u missing, "
			       "%u duplicates, %u drops (SO_RXQ_OVFL), %u "
			       "strangers, %u truncated",
			       FLOOD_COUNT, granted, window,
			       atomic_load(&t.received), missing(&t),
			       t.duplicates, t.drops, t.strangers, t.truncated);
	}
	return nt_pass(c,
		       "%u/%d datagrams received exactly once in batches of "
		       "%d, 0 drops "
		       "(%d-byte receive buffer, at most %u in flight); sent "
		       "in %.2f s (%.0f/s)",
		       atomic_load(&t.received), FLOOD_COUNT, BATCH, granted,
		       window, secs, FLOOD_COUNT / (secs > 0 ? secs : 1e-9));
}

int case_batch_overflow_accounted(struct nt_ctx *c)
{
	struct ipv4_packet_conn rx;
	struct ipv4_packet_conn tx;
	struct tally t = { .limit = OVERFLOW_COUNT };
	int rc;

	t.seen = calloc(OVERFLOW_COUNT, 1);
	if (t.seen == NULL ||
	    endpoints(c, nt_port(c, 0), 4096, false, &rx, &tx) != NT_PASS) {
		return nt_fail(c, "setup failed");
	}
	nt_step(c, "a sends %d datagrams into a small receive buffer",
		OVERFLOW_COUNT);
	rc = send_numbers(&tx, nt_sin(nt_addr(NT_S0), nt_port(c, 0)), 0,
			  OVERFLOW_COUNT, NULL, 0);
	if (rc != 0) {
		return nt_fail(c, "write_batch: %s", ipv4_strerror(rc));
	}
	receive_until_quiet(&rx, &t, NT_QUIET_MS, false);
	/* The counter rides on queued datagrams: one more, into the now empty
	   queue, carries the total. */
	rc = send_numbers(&tx, nt_sin(nt_addr(NT_S0), nt_port(c, 0)), MARKER, 1,
			  NULL, 0);
	if (rc == 0) {
		receive_until_quiet(&rx, &t, NT_QUIET_MS, false);
	}
	if (rc != 0 || t.error != 0) {
		return nt_fail(c, "batch I/O: %s",
			       ipv4_strerror(rc != 0 ? rc : t.error));
	}
	if (!t.marker || t.drops == 0 || t.duplicates != 0 ||
	    atomic_load(&t.received) + t.drops != OVERFLOW_COUNT) {
		return nt_fail(
			c,
			"%d datagrams into a 4 KiB receive buffer: expected "
			"received + "
			"dropped (SO_RXQ_OVFL) = %d with drops > 0 and no "
			"duplicate; saw %u "
			"received + %u dropped, %u duplicates, marker %s",
			OVERFLOW_COUNT, OVERFLOW_COUNT,
			atomic_load(&t.received), t.drops, t.duplicates,
			t.marker ? "read" : "missing");
	}
	return nt_pass(c,
		       "%u received + %u counted as dropped (SO_RXQ_OVFL) = %d "
		       "sent; none lost "
		       "silently",
		       atomic_load(&t.received), t.drops, OVERFLOW_COUNT);
}

/*
 * The driven form (drive.h) of batch/100k-exactly-once: both ends are the
 * implementation's probes, a's handle t writing with WriteBatch, h's
 * handle r reading with ReadBatch, in lock step (one batch of BATCH in
 * flight, read before the next is written), since one case drives both.
 * The receive buffer is the kernel's default: one batch in flight fits.
 */

/* drv_read_numbers reads with one ReadBatch and marks what came in t;
   returns the number of messages, or -1 (c marked). */
static int drv_read_numbers(struct nt_ctx *c, struct nt_drv *d, struct tally *t,
			    int ms)
{
	const char *p;
	int k;

	if (nt_ask_any(c, d, ms, "ReadBatch r %d %d %d", BATCH, DATAGRAM_LEN,
		       ms) != NT_PASS) {
		return -1;
	}
	if (strcmp(d->answer, "err ETIMEOUT") == 0) {
		return 0;
	}
	if (sscanf(d->answer, "ok %d", &k) != 1) {
		nt_fail(c, "%s: expected ok K ; ..., the probe answered %.200s",
			d->request, d->answer);
		return -1;
	}
	for (p = d->answer; (p = strstr(p, " data=")) != NULL; p += 6) {
		unsigned long v;
		char num[9];

		snprintf(num, sizeof(num), "%.8s", p + 6);
		v = strtoul(num, NULL, 16);
		if (strlen(num) != 8 || v >= t->limit) {
			t->strangers++;
		} else if (t->seen[v]++ != 0) {
			t->duplicates++;
		}
		if (strncmp(p - 7, "trunc=1", 7) == 0) {
			t->truncated++;
		}
	}
	atomic_fetch_add(&t->received, (unsigned)k);
	return k;
}

int drive_batch_exactly_once(struct nt_ctx *c)
{
	static char req[BATCH * (2 * DATAGRAM_LEN + 1) + 64];
	struct tally t = { .limit = FLOOD_COUNT };
	struct nt_drv tx;
	struct nt_drv rx;
	uint8_t msg[DATAGRAM_LEN];
	uint32_t next = 0;
	double start = nt_now();
	double secs;
	unsigned port;

	t.seen = calloc(FLOOD_COUNT, 1);
	if (t.seen == NULL) {
		return nt_fail(c, "setup failed");
	}
	if (nt_drv_start(c, NT_H, &rx) != NT_PASS ||
	    nt_ask(c, &rx, 0, "open udp r %s:0", nt_ifaces[NT_S0].addr) !=
		    NT_PASS ||
	    (port = nt_answer_port(c, &rx)) == 0 ||
	    nt_drv_start(c, NT_A, &tx) != NT_PASS ||
	    nt_ask(c, &tx, 0, "open udp t %s:0", nt_ifaces[NT_A0].addr) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	nt_step(c, "a's probe sends %d datagrams with WriteBatch", FLOOD_COUNT);
	while (next < FLOOD_COUNT) {
		uint32_t n = FLOOD_COUNT - next < BATCH ? FLOOD_COUNT - next
							: BATCH;
		size_t used = (size_t)snprintf(req, sizeof(req),
					       "WriteBatch t %s:%u",
					       nt_ifaces[NT_S0].addr, port);
		unsigned sent;
		unsigned want;

		for (uint32_t i = 0; i < n; i++) {
			memset(msg, 0xa5, sizeof(msg));
			put32(msg, next + i);
			req[used++] = ' ';
			nt_hex(msg, sizeof(msg), req + used,
			       sizeof(req) - used);
			used += 2 * sizeof(msg);
		}
		if (nt_ask(c, &tx, 0, "%s", req) != NT_PASS) {
			return NT_FAIL;
		}
		if (sscanf(tx.answer, "ok %u", &sent) != 1 || sent == 0 ||
		    sent > n) {
			return nt_fail(c,
				       "WriteBatch of %u: expected ok K with 0 "
				       "< K <= %u, the probe "
				       "answered %s",
				       n, n, tx.answer);
		}
		next += sent;
		want = next;
		while (atomic_load(&t.received) < want) {
			int got = drv_read_numbers(c, &rx, &t, NT_WAIT_MS);

			if (got < 0) {
				return NT_FAIL;
			}
			if (got == 0) {
				break;
			}
		}
	}
	secs = nt_now() - start;
	if (drv_read_numbers(c, &rx, &t, NT_QUIET_MS) <
	    0) { /* anything extra: a duplicate */
		return NT_FAIL;
	}
	if (atomic_load(&t.received) != FLOOD_COUNT || t.duplicates != 0 ||
	    missing(&t) != 0 || t.strangers != 0 || t.truncated != 0) {
		return nt_fail(c,
			       "%d datagrams, one batch of %d in flight: "
			       "expected each received "
			       "once; saw %u received, %u missing, %u "
			       "duplicates, %u strangers, %u "
			       "truncated",
			       FLOOD_COUNT, BATCH, atomic_load(&t.received),
			       missing(&t), t.duplicates, t.strangers,
			       t.truncated);
	}
	return nt_pass(c,
		       "%u/%d datagrams received exactly once, WriteBatch and "
		       "ReadBatch of up "
		       "to %d through the probes in %.2f s",
		       atomic_load(&t.received), FLOOD_COUNT, BATCH, secs);
}
