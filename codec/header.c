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
#include "codec/inline.h"
#include "codec/text.h"

#define FLAGS_SHIFT 13
#define FRAG_OFF_MASK 0x1fffu
#define FLAGS_MAX 7u

static int format_known(enum ipv4_format format)
{
	return format == IPV4_FORMAT_WIRE || format == IPV4_FORMAT_TRADBSD ||
	       format == IPV4_FORMAT_FREEBSD10;
}

/* load16_format reads a 16-bit field the BSD formats keep in host order. */
static uint16_t load16_format(const uint8_t *p, enum ipv4_format format)
{
	if (format == IPV4_FORMAT_WIRE) {
		return load_be16(p);
	}
	return load_ne16(p);
}

static uint8_t *put16_format(uint8_t *p, uint16_t v, enum ipv4_format format)
{
	if (format == IPV4_FORMAT_WIRE) {
		return put_be16(p, v);
	}
	return put_ne16(p, v);
}

/*
 * parse_check takes the fixed header and the options off in as two views,
 * each through one bounds check, and judges every field a parse can fail
 * on. Returns 0 or why the header cannot be parsed; *out_fixed then holds
 * exactly IPV4_HEADER_LEN bytes and *out_options IHL * 4 - 20.
 */
static FORCE_INLINE int parse_check(struct cursor *out_fixed,
				    struct cursor *out_options,
				    const uint8_t *in, size_t in_len,
				    enum ipv4_format format)
{
	struct cursor c = cursor_make(in, in_len);
	size_t len;

	if (in == NULL) {
		return IPV4_EINVAL;
	}
	if (!format_known(format)) {
		return IPV4_EFORMAT;
	}
	if (!cursor_view(&c, out_fixed, IPV4_HEADER_LEN)) {
		return IPV4_ESHORT;
	}
	len = (size_t)(out_fixed->data[0] & 0x0fu) << 2;
	if (len < IPV4_HEADER_LEN) {
		return IPV4_EIHL;
	}
	if (!cursor_view(&c, out_options, len - IPV4_HEADER_LEN)) {
		return IPV4_EEXTSHORT;
	}
	/* The kernel strips the header from the received length. */
	if (format == IPV4_FORMAT_TRADBSD &&
	    (size_t)load_ne16(out_fixed->data + 2) + len > UINT16_MAX) {
		return IPV4_ETOTALLEN;
	}
	return 0;
}

/*
 * parse_tail copies TTL, protocol, checksum and the two addresses (bytes
 * 8 to 19 of the proven view p) into *out. All are read before any is
 * written: otherwise the compiler must assume that a store to *out may
 * change the input, and cannot pair the adjacent copies into wider ones.
 */
static void parse_tail(struct ipv4_header *out, const uint8_t *p)
{
	uint8_t ttl = p[8];
	uint8_t protocol = p[9];
	uint16_t checksum = load_be16(p + 10);
	uint32_t src;
	uint32_t dst;

	memcpy(&src, p + 12, 4);
	memcpy(&dst, p + 16, 4);
	out->ttl = ttl;
	out->protocol = protocol;
	out->checksum = checksum;
	out->src.s_addr = src;
	out->dst.s_addr = dst;
}

/*
 * parse_fields fills *out from the views parse_check proved: fixed is
 * IPV4_HEADER_LEN bytes, so every offset below is inside it, and each
 * field is read once, with no check of its own. *out is zeroed first so
 * that its padding and the unused options are zero, not stale.
 */
static FORCE_INLINE void parse_fields(struct ipv4_header *out,
				      struct cursor fixed,
				      struct cursor options,
				      enum ipv4_format format)
{
	const uint8_t *p = fixed.data;
	uint16_t total_len = load16_format(p + 2, format);
	uint16_t word = load16_format(p + 6, format);

	if (format == IPV4_FORMAT_TRADBSD) {
		total_len = (uint16_t)(total_len + IPV4_HEADER_LEN +
				       options.len);
	}
	memset(out, 0, sizeof(*out));
	out->version = (uint8_t)(p[0] >> 4);
	out->len = (uint8_t)(IPV4_HEADER_LEN + options.len);
	out->tos = p[1];
	out->total_len = total_len;
	out->id = load_be16(p + 4);
	out->flags = (uint8_t)(word >> FLAGS_SHIFT);
	out->frag_off = (uint16_t)(word & FRAG_OFF_MASK);
	parse_tail(out, p);
	out->options_len = options.len;
	if (options.len > 0) {
		memcpy(out->options, options.data, options.len);
	}
}

/*
 * parse_as checks every length once, up front (parse_check), then reads
 * the fields unchecked from views of proven length and writes *out once:
 * measure, check once, then read. On failure *out is zeroed.
 */
static FORCE_INLINE int parse_as(struct ipv4_header *out, const uint8_t *in,
				 size_t in_len, enum ipv4_format format)
{
	struct cursor fixed;
	struct cursor options;
	int rc;

	if (out == NULL) {
		return IPV4_EINVAL;
	}
	rc = parse_check(&fixed, &options, in, in_len, format);
	if (rc < 0) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	parse_fields(out, fixed, options, format);
	return 0;
}

/* parse_any is parse_as for a format known only when it runs. */
static NO_INLINE int parse_any(struct ipv4_header *out, const uint8_t *in,
			       size_t in_len, enum ipv4_format format)
{
	return parse_as(out, in, in_len, format);
}

/*
 * ipv4_header_parse: the wire format, what every receive path but the BSD
 * raw sockets hands over, gets a copy of parse_as compiled for it, with
 * the format tests folded away; the other formats share one copy.
 */
int ipv4_header_parse(struct ipv4_header *out, const uint8_t *in,
		      size_t in_len, enum ipv4_format format)
{
	if (format == IPV4_FORMAT_WIRE) {
		return parse_as(out, in, in_len, IPV4_FORMAT_WIRE);
	}
	return parse_any(out, in, in_len, format);
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
