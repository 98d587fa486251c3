/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the driven side's pure parts (drive.h): reading the fields of
// a probe's answer, hex, the documented-divergence note, and the ports a
// case gets (runner.h). Starting a probe needs a namespace: the suite
// itself covers that.
#include <gtest/gtest.h>

#include <cstring>

extern "C" {
#include "netns-tests/cases.h"
#include "netns-tests/drive.h"
#include "netns-tests/driven.h"
#include "netns-tests/observe.h"
}

namespace {

nt_drv* Answer(const char* text) {
  static nt_drv d;
  memset(&d, 0, sizeof(d));
  snprintf(d.answer, sizeof(d.answer), "%s", text);
  snprintf(d.request, sizeof(d.request), "ReadFrom r 64 100");
  return &d;
}

TEST(DriveAnswer, FindsFieldsAtWordStartsOnly) {
  const nt_drv* d = Answer(
      "ok n=5 trunc=0 src=198.18.1.2:4000 data=68656c6c6f cm=ttl=64 "
      "src=<nil> dst=198.18.1.1 ifindex=2");
  char v[64];
  ASSERT_TRUE(nt_answer_field(d, "n", v, sizeof(v)));
  EXPECT_STREQ("5", v);
  ASSERT_TRUE(nt_answer_field(d, "src", v, sizeof(v)));
  EXPECT_STREQ("198.18.1.2:4000", v)
      << "the first src=, not the control message's";
  ASSERT_TRUE(nt_answer_field(d, "data", v, sizeof(v)));
  EXPECT_STREQ("68656c6c6f", v);
  EXPECT_FALSE(nt_answer_field(d, "runc", v, sizeof(v))) << "not inside a word";
  EXPECT_FALSE(nt_answer_field(d, "hdr", v, sizeof(v)));
  EXPECT_STREQ("ttl=64 src=<nil> dst=198.18.1.1 ifindex=2",
               nt_answer_rest(d, "cm"));
  EXPECT_STREQ("", nt_answer_rest(d, "hdr"));
  ASSERT_TRUE(nt_answer_field(d, "data", v, 4));
  EXPECT_STREQ("686", v) << "cut to the room given";
}

TEST(DriveAnswer, ReadsThePortOfAnAddressOrFails) {
  nt_ctx c = {};
  EXPECT_EQ(40312u, nt_answer_port(&c, Answer("ok 127.0.0.1:40312")));
  EXPECT_FALSE(c.failed);
  for (const char* bad :
       {"ok 127.0.0.1", "ok 127.0.0.1:", "ok 127.0.0.1:0", "ok 1.2.3.4:65536",
        "ok 1.2.3.4:12x", "err EPERM", "unsupported"}) {
    nt_ctx f = {};
    EXPECT_EQ(0u, nt_answer_port(&f, Answer(bad))) << bad;
    EXPECT_TRUE(f.failed) << bad;
    EXPECT_NE(nullptr, strstr(f.detail, bad)) << f.detail;
  }
}

TEST(DriveHex, WritesLowercaseAndADashForNothing) {
  char out[16];
  nt_hex("\x01\xab\xff", 3, out, sizeof(out));
  EXPECT_STREQ("01abff", out);
  nt_hex("", 0, out, sizeof(out));
  EXPECT_STREQ("-", out);
  nt_hex("abcdefgh", 8, out, 7);
  EXPECT_STREQ("616263", out) << "whole bytes only, terminated";
}

TEST(DriveDiffers, NamesEachRowOnceAndKeepsThePass) {
  nt_ctx c = {};
  nt_differs(&c, "S1", "trunc=%d", 0);
  nt_differs(&c, "S3", "src=%s", "198.18.1.2");
  nt_differs(&c, "S1", "again");
  EXPECT_STREQ(
      "differs as conformance/DIVERGENCES.md row S1 documents: trunc=0; "
      "differs as "
      "conformance/DIVERGENCES.md row S3 documents: src=198.18.1.2",
      c.note);
  EXPECT_FALSE(c.failed);
  EXPECT_EQ(NT_PASS, nt_pass(&c, "seen"));
}

TEST(DriveUnsupported, LaterFailuresAreNotRecorded) {
  nt_ctx c = {};
  c.unsupported = true;
  snprintf(c.detail, sizeof(c.detail), "unsupported: JoinGroup r s0 239.1.1.1");
  EXPECT_EQ(NT_FAIL, nt_fail(&c, "expected 3, saw 0"));
  EXPECT_FALSE(c.failed);
  EXPECT_STREQ("unsupported: JoinGroup r s0 239.1.1.1", c.detail);
}

TEST(CasePorts, EachCaseHasItsOwnBlock) {
  size_t n = 0;
  nt_cases(&n);
  ASSERT_GT(n, 1u);
  nt_ctx first = {};
  first.port_base = NT_PORT_BASE;
  EXPECT_EQ(NT_PORT_BASE, nt_port(&first, 0));
  EXPECT_EQ(NT_PORT_BASE + NT_PORTS_PER_CASE - 1,
            nt_port(&first, NT_PORTS_PER_CASE - 1));
  EXPECT_LT(NT_PORT_BASE + n * NT_PORTS_PER_CASE, 32768u)
      << "below the ephemeral range";
}

TEST(Driven, KnowsTheDrivenFormsAndWhyTheOthersAreLibipv4Only) {
  size_t n = 0;
  const nt_case* all = nt_cases(&n);
  size_t driven = 0;
  for (size_t i = 0; i < n; i++) {
    nt_case_fn d = nt_driven(all[i].name);
    driven += d != nullptr;
    EXPECT_NE(d, all[i].run)
        << all[i].name << ": the driven form is another function";
  }
  EXPECT_GE(driven, 33u);
  EXPECT_NE(nullptr, nt_driven("asm/join-one-link"));
  EXPECT_EQ(nullptr, nt_driven("asm/reuseaddr-two-sockets"));
  EXPECT_EQ(nullptr, nt_driven("no/such-case"));
  EXPECT_NE(nullptr, strstr(nt_libipv4_only("tool/decode-pcap"), "ipv4 tool"));
  EXPECT_NE(nullptr,
            strstr(nt_libipv4_only("errqueue/traceroute"), "read_error"));
  EXPECT_NE(nullptr,
            strstr(nt_libipv4_only("mcast/all-on-off"), "IP_MULTICAST_ALL"));
  EXPECT_NE(nullptr,
            strstr(nt_libipv4_only("no/such-case"), "not yet expressed"));
}

TEST(Wait, WaitsForWhatIsDueThenOnlyTheQuietTime) {
  nt_wait w = nt_wait_start(3, 50);
  int first = nt_wait_ms(&w, 0);
  EXPECT_GT(first, NT_WAIT_MS - 100);
  EXPECT_LE(first, NT_WAIT_MS);
  EXPECT_EQ(50, nt_wait_ms(&w, 3)) << "all came: only the quiet time";
  w.deadline = nt_now() - 1;
  EXPECT_EQ(50, nt_wait_ms(&w, 0)) << "past the deadline: the quiet time";
}

}  // namespace
