/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/lib/ifaddr.c - an interface's IPv4 address (ifaddr.h).
 */
#include "examples/lib/ifaddr.h"

#include <errno.h>
#include <ifaddrs.h>
#include <string.h>
#include <sys/socket.h>

/* sin_addr_of copies the address out of an AF_INET sockaddr. */
static struct in_addr sin_addr_of(const struct sockaddr *sa)
{
	struct sockaddr_in sin;

	memcpy(&sin, sa, sizeof(sin));
	return sin.sin_addr;
}

int ifaddr_ipv4(const char *name, struct in_addr *out_addr,
		struct in_addr *out_mask)
{
	struct ifaddrs *all;
	int rc = -ENODEV;

	if (getifaddrs(&all) != 0) {
		return -errno;
	}
	for (const struct ifaddrs *i = all; i != NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET ||
		    strcmp(i->ifa_name, name) != 0) {
			continue;
		}
		if (out_addr != NULL) {
			*out_addr = sin_addr_of(i->ifa_addr);
		}
		if (out_mask != NULL && i->ifa_netmask != NULL) {
			*out_mask = sin_addr_of(i->ifa_netmask);
		}
		rc = 0;
		break;
	}
	freeifaddrs(all);
	return rc;
}
