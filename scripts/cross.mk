# SPDX-License-Identifier: BSD-3-Clause
# scripts/cross.mk - builds libipv4 outside Bazel with any C compiler, for
# scripts/cross-test: the codec, the probe, the fuzz harnesses' replay
# mains, the codec's Google Test unit tests (Google Test built from
# Debian's googletest sources with the same compiler, cached), and the
# whole library with the `ipv4` tool and the examples.
#
#   make -f scripts/cross.mk OUT=build/cross/s390x TRIPLE=s390x-linux-gnu codec-all
#   make -f scripts/cross.mk OUT=build/musl CC=musl-gcc CXX= everything
#
# TRIPLE picks the cross compilers ($(TRIPLE)-gcc, $(TRIPLE)-g++); CC and
# CXX override them. STD is the C language level. The flags are those of
# the Bazel build (.bazelrc, the copts of each BUILD) plus -pedantic.

TRIPLE ?=
ifneq ($(TRIPLE),)
CC := $(TRIPLE)-gcc
CXX := $(TRIPLE)-g++
AR := $(TRIPLE)-ar
else
AR ?= ar
endif
OUT ?= build/cross/native
STD ?= c11
GTEST_SRC ?= /usr/src/googletest/googletest
# Google Test is the same for every build of one compiler: kept apart from
# OUT so that a clean OUT does not rebuild it.
GTEST_OUT ?= build/cross/gtest/$(or $(TRIPLE),native)

# The warnings of the Bazel build, from warnings.bzl (scripts/warnings), and
# -pedantic.
warnings = $(shell sh scripts/warnings $(1))
WARN := $(call warnings,WARN_BASE WARN_ERROR) -pedantic
# -MMD -MP: each object lists the headers it read (the .d files included
# at the end), so that a changed header rebuilds what uses it.
# _FILE_OFFSET_BITS=64: a 32-bit program under qemu-user reads the host's
# 64-bit filesystem, whose inode numbers and directory offsets do not fit the
# 32-bit struct dirent (readdir fails with EOVERFLOW): the fuzz replays read
# their corpus directories.
CFLAGS_ALL = -std=$(STD) -O2 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 $(WARN) -Iinclude -I. -MMD -MP $(EXTRA_CFLAGS)
CODEC_WARN := $(call warnings,WARN_STRICT WARN_CONVERSION)
# The socket layer is written to glibc's types; musl's struct msghdr (int
# msg_iovlen, socklen_t msg_controllen) and recvmmsg's unsigned flags differ,
# so scripts/cross-test builds it with musl with SHIM_WARN=WARN_STRICT alone.
SHIM_WARN ?= $(CODEC_WARN)
CXXFLAGS_ALL = -std=c++17 -O0 -D_DEFAULT_SOURCE $(call warnings,WARN_BASE WARN_ERROR) \
	-Iinclude -I. -MMD -MP -isystem $(GTEST_SRC)/include
LDLIBS_CXX = -pthread
# The socket layer keeps its deadlines in 64-bit atomics, which 32-bit
# PowerPC has no instruction for: there gcc calls libatomic.
ifneq ($(filter powerpc-%,$(TRIPLE)),)
LDLIBS_ATOMIC = -latomic
endif

CODEC_SRCS = $(wildcard codec/*.c)
SHIM_SRCS = $(wildcard shim/*.c)
PROBE_SRCS = $(wildcard conformance/probe*.c)
# The codec's harnesses: fuzz/shim_*.c drive the socket layer over glibc
# calls wrapped at link time (fuzz/BUILD) and are built by Bazel only.
HARNESSES = $(patsubst fuzz/%.c,%,$(filter-out fuzz/replay_main.c fuzz/shim_%,$(wildcard fuzz/*_*.c)))
CODEC_TESTS = $(patsubst codec/%.cc,%,$(wildcard codec/*_test.cc))
SHIM_TESTS = $(patsubst shim/%.cc,%,$(wildcard shim/*_test.cc))
TOOL_SRCS = $(filter-out %_test.cc,$(wildcard cmd/ipv4/*.c)) lib/cli/cli.c
EXAMPLE_LIB_SRCS = $(wildcard examples/lib/*.c)
EXAMPLE_BINS = marking_tcp mdns_oneshot ospf_hello traceroute

obj = $(patsubst %.c,$(OUT)/obj/%.o,$(1))

.PHONY: codec-all everything codec probe replays tests shim-tests gtest lib tool examples
.DELETE_ON_ERROR:
# Objects shared by several links (replay_main.o, guarded.o) are kept.
.SECONDARY:

codec-all: codec probe replays tests
everything: codec probe replays lib tool examples

codec: $(OUT)/libcodec.a
probe: $(OUT)/probe
replays: $(addprefix $(OUT)/fuzz/,$(HARNESSES))
tests: $(addprefix $(OUT)/test/,$(CODEC_TESTS))
shim-tests: $(addprefix $(OUT)/shim-test/,$(SHIM_TESTS))
gtest: $(GTEST_OUT)/libgtest.a
lib: $(OUT)/libipv4.a
tool: $(OUT)/ipv4
examples: $(addprefix $(OUT)/examples/,$(EXAMPLE_BINS))

$(OUT)/obj/codec/%.o: codec/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CODEC_WARN) -c $< -o $@

$(OUT)/obj/shim/%.o: shim/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(SHIM_WARN) -c $< -o $@

$(OUT)/obj/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -D_GNU_SOURCE $(CODEC_WARN) $(PCAP_DEFS) -c $< -o $@

$(OUT)/obj/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -D_GNU_SOURCE $(CODEC_WARN) -c $< -o $@

$(OUT)/obj/examples/%.o: examples/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -D_GNU_SOURCE $(CODEC_WARN) -c $< -o $@

$(OUT)/obj/fuzz/%.o: fuzz/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CODEC_WARN) -c $< -o $@

$(OUT)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CODEC_WARN) -c $< -o $@

$(OUT)/libcodec.a: $(call obj,$(CODEC_SRCS))
	rm -f $@
	$(AR) rcs $@ $^

$(OUT)/libipv4.a: $(call obj,$(CODEC_SRCS) $(SHIM_SRCS))
	rm -f $@
	$(AR) rcs $@ $^

$(OUT)/probe: $(call obj,$(PROBE_SRCS)) $(OUT)/libcodec.a
	$(CC) -o $@ $^

$(OUT)/fuzz/%: $(OUT)/obj/fuzz/%.o $(OUT)/obj/fuzz/replay_main.o $(OUT)/libcodec.a
	@mkdir -p $(@D)
	$(CC) -o $@ $^

# The tool reads capture files through libpcap (decode --pcap); PCAP=0
# builds it without (IPV4_TOOL_NO_PCAP: --pcap then says so), for C
# libraries Debian has no libpcap for (musl).
PCAP ?= 1
ifeq ($(PCAP),0)
PCAP_DEFS = -DIPV4_TOOL_NO_PCAP
LDLIBS_PCAP =
else
PCAP_DEFS =
LDLIBS_PCAP = -lpcap
endif
$(OUT)/ipv4: $(call obj,$(TOOL_SRCS)) $(OUT)/libipv4.a
	$(CC) -o $@ $^ $(LDLIBS_PCAP) $(LDLIBS_ATOMIC)

$(OUT)/libexamples.a: $(call obj,$(EXAMPLE_LIB_SRCS) lib/cli/cli.c)
	rm -f $@
	$(AR) rcs $@ $^

$(OUT)/examples/%: $(OUT)/obj/examples/%.o $(OUT)/libexamples.a $(OUT)/libipv4.a
	@mkdir -p $(@D)
	$(CC) -o $@ $^ $(LDLIBS_ATOMIC)

# Google Test, from Debian's sources, with this compiler.
$(GTEST_OUT)/%.o: $(GTEST_SRC)/src/%.cc
	@mkdir -p $(@D)
	$(CXX) -std=c++17 -O1 -isystem $(GTEST_SRC)/include -I$(GTEST_SRC) -c $< -o $@

$(GTEST_OUT)/libgtest.a: $(GTEST_OUT)/gtest-all.o $(GTEST_OUT)/gtest_main.o
	rm -f $@
	$(AR) rcs $@ $^

$(OUT)/obj/%.o: %.cc
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -c $< -o $@

$(OUT)/test/%: $(OUT)/obj/codec/%.o $(OUT)/obj/testing/guarded.o $(OUT)/libcodec.a $(GTEST_OUT)/libgtest.a
	@mkdir -p $(@D)
	$(CXX) -o $@ $^ $(LDLIBS_CXX)

$(OUT)/shim-test/%: $(OUT)/obj/shim/%.o $(OUT)/obj/testing/guarded.o $(OUT)/libipv4.a $(GTEST_OUT)/libgtest.a
	@mkdir -p $(@D)
	$(CXX) -o $@ $^ $(LDLIBS_CXX) $(LDLIBS_ATOMIC)

-include $(shell find $(OUT)/obj -name '*.d' 2>/dev/null)
