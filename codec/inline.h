/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/inline.h - inlining hints for the few hot paths that need them.
 *
 * FORCE_INLINE asks for a function to be inlined into every caller even
 * when the compiler would rather keep one copy: a hot path that calls a
 * helper with a constant argument (a format, a layout) gets a copy
 * specialised for that constant. NO_INLINE keeps a cold path's copy out of
 * its caller, so that the caller's fast path saves no registers for it.
 * Compilers without GNU attributes get plain `inline` and nothing.
 */
#ifndef IPV4_CODEC_INLINE_H
#define IPV4_CODEC_INLINE_H

#if defined(__GNUC__)
#define FORCE_INLINE inline __attribute__((always_inline))
#define NO_INLINE __attribute__((noinline))
#else
#define FORCE_INLINE inline
#define NO_INLINE
#endif

#endif /* IPV4_CODEC_INLINE_H */
