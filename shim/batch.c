/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/batch.c - ReadBatch and WriteBatch over recvmmsg and sendmmsg.
 *
 * The kernel wants a contiguous array of struct mmsghdr; the caller gives
 * an array of struct ipv4_message. Rather than allocate, or ask the caller
 * for scratch space, the batch goes to the kernel in chunks of CHUNK
 * headers built on the stack (4 KiB), each pointing straight at the
 * caller's iovecs, control buffers and addresses. Only the first chunk of a
 * read may wait; later ones take what is already queued.
 */
#define _GNU_SOURCE /* recvmmsg, sendmmsg, struct mmsghdr */

#include "ipv4/io.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "shim/io_internal.h"
#include "shim/offload_internal.h"

#define CHUNK 64

struct chunk {
	struct mmsghdr hdrs[CHUNK];
	struct ipv4_message *ms;
	unsigned num;
};

/* check_message refuses what must not reach the kernel. */
static int check_message(const struct ipv4_message *m, int writing)
{
	int rc = ipv4__shim_check_iov(m->buffers, m->num_buffers);

	if (rc != 0) {
		return rc;
	}
	if (m->oob == NULL && m->oob_len > 0) {
		return IPV4_EINVAL;
	}
	if (writing && m->addr.sin_family != AF_UNSPEC) {
		return ipv4__shim_check_dst(&m->addr);
	}
	return 0;
}

int ipv4__batch_check(const struct ipv4_packet_conn *c,
		      const struct ipv4_message *ms, size_t num, int writing)
{
	size_t i;
	int rc;

	if (c == NULL || ms == NULL || num == 0 || num > INT_MAX) {
		return IPV4_EINVAL;
	}
	for (i = 0; i < num; i++) {
		rc = check_message(&ms[i], writing);
		if (rc != 0) {
			return rc;
		}
	}
	return 0;
}

/* fill_chunk points the headers at ms[0..num), at most CHUNK of them. */
static void fill_chunk(struct chunk *ch, struct ipv4_message *ms, size_t num,
		       int writing)
{
	unsigned i;

	ch->ms = ms;
	ch->num = num < CHUNK ? (unsigned)num : CHUNK;
	for (i = 0; i < ch->num; i++) {
		struct ipv4_message *m = &ms[i];
		int named = !writing || m->addr.sin_family != AF_UNSPEC;

		ch->hdrs[i].msg_hdr = (struct msghdr){
			.msg_name = named ? &m->addr : NULL,
			.msg_namelen = named ? sizeof(m->addr) : 0,
			.msg_iov = m->buffers,
			.msg_iovlen = m->num_buffers,
			.msg_control = m->oob_len > 0 ? m->oob : NULL,
			.msg_controllen = m->oob_len,
		};
		ch->hdrs[i].msg_len = 0;
	}
}

static long recv_chunk(int fd, void *arg, int flags)
{
	struct chunk *ch = arg;
	int n = recvmmsg(fd, ch->hdrs, ch->num, flags, NULL);

	return n < 0 ? -errno : n;
}

static long send_chunk(int fd, void *arg, int flags)
{
	struct chunk *ch = arg;
	int n = sendmmsg(fd, ch->hdrs, ch->num, flags | MSG_NOSIGNAL);

	return n < 0 ? -errno : n;
}

/* read_results copies the kernel's answers for the first n messages. */
static void read_results(struct chunk *ch, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		struct ipv4_message *m = &ch->ms[i];
		const struct mmsghdr *h = &ch->hdrs[i];
		size_t room = ipv4__shim_iov_len(m->buffers, m->num_buffers);

		m->datagram_len = h->msg_len;
		m->n = h->msg_len < room ? h->msg_len : room;
		m->nn = h->msg_hdr.msg_controllen;
		m->flags = h->msg_hdr.msg_flags;
		if (h->msg_hdr.msg_namelen < sizeof(m->addr)) {
			memset(&m->addr, 0, sizeof(m->addr));
		}
	}
}

static void write_results(struct chunk *ch, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		ch->ms[i].n = ch->hdrs[i].msg_len;
		ch->ms[i].nn = ch->ms[i].oob_len;
		ch->ms[i].datagram_len = ch->hdrs[i].msg_len;
		ch->ms[i].flags = 0;
	}
}

/*
 * next_chunk moves one chunk: the first of a read waits under the read
 * deadline for one message, later ones take what is queued; every chunk
 * of a write waits under the write deadline. Returns a count or a code.
 */
static long next_chunk(struct ipv4_packet_conn *c, int fd, struct chunk *ch,
		       int flags, int writing, int first)
{
	if (writing) {
		return ipv4__shim_io(c, fd, &c->write_deadline_ns,
				     SHIM_WAIT_WRITE, flags, send_chunk, ch);
	}
	if (first) {
		return ipv4__shim_io(c, fd, &c->read_deadline_ns,
				     SHIM_WAIT_READ,
				     flags | MSG_TRUNC | MSG_WAITFORONE,
				     recv_chunk, ch);
	}
	return recv_chunk(fd, ch, flags | MSG_TRUNC | MSG_DONTWAIT);
}

static int run_batch(struct ipv4_packet_conn *c, struct ipv4_message *ms,
		     size_t num_ms, int flags, int writing)
{
	struct chunk ch;
	size_t done = 0;
	int rc = ipv4__batch_check(c, ms, num_ms, writing);
	long n;
	int fd;

	if (rc != 0) {
		return rc;
	}
	fd = ipv4__conn_enter(c);
	if (fd < 0) {
		return fd;
	}
	do {
		fill_chunk(&ch, ms + done, num_ms - done, writing);
		n = next_chunk(c, fd, &ch, flags, writing, done == 0);
		if (n < 0) {
			break;
		}
		(writing ? write_results : read_results)(&ch, (unsigned)n);
		done += (size_t)n;
	} while ((unsigned)n == ch.num && done < num_ms);
	ipv4__conn_leave(c);
	if (n < 0 && done == 0) {
		return (int)n;
	}
	return (int)done;
}

int ipv4_packet_conn_read_batch(struct ipv4_packet_conn *c,
				struct ipv4_message *ms, size_t num_ms,
				int flags)
{
	/* the error queue is read around the split space (io.h) */
	if (c != NULL &&
	    (ipv4__offload_load(c) & (IPV4_BATCH_SPLIT | OFFLOAD_NO_GRO)) ==
		    IPV4_BATCH_SPLIT &&
	    (flags & MSG_ERRQUEUE) == 0) {
		return ipv4__split_read(c, ms, num_ms, flags);
	}
	return run_batch(c, ms, num_ms, flags, 0);
}

int ipv4_packet_conn_write_batch(struct ipv4_packet_conn *c,
				 struct ipv4_message *ms, size_t num_ms,
				 int flags)
{
	uint32_t s = c != NULL ? ipv4__offload_load(c) : 0;

	/* coalescing in effect, or an error it kept for this call (io.h) */
	if ((s & IPV4_BATCH_COALESCE) != 0 &&
	    ((s & OFFLOAD_NO_GSO) == 0 || (s & OFFLOAD_ERR_MASK) != 0)) {
		return ipv4__coalesce_write(c, ms, num_ms, flags);
	}
	return run_batch(c, ms, num_ms, flags, 1);
}
