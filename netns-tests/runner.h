/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/runner.h - cases, their results, and running them.
 *
 * Each case runs in a forked process of its own (its own process group),
 * so that a crash, a hang or a leaked descriptor stays in that case: the
 * runner kills the group when the case's time is up, or when the suite is
 * interrupted, and reports what the case was doing at the time. The case's
 * context lives in memory shared with the runner, so even a killed case
 * leaves its last step and detail behind.
 *
 * A case may return at any point without closing what it opened: its
 * process, and with it every descriptor and membership, ends with it.
 *
 * A case function returns NT_PASS, NT_FAIL or NT_SKIP, normally through
 * nt_pass, nt_fail and nt_skip, which also record the detail: for a
 * failure, what was expected and what was seen.
 */
#ifndef NT_RUNNER_H
#define NT_RUNNER_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "netns-tests/topo.h"

#define NT_DETAIL_MAX 1536
#define NT_STEP_MAX 256

enum nt_status {
	NT_PASS = 0,
	NT_FAIL = 1,
	NT_SKIP = 2,
	NT_UNSUP = 3,	/* a driven case: the probe answered `unsupported` */
	NT_DIFFERS = 4, /* a driven case: as a DIVERGENCES.md row documents */
	NT_NA = 5,	/* a libipv4-only case, for another implementation */
};

struct nt_impl;

/* struct nt_ctx is what a case works with and reports through. */
struct nt_ctx {
	const struct nt_topo *topo;
	bool failed;		    /* nt_fail was called */
	char detail[NT_DETAIL_MAX]; /* the result's detail */
	char step[NT_STEP_MAX];	    /* what the case is doing (nt_step) */
	const struct nt_impl *impl; /* the probe a driven case runs (drive.h) */
	unsigned port_base;	    /* the case's ports start here (nt_port) */
	bool unsupported;	    /* the probe answered `unsupported` */
	char note[NT_DETAIL_MAX / 2]; /* documented divergences (nt_differs) */
};

typedef int (*nt_case_fn)(struct nt_ctx *c);

/* struct nt_case is one entry of the suite. */
struct nt_case {
	const char *name; /* "group/case", unique */
	const char *ref;  /* the RFC section or documented behaviour */
	nt_case_fn run;
	int timeout_s; /* the runner kills the case after this */
};

/* struct nt_result is what one case came to. */
struct nt_result {
	const struct nt_case *c;
	size_t impl; /* which implementation (column) it is for */
	enum nt_status status;
	double secs;
	char detail[NT_DETAIL_MAX];
};

/*
 * nt_fail records a failure: the first call's text becomes the detail
 * (later ones are appended after "; " while room remains). Returns NT_FAIL.
 * After a probe answered `unsupported` (drive.h) it records nothing: the
 * case could not go on as written, so what fails next is a consequence.
 */
int nt_fail(struct nt_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * nt_pass sets the detail of a passing case (what was seen) unless a
 * failure was recorded, and returns NT_PASS, or NT_FAIL after a failure.
 */
int nt_pass(struct nt_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* nt_skip sets the detail ("skipped: ...") and returns NT_SKIP. */
int nt_skip(struct nt_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * NT_PORT_BASE and NT_PORTS_PER_CASE: the case at index i of the table
 * has the UDP/TCP ports NT_PORT_BASE + i * NT_PORTS_PER_CASE and the
 * following ones, below the kernel's ephemeral range, so that no two
 * cases share a port and none is picked by hand.
 */
#define NT_PORT_BASE 20000
#define NT_PORTS_PER_CASE 8

/* nt_port returns the case's port number k (0 .. NT_PORTS_PER_CASE-1). */
unsigned short nt_port(const struct nt_ctx *c, unsigned k);

/* nt_step records what the case is about to do, for a timeout report. */
void nt_step(struct nt_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * nt_run_case runs fn, c's direct function (c->run) or its driven one
 * (drive.h) with impl, in a child process inside topo's network, its home
 * namespace being h, kills it after timeout_s seconds, a fraction allowed
 * (normally c->timeout_s), and fills *out. A driven case that got an
 * `unsupported` answer ends NT_UNSUP, one that called nt_differs
 * NT_DIFFERS (each unless it failed; main.c fails both for libipv4's own
 * driver). waitset holds the signals the calling
 * process keeps blocked and waits for (SIGCHLD and the interrupting ones).
 * Returns 0, or the number of an interrupting signal that arrived (the
 * case was then killed and reported as failed).
 */
int nt_run_case(const struct nt_topo *topo, const struct nt_case *c,
		nt_case_fn fn, const struct nt_impl *impl, double timeout_s,
		const sigset_t *waitset, struct nt_result *out);

/* nt_status_name returns "pass", "fail", "skip", "unsup", "differs" or "n/a". */
const char *nt_status_name(enum nt_status s);

#endif /* NT_RUNNER_H */
