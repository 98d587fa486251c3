/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/send.c - ipv4 send: numbered test datagrams, marked as asked.
 *
 * A UDP socket wrapped in a struct ipv4_packet_conn. The TTL is a socket
 * option (ipv4_packet_conn_set_multicast_ttl for a multicast DEST,
 * ipv4_packet_conn_set_ttl otherwise), and so is the TOS
 * (ipv4_packet_conn_set_tos); the interface and the source address travel
 * with each datagram in an IP_PKTINFO control message (struct
 * ipv4_control_message with IPV4_FLAG_INTERFACE and IPV4_FLAG_SRC), which
 * Linux honours for unicast and multicast alike.
 *
 * Datagram i (from 1) carries the text "ipv4 send i". They leave at
 * --rate per second, timed on CLOCK_MONOTONIC from the first, so the rate
 * does not drift; SIGINT or SIGTERM stops the sending cleanly (exit 0).
 * Each datagram sent is reported on stdout.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cmd/ipv4/args.h"
#include "cmd/ipv4/json.h"
#include "cmd/ipv4/tool.h"
#include "ipv4/conn.h"
#include "ipv4/control.h"
#include "ipv4/error.h"
#include "ipv4/io.h"
#include "ipv4/sockopt.h"

static bool is_multicast(struct in_addr a)
{
	return (ntohl(a.s_addr) & 0xf0000000u) == 0xe0000000u;
}

/* set_up applies --ttl and --tos; 0 or a code, *what naming the step. */
static int set_up(struct ipv4_packet_conn *c, const struct send_args *a,
		  const char **what)
{
	int rc = 0;

	if (a->ttl_given && is_multicast(a->dest)) {
		*what = "set the multicast TTL";
		rc = ipv4_packet_conn_set_multicast_ttl(c, (int)a->ttl);
	} else if (a->ttl_given) {
		*what = "set the TTL";
		rc = ipv4_packet_conn_set_ttl(c, (int)a->ttl);
	}
	if (rc == 0 && a->tos_given) {
		*what = "set the TOS";
		rc = ipv4_packet_conn_set_tos(c, (int)a->tos);
	}
	return rc;
}

static void report(const struct send_args *a, unsigned long seq, size_t len)
{
	char dest[INET_ADDRSTRLEN];
	struct json j;

	inet_ntop(AF_INET, &a->dest, dest, sizeof(dest));
	if (!a->json) {
		printf("sent %zu bytes to %s:%u (seq %lu)\n", len, dest,
		       a->port, seq);
		return;
	}
	json_begin(&j, stdout);
	json_object_begin(&j, NULL);
	json_uint(&j, "seq", seq);
	json_str(&j, "dst", dest);
	json_uint(&j, "dst_port", a->port);
	json_uint(&j, "len", len);
	if (a->source_given) {
		json_addr(&j, "src", a->source);
	}
	if (a->iface != NULL) {
		json_str(&j, "iface", a->iface);
	}
	if (a->ttl_given) {
		json_uint(&j, "ttl", a->ttl);
	}
	if (a->tos_given) {
		json_uint(&j, "tos", a->tos);
	}
	json_object_end(&j);
	json_end(&j);
}

/* sleep_until waits for the monotonic time t (ns); false if interrupted. */
static bool sleep_until(int64_t t)
{
	struct timespec ts = { .tv_sec = (time_t)(t / 1000000000),
			       .tv_nsec = (long)(t % 1000000000) };

	while (!tool_interrupted) {
		int rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
					 NULL);

		if (rc == 0) {
			return true;
		}
		if (rc != EINTR) {
			return false;
		}
	}
	return false;
}

/* send_all sends the datagrams; the exit status. */
static int send_all(struct ipv4_packet_conn *c, const struct send_args *a,
		    const struct ipv4_control_message *cm)
{
	struct sockaddr_in dst = { .sin_family = AF_INET,
				   .sin_port = htons((uint16_t)a->port),
				   .sin_addr = a->dest };
	double interval_ns = 1e9 / a->rate;
	int64_t start = ipv4_monotonic_ns();

	for (unsigned long seq = 1; a->count == 0 || seq <= a->count; seq++) {
		char payload[32];
		int len = snprintf(payload, sizeof(payload), "ipv4 send %lu",
				   seq);
		int rc = ipv4_packet_conn_write_to(c, (const uint8_t *)payload,
						   (size_t)len,
						   cm->flags != 0 ? cm : NULL,
						   &dst);

		if (rc < 0) {
			return tool_fail("send", TOOL_FAILED,
					 ipv4_error_name(rc),
					 "send to %s:%u: %s",
					 inet_ntoa(a->dest), a->port,
					 ipv4_strerror(rc));
		}
		report(a, seq, (size_t)rc);
		fflush(stdout);
		if ((a->count != 0 && seq == a->count) ||
		    !sleep_until(start +
				 (int64_t)(interval_ns * (double)seq))) {
			break;
		}
	}
	return TOOL_OK;
}

int send_main(int argc, char **argv)
{
	struct ipv4_packet_conn c;
	struct ipv4_control_message cm;
	struct send_args a;
	char err[256];
	const char *what = "wrap the socket";
	int fd;
	int rc = send_parse_args(argc, argv, &a, err, sizeof(err));

	if (rc == TOOL_ARGS_HELP) {
		return tool_help(send_usage);
	}
	if (rc != 0) {
		return tool_usage_error("send", err);
	}
	memset(&cm, 0, sizeof(cm));
	if (a.iface != NULL) {
		cm.ifindex = tool_ifindex("send", a.iface);
		if (cm.ifindex == 0) {
			return TOOL_FAILED;
		}
		cm.flags |= IPV4_FLAG_INTERFACE;
	}
	if (a.source_given) {
		cm.src = a.source;
		cm.flags |= IPV4_FLAG_SRC;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		int e = -errno;

		return tool_fail("send", TOOL_FAILED, ipv4_error_name(e),
				 "open a UDP socket: %s", ipv4_strerror(e));
	}
	rc = ipv4_packet_conn_init(&c, fd);
	if (rc == 0) {
		rc = set_up(&c, &a, &what);
	}
	if (rc != 0) {
		close(fd);
		return tool_fail("send", TOOL_FAILED, ipv4_error_name(rc),
				 "%s: %s", what, ipv4_strerror(rc));
	}
	tool_catch_interrupts();
	rc = send_all(&c, &a, &cm);
	ipv4_packet_conn_close(&c);
	return rc;
}
