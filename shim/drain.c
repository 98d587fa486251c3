/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/drain.c - emptying a receive queue, and waiting for the packets the
 * kernel is delivering to reach it. filter.c uses both to attach filters
 * without a window in which a rejected packet can slip through.
 */
#include <errno.h>
#include <limits.h>
#include <linux/membarrier.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "shim/sockopt_internal.h"

/*
 * MEMBARRIER_CMD_GLOBAL makes the kernel call synchronize_rcu() whenever
 * more than one CPU is online (kernel/sched/membarrier.c); filter.c says
 * why that grace period is what the drain needs.
 */
int ipv4__opt_grace_period(void)
{
	if (syscall(SYS_membarrier, MEMBARRIER_CMD_GLOBAL, 0) != 0) {
		return -errno;
	}
	return 0;
}

/*
 * DRAIN_MAX_ERRORS bounds a run of failed reads. A datagram socket reports
 * a pending error (an ICMP error for an earlier datagram, say) to one read
 * and then clears it, so errors in a row mean the reads themselves fail.
 */
#define DRAIN_MAX_ERRORS 8

int ipv4__opt_drain(int fd)
{
	uint8_t byte;
	int count = 0;
	int errors = 0;

	while (errors < DRAIN_MAX_ERRORS) {
		ssize_t n = recv(fd, &byte, sizeof(byte),
				 MSG_DONTWAIT | MSG_TRUNC);

		if (n >= 0) {
			if (count < INT_MAX) {
				count++;
			}
			errors = 0;
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			return count;
		} else if (errno != EINTR) {
			errors++;
		}
	}
	return -errno;
}
