/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/binaries.h - finding the example programs and the ipv4 tool,
 * and running them inside a namespace of the test network.
 *
 * The programs are data of the suite's Bazel targets (netns-tests/BUILD),
 * so they sit in the suite's runfiles; nt_binary_path finds them there,
 * or in bazel-bin/ when the suite binary is run by hand.
 *
 * A program runs as a child of the case (so the runner's kill of the
 * case's process group takes it too), in the namespace it is given, with
 * its stdout and stderr captured apart and its stdin fed from a string.
 * A case can wait for a line a server prints when it is ready, act as
 * its peer, then wait for it to exit and check what it printed.
 */
#ifndef NT_BINARIES_H
#define NT_BINARIES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "netns-tests/runner.h"
#include "netns-tests/topo.h"

#define NT_PROC_OUT_MAX 16384

/*
 * nt_binary_path writes into out (out_cap bytes) the path of the program
 * built at the workspace path name ("examples/traceroute",
 * "cmd/ipv4/ipv4"), looking, in order, in $RUNFILES_DIR/libipv4/,
 * $TEST_SRCDIR/libipv4/, the runfiles tree next to /proc/self/exe
 * (EXE.runfiles/libipv4/), the bazel-bin directory the suite binary itself
 * sits in (EXE's directory's parent, for bazel-bin/netns-tests/suite), and
 * $BUILD_WORKSPACE_DIRECTORY/bazel-bin/ and ./bazel-bin/. Returns 0, or
 * -ENOENT when no executable file is found in any of them (out then holds
 * the last place tried).
 */
int nt_binary_path(const char *name, char *out, size_t out_cap);

/* struct nt_proc is one program started by nt_proc_start. */
struct nt_proc {
	pid_t pid;		   /* 0 once reaped */
	int out_fd;		   /* read end of its stdout, -1 at EOF */
	int err_fd;		   /* read end of its stderr, -1 at EOF */
	int in_fd;		   /* write end of its stdin when started by
					nt_proc_start_interactive, else -1 */
	char out[NT_PROC_OUT_MAX]; /* its stdout so far, NUL-terminated */
	size_t out_len;
	char err[NT_PROC_OUT_MAX]; /* its stderr so far, NUL-terminated */
	size_t err_len;
	int status;    /* exit status once reaped (0..255, or
					128 + signal), else -1 */
	char name[64]; /* argv[0]'s last component */
};

/*
 * nt_proc_start runs argv[0] (a path) with the arguments argv[1..]
 * (NULL-terminated) in host's namespace, with every signal at its default
 * and unblocked, stdin reading input (NULL: /dev/null) and stdout and
 * stderr captured into p. Returns 0 or -errno (p->pid is then 0).
 */
int nt_proc_start(struct nt_proc *p, const struct nt_topo *t, enum nt_host host,
		  char *const argv[], const char *input);

/*
 * nt_proc_start_interactive is nt_proc_start with stdin a pipe that
 * stays open: p->in_fd is its write end, for a program that answers
 * requests one line at a time (drive.h). The caller reads p->out_fd
 * itself. Returns 0 or -errno.
 */
int nt_proc_start_interactive(struct nt_proc *p, const struct nt_topo *t,
			      enum nt_host host, char *const argv[]);

/*
 * nt_proc_wait_text reads p's output until text appears in its stdout
 * (on_stderr false) or stderr (true), p closes both, or ms pass. Returns
 * true when the text is there.
 */
bool nt_proc_wait_text(struct nt_proc *p, const char *text, bool on_stderr,
		       int ms);

/*
 * nt_proc_finish waits up to ms for p to exit, reading its output.
 * Returns its exit status (0..255, 128 + signal), or -ETIMEDOUT after
 * killing it with SIGKILL when it was still running (p->status then holds
 * 128 + SIGKILL).
 */
int nt_proc_finish(struct nt_proc *p, int ms);

/* nt_proc_signal sends sig to p when it still runs. */
void nt_proc_signal(struct nt_proc *p, int sig);

/*
 * nt_proc_run starts argv in host's namespace, feeds it input, and waits
 * up to ms for it to exit: nt_proc_start and nt_proc_finish in one.
 * Returns its exit status, -ETIMEDOUT, or -errno when it could not start.
 */
int nt_proc_run(struct nt_proc *p, const struct nt_topo *t, enum nt_host host,
		char *const argv[], const char *input, int ms);

/*
 * nt_proc_describe writes "NAME exited with status S; stdout: ...;
 * stderr: ..." (each output cut to its last few hundred bytes, newlines
 * shown as " | ") into out, for a case's failure detail.
 */
void nt_proc_describe(const struct nt_proc *p, char *out, size_t out_cap);

/*
 * nt_program finds the program built at name (nt_binary_path) into path
 * (cap bytes), or fails c saying it is not built and where it looked last.
 * Returns true when found.
 */
bool nt_program(struct nt_ctx *c, const char *name, char *path, size_t cap);

/*
 * nt_proc_start_ready starts argv in host's namespace (nt_proc_start, stdin
 * /dev/null) and waits up to ms for text in its stdout (on_stderr false)
 * or stderr: the line a program prints once it is ready. Returns NT_PASS,
 * or fails c with "WHAT: " and what p printed (nt_proc_fail).
 */
int nt_proc_start_ready(struct nt_ctx *c, struct nt_proc *p, enum nt_host host,
			char *const argv[], const char *text, bool on_stderr,
			int ms, const char *what);

/* nt_proc_fail fails c with "WHAT: " and nt_proc_describe of p; NT_FAIL. */
int nt_proc_fail(struct nt_ctx *c, const struct nt_proc *p, const char *what);

#endif /* NT_BINARIES_H */
