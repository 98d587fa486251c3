/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/marshal.h - the checks every encoder makes before it writes.
 *
 * An encoder takes (out, out_cap, out_len): it rejects a missing out_len or
 * a NULL out that claims capacity, measures what it will write, and when
 * out_cap is short reports the size needed through *out_len and writes
 * nothing. Internal to libipv4.
 */
#ifndef IPV4_CODEC_MARSHAL_H
#define IPV4_CODEC_MARSHAL_H

#include <stddef.h>
#include <stdint.h>

#include "ipv4/error.h"

/*
 * marshal_begin takes need, the measured size or the negative code
 * measuring gave, and the output arguments. It returns IPV4_EINVAL for bad
 * output arguments, else zeroes *out_len and returns need when it is a code
 * or fits out_cap; when it does not fit it sets *out_len to need and
 * returns IPV4_ENOBUF. A non-negative result is the size to write.
 */
static inline int marshal_begin(int need, const uint8_t *out, size_t out_cap,
				size_t *out_len)
{
	if (out_len == NULL || (out == NULL && out_cap > 0)) {
		return IPV4_EINVAL;
	}
	*out_len = 0;
	if (need >= 0 && out_cap < (size_t)need) {
		*out_len = (size_t)need;
		return IPV4_ENOBUF;
	}
	return need;
}

#endif /* IPV4_CODEC_MARSHAL_H */
