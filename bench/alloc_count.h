/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/alloc_count.h - counting heap allocations inside one process.
 *
 * alloc_count.c defines malloc, calloc, realloc, posix_memalign,
 * aligned_alloc and memalign in the benchmark executable itself. The
 * dynamic linker resolves every caller in the process, libc included, to
 * the executable's definition first, so each allocation passes through a
 * counter before it reaches glibc's allocator (__libc_malloc and friends).
 * free is not wrapped: every block still comes from glibc's allocator.
 *
 * Under a sanitizer (which brings its own malloc) the wrappers are left
 * out and bench_alloc_counting() says so, so that a build with
 * --config=asan still links and never reports a count it did not take.
 */
#ifndef BENCH_ALLOC_COUNT_H
#define BENCH_ALLOC_COUNT_H

#include <stdbool.h>
#include <stdint.h>

/*
 * bench_alloc_count returns the number of allocations made by any thread
 * of the process since it started (a relaxed atomic read).
 */
uint64_t bench_alloc_count(void);

/* bench_alloc_counting: true when the wrappers are in this build. */
bool bench_alloc_counting(void);

#endif /* BENCH_ALLOC_COUNT_H */
