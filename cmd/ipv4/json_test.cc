/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the tool's JSON writer.
#include "cmd/ipv4/json.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// Capture runs fn with a json writer and returns what it wrote.
template <typename F>
std::string Capture(F fn) {
  char* buf = nullptr;
  size_t len = 0;
  FILE* f = open_memstream(&buf, &len);
  struct json j;
  json_begin(&j, f);
  fn(&j);
  fclose(f);
  std::string s(buf, len);
  free(buf);
  return s;
}

TEST(Json, PutsCommasBetweenMembersOnly) {
  EXPECT_EQ("{\"a\":1,\"b\":-2,\"c\":true,\"d\":null}\n",
            Capture([](struct json* j) {
              json_object_begin(j, nullptr);
              json_uint(j, "a", 1);
              json_int(j, "b", -2);
              json_bool(j, "c", true);
              json_null(j, "d");
              json_object_end(j);
              json_end(j);
            }));
}

TEST(Json, NestsObjectsAndArrays) {
  EXPECT_EQ("{\"x\":[],\"y\":[{\"z\":0},{}],\"w\":{}}",
            Capture([](struct json* j) {
              json_object_begin(j, nullptr);
              json_array_begin(j, "x");
              json_array_end(j);
              json_array_begin(j, "y");
              json_object_begin(j, nullptr);
              json_uint(j, "z", 0);
              json_object_end(j);
              json_object_begin(j, nullptr);
              json_object_end(j);
              json_array_end(j);
              json_object_begin(j, "w");
              json_object_end(j);
              json_object_end(j);
            }));
}

TEST(Json, EscapesStrings) {
  EXPECT_EQ("[\"a\\\"b\\\\c\",\"\\u000a\\u0001\",\"\\u00ff\"]",
            Capture([](struct json* j) {
              json_array_begin(j, nullptr);
              json_str(j, nullptr, "a\"b\\c");
              json_str(j, nullptr, "\n\x01");
              json_str(j, nullptr, "\xff");
              json_array_end(j);
            }));
  EXPECT_EQ("{\"k\\\"\":\"v\"}", Capture([](struct json* j) {
              json_object_begin(j, nullptr);
              json_str(j, "k\"", "v");
              json_object_end(j);
            }));
}

TEST(Json, WritesAddressesAndHex) {
  struct in_addr a;
  inet_pton(AF_INET, "198.18.1.2", &a);
  const uint8_t bytes[] = {0x00, 0xab, 0x10};
  EXPECT_EQ("{\"a\":\"198.18.1.2\",\"h\":\"00ab10\",\"e\":\"\"}",
            Capture([&](struct json* j) {
              json_object_begin(j, nullptr);
              json_addr(j, "a", a);
              json_hex(j, "h", bytes, sizeof(bytes));
              json_hex(j, "e", nullptr, 0);
              json_object_end(j);
            }));
}

}  // namespace
