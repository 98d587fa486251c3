/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/probe.c - the codec probe: one request line in, one answer
 * line out, so that any implementation can be compared with ours line by
 * line. See PROBE.md for the protocol.
 */
#define _POSIX_C_SOURCE 200809L
#include "conformance/probe.h"

#include <string.h>

#include "ipv4/error.h"

static const struct probe_kind kinds[] = {
	{ "hdr", probe_hdr },
	{ "hdrfmt", probe_hdrfmt },
	{ "mhdr", probe_mhdr },
	/* control-message kinds (probe_control.c) */
	{ "cm", probe_cm },
	{ "mcm", probe_mcm },
	{ "cmfmt", probe_cmfmt },
	{ "mcmfmt", probe_mcmfmt },
	/* ICMP, options and IGMP kinds (probe_icmp.c, probe_options.c,
	 * probe_igmp.c) */
	{ "icmp", probe_icmp },
	{ "icmpf", probe_icmpf },
	{ "opts", probe_opts },
	{ "igmp", probe_igmp },
};

static int dispatch(char *line, FILE *out)
{
	char *args = line;
	char *kind = probe_token(&args);

	if (kind == NULL) {
		return PROBE_BAD_REQUEST;
	}
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(kind, kinds[i].name) == 0) {
			return kinds[i].run(args, out);
		}
	}
	return PROBE_BAD_REQUEST;
}

int main(void)
{
	probe_serve(dispatch);
	return 0;
}
