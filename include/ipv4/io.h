/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/io.h - reading and writing through a packet or raw connection.
 *
 * The I/O half of Go's ipv4.PacketConn and ipv4.RawConn: deadlines,
 * ReadFrom and WriteTo with control messages, ReadBatch and WriteBatch, and,
 * beyond Go, truncation reported instead of hidden, the socket error queue
 * (IP_RECVERR) and UDP segmentation offload (GSO on send, GRO on receive).
 *
 * Every buffer belongs to the caller and nothing is allocated: control data
 * for ReadFrom and WriteTo lives on the stack, sized with control.h; batches
 * use the caller's array of struct ipv4_message.
 *
 * Results: a byte or message count, or 0, on success; on failure a negative
 * code: IPV4_EINVAL and the other IPV4_E* codes of error.h for what libipv4
 * refuses before any system call, IPV4_ETIMEOUT when a deadline passed, and
 * -errno for what the kernel refused (-EAGAIN on a non-blocking descriptor
 * with nothing to do, -ECONNREFUSED, ...).
 *
 * Deadlines. A deadline is an absolute CLOCK_MONOTONIC time in nanoseconds
 * (see ipv4_monotonic_ns); 0 means none. With a read (write) deadline set, a
 * read (write) waits at most until the deadline, on a blocking descriptor
 * and across signals alike, then returns IPV4_ETIMEOUT having consumed
 * nothing; a deadline already past makes the call fail at once (Go's
 * semantics). With a deadline set, the call waits even on a non-blocking
 * descriptor, unless MSG_DONTWAIT is among the flags. With no deadline, a
 * call blocks as the descriptor's mode says, and a signal does not end it
 * (the call is retried, as Go retries). Another thread may move a deadline
 * while a call waits: the call wakes at once and honours the new value (a
 * deadline in the past ends it with IPV4_ETIMEOUT), and closing the
 * connection wakes it with -EBADF (conn.h, "Thread safety").
 *
 * How a call waits. libipv4 never blocks in the kernel's recvmsg or
 * sendmsg: it makes the call with MSG_DONTWAIT and, when that answers
 * EAGAIN and the call may wait, polls the socket (beside a wake-up eventfd)
 * and tries again. When data is already queued this is the one system call
 * a blocking read would make. SO_RCVTIMEO and SO_SNDTIMEO do not apply;
 * use deadlines. When poll reports a readiness that the next attempt cannot
 * consume, retrying would spin, so the call ends with an answer instead,
 * the first that applies:
 *   the socket's pending error      its -errno (taken with SO_ERROR, as a
 *                                   read would take it), e.g. -ECONNREFUSED
 *                                   for read_error on a socket without
 *                                   IP_RECVERR after an ICMP error
 *   POLLHUP or POLLRDHUP            -EPIPE: the read side was shut down
 *                                   (shutdown(2)) and nothing is queued;
 *                                   where a blocking recv(2) would return 0,
 *                                   which for a datagram socket is also an
 *                                   empty datagram
 *   POLLERR for a read or write     -EAGAIN: the error queue holds an entry
 *                                   (IP_RECVERR) and nothing else is ready;
 *                                   take it with read_error, then read again
 *   POLLNVAL                        -EBADF: the descriptor was closed behind
 *                                   the connection's back
 * Every wait therefore ends with data, a deadline, a wake-up or one of these
 * answers; none polls again for a readiness it has already seen.
 *
 * Raw connections: every ipv4_packet_conn_* call applies to a raw
 * connection through its pc member (ipv4_packet_conn_set_deadline(&rc->pc,
 * t), ipv4_packet_conn_read_batch(&rc->pc, ...)); the calls below named
 * ipv4_raw_conn_* are the ones whose behaviour differs.
 *
 * Thread safety, in general: the calls here are as safe as the system calls
 * they make, so several threads may read and write one connection at once
 * (each datagram goes to one reader), provided no two of them use the same
 * buffers or message array; another thread may move the deadlines or close
 * the connection meanwhile (conn.h). Each declaration says so again.
 */
#ifndef IPV4_IO_H
#define IPV4_IO_H

#include "ipv4/export.h"

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "ipv4/conn.h"
#include "ipv4/control.h"
#include "ipv4/error.h"
#include "ipv4/header.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * IPV4_IOV_MAX is the most iovecs one message may have: Linux's UIO_MAXIOV
 * (IOV_MAX), which the kernel enforces. More is IPV4_EINVAL.
 */
#define IPV4_IOV_MAX 1024

/*
 * ipv4_monotonic_ns returns the current CLOCK_MONOTONIC time in
 * nanoseconds: the clock deadlines are measured on. A deadline 100 ms from
 * now is ipv4_monotonic_ns() + 100000000. Safe from any thread, and from a
 * signal handler.
 */
IPV4_EXPORT int64_t ipv4_monotonic_ns(void);

/*
 * ipv4_packet_conn_set_deadline sets both the read and the write deadline
 * of c to deadline_ns (CLOCK_MONOTONIC nanoseconds; 0 clears them; Go's
 * SetDeadline). ipv4_packet_conn_set_read_deadline and
 * ipv4_packet_conn_set_write_deadline set one of them (SetReadDeadline,
 * SetWriteDeadline). The read deadline governs every read: ReadFrom,
 * ReadBatch and read_error; the write deadline every write.
 *
 * Returns 0, or IPV4_EINVAL when c is NULL or deadline_ns is negative.
 * Safe from any thread while others read or write c, and from a signal
 * handler: the fields are stored atomically, and when the new deadline
 * comes sooner than the old one the calls blocked in c are woken at once to
 * re-read it (one write(2) to the wake-up eventfd, made only when a call is
 * waiting; no system call otherwise). A later or cleared deadline needs no
 * wake-up: a waiter re-reads it when the old one passes, and waits on.
 */
IPV4_EXPORT int ipv4_packet_conn_set_deadline(struct ipv4_packet_conn *c,
					      int64_t deadline_ns);
IPV4_EXPORT int ipv4_packet_conn_set_read_deadline(struct ipv4_packet_conn *c,
						   int64_t deadline_ns);
IPV4_EXPORT int ipv4_packet_conn_set_write_deadline(struct ipv4_packet_conn *c,
						    int64_t deadline_ns);

/*
 * ipv4_packet_conn_read_from receives the payload of one datagram into buf
 * (buf_len bytes): on a UDP socket the datagram's data, on a raw socket
 * what follows the IPv4 header and its options, which are dropped as Go
 * drops them (ipv4_raw_conn_read_from returns them parsed). Go's
 * PacketConn.ReadFrom.
 *
 * The control data is received into a stack buffer sized with
 * ipv4_control_message_recv_space(c->cm_flags) and parsed into *out_cm; the
 * sender's address goes to *out_src. Either may be NULL when not wanted.
 * When the kernel cut the control data (MSG_CTRUNC), out_cm->truncated is
 * true and the items that did not fit are missing. Unlike Go, the sender's
 * address is not copied into out_cm->src: that member says where to send
 * from, and a received message must not read as an instruction to send
 * from the peer's address.
 *
 * Returns the number of bytes received (0 for an empty datagram), or:
 *   IPV4_EINVAL    c is NULL or closed (fd -1), or buf is NULL with
 *                  buf_len > 0
 *   IPV4_ETRUNC    the payload was longer than buf_len: buf holds its
 *                  first buf_len bytes (on a raw socket whose packet had
 *                  IP options, buf_len less the options' length), *out_cm
 *                  and *out_src are filled, the rest is lost (read_batch
 *                  reports the whole length)
 *   IPV4_ETIMEOUT  the read deadline passed; nothing was received
 *   IPV4_ECMSG*, IPV4_EIFINDEX  the kernel's control data did not parse
 *                  (see control.h); the datagram is consumed
 *   -EBADF         c was closed by another thread during the call
 *   -EPIPE, -EAGAIN, -errno  a readiness the call cannot consume (see
 *                  "How a call waits" above)
 *   -errno         from recvmsg(2)
 * On failure other than IPV4_ETRUNC, *out_cm and *out_src are zeroed.
 *
 * Thread safety: several threads may read c at once, each with its own
 * buf, out_cm and out_src; each datagram goes to one of them.
 */
IPV4_EXPORT int ipv4_packet_conn_read_from(struct ipv4_packet_conn *c,
					   void *buf, size_t buf_len,
					   struct ipv4_control_message *out_cm,
					   struct sockaddr_in *out_src);

/*
 * ipv4_packet_conn_write_to sends buf[0..len) as one datagram to dst (Go's
 * PacketConn.WriteTo). dst may be NULL on a connected socket. cm, when not
 * NULL, says how to send it: the members its flags name are marshalled
 * with ipv4_control_message_marshal (IPV4_FLAG_SRC and
 * IPV4_FLAG_INTERFACE as IP_PKTINFO, IPV4_FLAG_TTL, IPV4_FLAG_TOS, and
 * IPV4_FLAG_GSO as UDP_SEGMENT: the kernel then cuts buf into datagrams of
 * gso_size bytes). A flag that names a received-only item is refused, never
 * silently dropped.
 *
 * Returns the number of bytes sent (len), or:
 *   IPV4_EINVAL     c is NULL or closed, or buf is NULL with len > 0
 *   -EAFNOSUPPORT   dst's family is not AF_INET (nothing is sent)
 *   IPV4_ECMSGFLAG, IPV4_EIFINDEX, IPV4_EINVAL  from marshalling cm
 *   -EOPNOTSUPP     IPV4_FLAG_GSO on a socket or kernel without UDP GSO
 *                   (not UDP, or Linux before 4.18)
 *   IPV4_ETIMEOUT   the write deadline passed; nothing was sent
 *   -EBADF          c was closed by another thread during the call
 *   -errno          from sendmsg(2), or an answer of "How a call waits"
 *
 * Thread safety: several threads may write c at once.
 */
IPV4_EXPORT int ipv4_packet_conn_write_to(struct ipv4_packet_conn *c,
					  const void *buf, size_t len,
					  const struct ipv4_control_message *cm,
					  const struct sockaddr_in *dst);

/*
 * struct ipv4_message is one message of a batch: Go's ipv4.Message
 * (socket.Message) without the heap. The caller owns the array and every
 * buffer it points to; libipv4 keeps no pointer after the call.
 *
 *   buffers, num_buffers  in: the iovecs the datagram is gathered from
 *                         (write) or scattered into (read); at most
 *                         IPV4_IOV_MAX; buffers may be NULL when
 *                         num_buffers is 0
 *   oob, oob_len          in: control data to send (write), or room for
 *                         the control data received (read; size it with
 *                         ipv4_control_message_recv_space); oob may be
 *                         NULL when oob_len is 0
 *   addr                  write, in: the destination; sin_family 0
 *                         (AF_UNSPEC) means none (a connected socket).
 *                         read, out: the source (zeroed when the kernel
 *                         gave none)
 *   n                     out: bytes read into or written from buffers
 *   nn                    out: bytes of control data received (read) or
 *                         sent (write: oob_len)
 *   datagram_len          read, out: the datagram's whole length. Above n
 *                         when it was cut to fit (flags has MSG_TRUNC);
 *                         UDP and raw sockets report it, others report n
 *   flags                 read, out: the kernel's msg_flags; MSG_TRUNC:
 *                         the datagram was cut, MSG_CTRUNC: the control
 *                         data was cut. Check both: a batch succeeds even
 *                         when some of its messages were cut
 *   reserved              in: zero (start from {0}); room for later
 *                         per-message settings, whose zero value keeps
 *                         today's behaviour (docs/ABI.md)
 *
 * Outputs are written only for the messages the call reports as done.
 * Unlike the single calls, a batch neither parses nor marshals control
 * data: parse oob[0..nn) with ipv4_control_message_parse, or fill oob
 * with ipv4_control_message_marshal.
 */
struct ipv4_message {
	struct iovec *buffers;
	size_t num_buffers;
	void *oob;
	size_t oob_len;
	struct sockaddr_in addr;
	size_t n;
	size_t nn;
	size_t datagram_len;
	int flags;
	uint32_t reserved[3];
};

/*
 * ipv4_packet_conn_read_batch receives up to num_ms datagrams into ms[0..)
 * with recvmmsg(2) (Go's ReadBatch on Linux): it waits, under the read
 * deadline, for the first, then takes those already queued without
 * waiting for more. flags are recvmmsg flags (MSG_PEEK, MSG_DONTWAIT...);
 * MSG_TRUNC is always added, so datagram_len is the real length. On a raw
 * socket each datagram starts with its IPv4 header, as in Go.
 *
 * Batches longer than libipv4's internal chunk (64 messages) are received
 * with more than one system call; the messages stay in arrival order.
 *
 * Returns the number of messages received, 1..num_ms, or:
 *   IPV4_EINVAL    c or ms is NULL, c is closed, num_ms is 0 or above
 *                  INT_MAX, or a message has more than IPV4_IOV_MAX
 *                  buffers, NULL buffers with num_buffers > 0, a NULL
 *                  iov_base with iov_len > 0, or a NULL oob with
 *                  oob_len > 0 (nothing is received)
 *   IPV4_ETIMEOUT  the read deadline passed before the first datagram
 *   -EBADF         c was closed by another thread before the first
 *   -errno         from recvmmsg(2), or an answer of "How a call waits",
 *                  before the first datagram
 * An error after some datagrams ends the batch early: their count is
 * returned, and the error, if it lasts, comes with the next call.
 *
 * With IPV4_BATCH_SPLIT in effect (see "Batch offload" below), each
 * message is one segment of a datagram the kernel glued, or one datagram;
 * segments kept from the previous call come first, without a system call
 * and without waiting (the read deadline still applies: a past one is
 * IPV4_ETIMEOUT and keeps them), and more are taken only if already
 * queued. A read of the error queue (MSG_ERRQUEUE in flags) goes around
 * the split space: it takes error-queue entries as without splitting, and
 * leaves the pending segments for the next read. Further codes then:
 *   IPV4_EINVAL    MSG_PEEK in flags
 *   -EBUSY         another read_batch on c is inside (nothing received)
 *
 * Thread safety: several threads may read c at once with distinct arrays
 * (with IPV4_BATCH_SPLIT, one at a time: see -EBUSY).
 */
IPV4_EXPORT int ipv4_packet_conn_read_batch(struct ipv4_packet_conn *c,
					    struct ipv4_message *ms,
					    size_t num_ms, int flags);

/*
 * ipv4_packet_conn_write_batch sends ms[0..num_ms) with sendmmsg(2) (Go's
 * WriteBatch on Linux), each message to its addr (or to the connected
 * peer when addr.sin_family is 0), with the control data in oob. flags are
 * sendmmsg flags (MSG_DONTWAIT, MSG_CONFIRM...). Every message is checked
 * before any is sent. The write deadline applies to the whole batch.
 *
 * Returns the number of messages sent, 1..num_ms, or:
 *   IPV4_EINVAL     as for read_batch
 *   -EAFNOSUPPORT   a message's addr has a family other than AF_INET or 0
 *                   (nothing is sent)
 *   IPV4_ETIMEOUT   the write deadline passed before the first was sent
 *   -EBADF          c was closed by another thread before the first
 *   -errno          from sendmmsg(2), or an answer of "How a call waits",
 *                   before the first was sent
 * A partial batch is a success with its count: the caller sends the rest
 * again (the error that stopped it, if it lasts, comes with that call).
 *
 * With IPV4_BATCH_COALESCE in effect (see "Batch offload" below), a run of
 * messages may go as one GSO datagram; the count, n, nn and datagram_len
 * mean what they mean without it, and a run the kernel did not take
 * counts as not sent, every message of it. A run the kernel refuses as
 * GSO is sent again as plain messages in the same call, wherever it
 * stands in the batch. The errors a refusal comes with (EINVAL, EMSGSIZE,
 * EIO, ENOPROTOOPT, EOPNOTSUPP) also come from a caller's mistake and
 * from a socket's pending error (an ICMP error on a connected socket,
 * which the next send takes), so a run that fails with one is sent again
 * as it was, then plain, and counts as refused only if it fails twice as
 * GSO and goes plain. If it fails plain too, the call answers as without
 * coalescing: that error (or the count of the messages before it),
 * nothing recorded. If it goes the second time, the first send took a
 * pending error: the call reports the messages sent and keeps the error,
 * which the next write_batch on c returns at once, sending nothing
 * (ipv4_packet_conn_set_batch_offload drops it). A message the kernel
 * refuses whatever its shape (to port 0, with a buffer longer than a
 * datagram, with malformed control data) is not coalesced, nor is a call
 * with MSG_OOB: their errors are those of plain messages.
 *
 * Thread safety: several threads may write c at once with distinct arrays.
 */
IPV4_EXPORT int ipv4_packet_conn_write_batch(struct ipv4_packet_conn *c,
					     struct ipv4_message *ms,
					     size_t num_ms, int flags);

/*
 * ipv4_raw_conn_read_from receives one IPv4 packet, header included, into
 * buf (buf_len bytes) and parses its header with ipv4_header_parse in
 * IPV4_FORMAT_NATIVE into *out_h (Go's RawConn.ReadFrom). The payload is
 * returned as a view into buf: *out_payload points just past the header
 * and *out_payload_len counts the bytes received after it; nothing is
 * copied. The control data goes to *out_cm as for
 * ipv4_packet_conn_read_from; out_cm may be NULL, the others may not.
 *
 * Returns the number of bytes received (header and payload), or:
 *   IPV4_EINVAL    c, buf, out_h, out_payload or out_payload_len is NULL,
 *                  or c is closed
 *   IPV4_ESHORT, IPV4_EIHL, IPV4_EEXTSHORT  the bytes received do not
 *                  hold a header (the packet is consumed)
 *   IPV4_ETRUNC    the packet was longer than buf_len: the header and the
 *                  payload view describe the bytes that fit (when they
 *                  hold a header), the rest is lost
 *   IPV4_ETIMEOUT, IPV4_ECMSG*, -errno  as for ipv4_packet_conn_read_from
 * On failure other than IPV4_ETRUNC, the outputs are zeroed (the payload
 * view is NULL, 0).
 *
 * Thread safety: as for ipv4_packet_conn_read_from.
 */
IPV4_EXPORT int ipv4_raw_conn_read_from(struct ipv4_raw_conn *c, void *buf,
					size_t buf_len,
					struct ipv4_header *out_h,
					const uint8_t **out_payload,
					size_t *out_payload_len,
					struct ipv4_control_message *out_cm);

/*
 * ipv4_raw_conn_write_to sends the packet made of the header h, marshalled
 * with ipv4_header_marshal in IPV4_FORMAT_NATIVE, and payload[0..
 * payload_len), to h->dst (Go's RawConn.WriteTo). Header and payload go
 * to the kernel as two iovecs, without being copied together. As Go
 * documents, an id, checksum or src of zero is filled in by the kernel
 * (Linux always computes the checksum and the total length itself).
 * cm is as for ipv4_packet_conn_write_to (NULL for none; IPV4_FLAG_GSO is
 * refused with -EOPNOTSUPP, a raw socket has no UDP segmentation).
 *
 * h->total_len must equal h->len + payload_len: a packet whose header lies
 * about its length is not sent.
 *
 * Returns the number of bytes sent (header and payload), or:
 *   IPV4_EINVAL     c or h is NULL, c is closed, or payload is NULL with
 *                   payload_len > 0
 *   IPV4_ETOTALLEN  h->total_len is not h->len + payload_len
 *   IPV4_EOPTLEN, IPV4_EHDRLEN, IPV4_EFIELD  from ipv4_header_marshal
 *   IPV4_ECMSGFLAG, IPV4_EIFINDEX, -EOPNOTSUPP  from the control message
 *   IPV4_ETIMEOUT, -errno  as for ipv4_packet_conn_write_to
 *
 * Thread safety: several threads may write c at once.
 */
IPV4_EXPORT int ipv4_raw_conn_write_to(struct ipv4_raw_conn *c,
				       const struct ipv4_header *h,
				       const void *payload, size_t payload_len,
				       const struct ipv4_control_message *cm);

/*
 * ipv4_packet_conn_read_error takes the oldest entry from the socket's
 * error queue (recvmsg with MSG_ERRQUEUE; the queue fills only when
 * IP_RECVERR is on). Beyond Go. The datagram the error is about (for UDP,
 * the payload that was sent) goes to buf, the error itself to *out_err:
 * errno value, origin (SO_EE_ORIGIN_ICMP for an ICMP error), ICMP type and
 * code, and the offender, the node that reported it. *out_dst, when
 * out_dst is not NULL, receives the address the datagram was sent to;
 * *out_cm, when not NULL, the other control data (timestamps, IP_PKTINFO,
 * as enabled) and the error again.
 *
 * An empty queue is -EAGAIN at once on a non-blocking descriptor with no
 * read deadline; otherwise the call waits for an entry (poll's POLLERR),
 * until the read deadline when one is set. When poll reports POLLERR for
 * the socket's pending error rather than an entry (a connected socket
 * without IP_RECVERR after an ICMP error), the call takes that error and
 * returns it, -ECONNREFUSED say, at once; after a full shutdown it returns
 * -EPIPE.
 *
 * Returns the number of bytes of the datagram placed in buf, or:
 *   IPV4_EINVAL    c or out_err is NULL, c is closed, or buf is NULL
 *                  with buf_len > 0
 *   IPV4_ETRUNC    the datagram was longer than buf_len; the error and the
 *                  other outputs are filled
 *   IPV4_ECTRUNC   the control data was cut and the error with it
 *   IPV4_ETIMEOUT  the read deadline passed with the queue empty
 *   IPV4_ECMSG*    the control data did not parse
 *   -EAGAIN        the queue is empty (non-blocking descriptor), or
 *                  POLLERR kept coming with no entry and no pending
 *                  error for it (another thread took them)
 *   -EBADF         c was closed by another thread during the call
 *   -errno         from recvmsg(2) or poll(2), or the pending error
 * On failure other than IPV4_ETRUNC the outputs are zeroed.
 *
 * Thread safety: several threads may call it at once with distinct
 * outputs; each entry goes to one of them.
 */
IPV4_EXPORT int ipv4_packet_conn_read_error(struct ipv4_packet_conn *c,
					    void *buf, size_t buf_len,
					    struct ipv4_extended_error *out_err,
					    struct ipv4_control_message *out_cm,
					    struct sockaddr_in *out_dst);

/*
 * ipv4_packet_conn_set_gso_size sets the UDP GSO segment size every later
 * write on c uses (the UDP_SEGMENT socket option; 0 turns it off): a write
 * of more than size bytes leaves as datagrams of size bytes, the last one
 * shorter. A write's own IPV4_FLAG_GSO control message overrides it.
 *
 * Returns 0, IPV4_EINVAL for a NULL or closed c, -EOPNOTSUPP when c is
 * not a UDP socket or the kernel has no UDP GSO (Linux before 4.18), or
 * -errno from setsockopt(2). Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_set_gso_size(struct ipv4_packet_conn *c,
					      uint16_t size);

/*
 * ipv4_packet_conn_gso_supported probes whether c can send with UDP GSO:
 * returns 0 when it can, -EOPNOTSUPP when c is not a UDP socket or the
 * kernel lacks GSO, IPV4_EINVAL for a NULL or closed c, or -errno. Safe
 * from any thread.
 */
IPV4_EXPORT int
ipv4_packet_conn_gso_supported(const struct ipv4_packet_conn *c);

/*
 * Batch offload (beyond Go; since 1.1). Linux can move many UDP datagrams
 * through the stack as one: on send, a datagram carrying a UDP_SEGMENT
 * control message (or sent with the option set) is cut by the kernel, or
 * by the network card, into datagrams of that segment size, the last one
 * possibly shorter (generic segmentation offload, GSO; Linux 4.18 and
 * later); on receive, a socket with the UDP_GRO option may be handed
 * several datagrams of one flow glued together, with their segment size in
 * a UDP_GRO control message (generic receive offload, GRO; Linux 5.0 and
 * later). The kernel takes at most 64 segments in one GSO datagram
 * (UDP_MAX_SEGMENTS), at most 64 KiB in all (65507 bytes of UDP payload
 * over IPv4), and refuses a segment that with its headers would not fit
 * the route's MTU (EINVAL), or a device that cannot checksum it (EIO).
 *
 * With offload turned on, write_batch and read_batch do that bookkeeping
 * themselves behind the per-datagram API:
 *
 *   IPV4_BATCH_COALESCE  write_batch sends each run of consecutive
 *                        messages that go to the same addr with byte-equal
 *                        control data (oob) and the same length (the last
 *                        of a run may be shorter, but not empty) as one
 *                        GSO datagram: at most 64 messages and 65507 bytes
 *                        a run. A message alone, an empty one, one whose
 *                        oob already holds UDP_SEGMENT, or one whose
 *                        oob_len is not a multiple of the cmsg alignment
 *                        (the size of a long: 8 bytes on 64-bit targets,
 *                        4 on 32-bit ones) or above 256 bytes goes as
 *                        before. The receiver sees exactly the datagrams
 *                        it would see without coalescing.
 *   IPV4_BATCH_SPLIT     the socket's UDP_GRO option is turned on, and
 *                        read_batch hands each received datagram, glued or
 *                        not, out as the datagrams it was made of: each
 *                        segment fills one message, with the sender in
 *                        addr, the control data of the whole in oob (less
 *                        the UDP_GRO item), its own length in
 *                        datagram_len and MSG_TRUNC when the message's
 *                        buffers were too small. Segments that do not fit
 *                        in the caller's batch stay in the split space
 *                        and come first in the next read_batch. Should
 *                        the kernel cut the control data (MSG_CTRUNC) so
 *                        that the UDP_GRO item is lost (it comes first,
 *                        so libipv4's room makes that unlikely), a glued
 *                        datagram cannot be split: it comes whole, as one
 *                        message cut to its buffers, with MSG_CTRUNC in
 *                        flags.
 */
#define IPV4_BATCH_COALESCE 0x1u
#define IPV4_BATCH_SPLIT 0x2u

/*
 * IPV4_BATCH_SPLIT_MAX is the most datagrams one receive into the split
 * space takes; more room is not used.
 */
#define IPV4_BATCH_SPLIT_MAX 64

/*
 * ipv4_batch_split_space returns the bytes of split space
 * ipv4_packet_conn_set_batch_offload needs to receive num_datagrams
 * datagrams (glued or not) with one system call: a little over 64 KiB
 * each, since a glued datagram may be that long. num_datagrams is taken
 * as 1 when 0 and as IPV4_BATCH_SPLIT_MAX when above it. Room for as
 * many datagrams as a batch holds messages (up to 64, about 4 MiB) lets a
 * batch of unglued datagrams come with one system call, as without
 * splitting; less room means more calls for them. Safe from any thread.
 */
IPV4_EXPORT size_t ipv4_batch_split_space(size_t num_datagrams);

/*
 * ipv4_packet_conn_set_batch_offload turns batch offload on c on or off:
 * flags is 0 (the default: batches behave as Go's) or IPV4_BATCH_COALESCE
 * and/or IPV4_BATCH_SPLIT (see "Batch offload" above). Beyond Go.
 *
 * space, space_len: the split space, memory the caller owns, aligned as
 * malloc aligns, of at least ipv4_batch_split_space(1) bytes (the bytes
 * beyond the last whole datagram's room are not used); NULL and 0 when
 * flags lacks IPV4_BATCH_SPLIT. The space holds the segments received but
 * not yet handed out, so it must stay valid, and untouched, until offload
 * is turned off or c is closed. libipv4 allocates nothing. Giving the
 * same space again, with nothing pending, prepares it afresh: only its
 * first space_len bytes are used from then on.
 *
 * Where the kernel or the socket refuses GSO (a kernel before 4.18, a
 * device that cannot checksum it, EIO; a route whose MTU the segment size
 * exceeds, EINVAL or EMSGSIZE), write_batch falls back by itself: the run
 * is sent again as plain messages in the same call, and coalescing stays
 * off (for EIO, ENOPROTOOPT, EOPNOTSUPP) or off for segments of that size
 * and larger (EINVAL, EMSGSIZE) for the life of c. EMSGSIZE for a run of
 * more than 65467 bytes (what 40 bytes of IP options leave of 65507)
 * first makes runs stop at 65467 bytes, for the life of c, before any
 * segment size is given up. See write_batch for the errors that are not
 * refusals. Where the kernel has no UDP_GRO (before 5.0), splitting is
 * off and reads behave as before. ipv4_packet_conn_batch_offload tells
 * which is in effect.
 *
 * With IPV4_BATCH_SPLIT, read c with read_batch only: read_from would
 * receive a glued datagram whole (cut to its buffer) and does not see the
 * pending segments. Calls of read_batch on c must not overlap (one reader
 * at a time, as QUIC stacks read): one that finds another inside returns
 * -EBUSY at once, having received nothing. MSG_PEEK is refused;
 * MSG_ERRQUEUE reads go around the split space.
 *
 * Returns 0, or:
 *   IPV4_EINVAL    c is NULL or closed; flags has other bits; space is
 *                  NULL with IPV4_BATCH_SPLIT, or not aligned to 8 bytes;
 *                  space_len is below ipv4_batch_split_space(1)
 *   -EOPNOTSUPP    flags is not 0 and c is not a UDP socket (raw sockets
 *                  have no UDP offload)
 *   -EBUSY         segments are pending in the old split space and the
 *                  call would drop them (turning IPV4_BATCH_SPLIT off,
 *                  giving another space, or the same space with a
 *                  space_len that has room for another number of
 *                  datagrams): read them first
 *   -errno         from setsockopt(2) turning UDP_GRO on or off (other
 *                  than ENOPROTOOPT, which means a kernel without GRO)
 * Not safe while another thread reads or writes c: set it up first.
 */
IPV4_EXPORT int ipv4_packet_conn_set_batch_offload(struct ipv4_packet_conn *c,
						   unsigned flags, void *space,
						   size_t space_len);

/*
 * ipv4_packet_conn_batch_offload returns the offload in effect on c: the
 * flags set with ipv4_packet_conn_set_batch_offload less those the kernel
 * refused (IPV4_BATCH_COALESCE drops out once write_batch fell back for
 * every size; a fall-back for large segments only keeps it), or
 * IPV4_EINVAL for a NULL or closed c. Safe from any thread.
 */
IPV4_EXPORT int
ipv4_packet_conn_batch_offload(const struct ipv4_packet_conn *c);

#ifdef __cplusplus
}
#endif

#endif /* IPV4_IO_H */
