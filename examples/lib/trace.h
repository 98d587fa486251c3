/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/lib/trace.h - the pure half of the traceroute example: building an
 * ICMP echo probe, and deciding whether an ICMP message answers a probe.
 *
 *   ICMP echo and echo reply (RFC 792), 8 bytes and the data:
 *     | type 8 / 0 | code 0 | checksum (2) | identifier (2) | sequence (2) |
 *   time exceeded (11), destination unreachable (3), 8 bytes and a quote:
 *     | type | code | checksum (2) | unused (4) |
 *     | the probe's IPv4 header, options included | its first 8 bytes |
 *   where the first 8 bytes of a UDP probe are its header
 *     | source port (2) | destination port (2) | length (2) | checksum (2) |
 *   and those of an echo probe its ICMP header above.
 *
 * Pure C11 on libipv4's header codec and checksum: no allocation, no
 * system call.
 */
#ifndef EXAMPLES_TRACE_H
#define EXAMPLES_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TRACE_ICMP_HEADER_LEN 8
/* The first destination port of UDP probes, as in the classic tool. */
#define TRACE_UDP_BASE_PORT 33434

/* The code of Port Unreachable: the destination's answer to a UDP probe. */
#define TRACE_CODE_PORT_UNREACHABLE 3

/* Results of the builders. */
#define TRACE_EINVAL (-1) /* NULL argument */
#define TRACE_ENOBUF (-2) /* output buffer too small */

/* What a probe is. */
enum trace_probe_kind {
	TRACE_PROBE_UDP,  /* a UDP datagram to an unlikely port */
	TRACE_PROBE_ICMP, /* an ICMP echo request */
};

/*
 * struct trace_probe identifies one probe: where it went and, for UDP, its
 * ports, for ICMP its echo identifier and sequence number.
 */
struct trace_probe {
	enum trace_probe_kind kind;
	struct in_addr dst; /* network byte order */
	uint16_t src_port;  /* UDP */
	uint16_t dst_port;  /* UDP */
	uint16_t id;	    /* ICMP */
	uint16_t seq;	    /* ICMP */
};

/* What an answer to a probe says. */
enum trace_answer {
	TRACE_NOT_OURS = 0,  /* not an answer to this probe */
	TRACE_TIME_EXCEEDED, /* a router on the way: one hop */
	TRACE_ECHO_REPLY,    /* the destination answered the echo */
	TRACE_UNREACHABLE,   /* destination unreachable, any code */
};

/*
 * trace_echo_size returns the bytes of an echo request with data_len
 * bytes of data: 8 + data_len.
 */
size_t trace_echo_size(size_t data_len);

/*
 * trace_echo_build writes an ICMP echo request (type 8, code 0) with the
 * identifier id, the sequence number seq and data[0..data_len), checksum
 * filled in, into out (out_cap bytes). Returns 0 with *out_len set to the
 * bytes written, TRACE_EINVAL (out_len NULL, data NULL with data_len > 0,
 * out NULL with out_cap > 0, or a message over 65535 bytes), or
 * TRACE_ENOBUF with *out_len set to the size needed and out untouched.
 */
int trace_echo_build(uint16_t id, uint16_t seq, const uint8_t *data,
		     size_t data_len, uint8_t *out, size_t out_cap,
		     size_t *out_len);

/*
 * trace_match decides whether the ICMP message icmp[0..len) (what follows
 * the IPv4 header of a received packet) answers probe p: an echo reply
 * with p's identifier and sequence number, or a time exceeded or
 * destination unreachable message whose quote is p's packet (same
 * protocol, destination and ports or echo identifiers). A message whose
 * checksum does not verify, or that is too short for what it must hold,
 * is not an answer. On an answer *out_code, when out_code is not NULL,
 * receives the ICMP code (0 otherwise).
 */
enum trace_answer trace_match(const struct trace_probe *p, const uint8_t *icmp,
			      size_t len, uint8_t *out_code);

/*
 * trace_mark returns the classic tool's annotation for an answer: "" for
 * time exceeded and echo reply; for destination unreachable, by code, ""
 * for port unreachable (3: the destination's own answer to a UDP probe),
 * "!N" net (0), "!H" host (1), "!P" protocol (2), "!F" fragmentation
 * needed (4), "!S" source route failed (5), "!X" administratively
 * prohibited (13), "!V" host precedence violation (14), "!C" precedence
 * cutoff (15), "!6" to "!12" for the codes between, and "!?" above 15.
 * The text is static.
 */
const char *trace_mark(enum trace_answer a, uint8_t code);

#ifdef __cplusplus
}
#endif

#endif /* EXAMPLES_TRACE_H */
