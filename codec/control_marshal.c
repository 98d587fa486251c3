/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/control_marshal.c - encoding control messages to send with a datagram.
 *
 * Each format has a table of the messages it can send, in the order they
 * are written; a message is written when flags names any of its flags.
 * Payloads (integers in the format's byte order; addresses in network
 * order):
 *
 *   IP_PKTINFO      | ifindex 4 | spec_dst = src 4 | addr = 0 4 |
 *   IP_SENDSRCADDR  | src 4 |                      (FreeBSD)
 *   IP_TTL, IP_TOS  | int |     (Linux; FreeBSD's IP_TOS is one byte)
 *   UDP_SEGMENT     | u16 |
 *
 * Every message is padded with zeros to the format's alignment, as the
 * CMSG_SPACE of the kernel's headers asks.
 */
#include "ipv4/control.h"

#include <assert.h>
#include <limits.h>
#include <string.h>

#include "codec/cmsg.h"

#define MAX_SEND_DATA 12

typedef void (*cmsg_fill_fn)(uint8_t *data,
			     const struct ipv4_control_message *cm,
			     unsigned flags, bool big);

struct cmsg_sender {
	unsigned flags;
	int32_t level;
	int32_t type;
	size_t data_len;
	cmsg_fill_fn fill;
};

static void fill_pktinfo(uint8_t *data, const struct ipv4_control_message *cm,
			 unsigned flags, bool big)
{
	uint32_t ifindex = 0;

	memset(data, 0, PKTINFO_LEN);
	if ((flags & IPV4_FLAG_INTERFACE) != 0) {
		ifindex = cm->ifindex; /* at most INT_MAX: check_values */
	}
	(void)cmsg_store32(data, ifindex, big);
	if ((flags & IPV4_FLAG_SRC) != 0) {
		memcpy(data + 4, &cm->src.s_addr, 4);
	}
}

static void fill_src(uint8_t *data, const struct ipv4_control_message *cm,
		     unsigned flags, bool big)
{
	(void)flags;
	(void)big;
	memcpy(data, &cm->src.s_addr, 4);
}

static void fill_ttl_int(uint8_t *data, const struct ipv4_control_message *cm,
			 unsigned flags, bool big)
{
	(void)flags;
	(void)cmsg_store32(data, cm->ttl, big);
}

static void fill_tos_int(uint8_t *data, const struct ipv4_control_message *cm,
			 unsigned flags, bool big)
{
	(void)flags;
	(void)cmsg_store32(data, cm->tos, big);
}

static void fill_tos_byte(uint8_t *data, const struct ipv4_control_message *cm,
			  unsigned flags, bool big)
{
	(void)flags;
	(void)big;
	data[0] = cm->tos;
}

static void fill_gso(uint8_t *data, const struct ipv4_control_message *cm,
		     unsigned flags, bool big)
{
	(void)flags;
	(void)cmsg_store16(data, cm->gso_size, big);
}

static const struct cmsg_sender linux_senders[] = {
	{ IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE, CMSG_LEVEL_IP, LINUX_IP_PKTINFO,
	  PKTINFO_LEN, fill_pktinfo },
	{ IPV4_FLAG_TTL, CMSG_LEVEL_IP, LINUX_IP_TTL, 4, fill_ttl_int },
	{ IPV4_FLAG_TOS, CMSG_LEVEL_IP, LINUX_IP_TOS, 4, fill_tos_int },
	{ IPV4_FLAG_GSO, LINUX_SOL_UDP, LINUX_UDP_SEGMENT, 2, fill_gso },
};

static const struct cmsg_sender freebsd_senders[] = {
	{ IPV4_FLAG_SRC, CMSG_LEVEL_IP, FREEBSD_IP_RECVDSTADDR, 4, fill_src },
	{ IPV4_FLAG_TOS, CMSG_LEVEL_IP, FREEBSD_IP_TOS, 1, fill_tos_byte },
};

static const struct cmsg_sender darwin_senders[] = {
	{ IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE, CMSG_LEVEL_IP, DARWIN_IP_PKTINFO,
	  PKTINFO_LEN, fill_pktinfo },
};

struct cmsg_send {
	const struct cmsg_sender *senders;
	size_t num_senders;
};

/* send_of: what format can send, or NULL for an unknown format. */
static const struct cmsg_send *send_of(enum ipv4_cmsg_format format)
{
	static const struct cmsg_send sends[] = {
		[CMSG_KERNEL_LINUX] = {
			linux_senders, CMSG_COUNT(linux_senders),
		},
		[CMSG_KERNEL_FREEBSD] = {
			freebsd_senders, CMSG_COUNT(freebsd_senders),
		},
		[CMSG_KERNEL_DARWIN] = {
			darwin_senders, CMSG_COUNT(darwin_senders),
		},
	};
	const struct cmsg_layout *layout = cmsg_layout_of(format);

	if (layout == NULL) {
		return NULL;
	}
	return &sends[layout->kernel];
}

int ipv4_control_message_marshal_size(unsigned flags,
				      enum ipv4_cmsg_format format)
{
	const struct cmsg_layout *layout = cmsg_layout_of(format);
	const struct cmsg_send *s = send_of(format);
	unsigned sendable = 0;
	size_t size = 0;

	if (layout == NULL || s == NULL) {
		return IPV4_EFORMAT;
	}
	for (size_t i = 0; i < s->num_senders; i++) {
		sendable |= s->senders[i].flags;
		if ((flags & s->senders[i].flags) != 0) {
			size += cmsg_space(layout, s->senders[i].data_len);
		}
	}
	if ((flags & ~sendable) != 0) {
		return IPV4_ECMSGFLAG;
	}
	return (int)size;
}

/* check_values refuses values the kernel would refuse. */
static int check_values(const struct ipv4_control_message *cm, unsigned flags)
{
	if ((flags & IPV4_FLAG_TTL) != 0 && cm->ttl == 0) {
		return IPV4_EINVAL;
	}
	if ((flags & IPV4_FLAG_INTERFACE) != 0 && cm->ifindex > INT_MAX) {
		return IPV4_EIFINDEX;
	}
	return 0;
}

/* write_all writes the messages flags names; the caller checked the room. */
static uint8_t *write_all(uint8_t *p, const struct cmsg_layout *layout,
			  const struct cmsg_send *s,
			  const struct ipv4_control_message *cm, unsigned flags)
{
	uint8_t data[MAX_SEND_DATA];

	for (size_t i = 0; i < s->num_senders; i++) {
		const struct cmsg_sender *snd = &s->senders[i];

		if ((flags & snd->flags) == 0) {
			continue;
		}
		assert(snd->data_len <= sizeof(data));
		snd->fill(data, cm, flags, layout->big_endian);
		p = ipv4__cmsg_put(p, layout, snd->level, snd->type, data,
				   snd->data_len);
	}
	return p;
}

int ipv4_control_message_marshal(const struct ipv4_control_message *cm,
				 unsigned flags, enum ipv4_cmsg_format format,
				 uint8_t *out, size_t out_cap, size_t *out_len)
{
	uint8_t *end;
	int need;
	int rc;

	if (cm == NULL || out_len == NULL || (out == NULL && out_cap > 0)) {
		return IPV4_EINVAL;
	}
	*out_len = 0;
	need = ipv4_control_message_marshal_size(flags, format);
	if (need < 0) {
		return need;
	}
	rc = check_values(cm, flags);
	if (rc < 0) {
		return rc;
	}
	if (out_cap < (size_t)need) {
		*out_len = (size_t)need;
		return IPV4_ENOBUF;
	}
	if (need == 0) {
		return 0;
	}
	end = write_all(out, cmsg_layout_of(format), send_of(format), cm,
			flags);
	assert(end == out + need);
	(void)end;
	*out_len = (size_t)need;
	return 0;
}
