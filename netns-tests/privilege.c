/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/privilege.c - root, or the unshare -rnm fallback, or skip.
 */
#include "netns-tests/privilege.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "netns-tests/spawn.h"

const char *nt_mode_name(enum nt_mode mode)
{
	switch (mode) {
	case NT_MODE_ROOT:
		return "root";
	case NT_MODE_USERNS:
		return "userns";
	case NT_MODE_NONE:
		return "none";
	}
	return "?";
}

int nt_probe_netns(const char *prefix, char *err, size_t err_cap)
{
	char name[96];
	char *add[] = { "netns", "add", name, NULL };
	char *del[] = { "netns", "del", name, NULL };
	char ignored[256];

	snprintf(name, sizeof(name), "%s-probe", prefix);
	if (nt_ip(add, err, err_cap) != 0) {
		return -1;
	}
	if (nt_ip(del, ignored, sizeof(ignored)) != 0) {
		snprintf(err, err_cap, "%s", ignored);
		return -1;
	}
	return 0;
}

/* write_file writes text to path; 0 or -errno. */
static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(text);
	int rc = 0;

	if (fd < 0) {
		return -errno;
	}
	if (write(fd, text, len) != (ssize_t)len) {
		rc = -errno;
	}
	close(fd);
	return rc;
}

int nt_enter_userns(char *err, size_t err_cap)
{
	unsigned uid = (unsigned)geteuid();
	unsigned gid = (unsigned)getegid();
	char map[64];
	int rc;

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET) != 0) {
		snprintf(err, err_cap, "unshare(user, mount, net): %s",
			 strerror(errno));
		return -1;
	}
	rc = write_file("/proc/self/setgroups", "deny");
	if (rc != 0 && rc != -ENOENT) {
		snprintf(err, err_cap, "setgroups deny: %s", strerror(-rc));
		return -1;
	}
	snprintf(map, sizeof(map), "0 %u 1\n", uid);
	rc = write_file("/proc/self/uid_map", map);
	if (rc == 0) {
		snprintf(map, sizeof(map), "0 %u 1\n", gid);
		rc = write_file("/proc/self/gid_map", map);
	}
	if (rc != 0) {
		snprintf(err, err_cap, "writing the uid/gid map: %s",
			 strerror(-rc));
		return -1;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
		snprintf(err, err_cap, "making / private: %s", strerror(errno));
		return -1;
	}
	if (mount("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV,
		  "mode=0755") != 0) {
		snprintf(err, err_cap, "tmpfs on /run: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* userns_child: the throw-away child of try_userns_in_child; writes why
   the fallback failed to out_fd; never returns. */
static void userns_child(const void *arg, int out_fd)
{
	char why[512] = "";
	int rc = nt_enter_userns(why, sizeof(why));

	if (rc == 0) {
		rc = nt_probe_netns((const char *)arg, why, sizeof(why));
	}
	if (write(out_fd, why, strlen(why)) < 0) {
		rc = -1;
	}
	_exit(rc == 0 ? 0 : 1);
}

/*
 * try_userns_in_child enters the fallback in a throw-away child first, so
 * that a fallback refused half-way (say, after the user namespace was made
 * but before /run could be mounted) never strands the suite itself without
 * its old rights. 0 when it worked there, else -1 with err.
 */
static int try_userns_in_child(const char *prefix, char *err, size_t err_cap)
{
	int rc = nt_spawn_fn(userns_child, prefix, err, err_cap);

	if (rc < 0) {
		snprintf(err, err_cap, "fork: %s", strerror(-rc));
	}
	return rc == 0 ? 0 : -1;
}

enum nt_mode nt_get_mode(const char *prefix, int force_userns, char *why,
			 size_t why_cap)
{
	char root_err[512] = "not tried (--userns)";
	char ns_err[512] = "";

	if (!force_userns &&
	    nt_probe_netns(prefix, root_err, sizeof(root_err)) == 0) {
		return NT_MODE_ROOT;
	}
	if (try_userns_in_child(prefix, ns_err, sizeof(ns_err)) == 0 &&
	    nt_enter_userns(ns_err, sizeof(ns_err)) == 0) {
		return NT_MODE_USERNS;
	}
	snprintf(why, why_cap,
		 "needs CAP_NET_ADMIN (%s; unshare -rnm fallback: %s)",
		 root_err, ns_err);
	return NT_MODE_NONE;
}
