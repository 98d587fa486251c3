/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/control_string.c - ipv4_control_message_string at every capacity.
 *
 * Input: flags (two bytes), ttl, ifindex (four bytes, any int), src, dst,
 * and the other members, read in order. Checked: the snprintf contract at
 * every capacity (fuzz/string_check.h), and that the text is exactly Go's
 * ControlMessage.String(): "ttl=%d src=%v dst=%v ifindex=%d", an address
 * whose flag is clear printed "<nil>", rebuilt here with snprintf. A NULL
 * message prints "<nil>".
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "fuzz/string_check.h"
#include "ipv4/control.h"

static int render(const void *obj, char *out, size_t cap)
{
	return ipv4_control_message_string(obj, out, cap);
}

static void go_ip(char *out, size_t cap, int set, struct in_addr a)
{
	if (!set) {
		snprintf(out, cap, "<nil>");
		return;
	}
	FUZZ_CHECK(inet_ntop(AF_INET, &a, out, (socklen_t)cap) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	struct ipv4_control_message cm;
	char src[INET_ADDRSTRLEN];
	char dst[INET_ADDRSTRLEN];
	char want[128];
	char *got;

	memset(&cm, 0, sizeof(cm));
	cm.flags = fuzz_u16(&in);
	cm.ttl = fuzz_u8(&in);
	cm.ifindex = fuzz_u32(&in);
	cm.src = fuzz_addr(&in);
	cm.dst = fuzz_addr(&in);
	cm.tos = fuzz_u8(&in);
	cm.spec_dst = fuzz_addr(&in);
	cm.drops = fuzz_u32(&in);
	go_ip(src, sizeof(src), (cm.flags & IPV4_FLAG_SRC) != 0, cm.src);
	go_ip(dst, sizeof(dst), (cm.flags & IPV4_FLAG_DST) != 0, cm.dst);
	snprintf(want, sizeof(want), "ttl=%u src=%s dst=%s ifindex=%u", cm.ttl,
		 src, dst, cm.ifindex);
	got = fuzz_check_string(render, &cm);
	FUZZ_CHECK(strcmp(got, want) == 0);
	free(got);
	got = fuzz_check_string(render, NULL);
	FUZZ_CHECK(strcmp(got, "<nil>") == 0);
	free(got);
	return 0;
}
