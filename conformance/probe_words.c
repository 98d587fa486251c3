/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/probe_words.c - reading request words and writing answers,
 * shared by the codec probe (probe.c) and the socket probe
 * (socket_probe.c). Declared in probe.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "conformance/probe.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ipv4/error.h"

char *probe_token(char **args)
{
	char *s = *args;
	char *start;

	while (*s == ' ') {
		s++;
	}
	if (*s == '\0') {
		*args = s;
		return NULL;
	}
	start = s;
	while (*s != '\0' && *s != ' ') {
		s++;
	}
	if (*s == ' ') {
		*s++ = '\0';
	}
	*args = s;
	return start;
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

long probe_hex(const char *hex, uint8_t *out, size_t cap)
{
	size_t digits = strlen(hex);
	size_t n = digits / 2;

	if (digits % 2 != 0 || n > cap) {
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		int hi = nibble(hex[2 * i]);
		int lo = nibble(hex[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			return -1;
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return (long)n;
}

long probe_hex_arg(char *args, uint8_t *out, size_t cap)
{
	char *hex = probe_token(&args);

	if (hex == NULL) {
		hex = args; /* no argument: an empty byte string */
	}
	if (probe_token(&args) != NULL) {
		return -1;
	}
	return probe_hex(hex, out, cap);
}

int probe_decimal(const char *word, long long *out)
{
	const char *digits = word[0] == '-' ? word + 1 : word;
	char *end = NULL;

	if (digits[0] == '\0' ||
	    strspn(digits, "0123456789") != strlen(digits)) {
		return -1;
	}
	errno = 0;
	*out = strtoll(word, &end, 10);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

void probe_print_hex(FILE *out, const uint8_t *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		fputc(digits[b[i] >> 4], out);
		fputc(digits[b[i] & 0xf], out);
	}
}

int probe_ok_hex(FILE *out, const uint8_t *b, size_t n)
{
	fputs("ok ", out);
	probe_print_hex(out, b, n);
	fputc('\n', out);
	return 0;
}

int probe_err(FILE *out, int code)
{
	const char *name = ipv4_error_name(code);

	/* PROBE.md, SOCKET-PROBE.md: a library code's name without its
	   IPV4_ prefix; a kernel code's name is its errno name already. */
	if (strncmp(name, "IPV4_", 5) == 0) {
		name += 5;
	}
	fprintf(out, "err %s\n", name);
	return 0;
}

void probe_serve(int (*dispatch)(char *line, FILE *out))
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, stdin)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
			line[--n] = '\0';
		}
		if (dispatch(line, stdout) == PROBE_BAD_REQUEST) {
			fputs("err request\n", stdout);
		}
		fflush(stdout);
	}
	free(line);
}
