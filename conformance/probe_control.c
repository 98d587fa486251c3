/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/probe_control.c - the control-message kinds: cm, mcm (Go's
 * view, this machine's Linux layout) and cmfmt, mcmfmt (every member, in a
 * named layout).
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <limits.h>
#include <inttypes.h>
#include <string.h>

#include "conformance/probe.h"
#include "ipv4/control.h"

/* The largest control data mcm can produce: one IP_PKTINFO. */
#define MCM_MAX_BYTES 64
/* ... and mcmfmt: IP_PKTINFO, IP_TTL, IP_TOS and UDP_SEGMENT. */
#define MCMFMT_MAX_BYTES 128

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
		cm->ifindex = (unsigned)ifindex;
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

/* The named layouts of cmfmt and mcmfmt (PROBE.md). */
static int parse_layout(const char *name, enum ipv4_cmsg_format *out)
{
	static const struct {
		const char *name;
		enum ipv4_cmsg_format format;
	} layouts[] = {
		{ "linux64le", IPV4_CMSG_FORMAT_LINUX_64_LE },
		{ "linux64be", IPV4_CMSG_FORMAT_LINUX_64_BE },
		{ "linux32le", IPV4_CMSG_FORMAT_LINUX_32_LE },
		{ "linux32be", IPV4_CMSG_FORMAT_LINUX_32_BE },
		{ "freebsd64le", IPV4_CMSG_FORMAT_FREEBSD_64_LE },
		{ "freebsd64be", IPV4_CMSG_FORMAT_FREEBSD_64_BE },
		{ "freebsd32le", IPV4_CMSG_FORMAT_FREEBSD_32_LE },
		{ "freebsd32be", IPV4_CMSG_FORMAT_FREEBSD_32_BE },
		{ "darwinle", IPV4_CMSG_FORMAT_DARWIN_LE },
		{ "darwinbe", IPV4_CMSG_FORMAT_DARWIN_BE },
	};

	if (name == NULL) {
		return -1;
	}
	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		if (strcmp(name, layouts[i].name) == 0) {
			*out = layouts[i].format;
			return 0;
		}
	}
	return -1;
}

static void print_addr(FILE *out, const char *name, struct in_addr a)
{
	char text[INET_ADDRSTRLEN];

	(void)inet_ntop(AF_INET, &a, text, sizeof(text));
	fprintf(out, " %s=%s", name, text);
}

/* print_members prints " name=value" for every member cm's flags set. */
static void print_members(FILE *out, const struct ipv4_control_message *cm)
{
	const struct ipv4_extended_error *e = &cm->error;
	unsigned f = cm->flags;

	if (f & IPV4_FLAG_TTL) {
		fprintf(out, " ttl=%u", cm->ttl);
	}
	if (f & IPV4_FLAG_TOS) {
		fprintf(out, " tos=%u", cm->tos);
	}
	if (f & IPV4_FLAG_DST) {
		print_addr(out, "dst", cm->dst);
	}
	if (f & IPV4_FLAG_INTERFACE) {
		fprintf(out, " ifindex=%lld", (long long)cm->ifindex);
	}
	if (f & IPV4_FLAG_SPEC_DST) {
		print_addr(out, "spec_dst", cm->spec_dst);
	}
	if (f & IPV4_FLAG_ORIG_DST) {
		print_addr(out, "orig_dst", cm->orig_dst);
		fprintf(out, ":%u", cm->orig_dst_port);
	}
	if (f & IPV4_FLAG_TIMESTAMP) {
		fprintf(out, " ts=%" PRId64 ".%09" PRIu32, cm->timestamp.sec,
			cm->timestamp.nsec);
	}
	if (f & IPV4_FLAG_EXTENDED_ERROR) {
		fprintf(out,
			" err=%" PRIu32 "/%u/%u/%u/%u/%" PRIu32 "/%" PRIu32,
			e->ee_errno, e->ee_origin, e->ee_type, e->ee_code,
			e->ee_pad, e->ee_info, e->ee_data);
		if (e->has_offender) {
			print_addr(out, "offender", e->offender);
		}
	}
	if (f & IPV4_FLAG_GRO) {
		fprintf(out, " gro=%u", cm->gro_size);
	}
	if (f & IPV4_FLAG_DROPS) {
		fprintf(out, " drops=%" PRIu32, cm->drops);
	}
}

int probe_cmfmt(char *args, FILE *out)
{
	static uint8_t buf[PROBE_MAX_BYTES];
	struct ipv4_control_message cm;
	enum ipv4_cmsg_format format;
	long n;
	int rc;

	if (parse_layout(probe_token(&args), &format) != 0) {
		return PROBE_BAD_REQUEST;
	}
	n = probe_hex_arg(args, buf, sizeof(buf));
	if (n < 0) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_control_message_parse(&cm, buf, (size_t)n, format);
	if (rc < 0) {
		return probe_err(out, rc);
	}
	fputs("ok", out);
	print_members(out, &cm);
	fputc('\n', out);
	return 0;
}

/*
 * read_item reads one NAME=VALUE item of mcmfmt into cm and flags: ttl,
 * tos and gso (decimal, the member's range), ifindex (decimal, 0 to
 * 4294967295) and src (a dotted quad). Returns 0, or -1 for an item the
 * probe cannot read.
 */
static int read_item(char *item, struct ipv4_control_message *cm,
		     unsigned *flags)
{
	static const struct {
		const char *name;
		unsigned flag;
		long long max;
	} items[] = {
		{ "ttl", IPV4_FLAG_TTL, UINT8_MAX },
		{ "tos", IPV4_FLAG_TOS, UINT8_MAX },
		{ "gso", IPV4_FLAG_GSO, UINT16_MAX },
		{ "ifindex", IPV4_FLAG_INTERFACE, UINT32_MAX },
		{ "src", IPV4_FLAG_SRC, 0 },
	};
	char *value = strchr(item, '=');
	long long v = 0;

	if (value == NULL) {
		return -1;
	}
	*value++ = '\0';
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		if (strcmp(item, items[i].name) != 0) {
			continue;
		}
		*flags |= items[i].flag;
		if (items[i].flag == IPV4_FLAG_SRC) {
			return inet_pton(AF_INET, value, &cm->src) == 1 ? 0
									: -1;
		}
		if (probe_decimal(value, &v) != 0 || v < 0 ||
		    v > items[i].max) {
			return -1;
		}
		if (items[i].flag == IPV4_FLAG_TTL) {
			cm->ttl = (uint8_t)v;
		} else if (items[i].flag == IPV4_FLAG_TOS) {
			cm->tos = (uint8_t)v;
		} else if (items[i].flag == IPV4_FLAG_GSO) {
			cm->gso_size = (uint16_t)v;
		} else {
			/* the bits of a 32-bit ipi_ifindex: the codec
			 * refuses those above INT_MAX (EIFINDEX) */
			cm->ifindex = (unsigned)v;
		}
		return 0;
	}
	return -1;
}

int probe_mcmfmt(char *args, FILE *out)
{
	struct ipv4_control_message cm;
	enum ipv4_cmsg_format format;
	uint8_t buf[MCMFMT_MAX_BYTES];
	unsigned flags = 0;
	size_t len = 0;
	char *items;
	char *item;
	int rc;

	memset(&cm, 0, sizeof(cm));
	if (parse_layout(probe_token(&args), &format) != 0) {
		return PROBE_BAD_REQUEST;
	}
	items = probe_token(&args);
	if (probe_token(&args) != NULL) {
		return PROBE_BAD_REQUEST;
	}
	while (items != NULL && *items != '\0') {
		item = items;
		items = strchr(items, ',');
		if (items != NULL) {
			*items++ = '\0';
		}
		if (read_item(item, &cm, &flags) != 0) {
			return PROBE_BAD_REQUEST;
		}
	}
	rc = ipv4_control_message_marshal(&cm, flags, format, buf, sizeof(buf),
					  &len);
	if (rc < 0) {
		return probe_err(out, rc);
	}
	return probe_ok_hex(out, buf, len);
}
