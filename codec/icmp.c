/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/icmp.c - ICMP type names and the ICMP filter (icmp.h).
 *
 * The filter is a bitmap over the 256 types; the Linux kernel word is its
 * first 32 bits, least significant bit for type 0:
 *
 *   blocked[0]  blocked[1]  blocked[2]  blocked[3]  blocked[4] .. [31]
 *   types 0-7   types 8-15  types 16-23 types 24-31 types 32 .. 255
 *   |<-------- the ICMP_FILTER word, bit t = type t ------->| never filtered
 *                                                             by the kernel
 */
#include "ipv4/icmp.h"

#include <stddef.h>
#include <string.h>

#define KERNEL_BYTES (IPV4_ICMP_FILTER_KERNEL_TYPES / 8)

static const struct {
	int type;
	const char *name;
} type_names[] = {
	{ IPV4_ICMP_TYPE_ECHO_REPLY, "echo reply" },
	{ IPV4_ICMP_TYPE_DESTINATION_UNREACHABLE, "destination unreachable" },
	{ IPV4_ICMP_TYPE_REDIRECT, "redirect" },
	{ IPV4_ICMP_TYPE_ECHO, "echo" },
	{ IPV4_ICMP_TYPE_ROUTER_ADVERTISEMENT, "router advertisement" },
	{ IPV4_ICMP_TYPE_ROUTER_SOLICITATION, "router solicitation" },
	{ IPV4_ICMP_TYPE_TIME_EXCEEDED, "time exceeded" },
	{ IPV4_ICMP_TYPE_PARAMETER_PROBLEM, "parameter problem" },
	{ IPV4_ICMP_TYPE_TIMESTAMP, "timestamp" },
	{ IPV4_ICMP_TYPE_TIMESTAMP_REPLY, "timestamp reply" },
	{ IPV4_ICMP_TYPE_PHOTURIS, "photuris" },
	{ IPV4_ICMP_TYPE_EXTENDED_ECHO_REQUEST, "extended echo request" },
	{ IPV4_ICMP_TYPE_EXTENDED_ECHO_REPLY, "extended echo reply" },
};

const char *ipv4_icmp_type_string(int type)
{
	for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]);
	     i++) {
		if (type_names[i].type == type) {
			return type_names[i].name;
		}
	}
	return "<nil>";
}

static int type_valid(int type)
{
	return type >= 0 && type <= IPV4_ICMP_TYPE_MAX;
}

static uint8_t type_bit(int type)
{
	return (uint8_t)(1u << ((unsigned)type & 7u));
}

int ipv4_icmp_filter_set_all(struct ipv4_icmp_filter *f, int block)
{
	if (f == NULL) {
		return IPV4_EINVAL;
	}
	memset(f->blocked, 0, sizeof(f->blocked));
	if (block) {
		memset(f->blocked, 0xff, KERNEL_BYTES);
	}
	return 0;
}

int ipv4_icmp_filter_accept(struct ipv4_icmp_filter *f, int type)
{
	if (f == NULL || !type_valid(type)) {
		return IPV4_EINVAL;
	}
	f->blocked[type >> 3] &= (uint8_t)~type_bit(type);
	return 0;
}

int ipv4_icmp_filter_block(struct ipv4_icmp_filter *f, int type)
{
	if (f == NULL || !type_valid(type)) {
		return IPV4_EINVAL;
	}
	f->blocked[type >> 3] |= type_bit(type);
	return 0;
}

int ipv4_icmp_filter_will_block(const struct ipv4_icmp_filter *f, int type)
{
	if (f == NULL || !type_valid(type)) {
		return IPV4_EINVAL;
	}
	return (f->blocked[type >> 3] & type_bit(type)) != 0;
}

int ipv4_icmp_filter_to_kernel(const struct ipv4_icmp_filter *f,
			       uint32_t *out_word)
{
	uint32_t word = 0;

	if (out_word == NULL) {
		return IPV4_EINVAL;
	}
	*out_word = 0;
	if (f == NULL) {
		return IPV4_EINVAL;
	}
	for (size_t i = KERNEL_BYTES; i < sizeof(f->blocked); i++) {
		if (f->blocked[i] != 0) {
			return IPV4_EICMPTYPE;
		}
	}
	for (size_t i = 0; i < KERNEL_BYTES; i++) {
		word |= (uint32_t)f->blocked[i] << (8 * i);
	}
	*out_word = word;
	return 0;
}

int ipv4_icmp_filter_from_kernel(struct ipv4_icmp_filter *out, uint32_t word)
{
	if (out == NULL) {
		return IPV4_EINVAL;
	}
	memset(out->blocked, 0, sizeof(out->blocked));
	for (size_t i = 0; i < KERNEL_BYTES; i++) {
		out->blocked[i] = (uint8_t)(word >> (8 * i));
	}
	return 0;
}
