/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/control.h - the socket control-message (cmsg) codec.
 *
 * The counterpart of Go's ipv4.ControlMessage, ControlFlags and
 * NewControlMessage: decode the ancillary data recvmsg() delivers for an
 * IPv4 socket, encode the ancillary data sendmsg() takes, size the buffers
 * for both, and print a message in the exact text Go's
 * ControlMessage.String() produces. Beyond Go it decodes TOS, ipi_spec_dst,
 * the original destination of a transparent proxy, receive timestamps,
 * extended errors from the error queue, the UDP GRO segment size and the
 * receive-queue drop counter, and encodes TOS, TTL and the UDP GSO segment
 * size for sending.
 *
 * The walk over a cmsg buffer is libipv4's own bounds-checked loop, not the
 * libc CMSG_* macros: a cmsg_len below the header size, past the end of the
 * buffer, or large enough to overflow is an error, never a read out of
 * bounds. Every message in the buffer is visited, not only the first.
 *
 * Pure C11: no allocation, no system call, no global state. Every function
 * is safe to call from any number of threads at once, provided no two of
 * them write the same object. Nothing here keeps a pointer into the
 * caller's buffers: parse copies what it decodes into the structure.
 */
#ifndef IPV4_CONTROL_H
#define IPV4_CONTROL_H

#include "ipv4/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "ipv4/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Control flags. The first four have the values of Go's ControlFlags
 * (FlagTTL, FlagSrc, FlagDst, FlagInterface); the rest are libipv4's.
 *
 * A flag set says three things, depending on where it is used:
 *   - in struct ipv4_control_message's flags member: which members hold a
 *     value (parse sets them, the caller reads them);
 *   - as ipv4_control_message_marshal's flags argument: which members to
 *     send;
 *   - as ipv4_control_message_recv_space's argument: which items the receive
 *     buffer must have room for (the socket layer also uses it to choose
 *     which socket options to enable).
 *
 * Receive: what parse can fill in. Send: what marshal can encode (Linux
 * unless said otherwise; see enum ipv4_cmsg_format for the other formats).
 */
#define IPV4_FLAG_TTL 0x001u	   /* receive, send: time to live */
#define IPV4_FLAG_SRC 0x002u	   /* send: source address (ipi_spec_dst) */
#define IPV4_FLAG_DST 0x004u	   /* receive: destination address */
#define IPV4_FLAG_INTERFACE 0x008u /* receive, send: interface index */
#define IPV4_FLAG_TOS 0x010u	   /* receive, send: TOS byte (DSCP, ECN) */
#define IPV4_FLAG_SPEC_DST 0x020u  /* receive: ipi_spec_dst of IP_PKTINFO */
#define IPV4_FLAG_ORIG_DST \
	0x040u /* receive: original destination
				      (IP_ORIGDSTADDR, transparent proxy) */
#define IPV4_FLAG_TIMESTAMP \
	0x080u /* receive: kernel receive time
				      (SO_TIMESTAMPNS) */
#define IPV4_FLAG_EXTENDED_ERROR \
	0x100u		     /* receive: error-queue entry
					   (IP_RECVERR) */
#define IPV4_FLAG_GRO 0x200u /* receive: UDP GRO segment size */
#define IPV4_FLAG_GSO \
	0x400u /* send: UDP GSO segment size
				      (UDP_SEGMENT) */
#define IPV4_FLAG_DROPS \
	0x800u		     /* receive: receive-queue drop counter
				      (SO_RXQ_OVFL) */
#define IPV4_FLAG_ALL 0xfffu /* every flag above */

/*
 * IPV4_FLAG_PKTINFO_GROUP: the flags that Linux serves with one IP_PKTINFO
 * message; the socket option stays on while any of them is on.
 */
#define IPV4_FLAG_PKTINFO_GROUP                                \
	(IPV4_FLAG_SRC | IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | \
	 IPV4_FLAG_SPEC_DST)

/*
 * enum ipv4_cmsg_format names the cmsg layout and constants of a kernel,
 * for one word size and byte order. Go decodes the layout of the system it
 * runs on; libipv4 takes the layout as an argument, so that every one can
 * be used and tested on any machine.
 *
 * The native formats, IPV4_CMSG_FORMAT_LINUX, _FREEBSD and _DARWIN, are
 * the layout that kernel uses for a process of the machine the library is
 * compiled for: its word size and its byte order. Each is the same as the
 * named format of that word size and byte order below (on x86-64,
 * IPV4_CMSG_FORMAT_LINUX is IPV4_CMSG_FORMAT_LINUX_64_LE), except that the
 * native Linux format takes the SOL_SOCKET level and types from the
 * system's headers (they differ on MIPS, SPARC, PA-RISC and Alpha).
 *
 * The named formats fix word size and byte order in the name, and mean
 * the same on every machine: IPV4_CMSG_FORMAT_<KERNEL>_<WORD>_<ORDER>,
 * WORD the bits of the process's pointers (64 or 32), ORDER LE or BE.
 * Darwin aligns every message to 4 bytes whatever the word size, so its
 * names give the byte order alone. In every format, the header fields and
 * integer payloads are in the format's byte order, addresses and ports in
 * network byte order. Examples: x86-64, arm64 Linux: LINUX_64_LE; s390x,
 * ppc64 Linux: LINUX_64_BE; i686, armhf Linux: LINUX_32_LE; powerpc Linux:
 * LINUX_32_BE; amd64, arm64 FreeBSD: FREEBSD_64_LE; i386 FreeBSD:
 * FREEBSD_32_LE; powerpc64 FreeBSD: FREEBSD_64_BE; Darwin on x86-64 and
 * arm64: DARWIN_LE.
 *
 * Linux: header {size_t cmsg_len; int cmsg_level; int cmsg_type;}, header
 *   and payload aligned to the word (16 + 8n bytes per message for 64-bit,
 *   12 + 4n for 32-bit). Receives
 *     IPPROTO_IP  IP_TTL (2)        int (a 1-byte one is what a cut left
 *                                   of the int: decoded when LE, where
 *                                   that byte is the TTL, skipped when BE)
 *     IPPROTO_IP  IP_TOS (1)        one byte, or int
 *     IPPROTO_IP  IP_PKTINFO (8)    struct in_pktinfo, 12 bytes
 *     IPPROTO_IP  IP_ORIGDSTADDR (20) struct sockaddr_in, 16 bytes
 *     IPPROTO_IP  IP_RECVERR (11)   struct sock_extended_err and the
 *                                   offender's struct sockaddr_in, 32 bytes
 *     SOL_SOCKET  SO_TIMESTAMPNS_OLD (35) two longs (word-sized)
 *     SOL_SOCKET  SO_TIMESTAMPNS_NEW (64) two 64-bit integers
 *     SOL_SOCKET  SO_RXQ_OVFL (40)  uint32_t
 *     SOL_UDP     UDP_GRO (104)     int
 *   and sends IP_PKTINFO (SRC, INTERFACE), IP_TTL and IP_TOS (int),
 *   UDP_SEGMENT (uint16_t). SOL_SOCKET is 1, SOL_UDP 17.
 * FreeBSD: header {socklen_t cmsg_len; int cmsg_level; int cmsg_type;}
 *   aligned to the word (16 + 8n bytes per message for 64-bit, 12 + 4n for
 *   32-bit). Receives IP_RECVTTL (65) and IP_RECVTOS (68),
 *   each one byte (an int is accepted too), IP_RECVDSTADDR (7, struct
 *   in_addr), IP_RECVIF (20, struct sockaddr_dl, at least its 8-byte
 *   head), IP_ORIGDSTADDR (27,
 *   struct sockaddr_in with sin_len); sends IP_SENDSRCADDR (7, struct
 *   in_addr) for SRC and IP_TOS (3, one byte).
 * Darwin: header {socklen_t cmsg_len; int cmsg_level;
 *   int cmsg_type;} aligned to 4 bytes (12 + 4n bytes per message).
 *   Receives IP_RECVTTL (24) and IP_RECVTOS (27), each one byte (or int),
 *   IP_RECVDSTADDR (7), IP_RECVIF (20) as FreeBSD, and IP_PKTINFO (26,
 *   12 bytes); sends IP_PKTINFO (SRC, INTERFACE).
 *
 * Messages of any other level or type are skipped, as Go skips them.
 * IPV4_CMSG_FORMAT_NATIVE is the native format of the system the library
 * was built for (LINUX on systems other than the two BSDs named).
 */
enum ipv4_cmsg_format {
	IPV4_CMSG_FORMAT_LINUX = 0,
	IPV4_CMSG_FORMAT_FREEBSD = 1,
	IPV4_CMSG_FORMAT_DARWIN = 2,
	IPV4_CMSG_FORMAT_LINUX_64_LE = 3,
	IPV4_CMSG_FORMAT_LINUX_64_BE = 4,
	IPV4_CMSG_FORMAT_LINUX_32_LE = 5,
	IPV4_CMSG_FORMAT_LINUX_32_BE = 6,
	IPV4_CMSG_FORMAT_FREEBSD_64_LE = 7,
	IPV4_CMSG_FORMAT_FREEBSD_64_BE = 8,
	IPV4_CMSG_FORMAT_FREEBSD_32_LE = 9,
	IPV4_CMSG_FORMAT_FREEBSD_32_BE = 10,
	IPV4_CMSG_FORMAT_DARWIN_LE = 11,
	IPV4_CMSG_FORMAT_DARWIN_BE = 12,
};

#if defined(__APPLE__)
#define IPV4_CMSG_FORMAT_NATIVE IPV4_CMSG_FORMAT_DARWIN
#elif defined(__FreeBSD__)
#define IPV4_CMSG_FORMAT_NATIVE IPV4_CMSG_FORMAT_FREEBSD
#else
#define IPV4_CMSG_FORMAT_NATIVE IPV4_CMSG_FORMAT_LINUX
#endif

/*
 * struct ipv4_cmsg_timestamp is a receive time (SO_TIMESTAMPNS): seconds
 * and nanoseconds since the Unix epoch; nsec is below 1000000000.
 */
struct ipv4_cmsg_timestamp {
	int64_t sec;
	uint32_t nsec;
};

/*
 * struct ipv4_extended_error is one entry of the socket error queue
 * (IP_RECVERR, read with MSG_ERRQUEUE): Linux's struct sock_extended_err
 * field by field, then the offender, the address of the node that reported
 * the error, which the kernel gives for ICMP errors and not for local ones.
 */
struct ipv4_extended_error {
	uint32_t ee_errno;	 /* errno value the error stands for */
	uint8_t ee_origin;	 /* SO_EE_ORIGIN_*: local, ICMP, ... */
	uint8_t ee_type;	 /* ICMP type, for ICMP errors */
	uint8_t ee_code;	 /* ICMP code, for ICMP errors */
	uint8_t ee_pad;		 /* as the kernel sent it */
	uint32_t ee_info;	 /* e.g. the MTU for "fragmentation needed" */
	uint32_t ee_data;	 /* origin-specific data */
	bool has_offender;	 /* offender holds an address (AF_INET) */
	struct in_addr offender; /* reporting node, network byte order;
				    0.0.0.0 when has_offender is false */
};

/*
 * struct ipv4_control_message is per-packet IP-level information: what the
 * kernel reported with a received packet, or what to tell it about a packet
 * to send. flags holds one IPV4_FLAG_* bit for each member that has a
 * value; a member whose bit is clear is zero after parse and is ignored by
 * ipv4_control_message_string (which prints Go's "<nil>" for src and dst).
 *
 * Go's ControlMessage has TTL, Src, Dst and IfIndex; a nil Src or Dst there
 * is a clear IPV4_FLAG_SRC or IPV4_FLAG_DST bit here.
 */
struct ipv4_control_message {
	unsigned flags;		 /* IPV4_FLAG_* bits of the members set */
	uint8_t ttl;		 /* IPV4_FLAG_TTL */
	uint8_t tos;		 /* IPV4_FLAG_TOS: DSCP << 2 | ECN */
	struct in_addr src;	 /* IPV4_FLAG_SRC: source for sending */
	struct in_addr dst;	 /* IPV4_FLAG_DST: the packet's destination */
	unsigned int ifindex;	 /* IPV4_FLAG_INTERFACE: receiving interface,
				    or the one to send through; 0 none */
	struct in_addr spec_dst; /* IPV4_FLAG_SPEC_DST: the local address
				    IP_PKTINFO reports (to reply from) */
	struct in_addr orig_dst; /* IPV4_FLAG_ORIG_DST: address and ... */
	uint16_t orig_dst_port;	 /* ... port (host order) before redirect */
	struct ipv4_cmsg_timestamp timestamp; /* IPV4_FLAG_TIMESTAMP */
	struct ipv4_extended_error error;     /* IPV4_FLAG_EXTENDED_ERROR */
	uint16_t gro_size;    /* IPV4_FLAG_GRO: segment size of a
				    coalesced UDP datagram */
	uint16_t gso_size;    /* IPV4_FLAG_GSO: segment size to send */
	uint32_t drops;	      /* IPV4_FLAG_DROPS: packets dropped on the
				    socket's receive queue so far */
	bool truncated;	      /* the kernel cut the control data
				    (MSG_CTRUNC): some items may be missing.
				    Parse clears it; the socket layer sets it
				    from recvmsg's flags. */
	uint32_t reserved[4]; /* zero: parse clears it; a caller building
				    one to marshal starts from {0}. Room for
				    later items (docs/ABI.md) */
};

/*
 * ipv4_control_message_parse decodes the control data buf[0..len) that a
 * kernel of the given format delivered into *out, visiting every message
 * in the buffer, in one pass. A bad cmsg_len anywhere in the buffer is
 * reported even when a payload before it is bad too, as Go, which checks
 * every cmsg_len before it decodes any payload, reports it; of two bad
 * payloads, the first one's error is reported. Messages at other levels
 * or of other types are skipped; when a type occurs twice the later one
 * wins; trailing bytes too few for a message header are ignored (all as
 * in Go).
 *
 * A known message's payload is judged by its size before it is read: a
 * size the type has is decoded; a shorter one is skipped, since that is
 * what the kernel leaves of a message it truncated (setting MSG_CTRUNC);
 * a longer one is an error. IP_TTL and IP_TOS have two sizes, one byte
 * and an int, so a 2- or 3-byte one is skipped. Apart from the
 * differences listed in conformance/DIVERGENCES.md, parse accepts what
 * Go's ControlMessage.Parse accepts and yields the same TTL, Dst and
 * IfIndex.
 *
 * buf may be NULL only when len is 0. Returns 0 on success. On failure
 * *out is zeroed (never half filled) and the result is one of:
 *   IPV4_EINVAL    out is NULL, or buf is NULL and len > 0
 *   IPV4_EFORMAT   format is not an enum ipv4_cmsg_format value
 *   IPV4_ECMSGLEN  a cmsg_len is below the header size or runs past the
 *                  end of the buffer (including values near SIZE_MAX)
 *   IPV4_ECMSGDATA a known message has a payload longer than its type's,
 *                  or a value out of range: a TTL or TOS int above 255, a
 *                  GRO size above 65535, nanoseconds not in 0..999999999,
 *                  a negative int, an address family other than AF_INET
 *                  (AF_LINK for IP_RECVIF; an IP_RECVERR offender may
 *                  also be AF_UNSPEC, meaning none)
 *   IPV4_EIFINDEX  an IP_PKTINFO interface index does not fit in an int
 *                  (the top bit of ipi_ifindex is set)
 */
IPV4_EXPORT int ipv4_control_message_parse(struct ipv4_control_message *out,
					   const uint8_t *buf, size_t len,
					   enum ipv4_cmsg_format format);

/*
 * ipv4_control_message_recv_space returns the number of bytes a receive buffer
 * needs for the items flags asks for in the given format: the counterpart
 * of Go's NewControlMessage, and equal to its length for Go's four flags.
 * IPV4_FLAG_SRC, IPV4_FLAG_DST, IPV4_FLAG_INTERFACE and IPV4_FLAG_SPEC_DST
 * share one IP_PKTINFO where the format has it. Flags with nothing to
 * receive in the format (IPV4_FLAG_GSO; IPV4_FLAG_SRC on FreeBSD) add
 * nothing; 0 means no buffer is needed.
 *
 * Returns the size, IPV4_EFORMAT for an unknown format, or IPV4_ECMSGFLAG
 * when flags has a bit outside IPV4_FLAG_ALL.
 */
IPV4_EXPORT int ipv4_control_message_recv_space(unsigned flags,
						enum ipv4_cmsg_format format);

/*
 * ipv4_control_message_marshal_size returns the number of bytes
 * ipv4_control_message_marshal writes for flags in the given format (the
 * size depends on nothing else), 0 when flags is 0, IPV4_EFORMAT for an
 * unknown format, or IPV4_ECMSGFLAG when a flag cannot be sent in the
 * format (see enum ipv4_cmsg_format) or is outside IPV4_FLAG_ALL.
 */
IPV4_EXPORT int ipv4_control_message_marshal_size(unsigned flags,
						  enum ipv4_cmsg_format format);

/*
 * ipv4_control_message_marshal encodes the members of cm that flags names
 * (cm->flags is not consulted) as control data for sendmsg() in the given
 * format, into out (out_cap bytes), each message padded to the format's
 * alignment with zero bytes. As Go's Marshal does, IPV4_FLAG_SRC and
 * IPV4_FLAG_INTERFACE become one IP_PKTINFO whose ipi_spec_dst is src and
 * whose ipi_ifindex is ifindex (each 0 when its flag is absent); an
 * ifindex of 0 means no interface. Messages are written in the order
 * IP_PKTINFO (or IP_SENDSRCADDR), IP_TTL, IP_TOS, UDP_SEGMENT.
 *
 * To send from the address a packet arrived on, copy a parsed spec_dst (or
 * dst) into src. Flags naming received-only items are refused rather than
 * ignored, so that a caller never believes it sent what it did not.
 *
 * Returns 0 on success with *out_len set to the bytes written (0 when flags
 * is 0). On failure nothing is reported as written and the result is one of:
 *   IPV4_EINVAL    cm or out_len is NULL, out is NULL with out_cap > 0, or
 *                  IPV4_FLAG_TTL with a ttl of 0 (the kernel refuses it)
 *   IPV4_EFORMAT   format is not an enum ipv4_cmsg_format value
 *   IPV4_ECMSGFLAG a flag outside IPV4_FLAG_ALL, or one the format cannot
 *                  send
 *   IPV4_EIFINDEX  IPV4_FLAG_INTERFACE with an ifindex above INT_MAX
 *   IPV4_ENOBUF    out_cap is too small; *out_len is set to the size needed
 *                  and out is left untouched
 */
IPV4_EXPORT int
ipv4_control_message_marshal(const struct ipv4_control_message *cm,
			     unsigned flags, enum ipv4_cmsg_format format,
			     uint8_t *out, size_t out_cap, size_t *out_len);

/*
 * ipv4_control_message_string writes cm as Go's ControlMessage.String()
 * does, "ttl=64 src=<nil> dst=127.0.0.1 ifindex=1": ttl and ifindex in
 * decimal whatever the flags say, src and dst as dotted quads when their
 * flag is set and "<nil>" otherwise; "<nil>" for a NULL cm. The members
 * Go does not have are not part of the text. Written into out
 * snprintf-style: at most out_cap bytes including the terminating NUL, and
 * out is always NUL-terminated when out_cap > 0.
 *
 * Returns the length of the whole text, not counting the NUL; a result of
 * out_cap or more means the text was cut. Returns IPV4_EINVAL when out is
 * NULL and out_cap > 0.
 */
IPV4_EXPORT int
ipv4_control_message_string(const struct ipv4_control_message *cm, char *out,
			    size_t out_cap);

#ifdef __cplusplus
}
#endif

#endif /* IPV4_CONTROL_H */
