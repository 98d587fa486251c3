/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/igmp_parse.c - ipv4_igmp_parse, the group-record walk and
 * ipv4_igmp_marshal of what was parsed.
 *
 * Input: an IGMP message (an IP payload). It is parsed twice: as it is, and
 * with its checksum corrected, so that the fuzzer reaches the paths behind
 * the checksum check without having to guess a checksum. Each time the
 * answer is checked against a decoding done here from RFC 1112, 2236 and
 * 3376 and the rules of igmp.h:
 *   - the result code is the first failing check, in the documented order;
 *     a failure leaves the output all zero;
 *   - a success gives every field of the bytes, views pointing into the
 *     input, extra_len counting the bytes after the last field;
 *   - the record iterator hands out exactly the records of the bytes, then
 *     0, and each record marshals back to its own bytes; a records view cut
 *     short makes the last record fail with IPV4_EIGMPSHORT, sticky;
 *   - ipv4_igmp_source and ipv4_igmp_code_value agree with the bytes;
 *   - marshal writes the message back (without the extra bytes), equal to
 *     the input but for the checksum it recomputes and the reserved bits it
 *     writes as zero, and that parses back to the same message.
 */
#include <string.h>

#include "fuzz/fuzz.h"
#include "ipv4/header.h"
#include "ipv4/igmp.h"

#define SENTINEL 0x5a

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static int expect_query(struct ipv4_igmp_message *m, const uint8_t *in,
			size_t len, size_t *used)
{
	size_t n;

	m->max_resp_code = in[1];
	if (len == 8) {
		m->version = in[1] == 0 ? 1 : 2;
		return 0;
	}
	if (len < 12) {
		return IPV4_EIGMPLEN;
	}
	m->version = 3;
	m->s_flag = (uint8_t)(in[8] >> 3 & 1);
	m->qrv = (uint8_t)(in[8] & 7);
	m->qqic = in[9];
	n = be16(in + 10);
	if (n * 4 > len - 12) {
		return IPV4_EIGMPSHORT;
	}
	m->num_sources = n;
	m->sources = n > 0 ? in + 12 : NULL;
	*used = 12 + 4 * n;
	return 0;
}

/* record_len is the length of the record at p (8 bytes present). */
static size_t record_len(const uint8_t *p)
{
	return 8 + 4 * (size_t)be16(p + 2) + 4 * (size_t)p[1];
}

static int expect_report(struct ipv4_igmp_message *m, const uint8_t *in,
			 size_t len, size_t *used)
{
	size_t count = be16(in + 6);
	size_t pos = 8;

	m->version = 3;
	for (size_t i = 0; i < count; i++) {
		if (len - pos < 8 || record_len(in + pos) > len - pos) {
			return IPV4_EIGMPSHORT;
		}
		pos += record_len(in + pos);
	}
	m->num_records = count;
	m->records_len = pos - 8;
	m->records = pos > 8 ? in + 8 : NULL;
	*used = pos;
	return 0;
}

/* expect_parse decodes in as the documented checks, in order, read it. */
static int expect_parse(struct ipv4_igmp_message *m, const uint8_t *in,
			size_t len)
{
	size_t used = 8;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	if (len < 8) {
		return IPV4_EIGMPSHORT;
	}
	m->type = in[0];
	m->checksum = be16(in + 2);
	if (in[0] != IPV4_IGMP_V3_MEMBERSHIP_REPORT) {
		memcpy(&m->group.s_addr, in + 4, 4);
	}
	switch (in[0]) {
	case IPV4_IGMP_MEMBERSHIP_QUERY:
		rc = expect_query(m, in, len, &used);
		break;
	case IPV4_IGMP_V1_MEMBERSHIP_REPORT:
		m->version = 1;
		break;
	case IPV4_IGMP_V2_MEMBERSHIP_REPORT:
	case IPV4_IGMP_V2_LEAVE_GROUP:
		m->version = 2;
		break;
	case IPV4_IGMP_V3_MEMBERSHIP_REPORT:
		rc = expect_report(m, in, len, &used);
		break;
	default:
		return IPV4_EIGMPTYPE;
	}
	if (rc < 0) {
		return rc;
	}
	m->extra_len = len - used;
	return ipv4_checksum(in, len) == 0 ? 0 : IPV4_EIGMPSUM;
}

static int same_message(const struct ipv4_igmp_message *a,
			const struct ipv4_igmp_message *b)
{
	return a->type == b->type && a->version == b->version &&
	       a->max_resp_code == b->max_resp_code &&
	       a->checksum == b->checksum &&
	       a->group.s_addr == b->group.s_addr && a->s_flag == b->s_flag &&
	       a->qrv == b->qrv && a->qqic == b->qqic &&
	       a->sources == b->sources && a->num_sources == b->num_sources &&
	       a->records == b->records && a->records_len == b->records_len &&
	       a->num_records == b->num_records && a->extra_len == b->extra_len;
}

static uint32_t code_value(uint8_t code)
{
	if (code < 128) {
		return code;
	}
	return (uint32_t)((code & 15) | 16) << ((code >> 4 & 7) + 3);
}

/* check_record compares one handed-out record with its bytes at p. */
static void check_record(const struct ipv4_igmp_record *r, const uint8_t *p)
{
	size_t ns = be16(p + 2);
	size_t rl = record_len(p);
	uint8_t *out = malloc(rl);
	size_t n = 0;

	FUZZ_CHECK(r->type == p[0]);
	FUZZ_CHECK(memcmp(&r->group.s_addr, p + 4, 4) == 0);
	FUZZ_CHECK(r->num_sources == ns);
	FUZZ_CHECK(r->sources == (ns > 0 ? p + 8 : NULL));
	FUZZ_CHECK(r->aux_len == 4 * (size_t)p[1]);
	FUZZ_CHECK(r->aux == (p[1] > 0 ? p + 8 + 4 * ns : NULL));
	FUZZ_CHECK(ipv4_igmp_record_marshal_size(r) == (int)rl);
	FUZZ_CHECK(out != NULL);
	FUZZ_CHECK(ipv4_igmp_record_marshal(r, out, rl, &n) == 0);
	FUZZ_CHECK(n == rl && memcmp(out, p, rl) == 0);
	free(out);
}

/* check_records walks m's records; with cut, the view is one byte short. */
static void check_records(const struct ipv4_igmp_message *m, int cut)
{
	struct ipv4_igmp_message short_m = *m;
	struct ipv4_igmp_record_iter it;
	struct ipv4_igmp_record r;
	const uint8_t *p = m->records;
	int last_rc = 0;

	if (cut) {
		short_m.records_len--;
		last_rc = IPV4_EIGMPSHORT;
	}
	FUZZ_CHECK(ipv4_igmp_record_iter_init(&it, &short_m) == 0);
	for (size_t i = 0; i < m->num_records; i++) {
		int rc = ipv4_igmp_record_next(&it, &r);

		if (cut && i + 1 == m->num_records) {
			FUZZ_CHECK(rc == IPV4_EIGMPSHORT);
			FUZZ_CHECK(fuzz_all_zero(&r, sizeof(r)));
			break;
		}
		FUZZ_CHECK(rc == 1);
		check_record(&r, p);
		p += record_len(p);
	}
	for (int i = 0; i < 2; i++) {
		memset(&r, 0xa5, sizeof(r));
		FUZZ_CHECK(ipv4_igmp_record_next(&it, &r) == last_rc);
		FUZZ_CHECK(fuzz_all_zero(&r, sizeof(r)));
	}
}

static void check_sources(const struct ipv4_igmp_message *m)
{
	struct in_addr a;
	size_t n = m->num_sources;

	if (n > 0) {
		FUZZ_CHECK(ipv4_igmp_source(m->sources, n, n - 1, &a) == 0);
		FUZZ_CHECK(memcmp(&a.s_addr, m->sources + 4 * (n - 1), 4) == 0);
		FUZZ_CHECK(ipv4_igmp_source(m->sources, n, 0, NULL) ==
			   IPV4_EINVAL);
	}
	FUZZ_CHECK(ipv4_igmp_source(m->sources, n, n, &a) == IPV4_EINVAL);
}

/* expected_bytes: the input as marshal writes it back (checksum aside). */
static void expected_bytes(const struct ipv4_igmp_message *m, uint8_t *b)
{
	if (m->type != IPV4_IGMP_MEMBERSHIP_QUERY) {
		b[1] = 0; /* max resp code, or reserved */
	}
	if (m->type == IPV4_IGMP_V3_MEMBERSHIP_REPORT) {
		b[4] = 0;
		b[5] = 0;
	}
	if (m->type == IPV4_IGMP_MEMBERSHIP_QUERY && m->version == 3) {
		b[8] &= 0x0f; /* Resv */
	}
	b[2] = 0;
	b[3] = 0;
}

static void check_marshal(const struct ipv4_igmp_message *m, const uint8_t *in,
			  size_t len)
{
	size_t need = len - m->extra_len;
	uint8_t *out = malloc(need);
	uint8_t *want = malloc(need);
	struct ipv4_igmp_message back;
	struct ipv4_igmp_message fix = *m;
	size_t n = 0;

	FUZZ_CHECK(out != NULL && want != NULL);
	FUZZ_CHECK(ipv4_igmp_marshal_size(m) == (int)need);
	memset(out, SENTINEL, need);
	FUZZ_CHECK(ipv4_igmp_marshal(m, out, need - 1, &n) == IPV4_ENOBUF);
	FUZZ_CHECK(n == need);
	for (size_t i = 0; i < need; i++) {
		FUZZ_CHECK(out[i] == SENTINEL);
	}
	FUZZ_CHECK(ipv4_igmp_marshal(m, out, need, &n) == 0 && n == need);
	FUZZ_CHECK(ipv4_checksum(out, n) == 0);
	memcpy(want, in, need);
	expected_bytes(m, want);
	fix.checksum = be16(out + 2);
	expected_bytes(m, out);
	FUZZ_CHECK(memcmp(out, want, need) == 0);
	out[2] = (uint8_t)(fix.checksum >> 8);
	out[3] = (uint8_t)fix.checksum;
	FUZZ_CHECK(ipv4_igmp_parse(&back, out, n) == 0);
	/* The views now point into out, at the same offsets. */
	fix.extra_len = 0;
	fix.sources = m->sources ? out + (m->sources - in) : NULL;
	fix.records = m->records ? out + (m->records - in) : NULL;
	FUZZ_CHECK(same_message(&back, &fix));
	free(want);
	free(out);
}

static void check_parse(const uint8_t *in, size_t len)
{
	struct ipv4_igmp_message got;
	struct ipv4_igmp_message want;
	int rc = expect_parse(&want, in, len);

	memset(&got, 0xa5, sizeof(got));
	FUZZ_CHECK(ipv4_igmp_parse(&got, in, len) == rc);
	fuzz_check_code(rc);
	if (rc != 0) {
		FUZZ_CHECK(fuzz_all_zero(&got, sizeof(got)));
		return;
	}
	FUZZ_CHECK(same_message(&got, &want));
	check_records(&got, 0);
	if (got.records_len > 0) {
		check_records(&got, 1);
	}
	check_sources(&got);
	FUZZ_CHECK(ipv4_igmp_code_value(got.max_resp_code) ==
		   code_value(got.max_resp_code));
	FUZZ_CHECK(ipv4_igmp_code_value(got.qqic) == code_value(got.qqic));
	check_marshal(&got, in, len);
}

/* fixed_copy returns in with its checksum corrected (len >= 4). */
static uint8_t *fixed_copy(const uint8_t *in, size_t len)
{
	uint8_t *copy = malloc(len);
	uint16_t sum;

	FUZZ_CHECK(copy != NULL);
	memcpy(copy, in, len);
	copy[2] = 0;
	copy[3] = 0;
	sum = ipv4_checksum(copy, len);
	copy[2] = (uint8_t)(sum >> 8);
	copy[3] = (uint8_t)sum;
	return copy;
}

static void check_bad_arguments(const uint8_t *in, size_t len)
{
	struct ipv4_igmp_message m;
	struct ipv4_igmp_record_iter it;
	struct ipv4_igmp_record r;

	FUZZ_CHECK(ipv4_igmp_parse(NULL, in, len) == IPV4_EINVAL);
	memset(&m, 0xa5, sizeof(m));
	FUZZ_CHECK(ipv4_igmp_parse(&m, NULL, len) == IPV4_EINVAL);
	FUZZ_CHECK(fuzz_all_zero(&m, sizeof(m)));
	FUZZ_CHECK(ipv4_igmp_record_iter_init(NULL, &m) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_igmp_record_iter_init(&it, NULL) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_igmp_record_next(&it, &r) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_igmp_record_next(NULL, &r) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_igmp_record_next(&it, NULL) == IPV4_EINVAL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t empty[1];
	uint8_t *fixed;

	if (data == NULL) {
		data = empty;
	}
	check_parse(data, size);
	if (size >= 4) {
		fixed = fixed_copy(data, size);
		check_parse(fixed, size);
		free(fixed);
	}
	check_bad_arguments(data, size);
	return 0;
}
