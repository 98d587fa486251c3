/* SPDX-License-Identifier: BSD-3-Clause */
// testing/guarded.h - input buffers whose last byte sits against a
// PROT_NONE page, so that a parser reading one byte too far crashes the test
// instead of passing by luck (the picohttpparser technique).
#ifndef IPV4_TESTING_GUARDED_H
#define IPV4_TESTING_GUARDED_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ipv4_testing {

class Guarded {
 public:
  // Copies bytes[0..len) so that the byte after the last is unmapped.
  Guarded(const uint8_t* bytes, size_t len);
  explicit Guarded(const std::vector<uint8_t>& bytes)
      : Guarded(bytes.data(), bytes.size()) {}
  ~Guarded();
  Guarded(const Guarded&) = delete;
  Guarded& operator=(const Guarded&) = delete;

  const uint8_t* data() const { return data_; }
  size_t size() const { return len_; }

 private:
  uint8_t* map_ = nullptr;
  size_t map_len_ = 0;
  const uint8_t* data_ = nullptr;
  size_t len_ = 0;
};

// Hex helpers for readable test vectors ("4500 0014": spaces ignored).
std::vector<uint8_t> FromHex(const char* hex);
std::string ToHex(const uint8_t* b, size_t n);

}  // namespace ipv4_testing

#endif  // IPV4_TESTING_GUARDED_H
