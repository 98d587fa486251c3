/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/export.h - the one macro that marks libipv4's public functions.
 *
 * libipv4 is built with -fvisibility=hidden, and its shared library is
 * linked with a version script (libipv4.map) that exports every public
 * function under the version node LIBIPV4_1 and makes everything else
 * local. IPV4_EXPORT stands before every function declared in
 * include/ipv4/: it gives the function default visibility, so that it is
 * exported, whatever visibility the including program is built with.
 * Internal functions shared between the library's own files carry the
 * reserved prefix ipv4__ and no IPV4_EXPORT; a program must not call or
 * define names with that prefix.
 */
#ifndef IPV4_EXPORT_H
#define IPV4_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define IPV4_EXPORT __attribute__((visibility("default")))
#else
#define IPV4_EXPORT
#endif

#endif /* IPV4_EXPORT_H */
