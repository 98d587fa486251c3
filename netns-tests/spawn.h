/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/spawn.h - running iproute2 from C.
 *
 * The suite builds its networks with `ip` (a declared dependency) run as a
 * child process: fork, exec, collect what it printed, wait. No shell is
 * involved, so no argument is ever re-parsed. The same fork, collect and
 * wait (nt_spawn_fn) serve the privilege probe's child, which runs a
 * function instead of a program.
 */
#ifndef NT_SPAWN_H
#define NT_SPAWN_H

#include <stddef.h>

/*
 * nt_ip_path returns the path (a static string, not to be changed) of the `ip` program: the first of
 * /usr/sbin/ip, /sbin/ip, /usr/bin/ip, /bin/ip that is executable (Bazel's
 * test environment has no /usr/sbin on PATH), else "ip" for a PATH search.
 */
char *nt_ip_path(void);

/*
 * nt_default_signals unblocks every signal and sets each to its default
 * action: what a forked child does before it runs a program.
 */
void nt_default_signals(void);

/*
 * nt_spawn runs argv[0] with the arguments argv[1..] (NULL-terminated),
 * with every signal unblocked and at its default action, stdin from
 * /dev/null, and stdout and stderr together captured into out (out_cap
 * bytes, always NUL-terminated when out_cap > 0; the rest is discarded).
 * argv[0] is looked up on PATH when it has no slash.
 *
 * Returns the program's exit status (0..255), 128 + the signal number when
 * a signal ended it, 127 when it could not be executed (out says why), or
 * -errno when the child could not be made.
 */
int nt_spawn(char *const argv[], char *out, size_t out_cap);

/*
 * nt_spawn_fn is nt_spawn's fork, collect and wait around any child:
 * fn(arg, out_fd) runs in the forked child with out_fd the write end of
 * the pipe whose contents end up in out (as for nt_spawn), and must end
 * the child (_exit or exec) rather than return. Returns the child's exit
 * status (0..255), 128 + the signal number when a signal ended it, or
 * -errno when the pipe or the child could not be made or waited for.
 */
int nt_spawn_fn(void (*fn)(const void *arg, int out_fd), const void *arg,
		char *out, size_t out_cap);

/*
 * nt_ip runs `ip` with the arguments args (NULL-terminated, without the
 * program name) as nt_spawn does; on failure it writes "ip ARGS: OUTPUT"
 * into err (err_cap bytes). Returns 0 on success, or the non-zero result of
 * nt_spawn.
 */
int nt_ip(char *const args[], char *err, size_t err_cap);

#endif /* NT_SPAWN_H */
