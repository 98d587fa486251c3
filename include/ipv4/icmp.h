/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/icmp.h - ICMP message types and the Linux raw-socket ICMP filter.
 *
 * The counterpart of Go's ipv4.ICMPType and ipv4.ICMPFilter: the type
 * numbers and names of the IANA registry as Go lists them, and a filter over
 * all 256 ICMP types that converts to and from the 32-bit word the Linux
 * kernel takes with setsockopt(SOL_RAW, ICMP_FILTER).
 *
 * The kernel word can only speak of types 0..31 (bit t set: type t is
 * dropped); the kernel delivers every type from 32 to 255 whatever the word
 * says. A struct ipv4_icmp_filter therefore holds all 256 types, and
 * ipv4_icmp_filter_to_kernel refuses a filter that blocks a type the kernel
 * would deliver anyway, instead of folding it onto type & 31 as Go does
 * (see conformance/DIVERGENCES.md).
 *
 * Pure C11: no allocation, no system call, no global state. Every function
 * is safe to call from any number of threads at once, provided no two of
 * them write the same filter.
 */
#ifndef IPV4_ICMP_H
#define IPV4_ICMP_H

#include "ipv4/export.h"

#include <stdint.h>

#include "ipv4/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* IPV4_ICMP_PROTOCOL is the IP protocol number of ICMP (Go: Protocol()). */
#define IPV4_ICMP_PROTOCOL 1

/* The ICMP types Go names (IANA registry, updated 2018-02-26). */
#define IPV4_ICMP_TYPE_ECHO_REPLY 0
#define IPV4_ICMP_TYPE_DESTINATION_UNREACHABLE 3
#define IPV4_ICMP_TYPE_REDIRECT 5
#define IPV4_ICMP_TYPE_ECHO 8
#define IPV4_ICMP_TYPE_ROUTER_ADVERTISEMENT 9
#define IPV4_ICMP_TYPE_ROUTER_SOLICITATION 10
#define IPV4_ICMP_TYPE_TIME_EXCEEDED 11
#define IPV4_ICMP_TYPE_PARAMETER_PROBLEM 12
#define IPV4_ICMP_TYPE_TIMESTAMP 13
#define IPV4_ICMP_TYPE_TIMESTAMP_REPLY 14
#define IPV4_ICMP_TYPE_PHOTURIS 40
#define IPV4_ICMP_TYPE_EXTENDED_ECHO_REQUEST 42
#define IPV4_ICMP_TYPE_EXTENDED_ECHO_REPLY 43

/* IPV4_ICMP_TYPE_MAX is the largest ICMP type: the field is one byte. */
#define IPV4_ICMP_TYPE_MAX 255

/* IPV4_ICMP_FILTER_KERNEL_TYPES: the kernel word covers types 0..31. */
#define IPV4_ICMP_FILTER_KERNEL_TYPES 32

/*
 * ipv4_icmp_type_string returns the name Go's ICMPType.String() gives type:
 * "echo reply", "destination unreachable", ..., "extended echo reply" for
 * the thirteen types above, and "<nil>" for every other value, including
 * values outside 0..255 (Go's ICMPType is an int). The string is static and
 * never NULL.
 */
IPV4_EXPORT const char *ipv4_icmp_type_string(int type);

/*
 * struct ipv4_icmp_filter says, for each of the 256 ICMP types, whether a
 * raw ICMP socket drops it: bit (t & 7) of blocked[t >> 3] is set when type
 * t is blocked. An all-zero filter (for example `struct ipv4_icmp_filter f
 * = {0}`) accepts every type, like Go's zero ICMPFilter and the kernel word
 * 0. Change it only through the functions below, or read the bits directly.
 */
struct ipv4_icmp_filter {
	uint8_t blocked[32];
};

/*
 * ipv4_icmp_filter_set_all makes f accept every type (block == 0) or block
 * every type the kernel can block (block != 0): types 0..31 are blocked and
 * types 32..255 stay accepted, because no Linux filter can drop them; so
 * the result converts to the kernel word 0 or 0xffffffff, as Go's SetAll
 * does. Returns 0, or IPV4_EINVAL when f is NULL.
 */
IPV4_EXPORT int ipv4_icmp_filter_set_all(struct ipv4_icmp_filter *f, int block);

/*
 * ipv4_icmp_filter_accept clears type's bit in f, so that it is delivered.
 * Unlike Go, a type above 31 changes only its own bit. Returns 0, or
 * IPV4_EINVAL when f is NULL or type is outside 0..255 (f is unchanged).
 */
IPV4_EXPORT int ipv4_icmp_filter_accept(struct ipv4_icmp_filter *f, int type);

/*
 * ipv4_icmp_filter_block sets type's bit in f, so that it is dropped. Any
 * type 0..255 can be blocked here, but a filter blocking a type above 31
 * cannot be given to the kernel: ipv4_icmp_filter_to_kernel refuses it.
 * Returns 0, or IPV4_EINVAL when f is NULL or type is outside 0..255 (f is
 * unchanged).
 */
IPV4_EXPORT int ipv4_icmp_filter_block(struct ipv4_icmp_filter *f, int type);

/*
 * ipv4_icmp_filter_will_block returns 1 when f blocks type, 0 when it
 * accepts it, and IPV4_EINVAL when f is NULL or type is outside 0..255.
 */
IPV4_EXPORT int ipv4_icmp_filter_will_block(const struct ipv4_icmp_filter *f,
					    int type);

/*
 * ipv4_icmp_filter_to_kernel stores in *out_word the Linux ICMP_FILTER word
 * that makes the kernel do what f says: bit t set for each blocked type t
 * in 0..31. Returns 0 on success. On failure *out_word is 0 and the result
 * is one of:
 *   IPV4_EINVAL     f or out_word is NULL
 *   IPV4_EICMPTYPE  f blocks a type above 31, which the kernel would
 *                   deliver whatever the word says
 */
IPV4_EXPORT int ipv4_icmp_filter_to_kernel(const struct ipv4_icmp_filter *f,
					   uint32_t *out_word);

/*
 * ipv4_icmp_filter_from_kernel sets *out to what the kernel does with the
 * ICMP_FILTER word: types 0..31 blocked as their bits say, types 32..255
 * accepted. The conversion is exact both ways: to_kernel of the result
 * gives word back. Returns 0, or IPV4_EINVAL when out is NULL.
 */
IPV4_EXPORT int ipv4_icmp_filter_from_kernel(struct ipv4_icmp_filter *out,
					     uint32_t word);

#ifdef __cplusplus
}
#endif

#endif /* IPV4_ICMP_H */
