/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/igmp_string.c - ipv4_igmp_string at every output capacity.
 *
 * Input: an IGMP message, as for igmp_parse; its checksum is corrected
 * first, so that most inputs parse. For a parsed message the harness checks
 * the snprintf contract at every capacity (fuzz/string_check.h) and that the
 * text is exactly the summary igmp.h documents, rebuilt here with snprintf
 * from the bytes. It then spoils the message two ways and checks that the
 * text fails whole, leaving "" at every capacity: a version its type does
 * not have or a type no message has, a source count with a NULL view or
 * above 65535 (IPV4_EINVAL), and records cut one byte short
 * (IPV4_EIGMPSHORT).
 * A NULL message prints "<nil>".
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fuzz/string_check.h"
#include "ipv4/header.h"
#include "ipv4/igmp.h"

struct out {
	char *p;
	size_t left;
};

static void add(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->p, o->left, fmt, ap);
	va_end(ap);
	FUZZ_CHECK(n >= 0 && (size_t)n < o->left);
	o->p += n;
	o->left -= (size_t)n;
}

static void add_addr(struct out *o, const uint8_t *p)
{
	add(o, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
}

static void add_sources(struct out *o, const uint8_t *p, size_t n)
{
	add(o, " sources=");
	for (size_t i = 0; i < n; i++) {
		add(o, i > 0 ? "," : "");
		add_addr(o, p + 4 * i);
	}
}

static void add_record(struct out *o, const uint8_t *p)
{
	static const char *const names[] = {
		NULL, "is_in", "is_ex", "to_in", "to_ex", "allow", "block",
	};
	size_t ns = (size_t)(p[2] << 8 | p[3]);

	if (p[0] >= 1 && p[0] <= 6) {
		add(o, " %s", names[p[0]]);
	} else {
		add(o, " rec%u", p[0]);
	}
	add(o, " group=");
	add_addr(o, p + 4);
	add(o, " aux=%u", 4u * p[1]);
	add_sources(o, p + 8, ns);
}

/* summary writes the text igmp.h documents for the parsed message m. */
static void summary(const struct ipv4_igmp_message *m, const uint8_t *in,
		    char *buf, size_t cap)
{
	struct out o = { buf, cap };
	const uint8_t *p = in + 8;
	const char *kind = m->type == IPV4_IGMP_MEMBERSHIP_QUERY ? "query"
			   : m->type == IPV4_IGMP_V2_LEAVE_GROUP ? "leave"
								 : "report";

	add(&o, "v%u-%s", m->version, kind);
	if (m->type == IPV4_IGMP_V3_MEMBERSHIP_REPORT) {
		add(&o, " records=%zu", m->num_records);
		for (size_t i = 0; i < m->num_records; i++) {
			add_record(&o, p);
			p += 8 + 4 * (size_t)(p[2] << 8 | p[3]) +
			     4 * (size_t)p[1];
		}
		return;
	}
	if (m->type == IPV4_IGMP_MEMBERSHIP_QUERY && m->version > 1) {
		add(&o, " maxresp=%u", in[1]);
	}
	add(&o, " group=");
	add_addr(&o, in + 4);
	if (m->type == IPV4_IGMP_MEMBERSHIP_QUERY && m->version == 3) {
		add(&o, " s=%u qrv=%u qqic=%u", in[8] >> 3 & 1, in[8] & 7,
		    in[9]);
		add_sources(&o, in + 12, m->num_sources);
	}
}

static int render(const void *obj, char *out, size_t cap)
{
	return ipv4_igmp_string(obj, out, cap);
}

static void check_spoiled(const struct ipv4_igmp_message *m)
{
	struct ipv4_igmp_message bad = *m;

	/* Queries take 1..3; every other type has exactly one version. */
	bad.version = m->type == IPV4_IGMP_MEMBERSHIP_QUERY
			      ? 4
			      : (uint8_t)(m->version % 3 + 1);
	fuzz_check_string_fails(render, &bad, IPV4_EINVAL, 8);
	bad.version = 0;
	fuzz_check_string_fails(render, &bad, IPV4_EINVAL, 8);
	bad = *m;
	bad.type = 0x99; /* no IGMP message type */
	fuzz_check_string_fails(render, &bad, IPV4_EINVAL, 8);
	/* a count of sources with no view to read them from, and more
	 * sources than the 16-bit count holds, as ipv4_igmp_marshal refuses */
	bad = *m;
	bad.sources = NULL;
	bad.num_sources = m->num_sources + 1;
	fuzz_check_string_fails(render, &bad, IPV4_EINVAL, 8);
	if (m->sources != NULL) {
		bad = *m;
		bad.num_sources = 65536;
		fuzz_check_string_fails(render, &bad, IPV4_EINVAL, 8);
	}
	if (m->records_len > 0) {
		bad = *m;
		bad.records_len--;
		fuzz_check_string_fails(render, &bad, IPV4_EIGMPSHORT, 64);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ipv4_igmp_message m;
	uint8_t *in = malloc(size);
	char *got;
	char *want;
	size_t want_cap = 128 + 16 * size;

	FUZZ_CHECK(in != NULL || size == 0);
	if (size > 0) {
		memcpy(in, data, size);
	}
	if (size >= 4) {
		uint16_t sum;

		in[2] = 0;
		in[3] = 0;
		sum = ipv4_checksum(in, size);
		in[2] = (uint8_t)(sum >> 8);
		in[3] = (uint8_t)sum;
	}
	if (in != NULL && ipv4_igmp_parse(&m, in, size) == 0) {
		want = malloc(want_cap);
		FUZZ_CHECK(want != NULL);
		summary(&m, in, want, want_cap);
		got = fuzz_check_string(render, &m);
		FUZZ_CHECK(strcmp(got, want) == 0);
		free(got);
		free(want);
		check_spoiled(&m);
	}
	free(in);
	got = fuzz_check_string(render, NULL);
	FUZZ_CHECK(strcmp(got, "<nil>") == 0);
	free(got);
	return 0;
}
