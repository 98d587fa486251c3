/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/control_model.h - the control-message layouts of control.h, written
 * out again for the control harnesses to check the codec against.
 *
 * Everything here comes from the documentation (include/ipv4/control.h,
 * conformance/PROBE.md and conformance/DIVERGENCES.md rows C1 to C7), not
 * from codec/: the framing of each format, and what each known (level,
 * type) decodes to. cm_model_parse is a second, independent parser; the
 * harnesses compare the codec's answers with it.
 */
#ifndef IPV4_FUZZ_CONTROL_MODEL_H
#define IPV4_FUZZ_CONTROL_MODEL_H

#include <limits.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "ipv4/control.h"

/* This machine's byte order, told independently of codec/cmsg.h. */
#define CMSG_MODEL_HOST_BIG (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)

/* The shape of a message header (enum ipv4_cmsg_format). */
struct cm_layout {
	size_t len_size; /* bytes of cmsg_len, host order */
	size_t align;	 /* header and payload start at multiples of this */
	size_t hdr_len;	 /* len_size + level + type, rounded up to align */
};

static inline size_t cm_round(size_t n, size_t align)
{
	return (n + align - 1) / align * align;
}

/* cm_layout_of returns the layout of a format, or 0 for no format. */
static inline int cm_layout_of(unsigned format, struct cm_layout *l)
{
	switch (format) {
	case IPV4_CMSG_FORMAT_LINUX:
		l->len_size = sizeof(size_t);
		l->align = sizeof(size_t);
		break;
	case IPV4_CMSG_FORMAT_FREEBSD:
		l->len_size = 4;
		l->align = sizeof(void *);
		break;
	case IPV4_CMSG_FORMAT_DARWIN:
		l->len_size = 4;
		l->align = 4;
		break;
	default:
		return 0;
	}
	l->hdr_len = cm_round(l->len_size + 8, l->align);
	return 1;
}

/* cm_space is CMSG_SPACE: header, payload and padding. */
static inline size_t cm_space(const struct cm_layout *l, size_t data_len)
{
	return l->hdr_len + cm_round(data_len, l->align);
}

/* One message as the framing walk sees it. */
struct cm_msg {
	int32_t level;
	int32_t type;
	const uint8_t *data;
	size_t data_len;
};

/*
 * cm_frame takes the message at *pos: 1 with *out set and *pos past its
 * padding, 0 when fewer bytes than a header remain, IPV4_ECMSGLEN when
 * cmsg_len is below the header or past the end.
 */
static inline int cm_frame(const struct cm_layout *l, const uint8_t *buf,
			   size_t len, size_t *pos, struct cm_msg *out)
{
	size_t left = len - *pos;
	const uint8_t *p = buf + *pos;
	uint64_t cmsg_len = 0;
	uint32_t len32 = 0;

	if (left < l->hdr_len) {
		return 0;
	}
	if (l->len_size == 8) {
		memcpy(&cmsg_len, p, 8);
	} else {
		memcpy(&len32, p, 4);
		cmsg_len = len32;
	}
	memcpy(&out->level, p + l->len_size, 4);
	memcpy(&out->type, p + l->len_size + 4, 4);
	if (cmsg_len < l->hdr_len || cmsg_len > left) {
		return IPV4_ECMSGLEN;
	}
	out->data = p + l->hdr_len;
	out->data_len = (size_t)cmsg_len - l->hdr_len;
	if (cm_round((size_t)cmsg_len, l->align) >= left) {
		*pos = len;
	} else {
		*pos += cm_round((size_t)cmsg_len, l->align);
	}
	return 1;
}

/* ---- payloads ---- */

/* cm_fixed judges a payload with one size: 1 decode, 0 skip, or a code. */
static inline int cm_fixed(size_t n, size_t size)
{
	if (n < size) {
		return 0; /* what the kernel leaves of a cut message */
	}
	return n == size ? 1 : IPV4_ECMSGDATA;
}

/* cm_small: TTL and TOS, one byte or an int 0..255 (rows C2 to C4, C7). */
static inline int cm_small(const struct cm_msg *c, uint8_t *out)
{
	int v;
	int rc;

	if (c->data_len == 1) {
		*out = c->data[0];
		return 1;
	}
	rc = cm_fixed(c->data_len, sizeof(int));
	if (rc <= 0) {
		return rc;
	}
	memcpy(&v, c->data, sizeof(v));
	if (v < 0 || v > 255) {
		return IPV4_ECMSGDATA;
	}
	*out = (uint8_t)v;
	return 1;
}

static inline uint16_t cm_host16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return v;
}

static inline int cm_pktinfo(struct ipv4_control_message *m,
			     const struct cm_msg *c)
{
	uint32_t ifindex;
	int rc = cm_fixed(c->data_len, 12);

	if (rc <= 0) {
		return rc;
	}
	memcpy(&ifindex, c->data, 4);
	if (ifindex > INT_MAX) {
		return IPV4_EIFINDEX;
	}
	m->ifindex = ifindex;
	memcpy(&m->spec_dst.s_addr, c->data + 4, 4);
	memcpy(&m->dst.s_addr, c->data + 8, 4);
	m->flags |= IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | IPV4_FLAG_SPEC_DST;
	return 1;
}

/* cm_sockaddr_in reads a 16-byte sockaddr_in; bsd: sin_len first. */
static inline int cm_sockaddr_in(const uint8_t *p, int bsd, uint16_t *port,
				 struct in_addr *addr)
{
	unsigned family = bsd ? p[1] : cm_host16(p);

	if (family != 2) {
		return IPV4_ECMSGDATA;
	}
	*port = (uint16_t)(p[2] << 8 | p[3]);
	memcpy(&addr->s_addr, p + 4, 4);
	return 1;
}

static inline int cm_orig_dst(struct ipv4_control_message *m,
			      const struct cm_msg *c, int bsd)
{
	int rc = cm_fixed(c->data_len, 16);

	if (rc <= 0) {
		return rc;
	}
	rc = cm_sockaddr_in(c->data, bsd, &m->orig_dst_port, &m->orig_dst);
	if (rc > 0) {
		m->flags |= IPV4_FLAG_ORIG_DST;
	}
	return rc;
}

static inline int cm_recverr(struct ipv4_control_message *m,
			     const struct cm_msg *c)
{
	struct ipv4_extended_error e;
	const uint8_t *p = c->data;
	uint16_t port;
	int rc = cm_fixed(c->data_len, 32);

	if (rc <= 0) {
		return rc;
	}
	memset(&e, 0, sizeof(e));
	memcpy(&e.ee_errno, p, 4);
	e.ee_origin = p[4];
	e.ee_type = p[5];
	e.ee_code = p[6];
	e.ee_pad = p[7];
	memcpy(&e.ee_info, p + 8, 4);
	memcpy(&e.ee_data, p + 12, 4);
	if (cm_host16(p + 16) != 0) {
		rc = cm_sockaddr_in(p + 16, 0, &port, &e.offender);
		if (rc < 0) {
			return rc;
		}
		e.has_offender = true;
	}
	m->error = e;
	m->flags |= IPV4_FLAG_EXTENDED_ERROR;
	return 1;
}

/* cm_timestamp: SO_TIMESTAMPNS, two 8-byte integers on 64-bit Linux. */
static inline int cm_timestamp(struct ipv4_control_message *m,
			       const struct cm_msg *c, size_t word)
{
	int64_t sec = 0;
	int64_t nsec = 0;
	int rc = cm_fixed(c->data_len, 2 * word);

	if (rc <= 0) {
		return rc;
	}
	if (word == 8) {
		memcpy(&sec, c->data, 8);
		memcpy(&nsec, c->data + 8, 8);
	} else {
		int32_t s32;
		int32_t n32;

		memcpy(&s32, c->data, 4);
		memcpy(&n32, c->data + 4, 4);
		sec = s32;
		nsec = n32;
	}
	if (nsec < 0 || nsec > 999999999) {
		return IPV4_ECMSGDATA;
	}
	m->timestamp.sec = sec;
	m->timestamp.nsec = (uint32_t)nsec;
	m->flags |= IPV4_FLAG_TIMESTAMP;
	return 1;
}

static inline int cm_u32(const struct cm_msg *c, uint32_t *out)
{
	int rc = cm_fixed(c->data_len, 4);

	if (rc > 0) {
		memcpy(out, c->data, 4);
	}
	return rc;
}

static inline int cm_gro(struct ipv4_control_message *m, const struct cm_msg *c)
{
	int v;
	int rc = cm_fixed(c->data_len, sizeof(int));

	if (rc <= 0) {
		return rc;
	}
	memcpy(&v, c->data, sizeof(v));
	if (v < 0 || v > 65535) {
		return IPV4_ECMSGDATA;
	}
	m->gro_size = (uint16_t)v;
	m->flags |= IPV4_FLAG_GRO;
	return 1;
}

/* cm_recvif: a sockaddr_dl of any length from its 8-byte head on. */
static inline int cm_recvif(struct ipv4_control_message *m,
			    const struct cm_msg *c)
{
	if (c->data_len < 8) {
		return 0;
	}
	if (c->data[1] != 18) { /* AF_LINK */
		return IPV4_ECMSGDATA;
	}
	m->ifindex = cm_host16(c->data + 2);
	m->flags |= IPV4_FLAG_INTERFACE;
	return 1;
}

static inline int cm_dstaddr(struct ipv4_control_message *m,
			     const struct cm_msg *c)
{
	int rc = cm_fixed(c->data_len, 4);

	if (rc > 0) {
		memcpy(&m->dst.s_addr, c->data, 4);
		m->flags |= IPV4_FLAG_DST;
	}
	return rc;
}

/* cm_set applies a judged small value: the flag is set only if decoded. */
static inline int cm_set(struct ipv4_control_message *m, int rc, unsigned flag)
{
	if (rc > 0) {
		m->flags |= flag;
	}
	return rc;
}

static inline int cm_decode_linux(struct ipv4_control_message *m,
				  const struct cm_msg *c)
{
	if (c->level == 0) {
		switch (c->type) {
		case 1:
			return cm_set(m, cm_small(c, &m->tos), IPV4_FLAG_TOS);
		case 2:
			/*
			 * Row C2: Linux sends an int, so one byte is what a
			 * cut left; on a big-endian host it is the int's zero
			 * high byte, not the TTL, and is skipped.
			 */
			if (c->data_len == 1 && CMSG_MODEL_HOST_BIG) {
				return 0;
			}
			return cm_set(m, cm_small(c, &m->ttl), IPV4_FLAG_TTL);
		case 8:
			return cm_pktinfo(m, c);
		case 11:
			return cm_recverr(m, c);
		case 20:
			return cm_orig_dst(m, c, 0);
		default:
			return 0;
		}
	}
	if (c->level == 1) {
		switch (c->type) {
		case 35:
			return cm_timestamp(m, c, sizeof(long));
		case 64:
			return cm_timestamp(m, c, 8);
		case 40:
			return cm_set(m, cm_u32(c, &m->drops), IPV4_FLAG_DROPS);
		default:
			return 0;
		}
	}
	if (c->level == 17 && c->type == 104) {
		return cm_gro(m, c);
	}
	return 0;
}

static inline int cm_decode_freebsd(struct ipv4_control_message *m,
				    const struct cm_msg *c)
{
	if (c->level != 0) {
		return 0;
	}
	switch (c->type) {
	case 65:
		return cm_set(m, cm_small(c, &m->ttl), IPV4_FLAG_TTL);
	case 68:
		return cm_set(m, cm_small(c, &m->tos), IPV4_FLAG_TOS);
	case 7:
		return cm_dstaddr(m, c);
	case 20:
		return cm_recvif(m, c);
	case 27:
		return cm_orig_dst(m, c, 1);
	default:
		return 0;
	}
}

static inline int cm_decode_darwin(struct ipv4_control_message *m,
				   const struct cm_msg *c)
{
	if (c->level != 0) {
		return 0;
	}
	switch (c->type) {
	case 24:
		return cm_set(m, cm_small(c, &m->ttl), IPV4_FLAG_TTL);
	case 27:
		return cm_set(m, cm_small(c, &m->tos), IPV4_FLAG_TOS);
	case 7:
		return cm_dstaddr(m, c);
	case 20:
		return cm_recvif(m, c);
	case 26:
		return cm_pktinfo(m, c);
	default:
		return 0;
	}
}

/*
 * cm_model_parse parses buf as the documentation says: every header is
 * checked first, then the messages are decoded in order, a later one
 * overwriting what an earlier one of the same kind set. Returns 0 with *m
 * filled, or the code the codec must give.
 */
static inline int cm_model_parse(struct ipv4_control_message *m,
				 const uint8_t *buf, size_t len,
				 unsigned format)
{
	struct cm_layout l;
	struct cm_msg c;
	size_t pos = 0;
	int rc;

	memset(m, 0, sizeof(*m));
	if (!cm_layout_of(format, &l)) {
		return IPV4_EFORMAT;
	}
	while ((rc = cm_frame(&l, buf, len, &pos, &c)) > 0) {
	}
	if (rc < 0) {
		return rc;
	}
	pos = 0;
	while (cm_frame(&l, buf, len, &pos, &c) > 0) {
		if (format == IPV4_CMSG_FORMAT_LINUX) {
			rc = cm_decode_linux(m, &c);
		} else if (format == IPV4_CMSG_FORMAT_FREEBSD) {
			rc = cm_decode_freebsd(m, &c);
		} else {
			rc = cm_decode_darwin(m, &c);
		}
		if (rc < 0) {
			memset(m, 0, sizeof(*m));
			return rc;
		}
	}
	return 0;
}

/* cm_same compares two messages member by member. */
static inline int cm_same(const struct ipv4_control_message *a,
			  const struct ipv4_control_message *b)
{
	const struct ipv4_extended_error *x = &a->error;
	const struct ipv4_extended_error *y = &b->error;

	return a->flags == b->flags && a->ttl == b->ttl && a->tos == b->tos &&
	       a->src.s_addr == b->src.s_addr &&
	       a->dst.s_addr == b->dst.s_addr && a->ifindex == b->ifindex &&
	       a->spec_dst.s_addr == b->spec_dst.s_addr &&
	       a->orig_dst.s_addr == b->orig_dst.s_addr &&
	       a->orig_dst_port == b->orig_dst_port &&
	       a->timestamp.sec == b->timestamp.sec &&
	       a->timestamp.nsec == b->timestamp.nsec &&
	       x->ee_errno == y->ee_errno && x->ee_origin == y->ee_origin &&
	       x->ee_type == y->ee_type && x->ee_code == y->ee_code &&
	       x->ee_pad == y->ee_pad && x->ee_info == y->ee_info &&
	       x->ee_data == y->ee_data && x->has_offender == y->has_offender &&
	       x->offender.s_addr == y->offender.s_addr &&
	       a->gro_size == b->gro_size && a->gso_size == b->gso_size &&
	       a->drops == b->drops && a->truncated == b->truncated;
}

#endif /* IPV4_FUZZ_CONTROL_MODEL_H */
