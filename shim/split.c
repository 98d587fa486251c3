/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/split.c - read_batch with IPV4_BATCH_SPLIT: datagrams the kernel
 * glued together (UDP GRO) handed out one segment per message.
 *
 * The datagrams are received, with one recvmmsg, into the split space, the
 * caller's memory set up with ipv4_packet_conn_set_batch_offload:
 *
 *   head | slot meta 0 .. n-1 | data 0 (64 KiB) | data 1 | ... | data n-1
 *
 * A slot holds one datagram as the kernel gave it: its length, sender,
 * flags, control data (with the UDP_GRO item taken out) and segment size.
 * The head says which slots are filled and where the next segment starts
 * (slot cur, byte off). Segments are copied out into the caller's messages
 * in order; those that do not fit stay for the next call, which hands them
 * out first, without a system call and without waiting. One reader at a
 * time owns the space (the head's busy word).
 */
#define _GNU_SOURCE /* recvmmsg, struct mmsghdr */

#include "ipv4/io.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <string.h>
#include <sys/socket.h>

#include "shim/io_internal.h"
#include "shim/offload_internal.h"

#ifndef UDP_GRO
#define UDP_GRO 104
#endif

/* The room for one datagram: the most an IPv4 datagram can carry. */
#define SLOT_DATA 65536u

struct split_head {
	uint32_t busy; /* a reader owns the space */
	uint32_t num_slots;
	uint32_t filled; /* slots holding a datagram */
	uint32_t cur;	 /* the slot of the next segment */
	uint32_t off;	 /* its first byte in that slot */
	uint32_t unused;
};

struct split_slot {
	struct sockaddr_in addr;
	uint32_t len;	 /* the datagram's whole length (msg_len) */
	uint32_t seg;	 /* the segment size; 0: one datagram, not glued */
	int kflags;	 /* the kernel's msg_flags */
	uint32_t cm_len; /* bytes of control data in cm */
	union shim_cmsg_buf cm;
};

size_t ipv4_batch_split_space(size_t num_datagrams)
{
	size_t n = num_datagrams == 0 ? 1 : num_datagrams;

	if (n > IPV4_BATCH_SPLIT_MAX) {
		n = IPV4_BATCH_SPLIT_MAX;
	}
	return sizeof(struct split_head) +
	       n * (sizeof(struct split_slot) + SLOT_DATA);
}

/* slots_for: the slots space_len bytes of split space hold (at least 1). */
static size_t slots_for(size_t space_len)
{
	size_t n = 1;

	if (space_len >= ipv4_batch_split_space(1)) {
		n = (space_len - sizeof(struct split_head)) /
		    (sizeof(struct split_slot) + SLOT_DATA);
	}
	return n > IPV4_BATCH_SPLIT_MAX ? IPV4_BATCH_SPLIT_MAX : n;
}

size_t ipv4__split_init(void *space, size_t space_len)
{
	struct split_head *h = space;
	size_t n = slots_for(space_len);

	memset(h, 0, sizeof(*h));
	h->num_slots = (uint32_t)n;
	return n;
}

int ipv4__split_keeps(const void *space, size_t space_len)
{
	const struct split_head *h = space;

	return h->num_slots == slots_for(space_len);
}

int ipv4__split_pending(const void *space)
{
	const struct split_head *h = space;

	return h != NULL && h->cur < h->filled;
}

static struct split_slot *slot_meta(struct split_head *h, size_t i)
{
	return (struct split_slot *)(void *)(h + 1) + i;
}

/* slot_data: slot i's data in a space of num_slots slots. */
static uint8_t *slot_data(struct split_head *h, size_t num_slots, size_t i)
{
	return (uint8_t *)(slot_meta(h, num_slots)) + i * SLOT_DATA;
}

/*
 * take_gro finds the UDP_GRO item in s's control data, takes it out and
 * returns its segment size (0: none, or not a usable size). Items are
 * walked with their lengths checked against what remains; a malformed one
 * ends the walk and is left for the caller's parser to report.
 */
static uint32_t take_gro(struct split_slot *s)
{
	struct cmsghdr c;
	size_t off = 0;
	size_t step;

	while ((step = ipv4__cmsg_item(s->cm.bytes, s->cm_len, off, &c)) != 0) {
		int v = 0;

		if (c.cmsg_level == SOL_UDP && c.cmsg_type == UDP_GRO &&
		    c.cmsg_len >= CMSG_LEN(sizeof(int))) {
			memcpy(&v, s->cm.bytes + off + CMSG_LEN(0), sizeof(v));
			memmove(s->cm.bytes + off, s->cm.bytes + off + step,
				s->cm_len - off - step);
			s->cm_len -= (uint32_t)step;
			return v > 0 && v <= 65535 ? (uint32_t)v : 0;
		}
		off += step;
	}
	return 0;
}

struct rx_slots {
	struct mmsghdr hdrs[IPV4_BATCH_SPLIT_MAX];
	struct iovec iov[IPV4_BATCH_SPLIT_MAX];
	unsigned num;
};

/* arm points num (at most num_slots) receive headers at the slots. */
static void arm(struct rx_slots *rx, struct split_head *h, unsigned num_slots,
		unsigned num)
{
	unsigned i;

	rx->num = num;
	for (i = 0; i < num; i++) {
		struct split_slot *s = slot_meta(h, i);

		rx->iov[i] = (struct iovec){ slot_data(h, num_slots, i),
					     SLOT_DATA };
		rx->hdrs[i].msg_hdr = (struct msghdr){
			.msg_name = &s->addr,
			.msg_namelen = sizeof(s->addr),
			.msg_iov = &rx->iov[i],
			.msg_iovlen = 1,
			.msg_control = s->cm.bytes,
			.msg_controllen = sizeof(s->cm.bytes),
		};
		rx->hdrs[i].msg_len = 0;
	}
}

static long recv_slots(int fd, void *arg, int flags)
{
	struct rx_slots *rx = arg;
	int n = recvmmsg(fd, rx->hdrs, rx->num, flags, NULL);

	return n < 0 ? -errno : n;
}

/* keep records what the kernel put in the first n slots. */
static void keep(struct split_head *h, const struct rx_slots *rx, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		struct split_slot *s = slot_meta(h, i);
		const struct msghdr *m = &rx->hdrs[i].msg_hdr;

		s->len = rx->hdrs[i].msg_len;
		s->kflags = m->msg_flags;
		s->cm_len = (uint32_t)(m->msg_controllen < sizeof(s->cm.bytes)
					       ? m->msg_controllen
					       : sizeof(s->cm.bytes));
		if (m->msg_namelen < sizeof(s->addr)) {
			memset(&s->addr, 0, sizeof(s->addr));
		}
		s->seg = take_gro(s);
		if (s->seg >= s->len || s->len > SLOT_DATA) {
			s->seg = 0; /* one datagram (or cut: not split) */
		}
	}
	h->filled = n;
	h->cur = 0;
	h->off = 0;
}

/* scatter copies len bytes from src into m's buffers; returns bytes put. */
static size_t scatter(const struct ipv4_message *m, const uint8_t *src,
		      size_t len)
{
	size_t put = 0;
	size_t i;

	for (i = 0; i < m->num_buffers && put < len; i++) {
		size_t k = m->buffers[i].iov_len;

		if (k > len - put) {
			k = len - put;
		}
		if (k > 0) {
			memcpy(m->buffers[i].iov_base, src + put, k);
		}
		put += k;
	}
	return put;
}

/*
 * give_control copies the whole items of s's control data that fit in m's
 * oob; returns MSG_CTRUNC when some did not.
 */
static int give_control(struct ipv4_message *m, const struct split_slot *s)
{
	struct cmsghdr c;
	size_t off = 0;
	size_t step;

	if (s->cm_len <= m->oob_len) {
		if (s->cm_len > 0) {
			memcpy(m->oob, s->cm.bytes, s->cm_len);
		}
		m->nn = s->cm_len;
		return 0;
	}
	while ((step = ipv4__cmsg_item(s->cm.bytes, s->cm_len, off, &c)) != 0 &&
	       off + step <= m->oob_len) {
		off += step;
	}
	if (off > 0) {
		memcpy(m->oob, s->cm.bytes, off);
	}
	m->nn = off;
	return MSG_CTRUNC;
}

/*
 * give hands out into m the segment of len bytes at byte off of s, whose
 * data starts at data. Only the bytes the slot holds are copied: a
 * datagram longer than the slot was cut by the kernel (and is not split).
 */
static void give(struct ipv4_message *m, const struct split_slot *s,
		 const uint8_t *data, size_t off, size_t len)
{
	size_t avail = off >= SLOT_DATA ? 0 : SLOT_DATA - off;
	size_t put = scatter(m, data + off, len < avail ? len : avail);

	m->addr = s->addr;
	m->n = put;
	m->datagram_len = len;
	m->flags = (s->kflags & ~MSG_TRUNC) | give_control(m, s);
	if (put < len) {
		m->flags |= MSG_TRUNC;
	}
}

/* hand_out gives pending segments to ms[0..num); returns how many. */
static size_t hand_out(struct split_head *h, unsigned num_slots,
		       struct ipv4_message *ms, size_t num)
{
	size_t k = 0;

	while (k < num && h->cur < h->filled) {
		const struct split_slot *s = slot_meta(h, h->cur);
		size_t len = s->len - h->off;

		if (s->seg != 0 && len > s->seg) {
			len = s->seg;
		}
		give(&ms[k++], s, slot_data(h, num_slots, h->cur), h->off, len);
		h->off += (uint32_t)len;
		if (s->seg == 0 || h->off >= s->len) {
			h->cur++;
			h->off = 0;
		}
	}
	return k;
}

/*
 * read_locked is split_read for the reader that owns h. What the head
 * says is read back from the caller's memory: the slot count is kept
 * within the declared space (and the stack's IPV4_BATCH_SPLIT_MAX
 * headers), the filled slots within the slot count.
 */
static int read_locked(struct ipv4_packet_conn *c, int fd, struct split_head *h,
		       struct ipv4_message *ms, size_t num, int flags)
{
	unsigned num_slots = (unsigned)slots_for((size_t)c->split_space_len);
	struct rx_slots rx;
	size_t done = 0;
	long n = 0;

	if (h->num_slots >= 1 && h->num_slots < num_slots) {
		num_slots = h->num_slots;
	}
	if (h->filled > num_slots) {
		h->filled = num_slots;
	}
	if (h->cur < h->filled) {
		if (ipv4__conn_closing(c)) {
			return -EBADF;
		}
		if (ipv4__time_left(&c->read_deadline_ns) == 0) {
			return IPV4_ETIMEOUT;
		}
		done = hand_out(h, num_slots, ms, num);
	}
	while (done < num) {
		size_t want = num - done < num_slots ? num - done : num_slots;

		arm(&rx, h, num_slots, (unsigned)want);
		if (done == 0) {
			n = ipv4__shim_io(c, fd, &c->read_deadline_ns,
					  SHIM_WAIT_READ,
					  flags | MSG_TRUNC | MSG_WAITFORONE,
					  recv_slots, &rx);
		} else {
			n = recv_slots(fd, &rx,
				       flags | MSG_TRUNC | MSG_DONTWAIT);
		}
		if (n <= 0) {
			break;
		}
		keep(h, &rx, (unsigned)n);
		done += hand_out(h, num_slots, ms + done, num - done);
		if ((size_t)n < want) {
			break;
		}
	}
	if (n < 0 && done == 0) {
		return (int)n;
	}
	return (int)done;
}

int ipv4__split_read(struct ipv4_packet_conn *c, struct ipv4_message *ms,
		     size_t num_ms, int flags)
{
	struct split_head *h;
	int rc = ipv4__batch_check(c, ms, num_ms, 0);
	int fd;

	if (rc != 0) {
		return rc;
	}
	if ((flags & MSG_PEEK) != 0) {
		return IPV4_EINVAL;
	}
	fd = ipv4__conn_enter(c);
	if (fd < 0) {
		return fd;
	}
	h = (struct split_head *)(uintptr_t)c->split_space;
	if (__atomic_exchange_n(&h->busy, 1, __ATOMIC_ACQUIRE) != 0) {
		ipv4__conn_leave(c);
		return -EBUSY;
	}
	rc = read_locked(c, fd, h, ms, num_ms, flags);
	__atomic_store_n(&h->busy, 0, __ATOMIC_RELEASE);
	ipv4__conn_leave(c);
	return rc;
}
