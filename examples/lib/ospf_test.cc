/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the OSPFv2 Hello builder, parser and checksum.
#include "examples/lib/ospf.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "testing/guarded.h"

using ipv4_testing::FromHex;
using ipv4_testing::Guarded;
using ipv4_testing::ToHex;

namespace {

// Router 198.18.1.1 in area 0.0.0.0 on a /24, Hello 10, Dead 40, options
// E, priority 1, no DR or BDR, one neighbour 198.18.1.2. The expected
// bytes and checksum were computed apart from this code (Python's struct
// and a plain RFC 1071 sum over everything but bytes 16..23).
const char kHello[] =
    "0201 0030 c6120101 00000000 6e72 0000 0000000000000000"
    "ffffff00 000a 02 01 00000028 00000000 00000000 c6120102";

// Simple password "secret12", area 0.0.0.1, DR 10.0.0.1, BDR 10.0.0.2:
// the password is in the authentication field the checksum skips.
const char kHelloSimple[] =
    "0201 002c 0a000009 00000001 9d2e 0001 7365637265743132"
    "ffff0000 001e 42 00 00000078 0a000001 0a000002";

struct in_addr A(const char* s) {
  struct in_addr a;
  EXPECT_EQ(1, inet_pton(AF_INET, s, &a)) << s;
  return a;
}

std::string
Hex(const char* spaced) {
  std::vector<uint8_t> b = FromHex(spaced);
  return ToHex(b.data(), b.size());
}

struct Built {
  struct in_addr neighbor = A("198.18.1.2");
  ospf_hello h = {};
  Built() {
    h.router_id = A("198.18.1.1");
    h.area_id = A("0.0.0.0");
    h.autype = OSPF_AUTYPE_NONE;
    h.network_mask = A("255.255.255.0");
    h.hello_interval = 10;
    h.options = OSPF_OPTION_E;
    h.priority = 1;
    h.dead_interval = 40;
    h.neighbors = reinterpret_cast<const uint8_t*>(&neighbor);
    h.num_neighbors = 1;
  }
};

TEST(OspfHelloMarshal, WritesTheWholePacket) {
  Built b;
  uint8_t out[64];
  size_t len = 0;
  ASSERT_EQ(48, ospf_hello_size(&b.h));
  ASSERT_EQ(OSPF_OK, ospf_hello_marshal(&b.h, out, sizeof(out), &len));
  EXPECT_EQ(48u, len);
  EXPECT_EQ(Hex(kHello), ToHex(out, len));
}

TEST(OspfHelloMarshal, LeavesThePasswordOutOfTheChecksum) {
  ospf_hello h = {};
  h.router_id = A("10.0.0.9");
  h.area_id = A("0.0.0.1");
  h.autype = OSPF_AUTYPE_SIMPLE;
  memcpy(h.auth, "secret12", 8);
  h.network_mask = A("255.255.0.0");
  h.hello_interval = 30;
  h.options = 0x42;
  h.priority = 0;
  h.dead_interval = 120;
  h.dr = A("10.0.0.1");
  h.bdr = A("10.0.0.2");
  uint8_t out[64];
  size_t len = 0;
  ASSERT_EQ(OSPF_OK, ospf_hello_marshal(&h, out, sizeof(out), &len));
  EXPECT_EQ(Hex(kHelloSimple), ToHex(out, len));
}

TEST(OspfHelloMarshal, ReportsTheSizeWhenShort) {
  Built b;
  for (size_t cap = 0; cap < 48; cap++) {
    std::vector<uint8_t> out(48, 0xee);
    size_t len = 0;
    EXPECT_EQ(OSPF_ENOBUF, ospf_hello_marshal(&b.h, out.data(), cap, &len))
        << cap;
    EXPECT_EQ(48u, len);
    EXPECT_EQ(std::vector<uint8_t>(48, 0xee), out) << "untouched";
  }
}

TEST(OspfHelloMarshal, RefusesBadArguments) {
  Built b;
  uint8_t out[64];
  size_t len;
  EXPECT_EQ(OSPF_EINVAL, ospf_hello_marshal(nullptr, out, sizeof(out), &len));
  EXPECT_EQ(OSPF_EINVAL, ospf_hello_marshal(&b.h, out, sizeof(out), nullptr));
  EXPECT_EQ(OSPF_EINVAL, ospf_hello_marshal(&b.h, nullptr, 8, &len));
  b.h.neighbors = nullptr;
  EXPECT_EQ(OSPF_EINVAL, ospf_hello_marshal(&b.h, out, sizeof(out), &len));
  EXPECT_EQ(OSPF_EINVAL, ospf_hello_size(&b.h));
  Built c;
  c.h.num_neighbors = OSPF_MAX_NEIGHBORS + 1;
  EXPECT_EQ(OSPF_EINVAL, ospf_hello_size(&c.h));
  Built d;
  d.h.autype = 2;
  EXPECT_EQ(OSPF_EAUTYPE, ospf_hello_marshal(&d.h, out, sizeof(out), &len));
}

TEST(OspfChecksum, IsZeroOverAGoodPacketAndSkipsTheAuthField) {
  std::vector<uint8_t> p = FromHex(kHelloSimple);
  EXPECT_EQ(0, ospf_checksum(p.data(), p.size()));
  p[16] ^= 0xff;  // the password does not count
  EXPECT_EQ(0, ospf_checksum(p.data(), p.size()));
  p[24] ^= 0x01;  // the mask does
  EXPECT_NE(0, ospf_checksum(p.data(), p.size()));
  EXPECT_EQ(0xffff, ospf_checksum(nullptr, 0));
}

TEST(OspfHelloParse, DecodesEveryField) {
  std::vector<uint8_t> p = FromHex(kHello);
  Guarded g(p);
  ospf_hello h;
  ASSERT_EQ(OSPF_OK, ospf_hello_parse(g.data(), g.size(), &h));
  char buf[INET_ADDRSTRLEN];
  EXPECT_STREQ("198.18.1.1",
               inet_ntop(AF_INET, &h.router_id, buf, sizeof(buf)));
  EXPECT_EQ(0u, h.area_id.s_addr);
  EXPECT_EQ(0x6e72, h.checksum);
  EXPECT_EQ(0, h.autype);
  EXPECT_STREQ("255.255.255.0",
               inet_ntop(AF_INET, &h.network_mask, buf, sizeof(buf)));
  EXPECT_EQ(10, h.hello_interval);
  EXPECT_EQ(OSPF_OPTION_E, h.options);
  EXPECT_EQ(1, h.priority);
  EXPECT_EQ(40u, h.dead_interval);
  ASSERT_EQ(1u, h.num_neighbors);
  EXPECT_EQ(g.data() + 44, h.neighbors) << "a view into the packet";
}

TEST(OspfHelloParse, RoundTripsWhatMarshalWrites) {
  Built b;
  uint8_t out[64];
  size_t len;
  ASSERT_EQ(OSPF_OK, ospf_hello_marshal(&b.h, out, sizeof(out), &len));
  ospf_hello h;
  ASSERT_EQ(OSPF_OK, ospf_hello_parse(out, len, &h));
  EXPECT_EQ(b.h.router_id.s_addr, h.router_id.s_addr);
  EXPECT_EQ(b.h.dead_interval, h.dead_interval);
  EXPECT_EQ(0, memcmp(h.neighbors, &b.neighbor, 4));
}

TEST(OspfHelloParse, RejectsEveryTruncatedPrefix) {
  std::vector<uint8_t> p = FromHex(kHello);
  for (size_t len = 0; len < p.size(); len++) {
    Guarded g(p.data(), len);
    ospf_hello h;
    h.priority = 9;
    int rc = ospf_hello_parse(g.data(), len, &h);
    EXPECT_EQ(len < 44 ? OSPF_ESHORT : OSPF_ELENGTH, rc) << len;
    EXPECT_EQ(0, h.priority) << "zeroed on failure";
  }
}

TEST(OspfHelloParse, ChecksFieldsInOrder) {
  std::vector<uint8_t> p = FromHex(kHello);
  ospf_hello h;
  auto with = [&](size_t i, uint8_t v) {
    std::vector<uint8_t> q = p;
    q[i] = v;
    return ospf_hello_parse(q.data(), q.size(), &h);
  };
  EXPECT_EQ(OSPF_EVERSION, with(0, 3));
  EXPECT_EQ(OSPF_ETYPE, with(1, 2));
  EXPECT_EQ(OSPF_ELENGTH, with(3, 0x2a)) << "not 44 + 4n";
  EXPECT_EQ(OSPF_ELENGTH, with(3, 0x28)) << "below 44";
  EXPECT_EQ(OSPF_EAUTYPE, with(15, 2));
  EXPECT_EQ(OSPF_ECHECKSUM, with(13, 0x73));
  EXPECT_EQ(OSPF_ECHECKSUM, with(47, 0x03)) << "a neighbour changed";
  EXPECT_EQ(OSPF_EINVAL, ospf_hello_parse(nullptr, 0, &h));
  EXPECT_EQ(OSPF_EINVAL, ospf_hello_parse(p.data(), p.size(), nullptr));
}

TEST(OspfHelloParse, IgnoresBytesAfterThePacketLength) {
  std::vector<uint8_t> p = FromHex(kHello);
  p.push_back(0xaa);
  p.push_back(0xbb);
  ospf_hello h;
  ASSERT_EQ(OSPF_OK, ospf_hello_parse(p.data(), p.size(), &h));
  EXPECT_EQ(1u, h.num_neighbors);
}

TEST(OspfStrerror, NamesEveryCode) {
  for (int code :
       {OSPF_OK, OSPF_EINVAL, OSPF_ENOBUF, OSPF_ESHORT, OSPF_EVERSION,
        OSPF_ETYPE, OSPF_ELENGTH, OSPF_EAUTYPE, OSPF_ECHECKSUM}) {
    EXPECT_STRNE("unknown error", ospf_strerror(code)) << code;
  }
  EXPECT_STREQ("unknown error", ospf_strerror(-99));
}

}  // namespace
