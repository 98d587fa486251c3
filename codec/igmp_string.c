/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/igmp_string.c - the one-line IGMP summary (igmp.h), also the
 * answer of the conformance probe's igmp kind:
 *
 *   v3-query maxresp=100 group=0.0.0.0 s=0 qrv=2 qqic=125 sources=
 *   v3-report records=1 to_ex group=239.1.2.3 aux=0 sources=
 */
#include "ipv4/igmp.h"

#include <string.h>

#include "codec/igmp_wire.h"
#include "codec/text.h"

static const char *const record_names[] = {
	[IPV4_IGMP_MODE_IS_INCLUDE] = "is_in",
	[IPV4_IGMP_MODE_IS_EXCLUDE] = "is_ex",
	[IPV4_IGMP_CHANGE_TO_INCLUDE] = "to_in",
	[IPV4_IGMP_CHANGE_TO_EXCLUDE] = "to_ex",
	[IPV4_IGMP_ALLOW_NEW_SOURCES] = "allow",
	[IPV4_IGMP_BLOCK_OLD_SOURCES] = "block",
};

/* kind_name names a message with its version, or NULL for no message. */
static const char *kind_name(const struct ipv4_igmp_message *m)
{
	int fixed = ipv4__igmp_fixed_version(m->type);

	if (fixed < 0 || m->version < 1 || m->version > 3 ||
	    (fixed > 0 && m->version != fixed)) {
		return NULL;
	}
	switch (m->type) {
	case IPV4_IGMP_MEMBERSHIP_QUERY:
		return "query";
	case IPV4_IGMP_V2_LEAVE_GROUP:
		return "leave";
	default:
		return "report";
	}
}

static void text_sources(struct text *t, const uint8_t *sources, size_t n)
{
	struct in_addr a;

	ipv4__text_str(t, " sources=");
	for (size_t i = 0; i < n; i++) {
		memcpy(&a.s_addr, sources + i * IGMP_ADDR_LEN, IGMP_ADDR_LEN);
		if (i > 0) {
			ipv4__text_char(t, ',');
		}
		ipv4__text_addr(t, a);
	}
}

static void text_group(struct text *t, struct in_addr group)
{
	ipv4__text_str(t, " group=");
	ipv4__text_addr(t, group);
}

static void text_record(struct text *t, const struct ipv4_igmp_record *r)
{
	ipv4__text_char(t, ' ');
	if (r->type < sizeof(record_names) / sizeof(record_names[0]) &&
	    record_names[r->type] != NULL) {
		ipv4__text_str(t, record_names[r->type]);
	} else {
		ipv4__text_str(t, "rec");
		ipv4__text_dec(t, r->type);
	}
	text_group(t, r->group);
	ipv4__text_str(t, " aux=");
	ipv4__text_dec(t, r->aux_len);
	text_sources(t, r->sources, r->num_sources);
}

static int text_records(struct text *t, const struct ipv4_igmp_message *m)
{
	struct ipv4_igmp_record_iter it;
	struct ipv4_igmp_record r;
	int rc = ipv4_igmp_record_iter_init(&it, m);

	ipv4__text_str(t, " records=");
	ipv4__text_dec(t, m->num_records);
	while (rc == 0 && (rc = ipv4_igmp_record_next(&it, &r)) == 1) {
		text_record(t, &r);
		rc = 0;
	}
	return rc;
}

static void text_query(struct text *t, const struct ipv4_igmp_message *m)
{
	if (m->version > 1) {
		ipv4__text_str(t, " maxresp=");
		ipv4__text_dec(t, m->max_resp_code);
	}
	text_group(t, m->group);
	if (m->version < 3) {
		return;
	}
	ipv4__text_str(t, " s=");
	ipv4__text_dec(t, m->s_flag);
	ipv4__text_str(t, " qrv=");
	ipv4__text_dec(t, m->qrv);
	ipv4__text_str(t, " qqic=");
	ipv4__text_dec(t, m->qqic);
	text_sources(t, m->sources, m->num_sources);
}

int ipv4_igmp_string(const struct ipv4_igmp_message *m, char *out,
		     size_t out_cap)
{
	struct text t;
	const char *kind;
	int rc = 0;

	if (out == NULL && out_cap > 0) {
		return IPV4_EINVAL;
	}
	ipv4__text_begin(&t, out, out_cap);
	if (m == NULL) {
		ipv4__text_str(&t, "<nil>");
		return ipv4__text_finish(&t);
	}
	kind = kind_name(m);
	/* The source list is read only for a v3 query, but refused for every
	 * message as ipv4_igmp_marshal refuses it: a view of num_sources
	 * addresses is NULL only when the count is 0, and a count fits the
	 * 16-bit field. */
	if (kind == NULL || m->num_sources > IGMP_MAX_COUNT ||
	    (m->sources == NULL && m->num_sources > 0)) {
		return IPV4_EINVAL;
	}
	ipv4__text_char(&t, 'v');
	ipv4__text_dec(&t, m->version);
	ipv4__text_char(&t, '-');
	ipv4__text_str(&t, kind);
	if (m->type == IPV4_IGMP_MEMBERSHIP_QUERY) {
		text_query(&t, m);
	} else if (m->type == IPV4_IGMP_V3_MEMBERSHIP_REPORT) {
		rc = text_records(&t, m);
	} else {
		text_group(&t, m->group);
	}
	if (rc < 0) {
		ipv4__text_begin(&t, out, out_cap); /* leave no half summary */
		return rc;
	}
	return ipv4__text_finish(&t); /* "" in out when it fails */
}
