/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/error.c - names and texts for every libipv4 result code.
 *
 * One table holds the library's codes, named with their IPV4_ prefix; a
 * second names and describes every Linux errno value (1..133) the socket
 * layer can pass through, under its <errno.h> name. Adding a code means
 * adding a row here, and the error test checks that every code in
 * ipv4/error.h has one and that no two codes share a name or a text.
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
	{ IPV4_EINVAL, "IPV4_EINVAL", "invalid argument" },
	{ IPV4_ENOBUF, "IPV4_ENOBUF", "output buffer too small" },
	{ IPV4_EFORMAT, "IPV4_EFORMAT", "unknown format" },
	{ IPV4_ESHORT, "IPV4_ESHORT", "header too short" },
	{ IPV4_EEXTSHORT, "IPV4_EEXTSHORT", "extension header too short" },
	{ IPV4_EIHL, "IPV4_EIHL", "header length field below 5" },
	{ IPV4_EVERSION, "IPV4_EVERSION", "version is not 4" },
	{ IPV4_ETOTALLEN, "IPV4_ETOTALLEN", "total length out of range" },
	{ IPV4_ECHECKSUM, "IPV4_ECHECKSUM", "bad header checksum" },
	{ IPV4_EOPTLEN, "IPV4_EOPTLEN",
	  "options over 40 bytes or not a multiple of 4" },
	{ IPV4_EHDRLEN, "IPV4_EHDRLEN",
	  "header length disagrees with options" },
	{ IPV4_EFIELD, "IPV4_EFIELD", "flags or fragment offset out of range" },
	{ IPV4_ECMSGLEN, "IPV4_ECMSGLEN",
	  "control message length out of range" },
	{ IPV4_ECMSGDATA, "IPV4_ECMSGDATA",
	  "control message payload of the wrong size" },
	{ IPV4_EIFINDEX, "IPV4_EIFINDEX", "interface index out of range" },
	{ IPV4_ECMSGFLAG, "IPV4_ECMSGFLAG",
	  "control flag unknown or not sendable in this format" },
	{ IPV4_EICMPTYPE, "IPV4_EICMPTYPE",
	  "ICMP type not expressible in the kernel filter" },
	{ IPV4_EOPTION, "IPV4_EOPTION", "malformed IPv4 option" },
	{ IPV4_EOPTPTR, "IPV4_EOPTPTR", "IPv4 option pointer out of range" },
	{ IPV4_EIGMPSHORT, "IPV4_EIGMPSHORT", "IGMP message too short" },
	{ IPV4_EIGMPTYPE, "IPV4_EIGMPTYPE", "unknown IGMP message type" },
	{ IPV4_EIGMPSUM, "IPV4_EIGMPSUM", "bad IGMP checksum" },
	{ IPV4_EIGMPLEN, "IPV4_EIGMPLEN",
	  "IGMP query length matches no IGMP version" },
	{ IPV4_ETIMEOUT, "IPV4_ETIMEOUT", "deadline exceeded" },
	{ IPV4_ENOTMCAST, "IPV4_ENOTMCAST", "not a multicast address" },
	{ IPV4_ESOCKTYPE, "IPV4_ESOCKTYPE",
	  "socket of the wrong family or type" },
	{ IPV4_ETRUNC, "IPV4_ETRUNC", "datagram truncated to the buffer" },
	{ IPV4_ECTRUNC, "IPV4_ECTRUNC", "control data truncated" },
};

/*
 * Names and texts of every Linux errno value, in order. Our own
 * texts rather than strerror(): they do not depend on the locale, and
 * glibc's strerror() of an unknown value hands out a buffer that its next
 * call frees.
 */
static const struct code_entry errno_names[] = {
	{ EPERM, "EPERM", "operation not permitted" },
	{ ENOENT, "ENOENT", "no such file or directory" },
	{ ESRCH, "ESRCH", "no such process" },
	{ EINTR, "EINTR", "interrupted by a signal" },
	{ EIO, "EIO", "input/output error" },
	{ ENXIO, "ENXIO", "no such device or address" },
	{ E2BIG, "E2BIG", "argument list too long" },
	{ ENOEXEC, "ENOEXEC", "exec format error" },
	{ EBADF, "EBADF", "bad file descriptor" },
	{ ECHILD, "ECHILD", "no child processes" },
	{ EAGAIN, "EAGAIN", "resource temporarily unavailable" },
	{ ENOMEM, "ENOMEM", "out of memory" },
	{ EACCES, "EACCES", "permission denied" },
	{ EFAULT, "EFAULT", "bad address" },
	{ ENOTBLK, "ENOTBLK", "block device required" },
	{ EBUSY, "EBUSY", "device or resource busy" },
	{ EEXIST, "EEXIST", "already exists" },
	{ EXDEV, "EXDEV", "invalid cross-device link" },
	{ ENODEV, "ENODEV", "no such device" },
	{ ENOTDIR, "ENOTDIR", "not a directory" },
	{ EISDIR, "EISDIR", "is a directory" },
	{ EINVAL, "EINVAL", "invalid argument (kernel)" },
	{ ENFILE, "ENFILE", "too many open files in the system" },
	{ EMFILE, "EMFILE", "too many open files" },
	{ ENOTTY, "ENOTTY", "inappropriate ioctl for device" },
	{ ETXTBSY, "ETXTBSY", "text file busy" },
	{ EFBIG, "EFBIG", "file too large" },
	{ ENOSPC, "ENOSPC", "no space left" },
	{ ESPIPE, "ESPIPE", "illegal seek" },
	{ EROFS, "EROFS", "read-only file system" },
	{ EMLINK, "EMLINK", "too many links" },
	{ EPIPE, "EPIPE", "broken pipe" },
	{ EDOM, "EDOM", "numerical argument out of domain" },
	{ ERANGE, "ERANGE", "result out of range" },
	{ EDEADLK, "EDEADLK", "resource deadlock avoided" },
	{ ENAMETOOLONG, "ENAMETOOLONG", "file name too long" },
	{ ENOLCK, "ENOLCK", "no locks available" },
	{ ENOSYS, "ENOSYS", "system call not implemented" },
	{ ENOTEMPTY, "ENOTEMPTY", "directory not empty" },
	{ ELOOP, "ELOOP", "too many levels of symbolic links" },
	{ 41, "ERRNO_41", "unassigned kernel error 41" },
	{ ENOMSG, "ENOMSG", "no message of desired type" },
	{ EIDRM, "EIDRM", "identifier removed" },
	{ ECHRNG, "ECHRNG", "channel number out of range" },
	{ EL2NSYNC, "EL2NSYNC", "level 2 not synchronized" },
	{ EL3HLT, "EL3HLT", "level 3 halted" },
	{ EL3RST, "EL3RST", "level 3 reset" },
	{ ELNRNG, "ELNRNG", "link number out of range" },
	{ EUNATCH, "EUNATCH", "protocol driver not attached" },
	{ ENOCSI, "ENOCSI", "no CSI structure available" },
	{ EL2HLT, "EL2HLT", "level 2 halted" },
	{ EBADE, "EBADE", "invalid exchange" },
	{ EBADR, "EBADR", "invalid request descriptor" },
	{ EXFULL, "EXFULL", "exchange full" },
	{ ENOANO, "ENOANO", "no anode" },
	{ EBADRQC, "EBADRQC", "invalid request code" },
	{ EBADSLT, "EBADSLT", "invalid slot" },
	{ 58, "ERRNO_58", "unassigned kernel error 58" },
	{ EBFONT, "EBFONT", "bad font file format" },
	{ ENOSTR, "ENOSTR", "device not a stream" },
	{ ENODATA, "ENODATA", "no data available" },
	{ ETIME, "ETIME", "timer expired" },
	{ ENOSR, "ENOSR", "out of streams resources" },
	{ ENONET, "ENONET", "machine is not on the network" },
	{ ENOPKG, "ENOPKG", "package not installed" },
	{ EREMOTE, "EREMOTE", "object is remote" },
	{ ENOLINK, "ENOLINK", "link has been severed" },
	{ EADV, "EADV", "advertise error" },
	{ ESRMNT, "ESRMNT", "srmount error" },
	{ ECOMM, "ECOMM", "communication error on send" },
	{ EPROTO, "EPROTO", "protocol error" },
	{ EMULTIHOP, "EMULTIHOP", "multihop attempted" },
	{ EDOTDOT, "EDOTDOT", "RFS specific error" },
	{ EBADMSG, "EBADMSG", "bad message" },
	{ EOVERFLOW, "EOVERFLOW", "value too large for defined data type" },
	{ ENOTUNIQ, "ENOTUNIQ", "name not unique on network" },
	{ EBADFD, "EBADFD", "file descriptor in bad state" },
	{ EREMCHG, "EREMCHG", "remote address changed" },
	{ ELIBACC, "ELIBACC", "can not access a needed shared library" },
	{ ELIBBAD, "ELIBBAD", "accessing a corrupted shared library" },
	{ ELIBSCN, "ELIBSCN", ".lib section in a.out corrupted" },
	{ ELIBMAX, "ELIBMAX",
	  "attempting to link in too many shared libraries" },
	{ ELIBEXEC, "ELIBEXEC", "cannot exec a shared library directly" },
	{ EILSEQ, "EILSEQ",
	  "invalid or incomplete multibyte or wide character" },
	{ ERESTART, "ERESTART", "interrupted system call should be restarted" },
	{ ESTRPIPE, "ESTRPIPE", "streams pipe error" },
	{ EUSERS, "EUSERS", "too many users" },
	{ ENOTSOCK, "ENOTSOCK", "not a socket" },
	{ EDESTADDRREQ, "EDESTADDRREQ", "destination address required" },
	{ EMSGSIZE, "EMSGSIZE", "message too long" },
	{ EPROTOTYPE, "EPROTOTYPE", "protocol wrong type for socket" },
	{ ENOPROTOOPT, "ENOPROTOOPT", "protocol not available" },
	{ EPROTONOSUPPORT, "EPROTONOSUPPORT", "protocol not supported" },
	{ ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT", "socket type not supported" },
	{ EOPNOTSUPP, "EOPNOTSUPP", "operation not supported" },
	{ EPFNOSUPPORT, "EPFNOSUPPORT", "protocol family not supported" },
	{ EAFNOSUPPORT, "EAFNOSUPPORT", "address family not supported" },
	{ EADDRINUSE, "EADDRINUSE", "address already in use" },
	{ EADDRNOTAVAIL, "EADDRNOTAVAIL", "address not available" },
	{ ENETDOWN, "ENETDOWN", "network is down" },
	{ ENETUNREACH, "ENETUNREACH", "network unreachable" },
	{ ENETRESET, "ENETRESET", "network dropped connection on reset" },
	{ ECONNABORTED, "ECONNABORTED", "connection aborted" },
	{ ECONNRESET, "ECONNRESET", "connection reset by peer" },
	{ ENOBUFS, "ENOBUFS", "no buffer space available" },
	{ EISCONN, "EISCONN", "socket already connected" },
	{ ENOTCONN, "ENOTCONN", "socket not connected" },
	{ ESHUTDOWN, "ESHUTDOWN",
	  "cannot send after transport endpoint shutdown" },
	{ ETOOMANYREFS, "ETOOMANYREFS", "too many references: cannot splice" },
	{ ETIMEDOUT, "ETIMEDOUT", "connection timed out" },
	{ ECONNREFUSED, "ECONNREFUSED", "connection refused" },
	{ EHOSTDOWN, "EHOSTDOWN", "host is down" },
	{ EHOSTUNREACH, "EHOSTUNREACH", "host unreachable" },
	{ EALREADY, "EALREADY", "operation already in progress" },
	{ EINPROGRESS, "EINPROGRESS", "operation now in progress" },
	{ ESTALE, "ESTALE", "stale file handle" },
	{ EUCLEAN, "EUCLEAN", "structure needs cleaning" },
	{ ENOTNAM, "ENOTNAM", "not a XENIX named type file" },
	{ ENAVAIL, "ENAVAIL", "no XENIX semaphores available" },
	{ EISNAM, "EISNAM", "is a named type file" },
	{ EREMOTEIO, "EREMOTEIO", "remote I/O error" },
	{ EDQUOT, "EDQUOT", "disk quota exceeded" },
	{ ENOMEDIUM, "ENOMEDIUM", "no medium found" },
	{ EMEDIUMTYPE, "EMEDIUMTYPE", "wrong medium type" },
	{ ECANCELED, "ECANCELED", "operation canceled" },
	{ ENOKEY, "ENOKEY", "required key not available" },
	{ EKEYEXPIRED, "EKEYEXPIRED", "key has expired" },
	{ EKEYREVOKED, "EKEYREVOKED", "key has been revoked" },
	{ EKEYREJECTED, "EKEYREJECTED", "key was rejected by service" },
	{ EOWNERDEAD, "EOWNERDEAD", "owner died" },
	{ ENOTRECOVERABLE, "ENOTRECOVERABLE", "state not recoverable" },
	{ ERFKILL, "ERFKILL", "operation not possible due to RF-kill" },
	{ EHWPOISON, "EHWPOISON", "memory page has hardware error" },
};

static const struct code_entry *find(const struct code_entry *table, size_t n,
				     int code)
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
