/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/harness.h - what the C benchmarks share: clocks, medians, a sink
 * the optimiser cannot see through, and argument parsing helpers.
 */
#ifndef BENCH_HARNESS_H
#define BENCH_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/* bench_now_ns: CLOCK_MONOTONIC in nanoseconds. */
int64_t bench_now_ns(void);

/*
 * bench_thread_cpu_ns: CPU time of the calling thread
 * (CLOCK_THREAD_CPUTIME_ID), user and system, in nanoseconds. The I/O
 * benchmark is one thread, so this is the whole process's CPU time, as
 * the Go benchmark's getrusage(RUSAGE_SELF) is for Go's threads; unlike
 * getrusage it can be read around a few milliseconds of work at a time.
 */
int64_t bench_thread_cpu_ns(void);

/* bench_median sorts v[0..n) in place and returns its median (n > 0). */
double bench_median(double *v, size_t n);

/*
 * bench_opaque hides p's target from the optimiser: the compiler must
 * assume the bytes were read and may have changed, so a loop around a
 * call cannot be folded away or hoisted.
 */
static inline void bench_opaque(const void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

/*
 * bench_parse_u64 reads a decimal argument for option name; exits with a
 * message when text is not a number in [min, max].
 */
uint64_t bench_parse_u64(const char *name, const char *text, uint64_t min,
			 uint64_t max);

/*
 * bench_parse_list reads a comma-separated list of decimal numbers into
 * out (at most cap of them); returns how many. Exits on a bad list.
 */
size_t bench_parse_list(const char *name, const char *text, unsigned *out,
			size_t cap);

#endif /* BENCH_HARNESS_H */
