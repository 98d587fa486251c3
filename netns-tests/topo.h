/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/topo.h - the suite's test network.
 *
 * Five network namespaces joined by four veth pairs, made with iproute2
 * and named after a prefix unique to the run (l4t-PID-RAND), so that two
 * runs never collide and nothing of the host's is touched: every veth is
 * created directly inside its namespaces, never in the host's.
 *
 *            link A 198.18.1.0/24          link C 198.18.3.0/24
 *    [a] a0 .2 ------------- .1 s0 [h] s2 .1 ------------- .2 r0 [r]
 *                               s1 .1                          r1 .1
 *    [b] b0 .2 ---------------' link B 198.18.2.0/24            |
 *                                             link D 198.19.4.0/24
 *                                                              .2 f0 [f]
 *
 *   h  the host under test: two links (the en0/en1 of Go's examples, here
 *      s0 and s1) plus a third towards the router
 *   a  the neighbour on link A, b the neighbour on link B
 *   r  a router (IP forwarding on) between link C and link D
 *   f  a far host behind the router, so TTL expiry is real
 *
 * a0 has a second address, NT_A0_SECOND (198.18.1.3), so that link A has
 * two multicast sources for the source-specific cases.
 *
 * The addresses are from 198.18.0.0/15, the block RFC 2544 sets aside for
 * benchmarking test networks; they exist only inside the namespaces.
 * Routes: h reaches 198.19.4.0/24 through r and sends multicast out of s0
 * unless told otherwise; a and b send multicast on their only link; f's
 * default route is r. Every namespace has lo up, reverse-path filtering
 * off and ICMP rate limiting off (the cases provoke many ICMP errors).
 */
#ifndef NT_TOPO_H
#define NT_TOPO_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

enum nt_host {
	NT_H,
	NT_A,
	NT_B,
	NT_R,
	NT_F,
	NT_NUM_HOSTS
};

enum nt_iface {
	NT_S0, /* h on link A */
	NT_S1, /* h on link B */
	NT_S2, /* h on link C */
	NT_A0, /* a on link A */
	NT_B0, /* b on link B */
	NT_R0, /* r on link C */
	NT_R1, /* r on link D */
	NT_F0, /* f on link D */
	NT_NUM_IFACES
};

/* NT_A0_SECOND is a0's second address: a second source on link A. */
#define NT_A0_SECOND "198.18.1.3"

/* struct nt_iface_info describes one interface of the test network. */
struct nt_iface_info {
	enum nt_host host;  /* the namespace it lives in */
	const char *name;   /* its name there */
	const char *addr;   /* its address (prefix length 24) */
	const char *bcast;  /* its subnet's broadcast address */
	enum nt_iface peer; /* the other end of its veth pair */
};

/* nt_ifaces describes every interface, indexed by enum nt_iface. */
extern const struct nt_iface_info nt_ifaces[NT_NUM_IFACES];

/*
 * struct nt_topo is one instance of the network. ns_fd are open
 * descriptors of the namespaces (for setns); ifindex the interfaces'
 * indexes inside their namespaces.
 */
struct nt_topo {
	char prefix[32];
	char ns_name[NT_NUM_HOSTS][48];
	int ns_fd[NT_NUM_HOSTS];
	bool created[NT_NUM_HOSTS];
	unsigned int ifindex[NT_NUM_IFACES];
};

/* nt_host_name returns the one-letter name of host ("h", "a", ...). */
const char *nt_host_name(enum nt_host host);

/*
 * nt_topo_init fills in t's names from prefix (which must be unique to the
 * run) without creating anything. Every ns_fd is -1.
 */
void nt_topo_init(struct nt_topo *t, const char *prefix);

/*
 * nt_make_prefix writes a run-unique prefix, "l4t-PID-XXXX" with 16 random
 * bits, into out (out_cap bytes).
 */
void nt_make_prefix(char *out, size_t out_cap);

/*
 * nt_topo_build creates the namespaces, links, addresses, routes and
 * settings described above and waits until every link is running. The
 * calling thread's namespace is unchanged on return. Returns 0, or -1 with
 * err (err_cap bytes) naming the step that failed and what it printed;
 * whatever was created stays recorded in t for nt_topo_teardown.
 */
int nt_topo_build(struct nt_topo *t, char *err, size_t err_cap);

/*
 * nt_topo_teardown closes t's descriptors and deletes every namespace it
 * created (deleting a namespace deletes its veths). Safe to call twice.
 * Returns the number of namespaces that could not be deleted.
 */
int nt_topo_teardown(struct nt_topo *t);

/*
 * nt_topo_sweep deletes every namespace whose name starts with prefix
 * (a safety net for a run whose worker died). Returns how many it deleted.
 */
int nt_topo_sweep(const char *prefix);

/*
 * nt_enter moves the calling thread into host's namespace. Returns 0 or
 * -errno.
 */
int nt_enter(const struct nt_topo *t, enum nt_host host);

/*
 * nt_socket creates a socket inside host's namespace (a socket stays in
 * the namespace it was made in, whatever thread uses it later) and returns
 * the calling thread to the namespace it was in. Returns the descriptor or
 * -errno.
 */
int nt_socket(const struct nt_topo *t, enum nt_host host, int type,
	      int protocol);

/*
 * nt_sysctl writes value to /proc/sys/PATH as seen from host's namespace
 * (e.g. "net/ipv4/conf/s0/force_igmp_version"). Returns 0 or -errno.
 */
int nt_sysctl(const struct nt_topo *t, enum nt_host host, const char *path,
	      const char *value);

/* nt_addr returns iface's address. */
struct in_addr nt_addr(enum nt_iface iface);

/* nt_inaddr parses a dotted quad; 0.0.0.0 when text is not one. */
struct in_addr nt_inaddr(const char *text);

#endif /* NT_TOPO_H */
