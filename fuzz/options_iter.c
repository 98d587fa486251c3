/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/options_iter.c - ipv4_option_next over arbitrary options bytes, and
 * the two option writers read back through it.
 *
 * Input: the options bytes, as in a header after its 20 fixed bytes (any
 * length). The harness walks them itself, from the rules of options.h, and
 * checks the iterator against that walk step by step:
 *   - each option comes out at the right offset with its type and length,
 *     its data a view into the input (not a copy), and the decoded fields
 *     (pointer, timestamp flags and overflow, router alert value, slots,
 *     security level and authority flags)
 *     exactly those of the bytes; fields an option does not have are zero;
 *   - the walk ends after EOL or at the end of the bytes, and stays ended;
 *   - a malformed option gives the code the rules give, a zeroed option,
 *     and the same code on every later call;
 *   - the Router Alert and Record Route writers (parameters taken from the
 *     first input bytes) write what the iterator reads back, and refuse a
 *     short buffer without touching it.
 */
#include <string.h>

#include "fuzz/fuzz.h"
#include "ipv4/options.h"

#define SENTINEL 0x5a

/* expect_known fills what the rules say of a known option; 0 or a code. */
static int expect_slots(struct ipv4_option *o, const uint8_t *body,
			size_t body_len, size_t slot_len, unsigned first)
{
	if (body_len % slot_len != 0) {
		return IPV4_EOPTION;
	}
	/* RFC 791: full when the pointer exceeds the length, whatever its
	 * alignment; up to the length it must name the start of a slot */
	if (o->pointer <= o->len &&
	    (o->pointer < first || (o->pointer - first) % slot_len != 0)) {
		return IPV4_EOPTPTR;
	}
	o->slot_len = slot_len;
	o->num_slots = body_len / slot_len;
	o->num_filled = o->pointer > o->len ? o->num_slots
					    : (o->pointer - first) / slot_len;
	o->slots = o->num_slots > 0 ? body : NULL;
	return 0;
}

static int expect_known(struct ipv4_option *o)
{
	const uint8_t *d = o->data;
	size_t n = o->data_len;

	switch (o->type) {
	case IPV4_OPT_RECORD_ROUTE:
	case IPV4_OPT_LSRR:
	case IPV4_OPT_SSRR:
		if (n < 1) {
			return IPV4_EOPTION;
		}
		o->pointer = d[0];
		return expect_slots(o, d + 1, n - 1, 4, 4);
	case IPV4_OPT_TIMESTAMP:
		if (n < 2) {
			return IPV4_EOPTION;
		}
		o->pointer = d[0];
		o->ts_overflow = (uint8_t)(d[1] >> 4);
		o->ts_flags = (uint8_t)(d[1] & 15);
		if (o->ts_flags != 0 && o->ts_flags != 1 && o->ts_flags != 3) {
			return IPV4_EOPTION;
		}
		return expect_slots(o, d + 2, n - 2, o->ts_flags ? 8 : 4, 5);
	case IPV4_OPT_ROUTER_ALERT:
		if (o->len != 4) {
			return IPV4_EOPTION;
		}
		o->router_alert = (uint16_t)(d[0] << 8 | d[1]);
		return 0;
	case IPV4_OPT_SECURITY: /* RFC 1108 2.2: level, then authority flags */
		if (n < 1) {
			return IPV4_EOPTION;
		}
		o->sec_level = d[0];
		o->sec_authority_len = n - 1;
		o->sec_authority = n > 1 ? d + 1 : NULL;
		return 0;
	default:
		return 0;
	}
}

/* expect_at describes the option at in[pos] as the rules read it. */
static int expect_at(const uint8_t *in, size_t len, size_t pos,
		     struct ipv4_option *o)
{
	memset(o, 0, sizeof(*o));
	o->offset = pos;
	o->type = in[pos];
	if (o->type == IPV4_OPT_EOL || o->type == IPV4_OPT_NOP) {
		o->len = 1;
		return 0;
	}
	if (len - pos < 2 || in[pos + 1] < 2 || in[pos + 1] > len - pos) {
		return IPV4_EOPTION;
	}
	o->len = in[pos + 1];
	o->data_len = (size_t)o->len - 2;
	o->data = o->data_len > 0 ? in + pos + 2 : NULL;
	return expect_known(o);
}

static int same_option(const struct ipv4_option *a, const struct ipv4_option *b)
{
	return a->offset == b->offset && a->type == b->type &&
	       a->len == b->len && a->data == b->data &&
	       a->data_len == b->data_len && a->pointer == b->pointer &&
	       a->ts_overflow == b->ts_overflow && a->ts_flags == b->ts_flags &&
	       a->router_alert == b->router_alert && a->slots == b->slots &&
	       a->slot_len == b->slot_len && a->num_slots == b->num_slots &&
	       a->num_filled == b->num_filled && a->sec_level == b->sec_level &&
	       a->sec_authority == b->sec_authority &&
	       a->sec_authority_len == b->sec_authority_len;
}

/* check_ended: an ended or failed iterator keeps saying so. */
static void check_ended(struct ipv4_option_iter *it, int code)
{
	struct ipv4_option o;

	for (int i = 0; i < 2; i++) {
		memset(&o, 0xa5, sizeof(o));
		FUZZ_CHECK(ipv4_option_next(it, &o) == code);
		FUZZ_CHECK(fuzz_all_zero(&o, sizeof(o)));
	}
}

/* walk runs the iterator over in and returns the number of options. */
static size_t walk(const uint8_t *in, size_t len)
{
	struct ipv4_option_iter it;
	struct ipv4_option got;
	struct ipv4_option want;
	size_t pos = 0;
	size_t count = 0;

	FUZZ_CHECK(ipv4_option_iter_init(&it, in, len) == 0);
	while (pos < len) {
		int rc = expect_at(in, len, pos, &want);

		memset(&got, 0xa5, sizeof(got));
		fuzz_check_code(rc);
		if (rc < 0) {
			FUZZ_CHECK(ipv4_option_next(&it, &got) == rc);
			FUZZ_CHECK(fuzz_all_zero(&got, sizeof(got)));
			check_ended(&it, rc);
			return count;
		}
		FUZZ_CHECK(ipv4_option_next(&it, &got) == 1);
		FUZZ_CHECK(same_option(&got, &want));
		count++;
		pos += want.len;
		if (want.type == IPV4_OPT_EOL) {
			break;
		}
	}
	check_ended(&it, 0);
	return count;
}

/* read_one expects exactly one option in buf, of the given type. */
static void read_one(const uint8_t *buf, size_t len, struct ipv4_option *o)
{
	struct ipv4_option_iter it;

	FUZZ_CHECK(ipv4_option_iter_init(&it, buf, len) == 0);
	FUZZ_CHECK(ipv4_option_next(&it, o) == 1);
	FUZZ_CHECK(o->offset == 0 && o->len == len);
	check_ended(&it, 0);
}

static void check_short(size_t need,
			int (*write)(size_t, uint8_t *, size_t, size_t *),
			size_t arg)
{
	uint8_t buf[64];
	size_t n = 0;

	memset(buf, SENTINEL, sizeof(buf));
	FUZZ_CHECK(write(arg, buf, need - 1, &n) == IPV4_ENOBUF);
	FUZZ_CHECK(n == need);
	for (size_t i = 0; i < sizeof(buf); i++) {
		FUZZ_CHECK(buf[i] == SENTINEL);
	}
	FUZZ_CHECK(write(arg, NULL, 1, &n) == IPV4_EINVAL);
	FUZZ_CHECK(write(arg, buf, sizeof(buf), NULL) == IPV4_EINVAL);
}

static int write_alert(size_t value, uint8_t *out, size_t cap, size_t *n)
{
	return ipv4_option_router_alert_marshal((uint16_t)value, out, cap, n);
}

static void check_writers(const uint8_t *in, size_t len)
{
	uint16_t value = len >= 2 ? (uint16_t)(in[0] << 8 | in[1]) : 0;
	size_t slots = len >= 1 ? in[0] % 12u : 0; /* 10 and 11: too many */
	uint8_t buf[64];
	struct ipv4_option o;
	size_t n = 0;

	FUZZ_CHECK(write_alert(value, buf, 4, &n) == 0 && n == 4);
	read_one(buf, n, &o);
	FUZZ_CHECK(o.type == IPV4_OPT_ROUTER_ALERT && o.router_alert == value);
	check_short(4, write_alert, value);
	if (slots > IPV4_OPT_ROUTE_MAX_SLOTS) {
		FUZZ_CHECK(ipv4_option_record_route_marshal_size(slots) ==
			   IPV4_EINVAL);
		FUZZ_CHECK(ipv4_option_record_route_marshal(slots, buf,
							    sizeof(buf),
							    &n) == IPV4_EINVAL);
		return;
	}
	FUZZ_CHECK(ipv4_option_record_route_marshal_size(slots) ==
		   (int)(3 + 4 * slots));
	FUZZ_CHECK(ipv4_option_record_route_marshal(slots, buf, 3 + 4 * slots,
						    &n) == 0);
	FUZZ_CHECK(n == 3 + 4 * slots);
	read_one(buf, n, &o);
	FUZZ_CHECK(o.type == IPV4_OPT_RECORD_ROUTE && o.pointer == 4);
	FUZZ_CHECK(o.num_slots == slots && o.num_filled == 0);
	FUZZ_CHECK(fuzz_all_zero(buf + 3, 4 * slots));
	check_short(n, ipv4_option_record_route_marshal, slots);
}

static void check_bad_arguments(void)
{
	struct ipv4_option_iter it;
	struct ipv4_option o;

	FUZZ_CHECK(ipv4_option_iter_init(NULL, NULL, 0) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_option_iter_init(&it, NULL, 1) == IPV4_EINVAL);
	check_ended(&it, IPV4_EINVAL);
	FUZZ_CHECK(ipv4_option_iter_init(&it, NULL, 0) == 0);
	check_ended(&it, 0);
	FUZZ_CHECK(ipv4_option_next(&it, NULL) == IPV4_EINVAL);
	memset(&o, 0xa5, sizeof(o));
	FUZZ_CHECK(ipv4_option_next(NULL, &o) == IPV4_EINVAL);
	FUZZ_CHECK(fuzz_all_zero(&o, sizeof(o)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t empty[1];

	if (data == NULL) {
		data = empty;
	}
	FUZZ_CHECK(walk(data, size) <= size);
	check_writers(data, size);
	check_bad_arguments();
	return 0;
}
