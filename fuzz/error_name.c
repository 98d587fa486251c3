/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/error_name.c - ipv4_strerror and ipv4_error_name over every int.
 *
 * Input: two result codes, four bytes each (big-endian). Checked against
 * error.h's description of the two kinds of code:
 *   - 0 and positive values are "success" / "OK";
 *   - a library code (-200 and below) has a name starting with "IPV4_E"
 *     and a text other than "unknown error", or, if it is no code, both
 *     say unknown;
 *   - -errno (-1 .. -133) has an errno name (never "IPV4_") and its own
 *     text; -134 .. -199 are "EUNKNOWN" and "unknown kernel error";
 *   - two different known codes, library or kernel, never share a name or
 *     a text.
 * Strings are never NULL, never empty, the same on every call, and static:
 * still readable after later calls (the texts of two codes are read after
 * both calls, as a caller printing two errors in one printf would).
 */
#include <string.h>

#include "fuzz/fuzz.h"
#include "ipv4/error.h"

static int known(int code)
{
	return strcmp(ipv4_error_name(code), "EUNKNOWN") != 0;
}

static void check_one(int code)
{
	const char *name;
	const char *text;

	name = ipv4_error_name(code);
	text = ipv4_strerror(code);

	FUZZ_CHECK(name != NULL && name[0] != '\0');
	FUZZ_CHECK(text != NULL && text[0] != '\0');
	FUZZ_CHECK(ipv4_error_name(code) == name);
	if (code >= 0) {
		FUZZ_CHECK(strcmp(name, "OK") == 0);
		FUZZ_CHECK(strcmp(text, "success") == 0);
	} else if (code > -200) {
		/* A kernel code: an <errno.h> name, never the library's. */
		FUZZ_CHECK(name[0] == 'E');
		FUZZ_CHECK(strncmp(name, "IPV4_", 5) != 0);
		FUZZ_CHECK(known(code) ==
			   (strcmp(text, "unknown kernel error") != 0));
		FUZZ_CHECK(known(code) == (code >= -133));
	} else if (known(code)) {
		FUZZ_CHECK(strncmp(name, "IPV4_E", 6) == 0);
		FUZZ_CHECK(strcmp(text, "unknown error") != 0);
	} else {
		FUZZ_CHECK(strcmp(text, "unknown error") == 0);
	}
}

static void check_pair(int a, int b)
{
	const char *text_a = ipv4_strerror(a);
	const char *text_b = ipv4_strerror(b);

	/* Both must still be there: the texts are static. */
	FUZZ_CHECK(strlen(text_a) > 0 && strlen(text_b) > 0);
	if (a == b || !known(a) || !known(b)) {
		return;
	}
	if (a < 0 && b < 0) {
		/* Library or kernel, two failures never share a name or text. */
		FUZZ_CHECK(strcmp(ipv4_error_name(a), ipv4_error_name(b)) != 0);
		FUZZ_CHECK(strcmp(ipv4_strerror(a), ipv4_strerror(b)) != 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	int a = (int)(int32_t)fuzz_u32(&in);
	int b = (int)(int32_t)fuzz_u32(&in);

	check_one(a);
	check_one(b);
	check_pair(a, b);
	return 0;
}
