/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/datagram.h - one received datagram, as the join subcommand
 * prints it.
 */
#ifndef CMD_IPV4_DATAGRAM_H
#define CMD_IPV4_DATAGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

/* DATAGRAM_TEXT_MAX is how many data bytes the text form shows. */
#define DATAGRAM_TEXT_MAX 64

/*
 * struct datagram is what is known of one datagram: ports in host byte
 * order, addresses in network byte order, ttl and tos -1 when the kernel
 * did not say, ifname NULL when the index has no name.
 */
struct datagram {
	unsigned long seq; /* 1 for the first printed */
	struct in_addr src;
	uint16_t src_port;
	struct in_addr dst;
	bool has_dst;
	uint16_t dst_port;
	unsigned int ifindex; /* 0: unknown */
	const char *ifname;
	int ttl;
	int tos;
	const uint8_t *data;
	size_t len;	/* bytes in data */
	bool truncated; /* the datagram was longer than data */
};

/*
 * datagram_print prints d on one line, as text:
 *   198.18.1.2:40000 > 239.1.2.3:7200 iface s0 ttl 5 tos 0x28 len 11
 *   "ipv4 send 1"                                         (one line)
 * the data quoted with C escapes and cut after DATAGRAM_TEXT_MAX bytes
 * ("..." then follows), or as one JSON object:
 *   {"seq":1,"src":"198.18.1.2","src_port":40000,"dst":"239.1.2.3",
 *    "dst_port":7200,"iface":"s0","ifindex":3,"ttl":5,"tos":40,"len":11,
 *    "truncated":false,"data":"6970763420..."}
 * with every data byte in hex. Unknown items are "?" in text and null in
 * JSON.
 */
void datagram_print(FILE *out, const struct datagram *d, bool json);

#ifdef __cplusplus
}
#endif

#endif /* CMD_IPV4_DATAGRAM_H */
