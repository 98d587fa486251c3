/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/cli/cli.c - the shared command-line parser (cli.h).
 */
#include "lib/cli/cli.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

int cli_parse_uint(const char *text, unsigned min, unsigned max, unsigned *out)
{
	unsigned long long v = 0;
	unsigned base = 10;
	const char *p = text;

	if (p == NULL || *p == '\0') {
		return -1;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (*p == '\0') {
			return -1;
		}
	}
	for (; *p != '\0'; p++) {
		unsigned digit;

		if (*p >= '0' && *p <= '9') {
			digit = (unsigned)(*p - '0');
		} else if (base == 16 && *p >= 'a' && *p <= 'f') {
			digit = (unsigned)(*p - 'a') + 10;
		} else if (base == 16 && *p >= 'A' && *p <= 'F') {
			digit = (unsigned)(*p - 'A') + 10;
		} else {
			return -1;
		}
		v = v * base + digit;
		if (v > max) {
			return -1;
		}
	}
	if (v < min) {
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

/* long_len is the length of o's long name: its name up to the '|'. */
static int long_len(const struct cli_option *o)
{
	const char *bar = strchr(o->name, '|');

	return (int)(bar != NULL ? (size_t)(bar - o->name) : strlen(o->name));
}

/* find_option returns the row whose long name is arg up to its '=' (or
   end), or, for a short form ("-p"), whose name ends in "|-p". */
static const struct cli_option *find_option(const struct cli_option *opts,
					    size_t num_opts, const char *arg,
					    size_t name_len)
{
	for (size_t i = 0; i < num_opts; i++) {
		const char *bar = strchr(opts[i].name, '|');

		if ((size_t)long_len(&opts[i]) == name_len &&
		    strncmp(opts[i].name, arg, name_len) == 0) {
			return &opts[i];
		}
		if (name_len == 2 && bar != NULL &&
		    strncmp(bar + 1, arg, 2) == 0 && bar[3] == '\0') {
			return &opts[i];
		}
	}
	return NULL;
}

/* store_value converts value for o. Returns 0 or CLI_ERROR with err. */
static int store_value(const struct cli_option *o, const char *value, char *err,
		       size_t err_cap)
{
	struct in_addr a;

	switch (o->kind) {
	case CLI_FLAG:
		*(bool *)o->out = true;
		return 0;
	case CLI_UINT:
		if (cli_parse_uint(value, o->min, o->max, (unsigned *)o->out) !=
		    0) {
			snprintf(err, err_cap,
				 "%.*s: \"%s\" is not a number from %u to %u",
				 long_len(o), o->name, value, o->min, o->max);
			return CLI_ERROR;
		}
		return 0;
	case CLI_STRING:
		if (value[0] == '\0') {
			snprintf(err, err_cap, "%.*s: the value is empty",
				 long_len(o), o->name);
			return CLI_ERROR;
		}
		*(const char **)o->out = value;
		return 0;
	case CLI_ADDR:
	case CLI_ADDR_LIST:
		break;
	}
	if (inet_pton(AF_INET, value, &a) != 1) {
		snprintf(err, err_cap, "%.*s: \"%s\" is not an IPv4 address",
			 long_len(o), o->name, value);
		return CLI_ERROR;
	}
	if (o->kind == CLI_ADDR) {
		*(struct in_addr *)o->out = a;
		return 0;
	}
	if (*o->out_count >= o->max) {
		snprintf(err, err_cap, "%.*s: at most %u may be given",
			 long_len(o), o->name, o->max);
		return CLI_ERROR;
	}
	((struct in_addr *)o->out)[(*o->out_count)++] = a;
	return 0;
}

/*
 * take_option handles argv[*i], an option. A long option's value is
 * joined by '=' or is the next argument; a short option's value follows
 * its letter ("-p80") or is the next argument. *i moves past a value
 * taken from the next argument.
 */
static int take_option(const struct cli_option *opts, size_t num_opts, int argc,
		       char **argv, int *i, bool *given, char *err,
		       size_t err_cap)
{
	const char *arg = argv[*i];
	bool is_short = arg[1] != '-';
	const char *eq = is_short ? NULL : strchr(arg, '=');
	size_t name_len = is_short     ? 2
			  : eq != NULL ? (size_t)(eq - arg)
				       : strlen(arg);
	const struct cli_option *o = find_option(opts, num_opts, arg, name_len);
	const char *value = eq != NULL ? eq + 1 : NULL;

	if (o == NULL) {
		snprintf(err, err_cap, "unknown option %.*s", (int)name_len,
			 arg);
		return CLI_ERROR;
	}
	if (is_short && arg[2] != '\0') {
		value = arg + 2;
	}
	if (given[o - opts] && o->kind != CLI_ADDR_LIST) {
		snprintf(err, err_cap, "%.*s given twice", long_len(o),
			 o->name);
		return CLI_ERROR;
	}
	given[o - opts] = true;
	if (o->kind == CLI_FLAG && value != NULL) {
		snprintf(err, err_cap, "%.*s takes no value", long_len(o),
			 o->name);
		return CLI_ERROR;
	}
	if (o->kind != CLI_FLAG && value == NULL) {
		if (*i + 1 >= argc) {
			snprintf(err, err_cap, "%.*s needs a value",
				 long_len(o), o->name);
			return CLI_ERROR;
		}
		value = argv[++*i];
	}
	if (o->seen != NULL) {
		*o->seen = true;
	}
	return store_value(o, value, err, err_cap);
}

#define CLI_MAX_OPTIONS 64

int cli_parse(const struct cli_option *opts, size_t num_opts, int argc,
	      char **argv, const char **positional, size_t max_positional,
	      size_t *out_num_positional, char *err, size_t err_cap)
{
	bool given[CLI_MAX_OPTIONS] = { false };
	bool options_over = false;

	*out_num_positional = 0;
	if (err_cap > 0) {
		err[0] = '\0';
	}
	if (num_opts > CLI_MAX_OPTIONS) {
		snprintf(err, err_cap, "too many options in the table");
		return CLI_ERROR;
	}
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			return CLI_HELP;
		}
	}
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!options_over && strcmp(arg, "--") == 0) {
			options_over = true;
		} else if (!options_over && arg[0] == '-' && arg[1] != '\0') {
			if (take_option(opts, num_opts, argc, argv, &i, given,
					err, err_cap) != 0) {
				return CLI_ERROR;
			}
		} else if (*out_num_positional < max_positional) {
			positional[(*out_num_positional)++] = arg;
		} else {
			snprintf(err, err_cap, "unexpected argument \"%s\"",
				 arg);
			return CLI_ERROR;
		}
	}
	return 0;
}
