/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of ipv4 decode's hex reader.
#include "cmd/ipv4/hex.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

// Hex returns the bytes of text as hex again, or the error code as text.
std::string Hex(const std::string& text, size_t cap = 64,
                size_t* bad = nullptr) {
  std::vector<uint8_t> out(cap);
  size_t where = 99;
  int n = hex_decode(text.data(), text.size(), out.data(), cap, &where);
  if (bad != nullptr) *bad = where;
  if (n < 0) return "error " + std::to_string(n);
  std::string s;
  char buf[3];
  for (int i = 0; i < n; i++) {
    snprintf(buf, sizeof(buf), "%02x", out[static_cast<size_t>(i)]);
    s += buf;
  }
  return s;
}

TEST(HexDecode, ReadsDigitsInEitherCase) {
  EXPECT_EQ("45000014", Hex("45000014"));
  EXPECT_EQ("abcdef", Hex("AbCdEf"));
  EXPECT_EQ("", Hex(""));
}

TEST(HexDecode, IgnoresSeparatorsAndOnePrefix) {
  EXPECT_EQ("45000014", Hex("45 00 00 14"));
  EXPECT_EQ("45000014", Hex("45:00:00:14"));
  EXPECT_EQ("45000014", Hex("  0x45000014\n"));
  EXPECT_EQ("45000014", Hex("4\t500\r\n0014"));
  EXPECT_EQ("", Hex(" \n "));
}

TEST(HexDecode, NamesTheFirstBadCharacter) {
  size_t bad = 0;
  EXPECT_EQ("error " + std::to_string(HEX_EDIGIT), Hex("4500zz", 64, &bad));
  EXPECT_EQ(4u, bad);
  EXPECT_EQ("error " + std::to_string(HEX_EDIGIT), Hex("45 0x00", 64, &bad))
      << "0x only at the start";
  EXPECT_EQ(4u, bad);
  EXPECT_EQ("error " + std::to_string(HEX_EDIGIT), Hex("0x0x45", 64, &bad));
  EXPECT_EQ(3u, bad);
  EXPECT_EQ("error " + std::to_string(HEX_EDIGIT), Hex("45-00", 64, &bad));
  EXPECT_EQ(2u, bad);
}

TEST(HexDecode, RefusesAnOddCount) {
  EXPECT_EQ("error " + std::to_string(HEX_EODD), Hex("450"));
  EXPECT_EQ("error " + std::to_string(HEX_EODD), Hex("0x5"));
}

TEST(HexDecode, StopsAtTheCapacity) {
  EXPECT_EQ("4500", Hex("4500", 2));
  EXPECT_EQ("error " + std::to_string(HEX_ELONG), Hex("450000", 2));
  EXPECT_EQ("error " + std::to_string(HEX_ELONG), Hex("45", 0));
}

}  // namespace
