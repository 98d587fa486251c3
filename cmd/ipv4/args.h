/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/args.h - the arguments of each ipv4 subcommand, parsed and
 * checked before anything touches the network.
 *
 * Pure: parsing makes no system call (interface names are resolved later,
 * by the subcommand), so every rule here is unit-tested.
 */
#ifndef CMD_IPV4_ARGS_H
#define CMD_IPV4_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The exit statuses of the tool (ipv4 --help lists them too). */
enum tool_exit {
	TOOL_OK = 0,	     /* done; decode: the packet passed every check */
	TOOL_FAILED = 1,     /* the work failed: an interface, a socket, a
				 system call, or input that does not decode */
	TOOL_USAGE = 2,	     /* unknown subcommand or option, a missing or
				 malformed argument */
	TOOL_BAD_PACKET = 3, /* decode: the packet decoded but failed a
				 check (its fields are printed) */
};

/* TOOL_MAX_SOURCES is the most --source or --exclude addresses. */
#define TOOL_MAX_SOURCES 64

/* Result of the parse functions besides 0: help was asked for. */
#define TOOL_ARGS_HELP 1

/* struct decode_args: ipv4 decode [HEX|-] [--json] | --pcap FILE [--json] */
struct decode_args {
	const char *input; /* the hex text; NULL or "-": read stdin */
	const char
		*pcap; /* --pcap FILE (-r): a capture file to read, or NULL */
	bool json;
};

/*
 * struct join_args: ipv4 join GROUP --iface IF [--source S ...]
 * [--exclude S ...] [--port P] [--count N] [--json]
 */
struct join_args {
	struct in_addr group;
	const char *iface;
	struct in_addr sources[TOOL_MAX_SOURCES]; /* --source: INCLUDE */
	size_t num_sources;
	struct in_addr excludes[TOOL_MAX_SOURCES]; /* --exclude: EXCLUDE */
	size_t num_excludes;
	unsigned port;	/* 0: not given, every UDP port (raw socket) */
	unsigned count; /* 0: until interrupted */
	bool json;
};

/*
 * struct send_args: ipv4 send DEST --port P [--iface IF] [--ttl N]
 * [--tos N] [--source S] [--count N] [--rate R] [--json]
 */
struct send_args {
	struct in_addr dest;
	unsigned port;
	const char *iface; /* NULL: the routing table chooses */
	unsigned ttl;	   /* 0: the system's default */
	bool ttl_given;
	unsigned tos;
	bool tos_given;
	struct in_addr source;
	bool source_given;
	unsigned count; /* default 1; 0: until interrupted */
	double rate;	/* datagrams per second, default 1 */
	bool json;
};

/*
 * decode_parse_args, join_parse_args and send_parse_args parse the
 * arguments of their subcommand, argv[0] being the subcommand's name,
 * into *out. Each returns 0, TOOL_ARGS_HELP when --help or -h was given,
 * or TOOL_USAGE with a sentence saying what was wrong in err (err_cap
 * bytes), such as "--iface is required" or "239.1.2.300 is not an IPv4
 * address". Values that point into argv stay valid as long as argv does.
 *
 * join refuses a GROUP outside 224.0.0.0/4, --source together with
 * --exclude, a --source or --exclude that is not a unicast address (or is
 * listed twice). send refuses a --source that is not a unicast address, a
 * --rate that is not a decimal number from 0.001 to 1000000, and --ttl 0.
 */
int decode_parse_args(int argc, char **argv, struct decode_args *out, char *err,
		      size_t err_cap);
int join_parse_args(int argc, char **argv, struct join_args *out, char *err,
		    size_t err_cap);
int send_parse_args(int argc, char **argv, struct send_args *out, char *err,
		    size_t err_cap);

/*
 * parse_rate stores in *out the decimal number text spells ("10", "0.5",
 * "2.25"; no sign, exponent or spaces) when it is from 0.001 to 1000000.
 * Returns 0 or -1.
 */
int parse_rate(const char *text, double *out);

/* The usage texts of the subcommands, for --help and usage errors. */
extern const char decode_usage[];
extern const char join_usage[];
extern const char send_usage[];

#ifdef __cplusplus
}
#endif

#endif /* CMD_IPV4_ARGS_H */
