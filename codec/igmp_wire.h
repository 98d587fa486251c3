/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/igmp_wire.h - what the IGMP parser, encoder and printer share.
 * Internal to libipv4.
 */
#ifndef IPV4_CODEC_IGMP_WIRE_H
#define IPV4_CODEC_IGMP_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "ipv4/igmp.h"

#define IGMP_ADDR_LEN 4u
#define IGMP_MAX_COUNT 0xffffu
#define IGMP_S_FLAG 0x08u
#define IGMP_QRV_MASK 0x07u

/*
 * ipv4__igmp_fixed_version returns the version a message type implies: 1, 2 or 3,
 * 0 for a query (its length and max resp code decide), or IPV4_EIGMPTYPE
 * for a type that is no IGMP message.
 */
int ipv4__igmp_fixed_version(uint8_t type);

/*
 * ipv4__igmp_walk_records checks that num_records group records lie at the start
 * of records[0..len) and stores the bytes they take in *out_used. Returns 0,
 * or IPV4_EIGMPSHORT when one runs past len.
 */
int ipv4__igmp_walk_records(const uint8_t *records, size_t len,
			    size_t num_records, size_t *out_used);

#endif /* IPV4_CODEC_IGMP_WIRE_H */
