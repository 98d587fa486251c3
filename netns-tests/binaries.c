/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/binaries.c - finding and running the programs under test
 * (binaries.h).
 */
#include "netns-tests/binaries.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "netns-tests/spawn.h"

#define WORKSPACE "libipv4"

/* try writes dir/sub/name into out and says whether it is executable. */
static bool try(char *out, size_t out_cap, const char *dir, const char *sub,
		const char *name)
{
	if (dir == NULL || dir[0] == '\0') {
		return false;
	}
	snprintf(out, out_cap, "%s/%s%s", dir, sub, name);
	return access(out, X_OK) == 0;
}

/* exe_dir stores the suite binary's path in exe and returns its directory
   (in dir), or false. */
static bool exe_paths(char *exe, size_t exe_cap, char *dir, size_t dir_cap)
{
	ssize_t n = readlink("/proc/self/exe", exe, exe_cap - 1);
	char *slash;

	if (n <= 0) {
		return false;
	}
	exe[n] = '\0';
	snprintf(dir, dir_cap, "%s", exe);
	slash = strrchr(dir, '/');
	if (slash == NULL) {
		return false;
	}
	*slash = '\0';
	return true;
}

int nt_binary_path(const char *name, char *out, size_t out_cap)
{
	char exe[PATH_MAX];
	char dir[PATH_MAX];
	char runfiles[PATH_MAX + 16];
	bool have_exe = exe_paths(exe, sizeof(exe), dir, sizeof(dir));

	if (try(out, out_cap, getenv("RUNFILES_DIR"), WORKSPACE "/", name) ||
	    try(out, out_cap, getenv("TEST_SRCDIR"), WORKSPACE "/", name)) {
		return 0;
	}
	if (have_exe) {
		char *up;

		snprintf(runfiles, sizeof(runfiles), "%s.runfiles", exe);
		if (try(out, out_cap, runfiles, WORKSPACE "/", name)) {
			return 0;
		}
		up = strrchr(dir, '/'); /* bazel-bin/netns-tests -> bazel-bin */
		if (up != NULL) {
			*up = '\0';
			if (try(out, out_cap, dir, "", name)) {
				return 0;
			}
		}
	}
	if (try(out, out_cap, getenv("BUILD_WORKSPACE_DIRECTORY"), "bazel-bin/",
		name) ||
	    try(out, out_cap, ".", "bazel-bin/", name)) {
		return 0;
	}
	return -ENOENT;
}

/* child: runs in the forked process; never returns. */
static void child(const struct nt_topo *t, enum nt_host host,
		  char *const argv[], int in_fd, int out_fd, int err_fd)
{
	nt_default_signals();
	dup2(in_fd, STDIN_FILENO);
	dup2(out_fd, STDOUT_FILENO);
	dup2(err_fd, STDERR_FILENO);
	/* Enter before closing: the namespaces' descriptors are among those
	   closed; the program keeps none of the case's. */
	if (nt_enter(t, host) != 0) {
		dprintf(STDERR_FILENO, "cannot enter namespace %s",
			t->ns_name[host]);
		_exit(126);
	}
	closefrom(3);
	execv(argv[0], argv);
	dprintf(STDERR_FILENO, "cannot execute %s: %s", argv[0],
		strerror(errno));
	_exit(127);
}

/* feed writes the input into fd and closes it. */
static void feed(int fd, const char *input)
{
	size_t left = input != NULL ? strlen(input) : 0;

	while (left > 0) {
		ssize_t n = write(fd, input, left);

		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		input += n;
		left -= (size_t)n;
	}
	close(fd);
}

static void close_pipes(int in[2], int out[2], int err[2])
{
	int *all[3] = { in, out, err };

	for (int i = 0; i < 3; i++) {
		for (int k = 0; k < 2; k++) {
			if (all[i][k] >= 0) {
				close(all[i][k]);
			}
		}
	}
}

/* start is nt_proc_start; with interactive, stdin stays open (in_fd). */
static int start(struct nt_proc *p, const struct nt_topo *t, enum nt_host host,
		 char *const argv[], const char *input, bool interactive)
{
	int in[2] = { -1, -1 };
	int out[2] = { -1, -1 };
	int err[2] = { -1, -1 };
	const char *base = strrchr(argv[0], '/');

	memset(p, 0, sizeof(*p));
	p->out_fd = p->err_fd = p->in_fd = -1;
	p->status = -1;
	snprintf(p->name, sizeof(p->name), "%s",
		 base != NULL ? base + 1 : argv[0]);
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
	    pipe2(err, O_CLOEXEC) != 0) {
		int e = errno;

		close_pipes(in, out, err);
		return -e;
	}
	fflush(NULL);
	p->pid = fork();
	if (p->pid == 0) {
		child(t, host, argv, in[0], out[1], err[1]);
	}
	if (p->pid < 0) {
		int e = errno;

		p->pid = 0;
		close_pipes(in, out, err);
		return -e;
	}
	close(in[0]);
	close(out[1]);
	close(err[1]);
	p->out_fd = out[0];
	p->err_fd = err[0];
	if (interactive) {
		p->in_fd = in[1];
	} else {
		feed(in[1], input);
	}
	return 0;
}

int nt_proc_start(struct nt_proc *p, const struct nt_topo *t, enum nt_host host,
		  char *const argv[], const char *input)
{
	return start(p, t, host, argv, input, false);
}

int nt_proc_start_interactive(struct nt_proc *p, const struct nt_topo *t,
			      enum nt_host host, char *const argv[])
{
	return start(p, t, host, argv, NULL, true);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* take reads what fd has into buf, closing it at EOF. */
static void take(int *fd, char *buf, size_t *len)
{
	char sink[1024];
	size_t room = NT_PROC_OUT_MAX - 1 - *len;
	ssize_t n = read(*fd, room > 0 ? buf + *len : sink,
			 room > 0 ? room : sizeof(sink));

	if (n < 0 && errno == EINTR) {
		return;
	}
	if (n <= 0) {
		close(*fd);
		*fd = -1;
		return;
	}
	if (room > 0) {
		*len += (size_t)n;
		buf[*len] = '\0';
	}
}

/* pump waits up to ms for output and reads it; false when both are closed. */
static bool pump(struct nt_proc *p, int ms)
{
	struct pollfd fds[2] = { { .fd = p->out_fd, .events = POLLIN },
				 { .fd = p->err_fd, .events = POLLIN } };

	if (p->out_fd < 0 && p->err_fd < 0) {
		return false;
	}
	if (poll(fds, 2, ms > 0 ? ms : 0) <= 0) {
		return true;
	}
	if (p->out_fd >= 0 && fds[0].revents != 0) {
		take(&p->out_fd, p->out, &p->out_len);
	}
	if (p->err_fd >= 0 && fds[1].revents != 0) {
		take(&p->err_fd, p->err, &p->err_len);
	}
	return true;
}

bool nt_proc_wait_text(struct nt_proc *p, const char *text, bool on_stderr,
		       int ms)
{
	double deadline = now_ms() + ms;

	for (;;) {
		if (strstr(on_stderr ? p->err : p->out, text) != NULL) {
			return true;
		}
		if (now_ms() >= deadline ||
		    !pump(p, (int)(deadline - now_ms()) + 1)) {
			return strstr(on_stderr ? p->err : p->out, text) !=
			       NULL;
		}
	}
}

/* reap collects p's exit status when it has one; true once reaped. */
static bool reap(struct nt_proc *p, int flags)
{
	int status;

	if (p->pid == 0) {
		return true;
	}
	if (waitpid(p->pid, &status, flags) != p->pid) {
		return false;
	}
	p->pid = 0;
	p->status = WIFSIGNALED(status) ? 128 + WTERMSIG(status)
					: WEXITSTATUS(status);
	return true;
}

int nt_proc_finish(struct nt_proc *p, int ms)
{
	double deadline = now_ms() + ms;

	while (now_ms() < deadline) {
		bool open = pump(p, 20);

		if (reap(p, WNOHANG) && !open) {
			return p->status;
		}
		if (!open) {
			struct timespec ts = { 0, 10 * 1000 * 1000 };

			nanosleep(&ts, NULL);
		}
	}
	if (p->pid != 0) {
		kill(p->pid, SIGKILL);
		reap(p, 0);
	}
	while (pump(p, 0) && (p->out_fd >= 0 || p->err_fd >= 0)) {
	}
	return -ETIMEDOUT;
}

void nt_proc_signal(struct nt_proc *p, int sig)
{
	if (p->pid != 0) {
		kill(p->pid, sig);
	}
}

int nt_proc_run(struct nt_proc *p, const struct nt_topo *t, enum nt_host host,
		char *const argv[], const char *input, int ms)
{
	int rc = nt_proc_start(p, t, host, argv, input);

	return rc != 0 ? rc : nt_proc_finish(p, ms);
}

/* tail copies the last part of text into out, newlines as " | ". */
static void tail(const char *text, size_t len, char *out, size_t out_cap)
{
	size_t keep = 400;
	const char *from = len > keep ? text + len - keep : text;
	size_t used = 0;

	for (; *from != '\0' && used + 4 < out_cap; from++) {
		if (*from == '\n') {
			if (from[1] != '\0') {
				memcpy(out + used, " | ", 3);
				used += 3;
			}
		} else {
			out[used++] = *from;
		}
	}
	if (out_cap > 0) {
		out[used] = '\0';
	}
}

void nt_proc_describe(const struct nt_proc *p, char *out, size_t out_cap)
{
	char o[600];
	char e[600];

	tail(p->out, p->out_len, o, sizeof(o));
	tail(p->err, p->err_len, e, sizeof(e));
	if (p->status >= 0) {
		snprintf(out, out_cap,
			 "%s exited with status %d; stdout: %s; stderr: %s",
			 p->name, p->status, o, e);
	} else {
		snprintf(out, out_cap,
			 "%s still running; stdout: %s; stderr: %s", p->name, o,
			 e);
	}
}

bool nt_program(struct nt_ctx *c, const char *name, char *path, size_t cap)
{
	if (nt_binary_path(name, path, cap) != 0) {
		nt_fail(c,
			"%s is not built (last looked at %s); bazel build "
			"//examples/... //cmd/...",
			name, path);
		return false;
	}
	return true;
}

int nt_proc_start_ready(struct nt_ctx *c, struct nt_proc *p, enum nt_host host,
			char *const argv[], const char *text, bool on_stderr,
			int ms, const char *what)
{
	if (nt_proc_start(p, c->topo, host, argv, NULL) != 0 ||
	    !nt_proc_wait_text(p, text, on_stderr, ms)) {
		return nt_proc_fail(c, p, what);
	}
	return NT_PASS;
}

int nt_proc_fail(struct nt_ctx *c, const struct nt_proc *p, const char *what)
{
	char d[1300];

	nt_proc_describe(p, d, sizeof(d));
	return nt_fail(c, "%s: %s", what, d);
}
