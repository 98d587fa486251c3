/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_filter.c - the ICMP filter and BPF programs on live
 * traffic (sockopt.h; Go's SetICMPFilter and SetBPF, and libipv4's
 * race-free attach).
 *
 * Real ICMP from the network (an echo reply from a, Time Exceeded from the
 * router, Port Unreachable from a) and real datagrams from a reach h's
 * sockets; what libipv4's filters let through is compared with what an
 * unfiltered socket sees. The race-free cases keep traffic flowing while
 * the filter is attached, and check that nothing the filter rejects is
 * ever read; a socket filtered the plain way, under the same traffic,
 * shows that the race they close is real.
 */
#include <errno.h>
#include <limits.h>
#include <linux/filter.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <ipv4/icmp.h>

#include "netns-tests/case_list.h"
#include "netns-tests/drive.h"
#include "netns-tests/drive_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"
#include "netns-tests/under_test.h"

/* echo_request writes an ICMP echo request (no IP header) into out[8]. */
static void echo_request(uint8_t out[8], uint16_t seq)
{
	uint16_t sum;

	memset(out, 0, 8);
	out[0] = IPV4_ICMP_TYPE_ECHO;
	out[4] = 0x77;
	out[6] = (uint8_t)(seq >> 8);
	out[7] = (uint8_t)seq;
	sum = ipv4_checksum(out, 8);
	out[2] = (uint8_t)(sum >> 8);
	out[3] = (uint8_t)sum;
}

/* struct provokers: h's plain sockets that make the network answer with
   ICMP: an echo request to a, a TTL-1 datagram to f, one to a closed port. */
struct provokers {
	int ping;   /* raw ICMP */
	int expire; /* UDP with TTL 1 */
	int refuse; /* UDP */
};

static int provokers_open(struct nt_ctx *c, struct provokers *p)
{
	int one = 1;

	p->ping = nt_socket(c->topo, NT_H, SOCK_RAW, IPPROTO_ICMP);
	p->expire = nt_udp(c->topo, NT_H, (struct in_addr){ 0 }, 0, false);
	p->refuse = nt_udp(c->topo, NT_H, (struct in_addr){ 0 }, 0, false);
	if (p->ping < 0 || p->expire < 0 || p->refuse < 0 ||
	    setsockopt(p->expire, IPPROTO_IP, IP_TTL, &one, sizeof(one)) != 0) {
		return nt_fail(c, "provoking sockets on h: %s",
			       strerror(errno));
	}
	return NT_PASS;
}

/* provoke sends what makes type 0, 11 and 3 come back (kinds: bit 0 echo,
   bit 1 TTL expiry, bit 2 port unreachable). Returns 0 or -errno. */
static int provoke(const struct provokers *p, unsigned seq, unsigned kinds)
{
	uint8_t echo[8];
	struct sockaddr_in a = nt_sin(nt_addr(NT_A0), 0);

	echo_request(echo, (uint16_t)seq);
	if ((kinds & 1) && sendto(p->ping, echo, sizeof(echo), 0,
				  (const struct sockaddr *)&a, sizeof(a)) < 0) {
		return -errno;
	}
	if ((kinds & 2) &&
	    nt_sendto(p->expire, nt_addr(NT_F0), 33434, "ttl", 3) != 0) {
		return -errno;
	}
	if ((kinds & 4) &&
	    nt_sendto(p->refuse, nt_addr(NT_A0), 33435, "port", 4) != 0) {
		return -errno;
	}
	return 0;
}

/* icmp_types reads ICMP messages from a raw packet connection, waiting up
   to NT_WAIT_MS for expect of them and then until quiet_ms pass with
   nothing, and counts them by type into counts[256]. Returns 0 or a read
   error. */
static int icmp_types(struct ipv4_packet_conn *pc, int counts[256], int expect,
		      int quiet_ms)
{
	struct nt_wait w = nt_wait_start(expect, quiet_ms);
	uint8_t buf[1500];
	int got = 0;
	int rc;

	memset(counts, 0, 256 * sizeof(counts[0]));
	for (;;) {
		rc = nt_lib_read(pc, buf, sizeof(buf), nt_wait_ms(&w, got),
				 NULL, NULL);
		if (rc < 0) {
			break;
		}
		got++;
		if (rc > 0) {
			counts[buf[0]]++;
		}
	}
	return rc == IPV4_ETIMEOUT ? 0 : rc;
}

/* echo_only builds the filter that accepts only echo replies. */
static int echo_only(struct nt_ctx *c, struct ipv4_icmp_filter *f)
{
	memset(f, 0, sizeof(*f));
	return nt_check(
		c,
		ipv4_icmp_filter_set_all(f, 1) != 0
			? IPV4_EINVAL
			: ipv4_icmp_filter_accept(f, IPV4_ICMP_TYPE_ECHO_REPLY),
		"icmp_filter_set_all/accept");
}

/* icmp_verdict: the unfiltered socket (or probe handle: what) saw one
   each of types 0, 3 and 11, the filtered one only the echo reply. */
static int icmp_verdict(struct nt_ctx *c, const int all[256],
			const int got[256], const char *what)
{
	if (all[0] != 1 || all[3] != 1 || all[11] != 1) {
		return nt_fail(c,
			       "unfiltered %s: expected one each of echo "
			       "reply, destination "
			       "unreachable and time exceeded, saw %d, %d, %d",
			       what, all[0], all[3], all[11]);
	}
	if (got[0] != 1 || got[3] != 0 || got[11] != 0) {
		return nt_fail(c,
			       "filter accepting only type 0: expected 1 echo "
			       "reply, 0 unreachable, "
			       "0 time exceeded; saw %d, %d, %d",
			       got[0], got[3], got[11]);
	}
	return nt_pass(c,
		       "of echo reply, unreachable and time exceeded (all seen "
		       "unfiltered), the "
		       "filtered %s got only the echo reply",
		       what);
}

int case_filter_icmp(struct nt_ctx *c)
{
	struct ipv4_packet_conn filtered;
	struct ipv4_packet_conn open_pc;
	struct ipv4_icmp_filter f;
	struct ipv4_icmp_filter back;
	struct provokers p;
	int got[256];
	int all[256];
	int rc;

	if (nt_check(c,
		     nt_lib_raw(c->topo, NT_H, IPPROTO_ICMP, &filtered, NULL),
		     "packet_conn_init(raw ICMP)") != NT_PASS ||
	    nt_check(c, nt_lib_raw(c->topo, NT_H, IPPROTO_ICMP, &open_pc, NULL),
		     "packet_conn_init(raw ICMP)") != NT_PASS ||
	    echo_only(c, &f) != NT_PASS ||
	    nt_check(c, ipv4_packet_conn_set_icmp_filter(&filtered, &f),
		     "set_icmp_filter") != NT_PASS ||
	    nt_check(c, ipv4_packet_conn_icmp_filter(&filtered, &back),
		     "icmp_filter") != NT_PASS ||
	    provokers_open(c, &p) != NT_PASS) {
		return NT_FAIL;
	}
	if (memcmp(&back, &f, sizeof(f)) != 0) {
		return nt_fail(
			c, "icmp_filter read back differs from the filter set");
	}
	rc = provoke(&p, 1, 7);
	if (rc != 0) {
		return nt_fail(c, "provoking ICMP: %s", strerror(-rc));
	}
	if (icmp_types(&open_pc, all, 3, NT_QUIET_MS) != 0 ||
	    icmp_types(&filtered, got, 1, 50) != 0) {
		return nt_fail(c, "read_from on the raw ICMP sockets failed");
	}
	return icmp_verdict(c, all, got, "socket");
}

/* The BPF program: accept a UDP datagram whose first payload byte is 'Y'
   (for a UDP socket the filter sees the UDP header first: byte 8). */
static const struct sock_filter yes_only[] = {
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 8),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 'Y', 0, 1),
	BPF_STMT(BPF_RET | BPF_K, 0xffff),
	BPF_STMT(BPF_RET | BPF_K, 0),
};

enum {
	YES_ONLY_LEN = sizeof(yes_only) / sizeof(yes_only[0])
};

/* bpf: the program yes_only on h's socket under test lets through a's
   'Y' datagrams and none of its 'N' ones. */
static int bpf(struct nt_ctx *c, bool driven)
{
	static const char *const tags[2] = { "Y-pass", "N-drop" };
	int fa = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	char prog[YES_ONLY_LEN * 16 + 1];
	struct nt_ut ut;
	int n[2];
	int other;

	if (fa < 0) {
		return nt_fail(c, "sender on a: %s", strerror(-fa));
	}
	for (size_t i = 0; i < YES_ONLY_LEN; i++) {
		snprintf(prog + 16 * i, 17, "%04x%02x%02x%08x",
			 yes_only[i].code, yes_only[i].jt, yes_only[i].jf,
			 yes_only[i].k);
	}
	if (nt_ut_udp(c, driven, nt_port(c, 0), &ut) != NT_PASS ||
	    (driven ? nt_ask(c, &ut.d, 0, "SetBPF r %s", prog)
		    : nt_check(c,
			       ipv4_packet_conn_set_bpf(&ut.pc, yes_only,
							YES_ONLY_LEN),
			       "set_bpf")) != NT_PASS) {
		return NT_FAIL;
	}
	for (int i = 0; i < 5; i++) {
		if (nt_send_tag(fa, nt_addr(NT_S0), ut.port, tags[0], 1) != 0 ||
		    nt_send_tag(fa, nt_addr(NT_S0), ut.port, tags[1], 1) != 0) {
			return nt_fail(c, "sending from a: %s",
				       strerror(errno));
		}
	}
	other = nt_ut_tally(c, &ut, tags, n, 2, 5);
	if (other < 0) {
		return NT_FAIL;
	}
	if (n[0] != 5 || n[1] != 0 || other != 0) {
		return nt_fail(c,
			       "BPF accepting payloads starting with 'Y': "
			       "expected 5 'Y' and 0 'N' "
			       "of 5 each sent, saw %d and %d (%d other)",
			       n[0], n[1], other);
	}
	if (driven) {
		return nt_pass(c,
			       "SetBPF %s: 5/5 'Y' datagrams passed, 0/5 'N'",
			       prog);
	}
	return nt_pass(c, "5/5 'Y' datagrams passed, 0/5 'N'");
}

NT_BOTH_FORMS(filter_bpf, bpf)

/*
 * The driven forms (drive.h): h's filtered sockets are the
 * implementation's probe's handles (Go's SetICMPFilter on a PacketConn
 * of ip4:icmp, SetBPF with the same program as raw instructions); the
 * provoking and sending sides are the same plain sockets.
 */

/* drv_icmp_types counts by type the ICMP messages read from handle name,
   waiting as icmp_types does. 0, or -1 (c marked). */
static int drv_icmp_types(struct nt_ctx *c, struct nt_drv *d, const char *name,
			  int counts[256], int expect, int quiet_ms)
{
	struct nt_wait w = nt_wait_start(expect, quiet_ms);
	int got = 0;

	memset(counts, 0, 256 * sizeof(counts[0]));
	for (;;) {
		char data[8];
		unsigned type;
		int rc = nt_drv_read(c, d, name, 1500, nt_wait_ms(&w, got),
				     data, sizeof(data));

		if (rc <= 0) {
			return rc;
		}
		if (sscanf(data, "%2x", &type) != 1) {
			nt_fail(c,
				"%s: expected an ICMP message or err ETIMEOUT, "
				"the probe answered %s",
				d->request, d->answer);
			return -1;
		}
		got++;
		counts[type & 255]++;
	}
}

int drive_filter_icmp(struct nt_ctx *c)
{
	struct provokers p;
	struct nt_drv d;
	const char *word;
	int got[256];
	int all[256];
	int rc;

	if (nt_drv_start(c, NT_H, &d) != NT_PASS ||
	    nt_ask(c, &d, 0, "open ip f 1 0.0.0.0") != NT_PASS ||
	    nt_ask(c, &d, 0, "open ip o 1 0.0.0.0") != NT_PASS ||
	    nt_ask(c, &d, 0, "SetICMPFilter f setall:1,accept:0") != NT_PASS ||
	    nt_ask(c, &d, 0, "ICMPFilter f") != NT_PASS ||
	    provokers_open(c, &p) != NT_PASS) {
		return NT_FAIL;
	}
	word = nt_answer_rest(&d, "data");
	if (strncmp(word, "0x", 2) == 0) {
		word += 2;
	}
	if (strcmp(word, "fffffffe") != 0) {
		return nt_fail(c,
			       "ICMPFilter after SetICMPFilter "
			       "setall:1,accept:0: expected the word "
			       "fffffffe (every type blocked but 0), the probe "
			       "answered %s",
			       d.answer);
	}
	rc = provoke(&p, 1, 7);
	if (rc != 0) {
		return nt_fail(c, "provoking ICMP: %s", strerror(-rc));
	}
	if (drv_icmp_types(c, &d, "o", all, 3, NT_QUIET_MS) != 0 ||
	    drv_icmp_types(c, &d, "f", got, 1, 50) != 0) {
		return NT_FAIL;
	}
	return icmp_verdict(c, all, got, "handle");
}

/* struct flood keeps traffic flowing from a thread until told to stop. */
struct flood {
	atomic_int stop;
	int (*send_one)(struct flood *f, unsigned i);
	int fd;
	const struct provokers *p;
	uint16_t ports[2];
	atomic_uint sent;
};

static void *flood_main(void *arg)
{
	struct flood *f = arg;

	for (unsigned i = 0; !atomic_load(&f->stop); i++) {
		if (f->send_one(f, i) == 0) {
			atomic_fetch_add(&f->sent, 1);
		}
		nanosleep(&(struct timespec){ 0, 200 * 1000 }, NULL);
	}
	return NULL;
}

/* udp_flood_one: mostly 'N', every fourth 'Y', to both ports. */
static int udp_flood_one(struct flood *f, unsigned i)
{
	const char *tag = i % 4 == 3 ? "Y-flood" : "N-flood";

	return nt_send_tag(f->fd, nt_addr(NT_S0), f->ports[i % 2], tag, 1);
}

/* icmp_flood_one: mostly port unreachables, every fourth an echo. */
static int icmp_flood_one(struct flood *f, unsigned i)
{
	return provoke(f->p, i, i % 4 == 3 ? 1 : 4);
}

/*
 * under_flood keeps f's traffic flowing from a thread and calls
 * attach(arg) in the middle of it (100 ms after the traffic started, 100
 * ms before it stops). Returns what attach returned (the datagrams the
 * race-free attach discarded, or a negative code), or INT_MIN after
 * failing c when the thread could not start.
 */
static int under_flood(struct nt_ctx *c, struct flood *f,
		       int (*attach)(void *arg), void *arg)
{
	pthread_t th;
	int rc;

	if (pthread_create(&th, NULL, flood_main, f) != 0) {
		nt_fail(c, "flood thread: %s", strerror(errno));
		return INT_MIN;
	}
	nt_step(c, "traffic flowing; attaching filters");
	nt_msleep(100);
	rc = attach(arg);
	nt_msleep(100);
	atomic_store(&f->stop, 1);
	pthread_join(th, NULL);
	return rc;
}

/* struct two_conns is a socket filtered the race-free way and one
   filtered plainly, with what they are given. */
struct two_conns {
	struct ipv4_packet_conn plain;
	struct ipv4_packet_conn drained;
	const struct ipv4_icmp_filter *filter;
};

/* attach_bpf: set_bpf_and_drain on one, set_bpf on the other. */
static int attach_bpf(void *arg)
{
	struct two_conns *t = arg;
	int discarded = ipv4_packet_conn_set_bpf_and_drain(&t->drained,
							   yes_only,
							   YES_ONLY_LEN);

	if (discarded >= 0 &&
	    ipv4_packet_conn_set_bpf(&t->plain, yes_only, YES_ONLY_LEN) != 0) {
		return -1;
	}
	return discarded;
}

/* attach_icmp: set_icmp_filter_and_drain on one, set_icmp_filter on the
   other. */
static int attach_icmp(void *arg)
{
	struct two_conns *t = arg;
	int discarded = ipv4_packet_conn_set_icmp_filter_and_drain(&t->drained,
								   t->filter);

	if (discarded >= 0 &&
	    ipv4_packet_conn_set_icmp_filter(&t->plain, t->filter) != 0) {
		return -1;
	}
	return discarded;
}

/* count_tags reads a UDP connection until quiet: 'Y' and 'N' counts. */
static int count_tags(struct ipv4_packet_conn *pc, int *out_y, int *out_n)
{
	static const char *const tags[2] = { "Y-flood", "N-flood" };
	int n[2];
	int rc = nt_lib_tally(pc, tags, n, 2, 0);

	*out_y = n[0];
	*out_n = n[1];
	return rc;
}

int case_filter_bpf_race_free(struct nt_ctx *c)
{
	struct two_conns t;
	struct flood f = { .send_one = udp_flood_one,
			   .ports = { nt_port(c, 0), nt_port(c, 1) } };
	int discarded;
	int plain_y = 0;
	int plain_n = 0;
	int drained_y = 0;
	int drained_n = 0;

	f.fd = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	if (f.fd < 0) {
		return nt_fail(c, "sender on a: %s", strerror(-f.fd));
	}
	if (nt_check(c,
		     nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 },
				nt_port(c, 0), false, &t.plain),
		     "UDP socket on h") != NT_PASS ||
	    nt_check(c,
		     nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 },
				nt_port(c, 1), false, &t.drained),
		     "UDP socket on h") != NT_PASS) {
		return NT_FAIL;
	}
	discarded = under_flood(c, &f, attach_bpf, &t);
	if (discarded == INT_MIN) {
		return NT_FAIL;
	}
	if (discarded < 0) {
		return nt_fail(c, "set_bpf_and_drain / set_bpf: %s",
			       ipv4_strerror(discarded));
	}
	if (count_tags(&t.drained, &drained_y, &drained_n) < 0 ||
	    count_tags(&t.plain, &plain_y, &plain_n) < 0) {
		return nt_fail(c, "read_from after the flood failed");
	}
	if (plain_n == 0) {
		return nt_fail(
			c,
			"the plainly filtered socket read no 'N' datagram "
			"queued before its "
			"filter: the flood did not test the race (%u sent)",
			atomic_load(&f.sent));
	}
	if (drained_n != 0 || drained_y == 0) {
		return nt_fail(c,
			       "set_bpf_and_drain under traffic: expected 0 "
			       "'N' and some 'Y' "
			       "datagrams read, saw %d 'N' and %d 'Y'",
			       drained_n, drained_y);
	}
	return nt_pass(c,
		       "under %u datagrams of traffic: drained socket read %d "
		       "'Y', 0 'N' (%d "
		       "discarded); plainly filtered socket read %d 'N' queued "
		       "before its filter",
		       atomic_load(&f.sent), drained_y, discarded, plain_n);
}

int case_filter_icmp_race_free(struct nt_ctx *c)
{
	struct two_conns t;
	struct ipv4_icmp_filter filter;
	struct provokers p;
	struct flood f = { .send_one = icmp_flood_one };
	int discarded;
	int plain_types[256];
	int drained_types[256];

	if (nt_check(c, nt_lib_raw(c->topo, NT_H, IPPROTO_ICMP, &t.plain, NULL),
		     "packet_conn_init(raw ICMP)") != NT_PASS ||
	    nt_check(c,
		     nt_lib_raw(c->topo, NT_H, IPPROTO_ICMP, &t.drained, NULL),
		     "packet_conn_init(raw ICMP)") != NT_PASS ||
	    echo_only(c, &filter) != NT_PASS ||
	    provokers_open(c, &p) != NT_PASS) {
		return NT_FAIL;
	}
	f.p = &p;
	t.filter = &filter;
	discarded = under_flood(c, &f, attach_icmp, &t);
	if (discarded == INT_MIN) {
		return NT_FAIL;
	}
	if (discarded < 0) {
		return nt_fail(
			c, "set_icmp_filter_and_drain / set_icmp_filter: %s",
			ipv4_strerror(discarded));
	}
	if (icmp_types(&t.drained, drained_types, 0, NT_QUIET_MS) != 0 ||
	    icmp_types(&t.plain, plain_types, 0, 50) != 0) {
		return nt_fail(c, "read_from after the flood failed");
	}
	if (plain_types[3] == 0) {
		return nt_fail(c, "the plainly filtered socket read no "
				  "unreachable queued before its "
				  "filter: the flood did not test the race");
	}
	if (drained_types[3] != 0 || drained_types[0] == 0) {
		return nt_fail(c,
			       "set_icmp_filter_and_drain under traffic: "
			       "expected only echo replies "
			       "read, saw %d echo replies and %d unreachables",
			       drained_types[0], drained_types[3]);
	}
	return nt_pass(
		c,
		"under ICMP traffic: drained socket read %d echo replies, 0 "
		"unreachables "
		"(%d discarded); plainly filtered socket read %d unreachables",
		drained_types[0], discarded, plain_types[3]);
}
