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

uint64_t bench_loop_header_parse(uint64_t n);
uint64_t bench_loop_header_parse(uint64_t n)
{
	struct ipv4_header h;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		bench_opaque(header_bytes);
		acc += (uint64_t)ipv4_header_parse(&h, header_bytes,
						   sizeof(header_bytes),
						   IPV4_FORMAT_WIRE);
		acc += h.ttl;
	}
	return acc;
}

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

uint64_t bench_loop_control_parse(uint64_t n);
uint64_t bench_loop_control_parse(uint64_t n)
{
	struct ipv4_control_message cm;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		bench_opaque(control_bytes.bytes);
		acc += (uint64_t)ipv4_control_message_parse(
			&cm, control_bytes.bytes, control_len,
			IPV4_CMSG_FORMAT_LINUX);
		acc += cm.ttl + (uint64_t)cm.ifindex;
	}
	return acc;
}

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
	struct ipv4_icmp_filter f = {{0}};
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
	struct ipv4_icmp_filter f = {{0}};
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
	struct ipv4_icmp_filter f = {{0}};
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
	struct ipv4_icmp_filter f = {{0}};
	uint64_t acc = 0;

	f.blocked[1] = 0x55;
	for (uint64_t i = 0; i < n; i++) {
		bench_opaque(&f);
		acc += (uint64_t)ipv4_icmp_filter_will_block(&f,
							     (int)(i & 31));
	}
	return acc;
}

uint64_t bench_loop_icmp_filter_to_kernel(uint64_t n);
uint64_t bench_loop_icmp_filter_to_kernel(uint64_t n)
{
	struct ipv4_icmp_filter f = {{0}};
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

static void time_op(const struct op *o, unsigned samples, int64_t sample_ns,
		    unsigned round)
{
	double ns[MAX_SAMPLES];
	double sorted[MAX_SAMPLES];
	uint64_t n = calibrate(o, sample_ns);
	uint64_t a0;
	uint64_t allocs;

	for (unsigned s = 0; s < samples; s++) {
		int64_t t0 = bench_now_ns();

		sink = o->loop(n);
		ns[s] = (double)(bench_now_ns() - t0) / (double)n;
	}
	a0 = bench_alloc_count();
	sink = o->loop(n);
	allocs = bench_alloc_count() - a0;
	memcpy(sorted, ns, sizeof(ns[0]) * samples);
	printf("{\"suite\":\"codec\",\"impl\":\"c\",\"op\":\"%s\","
	       "\"ns_per_op\":%.4f,\"iters\":%llu,", o->name,
	       bench_median(sorted, samples), (unsigned long long)n);
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

static void usage(void)
{
	fprintf(stderr,
		"usage: codec_bench [--samples N] [--sample-ms MS] [--op NAME]"
		" [--round R]\n"
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

			sink = o->loop(bench_parse_u64("--callgrind", argv[i + 2],
						       1, UINT64_C(1) << 32));
			return 0;
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
