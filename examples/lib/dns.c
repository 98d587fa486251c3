/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/lib/dns.c - names, questions and the one-shot A response (dns.h).
 *
 *   a response to "host.local" A IN (host.local is 12 octets in wire form):
 *
 *   0      2      4      6      8      10     12
 *   +------+------+------+------+------+------+--------------//-+------+------+
 *   |  id  | 8400 |  1   |  1   |  0   |  0   | 04host05local00 | type | class|
 *   +------+------+------+------+------+------+--------------//-+------+------+
 *   | c00c | 0001 | 0001 |   ttl (4)   | 0004 |  address (4) |
 *   +------+------+------+------+------+------+------+------+
 */
#include "examples/lib/dns.h"

#include <assert.h>
#include <string.h>

/* struct reader is a bounds-checked view; every get checks once. */
struct reader {
	const uint8_t *msg;
	size_t len;
	size_t pos;
};

static bool get_be16(struct reader *r, uint16_t *out)
{
	if (r->len - r->pos < 2) {
		return false;
	}
	*out = (uint16_t)((unsigned)r->msg[r->pos] << 8 | r->msg[r->pos + 1]);
	r->pos += 2;
	return true;
}

static uint8_t *put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
	return p + 2;
}

static uint8_t *put_be32(uint8_t *p, uint32_t v)
{
	p = put_be16(p, (uint16_t)(v >> 16));
	return put_be16(p, (uint16_t)v);
}

const char *dns_strerror(int code)
{
	switch (code) {
	case DNS_OK:
		return "success";
	case DNS_EINVAL:
		return "invalid argument";
	case DNS_ESHORT:
		return "message ends inside a field";
	case DNS_ENAME:
		return "malformed name";
	case DNS_ETEXT:
		return "not a valid DNS name";
	case DNS_ENOBUF:
		return "output buffer too small";
	default:
		return "unknown error";
	}
}

/* add_label appends one label to out; false when it does not fit. */
static bool add_label(struct dns_name *out, const uint8_t *label, size_t len)
{
	if (len == 0 || len > DNS_MAX_LABEL_LEN ||
	    out->len + 1 + len + 1 > DNS_MAX_NAME_LEN) {
		return false;
	}
	out->wire[out->len] = (uint8_t)len;
	memcpy(&out->wire[out->len + 1], label, len);
	out->len += 1 + len;
	return true;
}

int dns_name_from_text(struct dns_name *out, const char *text)
{
	const char *p = text;

	if (out == NULL || text == NULL) {
		return DNS_EINVAL;
	}
	memset(out, 0, sizeof(*out));
	if (strcmp(text, ".") != 0) {
		while (*p != '\0') {
			size_t len = strcspn(p, ".");

			if (!add_label(out, (const uint8_t *)p, len)) {
				out->len = 0;
				return DNS_ETEXT;
			}
			p += len;
			if (*p == '.') {
				p++;
			}
		}
		if (out->len == 0) {
			return DNS_ETEXT;
		}
	}
	out->wire[out->len++] = 0;
	return DNS_OK;
}

/* text_put appends c to out[*used], counting even what does not fit. */
static void text_put(char *out, size_t out_cap, size_t *used, char c)
{
	if (*used + 1 < out_cap) {
		out[*used] = c;
	}
	(*used)++;
}

static void text_octet(char *out, size_t out_cap, size_t *used, uint8_t c)
{
	if (c > 0x20 && c < 0x7f && c != '.' && c != '\\') {
		text_put(out, out_cap, used, (char)c);
		return;
	}
	text_put(out, out_cap, used, '\\');
	text_put(out, out_cap, used, (char)('0' + c / 100));
	text_put(out, out_cap, used, (char)('0' + c / 10 % 10));
	text_put(out, out_cap, used, (char)('0' + c % 10));
}

int dns_name_to_text(const struct dns_name *n, char *out, size_t out_cap)
{
	size_t used = 0;
	size_t i = 0;

	if (n == NULL || (out == NULL && out_cap > 0)) {
		return DNS_EINVAL;
	}
	while (i < n->len && n->wire[i] != 0) {
		size_t label_len = n->wire[i];

		for (size_t k = 1; k <= label_len && i + k < n->len; k++) {
			text_octet(out, out_cap, &used, n->wire[i + k]);
		}
		text_put(out, out_cap, &used, '.');
		i += 1 + label_len;
	}
	if (used == 0) {
		text_put(out, out_cap, &used, '.');
	}
	if (out_cap > 0) {
		out[used < out_cap ? used : out_cap - 1] = '\0';
	}
	return (int)used;
}

static uint8_t ascii_lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + ('a' - 'A')) : c;
}

bool dns_name_equal(const struct dns_name *a, const struct dns_name *b)
{
	if (a == NULL || b == NULL || a->len != b->len) {
		return false;
	}
	/* Length octets are below 'A', so lowering every octet is safe. */
	for (size_t i = 0; i < a->len; i++) {
		if (ascii_lower(a->wire[i]) != ascii_lower(b->wire[i])) {
			return false;
		}
	}
	return true;
}

int dns_read_header(const uint8_t *msg, size_t msg_len, struct dns_header *out)
{
	struct reader r = { msg, msg_len, 0 };

	if (out == NULL || msg == NULL) {
		return DNS_EINVAL;
	}
	memset(out, 0, sizeof(*out));
	if (msg_len < DNS_HEADER_LEN) {
		return DNS_ESHORT;
	}
	(void)get_be16(&r, &out->id);
	(void)get_be16(&r, &out->flags);
	(void)get_be16(&r, &out->qdcount);
	(void)get_be16(&r, &out->ancount);
	(void)get_be16(&r, &out->nscount);
	(void)get_be16(&r, &out->arcount);
	return DNS_OK;
}

/*
 * walk_name decodes the name at r->pos into out; on success r->pos is past
 * the name where it started. Every pointer must point before every octet
 * of the name read so far, so the walk reads each octet at most once.
 */
static int walk_name(struct reader *r, struct dns_name *out)
{
	size_t pos = r->pos;
	size_t limit = r->pos; /* pointers must point below this */
	size_t end = 0;	       /* where the name ends in place; 0: not yet */

	for (;;) {
		uint8_t b;

		if (pos >= r->len) {
			return DNS_ESHORT;
		}
		b = r->msg[pos];
		if (b == 0) {
			out->wire[out->len++] = 0;
			r->pos = end != 0 ? end : pos + 1;
			return DNS_OK;
		}
		if ((b & 0xc0) == 0xc0) {
			size_t target;

			if (r->len - pos < 2) {
				return DNS_ESHORT;
			}
			target = (size_t)(b & 0x3f) << 8 | r->msg[pos + 1];
			if (target >= limit) {
				return DNS_ENAME;
			}
			if (end == 0) {
				end = pos + 2;
			}
			pos = limit = target;
			continue;
		}
		if ((b & 0xc0) != 0) {
			return DNS_ENAME;
		}
		if (r->len - pos - 1 < b) {
			return DNS_ESHORT;
		}
		if (!add_label(out, &r->msg[pos + 1], b)) {
			return DNS_ENAME;
		}
		pos += 1 + (size_t)b;
	}
}

int dns_read_name(const uint8_t *msg, size_t msg_len, size_t *pos,
		  struct dns_name *out)
{
	struct reader r;
	int rc;

	if (msg == NULL || pos == NULL || out == NULL) {
		return DNS_EINVAL;
	}
	memset(out, 0, sizeof(*out));
	if (*pos > msg_len) {
		return DNS_ESHORT;
	}
	r = (struct reader){ msg, msg_len, *pos };
	rc = walk_name(&r, out);
	if (rc != DNS_OK) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	*pos = r.pos;
	return DNS_OK;
}

int dns_read_question(const uint8_t *msg, size_t msg_len, size_t *pos,
		      struct dns_question *out)
{
	struct reader r;
	int rc;

	if (msg == NULL || pos == NULL || out == NULL) {
		return DNS_EINVAL;
	}
	memset(out, 0, sizeof(*out));
	r = (struct reader){ msg, msg_len, *pos };
	rc = dns_read_name(msg, msg_len, &r.pos, &out->name);
	if (rc != DNS_OK) {
		return rc;
	}
	if (!get_be16(&r, &out->qtype) || !get_be16(&r, &out->qclass)) {
		memset(out, 0, sizeof(*out));
		return DNS_ESHORT;
	}
	*pos = r.pos;
	return DNS_OK;
}

/* asks_for_a: q is about name's address. */
static bool asks_for_a(const struct dns_question *q,
		       const struct dns_name *name)
{
	return (q->qtype == DNS_TYPE_A || q->qtype == DNS_TYPE_ANY) &&
	       (q->qclass & (uint16_t)~DNS_CLASS_QU) == DNS_CLASS_IN &&
	       dns_name_equal(&q->name, name);
}

int dns_find_a_question(const uint8_t *msg, size_t msg_len,
			const struct dns_name *name, struct dns_header *out_hdr,
			struct dns_question *out_q)
{
	size_t pos = DNS_HEADER_LEN;
	int rc;

	if (name == NULL || out_hdr == NULL || out_q == NULL) {
		return DNS_EINVAL;
	}
	memset(out_q, 0, sizeof(*out_q));
	rc = dns_read_header(msg, msg_len, out_hdr);
	if (rc != DNS_OK) {
		return rc;
	}
	if ((out_hdr->flags & DNS_FLAG_QR) != 0 ||
	    DNS_OPCODE(out_hdr->flags) != 0) {
		return 0;
	}
	for (unsigned i = 0; i < out_hdr->qdcount; i++) {
		rc = dns_read_question(msg, msg_len, &pos, out_q);
		if (rc != DNS_OK) {
			return rc;
		}
		if (asks_for_a(out_q, name)) {
			return 1;
		}
	}
	memset(out_q, 0, sizeof(*out_q));
	return 0;
}

size_t dns_a_response_size(const struct dns_question *q)
{
	return DNS_HEADER_LEN + q->name.len + 4 + 2 + 2 + 2 + 4 + 2 + 4;
}

int dns_build_a_response(uint16_t id, const struct dns_question *q,
			 struct in_addr addr, uint32_t ttl, uint8_t *out,
			 size_t out_cap, size_t *out_len)
{
	size_t need;
	uint8_t *p = out;

	if (q == NULL || out_len == NULL || (out == NULL && out_cap > 0) ||
	    q->name.len == 0 || q->name.len > DNS_MAX_NAME_LEN) {
		return DNS_EINVAL;
	}
	need = dns_a_response_size(q);
	*out_len = need;
	if (out_cap < need) {
		return DNS_ENOBUF;
	}
	p = put_be16(p, id);
	p = put_be16(p, DNS_FLAG_QR | DNS_FLAG_AA);
	p = put_be16(p, 1); /* QDCOUNT */
	p = put_be16(p, 1); /* ANCOUNT */
	p = put_be16(p, 0); /* NSCOUNT */
	p = put_be16(p, 0); /* ARCOUNT */
	memcpy(p, q->name.wire, q->name.len);
	p += q->name.len;
	p = put_be16(p, q->qtype);
	p = put_be16(p, q->qclass);
	p = put_be16(p, 0xc000 | DNS_HEADER_LEN); /* the question's name */
	p = put_be16(p, DNS_TYPE_A);
	p = put_be16(p, DNS_CLASS_IN);
	p = put_be32(p, ttl);
	p = put_be16(p, 4);
	memcpy(p, &addr.s_addr, 4); /* already in network byte order */
	p += 4;
	assert((size_t)(p - out) == need);
	return DNS_OK;
}
