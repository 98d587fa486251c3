/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the IPv4 options iterator and the option writers.
#include "ipv4/options.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "ipv4/header.h"
#include "testing/capacity.h"
#include "testing/guarded.h"

using ipv4_testing::ExpectEveryCapacity;
using ipv4_testing::FromHex;
using ipv4_testing::Guarded;
using ipv4_testing::ToHex;

namespace {

// Walk walks bytes placed against a guard page and returns one "type:len"
// token per option, then "end" or the error's name. The options in *out
// are views of g.
std::string Walk(const Guarded& g, std::vector<ipv4_option>* out) {
  ipv4_option_iter it;
  EXPECT_EQ(0, ipv4_option_iter_init(&it, g.data(), g.size()));
  std::string s;
  for (;;) {
    ipv4_option o;
    int rc = ipv4_option_next(&it, &o);
    if (rc != 1) {
      s += rc == 0 ? "end" : ipv4_error_name(rc);
      ipv4_option again;
      EXPECT_EQ(rc, ipv4_option_next(&it, &again)) << "the end is sticky";
      return s;
    }
    EXPECT_LE(o.offset + o.len, g.size());
    if (o.data != nullptr) {
      EXPECT_EQ(g.data() + o.offset + 2, o.data) << "data is a view";
      EXPECT_EQ(o.len - 2u, o.data_len);
    }
    if (o.slots != nullptr) {
      EXPECT_GE(o.slots, o.data);
      EXPECT_LE(o.slots + o.num_slots * o.slot_len, o.data + o.data_len);
    }
    if (out != nullptr) out->push_back(o);
    s += std::to_string(o.type) + ":" + std::to_string(o.len) + " ";
  }
}

std::string Walk(const std::vector<uint8_t>& bytes) {
  Guarded g(bytes);
  return Walk(g, nullptr);
}

// One returns the single option in hex; its views stay valid to the end of
// the test program.
ipv4_option One(const char* hex) {
  static std::vector<std::unique_ptr<Guarded>> keep;
  keep.push_back(std::make_unique<Guarded>(FromHex(hex)));
  std::vector<ipv4_option> v;
  std::string s = Walk(*keep.back(), &v);
  EXPECT_EQ(1u, v.size()) << hex << " -> " << s;
  ipv4_option o;
  memset(&o, 0, sizeof(o));
  return v.empty() ? o : v[0];
}

TEST(OptionNext, EmptyOptionsEndAtOnce) {
  EXPECT_EQ("end", Walk({}));
  ipv4_option_iter it;
  ipv4_option o;
  ASSERT_EQ(0, ipv4_option_iter_init(&it, nullptr, 0));
  EXPECT_EQ(0, ipv4_option_next(&it, &o));
}

TEST(OptionNext, NoOperationIsOneByte) {
  EXPECT_EQ("1:1 1:1 1:1 1:1 end", Walk(FromHex("01010101")));
  ipv4_option o = One("01");
  EXPECT_EQ(nullptr, o.data);
  EXPECT_EQ(0u, o.data_len);
}

TEST(OptionNext, EndOfListStopsAndPaddingIsNotRead) {
  EXPECT_EQ("1:1 0:1 end", Walk(FromHex("0100 ffff")));
  EXPECT_EQ("0:1 end", Walk(FromHex("00 4400")));  // a bad timestamp after EOL
  std::vector<ipv4_option> v;
  Guarded g(FromHex("94040000 00 000000"));
  EXPECT_EQ("148:4 0:1 end", Walk(g, &v));
  EXPECT_EQ(4u, v[1].offset);
}

TEST(OptionNext, RecordRouteEmpty) {
  ipv4_option o = One("0707 04 00000000");
  EXPECT_EQ(IPV4_OPT_RECORD_ROUTE, o.type);
  EXPECT_EQ(7, o.len);
  EXPECT_EQ(4, o.pointer);
  EXPECT_EQ(1u, o.num_slots);
  EXPECT_EQ(0u, o.num_filled);
  EXPECT_EQ(4u, o.slot_len);
  EXPECT_EQ(5u, o.data_len);
}

TEST(OptionNext, RecordRouteFullAndPartlyFilled) {
  ipv4_option full = One("070b 0c 0a000001 0a000002");
  EXPECT_EQ(2u, full.num_slots);
  EXPECT_EQ(2u, full.num_filled);
  EXPECT_EQ("0a0000010a000002", ToHex(full.slots, 8));
  ipv4_option half = One("070b 08 0a000001 00000000");
  EXPECT_EQ(1u, half.num_filled);
  ipv4_option none = One("0703 04");  // no slots at all: full at once
  EXPECT_EQ(0u, none.num_slots);
  EXPECT_EQ(nullptr, none.slots);
}

TEST(OptionNext, SourceRoutesUseTheRouteRules) {
  ipv4_option l = One("8307 04 c0000201");
  EXPECT_EQ(IPV4_OPT_LSRR, l.type);
  EXPECT_EQ(1u, l.num_slots);
  ipv4_option s = One("890b 08 c0000201 c0000202");
  EXPECT_EQ(IPV4_OPT_SSRR, s.type);
  EXPECT_EQ(1u, s.num_filled);
  EXPECT_EQ("IPV4_EOPTPTR", Walk(FromHex("8307 03 c0000201")));
  EXPECT_EQ("IPV4_EOPTPTR", Walk(FromHex("8907 07 c0000201")));
  // RFC 791: a pointer that exceeds the length means the route is over.
  ipv4_option over = One("8907 09 c0000201");
  EXPECT_EQ(1u, over.num_slots);
  EXPECT_EQ(1u, over.num_filled);
  EXPECT_EQ("IPV4_EOPTION", Walk(FromHex("8306 04 c00002")));
}

TEST(OptionNext, RouteRejectsBadLengths) {
  EXPECT_EQ("IPV4_EOPTION", Walk(FromHex("0702")));
  for (int len = 4; len <= 6; len++) {
    std::vector<uint8_t> b = FromHex("0700 04 000000");
    b[1] = static_cast<uint8_t>(len);
    b.resize(len);
    EXPECT_EQ("IPV4_EOPTION", Walk(b)) << len;
  }
}

TEST(OptionNext, RoutePointerEveryValue) {
  // Two slots: length 11, legal pointers 4 and 8, and full from 12 (length
  // + 1) up: RFC 791 calls the route data full when "the pointer exceeds
  // the length". 0..3 are below the first slot, 5..7 and 9..11 inside one.
  for (int ptr = 0; ptr <= 255; ptr++) {
    std::vector<uint8_t> b = FromHex("070b 00 0a000001 0a000002");
    b[2] = static_cast<uint8_t>(ptr);
    bool legal = ptr == 4 || ptr == 8 || ptr >= 12;
    std::vector<ipv4_option> v;
    Guarded g(b);
    EXPECT_EQ(legal ? "7:11 end" : "IPV4_EOPTPTR", Walk(g, &v)) << ptr;
    if (!legal) continue;
    ASSERT_EQ(1u, v.size());
    EXPECT_EQ(ptr, v[0].pointer);
    EXPECT_EQ(2u, v[0].num_slots);
    EXPECT_EQ(ptr >= 12 ? 2u : (ptr - 4u) / 4, v[0].num_filled) << ptr;
  }
}

TEST(OptionNext, TimestampEachFlag) {
  ipv4_option only = One("4408 05 00 00000000");
  EXPECT_EQ(IPV4_OPT_TIMESTAMP, only.type);
  EXPECT_EQ(IPV4_OPT_TS_ONLY, only.ts_flags);
  EXPECT_EQ(4u, only.slot_len);
  EXPECT_EQ(1u, only.num_slots);
  EXPECT_EQ(0u, only.num_filled);
  ipv4_option addr = One("440c 0d 31 0a000001 00001234");
  EXPECT_EQ(IPV4_OPT_TS_AND_ADDR, addr.ts_flags);
  EXPECT_EQ(3, addr.ts_overflow);
  EXPECT_EQ(8u, addr.slot_len);
  EXPECT_EQ(1u, addr.num_filled);
  EXPECT_EQ(13, addr.pointer);
  ipv4_option pre = One("4414 05 03 0a000001 00000000 0a000002 00000000");
  EXPECT_EQ(IPV4_OPT_TS_PRESPEC, pre.ts_flags);
  EXPECT_EQ(2u, pre.num_slots);
  EXPECT_EQ("0a00000100000000", ToHex(pre.slots, 8));
  ipv4_option empty = One("4404 05 f0");  // no room: full, overflow 15
  EXPECT_EQ(0u, empty.num_slots);
  EXPECT_EQ(15, empty.ts_overflow);
}

TEST(OptionNext, TimestampRejectsUnknownFlags) {
  for (int flg = 0; flg <= 15; flg++) {
    std::vector<uint8_t> b = FromHex("440c 05 00 0000000000000000");
    b[3] = static_cast<uint8_t>(flg);
    bool known = flg == 0 || flg == 1 || flg == 3;
    EXPECT_EQ(known ? "68:12 end" : "IPV4_EOPTION", Walk(b)) << flg;
  }
}

TEST(OptionNext, TimestampRejectsBadLengths) {
  EXPECT_EQ("IPV4_EOPTION", Walk(FromHex("4402")));
  EXPECT_EQ("IPV4_EOPTION", Walk(FromHex("4403 05")));
  EXPECT_EQ("IPV4_EOPTION", Walk(FromHex("4406 05 00 0000")));  // half an entry
  EXPECT_EQ("IPV4_EOPTION", Walk(FromHex("4408 05 01 00000000")));  // half of 8
}

TEST(OptionNext, TimestampPointerEveryValue) {
  // Flag 1, two 8-byte entries: length 20, legal pointers 5, 13, 21.
  for (int ptr = 0; ptr <= 255; ptr++) {
    std::vector<uint8_t> b(20, 0);
    b[0] = 0x44;
    b[1] = 20;
    b[2] = static_cast<uint8_t>(ptr);
    b[3] = 0x01;
    bool legal = ptr == 5 || ptr == 13 || ptr >= 21;  // past 20: full
    std::vector<ipv4_option> v;
    Guarded g(b);
    EXPECT_EQ(legal ? "68:20 end" : "IPV4_EOPTPTR", Walk(g, &v)) << ptr;
    if (!legal) continue;
    ASSERT_EQ(1u, v.size());
    EXPECT_EQ(ptr >= 21 ? 2u : (ptr - 5u) / 8, v[0].num_filled) << ptr;
  }
  // Flag 0, entries of 4: 5, 9 and 13 for length 12.
  for (int ptr : {5, 9, 13}) {
    std::vector<uint8_t> b = FromHex("440c 00 00 0000000000000000");
    b[2] = static_cast<uint8_t>(ptr);
    EXPECT_EQ("68:12 end", Walk(b)) << ptr;
  }
  EXPECT_EQ("IPV4_EOPTPTR", Walk(FromHex("440c 07 00 0000000000000000")));
  // Past the length is full whatever the alignment; the overflow counts on.
  ipv4_option full = One("440c ff 20 0000000000000000");
  EXPECT_EQ(2u, full.num_filled);
  EXPECT_EQ(2u, full.num_slots);
  EXPECT_EQ(2, full.ts_overflow);
  EXPECT_EQ("IPV4_EOPTPTR", Walk(FromHex("440c 04 00 0000000000000000")));
}

TEST(OptionNext, RouterAlert) {
  ipv4_option o = One("94040000");
  EXPECT_EQ(IPV4_OPT_ROUTER_ALERT, o.type);
  EXPECT_EQ(0, o.router_alert);
  EXPECT_EQ(0x1234, One("94041234").router_alert);
  EXPECT_EQ("IPV4_EOPTION", Walk(FromHex("940300")));
  EXPECT_EQ("IPV4_EOPTION", Walk(FromHex("9405000000")));
}

// RFC 1108 section 2.2: the Basic Security Option is variable length, at
// least 3 octets: type, length, classification level, then protection
// authority flags to the end of the option.
TEST(OptionNext, SecurityIsTheVariableLengthBasicSecurityOption) {
  ipv4_option o = One("8204 ab 80");  // Unclassified, GENSER
  EXPECT_EQ(IPV4_OPT_SECURITY, o.type);
  EXPECT_EQ(4, o.len);
  EXPECT_EQ(IPV4_OPT_SEC_UNCLASSIFIED, o.sec_level);
  ASSERT_EQ(1u, o.sec_authority_len);
  EXPECT_EQ(IPV4_OPT_SEC_GENSER, o.sec_authority[0]);
  EXPECT_EQ(o.data + 1, o.sec_authority);

  ipv4_option bare = One("8203 3d");  // Top Secret, no authority flags
  EXPECT_EQ(IPV4_OPT_SEC_TOP_SECRET, bare.sec_level);
  EXPECT_EQ(0u, bare.sec_authority_len);
  EXPECT_EQ(nullptr, bare.sec_authority);

  // Two flag octets: the first's low bit says another follows.
  ipv4_option two = One("8205 5a 31 08");
  EXPECT_EQ(IPV4_OPT_SEC_SECRET, two.sec_level);
  EXPECT_EQ(2u, two.sec_authority_len);
  EXPECT_EQ(IPV4_OPT_SEC_SCI | IPV4_OPT_SEC_NSA | IPV4_OPT_SEC_MORE,
            two.sec_authority[0]);

  // The 11 octets of RFC 791's form still walk, read the RFC 1108 way.
  ipv4_option old = One("820b 0000 0000 0000 000000");
  EXPECT_EQ(9u, old.data_len);
  EXPECT_EQ(0, old.sec_level);
  EXPECT_EQ(8u, old.sec_authority_len);

  // Labelled traffic does not stop the walk.
  EXPECT_EQ("130:4 148:4 end", Walk(FromHex("8204ab80 94040000")));
  EXPECT_EQ("IPV4_EOPTION", Walk(FromHex("8202")));
  EXPECT_EQ("IPV4_EOPTION", Walk(FromHex("820a 0000 0000 0000")));
}

TEST(OptionNext, OnlySecurityDecodesSecurityFields) {
  ipv4_option o = One("88 04 ab80");
  EXPECT_EQ(0, o.sec_level);
  EXPECT_EQ(nullptr, o.sec_authority);
  EXPECT_EQ(0u, o.sec_authority_len);
}

TEST(OptionNext, UnknownTypesPassThroughWithTheirLength) {
  std::vector<ipv4_option> v;
  Guarded g(FromHex("8804abcd 1902"));
  EXPECT_EQ("136:4 25:2 end", Walk(g, &v));
  EXPECT_EQ("abcd", ToHex(v[0].data, v[0].data_len));
  EXPECT_EQ(nullptr, v[1].data);
  EXPECT_EQ(0, v[0].pointer);
}

TEST(OptionNext, TypeOctetParts) {
  EXPECT_EQ(1u, IPV4_OPT_COPIED(IPV4_OPT_LSRR));
  EXPECT_EQ(0u, IPV4_OPT_CLASS(IPV4_OPT_LSRR));
  EXPECT_EQ(3u, IPV4_OPT_NUMBER(IPV4_OPT_LSRR));
  EXPECT_EQ(0u, IPV4_OPT_COPIED(IPV4_OPT_TIMESTAMP));
  EXPECT_EQ(2u, IPV4_OPT_CLASS(IPV4_OPT_TIMESTAMP));
  EXPECT_EQ(4u, IPV4_OPT_NUMBER(IPV4_OPT_TIMESTAMP));
  EXPECT_EQ(20u, IPV4_OPT_NUMBER(IPV4_OPT_ROUTER_ALERT));
}

TEST(OptionNext, RejectsMissingLengthOctet) {
  for (int type = 2; type <= 255; type++) {
    std::vector<uint8_t> b = {1, static_cast<uint8_t>(type)};
    EXPECT_EQ("1:1 IPV4_EOPTION", Walk(b)) << type;
  }
}

TEST(OptionNext, RejectsLengthZeroAndOne) {
  for (int type = 2; type <= 255; type++) {
    for (uint8_t len : {0, 1}) {
      std::vector<uint8_t> b = {static_cast<uint8_t>(type), len, 0, 0};
      EXPECT_EQ("IPV4_EOPTION", Walk(b)) << type << " " << int(len);
    }
  }
}

TEST(OptionNext, RejectsLengthPastTheEnd) {
  for (int len = 5; len <= 255; len++) {
    std::vector<uint8_t> b = {0x88, static_cast<uint8_t>(len), 0, 0};
    EXPECT_EQ("IPV4_EOPTION", Walk(b)) << len;
  }
}

// Each option type with every length octet up to one past 40 bytes (and
// two far past), in 40 bytes of three fillers (pointers 4, 5 and 255): the
// iterator never hands out anything past the bytes, and fails only with the
// two option codes (Walk checks the bounds, the guard page the reads).
TEST(OptionNext, EveryTypeAndLengthStaysInBounds) {
  std::vector<int> lens;
  for (int len = 0; len <= 41; len++) lens.push_back(len);
  lens.push_back(128);
  lens.push_back(255);
  for (int type = 0; type <= 255; type++) {
    for (int len : lens) {
      for (uint8_t fill : {0x04, 0x05, 0xff}) {
        std::vector<uint8_t> b(40, fill);
        b[0] = static_cast<uint8_t>(type);
        b[1] = static_cast<uint8_t>(len);
        std::string s = Walk(b);
        bool ok = s.size() >= 3 && s.compare(s.size() - 3, 3, "end") == 0;
        EXPECT_TRUE(ok || s.find("IPV4_EOPTION") != std::string::npos ||
                    s.find("IPV4_EOPTPTR") != std::string::npos)
            << type << " " << len << " " << s;
      }
    }
  }
}

// A header's worth of options, every prefix ending at a guard page: whole
// options come out, a cut one is EOPTION.
TEST(OptionNext, EveryTruncatedPrefix) {
  const std::vector<uint8_t> full = FromHex(
      "01 94040000 0707 04 00000000 4408 05 00 00000000 "
      "8307 08 c0000201 820b 0000 0000 0000 000000 00 00");
  ASSERT_EQ(40u, full.size());
  const size_t ends[] = {1, 5, 12, 20, 27, 38, 39};
  const char* tokens[] = {"1:1 ",   "148:4 ",  "7:7 ", "68:8 ",
                          "131:7 ", "130:11 ", "0:1 "};
  for (size_t n = 0; n <= full.size(); n++) {
    std::string want;
    size_t i = 0;
    while (i < 7 && ends[i] <= n) want += tokens[i++];
    size_t prev = i == 0 ? 0 : ends[i - 1];
    want += (prev == n || i == 7) ? "end" : "IPV4_EOPTION";
    EXPECT_EQ(want, Walk(std::vector<uint8_t>(full.begin(), full.begin() + n)))
        << n;
  }
}

TEST(OptionNext, ErrorsAreStickyAndZeroTheOption) {
  std::vector<uint8_t> b = FromHex("0702 0101");
  ipv4_option_iter it;
  ASSERT_EQ(0, ipv4_option_iter_init(&it, b.data(), b.size()));
  ipv4_option o;
  memset(&o, 0xaa, sizeof(o));
  EXPECT_EQ(IPV4_EOPTION, ipv4_option_next(&it, &o));
  ipv4_option zero;
  memset(&zero, 0, sizeof(zero));
  EXPECT_EQ(0, memcmp(&o, &zero, sizeof(o)));
  EXPECT_EQ(IPV4_EOPTION, ipv4_option_next(&it, &o));
}

TEST(OptionNext, RejectsNullArguments) {
  ipv4_option_iter it;
  ipv4_option o;
  uint8_t b[4] = {1, 1, 1, 1};
  EXPECT_EQ(IPV4_EINVAL, ipv4_option_iter_init(nullptr, b, 4));
  EXPECT_EQ(IPV4_EINVAL, ipv4_option_iter_init(&it, nullptr, 4));
  EXPECT_EQ(IPV4_EINVAL, ipv4_option_next(&it, &o))
      << "a failed init yields EINVAL";
  ASSERT_EQ(0, ipv4_option_iter_init(&it, b, 4));
  EXPECT_EQ(IPV4_EINVAL, ipv4_option_next(&it, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_option_next(nullptr, &o));
  EXPECT_EQ(1, ipv4_option_next(&it, &o)) << "a NULL out does not advance";
}

TEST(OptionNext, WalksTheOptionsOfAParsedHeader) {
  std::vector<uint8_t> pkt = FromHex(
      "4800 0024 0000 0000 0102 0000 0a000001 e0000016 "
      "94040000 0707 04 00000000 01");
  ipv4_header h;
  ASSERT_EQ(0, ipv4_header_parse(&h, pkt.data(), pkt.size(), IPV4_FORMAT_WIRE));
  ipv4_option_iter it;
  ASSERT_EQ(0, ipv4_option_iter_init(&it, h.options, h.options_len));
  ipv4_option o;
  ASSERT_EQ(1, ipv4_option_next(&it, &o));
  EXPECT_EQ(IPV4_OPT_ROUTER_ALERT, o.type);
  EXPECT_EQ(h.options + 2, o.data) << "views point into the header's copy";
  ASSERT_EQ(1, ipv4_option_next(&it, &o));
  EXPECT_EQ(IPV4_OPT_RECORD_ROUTE, o.type);
  EXPECT_EQ(4u, o.offset);
  ASSERT_EQ(1, ipv4_option_next(&it, &o));
  EXPECT_EQ(IPV4_OPT_NOP, o.type);
  EXPECT_EQ(0, ipv4_option_next(&it, &o));
}

TEST(OptionMarshal, RouterAlertBytes) {
  uint8_t out[4];
  size_t n = 0;
  ASSERT_EQ(0, ipv4_option_router_alert_marshal(0, out, sizeof(out), &n));
  EXPECT_EQ("94040000", ToHex(out, n));
  ASSERT_EQ(0, ipv4_option_router_alert_marshal(0xbeef, out, sizeof(out), &n));
  EXPECT_EQ("9404beef", ToHex(out, n));
  EXPECT_EQ(0xbeef, One("9404beef").router_alert);
}

TEST(OptionMarshal, RouterAlertEveryCapacity) {
  std::vector<uint8_t> out = ExpectEveryCapacity(
      [](uint8_t* b, size_t cap, size_t* n) {
        return ipv4_option_router_alert_marshal(0x0102, b, cap, n);
      },
      4);
  EXPECT_EQ("94040102", ToHex(out.data(), out.size()));
}

TEST(OptionMarshal, RecordRouteEverySlotCountRoundTrips) {
  for (size_t slots = 0; slots <= IPV4_OPT_ROUTE_MAX_SLOTS; slots++) {
    uint8_t out[40];
    size_t n = 0;
    ASSERT_EQ(static_cast<int>(3 + 4 * slots),
              ipv4_option_record_route_marshal_size(slots));
    ASSERT_EQ(0, ipv4_option_record_route_marshal(slots, out, sizeof(out), &n));
    ASSERT_EQ(3 + 4 * slots, n);
    std::string want =
        "07" + ToHex(std::vector<uint8_t>{static_cast<uint8_t>(n)}.data(), 1) +
        "04" + std::string(8 * slots, '0');
    EXPECT_EQ(want, ToHex(out, n));
    std::vector<ipv4_option> v;
    Guarded g(out, n);
    EXPECT_EQ("7:" + std::to_string(n) + " end", Walk(g, &v));
    EXPECT_EQ(slots, v[0].num_slots);
    EXPECT_EQ(0u, v[0].num_filled);
  }
}

TEST(OptionMarshal, RecordRouteEveryCapacity) {
  std::vector<uint8_t> out = ExpectEveryCapacity(
      [](uint8_t* b, size_t cap, size_t* n) {
        return ipv4_option_record_route_marshal(9, b, cap, n);
      },
      39);
  EXPECT_EQ("072704" + std::string(72, '0'), ToHex(out.data(), out.size()));
}

TEST(OptionMarshal, RejectsBadArguments) {
  uint8_t out[40];
  size_t n = 7;
  EXPECT_EQ(IPV4_EINVAL, ipv4_option_record_route_marshal_size(10));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_option_record_route_marshal(10, out, sizeof(out), &n));
  EXPECT_EQ(0u, n);
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_option_record_route_marshal(1, out, sizeof(out), nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_option_record_route_marshal(1, nullptr, 8, &n));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_option_router_alert_marshal(0, out, sizeof(out), nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_option_router_alert_marshal(0, nullptr, 4, &n));
}

// The writers' options, padded to 40 bytes, make a header that marshals.
TEST(OptionMarshal, WritersFillAHeader) {
  ipv4_header h;
  memset(&h, 0, sizeof(h));
  size_t n = 0;
  ASSERT_EQ(0, ipv4_option_router_alert_marshal(0, h.options, 40, &n));
  size_t rr = 0;
  ASSERT_EQ(0, ipv4_option_record_route_marshal(8, h.options + n, 40 - n, &rr));
  h.options_len = n + rr + 1;  // one EOL pads 39 bytes to 40
  h.len = static_cast<uint8_t>(20 + h.options_len);
  uint8_t wire[60];
  size_t wire_len = 0;
  ASSERT_EQ(0, ipv4_header_marshal(&h, IPV4_FORMAT_WIRE, wire, sizeof(wire),
                                   &wire_len));
  EXPECT_EQ("148:4 7:35 0:1 end",
            Walk(std::vector<uint8_t>(wire + 20, wire + wire_len)));
}

}  // namespace
