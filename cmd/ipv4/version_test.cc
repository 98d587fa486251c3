/* SPDX-License-Identifier: BSD-3-Clause */
// ipv4 --version: the library's version and the commit the build gave.
#include "cmd/ipv4/version.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "ipv4/version.h"

namespace {

std::string Print(bool json) {
  char* buf = nullptr;
  size_t len = 0;
  FILE* f = open_memstream(&buf, &len);
  tool_print_version(f, json);
  fclose(f);
  std::string s(buf, len);
  free(buf);
  return s;
}

TEST(Version, TakesTheCommitFromTheBuild) {
  // This test's copy of version.c is built with -DIPV4_COMMIT="0123abc".
  EXPECT_STREQ("0123abc", tool_commit());
}

TEST(Version, SaysTheLibraryVersionAndTheCommit) {
  EXPECT_EQ(std::string("ipv4 (libipv4 ") + ipv4_library_version() +
                ", commit 0123abc)\n",
            Print(false));
  EXPECT_EQ("ipv4 (libipv4 1.1.0, commit 0123abc)\n", Print(false));
}

TEST(Version, IsOneJsonObject) {
  EXPECT_EQ(
      "{\"tool\":\"ipv4\",\"libipv4\":\"1.1.0\",\"commit\":\"0123abc\"}\n",
      Print(true));
}

}  // namespace
