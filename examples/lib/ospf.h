/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/lib/ospf.h - the OSPFv2 Hello packet (RFC 2328 appendix A.3.2).
 *
 *   OSPF header (A.3.1), 24 bytes:
 *     | version 2 | type 1 | packet length (2) |
 *     | router ID (4) | area ID (4) |
 *     | checksum (2) | AuType (2) | authentication (8) |
 *   Hello body, 20 bytes and 4 per neighbor:
 *     | network mask (4) |
 *     | HelloInterval (2) | options | router priority |
 *     | RouterDeadInterval (4) |
 *     | designated router (4) | backup designated router (4) |
 *     | neighbor (4) ... |
 *
 * The checksum (D.4.1, D.4.2) is the Internet checksum of the whole packet
 * except the 8-byte authentication field. Only AuType 0 (none) and 1
 * (simple password) are handled: cryptographic authentication (2) appends
 * a digest this example does not compute.
 *
 * Pure C11 on libipv4's ipv4_checksum: no allocation, no system call.
 */
#ifndef EXAMPLES_OSPF_H
#define EXAMPLES_OSPF_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OSPF_PROTOCOL 89 /* IP protocol number */
#define OSPF_VERSION 2
#define OSPF_TYPE_HELLO 1
#define OSPF_HEADER_LEN 24
#define OSPF_HELLO_FIXED_LEN 20 /* the Hello body without neighbors */
#define OSPF_AUTH_LEN 8
#define OSPF_AUTYPE_NONE 0
#define OSPF_AUTYPE_SIMPLE 1
/* The most neighbors this example lists (a 1500-byte MTU would take 360). */
#define OSPF_MAX_NEIGHBORS 64
/* The E bit of the options (A.2): the area takes AS-external routes. */
#define OSPF_OPTION_E 0x02

/* AllSPFRouters (A.1), where Hellos are sent on broadcast networks. */
#define OSPF_ALL_SPF_ROUTERS "224.0.0.5"

/* Results. */
#define OSPF_OK 0
#define OSPF_EINVAL (-1)    /* NULL argument or a field out of range */
#define OSPF_ENOBUF (-2)    /* output buffer too small */
#define OSPF_ESHORT (-3)    /* fewer bytes than a Hello or its length */
#define OSPF_EVERSION (-4)  /* version is not 2 */
#define OSPF_ETYPE (-5)	    /* not a Hello */
#define OSPF_ELENGTH (-6)   /* packet length not 44 + 4n */
#define OSPF_EAUTYPE (-7)   /* AuType other than 0 or 1 */
#define OSPF_ECHECKSUM (-8) /* the checksum does not verify */

/*
 * struct ospf_hello is a Hello packet's fields, addresses in network byte
 * order, numbers in host byte order. neighbors is a view of num_neighbors
 * addresses of 4 bytes each, network byte order (a struct in_addr array
 * has this layout); NULL when there are none. checksum is what parse
 * found; marshal computes it and ignores this field.
 */
struct ospf_hello {
	struct in_addr router_id;
	struct in_addr area_id;
	uint16_t checksum;
	uint16_t autype;
	uint8_t auth[OSPF_AUTH_LEN];
	struct in_addr network_mask;
	uint16_t hello_interval; /* seconds */
	uint8_t options;
	uint8_t priority;
	uint32_t dead_interval; /* seconds */
	struct in_addr dr;
	struct in_addr bdr;
	const uint8_t *neighbors;
	size_t num_neighbors;
};

/* ospf_strerror returns a static text for an OSPF_E* result. */
const char *ospf_strerror(int code);

/*
 * ospf_checksum returns the OSPF checksum of pkt[0..len): the Internet
 * checksum of every byte except those of the authentication field (bytes
 * 16..23) that lie within len. To fill the field, zero it, compute and
 * store the result big-endian; over a packet whose checksum is right the
 * result is 0. pkt may be NULL only when len is 0.
 */
uint16_t ospf_checksum(const uint8_t *pkt, size_t len);

/*
 * ospf_hello_size returns the bytes ospf_hello_marshal writes for h,
 * 44 + 4 * num_neighbors, or OSPF_EINVAL when h is NULL or lists more than
 * OSPF_MAX_NEIGHBORS neighbors, or none with a NULL view.
 */
int ospf_hello_size(const struct ospf_hello *h);

/*
 * ospf_hello_marshal encodes h as a complete Hello packet into out
 * (out_cap bytes) with version 2, type 1, the packet length, and the
 * checksum computed. Returns OSPF_OK with *out_len set to the bytes
 * written, OSPF_EINVAL (as ospf_hello_size, or out_len NULL, or out NULL
 * with out_cap > 0), OSPF_EAUTYPE, or OSPF_ENOBUF with *out_len set to the
 * size needed and out untouched.
 */
int ospf_hello_marshal(const struct ospf_hello *h, uint8_t *out, size_t out_cap,
		       size_t *out_len);

/*
 * ospf_hello_parse decodes the Hello packet pkt[0..len) into *out: checks,
 * in this order, the length is at least 44 (OSPF_ESHORT), the version
 * (OSPF_EVERSION), the type (OSPF_ETYPE), the packet length field, 44 + 4n
 * and at most len (OSPF_ELENGTH; bytes after it are ignored), the AuType
 * (OSPF_EAUTYPE), and the checksum (OSPF_ECHECKSUM). Returns OSPF_OK with
 * out->neighbors a view into pkt, or a code above with *out zeroed
 * (OSPF_EINVAL for a NULL out or pkt).
 */
int ospf_hello_parse(const uint8_t *pkt, size_t len, struct ospf_hello *out);

#ifdef __cplusplus
}
#endif

#endif /* EXAMPLES_OSPF_H */
