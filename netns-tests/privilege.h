/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/privilege.h - getting the right to build networks.
 *
 * The suite needs `ip netns add` to work. As root on a normal machine it
 * does. Where it is refused (no CAP_NET_ADMIN or CAP_SYS_ADMIN, or /run
 * read-only as in Bazel's linux-sandbox), the suite moves itself into new
 * user, mount and network namespaces, as `unshare -rnm` would, with a
 * private tmpfs on /run: there it is root of its own little world, and
 * the namespaces it makes live and die inside it. Only when that is
 * refused too are the cases skipped.
 */
#ifndef NT_PRIVILEGE_H
#define NT_PRIVILEGE_H

#include <stddef.h>

enum nt_mode {
	NT_MODE_ROOT,	/* ip netns add works where the suite was started */
	NT_MODE_USERNS, /* it works after the unshare -rnm fallback */
	NT_MODE_NONE,	/* neither: every case is skipped */
};

/* nt_mode_name returns "root", "userns" or "none". */
const char *nt_mode_name(enum nt_mode mode);

/*
 * nt_probe_netns tries `ip netns add PREFIX-probe` and deletes it again.
 * Returns 0 when it worked, else -1 with err (err_cap bytes) saying why.
 */
int nt_probe_netns(const char *prefix, char *err, size_t err_cap);

/*
 * nt_enter_userns moves the calling process, which must have one thread,
 * into new user, mount and network namespaces, mapping its user and group
 * to root there, and mounts a private tmpfs on /run. Returns 0, or -1 with
 * err saying which step was refused.
 */
int nt_enter_userns(char *err, size_t err_cap);

/*
 * nt_get_mode finds the mode to run in, entering the fallback when needed
 * (or always, when force_userns is set). For NT_MODE_NONE, why (why_cap
 * bytes) says what was refused.
 */
enum nt_mode nt_get_mode(const char *prefix, int force_userns, char *why,
			 size_t why_cap);

#endif /* NT_PRIVILEGE_H */
