/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/decode.h - the decode subcommand's work, apart from reading
 * its input: decoding a packet and printing what it says.
 */
#ifndef CMD_IPV4_DECODE_H
#define CMD_IPV4_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * struct decode_label says which packet of several is decoded: printed
 * before it in text ("packet 3 at 12:00:00.000001 (line 9)") and as its
 * first members in JSON ("packet", "time", "line").
 */
struct decode_label {
	unsigned long number; /* from 1 */
	const char *time;     /* capture time, or NULL */
	size_t line;	      /* line of a hex dump it came from, or 0 */
};

/*
 * decode_packet decodes the wire-format IPv4 packet pkt[0..len) (a header,
 * or a header and what follows it) and prints, to out, as text or as one
 * JSON object (a line): every header field, the options one by one, the
 * checksum verdict (and the right checksum when it is wrong), the RFC 1122
 * receiver checks, and, when the payload is one, the IGMP message or the
 * ICMP type. label is NULL for a lone packet.
 *
 * Returns TOOL_OK when the header decoded and every check passed,
 * TOOL_BAD_PACKET when it decoded but a check failed (a bad checksum,
 * lengths that disagree, malformed options, a malformed IGMP message),
 * or TOOL_FAILED when there is no IPv4 header to decode: a packet of
 * another IP version (IPv6 is named as such) or too short for its header.
 * Then nothing is printed in text mode (a JSON object with the error's
 * name, message and status in JSON mode) and err (err_cap bytes) says
 * why with the numbers involved, e.g. "not an IPv4 header: the header
 * says 60 bytes (IHL 15), 20 were given (IPV4_EEXTSHORT)".
 * Every JSON object ends with "status", the exit status this packet
 * alone would give.
 */
int decode_packet(FILE *out, const uint8_t *pkt, size_t len, bool json,
		  const struct decode_label *label, char *err, size_t err_cap);

/*
 * decode_protocol_name returns the name of an IP protocol number ("ICMP",
 * "IGMP", "TCP", "UDP", "OSPF", ...), or NULL for one it does not know.
 */
const char *decode_protocol_name(unsigned protocol);

/*
 * decode_dscp_name writes the name of a DSCP value, "CS6", "AF11", "EF",
 * "VA" or "" for an unnamed one, into out (out_cap bytes).
 */
void decode_dscp_name(unsigned dscp, char *out, size_t out_cap);

#ifdef __cplusplus
}
#endif

#endif /* CMD_IPV4_DECODE_H */
