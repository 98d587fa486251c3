/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/probe_igmp.c - the IGMP kind: igmp.
 */
#include <stdlib.h>

#include "conformance/probe.h"
#include "ipv4/igmp.h"

int probe_igmp(char *args, FILE *out)
{
	static uint8_t buf[PROBE_MAX_BYTES];
	struct ipv4_igmp_message m;
	long n = probe_hex_arg(args, buf, sizeof(buf));
	char *text;
	int len;
	int rc;

	if (n < 0) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_igmp_parse(&m, buf, (size_t)n);
	if (rc < 0) {
		return probe_err(out, rc);
	}
	/* A request of 64 KiB can list 16381 sources: about 256 KiB of text. */
	len = ipv4_igmp_string(&m, NULL, 0);
	if (len < 0) {
		return probe_err(out, len);
	}
	text = malloc((size_t)len + 1);
	if (text == NULL) {
		abort();
	}
	(void)ipv4_igmp_string(&m, text, (size_t)len + 1);
	fprintf(out, "ok %s\n", text);
	free(text);
	return 0;
}
