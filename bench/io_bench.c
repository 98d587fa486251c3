/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/io_bench.c - batch I/O throughput: libipv4 against the bare system
 * calls, over loopback or across a veth pair between two namespaces.
 *
 *   io_bench --transport lo|veth [--ns-a NAME --ns-b NAME]
 *            [--addr-a A --addr-b B] [--payloads 64,1400]
 *            [--batches 1,8,32,64,256] [--impls NAME,...] [--ms MS]
 *            [--round R]
 *
 * For every payload and batch size, a fresh pair of UDP sockets (the
 * sender in namespace A, the receiver in namespace B for veth; both in
 * this process's namespace for lo) moves messages in rounds (io_bench.h).
 * The implementations that can share the pair (all but GSO, which gets a
 * pair of its own) are warmed up, then measured interleaved, 2 ms of one,
 * 2 ms of the next, until each has had MS milliseconds, so that whatever
 * else the machine is doing slows them alike. One JSON line per
 * implementation reports messages received per second, CPU time per
 * message (this thread's, user + system) and heap allocations per message
 * in that steady state (alloc_count.c). The order of the implementations
 * rotates with R, so that over several rounds none always runs first.
 *
 * The namespaces must exist already (bench/run makes and deletes them);
 * this program only enters them to create its sockets.
 */
#include "bench/io_bench.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/alloc_count.h"
#include "bench/harness.h"
#include "lib/cli/cli.h"

#define RCVBUF_BYTES (8 << 20)
#define READ_TIMEOUT_MS 300
#define MAX_LIST 16
#define BLOCK_NS 2000000 /* 2 ms of one implementation at a time */

static const struct io_impl *const all_impls[] = {
	&io_bare_batch,	  &io_lib_batch, &io_bare_single,
	&io_lib_single,	  &io_bare_gso,	 &io_lib_gso,
	&io_lib_coalesce, &io_lib_split, &io_lib_both,
};
#define NUM_IMPLS (sizeof(all_impls) / sizeof(all_impls[0]))

struct options {
	const char *transport;
	const char *ns_name[2];
	const char *addr[2];
	unsigned payloads[MAX_LIST];
	size_t num_payloads;
	unsigned batches[MAX_LIST];
	size_t num_batches;
	const struct io_impl *impls[NUM_IMPLS];
	size_t num_impls;
	int64_t measure_ns;
	unsigned round;
};

/* The namespaces' descriptors (-1: this process's own) and its own. */
static int ns_fd[2] = { -1, -1 };
static int home_ns = -1;

static struct io_run run;

static void die(const char *what, int err)
{
	fprintf(stderr, "io_bench: %s: %s\n", what, strerror(err));
	exit(1);
}

static void open_namespaces(const struct options *o)
{
	char path[256];

	if (o->ns_name[0] == NULL) {
		return;
	}
	home_ns = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home_ns < 0) {
		die("open /proc/thread-self/ns/net", errno);
	}
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/run/netns/%s", o->ns_name[i]);
		ns_fd[i] = open(path, O_RDONLY | O_CLOEXEC);
		if (ns_fd[i] < 0) {
			die(path, errno);
		}
	}
}

static void enter_ns(int fd)
{
	if (fd >= 0 && setns(fd, CLONE_NEWNET) != 0) {
		die("setns", errno);
	}
}

static void set_int(int fd, int level, int name, int value, const char *what)
{
	if (setsockopt(fd, level, name, &value, sizeof(value)) != 0) {
		die(what, errno);
	}
}

/* udp_socket: a UDP socket in namespace side (0: A, 1: B) bound to addr. */
static int udp_socket(const struct options *o, int side,
		      struct sockaddr_in *out_addr)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd;

	enter_ns(ns_fd[side]);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	enter_ns(home_ns);
	if (fd < 0) {
		die("socket", errno);
	}
	if (inet_pton(AF_INET, o->addr[side], &a.sin_addr) != 1) {
		fprintf(stderr, "io_bench: bad address %s\n", o->addr[side]);
		exit(2);
	}
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		die("bind", errno);
	}
	*out_addr = a;
	return fd;
}

static void make_sockets(const struct options *o, struct io_run *r)
{
	struct sockaddr_in src;
	struct timeval tv = { 0, READ_TIMEOUT_MS * 1000 };

	r->tx_fd = udp_socket(o, 0, &src);
	r->rx_fd = udp_socket(o, 1, &r->dst);
	/* Room for the largest round whatever rmem_max says (root). */
	if (setsockopt(r->rx_fd, SOL_SOCKET, SO_RCVBUFFORCE,
		       &(int){ RCVBUF_BYTES }, sizeof(int)) != 0) {
		set_int(r->rx_fd, SOL_SOCKET, SO_RCVBUF, RCVBUF_BYTES,
			"SO_RCVBUF");
	}
	if (setsockopt(r->tx_fd, SOL_SOCKET, SO_SNDBUFFORCE,
		       &(int){ RCVBUF_BYTES }, sizeof(int)) != 0) {
		set_int(r->tx_fd, SOL_SOCKET, SO_SNDBUF, RCVBUF_BYTES,
			"SO_SNDBUF");
	}
	/* A lost datagram ends a read after this long instead of never. */
	if (setsockopt(r->rx_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) !=
	    0) {
		die("SO_RCVTIMEO", errno);
	}
}

/*
 * struct tally is what one implementation did during a measurement: the
 * timed blocks' sums, and the warm-up's messages apart.
 */
struct tally {
	int rc;
	uint64_t rounds;
	uint64_t msgs;
	uint64_t lost;
	uint64_t warm_msgs;
	int64_t wall_ns;
	int64_t cpu_ns;
	uint64_t allocs;
	uint64_t gro_datagrams;
};

/*
 * io_bench_round sends and receives one batch; returns 0 or a negative
 * code. It has external linkage and is never inlined so that
 * `valgrind --tool=callgrind --toggle-collect=io_bench_round` counts the
 * user-space instructions of the rounds and nothing else (bench/run).
 */
__attribute__((noinline)) int io_bench_round(const struct io_impl *impl,
					     struct io_run *r, struct tally *t);
__attribute__((noinline)) int io_bench_round(const struct io_impl *impl,
					     struct io_run *r, struct tally *t)
{
	int rc = impl->send_round(r);
	long got;

	if (rc != 0) {
		return rc;
	}
	got = impl->recv_round(r);
	if (got < 0) {
		return (int)got;
	}
	t->rounds++;
	t->msgs += (uint64_t)got;
	t->lost += got < (long)r->batch ? r->batch - (uint64_t)got : 0;
	return 0;
}

/* run_block runs rounds for at least block_ns and adds up what they cost. */
static int run_block(const struct io_impl *impl, struct io_run *r,
		     struct tally *t, int64_t block_ns)
{
	int64_t t0 = bench_now_ns();
	int64_t c0 = bench_thread_cpu_ns();
	uint64_t a0 = bench_alloc_count();
	uint64_t g0 = r->gro_datagrams;
	int rc;

	do {
		rc = io_bench_round(impl, r, t);
	} while (rc == 0 && bench_now_ns() - t0 < block_ns);
	t->wall_ns += bench_now_ns() - t0;
	t->cpu_ns += bench_thread_cpu_ns() - c0;
	t->allocs += bench_alloc_count() - a0;
	t->gro_datagrams += r->gro_datagrams - g0;
	return rc;
}

static void warm_up(const struct io_impl *impl, struct io_run *r,
		    struct tally *t, int64_t warm_ns)
{
	struct tally w = { 0 };
	int64_t end = bench_now_ns() + warm_ns;

	while (t->rc == 0 && (w.rounds < 3 || bench_now_ns() < end)) {
		t->rc = io_bench_round(impl, r, &w);
	}
	t->warm_msgs = w.msgs;
	t->lost = w.lost;
}

static void print_tally(const struct options *o, const struct io_impl *impl,
			const struct io_run *r, const struct tally *t)
{
	printf("{\"suite\":\"io\",\"impl\":\"%s\",\"transport\":\"%s\","
	       "\"payload\":%u,\"batch\":%u,\"round\":%u,",
	       impl->name, o->transport, r->payload, r->batch, o->round);
	if (t->rc != 0 || t->msgs == 0) {
		printf("\"error\":\"%s\"}\n",
		       t->rc != 0 ? ipv4_strerror(t->rc) : "nothing received");
		return;
	}
	printf("\"msgs\":%llu,\"rounds\":%llu,\"lost\":%llu,"
	       "\"warm_msgs\":%llu,\"wall_ns\":%lld,\"cpu_ns\":%lld,"
	       "\"msgs_per_sec\":%.1f,\"cpu_ns_per_msg\":%.2f,",
	       (unsigned long long)t->msgs, (unsigned long long)t->rounds,
	       (unsigned long long)t->lost, (unsigned long long)t->warm_msgs,
	       (long long)t->wall_ns, (long long)t->cpu_ns,
	       (double)t->msgs * 1e9 / (double)t->wall_ns,
	       (double)t->cpu_ns / (double)t->msgs);
	if (bench_alloc_counting()) {
		printf("\"allocs_per_msg\":%.6f,",
		       (double)t->allocs / (double)t->msgs);
	} else {
		printf("\"allocs_per_msg\":null,");
	}
	printf("\"gro_datagrams\":%llu}\n",
	       (unsigned long long)t->gro_datagrams);
}

/*
 * measure_group measures the n implementations of group (which share one
 * pair of sockets) interleaved: blocks of BLOCK_NS of one, then of the
 * next, round and round, until each has had about o->measure_ns. Other
 * work on the machine then slows them alike, and their ratios hold.
 */
static void measure_group(const struct options *o,
			  const struct io_impl *const *group, size_t n,
			  unsigned payload, unsigned batch)
{
	struct io_run *r = &run;
	uint8_t *tx_data = r->tx_data;
	uint8_t *rx_data = r->rx_data;
	struct tally t[NUM_IMPLS];
	size_t ok = 0;
	int64_t end;

	memset(r, 0, sizeof(*r));
	memset(t, 0, sizeof(t));
	r->tx_data = tx_data;
	r->rx_data = rx_data;
	r->payload = payload;
	r->batch = batch;
	make_sockets(o, r);
	for (size_t k = 0; k < n; k++) {
		t[k].rc = group[k]->setup(r);
	}
	/* Warm-up: caches, the sockets' first pages, the allocator. */
	for (size_t k = 0; k < n; k++) {
		warm_up(group[k], r, &t[k], o->measure_ns / 10);
		ok += t[k].rc == 0;
	}
	end = bench_now_ns() + o->measure_ns * (int64_t)ok;
	for (size_t k = 0; ok > 0 && bench_now_ns() < end; k = (k + 1) % n) {
		if (t[k].rc == 0) {
			t[k].rc = run_block(group[k], r, &t[k], BLOCK_NS);
			ok -= t[k].rc != 0;
		}
	}
	close(r->tx_fd);
	close(r->rx_fd);
	for (size_t k = 0; k < n; k++) {
		print_tally(o, group[k], r, &t[k]);
	}
	fflush(stdout);
}

static const struct io_impl *find_impl(const char *name)
{
	for (size_t i = 0; i < NUM_IMPLS; i++) {
		if (strcmp(all_impls[i]->name, name) == 0) {
			return all_impls[i];
		}
	}
	fprintf(stderr, "io_bench: no implementation \"%s\"\n", name);
	exit(2);
}

static void parse_impls(struct options *o, const char *text)
{
	char copy[256];
	char *save = NULL;

	snprintf(copy, sizeof(copy), "%s", text);
	o->num_impls = 0;
	for (char *t = strtok_r(copy, ",", &save); t != NULL;
	     t = strtok_r(NULL, ",", &save)) {
		if (o->num_impls == NUM_IMPLS) {
			fprintf(stderr, "io_bench: too many --impls\n");
			exit(2);
		}
		o->impls[o->num_impls++] = find_impl(t);
	}
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: io_bench --transport lo|veth [--ns-a NAME --ns-b NAME]"
		"\n       [--addr-a A --addr-b B] [--payloads 64,1400]"
		"\n       [--batches 1,8,32,64,256] [--impls NAME,...]"
		" [--ms MS] [--round R]\n");
}

/*
 * parse_args reads argv through the shared parser (lib/cli/cli.h): the
 * numbers and names directly, the comma-separated lists as text, read
 * here. --help prints the usage and exits 0; a usage error prints what
 * was wrong and the usage, and exits 2.
 */
static void parse_args(struct options *o, int argc, char **argv)
{
	static const unsigned payloads[] = { 64, 1400 };
	static const unsigned batches[] = { 1, 8, 32, 64, 256 };
	const char *payload_list = NULL;
	const char *batch_list = NULL;
	const char *impl_list = NULL;
	unsigned ms = 200;
	size_t num_positional = 0;
	char err[160];
	/* One row per option: clang-format leaves the table alone. */
	/* clang-format off */
	const struct cli_option opts[] = {
		{ "--transport", CLI_STRING, &o->transport, 0, 0, NULL, NULL },
		{ "--ns-a", CLI_STRING, &o->ns_name[0], 0, 0, NULL, NULL },
		{ "--ns-b", CLI_STRING, &o->ns_name[1], 0, 0, NULL, NULL },
		{ "--addr-a", CLI_STRING, &o->addr[0], 0, 0, NULL, NULL },
		{ "--addr-b", CLI_STRING, &o->addr[1], 0, 0, NULL, NULL },
		{ "--payloads", CLI_STRING, &payload_list, 0, 0, NULL, NULL },
		{ "--batches", CLI_STRING, &batch_list, 0, 0, NULL, NULL },
		{ "--impls", CLI_STRING, &impl_list, 0, 0, NULL, NULL },
		{ "--ms", CLI_UINT, &ms, 1, 600000, NULL, NULL },
		{ "--round", CLI_UINT, &o->round, 0, 1000000, NULL, NULL },
	};
	/* clang-format on */
	int rc;

	*o = (struct options){ .transport = "lo",
			       .addr = { "127.0.0.1", "127.0.0.1" } };
	memcpy(o->payloads, payloads, sizeof(payloads));
	o->num_payloads = 2;
	memcpy(o->batches, batches, sizeof(batches));
	o->num_batches = 5;
	memcpy(o->impls, all_impls, sizeof(all_impls));
	o->num_impls = NUM_IMPLS;
	rc = cli_parse(opts, sizeof(opts) / sizeof(opts[0]), argc, argv, NULL,
		       0, &num_positional, err, sizeof(err));
	if (rc == CLI_HELP) {
		usage(stdout);
		exit(0);
	}
	if (rc != 0) {
		fprintf(stderr, "io_bench: %s\n", err);
		usage(stderr);
		exit(2);
	}
	if ((o->ns_name[0] == NULL) != (o->ns_name[1] == NULL)) {
		fprintf(stderr, "io_bench: --ns-a and --ns-b go together\n");
		usage(stderr);
		exit(2);
	}
	o->measure_ns = (int64_t)ms * 1000000;
	if (payload_list != NULL) {
		o->num_payloads = bench_parse_list("--payloads", payload_list,
						   o->payloads, MAX_LIST);
	}
	if (batch_list != NULL) {
		o->num_batches = bench_parse_list("--batches", batch_list,
						  o->batches, MAX_LIST);
	}
	if (impl_list != NULL) {
		parse_impls(o, impl_list);
	}
	for (size_t i = 0; i < o->num_payloads; i++) {
		if (o->payloads[i] > IO_RX_BUF || o->payloads[i] < 1) {
			fprintf(stderr, "io_bench: payload above %d\n",
				IO_RX_BUF);
			exit(2);
		}
	}
	for (size_t i = 0; i < o->num_batches; i++) {
		if (o->batches[i] > IO_MAX_BATCH) {
			fprintf(stderr, "io_bench: batch above %d\n",
				IO_MAX_BATCH);
			exit(2);
		}
	}
}

int main(int argc, char **argv)
{
	struct options o;
	size_t rx_bytes = (size_t)IO_MAX_BATCH * IO_RX_BUF;
	unsigned cell = 0;

	parse_args(&o, argc, argv);
	open_namespaces(&o);
	if (rx_bytes < (size_t)IO_GSO_MAX_MSGS * IO_GSO_RX_BUF) {
		rx_bytes = (size_t)IO_GSO_MAX_MSGS * IO_GSO_RX_BUF;
	}
	run.tx_data = calloc(1, IO_GSO_MAX_BYTES);
	run.rx_data = calloc(1, rx_bytes);
	if (run.tx_data == NULL || run.rx_data == NULL) {
		die("calloc", ENOMEM);
	}
	for (size_t p = 0; p < o.num_payloads; p++) {
		for (size_t b = 0; b < o.num_batches; b++, cell++) {
			for (int gso = 0; gso <= 1; gso++) {
				const struct io_impl *group[NUM_IMPLS];
				size_t n = 0;

				for (size_t k = 0; k < o.num_impls; k++) {
					const struct io_impl *im =
						o.impls[(k + o.round + cell) %
							o.num_impls];

					if (im->gso == gso) {
						group[n++] = im;
					}
				}
				if (n > 0) {
					measure_group(&o, group, n,
						      o.payloads[p],
						      o.batches[b]);
				}
			}
		}
	}
	free(run.tx_data);
	free(run.rx_data);
	return 0;
}
