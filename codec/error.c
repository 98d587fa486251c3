/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/error.c - names and texts for every libipv4 result code.
 *
 * One table holds the codec codes; a second names and describes the errno
 * values the socket layer can pass through. Adding a code means adding a row here, and
 * the error test checks that every code in ipv4/error.h has one.
 */
#include "ipv4/error.h"

#include <errno.h>
#include <stddef.h>

struct code_entry {
	int code;
	const char *name;
	const char *text;
};

static const struct code_entry codec_codes[] = {
	{ IPV4_EINVAL, "EINVAL", "invalid argument" },
	{ IPV4_ENOBUF, "ENOBUF", "output buffer too small" },
	{ IPV4_EFORMAT, "EFORMAT", "unknown format" },
	{ IPV4_ESHORT, "ESHORT", "header too short" },
	{ IPV4_EEXTSHORT, "EEXTSHORT", "extension header too short" },
	{ IPV4_EIHL, "EIHL", "header length field below 5" },
	{ IPV4_EVERSION, "EVERSION", "version is not 4" },
	{ IPV4_ETOTALLEN, "ETOTALLEN", "total length out of range" },
	{ IPV4_ECHECKSUM, "ECHECKSUM", "bad header checksum" },
	{ IPV4_EOPTLEN, "EOPTLEN",
	  "options over 40 bytes or not a multiple of 4" },
	{ IPV4_EHDRLEN, "EHDRLEN", "header length disagrees with options" },
	{ IPV4_EFIELD, "EFIELD", "flags or fragment offset out of range" },
	{ IPV4_ECMSGLEN, "ECMSGLEN", "control message length out of range" },
	{ IPV4_ECMSGDATA, "ECMSGDATA",
	  "control message payload of the wrong size" },
	{ IPV4_EIFINDEX, "EIFINDEX", "interface index out of range" },
	{ IPV4_ECMSGFLAG, "ECMSGFLAG",
	  "control flag unknown or not sendable in this format" },
	{ IPV4_EICMPTYPE, "EICMPTYPE",
	  "ICMP type not expressible in the kernel filter" },
	{ IPV4_EOPTION, "EOPTION", "malformed IPv4 option" },
	{ IPV4_EOPTPTR, "EOPTPTR", "IPv4 option pointer out of range" },
	{ IPV4_EIGMPSHORT, "EIGMPSHORT", "IGMP message too short" },
	{ IPV4_EIGMPTYPE, "EIGMPTYPE", "unknown IGMP message type" },
	{ IPV4_EIGMPSUM, "EIGMPSUM", "bad IGMP checksum" },
	{ IPV4_EIGMPLEN, "EIGMPLEN",
	  "IGMP query length matches no IGMP version" },
	{ IPV4_ETIMEOUT, "ETIMEOUT", "deadline exceeded" },
	{ IPV4_ENOTMCAST, "ENOTMCAST", "not a multicast address" },
	{ IPV4_ESOCKTYPE, "ESOCKTYPE", "socket of the wrong family or type" },
	{ IPV4_ETRUNC, "ETRUNC", "datagram truncated to the buffer" },
	{ IPV4_ECTRUNC, "ECTRUNC", "control data truncated" },
};

/*
 * Names and texts of the errno values a socket call can return. Our own
 * texts rather than strerror(): they do not depend on the locale, and
 * glibc's strerror() of an unknown value hands out a buffer that its next
 * call frees.
 */
static const struct code_entry errno_names[] = {
	{ EPERM, "EPERM", "operation not permitted" },
	{ ENOENT, "ENOENT", "no such file or directory" },
	{ EINTR, "EINTR", "interrupted by a signal" },
	{ EIO, "EIO", "input/output error" },
	{ EBADF, "EBADF", "bad file descriptor" },
	{ EAGAIN, "EAGAIN", "resource temporarily unavailable" },
	{ ENOMEM, "ENOMEM", "out of memory" },
	{ EACCES, "EACCES", "permission denied" },
	{ EFAULT, "EFAULT", "bad address" },
	{ EBUSY, "EBUSY", "device or resource busy" },
	{ EEXIST, "EEXIST", "already exists" },
	{ ENODEV, "ENODEV", "no such device" },
	{ EINVAL, "EINVAL", "invalid argument (kernel)" },
	{ ENFILE, "ENFILE", "too many open files in the system" },
	{ EMFILE, "EMFILE", "too many open files" },
	{ ENOSPC, "ENOSPC", "no space left" },
	{ EPIPE, "EPIPE", "broken pipe" },
	{ ERANGE, "ERANGE", "result out of range" },
	{ ENOSYS, "ENOSYS", "system call not implemented" },
	{ ENOTSOCK, "ENOTSOCK", "not a socket" },
	{ EDESTADDRREQ, "EDESTADDRREQ", "destination address required" },
	{ EMSGSIZE, "EMSGSIZE", "message too long" },
	{ EPROTOTYPE, "EPROTOTYPE", "protocol wrong type for socket" },
	{ ENOPROTOOPT, "ENOPROTOOPT", "protocol not available" },
	{ EPROTONOSUPPORT, "EPROTONOSUPPORT", "protocol not supported" },
	{ EOPNOTSUPP, "EOPNOTSUPP", "operation not supported" },
	{ EAFNOSUPPORT, "EAFNOSUPPORT", "address family not supported" },
	{ EADDRINUSE, "EADDRINUSE", "address already in use" },
	{ EADDRNOTAVAIL, "EADDRNOTAVAIL", "address not available" },
	{ ENETDOWN, "ENETDOWN", "network is down" },
	{ ENETUNREACH, "ENETUNREACH", "network unreachable" },
	{ ECONNABORTED, "ECONNABORTED", "connection aborted" },
	{ ECONNRESET, "ECONNRESET", "connection reset by peer" },
	{ ENOBUFS, "ENOBUFS", "no buffer space available" },
	{ EISCONN, "EISCONN", "socket already connected" },
	{ ENOTCONN, "ENOTCONN", "socket not connected" },
	{ ETIMEDOUT, "ETIMEDOUT", "connection timed out" },
	{ ECONNREFUSED, "ECONNREFUSED", "connection refused" },
	{ EHOSTDOWN, "EHOSTDOWN", "host is down" },
	{ EHOSTUNREACH, "EHOSTUNREACH", "host unreachable" },
	{ EALREADY, "EALREADY", "operation already in progress" },
	{ EINPROGRESS, "EINPROGRESS", "operation now in progress" },
};

static const struct code_entry *find(const struct code_entry *table,
				     size_t n, int code)
{
	for (size_t i = 0; i < n; i++) {
		if (table[i].code == code) {
			return &table[i];
		}
	}
	return NULL;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *ipv4_strerror(int code)
{
	const struct code_entry *e;

	if (code >= 0) {
		return "success";
	}
	e = find(codec_codes, COUNT(codec_codes), code);
	if (e != NULL) {
		return e->text;
	}
	if (code > -200) {
		e = find(errno_names, COUNT(errno_names), -code);
		return e != NULL ? e->text : "unknown kernel error";
	}
	return "unknown error";
}

const char *ipv4_error_name(int code)
{
	const struct code_entry *e;

	if (code >= 0) {
		return "OK";
	}
	e = find(codec_codes, COUNT(codec_codes), code);
	if (e == NULL && code > -200) {
		e = find(errno_names, COUNT(errno_names), -code);
	}
	return e != NULL ? e->name : "EUNKNOWN";
}
