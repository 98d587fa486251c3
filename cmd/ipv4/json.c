/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/json.c - one JSON value on a stdio stream (json.h).
 */
#include "cmd/ipv4/json.h"

#include <arpa/inet.h>
#include <inttypes.h>

void json_begin(struct json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = true;
}

void json_end(struct json *j)
{
	fputc('\n', j->f);
}

static void write_escaped(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0';
	     p++) {
		if (*p == '"' || *p == '\\') {
			fputc('\\', f);
			fputc(*p, f);
		} else if (*p < 0x20 || *p > 0x7e) {
			fprintf(f, "\\u%04x", (unsigned)*p);
		} else {
			fputc(*p, f);
		}
	}
	fputc('"', f);
}

/* lead writes the comma and the key a new element needs. */
static void lead(struct json *j, const char *key)
{
	if (!j->first[j->depth]) {
		fputc(',', j->f);
	}
	j->first[j->depth] = false;
	if (key != NULL) {
		write_escaped(j->f, key);
		fputc(':', j->f);
	}
}

static void open_scope(struct json *j, const char *key, char c)
{
	lead(j, key);
	fputc(c, j->f);
	if (j->depth < JSON_MAX_DEPTH) {
		j->depth++;
		j->first[j->depth] = true;
	}
}

static void close_scope(struct json *j, char c)
{
	fputc(c, j->f);
	if (j->depth > 0) {
		j->depth--;
	}
}

void json_object_begin(struct json *j, const char *key)
{
	open_scope(j, key, '{');
}

void json_object_end(struct json *j)
{
	close_scope(j, '}');
}

void json_array_begin(struct json *j, const char *key)
{
	open_scope(j, key, '[');
}

void json_array_end(struct json *j)
{
	close_scope(j, ']');
}

void json_str(struct json *j, const char *key, const char *s)
{
	lead(j, key);
	write_escaped(j->f, s);
}

void json_uint(struct json *j, const char *key, uint64_t v)
{
	lead(j, key);
	fprintf(j->f, "%" PRIu64, v);
}

void json_int(struct json *j, const char *key, int64_t v)
{
	lead(j, key);
	fprintf(j->f, "%" PRId64, v);
}

void json_bool(struct json *j, const char *key, bool v)
{
	lead(j, key);
	fputs(v ? "true" : "false", j->f);
}

void json_null(struct json *j, const char *key)
{
	lead(j, key);
	fputs("null", j->f);
}

void json_addr(struct json *j, const char *key, struct in_addr a)
{
	char text[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a, text, sizeof(text));
	json_str(j, key, text);
}

void json_hex(struct json *j, const char *key, const uint8_t *b, size_t n)
{
	lead(j, key);
	fputc('"', j->f);
	for (size_t i = 0; i < n; i++) {
		fprintf(j->f, "%02x", (unsigned)b[i]);
	}
	fputc('"', j->f);
}
