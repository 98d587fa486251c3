/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/options.c - the IPv4 options iterator and writers (options.h).
 *
 * RFC 791 section 3.1, with octets numbered from 1 as the RFC does:
 *
 *   Record Route (7), Loose (131) and Strict (137) Source and Record Route:
 *     +--------+--------+--------+---------//--------+
 *     |  type  | length | pointer|  route data       |  length = 3 + 4n
 *     +--------+--------+--------+---------//--------+
 *     pointer: octet where the next address goes or is read; 4 is the
 *     first slot, any pointer past the length (length + 1 and above) means
 *     full.
 *
 *   Internet Timestamp (68):
 *     +--------+--------+--------+--------+---------//--------+
 *     |   68   | length | pointer|oflw|flg|  entries          |
 *     +--------+--------+--------+--------+---------//--------+
 *     entries of 4 bytes (flag 0) or 8 bytes (flags 1 and 3); pointer 5 is
 *     the first entry, any pointer past the length means full.
 *
 *   Router Alert (148, RFC 2113):  | 148 | 4 | value (2) |
 *   Basic Security (130, RFC 1108 section 2.2), length 3 or more:
 *     | 130 | length | classification level | protection authority flags |
 */
#include "ipv4/options.h"

#include <assert.h>
#include <string.h>

#include "codec/cursor.h"
#include "codec/marshal.h"

#define ROUTE_FIRST_POINTER 4u
#define TS_FIRST_POINTER 5u
#define ROUTE_SLOT_LEN 4u
#define TS_ENTRY_LEN 4u
#define TS_ADDR_ENTRY_LEN 8u
#define ITER_ENDED 1

int ipv4_option_iter_init(struct ipv4_option_iter *it, const uint8_t *options,
			  size_t options_len)
{
	if (it == NULL) {
		return IPV4_EINVAL;
	}
	memset(it, 0, sizeof(*it));
	if (options == NULL && options_len > 0) {
		it->state = IPV4_EINVAL;
		return IPV4_EINVAL;
	}
	it->start = options;
	it->len = options_len;
	return 0;
}

/*
 * set_slots checks the pointer of a route or timestamp option whose slots
 * (slot_len bytes each) fill the rest of body, first being the pointer
 * value of the first slot. RFC 791 calls the data area full when "the
 * pointer exceeds the length", so any pointer past the length is full
 * (the option is forwarded without inserting); a pointer below the first
 * slot, or at an octet inside a slot, is an error.
 */
static int set_slots(struct ipv4_option *o, const struct cursor *body,
		     size_t slot_len, unsigned first)
{
	if (body->len % slot_len != 0) {
		return IPV4_EOPTION;
	}
	o->slot_len = slot_len;
	o->num_slots = body->len / slot_len;
	o->slots = o->num_slots > 0 ? body->data : NULL;
	if (o->pointer > o->len) {
		o->num_filled = o->num_slots;
		return 0;
	}
	if (o->pointer < first || (o->pointer - first) % slot_len != 0) {
		o->slot_len = 0;
		o->num_slots = 0;
		o->slots = NULL;
		return IPV4_EOPTPTR;
	}
	o->num_filled = (o->pointer - first) / slot_len;
	return 0;
}

/*
 * check_security decodes the Basic Security Option of RFC 1108 section
 * 2.2: the classification level octet, then the protection authority
 * flags, which run to the end of the option.
 */
static int check_security(struct ipv4_option *o, struct cursor body)
{
	if (!cursor_get_u8(&body, &o->sec_level)) {
		return IPV4_EOPTION;
	}
	o->sec_authority_len = body.len;
	o->sec_authority = body.len > 0 ? body.data : NULL;
	return 0;
}

static int check_route(struct ipv4_option *o, struct cursor body)
{
	if (!cursor_get_u8(&body, &o->pointer)) {
		return IPV4_EOPTION;
	}
	return set_slots(o, &body, ROUTE_SLOT_LEN, ROUTE_FIRST_POINTER);
}

static int check_timestamp(struct ipv4_option *o, struct cursor body)
{
	uint8_t oflw_flg = 0;

	if (!cursor_get_u8(&body, &o->pointer) ||
	    !cursor_get_u8(&body, &oflw_flg)) {
		return IPV4_EOPTION;
	}
	o->ts_overflow = (uint8_t)(oflw_flg >> 4);
	o->ts_flags = (uint8_t)(oflw_flg & 0x0fu);
	switch (o->ts_flags) {
	case IPV4_OPT_TS_ONLY:
		return set_slots(o, &body, TS_ENTRY_LEN, TS_FIRST_POINTER);
	case IPV4_OPT_TS_AND_ADDR:
	case IPV4_OPT_TS_PRESPEC:
		return set_slots(o, &body, TS_ADDR_ENTRY_LEN, TS_FIRST_POINTER);
	default:
		return IPV4_EOPTION;
	}
}

/* check_known applies the rules of the option types RFC 791 and 2113 fix. */
static int check_known(struct ipv4_option *o, struct cursor body)
{
	switch (o->type) {
	case IPV4_OPT_RECORD_ROUTE:
	case IPV4_OPT_LSRR:
	case IPV4_OPT_SSRR:
		return check_route(o, body);
	case IPV4_OPT_TIMESTAMP:
		return check_timestamp(o, body);
	case IPV4_OPT_ROUTER_ALERT:
		if (o->len != IPV4_OPT_ROUTER_ALERT_LEN ||
		    !cursor_get_be16(&body, &o->router_alert)) {
			return IPV4_EOPTION;
		}
		return 0;
	case IPV4_OPT_SECURITY:
		return check_security(o, body);
	default:
		return 0;
	}
}

/* read_option decodes the option at the start of c, which is not empty. */
static int read_option(struct cursor *c, struct ipv4_option *o)
{
	struct cursor body;
	uint8_t len = 0;

	if (!cursor_get_u8(c, &o->type)) {
		return IPV4_EOPTION;
	}
	if (o->type == IPV4_OPT_EOL || o->type == IPV4_OPT_NOP) {
		o->len = 1;
		return 0;
	}
	if (!cursor_get_u8(c, &len) || len < 2 ||
	    !cursor_view(c, &body, (size_t)len - 2)) {
		return IPV4_EOPTION;
	}
	o->len = len;
	o->data_len = body.len;
	o->data = body.len > 0 ? body.data : NULL;
	return check_known(o, body);
}

int ipv4_option_next(struct ipv4_option_iter *it, struct ipv4_option *out)
{
	struct cursor c;
	int rc;

	if (out != NULL) {
		memset(out, 0, sizeof(*out));
	}
	if (it == NULL || out == NULL) {
		return IPV4_EINVAL;
	}
	if (it->state == 0 && it->pos == it->len) {
		it->state = ITER_ENDED;
	}
	if (it->state != 0) {
		return it->state < 0 ? it->state : 0;
	}
	c = cursor_make(it->start + it->pos, it->len - it->pos);
	rc = read_option(&c, out);
	if (rc < 0) {
		memset(out, 0, sizeof(*out));
		it->state = rc;
		return rc;
	}
	out->offset = it->pos;
	it->pos += out->len;
	if (out->type == IPV4_OPT_EOL) {
		it->state = ITER_ENDED;
	}
	return 1;
}

int ipv4_option_router_alert_marshal(uint16_t value, uint8_t *out,
				     size_t out_cap, size_t *out_len)
{
	uint8_t *p;
	int rc = marshal_begin(IPV4_OPT_ROUTER_ALERT_LEN, out, out_cap,
			       out_len);

	if (rc < 0) {
		return rc;
	}
	p = out;
	p = put_u8(p, IPV4_OPT_ROUTER_ALERT);
	p = put_u8(p, IPV4_OPT_ROUTER_ALERT_LEN);
	p = put_be16(p, value);
	assert(p == out + IPV4_OPT_ROUTER_ALERT_LEN);
	*out_len = IPV4_OPT_ROUTER_ALERT_LEN;
	return 0;
}

int ipv4_option_record_route_marshal_size(size_t num_slots)
{
	if (num_slots > IPV4_OPT_ROUTE_MAX_SLOTS) {
		return IPV4_EINVAL;
	}
	return (int)(ROUTE_FIRST_POINTER - 1 + ROUTE_SLOT_LEN * num_slots);
}

int ipv4_option_record_route_marshal(size_t num_slots, uint8_t *out,
				     size_t out_cap, size_t *out_len)
{
	uint8_t *p;
	int need = marshal_begin(ipv4_option_record_route_marshal_size(
					 num_slots),
				 out, out_cap, out_len);

	if (need < 0) {
		return need;
	}
	p = out;
	p = put_u8(p, IPV4_OPT_RECORD_ROUTE);
	p = put_u8(p, (uint8_t)need);
	p = put_u8(p, ROUTE_FIRST_POINTER);
	memset(p, 0, ROUTE_SLOT_LEN * num_slots);
	p += ROUTE_SLOT_LEN * num_slots;
	assert(p == out + need);
	*out_len = (size_t)need;
	return 0;
}
