/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the internal text buffer behind every *_string function.
extern "C" {
#include "codec/text.h"
}

#include <gtest/gtest.h>

#include <climits>
#include <cstring>

#include "ipv4/error.h"

namespace {

// A text longer than INT_MAX cannot be reported as an int: the answer is
// IPV4_EINVAL and, as the *_string functions promise, out holds "", not
// the cut text. (Writing 2^31 characters takes seconds, so the length is
// set as if they had been written.)
TEST(Text, PastIntMaxFailsLeavingNothing) {
  char buf[8];
  struct text t;
  ipv4__text_begin(&t, buf, sizeof(buf));
  ipv4__text_str(&t, "abcdefghij");
  ASSERT_STREQ("abcdefg", buf);  // cut at the capacity, counted on
  ASSERT_EQ(10, ipv4__text_finish(&t));
  t.len = static_cast<size_t>(INT_MAX) + 1;
  EXPECT_EQ(IPV4_EINVAL, ipv4__text_finish(&t));
  EXPECT_STREQ("", buf);

  t.len = static_cast<size_t>(INT_MAX);
  EXPECT_EQ(INT_MAX, ipv4__text_finish(&t));
}

TEST(Text, PastIntMaxWithNoBufferFails) {
  struct text t;
  ipv4__text_begin(&t, nullptr, 0);
  t.len = static_cast<size_t>(INT_MAX) + 1;
  EXPECT_EQ(IPV4_EINVAL, ipv4__text_finish(&t));
}

}  // namespace
