/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/report.c - table, JSON and JUnit XML.
 */
#include "netns-tests/report.h"

#include <errno.h>
#include <stdbool.h>
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

void nt_report_rerun(const struct nt_report *r, const char *name, char *out, size_t cap)
{
	bool plain = true;
	size_t used;

	for (const char *p = name; *p != '\0'; p++) {
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_.-",
			   *p) == NULL) {
			plain = false;
		}
	}
	used = (size_t)snprintf(out, cap, "%s%s", r->rerun != NULL ? r->rerun : "suite --only ",
				plain ? "" : "'");
	if (used >= cap) {
		return;
	}
	for (const char *p = name; *p != '\0' && used + 5 < cap; p++) {
		if (*p == '\'') {
			memcpy(out + used, "'\\''", 4); /* close, escaped quote, reopen */
			used += 4;
		} else {
			out[used++] = *p;
		}
	}
	if (!plain && used + 1 < cap) {
		out[used++] = '\'';
	}
	if (used < cap) {
		out[used] = '\0';
	}
}

static int name_width(const struct nt_report *r)
{
	int w = 4;

	for (size_t i = 0; i < r->num_results; i++) {
		int len = (int)strlen(r->results[i].c->name);

		if (len > w) {
			w = len;
		}
	}
	return w < 48 ? w : 48;
}

/*
 * wrap prints text from column col, breaking between words so that no line
 * passes NT_REPORT_WIDTH; each further line starts with indent spaces. A
 * word longer than a whole line is cut. Ends the last line.
 */
static void wrap(FILE *out, const char *text, int col, int indent)
{
	const char *p = text;
	bool line_empty = true;

	while (*p != '\0') {
		int len = 0;

		while (*p == ' ' || *p == '\n') {
			p++;
		}
		while (p[len] != '\0' && p[len] != ' ' && p[len] != '\n') {
			len++;
		}
		if (len == 0) {
			break;
		}
		if (!line_empty && col + 1 + len > NT_REPORT_WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
			line_empty = true;
		}
		if (!line_empty) {
			fputc(' ', out);
			col++;
		}
		while (col + len > NT_REPORT_WIDTH) {
			int part = NT_REPORT_WIDTH - col;

			fprintf(out, "%.*s\n%*s", part, p, indent, "");
			p += part;
			len -= part;
			col = indent;
		}
		fprintf(out, "%.*s", len, p);
		col += len;
		p += len;
		line_empty = false;
	}
	fputc('\n', out);
}

void nt_report_table(FILE *out, const struct nt_report *r)
{
	int name_w = name_width(r);
	int ref_col = name_w + 2 + 6 + 2 + 8 + 2;
	struct nt_counts n = nt_report_count(r);
	char heading[512];
	char rerun[512];

	snprintf(heading, sizeof(heading), "libipv4 %s (commit %s) netns conformance report",
		 r->version, r->commit);
	wrap(out, heading, 0, 4);
	snprintf(heading, sizeof(heading), "kernel %s, mode %s, network %s, started %s", r->kernel,
		 r->mode, r->network, r->started);
	wrap(out, heading, 0, 4);
	fputc('\n', out);
	fprintf(out, "%-*s  %-6s  %8s  %s\n", name_w, "CASE", "RESULT", "TIME", "REFERENCE");
	for (size_t i = 0; i < r->num_results; i++) {
		const struct nt_result *res = &r->results[i];
		int col;

		col = fprintf(out, "%-*s  %-6s  %7.2fs  ", name_w, res->c->name,
			      nt_status_name(res->status), res->secs);
		wrap(out, res->c->ref, col, ref_col);
		if (res->detail[0] != '\0') {
			fputs("    ", out);
			wrap(out, res->detail, 4, 4);
		}
		if (res->status == NT_FAIL) {
			nt_report_rerun(r, res->c->name, rerun, sizeof(rerun));
			fputs("    rerun: ", out);
			wrap(out, rerun, 11, 11);
		}
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
	char rerun[512];

	if (f == NULL) {
		return -errno;
	}
	fputs("{\n  \"suite\": \"libipv4 netns-tests\",\n  \"libipv4_version\": ", f);
	json_string(f, r->version);
	fputs(",\n  \"libipv4_commit\": ", f);
	json_string(f, r->commit);
	fputs(",\n  \"kernel\": ", f);
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
		nt_report_rerun(r, res->c->name, rerun, sizeof(rerun));
		fputs(", \"rerun\": ", f);
		json_string(f, rerun);
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
static void junit_case(FILE *f, const struct nt_report *r, const struct nt_result *res)
{
	char rerun[512];

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
	if (res->status == NT_FAIL) {
		nt_report_rerun(r, res->c->name, rerun, sizeof(rerun));
		fputs("\nrerun: ", f);
		xml_text(f, rerun);
	}
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
	fputs("\">\n    <properties>\n      <property name=\"libipv4_version\" value=\"", f);
	xml_text(f, r->version);
	fputs("\"/>\n      <property name=\"libipv4_commit\" value=\"", f);
	xml_text(f, r->commit);
	fputs("\"/>\n      <property name=\"kernel\" value=\"", f);
	xml_text(f, r->kernel);
	fputs("\"/>\n      <property name=\"mode\" value=\"", f);
	xml_text(f, r->mode);
	fputs("\"/>\n    </properties>\n", f);
	for (size_t i = 0; i < r->num_results; i++) {
		junit_case(f, r, &r->results[i]);
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
	return close_checked(f);
}

/* html_td writes one cell with its text escaped. */
static void html_td(FILE *f, const char *cls, const char *text)
{
	fprintf(f, "<td class=\"%s\">", cls);
	xml_text(f, text);
	fputs("</td>", f);
}

static const char kHtmlStyle[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222}"
	"h1{font-size:1.4em}"
	"table{border-collapse:collapse;width:100%}"
	"th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
	"th{background:#eee}"
	"td.name,td.ref,code{font-family:monospace}"
	"tr.pass td.result{background:#d7f5d7}"
	"tr.fail td.result{background:#f8d0d0;font-weight:bold}"
	"tr.skip td.result{background:#f5ecc8}"
	".rerun{margin-top:.3em}";

int nt_report_html(const char *path, const struct nt_report *r)
{
	FILE *f = fopen(path, "w");
	struct nt_counts n = nt_report_count(r);
	char rerun[512];
	char secs[32];

	if (f == NULL) {
		return -errno;
	}
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<title>libipv4 netns conformance report</title>\n<style>%s</style>\n"
		   "</head>\n<body>\n<h1>libipv4 netns conformance report</h1>\n<p class=\"meta\">"
		   "libipv4 <b id=\"version\">",
		kHtmlStyle);
	xml_text(f, r->version);
	fputs("</b>, commit <code id=\"commit\">", f);
	xml_text(f, r->commit);
	fputs("</code>; kernel <code id=\"kernel\">", f);
	xml_text(f, r->kernel);
	fputs("</code>; mode <b id=\"mode\">", f);
	xml_text(f, r->mode);
	fputs("</b>; network <code>", f);
	xml_text(f, r->network);
	fputs("</code>; started ", f);
	xml_text(f, r->started);
	fprintf(f, "; %.2f s in all</p>\n<p class=\"counts\"><span id=\"cases\">%zu</span> cases: "
		   "<span id=\"passed\">%zu</span> passed, <span id=\"failed\">%zu</span> failed, "
		   "<span id=\"skipped\">%zu</span> skipped</p>\n<table>\n<thead><tr><th>Case</th>"
		   "<th>Result</th><th>Time</th><th>Reference</th><th>Detail</th></tr></thead>\n"
		   "<tbody>\n",
		r->secs, r->num_results, n.passed, n.failed, n.skipped);
	for (size_t i = 0; i < r->num_results; i++) {
		const struct nt_result *res = &r->results[i];

		snprintf(secs, sizeof(secs), "%.2f s", res->secs);
		fprintf(f, "<tr class=\"case %s\">", nt_status_name(res->status));
		html_td(f, "name", res->c->name);
		html_td(f, "result", nt_status_name(res->status));
		html_td(f, "time", secs);
		html_td(f, "ref", res->c->ref);
		fputs("<td class=\"detail\">", f);
		xml_text(f, res->detail);
		if (res->status == NT_FAIL) {
			nt_report_rerun(r, res->c->name, rerun, sizeof(rerun));
			fputs("<div class=\"rerun\">rerun: <code>", f);
			xml_text(f, rerun);
			fputs("</code></div>", f);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</body>\n</html>\n", f);
	return close_checked(f);
}
