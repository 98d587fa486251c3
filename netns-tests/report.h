/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/report.h - the suite's report: a table for people, JSON for
 * programs and JUnit XML for CI systems, all of the same results.
 */
#ifndef NT_REPORT_H
#define NT_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "netns-tests/runner.h"

/* struct nt_report is the results of one run and where they came from. */
struct nt_report {
	const struct nt_result *results;
	size_t num_results;
	const char *kernel;   /* uname -r of the machine */
	const char *mode;     /* "root", "userns" or "none" */
	const char *network;  /* the namespace prefix */
	const char *started;  /* UTC time, ISO 8601 */
	double secs;          /* the whole run, network building included */
};

/* struct nt_counts is how many cases passed, failed and were skipped. */
struct nt_counts {
	size_t passed;
	size_t failed;
	size_t skipped;
};

/* nt_report_count counts r's results. */
struct nt_counts nt_report_count(const struct nt_report *r);

/*
 * nt_report_table prints r as a table, one row per case: case, reference,
 * result, time, detail; then the closing "N passed, N failed, N skipped"
 * line.
 */
void nt_report_table(FILE *out, const struct nt_report *r);

/* nt_report_json writes r as one JSON object to path. 0 or -errno. */
int nt_report_json(const char *path, const struct nt_report *r);

/*
 * nt_report_junit writes r as JUnit XML to path: one testsuite, one
 * testcase per case with a <failure> or <skipped> element where due, the
 * reference and detail in <system-out>. 0 or -errno.
 */
int nt_report_junit(const char *path, const struct nt_report *r);

#endif /* NT_REPORT_H */
