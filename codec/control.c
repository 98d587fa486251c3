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
 * Payload layouts (integers in the format's byte order, from
 * struct cmsg_layout; "be" marks those always in network order):
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
 *   SO_TIMESTAMPNS  | sec long | nsec long |   (long: the word;
 *                                               _NEW: two int64)
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
				const struct cmsg *msg,
				const struct cmsg_layout *l);

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

/*
 * get_small reads a one-byte or int payload whose value fits a byte. The
 * int is in the layout's byte order.
 */
static inline int get_small(struct cursor d, const struct cmsg_layout *l,
			    uint8_t *out)
{
	if (d.len == 4) {
		int64_t v = cmsg_signed32(cmsg_load32(d.data, l->big_endian));

		if (v < 0 || v > UINT8_MAX) {
			return IPV4_ECMSGDATA;
		}
		*out = (uint8_t)v;
		return 1;
	}
	if (d.len == 1) {
		return cursor_get_u8(&d, out);
	}
	return sized(&d, 4);
}

/* found turns a judged result into a decoder's: flag when rc says found. */
static inline int found(int rc, unsigned flag)
{
	return rc > 0 ? (int)flag : rc;
}

/*
 * decode_ttl_linux: Linux sends IP_TTL as an int only. A 1-byte one is
 * what the kernel left of the int when it cut the message: on a
 * little-endian layout that byte is the int's low byte, the TTL, and is
 * read as Go reads it; on a big-endian one it is the high byte, always 0,
 * so the message is skipped like any other cut one.
 */
static inline int decode_ttl_linux(struct ipv4_control_message *m,
				   struct cursor d,
				   const struct cmsg_layout *l)
{
	if (d.len == 1 && l->big_endian) {
		return 0;
	}
	return found(get_small(d, l, &m->ttl), IPV4_FLAG_TTL);
}

/* decode_ttl: the BSDs send IP_RECVTTL as one byte (an int is taken). */
static inline int decode_ttl(struct ipv4_control_message *m, struct cursor d,
			     const struct cmsg_layout *l)
{
	return found(get_small(d, l, &m->ttl), IPV4_FLAG_TTL);
}

static inline int decode_tos(struct ipv4_control_message *m, struct cursor d,
			     const struct cmsg_layout *l)
{
	return found(get_small(d, l, &m->tos), IPV4_FLAG_TOS);
}

static inline int decode_pktinfo(struct ipv4_control_message *m,
				 struct cursor d, const struct cmsg_layout *l)
{
	uint32_t ifindex;
	int rc = sized(&d, PKTINFO_LEN);

	if (rc <= 0) {
		return rc;
	}
	ifindex = cmsg_load32(d.data, l->big_endian);
	if (ifindex > INT_MAX) {
		return IPV4_EIFINDEX;
	}
	m->ifindex = ifindex;
	memcpy(&m->spec_dst.s_addr, d.data + 4, 4);
	memcpy(&m->dst.s_addr, d.data + 8, 4);
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

/*
 * decode_recvif reads the index from a sockaddr_dl of any length:
 * | sdl_len 1 | sdl_family 1 | sdl_index 2 (layout order) | ...
 */
static inline int decode_recvif(struct ipv4_control_message *m,
				struct cursor d, const struct cmsg_layout *l)
{
	if (d.len < SOCKADDR_DL_HEAD_LEN) {
		return 0;
	}
	if (d.data[1] != CMSG_AF_LINK) {
		return IPV4_ECMSGDATA;
	}
	m->ifindex = cmsg_load16(d.data + 2, l->big_endian);
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
					struct cursor d,
					const struct cmsg_layout *l)
{
	int rc = sized(&d, SOCKADDR_IN_LEN);

	if (rc > 0) {
		uint16_t family = cmsg_load16(d.data, l->big_endian);

		(void)cursor_skip(&d, 2);
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
					struct cursor d,
					const struct cmsg_layout *l)
{
	struct ipv4_extended_error *e = &m->error;
	const bool big = l->big_endian;
	uint16_t family;
	uint16_t port = 0;
	int rc = sized(&d, EXTENDED_ERR_LEN + SOCKADDR_IN_LEN);

	if (rc <= 0) {
		return rc;
	}
	memset(e, 0, sizeof(*e));
	e->ee_errno = cmsg_load32(d.data, big);
	e->ee_origin = d.data[4];
	e->ee_type = d.data[5];
	e->ee_code = d.data[6];
	e->ee_pad = d.data[7];
	e->ee_info = cmsg_load32(d.data + 8, big);
	e->ee_data = cmsg_load32(d.data + 12, big);
	family = cmsg_load16(d.data + 16, big);
	(void)cursor_skip(&d, 18);
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
				       struct cursor d,
				       const struct cmsg_layout *l)
{
	int rc = sized(&d, 2 * l->long_size);

	if (rc <= 0) {
		return rc;
	}
	return set_timestamp(m, cmsg_load_long(d.data, l),
			     cmsg_load_long(d.data + l->long_size, l));
}

static inline int decode_timestamp_new(struct ipv4_control_message *m,
				       struct cursor d,
				       const struct cmsg_layout *l)
{
	int rc = sized(&d, 16);

	if (rc <= 0) {
		return rc;
	}
	return set_timestamp(m,
			     cmsg_signed64(cmsg_load64(d.data, l->big_endian)),
			     cmsg_signed64(cmsg_load64(d.data + 8,
						       l->big_endian)));
}

static inline int decode_drops(struct ipv4_control_message *m,
			       struct cursor d, const struct cmsg_layout *l)
{
	int rc = sized(&d, 4);

	if (rc > 0) {
		m->drops = cmsg_load32(d.data, l->big_endian);
	}
	return found(rc, IPV4_FLAG_DROPS);
}

static inline int decode_gro(struct ipv4_control_message *m, struct cursor d,
			     const struct cmsg_layout *l)
{
	int rc = sized(&d, 4);

	if (rc > 0) {
		int64_t v = cmsg_signed32(cmsg_load32(d.data, l->big_endian));

		if (v < 0 || v > UINT16_MAX) {
			return IPV4_ECMSGDATA;
		}
		m->gro_size = (uint16_t)v;
	}
	return found(rc, IPV4_FLAG_GRO);
}

#define PKTINFO_FLAGS IPV4_FLAG_PKTINFO_GROUP

/*
 * The (level, type) pairs each kernel decodes, as one chain of tests per
 * kernel, the kinds most receivers ask for (TTL, then packet info or the
 * destination address) first: the decoders are then direct calls the
 * compiler inlines into the walk. Anything else is skipped (0). They are
 * inline so that each walker below compiles them for its constant layout.
 */
static inline int dispatch_linux(struct ipv4_control_message *m,
				 const struct cmsg *msg,
				 const struct cmsg_layout *l)
{
	if (msg->level == CMSG_LEVEL_IP) {
		if (msg->type == LINUX_IP_TTL) {
			return decode_ttl_linux(m, msg->data, l);
		}
		if (msg->type == LINUX_IP_PKTINFO) {
			return decode_pktinfo(m, msg->data, l);
		}
		if (msg->type == LINUX_IP_TOS) {
			return decode_tos(m, msg->data, l);
		}
		if (msg->type == LINUX_IP_ORIGDSTADDR) {
			return decode_orig_dst_linux(m, msg->data, l);
		}
		if (msg->type == LINUX_IP_RECVERR) {
			return decode_extended_error(m, msg->data, l);
		}
	} else if (msg->level == l->sol_socket) {
		if (msg->type == l->so_timestampns_old) {
			return decode_timestamp_old(m, msg->data, l);
		}
		if (msg->type == l->so_timestampns_new) {
			return decode_timestamp_new(m, msg->data, l);
		}
		if (msg->type == l->so_rxq_ovfl) {
			return decode_drops(m, msg->data, l);
		}
	} else if (msg->level == LINUX_SOL_UDP) {
		if (msg->type == LINUX_UDP_GRO) {
			return decode_gro(m, msg->data, l);
		}
	}
	return 0;
}

static const struct cmsg_room linux_rooms[] = {
	{ IPV4_FLAG_TTL, 4 },
	{ PKTINFO_FLAGS, PKTINFO_LEN },
	{ IPV4_FLAG_TOS, 4 },
	{ IPV4_FLAG_ORIG_DST, SOCKADDR_IN_LEN },
	{ IPV4_FLAG_TIMESTAMP, 16 },
	{ IPV4_FLAG_EXTENDED_ERROR, EXTENDED_ERR_LEN + SOCKADDR_IN_LEN },
	{ IPV4_FLAG_GRO, 4 },
	{ IPV4_FLAG_DROPS, 4 },
};

static inline int dispatch_freebsd(struct ipv4_control_message *m,
				   const struct cmsg *msg,
				   const struct cmsg_layout *l)
{
	if (msg->level != CMSG_LEVEL_IP) {
		return 0;
	}
	if (msg->type == FREEBSD_IP_RECVTTL) {
		return decode_ttl(m, msg->data, l);
	}
	if (msg->type == FREEBSD_IP_RECVDSTADDR) {
		return decode_dstaddr(m, msg->data);
	}
	if (msg->type == FREEBSD_IP_RECVIF) {
		return decode_recvif(m, msg->data, l);
	}
	if (msg->type == FREEBSD_IP_RECVTOS) {
		return decode_tos(m, msg->data, l);
	}
	if (msg->type == FREEBSD_IP_ORIGDSTADDR) {
		return decode_orig_dst_bsd(m, msg->data);
	}
	return 0;
}

static const struct cmsg_room freebsd_rooms[] = {
	{ IPV4_FLAG_TTL, 4 },
	{ IPV4_FLAG_DST, 4 },
	{ IPV4_FLAG_INTERFACE, FREEBSD_SOCKADDR_DL_LEN },
	{ IPV4_FLAG_TOS, 4 },
	{ IPV4_FLAG_ORIG_DST, SOCKADDR_IN_LEN },
};

static inline int dispatch_darwin(struct ipv4_control_message *m,
				  const struct cmsg *msg,
				  const struct cmsg_layout *l)
{
	if (msg->level != CMSG_LEVEL_IP) {
		return 0;
	}
	if (msg->type == DARWIN_IP_RECVTTL) {
		return decode_ttl(m, msg->data, l);
	}
	if (msg->type == DARWIN_IP_PKTINFO) {
		return decode_pktinfo(m, msg->data, l);
	}
	if (msg->type == DARWIN_IP_RECVDSTADDR) {
		return decode_dstaddr(m, msg->data);
	}
	if (msg->type == DARWIN_IP_RECVIF) {
		return decode_recvif(m, msg->data, l);
	}
	if (msg->type == DARWIN_IP_RECVTOS) {
		return decode_tos(m, msg->data, l);
	}
	return 0;
}

static const struct cmsg_room darwin_rooms[] = {
	{ IPV4_FLAG_TTL, 4 },
	{ PKTINFO_FLAGS, PKTINFO_LEN },
	{ IPV4_FLAG_TOS, 4 },
};

/* rooms_of: what a receive buffer holds for a kernel. */
static const struct cmsg_room *rooms_of(enum cmsg_kernel kernel,
					size_t *out_num)
{
	switch (kernel) {
	case CMSG_KERNEL_LINUX:
		*out_num = CMSG_COUNT(linux_rooms);
		return linux_rooms;
	case CMSG_KERNEL_FREEBSD:
		*out_num = CMSG_COUNT(freebsd_rooms);
		return freebsd_rooms;
	case CMSG_KERNEL_DARWIN:
		break;
	}
	*out_num = CMSG_COUNT(darwin_rooms);
	return darwin_rooms;
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
		int got = dispatch(m, &msg, l);

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
 * kernel's dispatch, reached through a table: a call through the table
 * keeps the walkers from being inlined into one function, where the
 * registers the others need would be saved and restored on every call of
 * the one used. WALKER defines the walker of one format.
 */
typedef int (*cmsg_walk_fn)(struct ipv4_control_message *m, struct cursor c);

#define WALKER(name, format, dispatch)                                   \
	static int name(struct ipv4_control_message *m, struct cursor c) \
	{                                                                \
		return finish(m, walk(m, c, cmsg_layout_of(format),      \
				      dispatch));                        \
	}

WALKER(walk_linux, IPV4_CMSG_FORMAT_LINUX, dispatch_linux)
WALKER(walk_freebsd, IPV4_CMSG_FORMAT_FREEBSD, dispatch_freebsd)
WALKER(walk_darwin, IPV4_CMSG_FORMAT_DARWIN, dispatch_darwin)
WALKER(walk_linux_64_le, IPV4_CMSG_FORMAT_LINUX_64_LE, dispatch_linux)
WALKER(walk_linux_64_be, IPV4_CMSG_FORMAT_LINUX_64_BE, dispatch_linux)
WALKER(walk_linux_32_le, IPV4_CMSG_FORMAT_LINUX_32_LE, dispatch_linux)
WALKER(walk_linux_32_be, IPV4_CMSG_FORMAT_LINUX_32_BE, dispatch_linux)
WALKER(walk_freebsd_64_le, IPV4_CMSG_FORMAT_FREEBSD_64_LE, dispatch_freebsd)
WALKER(walk_freebsd_64_be, IPV4_CMSG_FORMAT_FREEBSD_64_BE, dispatch_freebsd)
WALKER(walk_freebsd_32_le, IPV4_CMSG_FORMAT_FREEBSD_32_LE, dispatch_freebsd)
WALKER(walk_freebsd_32_be, IPV4_CMSG_FORMAT_FREEBSD_32_BE, dispatch_freebsd)
WALKER(walk_darwin_le, IPV4_CMSG_FORMAT_DARWIN_LE, dispatch_darwin)
WALKER(walk_darwin_be, IPV4_CMSG_FORMAT_DARWIN_BE, dispatch_darwin)

static const cmsg_walk_fn walkers[] = {
	[IPV4_CMSG_FORMAT_LINUX] = walk_linux,
	[IPV4_CMSG_FORMAT_FREEBSD] = walk_freebsd,
	[IPV4_CMSG_FORMAT_DARWIN] = walk_darwin,
	[IPV4_CMSG_FORMAT_LINUX_64_LE] = walk_linux_64_le,
	[IPV4_CMSG_FORMAT_LINUX_64_BE] = walk_linux_64_be,
	[IPV4_CMSG_FORMAT_LINUX_32_LE] = walk_linux_32_le,
	[IPV4_CMSG_FORMAT_LINUX_32_BE] = walk_linux_32_be,
	[IPV4_CMSG_FORMAT_FREEBSD_64_LE] = walk_freebsd_64_le,
	[IPV4_CMSG_FORMAT_FREEBSD_64_BE] = walk_freebsd_64_be,
	[IPV4_CMSG_FORMAT_FREEBSD_32_LE] = walk_freebsd_32_le,
	[IPV4_CMSG_FORMAT_FREEBSD_32_BE] = walk_freebsd_32_be,
	[IPV4_CMSG_FORMAT_DARWIN_LE] = walk_darwin_le,
	[IPV4_CMSG_FORMAT_DARWIN_BE] = walk_darwin_be,
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
	const struct cmsg_room *rooms;
	size_t size = 0;

	if (layout == NULL) {
		return IPV4_EFORMAT;
	}
	rooms = rooms_of(layout->kernel, &num_rooms);
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
