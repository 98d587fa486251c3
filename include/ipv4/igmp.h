/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/igmp.h - IGMP messages (RFC 1112, RFC 2236, RFC 3376).
 *
 * The messages the multicast joins of the socket layer put on the wire, and
 * the queries a router sends: parse, marshal and a one-line summary.
 * Go's x/net/ipv4 has no counterpart.
 *
 *   v1/v2 query, v1 report, v2 report, v2 leave (8 bytes):
 *     | type | max resp code | checksum (2) | group address (4) |
 *   v3 query (12 bytes and 4 per source):
 *     | 0x11 | max resp code | checksum (2) | group address (4) |
 *     | resv:4 S:1 QRV:3 | QQIC | number of sources (2) | sources (4 each) |
 *   v3 report (8 bytes and the group records):
 *     | 0x22 | reserved | checksum (2) | reserved (2) | number of records (2) |
 *   group record (8 bytes, 4 per source, then aux data):
 *     | record type | aux data len (words) | number of sources (2) |
 *     | multicast address (4) | sources (4 each) | aux data (4 per word) |
 *
 * The checksum is the Internet checksum over the whole message (the IP
 * payload), trailing bytes included.
 *
 * Pure C11: no allocation, no system call, no global state. A parsed
 * message's source lists, records and aux data are views of the caller's
 * bytes, valid as long as those bytes are; nothing here writes to them.
 */
#ifndef IPV4_IGMP_H
#define IPV4_IGMP_H

#include "ipv4/export.h"

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "ipv4/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* IPV4_IGMP_PROTOCOL is the IP protocol number of IGMP. */
#define IPV4_IGMP_PROTOCOL 2

/* Message types. */
#define IPV4_IGMP_MEMBERSHIP_QUERY 0x11 /* v1, v2 and v3 queries */
#define IPV4_IGMP_V1_MEMBERSHIP_REPORT 0x12
#define IPV4_IGMP_V2_MEMBERSHIP_REPORT 0x16
#define IPV4_IGMP_V2_LEAVE_GROUP 0x17
#define IPV4_IGMP_V3_MEMBERSHIP_REPORT 0x22

/* Group record types (RFC 3376 section 4.2.12). */
#define IPV4_IGMP_MODE_IS_INCLUDE 1   /* IS_IN */
#define IPV4_IGMP_MODE_IS_EXCLUDE 2   /* IS_EX */
#define IPV4_IGMP_CHANGE_TO_INCLUDE 3 /* TO_IN */
#define IPV4_IGMP_CHANGE_TO_EXCLUDE 4 /* TO_EX */
#define IPV4_IGMP_ALLOW_NEW_SOURCES 5 /* ALLOW */
#define IPV4_IGMP_BLOCK_OLD_SOURCES 6 /* BLOCK */

/* Sizes in bytes. */
#define IPV4_IGMP_MIN_LEN 8	      /* every message's fixed part */
#define IPV4_IGMP_V3_QUERY_MIN_LEN 12 /* v3 query without sources */
#define IPV4_IGMP_RECORD_MIN_LEN 8    /* group record without sources */
#define IPV4_IGMP_MAX_AUX_LEN 1020    /* 255 words of aux data */
/* The largest message an IPv4 packet with a Router Alert option holds. */
#define IPV4_IGMP_MAX_LEN (65535 - 24)

/*
 * struct ipv4_igmp_message is one IGMP message, as ipv4_igmp_parse decodes
 * it and ipv4_igmp_marshal encodes it. Fields that a message type does not
 * have are zero (NULL for views).
 *
 *   type           the type octet (IPV4_IGMP_MEMBERSHIP_QUERY, ...)
 *   version        1, 2 or 3. For a query it follows from the length and
 *                  the max resp code (RFC 3376 section 7.1): 8 bytes and
 *                  code 0 is v1, 8 bytes and code > 0 is v2, 12 or more is
 *                  v3. For the others it follows from the type: 0x12 is v1,
 *                  0x16 and 0x17 are v2, 0x22 is v3.
 *   max_resp_code  queries only: the second octet (v2: tenths of a second;
 *                  v3: a code, see ipv4_igmp_code_value); 0 otherwise
 *   checksum       as found; marshal computes it and ignores this field
 *   group          the group address, network byte order (0.0.0.0 in a
 *                  general query; always 0.0.0.0 for a v3 report)
 *   s_flag         v3 query: Suppress Router-Side Processing, 0 or 1
 *   qrv            v3 query: Querier's Robustness Variable, 0..7
 *   qqic           v3 query: Querier's Query Interval Code
 *   sources        v3 query: view of num_sources addresses, 4 bytes each,
 *                  network byte order (NULL when num_sources is 0); a
 *                  struct in_addr array has this layout too
 *   num_sources    v3 query: the number of sources
 *   records        v3 report: view of the group records, records_len
 *                  bytes; walk them with ipv4_igmp_record_next
 *   records_len    v3 report: bytes of group records
 *   num_records    v3 report: the number of group records
 *   extra_len      parse only: bytes after the last field, which RFC 2236
 *                  and RFC 3376 ask receivers to checksum and then ignore
 */
struct ipv4_igmp_message {
	uint8_t type;
	uint8_t version;
	uint8_t max_resp_code;
	uint16_t checksum;
	struct in_addr group;
	uint8_t s_flag;
	uint8_t qrv;
	uint8_t qqic;
	const uint8_t *sources;
	size_t num_sources;
	const uint8_t *records;
	size_t records_len;
	size_t num_records;
	size_t extra_len;
};

/*
 * struct ipv4_igmp_record is one group record of a v3 report.
 *
 *   type         the record type: IPV4_IGMP_MODE_IS_INCLUDE .. _BLOCK_OLD_
 *                SOURCES, or any other value, passed through so that the
 *                caller can ignore it as RFC 3376 section 4.2.12 asks
 *   group        the multicast address, network byte order
 *   sources      view of num_sources addresses, 4 bytes each, network
 *                byte order (NULL when num_sources is 0)
 *   num_sources  the number of sources
 *   aux          view of the auxiliary data (NULL when aux_len is 0)
 *   aux_len      bytes of auxiliary data: 4 times the wire's word count
 */
struct ipv4_igmp_record {
	uint8_t type;
	struct in_addr group;
	const uint8_t *sources;
	size_t num_sources;
	const uint8_t *aux;
	size_t aux_len;
};

/*
 * struct ipv4_igmp_record_iter walks the group records of a v3 report. Its
 * fields are private: use ipv4_igmp_record_iter_init and _next.
 */
struct ipv4_igmp_record_iter {
	const uint8_t *next;
	size_t left;
	size_t remaining;
	int state;
};

/*
 * ipv4_igmp_parse decodes the IGMP message in[0..in_len) (the whole IP
 * payload) into *out, checking, in this order, that it is at least 8
 * bytes, of a known type, of a length that names one query version, that
 * its source list or group records (each with its aux data) fit in in_len,
 * and last that the checksum over all in_len bytes verifies. Bytes after
 * the last field are allowed and counted in extra_len.
 *
 * Returns 0 on success; *out then holds views into in. On failure *out is
 * zeroed and the result is one of:
 *   IPV4_EINVAL      out or in is NULL
 *   IPV4_EIGMPSHORT  fewer than 8 bytes, or the sources or group records
 *                    the message announces run past in_len
 *   IPV4_EIGMPTYPE   the type is none of the five above
 *   IPV4_EIGMPLEN    a query of 9, 10 or 11 bytes (RFC 3376 section 7.1:
 *                    such a query must be ignored)
 *   IPV4_EIGMPSUM    the checksum does not verify
 */
IPV4_EXPORT int ipv4_igmp_parse(struct ipv4_igmp_message *out,
				const uint8_t *in, size_t in_len);

/*
 * ipv4_igmp_marshal_size returns the bytes ipv4_igmp_marshal writes for m,
 * or the code it would fail with.
 */
IPV4_EXPORT int ipv4_igmp_marshal_size(const struct ipv4_igmp_message *m);

/*
 * ipv4_igmp_marshal encodes m into out (out_cap bytes) and fills in the
 * checksum. type and version choose the layout; a v3 report's records are
 * copied from m->records as they are (build them with
 * ipv4_igmp_record_marshal). Fields the layout does not have must be zero,
 * so that the message parses back to *m (extra_len and checksum aside).
 *
 * Returns 0 with *out_len set to the bytes written. On failure nothing is
 * reported as written and the result is one of:
 *   IPV4_EINVAL      m or out_len is NULL, or out is NULL with out_cap > 0;
 *                    or m cannot be encoded faithfully: version not that of
 *                    the type, a v1 query with a max resp code or a v2 query
 *                    without one, s_flag above 1, qrv above 7, a field set
 *                    that the layout lacks, a count above 65535, or a
 *                    message above IPV4_IGMP_MAX_LEN
 *   IPV4_EIGMPTYPE   type is none of the five message types
 *   IPV4_EIGMPSHORT  the records do not hold num_records group records
 *                    exactly (checked as ipv4_igmp_parse checks them)
 *   IPV4_ENOBUF      out_cap is too small; *out_len is set to the size
 *                    needed and out is untouched
 */
IPV4_EXPORT int ipv4_igmp_marshal(const struct ipv4_igmp_message *m,
				  uint8_t *out, size_t out_cap,
				  size_t *out_len);

/*
 * ipv4_igmp_record_iter_init starts *it at the first group record of m (a
 * v3 report from ipv4_igmp_parse, or one built for ipv4_igmp_marshal; any
 * other message has no records). m must outlive the walk only through its
 * records view. Returns 0, or IPV4_EINVAL when it or m is NULL.
 */
IPV4_EXPORT int ipv4_igmp_record_iter_init(struct ipv4_igmp_record_iter *it,
					   const struct ipv4_igmp_message *m);

/*
 * ipv4_igmp_record_next describes the next group record in *out. Returns 1
 * with *out filled, 0 after the last of num_records, or a negative code
 * with *out zeroed: IPV4_EINVAL when it or out is NULL, IPV4_EIGMPSHORT
 * when a record runs past the records view (never for a parsed message).
 */
IPV4_EXPORT int ipv4_igmp_record_next(struct ipv4_igmp_record_iter *it,
				      struct ipv4_igmp_record *out);

/*
 * ipv4_igmp_record_marshal_size returns the bytes ipv4_igmp_record_marshal writes
 * for r: 8, 4 per source and aux_len; or IPV4_EINVAL when r is NULL, has
 * more than 65535 sources, aux_len is not a multiple of 4 or above
 * IPV4_IGMP_MAX_AUX_LEN, or a view is NULL with a non-zero count.
 */
IPV4_EXPORT int ipv4_igmp_record_marshal_size(const struct ipv4_igmp_record *r);

/*
 * ipv4_igmp_record_marshal encodes one group record into out (out_cap
 * bytes), to be placed in a v3 report's records. Any record type is
 * written as given. Returns 0 with *out_len set to the bytes written, or
 * IPV4_EINVAL (as ipv4_igmp_record_marshal_size; or out_len NULL, or out NULL with
 * out_cap > 0), or IPV4_ENOBUF with *out_len set to the size needed and out
 * untouched.
 */
IPV4_EXPORT int ipv4_igmp_record_marshal(const struct ipv4_igmp_record *r,
					 uint8_t *out, size_t out_cap,
					 size_t *out_len);

/*
 * ipv4_igmp_source copies address i of a source list (sources holds
 * num_sources addresses of 4 bytes, as in the structures above) into *out.
 * Returns 0, or IPV4_EINVAL when out or sources is NULL or i is not below
 * num_sources.
 */
IPV4_EXPORT int ipv4_igmp_source(const uint8_t *sources, size_t num_sources,
				 size_t i, struct in_addr *out);

/*
 * ipv4_igmp_code_value returns the value of a v3 Max Resp Code or QQIC
 * (RFC 3376 sections 4.1.1 and 4.1.7): code itself below 128, else the
 * floating-point form (mantissa | 0x10) << (exponent + 3). For Max Resp
 * Code the unit is a tenth of a second, for QQIC a second.
 */
IPV4_EXPORT uint32_t ipv4_igmp_code_value(uint8_t code);

/*
 * ipv4_igmp_string writes a one-line summary of m into out, snprintf-style
 * (at most out_cap bytes with the NUL; NUL-terminated when out_cap > 0):
 *   v1-query group=G
 *   v2-query maxresp=N group=G
 *   v3-query maxresp=N group=G s=S qrv=N qqic=N sources=LIST
 *   v1-report group=G
 *   v2-report group=G
 *   v2-leave group=G
 *   v3-report records=M REC...
 * where each REC is " NAME group=G aux=N sources=LIST" (NAME is is_in,
 * is_ex, to_in, to_ex, allow, block, or recT for another type T; aux=N is
 * aux_len in bytes), LIST is the sources as dotted quads joined by commas
 * (empty when none), and numbers are decimal. A NULL m prints "<nil>".
 *
 * Returns the length of the whole text without the NUL (out_cap or more
 * means it was cut), or: IPV4_EINVAL when out is NULL with out_cap > 0,
 * m's type and version name no message, m's sources is NULL with
 * num_sources above 0 or num_sources is above 65535 (as ipv4_igmp_marshal),
 * m's records is NULL with records_len above 0, or the text would be longer
 * than INT_MAX; IPV4_EIGMPSHORT when m's records do not hold num_records
 * records. On every failure out holds "" (out_cap > 0).
 */
IPV4_EXPORT int ipv4_igmp_string(const struct ipv4_igmp_message *m, char *out,
				 size_t out_cap);

#ifdef __cplusplus
}
#endif

#endif /* IPV4_IGMP_H */
