/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/floor.c - the empty functions of floor.h.
 */
#include "bench/floor.h"

int bench_empty_header_parse(struct ipv4_header *out, const uint8_t *in,
			     size_t in_len, enum ipv4_format format)
{
	(void)out;
	(void)in;
	(void)in_len;
	(void)format;
	return 0;
}

int bench_empty_control_parse(struct ipv4_control_message *out,
			      const uint8_t *buf, size_t len,
			      enum ipv4_cmsg_format format)
{
	(void)out;
	(void)buf;
	(void)len;
	(void)format;
	return 0;
}
