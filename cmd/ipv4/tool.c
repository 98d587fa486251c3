/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/tool.c - errors, interface names and interruption (tool.h).
 */
#include "cmd/ipv4/tool.h"

#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd/ipv4/args.h"

volatile sig_atomic_t tool_interrupted = 0;

void tool_error(const char *sub, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ipv4: %s: ", sub);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int tool_usage_error(const char *sub, const char *msg)
{
	tool_error(sub, "%s", msg);
	fprintf(stderr, "(ipv4 %s --help explains the arguments)\n", sub);
	return TOOL_USAGE;
}

unsigned int tool_ifindex(const char *sub, const char *name)
{
	unsigned index = if_nametoindex(name);

	if (index == 0 || index > 0x7fffffff) {
		tool_error(sub, "interface \"%s\" not found", name);
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
