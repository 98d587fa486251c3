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

#include <stdbool.h>
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
/* The values of asm-generic (x86, ARM, s390, PowerPC, RISC-V, ...): the
 * named Linux formats use these. */
#define LINUX_GENERIC_SOL_SOCKET 1
#define LINUX_GENERIC_SO_TIMESTAMPNS_OLD 35
#define LINUX_GENERIC_SO_TIMESTAMPNS_NEW 64
#define LINUX_GENERIC_SO_RXQ_OVFL 40

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
 * The byte order of the machine the library is compiled for: the native
 * formats (IPV4_CMSG_FORMAT_LINUX, _FREEBSD, _DARWIN) use it.
 */
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
	__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define CMSG_HOST_BIG true
#elif defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CMSG_HOST_BIG false
#else
#error "libipv4: cannot tell this machine's byte order (__BYTE_ORDER__)"
#endif

/* The kernel a format is the layout of. */
enum cmsg_kernel {
	CMSG_KERNEL_LINUX,
	CMSG_KERNEL_FREEBSD,
	CMSG_KERNEL_DARWIN,
};

/*
 * struct cmsg_layout is everything a format fixes: the kernel (which
 * levels and types mean what), the shape of a message header (cmsg_len is
 * len_size bytes, then level and type as 32-bit ints; header and payload
 * each start at a multiple of align), the byte order of the header and of
 * every integer payload (addresses and ports stay in network order), the
 * size of a C long (Linux's SO_TIMESTAMPNS_OLD is two of them), and the
 * Linux socket-level values (the system's for the native Linux format,
 * asm-generic's for the named ones).
 */
struct cmsg_layout {
	enum cmsg_kernel kernel;
	bool big_endian;
	size_t len_size;  /* 4 or 8 */
	size_t align;     /* a power of two */
	size_t hdr_len;   /* len_size + 8, rounded up to align */
	size_t long_size; /* 4 or 8 */
	int32_t sol_socket;
	int32_t so_timestampns_old;
	int32_t so_timestampns_new;
	int32_t so_rxq_ovfl;
};

/* struct cmsg is one message: its level, type and a view of its payload. */
struct cmsg {
	int32_t level;
	int32_t type;
	struct cursor data;
};

/*
 * Readers and writers of integers in a layout's byte order, from bytes:
 * nothing here depends on the machine's own order. The caller proved the
 * bytes are there.
 */
static inline uint16_t cmsg_load16(const uint8_t *p, bool big)
{
	return big ? (uint16_t)((unsigned)p[0] << 8 | p[1])
		   : (uint16_t)((unsigned)p[1] << 8 | p[0]);
}

static inline uint32_t cmsg_load32(const uint8_t *p, bool big)
{
	if (big) {
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		       (uint32_t)p[2] << 8 | p[3];
	}
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | p[0];
}

static inline uint64_t cmsg_load64(const uint8_t *p, bool big)
{
	uint64_t hi = cmsg_load32(big ? p : p + 4, big);
	uint64_t lo = cmsg_load32(big ? p + 4 : p, big);

	return hi << 32 | lo;
}

/* cmsg_signed32 turns the bits of a 32-bit int into its value. */
static inline int64_t cmsg_signed32(uint32_t v)
{
	return v > INT32_MAX ? (int64_t)v - 4294967296 : (int64_t)v;
}

/* cmsg_signed64 turns the bits of a 64-bit int into its value. */
static inline int64_t cmsg_signed64(uint64_t v)
{
	return v > INT64_MAX ? -(int64_t)(~v) - 1 : (int64_t)v;
}

/* cmsg_load_long reads a C long of the layout as a signed value. */
static inline int64_t cmsg_load_long(const uint8_t *p,
				     const struct cmsg_layout *l)
{
	if (l->long_size == 8) {
		return cmsg_signed64(cmsg_load64(p, l->big_endian));
	}
	return cmsg_signed32(cmsg_load32(p, l->big_endian));
}

static inline uint8_t *cmsg_store16(uint8_t *p, uint16_t v, bool big)
{
	p[big ? 0 : 1] = (uint8_t)(v >> 8);
	p[big ? 1 : 0] = (uint8_t)v;
	return p + 2;
}

static inline uint8_t *cmsg_store32(uint8_t *p, uint32_t v, bool big)
{
	for (int i = 0; i < 4; i++) {
		p[big ? 3 - i : i] = (uint8_t)(v >> (8 * i));
	}
	return p + 4;
}

static inline uint8_t *cmsg_store64(uint8_t *p, uint64_t v, bool big)
{
	for (int i = 0; i < 8; i++) {
		p[big ? 7 - i : i] = (uint8_t)(v >> (8 * i));
	}
	return p + 8;
}

/*
 * LINUX_LAYOUT, FREEBSD_LAYOUT and DARWIN_LAYOUT spell out the layout of
 * a word size (bytes) and byte order. Linux aligns to its word
 * (sizeof(size_t), the type of cmsg_len), FreeBSD to its word
 * (_ALIGNBYTES + 1: 8 on amd64, arm64 and powerpc64, 4 on i386, armv7 and
 * powerpc) with a 4-byte cmsg_len, Darwin to 4 bytes on every machine.
 */
#define LINUX_LAYOUT(word, big)                                      \
	{ CMSG_KERNEL_LINUX, big, word, word, (word) + 8, word,       \
	  LINUX_GENERIC_SOL_SOCKET, LINUX_GENERIC_SO_TIMESTAMPNS_OLD,  \
	  LINUX_GENERIC_SO_TIMESTAMPNS_NEW, LINUX_GENERIC_SO_RXQ_OVFL }
#define FREEBSD_LAYOUT(word, big) \
	{ CMSG_KERNEL_FREEBSD, big, 4, word, (word) == 8 ? 16 : 12, word, \
	  0, 0, 0, 0 }
#define DARWIN_LAYOUT(big) \
	{ CMSG_KERNEL_DARWIN, big, 4, 4, 12, 8, 0, 0, 0, 0 }

/*
 * cmsg_layout_of returns the layout of format, or NULL if it is unknown.
 * It is inline, with the layouts in it, so that a parser that passes a
 * constant format compiles its walk for that one layout: the sizes, the
 * alignment and the byte order become immediates instead of loads.
 */
static inline const struct cmsg_layout *
cmsg_layout_of(enum ipv4_cmsg_format format)
{
	static const struct cmsg_layout layouts[] = {
		[IPV4_CMSG_FORMAT_LINUX] = {
			CMSG_KERNEL_LINUX, CMSG_HOST_BIG, sizeof(size_t),
			sizeof(size_t), sizeof(size_t) + 8, sizeof(long),
			LINUX_SOL_SOCKET, LINUX_SO_TIMESTAMPNS_OLD,
			LINUX_SO_TIMESTAMPNS_NEW, LINUX_SO_RXQ_OVFL,
		},
		[IPV4_CMSG_FORMAT_FREEBSD] =
			FREEBSD_LAYOUT(sizeof(void *), CMSG_HOST_BIG),
		[IPV4_CMSG_FORMAT_DARWIN] = DARWIN_LAYOUT(CMSG_HOST_BIG),
		[IPV4_CMSG_FORMAT_LINUX_64_LE] = LINUX_LAYOUT(8, false),
		[IPV4_CMSG_FORMAT_LINUX_64_BE] = LINUX_LAYOUT(8, true),
		[IPV4_CMSG_FORMAT_LINUX_32_LE] = LINUX_LAYOUT(4, false),
		[IPV4_CMSG_FORMAT_LINUX_32_BE] = LINUX_LAYOUT(4, true),
		[IPV4_CMSG_FORMAT_FREEBSD_64_LE] = FREEBSD_LAYOUT(8, false),
		[IPV4_CMSG_FORMAT_FREEBSD_64_BE] = FREEBSD_LAYOUT(8, true),
		[IPV4_CMSG_FORMAT_FREEBSD_32_LE] = FREEBSD_LAYOUT(4, false),
		[IPV4_CMSG_FORMAT_FREEBSD_32_BE] = FREEBSD_LAYOUT(4, true),
		[IPV4_CMSG_FORMAT_DARWIN_LE] = DARWIN_LAYOUT(false),
		[IPV4_CMSG_FORMAT_DARWIN_BE] = DARWIN_LAYOUT(true),
	};

	if ((unsigned)format >= CMSG_COUNT(layouts)) {
		return NULL;
	}
	return &layouts[format];
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
 * cmsg_get_len reads cmsg_len, an unsigned of l->len_size bytes in the
 * layout's byte order at p; the caller proved that a whole header is there.
 */
static inline uint64_t cmsg_get_len(const uint8_t *p,
				    const struct cmsg_layout *l)
{
	if (l->len_size == 8) {
		return cmsg_load64(p, l->big_endian);
	}
	return cmsg_load32(p, l->big_endian);
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
	out->level = (int32_t)cmsg_signed32(
		cmsg_load32(c->data + l->len_size, l->big_endian));
	out->type = (int32_t)cmsg_signed32(
		cmsg_load32(c->data + l->len_size + 4, l->big_endian));
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
 * ipv4__cmsg_put writes a message header for data_len payload bytes at p
 * in the layout's byte order, then
 * the payload, then zero padding up to cmsg_space; the caller checked the
 * room. Returns the position after the padding.
 */
uint8_t *ipv4__cmsg_put(uint8_t *p, const struct cmsg_layout *l, int32_t level,
		  int32_t type, const void *data, size_t data_len);

#endif /* IPV4_CODEC_CMSG_H */
