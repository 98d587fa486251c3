/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/version.h - which libipv4 this is.
 *
 * The version follows the rules of docs/ABI.md: a release that keeps every
 * binary built against an older one of the same major version working
 * raises the minor (new functions, new codes, new flags) or the patch
 * (fixes only); anything else raises the major, and with it the soname
 * libipv4.so.MAJOR.
 *
 * The macros give the version of the headers a program was compiled
 * against; ipv4_library_version() gives the version of the library that
 * was actually loaded, which may be a later minor or patch release.
 * (IPV4_VERSION in header.h is the IP protocol's version number, 4.)
 */
#ifndef IPV4_VERSION_H
#define IPV4_VERSION_H

#include "ipv4/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IPV4_LIB_VERSION_MAJOR 1
#define IPV4_LIB_VERSION_MINOR 1
#define IPV4_LIB_VERSION_PATCH 0
/* "MAJOR.MINOR.PATCH" of the headers. */
#define IPV4_LIB_VERSION_STRING "1.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH, for #if comparisons. */
#define IPV4_LIB_VERSION_NUMBER                                          \
	(IPV4_LIB_VERSION_MAJOR * 10000 + IPV4_LIB_VERSION_MINOR * 100 + \
	 IPV4_LIB_VERSION_PATCH)

/*
 * ipv4_library_version returns the version of the loaded library as
 * "MAJOR.MINOR.PATCH", a static string that is never NULL. Compare it with
 * IPV4_LIB_VERSION_STRING to see whether a program runs against the
 * library it was compiled for. Safe from any thread.
 */
IPV4_EXPORT const char *ipv4_library_version(void);

#ifdef __cplusplus
}
#endif

#endif /* IPV4_VERSION_H */
