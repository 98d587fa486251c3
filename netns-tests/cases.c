/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/cases.c - the table of cases, in running order, made from
 * case_list.h.
 */
#include "netns-tests/cases.h"

#include "netns-tests/case_list.h"

#define NT_CASE_ENTRY(fn, name, ref, secs) { name, ref, case_##fn, secs },

static const struct nt_case all_cases[] = { NT_CASE_LIST(NT_CASE_ENTRY) };

const struct nt_case *nt_cases(size_t *out_count)
{
	*out_count = sizeof(all_cases) / sizeof(all_cases[0]);
	return all_cases;
}
