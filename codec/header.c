/*
 * codec/header.c - IPv4 header parse, marshal and text (RFC 791, 3.1).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version|  IHL  |Type of Service|          Total Length         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Identification        |Flags|      Fragment Offset    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Time to Live |    Protocol   |         Header Checksum       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                       Source Address                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Destination Address                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Options (0..40 bytes)                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * In the BSD raw-socket formats, Total Length and the Flags/Fragment Offset
 * word are in host byte order instead; see enum ipv4_format.
 */
#include "ipv4/header.h"

#include <assert.h>
#include <string.h>

#include "codec/cursor.h"
#include "codec/text.h"

#define FLAGS_SHIFT 13
#define FRAG_OFF_MASK 0x1fffu
#define FLAGS_MAX 7u

static int format_known(enum ipv4_format format)
{
	return format == IPV4_FORMAT_WIRE || format == IPV4_FORMAT_TRADBSD ||
	       format == IPV4_FORMAT_FREEBSD10;
}

/* get16_format reads a 16-bit field that the BSD formats keep in host order. */
static void get16_format(struct cursor *c, uint16_t *out,
			 enum ipv4_format format)
{
	int ok;

	if (format == IPV4_FORMAT_WIRE) {
		ok = cursor_get_be16(c, out);
	} else {
		ok = cursor_get_ne16(c, out);
	}
	assert(ok);
	(void)ok;
}

static uint8_t *put16_format(uint8_t *p, uint16_t v, enum ipv4_format format)
{
	if (format == IPV4_FORMAT_WIRE) {
		return put_be16(p, v);
	}
	return put_ne16(p, v);
}

/* parse_fixed decodes the 20 fixed bytes; the caller checked they exist. */
static void parse_fixed(struct ipv4_header *h, struct cursor *c,
			enum ipv4_format format)
{
	uint8_t vihl = 0;
	uint16_t word = 0;

	(void)cursor_get_u8(c, &vihl);
	h->version = (uint8_t)(vihl >> 4);
	h->len = (uint8_t)((vihl & 0x0fu) << 2);
	(void)cursor_get_u8(c, &h->tos);
	get16_format(c, &h->total_len, format);
	(void)cursor_get_be16(c, &h->id);
	get16_format(c, &word, format);
	h->flags = (uint8_t)(word >> FLAGS_SHIFT);
	h->frag_off = (uint16_t)(word & FRAG_OFF_MASK);
	(void)cursor_get_u8(c, &h->ttl);
	(void)cursor_get_u8(c, &h->protocol);
	(void)cursor_get_be16(c, &h->checksum);
	(void)cursor_get_bytes(c, &h->src.s_addr, 4);
	(void)cursor_get_bytes(c, &h->dst.s_addr, 4);
}

int ipv4_header_parse(struct ipv4_header *out, const uint8_t *in,
		      size_t in_len, enum ipv4_format format)
{
	struct cursor c;
	struct ipv4_header h;

	if (out == NULL) {
		return IPV4_EINVAL;
	}
	memset(out, 0, sizeof(*out));
	if (in == NULL) {
		return IPV4_EINVAL;
	}
	if (!format_known(format)) {
		return IPV4_EFORMAT;
	}
	if (in_len < IPV4_HEADER_LEN) {
		return IPV4_ESHORT;
	}
	memset(&h, 0, sizeof(h));
	c = cursor_make(in, in_len);
	parse_fixed(&h, &c, format);
	if (h.len < IPV4_HEADER_LEN) {
		return IPV4_EIHL;
	}
	if (in_len < h.len) {
		return IPV4_EEXTSHORT;
	}
	if (format == IPV4_FORMAT_TRADBSD) {
		/* The kernel strips the header from the received length. */
		if ((unsigned)h.total_len + h.len > UINT16_MAX) {
			return IPV4_ETOTALLEN;
		}
		h.total_len = (uint16_t)(h.total_len + h.len);
	}
	h.options_len = (size_t)h.len - IPV4_HEADER_LEN;
	(void)cursor_get_bytes(&c, h.options, h.options_len);
	*out = h;
	return 0;
}

int ipv4_header_marshal_size(const struct ipv4_header *h)
{
	if (h == NULL) {
		return IPV4_EINVAL;
	}
	if (h->options_len > IPV4_MAX_OPTIONS_LEN) {
		return IPV4_EOPTLEN;
	}
	return (int)(IPV4_HEADER_LEN + h->options_len);
}

/* marshal_check returns the encoded length of h, or why h cannot be encoded. */
static int marshal_check(const struct ipv4_header *h, enum ipv4_format format)
{
	if (!format_known(format)) {
		return IPV4_EFORMAT;
	}
	if (h->options_len > IPV4_MAX_OPTIONS_LEN || h->options_len % 4 != 0) {
		return IPV4_EOPTLEN;
	}
	if (h->len != IPV4_HEADER_LEN + h->options_len) {
		return IPV4_EHDRLEN;
	}
	if (h->flags > FLAGS_MAX || h->frag_off > FRAG_OFF_MASK) {
		return IPV4_EFIELD;
	}
	return (int)(IPV4_HEADER_LEN + h->options_len);
}

int ipv4_header_marshal(const struct ipv4_header *h, enum ipv4_format format,
			uint8_t *out, size_t out_cap, size_t *out_len)
{
	uint8_t *p;
	int need;

	if (h == NULL || out_len == NULL || (out == NULL && out_cap > 0)) {
		return IPV4_EINVAL;
	}
	*out_len = 0;
	need = marshal_check(h, format);
	if (need < 0) {
		return need;
	}
	if (out_cap < (size_t)need) {
		*out_len = (size_t)need;
		return IPV4_ENOBUF;
	}
	p = out;
	p = put_u8(p, (uint8_t)(IPV4_VERSION << 4 | (unsigned)need >> 2));
	p = put_u8(p, h->tos);
	p = put16_format(p, h->total_len, format);
	p = put_be16(p, h->id);
	p = put16_format(p, (uint16_t)((unsigned)h->flags << FLAGS_SHIFT |
				       h->frag_off), format);
	p = put_u8(p, h->ttl);
	p = put_u8(p, h->protocol);
	p = put_be16(p, h->checksum);
	p = put_bytes(p, &h->src.s_addr, 4);
	p = put_bytes(p, &h->dst.s_addr, 4);
	p = put_bytes(p, h->options, h->options_len);
	assert(p == out + need);
	*out_len = (size_t)need;
	return 0;
}

int ipv4_header_string(const struct ipv4_header *h, char *out, size_t out_cap)
{
	struct text t;

	if (out == NULL && out_cap > 0) {
		return IPV4_EINVAL;
	}
	text_begin(&t, out, out_cap);
	if (h == NULL) {
		text_str(&t, "<nil>");
		return text_finish(&t);
	}
	text_str(&t, "ver=");
	text_dec(&t, h->version);
	text_str(&t, " hdrlen=");
	text_dec(&t, h->len);
	text_str(&t, " tos=");
	text_hex(&t, h->tos);
	text_str(&t, " totallen=");
	text_dec(&t, h->total_len);
	text_str(&t, " id=");
	text_hex(&t, h->id);
	text_str(&t, " flags=");
	text_hex(&t, h->flags);
	text_str(&t, " fragoff=");
	text_hex(&t, h->frag_off);
	text_str(&t, " ttl=");
	text_dec(&t, h->ttl);
	text_str(&t, " proto=");
	text_dec(&t, h->protocol);
	text_str(&t, " cksum=");
	text_hex(&t, h->checksum);
	text_str(&t, " src=");
	text_addr(&t, h->src);
	text_str(&t, " dst=");
	text_addr(&t, h->dst);
	return text_finish(&t);
}
