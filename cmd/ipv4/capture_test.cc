/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of ipv4 decode --pcap: capture files written here, byte by byte
// after the pcap and pcapng formats, read back through libpcap.
#include "cmd/ipv4/capture.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "cmd/ipv4/args.h"

namespace {

using Bytes = std::vector<uint8_t>;

// An IPv4 UDP datagram 198.18.1.1:1234 -> 239.1.2.3:5678, TOS 0x28,
// TTL 3, "hello"; its checksum is right.
const Bytes kIpv4 = {0x45, 0x28, 0x00, 0x21, 0x00, 0x01, 0x00, 0x00, 0x03,
                     0x11, 0xff, 0x8b, 0xc6, 0x12, 0x01, 0x01, 0xef, 0x01,
                     0x02, 0x03, 0x04, 0xd2, 0x16, 0x2e, 0x00, 0x0d, 0x00,
                     0x00, 'h',  'e',  'l',  'l',  'o'};

Bytes BadChecksum() {
  Bytes b = kIpv4;
  b[11] ^= 0xff;
  return b;
}

Bytes Ipv6() {
  Bytes b = {0x60, 0, 0, 0, 0, 0, 17, 64};
  b.resize(40, 0);
  return b;
}

Bytes Cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes Ethernet(uint16_t type, const Bytes& payload) {
  Bytes h = {0x01,
             0x00,
             0x5e,
             0x01,
             0x02,
             0x03,
             0x02,
             0x00,
             0x00,
             0x00,
             0x00,
             0x01,
             static_cast<uint8_t>(type >> 8),
             static_cast<uint8_t>(type)};
  return Cat({h, payload});
}

// Linux cooked v1: packet type, ARPHRD, address length, 8 address bytes,
// protocol.
Bytes Sll(const Bytes& payload) {
  Bytes h = {0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 0, 1, 0, 0x08, 0x00};
  return Cat({h, payload});
}

// Linux cooked v2: protocol, reserved, ifindex, ARPHRD, type, address.
Bytes Sll2(const Bytes& payload) {
  Bytes h = {0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 2, 0, 0, 0, 0, 0, 1, 0};
  return Cat({h, payload});
}

void Le32(Bytes* b, uint32_t v) {
  for (int i = 0; i < 4; i++) b->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void Le16(Bytes* b, uint16_t v) {
  b->push_back(static_cast<uint8_t>(v));
  b->push_back(static_cast<uint8_t>(v >> 8));
}

// Pcap is a classic pcap file, microsecond times from 1700000000.5 s, a
// second apart. cut_last keeps only that many bytes of the last record.
Bytes Pcap(uint32_t linktype, const std::vector<Bytes>& records,
           size_t cut_last = SIZE_MAX, uint32_t snap_to = UINT32_MAX) {
  Bytes f;
  Le32(&f, 0xa1b2c3d4);
  Le16(&f, 2);
  Le16(&f, 4);
  Le32(&f, 0);
  Le32(&f, 0);
  Le32(&f, 65535);
  Le32(&f, linktype);
  for (size_t i = 0; i < records.size(); i++) {
    const Bytes& r = records[i];
    uint32_t cap = std::min<uint32_t>(static_cast<uint32_t>(r.size()), snap_to);
    Le32(&f, 1700000000u + static_cast<uint32_t>(i));
    Le32(&f, 500000);
    Le32(&f, cap);
    Le32(&f, static_cast<uint32_t>(r.size()));
    size_t keep =
        i + 1 == records.size() ? std::min<size_t>(cap, cut_last) : cap;
    f.insert(f.end(), r.begin(), r.begin() + static_cast<long>(keep));
  }
  return f;
}

// Pcapng is a pcapng file: a section header, one interface, enhanced
// packet blocks with microsecond times.
Bytes Pcapng(uint16_t linktype, const std::vector<Bytes>& records) {
  Bytes f;
  Le32(&f, 0x0a0d0d0a);
  Le32(&f, 28);
  Le32(&f, 0x1a2b3c4d);
  Le16(&f, 1);
  Le16(&f, 0);
  Le32(&f, 0xffffffff);
  Le32(&f, 0xffffffff);
  Le32(&f, 28);
  Le32(&f, 1);
  Le32(&f, 20);
  Le16(&f, linktype);
  Le16(&f, 0);
  Le32(&f, 65535);
  Le32(&f, 20);
  for (size_t i = 0; i < records.size(); i++) {
    Bytes r = records[i];
    uint64_t us = (1700000000ull + i) * 1000000 + 500000;
    size_t padded = (r.size() + 3) / 4 * 4;
    uint32_t total = static_cast<uint32_t>(32 + padded);
    Le32(&f, 6);
    Le32(&f, total);
    Le32(&f, 0);
    Le32(&f, static_cast<uint32_t>(us >> 32));
    Le32(&f, static_cast<uint32_t>(us));
    Le32(&f, static_cast<uint32_t>(r.size()));
    Le32(&f, static_cast<uint32_t>(r.size()));
    r.resize(padded, 0);
    f.insert(f.end(), r.begin(), r.end());
    Le32(&f, total);
  }
  return f;
}

std::string Write(const std::string& name, const Bytes& b) {
  const char* dir = getenv("TEST_TMPDIR");
  std::string path = std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
  FILE* f = fopen(path.c_str(), "wb");
  EXPECT_NE(nullptr, f);
  if (!b.empty()) fwrite(b.data(), 1, b.size(), f);
  fclose(f);
  return path;
}

struct Outcome {
  int rc;
  std::string out;
  std::string err;
  capture_summary sum;
};

Outcome Decode(const std::string& path, bool json = false) {
  char* buf = nullptr;
  size_t len = 0;
  FILE* f = open_memstream(&buf, &len);
  char err[512] = "x";
  Outcome r;
  r.rc = capture_decode(f, path.c_str(), json, &r.sum, err, sizeof(err));
  fclose(f);
  r.out.assign(buf, len);
  free(buf);
  r.err = err;
  return r;
}

bool Has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

size_t Count(const std::string& s, const std::string& part) {
  size_t n = 0;
  for (size_t at = s.find(part); at != std::string::npos;
       at = s.find(part, at + 1))
    n++;
  return n;
}

TEST(Capture, DecodesTheIpv4PacketsOfAnEthernetCapture) {
  std::string path = Write(
      "eth.pcap", Pcap(1, {Ethernet(0x0800, kIpv4), Ethernet(0x86dd, Ipv6()),
                           Ethernet(0x0806, Bytes(28, 0)),
                           Ethernet(0x0800, BadChecksum())}));
  Outcome r = Decode(path);
  EXPECT_EQ("", r.err);
  EXPECT_EQ(TOOL_BAD_PACKET, r.rc) << "packet 4's checksum is wrong";
  EXPECT_TRUE(Has(r.out, "packet 1 at 2023-11-14T22:13:20.500000Z\n")) << r.out;
  EXPECT_TRUE(Has(r.out, "packet 4 at 2023-11-14T22:13:23.500000Z\n")) << r.out;
  EXPECT_FALSE(Has(r.out, "packet 2")) << "IPv6 is counted, not decoded";
  EXPECT_TRUE(Has(r.out, "  source         198.18.1.1\n")) << r.out;
  EXPECT_TRUE(Has(r.out, "checks: fail: bad header checksum (IPV4_ECHECKSUM)"))
      << r.out;
  EXPECT_TRUE(
      Has(r.out,
          "capture: 4 packets, link type EN10MB: 2 IPv4 (1 passed, 1 failed a "
          "check, 0 without a header), 1 IPv6, 1 other\n"))
      << r.out;
  EXPECT_EQ(4u, r.sum.packets);
  EXPECT_EQ(2u, r.sum.ipv4);
  EXPECT_EQ(1u, r.sum.ipv6);
  EXPECT_EQ(1u, r.sum.other);
}

TEST(Capture, SkipsVlanTags) {
  Bytes tagged = Ethernet(0x8100, Cat({{0x00, 0x07, 0x08, 0x00}, kIpv4}));
  Outcome r = Decode(Write("vlan.pcap", Pcap(1, {tagged})));
  EXPECT_EQ(TOOL_OK, r.rc) << r.err << r.out;
  EXPECT_EQ(1u, r.sum.passed);
}

TEST(Capture, ReadsRawIpCaptures) {
  // LINKTYPE_RAW (101): the version nibble tells IPv4 from IPv6.
  Outcome r = Decode(Write("raw.pcap", Pcap(101, {kIpv4, Ipv6(), kIpv4})));
  EXPECT_EQ(TOOL_OK, r.rc) << r.err << r.out;
  EXPECT_EQ(2u, r.sum.passed);
  EXPECT_EQ(1u, r.sum.ipv6);
  EXPECT_TRUE(Has(r.out, "link type RAW")) << r.out;
  // LINKTYPE_IPV4 (228): IPv4 only.
  r = Decode(Write("ipv4.pcap", Pcap(228, {kIpv4})));
  EXPECT_EQ(TOOL_OK, r.rc) << r.err << r.out;
  EXPECT_EQ(1u, r.sum.passed);
}

TEST(Capture, ReadsLinuxCookedCaptures) {
  Outcome r =
      Decode(Write("sll.pcap", Pcap(113, {Sll(kIpv4), Sll(BadChecksum())})));
  EXPECT_EQ(TOOL_BAD_PACKET, r.rc) << r.err << r.out;
  EXPECT_EQ(1u, r.sum.passed);
  EXPECT_EQ(1u, r.sum.failed_check);
  EXPECT_TRUE(Has(r.out, "link type LINUX_SLL:")) << r.out;
  r = Decode(Write("sll2.pcap", Pcap(276, {Sll2(kIpv4)})));
  EXPECT_EQ(TOOL_OK, r.rc) << r.err << r.out;
  EXPECT_EQ(1u, r.sum.passed);
  EXPECT_TRUE(Has(r.out, "link type LINUX_SLL2:")) << r.out;
}

TEST(Capture, ReadsPcapng) {
  Outcome r = Decode(Write("eth.pcapng", Pcapng(1, {Ethernet(0x0800, kIpv4),
                                                    Ethernet(0x0800, kIpv4)})),
                     true);
  EXPECT_EQ(TOOL_OK, r.rc) << r.err << r.out;
  EXPECT_EQ(3u, Count(r.out, "\n"))
      << "two packets and the summary, a line each: " << r.out;
  EXPECT_TRUE(Has(r.out,
                  "{\"packet\":1,\"time\":\"2023-11-14T22:13:20.500000Z\","
                  "\"decoded\":true,"))
      << r.out;
  EXPECT_TRUE(
      Has(r.out, "{\"packet\":2,\"time\":\"2023-11-14T22:13:21.500000Z\","))
      << r.out;
  EXPECT_TRUE(Has(
      r.out,
      "{\"summary\":{\"packets\":2,\"ipv4\":2,\"passed\":2,\"failed_check\":0,"
      "\"no_header\":0,\"ipv6\":0,\"other\":0},\"link_type\":\"EN10MB\","
      "\"status\":0}\n"))
      << r.out;
}

TEST(Capture, CountsIpv4CutBeforeItsHeaderEnds) {
  // The capture kept 14 + 10 bytes of the frame (snap length 24).
  Outcome r = Decode(
      Write("snap.pcap", Pcap(1, {Ethernet(0x0800, kIpv4)}, SIZE_MAX, 24)));
  EXPECT_EQ(TOOL_FAILED, r.rc) << r.out;
  EXPECT_EQ("", r.err) << "the file is fine, the packet has no header";
  EXPECT_EQ(1u, r.sum.no_header);
  EXPECT_TRUE(Has(
      r.out,
      "packet 1 at 2023-11-14T22:13:20.500000Z: not an IPv4 header: 10 bytes "
      "given, a header needs at least 20 (IPV4_ESHORT)\n"))
      << r.out;
}

TEST(Capture, StopsAtATruncatedRecord) {
  std::string path =
      Write("cut.pcap",
            Pcap(1, {Ethernet(0x0800, kIpv4), Ethernet(0x0800, kIpv4)}, 10));
  Outcome r = Decode(path);
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_TRUE(Has(r.err, path + ": record 2 cannot be read: ")) << r.err;
  EXPECT_TRUE(Has(r.err, "truncated")) << r.err;
  EXPECT_TRUE(Has(r.out, "packet 1 at "))
      << "what came before is printed: " << r.out;
  EXPECT_TRUE(Has(r.out, "capture: 1 packet, ")) << r.out;
}

TEST(Capture, RefusesWhatIsNoCapture) {
  std::string text =
      Write("notes.txt", Bytes{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l',
                               'd', ' ', 'o', 'f', ' ', 't', 'e', 'x', 't', ' ',
                               'n', 'o', 't', ' ', 'p', 'c', 'a', 'p', '\n'});
  Outcome r = Decode(text);
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_TRUE(
      Has(r.err, text + ": not a pcap or pcapng capture that can be read ("))
      << r.err;
  EXPECT_EQ("", r.out) << "nothing is printed for a file that is no capture";

  std::string empty = Write("empty.pcap", Bytes{});
  r = Decode(empty);
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_TRUE(Has(r.err, empty + ": not a pcap or pcapng capture")) << r.err;

  r = Decode("/nonexistent/x.pcap");
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_TRUE(Has(r.err, "No such file")) << r.err;
}

TEST(Capture, RefusesALinkTypeItCannotRead) {
  Outcome r = Decode(Write("wifi.pcap", Pcap(105, {kIpv4})));
  EXPECT_EQ(TOOL_FAILED, r.rc);
  EXPECT_TRUE(Has(r.err, "link type 105 (IEEE802_11) is not one decode reads"))
      << r.err;
}

TEST(Capture, SummarisesAnEmptyCapture) {
  Outcome r = Decode(Write("none.pcap", Pcap(1, {})), true);
  EXPECT_EQ(TOOL_OK, r.rc);
  EXPECT_EQ("", r.err);
  EXPECT_TRUE(Has(r.out, "{\"summary\":{\"packets\":0,")) << r.out;
}

}  // namespace
