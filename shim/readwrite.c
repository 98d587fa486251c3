/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/readwrite.c - ReadFrom and WriteTo of a packet connection: one
 * datagram's payload, its control message and its peer.
 *
 * On a raw socket the kernel delivers the IPv4 header too. Like Go, the
 * read takes the fixed 20 bytes into a separate buffer, so that the caller's
 * buffer receives the payload in place, and only when the header carries
 * options (which land at the start of the caller's buffer) moves the
 * payload down over them.
 */
#include "ipv4/io.h"

#include <string.h>

#include "shim/io_internal.h"

static void zero_outputs(struct ipv4_control_message *out_cm,
			 struct sockaddr_in *out_src)
{
	if (out_cm != NULL) {
		memset(out_cm, 0, sizeof(*out_cm));
	}
	if (out_src != NULL) {
		memset(out_src, 0, sizeof(*out_src));
	}
}

/*
 * strip_header drops the header from a raw read of rx, hdr (20 bytes) then
 * buf: returns the payload bytes left at the start of buf, or a header
 * error. Options cut off by a short buf leave no payload (the read is
 * reported truncated), not an error.
 */
static long strip_header(const struct shim_rx *rx, const uint8_t *hdr,
			 uint8_t *buf)
{
	size_t n = rx->n;
	size_t hdr_len = (size_t)(hdr[0] & 0x0f) * 4;

	if (n < IPV4_HEADER_LEN) {
		return IPV4_ESHORT;
	}
	if (hdr_len < IPV4_HEADER_LEN) {
		return IPV4_EIHL;
	}
	if (n < hdr_len) {
		return rx->datagram_len > n ? 0 : IPV4_EEXTSHORT;
	}
	if (hdr_len > IPV4_HEADER_LEN) {
		memmove(buf, buf + (hdr_len - IPV4_HEADER_LEN), n - hdr_len);
	}
	return (long)(n - hdr_len);
}

/* receive fills rx with one datagram into buf, after hdr when raw. */
static int receive(struct ipv4_packet_conn *c, int fd, struct shim_rx *rx,
		   uint8_t *hdr, uint8_t *buf, size_t buf_len, int raw)
{
	rx->num_iov = 0;
	if (raw) {
		rx->iov[rx->num_iov++] = (struct iovec){ hdr, IPV4_HEADER_LEN };
	}
	rx->iov[rx->num_iov++] = (struct iovec){ buf, buf_len };
	rx->want_cm = __atomic_load_n(&c->cm_flags, __ATOMIC_RELAXED);
	rx->extra_flags = 0;
	return ipv4__shim_recv(c, fd, rx);
}

int ipv4_packet_conn_read_from(struct ipv4_packet_conn *c, void *buf,
			       size_t buf_len,
			       struct ipv4_control_message *out_cm,
			       struct sockaddr_in *out_src)
{
	uint8_t hdr[IPV4_HEADER_LEN];
	struct shim_rx rx;
	long n;
	int raw;
	int fd;
	int rc;

	zero_outputs(out_cm, out_src);
	if (buf == NULL && buf_len > 0) {
		return IPV4_EINVAL;
	}
	fd = ipv4__conn_enter(c);
	if (fd < 0) {
		return fd;
	}
	raw = c->sock_type == SOCK_RAW;
	rc = receive(c, fd, &rx, hdr, buf, buf_len, raw);
	ipv4__conn_leave(c);
	if (rc != 0) {
		return rc;
	}
	n = raw ? strip_header(&rx, hdr, buf) : (long)rx.n;
	rc = n < 0 ? (int)n : ipv4__shim_rx_finish(&rx, out_cm, out_src);
	if (rc != 0 && rc != IPV4_ETRUNC) {
		zero_outputs(out_cm, out_src);
		return rc;
	}
	return rc != 0 ? rc : (int)n;
}

int ipv4_packet_conn_write_to(struct ipv4_packet_conn *c, const void *buf,
			      size_t len, const struct ipv4_control_message *cm,
			      const struct sockaddr_in *dst)
{
	struct shim_tx tx;
	long n;
	int fd;

	if (buf == NULL && len > 0) {
		return IPV4_EINVAL;
	}
	fd = ipv4__conn_enter(c);
	if (fd < 0) {
		return fd;
	}
	n = ipv4__shim_tx_address(&tx, dst);
	if (n == 0) {
		n = ipv4__shim_tx_control(&tx, fd, cm);
	}
	if (n == 0) {
		tx.iov[0] = ipv4__shim_send_iov(buf, len);
		tx.num_iov = 1;
		n = ipv4__shim_send(c, fd, &tx);
	}
	ipv4__conn_leave(c);
	return (int)n;
}
