/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/lib/ifaddr.h - an interface's IPv4 address, for the examples that
 * default to it (getifaddrs(3)).
 */
#ifndef EXAMPLES_IFADDR_H
#define EXAMPLES_IFADDR_H

#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ifaddr_ipv4 stores the first IPv4 address of the interface name and its
 * netmask, both in network byte order, in *out_addr and *out_mask (either
 * may be NULL). Returns 0, -ENODEV when no interface of that name has an
 * IPv4 address, or -errno from getifaddrs.
 */
int ifaddr_ipv4(const char *name, struct in_addr *out_addr,
		struct in_addr *out_mask);

#ifdef __cplusplus
}
#endif

#endif /* EXAMPLES_IFADDR_H */
