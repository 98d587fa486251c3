/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/io_bench.h - what the parts of the batch I/O benchmark share.
 *
 * One measurement moves messages from a sender socket to a receiver socket
 * in rounds: the sender writes `batch` messages, then the receiver reads
 * until it has `batch` (or a read times out, which counts as loss). Both
 * sides run on one thread, so the time per message is the whole cost of
 * sending and receiving it, user and kernel, and the number is not at the
 * mercy of how the scheduler places two threads on a busy machine.
 *
 * An implementation (struct io_impl) is a way of doing that round: the
 * bare system calls, libipv4's batch or single calls, UDP GSO/GRO. The
 * implementations with the same gso value share one pair of sockets and
 * are measured interleaved (io_bench.c).
 */
#ifndef BENCH_IO_BENCH_H
#define BENCH_IO_BENCH_H

/* Built with -D_GNU_SOURCE (bench/BUILD): struct mmsghdr, recvmmsg. */

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "ipv4/conn.h"
#include "ipv4/io.h"

#define IO_MAX_BATCH 256
#define IO_RX_BUF 2048	       /* room for one datagram of the test */
#define IO_GSO_MAX_SEGS 64     /* UDP_MAX_SEGMENTS on every GSO kernel */
#define IO_GSO_MAX_BYTES 65000 /* below IP's 65535 with headers */
#define IO_GSO_MAX_MSGS 16     /* GSO datagrams per round, at most */
#define IO_GSO_RX_BUF 65536
#define IO_CMSG_ROOM 64

/*
 * struct io_run is one measurement's sockets and buffers. The setup of an
 * implementation fills what it uses; io_bench.c owns the memory.
 */
struct io_run {
	int tx_fd;
	int rx_fd;
	struct sockaddr_in dst; /* the receiver's address */
	unsigned payload;	/* bytes per message */
	unsigned batch;		/* messages per round */

	/* Sender: one payload (a GSO datagram is several in a row). */
	uint8_t *tx_data; /* IO_GSO_MAX_BYTES */
	struct iovec tx_iov[IO_GSO_MAX_MSGS];

	/* Receiver: one buffer per message of a round. */
	uint8_t *rx_data; /* IO_MAX_BATCH * IO_RX_BUF, or GSO buffers */
	struct iovec rx_iov[IO_MAX_BATCH];
	struct sockaddr_in rx_addr[IO_MAX_BATCH];
	uint8_t rx_cmsg[IO_GSO_MAX_MSGS][IO_CMSG_ROOM]
		__attribute__((aligned(8)));

	/* The bare loops' kernel headers. */
	struct mmsghdr tx_h[IO_MAX_BATCH];
	struct mmsghdr rx_h[IO_MAX_BATCH];

	/* libipv4's connections and messages. */
	struct ipv4_packet_conn tx_c;
	struct ipv4_packet_conn rx_c;
	struct ipv4_message tx_m[IO_MAX_BATCH];
	struct ipv4_message rx_m[IO_MAX_BATCH];

	/* GSO: segments per datagram and datagrams per round. */
	unsigned gso_segs;
	unsigned gso_msgs;
	uint64_t gro_datagrams; /* datagrams the receiver read (GRO) */
};

/*
 * struct io_impl is one way to move a round. setup prepares r (sockets
 * exist, buffers are allocated) and returns 0, or a negative code
 * (-errno or an IPV4_E* code; ipv4_strerror names both) when the
 * implementation cannot run here (GSO on an old kernel): the measurement
 * is then reported as unsupported. send_round sends r->batch
 * messages and returns 0 or -errno; recv_round returns how many of them
 * arrived before a read timed out, or -errno.
 */
struct io_impl {
	const char *name;
	int gso; /* 1: needs the GSO/GRO socket options, 0: plain sockets */
	int (*setup)(struct io_run *r);
	int (*send_round)(struct io_run *r);
	long (*recv_round)(struct io_run *r);
};

/* The implementations, in io_bare.c and io_lib.c. */
extern const struct io_impl io_bare_batch;
extern const struct io_impl io_bare_single;
extern const struct io_impl io_bare_gso;
extern const struct io_impl io_lib_batch;
extern const struct io_impl io_lib_single;
extern const struct io_impl io_lib_gso;
extern const struct io_impl io_lib_coalesce;
extern const struct io_impl io_lib_split;
extern const struct io_impl io_lib_both;

/* io_gso_plan sets r->gso_segs and r->gso_msgs for r's batch and payload. */
void io_gso_plan(struct io_run *r);

/*
 * io_count_segments: the messages one GRO datagram of len bytes carries
 * when the kernel said it was coalesced from gro_size-byte segments
 * (gro_size 0: not coalesced, one message).
 */
unsigned io_count_segments(size_t len, unsigned gro_size);

#endif /* BENCH_IO_BENCH_H */
