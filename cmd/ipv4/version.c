/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/version.c - the tool's version line (version.h).
 */
#include "cmd/ipv4/version.h"

#include "cmd/ipv4/json.h"
#include "ipv4/version.h"

#ifndef IPV4_COMMIT
#define IPV4_COMMIT "unknown"
#endif

const char *tool_commit(void)
{
	static const char commit[] = IPV4_COMMIT;

	return commit[0] != '\0' ? commit : "unknown";
}

void tool_print_version(FILE *out, bool json)
{
	struct json j;

	if (!json) {
		fprintf(out, "ipv4 (libipv4 %s, commit %s)\n",
			ipv4_library_version(), tool_commit());
		return;
	}
	json_begin(&j, out);
	json_object_begin(&j, NULL);
	json_str(&j, "tool", "ipv4");
	json_str(&j, "libipv4", ipv4_library_version());
	json_str(&j, "commit", tool_commit());
	json_object_end(&j);
	json_end(&j);
}
