/* SPDX-License-Identifier: BSD-3-Clause */
// Every result code has a name and a text, and the two kinds stay apart.
#include "ipv4/error.h"

#include <errno.h>
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

// Each IPV4_E* code from ipv4/error.h with the name it must print as.
const struct {
  int code;
  const char* name;
} kCodes[] = {
    {IPV4_EINVAL, "IPV4_EINVAL"},       {IPV4_ENOBUF, "IPV4_ENOBUF"},
    {IPV4_EFORMAT, "IPV4_EFORMAT"},     {IPV4_ESHORT, "IPV4_ESHORT"},
    {IPV4_EEXTSHORT, "IPV4_EEXTSHORT"}, {IPV4_EIHL, "IPV4_EIHL"},
    {IPV4_EVERSION, "IPV4_EVERSION"},   {IPV4_ETOTALLEN, "IPV4_ETOTALLEN"},
    {IPV4_ECHECKSUM, "IPV4_ECHECKSUM"}, {IPV4_EOPTLEN, "IPV4_EOPTLEN"},
    {IPV4_EHDRLEN, "IPV4_EHDRLEN"},     {IPV4_EFIELD, "IPV4_EFIELD"},
    {IPV4_ECMSGLEN, "IPV4_ECMSGLEN"},   {IPV4_ECMSGDATA, "IPV4_ECMSGDATA"},
    {IPV4_EIFINDEX, "IPV4_EIFINDEX"},   {IPV4_ECMSGFLAG, "IPV4_ECMSGFLAG"},
    {IPV4_EICMPTYPE, "IPV4_EICMPTYPE"}, {IPV4_EOPTION, "IPV4_EOPTION"},
    {IPV4_EOPTPTR, "IPV4_EOPTPTR"},     {IPV4_EIGMPSHORT, "IPV4_EIGMPSHORT"},
    {IPV4_EIGMPTYPE, "IPV4_EIGMPTYPE"}, {IPV4_EIGMPSUM, "IPV4_EIGMPSUM"},
    {IPV4_EIGMPLEN, "IPV4_EIGMPLEN"},   {IPV4_ETIMEOUT, "IPV4_ETIMEOUT"},
    {IPV4_ENOTMCAST, "IPV4_ENOTMCAST"}, {IPV4_ESOCKTYPE, "IPV4_ESOCKTYPE"},
    {IPV4_ETRUNC, "IPV4_ETRUNC"},       {IPV4_ECTRUNC, "IPV4_ECTRUNC"},
};

TEST(Error, EveryCodecCodeHasItsNameAndAText) {
  std::set<std::string> texts;
  for (const auto& c : kCodes) {
    EXPECT_STREQ(c.name, ipv4_error_name(c.code)) << c.code;
    std::string text = ipv4_strerror(c.code);
    EXPECT_NE("unknown error", text) << c.name;
    EXPECT_TRUE(texts.insert(text).second) << "two codes share: " << text;
  }
}

TEST(Error, CodecCodesAreClearOfErrno) {
  for (const auto& c : kCodes) {
    EXPECT_LE(c.code, -200) << c.name;
  }
}

TEST(Error, KernelCodesUseErrnoNamesAndTexts) {
  EXPECT_STREQ("EAGAIN", ipv4_error_name(-EAGAIN));
  EXPECT_STREQ("EADDRINUSE", ipv4_error_name(-EADDRINUSE));
  EXPECT_STREQ("EINVAL", ipv4_error_name(-EINVAL));
  EXPECT_STREQ("ETIMEDOUT", ipv4_error_name(-ETIMEDOUT));
  EXPECT_STREQ("EHWPOISON", ipv4_error_name(-EHWPOISON));  // 133, the last
  EXPECT_STREQ("ERRNO_41", ipv4_error_name(-41));  // Linux leaves it free
  EXPECT_STREQ("connection refused", ipv4_strerror(-ECONNREFUSED));
  EXPECT_STREQ("address already in use", ipv4_strerror(-EADDRINUSE));
  EXPECT_STREQ("unassigned kernel error 58", ipv4_strerror(-58));
  EXPECT_STREQ("unknown kernel error", ipv4_strerror(-150));
  EXPECT_STREQ("EUNKNOWN", ipv4_error_name(-134));
}

// The names tell who produced a failure: the library's carry IPV4_, the
// kernel's are <errno.h>'s, the pairs the issue found are apart.
TEST(Error, NamesTellLibraryFromKernel) {
  EXPECT_STREQ("IPV4_EINVAL", ipv4_error_name(IPV4_EINVAL));
  EXPECT_STREQ("EINVAL", ipv4_error_name(-EINVAL));
  EXPECT_STREQ("IPV4_ETIMEOUT", ipv4_error_name(IPV4_ETIMEOUT));
  EXPECT_STREQ("ETIMEDOUT", ipv4_error_name(-ETIMEDOUT));
  EXPECT_STREQ("IPV4_ENOBUF", ipv4_error_name(IPV4_ENOBUF));
  EXPECT_STREQ("ENOBUFS", ipv4_error_name(-ENOBUFS));
  for (int e = 1; e <= 133; e++) {
    EXPECT_NE(0, std::strncmp(ipv4_error_name(-e), "IPV4_", 5)) << e;
  }
  for (const auto& c : kCodes) {
    EXPECT_EQ(0, std::strncmp(ipv4_error_name(c.code), "IPV4_", 5)) << c.name;
  }
}

// No two codes, the library's and every errno from 1 to 133, share a name
// or a text; every errno in that range has its own name, not EUNKNOWN.
TEST(Error, NoTwoCodesShareANameOrAText) {
  std::vector<int> all;
  for (const auto& c : kCodes) all.push_back(c.code);
  for (int e = 1; e <= 133; e++) all.push_back(-e);
  std::map<std::string, int> names;
  std::map<std::string, int> texts;
  for (int code : all) {
    std::string name = ipv4_error_name(code);
    std::string text = ipv4_strerror(code);
    EXPECT_NE("EUNKNOWN", name) << code;
    EXPECT_NE("unknown kernel error", text) << code;
    EXPECT_NE("unknown error", text) << code;
    auto n = names.emplace(name, code);
    EXPECT_TRUE(n.second) << code << " and " << n.first->second
                          << " share the name " << name;
    auto t = texts.emplace(text, code);
    EXPECT_TRUE(t.second) << code << " and " << t.first->second
                          << " share the text " << text;
  }
  EXPECT_EQ(all.size(), names.size());
  EXPECT_EQ(all.size(), texts.size());
}

TEST(Error, SuccessAndUnknownCodes) {
  EXPECT_STREQ("success", ipv4_strerror(0));
  EXPECT_STREQ("success", ipv4_strerror(42));
  EXPECT_STREQ("OK", ipv4_error_name(0));
  EXPECT_STREQ("unknown error", ipv4_strerror(-299));
  EXPECT_STREQ("EUNKNOWN", ipv4_error_name(-299));
  EXPECT_STREQ("EUNKNOWN", ipv4_error_name(-199));  // no such errno name
}

// A text stays valid after later calls: glibc's strerror() of an unknown
// value would free it on the next call (a fuzzing find).
TEST(Error, TextsStayValidAcrossCalls) {
  const char* first = ipv4_strerror(-150);
  const char* second = ipv4_strerror(-151);
  EXPECT_STREQ("unknown kernel error", first);
  EXPECT_STREQ("unknown kernel error", second);
  const char* refused = ipv4_strerror(-ECONNREFUSED);
  (void)ipv4_strerror(-EAGAIN);
  EXPECT_STREQ("connection refused", refused);
}

}  // namespace
