/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/capture.c - decoding the IPv4 packets of a capture file
 * (capture.h).
 */
#include "cmd/ipv4/capture.h"

#include <string.h>

#include "cmd/ipv4/args.h"

#ifdef IPV4_TOOL_NO_PCAP
/*
 * Built without libpcap (IPV4_TOOL_NO_PCAP: the musl build, for which
 * Debian has no libpcap): every other subcommand and input works, and
 * --pcap says why it cannot.
 */
int capture_decode(FILE *out, const char *path, bool json,
		   struct capture_summary *sum, char *err, size_t err_cap)
{
	(void)out;
	(void)json;
	memset(sum, 0, sizeof(*sum));
	snprintf(err, err_cap,
		 "%s: this ipv4 was built without libpcap, which decode --pcap "
		 "needs to read capture files",
		 path);
	return TOOL_FAILED;
}

#else /* !IPV4_TOOL_NO_PCAP */

#include <pcap/pcap.h>
#include <time.h>

#include "cmd/ipv4/decode.h"
#include "cmd/ipv4/json.h"

#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd

/* What a record's link layer says it carries. */
enum carried {
	CARRIES_IPV4,
	CARRIES_IPV6,
	CARRIES_OTHER
};

static unsigned be16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static enum carried by_ethertype(unsigned type)
{
	if (type == ETHERTYPE_IPV4) {
		return CARRIES_IPV4;
	}
	return type == ETHERTYPE_IPV6 ? CARRIES_IPV6 : CARRIES_OTHER;
}

/* by_version: raw IP, told apart by the version nibble. */
static enum carried by_version(const uint8_t *p, size_t n)
{
	if (n == 0) {
		return CARRIES_OTHER;
	}
	if (p[0] >> 4 == 4) {
		return CARRIES_IPV4;
	}
	return p[0] >> 4 == 6 ? CARRIES_IPV6 : CARRIES_OTHER;
}

/*
 * network_layer finds where the IP packet starts in a record of link type
 * dlt; *off is that offset. A record too short for its link header
 * carries "other".
 */
static enum carried network_layer(int dlt, const uint8_t *p, size_t n,
				  size_t *off)
{
	*off = 0;
	switch (dlt) {
	case DLT_EN10MB: {
		size_t at = 12;

		while (n >= at + 2 &&
		       (be16(p + at) == 0x8100 || be16(p + at) == 0x88a8)) {
			at += 4; /* 802.1Q / 802.1ad tags */
		}
		if (n < at + 2) {
			return CARRIES_OTHER;
		}
		*off = at + 2;
		return by_ethertype(be16(p + at));
	}
	case DLT_LINUX_SLL:
		if (n < 16) {
			return CARRIES_OTHER;
		}
		*off = 16;
		return by_ethertype(be16(p + 14));
	case DLT_LINUX_SLL2:
		if (n < 20) {
			return CARRIES_OTHER;
		}
		*off = 20;
		return by_ethertype(be16(p));
	case DLT_IPV4:
		return CARRIES_IPV4;
	default: /* DLT_RAW, LINKTYPE_RAW */
		return by_version(p, n);
	}
}

static bool supported(int dlt)
{
	/* libpcap maps the file's LINKTYPE_RAW (101) to DLT_RAW. */
	return dlt == DLT_EN10MB || dlt == DLT_RAW || dlt == DLT_IPV4 ||
	       dlt == DLT_LINUX_SLL || dlt == DLT_LINUX_SLL2;
}

/* format_time writes a record's time as UTC, to the microsecond. */
static void format_time(const struct timeval *tv, char *out, size_t cap)
{
	struct tm tm;
	time_t secs = tv->tv_sec;
	char date[32];

	gmtime_r(&secs, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, cap, "%s.%06ldZ", date, (long)tv->tv_usec);
}

static int worse(int a, int b)
{
	if (a == TOOL_FAILED || b == TOOL_FAILED) {
		return TOOL_FAILED;
	}
	return a == TOOL_BAD_PACKET || b == TOOL_BAD_PACKET ? TOOL_BAD_PACKET
							    : TOOL_OK;
}

/* one decodes record number n and counts it; its status. */
static int one(FILE *out, bool json, int dlt, const struct pcap_pkthdr *h,
	       const uint8_t *p, struct capture_summary *sum)
{
	char time_text[48];
	char why[256];
	struct decode_label label = { sum->packets, time_text, 0 };
	size_t off;
	enum carried c = network_layer(dlt, p, h->caplen, &off);
	int rc;

	if (c == CARRIES_IPV6) {
		sum->ipv6++;
		return TOOL_OK;
	}
	if (c == CARRIES_OTHER) {
		sum->other++;
		return TOOL_OK;
	}
	sum->ipv4++;
	format_time(&h->ts, time_text, sizeof(time_text));
	if (!json && sum->ipv4 > 1) {
		fputc('\n', out);
	}
	rc = decode_packet(out, p + off, h->caplen - off, json, &label, why,
			   sizeof(why));
	if (rc == TOOL_OK) {
		sum->passed++;
	} else if (rc == TOOL_BAD_PACKET) {
		sum->failed_check++;
	} else {
		sum->no_header++;
		if (!json) {
			fprintf(out, "packet %lu at %s: %s\n", sum->packets,
				time_text, why);
		}
	}
	return rc;
}

static void print_summary(FILE *out, bool json, const char *link,
			  const struct capture_summary *s, int status)
{
	struct json j;

	if (!json) {
		fprintf(out,
			"%scapture: %lu packet%s, link type %s: %lu IPv4 (%lu "
			"passed, %lu "
			"failed a check, %lu without a header), %lu IPv6, %lu "
			"other\n",
			s->ipv4 > 0 ? "\n" : "", s->packets,
			s->packets == 1 ? "" : "s", link, s->ipv4, s->passed,
			s->failed_check, s->no_header, s->ipv6, s->other);
		return;
	}
	json_begin(&j, out);
	json_object_begin(&j, NULL);
	json_object_begin(&j, "summary");
	json_uint(&j, "packets", s->packets);
	json_uint(&j, "ipv4", s->ipv4);
	json_uint(&j, "passed", s->passed);
	json_uint(&j, "failed_check", s->failed_check);
	json_uint(&j, "no_header", s->no_header);
	json_uint(&j, "ipv6", s->ipv6);
	json_uint(&j, "other", s->other);
	json_object_end(&j);
	json_str(&j, "link_type", link);
	json_int(&j, "status", status);
	json_object_end(&j);
	json_end(&j);
}

int capture_decode(FILE *out, const char *path, bool json,
		   struct capture_summary *sum, char *err, size_t err_cap)
{
	char pcap_err[PCAP_ERRBUF_SIZE] = "";
	pcap_t *pc;
	int status = TOOL_OK;
	int dlt;
	const char *link;

	memset(sum, 0, sizeof(*sum));
	err[0] = '\0';
	pc = pcap_open_offline(path, pcap_err);
	if (pc == NULL) {
		snprintf(err, err_cap,
			 "%s: not a pcap or pcapng capture that can be read "
			 "(%s)",
			 path, pcap_err);
		return TOOL_FAILED;
	}
	dlt = pcap_datalink(pc);
	link = pcap_datalink_val_to_name(dlt);
	if (link == NULL) {
		link = "unknown";
	}
	if (!supported(dlt)) {
		snprintf(err, err_cap,
			 "%s: link type %d (%s) is not one decode reads: "
			 "Ethernet, raw "
			 "IPv4 or Linux cooked (SLL, SLL2)",
			 path, dlt, link);
		pcap_close(pc);
		return TOOL_FAILED;
	}
	for (;;) {
		struct pcap_pkthdr *h;
		const u_char *p;
		int rc = pcap_next_ex(pc, &h, &p);

		if (rc == PCAP_ERROR_BREAK) {
			break; /* the end of the file */
		}
		if (rc != 1) {
			snprintf(err, err_cap,
				 "%s: record %lu cannot be read: %s", path,
				 sum->packets + 1, pcap_geterr(pc));
			status = TOOL_FAILED;
			break;
		}
		sum->packets++;
		status = worse(status, one(out, json, dlt, h, p, sum));
	}
	print_summary(out, json, link, sum, status);
	pcap_close(pc);
	return status;
}

#endif /* IPV4_TOOL_NO_PCAP */
