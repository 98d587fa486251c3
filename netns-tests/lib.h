/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/lib.h - the side under test: libipv4 connections in the
 * test network.
 *
 * Small helpers that open a socket in a namespace and wrap it in a libipv4
 * connection, and read through libipv4 with a deadline. What they report
 * is libipv4's own result code; ipv4_strerror names it in a case's detail.
 */
#ifndef NT_LIB_H
#define NT_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include <ipv4/conn.h>
#include <ipv4/control.h>
#include <ipv4/io.h>
#include <ipv4/sockopt.h>

#include "netns-tests/runner.h"
#include "netns-tests/topo.h"

/*
 * nt_lib_udp opens a UDP socket in host's namespace bound to addr:port
 * (with SO_REUSEADDR when reuse is set) and wraps it in *out. Returns 0 or
 * a negative code (-errno from the socket, or libipv4's).
 */
int nt_lib_udp(const struct nt_topo *t, enum nt_host host, struct in_addr addr,
	       uint16_t port, bool reuse, struct ipv4_packet_conn *out);

/*
 * nt_lib_raw opens a raw socket of protocol in host's namespace and wraps
 * it in a packet connection (*out_pc, when not NULL) or in a raw
 * connection with IP_HDRINCL (*out_raw, when not NULL). Exactly one of
 * them must be given. Returns 0 or a negative code.
 */
int nt_lib_raw(const struct nt_topo *t, enum nt_host host, int protocol,
	       struct ipv4_packet_conn *out_pc, struct ipv4_raw_conn *out_raw);

/*
 * nt_lib_read reads one datagram through ipv4_packet_conn_read_from with a
 * read deadline ms from now (cleared again afterwards). Returns the length,
 * IPV4_ETIMEOUT, or another code of read_from.
 */
int nt_lib_read(struct ipv4_packet_conn *pc, uint8_t *buf, size_t cap, int ms,
		struct ipv4_control_message *out_cm,
		struct sockaddr_in *out_src);

/*
 * nt_lib_count reads through libipv4 and returns how many datagrams were
 * exactly tag (len bytes), counting the others in *out_other when not
 * NULL; it waits as nt_count does (observe.h): up to NT_WAIT_MS for the
 * expect datagrams that should come, then until NT_QUIET_MS pass with
 * nothing. A read error other than the deadline stops the count and is
 * returned (negative).
 */
int nt_lib_count(struct ipv4_packet_conn *pc, const void *tag, size_t len,
		 int expect, int *out_other);

/*
 * nt_lib_tally reads through libipv4, waiting as nt_lib_count does for
 * expect datagrams in all, and counts, for each i below n, the datagrams
 * that are exactly the text tags[i] into counts[i] (zeroed first).
 * Returns the number of datagrams that matched no tag, or a negative read
 * error other than the deadline.
 */
int nt_lib_tally(struct ipv4_packet_conn *pc, const char *const tags[],
		 int counts[], size_t n, int expect);

/*
 * nt_lib_message makes *m a message of one buffer, the len bytes at buf
 * (through *iov), and nothing else set: what read_batch and write_batch
 * take, one per datagram.
 */
void nt_lib_message(struct ipv4_message *m, struct iovec *iov, void *buf,
		    size_t len);

/*
 * nt_lib_read_batch reads up to n messages through
 * ipv4_packet_conn_read_batch with a read deadline ms from now. Returns
 * what read_batch returns: the number read, IPV4_ETIMEOUT, or another
 * code.
 */
int nt_lib_read_batch(struct ipv4_packet_conn *pc, struct ipv4_message *ms,
		      size_t n, int ms_wait);

/*
 * nt_lib_write_all writes the n messages ms with
 * ipv4_packet_conn_write_batch, again from the first unsent one until all
 * are sent. Returns 0, or the code of the call that failed.
 */
int nt_lib_write_all(struct ipv4_packet_conn *pc, struct ipv4_message *ms,
		     size_t n);

/*
 * nt_check turns the result rc of the libipv4 call named call into the
 * case's result: NT_PASS for 0, else a failure "CALL: what ipv4_strerror
 * says" (nt_fail).
 */
int nt_check(struct nt_ctx *c, int rc, const char *call);

/*
 * nt_expect_two checks two counts of a case: NT_PASS when got[0] is want0
 * and got[1] is want1; else a failure whose detail is what fmt (printf)
 * says was expected followed by ", saw GOT0 and GOT1".
 */
int nt_expect_two(struct nt_ctx *c, const int got[2], int want0, int want1,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* nt_group makes the sockaddr_in of a dotted-quad group, port 0. */
struct sockaddr_in nt_group(const char *addr);

/* nt_close closes fd when it is not negative. */
void nt_close(int fd);

#endif /* NT_LIB_H */
