/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/cases.h - the suite's case table.
 */
#ifndef NT_CASES_H
#define NT_CASES_H

#include <stddef.h>

#include "netns-tests/runner.h"

/* nt_cases returns the table of every case, in running order. */
const struct nt_case *nt_cases(size_t *out_count);

#endif /* NT_CASES_H */
