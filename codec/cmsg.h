/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/cmsg.h - cmsg buffer layouts, the bounds-checked walk and the
 * header writer shared by the control-message parser and encoder (the
 * wire layout is drawn in cmsg.c). The layouts and the walk are inline so
 * that each parser compiles them for a constant layout. Internal to
 * libipv4.
 */
#ifndef IPV4_CODEC_CMSG_H
#define IPV4_CODEC_CMSG_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "codec/cursor.h"
#include "ipv4/control.h"

#if defined(__linux__)
#include <sys/socket.h>
#endif

/* Levels and types, per kernel (see enum ipv4_cmsg_format). */
#define CMSG_LEVEL_IP 0
#define CMSG_AF_INET 2
#define CMSG_AF_LINK 18 /* FreeBSD and Darwin */

#define LINUX_IP_TOS 1
#define LINUX_IP_TTL 2
#define LINUX_IP_PKTINFO 8
#define LINUX_IP_RECVERR 11
#define LINUX_IP_ORIGDSTADDR 20
#define LINUX_SOL_UDP 17
#define LINUX_UDP_SEGMENT 103
#define LINUX_UDP_GRO 104
/* A Linux build takes the socket-level values from the system: they
 * differ on a few architectures (MIPS, SPARC, PA-RISC, Alpha). */
#if defined(__linux__) && defined(SO_RXQ_OVFL) && \
	defined(SO_TIMESTAMPNS_OLD) && defined(SO_TIMESTAMPNS_NEW)
#define LINUX_SOL_SOCKET SOL_SOCKET
#define LINUX_SO_TIMESTAMPNS_OLD SO_TIMESTAMPNS_OLD
#define LINUX_SO_TIMESTAMPNS_NEW SO_TIMESTAMPNS_NEW
#define LINUX_SO_RXQ_OVFL SO_RXQ_OVFL
#else
#define LINUX_SOL_SOCKET 1
#define LINUX_SO_TIMESTAMPNS_OLD 35
#define LINUX_SO_TIMESTAMPNS_NEW 64
#define LINUX_SO_RXQ_OVFL 40
#endif

#define FREEBSD_IP_TOS 3
#define FREEBSD_IP_RECVDSTADDR 7 /* also IP_SENDSRCADDR when sending */
#define FREEBSD_IP_RECVIF 20
#define FREEBSD_IP_ORIGDSTADDR 27
#define FREEBSD_IP_RECVTTL 65
#define FREEBSD_IP_RECVTOS 68
#define FREEBSD_SOCKADDR_DL_LEN 54 /* sizeof(struct sockaddr_dl) */

#define DARWIN_IP_RECVDSTADDR 7
#define DARWIN_IP_RECVIF 20
#define DARWIN_IP_RECVTTL 24
#define DARWIN_IP_PKTINFO 26
#define DARWIN_IP_RECVTOS 27

#define CMSG_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Payload sizes. */
#define PKTINFO_LEN 12   /* struct in_pktinfo: ifindex, spec_dst, addr */
#define SOCKADDR_IN_LEN 16
#define EXTENDED_ERR_LEN 16 /* struct sock_extended_err */
#define SOCKADDR_DL_HEAD_LEN 8 /* sockaddr_dl up to sdl_data */

/*
 * struct cmsg_layout is the shape of a message header: cmsg_len is
 * len_size bytes in host order, then level and type as host-order 32-bit
 * ints; header and payload each start at a multiple of align.
 */
struct cmsg_layout {
	size_t len_size; /* 4 or 8 */
	size_t align;    /* a power of two */
	size_t hdr_len;  /* len_size + 8, rounded up to align */
};

/* struct cmsg is one message: its level, type and a view of its payload. */
struct cmsg {
	int32_t level;
	int32_t type;
	struct cursor data;
};

/*
 * cmsg_layout_of returns the layout of format, or NULL if it is unknown.
 * It is inline, with the layouts in it, so that a parser that passes a
 * constant format compiles its walk for that one layout: the sizes and
 * the alignment become immediates instead of loads and a division.
 */
static inline const struct cmsg_layout *
cmsg_layout_of(enum ipv4_cmsg_format format)
{
	static const struct cmsg_layout linux_layout = {
		sizeof(size_t), sizeof(size_t), sizeof(size_t) + 8,
	};
	static const struct cmsg_layout freebsd_layout = {
		4, sizeof(void *), sizeof(void *) == 8 ? 16 : 12,
	};
	static const struct cmsg_layout darwin_layout = { 4, 4, 12 };

	switch (format) {
	case IPV4_CMSG_FORMAT_LINUX:
		return &linux_layout;
	case IPV4_CMSG_FORMAT_FREEBSD:
		return &freebsd_layout;
	case IPV4_CMSG_FORMAT_DARWIN:
		return &darwin_layout;
	}
	return NULL;
}

/* cmsg_pad_after returns the padding that follows n bytes. */
static inline size_t cmsg_pad_after(const struct cmsg_layout *l, size_t n)
{
	return (l->align - n % l->align) % l->align;
}

/* cmsg_space is CMSG_SPACE: the bytes a message of data_len occupies. */
static inline size_t cmsg_space(const struct cmsg_layout *l, size_t data_len)
{
	return l->hdr_len + data_len + cmsg_pad_after(l, data_len);
}

/*
 * cmsg_get_len reads cmsg_len, a host-order unsigned of l->len_size bytes
 * at p; the caller proved that a whole header is there.
 */
static inline uint64_t cmsg_get_len(const uint8_t *p,
				    const struct cmsg_layout *l)
{
	uint32_t len32;
	uint64_t len64;

	if (l->len_size == 8) {
		memcpy(&len64, p, 8);
		return len64;
	}
	memcpy(&len32, p, 4);
	return len32;
}

/*
 * cmsg_next takes the next message off *c into *out. Returns 1 when it did,
 * 0 when fewer bytes than a header remain (the end: such trailing bytes are
 * ignored), IPV4_ECMSGLEN when cmsg_len is below the header size or past
 * the end of *c. The padding after the message is consumed with it.
 *
 * One check proves the header is there; its three fields are then copied
 * out unchecked. cmsg_len is trusted only after it is checked against the
 * header size and the bytes left, so the payload view lies inside *c.
 */
static inline int cmsg_next(struct cursor *c, const struct cmsg_layout *l,
			    struct cmsg *out)
{
	uint64_t len;
	size_t pad;
	size_t rest;
	size_t space;

	if (c->len < l->hdr_len) {
		return 0;
	}
	len = cmsg_get_len(c->data, l);
	if (len < l->hdr_len || len > c->len) {
		return IPV4_ECMSGLEN;
	}
	out->level = load_ne32s(c->data + l->len_size);
	out->type = load_ne32s(c->data + l->len_size + 4);
	out->data = cursor_make(c->data + l->hdr_len,
				(size_t)len - l->hdr_len);
	/*
	 * The last message may lack its padding: take what there is. The
	 * sum is at most c->len, so it cannot wrap.
	 */
	pad = cmsg_pad_after(l, (size_t)len);
	rest = c->len - (size_t)len;
	space = (size_t)len + (pad < rest ? pad : rest);
	c->data += space;
	c->len -= space;
	return 1;
}

/*
 * ipv4__cmsg_put writes a message header for data_len payload bytes at p, then
 * the payload, then zero padding up to cmsg_space; the caller checked the
 * room. Returns the position after the padding.
 */
uint8_t *ipv4__cmsg_put(uint8_t *p, const struct cmsg_layout *l, int32_t level,
		  int32_t type, const void *data, size_t data_len);

#endif /* IPV4_CODEC_CMSG_H */
