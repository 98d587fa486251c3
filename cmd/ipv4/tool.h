/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/tool.h - what the subcommands of the ipv4 tool share: their
 * entry points, error reporting and interruption.
 */
#ifndef CMD_IPV4_TOOL_H
#define CMD_IPV4_TOOL_H

#include <signal.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * decode_main, join_main and send_main run a subcommand; argv[0] is the
 * subcommand's name. Each returns an exit status of enum tool_exit.
 */
int decode_main(int argc, char **argv);
int join_main(int argc, char **argv);
int send_main(int argc, char **argv);

/*
 * What the tool prints besides its results. On stderr, a line that starts
 * "ipv4: " is an error ("ipv4: SUB: what was wrong") and a line that
 * starts "# " is information ("# ipv4 join: joined ..."); nothing else
 * goes there. With --json (tool_json), every outcome is also JSON on
 * stdout: a failure is one object
 *
 *   {"error":{"name":NAME,"message":TEXT,"status":N},"subcommand":SUB}
 *
 * where NAME is a libipv4 or kernel error name (ipv4_error_name:
 * "IPV4_ESHORT", "EPERM") when one caused it, else one of the tool's own
 * lower-case names: "usage", "bad_input", "no_interface", "bad_capture".
 */
extern bool tool_json;

/*
 * tool_fail reports a failure as above (stderr always; JSON on stdout in
 * JSON mode) and returns status, an exit status of enum tool_exit. sub is
 * NULL for a failure before any subcommand ("ipv4: MESSAGE").
 */
int tool_fail(const char *sub, int status, const char *name, const char *fmt,
	      ...) __attribute__((format(printf, 4, 5)));

/*
 * tool_error prints only the stderr line of a failure, for one whose JSON
 * object is already on stdout (ipv4 decode prints its own).
 */
void tool_error(const char *sub, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * tool_usage_error reports a usage failure (name "usage") and, in text
 * mode, a line pointing to --help. Returns TOOL_USAGE.
 */
int tool_usage_error(const char *sub, const char *msg);

/* tool_info prints "# ipv4 SUB: " and the message, a line on stderr. */
void tool_info(const char *sub, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * tool_help prints a usage text for --help: as it is, or in JSON mode as
 * {"help":TEXT}. Returns TOOL_OK.
 */
int tool_help(const char *text);

/*
 * tool_ifindex looks up the interface name. Returns its index, or 0 after
 * reporting "interface "NAME" not found" (name "no_interface").
 */
unsigned int tool_ifindex(const char *sub, const char *name);

/*
 * tool_catch_interrupts makes SIGINT and SIGTERM set tool_interrupted
 * (without restarting the interrupted call), so that a subcommand that
 * runs until interrupted can stop cleanly: leave its group, print its
 * summary, exit 0.
 */
void tool_catch_interrupts(void);
extern volatile sig_atomic_t tool_interrupted;

#ifdef __cplusplus
}
#endif

#endif /* CMD_IPV4_TOOL_H */
