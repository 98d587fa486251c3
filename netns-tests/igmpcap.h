/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/igmpcap.h - watching the IGMP a host puts on a link.
 *
 * A raw IGMP socket in the neighbour's namespace receives every IGMP
 * message its stack accepts; it joins 224.0.0.22 (where IGMPv3 reports
 * go), 224.0.0.2 (IGMPv2 leaves) and whichever groups the case names (v2
 * reports go to the group itself), so that the neighbour accepts them.
 * Each packet from the watched address is decoded with libipv4's codecs:
 * the IP header (header.h), its options (options.h, for Router Alert) and
 * the IGMP message with its group records (igmp.h).
 */
#ifndef NT_IGMPCAP_H
#define NT_IGMPCAP_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netns-tests/topo.h"

#define NT_IGMP_MAX_SOURCES 8
#define NT_IGMP_MAX_RECS 64

/*
 * struct nt_igmp_rec is one thing seen, or wanted: a v3 group record, or
 * a whole v1/v2 message (rec_type 0).
 */
struct nt_igmp_rec {
	uint8_t msg_type; /* IPV4_IGMP_V3_MEMBERSHIP_REPORT, ... */
	uint8_t rec_type; /* v3 record type; 0 for v1/v2 messages */
	struct in_addr group;
	size_t num_sources;
	struct in_addr sources[NT_IGMP_MAX_SOURCES];
	/* Seen only: */
	struct in_addr ip_dst; /* the carrying packet's destination */
	uint8_t ttl;	       /* ... its TTL */
	bool router_alert;     /* ... it had Router Alert with value 0 */
	unsigned packet;       /* which packet of the capture, from 1 */
};

/* struct nt_igmp_log is everything seen about one group. */
struct nt_igmp_log {
	struct nt_igmp_rec recs[NT_IGMP_MAX_RECS];
	size_t n;
	unsigned packets; /* IGMP packets from the watched host */
	int bad;	  /* packets the codecs refused (0 expected) */
	char bad_why[160];
};

/*
 * nt_igmp_open opens the capture socket in host's namespace, joined on
 * iface to 224.0.0.22, 224.0.0.2 and groups[0..n). Returns the descriptor
 * or -errno.
 */
int nt_igmp_open(const struct nt_topo *t, enum nt_iface iface,
		 const struct in_addr *groups, size_t n);

/*
 * nt_igmp_await reads the capture until a packet from `from` carries
 * every record of want[0..n_want) (same message type, record type and
 * group; the same set of sources), or ms have passed. Everything seen
 * about group on the way is added to *log. Returns 1 when found, 0 when
 * not, or -errno.
 */
int nt_igmp_await(int fd, struct in_addr from, struct in_addr group,
		  const struct nt_igmp_rec *want, size_t n_want, int ms,
		  struct nt_igmp_log *log);

/*
 * nt_igmp_describe writes the log as text, one "#packet kind{sources}
 * ->dst" entry per record, into out (out_cap bytes).
 */
void nt_igmp_describe(const struct nt_igmp_log *log, char *out, size_t out_cap);

/*
 * nt_igmp_describe_recs writes recs[0..n) as text: "TO_EX{} + ALLOW{S}"
 * for wanted records, or, when seen is set, with the packet number and the
 * destination as nt_igmp_describe does.
 */
void nt_igmp_describe_recs(const struct nt_igmp_rec *recs, size_t n, bool seen,
			   char *out, size_t out_cap);

/* nt_igmp_rec_name names a record type as RFC 3376 does ("TO_EX"). */
const char *nt_igmp_rec_name(uint8_t msg_type, uint8_t rec_type);

#endif /* NT_IGMPCAP_H */
