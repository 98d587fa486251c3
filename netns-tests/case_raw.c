/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_raw.c - whole packets through a raw connection (io.h:
 * ipv4_raw_conn_write_to and _read_from; Go's RawConn).
 *
 * h writes complete packets, its own IPv4 header included, and a raw
 * socket on the peer must receive exactly those bytes: the header fields
 * the kernel would fill in (checksum, total length, id, source) are all
 * given, so nothing may change on the way. Then h reads the echo reply a's
 * kernel sent back, and its header and payload must parse and validate.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <ipv4/header.h>
#include <ipv4/icmp.h>

#include "netns-tests/case_list.h"
#include "netns-tests/drive.h"
#include "netns-tests/drive_list.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"

enum {
	OSPF_PROTOCOL = 89,
	OSPF_HELLO_LEN = 44,
	ECHO_LEN = 16
};

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* ospf_hello builds an OSPFv2 Hello (RFC 2328 A.3.1, A.3.2) from h on
   link A: router ID 198.18.1.1, area 0, mask /24, hello 10 s, dead 40 s. */
static void ospf_hello(uint8_t out[OSPF_HELLO_LEN])
{
	struct in_addr rid = nt_addr(NT_S0);
	struct in_addr mask = nt_inaddr("255.255.255.0");

	memset(out, 0, OSPF_HELLO_LEN);
	out[0] = 2;			/* version */
	out[1] = 1;			/* type: Hello */
	put16(out + 2, OSPF_HELLO_LEN); /* packet length */
	memcpy(out + 4, &rid, 4);	/* router ID; area 0.0.0.0 */
	memcpy(out + 24, &mask, 4);	/* network mask */
	put16(out + 28, 10);		/* hello interval */
	out[30] = 0x02;			/* options: E */
	out[31] = 1;			/* router priority */
	out[35] = 40;			/* router dead interval */
	put16(out + 12, ipv4_checksum(out, OSPF_HELLO_LEN));
}

/* echo_request builds an ICMP echo request, id 0x1d4d, with seq. */
static void echo_request(uint8_t out[ECHO_LEN], uint16_t seq)
{
	memset(out, 0, ECHO_LEN);
	out[0] = IPV4_ICMP_TYPE_ECHO;
	put16(out + 4, 0x1d4d);
	put16(out + 6, seq);
	memcpy(out + 8, "libipv4!", 8);
	put16(out + 2, ipv4_checksum(out, ECHO_LEN));
}

/* header builds h's header for payload_len bytes, with its checksum. */
static int header(struct nt_ctx *c, struct ipv4_header *h, uint8_t tos,
		  uint16_t id, uint8_t ttl, uint8_t protocol, enum nt_iface src,
		  const char *dst, size_t payload_len)
{
	uint8_t wire[IPV4_MAX_HEADER_LEN];
	size_t len = 0;
	int rc;

	memset(h, 0, sizeof(*h));
	h->version = 4;
	h->len = IPV4_HEADER_LEN;
	h->tos = tos;
	h->total_len = (uint16_t)(IPV4_HEADER_LEN + payload_len);
	h->id = id;
	h->ttl = ttl;
	h->protocol = protocol;
	h->src = nt_addr(src);
	h->dst = nt_inaddr(dst);
	rc = ipv4_header_marshal(h, IPV4_FORMAT_NATIVE, wire, sizeof(wire),
				 &len);
	if (rc != 0) {
		return nt_fail(c, "header_marshal: %s", ipv4_strerror(rc));
	}
	h->checksum = ipv4_checksum(wire, len);
	return NT_PASS;
}

/* expected_bytes is what the wire must carry: the header and payload. */
static int expected_bytes(struct nt_ctx *c, const struct ipv4_header *h,
			  const uint8_t *payload, size_t payload_len,
			  uint8_t *out, size_t *out_len)
{
	size_t len = 0;
	int rc = ipv4_header_marshal(h, IPV4_FORMAT_WIRE, out,
				     IPV4_MAX_HEADER_LEN, &len);

	if (rc != 0) {
		return nt_fail(c, "header_marshal: %s", ipv4_strerror(rc));
	}
	memcpy(out + len, payload, payload_len);
	*out_len = len + payload_len;
	return NT_PASS;
}

/* compare fails, naming the first differing byte, unless got is want. */
static int compare(struct nt_ctx *c, const char *what, const uint8_t *want,
		   size_t want_len, const uint8_t *got, size_t got_len)
{
	size_t i = 0;

	while (i < want_len && i < got_len && want[i] == got[i]) {
		i++;
	}
	if (i == want_len && want_len == got_len) {
		return NT_PASS;
	}
	return nt_fail(c,
		       "%s: expected the %zu bytes written, received %zu; "
		       "first difference at "
		       "byte %zu (wrote %#04x, received %#04x)",
		       what, want_len, got_len, i, i < want_len ? want[i] : 0,
		       i < got_len ? got[i] : 0);
}

/* struct raw_ut is h's raw socket under test: libipv4's raw connection,
   or the implementation's probe holding the RawConn handle r. */
struct raw_ut {
	bool driven;
	struct ipv4_raw_conn rc;
	struct nt_drv d;
};

/* raw_open opens h's raw socket of protocol in either form. */
static int raw_open(struct nt_ctx *c, bool driven, int protocol,
		    struct raw_ut *ut)
{
	ut->driven = driven;
	if (driven) {
		if (nt_drv_start(c, NT_H, &ut->d) != NT_PASS) {
			return NT_FAIL;
		}
		return nt_ask(c, &ut->d, 0, "open raw r %d 0.0.0.0", protocol);
	}
	return nt_check(c, nt_lib_raw(c->topo, NT_H, protocol, NULL, &ut->rc),
			"raw_conn_init");
}

/* raw_send writes h and payload (len bytes, want_len in all on the wire)
   through ut: raw_conn_write_to, or RawConn.WriteTo with the header given
   field by field (SOCKET-PROBE.md's HDR word, checksum included). */
static int raw_send(struct nt_ctx *c, struct raw_ut *ut,
		    const struct ipv4_header *h, const uint8_t *payload,
		    size_t len, size_t want_len)
{
	char hex[2 * 64 + 1];
	int sent;

	if (ut->driven) {
		nt_hex(payload, len, hex, sizeof(hex));
		return nt_ask(c, &ut->d, 0,
			      "WriteTo r "
			      "tos=%u,id=%u,ttl=%u,proto=%u,cksum=%u,src=%s,"
			      "dst=%s %s -",
			      h->tos, h->id, h->ttl, h->protocol, h->checksum,
			      nt_ntoa(h->src), nt_ntoa(h->dst), hex);
	}
	sent = ipv4_raw_conn_write_to(&ut->rc, h, payload, len, NULL);
	if (sent != (int)want_len) {
		return nt_fail(c, "raw_conn_write_to: %s", ipv4_strerror(sent));
	}
	return NT_PASS;
}

static int ospf_write(struct nt_ctx *c, bool driven)
{
	struct raw_ut ut;
	struct ipv4_header h;
	uint8_t hello[OSPF_HELLO_LEN];
	uint8_t want[128];
	uint8_t got[256];
	size_t want_len = 0;
	int fa = nt_socket(c->topo, NT_A, SOCK_RAW, OSPF_PROTOCOL);
	int fb = nt_socket(c->topo, NT_B, SOCK_RAW, OSPF_PROTOCOL);
	struct in_addr all_spf = nt_inaddr("224.0.0.5");
	ssize_t n;

	if (fa < 0 || fb < 0 ||
	    nt_join(fa, all_spf, c->topo->ifindex[NT_A0]) != 0 ||
	    nt_join(fb, all_spf, c->topo->ifindex[NT_B0]) != 0) {
		return nt_fail(
			c,
			"OSPF raw sockets on a and b joined to 224.0.0.5: %s",
			strerror(errno));
	}
	ospf_hello(hello);
	if (raw_open(c, driven, OSPF_PROTOCOL, &ut) != NT_PASS ||
	    (driven ? nt_ask(c, &ut.d, 0, "SetMulticastInterface r s0")
		    : nt_check(c,
			       ipv4_packet_conn_set_multicast_interface(
				       &ut.rc.pc, c->topo->ifindex[NT_S0]),
			       "raw_conn_set_multicast_interface(s0)")) !=
		    NT_PASS ||
	    header(c, &h, 0xc0, 0x4f53, 1, OSPF_PROTOCOL, NT_S0, "224.0.0.5",
		   sizeof(hello)) != NT_PASS ||
	    expected_bytes(c, &h, hello, sizeof(hello), want, &want_len) !=
		    NT_PASS ||
	    raw_send(c, &ut, &h, hello, sizeof(hello), want_len) != NT_PASS) {
		return NT_FAIL;
	}
	n = nt_capture(fa, nt_addr(NT_S0), NT_WAIT_MS, got, sizeof(got));
	if (n < 0) {
		return nt_fail(c,
			       "OSPF Hello to 224.0.0.5 via s0: nothing "
			       "arrived at a (%s)",
			       strerror((int)-n));
	}
	if (compare(c, "OSPF Hello at a", want, want_len, got, (size_t)n) !=
	    NT_PASS) {
		return NT_FAIL;
	}
	if (nt_readable(fb, NT_QUIET_MS) != 0) {
		return nt_fail(
			c,
			"OSPF Hello with TTL 1 via s0 also arrived on link B");
	}
	return nt_pass(c,
		       "a received exactly the %zu bytes written (TOS 0xc0, "
		       "TTL 1, proto 89, "
		       "224.0.0.5); b none",
		       want_len);
}

/* write_echo writes an echo request with seq from h to a through ut and
   puts the bytes that must cross the wire in want. */
static int write_echo(struct nt_ctx *c, struct raw_ut *ut, uint16_t seq,
		      uint8_t *want, size_t *want_len)
{
	struct ipv4_header h;
	uint8_t echo[ECHO_LEN];

	echo_request(echo, seq);
	if (header(c, &h, 0, (uint16_t)(0x4500 + seq), 64, IPV4_ICMP_PROTOCOL,
		   NT_S0, nt_ifaces[NT_A0].addr, sizeof(echo)) != NT_PASS ||
	    expected_bytes(c, &h, echo, sizeof(echo), want, want_len) !=
		    NT_PASS) {
		return NT_FAIL;
	}
	return raw_send(c, ut, &h, echo, sizeof(echo), *want_len);
}

static int icmp_write(struct nt_ctx *c, bool driven)
{
	struct raw_ut ut;
	uint8_t want[128];
	uint8_t got[256];
	size_t want_len = 0;
	int fa = nt_socket(c->topo, NT_A, SOCK_RAW, IPPROTO_ICMP);
	ssize_t n;

	if (fa < 0) {
		return nt_fail(c, "raw ICMP socket on a: %s", strerror(-fa));
	}
	if (raw_open(c, driven, IPPROTO_ICMP, &ut) != NT_PASS ||
	    write_echo(c, &ut, 1, want, &want_len) != NT_PASS) {
		return NT_FAIL;
	}
	n = nt_capture(fa, nt_addr(NT_S0), NT_WAIT_MS, got, sizeof(got));
	if (n < 0) {
		return nt_fail(c, "echo request to a: nothing arrived (%s)",
			       strerror((int)-n));
	}
	if (compare(c, "echo request at a", want, want_len, got, (size_t)n) !=
	    NT_PASS) {
		return NT_FAIL;
	}
	return nt_pass(c,
		       "a received exactly the %zu bytes of header and echo "
		       "request written",
		       want_len);
}

NT_BOTH_FORMS(raw_ospf_write, ospf_write)

NT_BOTH_FORMS(raw_icmp_write, icmp_write)

/* check_reply checks one echo reply read through the raw connection. */
static int check_reply(struct nt_ctx *c, const uint8_t *buf, int len,
		       const struct ipv4_header *h, const uint8_t *payload,
		       size_t payload_len)
{
	int valid = ipv4_header_validate(buf, (size_t)len);
	uint8_t request[ECHO_LEN];

	echo_request(request, 2);
	if (valid != 0) {
		return nt_fail(c, "echo reply header does not validate: %s",
			       ipv4_strerror(valid));
	}
	if (h->version != 4 || h->len != IPV4_HEADER_LEN ||
	    h->total_len != len || h->protocol != IPV4_ICMP_PROTOCOL ||
	    h->src.s_addr != nt_addr(NT_A0).s_addr ||
	    h->dst.s_addr != nt_addr(NT_S0).s_addr || payload != buf + h->len ||
	    payload_len != (size_t)len - h->len) {
		char text[200];

		ipv4_header_string(h, text, sizeof(text));
		return nt_fail(c,
			       "echo reply header: expected a v4 header of 20 "
			       "bytes, total %d, ICMP, "
			       "%s -> %s, payload after it; parsed %s, payload "
			       "%zu bytes",
			       len, nt_ifaces[NT_A0].addr,
			       nt_ifaces[NT_S0].addr, text, payload_len);
	}
	if (payload_len != ECHO_LEN ||
	    payload[0] != IPV4_ICMP_TYPE_ECHO_REPLY || payload[1] != 0 ||
	    ipv4_checksum(payload, payload_len) != 0 ||
	    memcmp(payload + 4, request + 4, 12) != 0) {
		return nt_fail(
			c,
			"echo reply payload: expected %d bytes, type 0, valid "
			"checksum, id, "
			"seq and data of the request; saw %zu bytes, type %u",
			ECHO_LEN, payload_len,
			payload_len > 0 ? payload[0] : 0);
	}
	return NT_PASS;
}

int case_raw_read_reply(struct nt_ctx *c)
{
	struct raw_ut ut;
	struct ipv4_raw_conn *rc = &ut.rc;
	uint8_t want[128];
	size_t want_len = 0;
	double deadline;

	if (raw_open(c, false, IPPROTO_ICMP, &ut) != NT_PASS ||
	    write_echo(c, &ut, 2, want, &want_len) != NT_PASS) {
		return NT_FAIL;
	}
	deadline = nt_now() + NT_WAIT_MS / 1000.0;
	while (nt_now() < deadline) {
		uint8_t buf[512];
		struct ipv4_header h;
		const uint8_t *payload = NULL;
		size_t payload_len = 0;
		int n;

		ipv4_packet_conn_set_read_deadline(&rc->pc,
						   ipv4_monotonic_ns() +
							   500000000);
		n = ipv4_raw_conn_read_from(rc, buf, sizeof(buf), &h, &payload,
					    &payload_len, NULL);
		if (n == IPV4_ETIMEOUT) {
			continue;
		}
		if (n < 0) {
			return nt_fail(c, "raw_conn_read_from: %s",
				       ipv4_strerror(n));
		}
		if (h.src.s_addr != nt_addr(NT_A0).s_addr || payload_len < 1 ||
		    payload[0] != IPV4_ICMP_TYPE_ECHO_REPLY) {
			continue;
		}
		if (check_reply(c, buf, n, &h, payload, payload_len) !=
		    NT_PASS) {
			return NT_FAIL;
		}
		return nt_pass(c,
			       "read the %d-byte echo reply from a: header "
			       "parsed and validated "
			       "(RFC 1122 s3.2.1), payload view after 20 "
			       "bytes, ICMP checksum good",
			       n);
	}
	return nt_fail(c, "no echo reply from a within %d ms", NT_WAIT_MS);
}

/*
 * The driven form of raw/read-echo-reply (drive.h): the probe's RawConn
 * reads the reply; its answer gives the payload and Go's Header.String()
 * of the header.
 */

/* drv_unhex reads hex into out (cap bytes); the length, or -1. */
static int drv_unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t len = strlen(hex);

	if (len % 2 != 0 || len / 2 > cap) {
		return -1;
	}
	for (size_t i = 0; i < len / 2; i++) {
		char byte[3] = { hex[2 * i], hex[2 * i + 1], '\0' };

		out[i] = (uint8_t)strtoul(byte, NULL, 16);
	}
	return (int)(len / 2);
}

int drive_raw_read_reply(struct nt_ctx *c)
{
	struct raw_ut ut;
	struct nt_drv *d = &ut.d;
	uint8_t want[128];
	uint8_t request[ECHO_LEN];
	size_t want_len = 0;
	double deadline;
	char expect_hdr[160];

	if (raw_open(c, true, IPPROTO_ICMP, &ut) != NT_PASS ||
	    write_echo(c, &ut, 2, want, &want_len) != NT_PASS) {
		return NT_FAIL;
	}
	echo_request(request, 2);
	snprintf(expect_hdr, sizeof(expect_hdr),
		 "ver=4 hdrlen=20 tos=0x0 totallen=%d ",
		 IPV4_HEADER_LEN + ECHO_LEN);
	deadline = nt_now() + NT_WAIT_MS / 1000.0;
	while (nt_now() < deadline) {
		char data[2 * 512 + 1];
		char n[16];
		uint8_t payload[512];
		const char *hdr;
		int len;

		if (nt_ask_any(c, d, 500, "ReadFrom r 512 500") != NT_PASS) {
			return NT_FAIL;
		}
		if (strcmp(d->answer, "err ETIMEOUT") == 0) {
			continue;
		}
		hdr = nt_answer_rest(d, "hdr");
		if (strncmp(d->answer, "ok ", 3) != 0 ||
		    !nt_answer_field(d, "data", data, sizeof(data)) ||
		    !nt_answer_field(d, "n", n, sizeof(n)) ||
		    (len = drv_unhex(data, payload, sizeof(payload))) < 0) {
			return nt_fail(c,
				       "%s: expected ok n=N ... data=HEX ... "
				       "hdr=HDR, the probe "
				       "answered %s",
				       d->request, d->answer);
		}
		if (strstr(hdr, "src=198.18.1.2 ") == NULL || len < 1 ||
		    payload[0] != IPV4_ICMP_TYPE_ECHO_REPLY) {
			continue; /* not a's reply */
		}
		if (strtol(n, NULL, 10) != IPV4_HEADER_LEN + ECHO_LEN ||
		    strncmp(hdr, expect_hdr, strlen(expect_hdr)) != 0 ||
		    strstr(hdr, " proto=1 ") == NULL ||
		    strstr(hdr, " dst=198.18.1.1") == NULL) {
			return nt_fail(c,
				       "echo reply: expected n=%d and a header "
				       "\"%s... proto=1 ... "
				       "src=198.18.1.2 dst=198.18.1.1 ...\", "
				       "the probe answered %s",
				       IPV4_HEADER_LEN + ECHO_LEN, expect_hdr,
				       d->answer);
		}
		if (len != ECHO_LEN || payload[1] != 0 ||
		    ipv4_checksum(payload, (size_t)len) != 0 ||
		    memcmp(payload + 4, request + 4, 12) != 0) {
			return nt_fail(c,
				       "echo reply payload: expected %d bytes, "
				       "type 0, valid checksum, "
				       "id, seq and data of the request; the "
				       "probe answered %s",
				       ECHO_LEN, d->answer);
		}
		return nt_pass(c,
			       "read the %s-byte echo reply from a: header as "
			       "sent (%s), payload "
			       "16 bytes, ICMP checksum good",
			       n, hdr);
	}
	return nt_fail(c, "no echo reply from a within %d ms", NT_WAIT_MS);
}
