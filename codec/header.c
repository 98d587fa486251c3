/* SPDX-License-Identifier: BSD-3-Clause */
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

/*
 * u16_format puts together a 16-bit field that the BSD formats keep in
 * host byte order, from the two bytes read off the input.
 */
static uint16_t u16_format(const uint8_t b[2], enum ipv4_format format)
{
	uint16_t v;

	if (format == IPV4_FORMAT_WIRE) {
		return (uint16_t)((unsigned)b[0] << 8 | b[1]);
	}
	memcpy(&v, b, 2);
	return v;
}

static uint8_t *put16_format(uint8_t *p, uint16_t v, enum ipv4_format format)
{
	if (format == IPV4_FORMAT_WIRE) {
		return put_be16(p, v);
	}
	return put_ne16(p, v);
}

/*
 * read_fixed reads the 20 bytes every header has off c into *h. Returns 0
 * when fewer are there.
 */
static int read_fixed(struct cursor *c, enum ipv4_format format,
		      struct ipv4_header *h)
{
	uint8_t vihl;
	uint8_t total_len[2];
	uint8_t word[2];

	if (!cursor_get_u8(c, &vihl) || !cursor_get_u8(c, &h->tos) ||
	    !cursor_get_bytes(c, total_len, 2) || !cursor_get_be16(c, &h->id) ||
	    !cursor_get_bytes(c, word, 2) || !cursor_get_u8(c, &h->ttl) ||
	    !cursor_get_u8(c, &h->protocol) ||
	    !cursor_get_be16(c, &h->checksum) ||
	    !cursor_get_bytes(c, &h->src.s_addr, 4) ||
	    !cursor_get_bytes(c, &h->dst.s_addr, 4)) {
		return 0;
	}
	h->version = (uint8_t)(vihl >> 4);
	h->len = (uint8_t)((vihl & 0x0fu) << 2);
	h->total_len = u16_format(total_len, format);
	h->flags = (uint8_t)(u16_format(word, format) >> FLAGS_SHIFT);
	h->frag_off = (uint16_t)(u16_format(word, format) & FRAG_OFF_MASK);
	return 1;
}

/*
 * read_options reads the options that h->len announces off c into *h.
 * Returns 0 or why the header cannot be parsed.
 */
static int read_options(struct cursor *c, enum ipv4_format format,
			struct ipv4_header *h)
{
	if (h->len < IPV4_HEADER_LEN) {
		return IPV4_EIHL;
	}
	h->options_len = (size_t)h->len - IPV4_HEADER_LEN;
	if (!cursor_get_bytes(c, h->options, h->options_len)) {
		return IPV4_EEXTSHORT;
	}
	/* The kernel strips the header from the received length. */
	if (format == IPV4_FORMAT_TRADBSD) {
		if ((size_t)h->total_len + h->len > UINT16_MAX) {
			return IPV4_ETOTALLEN;
		}
		h->total_len = (uint16_t)(h->total_len + h->len);
	}
	return 0;
}

/*
 * ipv4_header_parse takes the fixed 20 bytes off as a view before it reads
 * them: in a view of constant length the compiler folds the checks of
 * read_fixed's getters into the view's one.
 */
int ipv4_header_parse(struct ipv4_header *out, const uint8_t *in, size_t in_len,
		      enum ipv4_format format)
{
	struct cursor c = cursor_make(in, in_len);
	struct cursor fixed;
	int rc;

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
	if (!cursor_view(&c, &fixed, IPV4_HEADER_LEN) ||
	    !read_fixed(&fixed, format, out)) {
		rc = IPV4_ESHORT;
	} else {
		rc = read_options(&c, format, out);
	}
	if (rc < 0) {
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

/* fields_check returns the encoded length of h, or why its fields cannot be
 * encoded in any format. */
static int fields_check(const struct ipv4_header *h)
{
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

int ipv4_header_marshal_size(const struct ipv4_header *h)
{
	return h == NULL ? IPV4_EINVAL : fields_check(h);
}

/* marshal_check returns the encoded length of h, or why h cannot be encoded. */
static int marshal_check(const struct ipv4_header *h, enum ipv4_format format)
{
	if (!format_known(format)) {
		return IPV4_EFORMAT;
	}
	return fields_check(h);
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
	p = put16_format(p,
			 (uint16_t)((unsigned)h->flags << FLAGS_SHIFT |
				    h->frag_off),
			 format);
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
	ipv4__text_begin(&t, out, out_cap);
	if (h == NULL) {
		ipv4__text_str(&t, "<nil>");
		return ipv4__text_finish(&t);
	}
	ipv4__text_str(&t, "ver=");
	ipv4__text_dec(&t, h->version);
	ipv4__text_str(&t, " hdrlen=");
	ipv4__text_dec(&t, h->len);
	ipv4__text_str(&t, " tos=");
	ipv4__text_hex(&t, h->tos);
	ipv4__text_str(&t, " totallen=");
	ipv4__text_dec(&t, h->total_len);
	ipv4__text_str(&t, " id=");
	ipv4__text_hex(&t, h->id);
	ipv4__text_str(&t, " flags=");
	ipv4__text_hex(&t, h->flags);
	ipv4__text_str(&t, " fragoff=");
	ipv4__text_hex(&t, h->frag_off);
	ipv4__text_str(&t, " ttl=");
	ipv4__text_dec(&t, h->ttl);
	ipv4__text_str(&t, " proto=");
	ipv4__text_dec(&t, h->protocol);
	ipv4__text_str(&t, " cksum=");
	ipv4__text_hex(&t, h->checksum);
	ipv4__text_str(&t, " src=");
	ipv4__text_addr(&t, h->src);
	ipv4__text_str(&t, " dst=");
	ipv4__text_addr(&t, h->dst);
	return ipv4__text_finish(&t);
}
