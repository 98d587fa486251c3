/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/coalesce.c - write_batch with IPV4_BATCH_COALESCE: runs of
 * messages sent as one UDP GSO datagram each.
 *
 * A chunk of kernel headers is built on the stack as in batch.c, but one
 * header may carry a run of messages: their iovecs are copied, in order,
 * into one stack array, and their control data (the same for all) into a
 * stack buffer, followed by a UDP_SEGMENT item with the run's segment
 * size. Each header remembers which messages it carries, so the count
 * sendmmsg returns, in headers, becomes a count of messages:
 *
 *   messages  m0 m1 m2 m3 m4 m5      (m0..m3 one run, m5 shorter)
 *   headers   [ GSO m0..m3 ][ m4 ]   sendmmsg -> 1 means m0..m3 went
 *
 * The errors a refusal of GSO comes with (EINVAL, EMSGSIZE, EIO,
 * ENOPROTOOPT, EOPNOTSUPP) also come from a caller's mistake or a
 * socket's pending error, which the first send takes. So a run that fails
 * with one is checked (recheck): sent again as it was, then plain. Only
 * a run that fails twice as GSO and goes plain is a refusal: recorded
 * (offload_internal.h), so that what coalesces narrows, and the chunk
 * went plain. One that goes the second time was a pending error, kept
 * for the next coalesced call to return; one that fails plain too was no
 * refusal, and its error is returned as without coalescing. A call makes
 * a bounded number of attempts.
 */
#define _GNU_SOURCE /* sendmmsg, struct mmsghdr */

#include "ipv4/io.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <string.h>
#include <sys/socket.h>

#include "shim/io_internal.h"
#include "shim/offload_internal.h"

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

#define CHUNK 64
#define IOV_POOL 256
#define CTL_POOL 4096
#define SEG_SPACE CMSG_SPACE(sizeof(uint16_t))

struct wchunk {
	struct mmsghdr hdrs[CHUNK];
	unsigned first[CHUNK]; /* the header's first message, from ms */
	unsigned count[CHUNK]; /* messages it carries */
	size_t seg[CHUNK];     /* segment size; 0 for a plain header */
	unsigned num;	       /* headers built */
	struct ipv4_message *ms;
	struct iovec iov[IOV_POOL];
	size_t iov_used;
	union {
		size_t align; /* as Linux aligns cmsg headers */
		uint8_t bytes[CTL_POOL];
	} ctl;
	size_t ctl_used;
};

static int same_dst(const struct sockaddr_in *a, const struct sockaddr_in *b)
{
	if (a->sin_family != b->sin_family) {
		return 0;
	}
	return a->sin_family == AF_UNSPEC ||
	       (a->sin_port == b->sin_port &&
		a->sin_addr.s_addr == b->sin_addr.s_addr);
}

/*
 * control_joins: whether m's control data (oob_len > 0) may go with a run:
 * every item well formed (the kernel refuses the message otherwise), none
 * SOL_UDP UDP_SEGMENT. The oob need not be aligned: headers are copied.
 */
static int control_joins(const struct ipv4_message *m)
{
	struct cmsghdr c;
	size_t off = 0;
	size_t step;

	while ((step = ipv4__cmsg_item(m->oob, m->oob_len, off, &c)) != 0) {
		if (c.cmsg_level == SOL_UDP && c.cmsg_type == UDP_SEGMENT) {
			return 0;
		}
		off += step;
	}
	/* the walk ended at the end, or at a malformed item */
	return m->oob_len - off < sizeof(c);
}

/*
 * run_len: the bytes of m, or more than COALESCE_MAX_BYTES when one of its
 * buffers is longer than that (so lengths that would wrap never add up).
 */
static size_t run_len(const struct ipv4_message *m)
{
	size_t total = 0;
	size_t i;

	for (i = 0; i < m->num_buffers; i++) {
		if (m->buffers[i].iov_len > COALESCE_MAX_BYTES) {
			return COALESCE_MAX_BYTES + 1;
		}
		total += m->buffers[i].iov_len;
	}
	return total;
}

/* can_lead: whether m may start a run (its length is len). */
static int can_lead(const struct ipv4_message *m, size_t len,
		    const struct coalesce_limits *lim)
{
	if (len == 0 || len >= lim->max_bytes ||
	    (lim->cap != 0 && len >= lim->cap) ||
	    m->num_buffers > lim->max_iov) {
		return 0;
	}
	/* port 0: the kernel's EINVAL, which must not look like a refusal */
	if (m->addr.sin_family == AF_INET && m->addr.sin_port == 0) {
		return 0;
	}
	if (m->oob_len == 0) {
		return 1;
	}
	return CMSG_ALIGN(m->oob_len) == m->oob_len &&
	       m->oob_len <= COALESCE_MAX_OOB && control_joins(m);
}

static int same_control(const struct ipv4_message *a,
			const struct ipv4_message *b)
{
	return a->oob_len == b->oob_len &&
	       (a->oob_len == 0 || memcmp(a->oob, b->oob, a->oob_len) == 0);
}

size_t ipv4__coalesce_run(const struct ipv4_message *ms, size_t num,
			  const struct coalesce_limits *lim, size_t *out_seg)
{
	size_t seg = run_len(&ms[0]);
	size_t total = seg;
	size_t iovs = ms[0].num_buffers;
	size_t i;

	*out_seg = 0;
	if (!can_lead(&ms[0], seg, lim)) {
		return 1;
	}
	for (i = 1; i < num && i < COALESCE_MAX_SEGS; i++) {
		const struct ipv4_message *m = &ms[i];
		size_t len = run_len(m);

		if (len == 0 || len > seg || total + len > lim->max_bytes ||
		    iovs + m->num_buffers > lim->max_iov ||
		    !same_dst(&m->addr, &ms[0].addr) ||
		    !same_control(m, &ms[0])) {
			break;
		}
		total += len;
		iovs += m->num_buffers;
		if (len < seg) {
			i++;
			break;
		}
	}
	if (i > 1) {
		*out_seg = seg;
	}
	return i;
}

/* plain_header points header h at message m alone, as batch.c does. */
static void plain_header(struct wchunk *ch, unsigned h, unsigned idx)
{
	struct ipv4_message *m = &ch->ms[idx];
	int named = m->addr.sin_family != AF_UNSPEC;

	ch->hdrs[h].msg_hdr = (struct msghdr){
		.msg_name = named ? &m->addr : NULL,
		.msg_namelen = named ? sizeof(m->addr) : 0,
		.msg_iov = m->buffers,
		.msg_iovlen = m->num_buffers,
		.msg_control = m->oob_len > 0 ? m->oob : NULL,
		.msg_controllen = m->oob_len,
	};
	ch->first[h] = idx;
	ch->count[h] = 1;
	ch->seg[h] = 0;
}

/* gso_header points header h at a run of count messages from idx. */
static void gso_header(struct wchunk *ch, unsigned h, unsigned idx,
		       unsigned count, size_t seg)
{
	struct ipv4_message *m = &ch->ms[idx];
	int named = m->addr.sin_family != AF_UNSPEC;
	struct iovec *iov = &ch->iov[ch->iov_used];
	uint8_t *ctl = &ch->ctl.bytes[ch->ctl_used];
	size_t num_iov = 0;
	struct cmsghdr cm = {
		.cmsg_len = CMSG_LEN(sizeof(uint16_t)),
		.cmsg_level = SOL_UDP,
		.cmsg_type = UDP_SEGMENT,
	};
	uint16_t size = (uint16_t)seg;
	unsigned i;

	for (i = 0; i < count; i++) {
		const struct ipv4_message *r = &ch->ms[idx + i];

		if (r->num_buffers > 0) {
			memcpy(&iov[num_iov], r->buffers,
			       r->num_buffers * sizeof(*iov));
		}
		num_iov += r->num_buffers;
	}
	if (m->oob_len > 0) {
		memcpy(ctl, m->oob, m->oob_len);
	}
	memset(ctl + m->oob_len, 0, SEG_SPACE);
	memcpy(ctl + m->oob_len, &cm, sizeof(cm));
	memcpy(ctl + m->oob_len + CMSG_LEN(0), &size, sizeof(size));
	ch->hdrs[h].msg_hdr = (struct msghdr){
		.msg_name = named ? &m->addr : NULL,
		.msg_namelen = named ? sizeof(m->addr) : 0,
		.msg_iov = iov,
		.msg_iovlen = num_iov,
		.msg_control = ctl,
		.msg_controllen = m->oob_len + SEG_SPACE,
	};
	ch->iov_used += num_iov;
	ch->ctl_used += m->oob_len + SEG_SPACE;
	ch->first[h] = idx;
	ch->count[h] = count;
	ch->seg[h] = seg;
}

/*
 * fill builds the headers for ms[0..num) from the state s, stopping at
 * CHUNK headers or when the pools are spent; returns the messages covered.
 */
static size_t fill(struct wchunk *ch, struct ipv4_message *ms, size_t num,
		   uint32_t s)
{
	int gso = (s & OFFLOAD_NO_GSO) == 0;
	size_t done = 0;

	ch->ms = ms;
	ch->num = 0;
	ch->iov_used = 0;
	ch->ctl_used = 0;
	while (done < num && ch->num < CHUNK) {
		struct coalesce_limits lim = {
			.max_iov = IOV_POOL - ch->iov_used,
			.cap = s >> OFFLOAD_CAP_SHIFT,
			.max_bytes = (s & OFFLOAD_SHORT_RUNS) != 0
					     ? COALESCE_SHORT_BYTES
					     : COALESCE_MAX_BYTES,
		};
		size_t seg = 0;
		size_t run = 1;

		if (gso &&
		    CTL_POOL - ch->ctl_used >= COALESCE_MAX_OOB + SEG_SPACE) {
			run = ipv4__coalesce_run(ms + done, num - done, &lim,
						 &seg);
		}
		if (run > 1) {
			gso_header(ch, ch->num, (unsigned)done, (unsigned)run,
				   seg);
		} else {
			plain_header(ch, ch->num, (unsigned)done);
		}
		ch->hdrs[ch->num].msg_len = 0;
		ch->num++;
		done += run;
	}
	return done;
}

static long send_chunk(int fd, void *arg, int flags)
{
	struct wchunk *ch = arg;
	int n = sendmmsg(fd, ch->hdrs, ch->num, flags | MSG_NOSIGNAL);

	return n < 0 ? -errno : n;
}

/* results fills the messages of the first n headers; returns their count. */
static size_t results(struct wchunk *ch, unsigned n)
{
	size_t moved = 0;
	unsigned h;
	unsigned i;

	for (h = 0; h < n; h++) {
		for (i = 0; i < ch->count[h]; i++) {
			struct ipv4_message *m = &ch->ms[ch->first[h] + i];
			size_t len = ch->seg[h] == 0 ? ch->hdrs[h].msg_len
						     : ipv4__shim_iov_len(
							       m->buffers,
							       m->num_buffers);

			m->n = len;
			m->nn = m->oob_len;
			m->datagram_len = len;
			m->flags = 0;
		}
		moved += ch->count[h];
	}
	return moved;
}

/* The errors a refusal of GSO comes with; index 0 means none. */
static const int refusal_errs[] = { 0,	 EINVAL,      EMSGSIZE,
				    EIO, ENOPROTOOPT, EOPNOTSUPP };

/* refusal_index: err's index in refusal_errs, 0 when it is not there. */
static unsigned refusal_index(long err)
{
	unsigned i;

	for (i = 1; i < sizeof(refusal_errs) / sizeof(refusal_errs[0]); i++) {
		if (err == -refusal_errs[i]) {
			return i;
		}
	}
	return 0;
}

/*
 * keep_error keeps -err in c for the next write_batch, unless
 * an error is kept already (the first is kept: one at a time).
 */
static void keep_error(struct ipv4_packet_conn *c, long err)
{
	uint32_t bits = refusal_index(err) << OFFLOAD_ERR_SHIFT;
	uint32_t old = ipv4__offload_load(c);

	do {
		if ((old & OFFLOAD_ERR_MASK) != 0) {
			return;
		}
	} while (!__atomic_compare_exchange_n(&c->offload_state, &old,
					      old | bits, 0, __ATOMIC_ACQ_REL,
					      __ATOMIC_ACQUIRE));
}

/* take_error takes the error kept in c: -errno, or 0 when none. */
static int take_error(struct ipv4_packet_conn *c)
{
	uint32_t s = __atomic_fetch_and(&c->offload_state, ~OFFLOAD_ERR_MASK,
					__ATOMIC_ACQ_REL);

	return -refusal_errs[(s & OFFLOAD_ERR_MASK) >> OFFLOAD_ERR_SHIFT];
}

static long send_io(struct ipv4_packet_conn *c, int fd, struct wchunk *ch,
		    int flags)
{
	return ipv4__shim_io(c, fd, &c->write_deadline_ns, SHIM_WAIT_WRITE,
			     flags, send_chunk, ch);
}

/*
 * recheck handles err, one of refusal_errs, that the kernel answered to
 * the chunk ch built from ms with state s, whose first header is a GSO
 * run (see the top of this file); returns what the last send returned.
 */
static long recheck(struct ipv4_packet_conn *c, int fd, struct wchunk *ch,
		    struct ipv4_message *ms, size_t num, int flags, uint32_t s,
		    long err)
{
	const struct msghdr *h = &ch->hdrs[0].msg_hdr;
	size_t seg = ch->seg[0];
	size_t bytes = ipv4__shim_iov_len(h->msg_iov, h->msg_iovlen);
	long n = send_io(c, fd, ch, flags);
	long again = n;

	if (n >= 0 || refusal_index(n) == 0) {
		if (n >= 0) {
			keep_error(c, err); /* a pending error, taken once */
		}
		return n;
	}
	fill(ch, ms, num, s | OFFLOAD_NO_GSO);
	n = send_io(c, fd, ch, flags);
	if (n >= 0) {
		/* refused as GSO only: recorded, whoever records it first */
		ipv4__offload_refused(c, (int)again, seg, bytes);
		if (again != err) {
			keep_error(c, err);
		}
	}
	return n;
}

/*
 * send_some sends one chunk from ms; returns the messages sent or a code,
 * and in *out_more whether the next chunk may go in the same call: all of
 * this one went, or the header that did not is a GSO run (whose error, a
 * refusal perhaps, the next attempt sees; a plain header's is the
 * caller's, as without coalescing).
 */
static long send_some(struct ipv4_packet_conn *c, int fd, struct wchunk *ch,
		      struct ipv4_message *ms, size_t num, int flags,
		      int *out_more)
{
	uint32_t s = ipv4__offload_load(c);
	long n;

	if ((flags & MSG_OOB) != 0) {
		s |= OFFLOAD_NO_GSO; /* UDP refuses it: the plain error */
	}
	fill(ch, ms, num, s);
	n = send_io(c, fd, ch, flags);
	if (n < 0 && ch->seg[0] != 0 && refusal_index(n) != 0) {
		n = recheck(c, fd, ch, ms, num, flags, s, n);
	}
	if (n < 0) {
		return n;
	}
	*out_more = (unsigned)n == ch->num || ch->seg[n] != 0;
	return (long)results(ch, (unsigned)n);
}

int ipv4__coalesce_write(struct ipv4_packet_conn *c, struct ipv4_message *ms,
			 size_t num_ms, int flags)
{
	struct wchunk ch;
	size_t done = 0;
	int more = 1;
	long n = 0;
	int rc = ipv4__batch_check(c, ms, num_ms, 1);
	int fd;

	if (rc != 0) {
		return rc;
	}
	fd = ipv4__conn_enter(c);
	if (fd < 0) {
		return fd;
	}
	if ((ipv4__offload_load(c) & OFFLOAD_ERR_MASK) != 0) {
		n = take_error(c);
	}
	while (n == 0 && done < num_ms && more) {
		n = send_some(c, fd, &ch, ms + done, num_ms - done, flags,
			      &more);
		if (n <= 0) {
			break;
		}
		done += (size_t)n;
		n = 0;
	}
	ipv4__conn_leave(c);
	if (n < 0 && done == 0) {
		return (int)n;
	}
	return (int)done;
}
