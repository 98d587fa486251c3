/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/mdns_oneshot.c - serving one one-shot multicast DNS query.
 *
 *   mdns_oneshot --iface IF --name NAME [--address A] [--ttl S]
 *                [--timeout S]
 *
 * Joins the mDNS group 224.0.0.251 on the interface IF, on UDP port 5353,
 * with the destination and interface control messages on, and waits for a
 * one-shot query (RFC 6762 section 5.1: one sent from a port other than
 * 5353) that asks for the address of NAME (type A or ANY, class IN). It
 * answers that query, and only that one, as section 6.7 says: a unicast
 * reply to the querier's address and port, repeating the query's id and
 * question, with one A record for NAME giving A (default: IF's address),
 * the cache-flush bit clear and a TTL of S seconds (default 10, the most
 * section 6.7 allows). Replies leave with IP TTL 255 (section 11). Then
 * it leaves the group and exits.
 *
 * Go's ExamplePacketConn_servingOneShotMulticastDNS joins the group, turns
 * on FlagDst and answers what was sent to the group with fake bytes; here
 * the answer is a real DNS message (examples/lib/dns.h). A datagram is ignored,
 * with a line on stderr saying why, when its destination control message
 * is not 224.0.0.251 (a query sent to the host's own address), when it
 * arrived on another interface, when it comes from port 5353 (a full mDNS
 * querier, which wants multicast replies this one-shot responder does not
 * send), when it is not a well-formed query, or when it asks for another
 * name.
 *
 * Output, on stdout:
 *   listening for host.local. on 224.0.0.251:5353 on s0 (ifindex 2)
 *   answered host.local. A 198.18.1.1 to 198.18.1.2:40000 (id 0x1234)
 * Exit status: 0 after answering, 1 when a system call or libipv4 fails
 * or --timeout S seconds (0, the default: no limit) pass without a query
 * to answer, 2 for a usage error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/cli/cli.h"
#include "examples/lib/dns.h"
#include "examples/lib/ifaddr.h"
#include "ipv4/conn.h"
#include "ipv4/control.h"
#include "ipv4/error.h"
#include "ipv4/io.h"
#include "ipv4/sockopt.h"

#define MDNS_GROUP "224.0.0.251"
#define MDNS_PORT 5353

struct args {
	const char *iface;
	const char *name_text;
	struct in_addr address;
	bool address_given;
	unsigned ttl;
	unsigned timeout;
	/* derived */
	unsigned int ifindex;
	struct dns_name name;
};

static const char kUsage[] =
	"usage: mdns_oneshot --iface IF --name NAME [--address A] [--ttl S] "
	"[--timeout S]\n"
	"  --iface IF    interface to join 224.0.0.251 on\n"
	"  --name NAME   the name to answer for, e.g. host.local\n"
	"  --address A   the address to answer with (default: IF's address)\n"
	"  --ttl S       the A record's TTL in seconds, 1..10 (default 10)\n"
	"  --timeout S   give up after S seconds (default 0: wait forever)\n"
	"Needs no privilege: port 5353 is above 1023 and joining a group is "
	"open to all.\n"
	"Exit status: 0 after answering, 1 a failure or the timeout, 2 usage "
	"error.\n";

/* usage_error prints why the arguments are wrong; returns 2. */
static int usage_error(const char *why)
{
	fprintf(stderr, "mdns_oneshot: %s\n%s", why, kUsage);
	return 2;
}

/* parse_args: 0 to go on, else the exit status. */
static int parse_args(int argc, char **argv, struct args *a)
{
	/* One row per option: clang-format leaves the table alone. */
	/* clang-format off */
	const struct cli_option opts[] = {
		{ "--iface", CLI_STRING, &a->iface, 0, 0, NULL, NULL },
		{ "--name", CLI_STRING, &a->name_text, 0, 0, NULL, NULL },
		{ "--address", CLI_ADDR, &a->address, 0, 0, NULL, &a->address_given },
		{ "--ttl", CLI_UINT, &a->ttl, 1, 10, NULL, NULL },
		{ "--timeout", CLI_UINT, &a->timeout, 0, 86400, NULL, NULL },
	};
	/* clang-format on */
	char err[256];
	size_t num_pos;
	int rc;

	memset(a, 0, sizeof(*a));
	a->ttl = 10;
	rc = cli_parse(opts, sizeof(opts) / sizeof(opts[0]), argc, argv, NULL,
		       0, &num_pos, err, sizeof(err));
	if (rc == CLI_HELP) {
		fputs(kUsage, stdout);
		return 0;
	}
	if (rc != 0) {
		return usage_error(err);
	}
	if (a->iface == NULL || a->name_text == NULL) {
		return usage_error("--iface and --name are required");
	}
	if (dns_name_from_text(&a->name, a->name_text) != DNS_OK) {
		snprintf(err, sizeof(err), "--name: \"%s\" is not a DNS name",
			 a->name_text);
		return usage_error(err);
	}
	return -1;
}

/* resolve_iface fills ifindex and the default address; 0 or 1. */
static int resolve_iface(struct args *a)
{
	int rc;

	a->ifindex = if_nametoindex(a->iface);
	if (a->ifindex == 0) {
		fprintf(stderr, "mdns_oneshot: interface \"%s\" not found\n",
			a->iface);
		return 1;
	}
	if (!a->address_given) {
		rc = ifaddr_ipv4(a->iface, &a->address, NULL);
		if (rc != 0) {
			fprintf(stderr,
				"mdns_oneshot: interface \"%s\" has no IPv4 "
				"address: %s\n",
				a->iface, ipv4_strerror(rc));
			return 1;
		}
	}
	return 0;
}

/* open_conn binds port 5353 and sets c up; returns 0 or a code, *what
   naming the step. */
static int open_conn(struct ipv4_packet_conn *c, const struct args *a,
		     const char **what)
{
	struct sockaddr_in any = { .sin_family = AF_INET,
				   .sin_port = htons(MDNS_PORT) };
	struct sockaddr_in group = { .sin_family = AF_INET };
	int one = 1;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int rc;

	*what = "bind UDP port 5353";
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (const struct sockaddr *)&any, sizeof(any)) != 0) {
		rc = -errno;
		if (fd >= 0) {
			close(fd);
		}
		return rc;
	}
	inet_pton(AF_INET, MDNS_GROUP, &group.sin_addr);
	rc = ipv4_packet_conn_init(c, fd);
	if (rc == 0) {
		*what = "turn IP_MULTICAST_ALL off";
		rc = ipv4_packet_conn_set_multicast_all(c, false);
	}
	if (rc == 0) {
		*what = "join " MDNS_GROUP;
		rc = ipv4_packet_conn_join_group(c, a->ifindex, &group);
	}
	if (rc == 0) {
		*what = "turn the destination and interface control messages "
			"on";
		rc = ipv4_packet_conn_set_control_message(
			c, IPV4_FLAG_DST | IPV4_FLAG_INTERFACE, true);
	}
	if (rc == 0) {
		*what = "set the TTL of replies to 255";
		rc = ipv4_packet_conn_set_ttl(c, 255);
	}
	return rc;
}

/* addr_port formats a sockaddr_in as A:P into a caller buffer. */
static const char *addr_port(const struct sockaddr_in *s, char *out, size_t cap)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &s->sin_addr, a, sizeof(a));
	snprintf(out, cap, "%s:%u", a, (unsigned)ntohs(s->sin_port));
	return out;
}

/* ignore_reason: why the datagram is not a one-shot query to answer, or
   NULL. */
static const char *ignore_reason(const struct ipv4_control_message *cm,
				 const struct sockaddr_in *peer,
				 const struct args *a)
{
	struct in_addr group;

	inet_pton(AF_INET, MDNS_GROUP, &group);
	if ((cm->flags & IPV4_FLAG_DST) == 0 ||
	    cm->dst.s_addr != group.s_addr) {
		return "not sent to " MDNS_GROUP;
	}
	if ((cm->flags & IPV4_FLAG_INTERFACE) == 0 ||
	    cm->ifindex != a->ifindex) {
		return "arrived on another interface";
	}
	if (ntohs(peer->sin_port) == MDNS_PORT) {
		return "from port 5353: a full mDNS querier, not a one-shot "
		       "one";
	}
	return NULL;
}

/*
 * answer answers the datagram when it is a one-shot query for the name.
 * Returns 1 when it answered, 0 when it ignored the datagram, or a
 * negative code when the reply could not be sent.
 */
static int answer(struct ipv4_packet_conn *c, const uint8_t *msg, size_t len,
		  const struct ipv4_control_message *cm,
		  const struct sockaddr_in *peer, const struct args *a)
{
	const struct ipv4_control_message out_cm = {
		.flags = IPV4_FLAG_INTERFACE, .ifindex = a->ifindex
	};
	struct dns_header hdr;
	struct dns_question q;
	uint8_t reply[DNS_HEADER_LEN + DNS_MAX_NAME_LEN + 32];
	size_t reply_len;
	char peer_text[32];
	const char *why = ignore_reason(cm, peer, a);
	int rc = why == NULL ? dns_find_a_question(msg, len, &a->name, &hdr, &q)
			     : 0;

	if (rc < 0) {
		why = dns_strerror(rc);
	} else if (rc == 0 && why == NULL) {
		why = "does not ask for the name's address";
	}
	addr_port(peer, peer_text, sizeof(peer_text));
	if (why != NULL) {
		fprintf(stderr, "mdns_oneshot: ignored %zu bytes from %s: %s\n",
			len, peer_text, why);
		return 0;
	}
	rc = dns_build_a_response(hdr.id, &q, a->address, a->ttl, reply,
				  sizeof(reply), &reply_len);
	if (rc != DNS_OK) { /* reply has room for any name: never expected */
		fprintf(stderr, "mdns_oneshot: build the reply: %s\n",
			dns_strerror(rc));
		return -1;
	}
	rc = ipv4_packet_conn_write_to(c, reply, reply_len, &out_cm, peer);
	if (rc < 0) {
		fprintf(stderr, "mdns_oneshot: reply to %s: %s\n", peer_text,
			ipv4_strerror(rc));
		return rc;
	}
	printf("answered %s A %s to %s (id 0x%04x)\n", a->name_text,
	       inet_ntoa(a->address), peer_text, (unsigned)hdr.id);
	return 1;
}

/* serve reads until one query is answered; returns the exit status. */
static int serve(struct ipv4_packet_conn *c, const struct args *a)
{
	uint8_t buf[9000];

	if (a->timeout > 0) {
		ipv4_packet_conn_set_read_deadline(c,
						   ipv4_monotonic_ns() +
							   (int64_t)a->timeout *
								   1000000000);
	}
	for (;;) {
		struct ipv4_control_message cm;
		struct sockaddr_in peer;
		int n = ipv4_packet_conn_read_from(c, buf, sizeof(buf), &cm,
						   &peer);

		if (n == IPV4_ETIMEOUT) {
			fprintf(stderr,
				"mdns_oneshot: no query for %s within %u "
				"seconds\n",
				a->name_text, a->timeout);
			return 1;
		}
		if (n == IPV4_ETRUNC) {
			continue; /* longer than any query worth answering */
		}
		if (n < 0) {
			fprintf(stderr, "mdns_oneshot: read: %s\n",
				ipv4_strerror(n));
			return 1;
		}
		n = answer(c, buf, (size_t)n, &cm, &peer, a);
		if (n != 0) {
			return n > 0 ? 0 : 1;
		}
	}
}

int main(int argc, char **argv)
{
	struct ipv4_packet_conn c;
	struct sockaddr_in group = { .sin_family = AF_INET };
	struct args a;
	char name_text[DNS_MAX_NAME_TEXT];
	const char *what;
	int rc = parse_args(argc, argv, &a);

	if (rc >= 0) {
		return rc;
	}
	if (resolve_iface(&a) != 0) {
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	rc = open_conn(&c, &a, &what);
	if (rc != 0) {
		fprintf(stderr, "mdns_oneshot: %s on %s: %s\n", what, a.iface,
			ipv4_strerror(rc));
		return 1;
	}
	dns_name_to_text(&a.name, name_text, sizeof(name_text));
	a.name_text = name_text; /* as the name prints in DNS: "host.local." */
	printf("listening for %s on " MDNS_GROUP ":%d on %s (ifindex %u)\n",
	       a.name_text, MDNS_PORT, a.iface, a.ifindex);
	rc = serve(&c, &a);
	inet_pton(AF_INET, MDNS_GROUP, &group.sin_addr);
	ipv4_packet_conn_leave_group(&c, a.ifindex, &group);
	ipv4_packet_conn_close(&c);
	return rc;
}
