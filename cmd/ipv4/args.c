/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/args.c - parsing and checking each subcommand's arguments.
 */
#include "cmd/ipv4/args.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "lib/cli/cli.h"

const char decode_usage[] =
	"usage: ipv4 decode [HEX|-] [-j]\n"
	"       ipv4 decode --pcap FILE [-j]\n"
	"  Decodes IPv4 packets: every header field, the options, the "
	"checksum\n"
	"  verdict and the receiver checks of RFC 1122, then the IGMP message "
	"or the\n"
	"  ICMP type when the payload is one. The packets come as\n"
	"    plain hex        whitespace and colons between the digits are "
	"ignored;\n"
	"                     '-' or nothing reads it from stdin\n"
	"    a tcpdump dump   the output of tcpdump -x, -xx or -X: offsets and "
	"ASCII\n"
	"                     columns are skipped, each packet is decoded, and "
	"an\n"
	"                     Ethernet header (-xx) is skipped when it carries "
	"IPv4\n"
	"    a capture file   --pcap FILE: pcap or pcapng, Ethernet, raw IPv4 "
	"or Linux\n"
	"                     cooked (SLL, SLL2); every IPv4 packet is decoded "
	"with its\n"
	"                     number and time, the others are counted\n"
	"  -r, --pcap FILE  read the packets from the capture FILE\n"
	"  -j, --json       JSON on stdout: one object per packet, a line "
	"each, and\n"
	"                   one object for any failure\n";

const char join_usage[] =
	"usage: ipv4 join GROUP -i IF [-s S ...] [-x S ...] [-p P] [-c N] "
	"[-j]\n"
	"  Joins the multicast GROUP on the interface IF and prints each "
	"datagram\n"
	"  that arrives for it: sender, destination, interface, TTL, TOS, "
	"length and\n"
	"  data, until interrupted (Ctrl-C) or N datagrams have been printed.\n"
	"  -i, --iface IF     the interface (required)\n"
	"  -s, --source S     receive only from S (source-specific join; "
	"repeatable)\n"
	"  -x, --exclude S    receive from every source but S (repeatable)\n"
	"  -p, --port P       the UDP port to listen on; without it every UDP "
	"port is\n"
	"                     seen, through a raw socket (needs CAP_NET_RAW)\n"
	"  -c, --count N      stop after N datagrams (default 0: until "
	"interrupted)\n"
	"  -j, --json         one JSON object per line: events and datagrams\n";

const char send_usage[] =
	"usage: ipv4 send DEST -p P [-i IF] [-t N] [-Q N] [-s S] [-c N] [-r R] "
	"[-j]\n"
	"  Sends numbered test datagrams (\"ipv4 send 1\", \"ipv4 send 2\", "
	"...) to\n"
	"  DEST:P, unicast or multicast.\n"
	"  -p, --port P       the destination UDP port (required)\n"
	"  -i, --iface IF     send through IF (a per-packet IP_PKTINFO control "
	"message)\n"
	"  -t, --ttl N        TTL, 1..255 (multicast TTL when DEST is "
	"multicast)\n"
	"  -Q, --tos N        TOS byte, 0..255, decimal or 0x hex (0x28 is "
	"AF11)\n"
	"  -s, --source S     send from the local address S (IP_PKTINFO)\n"
	"  -c, --count N      datagrams to send (default 1; 0: until "
	"interrupted)\n"
	"  -r, --rate R       datagrams per second, e.g. 10 or 0.5 (default "
	"1)\n"
	"  -j, --json         one JSON object per datagram, a line each\n";

static bool is_multicast(struct in_addr a)
{
	return (ntohl(a.s_addr) & 0xf0000000u) == 0xe0000000u;
}

/* is_unicast: not 0.0.0.0, not multicast or above, not broadcast. */
static bool is_unicast(struct in_addr a)
{
	uint32_t h = ntohl(a.s_addr);

	return h != 0 && h < 0xe0000000u;
}

/* positional_addr parses the one positional argument as an address. */
static int positional_addr(const char *text, size_t num_pos, const char *what,
			   struct in_addr *out, char *err, size_t err_cap)
{
	if (num_pos == 0) {
		snprintf(err, err_cap, "%s is required", what);
		return TOOL_USAGE;
	}
	if (inet_pton(AF_INET, text, out) != 1) {
		snprintf(err, err_cap, "%s: \"%s\" is not an IPv4 address",
			 what, text);
		return TOOL_USAGE;
	}
	return 0;
}

/* run_cli maps cli_parse's results onto ours. */
static int run_cli(const struct cli_option *opts, size_t num_opts, int argc,
		   char **argv, const char **pos, size_t max_pos,
		   size_t *num_pos, char *err, size_t err_cap)
{
	int rc = cli_parse(opts, num_opts, argc, argv, pos, max_pos, num_pos,
			   err, err_cap);

	if (rc == CLI_HELP) {
		return TOOL_ARGS_HELP;
	}
	return rc == 0 ? 0 : TOOL_USAGE;
}

int decode_parse_args(int argc, char **argv, struct decode_args *out, char *err,
		      size_t err_cap)
{
	/* One row per option: clang-format leaves the table alone. */
	/* clang-format off */
	const struct cli_option opts[] = {
		{ "--json|-j", CLI_FLAG, &out->json, 0, 0, NULL, NULL },
		{ "--pcap|-r", CLI_STRING, &out->pcap, 0, 0, NULL, NULL },
	};
	/* clang-format on */
	size_t num_pos;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = run_cli(opts, 2, argc, argv, &out->input, 1, &num_pos, err,
		     err_cap);
	if (rc == 0 && out->pcap != NULL && num_pos > 0) {
		snprintf(err, err_cap,
			 "--pcap takes no HEX argument (\"%s\" given)",
			 out->input);
		return TOOL_USAGE;
	}
	return rc;
}

/* check_sources: each a unicast address, none twice. */
static int check_sources(const char *opt, const struct in_addr *s, size_t n,
			 char *err, size_t err_cap)
{
	for (size_t i = 0; i < n; i++) {
		char text[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &s[i], text, sizeof(text));
		if (!is_unicast(s[i])) {
			snprintf(err, err_cap,
				 "%s %s: a source must be a unicast address",
				 opt, text);
			return TOOL_USAGE;
		}
		for (size_t k = 0; k < i; k++) {
			if (s[k].s_addr == s[i].s_addr) {
				snprintf(err, err_cap, "%s %s given twice", opt,
					 text);
				return TOOL_USAGE;
			}
		}
	}
	return 0;
}

/* check_join: the rules beyond the syntax. */
static int check_join(const struct join_args *a, const char *group_text,
		      char *err, size_t err_cap)
{
	if (!is_multicast(a->group)) {
		snprintf(err, err_cap,
			 "%s is not a multicast group (224.0.0.0/4)",
			 group_text);
		return TOOL_USAGE;
	}
	if (a->iface == NULL) {
		snprintf(err, err_cap, "--iface is required");
		return TOOL_USAGE;
	}
	if (a->num_sources > 0 && a->num_excludes > 0) {
		snprintf(err, err_cap,
			 "--source and --exclude cannot be mixed");
		return TOOL_USAGE;
	}
	if (check_sources("--source", a->sources, a->num_sources, err,
			  err_cap) != 0) {
		return TOOL_USAGE;
	}
	return check_sources("--exclude", a->excludes, a->num_excludes, err,
			     err_cap);
}

int join_parse_args(int argc, char **argv, struct join_args *out, char *err,
		    size_t err_cap)
{
	/* One row per option: clang-format leaves the table alone. */
	/* clang-format off */
	const struct cli_option opts[] = {
		{ "--iface|-i", CLI_STRING, &out->iface, 0, 0, NULL, NULL },
		{ "--source|-s", CLI_ADDR_LIST, out->sources, 0, TOOL_MAX_SOURCES, &out->num_sources,
		  NULL },
		{ "--exclude|-x", CLI_ADDR_LIST, out->excludes, 0, TOOL_MAX_SOURCES,
		  &out->num_excludes, NULL },
		{ "--port|-p", CLI_UINT, &out->port, 1, 65535, NULL, NULL },
		{ "--count|-c", CLI_UINT, &out->count, 0, 0x7fffffff, NULL, NULL },
		{ "--json|-j", CLI_FLAG, &out->json, 0, 0, NULL, NULL },
	};
	/* clang-format on */
	const char *group = NULL;
	size_t num_pos;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = run_cli(opts, sizeof(opts) / sizeof(opts[0]), argc, argv, &group,
		     1, &num_pos, err, err_cap);
	if (rc == 0) {
		rc = positional_addr(group, num_pos, "GROUP", &out->group, err,
				     err_cap);
	}
	if (rc == 0) {
		rc = check_join(out, group, err, err_cap);
	}
	return rc;
}

int parse_rate(const char *text, double *out)
{
	double whole = 0;
	double scale = 1;
	bool dot = false;
	bool digits = false;

	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '.' && !dot) {
			dot = true;
		} else if (*p >= '0' && *p <= '9') {
			digits = true;
			if (dot) {
				scale /= 10;
				whole += (*p - '0') * scale;
			} else {
				whole = whole * 10 + (*p - '0');
			}
			if (whole > 1000000) {
				return -1;
			}
		} else {
			return -1;
		}
	}
	if (!digits || whole < 0.001) {
		return -1;
	}
	*out = whole;
	return 0;
}

/* check_send: the rules beyond the syntax. */
static int check_send(struct send_args *a, const char *rate, char *err,
		      size_t err_cap)
{
	if (a->port == 0) {
		snprintf(err, err_cap, "--port is required");
		return TOOL_USAGE;
	}
	if (a->source_given && !is_unicast(a->source)) {
		snprintf(err, err_cap, "--source must be a unicast address");
		return TOOL_USAGE;
	}
	if (rate != NULL && parse_rate(rate, &a->rate) != 0) {
		snprintf(err, err_cap,
			 "--rate: \"%s\" is not a number of datagrams per "
			 "second from 0.001 "
			 "to 1000000",
			 rate);
		return TOOL_USAGE;
	}
	return 0;
}

int send_parse_args(int argc, char **argv, struct send_args *out, char *err,
		    size_t err_cap)
{
	const char *rate = NULL;
	/* One row per option: clang-format leaves the table alone. */
	/* clang-format off */
	const struct cli_option opts[] = {
		{ "--port|-p", CLI_UINT, &out->port, 1, 65535, NULL, NULL },
		{ "--iface|-i", CLI_STRING, &out->iface, 0, 0, NULL, NULL },
		{ "--ttl|-t", CLI_UINT, &out->ttl, 1, 255, NULL, &out->ttl_given },
		{ "--tos|-Q", CLI_UINT, &out->tos, 0, 255, NULL, &out->tos_given },
		{ "--source|-s", CLI_ADDR, &out->source, 0, 0, NULL, &out->source_given },
		{ "--count|-c", CLI_UINT, &out->count, 0, 0x7fffffff, NULL, NULL },
		{ "--rate|-r", CLI_STRING, &rate, 0, 0, NULL, NULL },
		{ "--json|-j", CLI_FLAG, &out->json, 0, 0, NULL, NULL },
	};
	/* clang-format on */
	const char *dest = NULL;
	size_t num_pos;
	int rc;

	memset(out, 0, sizeof(*out));
	out->count = 1;
	out->rate = 1;
	rc = run_cli(opts, sizeof(opts) / sizeof(opts[0]), argc, argv, &dest, 1,
		     &num_pos, err, err_cap);
	if (rc == 0) {
		rc = positional_addr(dest, num_pos, "DEST", &out->dest, err,
				     err_cap);
	}
	if (rc == 0) {
		rc = check_send(out, rate, err, err_cap);
	}
	return rc;
}
