/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/offload.c - turning batch offload on and off, and the state that
 * remembers what the kernel refused (offload_internal.h).
 */
#include "ipv4/io.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "shim/io_internal.h"
#include "shim/offload_internal.h"

#ifndef UDP_GRO
#define UDP_GRO 104
#endif

uint32_t ipv4__offload_load(const struct ipv4_packet_conn *c)
{
	return __atomic_load_n(&c->offload_state, __ATOMIC_ACQUIRE);
}

/*
 * refusal_state: the new state after a refusal with -err of a run of bytes
 * bytes in seg-byte segments, or old.
 */
static uint32_t refusal_state(uint32_t old, int err, size_t seg, size_t bytes)
{
	uint32_t cap = old >> OFFLOAD_CAP_SHIFT;

	if (err == -EIO || err == -ENOPROTOOPT || err == -EOPNOTSUPP) {
		return old | OFFLOAD_NO_GSO;
	}
	if (err != -EINVAL && err != -EMSGSIZE) {
		return old;
	}
	/* too long as a whole, not per segment: IP options took the room */
	if (err == -EMSGSIZE && bytes > COALESCE_SHORT_BYTES &&
	    (old & OFFLOAD_SHORT_RUNS) == 0) {
		return old | OFFLOAD_SHORT_RUNS;
	}
	if (seg <= 1) {
		return old | OFFLOAD_NO_GSO;
	}
	if (cap == 0 || seg < cap) {
		return (old & 0xffffu) | ((uint32_t)seg << OFFLOAD_CAP_SHIFT);
	}
	return old;
}

int ipv4__offload_refused(struct ipv4_packet_conn *c, int err, size_t seg,
			  size_t bytes)
{
	uint32_t old = ipv4__offload_load(c);
	uint32_t next;

	do {
		next = refusal_state(old, err, seg, bytes);
		if (next == old) {
			return 0;
		}
	} while (!__atomic_compare_exchange_n(&c->offload_state, &old, next, 0,
					      __ATOMIC_ACQ_REL,
					      __ATOMIC_ACQUIRE));
	return 1;
}

size_t ipv4__cmsg_item(const uint8_t *buf, size_t len, size_t off,
		       struct cmsghdr *out)
{
	size_t step;

	if (len - off < sizeof(*out)) {
		return 0;
	}
	memcpy(out, buf + off, sizeof(*out));
	if (out->cmsg_len < sizeof(*out) || out->cmsg_len > len - off) {
		return 0;
	}
	step = CMSG_ALIGN(out->cmsg_len);
	return step < len - off ? step : len - off;
}

/* set_gro turns UDP_GRO on fd on or off; 0, 1 when the kernel lacks it. */
static int set_gro(int fd, int on)
{
	if (setsockopt(fd, SOL_UDP, UDP_GRO, &on, sizeof(on)) == 0) {
		return 0;
	}
	return errno == ENOPROTOOPT ? 1 : -errno;
}

static int check_space(unsigned flags, const void *space, size_t space_len)
{
	if ((flags & IPV4_BATCH_SPLIT) == 0) {
		return space == NULL && space_len == 0 ? 0 : IPV4_EINVAL;
	}
	if (space == NULL || ((uintptr_t)space & 7u) != 0 ||
	    space_len < ipv4_batch_split_space(1)) {
		return IPV4_EINVAL;
	}
	return 0;
}

/* gro_state sets UDP_GRO as flags asks; the state bit for a kernel without. */
static int gro_state(const struct ipv4_packet_conn *c, unsigned flags,
		     uint32_t *out_bits)
{
	int want = (flags & IPV4_BATCH_SPLIT) != 0;
	int rc;

	*out_bits = 0;
	if (!want && (c->cm_flags & IPV4_FLAG_GRO) != 0) {
		return 0; /* the caller's own IPV4_FLAG_GRO keeps it on */
	}
	if (!want && (ipv4__offload_load(c) & IPV4_BATCH_SPLIT) == 0) {
		return 0; /* never turned on by us */
	}
	rc = set_gro(c->fd, want);
	if (rc < 0) {
		return rc;
	}
	*out_bits = rc == 1 && want ? OFFLOAD_NO_GRO : 0;
	return 0;
}

int ipv4_packet_conn_set_batch_offload(struct ipv4_packet_conn *c,
				       unsigned flags, void *space,
				       size_t space_len)
{
	uint32_t state = flags;
	uint32_t gro_bits;
	int rc;

	if (c == NULL || c->fd < 0 || (flags & ~OFFLOAD_FLAGS) != 0) {
		return IPV4_EINVAL;
	}
	rc = check_space(flags, space, space_len);
	if (rc != 0) {
		return rc;
	}
	if (flags != 0 && c->sock_type != SOCK_DGRAM) {
		return -EOPNOTSUPP;
	}
	if (ipv4__split_pending((const void *)(uintptr_t)c->split_space) &&
	    ((flags & IPV4_BATCH_SPLIT) == 0 ||
	     (uintptr_t)space != (uintptr_t)c->split_space ||
	     !ipv4__split_keeps(space, space_len))) {
		return -EBUSY;
	}
	if ((flags & IPV4_BATCH_COALESCE) != 0) {
		rc = ipv4__shim_gso_check(c->fd);
		if (rc == -EOPNOTSUPP) {
			state |= OFFLOAD_NO_GSO;
		} else if (rc != 0) {
			return rc;
		}
	}
	rc = gro_state(c, flags, &gro_bits);
	if (rc != 0) {
		return rc;
	}
	state |= gro_bits;
	/* the same space with segments pending (and the same layout: see
	 * above) is kept; any other is prepared afresh for space_len */
	if ((flags & IPV4_BATCH_SPLIT) != 0 &&
	    ((uintptr_t)space != (uintptr_t)c->split_space ||
	     !ipv4__split_pending(space))) {
		ipv4__split_init(space, space_len);
	}
	c->split_space = (flags & IPV4_BATCH_SPLIT) != 0 ? (uintptr_t)space : 0;
	c->split_space_len = (flags & IPV4_BATCH_SPLIT) != 0 ? space_len : 0;
	__atomic_store_n(&c->offload_state, state, __ATOMIC_RELEASE);
	return 0;
}

int ipv4_packet_conn_batch_offload(const struct ipv4_packet_conn *c)
{
	uint32_t s;
	unsigned flags;

	if (c == NULL || __atomic_load_n(&c->fd, __ATOMIC_RELAXED) < 0) {
		return IPV4_EINVAL;
	}
	s = ipv4__offload_load(c);
	flags = s & OFFLOAD_FLAGS;
	if ((s & OFFLOAD_NO_GSO) != 0) {
		flags &= ~IPV4_BATCH_COALESCE;
	}
	if ((s & OFFLOAD_NO_GRO) != 0) {
		flags &= ~IPV4_BATCH_SPLIT;
	}
	return (int)flags;
}
