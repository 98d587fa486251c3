/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/conn.h - the connection types of libipv4's socket layer.
 *
 * Go's ipv4 package wraps a net.Conn or net.PacketConn in a Conn, PacketConn
 * or RawConn. libipv4 wraps a file descriptor that the caller owns, in a
 * small structure the caller allocates (on the stack, in its own object,
 * anywhere): initialising one makes no system call that changes the socket
 * except where documented (ipv4_raw_conn_init turns IP_HDRINCL on, as Go's
 * NewRawConn does), and allocates nothing.
 *
 *   struct ipv4_conn         TCP or any IPv4 socket: TOS and TTL
 *                            (sockopt.h).
 *   struct ipv4_packet_conn  UDP or another IPv4 datagram socket, such as a
 *                            raw ICMP one: multicast, control messages,
 *                            filters (sockopt.h) and I/O (io.h).
 *   struct ipv4_raw_conn     a raw IPv4 socket with IP_HDRINCL: all of the
 *                            packet connection, with I/O of whole packets.
 *
 * Closing is the caller's choice: the descriptor stays open until the caller
 * closes it, or calls the *_close convenience function.
 *
 * Thread safety. The structures hold the descriptor, the control-message
 * flags, the deadlines and, in a packet connection, the state that lets one
 * thread close it or move its deadlines while others are blocked in it:
 *
 *   - Reads and writes (io.h) from several threads on one connection are as
 *     safe as the same system calls on the descriptor.
 *   - Deadlines may be changed from any thread, and from a signal handler,
 *     while others read or write: a call blocked in the connection wakes at
 *     once and re-reads them (a deadline in the past ends it with
 *     IPV4_ETIMEOUT), as in Go.
 *   - ipv4_packet_conn_close (and ipv4_raw_conn_close) may be called while
 *     other threads are in reads, writes or read_error on the connection:
 *     as Go's Close, it wakes them at once and they return -EBADF; calls
 *     begun after it return IPV4_EINVAL. It returns only after every such
 *     call has left, and only then closes the descriptor, so no call ever
 *     uses the number after another open has reused it.
 *   - The socket-option calls (sockopt.h) are safe from any thread, but not
 *     concurrently with a close of the same connection: they hold no
 *     reference, and one racing with close could set an option on whatever
 *     descriptor reuses the number. Finish or join them before closing.
 *   - Closing by other means (close(2) on the descriptor, ipv4_conn_close)
 *     is the caller's to order: no call may be in progress on it, or start
 *     afterwards, as with the system calls themselves.
 *   - The structure must outlive every call on it: join the threads that use
 *     it before freeing it, even after a close.
 *   - Do not copy a connection while a call is in progress on it, nor close
 *     one from a signal handler (close waits for the calls inside it).
 *
 * Waking needs one descriptor per process: an eventfd that the first call
 * which has to wait opens (close-on-exec) and keeps. A child made with
 * fork(2) opens its own; it must not use a connection on which another
 * thread of its parent was inside a call at the moment of the fork.
 */
#ifndef IPV4_CONN_H
#define IPV4_CONN_H

#include "ipv4/export.h"

#include <stdint.h>

#include "ipv4/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Growth. The structures below are allocated by the caller, so their size
 * is part of the ABI. Each ends in a reserved area that the *_init
 * functions zero: a later minor release may give part of it to new private
 * fields, whose zero value keeps today's behaviour, without changing the
 * size or the offset of any field named here (docs/ABI.md). Always set up
 * a connection with its *_init function; copying an initialised one is
 * allowed.
 */

/* struct ipv4_conn wraps a stream (or any) IPv4 socket. */
struct ipv4_conn {
	int fd;		      /* the caller's descriptor */
	uint32_t reserved[7]; /* zeroed by init; room for later fields */
};

/*
 * struct ipv4_packet_conn wraps an IPv4 datagram socket. Its fields are
 * private to libipv4 except fd, which may be read.
 */
struct ipv4_packet_conn {
	int fd;			   /* the caller's descriptor */
	int sock_type;		   /* SOCK_DGRAM or SOCK_RAW, read at init */
	unsigned cm_flags;	   /* IPV4_FLAG_* set by set_control_message */
	int64_t read_deadline_ns;  /* CLOCK_MONOTONIC ns; 0 means none */
	int64_t write_deadline_ns; /* CLOCK_MONOTONIC ns; 0 means none */
	uint64_t wait_word;	   /* private: waiters, wake-up generation */
	uint32_t call_state;	   /* private: closed flag, calls inside */
	uint32_t offload_state;	  /* private: batch offload (io.h), since 1.1 */
	uint64_t split_space;	  /* private: address of the split space */
	uint64_t split_space_len; /* private: its length in bytes */
	uint64_t reserved[4];	  /* zeroed by init; room for later fields */
};

/* struct ipv4_raw_conn wraps a raw IPv4 socket with IP_HDRINCL on. */
struct ipv4_raw_conn {
	struct ipv4_packet_conn pc; /* every packet-connection call applies */
};

/*
 * ipv4_conn_init wraps fd in *c. It checks that fd is a socket of family
 * AF_INET. Returns 0, IPV4_EINVAL for a NULL c or a negative fd,
 * IPV4_ESOCKTYPE when fd is not an AF_INET socket, or -errno from
 * getsockopt (e.g. -EBADF, -ENOTSOCK).
 */
IPV4_EXPORT int ipv4_conn_init(struct ipv4_conn *c, int fd);

/*
 * ipv4_packet_conn_init wraps fd, which must be an AF_INET socket of type
 * SOCK_DGRAM or SOCK_RAW, in *c with no control messages on and no
 * deadlines. Returns 0, IPV4_EINVAL, IPV4_ESOCKTYPE or -errno as
 * ipv4_conn_init does.
 */
IPV4_EXPORT int ipv4_packet_conn_init(struct ipv4_packet_conn *c, int fd);

/*
 * ipv4_raw_conn_init wraps fd, which must be an AF_INET SOCK_RAW socket,
 * in *c and turns IP_HDRINCL on, so that writes carry their own header (Go's
 * NewRawConn). Returns 0, IPV4_EINVAL, IPV4_ESOCKTYPE or -errno.
 */
IPV4_EXPORT int ipv4_raw_conn_init(struct ipv4_raw_conn *c, int fd);

/*
 * ipv4_conn_close, ipv4_packet_conn_close and ipv4_raw_conn_close close
 * the wrapped descriptor and set c->fd (c->pc.fd) to -1, so a second close
 * is IPV4_EINVAL rather than closing a descriptor some other code now owns.
 * Returns 0, IPV4_EINVAL for a NULL or already closed c, or -errno from
 * close(2) (the descriptor is released even then, as close(2) on Linux does).
 *
 * The packet and raw forms first wake every thread blocked in a read, a
 * write or read_error on c (they return -EBADF) and wait until all calls
 * inside c have returned; see "Thread safety" above. Not from a signal
 * handler. ipv4_conn_close has no such calls to wait for: close it when no
 * other thread uses it.
 */
IPV4_EXPORT int ipv4_conn_close(struct ipv4_conn *c);
IPV4_EXPORT int ipv4_packet_conn_close(struct ipv4_packet_conn *c);
IPV4_EXPORT int ipv4_raw_conn_close(struct ipv4_raw_conn *c);

#ifdef __cplusplus
}
#endif

#endif /* IPV4_CONN_H */
