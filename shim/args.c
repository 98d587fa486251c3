/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/args.c - the checks every I/O call makes on its arguments before
 * anything reaches the kernel, and the socket facts it asks the kernel for.
 */
#include "ipv4/io.h"

#include <errno.h>
#include <netinet/udp.h>

#include "shim/io_internal.h"

int ipv4__shim_check_dst(const struct sockaddr_in *dst)
{
	if (dst != NULL && dst->sin_family != AF_INET) {
		return -EAFNOSUPPORT;
	}
	return 0;
}

int ipv4__shim_check_iov(const struct iovec *iov, size_t num)
{
	size_t i;

	if (num > IPV4_IOV_MAX || (iov == NULL && num > 0)) {
		return IPV4_EINVAL;
	}
	for (i = 0; i < num; i++) {
		if (iov[i].iov_base == NULL && iov[i].iov_len > 0) {
			return IPV4_EINVAL;
		}
	}
	return 0;
}

size_t ipv4__shim_iov_len(const struct iovec *iov, size_t num)
{
	size_t total = 0;
	size_t i;

	for (i = 0; i < num; i++) {
		total += iov[i].iov_len;
	}
	return total;
}

struct iovec ipv4__shim_send_iov(const void *data, size_t len)
{
	struct iovec v = { .iov_base = (void *)data, .iov_len = len };

	return v;
}

int ipv4__shim_gso_check(int fd)
{
	int size = 0;
	socklen_t len = sizeof(size);

	if (getsockopt(fd, SOL_UDP, UDP_SEGMENT, &size, &len) == 0) {
		return 0;
	}
	/* Not UDP: EOPNOTSUPP; a UDP without GSO: ENOPROTOOPT. */
	if (errno == EOPNOTSUPP || errno == ENOPROTOOPT) {
		return -EOPNOTSUPP;
	}
	return -errno;
}
