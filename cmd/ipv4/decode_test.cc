/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of ipv4 decode's decoding and printing. The packets were built
// apart from this code (Python's struct and a plain RFC 1071 sum).
#include "cmd/ipv4/decode.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cmd/ipv4/args.h"
#include "cmd/ipv4/hex.h"

namespace {

// An IGMPv3 report, TO_EX for 239.1.2.3, from 198.18.1.1 to 224.0.0.22,
// TOS 0xc0, TTL 1, DF, with a Router Alert option.
const char kIgmpReport[] =
    "46c00028 00004000 01023ce6 c6120101 e0000016 94040000"
    "2200e8f9 00000001 04000000 ef010203";

// An ICMP Time Exceeded from 198.18.3.2, quoting a UDP probe.
const char kTimeExceeded[] =
    "45000038 00000000 4001e89d c6120302 c6120301"
    "0b001ba8 00000000 4500001c 00010000 01110000 c6120301 c6130402"
    "00000000 00000000";

// A UDP datagram with a Record Route option: 2 slots, one filled with
// 10.0.0.1, then End of Option List. TOS 0x28 (AF11).
const char kRecordRoute[] =
    "48280028 00000000 05118e7e 0a000009 0a000002 070b080a 00000100 00000000"
    "0000000000000000";

// A UDP datagram labelled with RFC 1108's Basic Security Option:
// Unclassified (0xab), protection authority GENSER (0x80).
const char kSecurity[] =
    "46000020 00000000 4011383e 0a000009 0a000002 8204ab80"
    "0000000000000000";

// Go's documentation example header: a wrong checksum, and a total length
// far beyond the 20 bytes given.
const char kGoExample[] = "4501beefcafe45dcff01deadac10fefec0a80001";

struct Result {
  int rc;
  std::string out;
  std::string err;
};

Result Decode(const char* hex, bool json) {
  std::vector<uint8_t> pkt(65535);
  size_t bad = 0;
  std::string h = hex;
  int n = hex_decode(h.data(), h.size(), pkt.data(), pkt.size(), &bad);
  EXPECT_GE(n, 0) << hex;
  char* buf = nullptr;
  size_t len = 0;
  FILE* f = open_memstream(&buf, &len);
  char err[256] = "";
  Result r;
  r.rc = decode_packet(f, pkt.data(), static_cast<size_t>(n), json, nullptr,
                       err, sizeof(err));
  fclose(f);
  r.out.assign(buf, len);
  free(buf);
  r.err = err;
  return r;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(DecodePacket, PrintsEveryFieldOfAnIgmpReport) {
  Result r = Decode(kIgmpReport, false);
  ASSERT_EQ(TOOL_OK, r.rc) << r.out;
  for (const char* line : {
           "ipv4 header (24 bytes, 40 given)\n",
           "  version        4\n",
           "  header length  24 (IHL 6)\n",
           "  tos            0xc0 (DSCP 48 CS6, ECN 0 Not-ECT)\n",
           "  total length   40\n",
           "  id             0x0000\n",
           "  flags          0x2 (DF)\n",
           "  fragment off   0 (0 bytes)\n",
           "  ttl            1\n",
           "  protocol       2 (IGMP)\n",
           "  checksum       0x3ce6 (correct)\n",
           "  source         198.18.1.1\n",
           "  destination    224.0.0.22\n",
           "options (4 bytes)\n",
           "  router-alert         type 148 len 4 value 0\n",
           "payload (16 bytes)\n",
           "  igmp           v3-report records=1 to_ex group=239.1.2.3 aux=0 "
           "sources=\n",
           "  igmp checksum  0xe8f9 (correct)\n",
           "checks: pass (RFC 1122 3.2.1.1-2)\n",
       }) {
    EXPECT_TRUE(Has(r.out, line)) << "missing: " << line << "in:\n" << r.out;
  }
}

TEST(DecodePacket, GivesTheRightChecksumWhenItIsWrong) {
  std::string bad = kIgmpReport;
  bad.replace(bad.find("3ce6"), 4, "4ce6");
  Result r = Decode(bad.c_str(), false);
  EXPECT_EQ(TOOL_BAD_PACKET, r.rc);
  EXPECT_TRUE(Has(r.out, "  checksum       0x4ce6 (wrong: should be 0x3ce6)\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out,
                  "checks: fail: bad header checksum (IPV4_ECHECKSUM): 0x4ce6 "
                  "given, 0x3ce6 computed\n"))
      << r.out;
}

TEST(DecodePacket, ReportsABadIgmpChecksum) {
  std::string bad = kIgmpReport;
  bad.back() = '4';  // the group changes under the IGMP checksum
  Result r = Decode(bad.c_str(), false);
  EXPECT_EQ(TOOL_BAD_PACKET, r.rc);
  EXPECT_TRUE(Has(r.out, "  igmp           malformed: ")) << r.out;
  EXPECT_TRUE(Has(r.out, "(IPV4_EIGMPSUM)")) << r.out;
  EXPECT_TRUE(Has(r.out, "checks: pass")) << "the header itself is fine";
}

TEST(DecodePacket, NamesTheIcmpType) {
  Result r = Decode(kTimeExceeded, false);
  EXPECT_EQ(TOOL_OK, r.rc) << r.out;
  EXPECT_TRUE(Has(r.out, "  protocol       1 (ICMP)\n"));
  EXPECT_TRUE(Has(r.out, "  icmp           type 11 (time exceeded) code 0\n"))
      << r.out;
  EXPECT_FALSE(Has(r.out, "options ("));
}

TEST(DecodePacket, DescribesARecordRoute) {
  Result r = Decode(kRecordRoute, false);
  EXPECT_EQ(TOOL_OK, r.rc) << r.out;
  EXPECT_TRUE(
      Has(r.out, "  tos            0x28 (DSCP 10 AF11, ECN 0 Not-ECT)\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out, "options (12 bytes)\n")) << r.out;
  EXPECT_TRUE(Has(r.out,
                  "  record-route         type 7 len 11 pointer 8, 1 of 2 "
                  "slots filled: 10.0.0.1\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out, "  end-of-list          type 0 len 1\n")) << r.out;
  EXPECT_TRUE(Has(r.out, "  protocol       17 (UDP)\n"));
}

TEST(DecodePacket, DescribesABasicSecurityOption) {
  Result r = Decode(kSecurity, false);
  EXPECT_EQ(TOOL_OK, r.rc) << r.out;
  EXPECT_TRUE(Has(
      r.out, "  security             type 130 len 4 level 0xab authority 80\n"))
      << r.out;
  r = Decode(kSecurity, true);
  EXPECT_EQ(TOOL_OK, r.rc) << r.out;
  EXPECT_TRUE(Has(r.out, "\"level\":171,\"authority\":\"80\"")) << r.out;
}

TEST(DecodePacket, ReportsMalformedOptions) {
  std::string bad = kRecordRoute;
  bad.replace(bad.find("070b08"), 6, "070b09");  // pointer 9: not 4 + 4k
  Result r = Decode(bad.c_str(), false);
  EXPECT_EQ(TOOL_BAD_PACKET, r.rc) << r.out;
  EXPECT_TRUE(Has(r.out, "  malformed: ")) << r.out;
  EXPECT_TRUE(Has(r.out, "(IPV4_EOPTPTR)")) << r.out;
}

TEST(DecodePacket, FailsGoesExampleOnLengthAndChecksum) {
  Result r = Decode(kGoExample, false);
  EXPECT_EQ(TOOL_BAD_PACKET, r.rc);
  EXPECT_TRUE(Has(r.out, "  tos            0x01 (DSCP 0 CS0, ECN 1 ECT(1))\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out, "  total length   48879\n"));
  EXPECT_TRUE(Has(r.out, "  id             0xcafe\n"));
  EXPECT_TRUE(Has(r.out, "  flags          0x2 (DF)\n"));
  EXPECT_TRUE(Has(r.out, "  fragment off   1500 (12000 bytes)\n"));
  EXPECT_TRUE(Has(r.out, "  ttl            255\n"));
  EXPECT_TRUE(Has(r.out, "  checksum       0xdead (wrong: should be "))
      << r.out;
  EXPECT_TRUE(Has(r.out, "  source         172.16.254.254\n"));
  EXPECT_TRUE(Has(r.out, "  destination    192.168.0.1\n"));
  EXPECT_TRUE(Has(r.out, "payload (0 bytes)\n")) << r.out;
  EXPECT_TRUE(Has(r.out,
                  "checks: fail: total length out of range (IPV4_ETOTALLEN): "
                  "the header says 48879 bytes in all, 20 were given\n"))
      << r.out;
  EXPECT_FALSE(Has(r.out, "  icmp")) << "a later fragment: no ICMP header";
}

TEST(DecodePacket, FailsWithoutAHeaderAndSaysTheNumbers) {
  Result r = Decode("4500", false);
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_EQ("", r.out);
  EXPECT_EQ(
      "not an IPv4 header: 2 bytes given, a header needs at least 20 "
      "(IPV4_ESHORT)",
      r.err);
  r = Decode("4400001400000000400100000a0000010a000002", false);
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_EQ(
      "not an IPv4 header: IHL 4 means 16 bytes, below the 20-byte minimum "
      "(IPV4_EIHL)",
      r.err);
  r = Decode("4f000014 00000000 40010000 c6120101 c6120102", false);
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_EQ(
      "not an IPv4 header: the header says 60 bytes (IHL 15), 20 were given "
      "(IPV4_EEXTSHORT)",
      r.err);
}

TEST(DecodePacket, RecognisesIpv6AndOtherVersions) {
  // An IPv6 header (ICMPv6, hop limit 255) would read as IHL 0 if taken
  // for IPv4; it is named for what it is.
  Result r = Decode(
      "6000000000083afffe800000000000000000000000000001"
      "ff020000000000000000000000000001",
      false);
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_EQ("", r.out);
  EXPECT_EQ("an IPv6 packet (version 6), not IPv4 (IPV4_EVERSION)", r.err);
  // Version 6 in an otherwise fine IPv4 header is still not IPv4.
  r = Decode("65000014 00000000 40010000 c6120101 c6120102", false);
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_EQ("an IPv6 packet (version 6), not IPv4 (IPV4_EVERSION)", r.err);
  r = Decode("55000014 00000000 40010000 c6120101 c6120102", false);
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_EQ("not an IPv4 packet: the version field is 5, not 4 (IPV4_EVERSION)",
            r.err);
  r = Decode("6000", true);
  EXPECT_EQ(
      "{\"decoded\":false,\"valid\":false,\"ip_version\":6,\"error\":{\"name\":"
      "\"IPV4_EVERSION\",\"message\":\"an IPv6 packet (version 6), not IPv4 "
      "(IPV4_EVERSION)\",\"status\":1},\"status\":1}\n",
      r.out);
}

TEST(DecodePacket, SaysTheNumbersOfAFailedCheck) {
  Result r = Decode(kGoExample, false);
  EXPECT_TRUE(Has(
      r.out,
      "checks: fail: total length out of range (IPV4_ETOTALLEN): the header "
      "says 48879 bytes in all, 20 were given\n"))
      << r.out;
  // Total length 16 below the header's 20; the checksum is right.
  r = Decode("45000010 00000000 4001ecc5 c6120101 c6120102", false);
  EXPECT_EQ(TOOL_BAD_PACKET, r.rc);
  EXPECT_TRUE(
      Has(r.out,
          "checks: fail: total length out of range (IPV4_ETOTALLEN): the total "
          "length 16 is below the header's 20 bytes\n"))
      << r.out;
  r = Decode("45000014 00000000 40010000 c6120101 c6120102", false);
  EXPECT_TRUE(
      Has(r.out,
          "checks: fail: bad header checksum (IPV4_ECHECKSUM): 0x0000 given, "
          "0xecc1 computed\n"))
      << r.out;
}

TEST(DecodePacket, PrintsItsLabel) {
  std::vector<uint8_t> pkt(65535);
  size_t bad = 0;
  std::string h = kIgmpReport;
  int n = hex_decode(h.data(), h.size(), pkt.data(), pkt.size(), &bad);
  char* buf = nullptr;
  size_t len = 0;
  FILE* f = open_memstream(&buf, &len);
  char err[256] = "";
  decode_label label = {3, "2023-11-14T22:13:20.500000Z", 9};
  EXPECT_EQ(TOOL_OK, decode_packet(f, pkt.data(), static_cast<size_t>(n), false,
                                   &label, err, sizeof(err)));
  EXPECT_EQ(TOOL_OK, decode_packet(f, pkt.data(), static_cast<size_t>(n), true,
                                   &label, err, sizeof(err)));
  fclose(f);
  std::string out(buf, len);
  free(buf);
  EXPECT_EQ(
      0u,
      out.find("packet 3 at 2023-11-14T22:13:20.500000Z (line 9)\nipv4 header"))
      << out;
  EXPECT_TRUE(
      Has(out,
          "\n{\"packet\":3,\"time\":\"2023-11-14T22:13:20.500000Z\",\"line\":9,"
          "\"decoded\":true,"))
      << out;
}

TEST(DecodePacketJson, HoldsTheSameFacts) {
  Result r = Decode(kIgmpReport, true);
  ASSERT_EQ(TOOL_OK, r.rc);
  ASSERT_FALSE(r.out.empty());
  EXPECT_EQ('{', r.out.front());
  EXPECT_EQ("}\n", r.out.substr(r.out.size() - 2));
  for (const char* part : {
           "\"decoded\":true",
           "\"valid\":true",
           "\"version\":4",
           "\"header_len\":24",
           "\"tos\":192",
           "\"dscp\":48",
           "\"dscp_name\":\"CS6\"",
           "\"ecn\":0",
           "\"total_len\":40",
           "\"df\":true",
           "\"mf\":false",
           "\"ttl\":1",
           "\"protocol\":2",
           "\"protocol_name\":\"IGMP\"",
           "\"checksum\":15590",
           "\"checksum_ok\":true",
           "\"src\":\"198.18.1.1\"",
           "\"dst\":\"224.0.0.22\"",
           "\"options\":[{\"name\":\"router-alert\",\"type\":148,\"len\":4,"
           "\"value\":0,"
           "\"data\":\"0000\"}]",
           "\"options_error\":null",
           "\"payload_len\":16",
           "\"igmp\":{\"error\":null,\"type\":34,\"version\":3,"
           "\"summary\":\"v3-report records=1 to_ex group=239.1.2.3 aux=0 "
           "sources=\"}",
           "\"checks_error\":null",
       }) {
    EXPECT_TRUE(Has(r.out, part)) << "missing: " << part << " in " << r.out;
  }
}

TEST(DecodePacketJson, NamesTheGroupOfAV2Report) {
  // An IGMPv2 report for 239.1.2.3, sent to the group, with Router Alert.
  Result r = Decode(
      "46c00020 00004000 01022c00 c6120101 ef010203 94040000 1600f8fa ef010203",
      true);
  ASSERT_EQ(TOOL_OK, r.rc) << r.out;
  EXPECT_TRUE(
      Has(r.out,
          "\"igmp\":{\"error\":null,\"type\":22,\"version\":2,"
          "\"group\":\"239.1.2.3\",\"summary\":\"v2-report group=239.1.2.3\"}"))
      << r.out;
}

TEST(DecodePacketJson, ReportsFailuresAsObjects) {
  Result r = Decode(kGoExample, true);
  EXPECT_EQ(TOOL_BAD_PACKET, r.rc);
  EXPECT_TRUE(Has(r.out, "\"valid\":false")) << r.out;
  EXPECT_TRUE(Has(r.out, "\"checksum_ok\":false")) << r.out;
  EXPECT_TRUE(Has(r.out, "\"checks_error\":{\"code\":\"IPV4_ETOTALLEN\","))
      << r.out;
  EXPECT_TRUE(Has(r.out, ",\"status\":3}\n")) << r.out;
  r = Decode("45", true);
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_EQ(
      "{\"decoded\":false,\"valid\":false,\"ip_version\":4,\"error\":{\"name\":"
      "\"IPV4_ESHORT\",\"message\":\"not an IPv4 header: 1 byte given, a "
      "header needs "
      "at least 20 (IPV4_ESHORT)\",\"status\":1},\"status\":1}\n",
      r.out);
}

TEST(DecodeDscpName, NamesTheStandardCodePoints) {
  char buf[8];
  decode_dscp_name(0, buf, sizeof(buf));
  EXPECT_STREQ("CS0", buf);
  decode_dscp_name(48, buf, sizeof(buf));
  EXPECT_STREQ("CS6", buf);
  decode_dscp_name(10, buf, sizeof(buf));
  EXPECT_STREQ("AF11", buf);
  decode_dscp_name(38, buf, sizeof(buf));
  EXPECT_STREQ("AF43", buf);
  decode_dscp_name(46, buf, sizeof(buf));
  EXPECT_STREQ("EF", buf);
  decode_dscp_name(44, buf, sizeof(buf));
  EXPECT_STREQ("VA", buf);
  decode_dscp_name(11, buf, sizeof(buf));
  EXPECT_STREQ("", buf);
  decode_dscp_name(42, buf, sizeof(buf));
  EXPECT_STREQ("", buf) << "class 5 has no AF";
}

TEST(DecodeProtocolName, KnowsTheCommonOnes) {
  EXPECT_STREQ("OSPF", decode_protocol_name(89));
  EXPECT_STREQ("UDP", decode_protocol_name(17));
  EXPECT_EQ(nullptr, decode_protocol_name(253));
}

}  // namespace
