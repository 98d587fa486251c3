/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_io.c - what io.h promises beyond Go, on a real link:
 * truncation reported rather than hidden, read deadlines, UDP GSO on send
 * and GRO on receive.
 */
#include <errno.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "netns-tests/case_list.h"
#include "netns-tests/drive.h"
#include "netns-tests/drive_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

enum {
	BIG = 100,
	SEGMENT = 100,
	SUPER = 1000
};

/* pattern fills buf with bytes that say where they are. */
static void pattern(uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		buf[i] = (uint8_t)(i * 7 + 3);
	}
}

int case_io_truncation(struct nt_ctx *c)
{
	struct ipv4_packet_conn pc;
	struct ipv4_message m;
	struct iovec iov;
	struct sockaddr_in src;
	uint8_t sent[BIG];
	uint8_t small[10];
	int fa = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	int rc;
	int n;

	pattern(sent, sizeof(sent));
	if (fa < 0 || nt_check(c,
			       nt_lib_udp(c->topo, NT_H, nt_addr(NT_S0),
					  nt_port(c, 0), false, &pc),
			       "UDP socket on h") != NT_PASS) {
		return NT_FAIL;
	}
	if (nt_sendto(fa, nt_addr(NT_S0), nt_port(c, 0), sent, sizeof(sent)) !=
		    0 ||
	    nt_sendto(fa, nt_addr(NT_S0), nt_port(c, 0), sent, sizeof(sent)) !=
		    0) {
		return nt_fail(c, "sending from a: %s", strerror(errno));
	}
	rc = nt_lib_read(&pc, small, sizeof(small), NT_WAIT_MS, NULL, &src);
	if (rc != IPV4_ETRUNC || memcmp(small, sent, sizeof(small)) != 0 ||
	    src.sin_addr.s_addr != nt_addr(NT_A0).s_addr) {
		return nt_fail(c,
			       "read_from a 100-byte datagram into 10 bytes: "
			       "expected IPV4_ETRUNC "
			       "with the first 10 bytes and the source; saw "
			       "%s, source %s",
			       rc < 0 ? ipv4_strerror(rc) : "success",
			       nt_ntoa(src.sin_addr));
	}
	memset(&m, 0, sizeof(m));
	iov = (struct iovec){ .iov_base = small, .iov_len = sizeof(small) };
	m.buffers = &iov;
	m.num_buffers = 1;
	ipv4_packet_conn_set_read_deadline(&pc, ipv4_monotonic_ns() +
							(int64_t)NT_WAIT_MS *
								1000000);
	n = ipv4_packet_conn_read_batch(&pc, &m, 1, 0);
	if (n != 1 || !(m.flags & MSG_TRUNC) || m.n != sizeof(small) ||
	    m.datagram_len != BIG) {
		return nt_fail(c,
			       "read_batch of a 100-byte datagram into 10 "
			       "bytes: expected 1 message "
			       "with MSG_TRUNC, n 10, datagram_len 100; saw "
			       "%d, flags %#x, n %zu, len %zu",
			       n, m.flags, m.n, m.datagram_len);
	}
	return nt_pass(c, "read_from: IPV4_ETRUNC with the first 10 bytes; "
			  "read_batch: MSG_TRUNC, "
			  "n 10, datagram_len 100");
}

int case_io_deadline(struct nt_ctx *c)
{
	struct ipv4_packet_conn pc;
	uint8_t buf[16];
	double start;
	double took;
	int rc;

	if (nt_check(c,
		     nt_lib_udp(c->topo, NT_H, nt_addr(NT_S0), nt_port(c, 0),
				false, &pc),
		     "UDP socket on h") != NT_PASS) {
		return NT_FAIL;
	}
	start = nt_now();
	rc = nt_lib_read(&pc, buf, sizeof(buf), 200, NULL, NULL);
	took = nt_now() - start;
	if (rc != IPV4_ETIMEOUT || took < 0.19 || took > 1.0) {
		return nt_fail(
			c,
			"read_from with a 200 ms deadline and nothing sent: "
			"expected "
			"IPV4_ETIMEOUT after about 0.2 s, saw %s after %.3f s",
			rc < 0 ? ipv4_strerror(rc) : "data", took);
	}
	rc = ipv4_packet_conn_set_read_deadline(&pc, ipv4_monotonic_ns() - 1);
	if (rc == 0) {
		start = nt_now();
		rc = ipv4_packet_conn_read_from(&pc, buf, sizeof(buf), NULL,
						NULL);
		took = nt_now() - start;
	}
	if (rc != IPV4_ETIMEOUT || took > 0.05) {
		return nt_fail(c,
			       "read_from with a deadline in the past: "
			       "expected IPV4_ETIMEOUT at "
			       "once, saw %s after %.3f s",
			       ipv4_strerror(rc), took);
	}
	return nt_pass(c,
		       "200 ms deadline: IPV4_ETIMEOUT after %.3f s; past "
		       "deadline: at once",
		       took);
}

/*
 * The driven forms (drive.h) of the truncation and deadline cases: h's
 * socket is the implementation's probe, handle r bound to s0's address.
 */

int drive_io_truncation(struct nt_ctx *c)
{
	uint8_t sent[BIG];
	char first[2 * 10 + 1];
	char src[32];
	char want_src[32];
	char data[64];
	char trunc[8];
	int fa = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	struct sockaddr_in from;
	socklen_t from_len = sizeof(from);
	struct nt_drv d;

	pattern(sent, sizeof(sent));
	nt_hex(sent, 10, first, sizeof(first));
	if (fa < 0 ||
	    getsockname(fa, (struct sockaddr *)&from, &from_len) != 0) {
		return nt_fail(c, "sender on a: %s",
			       strerror(fa < 0 ? -fa : errno));
	}
	snprintf(want_src, sizeof(want_src), "%s:%u", nt_ifaces[NT_A0].addr,
		 ntohs(from.sin_port));
	if (nt_drv_start(c, NT_H, &d) != NT_PASS ||
	    nt_ask(c, &d, 0, "open udp r %s:0", nt_ifaces[NT_S0].addr) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	if (nt_sendto(fa, nt_addr(NT_S0), (uint16_t)nt_answer_port(c, &d), sent,
		      sizeof(sent)) != 0 ||
	    nt_sendto(fa, nt_addr(NT_S0), (uint16_t)nt_answer_port(c, &d), sent,
		      sizeof(sent)) != 0) {
		return nt_fail(c, "sending from a: %s", strerror(errno));
	}
	if (nt_ask(c, &d, NT_WAIT_MS, "ReadFrom r 10 %d", NT_WAIT_MS) !=
	    NT_PASS) {
		return NT_FAIL;
	}
	if (!nt_answer_field(&d, "data", data, sizeof(data)) ||
	    !nt_answer_field(&d, "src", src, sizeof(src)) ||
	    !nt_answer_field(&d, "trunc", trunc, sizeof(trunc)) ||
	    strcmp(data, first) != 0 || strcmp(src, want_src) != 0 ||
	    strncmp(d.answer, "ok n=10 ", 8) != 0) {
		return nt_fail(
			c,
			"ReadFrom of a 100-byte datagram into 10 bytes: "
			"expected ok n=10 "
			"trunc=1 src=%s data=%s ..., the probe answered %s",
			want_src, first, d.answer);
	}
	if (strcmp(trunc, "0") == 0) {
		nt_differs(c, "S1",
			   "ReadFrom cut a 100-byte datagram to 10 bytes and "
			   "said trunc=0");
	} else if (strcmp(trunc, "1") != 0) {
		return nt_fail(c,
			       "ReadFrom of a cut datagram: expected trunc=1, "
			       "the probe answered %s",
			       d.answer);
	}
	if (nt_ask(c, &d, NT_WAIT_MS, "ReadBatch r 1 10 %d", NT_WAIT_MS) !=
	    NT_PASS) {
		return NT_FAIL;
	}
	snprintf(data, sizeof(data),
		 "ok 1 ; n=10 trunc=1 src=%s data=", want_src);
	if (strncmp(d.answer, data, strlen(data)) != 0 ||
	    strcmp(d.answer + strlen(data), first) != 0) {
		return nt_fail(c,
			       "ReadBatch of a 100-byte datagram into 10 "
			       "bytes: expected %s%s, the "
			       "probe answered %s",
			       data, first, d.answer);
	}
	return nt_pass(c,
		       "ReadFrom: the first 10 bytes and the source, trunc=%s; "
		       "ReadBatch: "
		       "n=10 trunc=1 (MSG_TRUNC)",
		       trunc);
}

int drive_io_deadline(struct nt_ctx *c)
{
	struct nt_drv d;
	double start;
	double took;
	double first;

	if (nt_drv_start(c, NT_H, &d) != NT_PASS ||
	    nt_ask(c, &d, 0, "open udp r %s:0", nt_ifaces[NT_S0].addr) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	start = nt_now();
	if (nt_ask_any(c, &d, 200, "ReadFrom r 16 200") != NT_PASS) {
		return NT_FAIL;
	}
	took = nt_now() - start;
	if (strcmp(d.answer, "err ETIMEOUT") != 0 || took < 0.19 ||
	    took > 1.0) {
		return nt_fail(c,
			       "ReadFrom with a 200 ms deadline and nothing "
			       "sent: expected err "
			       "ETIMEOUT after about 0.2 s, the probe answered "
			       "%s after %.3f s",
			       d.answer, took);
	}
	first = took;
	if (nt_ask(c, &d, 0, "SetReadDeadline r -1") != NT_PASS) {
		return NT_FAIL;
	}
	start = nt_now();
	if (nt_ask_any(c, &d, 0, "ReadFrom r 16 -") != NT_PASS) {
		return NT_FAIL;
	}
	took = nt_now() - start;
	if (strcmp(d.answer, "err ETIMEOUT") != 0 || took > 0.2) {
		return nt_fail(c,
			       "ReadFrom with a deadline in the past: expected "
			       "err ETIMEOUT at "
			       "once, the probe answered %s after %.3f s",
			       d.answer, took);
	}
	return nt_pass(c,
		       "200 ms deadline: err ETIMEOUT after %.3f s; past "
		       "deadline: at once",
		       first);
}

int case_io_gso_send(struct nt_ctx *c)
{
	struct ipv4_packet_conn pc;
	struct ipv4_control_message cm;
	struct sockaddr_in to = nt_sin(nt_addr(NT_A0), nt_port(c, 0));
	uint8_t super[SUPER];
	uint8_t got[SUPER];
	int fa = nt_udp(c->topo, NT_A, nt_addr(NT_A0), nt_port(c, 0), false);
	int segments = 0;
	int rc;

	pattern(super, sizeof(super));
	if (fa < 0 || nt_check(c,
			       nt_lib_udp(c->topo, NT_H, (struct in_addr){ 0 },
					  0, false, &pc),
			       "UDP socket on h") != NT_PASS) {
		return NT_FAIL;
	}
	memset(&cm, 0, sizeof(cm));
	cm.flags = IPV4_FLAG_GSO;
	cm.gso_size = SEGMENT;
	rc = ipv4_packet_conn_write_to(&pc, super, sizeof(super), &cm, &to);
	if (rc == -EOPNOTSUPP) {
		return nt_skip(c, "this kernel has no UDP GSO (write_to: %s)",
			       ipv4_strerror(rc));
	}
	if (rc != SUPER) {
		return nt_fail(c, "write_to with FLAG_GSO %d: %s", SEGMENT,
			       ipv4_strerror(rc));
	}
	for (;;) {
		struct nt_rx rx;
		ssize_t n = nt_recv(fa, got, sizeof(got),
				    segments == 0 ? NT_WAIT_MS : NT_QUIET_MS,
				    &rx);

		if (n < 0) {
			break;
		}
		if (n != SEGMENT ||
		    memcmp(got, super + segments * SEGMENT, SEGMENT) != 0) {
			return nt_fail(c,
				       "GSO segment %d: expected %d bytes of "
				       "the write in order, saw %zd "
				       "bytes",
				       segments, SEGMENT, n);
		}
		segments++;
	}
	if (segments != SUPER / SEGMENT) {
		return nt_fail(c,
			       "write_to of %d bytes with GSO size %d: "
			       "expected %d datagrams at a, "
			       "saw %d",
			       SUPER, SEGMENT, SUPER / SEGMENT, segments);
	}
	return nt_pass(c,
		       "one %d-byte write_to with FLAG_GSO %d arrived at a as "
		       "%d datagrams of %d "
		       "bytes, in order",
		       SUPER, SEGMENT, segments, SEGMENT);
}

int case_io_gro_receive(struct nt_ctx *c)
{
	struct ipv4_packet_conn pc;
	struct ipv4_control_message cm;
	uint8_t super[SUPER];
	uint8_t got[SUPER + 16];
	int fa = nt_sender(c->topo, NT_A, nt_addr(NT_A0));
	int seg = SEGMENT;
	int rc;

	pattern(super, sizeof(super));
	if (fa < 0 ||
	    setsockopt(fa, IPPROTO_UDP, UDP_SEGMENT, &seg, sizeof(seg)) != 0) {
		return nt_skip(c, "a cannot send with UDP GSO: %s",
			       strerror(fa < 0 ? -fa : errno));
	}
	if (nt_check(c,
		     nt_lib_udp(c->topo, NT_H, nt_addr(NT_S0), nt_port(c, 0),
				false, &pc),
		     "UDP socket on h") != NT_PASS) {
		return NT_FAIL;
	}
	rc = ipv4_packet_conn_set_control_message(&pc, IPV4_FLAG_GRO, true);
	if (rc == -ENOPROTOOPT) {
		return nt_skip(c, "this kernel has no UDP GRO (%s)",
			       ipv4_strerror(rc));
	}
	if (nt_check(c, rc, "set_control_message(GRO)") != NT_PASS) {
		return NT_FAIL;
	}
	if (nt_sendto(fa, nt_addr(NT_S0), nt_port(c, 0), super,
		      sizeof(super)) != 0) {
		return nt_fail(c, "GSO send from a: %s", strerror(errno));
	}
	rc = nt_lib_read(&pc, got, sizeof(got), NT_WAIT_MS, &cm, NULL);
	if (rc != SUPER || memcmp(got, super, SUPER) != 0 ||
	    !(cm.flags & IPV4_FLAG_GRO) || cm.gro_size != SEGMENT) {
		return nt_fail(c,
			       "a sent %d bytes as GSO segments of %d: "
			       "expected read_from to give "
			       "them coalesced with gro_size %d; saw %d bytes, "
			       "GRO flag %s, gro_size %u",
			       SUPER, SEGMENT, SEGMENT, rc,
			       (cm.flags & IPV4_FLAG_GRO) ? "set" : "unset",
			       cm.gro_size);
	}
	return nt_pass(c,
		       "%d bytes in %d-byte segments came out of read_from as "
		       "one datagram with "
		       "gro_size %u",
		       SUPER, SEGMENT, cm.gro_size);
}
