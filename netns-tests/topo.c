/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/topo.c - building and tearing down the test network.
 */
#include "netns-tests/topo.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "netns-tests/spawn.h"

const struct nt_iface_info nt_ifaces[NT_NUM_IFACES] = {
	[NT_S0] = { NT_H, "s0", "198.18.1.1", "198.18.1.255", NT_A0 },
	[NT_S1] = { NT_H, "s1", "198.18.2.1", "198.18.2.255", NT_B0 },
	[NT_S2] = { NT_H, "s2", "198.18.3.1", "198.18.3.255", NT_R0 },
	[NT_A0] = { NT_A, "a0", "198.18.1.2", "198.18.1.255", NT_S0 },
	[NT_B0] = { NT_B, "b0", "198.18.2.2", "198.18.2.255", NT_S1 },
	[NT_R0] = { NT_R, "r0", "198.18.3.2", "198.18.3.255", NT_S2 },
	[NT_R1] = { NT_R, "r1", "198.19.4.1", "198.19.4.255", NT_F0 },
	[NT_F0] = { NT_F, "f0", "198.19.4.2", "198.19.4.255", NT_R1 },
};

static const char *const host_names[NT_NUM_HOSTS] = { "h", "a", "b", "r", "f" };

/* Where iproute2 keeps named namespaces (/var/run is /run on Debian). */
static const char *const netns_dirs[] = { "/run/netns", "/var/run/netns" };

const char *nt_host_name(enum nt_host host)
{
	return host_names[host];
}

void nt_make_prefix(char *out, size_t out_cap)
{
	unsigned short rnd = 0;

	if (getrandom(&rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
		rnd = (unsigned short)time(NULL);
	}
	snprintf(out, out_cap, "l4t-%ld-%04x", (long)getpid(), (unsigned)rnd);
}

void nt_topo_init(struct nt_topo *t, const char *prefix)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->prefix, sizeof(t->prefix), "%s", prefix);
	for (int i = 0; i < NT_NUM_HOSTS; i++) {
		snprintf(t->ns_name[i], sizeof(t->ns_name[i]), "%s-%s", prefix,
			 host_names[i]);
		t->ns_fd[i] = -1;
	}
}

struct in_addr nt_inaddr(const char *text)
{
	struct in_addr a = { 0 };

	if (inet_pton(AF_INET, text, &a) != 1) {
		a.s_addr = 0;
	}
	return a;
}

struct in_addr nt_addr(enum nt_iface iface)
{
	return nt_inaddr(nt_ifaces[iface].addr);
}

int nt_enter(const struct nt_topo *t, enum nt_host host)
{
	if (t->ns_fd[host] < 0) {
		return -EBADF;
	}
	if (setns(t->ns_fd[host], CLONE_NEWNET) != 0) {
		return -errno;
	}
	return 0;
}

/* enter_saving moves the calling thread into host's namespace and returns
   a descriptor of the one it was in (for restore_ns), or -errno. */
static int enter_saving(const struct nt_topo *t, enum nt_host host)
{
	int saved = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	int rc;

	if (saved < 0) {
		return -errno;
	}
	rc = nt_enter(t, host);
	if (rc != 0) {
		close(saved);
		return rc;
	}
	return saved;
}

/* restore_ns moves back into saved and closes it. */
static void restore_ns(int saved)
{
	if (setns(saved, CLONE_NEWNET) != 0) {
		/* Staying in the wrong namespace would make later checks lie. */
		perror("netns-tests: setns back");
		_exit(3);
	}
	close(saved);
}

int nt_socket(const struct nt_topo *t, enum nt_host host, int type,
	      int protocol)
{
	int saved = enter_saving(t, host);
	int fd;
	int rc;

	if (saved < 0) {
		return saved;
	}
	fd = socket(AF_INET, type | SOCK_CLOEXEC, protocol);
	rc = fd >= 0 ? fd : -errno;
	restore_ns(saved);
	return rc;
}

int nt_sysctl(const struct nt_topo *t, enum nt_host host, const char *path,
	      const char *value)
{
	char full[256];
	int saved = enter_saving(t, host);
	int fd;
	int rc = 0;

	if (saved < 0) {
		return saved;
	}
	snprintf(full, sizeof(full), "/proc/sys/%s", path);
	fd = open(full, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
	} else {
		size_t len = strlen(value);

		if (write(fd, value, len) != (ssize_t)len) {
			rc = -errno;
		}
		close(fd);
	}
	restore_ns(saved);
	return rc;
}

/* ip_step runs one ip command; on failure err says which. */
static int ip_step(char *const args[], char *err, size_t err_cap)
{
	return nt_ip(args, err, err_cap) == 0 ? 0 : -1;
}

static int make_namespaces(struct nt_topo *t, char *err, size_t err_cap)
{
	for (int i = 0; i < NT_NUM_HOSTS; i++) {
		char path[128];
		char *add[] = { "netns", "add", t->ns_name[i], NULL };

		if (ip_step(add, err, err_cap) != 0) {
			return -1;
		}
		t->created[i] = true;
		for (size_t d = 0;
		     d < sizeof(netns_dirs) / sizeof(netns_dirs[0]); d++) {
			snprintf(path, sizeof(path), "%s/%s", netns_dirs[d],
				 t->ns_name[i]);
			t->ns_fd[i] = open(path, O_RDONLY | O_CLOEXEC);
			if (t->ns_fd[i] >= 0) {
				break;
			}
		}
		if (t->ns_fd[i] < 0) {
			snprintf(err, err_cap, "open %s: %s", path,
				 strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* The per-namespace settings; ipv6 ones may be absent and are optional. */
static int settle_namespaces(struct nt_topo *t, char *err, size_t err_cap)
{
	static const char *const required[][2] = {
		{ "net/ipv4/conf/all/rp_filter", "0" },
		{ "net/ipv4/conf/default/rp_filter", "0" },
		{ "net/ipv4/icmp_ratelimit", "0" },
		{ "net/ipv4/icmp_ratemask", "0" },
	};

	for (int h = 0; h < NT_NUM_HOSTS; h++) {
		for (size_t i = 0; i < sizeof(required) / sizeof(required[0]);
		     i++) {
			int rc = nt_sysctl(t, (enum nt_host)h, required[i][0],
					   required[i][1]);

			if (rc != 0) {
				snprintf(err, err_cap, "sysctl %s=%s in %s: %s",
					 required[i][0], required[i][1],
					 t->ns_name[h], strerror(-rc));
				return -1;
			}
		}
		/* No IPv6 on the links: no router solicitations or MLD noise. */
		(void)nt_sysctl(t, (enum nt_host)h,
				"net/ipv6/conf/default/disable_ipv6", "1");
		(void)nt_sysctl(t, (enum nt_host)h,
				"net/ipv6/conf/all/disable_ipv6", "1");
	}
	int rc = nt_sysctl(t, NT_R, "net/ipv4/ip_forward", "1");

	if (rc != 0) {
		snprintf(err, err_cap, "sysctl net/ipv4/ip_forward=1 in %s: %s",
			 t->ns_name[NT_R], strerror(-rc));
		return -1;
	}
	return 0;
}

static int make_links(struct nt_topo *t, char *err, size_t err_cap)
{
	static const enum nt_iface firsts[] = { NT_S0, NT_S1, NT_S2, NT_R1 };

	for (size_t i = 0; i < sizeof(firsts) / sizeof(firsts[0]); i++) {
		const struct nt_iface_info *one = &nt_ifaces[firsts[i]];
		const struct nt_iface_info *two = &nt_ifaces[one->peer];
		char *add[] = { "-n",	      t->ns_name[one->host],
				"link",	      "add",
				(char *)NULL, "type",
				"veth",	      "peer",
				"name",	      (char *)NULL,
				"netns",      t->ns_name[two->host],
				NULL };
		char one_name[16];
		char two_name[16];

		snprintf(one_name, sizeof(one_name), "%s", one->name);
		snprintf(two_name, sizeof(two_name), "%s", two->name);
		add[4] = one_name;
		add[9] = two_name;
		if (ip_step(add, err, err_cap) != 0) {
			return -1;
		}
	}
	return 0;
}

static int address_links(struct nt_topo *t, char *err, size_t err_cap)
{
	for (int h = 0; h < NT_NUM_HOSTS; h++) {
		char *lo_up[] = { "-n", t->ns_name[h], "link", "set",
				  "lo", "up",	       NULL };

		if (ip_step(lo_up, err, err_cap) != 0) {
			return -1;
		}
	}
	for (int i = 0; i < NT_NUM_IFACES; i++) {
		const struct nt_iface_info *f = &nt_ifaces[i];
		char name[16];
		char cidr[32];
		char bcast[32];
		char *addr[] = { "-n",	 t->ns_name[f->host],
				 "addr", "add",
				 cidr,	 "broadcast",
				 bcast,	 "dev",
				 name,	 NULL };
		char *up[] = { "-n",   t->ns_name[f->host],
			       "link", "set",
			       name,   "up",
			       NULL };

		snprintf(name, sizeof(name), "%s", f->name);
		snprintf(cidr, sizeof(cidr), "%s/24", f->addr);
		snprintf(bcast, sizeof(bcast), "%s", f->bcast);
		if (ip_step(addr, err, err_cap) != 0 ||
		    ip_step(up, err, err_cap) != 0) {
			return -1;
		}
	}
	char *second[] = { "-n",
			   t->ns_name[NT_A],
			   "addr",
			   "add",
			   NT_A0_SECOND "/24",
			   "dev",
			   "a0",
			   NULL };

	return ip_step(second, err, err_cap);
}

static int add_routes(struct nt_topo *t, char *err, size_t err_cap)
{
	char *h_far[] = {
		"-n",  t->ns_name[NT_H], "route", "add", "198.19.4.0/24",
		"via", "198.18.3.2",	 NULL
	};
	char *h_mc[] = { "-n",		t->ns_name[NT_H],
			 "route",	"add",
			 "224.0.0.0/4", "dev",
			 "s0",		NULL };
	char *a_mc[] = { "-n",		t->ns_name[NT_A],
			 "route",	"add",
			 "224.0.0.0/4", "dev",
			 "a0",		NULL };
	char *b_mc[] = { "-n",		t->ns_name[NT_B],
			 "route",	"add",
			 "224.0.0.0/4", "dev",
			 "b0",		NULL };
	char *f_def[] = { "-n",	 t->ns_name[NT_F], "route", "add", "default",
			  "via", "198.19.4.1",	   NULL };
	char **const steps[] = { h_far, h_mc, a_mc, b_mc, f_def };

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (ip_step(steps[i], err, err_cap) != 0) {
			return -1;
		}
	}
	return 0;
}

/* iface_running: 1 when iface is up with carrier, 0 if not, -errno. */
static int iface_running(const struct nt_topo *t, enum nt_iface iface,
			 unsigned int *out_index)
{
	struct ifreq ifr;
	int fd = nt_socket(t, nt_ifaces[iface].host, SOCK_DGRAM, 0);
	int rc;

	if (fd < 0) {
		return fd;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s",
		 nt_ifaces[iface].name);
	rc = ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 ? 0 : -errno;
	if (rc == 0) {
		rc = (ifr.ifr_flags & (IFF_UP | IFF_RUNNING)) ==
		     (IFF_UP | IFF_RUNNING);
		if (ioctl(fd, SIOCGIFINDEX, &ifr) == 0) {
			*out_index = ifr.ifr_ifindex;
		} else {
			rc = -errno;
		}
	}
	close(fd);
	return rc;
}

static int wait_running(struct nt_topo *t, char *err, size_t err_cap)
{
	struct timespec nap = { 0, 10 * 1000 * 1000 };

	for (int tries = 0; tries < 300; tries++) {
		int ready = 0;

		for (int i = 0; i < NT_NUM_IFACES; i++) {
			int rc = iface_running(t, (enum nt_iface)i,
					       &t->ifindex[i]);

			if (rc < 0) {
				snprintf(err, err_cap, "interface %s in %s: %s",
					 nt_ifaces[i].name,
					 t->ns_name[nt_ifaces[i].host],
					 strerror(-rc));
				return -1;
			}
			ready += rc;
		}
		if (ready == NT_NUM_IFACES) {
			return 0;
		}
		nanosleep(&nap, NULL);
	}
	snprintf(err, err_cap, "links not running after 3 s");
	return -1;
}

int nt_topo_build(struct nt_topo *t, char *err, size_t err_cap)
{
	if (make_namespaces(t, err, err_cap) != 0 ||
	    settle_namespaces(t, err, err_cap) != 0 ||
	    make_links(t, err, err_cap) != 0 ||
	    address_links(t, err, err_cap) != 0 ||
	    add_routes(t, err, err_cap) != 0 ||
	    wait_running(t, err, err_cap) != 0) {
		return -1;
	}
	return 0;
}

int nt_topo_teardown(struct nt_topo *t)
{
	int failed = 0;

	for (int i = NT_NUM_HOSTS - 1; i >= 0; i--) {
		char err[512];
		char *del[] = { "netns", "del", t->ns_name[i], NULL };

		if (t->ns_fd[i] >= 0) {
			close(t->ns_fd[i]);
			t->ns_fd[i] = -1;
		}
		if (!t->created[i]) {
			continue;
		}
		if (nt_ip(del, err, sizeof(err)) != 0) {
			fprintf(stderr, "netns-tests: teardown: %s\n", err);
			failed++;
			continue;
		}
		t->created[i] = false;
	}
	return failed;
}

int nt_topo_sweep(const char *prefix)
{
	size_t prefix_len = strlen(prefix);
	int deleted = 0;

	for (size_t d = 0; d < sizeof(netns_dirs) / sizeof(netns_dirs[0]);
	     d++) {
		DIR *dir = opendir(netns_dirs[d]);
		struct dirent *e;

		if (dir == NULL) {
			continue;
		}
		while ((e = readdir(dir)) != NULL) {
			char name[256];
			char err[512];
			char *del[] = { "netns", "del", name, NULL };

			if (strncmp(e->d_name, prefix, prefix_len) != 0 ||
			    e->d_name[prefix_len] != '-') {
				continue;
			}
			snprintf(name, sizeof(name), "%s", e->d_name);
			if (nt_ip(del, err, sizeof(err)) == 0) {
				deleted++;
			} else {
				fprintf(stderr, "netns-tests: sweep: %s\n",
					err);
			}
		}
		closedir(dir);
	}
	return deleted;
}
