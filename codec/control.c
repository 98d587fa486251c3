/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/control.c - decoding received control messages, and sizing the
 * buffer that receives them.
 *
 * Each kernel has a chain of tests of the (level, type) pairs it decodes
 * (dispatch_linux and the others), read in one pass over the buffer. A payload
 * is judged by its size:
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
 * picks the decoder of a message's level and type for one kernel and
 * returns what it returns, or 0 for a message the kernel does not send.
 */

/* struct cmsg_room: what a receive buffer holds for a set of flags. */
struct cmsg_room {
	unsigned flags;
	size_t data_len;
};

/*
 * too_long judges a payload against the size of its type, n: longer is
 * IPV4_ECMSGDATA. A decoder judges this before it reads; then a read that
 * fails means a payload shorter than its type's, what the kernel leaves
 * of a message it cut (MSG_CTRUNC), and the decoder skips it (0).
 */
static bool too_long(const struct cursor *d, size_t n)
{
	return d->len > n;
}

/*
 * get_small reads a one-byte or int payload whose value fits a byte. The
 * int is in the layout's byte order.
 */
static int get_small(struct cursor d, const struct cmsg_layout *l, uint8_t *out)
{
	int32_t v;

	if (d.len == 1) {
		return cursor_get_u8(&d, out);
	}
	if (too_long(&d, 4)) {
		return IPV4_ECMSGDATA;
	}
	if (!cmsg_get_s32(&d, l, &v)) {
		return 0;
	}
	if (v < 0 || v > UINT8_MAX) {
		return IPV4_ECMSGDATA;
	}
	*out = (uint8_t)v;
	return 1;
}

/* found turns a judged result into a decoder's: flag when rc says found. */
static int found(int rc, unsigned flag)
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
static int decode_ttl_linux(struct ipv4_control_message *m, struct cursor d,
			    const struct cmsg_layout *l)
{
	if (d.len == 1 && l->big_endian) {
		return 0;
	}
	return found(get_small(d, l, &m->ttl), IPV4_FLAG_TTL);
}

/* decode_ttl: the BSDs send IP_RECVTTL as one byte (an int is taken). */
static int decode_ttl(struct ipv4_control_message *m, struct cursor d,
		      const struct cmsg_layout *l)
{
	return found(get_small(d, l, &m->ttl), IPV4_FLAG_TTL);
}

static int decode_tos(struct ipv4_control_message *m, struct cursor d,
		      const struct cmsg_layout *l)
{
	return found(get_small(d, l, &m->tos), IPV4_FLAG_TOS);
}

static int decode_pktinfo(struct ipv4_control_message *m, struct cursor d,
			  const struct cmsg_layout *l)
{
	uint32_t ifindex;
	struct in_addr spec_dst;
	struct in_addr dst;

	if (too_long(&d, PKTINFO_LEN)) {
		return IPV4_ECMSGDATA;
	}
	if (!cmsg_get32(&d, l, &ifindex) ||
	    !cursor_get_bytes(&d, &spec_dst.s_addr, 4) ||
	    !cursor_get_bytes(&d, &dst.s_addr, 4)) {
		return 0;
	}
	if (ifindex > INT_MAX) {
		return IPV4_EIFINDEX;
	}
	m->ifindex = ifindex;
	m->spec_dst = spec_dst;
	m->dst = dst;
	return IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | IPV4_FLAG_SPEC_DST;
}

static int decode_dstaddr(struct ipv4_control_message *m, struct cursor d)
{
	struct in_addr dst;

	if (too_long(&d, 4)) {
		return IPV4_ECMSGDATA;
	}
	if (!cursor_get_bytes(&d, &dst.s_addr, 4)) {
		return 0;
	}
	m->dst = dst;
	return IPV4_FLAG_DST;
}

/*
 * decode_recvif reads the index from a sockaddr_dl of any length:
 * | sdl_len 1 | sdl_family 1 | sdl_index 2 (layout order) | 4 more | ...
 */
static int decode_recvif(struct ipv4_control_message *m, struct cursor d,
			 const struct cmsg_layout *l)
{
	uint8_t family;
	uint16_t index;

	if (!cursor_skip(&d, 1) || !cursor_get_u8(&d, &family) ||
	    !cmsg_get16(&d, l, &index) ||
	    !cursor_skip(&d, SOCKADDR_DL_HEAD_LEN - 4)) {
		return 0;
	}
	if (family != CMSG_AF_LINK) {
		return IPV4_ECMSGDATA;
	}
	m->ifindex = index;
	return IPV4_FLAG_INTERFACE;
}

/*
 * get_inet reads the rest of a sockaddr_in after its family: port,
 * address and the 8 bytes of zero. Returns 0 when they are not all there.
 */
static int get_inet(struct cursor *d, uint16_t *out_port,
		    struct in_addr *out_addr)
{
	return cursor_get_be16(d, out_port) &&
	       cursor_get_bytes(d, &out_addr->s_addr, 4) && cursor_skip(d, 8);
}

/* set_orig_dst keeps an original destination of family AF_INET. */
static int set_orig_dst(struct ipv4_control_message *m, unsigned family,
			uint16_t port, struct in_addr addr)
{
	if (family != CMSG_AF_INET) {
		return IPV4_ECMSGDATA;
	}
	m->orig_dst_port = port;
	m->orig_dst = addr;
	return IPV4_FLAG_ORIG_DST;
}

static int decode_orig_dst_linux(struct ipv4_control_message *m,
				 struct cursor d, const struct cmsg_layout *l)
{
	uint16_t family;
	uint16_t port;
	struct in_addr addr;

	if (too_long(&d, SOCKADDR_IN_LEN)) {
		return IPV4_ECMSGDATA;
	}
	if (!cmsg_get16(&d, l, &family) || !get_inet(&d, &port, &addr)) {
		return 0;
	}
	return set_orig_dst(m, family, port, addr);
}

static int decode_orig_dst_bsd(struct ipv4_control_message *m, struct cursor d)
{
	uint8_t family;
	uint16_t port;
	struct in_addr addr;

	if (too_long(&d, SOCKADDR_IN_LEN)) {
		return IPV4_ECMSGDATA;
	}
	if (!cursor_skip(&d, 1) /* sin_len */ || !cursor_get_u8(&d, &family) ||
	    !get_inet(&d, &port, &addr)) {
		return 0;
	}
	return set_orig_dst(m, family, port, addr);
}

/* get_extended_error reads a struct sock_extended_err into *e. */
static int get_extended_error(struct cursor *d, const struct cmsg_layout *l,
			      struct ipv4_extended_error *e)
{
	return cmsg_get32(d, l, &e->ee_errno) &&
	       cursor_get_u8(d, &e->ee_origin) &&
	       cursor_get_u8(d, &e->ee_type) && cursor_get_u8(d, &e->ee_code) &&
	       cursor_get_u8(d, &e->ee_pad) && cmsg_get32(d, l, &e->ee_info) &&
	       cmsg_get32(d, l, &e->ee_data);
}

static int decode_extended_error(struct ipv4_control_message *m,
				 struct cursor d, const struct cmsg_layout *l)
{
	struct ipv4_extended_error e = { 0 };
	uint16_t family;
	uint16_t port;

	if (too_long(&d, EXTENDED_ERR_LEN + SOCKADDR_IN_LEN)) {
		return IPV4_ECMSGDATA;
	}
	if (!get_extended_error(&d, l, &e) || !cmsg_get16(&d, l, &family) ||
	    !get_inet(&d, &port, &e.offender)) {
		return 0;
	}
	if (family != 0) {
		if (family != CMSG_AF_INET) {
			return IPV4_ECMSGDATA;
		}
		e.has_offender = true;
	} else {
		e.offender.s_addr = 0;
	}
	m->error = e;
	return IPV4_FLAG_EXTENDED_ERROR;
}

static int set_timestamp(struct ipv4_control_message *m, int64_t sec,
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
static int decode_timestamp_old(struct ipv4_control_message *m, struct cursor d,
				const struct cmsg_layout *l)
{
	int64_t sec;
	int64_t nsec;

	if (too_long(&d, 2 * l->long_size)) {
		return IPV4_ECMSGDATA;
	}
	if (!cmsg_get_long(&d, l, &sec) || !cmsg_get_long(&d, l, &nsec)) {
		return 0;
	}
	return set_timestamp(m, sec, nsec);
}

static int decode_timestamp_new(struct ipv4_control_message *m, struct cursor d,
				const struct cmsg_layout *l)
{
	int64_t sec;
	int64_t nsec;

	if (too_long(&d, 16)) {
		return IPV4_ECMSGDATA;
	}
	if (!cmsg_get_s64(&d, l, &sec) || !cmsg_get_s64(&d, l, &nsec)) {
		return 0;
	}
	return set_timestamp(m, sec, nsec);
}

static int decode_drops(struct ipv4_control_message *m, struct cursor d,
			const struct cmsg_layout *l)
{
	uint32_t drops;

	if (too_long(&d, 4)) {
		return IPV4_ECMSGDATA;
	}
	if (!cmsg_get32(&d, l, &drops)) {
		return 0;
	}
	m->drops = drops;
	return IPV4_FLAG_DROPS;
}

static int decode_gro(struct ipv4_control_message *m, struct cursor d,
		      const struct cmsg_layout *l)
{
	int32_t v;

	if (too_long(&d, 4)) {
		return IPV4_ECMSGDATA;
	}
	if (!cmsg_get_s32(&d, l, &v)) {
		return 0;
	}
	if (v < 0 || v > UINT16_MAX) {
		return IPV4_ECMSGDATA;
	}
	m->gro_size = (uint16_t)v;
	return IPV4_FLAG_GRO;
}

#define PKTINFO_FLAGS IPV4_FLAG_PKTINFO_GROUP

/*
 * The (level, type) pairs each kernel decodes, as one chain of tests per
 * kernel, the kinds most receivers ask for (TTL, then packet info or the
 * destination address) first. Anything else is skipped (0).
 */
static int dispatch_linux(struct ipv4_control_message *m,
			  const struct cmsg *msg, const struct cmsg_layout *l)
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

static int dispatch_freebsd(struct ipv4_control_message *m,
			    const struct cmsg *msg, const struct cmsg_layout *l)
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

static int dispatch_darwin(struct ipv4_control_message *m,
			   const struct cmsg *msg, const struct cmsg_layout *l)
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

/* dispatch decodes one message as the layout's kernel does. */
static int dispatch(struct ipv4_control_message *m, const struct cmsg *msg,
		    const struct cmsg_layout *l)
{
	switch (l->kernel) {
	case CMSG_KERNEL_LINUX:
		return dispatch_linux(m, msg, l);
	case CMSG_KERNEL_FREEBSD:
		return dispatch_freebsd(m, msg, l);
	case CMSG_KERNEL_DARWIN:
		break;
	}
	return dispatch_darwin(m, msg, l);
}

/*
 * walk decodes every message in c into *m, in one pass. Go checks every
 * cmsg_len before it decodes any payload, so that a bad cmsg_len anywhere
 * wins over a bad payload before it. The walk keeps that precedence
 * without a first pass over the framing: after the first payload error it
 * decodes nothing more but walks on to the end, and returns the framing
 * error it meets, if any, instead. On an error *m is half filled: the
 * caller zeroes it.
 */
static int walk(struct ipv4_control_message *m, struct cursor c,
		const struct cmsg_layout *l)
{
	struct cmsg msg;
	unsigned flags = 0;
	int bad = 0;
	int rc;

	while ((rc = cmsg_next(&c, l, &msg)) > 0) {
		int got = bad < 0 ? 0 : dispatch(m, &msg, l);

		if (got < 0) {
			bad = got;
		}
		flags |= got > 0 ? (unsigned)got : 0;
	}
	if (rc < 0 || bad < 0) {
		return rc < 0 ? rc : bad;
	}
	m->flags = flags;
	return 0;
}

/*
 * clear zeroes *m in two memsets split at a member: GCC compiles one
 * memset of the whole (104 bytes on x86-64) to `rep stosq`, whose start-up
 * costs more than the rest of a typical parse. Measured with
 * bench/compare on control_parse (bench/README.md, "Hot-path tricks"):
 * one memset takes 1.26x to 1.35x the time of the split (medians of 41
 * paired rounds, two runs) and 314 instructions against 286.
 */
static void clear(struct ipv4_control_message *m)
{
	const size_t split = offsetof(struct ipv4_control_message, timestamp);

	memset(m, 0, split);
	memset(&m->timestamp, 0, sizeof(*m) - split);
}

int ipv4_control_message_parse(struct ipv4_control_message *out,
			       const uint8_t *buf, size_t len,
			       enum ipv4_cmsg_format format)
{
	const struct cmsg_layout *layout = cmsg_layout_of(format);
	int rc;

	if (out == NULL) {
		return IPV4_EINVAL;
	}
	clear(out);
	if (buf == NULL && len > 0) {
		return IPV4_EINVAL;
	}
	if (layout == NULL) {
		return IPV4_EFORMAT;
	}
	rc = walk(out, cursor_make(buf, len), layout);
	if (rc < 0) {
		clear(out);
	}
	return rc;
}

int ipv4_control_message_recv_space(unsigned flags,
				    enum ipv4_cmsg_format format)
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
