/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/cli/cli.h - the small command-line parser that the examples
 * (examples/), the ipv4 tool (cmd/ipv4/) and the batch I/O benchmark
 * (bench/io_bench.c) share. Not part of libipv4.
 *
 * Each program describes its options in a table of struct cli_option and
 * hands argv to cli_parse, which fills the caller's variables, collects
 * the positional arguments, and says in words what was wrong when
 * something was. Options are long ("--port 80" or "--port=80") and may
 * have a one-letter short form ("-p 80" or "-p80"; a flag alone: "-j");
 * "--" ends them; "--help" and "-h" ask for help.
 *
 * Pure C11 and libc's inet_pton: no allocation, no global state.
 */
#ifndef LIB_CLI_CLI_H
#define LIB_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What an option takes, and what its out pointer points to. */
enum cli_kind {
	CLI_FLAG,      /* no value; out: bool, set to true */
	CLI_UINT,      /* a number min..max, decimal or 0x hex; out: unsigned */
	CLI_ADDR,      /* a dotted quad; out: struct in_addr */
	CLI_STRING,    /* any non-empty text; out: const char *, into argv */
	CLI_ADDR_LIST, /* a dotted quad, repeatable; out: struct in_addr array
			  of max entries, count in *out_count */
};

/*
 * struct cli_option is one row of a program's option table. seen, when
 * not NULL, is set to true when the option was given. An option other
 * than CLI_ADDR_LIST given twice is an error.
 */
struct cli_option {
	const char *name; /* with the dashes: "--port", or with a short
			       form after a bar: "--port|-p" */
	enum cli_kind kind;
	void *out;
	unsigned min;	   /* CLI_UINT: the accepted range */
	unsigned max;	   /* CLI_UINT: the range; CLI_ADDR_LIST: entries */
	size_t *out_count; /* CLI_ADDR_LIST: entries stored */
	bool *seen;
};

/* cli_parse's results besides 0. */
#define CLI_HELP 1     /* --help or -h was given; nothing else checked */
#define CLI_ERROR (-1) /* err holds what was wrong */

/*
 * cli_parse reads argv[1..argc) against opts[0..num_opts): options fill
 * their out variables (untouched when not given, so set defaults first),
 * the other arguments are stored, in order, in positional[0..
 * max_positional) with their number in *out_num_positional.
 *
 * Messages name an option by its long form, whichever form was given.
 *
 * Returns 0, CLI_HELP, or CLI_ERROR with a sentence in err (err_cap bytes,
 * always NUL-terminated when err_cap > 0) for: an unknown option, a
 * missing or malformed value, a number out of range, an option given
 * twice, too many entries for a list, or more positional arguments than
 * max_positional.
 */
int cli_parse(const struct cli_option *opts, size_t num_opts, int argc,
	      char **argv, const char **positional, size_t max_positional,
	      size_t *out_num_positional, char *err, size_t err_cap);

/*
 * cli_parse_uint stores in *out the number text spells, decimal or, after
 * "0x", hexadecimal, when it lies in min..max. Returns 0, or -1 for
 * anything else (empty, a sign, spaces, trailing characters, overflow).
 */
int cli_parse_uint(const char *text, unsigned min, unsigned max, unsigned *out);

#ifdef __cplusplus
}
#endif

#endif /* LIB_CLI_CLI_H */
