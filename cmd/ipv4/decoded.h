/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/decoded.h - a packet decoded once (decode.c), for the printers:
 * text in decode.c, JSON in decode_json.c. Internal to the ipv4 tool.
 */
#ifndef CMD_IPV4_DECODED_H
#define CMD_IPV4_DECODED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cmd/ipv4/decode.h"
#include "ipv4/header.h"
#include "ipv4/igmp.h"
#include "ipv4/options.h"

#define MAX_OPTIONS IPV4_MAX_OPTIONS_LEN /* each takes at least a byte */

/*
 * struct decoded: what decode.c learnt of one packet that has an IPv4
 * header, through libipv4's codecs.
 */
struct decoded {
	struct ipv4_header h;
	bool checksum_ok;
	uint16_t checksum_expected;
	int checks; /* ipv4_header_validate's result */
	struct ipv4_option options[MAX_OPTIONS];
	size_t num_options;
	int options_error; /* the options walk's error, or 0 */
	const uint8_t *payload;
	size_t payload_len;
	bool is_igmp; /* protocol 2, first (or only) fragment */
	int igmp_rc;
	struct ipv4_igmp_message igmp;
	char igmp_text[512];
	bool is_icmp;
};

/*
 * decode_all_pass says whether every check passed: the receiver checks,
 * the options walk and, for an IGMP payload, its parse.
 */
bool decode_all_pass(const struct decoded *d);

/* decode_option_name returns the name of an option type, "unknown" for one
   it does not know. */
const char *decode_option_name(uint8_t type);

/* decode_icmp_name returns Go's name of an ICMP type, "unknown" where Go
   has none. */
const char *decode_icmp_name(uint8_t type);

/*
 * decode_print_json prints d as one JSON object (a line) to out, with the
 * label (or none when label is NULL) and the exit status this packet gives.
 */
void decode_print_json(FILE *out, const struct decoded *d,
		       const struct decode_label *label, int status);

/*
 * decode_print_json_failure prints, as one JSON object, why pkt[0..len)
 * has no IPv4 header: the error code's name, msg, and the status
 * TOOL_FAILED.
 */
void decode_print_json_failure(FILE *out, int code, const char *msg,
			       const uint8_t *pkt, size_t len,
			       const struct decode_label *label);

#endif /* CMD_IPV4_DECODED_H */
