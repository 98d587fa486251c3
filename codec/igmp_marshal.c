/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/igmp_marshal.c - IGMP message and group-record encoders (igmp.h).
 *
 * Layouts as in codec/igmp.c. Each encoder measures and checks the whole
 * message first, writes it with a zero checksum, then fills the checksum
 * in over everything written.
 */
#include "ipv4/igmp.h"

#include <assert.h>
#include <string.h>

#include "codec/cursor.h"
#include "codec/igmp_wire.h"
#include "codec/marshal.h"
#include "ipv4/header.h"

#define CHECKSUM_OFFSET 2

/* view_ok: a view of count items is NULL only when count is 0. */
static int view_ok(const void *view, size_t count)
{
	return view != NULL || count == 0;
}

static int record_size(const struct ipv4_igmp_record *r)
{
	if (r->num_sources > IGMP_MAX_COUNT ||
	    !view_ok(r->sources, r->num_sources) || r->aux_len % 4 != 0 ||
	    r->aux_len > IPV4_IGMP_MAX_AUX_LEN ||
	    !view_ok(r->aux, r->aux_len)) {
		return IPV4_EINVAL;
	}
	return (int)(IPV4_IGMP_RECORD_MIN_LEN + r->num_sources * IGMP_ADDR_LEN +
		     r->aux_len);
}

int ipv4_igmp_record_marshal_size(const struct ipv4_igmp_record *r)
{
	return r == NULL ? IPV4_EINVAL : record_size(r);
}

int ipv4_igmp_record_marshal(const struct ipv4_igmp_record *r, uint8_t *out,
			     size_t out_cap, size_t *out_len)
{
	uint8_t *p;
	int need = marshal_begin(ipv4_igmp_record_marshal_size(r), out, out_cap,
				 out_len);

	if (need < 0) {
		return need;
	}
	p = out;
	p = put_u8(p, r->type);
	p = put_u8(p, (uint8_t)(r->aux_len / 4));
	p = put_be16(p, (uint16_t)r->num_sources);
	p = put_bytes(p, &r->group.s_addr, IGMP_ADDR_LEN);
	p = put_bytes(p, r->sources, r->num_sources * IGMP_ADDR_LEN);
	p = put_bytes(p, r->aux, r->aux_len);
	assert(p == out + need);
	*out_len = (size_t)need;
	return 0;
}

/* check_version: m->version is the one its type and max resp code allow. */
static int check_version(const struct ipv4_igmp_message *m)
{
	int fixed = ipv4__igmp_fixed_version(m->type);

	if (fixed < 0) {
		return fixed;
	}
	if (fixed > 0) {
		return m->version == fixed && m->max_resp_code == 0
			       ? 0
			       : IPV4_EINVAL;
	}
	if (m->version == 1) {
		return m->max_resp_code == 0 ? 0 : IPV4_EINVAL;
	}
	if (m->version == 2) {
		return m->max_resp_code != 0 ? 0 : IPV4_EINVAL;
	}
	return m->version == 3 ? 0 : IPV4_EINVAL;
}

static int is_query_v3(const struct ipv4_igmp_message *m)
{
	return m->type == IPV4_IGMP_MEMBERSHIP_QUERY && m->version == 3;
}

static int is_report_v3(const struct ipv4_igmp_message *m)
{
	return m->type == IPV4_IGMP_V3_MEMBERSHIP_REPORT;
}

/* check_absent: the fields m's layout does not carry are zero. */
static int check_absent(const struct ipv4_igmp_message *m)
{
	if (!is_query_v3(m) && (m->s_flag != 0 || m->qrv != 0 || m->qqic != 0 ||
				m->num_sources != 0 || m->sources != NULL)) {
		return IPV4_EINVAL;
	}
	if (!is_report_v3(m) && (m->num_records != 0 || m->records_len != 0 ||
				 m->records != NULL)) {
		return IPV4_EINVAL;
	}
	if (is_report_v3(m) && m->group.s_addr != 0) {
		return IPV4_EINVAL;
	}
	return 0;
}

static int query_v3_size(const struct ipv4_igmp_message *m)
{
	if (m->s_flag > 1 || m->qrv > IGMP_QRV_MASK ||
	    m->num_sources > IGMP_MAX_COUNT ||
	    !view_ok(m->sources, m->num_sources)) {
		return IPV4_EINVAL;
	}
	return (int)(IPV4_IGMP_V3_QUERY_MIN_LEN +
		     m->num_sources * IGMP_ADDR_LEN);
}

static int report_v3_size(const struct ipv4_igmp_message *m)
{
	size_t used = 0;
	int rc;

	if (m->num_records > IGMP_MAX_COUNT ||
	    m->records_len > IPV4_IGMP_MAX_LEN ||
	    !view_ok(m->records, m->records_len)) {
		return IPV4_EINVAL;
	}
	rc = ipv4__igmp_walk_records(m->records, m->records_len, m->num_records,
				     &used);
	if (rc < 0) {
		return rc;
	}
	if (used != m->records_len) {
		return IPV4_EIGMPSHORT;
	}
	return (int)(IPV4_IGMP_MIN_LEN + m->records_len);
}

/* measure returns the encoded size of m, or why it cannot be encoded. */
static int measure(const struct ipv4_igmp_message *m)
{
	int rc = check_version(m);

	if (rc == 0) {
		rc = check_absent(m);
	}
	if (rc < 0) {
		return rc;
	}
	if (is_query_v3(m)) {
		rc = query_v3_size(m);
	} else if (is_report_v3(m)) {
		rc = report_v3_size(m);
	} else {
		rc = IPV4_IGMP_MIN_LEN;
	}
	return rc > IPV4_IGMP_MAX_LEN ? IPV4_EINVAL : rc;
}

int ipv4_igmp_marshal_size(const struct ipv4_igmp_message *m)
{
	return m == NULL ? IPV4_EINVAL : measure(m);
}

static uint8_t *put_body(uint8_t *p, const struct ipv4_igmp_message *m)
{
	if (is_report_v3(m)) {
		p = put_be16(p, 0);
		p = put_be16(p, (uint16_t)m->num_records);
		return put_bytes(p, m->records, m->records_len);
	}
	p = put_bytes(p, &m->group.s_addr, IGMP_ADDR_LEN);
	if (is_query_v3(m)) {
		p = put_u8(p,
			   (uint8_t)((m->s_flag ? IGMP_S_FLAG : 0u) | m->qrv));
		p = put_u8(p, m->qqic);
		p = put_be16(p, (uint16_t)m->num_sources);
		p = put_bytes(p, m->sources, m->num_sources * IGMP_ADDR_LEN);
	}
	return p;
}

int ipv4_igmp_marshal(const struct ipv4_igmp_message *m, uint8_t *out,
		      size_t out_cap, size_t *out_len)
{
	uint8_t *p;
	int need = marshal_begin(ipv4_igmp_marshal_size(m), out, out_cap,
				 out_len);

	if (need < 0) {
		return need;
	}
	p = out;
	p = put_u8(p, m->type);
	p = put_u8(p, m->max_resp_code);
	p = put_be16(p, 0);
	p = put_body(p, m);
	assert(p == out + need);
	(void)put_be16(out + CHECKSUM_OFFSET, ipv4_checksum(out, (size_t)need));
	*out_len = (size_t)need;
	return 0;
}
