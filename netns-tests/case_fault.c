/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_fault.c - faults injected into the library's system
 * calls on real sockets (issue 13, item 5).
 *
 * The side under test, fault_child, runs in h under `strace --inject`,
 * which makes chosen recvmmsg and sendmmsg calls fail with a chosen errno
 * instead of reaching the kernel, on a schedule ("every other call"). The
 * case then compares what fault_child saw, code by code, with what strace
 * says it injected (its log marks each such call "(INJECTED)"):
 *
 *   EINTR   retried inside the call (io.h: a signal does not end a call),
 *           so nothing surfaces and nothing is lost or repeated
 *   ENOBUFS surfaces from write_batch as -ENOBUFS, once per injection; the
 *           sender sends the rest again, and each datagram still arrives once
 *   EAGAIN  a storm of them under a read deadline ends at the deadline with
 *           IPV4_ETIMEOUT; a storm that stops delivers the datagram
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipv4/error.h"
#include "netns-tests/binaries.h"
#include "netns-tests/case_list.h"

enum {
	FLOOD = 100000,
	RUN_MS = 50000
};

/* strace_path finds strace (scripts/deps.sh installs it). */
static const char *strace_path(void)
{
	static const char *const places[] = { "/usr/bin/strace", "/bin/strace",
					      "/usr/local/bin/strace" };

	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		if (access(places[i], X_OK) == 0) {
			return places[i];
		}
	}
	return NULL;
}

/*
 * no_leak_check_under_ptrace: LeakSanitizer cannot run in a traced process
 * (it stops the process with ptrace itself) and fails it, so under
 * --config=asan the child runs with leak checking off, the rest of ASan on.
 * The case is a process of its own: the environment change ends with it.
 */
static void no_leak_check_under_ptrace(void)
{
	const char *old = getenv("ASAN_OPTIONS");
	char opts[512];

	snprintf(opts, sizeof(opts), "%s%sdetect_leaks=0",
		 old != NULL ? old : "",
		 old != NULL && old[0] != '\0' ? ":" : "");
	setenv("ASAN_OPTIONS", opts, 1);
}

/* struct injected counts strace's injected failures by system call. */
struct injected {
	unsigned recvmmsg;
	unsigned sendmmsg;
};

static int count_injected(const char *log, struct injected *out)
{
	char line[512];
	FILE *f = fopen(log, "r");

	memset(out, 0, sizeof(*out));
	if (f == NULL) {
		return -errno;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strstr(line, "(INJECTED)") == NULL) {
			continue;
		}
		out->recvmmsg += strstr(line, "recvmmsg(") != NULL;
		out->sendmmsg += strstr(line, "sendmmsg(") != NULL;
	}
	fclose(f);
	return 0;
}

/*
 * run_injected runs fault_child ARGS in h under strace with the inject
 * specs given, its log in a file of its own. Fills *out_inj and *p (the
 * child's output). Returns NT_PASS, or the failed result.
 */
static int run_injected(struct nt_ctx *c, const char *const inject[],
			const char *mode, const char *arg, struct nt_proc *p,
			struct injected *out_inj)
{
	const char *strace = strace_path();
	const char *tmp = getenv("TEST_TMPDIR");
	char child[4096];
	char log[512];
	char *argv[16];
	int n = 0;
	int status;

	if (strace == NULL) {
		return nt_fail(c, "strace is not installed (scripts/deps.sh "
				  "installs it)");
	}
	if (nt_binary_path("netns-tests/fault_child", child, sizeof(child)) !=
	    0) {
		return nt_fail(c,
			       "netns-tests/fault_child is not built (last "
			       "looked at %s)",
			       child);
	}
	snprintf(log, sizeof(log), "%s/l4t-fault-%d.log",
		 tmp != NULL ? tmp : "/tmp", (int)getpid());
	argv[n++] = (char *)strace;
	argv[n++] = (char *)"-f";
	argv[n++] = (char *)"-qq";
	argv[n++] = (char *)"-s0";
	argv[n++] = (char *)"-everbose=none";
	argv[n++] = (char *)"-etrace=recvmmsg,sendmmsg";
	argv[n++] = (char *)"-o";
	argv[n++] = log;
	for (size_t i = 0; inject[i] != NULL; i++) {
		argv[n++] = (char *)inject[i];
	}
	argv[n++] = child;
	argv[n++] = (char *)mode;
	argv[n++] = (char *)arg;
	argv[n] = NULL;
	no_leak_check_under_ptrace();
	nt_step(c, "fault_child %s %s under strace %s", mode, arg, inject[0]);
	if (nt_proc_start(p, c->topo, NT_H, argv, NULL) != 0) {
		return nt_fail(c, "cannot start strace: %s", strerror(errno));
	}
	status = nt_proc_finish(p, RUN_MS);
	if (count_injected(log, out_inj) != 0) {
		return nt_fail(c,
			       "no strace log at %s (exit %d; stderr: %.300s)",
			       log, status, p->err);
	}
	unlink(log);
	if (status != 0) {
		return nt_fail(c, "fault_child %s exited %d: %.300s%.300s",
			       mode, status, p->out, p->err);
	}
	return NT_PASS;
}

/* code_count reads NAME=K from fault_child's "codes" list; 0 when absent. */
static unsigned code_count(const char *out, const char *name)
{
	char key[32];
	const char *at;

	snprintf(key, sizeof(key), " %s=", name);
	at = strstr(out, key);
	return at == NULL ? 0 : (unsigned)strtoul(at + strlen(key), NULL, 10);
}

/* rc_of reads the result fault_child deadline printed ("rc CODE ..."). */
static long rc_of(const char *out)
{
	return strncmp(out, "rc ", 3) == 0 ? strtol(out + 3, NULL, 10) : -9999;
}

int case_fault_eintr_batch(struct nt_ctx *c)
{
	static const char *const inject[] = {
		"--inject=recvmmsg:error=EINTR:when=2+2",
		"--inject=sendmmsg:error=EINTR:when=2+2", NULL
	};
	static struct nt_proc p;
	struct injected inj;
	char count[16];

	snprintf(count, sizeof(count), "%d", FLOOD);
	if (run_injected(c, inject, "exactly-once", count, &p, &inj) !=
	    NT_PASS) {
		return NT_FAIL;
	}
	if (inj.recvmmsg == 0 || inj.sendmmsg == 0 ||
	    strstr(p.out, " codes\n") == NULL) {
		return nt_fail(c,
			       "expected EINTR injected into both calls and "
			       "retried inside "
			       "them (no code returned); saw %u into recvmmsg, "
			       "%u into sendmmsg, "
			       "and: %.300s",
			       inj.recvmmsg, inj.sendmmsg, p.out);
	}
	return nt_pass(c,
		       "%d datagrams each received once; %u EINTR injected "
		       "into recvmmsg "
		       "and %u into sendmmsg (every other call), all retried "
		       "inside the calls",
		       FLOOD, inj.recvmmsg, inj.sendmmsg);
}

int case_fault_enobufs_batch(struct nt_ctx *c)
{
	static const char *const inject[] = {
		"--inject=sendmmsg:error=ENOBUFS:when=3+3", NULL
	};
	static struct nt_proc p;
	struct injected inj;
	char count[16];
	unsigned seen;

	snprintf(count, sizeof(count), "%d", FLOOD);
	if (run_injected(c, inject, "exactly-once", count, &p, &inj) !=
	    NT_PASS) {
		return NT_FAIL;
	}
	seen = code_count(p.out, "ENOBUFS");
	if (inj.sendmmsg == 0 || seen != inj.sendmmsg) {
		return nt_fail(c,
			       "expected each injected ENOBUFS returned by "
			       "write_batch; "
			       "strace injected %u, fault_child saw %u: %.300s",
			       inj.sendmmsg, seen, p.out);
	}
	return nt_pass(
		c,
		"%d datagrams each received once; %u ENOBUFS injected into "
		"sendmmsg "
		"(every third call), %u returned by write_batch as -ENOBUFS",
		FLOOD, inj.sendmmsg, seen);
}

int case_fault_eagain_deadline(struct nt_ctx *c)
{
	static const char *const storm[] = { "--inject=recvmmsg:error=EAGAIN",
					     NULL };
	static const char *const burst[] = {
		"--inject=recvmmsg:error=EAGAIN:when=1..50", NULL
	};
	static struct nt_proc p;
	struct injected inj;
	unsigned storm_count;
	double wall = 0;
	const char *at;

	if (run_injected(c, storm, "deadline", "300", &p, &inj) != NT_PASS) {
		return NT_FAIL;
	}
	at = strstr(p.out, "wall_ms ");
	if (at != NULL) {
		wall = strtod(at + 8, NULL);
	}
	if (rc_of(p.out) != IPV4_ETIMEOUT || wall < 300 || wall > 1300) {
		return nt_fail(c,
			       "EAGAIN from every recvmmsg under a 300 ms "
			       "deadline: expected "
			       "IPV4_ETIMEOUT after 300..1300 ms; saw %.200s",
			       p.out);
	}
	storm_count = inj.recvmmsg;
	if (run_injected(c, burst, "deadline", "2000", &p, &inj) != NT_PASS) {
		return NT_FAIL;
	}
	if (rc_of(p.out) != 1 || inj.recvmmsg != 50) {
		return nt_fail(c,
			       "50 EAGAIN then the kernel: expected the queued "
			       "datagram after "
			       "50 injections; saw %u injections and %.200s",
			       inj.recvmmsg, p.out);
	}
	return nt_pass(
		c,
		"EAGAIN on every recvmmsg: IPV4_ETIMEOUT at %.0f ms of a 300 "
		"ms "
		"deadline (%u attempts); 50 EAGAIN then none: the datagram",
		wall, storm_count);
}
