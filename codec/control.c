/*
 * codec/control.c - decoding received control messages, and sizing the
 * buffer that receives them.
 *
 * Each format has a table of the (level, type) pairs it decodes. A payload
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
#include <string.h>

#include "codec/cmsg.h"

#define NSEC_PER_SEC 1000000000

typedef int (*cmsg_decode_fn)(struct ipv4_control_message *m,
			      struct cursor d);

struct cmsg_decoder {
	int32_t level;
	int32_t type;
	cmsg_decode_fn decode;
};

/* struct cmsg_room: what a receive buffer holds for a set of flags. */
struct cmsg_room {
	unsigned flags;
	size_t data_len;
};

/*
 * sized judges a payload that has exactly one size n: 1 when it has it,
 * 0 when it is shorter (skip the message), IPV4_ECMSGDATA when longer.
 */
static int sized(const struct cursor *d, size_t n)
{
	if (d->len < n) {
		return 0;
	}
	return d->len == n ? 1 : IPV4_ECMSGDATA;
}

/* get_small reads a one-byte or int payload whose value fits a byte. */
static int get_small(struct cursor d, uint8_t *out)
{
	int v = 0;
	int rc;

	if (d.len == 1) {
		return cursor_get_u8(&d, out);
	}
	rc = sized(&d, sizeof(v));
	if (rc <= 0) {
		return rc;
	}
	(void)cursor_get_bytes(&d, &v, sizeof(v));
	if (v < 0 || v > UINT8_MAX) {
		return IPV4_ECMSGDATA;
	}
	*out = (uint8_t)v;
	return 1;
}

/* found turns a judged result into a decoder's, setting flag on success. */
static int found(struct ipv4_control_message *m, int rc, unsigned flag)
{
	if (rc > 0) {
		m->flags |= flag;
	}
	return rc < 0 ? rc : 0;
}

static int decode_ttl(struct ipv4_control_message *m, struct cursor d)
{
	return found(m, get_small(d, &m->ttl), IPV4_FLAG_TTL);
}

static int decode_tos(struct ipv4_control_message *m, struct cursor d)
{
	return found(m, get_small(d, &m->tos), IPV4_FLAG_TOS);
}

static int decode_pktinfo(struct ipv4_control_message *m, struct cursor d)
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
	m->ifindex = (int)ifindex;
	(void)cursor_get_bytes(&d, &m->spec_dst.s_addr, 4);
	(void)cursor_get_bytes(&d, &m->dst.s_addr, 4);
	m->flags |= IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | IPV4_FLAG_SPEC_DST;
	return 0;
}

static int decode_dstaddr(struct ipv4_control_message *m, struct cursor d)
{
	int rc = sized(&d, 4);

	if (rc > 0) {
		(void)cursor_get_bytes(&d, &m->dst.s_addr, 4);
	}
	return found(m, rc, IPV4_FLAG_DST);
}

/* decode_recvif reads the index from a sockaddr_dl of any length. */
static int decode_recvif(struct ipv4_control_message *m, struct cursor d)
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
	m->flags |= IPV4_FLAG_INTERFACE;
	return 0;
}

/*
 * get_inet reads the family-checked tail of a sockaddr_in: port and
 * address. The caller read the family; AF_INET is the only one accepted.
 */
static int get_inet(struct cursor *d, unsigned family, uint16_t *port,
		    struct in_addr *addr)
{
	if (family != CMSG_AF_INET) {
		return IPV4_ECMSGDATA;
	}
	(void)cursor_get_be16(d, port);
	(void)cursor_get_bytes(d, &addr->s_addr, 4);
	return 1;
}

static int decode_orig_dst_linux(struct ipv4_control_message *m,
				 struct cursor d)
{
	uint16_t family = 0;
	int rc = sized(&d, SOCKADDR_IN_LEN);

	if (rc > 0) {
		(void)cursor_get_ne16(&d, &family);
		rc = get_inet(&d, family, &m->orig_dst_port, &m->orig_dst);
	}
	return found(m, rc, IPV4_FLAG_ORIG_DST);
}

static int decode_orig_dst_bsd(struct ipv4_control_message *m,
			       struct cursor d)
{
	uint8_t family = 0;
	int rc = sized(&d, SOCKADDR_IN_LEN);

	if (rc > 0) {
		(void)cursor_skip(&d, 1); /* sin_len */
		(void)cursor_get_u8(&d, &family);
		rc = get_inet(&d, family, &m->orig_dst_port, &m->orig_dst);
	}
	return found(m, rc, IPV4_FLAG_ORIG_DST);
}

static int decode_extended_error(struct ipv4_control_message *m,
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
	return found(m, rc, IPV4_FLAG_EXTENDED_ERROR);
}

static int set_timestamp(struct ipv4_control_message *m, int64_t sec,
			 int64_t nsec)
{
	if (nsec < 0 || nsec >= NSEC_PER_SEC) {
		return IPV4_ECMSGDATA;
	}
	m->timestamp.sec = sec;
	m->timestamp.nsec = (uint32_t)nsec;
	m->flags |= IPV4_FLAG_TIMESTAMP;
	return 0;
}

/* SO_TIMESTAMPNS_OLD: a struct timespec of two longs on Linux. */
static int decode_timestamp_old(struct ipv4_control_message *m,
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

static int decode_timestamp_new(struct ipv4_control_message *m,
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

static int decode_drops(struct ipv4_control_message *m, struct cursor d)
{
	int rc = sized(&d, 4);

	if (rc > 0) {
		(void)cursor_get_bytes(&d, &m->drops, 4);
	}
	return found(m, rc, IPV4_FLAG_DROPS);
}

static int decode_gro(struct ipv4_control_message *m, struct cursor d)
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
	return found(m, rc, IPV4_FLAG_GRO);
}

#define PKTINFO_FLAGS IPV4_FLAG_PKTINFO_GROUP

static const struct cmsg_decoder linux_decoders[] = {
	{ CMSG_LEVEL_IP, LINUX_IP_TTL, decode_ttl },
	{ CMSG_LEVEL_IP, LINUX_IP_TOS, decode_tos },
	{ CMSG_LEVEL_IP, LINUX_IP_PKTINFO, decode_pktinfo },
	{ CMSG_LEVEL_IP, LINUX_IP_ORIGDSTADDR, decode_orig_dst_linux },
	{ CMSG_LEVEL_IP, LINUX_IP_RECVERR, decode_extended_error },
	{ LINUX_SOL_SOCKET, LINUX_SO_TIMESTAMPNS_OLD, decode_timestamp_old },
	{ LINUX_SOL_SOCKET, LINUX_SO_TIMESTAMPNS_NEW, decode_timestamp_new },
	{ LINUX_SOL_SOCKET, LINUX_SO_RXQ_OVFL, decode_drops },
	{ LINUX_SOL_UDP, LINUX_UDP_GRO, decode_gro },
};

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

static const struct cmsg_decoder freebsd_decoders[] = {
	{ CMSG_LEVEL_IP, FREEBSD_IP_RECVTTL, decode_ttl },
	{ CMSG_LEVEL_IP, FREEBSD_IP_RECVTOS, decode_tos },
	{ CMSG_LEVEL_IP, FREEBSD_IP_RECVDSTADDR, decode_dstaddr },
	{ CMSG_LEVEL_IP, FREEBSD_IP_RECVIF, decode_recvif },
	{ CMSG_LEVEL_IP, FREEBSD_IP_ORIGDSTADDR, decode_orig_dst_bsd },
};

static const struct cmsg_room freebsd_rooms[] = {
	{ IPV4_FLAG_TTL, sizeof(int) },
	{ IPV4_FLAG_DST, 4 },
	{ IPV4_FLAG_INTERFACE, FREEBSD_SOCKADDR_DL_LEN },
	{ IPV4_FLAG_TOS, sizeof(int) },
	{ IPV4_FLAG_ORIG_DST, SOCKADDR_IN_LEN },
};

static const struct cmsg_decoder darwin_decoders[] = {
	{ CMSG_LEVEL_IP, DARWIN_IP_RECVTTL, decode_ttl },
	{ CMSG_LEVEL_IP, DARWIN_IP_RECVTOS, decode_tos },
	{ CMSG_LEVEL_IP, DARWIN_IP_RECVDSTADDR, decode_dstaddr },
	{ CMSG_LEVEL_IP, DARWIN_IP_RECVIF, decode_recvif },
	{ CMSG_LEVEL_IP, DARWIN_IP_PKTINFO, decode_pktinfo },
};

static const struct cmsg_room darwin_rooms[] = {
	{ IPV4_FLAG_TTL, sizeof(int) },
	{ PKTINFO_FLAGS, PKTINFO_LEN },
	{ IPV4_FLAG_TOS, sizeof(int) },
};

struct cmsg_receive {
	const struct cmsg_decoder *decoders;
	size_t num_decoders;
	const struct cmsg_room *rooms;
	size_t num_rooms;
};

static const struct cmsg_receive *receive_of(enum ipv4_cmsg_format format)
{
	static const struct cmsg_receive receives[] = {
		[IPV4_CMSG_FORMAT_LINUX] = {
			linux_decoders, CMSG_COUNT(linux_decoders),
			linux_rooms, CMSG_COUNT(linux_rooms),
		},
		[IPV4_CMSG_FORMAT_FREEBSD] = {
			freebsd_decoders, CMSG_COUNT(freebsd_decoders),
			freebsd_rooms, CMSG_COUNT(freebsd_rooms),
		},
		[IPV4_CMSG_FORMAT_DARWIN] = {
			darwin_decoders, CMSG_COUNT(darwin_decoders),
			darwin_rooms, CMSG_COUNT(darwin_rooms),
		},
	};

	if (cmsg_layout_of(format) == NULL) {
		return NULL;
	}
	return &receives[format];
}

static int decode(struct ipv4_control_message *m,
		  const struct cmsg_receive *r, const struct cmsg *msg)
{
	for (size_t i = 0; i < r->num_decoders; i++) {
		const struct cmsg_decoder *dec = &r->decoders[i];

		if (dec->level == msg->level && dec->type == msg->type) {
			return dec->decode(m, msg->data);
		}
	}
	return 0;
}

/*
 * check_framing walks every message header before any payload is decoded,
 * as Go does, so that a bad cmsg_len anywhere wins over a bad payload
 * before it.
 */
static int check_framing(const uint8_t *buf, size_t len,
			 const struct cmsg_layout *layout)
{
	struct cursor c = cursor_make(buf, len);
	struct cmsg msg;
	int rc;

	do {
		rc = cmsg_next(&c, layout, &msg);
	} while (rc > 0);
	return rc;
}

int ipv4_control_message_parse(struct ipv4_control_message *out,
			       const uint8_t *buf, size_t len,
			       enum ipv4_cmsg_format format)
{
	const struct cmsg_layout *layout = cmsg_layout_of(format);
	const struct cmsg_receive *r = receive_of(format);
	struct ipv4_control_message m;
	struct cmsg msg;
	struct cursor c;
	int rc;

	if (out == NULL) {
		return IPV4_EINVAL;
	}
	memset(out, 0, sizeof(*out));
	if (buf == NULL && len > 0) {
		return IPV4_EINVAL;
	}
	if (layout == NULL || r == NULL) {
		return IPV4_EFORMAT;
	}
	rc = check_framing(buf, len, layout);
	if (rc < 0) {
		return rc;
	}
	memset(&m, 0, sizeof(m));
	c = cursor_make(buf, len);
	while (cmsg_next(&c, layout, &msg) > 0) {
		rc = decode(&m, r, &msg);
		if (rc < 0) {
			return rc;
		}
	}
	*out = m;
	return 0;
}

int ipv4_control_message_size(unsigned flags, enum ipv4_cmsg_format format)
{
	const struct cmsg_layout *layout = cmsg_layout_of(format);
	const struct cmsg_receive *r = receive_of(format);
	size_t size = 0;

	if (layout == NULL || r == NULL) {
		return IPV4_EFORMAT;
	}
	if ((flags & ~IPV4_FLAG_ALL) != 0) {
		return IPV4_ECMSGFLAG;
	}
	for (size_t i = 0; i < r->num_rooms; i++) {
		if ((flags & r->rooms[i].flags) != 0) {
			size += cmsg_space(layout, r->rooms[i].data_len);
		}
	}
	return (int)size;
}
