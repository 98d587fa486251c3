/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/offload_internal.h - batch offload (io.h, "Batch offload"): what
 * offload.c, coalesce.c, split.c and batch.c share. Internal to libipv4.
 *
 * The state lives in the connection's offload_state word (read and written
 * atomically):
 *
 *   bits 0..1    the flags the caller set (IPV4_BATCH_COALESCE, _SPLIT)
 *   bits 2..4    a one-off error a coalesced send took and did not report
 *                (a socket's pending error), for the next write_batch
 *                to return: 0 none, else its index in
 *                coalesce.c's table
 *   bit 8        GSO refused for every size: coalescing is off
 *   bit 9        the kernel has no UDP_GRO: splitting is off
 *   bit 10       a run of more than COALESCE_SHORT_BYTES was refused
 *                (EMSGSIZE: IP options take room): runs stop there
 *   bits 16..31  segment-size cap: runs of segments this long or longer go
 *                plain (0: no cap), set after EINVAL or EMSGSIZE
 *
 * and the split space, whose address and length the connection keeps, in
 * the caller's memory.
 */
#ifndef IPV4_SHIM_OFFLOAD_INTERNAL_H
#define IPV4_SHIM_OFFLOAD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "ipv4/conn.h"
#include "ipv4/io.h"

#define OFFLOAD_FLAGS (IPV4_BATCH_COALESCE | IPV4_BATCH_SPLIT)
#define OFFLOAD_NO_GSO 0x100u
#define OFFLOAD_NO_GRO 0x200u
#define OFFLOAD_SHORT_RUNS 0x400u
#define OFFLOAD_ERR_SHIFT 2
#define OFFLOAD_ERR_MASK 0x1cu
#define OFFLOAD_CAP_SHIFT 16

/* The kernel's limits on one GSO datagram (UDP_MAX_SEGMENTS, 64 KiB). */
#define COALESCE_MAX_SEGS 64
#define COALESCE_MAX_BYTES 65507u
/* The same with room for the most IP options a socket may add (40 bytes). */
#define COALESCE_SHORT_BYTES (COALESCE_MAX_BYTES - 40u)
/* Caller control data a coalesced run may carry (it is copied). */
#define COALESCE_MAX_OOB 256

/* ipv4__offload_load reads c's offload state word. */
uint32_t ipv4__offload_load(const struct ipv4_packet_conn *c);

/*
 * ipv4__offload_refused records that the kernel refused a GSO datagram of
 * bytes bytes in seg-byte segments with -err (coalesce.c makes sure it
 * was GSO the kernel refused): for EMSGSIZE of a run longer than
 * COALESCE_SHORT_BYTES it shortens runs to that, the first time; else for
 * EINVAL and EMSGSIZE it caps the segment size below seg, for EIO,
 * ENOPROTOOPT and EOPNOTSUPP it turns coalescing off. Returns 1 when it
 * changed the state, 0 when it did not: an error that is not a refusal of
 * GSO, or one already recorded (perhaps by another thread).
 */
int ipv4__offload_refused(struct ipv4_packet_conn *c, int err, size_t seg,
			  size_t bytes);

/*
 * struct coalesce_limits: what ipv4__coalesce_run may use: the most
 * iovecs the run's messages may have in all, the segment-size cap (0:
 * none; a segment of cap bytes or more is not coalesced) and the most
 * bytes of a run (COALESCE_MAX_BYTES, or COALESCE_SHORT_BYTES).
 */
struct coalesce_limits {
	size_t max_iov;
	size_t cap;
	size_t max_bytes;
};

/*
 * ipv4__coalesce_run returns how many of ms[0..num) (num >= 1) form one
 * run that can go as one GSO datagram, with the segment size in *out_seg.
 * 1 means ms[0] goes alone (plain). The rules: same destination (addr,
 * AF_UNSPEC matching only AF_UNSPEC), byte-equal control data of a length
 * aligned as cmsgs are (CMSG_ALIGN: 8 bytes on 64-bit targets, 4 on
 * 32-bit ones) and at most COALESCE_MAX_OOB, well formed and without
 * UDP_SEGMENT in it, every length equal to the first but the last, which may be
 * shorter but not empty, a first length not 0 and below the cap; at most
 * COALESCE_MAX_SEGS messages, lim->max_bytes bytes and lim->max_iov
 * iovecs. A message the kernel would refuse as a caller's error goes
 * alone, so that its error is the one it gets without coalescing: to port
 * 0, or with a buffer longer than a datagram (whose lengths may wrap).
 */
size_t ipv4__coalesce_run(const struct ipv4_message *ms, size_t num,
			  const struct coalesce_limits *lim, size_t *out_seg);

/* ipv4__coalesce_write is write_batch with IPV4_BATCH_COALESCE in effect. */
int ipv4__coalesce_write(struct ipv4_packet_conn *c, struct ipv4_message *ms,
			 size_t num_ms, int flags);

/* ipv4__split_read is read_batch with IPV4_BATCH_SPLIT in effect. */
int ipv4__split_read(struct ipv4_packet_conn *c, struct ipv4_message *ms,
		     size_t num_ms, int flags);

/*
 * ipv4__split_pending: whether the split space at space holds segments
 * not yet handed out (0 for NULL).
 */
int ipv4__split_pending(const void *space);

/* ipv4__split_init prepares space_len bytes at space; returns its slots. */
size_t ipv4__split_init(void *space, size_t space_len);

/*
 * ipv4__split_keeps: whether the split space at space, prepared by
 * ipv4__split_init, has the layout (the slot count) space_len bytes would
 * give it, so that its pending segments stay where they are.
 */
int ipv4__split_keeps(const void *space, size_t space_len);

/*
 * ipv4__cmsg_item reads the control item at byte off of buf (len bytes)
 * into *out, its header copied (buf need not be aligned). Returns the
 * bytes to the next item (its length rounded up as the kernel rounds it,
 * at most what remains), or 0 when no well-formed item starts there: fewer
 * bytes than a header remain (the end), or a length below a header's or
 * beyond what remains (malformed; checked before it is rounded, so a huge
 * one cannot wrap).
 */
struct cmsghdr;
size_t ipv4__cmsg_item(const uint8_t *buf, size_t len, size_t off,
		       struct cmsghdr *out);

/*
 * ipv4__batch_check is batch.c's check of a batch before any system
 * call, shared with coalesce.c and split.c.
 */
int ipv4__batch_check(const struct ipv4_packet_conn *c,
		      const struct ipv4_message *ms, size_t num, int writing);

#endif /* IPV4_SHIM_OFFLOAD_INTERNAL_H */
