/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/options.h - IPv4 header options (RFC 791 section 3.1, RFC 2113).
 *
 * An iterator walks the options bytes of a header (ipv4_header.options)
 * one option at a time and checks each before handing it out, and two
 * writers build the options the library itself sends: Router Alert (IGMP)
 * and Record Route (traceroute). Go's x/net/ipv4 keeps options as raw
 * bytes and has no counterpart.
 *
 * Options on the wire:
 *
 *   single octet:  +--------+
 *                  |  type  |           End of Option List (0), No-Op (1)
 *                  +--------+
 *   the others:    +--------+--------+--------//--------+
 *                  |  type  | length |  length - 2 bytes |
 *                  +--------+--------+--------//--------+
 *
 * where length counts the type and length octets too.
 *
 * Pure C11: no allocation, no system call, no global state. An iterator and
 * the options it hands out are views of the caller's bytes: they stay valid
 * only as long as those bytes do, and nothing here writes to them.
 */
#ifndef IPV4_OPTIONS_H
#define IPV4_OPTIONS_H

#include "ipv4/export.h"

#include <stddef.h>
#include <stdint.h>

#include "ipv4/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Option types (the whole type octet: copied flag, class and number). */
#define IPV4_OPT_EOL 0		  /* End of Option List, one octet */
#define IPV4_OPT_NOP 1		  /* No Operation, one octet */
#define IPV4_OPT_RECORD_ROUTE 7	  /* Record Route */
#define IPV4_OPT_TIMESTAMP 68	  /* Internet Timestamp */
#define IPV4_OPT_SECURITY 130	  /* Basic Security (RFC 1108 2.2) */
#define IPV4_OPT_LSRR 131	  /* Loose Source and Record Route */
#define IPV4_OPT_SSRR 137	  /* Strict Source and Record Route */
#define IPV4_OPT_ROUTER_ALERT 148 /* Router Alert (RFC 2113) */

/* The parts of a type octet. */
#define IPV4_OPT_COPIED(type) (((unsigned)(type) >> 7) & 1u)
#define IPV4_OPT_CLASS(type) (((unsigned)(type) >> 5) & 3u)
#define IPV4_OPT_NUMBER(type) ((unsigned)(type)&31u)

/* Lengths, counting the type and length octets. */
#define IPV4_OPT_ROUTER_ALERT_LEN 4 /* fixed */
#define IPV4_OPT_SECURITY_MIN_LEN 3 /* type, length, classification level */

/* Basic Security Option classification levels (RFC 1108 section 2.3). */
#define IPV4_OPT_SEC_TOP_SECRET 0x3d
#define IPV4_OPT_SEC_SECRET 0x5a
#define IPV4_OPT_SEC_CONFIDENTIAL 0x96
#define IPV4_OPT_SEC_UNCLASSIFIED 0xab

/*
 * Protection authority flags (RFC 1108 section 2.4), the bits of the first
 * flags octet. In every flags octet the low bit is the field termination
 * indicator: 1 when another flags octet follows.
 */
#define IPV4_OPT_SEC_GENSER 0x80
#define IPV4_OPT_SEC_SIOP_ESI 0x40
#define IPV4_OPT_SEC_SCI 0x20
#define IPV4_OPT_SEC_NSA 0x10
#define IPV4_OPT_SEC_DOE 0x08
#define IPV4_OPT_SEC_MORE 0x01

/* Record Route: 3 octets and 4 per address slot; 9 slots fill 40 bytes. */
#define IPV4_OPT_ROUTE_MAX_SLOTS 9

/* Timestamp flags (the low four bits of the fourth octet). */
#define IPV4_OPT_TS_ONLY 0     /* 4-byte timestamps */
#define IPV4_OPT_TS_AND_ADDR 1 /* address and timestamp, 8 bytes each */
#define IPV4_OPT_TS_PRESPEC 3  /* prespecified addresses, 8 bytes each */

/*
 * struct ipv4_option is one option as ipv4_option_next hands it out.
 *
 * For every option:
 *   offset     where its type octet sits, counted from the first byte
 *              given to ipv4_option_iter_init
 *   type       the type octet
 *   len        the bytes it occupies: 1 for EOL and NOP, else its length
 *              octet (2..40 in a header)
 *   data       a view of the len - 2 bytes after the length octet, or NULL
 *              when there are none (EOL, NOP, a two-byte option); for the
 *              route and timestamp options it starts with the pointer
 *   data_len   len - 2, or 0 for EOL and NOP
 *
 * Decoded, for the options named (all zero or NULL otherwise):
 *   pointer      RR, LSRR, SSRR, TIMESTAMP: the pointer octet, in octets
 *                from the start of the option, 1-based, as on the wire
 *   ts_overflow  TIMESTAMP: the overflow count, 0..15
 *   ts_flags     TIMESTAMP: IPV4_OPT_TS_ONLY, _TS_AND_ADDR or _TS_PRESPEC
 *   router_alert ROUTER_ALERT: the value (0: examine the packet)
 *   sec_level    SECURITY: the classification level octet
 *                (IPV4_OPT_SEC_TOP_SECRET ...; other values are handed out
 *                as they are)
 *   sec_authority     SECURITY: a view of the protection authority flags,
 *                     the sec_authority_len octets after the level (NULL
 *                     when there are none; bits IPV4_OPT_SEC_GENSER ...)
 *   sec_authority_len SECURITY: len - 3
 *   slots        RR, LSRR, SSRR, TIMESTAMP: a view of the address slots or
 *                timestamp entries, num_slots * slot_len bytes (NULL when
 *                num_slots is 0); addresses in network byte order
 *   slot_len     4 for routes and TS_ONLY, 8 for the other timestamps
 *   num_slots    how many slots the option has room for
 *   num_filled   how many come before the pointer (filled in, or for a
 *                source route, already visited); num_filled == num_slots
 *                means full, which any pointer past the length says
 *                (RFC 791: "the pointer exceeds the length")
 */
struct ipv4_option {
	size_t offset;
	uint8_t type;
	uint8_t len;
	const uint8_t *data;
	size_t data_len;
	uint8_t pointer;
	uint8_t ts_overflow;
	uint8_t ts_flags;
	uint16_t router_alert;
	const uint8_t *slots;
	size_t slot_len;
	size_t num_slots;
	size_t num_filled;
	uint8_t sec_level;
	const uint8_t *sec_authority;
	size_t sec_authority_len;
};

/*
 * struct ipv4_option_iter is the iterator's state. Its fields are private:
 * set it up with ipv4_option_iter_init and advance it with ipv4_option_next.
 */
struct ipv4_option_iter {
	const uint8_t *start;
	size_t len;
	size_t pos;
	int state;
};

/*
 * ipv4_option_iter_init starts *it at the first of options_len bytes at
 * options, for example a parsed header's h.options and h.options_len. The
 * bytes are not copied: they must outlive the iterator and every option it
 * returns. Returns 0, or IPV4_EINVAL when it is NULL or options is NULL
 * with options_len > 0 (*it then yields IPV4_EINVAL, when it is not NULL).
 */
IPV4_EXPORT int ipv4_option_iter_init(struct ipv4_option_iter *it,
				      const uint8_t *options,
				      size_t options_len);

/*
 * ipv4_option_next checks the next option and describes it in *out.
 *
 * Returns 1 with *out filled, 0 when the options are over, or a negative
 * code with *out zeroed. The options are over at the end of the bytes or
 * just after an End of Option List: EOL is handed out once (len 1), and the
 * bytes after it are padding that is not examined (RFC 791: EOL marks the
 * end of all options, not of one). Unknown types are handed out with their
 * length, after the generic checks. Errors, after which the iterator keeps
 * returning the same code:
 *   IPV4_EINVAL   it or out is NULL
 *   IPV4_EOPTION  the length octet is missing, below 2 or past the end of
 *                 the bytes; or a known option has an impossible length:
 *                 RR, LSRR or SSRR not 3 + 4n, TIMESTAMP below 4 or not 4
 *                 plus whole entries, ROUTER_ALERT not 4, SECURITY below
 *                 3; or a TIMESTAMP flag other than 0, 1 or 3
 *   IPV4_EOPTPTR  a route pointer, up to the length, that is not 4 + 4k,
 *                 or a timestamp pointer, up to the length, that is not
 *                 5 + entry * k (below the first slot or inside a slot).
 *                 A pointer past the length is not an error: RFC 791 calls
 *                 that option full, and it is handed out with num_filled
 *                 equal to num_slots.
 */
IPV4_EXPORT int ipv4_option_next(struct ipv4_option_iter *it,
				 struct ipv4_option *out);

/*
 * ipv4_option_router_alert_marshal writes the 4-byte Router Alert option
 * (RFC 2113: 148, 4, value) into out (out_cap bytes). IGMP messages are
 * sent with value 0. Returns 0 with *out_len set to 4, or:
 *   IPV4_EINVAL  out_len is NULL, or out is NULL with out_cap > 0
 *   IPV4_ENOBUF  out_cap < 4; *out_len is set to 4 and out is untouched
 */
IPV4_EXPORT int ipv4_option_router_alert_marshal(uint16_t value, uint8_t *out,
						 size_t out_cap,
						 size_t *out_len);

/*
 * ipv4_option_record_route_marshal_size returns the length of a Record Route option
 * with num_slots empty address slots, 3 + 4 * num_slots, or IPV4_EINVAL
 * when num_slots is above IPV4_OPT_ROUTE_MAX_SLOTS.
 */
IPV4_EXPORT int ipv4_option_record_route_marshal_size(size_t num_slots);

/*
 * ipv4_option_record_route_marshal writes an empty Record Route option with
 * num_slots address slots (7, 3 + 4 * num_slots, pointer 4, zeros) into
 * out. A header's options must fill a multiple of 4 bytes: the caller pads
 * with EOL or NOP octets (9 slots take 39 bytes; one more makes 40).
 * Returns 0 with *out_len set to the bytes written, or:
 *   IPV4_EINVAL  out_len is NULL, out is NULL with out_cap > 0, or
 *                num_slots above IPV4_OPT_ROUTE_MAX_SLOTS
 *   IPV4_ENOBUF  out_cap is too small; *out_len is set to the size needed
 *                and out is untouched
 */
IPV4_EXPORT int ipv4_option_record_route_marshal(size_t num_slots, uint8_t *out,
						 size_t out_cap,
						 size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* IPV4_OPTIONS_H */
