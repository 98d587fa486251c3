/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the IPv4 header codec: parse, marshal, text, checksum, validate.
#include "ipv4/header.h"

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

// The header of Go's documentation example, in the wire format.
const char kGoExampleWire[] =
    "45 01 beef cafe 45dc ff 01 dead ac10fefe c0a80001";
const char kGoExampleText[] =
    "ver=4 hdrlen=20 tos=0x1 totallen=48879 id=0xcafe flags=0x2 "
    "fragoff=0x5dc ttl=255 proto=1 cksum=0xdead src=172.16.254.254 "
    "dst=192.168.0.1";

std::string Text(const ipv4_header* h) {
  char buf[256];
  int n = ipv4_header_string(h, buf, sizeof(buf));
  EXPECT_GE(n, 0);
  EXPECT_LT(n, static_cast<int>(sizeof(buf)));
  return std::string(buf);
}

int Parse(ipv4_header* h, const std::vector<uint8_t>& b,
          ipv4_format f = IPV4_FORMAT_WIRE) {
  Guarded g(b);
  return ipv4_header_parse(h, g.data(), g.size(), f);
}

std::vector<uint8_t> Marshal(const ipv4_header& h, ipv4_format f, int* rc) {
  uint8_t out[IPV4_MAX_HEADER_LEN + 4];
  size_t n = 0;
  *rc = ipv4_header_marshal(&h, f, out, sizeof(out), &n);
  return std::vector<uint8_t>(out, out + n);
}

bool IsZero(const ipv4_header& h) {
  ipv4_header z;
  memset(&z, 0, sizeof(z));
  return memcmp(&h, &z, sizeof(z)) == 0;
}

// A header with options_len bytes of options, every other field set.
ipv4_header Sample(size_t options_len) {
  ipv4_header h;
  memset(&h, 0, sizeof(h));
  h.version = 4;
  h.len = static_cast<uint8_t>(IPV4_HEADER_LEN + options_len);
  h.tos = 0xb8;
  h.total_len = 1500;
  h.id = 0x1234;
  h.flags = IPV4_DONT_FRAGMENT;
  h.frag_off = 0x0abc;
  h.ttl = 64;
  h.protocol = 17;
  h.checksum = 0xbeef;
  h.src.s_addr = htonl(0x0a000001);
  h.dst.s_addr = htonl(0xe0000005);
  h.options_len = options_len;
  for (size_t i = 0; i < options_len; i++) {
    h.options[i] = static_cast<uint8_t>(i + 1);
  }
  return h;
}

TEST(HeaderParse, GoDocumentationExample) {
  ipv4_header h;
  ASSERT_EQ(0, Parse(&h, FromHex(kGoExampleWire)));
  EXPECT_EQ(4, h.version);
  EXPECT_EQ(20, h.len);
  EXPECT_EQ(0x01, h.tos);
  EXPECT_EQ(0xbeef, h.total_len);
  EXPECT_EQ(0xcafe, h.id);
  EXPECT_EQ(IPV4_DONT_FRAGMENT, h.flags);
  EXPECT_EQ(0x5dc, h.frag_off);
  EXPECT_EQ(255, h.ttl);
  EXPECT_EQ(1, h.protocol);
  EXPECT_EQ(0xdead, h.checksum);
  EXPECT_EQ(htonl(0xac10fefe), h.src.s_addr);
  EXPECT_EQ(htonl(0xc0a80001), h.dst.s_addr);
  EXPECT_EQ(0u, h.options_len);
  EXPECT_EQ(kGoExampleText, Text(&h));
}

TEST(HeaderParse, EveryFieldAtItsMinimum) {
  ipv4_header h;
  ASSERT_EQ(
      0, Parse(&h, FromHex("0500 0000 0000 0000 0000 0000 00000000 00000000")));
  EXPECT_EQ(
      "ver=0 hdrlen=20 tos=0x0 totallen=0 id=0x0 flags=0x0 fragoff=0x0 "
      "ttl=0 proto=0 cksum=0x0 src=0.0.0.0 dst=0.0.0.0",
      Text(&h));
}

TEST(HeaderParse, EveryFieldAtItsMaximum) {
  std::vector<uint8_t> b(60, 0xff);
  ipv4_header h;
  ASSERT_EQ(0, Parse(&h, b));
  EXPECT_EQ(15, h.version);
  EXPECT_EQ(60, h.len);
  EXPECT_EQ(7, h.flags);
  EXPECT_EQ(0x1fff, h.frag_off);
  EXPECT_EQ(40u, h.options_len);
  EXPECT_EQ(
      "ver=15 hdrlen=60 tos=0xff totallen=65535 id=0xffff flags=0x7 "
      "fragoff=0x1fff ttl=255 proto=255 cksum=0xffff src=255.255.255.255 "
      "dst=255.255.255.255",
      Text(&h));
}

TEST(HeaderParse, EachFlagBitLandsInFlags) {
  const struct {
    const char* word;
    uint8_t flags;
    uint16_t frag_off;
  } cases[] = {{"2000", IPV4_MORE_FRAGMENTS, 0},
               {"4000", IPV4_DONT_FRAGMENT, 0},
               {"8000", 4, 0},
               {"1fff", 0, 0x1fff},
               {"6001", 3, 1}};
  for (const auto& c : cases) {
    std::string hex = std::string("4500 0014 0000 ") + c.word +
                      " 4006 0000 01020304 05060708";
    ipv4_header h;
    ASSERT_EQ(0, Parse(&h, FromHex(hex.c_str()))) << c.word;
    EXPECT_EQ(c.flags, h.flags) << c.word;
    EXPECT_EQ(c.frag_off, h.frag_off) << c.word;
  }
}

TEST(HeaderParse, RejectsIhlBelowFive) {
  for (uint8_t ihl = 0; ihl < 5; ihl++) {
    std::vector<uint8_t> b = FromHex(kGoExampleWire);
    b[0] = static_cast<uint8_t>(0x40 | ihl);
    ipv4_header h;
    memset(&h, 0xaa, sizeof(h));
    EXPECT_EQ(IPV4_EIHL, Parse(&h, b)) << int(ihl);
    EXPECT_TRUE(IsZero(h)) << "failed parse left data behind";
  }
}

TEST(HeaderParse, AcceptsEveryIhlFromFiveToFifteen) {
  for (uint8_t ihl = 5; ihl <= 15; ihl++) {
    std::vector<uint8_t> b(60);
    for (size_t i = 0; i < b.size(); i++) b[i] = static_cast<uint8_t>(i);
    b[0] = static_cast<uint8_t>(0x40 | ihl);
    b.resize(ihl * 4u);
    ipv4_header h;
    ASSERT_EQ(0, Parse(&h, b)) << int(ihl);
    EXPECT_EQ(ihl * 4, h.len);
    ASSERT_EQ(ihl * 4u - 20, h.options_len);
    EXPECT_EQ(0, memcmp(h.options, b.data() + 20, h.options_len));
  }
}

// Every prefix of a 60-byte header, each ending at a guard page.
TEST(HeaderParse, EveryTruncatedPrefix) {
  std::vector<uint8_t> full(61, 0x11);
  full[0] = 0x4f;
  for (size_t n = 0; n <= full.size(); n++) {
    std::vector<uint8_t> b(full.begin(), full.begin() + n);
    ipv4_header h;
    int rc = Parse(&h, b);
    if (n < 20) {
      EXPECT_EQ(IPV4_ESHORT, rc) << n;
    } else if (n < 60) {
      EXPECT_EQ(IPV4_EEXTSHORT, rc) << n;
    } else {
      EXPECT_EQ(0, rc) << n;
    }
    if (rc != 0) {
      EXPECT_TRUE(IsZero(h)) << n;
    }
  }
}

// Whatever *out held before, a success leaves the same bytes, padding and
// unused options included: a parsed header can be compared with memcmp.
TEST(HeaderParse, SuccessLeavesNoStaleBytes) {
  std::vector<uint8_t> long_header(60, 0x77);
  long_header[0] = 0x4f;
  std::vector<uint8_t> short_header = FromHex(kGoExampleWire);
  short_header[0] = 0x46;
  short_header.insert(short_header.end(), {0x94, 0x04, 0x00, 0x00});
  for (ipv4_format f :
       {IPV4_FORMAT_WIRE, IPV4_FORMAT_TRADBSD, IPV4_FORMAT_FREEBSD10}) {
    ipv4_header clean;
    ipv4_header dirty;
    memset(&clean, 0, sizeof(clean));
    memset(&dirty, 0xa5, sizeof(dirty));
    ASSERT_EQ(0, Parse(&clean, short_header, f)) << f;
    ASSERT_EQ(0, Parse(&dirty, short_header, f)) << f;
    EXPECT_EQ(0, memcmp(&clean, &dirty, sizeof(clean))) << f;
    // A header with 4 bytes of options after one with 40 keeps none of
    // the 36 others.
    ASSERT_EQ(0, Parse(&dirty, long_header, f)) << f;
    ASSERT_EQ(40u, dirty.options_len);
    ASSERT_EQ(0, Parse(&dirty, short_header, f)) << f;
    EXPECT_EQ(4u, dirty.options_len);
    EXPECT_EQ(0, memcmp(&clean, &dirty, sizeof(clean))) << f;
  }
}

TEST(HeaderParse, BytesPastTheHeaderAreIgnored) {
  std::vector<uint8_t> b = FromHex(kGoExampleWire);
  b.resize(200, 0x99);
  ipv4_header h;
  ASSERT_EQ(0, Parse(&h, b));
  EXPECT_EQ(0u, h.options_len);
  EXPECT_EQ(kGoExampleText, Text(&h));
}

TEST(HeaderParse, RejectsNullArgumentsAndUnknownFormat) {
  std::vector<uint8_t> b = FromHex(kGoExampleWire);
  ipv4_header h;
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_header_parse(nullptr, b.data(), b.size(), IPV4_FORMAT_WIRE));
  memset(&h, 0xaa, sizeof(h));
  EXPECT_EQ(IPV4_EINVAL, ipv4_header_parse(&h, nullptr, 20, IPV4_FORMAT_WIRE));
  EXPECT_TRUE(IsZero(h));
  memset(&h, 0xaa, sizeof(h));
  EXPECT_EQ(IPV4_EFORMAT, ipv4_header_parse(&h, b.data(), b.size(),
                                            static_cast<ipv4_format>(3)));
  EXPECT_TRUE(IsZero(h));
}

// The BSD formats keep total length and the fragment word in host order.
std::vector<uint8_t> HostOrderHeader(uint16_t total_len, uint16_t frag_word,
                                     size_t options_len) {
  std::vector<uint8_t> b = FromHex(kGoExampleWire);
  b[0] = static_cast<uint8_t>(0x40 | (20 + options_len) / 4);
  memcpy(&b[2], &total_len, 2);
  memcpy(&b[6], &frag_word, 2);
  b.resize(20 + options_len, 0x01);
  return b;
}

TEST(HeaderParse, TradBsdAddsTheHeaderToTheTotalLength) {
  ipv4_header h;
  ASSERT_EQ(0, Parse(&h, HostOrderHeader(1000, 0x4000 | 0x5dc, 8),
                     IPV4_FORMAT_TRADBSD));
  EXPECT_EQ(1028, h.total_len);
  EXPECT_EQ(IPV4_DONT_FRAGMENT, h.flags);
  EXPECT_EQ(0x5dc, h.frag_off);
}

TEST(HeaderParse, TradBsdRejectsTotalLengthPastUint16) {
  ipv4_header h;
  EXPECT_EQ(IPV4_ETOTALLEN,
            Parse(&h, HostOrderHeader(65535 - 19, 0, 0), IPV4_FORMAT_TRADBSD));
  EXPECT_TRUE(IsZero(h));
  ASSERT_EQ(0,
            Parse(&h, HostOrderHeader(65535 - 20, 0, 0), IPV4_FORMAT_TRADBSD));
  EXPECT_EQ(65535, h.total_len);
}

TEST(HeaderParse, FreeBsd10KeepsTheTotalLength) {
  ipv4_header h;
  ASSERT_EQ(0, Parse(&h, HostOrderHeader(1000, 0x2000 | 7, 4),
                     IPV4_FORMAT_FREEBSD10));
  EXPECT_EQ(1000, h.total_len);
  EXPECT_EQ(IPV4_MORE_FRAGMENTS, h.flags);
  EXPECT_EQ(7, h.frag_off);
  EXPECT_EQ(24, h.len);
}

TEST(HeaderParse, NativeFormatIsWireOnLinux) {
#ifdef __linux__
  EXPECT_EQ(IPV4_FORMAT_WIRE, IPV4_FORMAT_NATIVE);
#else
  GTEST_SKIP() << "not Linux";
#endif
}

TEST(HeaderMarshal, GoDocumentationExample) {
  ipv4_header h;
  ASSERT_EQ(0, Parse(&h, FromHex(kGoExampleWire)));
  int rc;
  std::vector<uint8_t> out = Marshal(h, IPV4_FORMAT_WIRE, &rc);
  ASSERT_EQ(0, rc);
  EXPECT_EQ(ToHex(FromHex(kGoExampleWire).data(), 20),
            ToHex(out.data(), out.size()));
}

TEST(HeaderMarshal, OptionsOfEveryAllowedLengthRoundTrip) {
  for (size_t n = 0; n <= 40; n += 4) {
    for (ipv4_format f : {IPV4_FORMAT_WIRE, IPV4_FORMAT_FREEBSD10}) {
      ipv4_header h = Sample(n);
      int rc;
      std::vector<uint8_t> out = Marshal(h, f, &rc);
      ASSERT_EQ(0, rc) << n;
      ASSERT_EQ(20 + n, out.size());
      ipv4_header back;
      ASSERT_EQ(0, Parse(&back, out, f)) << n;
      EXPECT_EQ(0, memcmp(&h, &back, sizeof(h))) << n;
    }
  }
}

TEST(HeaderMarshal, WireFormatLayout) {
  ipv4_header h = Sample(4);
  int rc;
  std::vector<uint8_t> out = Marshal(h, IPV4_FORMAT_WIRE, &rc);
  ASSERT_EQ(0, rc);
  EXPECT_EQ("46b805dc12344abc4011beef0a000001e000000501020304",
            ToHex(out.data(), out.size()));
}

TEST(HeaderMarshal, BsdFormatsWriteHostOrder) {
  for (ipv4_format f : {IPV4_FORMAT_TRADBSD, IPV4_FORMAT_FREEBSD10}) {
    ipv4_header h = Sample(0);
    int rc;
    std::vector<uint8_t> out = Marshal(h, f, &rc);
    ASSERT_EQ(0, rc);
    uint16_t total, word;
    memcpy(&total, &out[2], 2);
    memcpy(&word, &out[6], 2);
    EXPECT_EQ(1500, total) << "the send path takes the whole length";
    EXPECT_EQ(0x4000 | 0x0abc, word);
  }
}

TEST(HeaderMarshal, TradBsdRoundTripAddsTheHeaderOnce) {
  ipv4_header h = Sample(8);
  h.total_len = 100;
  int rc;
  std::vector<uint8_t> out = Marshal(h, IPV4_FORMAT_TRADBSD, &rc);
  ASSERT_EQ(0, rc);
  ipv4_header back;
  ASSERT_EQ(0, Parse(&back, out, IPV4_FORMAT_TRADBSD));
  EXPECT_EQ(128, back.total_len);
}

TEST(HeaderMarshal, AlwaysWritesVersionFour) {
  ipv4_header h = Sample(0);
  h.version = 6;
  int rc;
  std::vector<uint8_t> out = Marshal(h, IPV4_FORMAT_WIRE, &rc);
  ASSERT_EQ(0, rc);
  EXPECT_EQ(0x45, out[0]);
}

TEST(HeaderMarshal, RejectsBadOptionLengths) {
  for (size_t n : {1u, 2u, 3u, 5u, 39u, 41u, 44u, 1000u}) {
    ipv4_header h = Sample(0);
    h.options_len = n;
    h.len = static_cast<uint8_t>(20 + (n > 40 ? 40 : n));
    int rc;
    std::vector<uint8_t> out = Marshal(h, IPV4_FORMAT_WIRE, &rc);
    EXPECT_EQ(IPV4_EOPTLEN, rc) << n;
    EXPECT_TRUE(out.empty());
  }
}

TEST(HeaderMarshal, RejectsLenThatDisagreesWithOptions) {
  for (uint8_t len : {0, 16, 19, 24, 60, 255}) {
    ipv4_header h = Sample(0);
    h.len = len;
    int rc;
    Marshal(h, IPV4_FORMAT_WIRE, &rc);
    EXPECT_EQ(IPV4_EHDRLEN, rc) << int(len);
  }
}

TEST(HeaderMarshal, RejectsFlagsAndFragmentOffsetOutOfRange) {
  ipv4_header h = Sample(0);
  h.flags = 8;
  int rc;
  Marshal(h, IPV4_FORMAT_WIRE, &rc);
  EXPECT_EQ(IPV4_EFIELD, rc);
  h = Sample(0);
  h.frag_off = 0x2000;
  Marshal(h, IPV4_FORMAT_WIRE, &rc);
  EXPECT_EQ(IPV4_EFIELD, rc);
  h.flags = 7;
  h.frag_off = 0x1fff;
  Marshal(h, IPV4_FORMAT_WIRE, &rc);
  EXPECT_EQ(0, rc);
}

TEST(HeaderMarshal, EveryShortBufferReportsTheSizeNeeded) {
  ipv4_header h = Sample(12);
  for (size_t cap = 0; cap <= 61; cap++) {
    std::vector<uint8_t> out(cap + 1, 0x5a);
    size_t n = 12345;
    int rc = ipv4_header_marshal(&h, IPV4_FORMAT_WIRE,
                                 cap ? out.data() : nullptr, cap, &n);
    if (cap < 32) {
      EXPECT_EQ(IPV4_ENOBUF, rc) << cap;
      EXPECT_EQ(32u, n) << cap;
      for (uint8_t byte : out)
        EXPECT_EQ(0x5a, byte) << "wrote into a short buffer";
    } else {
      EXPECT_EQ(0, rc) << cap;
      EXPECT_EQ(32u, n);
      EXPECT_EQ(0x5a, out[32]) << "wrote past the header";
    }
  }
}

TEST(HeaderMarshal, RejectsNullArgumentsAndUnknownFormat) {
  ipv4_header h = Sample(0);
  uint8_t out[60];
  size_t n = 7;
  EXPECT_EQ(IPV4_EINVAL, ipv4_header_marshal(nullptr, IPV4_FORMAT_WIRE, out,
                                             sizeof(out), &n));
  EXPECT_EQ(IPV4_EINVAL, ipv4_header_marshal(&h, IPV4_FORMAT_WIRE, out,
                                             sizeof(out), nullptr));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_header_marshal(&h, IPV4_FORMAT_WIRE, nullptr, 60, &n));
  EXPECT_EQ(IPV4_EFORMAT, ipv4_header_marshal(&h, static_cast<ipv4_format>(-1),
                                              out, sizeof(out), &n));
  EXPECT_EQ(0u, n);
}

TEST(HeaderMarshal, SizeCountsTheOptions) {
  ipv4_header h = Sample(8);
  EXPECT_EQ(28, ipv4_header_marshal_size(&h));
  h.options_len = 41;
  EXPECT_EQ(IPV4_EOPTLEN, ipv4_header_marshal_size(&h));
  EXPECT_EQ(IPV4_EINVAL, ipv4_header_marshal_size(nullptr));
}

// The size function answers exactly what marshal answers, for every field
// marshal checks, in the same order.
TEST(HeaderMarshal, SizeAgreesWithMarshal) {
  struct Case {
    const char* what;
    size_t options_len;
    int len;
    uint8_t flags;
    uint16_t frag_off;
  } cases[] = {
      {"fits", 8, 28, 2, 0x1fff},
      {"no options", 0, 20, 0, 0},
      {"options not whole words", 3, 23, 0, 0},
      {"options above 40", 44, 64, 0, 0},
      {"len 0", 0, 0, 0, 0},
      {"len disagrees", 4, 20, 0, 0},
      {"flags above 7", 0, 20, 8, 0},
      {"offset above 13 bits", 0, 20, 0, 0x2000},
      {"length checked before fields", 4, 20, 8, 0},
      {"options checked before length", 6, 0, 8, 0x2000},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    ipv4_header h = Sample(0);
    h.options_len = c.options_len;
    h.len = static_cast<uint8_t>(c.len);
    h.flags = c.flags;
    h.frag_off = c.frag_off;
    uint8_t out[IPV4_MAX_HEADER_LEN + 8];
    size_t n = 0;
    int rc = ipv4_header_marshal(&h, IPV4_FORMAT_WIRE, out, sizeof(out), &n);
    int size = ipv4_header_marshal_size(&h);
    if (rc == 0) {
      EXPECT_EQ(static_cast<int>(n), size);
    } else {
      EXPECT_EQ(rc, size) << ipv4_error_name(rc) << " vs "
                          << ipv4_error_name(size);
    }
  }
  ipv4_header h = Sample(0);
  h.options_len = 3;
  h.len = 23;
  EXPECT_EQ(IPV4_EOPTLEN, ipv4_header_marshal_size(&h));
  h.options_len = 0;
  h.len = 0;
  EXPECT_EQ(IPV4_EHDRLEN, ipv4_header_marshal_size(&h));
  h.len = 20;
  h.flags = 8;
  EXPECT_EQ(IPV4_EFIELD, ipv4_header_marshal_size(&h));
}

TEST(HeaderString, NullHeaderPrintsNil) {
  char buf[16];
  EXPECT_EQ(5, ipv4_header_string(nullptr, buf, sizeof(buf)));
  EXPECT_STREQ("<nil>", buf);
}

TEST(HeaderString, EveryCapacityTruncatesAndTerminates) {
  ipv4_header h;
  ASSERT_EQ(0, Parse(&h, FromHex(kGoExampleWire)));
  const std::string full = kGoExampleText;
  EXPECT_EQ(static_cast<int>(full.size()), ipv4_header_string(&h, nullptr, 0));
  for (size_t cap = 1; cap <= full.size() + 2; cap++) {
    std::vector<char> buf(cap + 1, '#');
    int n = ipv4_header_string(&h, buf.data(), cap);
    ASSERT_EQ(static_cast<int>(full.size()), n) << cap;
    size_t stored = cap - 1 < full.size() ? cap - 1 : full.size();
    EXPECT_EQ(full.substr(0, stored), std::string(buf.data())) << cap;
    EXPECT_EQ('#', buf[cap]) << "wrote past the capacity at " << cap;
  }
}

TEST(HeaderString, RejectsNullBufferWithCapacity) {
  ipv4_header h = Sample(0);
  EXPECT_EQ(IPV4_EINVAL, ipv4_header_string(&h, nullptr, 10));
}

TEST(Checksum, Rfc1071Example) {
  // RFC 1071 section 3: the sum of 0001 f203 f4f5 f6f7 is ddf2 (complemented).
  std::vector<uint8_t> b = FromHex("0001 f203 f4f5 f6f7");
  EXPECT_EQ(static_cast<uint16_t>(~0xddf2), ipv4_checksum(b.data(), b.size()));
}

TEST(Checksum, OddLengthPadsWithZero) {
  std::vector<uint8_t> odd = FromHex("0102 03");
  std::vector<uint8_t> even = FromHex("0102 0300");
  EXPECT_EQ(ipv4_checksum(even.data(), even.size()),
            ipv4_checksum(odd.data(), odd.size()));
  EXPECT_EQ(0xffff, ipv4_checksum(nullptr, 0));
}

TEST(Checksum, KnownHeaderVerifiesToZero) {
  // A real ICMP echo header from a capture: checksum b861.
  std::vector<uint8_t> b =
      FromHex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");
  EXPECT_EQ(0, ipv4_checksum(b.data(), b.size()));
  b[10] = b[11] = 0;
  EXPECT_EQ(0xb861, ipv4_checksum(b.data(), b.size()));
}

std::vector<uint8_t> ValidPacket() {
  std::vector<uint8_t> b =
      FromHex("4600 0020 0000 4000 4011 0000 0a000001 0a000002 94040000");
  b.resize(32, 0xab);
  uint16_t sum = ipv4_checksum(b.data(), 24);
  b[10] = static_cast<uint8_t>(sum >> 8);
  b[11] = static_cast<uint8_t>(sum);
  return b;
}

int Validate(const std::vector<uint8_t>& b) {
  Guarded g(b);
  return ipv4_header_validate(g.data(), g.size());
}

TEST(HeaderValidate, AcceptsAGoodPacket) {
  EXPECT_EQ(0, Validate(ValidPacket()));
  std::vector<uint8_t> padded = ValidPacket();
  padded.resize(64, 0);
  EXPECT_EQ(0, Validate(padded));
}

TEST(HeaderValidate, EachCheckHasItsCode) {
  std::vector<uint8_t> b = ValidPacket();
  EXPECT_EQ(IPV4_EINVAL, ipv4_header_validate(nullptr, 20));
  EXPECT_EQ(IPV4_ESHORT,
            Validate(std::vector<uint8_t>(b.begin(), b.begin() + 19)));
  b = ValidPacket();
  b[0] = 0x66;
  EXPECT_EQ(IPV4_EVERSION, Validate(b));
  b = ValidPacket();
  b[0] = 0x44;
  EXPECT_EQ(IPV4_EIHL, Validate(b));
  b = ValidPacket();
  EXPECT_EQ(IPV4_EEXTSHORT,
            Validate(std::vector<uint8_t>(b.begin(), b.begin() + 23)));
  b = ValidPacket();
  b[3] = 23;  // total length below the 24-byte header
  EXPECT_EQ(IPV4_ETOTALLEN, Validate(b));
  b = ValidPacket();
  b[3] = 33;  // one byte more than we have
  EXPECT_EQ(IPV4_ETOTALLEN, Validate(b));
  b = ValidPacket();
  b[8] ^= 1;
  EXPECT_EQ(IPV4_ECHECKSUM, Validate(b));
}

TEST(HeaderValidate, EveryTruncatedPrefixFailsCleanly) {
  std::vector<uint8_t> b = ValidPacket();
  for (size_t n = 0; n < b.size(); n++) {
    EXPECT_NE(0, Validate(std::vector<uint8_t>(b.begin(), b.begin() + n))) << n;
  }
}

}  // namespace
