/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the driven side's pure parts (drive.h): reading the fields of
// a probe's answer, hex, the documented-divergence note, and the ports a
// case gets (runner.h); and of what the shared module offers every case
// without a network: the two-count check and the batch message layout
// (lib.h), and the child runner (spawn.h). Starting a probe needs a
// namespace: the suite itself covers that.
#include <gtest/gtest.h>

#include <cstring>

extern "C" {
#include "netns-tests/cases.h"
#include "netns-tests/drive.h"
#include "netns-tests/driven.h"
#include "netns-tests/lib.h"
#include "netns-tests/observe.h"
#include "netns-tests/spawn.h"
}

#include <csignal>
#include <unistd.h>

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

TEST(ExpectTwo, PassesOnBothCountsAndSaysWhatWasSeenOtherwise) {
  const int right[2] = {3, 0};
  const int wrong[2] = {3, 3};
  nt_ctx c = {};
  EXPECT_EQ(NT_PASS, nt_expect_two(&c, right, 3, 0, "never %s", "shown"));
  EXPECT_FALSE(c.failed);
  EXPECT_EQ(
      NT_FAIL,
      nt_expect_two(&c, wrong, 3, 0,
                    "joined on s0 only: expected %d of a's and 0 of b's", 3));
  EXPECT_TRUE(c.failed);
  EXPECT_STREQ("joined on s0 only: expected 3 of a's and 0 of b's, saw 3 and 3",
               c.detail);
  nt_ctx first = {};
  const int wrong_first[2] = {2, 0};
  EXPECT_EQ(NT_FAIL, nt_expect_two(&first, wrong_first, 3, 0, "x"));
  EXPECT_STREQ("x, saw 2 and 0", first.detail) << "the first count alone";
}

TEST(LibMessage, OneBufferAndNothingElse) {
  uint8_t buf[32];
  iovec iov = {};
  ipv4_message m;
  memset(&m, 0x5a, sizeof(m));
  nt_lib_message(&m, &iov, buf, sizeof(buf));
  EXPECT_EQ(&iov, m.buffers);
  EXPECT_EQ(1u, m.num_buffers);
  EXPECT_EQ(buf, iov.iov_base);
  EXPECT_EQ(sizeof(buf), iov.iov_len);
  EXPECT_EQ(nullptr, m.oob) << "the rest zeroed";
  EXPECT_EQ(0u, m.oob_len);
  EXPECT_EQ(0u, m.n);
}

void WritesAndExits3(const void* arg, int out_fd) {
  const char* text = static_cast<const char*>(arg);
  if (write(out_fd, text, strlen(text)) < 0) {
    _exit(1);
  }
  _exit(3);
}

void KillsItself(const void*, int) {
  raise(SIGTERM);
  _exit(0);
}

TEST(SpawnFn, CollectsWhatTheChildWroteAndHowItEnded) {
  char out[64];
  EXPECT_EQ(3, nt_spawn_fn(WritesAndExits3, "why it failed", out, sizeof(out)));
  EXPECT_STREQ("why it failed", out);
  char small[4];
  EXPECT_EQ(
      3, nt_spawn_fn(WritesAndExits3, "why it failed", small, sizeof(small)));
  EXPECT_STREQ("why", small) << "cut to the room given, terminated";
  EXPECT_EQ(128 + SIGTERM, nt_spawn_fn(KillsItself, nullptr, out, sizeof(out)));
  EXPECT_STREQ("", out);
}

TEST(Spawn, RunsAProgramOrSaysItCouldNot) {
  char out[128];
  char echo[] = "echo";
  char hello[] = "hello";
  char* argv[] = {echo, hello, nullptr};
  EXPECT_EQ(0, nt_spawn(argv, out, sizeof(out)));
  EXPECT_STREQ("hello\n", out);
  char missing[] = "/nonexistent/program";
  char* bad[] = {missing, nullptr};
  EXPECT_EQ(127, nt_spawn(bad, out, sizeof(out)));
  EXPECT_NE(nullptr, strstr(out, "cannot execute /nonexistent/program")) << out;
}

}  // namespace
