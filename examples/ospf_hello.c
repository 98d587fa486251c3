/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/ospf_hello.c - advertising an OSPF Hello on a link.
 *
 *   ospf_hello --iface IF [--router-id A] [--area A] [--mask M]
 *              [--hello-interval S] [--dead-interval S] [--priority N]
 *              [--dr A] [--bdr A] [--neighbor A]... [--count N]
 *              [--interval S]
 *
 * Builds a complete OSPFv2 Hello packet (RFC 2328 A.3.2, examples/lib/ospf.h)
 * with a correct OSPF checksum, and sends it on the interface IF to
 * AllSPFRouters, 224.0.0.5, in an IPv4 header of its own: TTL 1 (Hellos
 * never leave the link) and TOS 0xc0 (precedence 6, internetwork control,
 * RFC 2328 A.1), protocol 89. The socket is a raw IP socket of protocol
 * 89 wrapped in a struct ipv4_raw_conn (IP_HDRINCL on), the header is a
 * struct ipv4_header, and the interface is given per packet in a control
 * message (IPV4_FLAG_INTERFACE); the kernel fills in the source address,
 * the identification and the header checksum, which are left zero.
 *
 * Like a router, the program joins AllSPFRouters on IF and, between
 * Hellos (every --interval seconds, default 10, when --count is above 1),
 * prints the Hellos it hears from its neighbours. Multicast loopback is
 * off, so it does not hear its own.
 *
 * Defaults: the router ID and the network mask are IF's address and mask,
 * the area 0.0.0.0, HelloInterval 10, RouterDeadInterval 40, priority 1,
 * no DR, no BDR, no neighbours, options E (0x02), one Hello (--count 1).
 *
 * Go's ExampleRawConn_advertisingOSPFHello sends zero-filled placeholder
 * bytes; this one sends what an OSPF router would accept.
 *
 * Output, on stdout, one line per Hello sent or heard:
 *   sent Hello to 224.0.0.5 on s0: 48 bytes, router 198.18.1.1, area
 *     0.0.0.0, checksum 0x3a6c, 1 neighbors             (on one line)
 *   heard Hello from 198.18.1.2: router 2.2.2.2, area 0.0.0.0, ...
 * Exit status: 0 after --count Hellos, 1 when a system call or libipv4
 * fails (a raw socket needs CAP_NET_RAW), 2 for a usage error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/cli/cli.h"
#include "examples/lib/ifaddr.h"
#include "examples/lib/ospf.h"
#include "ipv4/conn.h"
#include "ipv4/control.h"
#include "ipv4/error.h"
#include "ipv4/header.h"
#include "ipv4/io.h"
#include "ipv4/sockopt.h"

struct args {
	const char *iface;
	struct in_addr router_id, area, mask, dr, bdr;
	bool router_id_given, mask_given;
	unsigned hello_interval, dead_interval, priority, count, interval;
	struct in_addr neighbors[OSPF_MAX_NEIGHBORS];
	size_t num_neighbors;
	unsigned int ifindex;
};

static const char kUsage[] =
	"usage: ospf_hello --iface IF [--router-id A] [--area A] [--mask M]\n"
	"                  [--hello-interval S] [--dead-interval S] "
	"[--priority N]\n"
	"                  [--dr A] [--bdr A] [--neighbor A]... [--count N] "
	"[--interval S]\n"
	"  --iface IF            the link to send on\n"
	"  --router-id A         this router's ID (default: IF's address)\n"
	"  --area A              the area ID (default 0.0.0.0)\n"
	"  --mask M              the network mask (default: IF's)\n"
	"  --hello-interval S    HelloInterval, 1..65535 (default 10)\n"
	"  --dead-interval S     RouterDeadInterval (default 40)\n"
	"  --priority N          router priority, 0..255 (default 1)\n"
	"  --dr A, --bdr A       designated and backup designated router\n"
	"  --neighbor A          a neighbour heard from (repeatable, up to "
	"64)\n"
	"  --count N             Hellos to send (default 1)\n"
	"  --interval S          seconds between Hellos (default 10)\n"
	"Needs CAP_NET_RAW (root, or setcap cap_net_raw+ep on the binary): "
	"OSPF is IP\n"
	"protocol 89, sent and heard through a raw socket.\n"
	"Exit status: 0 after --count Hellos, 1 a failure, 2 usage error.\n";

static int usage_error(const char *why)
{
	fprintf(stderr, "ospf_hello: %s\n%s", why, kUsage);
	return 2;
}

/* parse_args: -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, struct args *a)
{
	/* One row per option: clang-format leaves the table alone. */
	/* clang-format off */
	const struct cli_option opts[] = {
		{ "--iface", CLI_STRING, &a->iface, 0, 0, NULL, NULL },
		{ "--router-id", CLI_ADDR, &a->router_id, 0, 0, NULL, &a->router_id_given },
		{ "--area", CLI_ADDR, &a->area, 0, 0, NULL, NULL },
		{ "--mask", CLI_ADDR, &a->mask, 0, 0, NULL, &a->mask_given },
		{ "--hello-interval", CLI_UINT, &a->hello_interval, 1, 65535, NULL, NULL },
		{ "--dead-interval", CLI_UINT, &a->dead_interval, 1, 0x7fffffff, NULL, NULL },
		{ "--priority", CLI_UINT, &a->priority, 0, 255, NULL, NULL },
		{ "--dr", CLI_ADDR, &a->dr, 0, 0, NULL, NULL },
		{ "--bdr", CLI_ADDR, &a->bdr, 0, 0, NULL, NULL },
		{ "--neighbor", CLI_ADDR_LIST, a->neighbors, 0, OSPF_MAX_NEIGHBORS,
		  &a->num_neighbors, NULL },
		{ "--count", CLI_UINT, &a->count, 1, 1000000, NULL, NULL },
		{ "--interval", CLI_UINT, &a->interval, 1, 3600, NULL, NULL },
	};
	/* clang-format on */
	char err[256];
	size_t num_pos;
	int rc;

	memset(a, 0, sizeof(*a));
	a->hello_interval = 10;
	a->dead_interval = 40;
	a->priority = 1;
	a->count = 1;
	a->interval = 10;
	rc = cli_parse(opts, sizeof(opts) / sizeof(opts[0]), argc, argv, NULL,
		       0, &num_pos, err, sizeof(err));
	if (rc == CLI_HELP) {
		fputs(kUsage, stdout);
		return 0;
	}
	if (rc != 0) {
		return usage_error(err);
	}
	if (a->iface == NULL) {
		return usage_error("--iface is required");
	}
	return -1;
}

/* resolve_iface fills ifindex and the defaults from IF; 0 or 1. */
static int resolve_iface(struct args *a)
{
	struct in_addr addr;
	struct in_addr mask;
	int rc;

	a->ifindex = if_nametoindex(a->iface);
	if (a->ifindex == 0) {
		fprintf(stderr, "ospf_hello: interface \"%s\" not found\n",
			a->iface);
		return 1;
	}
	rc = ifaddr_ipv4(a->iface, &addr, &mask);
	if (rc != 0 && (!a->router_id_given || !a->mask_given)) {
		fprintf(stderr,
			"ospf_hello: interface \"%s\" has no IPv4 address: "
			"%s\n",
			a->iface, ipv4_strerror(rc));
		return 1;
	}
	if (!a->router_id_given) {
		a->router_id = addr;
	}
	if (!a->mask_given) {
		a->mask = mask;
	}
	return 0;
}

/* open_conn opens the raw socket and sets it up; 0 or a code. */
static int open_conn(struct ipv4_raw_conn *c, const struct args *a,
		     const char **what)
{
	struct sockaddr_in group = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, OSPF_PROTOCOL);
	int rc;

	*what = "open a raw socket for protocol 89 (needs CAP_NET_RAW)";
	if (fd < 0) {
		return -errno;
	}
	inet_pton(AF_INET, OSPF_ALL_SPF_ROUTERS, &group.sin_addr);
	rc = ipv4_raw_conn_init(c, fd);
	if (rc == 0) {
		*what = "join " OSPF_ALL_SPF_ROUTERS;
		rc = ipv4_packet_conn_join_group(&c->pc, a->ifindex, &group);
	}
	if (rc == 0) {
		*what = "turn multicast loopback off";
		rc = ipv4_packet_conn_set_multicast_loopback(&c->pc, false);
	}
	if (rc == 0) {
		*what = "turn IP_MULTICAST_ALL off";
		rc = ipv4_packet_conn_set_multicast_all(&c->pc, false);
	}
	return rc;
}

/* send_hello builds the Hello and its header and sends them. */
static int send_hello(struct ipv4_raw_conn *c, const struct args *a)
{
	const struct ospf_hello hello = {
		.router_id = a->router_id,
		.area_id = a->area,
		.autype = OSPF_AUTYPE_NONE,
		.network_mask = a->mask,
		.hello_interval = (uint16_t)a->hello_interval,
		.options = OSPF_OPTION_E,
		.priority = (uint8_t)a->priority,
		.dead_interval = a->dead_interval,
		.dr = a->dr,
		.bdr = a->bdr,
		.neighbors = (const uint8_t *)a->neighbors,
		.num_neighbors = a->num_neighbors,
	};
	const struct ipv4_control_message cm = { .flags = IPV4_FLAG_INTERFACE,
						 .ifindex = a->ifindex };
	struct ipv4_header h = { .version = IPV4_VERSION,
				 .len = IPV4_HEADER_LEN,
				 .tos = 0xc0,
				 .ttl = 1,
				 .protocol = OSPF_PROTOCOL };
	uint8_t pkt[OSPF_HEADER_LEN + OSPF_HELLO_FIXED_LEN +
		    4 * OSPF_MAX_NEIGHBORS];
	size_t len;
	int rc = ospf_hello_marshal(&hello, pkt, sizeof(pkt), &len);

	if (rc != OSPF_OK) {
		fprintf(stderr, "ospf_hello: build the Hello: %s\n",
			ospf_strerror(rc));
		return 1;
	}
	inet_pton(AF_INET, OSPF_ALL_SPF_ROUTERS, &h.dst);
	h.total_len = (uint16_t)(IPV4_HEADER_LEN + len);
	rc = ipv4_raw_conn_write_to(c, &h, pkt, len, &cm);
	if (rc < 0) {
		fprintf(stderr,
			"ospf_hello: send to " OSPF_ALL_SPF_ROUTERS
			" on %s: %s\n",
			a->iface, ipv4_strerror(rc));
		return 1;
	}
	printf("sent Hello to " OSPF_ALL_SPF_ROUTERS
	       " on %s: %zu bytes, router %s, ",
	       a->iface, len, inet_ntoa(a->router_id));
	printf("area %s, checksum 0x%04x, %zu neighbors\n", inet_ntoa(a->area),
	       (unsigned)(pkt[12] << 8 | pkt[13]), a->num_neighbors);
	return 0;
}

/* print_heard prints a Hello a neighbour sent, or why it is not one. */
static void print_heard(const struct ipv4_header *h, const uint8_t *payload,
			size_t len)
{
	struct ospf_hello hello;
	char src[INET_ADDRSTRLEN];
	int rc = ospf_hello_parse(payload, len, &hello);

	inet_ntop(AF_INET, &h->src, src, sizeof(src));
	if (rc != OSPF_OK) {
		printf("heard %zu bytes from %s: not a Hello: %s\n", len, src,
		       ospf_strerror(rc));
		return;
	}
	printf("heard Hello from %s: router %s, ", src,
	       inet_ntoa(hello.router_id));
	printf("area %s, priority %u, %zu neighbors\n",
	       inet_ntoa(hello.area_id), (unsigned)hello.priority,
	       hello.num_neighbors);
}

/* listen_for prints the Hellos heard for secs seconds; 0 or 1. */
static int listen_for(struct ipv4_raw_conn *c, unsigned secs)
{
	uint8_t buf[2048];

	ipv4_packet_conn_set_read_deadline(&c->pc,
					   ipv4_monotonic_ns() +
						   (int64_t)secs * 1000000000);
	for (;;) {
		struct ipv4_header h;
		const uint8_t *payload;
		size_t payload_len;
		int n = ipv4_raw_conn_read_from(c, buf, sizeof(buf), &h,
						&payload, &payload_len, NULL);

		if (n == IPV4_ETIMEOUT) {
			return 0;
		}
		if (n < 0 && n != IPV4_ETRUNC) {
			fprintf(stderr, "ospf_hello: read: %s\n",
				ipv4_strerror(n));
			return 1;
		}
		print_heard(&h, payload, payload_len);
	}
}

int main(int argc, char **argv)
{
	struct ipv4_raw_conn c;
	struct args a;
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
		fprintf(stderr, "ospf_hello: %s: %s\n", what,
			ipv4_strerror(rc));
		return 1;
	}
	for (unsigned i = 0; i < a.count; i++) {
		if (send_hello(&c, &a) != 0) {
			return 1;
		}
		if (i + 1 < a.count && listen_for(&c, a.interval) != 0) {
			return 1;
		}
	}
	ipv4_raw_conn_close(&c);
	return 0;
}
