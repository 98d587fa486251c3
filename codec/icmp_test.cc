/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the ICMP type names and the ICMP filter with its kernel word.
#include "ipv4/icmp.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstring>
#include <map>
#include <string>

namespace {

// Go's table (iana.go), written out again so that a slip in ours shows.
const std::map<int, std::string> kGoNames = {
    {0, "echo reply"},
    {3, "destination unreachable"},
    {5, "redirect"},
    {8, "echo"},
    {9, "router advertisement"},
    {10, "router solicitation"},
    {11, "time exceeded"},
    {12, "parameter problem"},
    {13, "timestamp"},
    {14, "timestamp reply"},
    {40, "photuris"},
    {42, "extended echo request"},
    {43, "extended echo reply"},
};

ipv4_icmp_filter Fresh() {
  ipv4_icmp_filter f;
  memset(&f, 0, sizeof(f));
  return f;
}

uint32_t Word(const ipv4_icmp_filter& f) {
  uint32_t w = 0xdeadbeef;
  EXPECT_EQ(0, ipv4_icmp_filter_to_kernel(&f, &w));
  return w;
}

TEST(IcmpTypeString, EveryTypeHasGosName) {
  for (int t = -2; t <= 300; t++) {
    auto it = kGoNames.find(t);
    std::string want = it == kGoNames.end() ? "<nil>" : it->second;
    EXPECT_EQ(want, ipv4_icmp_type_string(t)) << t;
  }
}

TEST(IcmpTypeString, ConstantsMatchGosNumbers) {
  EXPECT_STREQ("echo reply", ipv4_icmp_type_string(IPV4_ICMP_TYPE_ECHO_REPLY));
  EXPECT_STREQ("destination unreachable",
               ipv4_icmp_type_string(IPV4_ICMP_TYPE_DESTINATION_UNREACHABLE));
  EXPECT_STREQ("redirect", ipv4_icmp_type_string(IPV4_ICMP_TYPE_REDIRECT));
  EXPECT_STREQ("echo", ipv4_icmp_type_string(IPV4_ICMP_TYPE_ECHO));
  EXPECT_STREQ("router advertisement",
               ipv4_icmp_type_string(IPV4_ICMP_TYPE_ROUTER_ADVERTISEMENT));
  EXPECT_STREQ("router solicitation",
               ipv4_icmp_type_string(IPV4_ICMP_TYPE_ROUTER_SOLICITATION));
  EXPECT_STREQ("time exceeded",
               ipv4_icmp_type_string(IPV4_ICMP_TYPE_TIME_EXCEEDED));
  EXPECT_STREQ("parameter problem",
               ipv4_icmp_type_string(IPV4_ICMP_TYPE_PARAMETER_PROBLEM));
  EXPECT_STREQ("timestamp", ipv4_icmp_type_string(IPV4_ICMP_TYPE_TIMESTAMP));
  EXPECT_STREQ("timestamp reply",
               ipv4_icmp_type_string(IPV4_ICMP_TYPE_TIMESTAMP_REPLY));
  EXPECT_STREQ("photuris", ipv4_icmp_type_string(IPV4_ICMP_TYPE_PHOTURIS));
  EXPECT_STREQ("extended echo request",
               ipv4_icmp_type_string(IPV4_ICMP_TYPE_EXTENDED_ECHO_REQUEST));
  EXPECT_STREQ("extended echo reply",
               ipv4_icmp_type_string(IPV4_ICMP_TYPE_EXTENDED_ECHO_REPLY));
  EXPECT_EQ(1, IPV4_ICMP_PROTOCOL);
}

TEST(IcmpTypeString, ExtremeIntegersAreNil) {
  EXPECT_STREQ("<nil>", ipv4_icmp_type_string(INT_MIN));
  EXPECT_STREQ("<nil>", ipv4_icmp_type_string(INT_MAX));
  EXPECT_STREQ("<nil>", ipv4_icmp_type_string(256 + 8));  // no folding
}

TEST(IcmpFilter, ZeroFilterAcceptsEveryType) {
  ipv4_icmp_filter f = Fresh();
  for (int t = 0; t <= 255; t++) {
    EXPECT_EQ(0, ipv4_icmp_filter_will_block(&f, t)) << t;
  }
  EXPECT_EQ(0u, Word(f));
}

// Every one of the 256 types blocked alone in a fresh filter.
TEST(IcmpFilter, BlockingEachTypeAloneSetsOnlyItsBit) {
  for (int t = 0; t <= 255; t++) {
    ipv4_icmp_filter f = Fresh();
    ASSERT_EQ(0, ipv4_icmp_filter_block(&f, t));
    for (int u = 0; u <= 255; u++) {
      EXPECT_EQ(u == t ? 1 : 0, ipv4_icmp_filter_will_block(&f, u))
          << t << " " << u;
    }
    uint32_t w = 0xdeadbeef;
    int rc = ipv4_icmp_filter_to_kernel(&f, &w);
    if (t < 32) {
      EXPECT_EQ(0, rc) << t;
      EXPECT_EQ(1u << t, w) << t;
    } else {
      EXPECT_EQ(IPV4_EICMPTYPE, rc) << t;
      EXPECT_EQ(0u, w) << "a failed conversion reports word 0";
    }
  }
}

// Every one of the 256 types accepted alone after SetAll(true).
TEST(IcmpFilter, AcceptingEachTypeAfterBlockAll) {
  for (int t = 0; t <= 255; t++) {
    ipv4_icmp_filter f = Fresh();
    ASSERT_EQ(0, ipv4_icmp_filter_set_all(&f, 1));
    ASSERT_EQ(0, ipv4_icmp_filter_accept(&f, t));
    EXPECT_EQ(0, ipv4_icmp_filter_will_block(&f, t)) << t;
    uint32_t want = t < 32 ? ~(1u << t) : 0xffffffffu;
    EXPECT_EQ(want, Word(f)) << t;
  }
}

TEST(IcmpFilter, SetAllBlocksWhatTheKernelCanAndNoMore) {
  ipv4_icmp_filter f = Fresh();
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, 200));
  ASSERT_EQ(0, ipv4_icmp_filter_set_all(&f, 1));
  for (int t = 0; t <= 255; t++) {
    EXPECT_EQ(t < 32 ? 1 : 0, ipv4_icmp_filter_will_block(&f, t)) << t;
  }
  EXPECT_EQ(0xffffffffu, Word(f));
  ASSERT_EQ(0, ipv4_icmp_filter_set_all(&f, 0));
  for (int t = 0; t <= 255; t++) {
    EXPECT_EQ(0, ipv4_icmp_filter_will_block(&f, t)) << t;
  }
  EXPECT_EQ(0u, Word(f));
  ASSERT_EQ(0, ipv4_icmp_filter_set_all(&f, 7));  // any non-zero blocks
  EXPECT_EQ(0xffffffffu, Word(f));
}

// Go's TestICMPFilter: after either SetAll, Accept and Block toggle a type.
TEST(IcmpFilter, GoToggleSequence) {
  ipv4_icmp_filter f = Fresh();
  for (int toggle : {0, 1}) {
    ASSERT_EQ(0, ipv4_icmp_filter_set_all(&f, toggle));
    for (int t :
         {IPV4_ICMP_TYPE_DESTINATION_UNREACHABLE, IPV4_ICMP_TYPE_ECHO_REPLY,
          IPV4_ICMP_TYPE_TIME_EXCEEDED, IPV4_ICMP_TYPE_PARAMETER_PROBLEM}) {
      ASSERT_EQ(0, ipv4_icmp_filter_accept(&f, t));
      EXPECT_EQ(0, ipv4_icmp_filter_will_block(&f, t)) << t;
      ASSERT_EQ(0, ipv4_icmp_filter_block(&f, t));
      EXPECT_EQ(1, ipv4_icmp_filter_will_block(&f, t)) << t;
    }
  }
}

// Go's TestSetICMPFilter builds this filter: block all, accept echo and
// echo reply.
TEST(IcmpFilter, BlockAllButEchoGivesTheKernelWord) {
  ipv4_icmp_filter f = Fresh();
  ASSERT_EQ(0, ipv4_icmp_filter_set_all(&f, 1));
  ASSERT_EQ(0, ipv4_icmp_filter_accept(&f, IPV4_ICMP_TYPE_ECHO));
  ASSERT_EQ(0, ipv4_icmp_filter_accept(&f, IPV4_ICMP_TYPE_ECHO_REPLY));
  EXPECT_EQ(0xfffffefeu, Word(f));
}

// DIVERGENCES.md I1: Go folds Block(40) onto type 8 and blocks echo.
TEST(IcmpFilter, BlockAboveThirtyOneDoesNotConvert) {
  ipv4_icmp_filter f = Fresh();
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, IPV4_ICMP_TYPE_PHOTURIS));
  EXPECT_EQ(0, ipv4_icmp_filter_will_block(&f, IPV4_ICMP_TYPE_ECHO));
  uint32_t w = 1;
  EXPECT_EQ(IPV4_EICMPTYPE, ipv4_icmp_filter_to_kernel(&f, &w));
  EXPECT_EQ(0u, w);
  // Accepting it again makes the filter expressible.
  ASSERT_EQ(0, ipv4_icmp_filter_accept(&f, IPV4_ICMP_TYPE_PHOTURIS));
  EXPECT_EQ(0u, Word(f));
}

// DIVERGENCES.md I2: Go folds Accept(40) onto type 8 and unblocks echo.
TEST(IcmpFilter, AcceptAboveThirtyOneLeavesTypeAndThirtyOneAlone) {
  ipv4_icmp_filter f = Fresh();
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, IPV4_ICMP_TYPE_ECHO));
  ASSERT_EQ(0, ipv4_icmp_filter_accept(&f, IPV4_ICMP_TYPE_PHOTURIS));
  EXPECT_EQ(1, ipv4_icmp_filter_will_block(&f, IPV4_ICMP_TYPE_ECHO));
  EXPECT_EQ(1u << 8, Word(f));
}

uint32_t NextWord(uint32_t* state) {
  *state = *state * 1664525u + 1013904223u;
  return *state;
}

TEST(IcmpFilter, KernelWordRoundTripsExactly) {
  uint32_t state = 1;
  for (int i = 0; i < 2000; i++) {
    uint32_t w = i < 32 ? 1u << i : NextWord(&state);
    if (i == 32) w = 0;
    if (i == 33) w = 0xffffffffu;
    ipv4_icmp_filter f;
    memset(&f, 0xff, sizeof(f));
    ASSERT_EQ(0, ipv4_icmp_filter_from_kernel(&f, w));
    for (int t = 0; t <= 255; t++) {
      int want = t < 32 ? static_cast<int>((w >> t) & 1u) : 0;
      ASSERT_EQ(want, ipv4_icmp_filter_will_block(&f, t)) << w << " " << t;
    }
    EXPECT_EQ(w, Word(f));
  }
}

TEST(IcmpFilter, BitmapLayoutIsDocumented) {
  ipv4_icmp_filter f = Fresh();
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, 9));
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, 255));
  EXPECT_EQ(0x02, f.blocked[1]);
  EXPECT_EQ(0x80, f.blocked[31]);
}

TEST(IcmpFilter, RejectsTypesOutsideTheByte) {
  for (int t : {-1, 256, INT_MIN, INT_MAX}) {
    ipv4_icmp_filter f = Fresh();
    ipv4_icmp_filter before = f;
    EXPECT_EQ(IPV4_EINVAL, ipv4_icmp_filter_block(&f, t)) << t;
    EXPECT_EQ(IPV4_EINVAL, ipv4_icmp_filter_accept(&f, t)) << t;
    EXPECT_EQ(IPV4_EINVAL, ipv4_icmp_filter_will_block(&f, t)) << t;
    EXPECT_EQ(0, memcmp(&f, &before, sizeof(f))) << t;
  }
}

TEST(IcmpFilter, RejectsNullArguments) {
  ipv4_icmp_filter f = Fresh();
  uint32_t w = 5;
  EXPECT_EQ(IPV4_EINVAL, ipv4_icmp_filter_set_all(nullptr, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_icmp_filter_accept(nullptr, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_icmp_filter_block(nullptr, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_icmp_filter_will_block(nullptr, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_icmp_filter_to_kernel(nullptr, &w));
  EXPECT_EQ(0u, w);
  EXPECT_EQ(IPV4_EINVAL, ipv4_icmp_filter_to_kernel(&f, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_icmp_filter_from_kernel(nullptr, 1));
}

}  // namespace
