/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/drive.h - the side under test as a socket probe.
 *
 * A case that the socket probe protocol (conformance/SOCKET-PROBE.md) can
 * express has a driven form besides its direct one: instead of calling
 * libipv4, it starts the implementation's probe program inside the
 * namespace that holds the socket, one probe per such namespace, and
 * sends it requests ("open udp r 0.0.0.0:0", "JoinGroup r s0 239.1.1.1",
 * "ReadFrom r 1500 2000"). The observing side stays plain system calls,
 * as in the direct cases. So the same case checks libipv4's C driver, the
 * Go driver over x/net/ipv4, or any port's probe (scripts/report --impl).
 *
 * What an answer means for the case:
 *   - `unsupported`: the implementation lacks what the case needs; the
 *     case ends as "unsup", which is not a failure (nt_ask returns
 *     NT_FAIL so that the case stops, and the runner reports "unsup");
 *   - an answer that differs from libipv4's in a way a row of
 *     conformance/DIVERGENCES.md documents: the case calls nt_differs
 *     with the row, and ends as "differs" when nothing failed;
 *   - anything else unexpected: a failure with the request and the answer.
 * For libipv4's own driver, "unsup" and "differs" are failures: libipv4
 * is the reference the rows are written against.
 */
#ifndef NT_DRIVE_H
#define NT_DRIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "netns-tests/binaries.h"
#include "netns-tests/runner.h"
#include "netns-tests/topo.h"

#define NT_ANSWER_MAX 16384

/* struct nt_impl is one implementation under test: a probe program. */
struct nt_impl {
	char label[32];	 /* the report's column: "libipv4", "go", "my-probe" */
	char path[4096]; /* the probe program */
	bool ours;	 /* libipv4's own driver: unsup and differs fail */
};

/* struct nt_drv is one running probe, in one namespace. */
struct nt_drv {
	struct nt_proc proc; /* the program (binaries.h) */
	int to;		     /* its standard input */
	int from;	     /* its standard output */
	enum nt_host host;
	char pending[NT_ANSWER_MAX]; /* read but not yet answered */
	size_t pending_len;
	char answer[NT_ANSWER_MAX];  /* the last answer, without "\n" */
	char request[NT_ANSWER_MAX]; /* the last request, for details */
};

/* NT_ANSWER_MS is how long a request may take beyond its own waiting. */
#define NT_ANSWER_MS 3000

/*
 * nt_drv_start runs c's implementation (c->impl) in host's namespace with
 * pipes to its standard input and output (nt_proc_start_interactive).
 * The probe is a child of the case, in its process group, so it ends with
 * the case. Returns NT_PASS or a failure (nt_fail) saying why it could not
 * start. When a request gets no answer, the failure quotes what the
 * probe wrote to its standard error.
 */
int nt_drv_start(struct nt_ctx *c, enum nt_host host, struct nt_drv *d);

/*
 * nt_ask_as sends one request (printf format, no newline) and reads its
 * answer into d->answer, waiting NT_ANSWER_MS plus any wait the request
 * itself names (wait_ms). With any false (nt_ask) it returns NT_PASS when
 * the answer starts with "ok"; otherwise it marks c unsupported (answer
 * `unsupported`) or failed (anything else, or no answer in time) and
 * returns NT_FAIL. With any true (nt_ask_any) every answer but
 * `unsupported` (err NAME included) is NT_PASS, with the answer in
 * d->answer; NT_FAIL when there was none in time or it was `unsupported`
 * (c marked as for nt_ask).
 */
int nt_ask_as(struct nt_ctx *c, struct nt_drv *d, bool any, int wait_ms,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* nt_ask(c, d, wait_ms, fmt, ...): a request that must answer "ok". */
#define nt_ask(c, d, wait_ms, ...) nt_ask_as(c, d, false, wait_ms, __VA_ARGS__)

/* nt_ask_any(c, d, wait_ms, fmt, ...): a request whose every answer but
   `unsupported` the caller judges itself. */
#define nt_ask_any(c, d, wait_ms, ...) \
	nt_ask_as(c, d, true, wait_ms, __VA_ARGS__)

/*
 * nt_answer_field finds "KEY=" in d->answer, at the start or after a space,
 * and copies its value up to the next space into out (cap bytes). Returns
 * true when found. For "cm=" use nt_answer_rest.
 */
bool nt_answer_field(const struct nt_drv *d, const char *key, char *out,
		     size_t cap);

/* nt_answer_rest returns what follows "KEY=" to the end of the answer
   (the cm= and hdr= texts), or "" when KEY= is not there. */
const char *nt_answer_rest(const struct nt_drv *d, const char *key);

/*
 * nt_answer_port reads the port of an "ok A.B.C.D:PORT" answer (open,
 * addr). Returns it, or 0 after marking c failed.
 */
unsigned nt_answer_port(struct nt_ctx *c, const struct nt_drv *d);

/*
 * nt_drv_read reads one datagram from handle name with "ReadFrom NAME
 * SIZE MS" and copies its data, in hex, into data (data_cap bytes).
 * Returns 1 for a datagram, 0 for err ETIMEOUT, -1 when there was no
 * answer or another one (c marked: the request, the host and the answer).
 */
int nt_drv_read(struct nt_ctx *c, struct nt_drv *d, const char *name,
		size_t size, int ms, char *data, size_t data_cap);

/*
 * nt_drv_count reads datagrams with "ReadFrom NAME 2048 MS" and counts,
 * for each i below n, those whose data is exactly the text tags[i] into
 * counts[i]; waits as nt_lib_count does (observe.h: up to NT_WAIT_MS for
 * the expect datagrams, then NT_QUIET_MS of silence). Returns the number
 * that matched no tag, or -1 when a read answered anything but data or
 * ETIMEOUT (c marked).
 */
int nt_drv_count(struct nt_ctx *c, struct nt_drv *d, const char *name,
		 const char *const tags[], int counts[], size_t n, int expect);

/*
 * nt_drv_udp starts a probe in host's namespace (nt_drv_start) and opens
 * the udp handle name on 0.0.0.0, port chosen by the kernel, which it
 * stores in *out_port. NT_PASS or NT_FAIL (c marked).
 */
int nt_drv_udp(struct nt_ctx *c, enum nt_host host, const char *name,
	       struct nt_drv *d, uint16_t *out_port);

/* nt_hex writes len bytes of data as lowercase hex ("-" when empty). */
void nt_hex(const void *data, size_t len, char *out, size_t cap);

/*
 * nt_differs records that the implementation answered as the row of
 * conformance/DIVERGENCES.md documents (what Go's package does) where
 * libipv4 answers otherwise: the case ends "differs" when nothing failed,
 * with the row and what was seen in its detail (the first instance of
 * each row).
 */
void nt_differs(struct nt_ctx *c, const char *row, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* NT_DRIVE_H */
