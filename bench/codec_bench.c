/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/codec_bench.c - how fast the codecs are, per operation.
 *
 *   codec_bench [--samples N] [--sample-ms MS] [--op NAME] [--round R]
 *       times every operation (or one): N samples of about MS
 *       milliseconds each, and prints one JSON line per operation with the
 *       median nanoseconds per operation and the heap allocations per
 *       operation counted by alloc_count.c. --round R labels the lines
 *       ("round":R) so that bench/go/report can pair them with the Go
 *       samples taken next to them: bench/run alternates one short sample
 *       of every operation here with one of `gobench codec -round R`.
 *   codec_bench --callgrind NAME ITERS
 *       runs bench_loop_NAME once with ITERS operations and nothing else
 *       timed, for `valgrind --tool=callgrind --toggle-collect=
 *       bench_loop_NAME`: instructions inside the loop / ITERS is the
 *       instruction count per operation.
 *   codec_bench --contention SLICES [--sample-ms MS]
 *       what bounds the two parses (see contention() below): SLICES
 *       samples of each parse, of the same loop calling an empty function
 *       (floor.h) and of a clock probe, back to back; one "profile" line
 *       per parse.
 *   codec_bench --list   prints the operation names.
 *
 * Each operation's loop is its own function so that callgrind can count
 * exactly it, and is reached through a pointer so that no call in it is
 * specialised for the benchmark's constant inputs. The inputs are the ones
 * bench/go/gobench/codec.go gives Go's functions, byte for byte.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "bench/alloc_count.h"
#include "bench/floor.h"
#include "bench/harness.h"
#include "ipv4/control.h"
#include "ipv4/header.h"
#include "ipv4/icmp.h"
#include "ipv4/options.h"

/* An ICMP echo request's header, as a raw socket delivers it on Linux. */
static const uint8_t header_bytes[IPV4_HEADER_LEN] = {
	0x45, 0x00, 0x00, 0x54, 0x1c, 0x46, 0x40, 0x00, 0x40, 0x01,
	0xb1, 0xe6, 0xc0, 0xa8, 0x00, 0x68, 0xc0, 0xa8, 0x00, 0x01,
};

/*
 * 40 bytes of options: Router Alert, a Record Route with 8 empty slots,
 * End of Option List. Three options to hand out per walk.
 */
static uint8_t options_bytes[IPV4_MAX_OPTIONS_LEN] = {
	0x94, 0x04, 0x00, 0x00, 0x07, 0x23, 0x04,
};

/* What recvmsg gives with IP_RECVTTL and IP_PKTINFO on (Go's FlagTTL,
 * FlagDst and FlagInterface): built at start-up with the CMSG macros. */
static union {
	struct cmsghdr align;
	uint8_t bytes[64];
} control_bytes;
static size_t control_len;

static struct ipv4_header parsed_header;
static struct ipv4_control_message send_cm;

static void make_inputs(void)
{
	struct msghdr m = { .msg_control = control_bytes.bytes,
			    .msg_controllen = sizeof(control_bytes.bytes) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	struct in_pktinfo pi = { .ipi_ifindex = 1 };
	int ttl = 64;

	options_bytes[IPV4_MAX_OPTIONS_LEN - 1] = IPV4_OPT_EOL;
	c->cmsg_level = IPPROTO_IP;
	c->cmsg_type = IP_TTL;
	c->cmsg_len = CMSG_LEN(sizeof(ttl));
	memcpy(CMSG_DATA(c), &ttl, sizeof(ttl));
	c = CMSG_NXTHDR(&m, c);
	pi.ipi_spec_dst.s_addr = htonl(INADDR_LOOPBACK);
	pi.ipi_addr.s_addr = htonl(INADDR_LOOPBACK);
	c->cmsg_level = IPPROTO_IP;
	c->cmsg_type = IP_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	control_len = CMSG_SPACE(sizeof(ttl)) + CMSG_SPACE(sizeof(pi));

	if (ipv4_header_parse(&parsed_header, header_bytes,
			      sizeof(header_bytes), IPV4_FORMAT_WIRE) != 0) {
		fprintf(stderr, "codec_bench: the header input does not "
				"parse\n");
		exit(1);
	}
	send_cm.src.s_addr = htonl(INADDR_LOOPBACK);
	send_cm.ifindex = 1;
}

/* The loops. Each returns something derived from every result. */

/*
 * The parse loops are written once, as macros, and each is instantiated
 * twice: with the codec's function and with an empty one of the same
 * signature (floor.h), so that the two loops differ in nothing but the
 * function called (--contention compares them).
 */
#define HEADER_PARSE_LOOP(name, parse)                               \
	uint64_t name(uint64_t n);                                   \
	uint64_t name(uint64_t n)                                    \
	{                                                            \
		struct ipv4_header h;                                \
		uint64_t acc = 0;                                    \
                                                                     \
		memset(&h, 0, sizeof(h));                            \
		for (uint64_t i = 0; i < n; i++) {                   \
			bench_opaque(header_bytes);                  \
			acc += (uint64_t)parse(&h, header_bytes,     \
					       sizeof(header_bytes), \
					       IPV4_FORMAT_WIRE);    \
			acc += h.ttl;                                \
		}                                                    \
		return acc;                                          \
	}

HEADER_PARSE_LOOP(bench_loop_header_parse, ipv4_header_parse)
HEADER_PARSE_LOOP(bench_loop_header_parse_empty, bench_empty_header_parse)

uint64_t bench_loop_header_marshal(uint64_t n);
uint64_t bench_loop_header_marshal(uint64_t n)
{
	uint8_t out[IPV4_MAX_HEADER_LEN];
	size_t len = 0;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		bench_opaque(&parsed_header);
		acc += (uint64_t)ipv4_header_marshal(&parsed_header,
						     IPV4_FORMAT_WIRE, out,
						     sizeof(out), &len);
		bench_opaque(out);
		acc += len;
	}
	return acc;
}

uint64_t bench_loop_header_string(uint64_t n);
uint64_t bench_loop_header_string(uint64_t n)
{
	char out[192];
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		bench_opaque(&parsed_header);
		acc += (uint64_t)ipv4_header_string(&parsed_header, out,
						    sizeof(out));
		bench_opaque(out);
	}
	return acc;
}

#define CONTROL_PARSE_LOOP(name, parse)                                  \
	uint64_t name(uint64_t n);                                       \
	uint64_t name(uint64_t n)                                        \
	{                                                                \
		struct ipv4_control_message cm;                          \
		uint64_t acc = 0;                                        \
                                                                         \
		memset(&cm, 0, sizeof(cm));                              \
		for (uint64_t i = 0; i < n; i++) {                       \
			bench_opaque(control_bytes.bytes);               \
			acc += (uint64_t)parse(&cm, control_bytes.bytes, \
					       control_len,              \
					       IPV4_CMSG_FORMAT_LINUX);  \
			acc += cm.ttl + (uint64_t)cm.ifindex;            \
		}                                                        \
		return acc;                                              \
	}

CONTROL_PARSE_LOOP(bench_loop_control_parse, ipv4_control_message_parse)
CONTROL_PARSE_LOOP(bench_loop_control_parse_empty, bench_empty_control_parse)

uint64_t bench_loop_control_marshal(uint64_t n);
uint64_t bench_loop_control_marshal(uint64_t n)
{
	uint8_t out[64];
	size_t len = 0;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		bench_opaque(&send_cm);
		acc += (uint64_t)ipv4_control_message_marshal(
			&send_cm, IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE,
			IPV4_CMSG_FORMAT_LINUX, out, sizeof(out), &len);
		bench_opaque(out);
		acc += len;
	}
	return acc;
}

uint64_t bench_loop_options_iterate(uint64_t n);
uint64_t bench_loop_options_iterate(uint64_t n)
{
	struct ipv4_option_iter it;
	struct ipv4_option o;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		bench_opaque(options_bytes);
		ipv4_option_iter_init(&it, options_bytes,
				      sizeof(options_bytes));
		while (ipv4_option_next(&it, &o) == 1) {
			acc += o.len + o.num_slots;
		}
	}
	return acc;
}

uint64_t bench_loop_icmp_filter_set_all(uint64_t n);
uint64_t bench_loop_icmp_filter_set_all(uint64_t n)
{
	struct ipv4_icmp_filter f = { { 0 } };
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		acc += (uint64_t)ipv4_icmp_filter_set_all(&f, (int)(i & 1));
		bench_opaque(&f);
	}
	return acc + f.blocked[0];
}

uint64_t bench_loop_icmp_filter_accept(uint64_t n);
uint64_t bench_loop_icmp_filter_accept(uint64_t n)
{
	struct ipv4_icmp_filter f = { { 0 } };
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		acc += (uint64_t)ipv4_icmp_filter_accept(&f, (int)(i & 31));
		bench_opaque(&f);
	}
	return acc + f.blocked[0];
}

uint64_t bench_loop_icmp_filter_block(uint64_t n);
uint64_t bench_loop_icmp_filter_block(uint64_t n)
{
	struct ipv4_icmp_filter f = { { 0 } };
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		acc += (uint64_t)ipv4_icmp_filter_block(&f, (int)(i & 31));
		bench_opaque(&f);
	}
	return acc + f.blocked[0];
}

uint64_t bench_loop_icmp_filter_will_block(uint64_t n);
uint64_t bench_loop_icmp_filter_will_block(uint64_t n)
{
	struct ipv4_icmp_filter f = { { 0 } };
	uint64_t acc = 0;

	f.blocked[1] = 0x55;
	for (uint64_t i = 0; i < n; i++) {
		bench_opaque(&f);
		acc += (uint64_t)ipv4_icmp_filter_will_block(&f, (int)(i & 31));
	}
	return acc;
}

uint64_t bench_loop_icmp_filter_to_kernel(uint64_t n);
uint64_t bench_loop_icmp_filter_to_kernel(uint64_t n)
{
	struct ipv4_icmp_filter f = { { 0 } };
	uint32_t word = 0;
	uint64_t acc = 0;

	f.blocked[1] = 0x55;
	for (uint64_t i = 0; i < n; i++) {
		bench_opaque(&f);
		acc += (uint64_t)ipv4_icmp_filter_to_kernel(&f, &word);
		acc += word;
	}
	return acc;
}

struct op {
	const char *name;
	uint64_t (*loop)(uint64_t n);
};

static const struct op ops[] = {
	{ "header_parse", bench_loop_header_parse },
	{ "header_marshal", bench_loop_header_marshal },
	{ "header_string", bench_loop_header_string },
	{ "control_parse", bench_loop_control_parse },
	{ "control_marshal", bench_loop_control_marshal },
	{ "options_iterate", bench_loop_options_iterate },
	{ "icmp_filter_set_all", bench_loop_icmp_filter_set_all },
	{ "icmp_filter_accept", bench_loop_icmp_filter_accept },
	{ "icmp_filter_block", bench_loop_icmp_filter_block },
	{ "icmp_filter_will_block", bench_loop_icmp_filter_will_block },
	{ "icmp_filter_to_kernel", bench_loop_icmp_filter_to_kernel },
};

#define NUM_OPS (sizeof(ops) / sizeof(ops[0]))
#define MAX_SAMPLES 64

/* sink keeps every loop's result alive. */
static volatile uint64_t sink;

static const struct op *find_op(const char *name)
{
	for (size_t i = 0; i < NUM_OPS; i++) {
		if (strcmp(ops[i].name, name) == 0) {
			return &ops[i];
		}
	}
	fprintf(stderr, "codec_bench: no operation \"%s\" (--list)\n", name);
	exit(2);
}

/* calibrate: iterations that take about sample_ns. */
static uint64_t calibrate(const struct op *o, int64_t sample_ns)
{
	uint64_t n = 1000;

	for (;;) {
		int64_t t0 = bench_now_ns();
		int64_t took;

		sink = o->loop(n);
		took = bench_now_ns() - t0;
		if (took >= sample_ns / 4 || n >= (UINT64_C(1) << 40)) {
			double scaled = (double)n * (double)sample_ns /
					(double)(took > 0 ? took : 1);
			return scaled < 1000 ? 1000 : (uint64_t)scaled;
		}
		n *= 4;
	}
}

/* time_loop runs o n times and returns nanoseconds per operation. */
static double time_loop(const struct op *o, uint64_t n)
{
	int64_t t0 = bench_now_ns();

	sink = o->loop(n);
	return (double)(bench_now_ns() - t0) / (double)n;
}

static void time_op(const struct op *o, unsigned samples, int64_t sample_ns,
		    unsigned round)
{
	double ns[MAX_SAMPLES];
	double sorted[MAX_SAMPLES];
	uint64_t n = calibrate(o, sample_ns);
	uint64_t a0;
	uint64_t allocs;

	for (unsigned s = 0; s < samples; s++) {
		ns[s] = time_loop(o, n);
	}
	a0 = bench_alloc_count();
	sink = o->loop(n);
	allocs = bench_alloc_count() - a0;
	memcpy(sorted, ns, sizeof(ns[0]) * samples);
	printf("{\"suite\":\"codec\",\"impl\":\"c\",\"op\":\"%s\","
	       "\"ns_per_op\":%.4f,\"iters\":%llu,",
	       o->name, bench_median(sorted, samples), (unsigned long long)n);
	if (round > 0) {
		printf("\"round\":%u,", round);
	}
	if (bench_alloc_counting()) {
		printf("\"allocs_per_op\":%.6f,", (double)allocs / (double)n);
	} else {
		printf("\"allocs_per_op\":null,");
	}
	printf("\"samples_ns\":[");
	for (unsigned s = 0; s < samples; s++) {
		printf("%s%.4f", s > 0 ? "," : "", ns[s]);
	}
	printf("]}\n");
	fflush(stdout);
}

/*
 * The clock probe for --contention: a chain of multiply-adds, each step
 * waiting for the one before. Its speed is the latency of one step, which
 * another thread sharing the core's issue slots (an SMT sibling) leaves
 * alone, and which a slower clock or a preempted thread does not.
 */
uint64_t bench_loop_chain(uint64_t n);
uint64_t bench_loop_chain(uint64_t n)
{
	uint64_t x = n;

	for (uint64_t i = 0; i < n; i++) {
		x = x * UINT64_C(6364136223846793005) + 1;
	}
	return x;
}

/* A parse, and the same loop calling an empty function instead. */
struct contention_subject {
	struct op parse;
	struct op empty;
};

static const struct contention_subject subjects[] = {
	{ { "header_parse", bench_loop_header_parse },
	  { "header_parse_empty", bench_loop_header_parse_empty } },
	{ { "control_parse", bench_loop_control_parse },
	  { "control_parse_empty", bench_loop_control_parse_empty } },
};

#define MAX_SLICES 1000
/* A slice is quiet when its parse took at most this times the fastest. */
#define QUIET_FACTOR 1.25

/* print_medians prints "name_quiet" and "name_contended" for one series. */
static void print_medians(const char *name, const double *v, const bool *quiet,
			  unsigned n)
{
	double part[MAX_SLICES];

	for (int want = 1; want >= 0; want--) {
		unsigned k = 0;

		for (unsigned i = 0; i < n; i++) {
			if (quiet[i] == (want == 1)) {
				part[k++] = v[i];
			}
		}
		if (k > 0) {
			printf(",\"%s_%s\":%.4f", name,
			       want ? "quiet" : "contended",
			       bench_median(part, k));
		}
	}
}

/* The series --contention takes, one figure per slice. */
struct slices {
	unsigned n;
	double parse[MAX_SLICES];
	double empty[MAX_SLICES];
	double step[MAX_SLICES];
	bool quiet[MAX_SLICES];
};

/*
 * take_slices times sub's parse, its loop with the empty function and the
 * clock probe back to back, slice after slice, and marks each slice quiet
 * or contended by the time of its parse.
 */
static void take_slices(const struct contention_subject *sub, int64_t slice_ns,
			struct slices *s)
{
	static const struct op chain = { "chain", bench_loop_chain };
	uint64_t n_parse = calibrate(&sub->parse, slice_ns);
	uint64_t n_empty = calibrate(&sub->empty, slice_ns);
	uint64_t n_chain = calibrate(&chain, slice_ns);
	double fastest;

	for (unsigned i = 0; i < s->n; i++) {
		s->step[i] = time_loop(&chain, n_chain);
		s->parse[i] = time_loop(&sub->parse, n_parse);
		s->empty[i] = time_loop(&sub->empty, n_empty);
	}
	fastest = s->parse[0];
	for (unsigned i = 1; i < s->n; i++) {
		fastest = s->parse[i] < fastest ? s->parse[i] : fastest;
	}
	for (unsigned i = 0; i < s->n; i++) {
		s->quiet[i] = s->parse[i] <= fastest * QUIET_FACTOR;
	}
}

/*
 * contention prints, for each parse, one "profile" line from take_slices:
 * the share of contended slices and the median of each series in each
 * kind of slice. What the three series show together: the parse's time
 * less the empty call's is what the parse itself costs; a parse that slows
 * while the probe does not lost issue slots to another thread on its core,
 * not clock or CPU time.
 */
static void contention(unsigned n, int64_t slice_ns)
{
	static struct slices s;

	for (size_t k = 0; k < sizeof(subjects) / sizeof(subjects[0]); k++) {
		unsigned contended = 0;

		s.n = n;
		take_slices(&subjects[k], slice_ns, &s);
		for (unsigned i = 0; i < n; i++) {
			contended += s.quiet[i] ? 0 : 1;
		}
		printf("{\"suite\":\"profile\",\"kind\":\"quiet and "
		       "contended slices (codec_bench --contention)\","
		       "\"impl\":\"%s\",\"per_msg\":{\"slices\":%u,"
		       "\"contended_share\":%.3f",
		       subjects[k].parse.name, n, (double)contended / n);
		print_medians("parse_ns", s.parse, s.quiet, n);
		print_medians("empty_call_ns", s.empty, s.quiet, n);
		print_medians("chain_step_ns", s.step, s.quiet, n);
		printf("}}\n");
		fflush(stdout);
	}
}

static void usage(void)
{
	fprintf(stderr,
		"usage: codec_bench [--samples N] [--sample-ms MS] [--op NAME]"
		" [--round R]\n"
		"       codec_bench --contention SLICES [--sample-ms MS]\n"
		"       codec_bench --callgrind NAME ITERS\n"
		"       codec_bench --list\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned samples = 7;
	int64_t sample_ms = 30;
	const char *only = NULL;
	unsigned round = 0;
	unsigned slices = 0;

	make_inputs();
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--list") == 0) {
			for (size_t k = 0; k < NUM_OPS; k++) {
				printf("%s\n", ops[k].name);
			}
			return 0;
		} else if (strcmp(a, "--callgrind") == 0 && i + 2 < argc) {
			const struct op *o = find_op(argv[i + 1]);

			sink = o->loop(bench_parse_u64("--callgrind",
						       argv[i + 2], 1,
						       UINT64_C(1) << 32));
			return 0;
		} else if (strcmp(a, "--contention") == 0 && i + 1 < argc) {
			slices = (unsigned)bench_parse_u64(a, argv[++i], 1,
							   MAX_SLICES);
		} else if (strcmp(a, "--samples") == 0 && i + 1 < argc) {
			samples = (unsigned)bench_parse_u64(a, argv[++i], 1,
							    MAX_SAMPLES);
		} else if (strcmp(a, "--sample-ms") == 0 && i + 1 < argc) {
			sample_ms = (int64_t)bench_parse_u64(a, argv[++i], 1,
							     10000);
		} else if (strcmp(a, "--round") == 0 && i + 1 < argc) {
			round = (unsigned)bench_parse_u64(a, argv[++i], 1,
							  1000000);
		} else if (strcmp(a, "--op") == 0 && i + 1 < argc) {
			only = argv[++i];
		} else {
			usage();
		}
	}
	if (slices > 0) {
		contention(slices, sample_ms * 1000000);
		return 0;
	}
	for (size_t k = 0; k < NUM_OPS; k++) {
		if (only == NULL || strcmp(only, ops[k].name) == 0) {
			time_op(&ops[k], samples, sample_ms * 1000000, round);
		}
	}
	if (only != NULL) {
		(void)find_op(only);
	}
	return 0;
}
