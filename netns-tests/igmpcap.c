/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/igmpcap.c - capture and decode IGMP with libipv4's codecs.
 */
#include "netns-tests/igmpcap.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ipv4/header.h>
#include <ipv4/igmp.h>
#include <ipv4/options.h>

#include "netns-tests/observe.h"

int nt_igmp_open(const struct nt_topo *t, enum nt_iface iface,
		 const struct in_addr *groups, size_t n)
{
	int fd = nt_socket(t, nt_ifaces[iface].host, SOCK_RAW, IPPROTO_IGMP);
	struct ip_mreqn mr;

	if (fd < 0) {
		return fd;
	}
	memset(&mr, 0, sizeof(mr));
	mr.imr_ifindex = t->ifindex[iface];
	for (size_t i = 0; i < n + 2; i++) {
		mr.imr_multiaddr = i == 0   ? nt_inaddr("224.0.0.22")
				   : i == 1 ? nt_inaddr("224.0.0.2")
					    : groups[i - 2];
		if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
			       sizeof(mr)) != 0) {
			int err = errno;

			close(fd);
			return -err;
		}
	}
	return fd;
}

const char *nt_igmp_rec_name(uint8_t msg_type, uint8_t rec_type)
{
	static const char *const v3[] = { "rec0",  "IS_IN", "IS_EX", "TO_IN",
					  "TO_EX", "ALLOW", "BLOCK" };

	switch (msg_type) {
	case IPV4_IGMP_V1_MEMBERSHIP_REPORT:
		return "v1-report";
	case IPV4_IGMP_V2_MEMBERSHIP_REPORT:
		return "v2-report";
	case IPV4_IGMP_V2_LEAVE_GROUP:
		return "v2-leave";
	case IPV4_IGMP_MEMBERSHIP_QUERY:
		return "query";
	default:
		return rec_type < sizeof(v3) / sizeof(v3[0]) ? v3[rec_type]
							     : "rec?";
	}
}

static bool has_router_alert(const struct ipv4_header *h)
{
	struct ipv4_option_iter it;
	struct ipv4_option opt;

	if (ipv4_option_iter_init(&it, h->options, h->options_len) != 0) {
		return false;
	}
	while (ipv4_option_next(&it, &opt) == 1) {
		if (opt.type == IPV4_OPT_ROUTER_ALERT &&
		    opt.router_alert == 0) {
			return true;
		}
	}
	return false;
}

/* add_rec appends r to log when there is room. */
static void add_rec(struct nt_igmp_log *log, const struct nt_igmp_rec *r)
{
	if (log->n < NT_IGMP_MAX_RECS) {
		log->recs[log->n++] = *r;
	}
}

static void refused(struct nt_igmp_log *log, const char *what, int code)
{
	log->bad++;
	snprintf(log->bad_why, sizeof(log->bad_why), "%s: %s", what,
		 ipv4_strerror(code));
}

/* take_v3 logs the records of report m that are about group. */
static void take_v3(const struct ipv4_igmp_message *m, struct in_addr group,
		    const struct nt_igmp_rec *base, struct nt_igmp_log *log)
{
	struct ipv4_igmp_record_iter it;
	struct ipv4_igmp_record rec;
	int rc;

	ipv4_igmp_record_iter_init(&it, m);
	while ((rc = ipv4_igmp_record_next(&it, &rec)) == 1) {
		struct nt_igmp_rec r = *base;

		if (rec.group.s_addr != group.s_addr) {
			continue;
		}
		r.rec_type = rec.type;
		r.group = rec.group;
		r.num_sources = rec.num_sources < NT_IGMP_MAX_SOURCES
					? rec.num_sources
					: NT_IGMP_MAX_SOURCES;
		for (size_t i = 0; i < r.num_sources; i++) {
			ipv4_igmp_source(rec.sources, rec.num_sources, i,
					 &r.sources[i]);
		}
		add_rec(log, &r);
	}
	if (rc < 0) {
		refused(log, "group record", rc);
	}
}

/* take_packet decodes one captured packet from `from`; logs what is about
   group. */
static void take_packet(const uint8_t *buf, size_t len, struct in_addr group,
			struct nt_igmp_log *log)
{
	struct ipv4_header h;
	struct ipv4_igmp_message m;
	struct nt_igmp_rec base;
	int rc = ipv4_header_validate(buf, len);

	if (rc != 0 ||
	    (rc = ipv4_header_parse(&h, buf, len, IPV4_FORMAT_WIRE)) != 0) {
		refused(log, "IP header", rc);
		return;
	}
	rc = ipv4_igmp_parse(&m, buf + h.len, (size_t)h.total_len - h.len);
	if (rc != 0) {
		refused(log, "IGMP message", rc);
		return;
	}
	memset(&base, 0, sizeof(base));
	base.msg_type = m.type;
	base.ip_dst = h.dst;
	base.ttl = h.ttl;
	base.router_alert = has_router_alert(&h);
	base.packet = log->packets;
	if (m.type == IPV4_IGMP_V3_MEMBERSHIP_REPORT) {
		take_v3(&m, group, &base, log);
	} else if (m.group.s_addr == group.s_addr) {
		base.group = m.group;
		add_rec(log, &base);
	}
}

static bool same_sources(const struct nt_igmp_rec *a,
			 const struct nt_igmp_rec *b)
{
	if (a->num_sources != b->num_sources) {
		return false;
	}
	for (size_t i = 0; i < a->num_sources; i++) {
		bool found = false;

		for (size_t j = 0; j < b->num_sources; j++) {
			found = found ||
				a->sources[i].s_addr == b->sources[j].s_addr;
		}
		if (!found) {
			return false;
		}
	}
	return true;
}

/* packet_has_all: the records of packet p in log include every want. */
static bool packet_has_all(const struct nt_igmp_log *log, unsigned p,
			   const struct nt_igmp_rec *want, size_t n_want)
{
	for (size_t w = 0; w < n_want; w++) {
		bool found = false;

		for (size_t i = 0; i < log->n && !found; i++) {
			const struct nt_igmp_rec *r = &log->recs[i];

			found = r->packet == p &&
				r->msg_type == want[w].msg_type &&
				r->rec_type == want[w].rec_type &&
				r->group.s_addr == want[w].group.s_addr &&
				same_sources(r, &want[w]);
		}
		if (!found) {
			return false;
		}
	}
	return true;
}

int nt_igmp_await(int fd, struct in_addr from, struct in_addr group,
		  const struct nt_igmp_rec *want, size_t n_want, int ms,
		  struct nt_igmp_log *log)
{
	double deadline = nt_now() + ms / 1000.0;

	for (;;) {
		uint8_t buf[2048];
		int left = (int)((deadline - nt_now()) * 1000.0);
		ssize_t n = nt_capture(fd, from, left > 0 ? left : 0, buf,
				       sizeof(buf));

		if (n == -ETIMEDOUT) {
			return 0;
		}
		if (n < 0) {
			return (int)n;
		}
		log->packets++;
		take_packet(buf, (size_t)n, group, log);
		if (packet_has_all(log, log->packets, want, n_want)) {
			return 1;
		}
	}
}

void nt_igmp_describe_recs(const struct nt_igmp_rec *recs, size_t n, bool seen,
			   char *out, size_t out_cap)
{
	size_t used = 0;

	if (out_cap == 0) {
		return;
	}
	out[0] = '\0';
	for (size_t i = 0; i < n && used + 1 < out_cap; i++) {
		const struct nt_igmp_rec *r = &recs[i];
		int k = seen ? snprintf(out + used, out_cap - used, "%s#%u ",
					i == 0 ? "" : " ", r->packet)
			     : snprintf(out + used, out_cap - used, "%s",
					i == 0 ? "" : " + ");

		if (k < 0 || used + (size_t)k + 1 >= out_cap) {
			return;
		}
		used += (size_t)k;
		k = snprintf(out + used, out_cap - used, "%s{",
			     nt_igmp_rec_name(r->msg_type, r->rec_type));
		for (size_t s = 0; k >= 0 && s < r->num_sources; s++) {
			used += (size_t)k;
			if (used + 1 >= out_cap) {
				return;
			}
			k = snprintf(out + used, out_cap - used, "%s%s",
				     s == 0 ? "" : ",", nt_ntoa(r->sources[s]));
		}
		if (k < 0 || used + (size_t)k + 1 >= out_cap) {
			return;
		}
		used += (size_t)k;
		k = seen ? snprintf(out + used, out_cap - used, "}->%s",
				    nt_ntoa(r->ip_dst))
			 : snprintf(out + used, out_cap - used, "}");
		used += k > 0 ? (size_t)k : 0;
	}
}

void nt_igmp_describe(const struct nt_igmp_log *log, char *out, size_t out_cap)
{
	if (log->n == 0) {
		snprintf(out, out_cap,
			 "nothing about the group (%u IGMP packets from the "
			 "host)",
			 log->packets);
		return;
	}
	nt_igmp_describe_recs(log->recs, log->n, true, out, out_cap);
}
