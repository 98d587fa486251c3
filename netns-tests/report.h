/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/report.h - the suite's report: a table for people, JSON for
 * programs, JUnit XML for CI systems and a self-contained HTML page for CI
 * artefact pages, all of the same results. Each says which libipv4
 * (version and commit), which kernel and which mode, and gives, for every
 * failing case, the command that reruns it alone.
 */
#ifndef NT_REPORT_H
#define NT_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "netns-tests/runner.h"

/* struct nt_report is the results of one run and where they came from. */
struct nt_report {
	const struct nt_result *results; /* case by case; with several
					    implementations, num_impls
					    results per case, in their order */
	size_t num_results;
	const char *const *impls; /* the labels of --impl, one per column */
	size_t num_impls;	  /* 0: the default run (no --impl) */
	const char *version; /* ipv4_library_version() of the library tested */
	const char *commit; /* the git commit it was built from, or "unknown" */
	const char *rerun;  /* the command that reruns one case, up to the
				 case's name: "./scripts/report --only " */
	const char *kernel; /* uname -r of the machine */
	const char *mode;   /* "root", "userns" or "none" */
	const char *network; /* the namespace prefix */
	const char *started; /* UTC time, ISO 8601 */
	double secs;	     /* the whole run, network building included */
};

/* struct nt_counts is how many results passed, failed, were skipped,
   were unsupported by the probe, differed as DIVERGENCES.md documents, or
   did not apply (libipv4-only cases for another implementation). */
struct nt_counts {
	size_t passed;
	size_t failed;
	size_t skipped;
	size_t unsupported;
	size_t differs;
	size_t not_applicable;
};

/* nt_report_count counts r's results (every column). */
struct nt_counts nt_report_count(const struct nt_report *r);

/* nt_report_count_impl counts the results of column k only. */
struct nt_counts nt_report_count_impl(const struct nt_report *r, size_t k);

/* NT_REPORT_WIDTH is the widest line nt_report_table prints. */
#define NT_REPORT_WIDTH 120

/*
 * nt_report_table prints r as a table for people, no line wider than
 * NT_REPORT_WIDTH: a heading with the library, commit, kernel and mode;
 * per case a row (case, result, time, reference), its detail wrapped
 * under it, indented, and for a failed case a line "rerun: COMMAND";
 * then the closing "N passed, N failed, N skipped" line, followed by
 * ", N unsupported, N differ (documented), N not applicable" when any of
 * those is not 0. With one --impl the heading names it. With several,
 * the row has one result column per implementation (headed by its
 * label) instead of RESULT, each detail line starts with the label, and
 * the closing lines count each implementation apart ("LABEL: N passed,
 * ...").
 */
void nt_report_table(FILE *out, const struct nt_report *r);

/*
 * nt_report_rerun writes into out (cap bytes) the command that reruns the
 * named case alone: r->rerun followed by the name, quoted for the shell
 * when it holds anything but letters, digits and "/_.-".
 */
void nt_report_rerun(const struct nt_report *r, const char *name, char *out,
		     size_t cap);

/*
 * nt_report_json writes r as one JSON object to path. With --impl it
 * also has "impls" (the labels) and "unsupported", "differs",
 * "not_applicable"; with several implementations each case has, instead
 * of "result", "time_s", "detail" and "rerun", "results": one object per
 * implementation with "impl" and those four. 0 or -errno.
 */
int nt_report_json(const char *path, const struct nt_report *r);

/*
 * nt_report_junit writes r as JUnit XML to path: one testsuite, one
 * testcase per case with a <failure> or <skipped> element where due, the
 * reference and detail in <system-out>. With several implementations,
 * one testcase per case and implementation, the implementation's label
 * in the classname (netns-tests.LABEL.GROUP). "unsup" and "n/a" are
 * <skipped>, "differs" passes. 0 or -errno.
 */
int nt_report_junit(const char *path, const struct nt_report *r);

/*
 * nt_report_html writes r as one self-contained HTML page to path: inline
 * style, no script, nothing fetched. A heading names the library, commit,
 * kernel and mode and counts the cases ("N cases: N passed, N failed,
 * N skipped"); a table has one row per case (class "case pass", "case
 * fail" or "case skip") with its reference, time, detail and, when it
 * failed, its rerun command. With several implementations, one result
 * cell per implementation (class "result RESULT"), headed by its label,
 * and per-implementation counts. 0 or -errno.
 */
int nt_report_html(const char *path, const struct nt_report *r);

#endif /* NT_REPORT_H */
