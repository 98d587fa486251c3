/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the DNS names, questions and one-shot responses of the mDNS
// example.
#include "examples/lib/dns.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/guarded.h"

using ipv4_testing::FromHex;
using ipv4_testing::Guarded;
using ipv4_testing::ToHex;

namespace {

// A one-shot query for host.local, type A, class IN, id 0x1234.
const char kQuery[] =
    "1234 0000 0001 0000 0000 0000"
    "04686f7374 056c6f63616c 00 0001 0001";

// The response to it: 198.18.1.1 for 10 seconds.
const char kResponse[] =
    "1234 8400 0001 0001 0000 0000"
    "04686f7374 056c6f63616c 00 0001 0001"
    "c00c 0001 0001 0000000a 0004 c6120101";

dns_name Name(const char* text) {
  dns_name n;
  EXPECT_EQ(DNS_OK, dns_name_from_text(&n, text)) << text;
  return n;
}

std::string Wire(const dns_name& n) { return ToHex(n.wire, n.len); }

std::string Text(const dns_name& n) {
  char buf[DNS_MAX_NAME_TEXT];
  int len = dns_name_to_text(&n, buf, sizeof(buf));
  EXPECT_EQ(static_cast<int>(strlen(buf)), len);
  return buf;
}

TEST(DnsNameFromText, EncodesLabels) {
  EXPECT_EQ("04686f7374056c6f63616c00", Wire(Name("host.local")));
  EXPECT_EQ("04686f7374056c6f63616c00", Wire(Name("host.local.")))
      << "final dot";
  EXPECT_EQ("00", Wire(Name("."))) << "root";
  EXPECT_EQ(12u, Name("host.local").len);
}

TEST(DnsNameFromText, RejectsEmptyLabels) {
  dns_name n;
  for (const char* bad : {"", "..", "a..b", ".a", "a.b.."}) {
    EXPECT_EQ(DNS_ETEXT, dns_name_from_text(&n, bad)) << bad;
    EXPECT_EQ(0u, n.len);
  }
  EXPECT_EQ(DNS_EINVAL, dns_name_from_text(&n, nullptr));
  EXPECT_EQ(DNS_EINVAL, dns_name_from_text(nullptr, "a"));
}

TEST(DnsNameFromText, BoundsLabelsAndNames) {
  dns_name n;
  std::string l63(63, 'a');
  EXPECT_EQ(DNS_OK, dns_name_from_text(&n, l63.c_str()));
  EXPECT_EQ(DNS_ETEXT, dns_name_from_text(&n, (l63 + "a").c_str()));
  // 3 labels of 63 and one of 61: 3 * 64 + 62 + 1 = 255 octets.
  std::string longest =
      l63 + "." + l63 + "." + l63 + "." + std::string(61, 'b');
  ASSERT_EQ(DNS_OK, dns_name_from_text(&n, longest.c_str()));
  EXPECT_EQ(255u, n.len);
  EXPECT_EQ(DNS_ETEXT, dns_name_from_text(&n, (longest + "b").c_str()));
}

TEST(DnsNameToText, EscapesAndEndsWithADot) {
  EXPECT_EQ("host.local.", Text(Name("host.local")));
  EXPECT_EQ(".", Text(Name(".")));
  dns_name n = Name("a.b");
  n.wire[1] = '.';  // a label holding a dot
  EXPECT_EQ("\\046.b.", Text(n));
  n.wire[1] = 0x07;
  EXPECT_EQ("\\007.b.", Text(n));
  n.wire[1] = '\\';
  EXPECT_EQ("\\092.b.", Text(n));
}

TEST(DnsNameToText, CutsLikeSnprintf) {
  dns_name n = Name("host.local");
  char buf[5];
  EXPECT_EQ(11, dns_name_to_text(&n, buf, sizeof(buf)));
  EXPECT_STREQ("host", buf);
  EXPECT_EQ(11, dns_name_to_text(&n, nullptr, 0));
  EXPECT_EQ(DNS_EINVAL, dns_name_to_text(&n, nullptr, 3));
  EXPECT_EQ(DNS_EINVAL, dns_name_to_text(nullptr, buf, sizeof(buf)));
}

TEST(DnsNameEqual, IgnoresAsciiCaseOnly) {
  dns_name a = Name("Host.LOCAL");
  dns_name b = Name("host.local");
  EXPECT_TRUE(dns_name_equal(&a, &b));
  dns_name c = Name("host.locals");
  EXPECT_FALSE(dns_name_equal(&a, &c));
  dns_name d = Name("hosu.local");
  EXPECT_FALSE(dns_name_equal(&b, &d));
  EXPECT_FALSE(dns_name_equal(&a, nullptr));
}

TEST(DnsReadHeader, DecodesFields) {
  std::vector<uint8_t> q = FromHex(kQuery);
  Guarded g(q.data(), DNS_HEADER_LEN);
  dns_header h;
  ASSERT_EQ(DNS_OK, dns_read_header(g.data(), g.size(), &h));
  EXPECT_EQ(0x1234, h.id);
  EXPECT_EQ(0, h.flags);
  EXPECT_EQ(1, h.qdcount);
  EXPECT_EQ(0, h.ancount);
}

TEST(DnsReadHeader, RejectsEveryTruncatedPrefix) {
  std::vector<uint8_t> q = FromHex(kQuery);
  for (size_t len = 0; len < DNS_HEADER_LEN; len++) {
    Guarded g(q.data(), len);
    dns_header h;
    h.id = 7;
    EXPECT_EQ(DNS_ESHORT, dns_read_header(g.data(), len, &h)) << len;
    EXPECT_EQ(0, h.id) << "zeroed on failure";
  }
}

// ReadName decodes the name at pos of hex; returns the code and, on
// success, the text and the position after it.
int ReadName(const char* hex, size_t pos, std::string* text, size_t* end) {
  std::vector<uint8_t> b = FromHex(hex);
  Guarded g(b);
  dns_name n;
  size_t p = pos;
  int rc = dns_read_name(g.data(), g.size(), &p, &n);
  if (rc == DNS_OK) {
    *text = Text(n);
  } else {
    EXPECT_EQ(pos, p) << "position unchanged on failure";
    EXPECT_EQ(0u, n.len);
  }
  *end = p;
  return rc;
}

TEST(DnsReadName, FollowsBackwardPointers) {
  std::string text;
  size_t end;
  // "local" at 0, then "host" and a pointer to it at 7.
  ASSERT_EQ(DNS_OK, ReadName("056c6f63616c00 04686f7374 c000", 7, &text, &end));
  EXPECT_EQ("host.local.", text);
  EXPECT_EQ(14u, end) << "past the pointer, not past the name it points to";
  ASSERT_EQ(DNS_OK, ReadName("056c6f63616c00 c000", 7, &text, &end));
  EXPECT_EQ("local.", text);
  EXPECT_EQ(9u, end);
  // A chain of pointers, each further back.
  ASSERT_EQ(DNS_OK, ReadName("0161 00 c000 c003", 5, &text, &end));
  EXPECT_EQ("a.", text);
  EXPECT_EQ(7u, end);
}

TEST(DnsReadName, RejectsPointersThatDoNotGoBack) {
  std::string text;
  size_t end;
  EXPECT_EQ(DNS_ENAME, ReadName("c000", 0, &text, &end)) << "to itself";
  EXPECT_EQ(DNS_ENAME, ReadName("c002 00", 0, &text, &end)) << "forwards";
  // A label then a pointer back to that label: a loop.
  EXPECT_EQ(DNS_ENAME, ReadName("00 0161 c001", 1, &text, &end));
  // A pointer to a pointer that points at the first one.
  EXPECT_EQ(DNS_ENAME, ReadName("c002 c000", 2, &text, &end));
}

TEST(DnsReadName, RejectsReservedLabelTypes) {
  std::string text;
  size_t end;
  EXPECT_EQ(DNS_ENAME, ReadName("4001 00", 0, &text, &end));
  EXPECT_EQ(DNS_ENAME, ReadName("8001 00", 0, &text, &end));
}

TEST(DnsReadName, RejectsNamesOver255Octets) {
  // Five labels of 63 octets: 321 octets of name.
  std::string hex;
  for (int i = 0; i < 5; i++) hex += "3f" + std::string(126, '6');
  hex += "00";
  std::string text;
  size_t end;
  EXPECT_EQ(DNS_ENAME, ReadName(hex.c_str(), 0, &text, &end));
}

TEST(DnsReadName, RejectsEveryTruncatedPrefix) {
  std::vector<uint8_t> b = FromHex("056c6f63616c00 04686f7374 c000");
  for (size_t len = 7; len < b.size(); len++) {
    Guarded g(b.data(), len);
    dns_name n;
    size_t p = 7;
    EXPECT_EQ(DNS_ESHORT, dns_read_name(g.data(), len, &p, &n)) << len;
    EXPECT_EQ(7u, p);
  }
  dns_name n;
  size_t p = 9;
  EXPECT_EQ(DNS_ESHORT, dns_read_name(b.data(), 8, &p, &n))
      << "pos past the end";
  EXPECT_EQ(DNS_EINVAL, dns_read_name(nullptr, 0, &p, &n));
}

TEST(DnsReadQuestion, DecodesAndAdvances) {
  std::vector<uint8_t> q = FromHex(kQuery);
  Guarded g(q);
  dns_question out;
  size_t pos = DNS_HEADER_LEN;
  ASSERT_EQ(DNS_OK, dns_read_question(g.data(), g.size(), &pos, &out));
  EXPECT_EQ(g.size(), pos);
  EXPECT_EQ("host.local.", Text(out.name));
  EXPECT_EQ(DNS_TYPE_A, out.qtype);
  EXPECT_EQ(DNS_CLASS_IN, out.qclass);
}

TEST(DnsReadQuestion, RejectsEveryTruncatedPrefix) {
  std::vector<uint8_t> q = FromHex(kQuery);
  for (size_t len = DNS_HEADER_LEN; len < q.size(); len++) {
    Guarded g(q.data(), len);
    dns_question out;
    size_t pos = DNS_HEADER_LEN;
    EXPECT_EQ(DNS_ESHORT, dns_read_question(g.data(), len, &pos, &out)) << len;
    EXPECT_EQ(size_t{DNS_HEADER_LEN}, pos);
    EXPECT_EQ(0u, out.name.len);
    EXPECT_EQ(0, out.qtype);
  }
}

// Find runs dns_find_a_question for host.local over hex.
int Find(const std::string& hex, dns_question* q = nullptr) {
  std::vector<uint8_t> b = FromHex(hex.c_str());
  Guarded g(b);
  dns_name want = Name("host.local");
  dns_header h;
  dns_question local;
  dns_question* out = q != nullptr ? q : &local;
  return dns_find_a_question(g.data(), g.size(), &want, &h, out);
}

TEST(DnsFindAQuestion, FindsTheName) {
  dns_question q;
  ASSERT_EQ(1, Find(kQuery, &q));
  EXPECT_EQ("host.local.", Text(q.name));
}

TEST(DnsFindAQuestion, AcceptsAnyTypeCaseAndTheQuBit) {
  EXPECT_EQ(1, Find("1234 0000 0001 0000 0000 0000 04484f5354 056c6f63616c 00 "
                    "00ff 0001"));
  dns_question q;
  ASSERT_EQ(
      1,
      Find("1234 0000 0001 0000 0000 0000 04686f7374 056c6f63616c 00 0001 8001",
           &q));
  EXPECT_EQ(0x8001, q.qclass) << "kept as received";
}

TEST(DnsFindAQuestion, IgnoresOtherQuestions) {
  // AAAA, class CH, another name.
  EXPECT_EQ(0, Find("1234 0000 0001 0000 0000 0000 04686f7374 056c6f63616c 00 "
                    "001c 0001"));
  EXPECT_EQ(0, Find("1234 0000 0001 0000 0000 0000 04686f7374 056c6f63616c 00 "
                    "0001 0003"));
  EXPECT_EQ(0, Find("1234 0000 0001 0000 0000 0000 04686f7375 056c6f63616c 00 "
                    "0001 0001"));
  EXPECT_EQ(0, Find("1234 0000 0000 0000 0000 0000")) << "no question";
}

TEST(DnsFindAQuestion, FindsALaterCompressedQuestion) {
  // Question 1: other.local A; question 2: host + pointer to "local" (at 18).
  EXPECT_EQ(1, Find("1234 0000 0002 0000 0000 0000"
                    "056f74686572 056c6f63616c 00 0001 0001"
                    "04686f7374 c012 0001 0001"));
}

TEST(DnsFindAQuestion, IgnoresResponsesAndOtherOpcodes) {
  EXPECT_EQ(0, Find("1234 8000 0001 0000 0000 0000 04686f7374 056c6f63616c 00 "
                    "0001 0001"));
  EXPECT_EQ(
      0,
      Find(
          "1234 2800 0001 0000 0000 0000 04686f7374 056c6f63616c 00 0001 0001"))
      << "opcode 5 (update)";
}

TEST(DnsFindAQuestion, ReportsMalformedQueries) {
  EXPECT_EQ(DNS_ENAME, Find("1234 0000 0001 0000 0000 0000 c00c 0001 0001"));
  EXPECT_EQ(DNS_ESHORT, Find("1234 0000 0002 0000 0000 0000"
                             "04686f7375 056c6f63616c 00 0001 0001"))
      << "announces two questions, holds one";
  std::vector<uint8_t> q = FromHex(kQuery);
  for (size_t len = 0; len < q.size(); len++) {
    EXPECT_EQ(DNS_ESHORT, Find(ToHex(q.data(), len))) << len;
  }
}

TEST(DnsBuildAResponse, WritesTheLegacyUnicastAnswer) {
  dns_question q;
  ASSERT_EQ(1, Find(kQuery, &q));
  struct in_addr a;
  inet_pton(AF_INET, "198.18.1.1", &a);
  uint8_t out[128];
  size_t len = 0;
  ASSERT_EQ(DNS_OK,
            dns_build_a_response(0x1234, &q, a, 10, out, sizeof(out), &len));
  EXPECT_EQ(ToHex(FromHex(kResponse).data(), FromHex(kResponse).size()),
            ToHex(out, len));
  EXPECT_EQ(dns_a_response_size(&q), len);
}

TEST(DnsBuildAResponse, ReportsTheSizeWhenShort) {
  dns_question q;
  ASSERT_EQ(1, Find(kQuery, &q));
  size_t need = dns_a_response_size(&q);
  struct in_addr a = {0};
  for (size_t cap = 0; cap < need; cap++) {
    std::vector<uint8_t> out(need, 0xee);
    size_t len = 0;
    EXPECT_EQ(DNS_ENOBUF,
              dns_build_a_response(1, &q, a, 10, out.data(), cap, &len))
        << cap;
    EXPECT_EQ(need, len);
    EXPECT_EQ(std::vector<uint8_t>(need, 0xee), out) << "untouched";
  }
}

TEST(DnsBuildAResponse, RefusesBadArguments) {
  dns_question q = {};
  struct in_addr a = {0};
  uint8_t out[64];
  size_t len;
  EXPECT_EQ(DNS_EINVAL,
            dns_build_a_response(1, &q, a, 10, out, sizeof(out), &len))
      << "empty name";
  q.name = Name("x");
  EXPECT_EQ(DNS_EINVAL,
            dns_build_a_response(1, nullptr, a, 10, out, sizeof(out), &len));
  EXPECT_EQ(DNS_EINVAL,
            dns_build_a_response(1, &q, a, 10, out, sizeof(out), nullptr));
  EXPECT_EQ(DNS_EINVAL, dns_build_a_response(1, &q, a, 10, nullptr, 4, &len));
}

TEST(DnsStrerror, NamesEveryCode) {
  for (int code :
       {DNS_OK, DNS_EINVAL, DNS_ESHORT, DNS_ENAME, DNS_ETEXT, DNS_ENOBUF}) {
    EXPECT_STRNE("unknown error", dns_strerror(code)) << code;
  }
  EXPECT_STREQ("unknown error", dns_strerror(-99));
}

}  // namespace
