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
 * tool_error prints "ipv4: SUB: " and the formatted message, with a
 * newline, to stderr. Messages say what was wrong in words; a libipv4 or
 * system result is turned into words with ipv4_strerror.
 */
void tool_error(const char *sub, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * tool_usage_error prints the message as tool_error does, then a line
 * pointing to --help, and returns TOOL_USAGE.
 */
int tool_usage_error(const char *sub, const char *msg);

/*
 * tool_ifindex looks up the interface name. Returns its index, or 0 after
 * printing "ipv4: SUB: interface "NAME" not found".
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
