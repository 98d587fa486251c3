/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/lib/dns.h - just enough DNS (RFC 1035) for a one-shot multicast DNS
 * responder (RFC 6762): names, the header, questions, and an A-record
 * response.
 *
 *   header (12 bytes):
 *     | ID (2) | QR:1 OPCODE:4 AA:1 TC:1 RD:1 RA:1 Z:3 RCODE:4 (2) |
 *     | QDCOUNT (2) | ANCOUNT (2) | NSCOUNT (2) | ARCOUNT (2) |
 *   question:  | QNAME (labels) | QTYPE (2) | QCLASS (2) |
 *   answer:    | NAME | TYPE (2) | CLASS (2) | TTL (4) | RDLENGTH (2) |
 *              | RDATA (RDLENGTH bytes; an A record: 4) |
 *   name: labels, each a length octet 1..63 and that many bytes, ending
 *   with a zero octet; or, anywhere, a two-octet pointer 11xxxxxx xxxxxxxx
 *   to a name earlier in the message (compression).
 *
 * Pure C11: no allocation, no system call, no global state. Parsing reads
 * through one bounds-checked reader; nothing points into the input after a
 * call returns (names are copied out in wire form).
 */
#ifndef EXAMPLES_DNS_H
#define EXAMPLES_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DNS_HEADER_LEN 12
#define DNS_MAX_NAME_LEN 255 /* wire form, final zero octet included */
#define DNS_MAX_LABEL_LEN 63
#define DNS_MAX_NAME_TEXT \
	1024 /* the longest text dns_name_to_text writes,
				  NUL included (every octet as \DDD) */

#define DNS_TYPE_A 1
#define DNS_TYPE_ANY 255
#define DNS_CLASS_IN 1
/* The top bit of QCLASS in an mDNS question asks for a unicast response
   (the "QU" bit, RFC 6762 section 5.4). */
#define DNS_CLASS_QU 0x8000

#define DNS_FLAG_QR 0x8000 /* a response */
#define DNS_FLAG_AA 0x0400 /* authoritative answer */
#define DNS_FLAG_TC 0x0200 /* truncated */
#define DNS_OPCODE(flags) (((unsigned)(flags) >> 11) & 0xfu)

/* Results. */
#define DNS_OK 0
#define DNS_EINVAL (-1) /* NULL argument */
#define DNS_ESHORT (-2) /* the message ends inside a field */
#define DNS_ENAME \
	(-3)		/* a name is malformed: label type 01 or 10,
			      a pointer that does not point backwards, a
			      name over 255 octets */
#define DNS_ETEXT (-4)	/* a name's text is not a valid name */
#define DNS_ENOBUF (-5) /* the output buffer is too small */

/* struct dns_name is a name in wire form, uncompressed. */
struct dns_name {
	uint8_t wire[DNS_MAX_NAME_LEN];
	size_t len; /* octets used, final zero included: 1..255 */
};

/* struct dns_header is the message header, fields in host byte order. */
struct dns_header {
	uint16_t id;
	uint16_t flags;
	uint16_t qdcount;
	uint16_t ancount;
	uint16_t nscount;
	uint16_t arcount;
};

/* struct dns_question is one entry of the question section. */
struct dns_question {
	struct dns_name name;
	uint16_t qtype;
	uint16_t qclass; /* as received: may carry DNS_CLASS_QU */
};

/* dns_strerror returns a static text for a DNS_E* result. */
const char *dns_strerror(int code);

/*
 * dns_name_from_text converts "host.local" (a final dot is allowed) into
 * wire form in *out. Labels are 1..63 octets of anything but '.', and the
 * name at most 255 octets in wire form; "." alone is the root name.
 * Returns DNS_OK, DNS_EINVAL, or DNS_ETEXT (*out then has len 0).
 */
int dns_name_from_text(struct dns_name *out, const char *text);

/*
 * dns_name_to_text writes n as text, "host.local." (root: "."), into out
 * (out_cap bytes, NUL-terminated when out_cap > 0), escaping '.', '\\' and
 * octets outside printable ASCII as \DDD. Returns the length of the whole
 * text; out_cap or more means it was cut (DNS_MAX_NAME_TEXT always fits).
 * Returns DNS_EINVAL when n is NULL or out is NULL with out_cap > 0.
 */
int dns_name_to_text(const struct dns_name *n, char *out, size_t out_cap);

/*
 * dns_name_equal says whether a and b are the same name, ignoring the case
 * of ASCII letters as DNS does (RFC 4343).
 */
bool dns_name_equal(const struct dns_name *a, const struct dns_name *b);

/*
 * dns_read_header decodes the header of msg[0..msg_len) into *out.
 * Returns DNS_OK, DNS_EINVAL, or DNS_ESHORT (*out zeroed).
 */
int dns_read_header(const uint8_t *msg, size_t msg_len, struct dns_header *out);

/*
 * dns_read_name decodes the name at msg[*pos] into *out, following
 * compression pointers (each must point before every octet of the name
 * read so far, so no octet is read twice and no loop can form), and moves
 * *pos past the name as it sits at *pos (past the first pointer when there
 * is one). Returns DNS_OK, DNS_EINVAL,
 * DNS_ESHORT or DNS_ENAME; on failure *pos is unchanged and *out has len 0.
 */
int dns_read_name(const uint8_t *msg, size_t msg_len, size_t *pos,
		  struct dns_name *out);

/*
 * dns_read_question decodes the question at msg[*pos] into *out and moves
 * *pos past it. Returns as dns_read_name; on failure *pos is unchanged
 * and *out is zeroed.
 */
int dns_read_question(const uint8_t *msg, size_t msg_len, size_t *pos,
		      struct dns_question *out);

/*
 * dns_find_a_question looks through the questions of the query msg[0..
 * msg_len) for one that asks for the address of name: QTYPE A or ANY,
 * QCLASS IN (the QU bit aside). Messages that are not standard queries
 * (QR set, or an OPCODE other than 0, which RFC 6762 section 18.3 says to
 * ignore) ask for nothing.
 *
 * Returns 1 with the header in *out_hdr and the matching question in
 * *out_q, 0 when the message is a well-formed query that does not ask, or
 * when it is not a query, or a negative DNS_E* code when the header or a
 * question before the match is malformed.
 */
int dns_find_a_question(const uint8_t *msg, size_t msg_len,
			const struct dns_name *name, struct dns_header *out_hdr,
			struct dns_question *out_q);

/*
 * dns_a_response_size returns the bytes dns_build_a_response writes for a
 * question of q's name: 12 + the question + 16 for the answer.
 */
size_t dns_a_response_size(const struct dns_question *q);

/*
 * dns_build_a_response writes the response RFC 6762 section 6.7 asks of a
 * responder to a one-shot ("legacy unicast") query: the query's id, the
 * flags QR and AA, the question q repeated as it came, and one answer, an
 * A record for q's name (by a compression pointer to the question) with
 * class IN, the cache-flush bit clear, the given ttl in seconds (section
 * 6.7: no more than 10) and addr.
 *
 * Returns DNS_OK with *out_len set to the bytes written, DNS_EINVAL (q or
 * out_len NULL, out NULL with out_cap > 0, or q's name empty), or
 * DNS_ENOBUF with *out_len set to the size needed and out untouched.
 */
int dns_build_a_response(uint16_t id, const struct dns_question *q,
			 struct in_addr addr, uint32_t ttl, uint8_t *out,
			 size_t out_cap, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* EXAMPLES_DNS_H */
