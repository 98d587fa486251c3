/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/driven.h - which cases run through a socket probe.
 *
 * The case table (cases.c) stays as it is; this one maps a case's name to
 * its driven form (drive.h), written in the drive_*.c file of its group.
 * A case without one is libipv4-only: another implementation's column
 * shows it "n/a" with the reason nt_libipv4_only gives.
 */
#ifndef NT_DRIVEN_H
#define NT_DRIVEN_H

#include "netns-tests/runner.h"

/* nt_driven returns the driven form of the case named name, or NULL. */
nt_case_fn nt_driven(const char *name);

/*
 * nt_libipv4_only says why the case named name runs only against libipv4
 * ("the ipv4 tool", "beyond Go's API: ..."). Never NULL.
 */
const char *nt_libipv4_only(const char *name);

#endif /* NT_DRIVEN_H */
