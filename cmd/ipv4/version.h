/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/version.h - what `ipv4 --version` says: the version of the
 * libipv4 the tool runs on and the git commit it was built from.
 */
#ifndef CMD_IPV4_VERSION_H
#define CMD_IPV4_VERSION_H

#include <stdbool.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * tool_commit returns the commit the tool was built from: the string the
 * build gave as -DIPV4_COMMIT="..." (Bazel: --define=IPV4_COMMIT=...,
 * "unknown" by default in .bazelrc), or "unknown" when none was given.
 * Baked in at build time rather than read from git at run time, so that
 * an installed binary says where it came from.
 */
const char *tool_commit(void);

/*
 * tool_print_version prints "ipv4 (libipv4 VERSION, commit COMMIT)" and a
 * newline, VERSION being ipv4_library_version(), or in JSON mode one
 * object {"tool":"ipv4","libipv4":VERSION,"commit":COMMIT}.
 */
void tool_print_version(FILE *out, bool json);

#ifdef __cplusplus
}
#endif

#endif /* CMD_IPV4_VERSION_H */
