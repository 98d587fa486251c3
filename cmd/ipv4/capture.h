/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/capture.h - ipv4 decode --pcap FILE: the IPv4 packets of a
 * capture file, read with libpcap (the library tcpdump uses).
 *
 * pcap and pcapng files of link type Ethernet (802.1Q tags skipped), raw
 * IP (DLT_RAW, LINKTYPE_IPV4) and Linux cooked (SLL, SLL2) are read. Every
 * IPv4 packet is decoded (decode.h) under its number in the file and its
 * capture time; the others (IPv6, ARP, ...) are counted, and a summary
 * closes the output:
 *
 *   text: "capture: 12 packets, link type EN10MB: 9 IPv4 (8 passed, 1 failed
 *          a check, 0 without a header), 2 IPv6, 1 other"
 *   JSON: {"summary":{"packets":12,"ipv4":9,...},"link_type":"EN10MB",
 *          "status":3}
 */
#ifndef CMD_IPV4_CAPTURE_H
#define CMD_IPV4_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a capture held. */
struct capture_summary {
	unsigned long packets;	    /* records read */
	unsigned long ipv4;	    /* IPv4 packets, decoded */
	unsigned long passed;	    /* of those: every check passed */
	unsigned long failed_check; /* decoded, a check failed */
	unsigned long no_header;    /* too short or cut for an IPv4 header */
	unsigned long ipv6;
	unsigned long other; /* ARP, LLDP, anything not IP */
};

/*
 * capture_decode reads the capture file at path and prints, to out, each
 * IPv4 packet decoded and then the summary, as text or JSON (one object a
 * line). Returns the exit status the packets give (TOOL_OK, or
 * TOOL_BAD_PACKET / TOOL_FAILED as the worst packet) and fills *sum.
 *
 * When the file cannot be read as a capture (missing, empty, not pcap or
 * pcapng, an unsupported link type) or a record is broken (truncated), err
 * (err_cap bytes) says why and TOOL_FAILED is returned; the packets before
 * a broken record are printed, and so is the summary. Otherwise err is "".
 */
int capture_decode(FILE *out, const char *path, bool json,
		   struct capture_summary *sum, char *err, size_t err_cap);

#ifdef __cplusplus
}
#endif

#endif /* CMD_IPV4_CAPTURE_H */
