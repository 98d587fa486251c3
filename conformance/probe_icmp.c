/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/probe_icmp.c - the ICMP kinds: icmp, icmpf.
 */
#include <stdlib.h>
#include <string.h>

#include "conformance/probe.h"
#include "ipv4/icmp.h"

int probe_icmp(char *args, FILE *out)
{
	char *word = probe_token(&args);
	long long n = 0;
	int type;

	if (word == NULL || probe_token(&args) != NULL ||
	    probe_decimal(word, &n) != 0) {
		return PROBE_BAD_REQUEST;
	}
	/* Every value outside the byte is a type with no name. */
	type = n < 0 || n > IPV4_ICMP_TYPE_MAX ? -1 : (int)n;
	fprintf(out, "ok %s\n", ipv4_icmp_type_string(type));
	return 0;
}

/* read_type reads one to three decimal digits of a value up to 255. */
static int read_type(const char *s, int *out)
{
	size_t n = strlen(s);

	if (n < 1 || n > 3 || strspn(s, "0123456789") != n) {
		return -1;
	}
	*out = atoi(s);
	return *out <= IPV4_ICMP_TYPE_MAX ? 0 : -1;
}

/*
 * apply_op applies one OPS item ("accept:N", "block:N", "setall:0|1") to f.
 * Returns the library's result, or PROBE_BAD_REQUEST for a malformed item.
 */
static int apply_op(struct ipv4_icmp_filter *f, char *item)
{
	char *arg = strchr(item, ':');
	int type = 0;

	if (arg == NULL) {
		return PROBE_BAD_REQUEST;
	}
	*arg++ = '\0';
	if (strcmp(item, "setall") == 0) {
		if (strcmp(arg, "0") != 0 && strcmp(arg, "1") != 0) {
			return PROBE_BAD_REQUEST;
		}
		return ipv4_icmp_filter_set_all(f, arg[0] == '1');
	}
	if (read_type(arg, &type) != 0) {
		return PROBE_BAD_REQUEST;
	}
	if (strcmp(item, "accept") == 0) {
		return ipv4_icmp_filter_accept(f, type);
	}
	if (strcmp(item, "block") == 0) {
		return ipv4_icmp_filter_block(f, type);
	}
	return PROBE_BAD_REQUEST;
}

/* probe_icmp_filter_ops: see probe.h. */
int probe_icmp_filter_ops(struct ipv4_icmp_filter *f, char *ops)
{
	char *item = ops;

	while (item != NULL) {
		char *comma = strchr(item, ',');
		int rc;

		if (comma != NULL) {
			*comma = '\0';
		}
		rc = apply_op(f, item);
		if (rc != 0) {
			return rc;
		}
		item = comma != NULL ? comma + 1 : NULL;
	}
	return 0;
}

int probe_icmpf(char *args, FILE *out)
{
	struct ipv4_icmp_filter f = { { 0 } };
	char *ops = probe_token(&args);
	uint32_t word = 0;
	int rc = 0;

	if (probe_token(&args) != NULL) {
		return PROBE_BAD_REQUEST;
	}
	if (ops != NULL) {
		rc = probe_icmp_filter_ops(&f, ops);
	}
	if (rc == PROBE_BAD_REQUEST) {
		return rc;
	}
	if (rc == 0) {
		rc = ipv4_icmp_filter_to_kernel(&f, &word);
	}
	if (rc < 0) {
		return probe_err(out, rc);
	}
	fprintf(out, "ok data=0x%08x\n", (unsigned)word);
	return 0;
}
