/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/icmp_filter.c - sequences of ICMP filter operations, the kernel word
 * conversions and the type names.
 *
 * Input: a list of operations, 2 bytes each (a trailing odd byte is
 * ignored), plus 4 bytes of word for from_kernel:
 *   byte 0: operation in the low 3 bits (see enum op); bit 3 makes the type
 *           out of range (256 + byte 1, or -1 - byte 1 with bit 4 too)
 *   byte 1: the ICMP type, or for set_all whether to block
 * The harness keeps its own model, one flag per type, and after every step
 * checks the filter's 256 bits against it, bit for bit:
 *   - accept, block and will_block take types 0..255 and refuse others with
 *     IPV4_EINVAL, leaving the filter unchanged;
 *   - set_all blocks 0..31 only (what the kernel can block);
 *   - to_kernel gives the model's bits 0..31, or IPV4_EICMPTYPE (and a
 *     zero word) when a type above 31 is blocked; from_kernel of that word
 *     gives the filter back, and to_kernel(from_kernel(w)) == w for any w;
 *   - ipv4_icmp_type_string names exactly Go's thirteen types.
 */
#include <string.h>

#include "fuzz/fuzz.h"
#include "ipv4/icmp.h"

enum op {
	OP_SET_ALL,
	OP_ACCEPT,
	OP_BLOCK,
	OP_WILL_BLOCK,
	OP_TO_KERNEL,
	OP_FROM_KERNEL,
	OP_TYPE_STRING,
	OP_NULL_ARGUMENTS,
};

struct model {
	uint8_t blocked[256]; /* 1 when the type is blocked */
};

static const char *go_name(int type)
{
	switch (type) {
	case 0:
		return "echo reply";
	case 3:
		return "destination unreachable";
	case 5:
		return "redirect";
	case 8:
		return "echo";
	case 9:
		return "router advertisement";
	case 10:
		return "router solicitation";
	case 11:
		return "time exceeded";
	case 12:
		return "parameter problem";
	case 13:
		return "timestamp";
	case 14:
		return "timestamp reply";
	case 40:
		return "photuris";
	case 42:
		return "extended echo request";
	case 43:
		return "extended echo reply";
	default:
		return "<nil>";
	}
}

static void check_same(const struct ipv4_icmp_filter *f, const struct model *m)
{
	for (int t = 0; t < 256; t++) {
		int bit = (f->blocked[t / 8] >> (t % 8)) & 1;

		FUZZ_CHECK(bit == m->blocked[t]);
	}
}

static int blocks_above_31(const struct model *m)
{
	for (int t = IPV4_ICMP_FILTER_KERNEL_TYPES; t < 256; t++) {
		if (m->blocked[t]) {
			return 1;
		}
	}
	return 0;
}

static uint32_t model_word(const struct model *m)
{
	uint32_t word = 0;

	for (unsigned t = 0; t < IPV4_ICMP_FILTER_KERNEL_TYPES; t++) {
		word |= (uint32_t)m->blocked[t] << t;
	}
	return word;
}

/* check_kernel_round_trip converts to the kernel word and back. */
static void check_to_kernel(const struct ipv4_icmp_filter *f,
			    const struct model *m)
{
	struct ipv4_icmp_filter back;
	uint32_t word = 0xdeadbeef;
	int rc = ipv4_icmp_filter_to_kernel(f, &word);

	if (blocks_above_31(m)) {
		FUZZ_CHECK(rc == IPV4_EICMPTYPE);
		FUZZ_CHECK(word == 0);
		return;
	}
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(word == model_word(m));
	memset(&back, 0xa5, sizeof(back));
	FUZZ_CHECK(ipv4_icmp_filter_from_kernel(&back, word) == 0);
	FUZZ_CHECK(memcmp(&back, f, sizeof(back)) == 0);
}

/* check_from_kernel loads an arbitrary word: exact in both directions. */
static void check_from_kernel(struct ipv4_icmp_filter *f, struct model *m,
			      uint32_t word)
{
	uint32_t again = 0;

	FUZZ_CHECK(ipv4_icmp_filter_from_kernel(f, word) == 0);
	for (unsigned t = 0; t < 256; t++) {
		m->blocked[t] = t < 32 ? (uint8_t)(word >> t & 1) : 0;
	}
	FUZZ_CHECK(ipv4_icmp_filter_to_kernel(f, &again) == 0);
	FUZZ_CHECK(again == word);
}

static void check_null_arguments(int type)
{
	struct ipv4_icmp_filter f;
	uint32_t word = 1;

	FUZZ_CHECK(ipv4_icmp_filter_set_all(NULL, 1) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_icmp_filter_accept(NULL, type) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_icmp_filter_block(NULL, type) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_icmp_filter_will_block(NULL, type) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_icmp_filter_from_kernel(NULL, 1) == IPV4_EINVAL);
	FUZZ_CHECK(ipv4_icmp_filter_to_kernel(NULL, &word) == IPV4_EINVAL);
	FUZZ_CHECK(word == 0);
	memset(&f, 0, sizeof(f));
	FUZZ_CHECK(ipv4_icmp_filter_to_kernel(&f, NULL) == IPV4_EINVAL);
}

/* apply_type runs accept, block or will_block and updates the model. */
static void apply_type(struct ipv4_icmp_filter *f, struct model *m, enum op op,
		       int type)
{
	int valid = type >= 0 && type <= IPV4_ICMP_TYPE_MAX;
	int rc;

	if (op == OP_ACCEPT) {
		rc = ipv4_icmp_filter_accept(f, type);
	} else if (op == OP_BLOCK) {
		rc = ipv4_icmp_filter_block(f, type);
	} else {
		rc = ipv4_icmp_filter_will_block(f, type);
		FUZZ_CHECK(rc == (valid ? m->blocked[type] : IPV4_EINVAL));
		return;
	}
	FUZZ_CHECK(rc == (valid ? 0 : IPV4_EINVAL));
	if (valid) {
		m->blocked[type] = op == OP_BLOCK;
	}
}

static void step(struct ipv4_icmp_filter *f, struct model *m, uint8_t b0,
		 uint8_t b1, struct fuzz_input *in)
{
	enum op op = (enum op)(b0 & 7);
	int type = b1;

	if (b0 & 8) {
		type = (b0 & 16) ? -1 - b1 : 256 + b1;
	}
	switch (op) {
	case OP_SET_ALL:
		FUZZ_CHECK(ipv4_icmp_filter_set_all(f, b1 & 1) == 0);
		for (int t = 0; t < 256; t++) {
			m->blocked[t] = (b1 & 1) && t < 32;
		}
		break;
	case OP_ACCEPT:
	case OP_BLOCK:
	case OP_WILL_BLOCK:
		apply_type(f, m, op, type);
		break;
	case OP_TO_KERNEL:
		check_to_kernel(f, m);
		break;
	case OP_FROM_KERNEL:
		check_from_kernel(f, m, fuzz_u32(in));
		break;
	case OP_TYPE_STRING:
		FUZZ_CHECK(strcmp(ipv4_icmp_type_string(type), go_name(type)) ==
			   0);
		break;
	case OP_NULL_ARGUMENTS:
		check_null_arguments(type);
		break;
	}
	check_same(f, m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	struct ipv4_icmp_filter f = { { 0 } };
	struct model m;

	memset(&m, 0, sizeof(m));
	while (in.len >= 2) {
		uint8_t b0 = fuzz_u8(&in);
		uint8_t b1 = fuzz_u8(&in);

		step(&f, &m, b0, b1, &in);
	}
	check_to_kernel(&f, &m);
	return 0;
}
