/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/sockopt_internal.h - what the socket-option files of the shim share.
 * Internal to libipv4; nothing here is installed.
 *
 * The option calls all have one shape: check the arguments, build the
 * kernel's structure, make one system call, return 0 or -errno. The
 * helpers below are those steps, so that each public call reads as its
 * checks and its option name.
 */
#ifndef IPV4_SHIM_SOCKOPT_INTERNAL_H
#define IPV4_SHIM_SOCKOPT_INTERNAL_H

#include <stddef.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "ipv4/conn.h"

/*
 * ipv4__opt_fd returns c's descriptor, or IPV4_EINVAL when c is NULL or was
 * closed (fd -1).
 */
int ipv4__opt_fd(const struct ipv4_packet_conn *c);

/*
 * The helpers below that take a descriptor accept, in its place, the
 * negative code ipv4__opt_fd returned, and return that code unchanged: so a
 * public call can be `return ipv4__opt_get_int(ipv4__opt_fd(c), ...)`.
 */

/* ipv4__opt_set sets an option from len bytes at val: 0 or -errno. */
int ipv4__opt_set(int fd, int level, int name, const void *val, size_t len);

/* ipv4__opt_set_int sets an int option: 0 or -errno. */
int ipv4__opt_set_int(int fd, int level, int name, int value);

/*
 * ipv4__opt_get_int reads an int option into *out (zeroed first): 0, -errno, or
 * IPV4_EINVAL when out is NULL.
 */
int ipv4__opt_get_int(int fd, int level, int name, int *out);

/*
 * ipv4__opt_set_ranged sets the IPPROTO_IP int option name after checking
 * lo <= value <= hi: 0, IPV4_EINVAL for a value out of range, or -errno.
 */
int ipv4__opt_set_ranged(int fd, int name, int value, int lo, int hi);

/*
 * ipv4__opt_check_ifindex: 0 for an index the kernel can be given, IPV4_EIFINDEX
 * for a negative one.
 */
int ipv4__opt_check_ifindex(unsigned int ifindex);

/*
 * ipv4__opt_check_group: 0 when group is an AF_INET multicast address;
 * IPV4_EINVAL for NULL or another family, IPV4_ENOTMCAST otherwise.
 */
int ipv4__opt_check_group(const struct sockaddr_in *group);

/*
 * ipv4__opt_check_unicast: 0 when addr can be a packet's source (not 0.0.0.0,
 * not multicast, not 255.255.255.255), IPV4_EINVAL otherwise.
 */
int ipv4__opt_check_unicast(struct in_addr addr);

/*
 * ipv4__opt_check_source: ipv4__opt_check_unicast for a struct sockaddr_in, and
 * IPV4_EINVAL for NULL or a family other than AF_INET.
 */
int ipv4__opt_check_source(const struct sockaddr_in *source);

/*
 * ipv4__opt_member_fd checks what every membership call takes (c, an interface
 * index and a group) and returns c's descriptor, or the first check's
 * code: IPV4_EINVAL, IPV4_EIFINDEX or IPV4_ENOTMCAST.
 */
int ipv4__opt_member_fd(const struct ipv4_packet_conn *c, unsigned int ifindex,
			const struct sockaddr_in *group);

/*
 * ipv4__opt_put_sockaddr fills *out with an AF_INET sockaddr holding addr and
 * nothing else: port and padding zero, whatever the caller's had.
 */
void ipv4__opt_put_sockaddr(struct sockaddr_storage *out, struct in_addr addr);

/*
 * ipv4__opt_check_raw_icmp: 0 when fd is a SOCK_RAW socket of protocol
 * IPPROTO_ICMP, IPV4_ESOCKTYPE when it is another kind, -errno when that
 * cannot be learned.
 */
int ipv4__opt_check_raw_icmp(int fd);

/*
 * ipv4__opt_grace_period waits until every packet the kernel was delivering when
 * it was called has been queued or dropped: 0 or -errno (filter.c says
 * why this works).
 */
int ipv4__opt_grace_period(void);

/*
 * ipv4__opt_drain reads and discards every datagram queued on fd without
 * waiting, until recv(2) says EAGAIN. An error the socket had pending is
 * discarded with the datagrams (and EINTR is tried again); only several
 * failed reads in a row end the drain early. Returns how many datagrams it
 * discarded, or -errno of the failing reads.
 */
int ipv4__opt_drain(int fd);

/*
 * ipv4__opt_publish_flags and ipv4__opt_clear_flags change c->cm_flags atomically, so
 * that io.h's reads, which load it with __atomic_load_n, see either the
 * old or the new value; ipv4__opt_cm_flags loads it.
 */
void ipv4__opt_publish_flags(struct ipv4_packet_conn *c, unsigned flags);
void ipv4__opt_clear_flags(struct ipv4_packet_conn *c, unsigned flags);
unsigned ipv4__opt_cm_flags(const struct ipv4_packet_conn *c);

#endif /* IPV4_SHIM_SOCKOPT_INTERNAL_H */
