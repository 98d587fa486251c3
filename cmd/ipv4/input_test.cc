/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the decode input: plain hex and tcpdump -x, -xx, -X dumps. The
// dumps are tcpdump 4.99's own output for a capture of an IPv4 UDP
// datagram, an IPv6 one, and the IPv4 one again.
#include "cmd/ipv4/input.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

const char kIpv4[] =
    "45280021000100000311ff8bc6120101ef01020304d2162e000d000068656c6c6f";

const char kDashX[] =
    "22:13:20.500000 IP 198.18.1.1.1234 > 239.1.2.3.5678: UDP, length 5\n"
    "\t0x0000:  4528 0021 0001 0000 0311 ff8b c612 0101\n"
    "\t0x0010:  ef01 0203 04d2 162e 000d 0000 6865 6c6c\n"
    "\t0x0020:  6f\n"
    "22:13:21.500000 IP6 ::.0 > ::.0: truncated-udplength 0\n"
    "\t0x0000:  6000 0000 0008 1140 0000 0000 0000 0000\n"
    "\t0x0010:  0000 0000 0000 0000 0000 0000 0000 0000\n"
    "\t0x0020:  0000 0000 0000 0000 0000 0000 0000 0000\n"
    "22:13:22.500000 IP 198.18.1.1.1234 > 239.1.2.3.5678: UDP, length 5\n"
    "\t0x0000:  4528 0021 0001 0000 0311 ff8b c612 0101\n"
    "\t0x0010:  ef01 0203 04d2 162e 000d 0000 6865 6c6c\n"
    "\t0x0020:  6f\n";

const char kDashCapitalX[] =
    "22:13:20.500000 IP 198.18.1.1.1234 > 239.1.2.3.5678: UDP, length 5\n"
    "\t0x0000:  4528 0021 0001 0000 0311 ff8b c612 0101  E(.!............\n"
    "\t0x0010:  ef01 0203 04d2 162e 000d 0000 6865 6c6c  ............hell\n"
    "\t0x0020:  6f                                       o\n";

const char kDashXX[] =
    "22:13:20.500000 IP 198.18.1.1.1234 > 239.1.2.3.5678: UDP, length 5\n"
    "\t0x0000:  0100 5e01 0203 0200 0000 0001 0800 4528\n"
    "\t0x0010:  0021 0001 0000 0311 ff8b c612 0101 ef01\n"
    "\t0x0020:  0203 04d2 162e 000d 0000 6865 6c6c 6f\n"
    "22:13:21.500000 IP6 ::.0 > ::.0: truncated-udplength 0\n"
    "\t0x0000:  3333 0000 0001 0200 0000 0001 86dd 6000\n"
    "\t0x0010:  0000 0008 1140 0000 0000 0000 0000 0000\n";

struct Parsed {
  int rc;
  std::vector<std::string> hex;  // each packet's bytes, in hex
  std::vector<size_t> lines;
  std::vector<size_t> skipped;
  std::string err;
};

Parsed Parse(const std::string& text, size_t buf_cap = 1 << 20,
             size_t max_pkts = 16) {
  std::vector<uint8_t> buf(buf_cap);
  std::vector<input_packet> pkts(max_pkts);
  size_t n = 99;
  char err[256] = "x";
  Parsed p;
  p.rc = input_parse(text.data(), text.size(), buf.data(), buf.size(),
                     pkts.data(), pkts.size(), &n, err, sizeof(err));
  p.err = err;
  for (size_t i = 0; p.rc == 0 && i < n; i++) {
    std::string h;
    for (size_t k = 0; k < pkts[i].len; k++) {
      char two[3];
      snprintf(two, sizeof(two), "%02x", pkts[i].bytes[k]);
      h += two;
    }
    p.hex.push_back(h);
    p.lines.push_back(pkts[i].line);
    p.skipped.push_back(pkts[i].link_skipped);
  }
  return p;
}

TEST(InputParse, ReadsPlainHexAsOnePacket) {
  Parsed p = Parse("45 28:00 21\n0001");
  ASSERT_EQ(0, p.rc) << p.err;
  EXPECT_EQ(std::vector<std::string>{"452800210001"}, p.hex);
  EXPECT_EQ(std::vector<size_t>{0}, p.lines);
  EXPECT_EQ("", p.err);
}

TEST(InputParse, ReadsEveryPacketOfADashXDump) {
  Parsed p = Parse(kDashX);
  ASSERT_EQ(0, p.rc) << p.err;
  ASSERT_EQ(3u, p.hex.size());
  EXPECT_EQ(kIpv4, p.hex[0]);
  EXPECT_EQ(48u, p.hex[1].size() / 2);
  EXPECT_EQ("6000000000081140", p.hex[1].substr(0, 16));
  EXPECT_EQ(kIpv4, p.hex[2]);
  EXPECT_EQ((std::vector<size_t>{2, 6, 10}), p.lines);
}

TEST(InputParse, IgnoresTheAsciiColumnOfDashCapitalX) {
  Parsed p = Parse(kDashCapitalX);
  ASSERT_EQ(0, p.rc) << p.err;
  EXPECT_EQ(std::vector<std::string>{kIpv4}, p.hex)
      << "the ASCII \"E(.!\" is no hex";
}

TEST(InputParse, SkipsTheEthernetHeaderOfDashXX) {
  Parsed p = Parse(kDashXX);
  ASSERT_EQ(0, p.rc) << p.err;
  ASSERT_EQ(2u, p.hex.size());
  EXPECT_EQ(kIpv4, p.hex[0]);
  EXPECT_EQ((std::vector<size_t>{14, 14}), p.skipped);
  EXPECT_EQ("6000", p.hex[1].substr(0, 4)) << "IPv6 behind 0x86dd too";
}

TEST(InputParse, KeepsAnIpv4PacketThatLooksLikeEthernet) {
  // Source address 8.0.69.0 puts 08 00 45 at bytes 12..14, as an Ethernet
  // header would; the total length matching the bytes decides.
  Parsed p = Parse(
      "\t0x0000:  4500 0014 0000 0000 4001 0000 0800 4500\n"
      "\t0x0010:  0a00 0001\n");
  ASSERT_EQ(0, p.rc) << p.err;
  EXPECT_EQ(std::vector<size_t>{0}, p.skipped);
  EXPECT_EQ(40u, p.hex[0].size());
}

TEST(InputParse, SaysWhereTheHexIsWrong) {
  Parsed p = Parse("4500\n00zz");
  EXPECT_EQ(INPUT_EHEX, p.rc);
  EXPECT_EQ("the input is not hex: 'z' at offset 7 (line 2, column 3)", p.err);
  p = Parse("450");
  EXPECT_EQ(INPUT_EODD, p.rc);
  EXPECT_EQ("the input has an odd number of hex digits (two make a byte)",
            p.err);
}

TEST(InputParse, SaysTheLimitOfAPacket) {
  std::string big(2 * 65536, 'a');
  Parsed p = Parse(big);
  EXPECT_EQ(INPUT_ELONG, p.rc);
  EXPECT_EQ("the input is longer than 65535 bytes, the largest IPv4 packet",
            p.err);
  std::string dump = "\t0x0000:  4500\n";
  for (int off = 2; off < 65540; off += 16) {
    char line[128];
    snprintf(line, sizeof(line),
             "\t0x%04x:  0000 0000 0000 0000 0000 0000 0000 0000\n", off);
    dump += line;
  }
  p = Parse(dump);
  EXPECT_EQ(INPUT_ELONG, p.rc);
  EXPECT_EQ(
      "the packet at line 1 is longer than 65535 bytes, the largest IPv4 "
      "packet",
      p.err);
}

TEST(InputParse, RefusesOffsetsThatDoNotFollowOn) {
  Parsed p = Parse("\t0x0000:  4528 0021\n\t0x0010:  0001\n");
  EXPECT_EQ(INPUT_EDUMP, p.rc);
  EXPECT_EQ(
      "line 2: offset 0x0010 does not follow on from the 4 bytes before it",
      p.err);
  p = Parse("x\n\t0x0010:  0001\n");
  EXPECT_EQ(INPUT_EDUMP, p.rc);
  EXPECT_EQ(
      "line 2: offset 0x0010 does not follow on from the 0 bytes before it",
      p.err);
}

TEST(InputParse, SaysWhenThereIsNoRoom) {
  Parsed p = Parse(kDashX, 1 << 20, 2);
  EXPECT_EQ(INPUT_EMANY, p.rc);
  EXPECT_EQ("the dump holds more than 2 packets, the most decode reads at once",
            p.err);
  p = Parse(kDashX, 40);
  EXPECT_EQ(INPUT_EBUF, p.rc);
  EXPECT_EQ("the dump holds more than 40 bytes, the most decode reads at once",
            p.err);
}

TEST(InputIsDump, WantsATcpdumpOffset) {
  EXPECT_TRUE(input_is_dump(kDashX, sizeof(kDashX) - 1));
  for (const char* plain :
       {"0x45000014", "0x4500:0014", "45 00", "0x00:45", ""}) {
    EXPECT_FALSE(input_is_dump(plain, strlen(plain))) << plain;
  }
}

}  // namespace
