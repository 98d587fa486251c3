/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/control_roundtrip.c - ipv4_control_message_marshal, read back with
 * ipv4_control_message_parse, and the buffer sizes of both directions.
 *
 * Input: a format byte (its value mod 4: Linux, FreeBSD,
 * Darwin, or 3 for one past the last format), two bytes of
 * flags (13 bits: one past IPV4_FLAG_ALL), then ttl, tos, src, ifindex and
 * gso_size. Checked:
 *   - marshal and marshal_size give the code control.h and DIVERGENCES.md
 *     (rows C8 to C10) give: ECMSGFLAG for a flag the format cannot send,
 *     EINVAL for a TTL of 0, EIFINDEX for a negative interface; a short
 *     buffer is ENOBUF with the size and left untouched; a failure reports
 *     nothing written;
 *   - the bytes are exactly the messages control.h lists, in its order,
 *     each header and payload laid out and zero-padded as the format says
 *     (built again here);
 *   - parsing them back in the same format gives what a receiver of those
 *     messages would see (IP_PKTINFO comes back as dst, interface and
 *     spec_dst; FreeBSD's IP_SENDSRCADDR as dst; the rest is skipped);
 *   - ipv4_control_message_recv_space: 0 for no flags, additive over flags that
 *     do not share a message, one IP_PKTINFO for all four address flags
 *     where the format has it, Go's sizes for Go's flags on Linux, and
 *     ECMSGFLAG / EFORMAT for bad arguments.
 */
#include <string.h>

#include "fuzz/control_model.h"

#define SENTINEL 0x5a
#define PKTINFO_FLAGS                                          \
	(IPV4_FLAG_SRC | IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | \
	 IPV4_FLAG_SPEC_DST)

/* sendable lists the flags a format can send (control.h, row C9). */
static unsigned sendable(unsigned format)
{
	switch (format) {
	case IPV4_CMSG_FORMAT_LINUX:
		return IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE | IPV4_FLAG_TTL |
		       IPV4_FLAG_TOS | IPV4_FLAG_GSO;
	case IPV4_CMSG_FORMAT_FREEBSD:
		return IPV4_FLAG_SRC | IPV4_FLAG_TOS;
	default:
		return IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE;
	}
}

/* put writes one message: header, payload, zero padding. */
static uint8_t *put(uint8_t *p, const struct cm_layout *l, int32_t level,
		    int32_t type, const void *data, size_t n)
{
	uint64_t len = l->hdr_len + n;
	uint32_t len32 = (uint32_t)len;

	memset(p, 0, cm_space(l, n));
	if (l->len_size == 8) {
		memcpy(p, &len, 8);
	} else {
		memcpy(p, &len32, 4);
	}
	memcpy(p + l->len_size, &level, 4);
	memcpy(p + l->len_size + 4, &type, 4);
	memcpy(p + l->hdr_len, data, n);
	return p + cm_space(l, n);
}

/* expected_bytes writes what marshal must write; returns its length. */
static size_t expected_bytes(const struct ipv4_control_message *cm,
			     unsigned flags, unsigned format,
			     const struct cm_layout *l, uint8_t *out)
{
	uint8_t *p = out;
	uint8_t pktinfo[12] = { 0 };
	int32_t ifindex = (flags & IPV4_FLAG_INTERFACE) ? (int32_t)cm->ifindex
							: 0;
	int ttl = cm->ttl;
	int tos = cm->tos;
	int32_t pktinfo_type = format == IPV4_CMSG_FORMAT_LINUX ? 8 : 26;

	memcpy(pktinfo, &ifindex, 4);
	if (flags & IPV4_FLAG_SRC) {
		memcpy(pktinfo + 4, &cm->src.s_addr, 4);
	}
	if (format == IPV4_CMSG_FORMAT_FREEBSD) {
		if (flags & IPV4_FLAG_SRC) {
			p = put(p, l, 0, 7, &cm->src.s_addr, 4);
		}
		if (flags & IPV4_FLAG_TOS) {
			p = put(p, l, 0, 3, &cm->tos, 1);
		}
		return (size_t)(p - out);
	}
	if (flags & (IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE)) {
		p = put(p, l, 0, pktinfo_type, pktinfo, 12);
	}
	if (format == IPV4_CMSG_FORMAT_LINUX) {
		if (flags & IPV4_FLAG_TTL) {
			p = put(p, l, 0, 2, &ttl, sizeof(ttl));
		}
		if (flags & IPV4_FLAG_TOS) {
			p = put(p, l, 0, 1, &tos, sizeof(tos));
		}
		if (flags & IPV4_FLAG_GSO) {
			p = put(p, l, 17, 103, &cm->gso_size, 2);
		}
	}
	return (size_t)(p - out);
}

/* received is what a receiver parses from the marshalled messages. */
static void received(const struct ipv4_control_message *cm, unsigned flags,
		     unsigned format, struct ipv4_control_message *out)
{
	memset(out, 0, sizeof(*out));
	if (format == IPV4_CMSG_FORMAT_FREEBSD) {
		if (flags & IPV4_FLAG_SRC) {
			out->flags |= IPV4_FLAG_DST; /* IP_RECVDSTADDR is 7 */
			out->dst = cm->src;
		}
		return;
	}
	if (flags & (IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE)) {
		out->flags |= IPV4_FLAG_DST | IPV4_FLAG_INTERFACE |
			      IPV4_FLAG_SPEC_DST;
		out->ifindex = (flags & IPV4_FLAG_INTERFACE) ? cm->ifindex : 0;
		if (flags & IPV4_FLAG_SRC) {
			out->spec_dst = cm->src;
		}
	}
	if (format == IPV4_CMSG_FORMAT_LINUX) {
		out->flags |= flags & (IPV4_FLAG_TTL | IPV4_FLAG_TOS);
		out->ttl = (flags & IPV4_FLAG_TTL) ? cm->ttl : 0;
		out->tos = (flags & IPV4_FLAG_TOS) ? cm->tos : 0;
	}
}

static int marshal_expected(const struct ipv4_control_message *cm,
			    unsigned flags, unsigned format)
{
	struct cm_layout l;

	if (!cm_layout_of(format, &l)) {
		return IPV4_EFORMAT;
	}
	if (flags & ~sendable(format)) {
		return IPV4_ECMSGFLAG;
	}
	if ((flags & IPV4_FLAG_TTL) && cm->ttl == 0) {
		return IPV4_EINVAL;
	}
	if ((flags & IPV4_FLAG_INTERFACE) && cm->ifindex > INT_MAX) {
		return IPV4_EIFINDEX;
	}
	return 0;
}

static void check_marshal(const struct ipv4_control_message *cm, unsigned flags,
			  unsigned format)
{
	uint8_t want[256];
	uint8_t out[256];
	struct cm_layout l;
	struct ipv4_control_message back;
	struct ipv4_control_message expect;
	enum ipv4_cmsg_format f = (enum ipv4_cmsg_format)format;
	int rc = marshal_expected(cm, flags, format);
	size_t need = 0;
	size_t n = 12345;

	fuzz_check_code(rc);
	if (rc == 0 || rc == IPV4_EINVAL || rc == IPV4_EIFINDEX) {
		FUZZ_CHECK(cm_layout_of(format, &l));
		need = expected_bytes(cm, flags, format, &l, want);
		FUZZ_CHECK(ipv4_control_message_marshal_size(flags, f) ==
			   (int)need);
	} else {
		FUZZ_CHECK(ipv4_control_message_marshal_size(flags, f) == rc);
	}
	memset(out, SENTINEL, sizeof(out));
	if (rc == 0 && need > 0) {
		FUZZ_CHECK(ipv4_control_message_marshal(cm, flags, f, out,
							need - 1,
							&n) == IPV4_ENOBUF);
		FUZZ_CHECK(n == need);
		FUZZ_CHECK(out[0] == SENTINEL && out[need - 1] == SENTINEL);
	}
	FUZZ_CHECK(ipv4_control_message_marshal(cm, flags, f, out, sizeof(out),
						&n) == rc);
	if (rc != 0) {
		FUZZ_CHECK(n == 0 && out[0] == SENTINEL);
		return;
	}
	FUZZ_CHECK(n == need && memcmp(out, want, n) == 0);
	FUZZ_CHECK(ipv4_control_message_marshal(cm, flags, f, NULL, 0, &n) ==
		   (need > 0 ? IPV4_ENOBUF : 0));
	FUZZ_CHECK(n == need);
	FUZZ_CHECK(ipv4_control_message_parse(&back, out, n, f) == 0);
	received(cm, flags, format, &expect);
	FUZZ_CHECK(cm_same(&back, &expect));
}

/* size_of_groups adds the receive sizes of flags, group by group. */
static int size_of_groups(unsigned flags, enum ipv4_cmsg_format f)
{
	int total = ipv4_control_message_recv_space(flags & PKTINFO_FLAGS, f);

	for (unsigned bit = 1; bit <= IPV4_FLAG_ALL; bit <<= 1) {
		if ((bit & PKTINFO_FLAGS) == 0 && (flags & bit) != 0) {
			total += ipv4_control_message_recv_space(bit, f);
		}
	}
	return total;
}

static void check_size(unsigned flags, unsigned format)
{
	enum ipv4_cmsg_format f = (enum ipv4_cmsg_format)format;
	struct cm_layout l;
	int size = ipv4_control_message_recv_space(flags, f);

	if (!cm_layout_of(format, &l)) {
		FUZZ_CHECK(size == IPV4_EFORMAT);
		return;
	}
	if (flags & ~IPV4_FLAG_ALL) {
		FUZZ_CHECK(size == IPV4_ECMSGFLAG);
		return;
	}
	FUZZ_CHECK(size >= 0 && (size_t)size % l.align == 0);
	FUZZ_CHECK(size == size_of_groups(flags, f));
	if (format != IPV4_CMSG_FORMAT_FREEBSD && (flags & PKTINFO_FLAGS)) {
		FUZZ_CHECK(
			ipv4_control_message_recv_space(flags & PKTINFO_FLAGS,
							f) ==
			(int)cm_space(&l, 12));
	}
	FUZZ_CHECK(ipv4_control_message_recv_space(0, f) == 0);
	if (format == IPV4_CMSG_FORMAT_LINUX) {
		/* Go's NewControlMessage: CMSG_SPACE(4) and CMSG_SPACE(12). */
		FUZZ_CHECK(ipv4_control_message_recv_space(IPV4_FLAG_TTL, f) ==
			   (int)cm_space(&l, 4));
		FUZZ_CHECK(ipv4_control_message_recv_space(
				   IPV4_FLAG_TTL | IPV4_FLAG_DST, f) ==
			   (int)(cm_space(&l, 4) + cm_space(&l, 12)));
	}
}

static void check_bad_arguments(const struct ipv4_control_message *cm)
{
	uint8_t out[8];
	size_t n = 0;

	FUZZ_CHECK(ipv4_control_message_marshal(NULL, 0, IPV4_CMSG_FORMAT_LINUX,
						out, sizeof(out),
						&n) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_control_message_marshal(cm, 0, IPV4_CMSG_FORMAT_LINUX,
						out, sizeof(out),
						NULL) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_control_message_marshal(cm, 0, IPV4_CMSG_FORMAT_LINUX,
						NULL, 1, &n) == IPV4_EINVAL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	struct ipv4_control_message cm;
	unsigned format = fuzz_u8(&in) % 4;
	unsigned flags = fuzz_u16(&in) & 0x1fffu;

	if (format == 3) { /* no format: one past the last */
		format = IPV4_CMSG_FORMAT_DARWIN_BE + 1;
	}

	memset(&cm, 0, sizeof(cm));
	cm.ttl = fuzz_u8(&in);
	cm.tos = fuzz_u8(&in);
	cm.src = fuzz_addr(&in);
	cm.ifindex = fuzz_u32(&in);
	cm.gso_size = fuzz_u16(&in);
	cm.dst = fuzz_addr(&in);  /* never sent: must not matter */
	cm.flags = fuzz_u16(&in); /* not consulted by marshal */
	check_marshal(&cm, flags, format);
	check_size(flags, format);
	check_bad_arguments(&cm);
	return 0;
}
