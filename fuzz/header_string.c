/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/header_string.c - ipv4_header_string at every output capacity.
 *
 * Input: the fields of a struct ipv4_header, read in order (any values,
 * including versions and flags no parse yields). Checked: the snprintf
 * contract at every capacity (fuzz/string_check.h), and that the text is
 * exactly Go's Header.String() format, rebuilt here with snprintf; a NULL
 * header prints "<nil>".
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "fuzz/string_check.h"
#include "ipv4/header.h"

static int render(const void *obj, char *out, size_t cap)
{
	return ipv4_header_string(obj, out, cap);
}

/* go_text writes what Go's Header.String() prints for h. */
static void go_text(const struct ipv4_header *h, char *out, size_t cap)
{
	char src[INET_ADDRSTRLEN];
	char dst[INET_ADDRSTRLEN];

	FUZZ_CHECK(inet_ntop(AF_INET, &h->src, src, sizeof(src)) != NULL);
	FUZZ_CHECK(inet_ntop(AF_INET, &h->dst, dst, sizeof(dst)) != NULL);
	/* Go's %#x of 0 is "0x0" where C's is "0": spell the prefix out. */
	snprintf(out, cap,
		 "ver=%u hdrlen=%u tos=0x%x totallen=%u id=0x%x flags=0x%x "
		 "fragoff=0x%x ttl=%u proto=%u cksum=0x%x src=%s dst=%s",
		 h->version, h->len, h->tos, h->total_len, h->id, h->flags,
		 h->frag_off, h->ttl, h->protocol, h->checksum, src, dst);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	struct ipv4_header h;
	char want[256];
	char *got;

	memset(&h, 0, sizeof(h));
	h.version = fuzz_u8(&in);
	h.len = fuzz_u8(&in);
	h.tos = fuzz_u8(&in);
	h.total_len = fuzz_u16(&in);
	h.id = fuzz_u16(&in);
	h.flags = fuzz_u8(&in);
	h.frag_off = fuzz_u16(&in);
	h.ttl = fuzz_u8(&in);
	h.protocol = fuzz_u8(&in);
	h.checksum = fuzz_u16(&in);
	h.src = fuzz_addr(&in);
	h.dst = fuzz_addr(&in);
	got = fuzz_check_string(render, &h);
	go_text(&h, want, sizeof(want));
	FUZZ_CHECK(strcmp(got, want) == 0);
	free(got);
	got = fuzz_check_string(render, NULL);
	FUZZ_CHECK(strcmp(got, "<nil>") == 0);
	free(got);
	return 0;
}
