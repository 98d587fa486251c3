/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/main.c - the ipv4 tool, for the people who debug multicast and
 * packet marking by hand. Built on libipv4's public API only.
 *
 *   ipv4 decode [HEX|-] [--json]
 *   ipv4 join GROUP --iface IF [--source S ...] [--exclude S ...]
 *             [--port P] [--count N] [--json]
 *   ipv4 send DEST --port P [--iface IF] [--ttl N] [--tos N] [--source S]
 *             [--count N] [--rate R] [--json]
 *
 * decode  decodes an IPv4 packet written in hex: every header field, the
 *         options, the checksum verdict, the RFC 1122 receiver checks, and
 *         the IGMP message (or ICMP type) it carries (cmd/ipv4/decode.h).
 * join    joins a multicast group on an interface, for every source, for
 *         some (--source) or for all but some (--exclude), and prints each
 *         datagram with its control message: sender, destination,
 *         interface, TTL, TOS (cmd/ipv4/join.c).
 * send    sends numbered test datagrams with a chosen TTL, TOS, interface
 *         and source address, at a chosen rate (cmd/ipv4/send.c).
 *
 * Every subcommand takes --help, and --json for one JSON object per
 * packet (decode: per input) on stdout. Errors go to stderr as
 * "ipv4: SUBCOMMAND: what was wrong", in words.
 *
 * Exit status (enum tool_exit in cmd/ipv4/args.h):
 *   0  done; for decode, the packet passed every check
 *   1  the work failed: an interface not found, a socket or system call
 *      refused, input that is not hex or holds no IPv4 header
 *   2  usage: an unknown subcommand or option, a missing or malformed
 *      argument
 *   3  decode: the packet decoded but failed a check (a wrong checksum,
 *      lengths that disagree, malformed options or IGMP)
 * join and send stop cleanly, with status 0, on SIGINT or SIGTERM.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/ipv4/args.h"
#include "cmd/ipv4/tool.h"

static const char kUsage[] =
	"usage: ipv4 SUBCOMMAND [ARGS]\n"
	"  decode [HEX|-] [--json]             decode an IPv4 packet given in hex\n"
	"  join GROUP --iface IF [options]     join a multicast group, print what arrives\n"
	"  send DEST --port P [options]        send test datagrams\n"
	"Every subcommand takes --help and --json.\n"
	"Exit status: 0 done (decode: the packet passed every check); 1 the work\n"
	"failed (an interface, a socket, input that does not decode); 2 usage error;\n"
	"3 decode: the packet decoded but failed a check.\n";

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

	if (argc < 2) {
		fputs(kUsage, stderr);
		return TOOL_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(kUsage, stdout);
		return TOOL_OK;
	}
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		if (strcmp(argv[1], subcommands[i].name) == 0) {
			return subcommands[i].run(argc - 1, argv + 1);
		}
	}
	fprintf(stderr, "ipv4: unknown subcommand \"%s\"\n%s", argv[1], kUsage);
	return TOOL_USAGE;
}
