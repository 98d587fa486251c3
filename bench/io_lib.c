/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/io_lib.c - the same rounds through libipv4: WriteBatch and
 * ReadBatch, WriteTo and ReadFrom one message at a time, and UDP GSO with
 * GRO on receive (segment size set once with ipv4_packet_conn_set_gso_size,
 * the GRO segment size parsed from each datagram's control data with
 * ipv4_control_message_parse, as an application would).
 */
#include "bench/io_bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "ipv4/control.h"
#include "ipv4/sockopt.h"

static int lib_conns(struct io_run *r)
{
	int rc = ipv4_packet_conn_init(&r->tx_c, r->tx_fd);

	if (rc == 0) {
		rc = ipv4_packet_conn_init(&r->rx_c, r->rx_fd);
	}
	if (rc != 0) {
		fprintf(stderr, "io_bench: ipv4_packet_conn_init: %s\n",
			ipv4_strerror(rc));
		return -EINVAL;
	}
	return 0;
}

/* lib_messages points the messages at the payload and the buffers. */
static void lib_messages(struct io_run *r, size_t rx_len, unsigned num_tx,
			 unsigned num_rx)
{
	r->tx_iov[0] = (struct iovec){ r->tx_data, r->payload };
	for (unsigned i = 0; i < num_tx; i++) {
		r->tx_m[i] = (struct ipv4_message){
			.buffers = &r->tx_iov[0],
			.num_buffers = 1,
			.addr = r->dst,
		};
	}
	for (unsigned i = 0; i < num_rx; i++) {
		r->rx_iov[i] = (struct iovec){ r->rx_data + i * rx_len,
					       rx_len };
		r->rx_m[i] = (struct ipv4_message){
			.buffers = &r->rx_iov[i],
			.num_buffers = 1,
		};
	}
}

static int lib_batch_setup(struct io_run *r)
{
	int rc = lib_conns(r);

	if (rc == 0) {
		lib_messages(r, IO_RX_BUF, r->batch, r->batch);
	}
	return rc;
}

static int lib_batch_send(struct io_run *r)
{
	unsigned done = 0;

	while (done < r->batch) {
		int n = ipv4_packet_conn_write_batch(&r->tx_c, r->tx_m + done,
						     r->batch - done, 0);

		if (n < 0) {
			return n;
		}
		done += (unsigned)n;
	}
	return 0;
}

static long lib_batch_recv(struct io_run *r)
{
	unsigned got = 0;

	while (got < r->batch) {
		int n = ipv4_packet_conn_read_batch(&r->rx_c, r->rx_m + got,
						    r->batch - got, 0);

		if (n < 0) {
			return n == -EAGAIN ? (long)got : n;
		}
		got += (unsigned)n;
	}
	return got;
}

const struct io_impl io_lib_batch = {
	"lib-batch", 0, lib_batch_setup, lib_batch_send, lib_batch_recv,
};

static int lib_single_send(struct io_run *r)
{
	for (unsigned i = 0; i < r->batch; i++) {
		int n = ipv4_packet_conn_write_to(&r->tx_c, r->tx_data,
						  r->payload, NULL, &r->dst);

		if (n < 0) {
			return n;
		}
	}
	return 0;
}

static long lib_single_recv(struct io_run *r)
{
	struct ipv4_control_message cm;
	struct sockaddr_in src;

	for (unsigned got = 0; got < r->batch; got++) {
		int n = ipv4_packet_conn_read_from(&r->rx_c,
						   r->rx_iov[got].iov_base,
						   IO_RX_BUF, &cm, &src);

		if (n < 0) {
			return n == -EAGAIN ? (long)got : n;
		}
	}
	return r->batch;
}

const struct io_impl io_lib_single = {
	"lib-single", 0, lib_batch_setup, lib_single_send, lib_single_recv,
};

static int lib_gso_setup(struct io_run *r)
{
	int size = ipv4_control_message_recv_space(IPV4_FLAG_GRO,
						   IPV4_CMSG_FORMAT_NATIVE);
	int rc = lib_conns(r);

	if (rc != 0) {
		return rc;
	}
	if (size < 0 || size > IO_CMSG_ROOM) {
		return -ENOBUFS;
	}
	io_gso_plan(r);
	rc = ipv4_packet_conn_set_gso_size(&r->tx_c, (uint16_t)r->payload);
	if (rc == 0) {
		rc = ipv4_packet_conn_set_control_message(&r->rx_c,
							  IPV4_FLAG_GRO, true);
	}
	if (rc != 0) {
		return rc;
	}
	lib_messages(r, IO_GSO_RX_BUF, r->gso_msgs, IO_GSO_MAX_MSGS);
	for (unsigned i = 0; i < r->gso_msgs; i++) {
		size_t segs = i + 1 < r->gso_msgs ? r->gso_segs
						  : r->batch - i * r->gso_segs;

		r->tx_iov[i] = (struct iovec){ r->tx_data, segs * r->payload };
		r->tx_m[i].buffers = &r->tx_iov[i];
	}
	for (unsigned i = 0; i < IO_GSO_MAX_MSGS; i++) {
		r->rx_m[i].oob = r->rx_cmsg[i];
		r->rx_m[i].oob_len = (size_t)size;
	}
	return 0;
}

static int lib_gso_send(struct io_run *r)
{
	unsigned done = 0;

	while (done < r->gso_msgs) {
		int n = ipv4_packet_conn_write_batch(&r->tx_c, r->tx_m + done,
						     r->gso_msgs - done, 0);

		if (n < 0) {
			return n;
		}
		done += (unsigned)n;
	}
	return 0;
}

static long lib_gso_recv(struct io_run *r)
{
	struct ipv4_control_message cm;
	unsigned got = 0;

	while (got < r->batch) {
		int n = ipv4_packet_conn_read_batch(&r->rx_c, r->rx_m,
						    IO_GSO_MAX_MSGS, 0);

		if (n < 0) {
			return n == -EAGAIN ? (long)got : n;
		}
		for (int i = 0; i < n; i++) {
			const struct ipv4_message *m = &r->rx_m[i];
			int rc = ipv4_control_message_parse(
				&cm, m->oob, m->nn, IPV4_CMSG_FORMAT_NATIVE);

			if (rc != 0) {
				return -EPROTO;
			}
			got += io_count_segments(m->n,
						 (cm.flags & IPV4_FLAG_GRO) != 0
							 ? cm.gro_size
							 : 0);
		}
		r->gro_datagrams += (uint64_t)n;
	}
	return got;
}

const struct io_impl io_lib_gso = {
	"lib-gso", 1, lib_gso_setup, lib_gso_send, lib_gso_recv,
};

/*
 * Batch offload (io.h): the same rounds of `batch` messages of `payload`
 * bytes, one message each to the receiver, sent and read through
 * write_batch and read_batch with IPV4_BATCH_COALESCE on the sender
 * (lib-coalesce: the receiver reads plainly, GRO off, so the kernel cuts
 * the GSO datagrams on arrival), IPV4_BATCH_SPLIT on the receiver
 * (lib-split: a plain sender), or both (lib-both). lib-split and lib-both
 * share the GSO pair, whose receiver has UDP_GRO on; lib-coalesce the plain
 * pair, beside bare-batch. Each has connections (and a split space) of
 * its own on the pair's sockets, so that its offload settings touch no
 * other implementation of the group.
 */
#define OFF_SPLIT_SLOTS 64

enum {
	OFF_COALESCE,
	OFF_SPLIT,
	OFF_BOTH,
	OFF_NUM
};

struct off_state {
	struct ipv4_packet_conn tx;
	struct ipv4_packet_conn rx;
	struct iovec tx_iov;
	struct iovec rx_iov[IO_MAX_BATCH];
	struct ipv4_message tx_m[IO_MAX_BATCH];
	struct ipv4_message rx_m[IO_MAX_BATCH];
	uint8_t rx_data[IO_MAX_BATCH][IO_RX_BUF];
	void *space; /* the split space: allocated once, as an application would */
};

static struct off_state offs[OFF_NUM];

static int off_setup(struct off_state *off, struct io_run *r, unsigned tx_flags,
		     unsigned rx_flags)
{
	size_t len = ipv4_batch_split_space(OFF_SPLIT_SLOTS);
	int rc;

	if (off->space == NULL) {
		off->space = aligned_alloc(64, (len + 63) / 64 * 64);
		if (off->space == NULL) {
			return -ENOMEM;
		}
	}
	rc = ipv4_packet_conn_init(&off->tx, r->tx_fd);
	if (rc == 0) {
		rc = ipv4_packet_conn_init(&off->rx, r->rx_fd);
	}
	if (rc == 0) {
		rc = ipv4_packet_conn_set_batch_offload(&off->tx, tx_flags,
							NULL, 0);
	}
	if (rc == 0 && rx_flags != 0) {
		rc = ipv4_packet_conn_set_batch_offload(&off->rx, rx_flags,
							off->space, len);
	}
	if (rc != 0) {
		return rc;
	}
	if (ipv4_packet_conn_batch_offload(&off->tx) != (int)tx_flags ||
	    ipv4_packet_conn_batch_offload(&off->rx) != (int)rx_flags) {
		return -EOPNOTSUPP; /* the kernel lacks GSO or GRO */
	}
	off->tx_iov = (struct iovec){ r->tx_data, r->payload };
	for (unsigned i = 0; i < r->batch; i++) {
		off->tx_m[i] = (struct ipv4_message){
			.buffers = &off->tx_iov,
			.num_buffers = 1,
			.addr = r->dst,
		};
		off->rx_iov[i] = (struct iovec){ off->rx_data[i], IO_RX_BUF };
		off->rx_m[i] = (struct ipv4_message){
			.buffers = &off->rx_iov[i],
			.num_buffers = 1,
		};
	}
	return 0;
}

static int off_send(struct off_state *off, const struct io_run *r)
{
	unsigned done = 0;

	while (done < r->batch) {
		int n = ipv4_packet_conn_write_batch(&off->tx, off->tx_m + done,
						     r->batch - done, 0);

		if (n < 0) {
			return n;
		}
		done += (unsigned)n;
	}
	return 0;
}

static long off_recv(struct off_state *off, const struct io_run *r)
{
	unsigned got = 0;

	while (got < r->batch) {
		int n = ipv4_packet_conn_read_batch(&off->rx, off->rx_m + got,
						    r->batch - got, 0);

		if (n < 0) {
			return n == -EAGAIN ? (long)got : n;
		}
		for (int i = 0; i < n; i++) {
			if (off->rx_m[got + (unsigned)i].datagram_len !=
			    r->payload) {
				return -EPROTO;
			}
		}
		got += (unsigned)n;
	}
	return got;
}

static int coalesce_setup(struct io_run *r)
{
	return off_setup(&offs[OFF_COALESCE], r, IPV4_BATCH_COALESCE, 0);
}

static int coalesce_send(struct io_run *r)
{
	return off_send(&offs[OFF_COALESCE], r);
}

static long coalesce_recv(struct io_run *r)
{
	return off_recv(&offs[OFF_COALESCE], r);
}

static int split_setup(struct io_run *r)
{
	return off_setup(&offs[OFF_SPLIT], r, 0, IPV4_BATCH_SPLIT);
}

static int split_send(struct io_run *r)
{
	return off_send(&offs[OFF_SPLIT], r);
}

static long split_recv(struct io_run *r)
{
	return off_recv(&offs[OFF_SPLIT], r);
}

static int both_setup(struct io_run *r)
{
	return off_setup(&offs[OFF_BOTH], r, IPV4_BATCH_COALESCE,
			 IPV4_BATCH_SPLIT);
}

static int both_send(struct io_run *r)
{
	return off_send(&offs[OFF_BOTH], r);
}

static long both_recv(struct io_run *r)
{
	return off_recv(&offs[OFF_BOTH], r);
}

const struct io_impl io_lib_coalesce = {
	"lib-coalesce", 0, coalesce_setup, coalesce_send, coalesce_recv,
};

const struct io_impl io_lib_split = {
	"lib-split", 1, split_setup, split_send, split_recv,
};

const struct io_impl io_lib_both = {
	"lib-both", 1, both_setup, both_send, both_recv,
};
