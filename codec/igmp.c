/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/igmp.c - IGMP parse and group-record walk (igmp.h).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |      Type     | Max Resp Code |           Checksum            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Group Address                         |  v1, v2,
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  v3 query
 *   | Resv  |S| QRV |     QQIC      |     Number of Sources (N)     |  v3 query
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                  Source Address [1..N]                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *   v3 report: after Type (0x22), Reserved and Checksum:
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Reserved            |  Number of Group Records (M)  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | Record Type   | Aux Data Len  |     Number of Sources (N)     |  each of
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  the M
 *   |                       Multicast Address                       |  records
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |      Source Address [1..N], then Aux Data Len 32-bit words    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "ipv4/igmp.h"

#include <string.h>

#include "codec/cursor.h"
#include "codec/igmp_wire.h"
#include "ipv4/header.h"

#define V1V2_LEN 8u

int ipv4__igmp_fixed_version(uint8_t type)
{
	switch (type) {
	case IPV4_IGMP_MEMBERSHIP_QUERY:
		return 0;
	case IPV4_IGMP_V1_MEMBERSHIP_REPORT:
		return 1;
	case IPV4_IGMP_V2_MEMBERSHIP_REPORT:
	case IPV4_IGMP_V2_LEAVE_GROUP:
		return 2;
	case IPV4_IGMP_V3_MEMBERSHIP_REPORT:
		return 3;
	default:
		return IPV4_EIGMPTYPE;
	}
}

/* query_version applies RFC 3376 section 7.1 to a query of len bytes. */
static int query_version(size_t len, uint8_t max_resp_code)
{
	if (len == V1V2_LEN) {
		return max_resp_code == 0 ? 1 : 2;
	}
	if (len >= IPV4_IGMP_V3_QUERY_MIN_LEN) {
		return 3;
	}
	return IPV4_EIGMPLEN;
}

/* get_addrs takes a view of n 4-byte addresses off c. */
static int get_addrs(struct cursor *c, size_t n, const uint8_t **out)
{
	struct cursor v;

	if (!cursor_view(c, &v, n * IGMP_ADDR_LEN)) {
		return 0;
	}
	*out = n > 0 ? v.data : NULL;
	return 1;
}

/* read_record decodes the group record at the start of c and consumes it. */
static int read_record(struct cursor *c, struct ipv4_igmp_record *r)
{
	struct cursor at = *c;
	uint8_t aux_words = 0;
	uint16_t num_sources = 0;
	struct cursor aux;

	if (!cursor_get_u8(&at, &r->type) || !cursor_get_u8(&at, &aux_words) ||
	    !cursor_get_be16(&at, &num_sources) ||
	    !cursor_get_bytes(&at, &r->group.s_addr, IGMP_ADDR_LEN) ||
	    !get_addrs(&at, num_sources, &r->sources) ||
	    !cursor_view(&at, &aux, (size_t)aux_words * 4)) {
		return IPV4_EIGMPSHORT;
	}
	r->num_sources = num_sources;
	r->aux_len = aux.len;
	r->aux = aux.len > 0 ? aux.data : NULL;
	*c = at;
	return 0;
}

int ipv4__igmp_walk_records(const uint8_t *records, size_t len,
			    size_t num_records, size_t *out_used)
{
	struct cursor c = cursor_make(records, len);
	struct ipv4_igmp_record r;

	for (size_t i = 0; i < num_records; i++) {
		int rc = read_record(&c, &r);

		if (rc < 0) {
			return rc;
		}
	}
	*out_used = len - c.len;
	return 0;
}

static int parse_query_v3(struct ipv4_igmp_message *m, struct cursor *c)
{
	uint8_t flags = 0;
	uint16_t n = 0;

	if (!cursor_get_u8(c, &flags) || !cursor_get_u8(c, &m->qqic) ||
	    !cursor_get_be16(c, &n)) {
		return IPV4_EIGMPSHORT;
	}
	m->s_flag = (flags & IGMP_S_FLAG) != 0;
	m->qrv = (uint8_t)(flags & IGMP_QRV_MASK);
	m->num_sources = n;
	return get_addrs(c, n, &m->sources) ? 0 : IPV4_EIGMPSHORT;
}

static int parse_report_v3(struct ipv4_igmp_message *m, struct cursor *c)
{
	uint16_t m_count = 0;
	size_t used = 0;
	int rc;

	if (!cursor_skip(c, 2) /* Reserved */ ||
	    !cursor_get_be16(c, &m_count)) {
		return IPV4_EIGMPSHORT;
	}
	rc = ipv4__igmp_walk_records(c->data, c->len, m_count, &used);
	if (rc < 0) {
		return rc;
	}
	m->num_records = m_count;
	m->records_len = used;
	m->records = used > 0 ? c->data : NULL;
	return cursor_skip(c, used) ? 0 : IPV4_EIGMPSHORT;
}

/* parse_body decodes what follows the type, code and checksum octets. */
static int parse_body(struct ipv4_igmp_message *m, struct cursor *c)
{
	if (m->type == IPV4_IGMP_V3_MEMBERSHIP_REPORT) {
		return parse_report_v3(m, c);
	}
	if (!cursor_get_bytes(c, &m->group.s_addr, IGMP_ADDR_LEN)) {
		return IPV4_EIGMPSHORT;
	}
	if (m->version == 3) {
		return parse_query_v3(m, c);
	}
	return 0;
}

int ipv4_igmp_parse(struct ipv4_igmp_message *out, const uint8_t *in,
		    size_t in_len)
{
	struct ipv4_igmp_message m;
	struct cursor c;
	uint8_t code = 0;
	int rc;

	if (out == NULL) {
		return IPV4_EINVAL;
	}
	memset(out, 0, sizeof(*out));
	if (in == NULL) {
		return IPV4_EINVAL;
	}
	memset(&m, 0, sizeof(m));
	c = cursor_make(in, in_len);
	if (in_len < IPV4_IGMP_MIN_LEN || !cursor_get_u8(&c, &m.type) ||
	    !cursor_get_u8(&c, &code) || !cursor_get_be16(&c, &m.checksum)) {
		return IPV4_EIGMPSHORT;
	}
	rc = ipv4__igmp_fixed_version(m.type);
	if (rc == 0) {
		m.max_resp_code = code;
		rc = query_version(in_len, code);
	}
	if (rc < 0) {
		return rc;
	}
	m.version = (uint8_t)rc;
	rc = parse_body(&m, &c);
	if (rc < 0) {
		return rc;
	}
	m.extra_len = c.len;
	if (ipv4_checksum(in, in_len) != 0) {
		return IPV4_EIGMPSUM;
	}
	*out = m;
	return 0;
}

int ipv4_igmp_record_iter_init(struct ipv4_igmp_record_iter *it,
			       const struct ipv4_igmp_message *m)
{
	if (it == NULL) {
		return IPV4_EINVAL;
	}
	memset(it, 0, sizeof(*it));
	if (m == NULL || (m->records == NULL && m->records_len > 0)) {
		it->state = IPV4_EINVAL;
		return IPV4_EINVAL;
	}
	it->next = m->records;
	it->left = m->records_len;
	it->remaining = m->num_records;
	return 0;
}

int ipv4_igmp_record_next(struct ipv4_igmp_record_iter *it,
			  struct ipv4_igmp_record *out)
{
	struct cursor c;
	int rc;

	if (out != NULL) {
		memset(out, 0, sizeof(*out));
	}
	if (it == NULL || out == NULL) {
		return IPV4_EINVAL;
	}
	if (it->state < 0) {
		return it->state;
	}
	if (it->remaining == 0) {
		return 0;
	}
	c = cursor_make(it->next, it->left);
	rc = read_record(&c, out);
	if (rc < 0) {
		memset(out, 0, sizeof(*out));
		it->state = rc;
		return rc;
	}
	it->next = c.data;
	it->left = c.len;
	it->remaining--;
	return 1;
}

int ipv4_igmp_source(const uint8_t *sources, size_t num_sources, size_t i,
		     struct in_addr *out)
{
	if (out == NULL || sources == NULL || i >= num_sources) {
		return IPV4_EINVAL;
	}
	memcpy(&out->s_addr, sources + i * IGMP_ADDR_LEN, IGMP_ADDR_LEN);
	return 0;
}

uint32_t ipv4_igmp_code_value(uint8_t code)
{
	uint32_t mant = code & 0x0fu;
	uint32_t exp = (uint32_t)(code >> 4) & 0x07u;

	if (code < 0x80) {
		return code;
	}
	return (mant | 0x10u) << (exp + 3);
}
