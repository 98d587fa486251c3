/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/probe_control.c - the control-message kinds: cm, mcm.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <limits.h>
#include <string.h>

#include "conformance/probe.h"
#include "ipv4/control.h"

/* The largest control data mcm can produce: one IP_PKTINFO. */
#define MCM_MAX_BYTES 64

int probe_cm(char *args, FILE *out)
{
	static uint8_t buf[PROBE_MAX_BYTES];
	struct ipv4_control_message cm;
	char text[128];
	long n = probe_hex_arg(args, buf, sizeof(buf));
	int rc;

	if (n < 0) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_control_message_parse(&cm, buf, (size_t)n,
					IPV4_CMSG_FORMAT_LINUX);
	if (rc < 0) {
		return probe_err(out, rc);
	}
	(void)ipv4_control_message_string(&cm, text, sizeof(text));
	fprintf(out, "ok %s\n", text);
	return 0;
}

/* read_addr reads a dotted quad, or "-" for an absent (nil) address. */
static int read_addr(const char *word, bool *set, struct in_addr *out)
{
	*set = strcmp(word, "-") != 0;
	if (!*set) {
		return 0;
	}
	return inet_pton(AF_INET, word, out) == 1 ? 0 : -1;
}

/*
 * read_mcm fills cm and flags from "TTL SRC DST IFINDEX" the way Go's
 * Marshal sees a ControlMessage: a nil SRC and an IFINDEX of 0 or below
 * are unset; TTL and DST are read and then ignored, as Go ignores them
 * when sending. Returns 1, 0 for a request that is malformed, or
 * IPV4_EIFINDEX for an IFINDEX above INT_MAX.
 */
static int read_mcm(char *args, struct ipv4_control_message *cm,
		    unsigned *flags)
{
	char *w[4];
	long long ttl = 0;
	long long ifindex = 0;
	bool src_set = false;
	bool dst_set = false;
	struct in_addr dst;

	for (size_t i = 0; i < 4; i++) {
		w[i] = probe_token(&args);
		if (w[i] == NULL) {
			return 0;
		}
	}
	if (probe_token(&args) != NULL || probe_decimal(w[0], &ttl) != 0 ||
	    read_addr(w[1], &src_set, &cm->src) != 0 ||
	    read_addr(w[2], &dst_set, &dst) != 0 ||
	    probe_decimal(w[3], &ifindex) != 0) {
		return 0;
	}
	*flags = src_set ? IPV4_FLAG_SRC : 0;
	if (ifindex > INT_MAX) {
		return IPV4_EIFINDEX;
	}
	if (ifindex > 0) {
		cm->ifindex = (int)ifindex;
		*flags |= IPV4_FLAG_INTERFACE;
	}
	return 1;
}

int probe_mcm(char *args, FILE *out)
{
	struct ipv4_control_message cm;
	uint8_t buf[MCM_MAX_BYTES];
	unsigned flags = 0;
	size_t len = 0;
	int rc;

	memset(&cm, 0, sizeof(cm));
	rc = read_mcm(args, &cm, &flags);
	if (rc == 0) {
		return PROBE_BAD_REQUEST;
	}
	if (rc > 0) {
		rc = ipv4_control_message_marshal(&cm, flags,
						  IPV4_CMSG_FORMAT_LINUX, buf,
						  sizeof(buf), &len);
	}
	if (rc < 0) {
		return probe_err(out, rc);
	}
	return probe_ok_hex(out, buf, len);
}
