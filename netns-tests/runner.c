/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/runner.c - one case in one process group, with a deadline.
 */
#include "netns-tests/runner.h"

#include <assert.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "netns-tests/cases.h"

const char *nt_status_name(enum nt_status s)
{
	switch (s) {
	case NT_PASS:
		return "pass";
	case NT_FAIL:
		return "fail";
	case NT_SKIP:
		return "skip";
	case NT_UNSUP:
		return "unsup";
	case NT_DIFFERS:
		return "differs";
	case NT_NA:
		return "n/a";
	}
	return "?";
}

/* vappend adds formatted text to buf (cap bytes) after what is there. */
static void vappend(char *buf, size_t cap, const char *sep, const char *fmt,
		    va_list ap)
{
	size_t used = strnlen(buf, cap);

	if (used + 1 >= cap) {
		return;
	}
	if (used > 0 && sep != NULL) {
		snprintf(buf + used, cap - used, "%s", sep);
		used = strnlen(buf, cap);
	}
	vsnprintf(buf + used, cap - used, fmt, ap);
}

int nt_fail(struct nt_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->unsupported) {
		return NT_FAIL; /* what fails after an `unsupported` follows from it */
	}
	if (!c->failed) {
		c->detail[0] = '\0';
	}
	va_start(ap, fmt);
	vappend(c->detail, sizeof(c->detail), "; ", fmt, ap);
	va_end(ap);
	c->failed = true;
	return NT_FAIL;
}

int nt_pass(struct nt_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->failed) {
		return NT_FAIL;
	}
	c->detail[0] = '\0';
	va_start(ap, fmt);
	vappend(c->detail, sizeof(c->detail), NULL, fmt, ap);
	va_end(ap);
	return NT_PASS;
}

int nt_skip(struct nt_ctx *c, const char *fmt, ...)
{
	va_list ap;

	snprintf(c->detail, sizeof(c->detail), "skipped: ");
	va_start(ap, fmt);
	vappend(c->detail, sizeof(c->detail), NULL, fmt, ap);
	va_end(ap);
	return NT_SKIP;
}

unsigned short nt_port(const struct nt_ctx *c, unsigned k)
{
	assert(k < NT_PORTS_PER_CASE);
	return (unsigned short)(c->port_base + k);
}

/* port_base is the first port of case c (NT_PORT_BASE), by its place in
   the table; a case not in it (a test's) gets the last block. */
static unsigned port_base(const struct nt_case *c)
{
	size_t total;
	const struct nt_case *all = nt_cases(&total);
	size_t i = 0;

	while (i < total && &all[i] != c) {
		i++;
	}
	return NT_PORT_BASE + (unsigned)i * NT_PORTS_PER_CASE;
}

void nt_step(struct nt_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->step, sizeof(c->step), fmt, ap);
	va_end(ap);
}

static double now_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* case_child: the forked side; never returns. */
static void case_child(const struct nt_topo *topo, nt_case_fn fn,
		       struct nt_ctx *ctx, pid_t parent)
{
	sigset_t none;
	int status;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent) {
		_exit(1);
	}
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	ctx->topo = topo;
	/* Home is h: a socket made without nt_socket lands there, never in
	   the namespace the suite was started from. */
	if (nt_enter(topo, NT_H) != 0) {
		nt_fail(ctx, "cannot enter namespace %s", topo->ns_name[NT_H]);
		_exit(NT_FAIL);
	}
	status = fn(ctx);
	if (status == NT_PASS && ctx->failed) {
		status = NT_FAIL;
	}
	if (!ctx->failed && ctx->unsupported) {
		status = NT_UNSUP;
	} else if (status == NT_PASS && ctx->note[0] != '\0') {
		status = NT_DIFFERS;
	}
	fflush(NULL);
	_exit(status);
}

/* reap_group kills what is left of the case's process group and waits. */
static int reap_group(pid_t pid)
{
	int status = 0;

	kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	return status;
}

/* set_detail formats a result's detail; long texts are cut. */
__attribute__((format(printf, 2, 3))) static void
set_detail(struct nt_result *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->detail, sizeof(out->detail), fmt, ap);
	va_end(ap);
}

/* finish turns the child's exit status and context into *out. */
static void finish(int wstatus, const struct nt_ctx *ctx, struct nt_result *out)
{
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) <= NT_DIFFERS) {
		out->status = (enum nt_status)WEXITSTATUS(wstatus);
		set_detail(out, "%s%s%s", ctx->detail,
			   ctx->detail[0] != '\0' && ctx->note[0] != '\0' ? "; "
									  : "",
			   ctx->note);
		if (out->status == NT_FAIL && out->detail[0] == '\0') {
			set_detail(out, "failed without detail at step: %s",
				   ctx->step);
		}
		return;
	}
	out->status = NT_FAIL;
	if (WIFSIGNALED(wstatus)) {
		set_detail(
			out,
			"case process killed by signal %d (%s) at step: %s%s%s",
			WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)),
			ctx->step, ctx->detail[0] != '\0' ? "; " : "",
			ctx->detail);
	} else {
		set_detail(out,
			   "case process exited with status %d at step: %s%s%s",
			   WEXITSTATUS(wstatus), ctx->step,
			   ctx->detail[0] != '\0' ? "; " : "", ctx->detail);
	}
}

/* wait_case waits for pid until deadline; 0 done, -1 timeout, or a signal. */
static int wait_case(pid_t pid, double deadline, const sigset_t *waitset,
		     int *out_wstatus)
{
	for (;;) {
		double left = deadline - now_secs();
		struct timespec ts;
		siginfo_t info;
		int sig;

		if (waitpid(pid, out_wstatus, WNOHANG) == pid) {
			return 0;
		}
		if (left <= 0) {
			return -1;
		}
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		sig = sigtimedwait(waitset, &info, &ts);
		if (sig > 0 && sig != SIGCHLD) {
			return sig;
		}
	}
}

int nt_run_case(const struct nt_topo *topo, const struct nt_case *c,
		nt_case_fn fn, const struct nt_impl *impl, double timeout_s,
		const sigset_t *waitset, struct nt_result *out)
{
	struct nt_ctx *ctx = mmap(NULL, sizeof(*ctx), PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	double start = now_secs();
	pid_t parent = getpid();
	int wstatus = 0;
	int interrupted = 0;
	pid_t pid;
	int rc;

	memset(out, 0, sizeof(*out));
	out->c = c;
	if (ctx == MAP_FAILED) {
		out->status = NT_FAIL;
		set_detail(out, "runner: mmap: %s", strerror(errno));
		return 0;
	}
	memset(ctx, 0, sizeof(*ctx));
	ctx->impl = impl;
	ctx->port_base = port_base(c);
	snprintf(ctx->step, sizeof(ctx->step), "start");
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		case_child(topo, fn, ctx, parent);
	}
	if (pid < 0) {
		out->status = NT_FAIL;
		set_detail(out, "runner: fork: %s", strerror(errno));
		munmap(ctx, sizeof(*ctx));
		return 0;
	}
	setpgid(pid, pid);
	rc = wait_case(pid, start + timeout_s, waitset, &wstatus);
	if (rc == 0) {
		kill(-pid, SIGKILL); /* anything the case left running */
		finish(wstatus, ctx, out);
	} else {
		reap_group(pid);
		out->status = NT_FAIL;
		if (rc < 0) {
			set_detail(out, "timed out after %g s at step: %s%s%s",
				   timeout_s, ctx->step,
				   ctx->detail[0] != '\0' ? "; " : "",
				   ctx->detail);
		} else {
			interrupted = rc;
			set_detail(out,
				   "interrupted by signal %d (%s) at step: %s",
				   rc, strsignal(rc), ctx->step);
		}
	}
	out->secs = now_secs() - start;
	munmap(ctx, sizeof(*ctx));
	return interrupted;
}
