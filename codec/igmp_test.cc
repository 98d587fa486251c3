/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the IGMP codec: parse, record walk, marshal, summary text.
#include "ipv4/igmp.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "ipv4/header.h"
#include "testing/capacity.h"
#include "testing/guarded.h"

using ipv4_testing::ExpectEveryCapacity;
using ipv4_testing::ExpectEveryTextCapacity;
using ipv4_testing::FromHex;
using ipv4_testing::Guarded;
using ipv4_testing::ToHex;

namespace {

// Wire vectors; the checksums were worked out apart from the library.
const char kV1Query[] = "1100eeff 00000000";
const char kV2Query[] = "1164ee9b 00000000";
const char kV3GeneralQuery[] = "1164ec1e 00000000 027d 0000";
const char kV3SourceQuery[] = "110adf6e ef010203 0a7d 0002 0a000001 0a000002";
const char kV1Report[] = "1200fcfa ef010203";
const char kV2Report[] = "1600f8fa ef010203";
const char kV2Leave[] = "1700f7fa ef010203";
// A join of 239.1.2.3 as Linux sends it (EXCLUDE {}, i.e. TO_EX).
const char kV3Join[] = "2200e8f9 0000 0001 04000000 ef010203";
// One record of each type, and an unknown type 7 with a word of aux data.
const char kV3AllRecords[] =
    "22006517 0000 0007"
    " 04000000 ef010203"
    " 01000001 ef010204 0a000001"
    " 02000000 ef010205"
    " 03000000 ef010206"
    " 05000002 ef010207 0a000001 0a000002"
    " 06000001 ef010208 0a000003"
    " 07010000 ef010209 deadbeef";
const char kV3AllRecordsText[] =
    "v3-report records=7"
    " to_ex group=239.1.2.3 aux=0 sources="
    " is_in group=239.1.2.4 aux=0 sources=10.0.0.1"
    " is_ex group=239.1.2.5 aux=0 sources="
    " to_in group=239.1.2.6 aux=0 sources="
    " allow group=239.1.2.7 aux=0 sources=10.0.0.1,10.0.0.2"
    " block group=239.1.2.8 aux=0 sources=10.0.0.3"
    " rec7 group=239.1.2.9 aux=4 sources=";

// Parsed keeps the input alive (views point into it) next to the result.
struct Parsed {
  std::unique_ptr<Guarded> bytes;
  ipv4_igmp_message m;
  int rc;
};

Parsed Parse(const std::vector<uint8_t>& b) {
  Parsed p;
  p.bytes = std::make_unique<Guarded>(b);
  memset(&p.m, 0xaa, sizeof(p.m));
  p.rc = ipv4_igmp_parse(&p.m, p.bytes->data(), p.bytes->size());
  return p;
}

Parsed Parse(const char* hex) { return Parse(FromHex(hex)); }

int ParseRc(const std::vector<uint8_t>& b) { return Parse(b).rc; }

bool IsZero(const ipv4_igmp_message& m) {
  ipv4_igmp_message z;
  memset(&z, 0, sizeof(z));
  return memcmp(&m, &z, sizeof(m)) == 0;
}

std::string Text(const ipv4_igmp_message* m) {
  char buf[1024];
  int n = ipv4_igmp_string(m, buf, sizeof(buf));
  if (n < 0) return ipv4_error_name(n);
  EXPECT_LT(n, static_cast<int>(sizeof(buf)));
  return buf;
}

std::string Addr(struct in_addr a) {
  char buf[INET_ADDRSTRLEN];
  return inet_ntop(AF_INET, &a, buf, sizeof(buf));
}

struct in_addr A(const char* s) {
  struct in_addr a;
  EXPECT_EQ(1, inet_pton(AF_INET, s, &a));
  return a;
}

// Sets the checksum of an IGMP message in place.
void FixSum(std::vector<uint8_t>* b) {
  (*b)[2] = (*b)[3] = 0;
  uint16_t sum = ipv4_checksum(b->data(), b->size());
  (*b)[2] = static_cast<uint8_t>(sum >> 8);
  (*b)[3] = static_cast<uint8_t>(sum);
}

std::vector<uint8_t> WithSum(const char* hex) {
  std::vector<uint8_t> b = FromHex(hex);
  FixSum(&b);
  return b;
}

TEST(IgmpParse, V1Query) {
  Parsed p = Parse(kV1Query);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(IPV4_IGMP_MEMBERSHIP_QUERY, p.m.type);
  EXPECT_EQ(1, p.m.version);
  EXPECT_EQ(0, p.m.max_resp_code);
  EXPECT_EQ(0xeeff, p.m.checksum);
  EXPECT_EQ("0.0.0.0", Addr(p.m.group));
  EXPECT_EQ("v1-query group=0.0.0.0", Text(&p.m));
}

TEST(IgmpParse, V2Query) {
  Parsed p = Parse(kV2Query);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(2, p.m.version);
  EXPECT_EQ(100, p.m.max_resp_code);
  EXPECT_EQ("v2-query maxresp=100 group=0.0.0.0", Text(&p.m));
}

TEST(IgmpParse, V3GeneralQuery) {
  Parsed p = Parse(kV3GeneralQuery);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(3, p.m.version);
  EXPECT_EQ(0, p.m.s_flag);
  EXPECT_EQ(2, p.m.qrv);
  EXPECT_EQ(125, p.m.qqic);
  EXPECT_EQ(0u, p.m.num_sources);
  EXPECT_EQ(nullptr, p.m.sources);
  EXPECT_EQ(0u, p.m.extra_len);
  EXPECT_EQ("v3-query maxresp=100 group=0.0.0.0 s=0 qrv=2 qqic=125 sources=",
            Text(&p.m));
}

TEST(IgmpParse, V3GroupAndSourceQuery) {
  Parsed p = Parse(kV3SourceQuery);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(1, p.m.s_flag);
  EXPECT_EQ(2, p.m.qrv);
  EXPECT_EQ("239.1.2.3", Addr(p.m.group));
  ASSERT_EQ(2u, p.m.num_sources);
  EXPECT_EQ(p.bytes->data() + 12, p.m.sources) << "sources are a view";
  struct in_addr a;
  ASSERT_EQ(0, ipv4_igmp_source(p.m.sources, p.m.num_sources, 1, &a));
  EXPECT_EQ("10.0.0.2", Addr(a));
  EXPECT_EQ(
      "v3-query maxresp=10 group=239.1.2.3 s=1 qrv=2 qqic=125 "
      "sources=10.0.0.1,10.0.0.2",
      Text(&p.m));
}

TEST(IgmpParse, V3QueryIgnoresReservedBits) {
  std::vector<uint8_t> b = FromHex(kV3GeneralQuery);
  b[8] = 0xf7;  // reserved bits set, S=0, QRV=7
  FixSum(&b);
  Parsed p = Parse(b);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(0, p.m.s_flag);
  EXPECT_EQ(7, p.m.qrv);
}

TEST(IgmpParse, ReportsAndLeave) {
  const struct {
    const char* hex;
    uint8_t type, version;
    const char* text;
  } cases[] = {
      {kV1Report, IPV4_IGMP_V1_MEMBERSHIP_REPORT, 1,
       "v1-report group=239.1.2.3"},
      {kV2Report, IPV4_IGMP_V2_MEMBERSHIP_REPORT, 2,
       "v2-report group=239.1.2.3"},
      {kV2Leave, IPV4_IGMP_V2_LEAVE_GROUP, 2, "v2-leave group=239.1.2.3"},
  };
  for (const auto& c : cases) {
    Parsed p = Parse(c.hex);
    ASSERT_EQ(0, p.rc) << c.hex;
    EXPECT_EQ(c.type, p.m.type);
    EXPECT_EQ(c.version, p.m.version);
    EXPECT_EQ(0, p.m.max_resp_code);
    EXPECT_EQ("239.1.2.3", Addr(p.m.group));
    EXPECT_EQ(c.text, Text(&p.m));
  }
}

TEST(IgmpParse, ReportIgnoresItsSecondOctet) {
  std::vector<uint8_t> b = FromHex(kV2Report);
  b[1] = 0x33;
  FixSum(&b);
  Parsed p = Parse(b);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(0, p.m.max_resp_code);
}

TEST(IgmpParse, V3Join) {
  Parsed p = Parse(kV3Join);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(3, p.m.version);
  EXPECT_EQ(0u, p.m.group.s_addr);
  EXPECT_EQ(1u, p.m.num_records);
  EXPECT_EQ(8u, p.m.records_len);
  EXPECT_EQ(p.bytes->data() + 8, p.m.records);
  EXPECT_EQ("v3-report records=1 to_ex group=239.1.2.3 aux=0 sources=",
            Text(&p.m));
}

TEST(IgmpParse, V3ReportWithEveryRecordType) {
  Parsed p = Parse(kV3AllRecords);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(7u, p.m.num_records);
  EXPECT_EQ(p.bytes->size() - 8, p.m.records_len);
  EXPECT_EQ(kV3AllRecordsText, Text(&p.m));
}

TEST(IgmpParse, EmptyV3Report) {
  Parsed p = Parse(WithSum("2200 0000 0000 0000"));
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(0u, p.m.num_records);
  EXPECT_EQ(nullptr, p.m.records);
  EXPECT_EQ("v3-report records=0", Text(&p.m));
}

// RFC 3376 section 7.1: the length and the max resp code name the version.
TEST(IgmpParse, QueryVersionFromLength) {
  for (size_t len = 8; len <= 16; len++) {
    for (uint8_t code : {0, 1, 255}) {
      std::vector<uint8_t> b(len, 0);
      b[0] = IPV4_IGMP_MEMBERSHIP_QUERY;
      b[1] = code;
      FixSum(&b);
      Parsed p = Parse(b);
      if (len == 8) {
        ASSERT_EQ(0, p.rc);
        EXPECT_EQ(code == 0 ? 1 : 2, p.m.version);
      } else if (len < 12) {
        EXPECT_EQ(IPV4_EIGMPLEN, p.rc) << len;
        EXPECT_TRUE(IsZero(p.m));
      } else {
        ASSERT_EQ(0, p.rc) << len;
        EXPECT_EQ(3, p.m.version);
        EXPECT_EQ(code, p.m.max_resp_code);
        EXPECT_EQ(len - 12, p.m.extra_len);
      }
    }
  }
}

TEST(IgmpParse, EveryUnknownTypeIsRejected) {
  for (int type = 0; type <= 255; type++) {
    std::vector<uint8_t> b = FromHex("0000 0000 00000000 0000 0000");
    b[0] = static_cast<uint8_t>(type);
    FixSum(&b);
    int rc = ParseRc(b);
    bool known = type == 0x11 || type == 0x12 || type == 0x16 || type == 0x17 ||
                 type == 0x22;
    EXPECT_EQ(known ? 0 : IPV4_EIGMPTYPE, rc) << type;
  }
}

TEST(IgmpParse, ChecksumCoversEveryByte) {
  for (const char* hex : {kV1Query, kV2Report, kV3SourceQuery, kV3AllRecords}) {
    std::vector<uint8_t> good = FromHex(hex);
    for (size_t i = 0; i < good.size(); i++) {
      if (i == 0 || i == 1) continue;  // type and code decide the layout
      std::vector<uint8_t> b = good;
      b[i] ^= 0x40;
      int rc = ParseRc(b);
      if (rc != IPV4_EIGMPSHORT) {  // a count byte may now overrun
        EXPECT_EQ(IPV4_EIGMPSUM, rc) << hex << " byte " << i;
      }
    }
  }
}

TEST(IgmpParse, TrailingBytesAreCountedAndChecksummed) {
  std::vector<uint8_t> b = FromHex("1600 0000 ef010203 cafe f00d");
  FixSum(&b);
  Parsed p = Parse(b);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(4u, p.m.extra_len);
  b[9] ^= 1;
  EXPECT_EQ(IPV4_EIGMPSUM, ParseRc(b));
  Parsed r = Parse(WithSum("2200 0000 0000 0001 04000000 ef010203 00"));
  ASSERT_EQ(0, r.rc);
  EXPECT_EQ(1u, r.m.extra_len);
  EXPECT_EQ(8u, r.m.records_len);
}

TEST(IgmpParse, AuxDataIsSkipped) {
  Parsed p = Parse(
      WithSum("2200 0000 0000 0002 01020001 ef010203 0a000001 11111111 22222222"
              " 02000000 ef010204"));
  ASSERT_EQ(0, p.rc);
  ipv4_igmp_record_iter it;
  ipv4_igmp_record r;
  ASSERT_EQ(0, ipv4_igmp_record_iter_init(&it, &p.m));
  ASSERT_EQ(1, ipv4_igmp_record_next(&it, &r));
  EXPECT_EQ(8u, r.aux_len);
  EXPECT_EQ("1111111122222222", ToHex(r.aux, r.aux_len));
  ASSERT_EQ(1, ipv4_igmp_record_next(&it, &r));
  EXPECT_EQ(IPV4_IGMP_MODE_IS_EXCLUDE, r.type);
  EXPECT_EQ("239.1.2.4", Addr(r.group));
  EXPECT_EQ(nullptr, r.aux);
  EXPECT_EQ(0, ipv4_igmp_record_next(&it, &r));
}

TEST(IgmpParse, RejectsCountsPastTheEnd) {
  // Query: three sources announced, two present.
  EXPECT_EQ(IPV4_EIGMPSHORT,
            ParseRc(WithSum("1100 0000 00000000 0200 0003 0a000001 0a000002")));
  // Report: two records announced, one present.
  EXPECT_EQ(IPV4_EIGMPSHORT,
            ParseRc(WithSum("2200 0000 0000 0002 04000000 ef010203")));
  // Record: two sources announced, one present.
  EXPECT_EQ(IPV4_EIGMPSHORT,
            ParseRc(WithSum("2200 0000 0000 0001 01000002 ef010203 0a000001")));
  // Record: a word of aux data announced, none present.
  EXPECT_EQ(IPV4_EIGMPSHORT,
            ParseRc(WithSum("2200 0000 0000 0001 01010000 ef010203")));
  // Record: header cut.
  EXPECT_EQ(IPV4_EIGMPSHORT,
            ParseRc(WithSum("2200 0000 0000 0001 01000000 ef01")));
}

TEST(IgmpParse, LargestCountsStayInBounds) {
  std::vector<uint8_t> q = FromHex("1100 0000 00000000 0200 ffff");
  q.resize(q.size() + 4 * 0xfffe, 0x0a);
  FixSum(&q);
  EXPECT_EQ(IPV4_EIGMPSHORT, ParseRc(q));
  q.resize(q.size() + 4, 0x0a);
  FixSum(&q);
  Parsed p = Parse(q);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(0xffffu, p.m.num_sources);
  std::vector<uint8_t> r = FromHex("2200 0000 0000 0001 01ff ffff ef010203");
  r.resize(r.size() + 4 * 0xffff + 4 * 254, 0);
  FixSum(&r);
  EXPECT_EQ(IPV4_EIGMPSHORT, ParseRc(r));
  r.resize(r.size() + 4, 0);
  FixSum(&r);
  EXPECT_EQ(0, ParseRc(r));
}

// Every prefix of each message, ending at a guard page.
TEST(IgmpParse, EveryTruncatedPrefix) {
  for (const char* hex : {kV3SourceQuery, kV3AllRecords, kV3Join, kV2Report}) {
    std::vector<uint8_t> full = FromHex(hex);
    for (size_t n = 0; n < full.size(); n++) {
      std::vector<uint8_t> b(full.begin(), full.begin() + n);
      Parsed p = Parse(b);
      int want;
      if (n < 8) {
        want = IPV4_EIGMPSHORT;
      } else if (full[0] != IPV4_IGMP_MEMBERSHIP_QUERY) {
        want = IPV4_EIGMPSHORT;
      } else if (n == 8) {
        want = IPV4_EIGMPSUM;  // a whole v2 query, with the wrong sum
      } else if (n < 12) {
        want = IPV4_EIGMPLEN;
      } else {
        want = IPV4_EIGMPSHORT;
      }
      EXPECT_EQ(want, p.rc) << hex << " cut to " << n;
      EXPECT_TRUE(IsZero(p.m)) << n;
    }
  }
}

TEST(IgmpParse, RejectsNullArguments) {
  std::vector<uint8_t> b = FromHex(kV2Report);
  ipv4_igmp_message m;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_parse(nullptr, b.data(), b.size()));
  memset(&m, 0xaa, sizeof(m));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_parse(&m, nullptr, 8));
  EXPECT_TRUE(IsZero(m));
}

TEST(IgmpRecord, IterYieldsEachRecordThenEnds) {
  Parsed p = Parse(kV3AllRecords);
  ASSERT_EQ(0, p.rc);
  ipv4_igmp_record_iter it;
  ASSERT_EQ(0, ipv4_igmp_record_iter_init(&it, &p.m));
  const uint8_t types[] = {4, 1, 2, 3, 5, 6, 7};
  const size_t sources[] = {0, 1, 0, 0, 2, 1, 0};
  for (size_t i = 0; i < 7; i++) {
    ipv4_igmp_record r;
    ASSERT_EQ(1, ipv4_igmp_record_next(&it, &r)) << i;
    EXPECT_EQ(types[i], r.type);
    EXPECT_EQ(sources[i], r.num_sources);
    EXPECT_EQ(sources[i] == 0, r.sources == nullptr);
  }
  ipv4_igmp_record r;
  EXPECT_EQ(0, ipv4_igmp_record_next(&it, &r));
  EXPECT_EQ(0, ipv4_igmp_record_next(&it, &r));
}

TEST(IgmpRecord, NonReportsHaveNoRecords) {
  Parsed p = Parse(kV3SourceQuery);
  ipv4_igmp_record_iter it;
  ipv4_igmp_record r;
  ASSERT_EQ(0, ipv4_igmp_record_iter_init(&it, &p.m));
  EXPECT_EQ(0, ipv4_igmp_record_next(&it, &r));
}

TEST(IgmpRecord, InconsistentMessageIsShortAndSticky) {
  Parsed p = Parse(kV3Join);
  ipv4_igmp_message m = p.m;
  m.num_records = 2;
  ipv4_igmp_record_iter it;
  ipv4_igmp_record r;
  ASSERT_EQ(0, ipv4_igmp_record_iter_init(&it, &m));
  ASSERT_EQ(1, ipv4_igmp_record_next(&it, &r));
  memset(&r, 0xaa, sizeof(r));
  EXPECT_EQ(IPV4_EIGMPSHORT, ipv4_igmp_record_next(&it, &r));
  ipv4_igmp_record zero;
  memset(&zero, 0, sizeof(zero));
  EXPECT_EQ(0, memcmp(&r, &zero, sizeof(r)));
  EXPECT_EQ(IPV4_EIGMPSHORT, ipv4_igmp_record_next(&it, &r));
}

TEST(IgmpRecord, RejectsNullArguments) {
  Parsed p = Parse(kV3Join);
  ipv4_igmp_record_iter it;
  ipv4_igmp_record r;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_iter_init(nullptr, &p.m));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_iter_init(&it, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_next(&it, &r));
  ipv4_igmp_message bad = p.m;
  bad.records = nullptr;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_iter_init(&it, &bad));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_next(&it, &r));
  ASSERT_EQ(0, ipv4_igmp_record_iter_init(&it, &p.m));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_next(&it, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_next(nullptr, &r));
  EXPECT_EQ(1, ipv4_igmp_record_next(&it, &r));
}

TEST(IgmpSource, BoundsChecked) {
  const uint8_t src[8] = {10, 0, 0, 1, 10, 0, 0, 2};
  struct in_addr a;
  ASSERT_EQ(0, ipv4_igmp_source(src, 2, 0, &a));
  EXPECT_EQ("10.0.0.1", Addr(a));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_source(src, 2, 2, &a));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_source(nullptr, 2, 0, &a));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_source(src, 2, 0, nullptr));
}

TEST(IgmpCodeValue, LinearAndFloatingForms) {
  EXPECT_EQ(0u, ipv4_igmp_code_value(0));
  EXPECT_EQ(100u, ipv4_igmp_code_value(100));
  EXPECT_EQ(127u, ipv4_igmp_code_value(127));
  EXPECT_EQ(128u, ipv4_igmp_code_value(0x80));  // (0 | 0x10) << 3
  EXPECT_EQ(136u, ipv4_igmp_code_value(0x81));
  EXPECT_EQ(0x1fu << 10, ipv4_igmp_code_value(0xff));
  uint32_t prev = 0;
  for (int c = 1; c <= 255; c++) {
    uint32_t v = ipv4_igmp_code_value(static_cast<uint8_t>(c));
    EXPECT_GT(v, prev) << "codes grow with their value: " << c;
    prev = v;
  }
}

std::vector<uint8_t> Marshal(const ipv4_igmp_message& m, int* rc) {
  uint8_t out[2048];
  size_t n = 0;
  *rc = ipv4_igmp_marshal(&m, out, sizeof(out), &n);
  EXPECT_EQ(*rc == 0 ? n : 0u, n);
  return std::vector<uint8_t>(out, out + n);
}

// Parse, marshal and compare: every message type comes back byte for byte.
TEST(IgmpMarshal, EveryMessageRoundTrips) {
  for (const char* hex :
       {kV1Query, kV2Query, kV3GeneralQuery, kV3SourceQuery, kV1Report,
        kV2Report, kV2Leave, kV3Join, kV3AllRecords}) {
    Parsed p = Parse(hex);
    ASSERT_EQ(0, p.rc) << hex;
    EXPECT_EQ(static_cast<int>(p.bytes->size()), ipv4_igmp_marshal_size(&p.m));
    int rc;
    std::vector<uint8_t> out = Marshal(p.m, &rc);
    ASSERT_EQ(0, rc) << hex;
    EXPECT_EQ(ToHex(FromHex(hex).data(), FromHex(hex).size()),
              ToHex(out.data(), out.size()));
  }
}

ipv4_igmp_message Msg(uint8_t type, uint8_t version) {
  ipv4_igmp_message m;
  memset(&m, 0, sizeof(m));
  m.type = type;
  m.version = version;
  return m;
}

TEST(IgmpMarshal, BuildsAV2ReportAndLeave) {
  ipv4_igmp_message m = Msg(IPV4_IGMP_V2_MEMBERSHIP_REPORT, 2);
  m.group = A("239.1.2.3");
  int rc;
  std::vector<uint8_t> out = Marshal(m, &rc);
  ASSERT_EQ(0, rc);
  EXPECT_EQ("1600f8faef010203", ToHex(out.data(), out.size()));
  m.type = IPV4_IGMP_V2_LEAVE_GROUP;
  out = Marshal(m, &rc);
  ASSERT_EQ(0, rc);
  EXPECT_EQ("1700f7faef010203", ToHex(out.data(), out.size()));
}

TEST(IgmpMarshal, BuildsAV3QueryFromAnAddressArray) {
  struct in_addr src[2] = {A("10.0.0.1"), A("10.0.0.2")};
  ipv4_igmp_message m = Msg(IPV4_IGMP_MEMBERSHIP_QUERY, 3);
  m.max_resp_code = 10;
  m.group = A("239.1.2.3");
  m.s_flag = 1;
  m.qrv = 2;
  m.qqic = 125;
  m.sources = reinterpret_cast<const uint8_t*>(src);
  m.num_sources = 2;
  int rc;
  std::vector<uint8_t> out = Marshal(m, &rc);
  ASSERT_EQ(0, rc);
  EXPECT_EQ(ToHex(FromHex(kV3SourceQuery).data(), 20),
            ToHex(out.data(), out.size()));
}

TEST(IgmpMarshal, BuildsAV3ReportFromRecords) {
  struct in_addr src[2] = {A("10.0.0.1"), A("10.0.0.2")};
  ipv4_igmp_record recs[2];
  memset(recs, 0, sizeof(recs));
  recs[0].type = IPV4_IGMP_CHANGE_TO_INCLUDE;
  recs[0].group = A("232.1.1.1");
  recs[0].sources = reinterpret_cast<const uint8_t*>(src);
  recs[0].num_sources = 2;
  recs[1].type = IPV4_IGMP_BLOCK_OLD_SOURCES;
  recs[1].group = A("232.1.1.2");
  recs[1].sources = reinterpret_cast<const uint8_t*>(src + 1);
  recs[1].num_sources = 1;
  uint8_t buf[64];
  size_t used = 0;
  for (const auto& r : recs) {
    size_t n = 0;
    ASSERT_EQ(0,
              ipv4_igmp_record_marshal(&r, buf + used, sizeof(buf) - used, &n));
    EXPECT_EQ(static_cast<int>(n), ipv4_igmp_record_marshal_size(&r));
    used += n;
  }
  ipv4_igmp_message m = Msg(IPV4_IGMP_V3_MEMBERSHIP_REPORT, 3);
  m.records = buf;
  m.records_len = used;
  m.num_records = 2;
  int rc;
  std::vector<uint8_t> out = Marshal(m, &rc);
  ASSERT_EQ(0, rc);
  Parsed p = Parse(out);
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(
      "v3-report records=2 to_in group=232.1.1.1 aux=0 "
      "sources=10.0.0.1,10.0.0.2 block group=232.1.1.2 aux=0 sources=10.0.0.2",
      Text(&p.m));
}

TEST(IgmpMarshal, RecordWithAuxData) {
  const uint8_t aux[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  ipv4_igmp_record r;
  memset(&r, 0, sizeof(r));
  r.type = 9;
  r.group = A("239.0.0.1");
  r.aux = aux;
  r.aux_len = 8;
  uint8_t out[32];
  size_t n = 0;
  ASSERT_EQ(0, ipv4_igmp_record_marshal(&r, out, sizeof(out), &n));
  EXPECT_EQ("09020000ef0000010102030405060708", ToHex(out, n));
}

// One source, for the views the cases below set.
const struct in_addr kOneSource = {htonl(0x0a000001)};
const uint8_t* const kSrc = reinterpret_cast<const uint8_t*>(&kOneSource);

TEST(IgmpMarshal, RejectsWhatCannotBeEncodedFaithfully) {
  using Set = void (*)(ipv4_igmp_message*);
  const struct {
    const char* what;
    uint8_t type, version;
    Set set;
    int rc;
  } cases[] = {
      {"unknown type", 0x13, 2, [](ipv4_igmp_message*) {}, IPV4_EIGMPTYPE},
      {"v2 report as v3", 0x16, 3, [](ipv4_igmp_message*) {}, IPV4_EINVAL},
      {"v1 report as v2", 0x12, 2, [](ipv4_igmp_message*) {}, IPV4_EINVAL},
      {"v3 report as v2", 0x22, 2, [](ipv4_igmp_message*) {}, IPV4_EINVAL},
      {"query version 4", 0x11, 4, [](ipv4_igmp_message*) {}, IPV4_EINVAL},
      {"query version 0", 0x11, 0, [](ipv4_igmp_message*) {}, IPV4_EINVAL},
      {"v1 query with a code", 0x11, 1,
       [](ipv4_igmp_message* m) { m->max_resp_code = 1; }, IPV4_EINVAL},
      {"v2 query without a code", 0x11, 2, [](ipv4_igmp_message*) {},
       IPV4_EINVAL},
      {"report with a code", 0x16, 2,
       [](ipv4_igmp_message* m) { m->max_resp_code = 1; }, IPV4_EINVAL},
      {"s flag 2", 0x11, 3, [](ipv4_igmp_message* m) { m->s_flag = 2; },
       IPV4_EINVAL},
      {"qrv 8", 0x11, 3, [](ipv4_igmp_message* m) { m->qrv = 8; }, IPV4_EINVAL},
      {"sources NULL", 0x11, 3,
       [](ipv4_igmp_message* m) { m->num_sources = 1; }, IPV4_EINVAL},
      {"65536 sources", 0x11, 3,
       [](ipv4_igmp_message* m) {
         m->sources = kSrc;
         m->num_sources = 0x10000;
       },
       IPV4_EINVAL},
      {"v2 query with sources", 0x11, 2,
       [](ipv4_igmp_message* m) {
         m->max_resp_code = 1;
         m->sources = kSrc;
         m->num_sources = 1;
       },
       IPV4_EINVAL},
      {"v2 query with qqic", 0x11, 2,
       [](ipv4_igmp_message* m) {
         m->max_resp_code = 1;
         m->qqic = 1;
       },
       IPV4_EINVAL},
      {"leave with qrv", 0x17, 2, [](ipv4_igmp_message* m) { m->qrv = 1; },
       IPV4_EINVAL},
      {"leave with s", 0x17, 2, [](ipv4_igmp_message* m) { m->s_flag = 1; },
       IPV4_EINVAL},
      {"v2 report with records", 0x16, 2,
       [](ipv4_igmp_message* m) { m->num_records = 1; }, IPV4_EINVAL},
      {"v2 report with records_len", 0x16, 2,
       [](ipv4_igmp_message* m) { m->records_len = 1; }, IPV4_EINVAL},
      {"v2 report with a records view", 0x16, 2,
       [](ipv4_igmp_message* m) { m->records = kSrc; }, IPV4_EINVAL},
      {"v3 report with a group", 0x22, 3,
       [](ipv4_igmp_message* m) { m->group = kOneSource; }, IPV4_EINVAL},
      {"records NULL", 0x22, 3,
       [](ipv4_igmp_message* m) { m->records_len = 8; }, IPV4_EINVAL},
      {"65536 records", 0x22, 3,
       [](ipv4_igmp_message* m) { m->num_records = 0x10000; }, IPV4_EINVAL},
  };
  for (const auto& c : cases) {
    ipv4_igmp_message m = Msg(c.type, c.version);
    c.set(&m);
    int rc;
    std::vector<uint8_t> out = Marshal(m, &rc);
    EXPECT_EQ(c.rc, rc) << c.what;
    EXPECT_TRUE(out.empty()) << c.what;
    EXPECT_EQ(c.rc, ipv4_igmp_marshal_size(&m)) << c.what;
  }
}

TEST(IgmpMarshal, RecordsMustHoldExactlyTheirCount) {
  std::vector<uint8_t> recs = FromHex("04000000 ef010203 04000000 ef010204");
  ipv4_igmp_message m = Msg(IPV4_IGMP_V3_MEMBERSHIP_REPORT, 3);
  m.records = recs.data();
  m.records_len = recs.size();
  m.num_records = 1;  // a record too many bytes
  EXPECT_EQ(IPV4_EIGMPSHORT, ipv4_igmp_marshal_size(&m));
  m.num_records = 3;  // a record too few
  EXPECT_EQ(IPV4_EIGMPSHORT, ipv4_igmp_marshal_size(&m));
  m.num_records = 2;
  EXPECT_EQ(24, ipv4_igmp_marshal_size(&m));
}

TEST(IgmpMarshal, RefusesMessagesPastTheLargestPacket) {
  const size_t most = (IPV4_IGMP_MAX_LEN - 12) / 4;
  std::vector<uint8_t> src(4 * (most + 1), 10);
  ipv4_igmp_message m = Msg(IPV4_IGMP_MEMBERSHIP_QUERY, 3);
  m.sources = src.data();
  m.num_sources = most;
  EXPECT_EQ(static_cast<int>(12 + 4 * most), ipv4_igmp_marshal_size(&m));
  m.num_sources = most + 1;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_marshal_size(&m));
}

TEST(IgmpMarshal, EveryShortBufferReportsTheSizeNeeded) {
  Parsed p = Parse(kV3AllRecords);
  ASSERT_EQ(0, p.rc);
  std::vector<uint8_t> out = ExpectEveryCapacity(
      [&p](uint8_t* b, size_t cap, size_t* n) {
        return ipv4_igmp_marshal(&p.m, b, cap, n);
      },
      p.bytes->size());
  EXPECT_EQ(ToHex(p.bytes->data(), p.bytes->size()),
            ToHex(out.data(), out.size()));
}

TEST(IgmpMarshal, RejectsNullArguments) {
  ipv4_igmp_message m = Msg(IPV4_IGMP_V2_MEMBERSHIP_REPORT, 2);
  uint8_t out[8];
  size_t n = 3;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_marshal(nullptr, out, sizeof(out), &n));
  EXPECT_EQ(0u, n);
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_marshal(&m, out, sizeof(out), nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_marshal(&m, nullptr, 8, &n));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_marshal_size(nullptr));
}

TEST(IgmpRecordMarshal, EveryShortBufferReportsTheSizeNeeded) {
  const uint8_t src[8] = {10, 0, 0, 1, 10, 0, 0, 2};
  const uint8_t aux[4] = {9, 9, 9, 9};
  ipv4_igmp_record r;
  memset(&r, 0, sizeof(r));
  r.type = IPV4_IGMP_ALLOW_NEW_SOURCES;
  r.group = A("239.1.2.3");
  r.sources = src;
  r.num_sources = 2;
  r.aux = aux;
  r.aux_len = 4;
  std::vector<uint8_t> out = ExpectEveryCapacity(
      [&r](uint8_t* b, size_t cap, size_t* n) {
        return ipv4_igmp_record_marshal(&r, b, cap, n);
      },
      20);
  EXPECT_EQ("05010002ef0102030a0000010a00000209090909",
            ToHex(out.data(), out.size()));
}

TEST(IgmpRecordMarshal, RejectsBadRecords) {
  const uint8_t bytes[1024] = {0};
  ipv4_igmp_record ok;
  memset(&ok, 0, sizeof(ok));
  ok.type = 1;
  EXPECT_EQ(8, ipv4_igmp_record_marshal_size(&ok));
  ipv4_igmp_record r = ok;
  r.num_sources = 1;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_marshal_size(&r)) << "sources NULL";
  r = ok;
  r.sources = bytes;
  r.num_sources = 0x10000;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_marshal_size(&r)) << "65536 sources";
  r = ok;
  r.aux = bytes;
  r.aux_len = 6;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_marshal_size(&r))
      << "aux not whole words";
  r.aux_len = IPV4_IGMP_MAX_AUX_LEN + 4;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_marshal_size(&r))
      << "aux over 255 words";
  r.aux_len = IPV4_IGMP_MAX_AUX_LEN;
  EXPECT_EQ(8 + IPV4_IGMP_MAX_AUX_LEN, ipv4_igmp_record_marshal_size(&r));
  r = ok;
  r.aux_len = 4;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_marshal_size(&r)) << "aux NULL";
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_marshal_size(nullptr));
  uint8_t out[16];
  size_t n = 5;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_marshal(&r, out, sizeof(out), &n));
  EXPECT_EQ(0u, n);
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_igmp_record_marshal(&ok, out, sizeof(out), nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_record_marshal(&ok, nullptr, 8, &n));
}

TEST(IgmpString, NullMessagePrintsNil) { EXPECT_EQ("<nil>", Text(nullptr)); }

TEST(IgmpString, UnknownRecordTypesPrintTheirNumber) {
  Parsed p =
      Parse(WithSum("2200 0000 0000 0002 00000000 ef010203 ff000000 ef010204"));
  ASSERT_EQ(0, p.rc);
  EXPECT_EQ(
      "v3-report records=2 rec0 group=239.1.2.3 aux=0 sources= "
      "rec255 group=239.1.2.4 aux=0 sources=",
      Text(&p.m));
}

TEST(IgmpString, EveryCapacityTruncatesAndTerminates) {
  Parsed p = Parse(kV3AllRecords);
  ASSERT_EQ(0, p.rc);
  ExpectEveryTextCapacity(
      [&p](char* out, size_t cap) { return ipv4_igmp_string(&p.m, out, cap); },
      kV3AllRecordsText);
}

TEST(IgmpString, RejectsMessagesItCannotName) {
  char buf[64];
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_string(nullptr, nullptr, 4));
  ipv4_igmp_message m = Msg(0x13, 2);
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_string(&m, buf, sizeof(buf)));
  EXPECT_STREQ("", buf);
  m = Msg(IPV4_IGMP_V2_LEAVE_GROUP, 3);
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_string(&m, buf, sizeof(buf)));
  m = Msg(IPV4_IGMP_MEMBERSHIP_QUERY, 0);
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_string(&m, buf, sizeof(buf)));
  m = Msg(IPV4_IGMP_MEMBERSHIP_QUERY, 4);
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_string(&m, buf, sizeof(buf)));
}

TEST(IgmpString, BrokenRecordsLeaveNoHalfText) {
  Parsed p = Parse(kV3Join);
  ipv4_igmp_message m = p.m;
  m.num_records = 2;
  char buf[128];
  EXPECT_EQ(IPV4_EIGMPSHORT, ipv4_igmp_string(&m, buf, sizeof(buf)));
  EXPECT_STREQ("", buf);
}

TEST(IgmpString, RefusesTheSourceListsMarshalRefuses) {
  char buf[128];
  ipv4_igmp_message m = Msg(IPV4_IGMP_MEMBERSHIP_QUERY, 3);
  m.num_sources = 2;  // and no view to read them from
  memset(buf, 'x', sizeof(buf));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_string(&m, buf, sizeof(buf)));
  EXPECT_STREQ("", buf);
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_marshal_size(&m));

  // 65536 sources do not fit the 16-bit count: refused, as marshal does,
  // although the view is long enough to read.
  std::vector<uint8_t> sources(65536 * 4, 10);
  m.sources = sources.data();
  m.num_sources = 65536;
  memset(buf, 'x', sizeof(buf));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_string(&m, buf, sizeof(buf)));
  EXPECT_STREQ("", buf);
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_marshal_size(&m));

  // 65535 is the most there may be, and is printed in full.
  m.num_sources = 65535;
  int n = ipv4_igmp_string(&m, nullptr, 0);
  EXPECT_EQ(static_cast<int>(strlen("v3-query maxresp=0 group=0.0.0.0 s=0 "
                                    "qrv=0 qqic=0 sources=") +
                             65535 * strlen("10.10.10.10,") - 1),
            n);

  // A NULL view is refused in any message, not only where it is read.
  m = Msg(IPV4_IGMP_V2_MEMBERSHIP_REPORT, 2);
  m.num_sources = 1;
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_string(&m, buf, sizeof(buf)));
  EXPECT_STREQ("", buf);
}

TEST(IgmpString, NullRecordsAreRefusedLeavingNothing) {
  char buf[128];
  ipv4_igmp_message m = Msg(IPV4_IGMP_V3_MEMBERSHIP_REPORT, 3);
  m.num_records = 1;
  m.records_len = 8;
  memset(buf, 'x', sizeof(buf));
  EXPECT_EQ(IPV4_EINVAL, ipv4_igmp_string(&m, buf, sizeof(buf)));
  EXPECT_STREQ("", buf);
}

}  // namespace
