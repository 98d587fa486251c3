/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/io_bare.c - the limit: the same system calls libipv4 makes, with
 * nothing around them. The kernel headers are built once per measurement
 * and reused; a round is one sendmmsg and as many recvmmsg as it takes
 * (or sendmsg/recvmsg per message, or GSO datagrams with GRO on receive).
 */
#include "bench/io_bench.h"

#include <errno.h>
#include <string.h>
#include <netinet/udp.h>

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif

void io_gso_plan(struct io_run *r)
{
	unsigned segs = IO_GSO_MAX_BYTES / r->payload;

	if (segs > IO_GSO_MAX_SEGS) {
		segs = IO_GSO_MAX_SEGS;
	}
	if (segs > r->batch) {
		segs = r->batch;
	}
	r->gso_segs = segs;
	r->gso_msgs = (r->batch + segs - 1) / segs;
}

unsigned io_count_segments(size_t len, unsigned gro_size)
{
	if (gro_size == 0 || len <= gro_size) {
		return 1;
	}
	return (unsigned)((len + gro_size - 1) / gro_size);
}

/*
 * bare_headers points tx_h at the payload and rx_h at the buffers. Plain
 * messages all send the same payload; a GSO round's datagrams (at most
 * IO_GSO_MAX_MSGS) each get an iovec of their own, whose length
 * bare_gso_setup adjusts.
 */
static void bare_headers(struct io_run *r, size_t tx_len, size_t rx_len,
			 unsigned num_tx, unsigned num_rx)
{
	for (unsigned i = 0; i < num_tx; i++) {
		r->tx_iov[i % IO_GSO_MAX_MSGS] = (struct iovec){ r->tx_data,
								 tx_len };
		r->tx_h[i].msg_hdr = (struct msghdr){
			.msg_name = &r->dst,
			.msg_namelen = sizeof(r->dst),
			.msg_iov = &r->tx_iov[i % IO_GSO_MAX_MSGS],
			.msg_iovlen = 1,
		};
	}
	for (unsigned i = 0; i < num_rx; i++) {
		r->rx_iov[i] = (struct iovec){ r->rx_data + i * rx_len,
					       rx_len };
		r->rx_h[i].msg_hdr = (struct msghdr){
			.msg_name = &r->rx_addr[i],
			.msg_namelen = sizeof(r->rx_addr[i]),
			.msg_iov = &r->rx_iov[i],
			.msg_iovlen = 1,
		};
	}
}

static int bare_batch_setup(struct io_run *r)
{
	bare_headers(r, r->payload, IO_RX_BUF, r->batch, r->batch);
	return 0;
}

static int send_all(int fd, struct mmsghdr *h, unsigned num)
{
	unsigned done = 0;

	while (done < num) {
		int n = sendmmsg(fd, h + done, num - done, 0);

		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return -errno;
		}
		done += (unsigned)n;
	}
	return 0;
}

static int bare_batch_send(struct io_run *r)
{
	return send_all(r->tx_fd, r->tx_h, r->batch);
}

static long bare_batch_recv(struct io_run *r)
{
	unsigned got = 0;

	while (got < r->batch) {
		int n = recvmmsg(r->rx_fd, r->rx_h + got, r->batch - got,
				 MSG_WAITFORONE, NULL);

		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return errno == EAGAIN ? (long)got : -errno;
		}
		got += (unsigned)n;
	}
	return got;
}

const struct io_impl io_bare_batch = {
	"bare-batch", 0, bare_batch_setup, bare_batch_send, bare_batch_recv,
};

static int bare_single_send(struct io_run *r)
{
	unsigned sent = 0;

	while (sent < r->batch) {
		if (sendmsg(r->tx_fd, &r->tx_h[0].msg_hdr, 0) < 0) {
			if (errno == EINTR) {
				continue;
			}
			return -errno;
		}
		sent++;
	}
	return 0;
}

static long bare_single_recv(struct io_run *r)
{
	unsigned got = 0;

	while (got < r->batch) {
		if (recvmsg(r->rx_fd, &r->rx_h[got].msg_hdr, 0) < 0) {
			if (errno == EINTR) {
				continue;
			}
			return errno == EAGAIN ? (long)got : -errno;
		}
		got++;
	}
	return got;
}

const struct io_impl io_bare_single = {
	"bare-single", 0, bare_batch_setup, bare_single_send, bare_single_recv,
};

static int bare_gso_setup(struct io_run *r)
{
	int gso = (int)r->payload;
	int on = 1;

	io_gso_plan(r);
	if (setsockopt(r->tx_fd, SOL_UDP, UDP_SEGMENT, &gso, sizeof(gso)) !=
		    0 ||
	    setsockopt(r->rx_fd, SOL_UDP, UDP_GRO, &on, sizeof(on)) != 0) {
		return -errno;
	}
	bare_headers(r, (size_t)r->gso_segs * r->payload, IO_GSO_RX_BUF,
		     r->gso_msgs, IO_GSO_MAX_MSGS);
	/* The last datagram of a round carries what is left. */
	r->tx_iov[r->gso_msgs - 1].iov_len =
		(size_t)(r->batch - (r->gso_msgs - 1) * r->gso_segs) *
		r->payload;
	return 0;
}

static int bare_gso_send(struct io_run *r)
{
	return send_all(r->tx_fd, r->tx_h, r->gso_msgs);
}

/* gro_size finds the UDP_GRO segment size in one received header. */
static unsigned gro_size(const struct msghdr *m)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c != NULL;
	     c = CMSG_NXTHDR((struct msghdr *)m, c)) {
		if (c->cmsg_level == SOL_UDP && c->cmsg_type == UDP_GRO &&
		    c->cmsg_len >= CMSG_LEN(sizeof(int))) {
			int v;

			memcpy(&v, CMSG_DATA(c), sizeof(v));
			return v > 0 ? (unsigned)v : 0;
		}
	}
	return 0;
}

static long bare_gso_recv(struct io_run *r)
{
	unsigned got = 0;

	while (got < r->batch) {
		int n;

		/* The kernel rewrites these; a GRO read needs them back. */
		for (unsigned i = 0; i < IO_GSO_MAX_MSGS; i++) {
			r->rx_h[i].msg_hdr.msg_control = r->rx_cmsg[i];
			r->rx_h[i].msg_hdr.msg_controllen = IO_CMSG_ROOM;
		}
		n = recvmmsg(r->rx_fd, r->rx_h, IO_GSO_MAX_MSGS, MSG_WAITFORONE,
			     NULL);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return errno == EAGAIN ? (long)got : -errno;
		}
		for (int i = 0; i < n; i++) {
			got += io_count_segments(r->rx_h[i].msg_len,
						 gro_size(&r->rx_h[i].msg_hdr));
		}
		r->gro_datagrams += (uint64_t)n;
	}
	return got;
}

const struct io_impl io_bare_gso = {
	"bare-gso", 1, bare_gso_setup, bare_gso_send, bare_gso_recv,
};
