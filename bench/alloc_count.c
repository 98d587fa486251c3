/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/alloc_count.c - the malloc-counting interposer (see alloc_count.h).
 */
#include "bench/alloc_count.h"

#include <errno.h>
#include <stddef.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BENCH_NO_INTERPOSER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
	__has_feature(thread_sanitizer)
#define BENCH_NO_INTERPOSER 1
#endif
#endif

static uint64_t allocations;

uint64_t bench_alloc_count(void)
{
	return __atomic_load_n(&allocations, __ATOMIC_RELAXED);
}

#ifdef BENCH_NO_INTERPOSER

bool bench_alloc_counting(void)
{
	return false;
}

#else

/* glibc's allocator under its own names (exported since glibc 2.2.5). */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t num, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

bool bench_alloc_counting(void)
{
	return true;
}

static void count_one(void)
{
	__atomic_fetch_add(&allocations, 1, __ATOMIC_RELAXED);
}

void *malloc(size_t size)
{
	count_one();
	return __libc_malloc(size);
}

void *calloc(size_t num, size_t size)
{
	count_one();
	return __libc_calloc(num, size);
}

void *realloc(void *p, size_t size)
{
	count_one();
	return __libc_realloc(p, size);
}

void *memalign(size_t alignment, size_t size)
{
	count_one();
	return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size)
{
	count_one();
	return __libc_memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
	void *p;

	if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) {
		return EINVAL;
	}
	count_one();
	p = __libc_memalign(alignment, size);
	if (p == NULL && size > 0) {
		return ENOMEM;
	}
	*out = p;
	return 0;
}

#endif /* BENCH_NO_INTERPOSER */
