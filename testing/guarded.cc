/* SPDX-License-Identifier: BSD-3-Clause */
#include "testing/guarded.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace ipv4_testing {

Guarded::Guarded(const uint8_t* bytes, size_t len) : len_(len) {
  size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  size_t data_pages = (len + page - 1) / page;
  map_len_ = (data_pages + 1) * page;
  void* m = mmap(nullptr, map_len_, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) abort();
  map_ = static_cast<uint8_t*>(m);
  if (mprotect(map_ + data_pages * page, page, PROT_NONE) != 0) abort();
  uint8_t* start = map_ + data_pages * page - len;
  if (len > 0) memcpy(start, bytes, len);
  data_ = start;
}

Guarded::~Guarded() { munmap(map_, map_len_); }

static int Nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<uint8_t> FromHex(const char* hex) {
  std::vector<uint8_t> out;
  int hi = -1;
  for (; *hex != '\0'; hex++) {
    int v = Nibble(*hex);
    if (v < 0) continue;
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(static_cast<uint8_t>(hi << 4 | v));
      hi = -1;
    }
  }
  if (hi >= 0) abort();  // odd number of digits: a broken test vector
  return out;
}

std::string ToHex(const uint8_t* b, size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; i++) {
    s += digits[b[i] >> 4];
    s += digits[b[i] & 0xf];
  }
  return s;
}

}  // namespace ipv4_testing
