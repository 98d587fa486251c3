/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/join.c - ipv4 join: join a group, print what arrives for it.
 *
 * With --port, a UDP socket bound to that port; without it, a raw socket
 * of protocol UDP, which sees every UDP datagram to the group whatever its
 * port (each datagram's UDP header is then read for the ports). Either is
 * wrapped in a struct ipv4_packet_conn, joined to the group on the
 * interface (for every source, ipv4_packet_conn_join_group, and muting
 * each --exclude with ipv4_packet_conn_exclude_source_specific_group; or
 * for each --source, ipv4_packet_conn_join_source_specific_group), with
 * IP_MULTICAST_ALL off so that only this group's datagrams arrive, and the
 * TTL, TOS, destination and interface control messages on. Datagrams
 * whose destination is not the group (unicast to the same port) are not
 * printed.
 *
 * An information line on stderr ("# ipv4 join: joined ...") says when the
 * join is in place, and with --json an object {"event":"joined",...} on
 * stdout too; then each datagram is printed on stdout (cmd/ipv4/
 * datagram.h), and at the end "# ipv4 join: N datagrams" (with --json
 * also {"event":"stopped","datagrams":N}). In JSON mode every stdout line
 * is one object: a datagram (it has "seq"), an event, or the error. Reads wait under a read
 * deadline of a quarter second at a time, so that SIGINT or SIGTERM
 * (tool_catch_interrupts) is noticed promptly: the tool then leaves the
 * group, prints how many datagrams it saw, and exits 0.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cmd/ipv4/args.h"
#include "cmd/ipv4/datagram.h"
#include "cmd/ipv4/json.h"
#include "cmd/ipv4/tool.h"
#include "ipv4/conn.h"
#include "ipv4/control.h"
#include "ipv4/error.h"
#include "ipv4/io.h"
#include "ipv4/sockopt.h"

#define UDP_HEADER_LEN 8
#define POLL_NS 250000000LL

/* open_socket makes the UDP or raw socket; the descriptor or -errno. */
static int open_socket(const struct join_args *a)
{
	struct sockaddr_in any = { .sin_family = AF_INET,
				   .sin_port = htons((uint16_t)a->port) };
	int one = 1;
	int fd;

	if (a->port == 0) {
		fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_UDP);
		return fd < 0 ? -errno : fd;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return -errno;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (const struct sockaddr *)&any, sizeof(any)) != 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* sin_of makes the sockaddr_in the membership calls take. */
static struct sockaddr_in sin_of(struct in_addr a)
{
	struct sockaddr_in s = { .sin_family = AF_INET, .sin_addr = a };

	return s;
}

/* join_sources makes the memberships; 0 or a code, *what naming it. */
static int join_sources(struct ipv4_packet_conn *c, const struct join_args *a,
			unsigned int ifindex, char *what, size_t what_cap)
{
	struct sockaddr_in group = sin_of(a->group);
	char g[INET_ADDRSTRLEN];
	char src[INET_ADDRSTRLEN];
	int rc = 0;

	inet_ntop(AF_INET, &a->group, g, sizeof(g));
	for (size_t i = 0; i < a->num_sources && rc == 0; i++) {
		struct sockaddr_in s = sin_of(a->sources[i]);

		inet_ntop(AF_INET, &a->sources[i], src, sizeof(src));
		snprintf(what, what_cap, "join %s on %s for source %s", g,
			 a->iface, src);
		rc = ipv4_packet_conn_join_source_specific_group(c, ifindex,
								 &group, &s);
	}
	if (a->num_sources > 0) {
		return rc;
	}
	snprintf(what, what_cap, "join %s on %s", g, a->iface);
	rc = ipv4_packet_conn_join_group(c, ifindex, &group);
	for (size_t i = 0; i < a->num_excludes && rc == 0; i++) {
		struct sockaddr_in s = sin_of(a->excludes[i]);

		inet_ntop(AF_INET, &a->excludes[i], src, sizeof(src));
		snprintf(what, what_cap, "exclude source %s from %s on %s", src,
			 g, a->iface);
		rc = ipv4_packet_conn_exclude_source_specific_group(c, ifindex,
								    &group, &s);
	}
	return rc;
}

/* set_up configures c; 0 or a code, *what naming the failed step. */
static int set_up(struct ipv4_packet_conn *c, const struct join_args *a,
		  unsigned int ifindex, char *what, size_t what_cap)
{
	int rc;

	snprintf(what, what_cap, "turn IP_MULTICAST_ALL off");
	rc = ipv4_packet_conn_set_multicast_all(c, false);
	if (rc == 0) {
		rc = join_sources(c, a, ifindex, what, what_cap);
	}
	if (rc == 0) {
		snprintf(what, what_cap, "turn control messages on");
		rc = ipv4_packet_conn_set_control_message(
			c,
			IPV4_FLAG_TTL | IPV4_FLAG_TOS | IPV4_FLAG_DST |
				IPV4_FLAG_INTERFACE,
			true);
	}
	return rc;
}

/*
 * fill describes the datagram buf[0..n) in *d. In raw mode buf starts with
 * the UDP header. Returns false when it is not one to print.
 */
static bool fill(struct datagram *d, const struct join_args *a,
		 const uint8_t *buf, size_t n,
		 const struct ipv4_control_message *cm,
		 const struct sockaddr_in *from, char *ifname)
{
	memset(d, 0, sizeof(*d));
	d->src = from->sin_addr;
	d->src_port = ntohs(from->sin_port);
	d->dst_port = (uint16_t)a->port;
	d->data = buf;
	d->len = n;
	if (a->port == 0) {
		if (n < UDP_HEADER_LEN) {
			return false;
		}
		d->src_port = (uint16_t)(buf[0] << 8 | buf[1]);
		d->dst_port = (uint16_t)(buf[2] << 8 | buf[3]);
		d->data = buf + UDP_HEADER_LEN;
		d->len = n - UDP_HEADER_LEN;
	}
	d->has_dst = (cm->flags & IPV4_FLAG_DST) != 0;
	d->dst = cm->dst;
	d->ifindex = (cm->flags & IPV4_FLAG_INTERFACE) != 0 ? cm->ifindex : 0;
	d->ifname = d->ifindex > 0 ? if_indextoname(d->ifindex, ifname) : NULL;
	d->ttl = (cm->flags & IPV4_FLAG_TTL) != 0 ? cm->ttl : -1;
	d->tos = (cm->flags & IPV4_FLAG_TOS) != 0 ? cm->tos : -1;
	return d->has_dst && d->dst.s_addr == a->group.s_addr;
}

/* receive prints datagrams until --count or an interrupt; exit status. */
static int receive(struct ipv4_packet_conn *c, const struct join_args *a,
		   unsigned long *seen)
{
	static uint8_t buf[65536];

	while (!tool_interrupted && (a->count == 0 || *seen < a->count)) {
		struct ipv4_control_message cm;
		struct sockaddr_in from;
		struct datagram d;
		char ifname[IF_NAMESIZE];
		int n;

		ipv4_packet_conn_set_read_deadline(c, ipv4_monotonic_ns() +
							      POLL_NS);
		n = ipv4_packet_conn_read_from(c, buf, sizeof(buf), &cm, &from);
		if (n == IPV4_ETIMEOUT) {
			continue;
		}
		if (n < 0 && n != IPV4_ETRUNC) {
			return tool_fail("join", TOOL_FAILED,
					 ipv4_error_name(n), "read: %s",
					 ipv4_strerror(n));
		}
		if (!fill(&d, a, buf, n < 0 ? sizeof(buf) : (size_t)n, &cm,
			  &from, ifname)) {
			continue;
		}
		d.truncated = n == IPV4_ETRUNC;
		d.seq = ++*seen;
		datagram_print(stdout, &d, a->json);
		fflush(stdout);
	}
	return TOOL_OK;
}

/* announce says that the join is in place: on stderr, and in JSON mode
   as an event on stdout. */
static void announce(const struct join_args *a, unsigned int ifindex)
{
	char group[INET_ADDRSTRLEN];
	char sources[64] = "";
	size_t n = a->num_sources > 0 ? a->num_sources : a->num_excludes;
	struct json j;

	inet_ntop(AF_INET, &a->group, group, sizeof(group));
	if (n > 0) {
		snprintf(sources, sizeof(sources), " %s %zu source%s",
			 a->num_sources > 0 ? "for" : "excluding", n,
			 n == 1 ? "" : "s");
	}
	if (a->port > 0) {
		tool_info("join", "joined %s on %s (ifindex %u)%s, port %u",
			  group, a->iface, ifindex, sources, a->port);
	} else {
		tool_info("join",
			  "joined %s on %s (ifindex %u)%s, every UDP port",
			  group, a->iface, ifindex, sources);
	}
	if (!a->json) {
		return;
	}
	json_begin(&j, stdout);
	json_object_begin(&j, NULL);
	json_str(&j, "event", "joined");
	json_str(&j, "group", group);
	json_str(&j, "iface", a->iface);
	json_uint(&j, "ifindex", ifindex);
	if (a->port > 0) {
		json_uint(&j, "port", a->port);
	} else {
		json_null(&j, "port");
	}
	json_str(&j, "filter", a->num_sources > 0 ? "include" : "exclude");
	json_uint(&j, "sources", n);
	json_object_end(&j);
	json_end(&j);
	fflush(stdout);
}

/* summarise says how many datagrams were printed. */
static void summarise(const struct join_args *a, unsigned long seen)
{
	struct json j;

	tool_info("join", "%lu datagram%s", seen, seen == 1 ? "" : "s");
	if (!a->json) {
		return;
	}
	json_begin(&j, stdout);
	json_object_begin(&j, NULL);
	json_str(&j, "event", "stopped");
	json_uint(&j, "datagrams", seen);
	json_object_end(&j);
	json_end(&j);
}

int join_main(int argc, char **argv)
{
	struct ipv4_packet_conn c;
	struct join_args a;
	struct sockaddr_in group;
	char err[256];
	unsigned long seen = 0;
	unsigned int ifindex;
	int fd;
	int rc = join_parse_args(argc, argv, &a, err, sizeof(err));

	if (rc == TOOL_ARGS_HELP) {
		return tool_help(join_usage);
	}
	if (rc != 0) {
		return tool_usage_error("join", err);
	}
	ifindex = tool_ifindex("join", a.iface);
	if (ifindex == 0) {
		return TOOL_FAILED;
	}
	fd = open_socket(&a);
	if (fd < 0) {
		return tool_fail(
			"join", TOOL_FAILED, ipv4_error_name(fd), "%s: %s",
			a.port > 0
				? "bind the UDP port"
				: "open a raw UDP socket (needs CAP_NET_RAW)",
			ipv4_strerror(fd));
	}
	rc = ipv4_packet_conn_init(&c, fd);
	if (rc == 0) {
		rc = set_up(&c, &a, ifindex, err, sizeof(err));
	} else {
		snprintf(err, sizeof(err), "wrap the socket");
	}
	if (rc != 0) {
		close(fd);
		return tool_fail("join", TOOL_FAILED, ipv4_error_name(rc),
				 "%s: %s", err, ipv4_strerror(rc));
	}
	tool_catch_interrupts();
	announce(&a, ifindex);
	rc = receive(&c, &a, &seen);
	group = sin_of(a.group);
	ipv4_packet_conn_leave_group(&c, ifindex, &group);
	ipv4_packet_conn_close(&c);
	if (rc == TOOL_OK) {
		summarise(&a, seen);
	}
	return rc;
}
