/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/filter.c - the ICMP filter of raw ICMP sockets, classic BPF
 * programs, and attaching either so that no packet it rejects is ever read.
 *
 * Why set_bpf_and_drain is correct. Linux judges a packet against a
 * socket's filters while delivering it, and the same code then appends it
 * to the receive queue or drops it: for UDP in udp_queue_rcv_one_skb
 * (sk_filter, then the enqueue), for raw sockets in raw_v4_input (the ICMP
 * filter) and sock_queue_rcv_skb (sk_filter, then the enqueue). All of it
 * runs inside the RCU read-side critical section that ip_local_deliver_finish
 * opens around the protocol handlers. A new program is published with
 * rcu_assign_pointer; a new ICMP word with a plain store. Hence:
 *
 *   (a) a packet judged by a filter that has since been replaced was
 *       judged inside a read-side section that began before the
 *       replacement was published;
 *   (b) a grace period begun after the publication (synchronize_rcu())
 *       ends only once all such sections have ended: every such packet is
 *       then in the queue or gone;
 *   (c) membarrier(MEMBARRIER_CMD_GLOBAL) calls synchronize_rcu() when more
 *       than one CPU is online. With one CPU it returns at once, which is
 *       enough where packets are delivered with preemption off (softirq
 *       context, every kernel but PREEMPT_RT): no task runs while a
 *       section is open on the only CPU. A uniprocessor PREEMPT_RT kernel is
 *       the one case this argument does not cover.
 *
 * The steps: attach prog (the kernel's checker runs before anything else
 * changes); attach drop-all; grace period; drain; attach prog. After the
 * grace period every packet judged by a filter older than drop-all is in
 * the queue, and drop-all admits nothing, so the drain empties the queue
 * for good and ends. Every packet queued after that was judged by prog.
 *
 * For the ICMP filter, the word 0xffffffff (block types 0..31) stands in for
 * drop-all. It admits types 32..255, but so does every ICMP filter, so
 * whatever it lets through the final filter would have let through too.
 */
#include "ipv4/sockopt.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/icmp.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "shim/sockopt_internal.h"

_Static_assert(IPV4_BPF_MAXINSNS == BPF_MAXINSNS, "BPF_MAXINSNS");

/*
 * struct fprog_view is struct sock_fprog with a const program pointer:
 * the kernel only reads (and copies) the program, and this way the
 * caller's const never has to be cast away.
 */
struct fprog_view {
	unsigned short len;
	const struct sock_filter *filter;
};

_Static_assert(sizeof(struct fprog_view) == sizeof(struct sock_fprog),
	       "struct sock_fprog layout");
_Static_assert(offsetof(struct fprog_view, filter) ==
		       offsetof(struct sock_fprog, filter),
	       "struct sock_fprog layout");

static const struct sock_filter drop_all[] = {
	BPF_STMT(BPF_RET | BPF_K, 0),
};

/* ICMP_BLOCK_KERNEL_TYPES is the ICMP word that blocks types 0..31. */
#define ICMP_BLOCK_KERNEL_TYPES 0xffffffffu

static int attach(int fd, const struct sock_filter *prog, size_t num_insns)
{
	struct fprog_view view;

	memset(&view, 0, sizeof(view));
	view.len = (unsigned short)num_insns;
	view.filter = prog;
	return ipv4__opt_set(fd, SOL_SOCKET, SO_ATTACH_FILTER, &view,
			     sizeof(view));
}

static int set_word(int fd, uint32_t word)
{
	return ipv4__opt_set(fd, SOL_RAW, ICMP_FILTER, &word, sizeof(word));
}

int ipv4__opt_check_raw_icmp(int fd)
{
	int type = 0;
	int protocol = 0;
	socklen_t len = sizeof(type);

	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) {
		return -errno;
	}
	len = sizeof(protocol);
	if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &len) != 0) {
		return -errno;
	}
	if (type != SOCK_RAW || protocol != IPPROTO_ICMP) {
		return IPV4_ESOCKTYPE;
	}
	return 0;
}

int ipv4_packet_conn_icmp_filter(const struct ipv4_packet_conn *c,
				 struct ipv4_icmp_filter *out)
{
	uint32_t word = 0;
	socklen_t len = sizeof(word);
	int fd = ipv4__opt_fd(c);
	int rc;

	if (out != NULL) {
		memset(out, 0, sizeof(*out));
	}
	if (fd < 0) {
		return fd;
	}
	if (out == NULL) {
		return IPV4_EINVAL;
	}
	rc = ipv4__opt_check_raw_icmp(fd);
	if (rc != 0) {
		return rc;
	}
	if (getsockopt(fd, SOL_RAW, ICMP_FILTER, &word, &len) != 0) {
		return -errno;
	}
	return ipv4_icmp_filter_from_kernel(out, word);
}

/* icmp_word checks c and f and converts f: the fd, or a negative code. */
static int icmp_word(const struct ipv4_packet_conn *c,
		     const struct ipv4_icmp_filter *f, uint32_t *out_word)
{
	int fd = ipv4__opt_fd(c);
	int rc;

	if (fd < 0) {
		return fd;
	}
	if (f == NULL) {
		return IPV4_EINVAL;
	}
	rc = ipv4_icmp_filter_to_kernel(f, out_word);
	if (rc == 0) {
		rc = ipv4__opt_check_raw_icmp(fd);
	}
	return rc != 0 ? rc : fd;
}

int ipv4_packet_conn_set_icmp_filter(struct ipv4_packet_conn *c,
				     const struct ipv4_icmp_filter *f)
{
	uint32_t word = 0;
	int fd = icmp_word(c, f, &word);

	return fd < 0 ? fd : set_word(fd, word);
}

int ipv4_packet_conn_set_bpf(struct ipv4_packet_conn *c,
			     const struct sock_filter *prog, size_t num_insns)
{
	int fd = ipv4__opt_fd(c);

	if (fd < 0) {
		return fd;
	}
	if (prog == NULL || num_insns == 0 || num_insns > IPV4_BPF_MAXINSNS) {
		return IPV4_EINVAL;
	}
	return attach(fd, prog, num_insns);
}

/*
 * settle follows the attachment of a stand-in filter (rc: its result):
 * wait out the packets in flight, then drain. When the wait fails the
 * drain still runs, so that what the caller must not read is gone as far
 * as it can be; the result is then the wait's error. Count or -errno.
 */
static int settle(int fd, int rc)
{
	int drained;

	if (rc != 0) {
		return rc;
	}
	rc = ipv4__opt_grace_period();
	drained = ipv4__opt_drain(fd);
	return rc != 0 ? rc : drained;
}

int ipv4_packet_conn_set_bpf_and_drain(struct ipv4_packet_conn *c,
				       const struct sock_filter *prog,
				       size_t num_insns)
{
	int rc = ipv4_packet_conn_set_bpf(c, prog, num_insns);
	int fd = ipv4__opt_fd(c);
	int drained;

	if (rc != 0) {
		return rc;
	}
	drained = settle(fd, attach(fd, drop_all, 1));
	if (drained < 0) {
		return drained;
	}
	rc = attach(fd, prog, num_insns);
	return rc != 0 ? rc : drained;
}

int ipv4_packet_conn_set_icmp_filter_and_drain(struct ipv4_packet_conn *c,
					       const struct ipv4_icmp_filter *f)
{
	uint32_t word = 0;
	int fd = icmp_word(c, f, &word);
	int drained;
	int rc;

	if (fd < 0) {
		return fd;
	}
	drained = settle(fd, set_word(fd, ICMP_BLOCK_KERNEL_TYPES));
	if (drained < 0) {
		return drained;
	}
	rc = set_word(fd, word);
	return rc != 0 ? rc : drained;
}
