/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of how ipv4 join prints a datagram.
#include "cmd/ipv4/datagram.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

std::string Print(const datagram& d, bool json) {
  char* buf = nullptr;
  size_t len = 0;
  FILE* f = open_memstream(&buf, &len);
  datagram_print(f, &d, json);
  fclose(f);
  std::string s(buf, len);
  free(buf);
  return s;
}

datagram Sample(const char* data) {
  datagram d = {};
  d.seq = 1;
  inet_pton(AF_INET, "198.18.1.2", &d.src);
  d.src_port = 40000;
  inet_pton(AF_INET, "239.1.2.3", &d.dst);
  d.has_dst = true;
  d.dst_port = 7200;
  d.ifindex = 3;
  d.ifname = "s0";
  d.ttl = 5;
  d.tos = 0x28;
  d.data = reinterpret_cast<const uint8_t*>(data);
  d.len = strlen(data);
  return d;
}

TEST(DatagramPrint, WritesOneTextLine) {
  EXPECT_EQ(
      "198.18.1.2:40000 > 239.1.2.3:7200 iface s0 ttl 5 tos 0x28 len 11 \"ipv4 "
      "send 1\"\n",
      Print(Sample("ipv4 send 1"), false));
}

TEST(DatagramPrint, EscapesAndCutsTheData) {
  EXPECT_EQ(
      "198.18.1.2:40000 > 239.1.2.3:7200 iface s0 ttl 5 tos 0x28 len 5 "
      "\"a\\\"\\\\\\n\\x01\"\n",
      Print(Sample("a\"\\\n\x01"), false));
  std::string long_text(100, 'x');
  std::string out = Print(Sample(long_text.c_str()), false);
  EXPECT_NE(std::string::npos,
            out.find("len 100 \"" + std::string(64, 'x') + "\"...\n"))
      << out;
}

TEST(DatagramPrint, MarksWhatIsUnknown) {
  datagram d = Sample("x");
  d.has_dst = false;
  d.ifname = nullptr;
  d.ifindex = 0;
  d.ttl = -1;
  d.tos = -1;
  d.truncated = true;
  EXPECT_EQ(
      "198.18.1.2:40000 > ?:7200 iface ? ttl ? tos ? len 1 (truncated) \"x\"\n",
      Print(d, false));
  d.ifindex = 9;
  EXPECT_NE(std::string::npos, Print(d, false).find(" iface #9 "));
  EXPECT_EQ(
      "{\"seq\":1,\"src\":\"198.18.1.2\",\"src_port\":40000,\"dst\":null,\"dst_"
      "port\":7200,"
      "\"iface\":null,\"ifindex\":9,\"ttl\":null,\"tos\":null,\"len\":1,"
      "\"truncated\":true,"
      "\"data\":\"78\"}\n",
      Print(d, true));
}

TEST(DatagramPrint, WritesOneJsonObject) {
  EXPECT_EQ(
      "{\"seq\":1,\"src\":\"198.18.1.2\",\"src_port\":40000,\"dst\":\"239.1.2."
      "3\","
      "\"dst_port\":7200,\"iface\":\"s0\",\"ifindex\":3,\"ttl\":5,\"tos\":40,"
      "\"len\":2,"
      "\"truncated\":false,\"data\":\"6869\"}\n",
      Print(Sample("hi"), true));
}

}  // namespace
