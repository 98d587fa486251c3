/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the traceroute example's probes and answer matching. The ICMP
// messages below were built apart from this code (Python's struct and a
// plain RFC 1071 sum): answers to the UDP probe 198.18.3.1:40000 ->
// 198.19.4.2:33434 and to the echo request id 0x1234 seq 7.
#include "examples/lib/trace.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "ipv4/header.h"
#include "testing/guarded.h"

using ipv4_testing::FromHex;
using ipv4_testing::Guarded;
using ipv4_testing::ToHex;

namespace {

const char kTimeExceededUdp[] =
    "0b00d5fc00000000 4500003c1111000001111578c6120301c6130402 "
    "9c40829a00280000";
const char kPortUnreachable[] =
    "0303ddf900000000 4500003c1111000001111578c6120301c6130402 "
    "9c40829a00280000";
const char kHostUnreachable[] =
    "0301ddfb00000000 4500003c1111000001111578c6120301c6130402 "
    "9c40829a00280000";
// The probe's header carries a Router Alert option (IHL 6).
const char kTimeExceededWithOptions[] =
    "0b00d5fc00000000 4600003c1111000001118073c6120301c6130402 94040000"
    "9c40829a00280000";
const char kEchoReply[] = "000084101234000748454c4c4f2d522d552d5448455245";
const char kTimeExceededEcho[] =
    "0b005eb400000000 4500003c1111000001011588c6120301c6130402 "
    "08007c1012340007";

trace_probe Udp() {
  trace_probe p = {};
  p.kind = TRACE_PROBE_UDP;
  inet_pton(AF_INET, "198.19.4.2", &p.dst);
  p.src_port = 40000;
  p.dst_port = 33434;
  return p;
}

trace_probe Icmp() {
  trace_probe p = {};
  p.kind = TRACE_PROBE_ICMP;
  inet_pton(AF_INET, "198.19.4.2", &p.dst);
  p.id = 0x1234;
  p.seq = 7;
  return p;
}

// Match runs trace_match over hex placed against a guard page.
trace_answer Match(const trace_probe& p, const std::string& hex,
                   uint8_t* code = nullptr) {
  std::vector<uint8_t> b = FromHex(hex.c_str());
  Guarded g(b);
  return trace_match(&p, g.data(), g.size(), code);
}

TEST(TraceEchoBuild, WritesTypeIdSeqDataAndChecksum) {
  const uint8_t data[] = "HELLO-R-U-THERE";
  uint8_t out[64];
  size_t len = 0;
  ASSERT_EQ(0, trace_echo_build(0x1234, 1, data, sizeof(data) - 1, out,
                                sizeof(out), &len));
  EXPECT_EQ("08007c161234000148454c4c4f2d522d552d5448455245", ToHex(out, len));
  EXPECT_EQ(trace_echo_size(sizeof(data) - 1), len);
}

TEST(TraceEchoBuild, ReportsTheSizeWhenShort) {
  const uint8_t data[4] = {1, 2, 3, 4};
  for (size_t cap = 0; cap < 12; cap++) {
    std::vector<uint8_t> out(12, 0xee);
    size_t len = 0;
    EXPECT_EQ(TRACE_ENOBUF,
              trace_echo_build(1, 2, data, 4, out.data(), cap, &len))
        << cap;
    EXPECT_EQ(12u, len);
    EXPECT_EQ(std::vector<uint8_t>(12, 0xee), out);
  }
}

TEST(TraceEchoBuild, RefusesBadArguments) {
  uint8_t out[16];
  size_t len;
  EXPECT_EQ(TRACE_EINVAL,
            trace_echo_build(1, 2, nullptr, 1, out, sizeof(out), &len));
  EXPECT_EQ(TRACE_EINVAL,
            trace_echo_build(1, 2, nullptr, 0, out, sizeof(out), nullptr));
  EXPECT_EQ(TRACE_EINVAL, trace_echo_build(1, 2, nullptr, 0, nullptr, 8, &len));
  EXPECT_EQ(TRACE_EINVAL,
            trace_echo_build(1, 2, out, 65535, out, sizeof(out), &len));
  EXPECT_EQ(0, trace_echo_build(1, 2, nullptr, 0, out, sizeof(out), &len));
  EXPECT_EQ(8u, len);
}

TEST(TraceMatch, TakesTimeExceededQuotingTheUdpProbe) {
  uint8_t code = 9;
  EXPECT_EQ(TRACE_TIME_EXCEEDED, Match(Udp(), kTimeExceededUdp, &code));
  EXPECT_EQ(0, code);
  EXPECT_EQ(TRACE_TIME_EXCEEDED, Match(Udp(), kTimeExceededWithOptions))
      << "the quote's header length comes from its IHL";
}

TEST(TraceMatch, TakesUnreachableWithItsCode) {
  uint8_t code = 0;
  EXPECT_EQ(TRACE_UNREACHABLE, Match(Udp(), kPortUnreachable, &code));
  EXPECT_EQ(TRACE_CODE_PORT_UNREACHABLE, code);
  EXPECT_EQ(TRACE_UNREACHABLE, Match(Udp(), kHostUnreachable, &code));
  EXPECT_EQ(1, code);
}

TEST(TraceMatch, TakesEchoReplyAndTimeExceededForEchoProbes) {
  EXPECT_EQ(TRACE_ECHO_REPLY, Match(Icmp(), kEchoReply));
  EXPECT_EQ(TRACE_TIME_EXCEEDED, Match(Icmp(), kTimeExceededEcho));
}

TEST(TraceMatch, RefusesAnswersToOtherProbes) {
  trace_probe p = Udp();
  p.dst_port = 33435;
  EXPECT_EQ(TRACE_NOT_OURS, Match(p, kTimeExceededUdp));
  p = Udp();
  p.src_port = 40001;
  EXPECT_EQ(TRACE_NOT_OURS, Match(p, kTimeExceededUdp));
  p = Udp();
  inet_pton(AF_INET, "198.19.4.3", &p.dst);
  EXPECT_EQ(TRACE_NOT_OURS, Match(p, kTimeExceededUdp));
  p = Icmp();
  p.seq = 8;
  EXPECT_EQ(TRACE_NOT_OURS, Match(p, kEchoReply));
  EXPECT_EQ(TRACE_NOT_OURS, Match(p, kTimeExceededEcho));
  p = Icmp();
  p.id = 0x1235;
  EXPECT_EQ(TRACE_NOT_OURS, Match(p, kEchoReply));
  EXPECT_EQ(TRACE_NOT_OURS, Match(Icmp(), kTimeExceededUdp)) << "a UDP quote";
  EXPECT_EQ(TRACE_NOT_OURS, Match(Udp(), kTimeExceededEcho)) << "an echo quote";
  EXPECT_EQ(TRACE_NOT_OURS, Match(Udp(), kEchoReply));
}

TEST(TraceMatch, RefusesABadChecksum) {
  std::string bad = kTimeExceededUdp;
  bad[3] = 'd';  // d5fc -> d5fd
  bad[4] = 'd';
  EXPECT_EQ(TRACE_NOT_OURS, Match(Udp(), bad));
}

TEST(TraceMatch, RefusesOtherTypes) {
  // An echo request carrying the probe's id and seq is not an answer.
  EXPECT_EQ(TRACE_NOT_OURS, Match(Icmp(), "08007c1012340007"));
}

TEST(TraceMatch, RefusesEveryTruncatedPrefix) {
  const std::vector<std::pair<const char*, trace_probe>> answers = {
      {kTimeExceededUdp, Udp()},         {kPortUnreachable, Udp()},
      {kTimeExceededWithOptions, Udp()}, {kEchoReply, Icmp()},
      {kTimeExceededEcho, Icmp()},
  };
  for (const auto& [hex, probe] : answers) {
    std::vector<uint8_t> b = FromHex(hex);
    ASSERT_NE(TRACE_NOT_OURS, trace_match(&probe, b.data(), b.size(), nullptr))
        << hex;
    for (size_t len = 0; len < b.size(); len++) {
      Guarded g(b.data(), len);
      uint8_t code = 7;
      EXPECT_EQ(TRACE_NOT_OURS, trace_match(&probe, g.data(), len, &code))
          << hex << " " << len;
      EXPECT_EQ(0, code);
    }
  }
}

// Cut quotes whose checksum is made right again must still be refused:
// the quote must hold the probe's whole header and 8 bytes after it.
TEST(TraceMatch, RefusesQuotesCutShortEvenWithAGoodChecksum) {
  for (const char* hex :
       {kTimeExceededUdp, kTimeExceededWithOptions, kTimeExceededEcho}) {
    trace_probe probe = hex == kTimeExceededEcho ? Icmp() : Udp();
    std::vector<uint8_t> b = FromHex(hex);
    for (size_t len = TRACE_ICMP_HEADER_LEN; len < b.size(); len++) {
      std::vector<uint8_t> cut(b.begin(), b.begin() + static_cast<long>(len));
      cut[2] = cut[3] = 0;
      uint16_t sum = ipv4_checksum(cut.data(), cut.size());
      cut[2] = static_cast<uint8_t>(sum >> 8);
      cut[3] = static_cast<uint8_t>(sum);
      Guarded g(cut);
      EXPECT_EQ(TRACE_NOT_OURS,
                trace_match(&probe, g.data(), g.size(), nullptr))
          << hex << " cut to " << len;
    }
  }
}

TEST(TraceMark, FollowsTheClassicTool) {
  EXPECT_STREQ("", trace_mark(TRACE_TIME_EXCEEDED, 0));
  EXPECT_STREQ("", trace_mark(TRACE_ECHO_REPLY, 0));
  EXPECT_STREQ("", trace_mark(TRACE_UNREACHABLE, 3));
  EXPECT_STREQ("!N", trace_mark(TRACE_UNREACHABLE, 0));
  EXPECT_STREQ("!H", trace_mark(TRACE_UNREACHABLE, 1));
  EXPECT_STREQ("!P", trace_mark(TRACE_UNREACHABLE, 2));
  EXPECT_STREQ("!F", trace_mark(TRACE_UNREACHABLE, 4));
  EXPECT_STREQ("!S", trace_mark(TRACE_UNREACHABLE, 5));
  EXPECT_STREQ("!9", trace_mark(TRACE_UNREACHABLE, 9));
  EXPECT_STREQ("!X", trace_mark(TRACE_UNREACHABLE, 13));
  EXPECT_STREQ("!C", trace_mark(TRACE_UNREACHABLE, 15));
  EXPECT_STREQ("!?", trace_mark(TRACE_UNREACHABLE, 16));
}

}  // namespace
