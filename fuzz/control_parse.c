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
 * zero. NULL arguments and unknown formats are refused the same way. The
 * named format of this machine's word size and byte order must answer as
 * the native one does.
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

/* NO_FORMAT is one past the last enum ipv4_cmsg_format value. */
#define NO_FORMAT (IPV4_CMSG_FORMAT_DARWIN_BE + 1)

/*
 * check_named parses buf in the named format of this machine's word size
 * and byte order, which must give what the native format gives (rc and
 * every member); the named formats of the other machines are checked by
 * the vectors, on every machine.
 */
static void check_named(const uint8_t *buf, size_t len,
			enum ipv4_cmsg_format native,
			enum ipv4_cmsg_format named)
{
	struct ipv4_control_message a;
	struct ipv4_control_message b;
	int rc = ipv4_control_message_parse(&a, buf, len, native);

	FUZZ_CHECK(ipv4_control_message_parse(&b, buf, len, named) == rc);
	FUZZ_CHECK(rc != 0 || cm_same(&a, &b));
}

/*
 * check_any parses buf in a named format of any machine: the model knows
 * only this machine's, so what is checked is what holds for every parse:
 * a named result code, an all-zero output on failure, and on success only
 * flags parse can set.
 */
static void check_any(const uint8_t *buf, size_t len,
		      enum ipv4_cmsg_format format)
{
	struct ipv4_control_message m;
	int rc;

	memset(&m, 0xa5, sizeof(m));
	rc = ipv4_control_message_parse(&m, buf, len, format);
	fuzz_check_code(rc);
	if (rc != 0) {
		FUZZ_CHECK(fuzz_all_zero(&m, sizeof(m)));
		return;
	}
	FUZZ_CHECK((m.flags & ~IPV4_FLAG_ALL) == 0);
	FUZZ_CHECK((m.flags & (IPV4_FLAG_SRC | IPV4_FLAG_GSO)) == 0);
	FUZZ_CHECK(m.timestamp.nsec < 1000000000u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const bool big = CMSG_MODEL_HOST_BIG;
	const bool wide = sizeof(void *) == 8;

	for (unsigned format = 0; format <= 2; format++) {
		check_format(data, size, format);
	}
	check_format(data, size, NO_FORMAT);
	check_named(data, size, IPV4_CMSG_FORMAT_LINUX,
		    wide ? (big ? IPV4_CMSG_FORMAT_LINUX_64_BE
				: IPV4_CMSG_FORMAT_LINUX_64_LE)
			 : (big ? IPV4_CMSG_FORMAT_LINUX_32_BE
				: IPV4_CMSG_FORMAT_LINUX_32_LE));
	check_named(data, size, IPV4_CMSG_FORMAT_FREEBSD,
		    wide ? (big ? IPV4_CMSG_FORMAT_FREEBSD_64_BE
				: IPV4_CMSG_FORMAT_FREEBSD_64_LE)
			 : (big ? IPV4_CMSG_FORMAT_FREEBSD_32_BE
				: IPV4_CMSG_FORMAT_FREEBSD_32_LE));
	check_named(data, size, IPV4_CMSG_FORMAT_DARWIN,
		    big ? IPV4_CMSG_FORMAT_DARWIN_BE
			: IPV4_CMSG_FORMAT_DARWIN_LE);
	for (unsigned f = IPV4_CMSG_FORMAT_LINUX_64_LE;
	     f <= IPV4_CMSG_FORMAT_DARWIN_BE; f++) {
		check_any(data, size, (enum ipv4_cmsg_format)f);
	}
	check_bad_arguments(data, size);
	return 0;
}
