/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/tool.c - errors, interface names and interruption (tool.h).
 */
#include "cmd/ipv4/tool.h"

#include <net/if.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmd/ipv4/args.h"
#include "cmd/ipv4/json.h"

volatile sig_atomic_t tool_interrupted = 0;
bool tool_json = false;

int tool_fail(const char *sub, int status, const char *name, const char *fmt,
	      ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fflush(stdout);
	if (sub != NULL) {
		fprintf(stderr, "ipv4: %s: %s\n", sub, msg);
	} else {
		fprintf(stderr, "ipv4: %s\n", msg);
	}
	if (tool_json) {
		struct json j;

		json_begin(&j, stdout);
		json_object_begin(&j, NULL);
		json_object_begin(&j, "error");
		json_str(&j, "name", name);
		json_str(&j, "message", msg);
		json_int(&j, "status", status);
		json_object_end(&j);
		if (sub != NULL) {
			json_str(&j, "subcommand", sub);
		} else {
			json_null(&j, "subcommand");
		}
		json_object_end(&j);
		json_end(&j);
		fflush(stdout);
	}
	return status;
}

void tool_error(const char *sub, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "ipv4: %s: ", sub);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int tool_usage_error(const char *sub, const char *msg)
{
	tool_fail(sub, TOOL_USAGE, "usage", "%s", msg);
	if (!tool_json) {
		fprintf(stderr, "(ipv4 %s --help explains the arguments)\n",
			sub);
	}
	return TOOL_USAGE;
}

void tool_info(const char *sub, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "# ipv4 %s: ", sub);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int tool_help(const char *text)
{
	struct json j;

	if (!tool_json) {
		fputs(text, stdout);
		return TOOL_OK;
	}
	json_begin(&j, stdout);
	json_object_begin(&j, NULL);
	json_str(&j, "help", text);
	json_object_end(&j);
	json_end(&j);
	return TOOL_OK;
}

unsigned int tool_ifindex(const char *sub, const char *name)
{
	unsigned index = if_nametoindex(name);

	if (index == 0 || index > 0x7fffffff) {
		tool_fail(sub, TOOL_FAILED, "no_interface",
			  "interface \"%s\" not found", name);
		return 0;
	}
	return index;
}

static void on_signal(int sig)
{
	(void)sig;
	tool_interrupted = 1;
}

void tool_catch_interrupts(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocked call returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}
