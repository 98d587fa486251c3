/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/traceroute.c - tracing the route of IP packets, hop by hop.
 *
 *   traceroute [--probe udp|icmp] [--max-hops N] [--queries N] [--wait S]
 *              [--port P] [--first-hop N] DEST
 *
 * Sends probes to DEST (an address or a host name) with TTL 1, 2, 3, ...:
 * UDP datagrams to ports P, P+1, ... (default 33434, where nothing
 * listens), or ICMP echo requests (--probe icmp). The router where a
 * probe's TTL runs out answers with ICMP Time Exceeded; the destination
 * answers a UDP probe with Port Unreachable and an echo request with an
 * Echo Reply. Each hop gets N probes (--queries, default 3), each waiting
 * up to S seconds (--wait, default 3) for its answer; the trace ends at
 * the hop where an answer came from the destination (or an unreachable
 * error from anywhere), or after --max-hops hops (default 30).
 *
 * The answers are read from a raw ICMP socket wrapped in a struct
 * ipv4_packet_conn, with an ICMP filter (ipv4_packet_conn_set_icmp_filter)
 * that lets only Echo Reply, Destination Unreachable and Time Exceeded
 * through, so the kernel drops every other ICMP type before it reaches the
 * program. The TTL of each probe is set with ipv4_packet_conn_set_ttl on
 * the socket that sends it, and each wait is a read deadline
 * (ipv4_packet_conn_set_read_deadline); an answer counts only when it
 * quotes the probe (examples/lib/trace.h), as Go's
 * ExamplePacketConn_tracingIPPacketRoute advises.
 *
 * Output, like the classic tool with -n (addresses, no names): a header,
 * then per hop its number, the address that answered and the round-trip
 * time of each probe, '*' for a probe without answer, and !H, !N, !P, ...
 * after an unreachable error other than Port Unreachable:
 *   traceroute to 198.19.4.2 (198.19.4.2), 30 hops max, udp probes
 *    1  198.18.3.2  0.061 ms  0.033 ms  0.030 ms
 *    2  198.19.4.2  0.074 ms  0.047 ms  0.044 ms
 * Exit status: 0 when the destination answered, 1 when it did not within
 * --max-hops or a system call or libipv4 failed (a raw socket needs
 * CAP_NET_RAW), 2 for a usage error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/cli/cli.h"
#include "examples/lib/trace.h"
#include "ipv4/conn.h"
#include "ipv4/error.h"
#include "ipv4/icmp.h"
#include "ipv4/io.h"
#include "ipv4/sockopt.h"

static const uint8_t kEchoData[] = "HELLO-R-U-THERE";
#define UDP_PAYLOAD_LEN 32

struct args {
	const char *probe;
	unsigned max_hops;
	unsigned queries;
	unsigned wait;
	unsigned port;
	unsigned first_hop;
	const char *dest;
	enum trace_probe_kind kind;
	struct in_addr dst;
};

/* struct tracer is the open sockets and the state of the trace. */
struct tracer {
	struct ipv4_packet_conn icmp;  /* reads every answer */
	struct ipv4_packet_conn udp;   /* sends UDP probes */
	struct ipv4_packet_conn *send; /* udp or icmp */
	uint16_t src_port;
	uint16_t next_seq;
};

static const char kUsage[] =
	"usage: traceroute [--probe udp|icmp] [--max-hops N] [--queries N] "
	"[--wait S]\n"
	"                  [--port P] [--first-hop N] DEST\n"
	"  --probe udp|icmp  UDP datagrams (default) or ICMP echo requests\n"
	"  --max-hops N      the highest TTL to try, 1..255 (default 30)\n"
	"  --queries N       probes per hop, 1..10 (default 3)\n"
	"  --wait S          seconds to wait for each answer, 1..60 (default "
	"3)\n"
	"  --port P          first destination port of UDP probes (default "
	"33434)\n"
	"  --first-hop N     the TTL to start with (default 1)\n"
	"Needs CAP_NET_RAW (root, or setcap cap_net_raw+ep on the binary): the "
	"answers\n"
	"are read from a raw ICMP socket, and ICMP probes are sent through "
	"it.\n"
	"Exit status: 0 DEST reached, 1 not reached or a failure, 2 usage "
	"error.\n";

static int usage_error(const char *why)
{
	fprintf(stderr, "traceroute: %s\n%s", why, kUsage);
	return 2;
}

/* resolve turns DEST into an IPv4 address; 0 or 1 with a message. */
static int resolve(struct args *a)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res;
	int rc;

	if (inet_pton(AF_INET, a->dest, &a->dst) == 1) {
		return 0;
	}
	rc = getaddrinfo(a->dest, NULL, &hints, &res);
	if (rc != 0) {
		fprintf(stderr, "traceroute: %s: %s\n", a->dest,
			gai_strerror(rc));
		return 1;
	}
	memcpy(&a->dst,
	       &((const struct sockaddr_in *)(const void *)res->ai_addr)
			->sin_addr,
	       sizeof(a->dst));
	freeaddrinfo(res);
	return 0;
}

/* parse_args: -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, struct args *a)
{
	/* One row per option: clang-format leaves the table alone. */
	/* clang-format off */
	const struct cli_option opts[] = {
		{ "--probe", CLI_STRING, &a->probe, 0, 0, NULL, NULL },
		{ "--max-hops", CLI_UINT, &a->max_hops, 1, 255, NULL, NULL },
		{ "--queries", CLI_UINT, &a->queries, 1, 10, NULL, NULL },
		{ "--wait", CLI_UINT, &a->wait, 1, 60, NULL, NULL },
		{ "--port", CLI_UINT, &a->port, 1, 65535, NULL, NULL },
		{ "--first-hop", CLI_UINT, &a->first_hop, 1, 255, NULL, NULL },
	};
	/* clang-format on */
	char err[256];
	size_t num_pos;
	int rc;

	*a = (struct args){ .probe = "udp",
			    .max_hops = 30,
			    .queries = 3,
			    .wait = 3,
			    .port = TRACE_UDP_BASE_PORT,
			    .first_hop = 1 };
	rc = cli_parse(opts, sizeof(opts) / sizeof(opts[0]), argc, argv,
		       &a->dest, 1, &num_pos, err, sizeof(err));
	if (rc == CLI_HELP) {
		fputs(kUsage, stdout);
		return 0;
	}
	if (rc != 0) {
		return usage_error(err);
	}
	if (num_pos != 1) {
		return usage_error("DEST is required");
	}
	if (strcmp(a->probe, "udp") != 0 && strcmp(a->probe, "icmp") != 0) {
		snprintf(err, sizeof(err),
			 "--probe: \"%s\" is neither udp nor icmp", a->probe);
		return usage_error(err);
	}
	if (a->first_hop > a->max_hops) {
		return usage_error("--first-hop is above --max-hops");
	}
	a->kind = strcmp(a->probe, "udp") == 0 ? TRACE_PROBE_UDP
					       : TRACE_PROBE_ICMP;
	return resolve(a) == 0 ? -1 : 1;
}

/* open_icmp opens the raw ICMP socket with its filter; 0 or a code. */
static int open_icmp(struct tracer *t, const char **what)
{
	struct ipv4_icmp_filter f;
	int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	int rc;

	*what = "open a raw ICMP socket (needs CAP_NET_RAW)";
	if (fd < 0) {
		return -errno;
	}
	rc = ipv4_packet_conn_init(&t->icmp, fd);
	if (rc == 0) {
		*what = "set the ICMP filter";
		ipv4_icmp_filter_set_all(&f, 1);
		ipv4_icmp_filter_accept(&f, IPV4_ICMP_TYPE_ECHO_REPLY);
		ipv4_icmp_filter_accept(&f,
					IPV4_ICMP_TYPE_DESTINATION_UNREACHABLE);
		ipv4_icmp_filter_accept(&f, IPV4_ICMP_TYPE_TIME_EXCEEDED);
		rc = ipv4_packet_conn_set_icmp_filter(&t->icmp, &f);
	}
	return rc;
}

/* open_udp opens the UDP socket probes leave from; 0 or a code. */
static int open_udp(struct tracer *t, const char **what)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t sin_len = sizeof(sin);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	*what = "open the UDP socket";
	if (fd < 0 ||
	    bind(fd, (const struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &sin_len) != 0) {
		return -errno;
	}
	t->src_port = ntohs(sin.sin_port);
	return ipv4_packet_conn_init(&t->udp, fd);
}

/* send_probe sets the TTL and sends probe number seq; fills *p. */
static int send_probe(struct tracer *t, const struct args *a, unsigned ttl,
		      struct trace_probe *p)
{
	struct sockaddr_in dst = { .sin_family = AF_INET, .sin_addr = a->dst };
	uint8_t buf[64] = { 0 };
	size_t len = UDP_PAYLOAD_LEN;
	uint16_t seq = t->next_seq++;
	int rc = ipv4_packet_conn_set_ttl(t->send, (int)ttl);

	*p = (struct trace_probe){ .kind = a->kind, .dst = a->dst };
	if (a->kind == TRACE_PROBE_UDP) {
		p->src_port = t->src_port;
		p->dst_port = (uint16_t)(a->port + seq);
		dst.sin_port = htons(p->dst_port);
	} else {
		p->id = (uint16_t)getpid();
		p->seq = seq;
		trace_echo_build(p->id, p->seq, kEchoData,
				 sizeof(kEchoData) - 1, buf, sizeof(buf), &len);
	}
	if (rc == 0) {
		rc = ipv4_packet_conn_write_to(t->send, buf, len, NULL, &dst);
	}
	return rc < 0 ? rc : 0;
}

/*
 * await reads answers until one answers p or the deadline passes.
 * Returns the answer (TRACE_NOT_OURS on timeout) or a negative code.
 */
static int await(struct tracer *t, const struct trace_probe *p,
		 int64_t deadline, struct in_addr *out_from, uint8_t *out_code)
{
	uint8_t buf[1500];

	ipv4_packet_conn_set_read_deadline(&t->icmp, deadline);
	for (;;) {
		struct sockaddr_in from;
		int n = ipv4_packet_conn_read_from(&t->icmp, buf, sizeof(buf),
						   NULL, &from);
		enum trace_answer ans;

		if (n == IPV4_ETIMEOUT) {
			return TRACE_NOT_OURS;
		}
		if (n < 0 && n != IPV4_ETRUNC) {
			return n;
		}
		ans = trace_match(p, buf, n < 0 ? sizeof(buf) : (size_t)n,
				  out_code);
		if (ans != TRACE_NOT_OURS) {
			*out_from = from.sin_addr;
			return (int)ans;
		}
	}
}

/* How a hop ended the trace, or did not. */
enum hop_end {
	HOP_GO_ON = 0,
	HOP_REACHED = 1,
	HOP_UNREACHABLE = 2,
	HOP_FAILED = -1
};

/* struct line is a hop's line, built before it is printed. */
struct line {
	char text[512];
	size_t len;
	bool answered; /* something besides the hop number */
};

static void line_add(struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void line_add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(l->text + l->len, sizeof(l->text) - l->len, fmt, ap);
	va_end(ap);
	if (n > 0) {
		l->len += (size_t)n < sizeof(l->text) - l->len
				  ? (size_t)n
				  : sizeof(l->text) - 1 - l->len;
	}
}

/*
 * hop probes one TTL and prints its line. The line is printed whole, once
 * the hop is over; when a probe fails, what the hop found so far is
 * printed as a finished line (nothing when it found nothing) before the
 * error goes to stderr, so no half line is left behind.
 */
static enum hop_end hop(struct tracer *t, const struct args *a, unsigned ttl)
{
	struct in_addr last = { 0 };
	enum hop_end end = HOP_GO_ON;
	struct line l = { .len = 0, .answered = false };

	line_add(&l, "%2u ", ttl);
	for (unsigned q = 0; q < a->queries; q++) {
		struct trace_probe p;
		struct in_addr from;
		uint8_t code = 0;
		int64_t start = ipv4_monotonic_ns();
		int ans = send_probe(t, a, ttl, &p);

		if (ans == 0) {
			ans = await(t, &p,
				    start + (int64_t)a->wait * 1000000000,
				    &from, &code);
		}
		if (ans < 0) {
			if (l.answered) {
				printf("%s\n", l.text);
			}
			fflush(stdout);
			fprintf(stderr, "traceroute: probe with TTL %u: %s\n",
				ttl, ipv4_strerror(ans));
			return HOP_FAILED;
		}
		l.answered = true;
		if (ans == TRACE_NOT_OURS) {
			line_add(&l, " *");
			continue;
		}
		if (from.s_addr != last.s_addr) {
			line_add(&l, " %s", inet_ntoa(from));
			last = from;
		}
		line_add(&l, "  %.3f ms%s%s",
			 (double)(ipv4_monotonic_ns() - start) / 1e6,
			 trace_mark((enum trace_answer)ans, code)[0] != '\0'
				 ? " "
				 : "",
			 trace_mark((enum trace_answer)ans, code));
		if (from.s_addr == a->dst.s_addr &&
		    (ans == TRACE_ECHO_REPLY ||
		     (ans == TRACE_UNREACHABLE &&
		      code == TRACE_CODE_PORT_UNREACHABLE))) {
			end = HOP_REACHED;
		} else if (ans == TRACE_UNREACHABLE && end == HOP_GO_ON) {
			end = HOP_UNREACHABLE;
		}
	}
	printf("%s\n", l.text);
	return end;
}

int main(int argc, char **argv)
{
	struct tracer t = { .next_seq = 0 };
	struct args a;
	const char *what = "";
	int rc = parse_args(argc, argv, &a);

	if (rc >= 0) {
		return rc;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	rc = open_icmp(&t, &what);
	if (rc == 0 && a.kind == TRACE_PROBE_UDP) {
		rc = open_udp(&t, &what);
	}
	if (rc != 0) {
		fprintf(stderr, "traceroute: %s: %s\n", what,
			ipv4_strerror(rc));
		return 1;
	}
	t.send = a.kind == TRACE_PROBE_UDP ? &t.udp : &t.icmp;
	t.next_seq = a.kind == TRACE_PROBE_ICMP ? 1 : 0;
	printf("traceroute to %s (%s), %u hops max, %s probes\n", a.dest,
	       inet_ntoa(a.dst), a.max_hops, a.probe);
	for (unsigned ttl = a.first_hop; ttl <= a.max_hops; ttl++) {
		enum hop_end end = hop(&t, &a, ttl);

		if (end != HOP_GO_ON) {
			return end == HOP_REACHED ? 0 : 1;
		}
	}
	return 1;
}
