/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/report.c - table, JSON and JUnit XML.
 */
#include "netns-tests/report.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* count_into adds one result to *n. */
static void count_into(struct nt_counts *n, enum nt_status status)
{
	switch (status) {
	case NT_PASS:
		n->passed++;
		break;
	case NT_FAIL:
		n->failed++;
		break;
	case NT_SKIP:
		n->skipped++;
		break;
	case NT_UNSUP:
		n->unsupported++;
		break;
	case NT_DIFFERS:
		n->differs++;
		break;
	case NT_NA:
		n->not_applicable++;
		break;
	}
}

struct nt_counts nt_report_count_impl(const struct nt_report *r, size_t k)
{
	struct nt_counts n = { 0, 0, 0, 0, 0, 0 };

	for (size_t i = 0; i < r->num_results; i++) {
		if (r->results[i].impl == k) {
			count_into(&n, r->results[i].status);
		}
	}
	return n;
}

struct nt_counts nt_report_count(const struct nt_report *r)
{
	struct nt_counts n = { 0, 0, 0, 0, 0, 0 };

	for (size_t i = 0; i < r->num_results; i++) {
		count_into(&n, r->results[i].status);
	}
	return n;
}

/* columns is the number of implementations shown side by side (1 for
   the default run and for one --impl). */
static size_t columns(const struct nt_report *r)
{
	return r->num_impls > 1 ? r->num_impls : 1;
}

/* counts_line writes "N passed, N failed, N skipped" and the other counts
   that are not 0. */
static void counts_line(FILE *out, const struct nt_counts *n)
{
	fprintf(out, "%zu passed, %zu failed, %zu skipped", n->passed,
		n->failed, n->skipped);
	if (n->unsupported + n->differs + n->not_applicable > 0) {
		fprintf(out,
			", %zu unsupported, %zu differ (documented), %zu not "
			"applicable",
			n->unsupported, n->differs, n->not_applicable);
	}
	fputc('\n', out);
}

void nt_report_rerun(const struct nt_report *r, const char *name, char *out,
		     size_t cap)
{
	bool plain = true;
	size_t used;

	for (const char *p = name; *p != '\0'; p++) {
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY"
			   "Z0123456789/_.-",
			   *p) == NULL) {
			plain = false;
		}
	}
	used = (size_t)snprintf(out, cap, "%s%s",
				r->rerun != NULL ? r->rerun : "suite --only ",
				plain ? "" : "'");
	if (used >= cap) {
		return;
	}
	for (const char *p = name; *p != '\0' && used + 5 < cap; p++) {
		if (*p == '\'') {
			memcpy(out + used, "'\\''",
			       4); /* close, escaped quote, reopen */
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

/* result_width is the width of a result column: its heading (RESULT,
   or an implementation's label) and every status name shown in it. */
static int result_width(const struct nt_report *r)
{
	int w = 6;

	for (size_t i = 0; i < r->num_results; i++) {
		int len = (int)strlen(nt_status_name(r->results[i].status));

		w = len > w ? len : w;
	}
	for (size_t k = 0; r->num_impls > 1 && k < r->num_impls; k++) {
		int len = (int)strlen(r->impls[k]);

		w = len > w ? len : w;
	}
	return w < 16 ? w : 16;
}

/* impls_text writes ", implementation X" or ", implementations X, Y"
   into out for the heading; "" for the default run. */
static void impls_text(const struct nt_report *r, char *out, size_t cap)
{
	size_t used;

	out[0] = '\0';
	if (r->num_impls == 0) {
		return;
	}
	used = (size_t)snprintf(out, cap, ", implementation%s",
				r->num_impls > 1 ? "s" : "");
	for (size_t k = 0; k < r->num_impls && used < cap; k++) {
		used += (size_t)snprintf(out + used, cap - used, "%s %s",
					 k > 0 ? "," : "", r->impls[k]);
	}
}

void nt_report_table(FILE *out, const struct nt_report *r)
{
	size_t cols = columns(r);
	int name_w = name_width(r);
	int res_w = result_width(r);
	int ref_col = name_w + 2 + (res_w + 2) * (int)cols + 8 + 2;
	char heading[1024];
	char impls[512];
	char rerun[512];

	snprintf(heading, sizeof(heading),
		 "libipv4 %s (commit %s) netns conformance report", r->version,
		 r->commit);
	wrap(out, heading, 0, 4);
	impls_text(r, impls, sizeof(impls));
	snprintf(heading, sizeof(heading),
		 "kernel %s, mode %s, network %s, started %s%s", r->kernel,
		 r->mode, r->network, r->started, impls);
	wrap(out, heading, 0, 4);
	fputc('\n', out);
	fprintf(out, "%-*s  ", name_w, "CASE");
	for (size_t k = 0; k < cols; k++) {
		fprintf(out, "%-*.*s  ", res_w, res_w,
			cols > 1 ? r->impls[k] : "RESULT");
	}
	fprintf(out, "%8s  %s\n", "TIME", "REFERENCE");
	for (size_t i = 0; i + cols <= r->num_results; i += cols) {
		const struct nt_result *row = &r->results[i];
		double secs = 0;
		int col;

		col = fprintf(out, "%-*s  ", name_w, row->c->name);
		for (size_t k = 0; k < cols; k++) {
			col += fprintf(out, "%-*s  ", res_w,
				       nt_status_name(row[k].status));
			secs += row[k].secs;
		}
		col += fprintf(out, "%7.2fs  ", secs);
		wrap(out, row->c->ref, col, ref_col);
		for (size_t k = 0; k < cols; k++) {
			const struct nt_result *res = &row[k];

			if (res->detail[0] != '\0') {
				col = fprintf(out, "    %s%s",
					      cols > 1 ? r->impls[k] : "",
					      cols > 1 ? ": " : "");
				wrap(out, res->detail, col, 4);
			}
			if (res->status == NT_FAIL) {
				nt_report_rerun(r, res->c->name, rerun,
						sizeof(rerun));
				fputs("    rerun: ", out);
				wrap(out, rerun, 11, 11);
			}
		}
	}
	fprintf(out, "\ntotal %.2fs\n", r->secs);
	if (cols == 1) {
		struct nt_counts n = nt_report_count(r);

		counts_line(out, &n);
		return;
	}
	for (size_t k = 0; k < cols; k++) {
		struct nt_counts n = nt_report_count_impl(r, k);

		fprintf(out, "%s: ", r->impls[k]);
		counts_line(out, &n);
	}
}

/* json_string writes s as a JSON string literal. */
static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0';
	     p++) {
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

/* json_result writes a result's "result", "time_s", "detail" and
   "rerun" members, each after ", ". */
static void json_result(FILE *f, const struct nt_report *r,
			const struct nt_result *res)
{
	char rerun[512];

	fprintf(f, ", \"result\": \"%s\", \"time_s\": %.3f, \"detail\": ",
		nt_status_name(res->status), res->secs);
	json_string(f, res->detail);
	nt_report_rerun(r, res->c->name, rerun, sizeof(rerun));
	fputs(", \"rerun\": ", f);
	json_string(f, rerun);
}

int nt_report_json(const char *path, const struct nt_report *r)
{
	FILE *f = fopen(path, "w");
	struct nt_counts n = nt_report_count(r);
	size_t cols = columns(r);

	if (f == NULL) {
		return -errno;
	}
	fputs("{\n  \"suite\": \"libipv4 netns-tests\",\n  "
	      "\"libipv4_version\": ",
	      f);
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
	if (r->num_impls > 0) {
		fputs(",\n  \"impls\": [", f);
		for (size_t k = 0; k < r->num_impls; k++) {
			fputs(k > 0 ? ", " : "", f);
			json_string(f, r->impls[k]);
		}
		fprintf(f,
			"],\n  \"unsupported\": %zu,\n  \"differs\": %zu,\n"
			"  \"not_applicable\": %zu",
			n.unsupported, n.differs, n.not_applicable);
	}
	fprintf(f,
		",\n  \"time_s\": %.3f,\n  \"passed\": %zu,\n  \"failed\": "
		"%zu,\n"
		"  \"skipped\": %zu,\n  \"cases\": [",
		r->secs, n.passed, n.failed, n.skipped);
	for (size_t i = 0; i + cols <= r->num_results; i += cols) {
		const struct nt_result *res = &r->results[i];

		fputs(i == 0 ? "\n    {\"name\": " : ",\n    {\"name\": ", f);
		json_string(f, res->c->name);
		fputs(", \"reference\": ", f);
		json_string(f, res->c->ref);
		if (cols == 1) {
			json_result(f, r, res);
			fputc('}', f);
			continue;
		}
		fputs(", \"results\": [", f);
		for (size_t k = 0; k < cols; k++) {
			fputs(k > 0 ? ", {\"impl\": " : "{\"impl\": ", f);
			json_string(f, r->impls[k]);
			json_result(f, r, &res[k]);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	fputs("\n  ]\n}\n", f);
	return close_checked(f);
}

/* xml_text writes s with the five XML specials escaped, and control
   characters other than tab and newline dropped (XML 1.0 forbids them). */
static void xml_text(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0';
	     p++) {
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
static void junit_case(FILE *f, const struct nt_report *r,
		       const struct nt_result *res)
{
	char rerun[512];

	const char *slash = strchr(res->c->name, '/');
	int group_len = slash != NULL ? (int)(slash - res->c->name) : 0;
	const char *leaf = slash != NULL ? slash + 1 : res->c->name;

	fputs("    <testcase classname=\"netns-tests.", f);
	if (r->num_impls > 1) {
		xml_text(f, r->impls[res->impl]);
		fputc('.', f);
	}
	fprintf(f, "%.*s\" name=\"", group_len, res->c->name);
	xml_text(f, leaf);
	fprintf(f, "\" time=\"%.3f\">\n", res->secs);
	if (res->status == NT_FAIL) {
		fputs("      <failure message=\"", f);
		xml_text(f, res->detail);
		fputs("\"/>\n", f);
	} else if (res->status == NT_SKIP || res->status == NT_UNSUP ||
		   res->status == NT_NA) {
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
	size_t skipped = n.skipped + n.unsupported + n.not_applicable;

	fprintf(f,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites tests=\"%zu\" failures=\"%zu\" skipped=\"%zu\" "
		"time=\"%.3f\">\n"
		"  <testsuite name=\"netns-tests\" tests=\"%zu\" "
		"failures=\"%zu\" "
		"errors=\"0\" skipped=\"%zu\" time=\"%.3f\" timestamp=\"",
		r->num_results, n.failed, skipped, r->secs, r->num_results,
		n.failed, skipped, r->secs);
	xml_text(f, r->started);
	fputs("\">\n    <properties>\n      <property name=\"libipv4_version\" "
	      "value=\"",
	      f);
	xml_text(f, r->version);
	fputs("\"/>\n      <property name=\"libipv4_commit\" value=\"", f);
	xml_text(f, r->commit);
	fputs("\"/>\n      <property name=\"kernel\" value=\"", f);
	xml_text(f, r->kernel);
	fputs("\"/>\n      <property name=\"mode\" value=\"", f);
	xml_text(f, r->mode);
	for (size_t k = 0; k < r->num_impls; k++) {
		fputs("\"/>\n      <property name=\"impl\" value=\"", f);
		xml_text(f, r->impls[k]);
	}
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
	"th,td{border:1px solid #ccc;padding:.3em "
	".5em;text-align:left;vertical-align:top}"
	"th{background:#eee}"
	"td.name,td.ref,code{font-family:monospace}"
	"tr.pass td.result,td.result.pass{background:#d7f5d7}"
	"tr.fail td.result,td.result.fail{background:#f8d0d0;font-weight:bold}"
	"tr.skip td.result,td.result.skip{background:#f5ecc8}"
	"tr.differs td.result,td.result.differs{background:#dde8f8}"
	"tr.unsup td.result,td.result.unsup,tr.na "
	"td.result,td.result.na{background:#eee}"
	".rerun{margin-top:.3em}";

/* status_class is the status as an HTML class name ("na" for "n/a"). */
static const char *status_class(enum nt_status s)
{
	return s == NT_NA ? "na" : nt_status_name(s);
}

/* html_detail writes a result's detail and, for a failure, its rerun
   command, labelled with the implementation when there are several. */
static void html_detail(FILE *f, const struct nt_report *r,
			const struct nt_result *res)
{
	char rerun[512];

	if (columns(r) > 1) {
		fputs("<div class=\"impl\"><b>", f);
		xml_text(f, r->impls[res->impl]);
		fputs(":</b> ", f);
	}
	xml_text(f, res->detail);
	if (res->status == NT_FAIL) {
		nt_report_rerun(r, res->c->name, rerun, sizeof(rerun));
		fputs("<div class=\"rerun\">rerun: <code>", f);
		xml_text(f, rerun);
		fputs("</code></div>", f);
	}
	if (columns(r) > 1) {
		fputs("</div>", f);
	}
}

int nt_report_html(const char *path, const struct nt_report *r)
{
	FILE *f = fopen(path, "w");
	struct nt_counts n = nt_report_count(r);
	size_t cols = columns(r);
	char impls[512];
	char secs[32];

	if (f == NULL) {
		return -errno;
	}
	fprintf(f,
		"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
		"charset=\"utf-8\">\n"
		"<title>libipv4 netns conformance "
		"report</title>\n<style>%s</style>\n"
		"</head>\n<body>\n<h1>libipv4 netns conformance "
		"report</h1>\n<p class=\"meta\">"
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
	impls_text(r, impls, sizeof(impls));
	xml_text(f, impls);
	fprintf(f,
		"; %.2f s in all</p>\n<p class=\"counts\"><span "
		"id=\"cases\">%zu</span> cases: "
		"<span id=\"passed\">%zu</span> passed, <span "
		"id=\"failed\">%zu</span> failed, "
		"<span id=\"skipped\">%zu</span> skipped",
		r->secs, r->num_results / cols, n.passed, n.failed, n.skipped);
	if (n.unsupported + n.differs + n.not_applicable > 0) {
		fprintf(f,
			", <span id=\"unsupported\">%zu</span> unsupported, "
			"<span id=\"differs\">"
			"%zu</span> differ (documented), <span "
			"id=\"not_applicable\">%zu</span> not "
			"applicable",
			n.unsupported, n.differs, n.not_applicable);
	}
	fputs("</p>\n", f);
	for (size_t k = 0; cols > 1 && k < cols; k++) {
		struct nt_counts c = nt_report_count_impl(r, k);

		fputs("<p class=\"impl-counts\">", f);
		xml_text(f, r->impls[k]);
		fprintf(f,
			": %zu passed, %zu failed, %zu skipped, %zu "
			"unsupported, %zu differ "
			"(documented), %zu not applicable</p>\n",
			c.passed, c.failed, c.skipped, c.unsupported, c.differs,
			c.not_applicable);
	}
	fputs("<table>\n<thead><tr><th>Case</th>", f);
	for (size_t k = 0; k < cols; k++) {
		fputs("<th>", f);
		xml_text(f, cols > 1 ? r->impls[k] : "Result");
		fputs("</th>", f);
	}
	fputs("<th>Time</th><th>Reference</th><th>Detail</th></tr></"
	      "thead>\n<tbody>\n",
	      f);
	for (size_t i = 0; i + cols <= r->num_results; i += cols) {
		const struct nt_result *row = &r->results[i];
		double total = 0;

		if (cols == 1) {
			fprintf(f, "<tr class=\"case %s\">",
				status_class(row->status));
		} else {
			fputs("<tr class=\"case\">", f);
		}
		html_td(f, "name", row->c->name);
		for (size_t k = 0; k < cols; k++) {
			char cls[32];

			snprintf(cls, sizeof(cls), "result %s",
				 status_class(row[k].status));
			html_td(f, cols > 1 ? cls : "result",
				nt_status_name(row[k].status));
			total += row[k].secs;
		}
		snprintf(secs, sizeof(secs), "%.2f s", total);
		html_td(f, "time", secs);
		html_td(f, "ref", row->c->ref);
		fputs("<td class=\"detail\">", f);
		for (size_t k = 0; k < cols; k++) {
			html_detail(f, r, &row[k]);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</body>\n</html>\n", f);
	return close_checked(f);
}
