/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_examples.c - the four example programs (examples/), run
 * in h against a peer that checks what they put on the wire or answered.
 *
 * The peer side is plain system calls and byte offsets written here, not
 * the examples' own DNS or OSPF code, so that a bug in an example cannot
 * hide by being on both sides.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netns-tests/binaries.h"
#include "netns-tests/case_list.h"
#include "netns-tests/observe.h"

#define RUN_MS 8000 /* the most a program may take to finish */

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)be16(p) << 16 | be16(p + 2);
}

/* sum16 is the RFC 1071 checksum of data[0..len), computed here on purpose
   rather than with libipv4's. */
static uint16_t sum16(const uint8_t *data, size_t len)
{
	uint32_t s = 0;

	for (size_t i = 0; i + 1 < len; i += 2) {
		s += be16(data + i);
	}
	if (len % 2 != 0) {
		s += (uint32_t)data[len - 1] << 8;
	}
	while (s >> 16 != 0) {
		s = (s & 0xffff) + (s >> 16);
	}
	return (uint16_t)~s;
}

/* --- marking_tcp ---------------------------------------------------------- */

/* tcp_connect connects from a to addr:port and reads the reply to EOF. */
static int tcp_exchange(const struct nt_topo *t, struct in_addr addr,
			uint16_t port, char *reply, size_t cap)
{
	struct sockaddr_in sin = nt_sin(addr, port);
	int fd = nt_socket(t, NT_A, SOCK_STREAM, 0);
	size_t used = 0;

	if (fd < 0) {
		return fd;
	}
	if (connect(fd, (const struct sockaddr *)&sin, sizeof(sin)) != 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	while (used + 1 < cap && nt_readable(fd, NT_WAIT_MS) == 1) {
		ssize_t n = read(fd, reply + used, cap - 1 - used);

		if (n <= 0) {
			break;
		}
		used += (size_t)n;
	}
	reply[used] = '\0';
	close(fd);
	return 0;
}

/*
 * check_segments reads the TCP segments the server sent (captured in a)
 * and checks the one that carries data was marked, and the SYN-ACK not.
 */
static void check_segments(struct nt_ctx *c, int raw, uint16_t port)
{
	uint8_t pkt[2048];
	bool saw_data = false;
	ssize_t n;

	while ((n = nt_capture(raw, nt_addr(NT_S0), NT_QUIET_MS, pkt,
			       sizeof(pkt))) > 0) {
		size_t ihl = (size_t)(pkt[0] & 15) * 4;
		size_t doff = (size_t)(pkt[ihl + 12] >> 4) * 4;
		size_t data_len = be16(pkt + 2) - ihl - doff;
		uint8_t flags = pkt[ihl + 13];

		if (be16(pkt + ihl) != port) {
			continue;
		}
		if ((flags & 0x12) == 0x12 && pkt[1] != 0) {
			nt_fail(c,
				"the SYN-ACK (sent before Conn existed) has "
				"TOS 0x%02x, not 0",
				pkt[1]);
		}
		if (data_len > 0) {
			saw_data = true;
			if (pkt[1] != 0x28 || pkt[8] != 128) {
				nt_fail(c,
					"a data segment arrived with TOS "
					"0x%02x TTL %u, expected "
					"0x28 (AF11) and 128",
					pkt[1], pkt[8]);
			}
		}
	}
	if (!saw_data) {
		nt_fail(c, "no data segment from port %u was captured in a",
			port);
	}
}

int case_example_marking_tcp(struct nt_ctx *c)
{
	char path[512];
	char port_text[8] = "7401";
	char *argv[] = { path, "--port", port_text, "--count", "1", NULL };
	struct nt_proc p;
	char reply[64] = "";
	int raw = -1;
	int rc;

	if (!nt_program(c, "examples/marking_tcp", path, sizeof(path))) {
		return NT_FAIL;
	}
	nt_step(c, "start marking_tcp in h");
	if (nt_proc_start_ready(c, &p, NT_H, argv, "listening on 0.0.0.0:7401",
				false, NT_WAIT_MS,
				"marking_tcp did not start listening") !=
	    NT_PASS) {
		return NT_FAIL;
	}
	raw = nt_socket(c->topo, NT_A, SOCK_RAW, IPPROTO_TCP);
	if (raw < 0) {
		return nt_fail(c, "raw TCP socket in a: %s", strerror(-raw));
	}
	nt_step(c, "connect from a and read the reply");
	rc = tcp_exchange(c->topo, nt_addr(NT_S0), 7401, reply, sizeof(reply));
	if (rc != 0 || strcmp(reply, "HELLO-R-U-THERE-ACK") != 0) {
		nt_fail(c, "from a: connect/read %s, reply \"%s\"",
			rc != 0 ? strerror(-rc) : "ok", reply);
	}
	nt_step(c, "check the captured segments");
	check_segments(c, raw, 7401);
	close(raw);
	rc = nt_proc_finish(&p, RUN_MS);
	if (rc != 0 || strstr(p.out, "198.18.1.2:") == NULL ||
	    strstr(p.out, ": tos 0x28 ttl 128, sent 19 bytes") == NULL) {
		return nt_proc_fail(c, &p, "marking_tcp's own report");
	}
	return nt_pass(c,
		       "reply \"%s\" arrived in a with TOS 0x28 TTL 128; "
		       "SYN-ACK unmarked",
		       reply);
}

/* --- mdns_oneshot --------------------------------------------------------- */

static const uint8_t kHostLocal[] = { 4,   'h', 'o', 's', 't', 5,
				      'l', 'o', 'c', 'a', 'l', 0 };

/* mdns_query writes a one-question query for name (wire form) into out. */
static size_t mdns_query(uint8_t *out, uint16_t id, const uint8_t *name,
			 size_t name_len, uint16_t qtype)
{
	uint8_t *p = out;

	memset(out, 0, 12);
	p[0] = (uint8_t)(id >> 8);
	p[1] = (uint8_t)id;
	p[5] = 1; /* QDCOUNT */
	p += 12;
	memcpy(p, name, name_len);
	p += name_len;
	*p++ = (uint8_t)(qtype >> 8);
	*p++ = (uint8_t)qtype;
	*p++ = 0;
	*p++ = 1; /* class IN */
	return (size_t)(p - out);
}

/* check_answer decodes the response r[0..n) by hand; fails c on a fault. */
static void check_answer(struct nt_ctx *c, const uint8_t *r, size_t n,
			 uint16_t id)
{
	size_t q = 12;
	size_t a = q + sizeof(kHostLocal) + 4;
	struct in_addr want = nt_addr(NT_S0);

	if (n < a + 2 + 14) {
		nt_fail(c,
			"the answer is %zu bytes, too short for a question and "
			"an A record",
			n);
		return;
	}
	if (be16(r) != id || be16(r + 2) != 0x8400 || be16(r + 4) != 1 ||
	    be16(r + 6) != 1 || be16(r + 8) != 0 || be16(r + 10) != 0) {
		nt_fail(c,
			"answer header id 0x%04x flags 0x%04x counts "
			"%u/%u/%u/%u, expected id "
			"0x%04x flags 0x8400 (QR AA) counts 1/1/0/0",
			be16(r), be16(r + 2), be16(r + 4), be16(r + 6),
			be16(r + 8), be16(r + 10), id);
	}
	if (memcmp(r + q, kHostLocal, sizeof(kHostLocal)) != 0 ||
	    be16(r + a - 4) != 1 || be16(r + a - 2) != 1) {
		nt_fail(c, "the question is not repeated as host.local A IN");
	}
	if (be16(r + a) != 0xc00c) {
		nt_fail(c,
			"the answer's name is 0x%04x, expected a pointer to "
			"the question (0xc00c)",
			be16(r + a));
	}
	a += 2;
	if (be16(r + a) != 1 || be16(r + a + 2) != 1 || be32(r + a + 4) != 10 ||
	    be16(r + a + 8) != 4 || memcmp(r + a + 10, &want.s_addr, 4) != 0) {
		nt_fail(c,
			"answer record type %u class 0x%04x ttl %u rdlength "
			"%u, expected an A "
			"record, class IN without cache-flush, TTL 10, 4 bytes "
			"of 198.18.1.1",
			be16(r + a), be16(r + a + 2), be32(r + a + 4),
			be16(r + a + 8));
	}
}

/* expect_silence sends q from fd to dst:5353 and checks no answer comes. */
static void expect_silence(struct nt_ctx *c, int fd, struct in_addr dst,
			   const uint8_t *q, size_t len, const char *what)
{
	uint8_t buf[512];
	struct nt_rx rx;

	nt_sendto(fd, dst, 5353, q, len);
	if (nt_recv(fd, buf, sizeof(buf), NT_QUIET_MS, &rx) >= 0) {
		nt_fail(c, "%s was answered", what);
	}
}

/* mdns_querier opens a's querying socket: port 40053, mDNS TTL 255. */
static int mdns_querier(const struct nt_topo *t)
{
	int fd = nt_udp(t, NT_A, nt_addr(NT_A0), 40053, false);
	int ttl = 255;

	if (fd >= 0 && (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl,
				   sizeof(ttl)) != 0 ||
			nt_observe(fd) != 0)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

int case_example_mdns_oneshot(struct nt_ctx *c)
{
	static const uint8_t kOther[] = { 5,   'o', 't', 'h', 'e', 'r', 5,
					  'l', 'o', 'c', 'a', 'l', 0 };
	char path[512];
	char *argv[] = { path,	       "--iface",   "s0", "--name",
			 "host.local", "--timeout", "6",  NULL };
	struct in_addr group = nt_inaddr("224.0.0.251");
	uint8_t q[64];
	uint8_t r[512];
	struct nt_proc p;
	struct nt_rx rx;
	ssize_t n;
	int fd;

	if (!nt_program(c, "examples/mdns_oneshot", path, sizeof(path))) {
		return NT_FAIL;
	}
	nt_step(c, "start mdns_oneshot in h");
	if (nt_proc_start_ready(c, &p, NT_H, argv, "listening for host.local.",
				false, NT_WAIT_MS,
				"mdns_oneshot did not start") != NT_PASS) {
		return NT_FAIL;
	}
	fd = mdns_querier(c->topo);
	if (fd < 0) {
		return nt_fail(c, "querier socket in a: %s", strerror(-fd));
	}
	nt_step(c, "queries that must not be answered");
	expect_silence(c, fd, group, q,
		       mdns_query(q, 1, kOther, sizeof(kOther), 1),
		       "a query for other.local");
	expect_silence(c, fd, group, q,
		       mdns_query(q, 2, kHostLocal, sizeof(kHostLocal), 28),
		       "a query for host.local AAAA");
	expect_silence(
		c, fd, nt_addr(NT_S0), q,
		mdns_query(q, 3, kHostLocal, sizeof(kHostLocal), 1),
		"a query for host.local sent to 198.18.1.1, not the group");
	nt_step(c, "the query to answer");
	nt_sendto(fd, group, 5353, q,
		  mdns_query(q, 0x4d2e, kHostLocal, sizeof(kHostLocal), 1));
	n = nt_recv(fd, r, sizeof(r), NT_WAIT_MS, &rx);
	close(fd);
	if (n < 0) {
		nt_fail(c, "no answer to host.local A within %d ms",
			NT_WAIT_MS);
	} else {
		check_answer(c, r, (size_t)n, 0x4d2e);
		if (rx.from.sin_addr.s_addr != nt_addr(NT_S0).s_addr ||
		    ntohs(rx.from.sin_port) != 5353 || rx.ttl != 255) {
			nt_fail(c,
				"the answer came from %s:%u with TTL %d, "
				"expected 198.18.1.1:5353 "
				"and TTL 255 (RFC 6762 s11)",
				nt_ntoa(rx.from.sin_addr),
				ntohs(rx.from.sin_port), rx.ttl);
		}
	}
	if (nt_proc_finish(&p, RUN_MS) != 0 ||
	    strstr(p.out, "answered host.local. A 198.18.1.1 to "
			  "198.18.1.2:40053 (id 0x4d2e)") == NULL ||
	    strstr(p.err, "not sent to 224.0.0.251") == NULL) {
		return nt_proc_fail(c, &p, "mdns_oneshot's report");
	}
	return nt_pass(
		c,
		"one answer, to the group query only: id 0x4d2e, host.local A "
		"198.18.1.1 TTL 10, from port 5353 with IP TTL 255; "
		"mdns_oneshot exited 0");
}

/* --- traceroute ----------------------------------------------------------- */

/*
 * check_hops checks traceroute's output: a header, then hop 1 answered by
 * r (198.18.3.2) and hop 2 by f (198.19.4.2), each probe with a time.
 */
static void check_hops(struct nt_ctx *c, const char *out, int queries)
{
	static const char *const want[2] = { "198.18.3.2", "198.19.4.2" };
	const char *line = strchr(out, '\n');
	int hops = 0;

	if (strncmp(out, "traceroute to 198.19.4.2 (198.19.4.2), ", 39) != 0) {
		nt_fail(c, "header line missing");
	}
	while (line != NULL && line[1] != '\0') {
		char addr[32] = "";
		int hop = 0;
		int times = 0;
		const char *end = strchr(line + 1, '\n');

		line++;
		if (sscanf(line, "%d %31s", &hop, addr) != 2 ||
		    hop != hops + 1 || hops >= 2 ||
		    strcmp(addr, want[hops]) != 0) {
			nt_fail(c,
				"hop line %d is \"%.*s\", expected hop %d "
				"answered by %s",
				hops + 1, (int)(end != NULL ? end - line : 80),
				line, hops + 1,
				hops < 2 ? want[hops] : "nothing");
			return;
		}
		for (const char *m = strstr(line, " ms");
		     m != NULL && (end == NULL || m < end);
		     m = strstr(m + 1, " ms")) {
			times++;
		}
		if (times != queries ||
		    (end != NULL && memchr(line, '*', (size_t)(end - line)))) {
			nt_fail(c,
				"hop %d has %d times, expected %d and no '*'",
				hop, times, queries);
		}
		hops++;
		line = end;
	}
	if (hops != 2) {
		nt_fail(c, "%d hops printed, expected 2", hops);
	}
}

static int traceroute_case(struct nt_ctx *c, const char *probe)
{
	char path[512];
	char *argv[] = { path, "--probe",    (char *)probe, "--wait",
			 "1",  "--queries",  "2",	    "--max-hops",
			 "6",  "198.19.4.2", NULL };
	struct nt_proc p;
	int rc;

	if (!nt_program(c, "examples/traceroute", path, sizeof(path))) {
		return NT_FAIL;
	}
	nt_step(c, "traceroute --probe %s from h to f", probe);
	rc = nt_proc_run(&p, c->topo, NT_H, argv, NULL, RUN_MS);
	if (rc != 0) {
		return nt_proc_fail(c, &p, "traceroute did not reach f");
	}
	check_hops(c, p.out, 2);
	if (c->failed) {
		return nt_proc_fail(c, &p, "output");
	}
	return nt_pass(c,
		       "%s probes: hop 1 r 198.18.3.2 (time exceeded), hop 2 f "
		       "198.19.4.2 (%s)",
		       probe,
		       strcmp(probe, "udp") == 0 ? "port unreachable"
						 : "echo reply");
}

int case_example_traceroute_udp(struct nt_ctx *c)
{
	return traceroute_case(c, "udp");
}

int case_example_traceroute_icmp(struct nt_ctx *c)
{
	return traceroute_case(c, "icmp");
}

/* --- ospf_hello ----------------------------------------------------------- */

/* check_ip checks the IP header of a captured Hello. */
static void check_ip(struct nt_ctx *c, const uint8_t *pkt, size_t n)
{
	struct in_addr dst;
	struct in_addr src;

	memcpy(&src, pkt + 12, 4);
	memcpy(&dst, pkt + 16, 4);
	if (pkt[0] != 0x45 || pkt[1] != 0xc0 || pkt[8] != 1 || pkt[9] != 89 ||
	    be16(pkt + 2) != n || sum16(pkt, 20) != 0) {
		nt_fail(c,
			"IP header: version/IHL 0x%02x TOS 0x%02x TTL %u "
			"protocol %u length %u "
			"of %zu, checksum %s; expected 0x45, 0xc0, 1, 89, "
			"whole, good",
			pkt[0], pkt[1], pkt[8], pkt[9], be16(pkt + 2), n,
			sum16(pkt, 20) == 0 ? "good" : "bad");
	}
	if (src.s_addr != nt_addr(NT_S0).s_addr ||
	    dst.s_addr != nt_inaddr("224.0.0.5").s_addr) {
		nt_fail(c,
			"IP addresses %s -> %s, expected 198.18.1.1 -> "
			"224.0.0.5",
			nt_ntoa(src), nt_ntoa(dst));
	}
}

/* ospf_sum is the OSPF checksum: everything but the 8 bytes at 16. */
static uint16_t ospf_sum(const uint8_t *o, size_t len)
{
	uint8_t copy[256];

	memcpy(copy, o, len);
	memset(copy + 16, 0, 8);
	return sum16(copy, len);
}

/* check_ospf checks the Hello's fields against the command line. */
static void check_ospf(struct nt_ctx *c, const uint8_t *o, size_t len)
{
	struct in_addr n1 = nt_addr(NT_A0);
	struct in_addr n2 = nt_inaddr("198.18.1.3");

	if (len != 52 || o[0] != 2 || o[1] != 1 || be16(o + 2) != 52) {
		nt_fail(c,
			"OSPF: %zu bytes, version %u type %u length %u; "
			"expected 52, 2, 1, 52",
			len, o[0], o[1], be16(o + 2));
		return;
	}
	if (be32(o + 4) != 0x0a000001 || be32(o + 8) != 0x00000001 ||
	    be16(o + 14) != 0 || ospf_sum(o, len) != 0) {
		nt_fail(c,
			"OSPF header: router 0x%08x area 0x%08x autype %u "
			"checksum 0x%04x (%s); "
			"expected 10.0.0.1, 0.0.0.1, 0, verifying",
			be32(o + 4), be32(o + 8), be16(o + 14), be16(o + 12),
			ospf_sum(o, len) == 0 ? "verifies" : "does not verify");
	}
	if (be32(o + 24) != 0xffffff00 || be16(o + 28) != 10 || o[30] != 0x02 ||
	    o[31] != 7 || be32(o + 32) != 40 || be32(o + 36) != 0 ||
	    be32(o + 40) != 0 || memcmp(o + 44, &n1, 4) != 0 ||
	    memcmp(o + 48, &n2, 4) != 0) {
		nt_fail(c,
			"Hello body: mask 0x%08x hello %u options 0x%02x "
			"priority %u dead %u; "
			"expected /24, 10, E, 7, 40, no DR/BDR, neighbours "
			"198.18.1.2 198.18.1.3",
			be32(o + 24), be16(o + 28), o[30], o[31], be32(o + 32));
	}
}

/* neighbour_hello writes a Hello from router 2.2.2.2 for a to send. */
static size_t neighbour_hello(uint8_t *o)
{
	static const uint8_t kHello[44] = {
		2, 1, 0, 44, 2, 2,  2, 2, 0, 0,	  0,   1,   0, 0, 0,
		0, 0, 0, 0,  0, 0,  0, 0, 0, 255, 255, 255, 0, 0, 10,
		2, 1, 0, 0,  0, 40, 0, 0, 0, 0,	  0,   0,   0, 0,
	};
	uint16_t s;

	memcpy(o, kHello, sizeof(kHello));
	s = sum16(o, sizeof(kHello));
	o[12] = (uint8_t)(s >> 8);
	o[13] = (uint8_t)s;
	return sizeof(kHello);
}

/* a_send_hello sends a neighbour's Hello from a to 224.0.0.5. */
static int a_send_hello(const struct nt_topo *t)
{
	uint8_t o[64];
	size_t len = neighbour_hello(o);
	struct sockaddr_in dst = nt_sin(nt_inaddr("224.0.0.5"), 0);
	int one = 1;
	int fd = nt_socket(t, NT_A, SOCK_RAW, 89);
	int rc = 0;

	if (fd < 0) {
		return fd;
	}
	if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &one, sizeof(one)) !=
		    0 ||
	    sendto(fd, o, len, 0, (const struct sockaddr *)&dst, sizeof(dst)) <
		    0) {
		rc = -errno;
	}
	close(fd);
	return rc;
}

/* capture_hello waits in a for a Hello from h and checks it. */
static void capture_hello(struct nt_ctx *c, int raw, const char *which)
{
	uint8_t pkt[512];
	ssize_t n = nt_capture(raw, nt_addr(NT_S0), NT_WAIT_MS, pkt,
			       sizeof(pkt));

	if (n < 20) {
		nt_fail(c, "no %s Hello from 198.18.1.1 reached a (%s)", which,
			n < 0 ? strerror((int)-n) : "short");
		return;
	}
	check_ip(c, pkt, (size_t)n);
	check_ospf(c, pkt + 20, (size_t)n - 20);
}

int case_example_ospf_hello(struct nt_ctx *c)
{
	char path[512];
	char *argv[] = { path,		"--iface",    "s0",
			 "--router-id", "10.0.0.1",   "--area",
			 "0.0.0.1",	"--priority", "7",
			 "--neighbor",	"198.18.1.2", "--neighbor",
			 "198.18.1.3",	"--count",    "2",
			 "--interval",	"1",	      NULL };
	struct nt_proc p;
	int raw;
	int rc;

	if (!nt_program(c, "examples/ospf_hello", path, sizeof(path))) {
		return NT_FAIL;
	}
	raw = nt_socket(c->topo, NT_A, SOCK_RAW, 89);
	if (raw < 0 || nt_join(raw, nt_inaddr("224.0.0.5"),
			       c->topo->ifindex[NT_A0]) != 0) {
		return nt_fail(c, "capture socket in a joined to 224.0.0.5: %s",
			       strerror(errno));
	}
	nt_step(c, "ospf_hello in h, the first Hello");
	if (nt_proc_start(&p, c->topo, NT_H, argv, NULL) != 0) {
		return nt_fail(c, "cannot start ospf_hello");
	}
	capture_hello(c, raw, "first");
	nt_step(c, "a neighbour's Hello from a, then the second Hello");
	rc = a_send_hello(c->topo);
	if (rc != 0) {
		nt_fail(c, "sending a's Hello: %s", strerror(-rc));
	}
	capture_hello(c, raw, "second");
	close(raw);
	rc = nt_proc_finish(&p, RUN_MS);
	if (rc != 0 ||
	    strstr(p.out,
		   "sent Hello to 224.0.0.5 on s0: 52 bytes, router 10.0.0.1, "
		   "area 0.0.0.1") == NULL ||
	    strstr(p.out, "heard Hello from 198.18.1.2: router 2.2.2.2, area "
			  "0.0.0.1, priority 1, "
			  "0 neighbors") == NULL) {
		return nt_proc_fail(c, &p, "ospf_hello's report");
	}
	return nt_pass(c, "two Hellos in a: TOS 0xc0 TTL 1 proto 89 to "
			  "224.0.0.5, OSPF checksum "
			  "verifies, all fields as asked; a's Hello was heard");
}
