/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/error.h - libipv4's error model.
 *
 * Every fallible libipv4 function returns 0, or a byte or element count, on
 * success and a negative code on failure. Two kinds of negative code exist:
 *
 *   - codec failures, the named IPV4_E* codes below; they sit at -200 and
 *     beyond, clear of every errno value, so the two can never be confused;
 *   - kernel failures from the socket layer, returned as -errno exactly as
 *     the system call reported them (-EAGAIN, -EADDRINUSE, ...).
 *
 * ipv4_strerror() and ipv4_error_name() describe both kinds, and no two
 * codes share a name or a text. A name is the C constant the code is
 * compared against, so it says who produced the failure:
 *
 *   - a library code is named with its IPV4_ prefix: "IPV4_EINVAL",
 *     "IPV4_ETIMEOUT", "IPV4_ENOBUF";
 *   - a kernel code is named as <errno.h> names it, without a prefix:
 *     "EINVAL", "ETIMEDOUT", "ENOBUFS".
 *
 * ipv4_error_name(IPV4_EINVAL) is "IPV4_EINVAL" and ipv4_error_name(-EINVAL)
 * is "EINVAL"; their texts are "invalid argument" and "invalid argument
 * (kernel)". (Before 1.0 both were named "EINVAL".) The conformance probe
 * (conformance/PROBE.md) answers `err NAME` with a library name stripped
 * of its IPV4_ prefix; only library codes reach it.
 *
 * Thread safety: every function here is safe to call from any thread.
 */
#ifndef IPV4_ERROR_H
#define IPV4_ERROR_H

#include "ipv4/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* General. */
#define IPV4_EINVAL (-201)  /* NULL pointer or argument out of range */
#define IPV4_ENOBUF (-202)  /* output buffer too small; size reported */
#define IPV4_EFORMAT (-203) /* unknown raw-socket or cmsg format */

/* IPv4 header (header.h). */
#define IPV4_ESHORT (-210)    /* fewer than 20 bytes for a header */
#define IPV4_EEXTSHORT (-211) /* fewer bytes than the IHL field claims */
#define IPV4_EIHL (-212)      /* IHL field below 5 (header under 20 bytes) */
#define IPV4_EVERSION (-213)  /* version field is not 4 */
#define IPV4_ETOTALLEN \
	(-214)		      /* total length below the header length,
                                   beyond the bytes at hand, or above 65535 */
#define IPV4_ECHECKSUM (-215) /* header checksum does not verify */
#define IPV4_EOPTLEN \
	(-216)		    /* options over 40 bytes or not a multiple
                                   of 4 */
#define IPV4_EHDRLEN (-217) /* len field disagrees with the options */
#define IPV4_EFIELD (-218)  /* flags or fragment offset out of range */

/* Control messages (control.h). */
#define IPV4_ECMSGLEN (-220) /* cmsg_len below the header or past the end */
#define IPV4_ECMSGDATA \
	(-221)		     /* a known cmsg has a payload of wrong size
                                   or a value out of range */
#define IPV4_EIFINDEX (-222) /* interface index out of range */
#define IPV4_ECMSGFLAG \
	(-223) /* control flag unknown, or not sendable in
                                   the chosen cmsg format */

/* ICMP (icmp.h). */
#define IPV4_EICMPTYPE (-230) /* type the kernel filter cannot express */

/* IPv4 options (options.h). */
#define IPV4_EOPTION (-240) /* malformed option: length 0/1 or past end */
#define IPV4_EOPTPTR (-241) /* route or timestamp pointer out of range */

/* IGMP (igmp.h). */
#define IPV4_EIGMPSHORT (-250) /* message shorter than its type requires */
#define IPV4_EIGMPTYPE (-251)  /* unknown IGMP message type */
#define IPV4_EIGMPSUM (-252)   /* IGMP checksum does not verify */
#define IPV4_EIGMPLEN (-253)   /* query of 9..11 bytes: no IGMP version */

/* Socket layer (shim). Kernel failures are -errno; these are our own. */
#define IPV4_ETIMEOUT (-260)  /* a deadline set on the connection passed */
#define IPV4_ENOTMCAST (-261) /* group address is not a multicast address */
#define IPV4_ESOCKTYPE (-262) /* descriptor of the wrong family or type */
#define IPV4_ETRUNC \
	(-263) /* datagram longer than the buffer: the rest
                                   was discarded (MSG_TRUNC) */
#define IPV4_ECTRUNC \
	(-264) /* control data cut (MSG_CTRUNC) and the item
                                   the call exists to return is lost */

/*
 * ipv4_strerror returns a static, human-readable description of code: the
 * IPV4_E* text for a library code, a short English text for each Linux
 * errno value from -1 to -133 (the same whatever the locale; the two values
 * Linux leaves unassigned, 41 and 58, read "unassigned kernel error 41"),
 * "unknown kernel error" for -134 to -199, "success" for 0 and positive
 * values, and "unknown error" for anything else. No two codes from -1 to
 * -133 and IPV4_E* share a text. The string is never NULL, must not be
 * freed, and stays valid for the life of the program.
 */
IPV4_EXPORT const char *ipv4_strerror(int code);

/*
 * ipv4_error_name returns the symbolic name of code: the constant's name,
 * prefix included, for a library code ("IPV4_ESHORT", "IPV4_EINVAL"), the
 * <errno.h> name for a kernel code from -1 to -133 ("EAGAIN", "EINVAL";
 * "ERRNO_41" and "ERRNO_58" for the two values Linux leaves unassigned),
 * "OK" for 0 and positive values, and "EUNKNOWN" otherwise. No two codes
 * share a name. The names are stable.
 */
IPV4_EXPORT const char *ipv4_error_name(int code);

#ifdef __cplusplus
}
#endif

#endif /* IPV4_ERROR_H */
