/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/main.c - the ipv4 tool, for the people who debug multicast and
 * packet marking by hand. Built on libipv4's public API only.
 *
 *   ipv4 decode [HEX|-] [-j] | ipv4 decode --pcap FILE [-j]
 *   ipv4 join GROUP -i IF [-s S ...] [-x S ...] [-p P] [-c N] [-j]
 *   ipv4 send DEST -p P [-i IF] [-t N] [-Q N] [-s S] [-c N] [-r R] [-j]
 *   ipv4 --version [-j]
 *
 * decode  decodes IPv4 packets written in hex (plain, or tcpdump -x, -xx
 *         or -X dumps, several packets in one) or read from a capture file:
 *         every header field, the options, the checksum verdict, the
 *         RFC 1122 receiver checks, and the IGMP message (or ICMP type) it
 *         carries (cmd/ipv4/decode.h, cmd/ipv4/input.h, cmd/ipv4/pcap.h).
 * join    joins a multicast group on an interface, for every source, for
 *         some (--source) or for all but some (--exclude), and prints each
 *         datagram with its control message: sender, destination,
 *         interface, TTL, TOS (cmd/ipv4/join.c).
 * send    sends numbered test datagrams with a chosen TTL, TOS, interface
 *         and source address, at a chosen rate (cmd/ipv4/send.c).
 *
 * Every option has a long form; the common ones have a short one too
 * (-j --json, -i --iface, -p --port, -c --count, -s --source,
 * -x --exclude, -t --ttl, -Q --tos, -r --rate / --pcap). Every subcommand
 * takes --help (-h), and --json (-j) for JSON on stdout: exactly one
 * object for every outcome of decode, errors included, and one object a
 * line for the streams of join and send (cmd/ipv4/tool.h). On stderr, a
 * line "ipv4: SUBCOMMAND: what was wrong" is an error and a line starting
 * "# " is information.
 *
 * Exit status (enum tool_exit in cmd/ipv4/args.h):
 *   0  done; for decode, every packet passed every check
 *   1  the work failed: an interface not found, a socket or system call
 *      refused, input that is not hex or holds no IPv4 header, a capture
 *      that cannot be read
 *   2  usage: an unknown subcommand or option, a missing or malformed
 *      argument
 *   3  decode: a packet decoded but failed a check (a wrong checksum,
 *      lengths that disagree, malformed options or IGMP)
 * join and send stop cleanly, with status 0, on SIGINT or SIGTERM.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmd/ipv4/args.h"
#include "cmd/ipv4/tool.h"
#include "cmd/ipv4/version.h"

static const char kUsage[] =
	"usage: ipv4 SUBCOMMAND [ARGS]\n"
	"  decode [HEX|-] [-j]                 decode IPv4 packets given in "
	"hex or a tcpdump dump\n"
	"  decode --pcap FILE [-j]             decode the IPv4 packets of a "
	"capture file\n"
	"  join GROUP -i IF [options]          join a multicast group, print "
	"what arrives\n"
	"  send DEST -p P [options]            send test datagrams\n"
	"  --version                           the libipv4 version and the "
	"commit built from\n"
	"Every subcommand takes --help (-h) and --json (-j).\n"
	"Exit status: 0 done (decode: every packet passed every check); 1 the "
	"work\n"
	"failed (an interface, a socket, input that does not decode); 2 usage "
	"error;\n"
	"3 decode: a packet decoded but failed a check.\n";

/* wants_json: --json or -j among the arguments, before any "--". */
static bool wants_json(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--json") == 0 ||
		    strcmp(argv[i], "-j") == 0) {
			return true;
		}
	}
	return false;
}

static bool is_any(const char *arg, const char *a, const char *b, const char *c)
{
	return strcmp(arg, a) == 0 || strcmp(arg, b) == 0 ||
	       strcmp(arg, c) == 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} subcommands[] = {
		{ "decode", decode_main },
		{ "join", join_main },
		{ "send", send_main },
	};
	const char *first;

	tool_json = wants_json(argc, argv);
	first = argc >= 2 ? argv[1] : "";
	if (tool_json && argc >= 2 &&
	    (strcmp(first, "--json") == 0 || strcmp(first, "-j") == 0)) {
		/* "ipv4 -j decode ...": the flag may come first too. */
		argv[1] = argv[0];
		argv++;
		argc--;
		first = argc >= 2 ? argv[1] : "";
	}
	if (argc < 2) {
		if (tool_json) {
			return tool_fail(NULL, TOOL_USAGE, "usage",
					 "a subcommand is required");
		}
		fputs(kUsage, stderr);
		return TOOL_USAGE;
	}
	if (is_any(first, "--help", "-h", "help")) {
		return tool_help(kUsage);
	}
	if (is_any(first, "--version", "-V", "version")) {
		tool_print_version(stdout, tool_json);
		return TOOL_OK;
	}
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]);
	     i++) {
		if (strcmp(first, subcommands[i].name) == 0) {
			return subcommands[i].run(argc - 1, argv + 1);
		}
	}
	tool_fail(NULL, TOOL_USAGE, "usage", "unknown subcommand \"%s\"",
		  first);
	if (!tool_json) {
		fputs(kUsage, stderr);
	}
	return TOOL_USAGE;
}
