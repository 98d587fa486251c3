/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/raw.c - ReadFrom and WriteTo of a raw connection: whole IPv4
 * packets, the header parsed on the way in and marshalled on the way out.
 *
 * A write hands the marshalled header and the caller's payload to the
 * kernel as two iovecs; the payload is never copied.
 */
#include "ipv4/io.h"

#include <string.h>

#include "shim/io_internal.h"

static void zero_outputs(struct ipv4_header *out_h, const uint8_t **out_payload,
			 size_t *out_payload_len,
			 struct ipv4_control_message *out_cm)
{
	if (out_h != NULL) {
		memset(out_h, 0, sizeof(*out_h));
	}
	if (out_payload != NULL) {
		*out_payload = NULL;
	}
	if (out_payload_len != NULL) {
		*out_payload_len = 0;
	}
	if (out_cm != NULL) {
		memset(out_cm, 0, sizeof(*out_cm));
	}
}

/* parse_packet splits buf[0..n) into *out_h and the payload view. */
static int parse_packet(const uint8_t *buf, size_t n, struct ipv4_header *out_h,
			const uint8_t **out_payload, size_t *out_payload_len)
{
	int rc = ipv4_header_parse(out_h, buf, n, IPV4_FORMAT_NATIVE);

	if (rc != 0) {
		return rc;
	}
	*out_payload = buf + out_h->len;
	*out_payload_len = n - out_h->len;
	return 0;
}

int ipv4_raw_conn_read_from(struct ipv4_raw_conn *c, void *buf, size_t buf_len,
			    struct ipv4_header *out_h,
			    const uint8_t **out_payload,
			    size_t *out_payload_len,
			    struct ipv4_control_message *out_cm)
{
	struct shim_rx rx;
	int fd;
	int rc;

	zero_outputs(out_h, out_payload, out_payload_len, out_cm);
	if (c == NULL || buf == NULL || out_h == NULL || out_payload == NULL ||
	    out_payload_len == NULL) {
		return IPV4_EINVAL;
	}
	fd = ipv4__conn_enter(&c->pc);
	if (fd < 0) {
		return fd;
	}
	rx.iov[0] = (struct iovec){ buf, buf_len };
	rx.num_iov = 1;
	rx.want_cm = __atomic_load_n(&c->pc.cm_flags, __ATOMIC_RELAXED);
	rx.extra_flags = 0;
	rc = ipv4__shim_recv(&c->pc, fd, &rx);
	ipv4__conn_leave(&c->pc);
	if (rc == 0) {
		rc = parse_packet(buf, rx.n, out_h, out_payload,
				  out_payload_len);
	}
	if (rc == 0) {
		rc = ipv4__shim_rx_finish(&rx, out_cm, NULL);
	}
	if (rc != 0 && rc != IPV4_ETRUNC) {
		zero_outputs(out_h, out_payload, out_payload_len, out_cm);
		return rc;
	}
	return rc != 0 ? rc : (int)rx.n;
}

/*
 * marshal_header writes h into hdr (IPV4_MAX_HEADER_LEN bytes) after
 * checking that its total length describes this packet.
 */
static int marshal_header(const struct ipv4_header *h, size_t payload_len,
			  uint8_t *hdr, size_t *out_len)
{
	int rc = ipv4_header_marshal(h, IPV4_FORMAT_NATIVE, hdr,
				     IPV4_MAX_HEADER_LEN, out_len);

	if (rc != 0) {
		return rc;
	}
	if (payload_len > UINT16_MAX ||
	    (size_t)h->total_len != (size_t)h->len + payload_len) {
		return IPV4_ETOTALLEN;
	}
	return 0;
}

int ipv4_raw_conn_write_to(struct ipv4_raw_conn *c, const struct ipv4_header *h,
			   const void *payload, size_t payload_len,
			   const struct ipv4_control_message *cm)
{
	uint8_t hdr[IPV4_MAX_HEADER_LEN];
	struct sockaddr_in dst = { .sin_family = AF_INET };
	struct shim_tx tx;
	size_t hdr_len = 0;
	long n;
	int fd;

	if (c == NULL || h == NULL || (payload == NULL && payload_len > 0)) {
		return IPV4_EINVAL;
	}
	dst.sin_addr = h->dst;
	n = marshal_header(h, payload_len, hdr, &hdr_len);
	if (n == 0) {
		n = ipv4__shim_tx_address(&tx, &dst);
	}
	if (n != 0) {
		return (int)n;
	}
	fd = ipv4__conn_enter(&c->pc);
	if (fd < 0) {
		return fd;
	}
	n = ipv4__shim_tx_control(&tx, fd, cm);
	if (n == 0) {
		tx.iov[0] = (struct iovec){ hdr, hdr_len };
		tx.iov[1] = ipv4__shim_send_iov(payload, payload_len);
		tx.num_iov = 2;
		n = ipv4__shim_send(&c->pc, fd, &tx);
	}
	ipv4__conn_leave(&c->pc);
	return (int)n;
}
