/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/control_parse.c - ipv4_control_message_parse in every cmsg format.
 *
 * Input: control data as recvmsg() leaves it in msg_control, unchanged, so
 * the vectors' `cm` requests are seeds. Each input is parsed in the Linux,
 * FreeBSD and Darwin layouts and every answer is compared, member by
 * member, with fuzz/control_model.h's parser, written from the
 * documentation: the result code (framing errors first, then the first
 * payload the codec refuses), and on success every member and flag, later
 * messages overwriting earlier ones. A failure must leave the output all
 * zero. NULL arguments and unknown formats are refused the same way.
 */
#include <string.h>

#include "fuzz/control_model.h"

static void check_format(const uint8_t *buf, size_t len, unsigned format)
{
	struct ipv4_control_message got;
	struct ipv4_control_message want;
	int rc = cm_model_parse(&want, buf, len, format);

	memset(&got, 0xa5, sizeof(got));
	FUZZ_CHECK(ipv4_control_message_parse(&got, buf, len,
					      (enum ipv4_cmsg_format)format) ==
		   rc);
	fuzz_check_code(rc);
	if (rc != 0) {
		FUZZ_CHECK(fuzz_all_zero(&got, sizeof(got)));
		return;
	}
	FUZZ_CHECK(cm_same(&got, &want));
	FUZZ_CHECK((got.flags & ~IPV4_FLAG_ALL) == 0);
	FUZZ_CHECK((got.flags & (IPV4_FLAG_SRC | IPV4_FLAG_GSO)) == 0);
}

static void check_bad_arguments(const uint8_t *buf, size_t len)
{
	struct ipv4_control_message m;

	FUZZ_CHECK(ipv4_control_message_parse(NULL, buf, len,
					      IPV4_CMSG_FORMAT_LINUX) ==
		   IPV4_EINVAL);
	memset(&m, 0xa5, sizeof(m));
	FUZZ_CHECK(ipv4_control_message_parse(&m, NULL, len + 1,
					      IPV4_CMSG_FORMAT_LINUX) ==
		   IPV4_EINVAL);
	FUZZ_CHECK(fuzz_all_zero(&m, sizeof(m)));
	memset(&m, 0xa5, sizeof(m));
	FUZZ_CHECK(ipv4_control_message_parse(&m, NULL, 0,
					      IPV4_CMSG_FORMAT_LINUX) == 0);
	FUZZ_CHECK(fuzz_all_zero(&m, sizeof(m)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (unsigned format = 0; format <= 3; format++) {
		check_format(data, size, format); /* 3 is no format */
	}
	check_bad_arguments(data, size);
	return 0;
}
