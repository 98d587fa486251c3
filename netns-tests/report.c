/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/report.c - table, JSON and JUnit XML.
 */
#include "netns-tests/report.h"

#include <errno.h>
#include <string.h>

struct nt_counts nt_report_count(const struct nt_report *r)
{
	struct nt_counts n = {0, 0, 0};

	for (size_t i = 0; i < r->num_results; i++) {
		switch (r->results[i].status) {
		case NT_PASS:
			n.passed++;
			break;
		case NT_FAIL:
			n.failed++;
			break;
		case NT_SKIP:
			n.skipped++;
			break;
		}
	}
	return n;
}

static int column_width(const struct nt_report *r, int which, int floor)
{
	int w = floor;

	for (size_t i = 0; i < r->num_results; i++) {
		const char *s = which == 0 ? r->results[i].c->name : r->results[i].c->ref;
		int len = (int)strlen(s);

		if (len > w) {
			w = len;
		}
	}
	return w;
}

void nt_report_table(FILE *out, const struct nt_report *r)
{
	int name_w = column_width(r, 0, 4);
	int ref_w = column_width(r, 1, 9);
	struct nt_counts n = nt_report_count(r);

	fprintf(out, "libipv4 netns conformance report: kernel %s, mode %s, network %s, %s\n\n",
		r->kernel, r->mode, r->network, r->started);
	fprintf(out, "%-*s  %-*s  %-6s  %8s  %s\n", name_w, "CASE", ref_w, "REFERENCE",
		"RESULT", "TIME", "DETAIL");
	for (size_t i = 0; i < r->num_results; i++) {
		const struct nt_result *res = &r->results[i];

		fprintf(out, "%-*s  %-*s  %-6s  %7.2fs  %s\n", name_w, res->c->name, ref_w,
			res->c->ref, nt_status_name(res->status), res->secs, res->detail);
	}
	fprintf(out, "\ntotal %.2fs\n", r->secs);
	fprintf(out, "%zu passed, %zu failed, %zu skipped\n", n.passed, n.failed, n.skipped);
}

/* json_string writes s as a JSON string literal. */
static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20) {
				fprintf(f, "\\u%04x", *p);
			} else {
				fputc(*p, f);
			}
		}
	}
	fputc('"', f);
}

/* close_checked closes f and turns any write error into -errno. */
static int close_checked(FILE *f)
{
	int failed = ferror(f);

	if (fclose(f) != 0 || failed) {
		return errno != 0 ? -errno : -EIO;
	}
	return 0;
}

int nt_report_json(const char *path, const struct nt_report *r)
{
	FILE *f = fopen(path, "w");
	struct nt_counts n = nt_report_count(r);

	if (f == NULL) {
		return -errno;
	}
	fputs("{\n  \"suite\": \"libipv4 netns-tests\",\n  \"kernel\": ", f);
	json_string(f, r->kernel);
	fputs(",\n  \"mode\": ", f);
	json_string(f, r->mode);
	fputs(",\n  \"network\": ", f);
	json_string(f, r->network);
	fputs(",\n  \"started\": ", f);
	json_string(f, r->started);
	fprintf(f, ",\n  \"time_s\": %.3f,\n  \"passed\": %zu,\n  \"failed\": %zu,\n"
		   "  \"skipped\": %zu,\n  \"cases\": [",
		r->secs, n.passed, n.failed, n.skipped);
	for (size_t i = 0; i < r->num_results; i++) {
		const struct nt_result *res = &r->results[i];

		fputs(i == 0 ? "\n    {\"name\": " : ",\n    {\"name\": ", f);
		json_string(f, res->c->name);
		fputs(", \"reference\": ", f);
		json_string(f, res->c->ref);
		fprintf(f, ", \"result\": \"%s\", \"time_s\": %.3f, \"detail\": ",
			nt_status_name(res->status), res->secs);
		json_string(f, res->detail);
		fputc('}', f);
	}
	fputs("\n  ]\n}\n", f);
	return close_checked(f);
}

/* xml_text writes s with the five XML specials escaped, and control
   characters other than tab and newline dropped (XML 1.0 forbids them). */
static void xml_text(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			if (*p >= 0x20 || *p == '\n' || *p == '\t') {
				fputc(*p, f);
			}
		}
	}
}

/* junit_case writes one <testcase>; the group before '/' is its class. */
static void junit_case(FILE *f, const struct nt_result *res)
{
	const char *slash = strchr(res->c->name, '/');
	int group_len = slash != NULL ? (int)(slash - res->c->name) : 0;
	const char *leaf = slash != NULL ? slash + 1 : res->c->name;

	fprintf(f, "    <testcase classname=\"netns-tests.%.*s\" name=\"", group_len,
		res->c->name);
	xml_text(f, leaf);
	fprintf(f, "\" time=\"%.3f\">\n", res->secs);
	if (res->status == NT_FAIL) {
		fputs("      <failure message=\"", f);
		xml_text(f, res->detail);
		fputs("\"/>\n", f);
	} else if (res->status == NT_SKIP) {
		fputs("      <skipped message=\"", f);
		xml_text(f, res->detail);
		fputs("\"/>\n", f);
	}
	fputs("      <system-out>", f);
	xml_text(f, res->c->ref);
	fputs("\n", f);
	xml_text(f, res->detail);
	fputs("</system-out>\n    </testcase>\n", f);
}

int nt_report_junit(const char *path, const struct nt_report *r)
{
	FILE *f = fopen(path, "w");
	struct nt_counts n = nt_report_count(r);

	if (f == NULL) {
		return -errno;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<testsuites tests=\"%zu\" failures=\"%zu\" skipped=\"%zu\" time=\"%.3f\">\n"
		   "  <testsuite name=\"netns-tests\" tests=\"%zu\" failures=\"%zu\" "
		   "errors=\"0\" skipped=\"%zu\" time=\"%.3f\" timestamp=\"",
		r->num_results, n.failed, n.skipped, r->secs, r->num_results, n.failed,
		n.skipped, r->secs);
	xml_text(f, r->started);
	fputs("\">\n    <properties>\n      <property name=\"kernel\" value=\"", f);
	xml_text(f, r->kernel);
	fputs("\"/>\n      <property name=\"mode\" value=\"", f);
	xml_text(f, r->mode);
	fputs("\"/>\n    </properties>\n", f);
	for (size_t i = 0; i < r->num_results; i++) {
		junit_case(f, &r->results[i]);
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
	return close_checked(f);
}
