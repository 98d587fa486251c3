/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/input.h - the packets in the text given to ipv4 decode: plain
 * hex (one packet) or a tcpdump hex dump (any number of packets).
 *
 * A dump is text in which some line is an offset line as tcpdump -x, -xx
 * and -X print them:
 *
 *   12:00:00.000000 IP 198.18.1.1 > 224.0.0.22: igmp v3 report, 1 group record(s)
 *           0x0000:  46c0 0028 0000 4000 0102 3ce6 c612 0101  F..(..@...<.....
 *           0x0010:  e000 0016 9404 0000 2200 e8f9 0000 0001  ........".......
 *
 * Offset 0x0000 starts a packet; the hex groups after the offset are its
 * bytes, and the ASCII column of -X (after two spaces) is ignored, as are
 * the summary lines between packets. A packet of a -xx dump that begins
 * with an Ethernet header carrying IP (EtherType 0x0800 or 0x86dd, after
 * an optional 802.1Q tag) has that header skipped.
 *
 * Pure C11: no allocation, no system call.
 */
#ifndef CMD_IPV4_INPUT_H
#define CMD_IPV4_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* INPUT_MAX_PACKET is the largest packet: IPv4's total length limit. */
#define INPUT_MAX_PACKET 65535

/* One packet found in the input. */
struct input_packet {
	const uint8_t *bytes; /* into the caller's buffer */
	size_t len;
	size_t line;	     /* dump: the line of its 0x0000 offset (from 1);
				 plain hex: 0 */
	size_t link_skipped; /* bytes of Ethernet header skipped (-xx), or 0 */
};

/* Results of input_parse besides 0. */
#define INPUT_EHEX (-1)	 /* plain hex: a character that is not hex */
#define INPUT_EODD (-2)	 /* an odd number of hex digits */
#define INPUT_ELONG (-3) /* a packet longer than INPUT_MAX_PACKET */
#define INPUT_EMANY (-5) /* more packets than the caller's array */
#define INPUT_EDUMP (-6) /* a dump whose offsets do not follow on */
#define INPUT_EBUF (-7)	 /* more bytes in all than the caller's buffer */

/*
 * input_parse reads text[0..text_len) as a dump when any line is an
 * offset line, else as plain hex (hex.h's rules), into buf (buf_cap
 * bytes) and the packet list pkts[0..max_pkts), their number in
 * *num_pkts.
 *
 * Returns 0, or an INPUT_E* code with a sentence in err (err_cap bytes)
 * that carries the numbers it is about: the line and column of a bad
 * character, the limit that was passed.
 */
int input_parse(const char *text, size_t text_len, uint8_t *buf, size_t buf_cap,
		struct input_packet *pkts, size_t max_pkts, size_t *num_pkts,
		char *err, size_t err_cap);

/*
 * input_is_dump says whether text holds an offset line ("0x0000:  " after
 * optional blanks, at the start of a line).
 */
bool input_is_dump(const char *text, size_t text_len);

#ifdef __cplusplus
}
#endif

#endif /* CMD_IPV4_INPUT_H */
