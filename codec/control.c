/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/control.c - decoding received control messages, and sizing the
 * buffer that receives them.
 *
 * Each format has a switch of the (level, type) pairs it decodes
 * (dispatch_linux and the others), read in one pass over the buffer. A payload
 * is judged by its size before a byte of it is read:
 *
 *   size is one the type has        decoded
 *   shorter than the type's largest  skipped: what the kernel leaves of a
 *                                    message it truncated (MSG_CTRUNC)
 *   longer than the type's largest   IPV4_ECMSGDATA
 *
 * Payload layouts (host byte order unless marked "be"):
 *
 *   IP_TTL, IP_TOS, IP_RECVTTL, IP_RECVTOS   u8, or int
 *   IP_PKTINFO      | ifindex 4 | spec_dst 4 | addr 4 |
 *   IP_RECVDSTADDR  | addr 4 |
 *   IP_RECVIF       | len 1 | family 1 | index 2 | type, nlen, alen, slen |
 *                   | name and address ... |
 *   sockaddr_in     | family 2 | port 2 be | addr 4 | zero 8 |   (Linux)
 *                   | len 1 | family 1 | port 2 be | addr 4 | zero 8 | (BSD)
 *   IP_RECVERR      | errno 4 | origin 1 | type 1 | code 1 | pad 1 |
 *                   | info 4 | data 4 | offender sockaddr_in 16 |
 *   SO_TIMESTAMPNS  | sec long | nsec long |   (_NEW: two int64)
 *   SO_RXQ_OVFL     | u32 |
 *   UDP_GRO         | int |
 */
#include "ipv4/control.h"

#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "codec/cmsg.h"

#define NSEC_PER_SEC 1000000000

/*
 * A decoder (decode_*) fills the members of *m that a message's payload d
 * carries and returns the IPV4_FLAG_* bits of what it filled, 0 when it
 * skipped the message (a payload shorter than its type's), or a negative
 * code; the walk gathers the bits into m->flags. A dispatch (dispatch_*)
 * picks the decoder of a message's level and type for one format and
 * returns what it returns, or 0 for a message the format does not decode.
 * The decoders are inline so that each format's walk compiles them into
 * its dispatch: no call per message.
 */
typedef int (*cmsg_dispatch_fn)(struct ipv4_control_message *m,
				const struct cmsg *msg);

/* struct cmsg_room: what a receive buffer holds for a set of flags. */
struct cmsg_room {
	unsigned flags;
	size_t data_len;
};

/*
 * sized judges a payload that has exactly one size n: 1 when it has it,
 * 0 when it is shorter (skip the message), IPV4_ECMSGDATA when longer.
 */
static inline int sized(const struct cursor *d, size_t n)
{
	if (d->len < n) {
		return 0;
	}
	return d->len == n ? 1 : IPV4_ECMSGDATA;
}

/* get_small reads a one-byte or int payload whose value fits a byte. */
static inline int get_small(struct cursor d, uint8_t *out)
{
	int v = 0;

	if (d.len == sizeof(v)) {
		(void)cursor_get_bytes(&d, &v, sizeof(v));
		if (v < 0 || v > UINT8_MAX) {
			return IPV4_ECMSGDATA;
		}
		*out = (uint8_t)v;
		return 1;
	}
	if (d.len == 1) {
		return cursor_get_u8(&d, out);
	}
	return sized(&d, sizeof(v));
}

/* found turns a judged result into a decoder's: flag when rc says found. */
static inline int found(int rc, unsigned flag)
{
	return rc > 0 ? (int)flag : rc;
}

static inline int decode_ttl(struct ipv4_control_message *m, struct cursor d)
{
	return found(get_small(d, &m->ttl), IPV4_FLAG_TTL);
}

static inline int decode_tos(struct ipv4_control_message *m, struct cursor d)
{
	return found(get_small(d, &m->tos), IPV4_FLAG_TOS);
}

static inline int decode_pktinfo(struct ipv4_control_message *m,
				 struct cursor d)
{
	uint32_t ifindex = 0;
	int rc = sized(&d, PKTINFO_LEN);

	if (rc <= 0) {
		return rc;
	}
	(void)cursor_get_bytes(&d, &ifindex, 4);
	if (ifindex > INT_MAX) {
		return IPV4_EIFINDEX;
	}
	m->ifindex = ifindex;
	(void)cursor_get_bytes(&d, &m->spec_dst.s_addr, 4);
	(void)cursor_get_bytes(&d, &m->dst.s_addr, 4);
	return IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | IPV4_FLAG_SPEC_DST;
}

static inline int decode_dstaddr(struct ipv4_control_message *m,
				 struct cursor d)
{
	int rc = sized(&d, 4);

	if (rc > 0) {
		(void)cursor_get_bytes(&d, &m->dst.s_addr, 4);
	}
	return found(rc, IPV4_FLAG_DST);
}

/* decode_recvif reads the index from a sockaddr_dl of any length. */
static inline int decode_recvif(struct ipv4_control_message *m, struct cursor d)
{
	uint8_t family = 0;
	uint16_t index = 0;

	if (d.len < SOCKADDR_DL_HEAD_LEN) {
		return 0;
	}
	(void)cursor_skip(&d, 1);
	(void)cursor_get_u8(&d, &family);
	(void)cursor_get_ne16(&d, &index);
	if (family != CMSG_AF_LINK) {
		return IPV4_ECMSGDATA;
	}
	m->ifindex = index;
	return IPV4_FLAG_INTERFACE;
}

/*
 * get_inet reads the family-checked tail of a sockaddr_in: port and
 * address. The caller read the family; AF_INET is the only one accepted.
 */
static inline int get_inet(struct cursor *d, unsigned family, uint16_t *port,
			   struct in_addr *addr)
{
	if (family != CMSG_AF_INET) {
		return IPV4_ECMSGDATA;
	}
	(void)cursor_get_be16(d, port);
	(void)cursor_get_bytes(d, &addr->s_addr, 4);
	return 1;
}

static inline int decode_orig_dst_linux(struct ipv4_control_message *m,
					struct cursor d)
{
	uint16_t family = 0;
	int rc = sized(&d, SOCKADDR_IN_LEN);

	if (rc > 0) {
		(void)cursor_get_ne16(&d, &family);
		rc = get_inet(&d, family, &m->orig_dst_port, &m->orig_dst);
	}
	return found(rc, IPV4_FLAG_ORIG_DST);
}

static inline int decode_orig_dst_bsd(struct ipv4_control_message *m,
				      struct cursor d)
{
	uint8_t family = 0;
	int rc = sized(&d, SOCKADDR_IN_LEN);

	if (rc > 0) {
		(void)cursor_skip(&d, 1); /* sin_len */
		(void)cursor_get_u8(&d, &family);
		rc = get_inet(&d, family, &m->orig_dst_port, &m->orig_dst);
	}
	return found(rc, IPV4_FLAG_ORIG_DST);
}

static inline int decode_extended_error(struct ipv4_control_message *m,
					struct cursor d)
{
	struct ipv4_extended_error *e = &m->error;
	uint16_t family = 0;
	uint16_t port = 0;
	int rc = sized(&d, EXTENDED_ERR_LEN + SOCKADDR_IN_LEN);

	if (rc <= 0) {
		return rc;
	}
	memset(e, 0, sizeof(*e));
	(void)cursor_get_bytes(&d, &e->ee_errno, 4);
	(void)cursor_get_u8(&d, &e->ee_origin);
	(void)cursor_get_u8(&d, &e->ee_type);
	(void)cursor_get_u8(&d, &e->ee_code);
	(void)cursor_get_u8(&d, &e->ee_pad);
	(void)cursor_get_bytes(&d, &e->ee_info, 4);
	(void)cursor_get_bytes(&d, &e->ee_data, 4);
	(void)cursor_get_ne16(&d, &family);
	if (family != 0) {
		rc = get_inet(&d, family, &port, &e->offender);
		e->has_offender = rc > 0;
	}
	return found(rc, IPV4_FLAG_EXTENDED_ERROR);
}

static inline int set_timestamp(struct ipv4_control_message *m, int64_t sec,
				int64_t nsec)
{
	if (nsec < 0 || nsec >= NSEC_PER_SEC) {
		return IPV4_ECMSGDATA;
	}
	m->timestamp.sec = sec;
	m->timestamp.nsec = (uint32_t)nsec;
	return IPV4_FLAG_TIMESTAMP;
}

/* SO_TIMESTAMPNS_OLD: a struct timespec of two longs on Linux. */
static inline int decode_timestamp_old(struct ipv4_control_message *m,
				       struct cursor d)
{
	long sec = 0;
	long nsec = 0;
	int rc = sized(&d, 2 * sizeof(long));

	if (rc <= 0) {
		return rc;
	}
	(void)cursor_get_bytes(&d, &sec, sizeof(sec));
	(void)cursor_get_bytes(&d, &nsec, sizeof(nsec));
	return set_timestamp(m, sec, nsec);
}

static inline int decode_timestamp_new(struct ipv4_control_message *m,
				       struct cursor d)
{
	int64_t sec = 0;
	int64_t nsec = 0;
	int rc = sized(&d, 16);

	if (rc <= 0) {
		return rc;
	}
	(void)cursor_get_bytes(&d, &sec, 8);
	(void)cursor_get_bytes(&d, &nsec, 8);
	return set_timestamp(m, sec, nsec);
}

static inline int decode_drops(struct ipv4_control_message *m, struct cursor d)
{
	int rc = sized(&d, 4);

	if (rc > 0) {
		(void)cursor_get_bytes(&d, &m->drops, 4);
	}
	return found(rc, IPV4_FLAG_DROPS);
}

static inline int decode_gro(struct ipv4_control_message *m, struct cursor d)
{
	int v = 0;
	int rc = sized(&d, sizeof(v));

	if (rc > 0) {
		(void)cursor_get_bytes(&d, &v, sizeof(v));
		if (v < 0 || v > UINT16_MAX) {
			return IPV4_ECMSGDATA;
		}
		m->gro_size = (uint16_t)v;
	}
	return found(rc, IPV4_FLAG_GRO);
}

#define PKTINFO_FLAGS IPV4_FLAG_PKTINFO_GROUP

/*
 * The (level, type) pairs each format decodes, as one chain of tests per
 * format, the kinds most receivers ask for (TTL, then packet info or the
 * destination address) first: the decoders are then direct calls the
 * compiler inlines into the walk. Anything else is skipped (0).
 */
static int dispatch_linux(struct ipv4_control_message *m,
			  const struct cmsg *msg)
{
	if (msg->level == CMSG_LEVEL_IP) {
		if (msg->type == LINUX_IP_TTL) {
			return decode_ttl(m, msg->data);
		}
		if (msg->type == LINUX_IP_PKTINFO) {
			return decode_pktinfo(m, msg->data);
		}
		if (msg->type == LINUX_IP_TOS) {
			return decode_tos(m, msg->data);
		}
		if (msg->type == LINUX_IP_ORIGDSTADDR) {
			return decode_orig_dst_linux(m, msg->data);
		}
		if (msg->type == LINUX_IP_RECVERR) {
			return decode_extended_error(m, msg->data);
		}
	} else if (msg->level == LINUX_SOL_SOCKET) {
		if (msg->type == LINUX_SO_TIMESTAMPNS_OLD) {
			return decode_timestamp_old(m, msg->data);
		}
		if (msg->type == LINUX_SO_TIMESTAMPNS_NEW) {
			return decode_timestamp_new(m, msg->data);
		}
		if (msg->type == LINUX_SO_RXQ_OVFL) {
			return decode_drops(m, msg->data);
		}
	} else if (msg->level == LINUX_SOL_UDP) {
		if (msg->type == LINUX_UDP_GRO) {
			return decode_gro(m, msg->data);
		}
	}
	return 0;
}

static const struct cmsg_room linux_rooms[] = {
	{ IPV4_FLAG_TTL, sizeof(int) },
	{ PKTINFO_FLAGS, PKTINFO_LEN },
	{ IPV4_FLAG_TOS, sizeof(int) },
	{ IPV4_FLAG_ORIG_DST, SOCKADDR_IN_LEN },
	{ IPV4_FLAG_TIMESTAMP, 16 },
	{ IPV4_FLAG_EXTENDED_ERROR, EXTENDED_ERR_LEN + SOCKADDR_IN_LEN },
	{ IPV4_FLAG_GRO, sizeof(int) },
	{ IPV4_FLAG_DROPS, 4 },
};

static int dispatch_freebsd(struct ipv4_control_message *m,
			    const struct cmsg *msg)
{
	if (msg->level != CMSG_LEVEL_IP) {
		return 0;
	}
	if (msg->type == FREEBSD_IP_RECVTTL) {
		return decode_ttl(m, msg->data);
	}
	if (msg->type == FREEBSD_IP_RECVDSTADDR) {
		return decode_dstaddr(m, msg->data);
	}
	if (msg->type == FREEBSD_IP_RECVIF) {
		return decode_recvif(m, msg->data);
	}
	if (msg->type == FREEBSD_IP_RECVTOS) {
		return decode_tos(m, msg->data);
	}
	if (msg->type == FREEBSD_IP_ORIGDSTADDR) {
		return decode_orig_dst_bsd(m, msg->data);
	}
	return 0;
}

static const struct cmsg_room freebsd_rooms[] = {
	{ IPV4_FLAG_TTL, sizeof(int) },
	{ IPV4_FLAG_DST, 4 },
	{ IPV4_FLAG_INTERFACE, FREEBSD_SOCKADDR_DL_LEN },
	{ IPV4_FLAG_TOS, sizeof(int) },
	{ IPV4_FLAG_ORIG_DST, SOCKADDR_IN_LEN },
};

static int dispatch_darwin(struct ipv4_control_message *m,
			   const struct cmsg *msg)
{
	if (msg->level != CMSG_LEVEL_IP) {
		return 0;
	}
	if (msg->type == DARWIN_IP_RECVTTL) {
		return decode_ttl(m, msg->data);
	}
	if (msg->type == DARWIN_IP_PKTINFO) {
		return decode_pktinfo(m, msg->data);
	}
	if (msg->type == DARWIN_IP_RECVDSTADDR) {
		return decode_dstaddr(m, msg->data);
	}
	if (msg->type == DARWIN_IP_RECVIF) {
		return decode_recvif(m, msg->data);
	}
	if (msg->type == DARWIN_IP_RECVTOS) {
		return decode_tos(m, msg->data);
	}
	return 0;
}

static const struct cmsg_room darwin_rooms[] = {
	{ IPV4_FLAG_TTL, sizeof(int) },
	{ PKTINFO_FLAGS, PKTINFO_LEN },
	{ IPV4_FLAG_TOS, sizeof(int) },
};

/* rooms_of: what a receive buffer holds in format, or NULL if unknown. */
static const struct cmsg_room *rooms_of(enum ipv4_cmsg_format format,
					size_t *out_num)
{
	switch (format) {
	case IPV4_CMSG_FORMAT_LINUX:
		*out_num = CMSG_COUNT(linux_rooms);
		return linux_rooms;
	case IPV4_CMSG_FORMAT_FREEBSD:
		*out_num = CMSG_COUNT(freebsd_rooms);
		return freebsd_rooms;
	case IPV4_CMSG_FORMAT_DARWIN:
		*out_num = CMSG_COUNT(darwin_rooms);
		return darwin_rooms;
	}
	*out_num = 0;
	return NULL;
}

/* check_rest walks the rest of c for its framing only. */
static inline int check_rest(struct cursor c, const struct cmsg_layout *l)
{
	struct cmsg msg;
	int rc;

	do {
		rc = cmsg_next(&c, l, &msg);
	} while (rc > 0);
	return rc;
}

/*
 * walk decodes every message in c into *m, in one pass. Go checks every
 * cmsg_len before it decodes any payload, so that a bad cmsg_len anywhere
 * wins over a bad payload before it. The walk keeps that precedence
 * without a first pass over the framing: at the first payload error it
 * stops decoding and checks the framing of the rest, whose error, if
 * any, is returned instead. On an error *m is half filled: the caller
 * zeroes it.
 *
 * It is inline so that each call below, with a constant layout and
 * dispatch, compiles to a walk of its own format.
 */
static inline int walk(struct ipv4_control_message *m, struct cursor c,
		       const struct cmsg_layout *l, cmsg_dispatch_fn dispatch)
{
	struct cmsg msg;
	unsigned flags = 0;
	int rc;

	while ((rc = cmsg_next(&c, l, &msg)) > 0) {
		int got = dispatch(m, &msg);

		if (got < 0) {
			rc = check_rest(c, l);
			return rc < 0 ? rc : got;
		}
		flags |= (unsigned)got;
	}
	m->flags = flags;
	return rc;
}

/*
 * clear zeroes *m in two memsets split at a member: GCC compiles a single
 * memset of the whole (88 bytes on x86-64) to `rep stosq`, whose start-up
 * costs more than the rest of a typical parse, and each part to a few
 * vector stores.
 */
static void clear(struct ipv4_control_message *m)
{
	const size_t split = offsetof(struct ipv4_control_message, timestamp);

	memset(m, 0, split);
	memset(&m->timestamp, 0, sizeof(*m) - split);
}

/* finish clears *m when rc is an error, and passes rc on. */
static int finish(struct ipv4_control_message *m, int rc)
{
	if (rc < 0) {
		clear(m);
	}
	return rc;
}

/*
 * One walker per format, each a walk compiled for its layout and its
 * dispatch, reached through a table: a call through the table keeps the
 * three from being inlined into one function, where the registers the
 * others need would be saved and restored on every call of the one used.
 */
typedef int (*cmsg_walk_fn)(struct ipv4_control_message *m, struct cursor c);

static int walk_linux(struct ipv4_control_message *m, struct cursor c)
{
	return finish(m, walk(m, c, cmsg_layout_of(IPV4_CMSG_FORMAT_LINUX),
			      dispatch_linux));
}

static int walk_freebsd(struct ipv4_control_message *m, struct cursor c)
{
	return finish(m, walk(m, c, cmsg_layout_of(IPV4_CMSG_FORMAT_FREEBSD),
			      dispatch_freebsd));
}

static int walk_darwin(struct ipv4_control_message *m, struct cursor c)
{
	return finish(m, walk(m, c, cmsg_layout_of(IPV4_CMSG_FORMAT_DARWIN),
			      dispatch_darwin));
}

static const cmsg_walk_fn walkers[] = {
	[IPV4_CMSG_FORMAT_LINUX] = walk_linux,
	[IPV4_CMSG_FORMAT_FREEBSD] = walk_freebsd,
	[IPV4_CMSG_FORMAT_DARWIN] = walk_darwin,
};

int ipv4_control_message_parse(struct ipv4_control_message *out,
			       const uint8_t *buf, size_t len,
			       enum ipv4_cmsg_format format)
{
	if (out == NULL) {
		return IPV4_EINVAL;
	}
	clear(out);
	if (buf == NULL && len > 0) {
		return IPV4_EINVAL;
	}
	if ((unsigned)format >= CMSG_COUNT(walkers)) {
		return IPV4_EFORMAT;
	}
	return walkers[format](out, cursor_make(buf, len));
}

int ipv4_control_message_recv_space(unsigned flags, enum ipv4_cmsg_format format)
{
	const struct cmsg_layout *layout = cmsg_layout_of(format);
	size_t num_rooms;
	const struct cmsg_room *rooms = rooms_of(format, &num_rooms);
	size_t size = 0;

	if (layout == NULL || rooms == NULL) {
		return IPV4_EFORMAT;
	}
	if ((flags & ~IPV4_FLAG_ALL) != 0) {
		return IPV4_ECMSGFLAG;
	}
	for (size_t i = 0; i < num_rooms; i++) {
		if ((flags & rooms[i].flags) != 0) {
			size += cmsg_space(layout, rooms[i].data_len);
		}
	}
	return (int)size;
}
