/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/spawn.c - fork, run a program or a function, collect its
 * output, wait.
 */
#include "netns-tests/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

char *nt_ip_path(void)
{
	static char *const candidates[] = {
		"/usr/sbin/ip",
		"/sbin/ip",
		"/usr/bin/ip",
		"/bin/ip",
	};

	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]);
	     i++) {
		if (access(candidates[i], X_OK) == 0) {
			return candidates[i];
		}
	}
	return "ip";
}

void nt_default_signals(void)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int sig = 1; sig < NSIG; sig++) {
		signal(sig, SIG_DFL);
	}
}

/* child_exec: runs in the forked child (arg is the argv); never
   returns. */
static void child_exec(const void *arg, int out_fd)
{
	char *const *argv = (char *const *)arg;
	int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	nt_default_signals();
	if (null_fd >= 0) {
		dup2(null_fd, STDIN_FILENO);
	}
	dup2(out_fd, STDOUT_FILENO);
	dup2(out_fd, STDERR_FILENO);
	execvp(argv[0], argv);
	dprintf(STDERR_FILENO, "cannot execute %s: %s", argv[0],
		strerror(errno));
	_exit(127);
}

/* read_all reads fd to its end into out, keeping what fits. */
static void read_all(int fd, char *out, size_t out_cap)
{
	size_t used = 0;
	char sink[512];

	for (;;) {
		char *dst = sink;
		size_t room = sizeof(sink);
		ssize_t n;

		if (out_cap > 0 && used + 1 < out_cap) {
			dst = out + used;
			room = out_cap - 1 - used;
		}
		n = read(fd, dst, room);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		if (dst != sink) {
			used += (size_t)n;
		}
	}
	if (out_cap > 0) {
		out[used] = '\0';
	}
}

int nt_spawn_fn(void (*fn)(const void *arg, int out_fd), const void *arg,
		char *out, size_t out_cap)
{
	int fds[2];
	int status = 0;
	pid_t pid;

	if (out_cap > 0) {
		out[0] = '\0';
	}
	if (pipe2(fds, O_CLOEXEC) != 0) {
		return -errno;
	}
	pid = fork();
	if (pid < 0) {
		int err = errno;

		close(fds[0]);
		close(fds[1]);
		return -err;
	}
	if (pid == 0) {
		close(fds[0]);
		fn(arg, fds[1]);
		_exit(127); /* fn does not return; if it did, say so */
	}
	close(fds[1]);
	read_all(fds[0], out, out_cap);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			return -errno;
		}
	}
	if (WIFSIGNALED(status)) {
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

int nt_spawn(char *const argv[], char *out, size_t out_cap)
{
	return nt_spawn_fn(child_exec, argv, out, out_cap);
}

int nt_ip(char *const args[], char *err, size_t err_cap)
{
	char *argv[32];
	char output[512];
	size_t n = 0;
	int rc;

	argv[n++] = nt_ip_path();
	for (size_t i = 0;
	     args[i] != NULL && n + 1 < sizeof(argv) / sizeof(argv[0]); i++) {
		argv[n++] = args[i];
	}
	argv[n] = NULL;
	rc = nt_spawn(argv, output, sizeof(output));
	if (rc != 0 && err_cap > 0) {
		int used = snprintf(err, err_cap, "ip");

		for (size_t i = 1;
		     argv[i] != NULL && used >= 0 && (size_t)used < err_cap;
		     i++) {
			used += snprintf(err + used, err_cap - (size_t)used,
					 " %s", argv[i]);
		}
		if (used >= 0 && (size_t)used < err_cap) {
			size_t len = strlen(output);

			while (len > 0 && output[len - 1] == '\n') {
				output[--len] = '\0';
			}
			snprintf(err + used, err_cap - (size_t)used,
				 ": %s (status %d)", output, rc);
		}
	}
	return rc;
}
