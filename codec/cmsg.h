/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/cmsg.h - cmsg buffer layouts, the bounds-checked walk and the
 * header writer shared by the control-message parser and encoder (the
 * wire layout is drawn in cmsg.c). Internal to libipv4.
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
#define PKTINFO_LEN 12 /* struct in_pktinfo: ifindex, spec_dst, addr */
#define SOCKADDR_IN_LEN 16
#define EXTENDED_ERR_LEN 16    /* struct sock_extended_err */
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
	size_t align;	  /* a power of two */
	size_t hdr_len;	  /* len_size + 8, rounded up to align */
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
 * Integers in a layout's byte order, from bytes: nothing here depends on
 * the machine's own order. cmsg_u32_of and cmsg_u64_of put together bytes
 * a getter has already taken off a cursor.
 */
static inline uint32_t cmsg_u32_of(const uint8_t b[4], bool big)
{
	if (big) {
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		       (uint32_t)b[2] << 8 | b[3];
	}
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[1] << 8 | b[0];
}

static inline uint64_t cmsg_u64_of(const uint8_t b[8], bool big)
{
	uint64_t hi = cmsg_u32_of(big ? b : b + 4, big);
	uint64_t lo = cmsg_u32_of(big ? b + 4 : b, big);

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

/*
 * The cursor getters of a layout's integers: like cursor_get_be16, each
 * checks the bytes are there, consumes them and returns 1, or returns 0
 * and leaves the cursor as it was.
 */
static inline int cmsg_get16(struct cursor *c, const struct cmsg_layout *l,
			     uint16_t *out)
{
	uint8_t b[2];

	if (!cursor_get_bytes(c, b, 2)) {
		return 0;
	}
	*out = l->big_endian ? (uint16_t)((unsigned)b[0] << 8 | b[1])
			     : (uint16_t)((unsigned)b[1] << 8 | b[0]);
	return 1;
}

static inline int cmsg_get32(struct cursor *c, const struct cmsg_layout *l,
			     uint32_t *out)
{
	uint8_t b[4];

	if (!cursor_get_bytes(c, b, 4)) {
		return 0;
	}
	*out = cmsg_u32_of(b, l->big_endian);
	return 1;
}

/* cmsg_get_s32 reads a signed 32-bit int. */
static inline int cmsg_get_s32(struct cursor *c, const struct cmsg_layout *l,
			       int32_t *out)
{
	uint32_t v;

	if (!cmsg_get32(c, l, &v)) {
		return 0;
	}
	*out = (int32_t)cmsg_signed32(v);
	return 1;
}

static inline int cmsg_get64(struct cursor *c, const struct cmsg_layout *l,
			     uint64_t *out)
{
	uint8_t b[8];

	if (!cursor_get_bytes(c, b, 8)) {
		return 0;
	}
	*out = cmsg_u64_of(b, l->big_endian);
	return 1;
}

/* cmsg_get_s64 reads a signed 64-bit int. */
static inline int cmsg_get_s64(struct cursor *c, const struct cmsg_layout *l,
			       int64_t *out)
{
	uint64_t v;

	if (!cmsg_get64(c, l, &v)) {
		return 0;
	}
	*out = cmsg_signed64(v);
	return 1;
}

/* cmsg_get_long reads a C long of the layout (4 or 8 bytes). */
static inline int cmsg_get_long(struct cursor *c, const struct cmsg_layout *l,
				int64_t *out)
{
	int32_t v;

	if (l->long_size == 8) {
		return cmsg_get_s64(c, l, out);
	}
	if (!cmsg_get_s32(c, l, &v)) {
		return 0;
	}
	*out = v;
	return 1;
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
#define LINUX_LAYOUT(word, big)                                       \
	{                                                             \
		CMSG_KERNEL_LINUX, big, word, word, (word) + 8, word, \
			LINUX_GENERIC_SOL_SOCKET,                     \
			LINUX_GENERIC_SO_TIMESTAMPNS_OLD,             \
			LINUX_GENERIC_SO_TIMESTAMPNS_NEW,             \
			LINUX_GENERIC_SO_RXQ_OVFL                     \
	}
#define FREEBSD_LAYOUT(word, big)                                         \
	{                                                                 \
		CMSG_KERNEL_FREEBSD, big, 4, word, (word) == 8 ? 16 : 12, \
			word, 0, 0, 0, 0                                  \
	}
#define DARWIN_LAYOUT(big)                                       \
	{                                                        \
		CMSG_KERNEL_DARWIN, big, 4, 4, 12, 8, 0, 0, 0, 0 \
	}

/*
 * cmsg_layout_of returns the layout of format, or NULL if it is unknown.
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

/*
 * cmsg_pad_after returns the padding that follows n bytes: what CMSG_ALIGN
 * adds, (n + align - 1) & ~(align - 1), less n.
 */
static inline size_t cmsg_pad_after(const struct cmsg_layout *l, size_t n)
{
	return (0 - n) & (l->align - 1);
}

/* cmsg_space is CMSG_SPACE: the bytes a message of data_len occupies. */
static inline size_t cmsg_space(const struct cmsg_layout *l, size_t data_len)
{
	return l->hdr_len + data_len + cmsg_pad_after(l, data_len);
}

/* cmsg_get_len reads cmsg_len, an unsigned of l->len_size bytes. */
static inline int cmsg_get_len(struct cursor *c, const struct cmsg_layout *l,
			       uint64_t *out)
{
	uint8_t b[8];

	if (l->len_size == 8) {
		if (!cursor_get_bytes(c, b, 8)) {
			return 0;
		}
		*out = cmsg_u64_of(b, l->big_endian);
		return 1;
	}
	if (!cursor_get_bytes(c, b, 4)) {
		return 0;
	}
	*out = cmsg_u32_of(b, l->big_endian);
	return 1;
}

/*
 * cmsg_next takes the next message off *c into *out. Returns 1 when it did,
 * 0 when fewer bytes than a header remain (the end: such trailing bytes are
 * ignored), IPV4_ECMSGLEN when cmsg_len is below the header size or past
 * the end of *c. The padding after the message is consumed with it.
 *
 * cmsg_len is trusted only after it is checked against the header size
 * and the bytes left, so the payload view lies inside *c.
 */
static inline int cmsg_next(struct cursor *c, const struct cmsg_layout *l,
			    struct cmsg *out)
{
	struct cursor at = *c;
	uint64_t len;

	if (!cmsg_get_len(&at, l, &len) || !cmsg_get_s32(&at, l, &out->level) ||
	    !cmsg_get_s32(&at, l, &out->type) ||
	    !cursor_skip(&at, l->hdr_len - l->len_size - 8)) {
		return 0;
	}
	if (len < l->hdr_len || len > c->len ||
	    !cursor_view(&at, &out->data, (size_t)len - l->hdr_len)) {
		return IPV4_ECMSGLEN;
	}
	/* The last message may lack its padding: take what there is. */
	if (!cursor_skip(&at, cmsg_pad_after(l, (size_t)len))) {
		at = cursor_make(at.data + at.len, 0);
	}
	*c = at;
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
