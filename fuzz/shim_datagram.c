/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/shim_datagram.c - arbitrary datagrams through a real socket into
 * the socket layer's reads.
 *
 * Two UDP sockets on 127.0.0.1, made once: the input's datagrams are sent
 * from one to the other, with the TTL and TOS the input picks, and read
 * back by the library through the real recvmsg and recvmmsg of the
 * kernel, with the control flags the input picks:
 *   - ipv4_packet_conn_read_from, one call per datagram;
 *   - the same on a connection marked raw (the shim strips what it takes
 *     for an IPv4 header: a UDP socket delivers arbitrary bytes, where a
 *     raw socket would need CAP_NET_RAW and deliver only real headers);
 *   - ipv4_raw_conn_read_from on that socket (the header parsed);
 *   - ipv4_packet_conn_read_batch, in batches of the size the input picks.
 * (A socketpair would not do: AF_UNIX datagrams carry no IPv4 control data
 * and the library refuses a socket that is not AF_INET.)
 *
 * Input: operation, buffer length, batch length, control flags, TTL, TOS,
 * then datagrams, each a 16-bit length and its bytes.
 *
 * Checked for every datagram: it arrives exactly once, in order, with its
 * bytes (as many as the buffer holds), its whole length, ETRUNC when and
 * only when it was cut, the sender's address, and the TTL, TOS and
 * destination the control flags ask for; the raw views agree with
 * ipv4_header_parse of the same bytes; and when the datagrams are read the
 * socket is empty (a read with a passed deadline times out).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz/fuzz.h"
#include "ipv4/conn.h"
#include "ipv4/control.h"
#include "ipv4/header.h"
#include "ipv4/io.h"
#include "ipv4/sockopt.h"

#define MAX_DATAGRAMS 32
#define MAX_DATAGRAM 1500
#define MAX_BUF 1600
#define NS_PER_SEC 1000000000LL

/* What the input sends; views into the input. */
struct datagram {
	const uint8_t *bytes;
	size_t len;
};

static struct {
	int rx;
	int tx;
	struct sockaddr_in rx_addr;
	struct sockaddr_in tx_addr;
} s = { -1, -1, { 0 }, { 0 } };

static void die(const char *what)
{
	perror(what);
	abort();
}

static int bound_udp(struct sockaddr_in *out)
{
	socklen_t len = sizeof(*out);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0) {
		die("shim_datagram: socket");
	}
	memset(out, 0, sizeof(*out));
	out->sin_family = AF_INET;
	out->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)out, sizeof(*out)) != 0 ||
	    getsockname(fd, (struct sockaddr *)out, &len) != 0) {
		die("shim_datagram: bind");
	}
	return fd;
}

static void sockets(void)
{
	int big = 1 << 20;

	if (s.rx >= 0) {
		return;
	}
	s.rx = bound_udp(&s.rx_addr);
	s.tx = bound_udp(&s.tx_addr);
	/* room for every datagram of one input */
	(void)setsockopt(s.rx, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	if (connect(s.tx, (struct sockaddr *)&s.rx_addr, sizeof(s.rx_addr)) !=
	    0) {
		die("shim_datagram: connect");
	}
}

static void send_all(const struct datagram *d, size_t num, int ttl, int tos)
{
	if (setsockopt(s.tx, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) != 0 ||
	    setsockopt(s.tx, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)) != 0) {
		die("shim_datagram: setsockopt");
	}
	for (size_t i = 0; i < num; i++) {
		ssize_t n;

		do {
			n = send(s.tx, d[i].bytes, d[i].len, 0);
		} while (n < 0 && errno == EINTR);
		if (n < 0 || (size_t)n != d[i].len) {
			die("shim_datagram: send");
		}
	}
}

/* The receive flags a UDP socket on loopback can report. */
#define FLAGS_TRIED                                                            \
	(IPV4_FLAG_TTL | IPV4_FLAG_TOS | IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | \
	 IPV4_FLAG_SPEC_DST)

struct expect {
	unsigned flags;
	int ttl;
	int tos;
};

/* check_cm: the control data says what was sent, as far as asked. */
static void check_cm(const struct ipv4_control_message *cm,
		     const struct expect *e)
{
	unsigned want = e->flags;

	/* one IP_PKTINFO serves the destination, interface and spec_dst */
	if ((want & IPV4_FLAG_PKTINFO_GROUP) != 0) {
		want |= IPV4_FLAG_DST | IPV4_FLAG_INTERFACE |
			IPV4_FLAG_SPEC_DST;
	}
	FUZZ_CHECK(!cm->truncated);
	FUZZ_CHECK(cm->flags == want);
	if ((e->flags & IPV4_FLAG_TTL) != 0) {
		FUZZ_CHECK(cm->ttl == e->ttl);
	}
	if ((e->flags & IPV4_FLAG_TOS) != 0) {
		FUZZ_CHECK(cm->tos == e->tos);
	}
	if ((e->flags & IPV4_FLAG_DST) != 0) {
		FUZZ_CHECK(cm->dst.s_addr == s.rx_addr.sin_addr.s_addr);
	}
	if ((e->flags & IPV4_FLAG_INTERFACE) != 0) {
		FUZZ_CHECK(cm->ifindex > 0);
	}
}

static void check_src(const struct sockaddr_in *src)
{
	FUZZ_CHECK(src->sin_family == AF_INET);
	FUZZ_CHECK(src->sin_port == s.tx_addr.sin_port);
	FUZZ_CHECK(src->sin_addr.s_addr == s.tx_addr.sin_addr.s_addr);
}

static uint8_t buf[MAX_BUF];

static void read_one(struct ipv4_packet_conn *c, const struct datagram *d,
		     size_t buf_len, const struct expect *e)
{
	struct ipv4_control_message cm;
	struct sockaddr_in src;
	int rc = ipv4_packet_conn_read_from(c, buf, buf_len, &cm, &src);
	bool cut = d->len > buf_len;

	FUZZ_CHECK(rc >= 0 || rc == IPV4_ETRUNC);
	FUZZ_CHECK((rc == IPV4_ETRUNC) == cut);
	FUZZ_CHECK(rc < 0 || (size_t)rc == d->len);
	FUZZ_CHECK(memcmp(buf, d->bytes, cut ? buf_len : d->len) == 0);
	check_src(&src);
	check_cm(&cm, e);
}

/* as_raw_expect: what a read on a connection marked raw makes of d. */
static int as_raw_expect(const struct datagram *d, size_t buf_len,
			 size_t *out_payload)
{
	size_t n = d->len < buf_len + IPV4_HEADER_LEN
			   ? d->len
			   : buf_len + IPV4_HEADER_LEN;
	size_t hdr_len;

	*out_payload = 0;
	if (n < IPV4_HEADER_LEN) {
		return IPV4_ESHORT;
	}
	hdr_len = (size_t)(d->bytes[0] & 0x0f) * 4;
	if (hdr_len < IPV4_HEADER_LEN) {
		return IPV4_EIHL;
	}
	if (n < hdr_len) {
		return d->len > n ? IPV4_ETRUNC : IPV4_EEXTSHORT;
	}
	*out_payload = n - hdr_len;
	return d->len > n ? IPV4_ETRUNC : (int)(n - hdr_len);
}

static void read_one_as_raw(struct ipv4_packet_conn *c,
			    const struct datagram *d, size_t buf_len,
			    const struct expect *e)
{
	struct ipv4_control_message cm;
	struct sockaddr_in src;
	int rc = ipv4_packet_conn_read_from(c, buf, buf_len, &cm, &src);
	size_t payload = 0;
	int want = as_raw_expect(d, buf_len, &payload);

	FUZZ_CHECK(rc == want);
	if (rc >= 0 || rc == IPV4_ETRUNC) {
		size_t hdr_len = (size_t)(d->bytes[0] & 0x0f) * 4;

		FUZZ_CHECK(payload == 0 ||
			   memcmp(buf, d->bytes + hdr_len, payload) == 0);
		check_src(&src);
		check_cm(&cm, e);
	}
}

static void raw_read_one(struct ipv4_raw_conn *c, const struct datagram *d,
			 size_t buf_len, const struct expect *e)
{
	struct ipv4_control_message cm;
	struct ipv4_header h;
	struct ipv4_header want;
	const uint8_t *payload = NULL;
	size_t payload_len = 0;
	size_t n = d->len < buf_len ? d->len : buf_len;
	int rc = ipv4_raw_conn_read_from(c, buf, buf_len, &h, &payload,
					 &payload_len, &cm);
	int prc = ipv4_header_parse(&want, d->bytes, n, IPV4_FORMAT_NATIVE);

	if (prc != 0) {
		FUZZ_CHECK(rc == prc);
		return;
	}
	FUZZ_CHECK((rc == IPV4_ETRUNC) == (d->len > buf_len));
	FUZZ_CHECK(rc < 0 || (size_t)rc == d->len);
	FUZZ_CHECK(memcmp(&h, &want, sizeof(h)) == 0);
	FUZZ_CHECK(payload == buf + want.len && payload_len == n - want.len);
	FUZZ_CHECK(memcmp(buf, d->bytes, n) == 0);
	check_cm(&cm, e);
}

static uint8_t batch_bufs[MAX_DATAGRAMS][MAX_BUF];
static uint8_t batch_oob[MAX_DATAGRAMS][256];

static void read_batches(struct ipv4_packet_conn *c, const struct datagram *d,
			 size_t num, size_t buf_len, size_t batch,
			 const struct expect *e)
{
	struct iovec iov[MAX_DATAGRAMS];
	struct ipv4_message ms[MAX_DATAGRAMS];
	size_t done = 0;

	while (done < num) {
		int rc;

		memset(ms, 0, sizeof(ms));
		for (size_t i = 0; i < batch; i++) {
			iov[i] = (struct iovec){ batch_bufs[i], buf_len };
			ms[i].buffers = &iov[i];
			ms[i].num_buffers = 1;
			ms[i].oob = batch_oob[i];
			ms[i].oob_len = sizeof(batch_oob[i]);
		}
		rc = ipv4_packet_conn_read_batch(c, ms, batch, 0);
		FUZZ_CHECK(rc > 0 && (size_t)rc <= batch);
		FUZZ_CHECK(done + (size_t)rc <= num); /* nothing extra */
		for (size_t i = 0; i < (size_t)rc; i++) {
			const struct datagram *want = &d[done + i];
			struct ipv4_control_message cm;
			size_t n = want->len < buf_len ? want->len : buf_len;

			FUZZ_CHECK(ms[i].datagram_len == want->len);
			FUZZ_CHECK(ms[i].n == n);
			FUZZ_CHECK(((ms[i].flags & MSG_TRUNC) != 0) ==
				   (want->len > buf_len));
			FUZZ_CHECK(memcmp(batch_bufs[i], want->bytes, n) == 0);
			check_src(&ms[i].addr);
			if (e->flags != 0) {
				FUZZ_CHECK(ipv4_control_message_parse(
						   &cm, batch_oob[i], ms[i].nn,
						   IPV4_CMSG_FORMAT_NATIVE) ==
					   0);
				check_cm(&cm, e);
			} else {
				FUZZ_CHECK(ms[i].nn == 0);
			}
		}
		done += (size_t)rc;
	}
}

/* check_empty: the socket holds nothing more. */
static void check_empty(struct ipv4_packet_conn *c)
{
	int rc;

	FUZZ_CHECK(ipv4_packet_conn_set_read_deadline(c, 1) == 0);
	rc = ipv4_packet_conn_read_from(c, buf, sizeof(buf), NULL, NULL);
	FUZZ_CHECK(rc == IPV4_ETIMEOUT);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	uint8_t op = fuzz_u8(&in) % 4;
	size_t buf_len = fuzz_u16(&in) % (MAX_BUF + 1);
	size_t batch = 1 + fuzz_u8(&in) % MAX_DATAGRAMS;
	unsigned flags = fuzz_u8(&in) & FLAGS_TRIED;
	struct expect e = { flags, 0, 0 };
	struct datagram d[MAX_DATAGRAMS];
	size_t num = 0;
	struct ipv4_packet_conn c;
	struct ipv4_raw_conn rc;

	e.ttl = 1 + fuzz_u8(&in) % 255;
	e.tos = fuzz_u8(&in);
	while (in.len > 0 && num < MAX_DATAGRAMS) {
		size_t len = fuzz_u16(&in) % (MAX_DATAGRAM + 1);

		d[num].bytes = fuzz_bytes(&in, len, &d[num].len);
		num++;
	}
	sockets();
	FUZZ_CHECK(ipv4_packet_conn_init(&c, s.rx) == 0);
	FUZZ_CHECK(ipv4_packet_conn_set_control_message(&c, FLAGS_TRIED, 0) ==
		   0);
	if (flags != 0) {
		FUZZ_CHECK(ipv4_packet_conn_set_control_message(&c, flags, 1) ==
			   0);
	}
	/* Loopback delivers before send returns; the deadline only keeps a
	 * lost datagram from hanging the harness (it would fail a check). */
	FUZZ_CHECK(ipv4_packet_conn_set_read_deadline(
			   &c, ipv4_monotonic_ns() + 2 * NS_PER_SEC) == 0);
	send_all(d, num, e.ttl, e.tos);
	if (op == 1 || op == 2) {
		/* a raw socket's reads, on the bytes a UDP socket delivers */
		c.sock_type = SOCK_RAW;
	}
	rc.pc = c;
	switch (op) {
	case 0:
		for (size_t i = 0; i < num; i++) {
			read_one(&c, &d[i], buf_len, &e);
		}
		break;
	case 1:
		for (size_t i = 0; i < num; i++) {
			read_one_as_raw(&c, &d[i], buf_len, &e);
		}
		break;
	case 2:
		for (size_t i = 0; i < num; i++) {
			raw_read_one(&rc, &d[i], buf_len, &e);
		}
		break;
	default:
		read_batches(&c, d, num, buf_len, batch, &e);
		break;
	}
	check_empty(&c);
	return 0;
}
