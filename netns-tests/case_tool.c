/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_tool.c - the ipv4 tool (cmd/ipv4/), each subcommand
 * run in the test network against a peer that checks it: decode on a
 * packet captured off the wire, join against datagrams a sends, send
 * against sockets in a and b that read what arrived.
 *
 * The peers are plain system calls (observe.h); the checks read the
 * tool's stdout (text or JSON) and its exit status.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netns-tests/binaries.h"
#include "netns-tests/case_list.h"
#include "netns-tests/observe.h"

#define RUN_MS 8000

/* tool finds the ipv4 binary, or fails c. */
static bool tool(struct nt_ctx *c, char *path, size_t cap)
{
	return nt_program(c, "cmd/ipv4/ipv4", path, cap);
}

/* count_lines counts the lines of text holding part. */
static int count_lines(const char *text, const char *part)
{
	int n = 0;

	for (const char *line = text; line != NULL && *line != '\0';) {
		const char *end = strchr(line, '\n');
		const char *hit = strstr(line, part);

		if (hit != NULL && (end == NULL || hit < end)) {
			n++;
		}
		line = end != NULL ? end + 1 : NULL;
	}
	return n;
}

/* --- decode --------------------------------------------------------------- */

/* capture_report joins group in h and captures h's IGMP report in a. */
static ssize_t capture_report(struct nt_ctx *c, struct in_addr group,
			      uint8_t *pkt, size_t cap)
{
	uint8_t want[4];
	int raw = nt_socket(c->topo, NT_A, SOCK_RAW, IPPROTO_IGMP);
	int member = nt_udp(c->topo, NT_H, (struct in_addr){ 0 }, 0, false);
	ssize_t n = -ETIMEDOUT;
	double deadline = nt_now() + NT_WAIT_MS / 1000.0;

	memcpy(want, &group.s_addr, 4);
	if (raw < 0 || member < 0 ||
	    nt_join(raw, nt_inaddr("224.0.0.22"), c->topo->ifindex[NT_A0]) ||
	    nt_join(member, group, c->topo->ifindex[NT_S0])) {
		nt_fail(c, "capture or member socket: %s", strerror(errno));
		n = -EIO;
	}
	/* The first report from h that names the group (an older one, for
	   another case's group, may still be on its way). */
	while (n == -ETIMEDOUT && nt_now() < deadline) {
		ssize_t got = nt_capture(raw, nt_addr(NT_S0), 200, pkt, cap);

		if (got > 24 &&
		    memmem(pkt + 24, (size_t)got - 24, want, 4) != NULL) {
			n = got;
		}
	}
	close(raw);
	close(member);
	return n;
}

static void to_hex(const uint8_t *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		sprintf(out + 2 * i, "%02x", b[i]);
	}
	out[2 * n] = '\0';
}

/* What decode --json must say about h's report. */
static const char *const kDecodeFacts[] = {
	"\"valid\":true",
	"\"src\":\"198.18.1.1\"",
	"\"dst\":\"224.0.0.22\"",
	"\"ttl\":1,",
	"\"protocol\":2,",
	"\"checksum_ok\":true",
	"\"name\":\"router-alert\"",
	"to_ex group=239.7.7.7",
};

int case_tool_decode(struct nt_ctx *c)
{
	char path[512];
	char hex[1100];
	char bad[1100];
	uint8_t pkt[512];
	char *json_argv[] = { path, "decode", "--json", "-", NULL };
	char *text_argv[] = { path, "decode", hex, NULL };
	char *bad_argv[] = { path, "decode", bad, NULL };
	struct nt_proc p;
	ssize_t n;

	if (!tool(c, path, sizeof(path))) {
		return NT_FAIL;
	}
	nt_step(c, "capture h's IGMPv3 report in a");
	n = capture_report(c, nt_inaddr("239.7.7.7"), pkt, sizeof(pkt));
	if (n < 0) {
		return nt_fail(c,
			       "no IGMP report for 239.7.7.7 from h reached a");
	}
	to_hex(pkt, (size_t)n, hex);
	nt_step(c, "ipv4 decode --json - < the capture");
	if (nt_proc_run(&p, c->topo, NT_A, json_argv, hex, RUN_MS) != 0) {
		return nt_proc_fail(c, &p,
				    "decode --json of the captured report");
	}
	for (size_t i = 0; i < sizeof(kDecodeFacts) / sizeof(kDecodeFacts[0]);
	     i++) {
		if (strstr(p.out, kDecodeFacts[i]) == NULL) {
			nt_fail(c, "decode --json lacks %s", kDecodeFacts[i]);
		}
	}
	if (c->failed) {
		return nt_proc_fail(c, &p, "decode --json");
	}
	nt_step(c, "ipv4 decode HEX, then with the checksum broken");
	if (nt_proc_run(&p, c->topo, NT_A, text_argv, NULL, RUN_MS) != 0 ||
	    strstr(p.out, "  igmp           v3-report records=") == NULL ||
	    strstr(p.out, " to_ex group=239.7.7.7 aux=0 sources=") == NULL) {
		return nt_proc_fail(c, &p, "decode HEX of the captured report");
	}
	pkt[10] ^= 0xff;
	to_hex(pkt, (size_t)n, bad);
	if (nt_proc_run(&p, c->topo, NT_A, bad_argv, NULL, RUN_MS) != 3 ||
	    strstr(p.out,
		   "checks: fail: bad header checksum (IPV4_ECHECKSUM)") ==
		    NULL) {
		return nt_proc_fail(c, &p,
				    "decode of the report with a broken "
				    "checksum (want status 3)");
	}
	return nt_pass(
		c,
		"h's report to 224.0.0.22 decoded: TTL 1, Router Alert, TO_EX "
		"239.7.7.7, checksum correct (status 0); broken checksum: "
		"status 3");
}

/* --- join ----------------------------------------------------------------- */

/* a_socket makes a sender in a bound to src with multicast TTL and TOS. */
static int a_socket(const struct nt_topo *t, struct in_addr src, int ttl,
		    int tos)
{
	int fd = nt_sender(t, NT_A, src);

	if (fd >= 0 &&
	    (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl)) !=
		     0 ||
	     setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)) != 0)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* start_join starts ipv4 join in h and waits until it has joined. */
static bool start_join(struct nt_ctx *c, struct nt_proc *p, char *const argv[])
{
	return nt_proc_start_ready(c, p, NT_H, argv, "# ipv4 join: joined ",
				   true, NT_WAIT_MS,
				   "ipv4 join did not join") == NT_PASS;
}

int case_tool_join(struct nt_ctx *c)
{
	char path[512];
	char *argv[] = { path, "join",	 "239.7.1.1", "--iface",
			 "s0", "--port", "7501",      "--count",
			 "2",  "--json", NULL };
	struct in_addr group = nt_inaddr("239.7.1.1");
	struct nt_proc p;
	int fd;

	if (!tool(c, path, sizeof(path)) || !start_join(c, &p, argv)) {
		return NT_FAIL;
	}
	fd = a_socket(c->topo, nt_addr(NT_A0), 4, 0x28);
	if (fd < 0) {
		return nt_fail(c, "sender in a: %s", strerror(-fd));
	}
	nt_step(c, "a sends unicast, then two datagrams to the group");
	nt_send_tag(fd, nt_addr(NT_S0), 7501, "unicast", 1);
	nt_msleep(50);
	nt_send_tag(fd, group, 7501, "one", 1);
	nt_send_tag(fd, group, 7501, "two", 1);
	close(fd);
	if (nt_proc_finish(&p, RUN_MS) != 0) {
		return nt_proc_fail(c, &p, "ipv4 join --count 2");
	}
	if (count_lines(p.out, "\"src\":\"198.18.1.2\"") != 2 ||
	    count_lines(p.out, "\"dst\":\"239.7.1.1\",\"dst_port\":7501,"
			       "\"iface\":\"s0\"") != 2 ||
	    count_lines(p.out, "\"ttl\":4,\"tos\":40,\"len\":3") != 2 ||
	    strstr(p.out, "{\"seq\":1,") == NULL ||
	    strstr(p.out, "\"data\":\"6f6e65\"}") == NULL ||
	    strstr(p.out, "{\"seq\":2,") == NULL ||
	    strstr(p.out, "\"data\":\"74776f\"}") == NULL ||
	    strstr(p.out, "756e6963617374") != NULL) {
		return nt_proc_fail(
			c, &p,
			"expected two JSON lines, \"one\" and \"two\" from "
			"198.18.1.2 to 239.7.1.1:7501 on s0 with TTL 4 TOS 40, "
			"and not "
			"the unicast datagram");
	}
	return nt_pass(c, "two datagrams printed with source, destination, "
			  "interface s0, TTL 4, "
			  "TOS 0x28; the unicast one to the same port was not");
}

/* join_filtered runs ipv4 join with one source option and checks that only
   the datagram from 198.18.1.3 is printed. */
static int join_filtered(struct nt_ctx *c, const char *opt, const char *addr,
			 const char *grp, const char *port)
{
	char path[512];
	char *argv[] = { path,	       "join",	  (char *)grp,	"--iface",
			 "s0",	       "--port",  (char *)port, (char *)opt,
			 (char *)addr, "--count", "1",		NULL };
	struct nt_proc p;
	int second = -1;
	int first;

	if (!tool(c, path, sizeof(path)) || !start_join(c, &p, argv)) {
		return NT_FAIL;
	}
	first = a_socket(c->topo, nt_addr(NT_A0), 1, 0);
	second = a_socket(c->topo, nt_inaddr("198.18.1.3"), 1, 0);
	if (first < 0 || second < 0) {
		return nt_fail(c, "senders in a: %s", strerror(errno));
	}
	nt_step(c, "a sends from 198.18.1.2, then from 198.18.1.3");
	nt_send_tag(first, nt_inaddr(grp), (uint16_t)atoi(port), "from-2", 1);
	nt_msleep(NT_QUIET_MS);
	nt_send_tag(second, nt_inaddr(grp), (uint16_t)atoi(port), "from-3", 1);
	close(first);
	close(second);
	if (nt_proc_finish(&p, RUN_MS) != 0 || count_lines(p.out, " > ") != 1 ||
	    strncmp(p.out, "198.18.1.3:", 11) != 0 ||
	    strstr(p.out, "\"from-3\"") == NULL) {
		return nt_proc_fail(
			c, &p, "expected exactly the datagram from 198.18.1.3");
	}
	return nt_pass(c, "%s %s: only 198.18.1.3's datagram was printed", opt,
		       addr);
}

int case_tool_join_source(struct nt_ctx *c)
{
	return join_filtered(c, "--source", "198.18.1.3", "239.7.1.2", "7502");
}

int case_tool_join_exclude(struct nt_ctx *c)
{
	return join_filtered(c, "--exclude", "198.18.1.2", "239.7.1.3", "7503");
}

int case_tool_join_every_port(struct nt_ctx *c)
{
	char path[512];
	char *argv[] = { path,	    "join", "239.7.1.4", "--iface", "s0",
			 "--count", "2",    "--json",	 NULL };
	struct in_addr group = nt_inaddr("239.7.1.4");
	struct nt_proc p;
	struct sockaddr_in local;
	socklen_t len = sizeof(local);
	char want[64];
	int fd;

	if (!tool(c, path, sizeof(path)) || !start_join(c, &p, argv)) {
		return NT_FAIL;
	}
	fd = a_socket(c->topo, nt_addr(NT_A0), 1, 0);
	if (fd < 0 || getsockname(fd, (struct sockaddr *)&local, &len) != 0) {
		return nt_fail(c, "sender in a: %s", strerror(errno));
	}
	nt_step(c, "a sends to ports 7601 and 7602 of the group");
	nt_send_tag(fd, group, 7601, "p1", 1);
	nt_send_tag(fd, group, 7602, "p2", 1);
	close(fd);
	snprintf(want, sizeof(want), "\"src_port\":%u,",
		 (unsigned)ntohs(local.sin_port));
	if (nt_proc_finish(&p, RUN_MS) != 0 || count_lines(p.out, want) != 2 ||
	    count_lines(p.out, "\"dst_port\":7601,") != 1 ||
	    count_lines(p.out, "\"dst_port\":7602,") != 1 ||
	    strstr(p.out, "\"data\":\"7031\"") == NULL ||
	    strstr(p.out, "\"data\":\"7032\"") == NULL) {
		return nt_proc_fail(
			c, &p, "expected both datagrams with their UDP ports");
	}
	return nt_pass(c, "without --port (raw UDP socket) both ports' "
			  "datagrams were printed "
			  "with their ports and data");
}

int case_tool_join_interrupt(struct nt_ctx *c)
{
	char path[512];
	char *argv[] = { path, "join",	 "239.7.1.5", "--iface",
			 "s0", "--port", "7505",      NULL };
	struct nt_proc p;
	double start;
	int rc;

	if (!tool(c, path, sizeof(path)) || !start_join(c, &p, argv)) {
		return NT_FAIL;
	}
	nt_step(c, "SIGINT to a join without --count");
	start = nt_now();
	nt_proc_signal(&p, SIGINT);
	rc = nt_proc_finish(&p, 2000);
	if (rc != 0 || strstr(p.err, "# ipv4 join: 0 datagrams") == NULL) {
		return nt_proc_fail(c, &p,
				    "expected a clean exit 0 with its summary");
	}
	return nt_pass(
		c, "stopped by SIGINT in %.2f s with status 0 and its summary",
		nt_now() - start);
}

/* --- send ----------------------------------------------------------------- */

/* member makes a socket in host bound to port and joined to group. */
static int member(const struct nt_topo *t, enum nt_host host,
		  enum nt_iface iface, struct in_addr group, uint16_t port)
{
	int fd = nt_udp(t, host, (struct in_addr){ 0 }, port, true);

	if (fd >= 0 && (nt_join(fd, group, t->ifindex[iface]) != 0 ||
			nt_observe(fd) != 0)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* expect_sent reads count datagrams "ipv4 send 1".. on fd and checks each. */
static void expect_sent(struct nt_ctx *c, int fd, int count,
			struct in_addr from, int ttl, int tos)
{
	for (int i = 1; i <= count; i++) {
		char buf[64];
		char want[32];
		struct nt_rx rx;
		ssize_t n = nt_recv(fd, buf, sizeof(buf) - 1, NT_WAIT_MS, &rx);

		snprintf(want, sizeof(want), "ipv4 send %d", i);
		if (n < 0) {
			nt_fail(c, "datagram %d of %d did not arrive", i,
				count);
			return;
		}
		buf[n] = '\0';
		if (strcmp(buf, want) != 0 ||
		    rx.from.sin_addr.s_addr != from.s_addr || rx.ttl != ttl ||
		    rx.tos != tos) {
			nt_fail(c,
				"datagram %d: \"%s\" from %s TTL %d TOS "
				"0x%02x, expected \"%s\" from "
				"%s TTL %d TOS 0x%02x",
				i, buf, nt_ntoa(rx.from.sin_addr), rx.ttl,
				rx.tos, want, nt_ntoa(from), ttl, tos);
		}
	}
}

int case_tool_send_multicast(struct nt_ctx *c)
{
	char path[512];
	char *argv[] = { path,	    "send",    "239.7.2.1", "--port", "7701",
			 "--iface", "s1",      "--ttl",	    "3",      "--tos",
			 "0x28",    "--count", "3",	    "--rate", "50",
			 "--json",  NULL };
	struct in_addr group = nt_inaddr("239.7.2.1");
	struct nt_proc p;
	int on_b = member(c->topo, NT_B, NT_B0, group, 7701);
	int on_a = member(c->topo, NT_A, NT_A0, group, 7701);

	if (!tool(c, path, sizeof(path))) {
		return NT_FAIL;
	}
	if (on_a < 0 || on_b < 0) {
		return nt_fail(c, "receivers in a and b: %s", strerror(errno));
	}
	nt_step(c, "ipv4 send to the group through s1");
	if (nt_proc_run(&p, c->topo, NT_H, argv, NULL, RUN_MS) != 0 ||
	    count_lines(p.out, "\"dst\":\"239.7.2.1\",\"dst_port\":7701,"
			       "\"len\":11,\"iface\":\"s1\","
			       "\"ttl\":3,\"tos\":40}") != 3) {
		return nt_proc_fail(c, &p,
				    "ipv4 send and its three JSON lines");
	}
	expect_sent(c, on_b, 3, nt_addr(NT_S1), 3, 0x28);
	if (nt_readable(on_a, NT_QUIET_MS) != 0) {
		nt_fail(c, "a, on the link not chosen, received something");
	}
	close(on_a);
	close(on_b);
	return nt_pass(c, "b got \"ipv4 send 1..3\" from 198.18.2.1 with TTL 3 "
			  "TOS 0x28; a, on s0's "
			  "link, got nothing");
}

int case_tool_send_unicast_source(struct nt_ctx *c)
{
	char path[512];
	char *argv[] = { path,	 "send",     "198.18.1.2", "--port",
			 "7702", "--source", "198.18.2.1", "--ttl",
			 "9",	 "--count",  "3",	   "--rate",
			 "10",	 NULL };
	struct nt_proc p;
	int fd = nt_udp(c->topo, NT_A, nt_addr(NT_A0), 7702, false);
	double start;
	double secs;

	if (!tool(c, path, sizeof(path))) {
		return NT_FAIL;
	}
	if (fd < 0 || nt_observe(fd) != 0) {
		return nt_fail(c, "receiver in a: %s", strerror(errno));
	}
	nt_step(c, "ipv4 send from s1's address to a");
	start = nt_now();
	if (nt_proc_run(&p, c->topo, NT_H, argv, NULL, RUN_MS) != 0 ||
	    count_lines(p.out, "sent 11 bytes to 198.18.1.2:7702 (seq ") != 3) {
		return nt_proc_fail(c, &p, "ipv4 send and its three lines");
	}
	secs = nt_now() - start;
	expect_sent(c, fd, 3, nt_addr(NT_S1), 9, 0);
	close(fd);
	if (secs < 0.19) {
		nt_fail(c,
			"three datagrams at 10 per second took %.3f s, "
			"expected at least 0.2",
			secs);
	}
	return nt_pass(c,
		       "a got \"ipv4 send 1..3\" from 198.18.2.1 (--source) "
		       "with TTL 9; %.2f s "
		       "at --rate 10",
		       secs);
}

/* --- errors --------------------------------------------------------------- */

int case_tool_errors(struct nt_ctx *c)
{
	char path[512];
	char *no_iface[] = { path,  "join",   "239.7.1.6", "--iface",
			     "en9", "--port", "7506",	   NULL };
	char *not_local[] = { path,   "send",	  "198.18.1.2", "--port",
			      "7507", "--source", "198.18.9.9", NULL };
	char *usage[] = { path, "send", "198.18.1.2", NULL };
	struct nt_proc p;

	if (!tool(c, path, sizeof(path))) {
		return NT_FAIL;
	}
	if (nt_proc_run(&p, c->topo, NT_H, no_iface, NULL, RUN_MS) != 1 ||
	    strcmp(p.err, "ipv4: join: interface \"en9\" not found\n") != 0) {
		nt_proc_fail(c, &p,
			     "an unknown interface: want status 1 and the "
			     "message in words");
	}
	if (nt_proc_run(&p, c->topo, NT_H, not_local, NULL, RUN_MS) != 1 ||
	    strncmp(p.err, "ipv4: send: send to 198.18.1.2:7507: ", 37) != 0 ||
	    strspn(p.err + 37, "-0123456789") != 0) {
		nt_proc_fail(c, &p,
			     "a source address h does not have: want status 1 "
			     "and the kernel's "
			     "refusal in words");
	}
	if (nt_proc_run(&p, c->topo, NT_H, usage, NULL, RUN_MS) != 2 ||
	    strstr(p.err, "ipv4: send: --port is required") == NULL) {
		nt_proc_fail(c, &p, "a usage error: want status 2");
	}
	if (c->failed) {
		return NT_FAIL;
	}
	return nt_pass(c, "unknown interface: status 1 \"interface \\\"en9\\\" "
			  "not found\"; "
			  "foreign source: status 1 with the kernel's refusal "
			  "in words; usage: 2");
}

/* --- decode --pcap ------------------------------------------------------- */

/* find_tcpdump writes tcpdump's path into path; false when it is missing. */
static bool find_tcpdump(char *path, size_t cap)
{
	static const char *const places[] = { "/usr/bin/tcpdump",
					      "/usr/sbin/tcpdump" };

	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		if (access(places[i], X_OK) == 0) {
			snprintf(path, cap, "%s", places[i]);
			return true;
		}
	}
	return false;
}

/* traffic makes h send what the capture must hold: IGMP reports (a join),
   two UDP datagrams with TOS 0x28 (ipv4 send), an OSPF Hello. */
static bool traffic(struct nt_ctx *c, const char *ipv4)
{
	char hello[512];
	char *send_argv[] = { (char *)ipv4, "send", "239.7.9.9", "-p",
			      "7599",	    "-i",   "s0",	 "-t",
			      "2",	    "-Q",   "0x28",	 "-c",
			      "2",	    "-r",   "20",	 NULL };
	char *hello_argv[] = { hello, "--iface", "s0", "--count", "1", NULL };
	int member = nt_udp(c->topo, NT_H, (struct in_addr){ 0 }, 0, false);
	struct nt_proc p;

	nt_step(c, "h joins 239.7.9.9, sends two TOS 0x28 datagrams and an "
		   "OSPF Hello");
	if (member < 0 || nt_join(member, nt_inaddr("239.7.9.9"),
				  c->topo->ifindex[NT_S0]) != 0) {
		nt_fail(c, "member socket in h: %s", strerror(errno));
		return false;
	}
	if (nt_proc_run(&p, c->topo, NT_H, send_argv, NULL, RUN_MS) != 0) {
		close(member);
		nt_proc_fail(c, &p, "ipv4 send");
		return false;
	}
	if (nt_binary_path("examples/ospf_hello", hello, sizeof(hello)) != 0 ||
	    nt_proc_run(&p, c->topo, NT_H, hello_argv, NULL, RUN_MS) != 0) {
		close(member);
		nt_proc_fail(c, &p, "ospf_hello");
		return false;
	}
	nt_msleep(300); /* the join's reports, and the capture's buffer */
	close(member);
	return true;
}

int case_tool_decode_pcap(struct nt_ctx *c)
{
	char ipv4[512];
	char tcpdump[64];
	char dir[] = "/tmp/libipv4-pcap-XXXXXX";
	char file[64];
	char *cap_argv[] = { tcpdump,
			     "-i",
			     "any",
			     "-n",
			     "-U",
			     "--immediate-mode",
			     "-Z",
			     "root",
			     "-w",
			     file,
			     "igmp or udp port 7599 or ip proto 89",
			     NULL };
	char *dec_argv[] = { ipv4, "decode", "--pcap", file, NULL };
	struct nt_proc cap;
	struct nt_proc p;
	int rc;

	if (!tool(c, ipv4, sizeof(ipv4))) {
		return NT_FAIL;
	}
	if (!find_tcpdump(tcpdump, sizeof(tcpdump))) {
		return nt_fail(c, "tcpdump is not installed (scripts/deps.sh "
				  "installs it)");
	}
	if (mkdtemp(dir) == NULL) {
		return nt_fail(c, "mkdtemp: %s", strerror(errno));
	}
	snprintf(file, sizeof(file), "%s/a.pcap", dir);
	nt_step(c, "tcpdump -i any -w in a");
	if (nt_proc_start(&cap, c->topo, NT_A, cap_argv, NULL) != 0 ||
	    !nt_proc_wait_text(&cap, "listening on", true, NT_WAIT_MS)) {
		nt_proc_finish(&cap, RUN_MS);
		rmdir(dir);
		if (strstr(cap.err, "Couldn't change to") != NULL) {
			/* Inside an unprivileged user namespace setgroups() is
			   denied, and tcpdump insists on changing user as root. */
			return nt_skip(c, "tcpdump cannot change user in a "
					  "user namespace; root "
					  "mode runs this case");
		}
		return nt_proc_fail(c, &cap, "tcpdump did not start");
	}
	if (!traffic(c, ipv4)) {
		nt_proc_signal(&cap, SIGINT);
		nt_proc_finish(&cap, RUN_MS);
		unlink(file);
		rmdir(dir);
		return NT_FAIL;
	}
	nt_proc_signal(&cap, SIGINT);
	nt_proc_finish(&cap, RUN_MS);
	nt_step(c, "ipv4 decode --pcap of tcpdump's file");
	rc = nt_proc_run(&p, c->topo, NT_A, dec_argv, NULL, RUN_MS);
	unlink(file);
	rmdir(dir);
	if (rc != 0 || strstr(p.out, "capture: ") == NULL ||
	    strstr(p.out, ", link type LINUX_SLL2: ") == NULL ||
	    strstr(p.out, " 0 failed a check, 0 without a header), 0 IPv6, 0 "
			  "other\n") == NULL ||
	    count_lines(p.out, "  igmp           v3-report records=") < 1 ||
	    strstr(p.out, " to_ex group=239.7.9.9 ") == NULL ||
	    count_lines(p.out, "  tos            0x28 (DSCP 10 AF11") != 2 ||
	    count_lines(p.out, "  protocol       89 (OSPF)") != 1) {
		return nt_proc_fail(
			c, &p,
			"expected IGMP reports, two TOS 0x28 datagrams and one "
			"OSPF "
			"Hello, all passing, in a cooked (SLL2) capture");
	}
	return nt_pass(c,
		       "tcpdump -w in a, decoded: %d IGMPv3 reports, 2 UDP "
		       "with TOS 0x28, 1 OSPF "
		       "Hello, every check passed (status 0)",
		       count_lines(p.out, "  igmp           v3-report "));
}
