/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmd/ipv4/json.h - writing one JSON value to a stdio stream, with the
 * commas and the string escapes taken care of.
 *
 *   struct json j;
 *   json_begin(&j, stdout);
 *   json_object_begin(&j, NULL);
 *   json_str(&j, "src", "198.18.1.2");
 *   json_uint(&j, "ttl", 64);
 *   json_object_end(&j);
 *   json_end(&j);                       prints {"src":"198.18.1.2","ttl":64}
 *
 * Members take their key; array elements and the top value take NULL.
 * Nesting deeper than JSON_MAX_DEPTH is not written (the caller's bug).
 */
#ifndef CMD_IPV4_JSON_H
#define CMD_IPV4_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

#define JSON_MAX_DEPTH 8

struct json {
	FILE *f;
	int depth;
	bool first[JSON_MAX_DEPTH + 1]; /* no element yet at that depth */
};

void json_begin(struct json *j, FILE *f);
/* json_end ends the top value with a newline. */
void json_end(struct json *j);
void json_object_begin(struct json *j, const char *key);
void json_object_end(struct json *j);
void json_array_begin(struct json *j, const char *key);
void json_array_end(struct json *j);
/* json_str writes s escaped (quotes, backslash, control characters as
   \uXXXX; bytes above 0x7e as \u00XX, so any input is valid JSON). */
void json_str(struct json *j, const char *key, const char *s);
void json_uint(struct json *j, const char *key, uint64_t v);
void json_int(struct json *j, const char *key, int64_t v);
void json_bool(struct json *j, const char *key, bool v);
void json_null(struct json *j, const char *key);
/* json_addr writes an address (network byte order) as a dotted quad. */
void json_addr(struct json *j, const char *key, struct in_addr a);
/* json_hex writes bytes as a string of lowercase hex digits. */
void json_hex(struct json *j, const char *key, const uint8_t *b, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* CMD_IPV4_JSON_H */
