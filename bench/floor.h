/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/floor.h - functions that do nothing, for measuring what a call
 * costs by itself.
 *
 * Each has the signature of a codec parse and returns 0 without touching
 * its arguments. They live in their own translation unit (floor.c) and the
 * benchmarks are built without link-time optimisation, so a loop that calls
 * one pays for exactly what it would pay for calling the real parse -
 * passing the arguments, the call and the return, using the result - and
 * nothing for the parse itself.
 */
#ifndef BENCH_FLOOR_H
#define BENCH_FLOOR_H

#include <stddef.h>
#include <stdint.h>

#include "ipv4/control.h"
#include "ipv4/header.h"

int bench_empty_header_parse(struct ipv4_header *out, const uint8_t *in,
			     size_t in_len, enum ipv4_format format);

int bench_empty_control_parse(struct ipv4_control_message *out,
			      const uint8_t *buf, size_t len,
			      enum ipv4_cmsg_format format);

#endif /* BENCH_FLOOR_H */
