/* SPDX-License-Identifier: BSD-3-Clause */
// testing/capacity.h - run an encoder or a text function at every output
// capacity around the size it needs, checking the contract every libipv4
// writer shares: a short buffer is refused (encoders: IPV4_ENOBUF with the
// size needed, nothing written) or cut and NUL-terminated (text), and no
// byte past the capacity is ever touched.
#ifndef IPV4_TESTING_CAPACITY_H
#define IPV4_TESTING_CAPACITY_H

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ipv4/error.h"

namespace ipv4_testing {

// An encoder bound to its input: writes into out[0..cap), sets *out_len.
using MarshalFn = std::function<int(uint8_t* out, size_t cap, size_t* out_len)>;

// A text function bound to its input, snprintf-style.
using TextFn = std::function<int(char* out, size_t cap)>;

// ExpectEveryCapacity calls marshal with every capacity from 0 (and a NULL
// out) to need + 1 and returns what it wrote at capacity need.
inline std::vector<uint8_t> ExpectEveryCapacity(const MarshalFn& marshal,
                                                size_t need) {
  std::vector<uint8_t> written;
  for (size_t cap = 0; cap <= need + 1; cap++) {
    std::vector<uint8_t> out(cap + 1, 0x5a);
    size_t n = 12345;
    int rc = marshal(cap > 0 ? out.data() : nullptr, cap, &n);
    EXPECT_EQ(need, n) << "capacity " << cap;
    if (cap < need) {
      EXPECT_EQ(IPV4_ENOBUF, rc) << "capacity " << cap;
      for (uint8_t byte : out) {
        EXPECT_EQ(0x5a, byte) << "wrote into a short buffer of " << cap;
      }
      continue;
    }
    EXPECT_EQ(0, rc) << "capacity " << cap;
    EXPECT_EQ(0x5a, out[need]) << "wrote past " << need << " at " << cap;
    if (cap == need) written.assign(out.begin(), out.begin() + need);
  }
  return written;
}

// ExpectEveryTextCapacity checks that text writes full, cut to every
// capacity from 0 to its length + 2.
inline void ExpectEveryTextCapacity(const TextFn& text,
                                    const std::string& full) {
  EXPECT_EQ(static_cast<int>(full.size()), text(nullptr, 0));
  for (size_t cap = 1; cap <= full.size() + 2; cap++) {
    std::vector<char> buf(cap + 1, '#');
    ASSERT_EQ(static_cast<int>(full.size()), text(buf.data(), cap)) << cap;
    size_t stored = cap - 1 < full.size() ? cap - 1 : full.size();
    EXPECT_EQ(full.substr(0, stored), std::string(buf.data())) << cap;
    EXPECT_EQ('#', buf[cap]) << "wrote past the capacity at " << cap;
  }
}

}  // namespace ipv4_testing

#endif  // IPV4_TESTING_CAPACITY_H
