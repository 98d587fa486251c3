/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/harness.c - clocks, medians and argument helpers (harness.h).
 */
#include "bench/harness.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t bench_thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a;
	double y = *(const double *)b;

	return (x > y) - (x < y);
}

double bench_median(double *v, size_t n)
{
	qsort(v, n, sizeof(v[0]), compare_double);
	if (n % 2 == 1) {
		return v[n / 2];
	}
	return (v[n / 2 - 1] + v[n / 2]) / 2;
}

uint64_t bench_parse_u64(const char *name, const char *text, uint64_t min,
			 uint64_t max)
{
	char *end = NULL;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || v < min || v > max) {
		fprintf(stderr,
			"bench: %s wants a number in %llu..%llu, not "
			"\"%s\"\n",
			name, (unsigned long long)min, (unsigned long long)max,
			text);
		exit(2);
	}
	return v;
}

size_t bench_parse_list(const char *name, const char *text, unsigned *out,
			size_t cap)
{
	char copy[256];
	char *save = NULL;
	size_t n = 0;

	if (strlen(text) >= sizeof(copy)) {
		fprintf(stderr, "bench: %s: list too long\n", name);
		exit(2);
	}
	strcpy(copy, text);
	for (char *t = strtok_r(copy, ",", &save); t != NULL;
	     t = strtok_r(NULL, ",", &save)) {
		if (n == cap) {
			fprintf(stderr, "bench: %s: more than %zu values\n",
				name, cap);
			exit(2);
		}
		out[n++] = (unsigned)bench_parse_u64(name, t, 1, 1u << 20);
	}
	if (n == 0) {
		fprintf(stderr, "bench: %s: empty list\n", name);
		exit(2);
	}
	return n;
}
