/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/probe_options.c - the IPv4 options kind: opts.
 */
#include "conformance/probe.h"
#include "ipv4/options.h"

/* walk runs over n bytes of options, printing each when out is not NULL. */
static int walk(const uint8_t *b, size_t n, FILE *out)
{
	struct ipv4_option_iter it;
	struct ipv4_option o;
	int rc;

	(void)ipv4_option_iter_init(&it, b, n);
	while ((rc = ipv4_option_next(&it, &o)) == 1) {
		if (out != NULL) {
			fprintf(out, " %u:%u", (unsigned)o.type,
				(unsigned)o.len);
		}
	}
	return rc;
}

int probe_opts(char *args, FILE *out)
{
	static uint8_t buf[PROBE_MAX_BYTES];
	long n = probe_hex_arg(args, buf, sizeof(buf));
	int rc;

	if (n < 0) {
		return PROBE_BAD_REQUEST;
	}
	/* Check first, print after: an error anywhere is the whole answer. */
	rc = walk(buf, (size_t)n, NULL);
	if (rc < 0) {
		return probe_err(out, rc);
	}
	fputs("ok", out);
	(void)walk(buf, (size_t)n, out);
	fputc('\n', out);
	return 0;
}
