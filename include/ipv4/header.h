/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/header.h - the IPv4 header codec (RFC 791).
 *
 * The counterpart of Go's ipv4.Header: parse and marshal an IPv4 header in
 * the wire format or in one of the BSD raw-socket formats, print it in the
 * exact text Go's Header.String() produces, compute the RFC 1071 checksum
 * and run the receiver checks of RFC 1122 section 3.2.1.
 *
 * Pure C11: no allocation, no system call, no global state. Every function
 * is safe to call from any number of threads at once, provided no two of
 * them write the same object.
 */
#ifndef IPV4_HEADER_H
#define IPV4_HEADER_H

#include "ipv4/export.h"

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "ipv4/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IPV4_VERSION 4	       /* protocol version */
#define IPV4_HEADER_LEN 20     /* header length without options */
#define IPV4_MAX_HEADER_LEN 60 /* header length with 40 bytes of options */
#define IPV4_MAX_OPTIONS_LEN (IPV4_MAX_HEADER_LEN - IPV4_HEADER_LEN)

/* Header flags, as in Go's HeaderFlags; the field holds three bits. */
#define IPV4_MORE_FRAGMENTS 1 /* more fragments follow */
#define IPV4_DONT_FRAGMENT 2  /* do not fragment */

/*
 * enum ipv4_format names the layout a raw IP socket uses for the header.
 *
 * IPV4_FORMAT_WIRE: the header as it is on the wire, every multi-byte field
 *   in network byte order (Linux, FreeBSD 11 and later, OpenBSD, Solaris).
 * IPV4_FORMAT_TRADBSD: the traditional BSD layout (Darwin, DragonFly,
 *   NetBSD, FreeBSD before 10): total length and the flags/fragment-offset
 *   word in host byte order, and on receive the total length excludes the
 *   header, so parse adds the header length back. Marshal writes the total
 *   length as given (the send path of those kernels wants it whole).
 * IPV4_FORMAT_FREEBSD10: FreeBSD 10: host byte order as in TRADBSD, but
 *   the received total length already includes the header.
 *
 * Go picks the layout from the operating system it runs on; libipv4 takes it
 * as an argument so that every layout can be used and tested anywhere.
 * IPV4_FORMAT_NATIVE is the layout of the system the library was built for.
 */
enum ipv4_format {
	IPV4_FORMAT_WIRE = 0,
	IPV4_FORMAT_TRADBSD = 1,
	IPV4_FORMAT_FREEBSD10 = 2,
};

#if defined(__APPLE__) || defined(__DragonFly__) || defined(__NetBSD__)
#define IPV4_FORMAT_NATIVE IPV4_FORMAT_TRADBSD
#elif defined(__FreeBSD__) && defined(__FreeBSD_version) && \
	__FreeBSD_version < 1000000
#define IPV4_FORMAT_NATIVE IPV4_FORMAT_TRADBSD
#elif defined(__FreeBSD__) && defined(__FreeBSD_version) && \
	__FreeBSD_version < 1100000
#define IPV4_FORMAT_NATIVE IPV4_FORMAT_FREEBSD10
#else
#define IPV4_FORMAT_NATIVE IPV4_FORMAT_WIRE
#endif

/*
 * struct ipv4_header is a decoded IPv4 header. Every field holds the value
 * of the wire field, not a derived one: frag_off is in units of 8 bytes as
 * on the wire, flags holds the three bits above it (bit value 4 is the
 * reserved bit, kept so that nothing is lost).
 *
 * The options are copied into the structure (at most 40 bytes), so a parsed
 * header owns its data and does not point into the input.
 */
struct ipv4_header {
	uint8_t version;    /* protocol version, 4 bits */
	uint8_t len;	    /* header length in bytes: IHL * 4 */
	uint8_t tos;	    /* type of service (DSCP and ECN) */
	uint16_t total_len; /* packet total length in bytes */
	uint16_t id;	    /* identification */
	uint8_t flags;	    /* IPV4_MORE_FRAGMENTS, IPV4_DONT_FRAGMENT */
	uint16_t frag_off;  /* fragment offset, 13 bits */
	uint8_t ttl;	    /* time to live */
	uint8_t protocol;   /* next protocol */
	uint16_t checksum;  /* header checksum, as found or to be sent */
	struct in_addr src; /* source address, network byte order */
	struct in_addr dst; /* destination address, network byte order */
	size_t options_len; /* bytes used in options: 0..40 */
	uint8_t options[IPV4_MAX_OPTIONS_LEN];
};

/*
 * ipv4_header_parse decodes the header at the start of in (in_len bytes,
 * of which bytes past the header are ignored) laid out as format, into
 * *out. It accepts exactly what Go's Header.Parse accepts and yields the
 * same values, except that it rejects an IHL below 5 (see DIVERGENCES.md).
 * The version field is not checked: use ipv4_header_validate for that.
 *
 * Returns 0 on success. On failure *out is zeroed (never half filled) and
 * the result is one of:
 *   IPV4_EINVAL    out or in is NULL
 *   IPV4_EFORMAT   format is not an enum ipv4_format value
 *   IPV4_ESHORT    in_len < 20
 *   IPV4_EIHL      the IHL field is below 5
 *   IPV4_EEXTSHORT in_len is shorter than the IHL field says
 *   IPV4_ETOTALLEN (TRADBSD only) received length plus header above 65535
 */
IPV4_EXPORT int ipv4_header_parse(struct ipv4_header *out, const uint8_t *in,
				  size_t in_len, enum ipv4_format format);

/*
 * ipv4_header_marshal_size returns the number of bytes ipv4_header_marshal
 * writes for h (20 plus the options) in any format. It answers exactly when
 * ipv4_header_marshal succeeds (given a known format and room enough), and
 * otherwise fails with the code marshal gives, checked in the same order:
 *   IPV4_EINVAL   h is NULL
 *   IPV4_EOPTLEN  options_len above 40 or not a multiple of 4
 *   IPV4_EHDRLEN  len is not 20 + options_len
 *   IPV4_EFIELD   flags above 7 or frag_off above 0x1fff
 */
IPV4_EXPORT int ipv4_header_marshal_size(const struct ipv4_header *h);

/*
 * ipv4_header_marshal encodes h, laid out as format, into out (out_cap
 * bytes). Like Go's Header.Marshal it always writes version 4, whatever
 * h->version says, derives IHL from the options and copies checksum, id and
 * the addresses as given (a raw socket with IP_HDRINCL on Linux fills in a
 * zero checksum, id and source itself). Use ipv4_checksum to compute the
 * checksum in advance when the kernel will not.
 *
 * Unlike Go it refuses a header that cannot be encoded faithfully.
 *
 * Returns 0 on success with *out_len set to the bytes written; on failure
 * nothing is reported as written and the result is one of:
 *   IPV4_EINVAL   h or out_len is NULL, or out is NULL with out_cap > 0
 *   IPV4_EFORMAT  format is not an enum ipv4_format value
 *   IPV4_EOPTLEN  options_len above 40 or not a multiple of 4
 *   IPV4_EHDRLEN  len is not 20 + options_len
 *   IPV4_EFIELD   flags above 7 or frag_off above 0x1fff
 *   IPV4_ENOBUF   out_cap is too small; *out_len is set to the size needed
 *                 and out is left untouched
 */
IPV4_EXPORT int ipv4_header_marshal(const struct ipv4_header *h,
				    enum ipv4_format format, uint8_t *out,
				    size_t out_cap, size_t *out_len);

/*
 * ipv4_header_string writes h as Go's Header.String() does, for example
 *   ver=4 hdrlen=20 tos=0x1 totallen=48879 id=0xcafe flags=0x2
 *   fragoff=0x5dc ttl=255 proto=1 cksum=0xdead src=172.16.254.254
 *   dst=192.168.0.1
 * (on one line), and "<nil>" for a NULL h, into out, snprintf-style: at
 * most out_cap bytes including the terminating NUL are written, and out is
 * always NUL-terminated when out_cap > 0.
 *
 * Returns the length of the whole text, not counting the NUL; a result of
 * out_cap or more means the text was cut and that many bytes plus one are
 * needed. Returns IPV4_EINVAL when out is NULL and out_cap > 0. The options
 * are not part of the text (they are not in Go's either).
 */
IPV4_EXPORT int ipv4_header_string(const struct ipv4_header *h, char *out,
				   size_t out_cap);

/*
 * ipv4_checksum returns the Internet checksum of RFC 1071 over data[0..len):
 * the ones' complement of the ones' complement sum of the 16-bit big-endian
 * words, an odd last byte padded with zero. To fill in a header checksum,
 * zero the field, compute over the header and store the result big-endian;
 * over a header whose checksum is right the result is 0. data may be NULL
 * only when len is 0.
 */
IPV4_EXPORT uint16_t ipv4_checksum(const uint8_t *data, size_t len);

/*
 * ipv4_header_validate runs the checks RFC 1122 section 3.2.1.1-2 asks of a
 * receiver on a wire-format packet (pkt_len bytes: the header and whatever
 * follows it), in this order, and returns the first that fails:
 *   IPV4_EINVAL     pkt is NULL
 *   IPV4_ESHORT     pkt_len < 20
 *   IPV4_EVERSION   version is not 4
 *   IPV4_EIHL       IHL below 5
 *   IPV4_EEXTSHORT  pkt_len shorter than the header length
 *   IPV4_ETOTALLEN  total length below the header length or above pkt_len
 *   IPV4_ECHECKSUM  the header checksum does not verify
 * Returns 0 when all pass. Bytes past the total length are allowed (link
 * layers pad short frames).
 */
IPV4_EXPORT int ipv4_header_validate(const uint8_t *pkt, size_t pkt_len);

#ifdef __cplusplus
}
#endif

#endif /* IPV4_HEADER_H */
