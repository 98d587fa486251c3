/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/main.c - the suite's one entry point.
 *
 *   suite [--out DIR] [--case PATTERN]... [--only NAME]... [--strict] [--userns]
 *         [--max-case-time S] [--impl IMPL]... [--driven] [--list]
 *
 * Finds the right to build networks (privilege.h), then forks: the child,
 * the worker, builds the network, runs every case (runner.h), tears the
 * network down and writes the report (report.h: text, JSON, JUnit, HTML,
 * each with libipv4's version and commit and, for a failed case, the
 * command that reruns it alone); the parent, the
 * supervisor, waits for it, passes on SIGINT, SIGTERM and SIGHUP, and
 * afterwards deletes any namespace of this run that is still there, so the
 * network goes away however the worker ended.
 *
 * Exit status: 0 when no case failed (and, with --strict, none was
 * skipped), 1 when one did or the network could not be removed, 2 for a
 * usage error or when the report could not be written.
 *
 * Without --impl, every case runs against libipv4 as it always did, and
 * a case that the socket probe protocol can express (driven.h) runs a
 * second time through libipv4's C driver, both in the one result. With
 * --impl, the driven cases run through each implementation's probe, one
 * result column per implementation; libipv4-only cases run directly for
 * libipv4 and are "n/a" for the others.
 */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "netns-tests/binaries.h"
#include "netns-tests/cases.h"
#include "netns-tests/drive.h"
#include "netns-tests/driven.h"
#include "netns-tests/privilege.h"
#include "netns-tests/report.h"
#include "netns-tests/topo.h"
#include "ipv4/version.h"

/* The commit the suite was built from: bazel build
   --define=IPV4_COMMIT=... (scripts/report gives it; "unknown" otherwise). */
#ifndef IPV4_COMMIT
#define IPV4_COMMIT "unknown"
#endif

#define MAX_PATTERNS 32
#define MAX_IMPLS 8

struct options {
	char out_dir[PATH_MAX];
	const char *patterns[MAX_PATTERNS];
	size_t num_patterns;
	const char *exact[MAX_PATTERNS];
	size_t num_exact;
	double max_case_time;
	char rerun[PATH_MAX + 64];
	bool strict;
	bool force_userns;
	bool list;
	bool driven_only;		 /* --driven */
	struct nt_impl impls[MAX_IMPLS]; /* --impl, in order */
	size_t num_impls;		 /* 0: the default run */
};

static void usage(FILE *f)
{
	fputs("usage: suite [--out DIR] [--case PATTERN]... [--only NAME]... "
	      "[--strict] [--userns]\n"
	      "             [--max-case-time S] [--impl IMPL]... [--driven] "
	      "[--list]\n"
	      "  --out DIR       write report.txt, report.json, report.xml "
	      "(JUnit) and\n"
	      "                  report.html to DIR\n"
	      "                  (default: $TEST_UNDECLARED_OUTPUTS_DIR, else "
	      "netns-tests-report)\n"
	      "  --case PATTERN  run only cases whose name matches the glob or "
	      "contains it\n"
	      "  --only NAME     run the case of exactly this name (what a "
	      "failure's rerun\n"
	      "                  line gives)\n"
	      "  --strict        a skipped case fails the run\n"
	      "  --userns        use the unshare -rnm fallback even where root "
	      "would do\n"
	      "  --max-case-time S  kill any case still running after S "
	      "seconds, a fraction\n"
	      "                  allowed (0.5); each case has its own limit, "
	      "10 to 60 s, otherwise\n"
	      "  --impl IMPL     run the driven cases through IMPL's socket "
	      "probe\n"
	      "                  (conformance/SOCKET-PROBE.md): libipv4 (our C "
	      "driver),\n"
	      "                  LABEL=PATH or PATH (any probe program; the "
	      "label is its\n"
	      "                  file name); repeatable, one result column "
	      "each\n"
	      "  --driven        run only the cases that have a driven form\n"
	      "  --list          print the cases and their references, run "
	      "nothing; with\n"
	      "                  --impl, also whether each is driven or "
	      "libipv4-only\n",
	      f);
}

/* parse_seconds reads a positive number of seconds, decimals allowed. */
static int parse_seconds(const char *text, double *out)
{
	char *end = NULL;
	double v;

	errno = 0;
	v = strtod(text, &end);
	if (errno != 0 || end == text || *end != '\0' || !(v > 0) ||
	    v > 86400) {
		return -1;
	}
	*out = v;
	return 0;
}

/*
 * set_rerun makes the prefix of a failed case's rerun command: the
 * NT_RERUN environment variable (scripts/report sets "./scripts/report
 * --only "), under bazel test the test target, else this program.
 */
static void set_rerun(struct options *o, const char *argv0)
{
	const char *env = getenv("NT_RERUN");
	const char *target = getenv("TEST_TARGET");
	const char *userns = o->force_userns ? " --userns" : "";

	if (env != NULL && env[0] != '\0') {
		snprintf(o->rerun, sizeof(o->rerun), "%s%s --only ", env,
			 userns);
	} else if (target != NULL && target[0] != '\0') {
		snprintf(o->rerun, sizeof(o->rerun),
			 "bazel test %s%s --test_arg=--only --test_arg=",
			 target, o->force_userns ? " --test_arg=--userns" : "");
	} else {
		snprintf(o->rerun, sizeof(o->rerun), "%s%s --only ", argv0,
			 userns);
	}
}

/*
 * add_impl reads one --impl word: "libipv4" (our C driver, found like the
 * other programs of the suite), "LABEL=PATH" or "PATH". 0, or -1 with a
 * message.
 */
static int add_impl(struct options *o, const char *word)
{
	struct nt_impl *im = &o->impls[o->num_impls];
	const char *eq = strchr(word, '=');
	const char *path = eq != NULL ? eq + 1 : word;
	const char *slash;
	char real[PATH_MAX];

	if (o->num_impls == MAX_IMPLS) {
		fprintf(stderr, "suite: at most %d --impl\n", MAX_IMPLS);
		return -1;
	}
	memset(im, 0, sizeof(*im));
	if (strcmp(word, "libipv4") == 0) {
		snprintf(im->label, sizeof(im->label), "libipv4");
		im->ours = true;
		if (nt_binary_path("conformance/socket_probe", im->path,
				   sizeof(im->path)) != 0) {
			fprintf(stderr,
				"suite: --impl libipv4: no "
				"conformance/socket_probe (looked "
				"last at %s); bazel build "
				"//conformance:socket_probe\n",
				im->path);
			return -1;
		}
	} else {
		if (eq != NULL) {
			snprintf(im->label, sizeof(im->label), "%.*s",
				 (int)(eq - word), word);
		} else {
			slash = strrchr(word, '/');
			snprintf(im->label, sizeof(im->label), "%s",
				 slash != NULL ? slash + 1 : word);
		}
		if (path[0] == '\0' || im->label[0] == '\0' ||
		    realpath(path, real) == NULL || access(real, X_OK) != 0) {
			fprintf(stderr,
				"suite: --impl %s: not an executable probe "
				"program%s\n",
				word,
				strcmp(word, "go") == 0
					? " (scripts/report builds Go's; here "
					  "give "
					  "go=PATH)"
					: "");
			return -1;
		}
		snprintf(im->path, sizeof(im->path), "%s", real);
	}
	for (size_t k = 0; k < o->num_impls; k++) {
		if (strcmp(o->impls[k].label, im->label) == 0) {
			fprintf(stderr,
				"suite: --impl %s: a second column labelled "
				"%s\n",
				word, im->label);
			return -1;
		}
	}
	o->num_impls++;
	return 0;
}

/* set_out_dir resolves dir against the directory `bazel run` was run in. */
static void set_out_dir(struct options *o, const char *dir)
{
	const char *base = getenv("BUILD_WORKING_DIRECTORY");

	if (dir[0] != '/' && base != NULL && base[0] != '\0') {
		snprintf(o->out_dir, sizeof(o->out_dir), "%s/%s", base, dir);
	} else {
		snprintf(o->out_dir, sizeof(o->out_dir), "%s", dir);
	}
}

static int parse_args(int argc, char **argv, struct options *o)
{
	const char *test_out = getenv("TEST_UNDECLARED_OUTPUTS_DIR");

	memset(o, 0, sizeof(*o));
	set_out_dir(o, test_out != NULL ? test_out : "netns-tests-report");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--out") == 0 && i + 1 < argc) {
			set_out_dir(o, argv[++i]);
		} else if (strcmp(a, "--case") == 0 && i + 1 < argc &&
			   o->num_patterns < MAX_PATTERNS) {
			o->patterns[o->num_patterns++] = argv[++i];
		} else if (strcmp(a, "--only") == 0 && i + 1 < argc &&
			   o->num_exact < MAX_PATTERNS) {
			o->exact[o->num_exact++] = argv[++i];
		} else if (strcmp(a, "--max-case-time") == 0 && i + 1 < argc) {
			if (parse_seconds(argv[++i], &o->max_case_time) != 0) {
				fprintf(stderr,
					"suite: --max-case-time: \"%s\" is not "
					"a number of "
					"seconds above 0 (0.5 and 30 are)\n",
					argv[i]);
				return -1;
			}
		} else if (strcmp(a, "--impl") == 0 && i + 1 < argc) {
			if (add_impl(o, argv[++i]) != 0) {
				return -1;
			}
		} else if (strcmp(a, "--driven") == 0) {
			o->driven_only = true;
		} else if (strcmp(a, "--strict") == 0) {
			o->strict = true;
		} else if (strcmp(a, "--userns") == 0) {
			o->force_userns = true;
		} else if (strcmp(a, "--list") == 0) {
			o->list = true;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			exit(0);
		} else {
			fprintf(stderr,
				"suite: unknown or incomplete argument: %s\n",
				a);
			usage(stderr);
			return -1;
		}
	}
	set_rerun(o, argv[0]);
	return 0;
}

static bool selected(const struct options *o, const char *name)
{
	if (o->driven_only && nt_driven(name) == NULL) {
		return false;
	}
	if (o->num_patterns == 0 && o->num_exact == 0) {
		return true;
	}
	for (size_t i = 0; i < o->num_exact; i++) {
		if (strcmp(o->exact[i], name) == 0) {
			return true;
		}
	}
	for (size_t i = 0; i < o->num_patterns; i++) {
		if (fnmatch(o->patterns[i], name, 0) == 0 ||
		    strstr(name, o->patterns[i]) != NULL) {
			return true;
		}
	}
	return false;
}

/* select_cases fills out (room for every case) with the chosen ones. */
static size_t select_cases(const struct options *o, const struct nt_case **out)
{
	size_t total;
	const struct nt_case *all = nt_cases(&total);
	size_t n = 0;

	for (size_t i = 0; i < total; i++) {
		if (selected(o, all[i].name)) {
			out[n++] = &all[i];
		}
	}
	return n;
}

static double now_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int mkdir_p(const char *dir)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s", dir);
	for (char *p = path + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(path, 0755) != 0 && errno != EEXIST) {
				return -errno;
			}
			*p = '/';
		}
	}
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		return -errno;
	}
	return 0;
}

/* write_reports prints the table and writes the three files; 0 or 2. */
static int write_reports(const struct options *o, const struct nt_report *r)
{
	char path[PATH_MAX + 32];
	const char *xml_env = getenv("XML_OUTPUT_FILE");
	int rc = mkdir_p(o->out_dir);
	FILE *txt;

	nt_report_table(stdout, r);
	fflush(stdout);
	if (rc != 0) {
		fprintf(stderr, "suite: cannot create %s: %s\n", o->out_dir,
			strerror(-rc));
		return 2;
	}
	snprintf(path, sizeof(path), "%s/report.txt", o->out_dir);
	txt = fopen(path, "w");
	if (txt == NULL) {
		rc = -errno;
	} else {
		nt_report_table(txt, r);
		rc = fclose(txt) == 0 ? 0 : -errno;
	}
	if (rc == 0) {
		snprintf(path, sizeof(path), "%s/report.json", o->out_dir);
		rc = nt_report_json(path, r);
	}
	if (rc == 0) {
		snprintf(path, sizeof(path), "%s/report.xml", o->out_dir);
		rc = nt_report_junit(path, r);
	}
	if (rc == 0) {
		snprintf(path, sizeof(path), "%s/report.html", o->out_dir);
		rc = nt_report_html(path, r);
	}
	if (rc == 0 && xml_env != NULL && xml_env[0] != '\0') {
		snprintf(path, sizeof(path), "%s", xml_env);
		rc = nt_report_junit(path, r);
	}
	if (rc != 0) {
		fprintf(stderr, "suite: writing %s: %s\n", path, strerror(-rc));
		return 2;
	}
	fprintf(stderr,
		"suite: report written to %s/report.{txt,json,xml,html}\n",
		o->out_dir);
	return 0;
}

static int exit_code(const struct options *o, const struct nt_report *r)
{
	struct nt_counts n = nt_report_count(r);

	if (n.failed > 0 || (o->strict && n.skipped > 0)) {
		return 1;
	}
	return 0;
}

/* The one implementation of a run without --impl: libipv4 directly,
   and its C driver for the driven cases. */
static struct nt_impl default_impl = { .label = "libipv4", .ours = true };

/* append adds sep (when r's detail is not empty) and text to r's
   detail, cutting what does not fit. */
static void append(struct nt_result *r, const char *sep, const char *text)
{
	size_t used = strnlen(r->detail, sizeof(r->detail));

	for (const char *p = used > 0 ? sep : "";
	     *p != '\0' && used + 1 < sizeof(r->detail); p++) {
		r->detail[used++] = *p;
	}
	for (const char *p = text; *p != '\0' && used + 1 < sizeof(r->detail);
	     p++) {
		r->detail[used++] = *p;
	}
	r->detail[used] = '\0';
}

/*
 * ours_strict turns "unsup" and "differs" of libipv4's own driver into
 * failures: DIVERGENCES.md's rows are written against its answers.
 */
static void ours_strict(struct nt_result *r)
{
	char detail[NT_DETAIL_MAX];

	if (r->status != NT_UNSUP && r->status != NT_DIFFERS) {
		return;
	}
	snprintf(detail, sizeof(detail), "%s", r->detail);
	snprintf(r->detail, sizeof(r->detail),
		 "libipv4's driver must answer as libipv4 does: ");
	append(r, "", detail);
	r->status = NT_FAIL;
}

/*
 * run_default runs case c directly and, when it has a driven form,
 * through libipv4's C driver too, combining both into *r.
 */
static int run_default(const struct nt_topo *t, const struct nt_case *c,
		       double limit, const sigset_t *waitset,
		       struct nt_result *r)
{
	nt_case_fn driven = nt_driven(c->name);
	struct nt_result second;
	int interrupted = nt_run_case(t, c, c->run, NULL, limit, waitset, r);

	if (interrupted != 0 || driven == NULL) {
		return interrupted;
	}
	if (default_impl.path[0] == '\0' &&
	    nt_binary_path("conformance/socket_probe", default_impl.path,
			   sizeof(default_impl.path)) != 0) {
		append(r, "; ",
		       "through the C driver: no conformance/socket_probe "
		       "(looked last at ");
		append(r, "", default_impl.path);
		append(r, "", ")");
		r->status = NT_FAIL;
		return 0;
	}
	interrupted = nt_run_case(t, c, driven, &default_impl, limit, waitset,
				  &second);
	ours_strict(&second);
	append(r, "; ", "through the C driver: ");
	append(r, "", second.detail);
	r->secs += second.secs;
	if (second.status == NT_FAIL ||
	    (second.status == NT_SKIP && r->status == NT_PASS)) {
		r->status = second.status;
	}
	return interrupted;
}

/* run_impl runs case c for implementation im into *r. */
static int run_impl(const struct nt_topo *t, const struct nt_case *c,
		    const struct nt_impl *im, double limit,
		    const sigset_t *waitset, struct nt_result *r)
{
	nt_case_fn driven = nt_driven(c->name);
	int interrupted;

	if (driven == NULL && !im->ours) {
		memset(r, 0, sizeof(*r));
		r->c = c;
		r->status = NT_NA;
		snprintf(r->detail, sizeof(r->detail), "libipv4 only: %s",
			 nt_libipv4_only(c->name));
		return 0;
	}
	if (driven == NULL) {
		return nt_run_case(t, c, c->run, NULL, limit, waitset, r);
	}
	interrupted = nt_run_case(t, c, driven, im, limit, waitset, r);
	if (im->ours) {
		ours_strict(r);
	}
	return interrupted;
}

/* run_cases runs the cases in the built network; stops on a signal.
   results holds n * max(1, o->num_impls) entries, case by case. */
static void run_cases(const struct options *o, const struct nt_topo *t,
		      const struct nt_case **cases, size_t n,
		      const sigset_t *waitset, struct nt_result *results)
{
	size_t columns = o->num_impls > 0 ? o->num_impls : 1;
	int interrupted = 0;

	for (size_t i = 0; i < n; i++) {
		double limit = cases[i]->timeout_s;

		if (o->max_case_time > 0 && o->max_case_time < limit) {
			limit = o->max_case_time;
		}
		for (size_t k = 0; k < columns; k++) {
			struct nt_result *r = &results[i * columns + k];

			if (interrupted != 0) {
				memset(r, 0, sizeof(*r));
				r->c = cases[i];
				r->status = NT_FAIL;
				snprintf(r->detail, sizeof(r->detail),
					 "not run: suite interrupted by signal "
					 "%d",
					 interrupted);
			} else if (o->num_impls == 0) {
				interrupted = run_default(t, cases[i], limit,
							  waitset, r);
			} else {
				interrupted = run_impl(t, cases[i],
						       &o->impls[k], limit,
						       waitset, r);
			}
			r->c = cases[i];
			r->impl = k;
			/* Within 120 columns; the report has the whole detail. */
			fprintf(stderr,
				"[%2zu/%zu] %-7s %-8.8s %-40s %6.2fs  %.*s%s\n",
				i + 1, n, nt_status_name(r->status),
				o->num_impls > 0 ? o->impls[k].label : "",
				cases[i]->name, r->secs, 40,
				r->status == NT_PASS ? "" : r->detail,
				r->status != NT_PASS && strlen(r->detail) > 40
					? "..."
					: "");
		}
	}
}

/* mark_all marks every case failed (or skipped) with one detail, in
   each of the columns. */
static void mark_all(const struct nt_case **cases, size_t n, size_t columns,
		     enum nt_status status, const char *detail,
		     struct nt_result *results)
{
	for (size_t i = 0; i < n * columns; i++) {
		memset(&results[i], 0, sizeof(results[i]));
		results[i].c = cases[i / columns];
		results[i].impl = i % columns;
		results[i].status = status;
		snprintf(results[i].detail, sizeof(results[i].detail), "%s",
			 detail);
	}
}

struct run_info {
	const char *prefix;
	enum nt_mode mode;
	char kernel[128];
	char started[32];
	double start;
};

static int finish_report(const struct options *o, const struct run_info *info,
			 const struct nt_result *results, size_t n)
{
	const char *labels[MAX_IMPLS];
	struct nt_report r = {
		.results = results,
		.num_results = n * (o->num_impls > 0 ? o->num_impls : 1),
		.impls = labels,
		.num_impls = o->num_impls,
		.version = ipv4_library_version(),
		.commit = IPV4_COMMIT[0] != '\0' ? IPV4_COMMIT : "unknown",
		.rerun = o->rerun,
		.kernel = info->kernel,
		.mode = nt_mode_name(info->mode),
		.network = info->prefix,
		.started = info->started,
		.secs = now_secs() - info->start,
	};
	int rc;

	for (size_t k = 0; k < o->num_impls; k++) {
		labels[k] = o->impls[k].label;
	}
	rc = write_reports(o, &r);
	return rc != 0 ? rc : exit_code(o, &r);
}

/* worker: network up, cases, network down, report. Returns the exit code. */
static int worker(const struct options *o, const struct run_info *info,
		  const struct nt_case **cases, size_t n,
		  const sigset_t *waitset, struct nt_result *results)
{
	struct nt_topo topo;
	char err[1024];
	int leftover;
	int rc;

	nt_topo_init(&topo, info->prefix);
	if (nt_topo_build(&topo, err, sizeof(err)) != 0) {
		char detail[1100];

		snprintf(detail, sizeof(detail),
			 "test network could not be built: %s", err);
		fprintf(stderr, "suite: %s\n", detail);
		mark_all(cases, n, o->num_impls > 0 ? o->num_impls : 1, NT_FAIL,
			 detail, results);
	} else {
		fprintf(stderr,
			"suite: network %s up (%s mode); running %zu cases\n",
			info->prefix, nt_mode_name(info->mode), n);
		run_cases(o, &topo, cases, n, waitset, results);
	}
	leftover = nt_topo_teardown(&topo);
	rc = finish_report(o, info, results, n);
	if (leftover != 0) {
		fprintf(stderr, "suite: %d namespaces could not be deleted\n",
			leftover);
		return rc != 0 ? rc : 1;
	}
	return rc;
}

/* supervise waits for the worker, passing signals on, then sweeps. */
static int supervise(pid_t pid, const char *prefix, const sigset_t *waitset)
{
	int status = 0;
	int swept;

	for (;;) {
		siginfo_t info;
		int sig = sigwaitinfo(waitset, &info);

		if (sig == SIGCHLD || sig < 0) {
			if (waitpid(pid, &status, WNOHANG) == pid) {
				break;
			}
			continue;
		}
		kill(pid, sig);
	}
	swept = nt_topo_sweep(prefix);
	if (swept > 0) {
		fprintf(stderr,
			"suite: removed %d namespaces the worker left behind\n",
			swept);
	}
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "suite: worker killed by signal %d\n",
			WTERMSIG(status));
		return 1;
	}
	return WEXITSTATUS(status);
}

static void fill_info(struct run_info *info, const char *prefix,
		      enum nt_mode mode)
{
	struct utsname u;
	time_t now = time(NULL);
	struct tm tm;

	info->prefix = prefix;
	info->mode = mode;
	info->start = now_secs();
	snprintf(info->kernel, sizeof(info->kernel), "%s",
		 uname(&u) == 0 ? u.release : "unknown");
	gmtime_r(&now, &tm);
	strftime(info->started, sizeof(info->started), "%Y-%m-%dT%H:%M:%SZ",
		 &tm);
}

/* list prints the chosen cases and their references (--list); with
   --impl, also whether each is driven or libipv4-only. 0, or 2 for none. */
static int list(const struct options *o, const struct nt_case **cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		printf("%-40s %s", cases[i]->name, cases[i]->ref);
		if (o->num_impls > 0 && nt_driven(cases[i]->name) != NULL) {
			printf("  [driven]");
		} else if (o->num_impls > 0) {
			printf("  [libipv4 only: %s]",
			       nt_libipv4_only(cases[i]->name));
		}
		putchar('\n');
	}
	if (n == 0) {
		fprintf(stderr, "suite: no case matches\n");
		return 2;
	}
	return 0;
}

/* run runs the n chosen cases: finds the right to build networks, then
   the worker and its supervisor. Returns the exit status. */
static int run(const struct options *o, const struct nt_case **cases, size_t n,
	       struct nt_result *results)
{
	char prefix[32];
	char why[1200];
	struct run_info info;
	sigset_t waitset;
	pid_t pid;
	int rc;

	nt_make_prefix(prefix, sizeof(prefix));
	fill_info(&info, prefix,
		  nt_get_mode(prefix, o->force_userns, why, sizeof(why)));
	if (info.mode == NT_MODE_NONE) {
		char detail[1300];

		snprintf(detail, sizeof(detail), "skipped: %s", why);
		fprintf(stderr, "suite: %s\n", detail);
		mark_all(cases, n, o->num_impls > 0 ? o->num_impls : 1, NT_SKIP,
			 detail, results);
		return finish_report(o, &info, results, n);
	}
	sigemptyset(&waitset);
	sigaddset(&waitset, SIGCHLD);
	sigaddset(&waitset, SIGINT);
	sigaddset(&waitset, SIGTERM);
	sigaddset(&waitset, SIGHUP);
	sigprocmask(SIG_BLOCK, &waitset, NULL);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("suite: fork");
		return 2;
	}
	if (pid == 0) {
		rc = worker(o, &info, cases, n, &waitset, results);
		fflush(NULL);
		_exit(rc);
	}
	return supervise(pid, prefix, &waitset);
}

int main(int argc, char **argv)
{
	struct options o;
	size_t total;
	const struct nt_case **cases;
	struct nt_result *results;
	size_t n;
	int rc = 2;

	if (parse_args(argc, argv, &o) != 0) {
		return 2;
	}
	nt_cases(&total);
	cases = calloc(total, sizeof(*cases));
	results = calloc(total * (o.num_impls > 0 ? o.num_impls : 1),
			 sizeof(*results));
	if (cases != NULL && results != NULL) {
		n = select_cases(&o, cases);
		rc = o.list || n == 0 ? list(&o, cases, n)
				      : run(&o, cases, n, results);
	}
	free(cases);
	free(results);
	return rc;
}
