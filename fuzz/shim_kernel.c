/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/shim_kernel.c - the socket layer against a kernel the input scripts.
 *
 * The harness is linked with -Wl,--wrap for every system call the shim's
 * read and write paths make (recvmsg, recvmmsg, sendmsg, sendmmsg, ppoll,
 * poll) and for clock_gettime, so that, while a library call runs, each of
 * those calls is answered by the next entry of the input instead of the
 * kernel, and time is a counter the "kernel" moves. Outside a library call
 * (and on any other thread) the wrappers pass through to the real calls.
 *
 * Input: an operation and its set-up (which call, deadline, blocking or
 * not, control flags, buffer sizes, batch length), then the kernel's
 * answers in the order the calls come:
 *   recvmsg, recvmmsg  an errno, or datagrams: length, msg_flags
 *                      (MSG_CTRUNC; MSG_TRUNC as a lie), msg_namelen, the
 *                      sender, msg_controllen and the control bytes; a
 *                      short count from recvmmsg
 *   sendmsg, sendmmsg  an errno, or success (a short count from sendmmsg)
 *   ppoll, poll        an errno (EINTR...), a timeout (time passes), or
 *                      revents (POLLIN, POLLOUT, POLLERR, POLLHUP, POLLNVAL,
 *                      POLLRDHUP, POLLPRI; masked as the kernel masks them)
 * When the answers run out the kernel has nothing more to say: a read or
 * write that may not block answers EAGAIN, a poll with a timeout times out,
 * a poll keeps reporting the conditions that are states rather than data
 * (POLLERR, POLLHUP, POLLNVAL, POLLRDHUP: level-triggered, as on Linux),
 * and a call that would block for ever ends the case (a thread blocked in
 * the kernel is not a defect of the library).
 *
 * Properties checked on every input (abort on violation):
 *   - no memory error (ASan, UBSan, MSan);
 *   - every library call ends after at most MAX_CALLS system calls: a call
 *     that keeps polling and reading without consuming anything is a spin;
 *   - counts agree with what the kernel said: the result, n, datagram_len,
 *     nn, flags, MSG_CTRUNC as cm.truncated, the sender and the payload
 *     of every datagram delivered; a write returns what sendmsg or
 *     sendmmsg accepted, and hands the kernel the control data
 *     ipv4_control_message_marshal makes;
 *   - every failure is a named libipv4 code or -errno for an errno this
 *     kernel answered during the call;
 *   - nothing delivered is reported twice or dropped silently: a read that
 *     took a datagram reports it (or a named code about that datagram),
 *     a batch returns exactly the messages recvmmsg filled, in order, and
 *     each recvmmsg/sendmmsg starts at the first message not yet moved.
 *
 * Batch offload (io.h) adds two operations:
 *   write_batch with IPV4_BATCH_COALESCE  the batch's lengths and
 *                      destinations come from the input, so runs form and
 *                      break; sendmmsg sees GSO headers, each carrying a run
 *                      (found by its iovecs, which point at the messages'
 *                      buffers) with a UDP_SEGMENT item, and the script
 *                      accepts or refuses them (EIO, EINVAL, EMSGSIZE,
 *                      ENOPROTOOPT, EOPNOTSUPP...). Checked: every header
 *                      starts at the first message not yet sent and carries
 *                      whole messages, a GSO header obeys the run rules and
 *                      the kernel's limits, a refused run is sent again
 *                      (as it was, then plain, or capped), and the count
 *                      returned is exactly the messages the accepted
 *                      headers carried;
 *   read_batch with IPV4_BATCH_SPLIT  recvmmsg fills the split space; each
 *                      datagram may carry a UDP_GRO item with any segment
 *                      size, before the script's control bytes, and may be
 *                      about as long as a slot (64 KiB). One to four
 *                      reads, then reads until the space is empty: every
 *                      segment of every datagram delivered is handed out
 *                      once, in order, with its bytes, length, sender and
 *                      control data (less the UDP_GRO item), and no more.
 */
#define _GNU_SOURCE /* recvmmsg, sendmmsg, ppoll */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "fuzz/fuzz.h"
#include "ipv4/conn.h"
#include "ipv4/control.h"
#include "ipv4/header.h"
#include "ipv4/io.h"

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif

/* More wrapped system calls than this in one library call is a spin. */
#define MAX_CALLS 10000
/* The largest datagram the script makes, and the buffers it is read into. */
#define MAX_DATAGRAM 2048
#define MAX_BUF 2048
#define MAX_BATCH 160
#define MAX_OOB 512
#define NS_PER_SEC 1000000000LL
/* Fake time moves this much per system call (a call is not free). */
#define NS_PER_CALL 1000

/* The calls the wrappers answer. */
ssize_t __real_recvmsg(int fd, struct msghdr *m, int flags);
int __real_recvmmsg(int fd, struct mmsghdr *v, unsigned n, int flags,
		    struct timespec *t);
ssize_t __real_sendmsg(int fd, const struct msghdr *m, int flags);
int __real_sendmmsg(int fd, struct mmsghdr *v, unsigned n, int flags);
int __real_ppoll(struct pollfd *p, nfds_t n, const struct timespec *t,
		 const sigset_t *s);
int __real_poll(struct pollfd *p, nfds_t n, int timeout);
int __real_clock_gettime(clockid_t id, struct timespec *ts);

ssize_t __wrap_recvmsg(int fd, struct msghdr *m, int flags);
int __wrap_recvmmsg(int fd, struct mmsghdr *v, unsigned n, int flags,
		    struct timespec *t);
ssize_t __wrap_sendmsg(int fd, const struct msghdr *m, int flags);
int __wrap_sendmmsg(int fd, struct mmsghdr *v, unsigned n, int flags);
int __wrap_ppoll(struct pollfd *p, nfds_t n, const struct timespec *t,
		 const sigset_t *s);
int __wrap_poll(struct pollfd *p, nfds_t n, int timeout);
int __wrap_clock_gettime(clockid_t id, struct timespec *ts);

static const int errnos[] = {
	EINTR,	     EAGAIN,   ENOBUFS,	     ENOMEM, ECONNREFUSED, EHOSTUNREACH,
	ENETUNREACH, EMSGSIZE, EPERM,	     EACCES, ECONNRESET,   EBADF,
	EINVAL,	     ENOTCONN, EDESTADDRREQ, EPIPE,  ETIMEDOUT,	   EIO,
	EOPNOTSUPP,  ENETDOWN, ENOPROTOOPT,
};
#define NUM_ERRNOS (sizeof(errnos) / sizeof(errnos[0]))

/* One datagram the kernel delivered, as the script made it. */
struct delivered {
	size_t len;	/* the datagram's whole length */
	size_t copied;	/* bytes placed in the buffers */
	int flags;	/* msg_flags set */
	size_t namelen; /* msg_namelen set */
	struct sockaddr_in from;
	size_t controllen; /* msg_controllen set */
	uint8_t seed;	   /* the content: byte 0 = first, then seed + i */
	uint8_t first;
	/* split reads: the control bytes the script gave (after any UDP_GRO
	 * item the kernel put first) and the segment size the model finds */
	uint8_t control[320];
	size_t seg; /* 0: handed out whole */
};

/* What the kernel did during one library call. */
static struct {
	struct fuzz_input in;
	int fd;
	bool nonblocking;
	int64_t now;
	unsigned calls;
	short sticky;			   /* poll conditions that stay */
	unsigned answered[NUM_ERRNOS + 1]; /* errnos given, by table index */
	struct delivered got[MAX_BATCH];
	size_t num_got;		   /* datagrams delivered */
	size_t recv_calls;	   /* recvmsg/recvmmsg calls that delivered */
	size_t sent;		   /* messages sendmsg/sendmmsg accepted */
	size_t sent_bytes;	   /* bytes the last sendmsg accepted */
	size_t send_calls;	   /* successful sendmsg/sendmmsg calls */
	uint8_t want_control[256]; /* the control data a write must carry */
	size_t want_controllen;
	struct iovec *batch_iovs; /* the batch's buffers, to find a message */
	const struct ipv4_message *batch_ms; /* the batch (coalescing) */
	size_t batch_len;
	bool coalesce;	 /* write_batch with IPV4_BATCH_COALESCE */
	bool split;	 /* read_batch with IPV4_BATCH_SPLIT */
	size_t exp_d;	 /* split: the datagram of the next segment */
	size_t exp_off;	 /* and its first byte there */
	size_t long_len; /* split: the length of the next datagram, if set */
	jmp_buf blocked; /* where a call that blocks for ever ends */
} k;

/* While set (on the fuzzing thread only), the wrappers answer. */
static _Thread_local bool scripted;

static void count_call(void)
{
	k.calls++;
	k.now += NS_PER_CALL;
	if (k.calls > MAX_CALLS) {
		fuzz_fail(__FILE__, __LINE__,
			  "a call made more than MAX_CALLS system calls "
			  "without an answer (a spin)");
	}
}

/* fail_with sets errno from the table and notes it as answered. */
static int fail_with(size_t i)
{
	k.answered[i]++;
	errno = errnos[i];
	return -1;
}

static int fail_eagain(void)
{
	return fail_with(1);
}

/* note_answer notes err, from the table, as an answer the shim may give. */
static void note_answer(int err)
{
	for (size_t i = 0; i < NUM_ERRNOS; i++) {
		if (errnos[i] == err) {
			k.answered[i]++;
		}
	}
}

static bool answered(int err)
{
	for (size_t i = 0; i < NUM_ERRNOS; i++) {
		if (errnos[i] == err && k.answered[i] > 0) {
			return true;
		}
	}
	return false;
}

/*
 * would_block: a call without MSG_DONTWAIT on a blocking socket; never a
 * read of the error queue, which answers EAGAIN at once when it is empty.
 */
static bool would_block(int flags)
{
	return (flags & (MSG_DONTWAIT | MSG_ERRQUEUE)) == 0 && !k.nonblocking;
}

/*
 * script_answer starts the answer to a read or write: -1 with errno set
 * when the kernel fails it (EAGAIN when the script is over and the call
 * may not block), 0 when it succeeds (the details follow in the script).
 * A call that would block for ever ends the case.
 */
static int script_answer(int flags)
{
	uint8_t a;

	count_call();
	if (k.in.len == 0) {
		if (would_block(flags)) {
			longjmp(k.blocked, 1);
		}
		return fail_eagain();
	}
	a = fuzz_u8(&k.in);
	if (a % 8 == 0) {
		return fail_with(fuzz_u8(&k.in) % NUM_ERRNOS);
	}
	if (a % 8 == 1) {
		return fail_eagain();
	}
	return 0;
}

static uint8_t content(const struct delivered *d, size_t i)
{
	return i == 0 ? d->first : (uint8_t)(d->seed + i);
}

/* iov_total: the bytes num iovecs hold. */
static size_t iov_total(const struct iovec *iov, size_t num)
{
	size_t len = 0;

	for (size_t v = 0; v < num; v++) {
		len += iov[v].iov_len;
	}
	return len;
}

/* fill_iov copies the datagram d into iov; returns the bytes copied. */
static size_t fill_iov(const struct delivered *d, const struct iovec *iov,
		       size_t num)
{
	size_t at = 0;

	for (size_t v = 0; v < num && at < d->len; v++) {
		uint8_t *p = iov[v].iov_base;

		for (size_t j = 0; j < iov[v].iov_len && at < d->len; j++) {
			p[j] = content(d, at++);
		}
	}
	return at;
}

/* deliver answers one datagram into m, as the script says. */
static void deliver(struct msghdr *m, struct delivered *d, int flags)
{
	uint8_t fl = fuzz_u8(&k.in);
	size_t cap = m->msg_controllen;
	size_t cl;
	size_t room;

	memset(d, 0, sizeof(*d));
	d->len = fuzz_u16(&k.in) % (MAX_DATAGRAM + 1);
	if (k.long_len != 0) {
		d->len = k.long_len;
	}
	d->first = fuzz_u8(&k.in);
	d->seed = fuzz_u8(&k.in);
	d->namelen = fuzz_u8(&k.in) % 20;
	d->from.sin_family = AF_INET;
	d->from.sin_port = (in_port_t)fuzz_u16(&k.in);
	d->from.sin_addr = fuzz_addr(&k.in);
	cl = fuzz_u8(&k.in);
	room = iov_total(m->msg_iov, m->msg_iovlen);
	d->copied = fill_iov(d, m->msg_iov, m->msg_iovlen);
	FUZZ_CHECK(d->copied == (d->len < room ? d->len : room));
	d->flags = 0;
	if (d->len > room || (fl & 2) != 0) {
		d->flags |= MSG_TRUNC; /* bit 1: a kernel that says so anyway */
	}
	if ((fl & 1) != 0) {
		d->flags |= MSG_CTRUNC;
	}
	if ((flags & MSG_ERRQUEUE) != 0) {
		d->flags |= MSG_ERRQUEUE;
	}
	/* The control bytes: as many as the script has, at most the room. */
	if (cl > cap) {
		cl = cap;
	}
	if (cl > 0) {
		size_t got = 0;
		const uint8_t *b = fuzz_bytes(&k.in, cl, &got);

		memcpy(m->msg_control, b, got);
		cl = got;
	}
	d->controllen = cl;
	m->msg_controllen = cl;
	if (m->msg_name != NULL) {
		size_t put = d->namelen < m->msg_namelen ? d->namelen
							 : m->msg_namelen;
		memcpy(m->msg_name, &d->from,
		       put < sizeof(d->from) ? put : sizeof(d->from));
		m->msg_namelen = (socklen_t)d->namelen;
	}
	m->msg_flags = d->flags;
}

/* result_len: what recvmsg returns for d. */
static long result_len(const struct delivered *d, int flags)
{
	return (flags & MSG_TRUNC) != 0 ? (long)d->len : (long)d->copied;
}

ssize_t __wrap_recvmsg(int fd, struct msghdr *m, int flags)
{
	if (!scripted || fd != k.fd) {
		return __real_recvmsg(fd, m, flags);
	}
	if (script_answer(flags) < 0) {
		return -1;
	}
	if (k.num_got == MAX_BATCH) {
		return fail_eagain();
	}
	deliver(m, &k.got[k.num_got], flags);
	k.recv_calls++;
	return result_len(&k.got[k.num_got++], flags);
}

/* batch_index: which message of the batch hdr points at. */
static size_t batch_index(const struct msghdr *h)
{
	for (size_t i = 0; i < k.batch_len; i++) {
		if (h->msg_iov == &k.batch_iovs[i]) {
			return i;
		}
	}
	fuzz_fail(__FILE__, __LINE__, "a header points at no message");
	return 0;
}

/*
 * model_gro is the test's own reading of the control data d carries: the
 * first well-formed SOL_UDP UDP_GRO item, walked with every length checked
 * against what remains, taken out of *len bytes at c; returns its value
 * (0 when there is none).
 */
static int model_gro(uint8_t *c, size_t *len)
{
	size_t off = 0;

	while (*len - off >= sizeof(struct cmsghdr)) {
		struct cmsghdr h;
		size_t step;
		int v = 0;

		memcpy(&h, c + off, sizeof(h));
		if (h.cmsg_len < sizeof(h) || h.cmsg_len > *len - off) {
			return 0;
		}
		step = CMSG_ALIGN(h.cmsg_len);
		if (step > *len - off) {
			step = *len - off;
		}
		if (h.cmsg_level == SOL_UDP && h.cmsg_type == UDP_GRO &&
		    h.cmsg_len >= CMSG_LEN(sizeof(int))) {
			memcpy(&v, c + off + CMSG_LEN(0), sizeof(v));
			memmove(c + off, c + off + step, *len - off - step);
			*len -= step;
			return v;
		}
		off += step;
	}
	return 0;
}

/*
 * deliver_split answers one datagram into a slot of the split space: as
 * deliver, then, when the script says so, a UDP_GRO item with a segment
 * size from the script put before the control bytes, as Linux puts it.
 * When the script says so (how bit 2), the datagram is about as long as
 * the slot instead: from 4 bytes shorter to 3 bytes longer (how bits
 * 3..5), which Linux never makes but must not lead the reader out of the
 * slot; one longer than the slot is cut and handed out whole.
 */
static void deliver_split(struct msghdr *m, struct delivered *d, int flags)
{
	uint8_t how = fuzz_u8(&k.in);
	int gro = (int)fuzz_u16(&k.in) - (how & 0x80 ? 256 : 0) +
		  (how & 0x40 ? 65536 : 0);
	size_t item = CMSG_SPACE(sizeof(int));
	size_t cap = m->msg_controllen;
	size_t slot = iov_total(m->msg_iov, m->msg_iovlen);
	uint8_t *c = m->msg_control;
	size_t len;
	int v;

	FUZZ_CHECK(cap >= item + 255);
	m->msg_controllen = cap - item;
	k.long_len = (how & 4) != 0 ? slot - 4 + (how >> 3 & 7) : 0;
	deliver(m, d, flags);
	k.long_len = 0;
	len = m->msg_controllen;
	if ((how & 3) != 0) {
		struct cmsghdr h = { .cmsg_len = CMSG_LEN(sizeof(int)),
				     .cmsg_level = SOL_UDP,
				     .cmsg_type = UDP_GRO };

		memmove(c + item, c, len);
		memset(c, 0, item);
		memcpy(c, &h, sizeof(h));
		memcpy(c + CMSG_LEN(0), &gro, sizeof(gro));
		len += item;
		m->msg_controllen = len;
	}
	/* what the reader should see: the control less the item, split or not */
	memcpy(d->control, c,
	       len < sizeof(d->control) ? len : sizeof(d->control));
	FUZZ_CHECK(len <= sizeof(d->control));
	v = model_gro(d->control, &len);
	d->controllen = len;
	d->seg = v > 0 && v <= 65535 && (size_t)v < d->len && d->len <= slot
			 ? (size_t)v
			 : 0;
}

/*
 * deliver_some answers a recvmmsg of n headers that the script did not
 * fail: 1..n datagrams, each put in place by put; returns how many.
 */
static int deliver_some(struct mmsghdr *v, unsigned n, int flags,
			void (*put)(struct msghdr *, struct delivered *, int))
{
	unsigned count = 1 + fuzz_u8(&k.in) % n;

	for (unsigned i = 0; i < count; i++) {
		struct delivered *d = &k.got[k.num_got++];

		put(&v[i].msg_hdr, d, flags);
		v[i].msg_len = (unsigned)result_len(d, flags);
	}
	k.recv_calls++;
	return (int)count;
}

static int recvmmsg_split(struct mmsghdr *v, unsigned n, int flags)
{
	FUZZ_CHECK(n > 0 && n <= IPV4_BATCH_SPLIT_MAX);
	if (script_answer(flags) < 0) {
		return -1;
	}
	if (k.num_got + n > MAX_BATCH) {
		return fail_eagain(); /* this kernel has said enough */
	}
	return deliver_some(v, n, flags, deliver_split);
}

int __wrap_recvmmsg(int fd, struct mmsghdr *v, unsigned n, int flags,
		    struct timespec *t)
{
	if (!scripted || fd != k.fd) {
		return __real_recvmmsg(fd, v, n, flags, t);
	}
	if (k.split) {
		return recvmmsg_split(v, n, flags);
	}
	FUZZ_CHECK(n > 0);
	/* every chunk starts at the first message not yet filled */
	FUZZ_CHECK(batch_index(&v[0].msg_hdr) == k.num_got);
	FUZZ_CHECK(k.num_got + n <= k.batch_len);
	if (script_answer(flags) < 0) {
		return -1;
	}
	return deliver_some(v, n, flags, deliver);
}

ssize_t __wrap_sendmsg(int fd, const struct msghdr *m, int flags)
{
	size_t len;

	if (!scripted || fd != k.fd) {
		return __real_sendmsg(fd, m, flags);
	}
	if (script_answer(flags) < 0) {
		return -1;
	}
	len = iov_total(m->msg_iov, m->msg_iovlen);
	k.sent++;
	k.send_calls++;
	k.sent_bytes = len;
	/* the control data is what ipv4_control_message_marshal makes */
	FUZZ_CHECK(k.want_controllen == m->msg_controllen);
	FUZZ_CHECK(m->msg_controllen == 0 ||
		   memcmp(m->msg_control, k.want_control, m->msg_controllen) ==
			   0);
	return (ssize_t)len; /* a datagram goes whole or not at all */
}

/* buf_index: the message whose buffer p is (every message has its own). */
static size_t buf_index(const void *p)
{
	for (size_t i = 0; i < k.batch_len; i++) {
		if (k.batch_iovs[i].iov_base == p) {
			return i;
		}
	}
	fuzz_fail(__FILE__, __LINE__, "an iovec points at no message");
	return 0;
}

/* gso_size: the UDP_SEGMENT value of h's control data; 0 when none. */
static size_t gso_size(const struct msghdr *h)
{
	struct cmsghdr c;
	uint16_t v;

	if (h->msg_controllen == 0) {
		return 0;
	}
	/* a coalesced run without control data of its own: one item */
	FUZZ_CHECK(h->msg_controllen == CMSG_SPACE(sizeof(uint16_t)));
	memcpy(&c, h->msg_control, sizeof(c));
	FUZZ_CHECK(c.cmsg_level == SOL_UDP && c.cmsg_type == UDP_SEGMENT &&
		   c.cmsg_len == CMSG_LEN(sizeof(uint16_t)));
	memcpy(&v, (const uint8_t *)h->msg_control + CMSG_LEN(0), sizeof(v));
	return v;
}

/*
 * check_header checks that h carries whole messages from *next on, by the
 * run rules when it is a GSO datagram, and moves *next past them; returns
 * how many it carries.
 */
static size_t check_header(const struct msghdr *h, size_t *next)
{
	size_t seg = gso_size(h);
	size_t first = *next;
	size_t total = 0;

	FUZZ_CHECK(h->msg_iovlen >= 1);
	for (size_t i = 0; i < h->msg_iovlen; i++) {
		const struct iovec *iov = &h->msg_iov[i];
		const struct ipv4_message *m = &k.batch_ms[*next];

		FUZZ_CHECK(*next < k.batch_len &&
			   buf_index(iov->iov_base) == *next);
		FUZZ_CHECK(iov->iov_len == m->buffers[0].iov_len);
		FUZZ_CHECK(h->msg_namelen == sizeof(m->addr) &&
			   memcmp(h->msg_name, &m->addr, sizeof(m->addr)) == 0);
		if (seg != 0) {
			/* equal lengths; the last may be shorter, not empty */
			FUZZ_CHECK(iov->iov_len > 0 && iov->iov_len <= seg);
			FUZZ_CHECK(iov->iov_len == seg ||
				   i + 1 == h->msg_iovlen);
		}
		total += iov->iov_len;
		(*next)++;
	}
	if (seg != 0) {
		FUZZ_CHECK(h->msg_iovlen >= 2 && h->msg_iovlen <= 64);
		FUZZ_CHECK(total <= 65507 &&
			   k.batch_ms[first].buffers[0].iov_len == seg);
	} else {
		FUZZ_CHECK(h->msg_iovlen == 1);
	}
	return *next - first;
}

static int sendmmsg_coalesce(struct mmsghdr *v, unsigned n, int flags)
{
	size_t carried[64];
	size_t next = k.sent;
	unsigned count;

	FUZZ_CHECK(n > 0 && n <= 64);
	for (unsigned i = 0; i < n; i++) {
		carried[i] = check_header(&v[i].msg_hdr, &next);
	}
	if (script_answer(flags) < 0) {
		return -1;
	}
	count = 1 + fuzz_u8(&k.in) % n;
	for (unsigned i = 0; i < count; i++) {
		v[i].msg_len = (unsigned)iov_total(v[i].msg_hdr.msg_iov,
						   v[i].msg_hdr.msg_iovlen);
		k.sent += carried[i];
	}
	k.send_calls++;
	return (int)count;
}

int __wrap_sendmmsg(int fd, struct mmsghdr *v, unsigned n, int flags)
{
	unsigned count;

	if (!scripted || fd != k.fd) {
		return __real_sendmmsg(fd, v, n, flags);
	}
	if (k.coalesce) {
		return sendmmsg_coalesce(v, n, flags);
	}
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(batch_index(&v[0].msg_hdr) == k.sent);
	FUZZ_CHECK(k.sent + n <= k.batch_len);
	if (script_answer(flags) < 0) {
		return -1;
	}
	count = 1 + fuzz_u8(&k.in) % n;
	for (unsigned i = 0; i < count; i++) {
		v[i].msg_len = (unsigned)iov_total(v[i].msg_hdr.msg_iov,
						   v[i].msg_hdr.msg_iovlen);
	}
	k.sent += count;
	k.send_calls++;
	return (int)count;
}

/* POLL_STATES: the conditions that are states of the socket, not data. */
#define POLL_STATES (POLLERR | POLLHUP | POLLNVAL | POLLRDHUP)

/* poll_answer answers a poll of p[0] waiting timeout_ns (-1: for ever). */
static int poll_answer(struct pollfd *p, nfds_t n, int64_t timeout_ns)
{
	static const short bits[] = { POLLIN,	POLLOUT,   POLLERR, POLLHUP,
				      POLLNVAL, POLLRDHUP, POLLPRI };
	short mask;
	short ev = 0;

	count_call();
	/* p[1], when there, is the shim's wake-up eventfd: never woken here */
	FUZZ_CHECK((n == 1 || n == 2) && p[0].fd == k.fd);
	if (n == 2) {
		FUZZ_CHECK(p[1].fd != k.fd && p[1].events == POLLIN);
		p[1].revents = 0;
	}
	/* POLLERR, POLLHUP and POLLNVAL need no event bit */
	mask = (short)(p[0].events | POLLERR | POLLHUP | POLLNVAL);
	p[0].revents = 0;
	if (k.in.len == 0) {
		ev = (short)(k.sticky & mask);
	} else {
		uint8_t a = fuzz_u8(&k.in);

		if (a % 8 == 0) {
			return fail_with(fuzz_u8(&k.in) % 4 == 0
						 ? 3 /* ENOMEM */
						 : 0 /* EINTR */);
		}
		if (a % 8 != 1) {
			uint8_t b = fuzz_u8(&k.in);

			for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]);
			     i++) {
				if ((b >> i & 1) != 0) {
					ev = (short)(ev | bits[i]);
				}
			}
			k.sticky = (short)(ev & POLL_STATES);
			ev = (short)(ev & mask);
		}
	}
	if (ev == 0) {
		if (timeout_ns < 0) {
			longjmp(k.blocked, 1); /* nothing will ever come */
		}
		k.now += timeout_ns;
		return 0;
	}
	if ((ev & POLLNVAL) != 0) {
		k.answered[NUM_ERRNOS]++; /* the shim may say EBADF */
	}
	/*
	 * A state the next call cannot consume ends it with an answer (io.h,
	 * "How a call waits"): -EPIPE after a hang-up or read-side shutdown,
	 * -EAGAIN for an error-queue entry a read or write cannot take.
	 */
	if ((ev & (POLLHUP | POLLRDHUP)) != 0) {
		note_answer(EPIPE);
	}
	if ((ev & POLLERR) != 0) {
		note_answer(EAGAIN);
	}
	p[0].revents = ev;
	return 1;
}

int __wrap_ppoll(struct pollfd *p, nfds_t n, const struct timespec *t,
		 const sigset_t *s)
{
	if (!scripted) {
		return __real_ppoll(p, n, t, s);
	}
	return poll_answer(p, n,
			   t == NULL ? -1
				     : (int64_t)t->tv_sec * NS_PER_SEC +
					       t->tv_nsec);
}

int __wrap_poll(struct pollfd *p, nfds_t n, int timeout)
{
	if (!scripted) {
		return __real_poll(p, n, timeout);
	}
	return poll_answer(p, n, timeout < 0 ? -1 : (int64_t)timeout * 1000000);
}

int __wrap_clock_gettime(clockid_t id, struct timespec *ts)
{
	if (!scripted || id != CLOCK_MONOTONIC) {
		return __real_clock_gettime(id, ts);
	}
	ts->tv_sec = (time_t)(k.now / NS_PER_SEC);
	ts->tv_nsec = (long)(k.now % NS_PER_SEC);
	return 0;
}

/* ---- the library calls and what they must answer ---- */

enum op {
	OP_READ_FROM,	  /* packet connection, UDP */
	OP_READ_FROM_RAW, /* packet connection on a raw socket */
	OP_RAW_READ_FROM, /* raw connection */
	OP_READ_BATCH,
	OP_READ_ERROR,
	OP_WRITE_TO,
	OP_WRITE_BATCH,
	OP_RAW_WRITE_TO,
	OP_WRITE_COALESCE, /* write_batch with IPV4_BATCH_COALESCE */
	OP_READ_SPLIT,	   /* read_batch with IPV4_BATCH_SPLIT, several */
	NUM_OPS
};

/* check_failure: a failure is a named code, or -errno this kernel gave. */
static void check_failure(int rc)
{
	if (rc >= 0) {
		return;
	}
	if (rc <= -200) {
		fuzz_check_code(rc);
		return;
	}
	FUZZ_CHECK(answered(-rc) ||
		   (rc == -EBADF && k.answered[NUM_ERRNOS] > 0));
}

/* check_source: the sender as delivered, or zero when the kernel gave none. */
static void check_source(const struct sockaddr_in *src,
			 const struct delivered *d)
{
	struct sockaddr_in want;

	memset(&want, 0, sizeof(want));
	if (d->namelen >= sizeof(want)) {
		want = d->from;
	}
	FUZZ_CHECK(memcmp(src, &want, sizeof(want)) == 0);
}

static bool cut(const struct delivered *d, size_t room)
{
	return (d->flags & MSG_TRUNC) != 0 || d->len > room;
}

/*
 * A read that took no datagram can only fail: with what the kernel said or
 * the deadline, or, before any system call, with a code about the request.
 */
static void check_nothing_taken(int rc)
{
	FUZZ_CHECK(rc < 0);
	FUZZ_CHECK(rc > -200 || rc == IPV4_ETIMEOUT || k.calls == 0);
}

/* the control data is reported cut exactly when the kernel said so */
static void check_ctrunc(const struct ipv4_control_message *cm,
			 const struct delivered *d)
{
	FUZZ_CHECK(cm->truncated == ((d->flags & MSG_CTRUNC) != 0));
}

static void check_read_from(int rc, const uint8_t *buf, size_t buf_len,
			    const struct sockaddr_in *src,
			    const struct ipv4_control_message *cm)
{
	const struct delivered *d = &k.got[0];

	FUZZ_CHECK(k.recv_calls <= 1);
	if (k.num_got == 0) {
		check_nothing_taken(rc);
		return;
	}
	if (rc >= 0 || rc == IPV4_ETRUNC) {
		FUZZ_CHECK((rc == IPV4_ETRUNC) == cut(d, buf_len));
		FUZZ_CHECK(rc < 0 || (size_t)rc == d->len);
		for (size_t i = 0; i < d->copied; i++) {
			FUZZ_CHECK(buf[i] == content(d, i));
		}
		check_source(src, d);
		check_ctrunc(cm, d);
		return;
	}
	/* a named code about the datagram taken (its control data) */
	FUZZ_CHECK(rc <= -200 && rc != IPV4_ETIMEOUT);
}

/* raw_expect: what a packet-connection read on a raw socket answers. */
static long raw_expect(const struct delivered *d, size_t buf_len)
{
	size_t n = d->copied;
	size_t hdr_len = (size_t)(d->first & 0x0f) * 4;

	if (n < IPV4_HEADER_LEN) {
		return IPV4_ESHORT;
	}
	if (hdr_len < IPV4_HEADER_LEN) {
		return IPV4_EIHL;
	}
	if (n < hdr_len) {
		return d->len > n ? IPV4_ETRUNC : IPV4_EEXTSHORT;
	}
	(void)buf_len;
	return (long)(n - hdr_len);
}

static void check_read_from_raw(int rc, const uint8_t *buf, size_t buf_len,
				const struct sockaddr_in *src,
				const struct ipv4_control_message *cm)
{
	const struct delivered *d = &k.got[0];
	long want;

	FUZZ_CHECK(k.recv_calls <= 1);
	if (k.num_got == 0) {
		check_nothing_taken(rc);
		return;
	}
	want = raw_expect(d, buf_len);
	if (want < 0 && want != IPV4_ETRUNC) {
		FUZZ_CHECK(rc == want);
		return;
	}
	if (rc >= 0 || rc == IPV4_ETRUNC) {
		size_t hdr_len = (size_t)(d->first & 0x0f) * 4;

		FUZZ_CHECK((rc == IPV4_ETRUNC) ==
			   cut(d, buf_len + IPV4_HEADER_LEN));
		FUZZ_CHECK(rc < 0 || rc == want);
		/* the payload, moved down over any options */
		for (size_t i = 0; want > 0 && i < (size_t)want; i++) {
			FUZZ_CHECK(buf[i] == content(d, hdr_len + i));
		}
		check_source(src, d);
		check_ctrunc(cm, d);
		return;
	}
	FUZZ_CHECK(rc <= -200 && rc != IPV4_ETIMEOUT);
}

static void check_raw_read_from(int rc, const uint8_t *buf, size_t buf_len,
				const struct ipv4_header *h,
				const uint8_t *payload, size_t payload_len,
				const struct ipv4_control_message *cm)
{
	const struct delivered *d = &k.got[0];
	struct ipv4_header want;
	int prc;

	FUZZ_CHECK(k.recv_calls <= 1);
	if (k.num_got == 0) {
		check_nothing_taken(rc);
		return;
	}
	prc = ipv4_header_parse(&want, buf, d->copied, IPV4_FORMAT_NATIVE);
	if (prc != 0) {
		FUZZ_CHECK(rc == prc);
		FUZZ_CHECK(payload == NULL && payload_len == 0);
		return;
	}
	if (rc >= 0 || rc == IPV4_ETRUNC) {
		FUZZ_CHECK((rc == IPV4_ETRUNC) == cut(d, buf_len));
		FUZZ_CHECK(rc < 0 || (size_t)rc == d->copied);
		FUZZ_CHECK(memcmp(h, &want, sizeof(want)) == 0);
		FUZZ_CHECK(payload == buf + want.len);
		FUZZ_CHECK(payload_len == d->copied - want.len);
		for (size_t i = 0; i < d->copied; i++) {
			FUZZ_CHECK(buf[i] == content(d, i));
		}
		check_ctrunc(cm, d);
		return;
	}
	FUZZ_CHECK(rc <= -200 && rc != IPV4_ETIMEOUT);
}

static void check_read_batch(int rc, const struct ipv4_message *ms)
{
	if (rc < 0) {
		/* an error may end a batch only before anything was taken */
		FUZZ_CHECK(k.num_got == 0);
		check_nothing_taken(rc);
		return;
	}
	FUZZ_CHECK(rc > 0);
	FUZZ_CHECK((size_t)rc == k.num_got);
	for (size_t i = 0; i < k.num_got; i++) {
		const struct delivered *d = &k.got[i];
		const struct ipv4_message *m = &ms[i];
		size_t room = iov_total(m->buffers, m->num_buffers);
		FUZZ_CHECK(m->datagram_len == d->len);
		FUZZ_CHECK(m->n == d->copied);
		FUZZ_CHECK(m->n == (d->len < room ? d->len : room));
		FUZZ_CHECK(m->nn == d->controllen);
		FUZZ_CHECK(m->flags == d->flags);
		check_source(&m->addr, d);
		for (size_t j = 0; j < m->n && m->num_buffers > 0; j++) {
			const uint8_t *p = m->buffers[0].iov_base;

			if (j < m->buffers[0].iov_len) {
				FUZZ_CHECK(p[j] == content(d, j));
			}
		}
	}
}

static void check_write(int rc, size_t len)
{
	FUZZ_CHECK(k.send_calls <= 1);
	if (k.send_calls == 1) {
		/* the datagram went: the call says so, with its length */
		FUZZ_CHECK(rc >= 0 && (size_t)rc == len);
		FUZZ_CHECK(k.sent_bytes == len);
		return;
	}
	check_nothing_taken(rc);
}

static void check_write_batch(int rc, const struct ipv4_message *ms)
{
	if (rc < 0) {
		FUZZ_CHECK(k.sent == 0);
		check_nothing_taken(rc);
		return;
	}
	FUZZ_CHECK(rc > 0 && (size_t)rc == k.sent);
	for (size_t i = 0; i < k.sent; i++) {
		FUZZ_CHECK(ms[i].n == ms[i].buffers[0].iov_len);
		FUZZ_CHECK(ms[i].datagram_len == ms[i].n);
	}
}

/*
 * check_split checks the rc messages a split read handed out against the
 * segments of the datagrams delivered, from the first not yet handed out.
 */
static void check_split(int rc, const struct ipv4_message *out)
{
	for (int i = 0; i < rc; i++) {
		const struct ipv4_message *m = &out[i];
		const struct delivered *d;
		size_t room = iov_total(m->buffers, m->num_buffers);
		size_t len;
		int want;

		FUZZ_CHECK(k.exp_d <
			   k.num_got); /* nothing made up, nothing twice */
		d = &k.got[k.exp_d];
		len = d->len - k.exp_off;
		if (d->seg != 0 && len > d->seg) {
			len = d->seg;
		}
		FUZZ_CHECK(m->datagram_len == len);
		FUZZ_CHECK(m->n == (len < room ? len : room));
		for (size_t j = 0; j < m->n && j < m->buffers[0].iov_len; j++) {
			FUZZ_CHECK(
				((const uint8_t *)m->buffers[0].iov_base)[j] ==
				content(d, k.exp_off + j));
		}
		check_source(&m->addr, d);
		want = (d->flags & ~MSG_TRUNC) | (len > room ? MSG_TRUNC : 0);
		if (d->controllen <= m->oob_len) {
			FUZZ_CHECK(m->nn == d->controllen);
		} else {
			want |= MSG_CTRUNC;
			FUZZ_CHECK(m->nn <= m->oob_len);
		}
		FUZZ_CHECK(m->flags == want);
		FUZZ_CHECK(m->nn == 0 ||
			   memcmp(m->oob, d->control, m->nn) == 0);
		k.exp_off += len;
		if (d->seg == 0 || k.exp_off >= d->len) {
			k.exp_d++;
			k.exp_off = 0;
		}
	}
}

/*
 * run_split makes one to four split reads as the set-up says, then reads
 * without waiting until nothing is left: every segment of every datagram
 * the kernel delivered must have come out once, in order.
 */
static void run_split(struct ipv4_packet_conn *pc, struct ipv4_message *batch,
		      size_t num, int flags, unsigned reads)
{
	int rc;

	for (unsigned r = 0; r < reads; r++) {
		k.calls = 0;
		rc = ipv4_packet_conn_read_batch(pc, batch, num, flags);
		check_failure(rc);
		FUZZ_CHECK(rc != 0);
		check_split(rc, batch);
	}
	FUZZ_CHECK(ipv4_packet_conn_set_read_deadline(pc, 0) == 0);
	do {
		k.calls = 0;
		rc = ipv4_packet_conn_read_batch(pc, batch, num, MSG_DONTWAIT);
		check_failure(rc);
		FUZZ_CHECK(rc != 0);
		check_split(rc, batch);
	} while (rc > 0);
	FUZZ_CHECK(k.exp_d == k.num_got && k.exp_off == 0);
}

/* ---- set-up ---- */

static int socket_fd(void)
{
	static int fd = -1;

	if (fd < 0) {
		fd = socket(AF_INET, SOCK_DGRAM, 0);
		if (fd < 0) {
			perror("shim_kernel: socket");
			abort();
		}
	}
	return fd;
}

static void set_nonblocking(int fd, bool on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 ||
	    fcntl(fd, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK) < 0) {
		perror("shim_kernel: fcntl");
		abort();
	}
}

/* set_deadline: none, passed, a short one or half a second (fake time). */
static void set_deadline(struct ipv4_packet_conn *c, uint8_t how,
			 uint8_t micros, bool writing)
{
	int64_t dl = 0;

	switch (how & 3) {
	case 1:
		dl = 1; /* long past */
		break;
	case 2:
		dl = k.now + 1 + (int64_t)micros * 1000;
		break;
	case 3:
		dl = k.now + NS_PER_SEC / 2;
		break;
	default:
		break;
	}
	if (writing) {
		FUZZ_CHECK(ipv4_packet_conn_set_write_deadline(c, dl) == 0);
	} else {
		FUZZ_CHECK(ipv4_packet_conn_set_read_deadline(c, dl) == 0);
	}
}

static uint8_t buf[MAX_BUF];
static uint8_t bufs[MAX_BATCH][64];
static uint8_t oobs[MAX_BATCH][64];
static struct iovec iovs[MAX_BATCH];
static struct ipv4_message ms[MAX_BATCH];

/* setup_batch points each message at its buffer and control room. */
static size_t setup_batch(struct fuzz_input *in, bool writing)
{
	size_t num = 1 + fuzz_u8(in) % MAX_BATCH;
	uint8_t buf_len = fuzz_u8(in) % 65;
	uint8_t oob_len = fuzz_u8(in) % 65;

	memset(ms, 0, sizeof(ms));
	for (size_t i = 0; i < num; i++) {
		memset(bufs[i], 0xee, sizeof(bufs[i]));
		iovs[i] = (struct iovec){ bufs[i], writing ? (size_t)(i % 64)
							   : buf_len };
		ms[i].buffers = &iovs[i];
		ms[i].num_buffers = 1;
		ms[i].oob = oob_len > 0 && !writing ? oobs[i] : NULL;
		ms[i].oob_len = writing ? 0 : oob_len;
	}
	k.batch_iovs = iovs;
	k.batch_len = num;
	return num;
}

/*
 * setup_coalesce makes a batch to coalesce: one length for most messages,
 * others shorter, longer or empty, and now and then another destination,
 * so that runs form and break at every rule.
 */
static size_t setup_coalesce(struct fuzz_input *in)
{
	size_t num = 1 + fuzz_u8(in) % MAX_BATCH;
	size_t base = 1 + fuzz_u8(in) % 64;

	memset(ms, 0, sizeof(ms));
	for (size_t i = 0; i < num; i++) {
		uint8_t b = fuzz_u8(in);

		iovs[i] = (struct iovec){ bufs[i], b % 4 == 0 ? (size_t)(b % 65)
							      : base };
		ms[i].buffers = &iovs[i];
		ms[i].num_buffers = 1;
		ms[i].addr.sin_family = AF_INET;
		ms[i].addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		ms[i].addr.sin_port = htons(b % 7 == 0 ? 10 : 9);
	}
	k.batch_iovs = iovs;
	k.batch_ms = ms;
	k.batch_len = num;
	return num;
}

/* The split space, room for up to four datagrams at once. */
static _Alignas(64) uint8_t split_space[4 * 66200 + 4096];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	enum op op = (enum op)(fuzz_u8(&in) % NUM_OPS);
	uint8_t cfg = fuzz_u8(&in);
	uint8_t micros = fuzz_u8(&in);
	unsigned cm_flags = fuzz_u16(&in) & IPV4_FLAG_ALL;
	size_t buf_len = (size_t)fuzz_u16(&in) % (MAX_BUF + 1);
	bool writing = op >= OP_WRITE_TO && op != OP_READ_SPLIT;
	struct ipv4_packet_conn pc;
	struct ipv4_raw_conn rc_conn;
	struct ipv4_control_message cm;
	struct sockaddr_in src;
	struct ipv4_header h;
	const uint8_t *payload = NULL;
	size_t payload_len = 0;
	const struct ipv4_control_message *send_cm = NULL;
	size_t num = 0;
	volatile int rc = 0;
	int batch_flags;

	memset(&k, 0, sizeof(k));
	k.fd = socket_fd();
	k.now = 1000 * NS_PER_SEC;
	k.nonblocking = (cfg & 4) != 0;
	set_nonblocking(k.fd, k.nonblocking);
	FUZZ_CHECK(ipv4_packet_conn_init(&pc, k.fd) == 0);
	/* The control flags are set in the structure, not with setsockopt: the
	 * kernel here is the script, and what the flags change is the room
	 * the shim offers for control data. */
	pc.cm_flags = cm_flags;
	if (op == OP_READ_FROM_RAW || op == OP_RAW_READ_FROM ||
	    op == OP_RAW_WRITE_TO) {
		pc.sock_type = SOCK_RAW;
	}
	rc_conn.pc = pc;
	batch_flags = (cfg & 8) != 0 ? MSG_DONTWAIT : 0;
	if (op == OP_READ_BATCH || op == OP_WRITE_BATCH ||
	    op == OP_READ_SPLIT) {
		num = setup_batch(&in, op == OP_WRITE_BATCH);
	}
	if (op == OP_WRITE_COALESCE) {
		num = setup_coalesce(&in);
		FUZZ_CHECK(ipv4_packet_conn_set_batch_offload(
				   &pc, IPV4_BATCH_COALESCE, NULL, 0) == 0);
		k.coalesce = true;
	}
	if (op == OP_READ_SPLIT) {
		size_t slots = 1 + (size_t)(cfg >> 5) % 4;

		FUZZ_CHECK(ipv4_batch_split_space(slots) <=
			   sizeof(split_space));
		FUZZ_CHECK(ipv4_packet_conn_set_batch_offload(
				   &pc, IPV4_BATCH_SPLIT, split_space,
				   ipv4_batch_split_space(slots)) == 0);
		k.split = true;
	}
	memset(buf, 0xee, sizeof(buf));
	if ((cfg & 16) != 0) {
		/* a write with a TTL and a TOS to send */
		memset(&cm, 0, sizeof(cm));
		cm.flags = IPV4_FLAG_TTL | IPV4_FLAG_TOS;
		cm.ttl = (uint8_t)(micros | 1);
		cm.tos = cfg;
		FUZZ_CHECK(ipv4_control_message_marshal(
				   &cm, cm.flags, IPV4_CMSG_FORMAT_NATIVE,
				   k.want_control, sizeof(k.want_control),
				   &k.want_controllen) == 0);
		send_cm = &cm;
	}
	k.in = in;

	scripted = true;
	set_deadline(op == OP_RAW_READ_FROM || op == OP_RAW_WRITE_TO
			     ? &rc_conn.pc
			     : &pc,
		     cfg, micros, writing);
	switch (setjmp(k.blocked)) {
	case 0:
		break;
	default:
		/* The call would block in the kernel for ever: a read may
		 * not have taken anything on the way (only the first chunk of
		 * a batch waits), a single write not have sent. A batch write
		 * waits for every chunk, so it may block after the first. */
		scripted = false;
		if (op == OP_READ_SPLIT) {
			/* only with nothing pending may a split read wait */
			FUZZ_CHECK(k.exp_d == k.num_got && k.exp_off == 0);
			return 0;
		}
		FUZZ_CHECK(k.num_got == 0 && k.recv_calls == 0);
		FUZZ_CHECK(op == OP_WRITE_BATCH || op == OP_WRITE_COALESCE ||
			   k.sent == 0);
		return 0;
	}
	switch (op) {
	case OP_READ_FROM:
	case OP_READ_FROM_RAW:
		rc = ipv4_packet_conn_read_from(&pc, buf, buf_len, &cm, &src);
		break;
	case OP_RAW_READ_FROM:
		rc = ipv4_raw_conn_read_from(&rc_conn, buf, buf_len, &h,
					     &payload, &payload_len, &cm);
		break;
	case OP_READ_BATCH:
		rc = ipv4_packet_conn_read_batch(&pc, ms, num, batch_flags);
		break;
	case OP_READ_ERROR: {
		struct ipv4_extended_error ee;

		rc = ipv4_packet_conn_read_error(&pc, buf, buf_len, &ee, &cm,
						 &src);
		break;
	}
	case OP_WRITE_TO:
		rc = ipv4_packet_conn_write_to(&pc, buf, buf_len, send_cm,
					       NULL);
		break;
	case OP_WRITE_BATCH:
	case OP_WRITE_COALESCE:
		rc = ipv4_packet_conn_write_batch(&pc, ms, num, batch_flags);
		break;
	case OP_READ_SPLIT:
		run_split(&pc, ms, num, batch_flags, 1 + micros % 4);
		break;
	case OP_RAW_WRITE_TO:
		memset(&h, 0, sizeof(h));
		h.version = 4;
		h.len = IPV4_HEADER_LEN;
		h.ttl = 64;
		h.protocol = 17;
		buf_len = buf_len % (65535 - IPV4_HEADER_LEN);
		h.total_len = (uint16_t)(IPV4_HEADER_LEN + buf_len);
		h.dst.s_addr = 0x0100007f;
		rc = ipv4_raw_conn_write_to(&rc_conn, &h, buf, buf_len,
					    send_cm);
		break;
	default:
		break;
	}
	scripted = false;

	check_failure(rc);
	switch (op) {
	case OP_READ_FROM:
	case OP_READ_ERROR:
		check_read_from(rc, buf, buf_len, &src, &cm);
		break;
	case OP_READ_FROM_RAW:
		check_read_from_raw(rc, buf, buf_len, &src, &cm);
		break;
	case OP_RAW_READ_FROM:
		check_raw_read_from(rc, buf, buf_len, &h, payload, payload_len,
				    &cm);
		break;
	case OP_READ_BATCH:
		check_read_batch(rc, ms);
		break;
	case OP_WRITE_TO:
		check_write(rc, buf_len);
		break;
	case OP_RAW_WRITE_TO:
		check_write(rc, IPV4_HEADER_LEN + buf_len);
		break;
	case OP_WRITE_BATCH:
	case OP_WRITE_COALESCE:
		check_write_batch(rc, ms);
		break;
	default:
		break;
	}
	return 0;
}
