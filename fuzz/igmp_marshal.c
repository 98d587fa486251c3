/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/igmp_marshal.c - ipv4_igmp_marshal and ipv4_igmp_record_marshal of
 * arbitrary structures, read back with the parser.
 *
 * Input: the fields of a struct ipv4_igmp_message, then of a struct
 * ipv4_igmp_record, read in order; their views (sources, records, aux
 * data) point into the rest of the input, or are NULL, or point into a
 * large zero block so that counts above 65535 can be tried. Checked,
 * against the rules of igmp.h:
 *   - a structure that breaks a rule gets one of the codes that rule names
 *     (the order of the checks is not documented, so any applicable code
 *     is accepted) and nothing written; one that breaks none is encoded;
 *   - marshal_size agrees with marshal; a short buffer is ENOBUF with the
 *     size and left untouched;
 *   - what is encoded parses back to the same message (views compared by
 *     content), with a checksum that verifies;
 *   - a record encodes to 8 + 4 * sources + aux bytes that the record
 *     iterator reads back as the same record.
 */
#include <string.h>

#include "fuzz/fuzz.h"
#include "ipv4/header.h"
#include "ipv4/igmp.h"

#define SENTINEL 0x5a
#define BIG_COUNT 65536u
#define BIT(n) (1u << (n))

/* A zero block big enough for BIG_COUNT addresses or a huge records view. */
static const uint8_t zeros[BIG_COUNT * 4];

static const uint8_t types[] = {
	IPV4_IGMP_MEMBERSHIP_QUERY,	IPV4_IGMP_V1_MEMBERSHIP_REPORT,
	IPV4_IGMP_V2_MEMBERSHIP_REPORT, IPV4_IGMP_V2_LEAVE_GROUP,
	IPV4_IGMP_V3_MEMBERSHIP_REPORT,
};

/* take_view hands out n bytes of the input for a view, fewer if short. */
static const uint8_t *take_view(struct fuzz_input *in, size_t *n)
{
	return fuzz_bytes(in, *n, n);
}

static void message_from_input(struct ipv4_igmp_message *m,
			       struct fuzz_input *in)
{
	uint8_t sel = fuzz_u8(in);
	uint8_t flags = fuzz_u8(in);
	uint8_t how = fuzz_u8(in); /* how the views are made */
	size_t n;

	memset(m, 0, sizeof(*m));
	m->type = sel < 250 ? types[sel % 5] : fuzz_u8(in);
	m->version = (uint8_t)(fuzz_u8(in) % 5);
	m->max_resp_code = fuzz_u8(in);
	m->checksum = fuzz_u16(in); /* ignored by marshal */
	m->group = fuzz_addr(in);
	m->s_flag = (uint8_t)(flags >> 6);
	m->qrv = (uint8_t)(flags & 15);
	m->qqic = fuzz_u8(in);
	m->num_sources = fuzz_u8(in) % 8;
	m->num_records = fuzz_u8(in) % 4;
	m->records_len = fuzz_u8(in);
	m->extra_len = fuzz_u8(in); /* ignored by marshal */
	n = m->num_sources * 4;
	m->sources = take_view(in, &n);
	m->num_sources = n / 4;
	n = m->records_len;
	m->records = take_view(in, &n);
	m->records_len = n;
	if (how & BIT(0)) {
		m->sources = NULL;
	}
	if (how & BIT(1)) {
		m->records = NULL;
	}
	if (how & BIT(2)) {
		m->sources = zeros;
		m->num_sources = BIG_COUNT - (how >> 7); /* 65536 or 65535 */
	}
	if (how & BIT(3)) {
		m->records = zeros;
		/* a message of exactly the largest size, or too big a view */
		m->records_len = IPV4_IGMP_MAX_LEN - 8 + 9 * (size_t)(how >> 7);
	}
	if (how & BIT(4)) {
		m->num_records = BIG_COUNT - (how >> 7);
	}
	if (m->sources == NULL && m->num_sources == 0 && (how & BIT(5))) {
		m->sources =
			zeros; /* a view of nothing, which marshal allows */
	}
}

/* fixed_version: 1, 2 or 3 for the types that have one, 0 for a query. */
static int fixed_version(uint8_t type)
{
	switch (type) {
	case IPV4_IGMP_V1_MEMBERSHIP_REPORT:
		return 1;
	case IPV4_IGMP_V2_MEMBERSHIP_REPORT:
	case IPV4_IGMP_V2_LEAVE_GROUP:
		return 2;
	case IPV4_IGMP_V3_MEMBERSHIP_REPORT:
		return 3;
	default:
		return 0;
	}
}

static int known_type(uint8_t type)
{
	return memchr(types, type, sizeof(types)) != NULL;
}

/* records_exact: the records view holds exactly num_records records. */
static int records_exact(const struct ipv4_igmp_message *m)
{
	size_t pos = 0;

	for (size_t i = 0; i < m->num_records; i++) {
		const uint8_t *p;
		size_t len;

		if (m->records_len - pos < 8) {
			return 0;
		}
		p = m->records + pos;
		len = 8 + 4 * (size_t)(p[2] << 8 | p[3]) + 4 * (size_t)p[1];
		if (len > m->records_len - pos) {
			return 0;
		}
		pos += len;
	}
	return pos == m->records_len;
}

/* bad_layout: the EINVAL rules that depend on the type. */
static int bad_layout(const struct ipv4_igmp_message *m)
{
	int fixed = fixed_version(m->type);
	int q3 = m->type == IPV4_IGMP_MEMBERSHIP_QUERY && m->version == 3;
	int r3 = m->type == IPV4_IGMP_V3_MEMBERSHIP_REPORT;

	if (fixed > 0 && (m->version != fixed || m->max_resp_code != 0)) {
		return 1;
	}
	if (fixed == 0 && (m->version < 1 || m->version > 3 ||
			   (m->version == 1 && m->max_resp_code != 0) ||
			   (m->version == 2 && m->max_resp_code == 0))) {
		return 1;
	}
	if (!q3 && (m->s_flag || m->qrv || m->qqic || m->num_sources ||
		    m->sources != NULL)) {
		return 1;
	}
	if (!r3 && (m->num_records || m->records_len || m->records != NULL)) {
		return 1;
	}
	return r3 && m->group.s_addr != 0;
}

/* size_of is the encoded size of a message that breaks no layout rule. */
static size_t size_of(const struct ipv4_igmp_message *m)
{
	if (m->type == IPV4_IGMP_V3_MEMBERSHIP_REPORT) {
		return 8 + m->records_len;
	}
	if (m->type == IPV4_IGMP_MEMBERSHIP_QUERY && m->version == 3) {
		return 12 + 4 * m->num_sources;
	}
	return 8;
}

/*
 * broken_rules sets bit k of the result for each code a rule the message
 * breaks names: 0 EIGMPTYPE, 1 EINVAL, 2 EIGMPSHORT. 0 means valid.
 */
static unsigned broken_rules(const struct ipv4_igmp_message *m)
{
	unsigned broken = 0;
	int r3 = m->type == IPV4_IGMP_V3_MEMBERSHIP_REPORT;

	if (m->s_flag > 1 || m->qrv > 7 || m->num_sources > 65535 ||
	    m->num_records > 65535 ||
	    (m->sources == NULL && m->num_sources > 0) ||
	    (m->records == NULL && m->records_len > 0)) {
		broken |= BIT(1);
	}
	if (!known_type(m->type)) {
		return broken | BIT(0);
	}
	if (bad_layout(m)) {
		broken |= BIT(1);
	}
	if (!bad_layout(m) && size_of(m) > IPV4_IGMP_MAX_LEN) {
		broken |= BIT(1);
	}
	if (r3 && m->num_records <= 65535 &&
	    (m->records != NULL || m->records_len == 0) && !records_exact(m)) {
		broken |= BIT(2);
	}
	return broken;
}

static int code_allowed(int rc, unsigned broken)
{
	return (rc == IPV4_EIGMPTYPE && (broken & BIT(0))) ||
	       (rc == IPV4_EINVAL && (broken & BIT(1))) ||
	       (rc == IPV4_EIGMPSHORT && (broken & BIT(2)));
}

static void check_parsed_back(const struct ipv4_igmp_message *m,
			      const uint8_t *out, size_t n)
{
	struct ipv4_igmp_message back;

	FUZZ_CHECK(ipv4_checksum(out, n) == 0);
	FUZZ_CHECK(ipv4_igmp_parse(&back, out, n) == 0);
	FUZZ_CHECK(back.type == m->type && back.version == m->version);
	FUZZ_CHECK(back.max_resp_code == m->max_resp_code);
	FUZZ_CHECK(back.group.s_addr == m->group.s_addr);
	FUZZ_CHECK(back.s_flag == m->s_flag && back.qrv == m->qrv &&
		   back.qqic == m->qqic);
	FUZZ_CHECK(back.num_sources == m->num_sources);
	FUZZ_CHECK(back.num_sources == 0 ||
		   memcmp(back.sources, m->sources, 4 * m->num_sources) == 0);
	FUZZ_CHECK(back.num_records == m->num_records);
	FUZZ_CHECK(back.records_len == m->records_len);
	FUZZ_CHECK(back.records_len == 0 ||
		   memcmp(back.records, m->records, m->records_len) == 0);
	FUZZ_CHECK(back.extra_len == 0);
}

static void check_message(const struct ipv4_igmp_message *m)
{
	unsigned broken = broken_rules(m);
	int size = ipv4_igmp_marshal_size(m);
	uint8_t *out;
	size_t n = 12345;
	size_t need;

	fuzz_check_code(size);
	if (broken != 0) {
		uint8_t buf[16];

		FUZZ_CHECK(code_allowed(size, broken));
		memset(buf, SENTINEL, sizeof(buf));
		FUZZ_CHECK(ipv4_igmp_marshal(m, buf, sizeof(buf), &n) == size);
		FUZZ_CHECK(n == 0 && buf[0] == SENTINEL);
		return;
	}
	need = size_of(m);
	FUZZ_CHECK(size == (int)need);
	out = malloc(need);
	FUZZ_CHECK(out != NULL);
	memset(out, SENTINEL, need);
	FUZZ_CHECK(ipv4_igmp_marshal(m, out, need - 1, &n) == IPV4_ENOBUF);
	FUZZ_CHECK(n == need && out[0] == SENTINEL);
	FUZZ_CHECK(ipv4_igmp_marshal(m, NULL, 0, &n) == IPV4_ENOBUF);
	FUZZ_CHECK(ipv4_igmp_marshal(m, out, need, &n) == 0 && n == need);
	check_parsed_back(m, out, n);
	free(out);
}

static void record_from_input(struct ipv4_igmp_record *r, struct fuzz_input *in)
{
	uint8_t how = fuzz_u8(in);
	size_t n;

	memset(r, 0, sizeof(*r));
	r->type = fuzz_u8(in);
	r->group = fuzz_addr(in);
	r->num_sources = fuzz_u8(in) % 8;
	r->aux_len = fuzz_u8(in) % 24; /* not always a multiple of 4 */
	n = 4 * r->num_sources;
	r->sources = take_view(in, &n);
	r->num_sources = n / 4;
	n = r->aux_len;
	r->aux = take_view(in, &n);
	r->aux_len = n;
	if (how & BIT(0)) {
		r->sources = NULL;
	}
	if (how & BIT(1)) {
		r->aux = NULL;
	}
	if (how & BIT(2)) {
		r->sources = zeros;
		r->num_sources = BIG_COUNT - (how >> 7);
	}
	if (how & BIT(3)) {
		r->aux = zeros;
		r->aux_len = (size_t)IPV4_IGMP_MAX_AUX_LEN +
			     4 * (size_t)(how >> 7);
	}
	/* An empty view may be NULL or not; both are allowed. */
	if (r->num_sources == 0 && !(how & BIT(4))) {
		r->sources = NULL;
	}
	if (r->aux_len == 0 && !(how & BIT(5))) {
		r->aux = NULL;
	}
}

static void check_record(const struct ipv4_igmp_record *r)
{
	int broken = r->num_sources > 65535 || r->aux_len % 4 != 0 ||
		     r->aux_len > IPV4_IGMP_MAX_AUX_LEN ||
		     (r->sources == NULL && r->num_sources > 0) ||
		     (r->aux == NULL && r->aux_len > 0);
	size_t need = 8 + 4 * r->num_sources + r->aux_len;
	struct ipv4_igmp_message m;
	struct ipv4_igmp_record_iter it;
	struct ipv4_igmp_record back;
	uint8_t *out;
	size_t n = 12345;

	if (broken) {
		FUZZ_CHECK(ipv4_igmp_record_marshal_size(r) == IPV4_EINVAL);
		FUZZ_CHECK(ipv4_igmp_record_marshal(r, NULL, 0, &n) ==
			   IPV4_EINVAL);
		FUZZ_CHECK(n == 0);
		return;
	}
	FUZZ_CHECK(ipv4_igmp_record_marshal_size(r) == (int)need);
	out = malloc(need);
	FUZZ_CHECK(out != NULL);
	FUZZ_CHECK(ipv4_igmp_record_marshal(r, out, need - 1, &n) ==
			   IPV4_ENOBUF &&
		   n == need);
	FUZZ_CHECK(ipv4_igmp_record_marshal(r, out, need, &n) == 0 &&
		   n == need);
	memset(&m, 0, sizeof(m));
	m.type = IPV4_IGMP_V3_MEMBERSHIP_REPORT;
	m.version = 3;
	m.records = out;
	m.records_len = n;
	m.num_records = 1;
	FUZZ_CHECK(ipv4_igmp_record_iter_init(&it, &m) == 0);
	FUZZ_CHECK(ipv4_igmp_record_next(&it, &back) == 1);
	FUZZ_CHECK(back.type == r->type &&
		   back.group.s_addr == r->group.s_addr);
	FUZZ_CHECK(back.num_sources == r->num_sources &&
		   back.aux_len == r->aux_len);
	FUZZ_CHECK(r->num_sources == 0 ||
		   memcmp(back.sources, r->sources, 4 * r->num_sources) == 0);
	FUZZ_CHECK(r->aux_len == 0 ||
		   memcmp(back.aux, r->aux, r->aux_len) == 0);
	FUZZ_CHECK(ipv4_igmp_record_next(&it, &back) == 0);
	free(out);
}

static void check_bad_arguments(const struct ipv4_igmp_message *m)
{
	struct ipv4_igmp_message bad;
	struct ipv4_igmp_record_iter it;
	uint8_t buf[8];
	size_t n;

	FUZZ_CHECK(ipv4_igmp_marshal_size(NULL) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_igmp_marshal(NULL, buf, sizeof(buf), &n) ==
		   IPV4_EINVAL);
	FUZZ_CHECK(ipv4_igmp_marshal(m, buf, sizeof(buf), NULL) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_igmp_marshal(m, NULL, 1, &n) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_igmp_record_marshal_size(NULL) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_igmp_record_marshal(NULL, buf, sizeof(buf), &n) ==
		   IPV4_EINVAL);
	bad = *m;
	bad.records = NULL;
	bad.records_len = 1;
	FUZZ_CHECK(ipv4_igmp_record_iter_init(&it, &bad) == IPV4_EINVAL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	struct ipv4_igmp_message m;
	struct ipv4_igmp_record r;
	size_t msg_len = fuzz_u8(&in); /* bytes for the message's views */
	struct fuzz_input msg_in;
	const uint8_t *msg_bytes;

	msg_bytes = fuzz_bytes(&in, 16 + msg_len, &msg_len);
	msg_in = fuzz_input_make(msg_bytes, msg_len);
	message_from_input(&m, &msg_in);
	check_message(&m);
	record_from_input(&r, &in);
	check_record(&r);
	check_bad_arguments(&m);
	return 0;
}
