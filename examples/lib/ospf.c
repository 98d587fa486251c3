/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/lib/ospf.c - building and reading an OSPFv2 Hello (ospf.h).
 *
 *   0               8              16              24              32
 *   +---------------+---------------+-------------------------------+
 *   |  version 2    |   type 1      |        packet length          |  0
 *   +---------------+---------------+-------------------------------+
 *   |                          router ID                            |  4
 *   |                           area ID                             |  8
 *   +-------------------------------+-------------------------------+
 *   |           checksum            |            AuType             | 12
 *   +-------------------------------+-------------------------------+
 *   |                  authentication (8 bytes)                     | 16
 *   +---------------------------------------------------------------+
 *   |                        network mask                           | 24
 *   +-------------------------------+---------------+---------------+
 *   |         HelloInterval         |    options    |   Rtr Pri     | 28
 *   +-------------------------------+---------------+---------------+
 *   |                     RouterDeadInterval                        | 32
 *   |                     designated router                         | 36
 *   |                 backup designated router                      | 40
 *   |                     neighbor ...                              | 44
 *   +---------------------------------------------------------------+
 */
#include "examples/lib/ospf.h"

#include <assert.h>
#include <string.h>

#include "ipv4/header.h"

#define AUTH_OFFSET 16
#define HELLO_MIN_LEN (OSPF_HEADER_LEN + OSPF_HELLO_FIXED_LEN)

const char *ospf_strerror(int code)
{
	switch (code) {
	case OSPF_OK:
		return "success";
	case OSPF_EINVAL:
		return "invalid argument";
	case OSPF_ENOBUF:
		return "output buffer too small";
	case OSPF_ESHORT:
		return "too short for a Hello";
	case OSPF_EVERSION:
		return "not OSPF version 2";
	case OSPF_ETYPE:
		return "not a Hello packet";
	case OSPF_ELENGTH:
		return "packet length field out of range";
	case OSPF_EAUTYPE:
		return "unsupported authentication type";
	case OSPF_ECHECKSUM:
		return "bad OSPF checksum";
	default:
		return "unknown error";
	}
}

/* ones_sum returns the ones' complement sum of data[0..len), folded. */
static uint32_t ones_sum(const uint8_t *data, size_t len)
{
	/* ipv4_checksum is the complement of exactly this sum. */
	return (uint16_t)~ipv4_checksum(data, len);
}

uint16_t ospf_checksum(const uint8_t *pkt, size_t len)
{
	size_t head = len < AUTH_OFFSET ? len : AUTH_OFFSET;
	uint32_t sum = ones_sum(pkt, head);

	/* The part after the authentication field starts at an even offset,
	   so its words line up with the packet's. */
	if (len > AUTH_OFFSET + OSPF_AUTH_LEN) {
		sum += ones_sum(pkt + AUTH_OFFSET + OSPF_AUTH_LEN,
				len - AUTH_OFFSET - OSPF_AUTH_LEN);
	}
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

int ospf_hello_size(const struct ospf_hello *h)
{
	if (h == NULL || h->num_neighbors > OSPF_MAX_NEIGHBORS ||
	    (h->neighbors == NULL && h->num_neighbors > 0)) {
		return OSPF_EINVAL;
	}
	return (int)(HELLO_MIN_LEN + 4 * h->num_neighbors);
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

/* put_addr copies an address already in network byte order. */
static uint8_t *put_addr(uint8_t *p, struct in_addr a)
{
	memcpy(p, &a.s_addr, 4);
	return p + 4;
}

/* put_hello writes the whole packet with a zero checksum. */
static uint8_t *put_hello(const struct ospf_hello *h, uint8_t *p, size_t len)
{
	*p++ = OSPF_VERSION;
	*p++ = OSPF_TYPE_HELLO;
	p = put_be16(p, (uint16_t)len);
	p = put_addr(p, h->router_id);
	p = put_addr(p, h->area_id);
	p = put_be16(p, 0); /* checksum, filled in afterwards */
	p = put_be16(p, h->autype);
	memcpy(p, h->auth, OSPF_AUTH_LEN);
	p += OSPF_AUTH_LEN;
	p = put_addr(p, h->network_mask);
	p = put_be16(p, h->hello_interval);
	*p++ = h->options;
	*p++ = h->priority;
	p = put_be32(p, h->dead_interval);
	p = put_addr(p, h->dr);
	p = put_addr(p, h->bdr);
	if (h->num_neighbors > 0) {
		memcpy(p, h->neighbors, 4 * h->num_neighbors);
		p += 4 * h->num_neighbors;
	}
	return p;
}

int ospf_hello_marshal(const struct ospf_hello *h, uint8_t *out, size_t out_cap,
		       size_t *out_len)
{
	int size = ospf_hello_size(h);
	uint8_t *end;

	if (size < 0 || out_len == NULL || (out == NULL && out_cap > 0)) {
		return OSPF_EINVAL;
	}
	if (h->autype != OSPF_AUTYPE_NONE && h->autype != OSPF_AUTYPE_SIMPLE) {
		return OSPF_EAUTYPE;
	}
	*out_len = (size_t)size;
	if (out_cap < (size_t)size) {
		return OSPF_ENOBUF;
	}
	end = put_hello(h, out, (size_t)size);
	assert(end - out == size);
	(void)put_be16(out + 12, ospf_checksum(out, (size_t)size));
	return OSPF_OK;
}

static uint16_t be16_at(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static uint32_t be32_at(const uint8_t *p)
{
	return (uint32_t)be16_at(p) << 16 | be16_at(p + 2);
}

static struct in_addr addr_at(const uint8_t *p)
{
	struct in_addr a;

	memcpy(&a.s_addr, p, 4);
	return a;
}

/* check_hello runs parse's checks in order; the packet length on success. */
static int check_hello(const uint8_t *pkt, size_t len)
{
	size_t pkt_len;

	if (len < HELLO_MIN_LEN) {
		return OSPF_ESHORT;
	}
	if (pkt[0] != OSPF_VERSION) {
		return OSPF_EVERSION;
	}
	if (pkt[1] != OSPF_TYPE_HELLO) {
		return OSPF_ETYPE;
	}
	pkt_len = be16_at(pkt + 2);
	if (pkt_len < HELLO_MIN_LEN || pkt_len > len ||
	    (pkt_len - HELLO_MIN_LEN) % 4 != 0) {
		return OSPF_ELENGTH;
	}
	if (be16_at(pkt + 14) > OSPF_AUTYPE_SIMPLE) {
		return OSPF_EAUTYPE;
	}
	if (ospf_checksum(pkt, pkt_len) != 0) {
		return OSPF_ECHECKSUM;
	}
	return (int)pkt_len;
}

int ospf_hello_parse(const uint8_t *pkt, size_t len, struct ospf_hello *out)
{
	int pkt_len;

	if (out == NULL || pkt == NULL) {
		return OSPF_EINVAL;
	}
	memset(out, 0, sizeof(*out));
	pkt_len = check_hello(pkt, len);
	if (pkt_len < 0) {
		return pkt_len;
	}
	out->router_id = addr_at(pkt + 4);
	out->area_id = addr_at(pkt + 8);
	out->checksum = be16_at(pkt + 12);
	out->autype = be16_at(pkt + 14);
	memcpy(out->auth, pkt + AUTH_OFFSET, OSPF_AUTH_LEN);
	out->network_mask = addr_at(pkt + 24);
	out->hello_interval = be16_at(pkt + 28);
	out->options = pkt[30];
	out->priority = pkt[31];
	out->dead_interval = be32_at(pkt + 32);
	out->dr = addr_at(pkt + 36);
	out->bdr = addr_at(pkt + 40);
	out->num_neighbors = ((size_t)pkt_len - HELLO_MIN_LEN) / 4;
	out->neighbors = out->num_neighbors > 0 ? pkt + HELLO_MIN_LEN : NULL;
	return OSPF_OK;
}
