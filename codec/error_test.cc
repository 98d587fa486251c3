/* SPDX-License-Identifier: BSD-3-Clause */
// Every result code has a name and a text, and the two kinds stay apart.
#include "ipv4/error.h"

#include <errno.h>
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>

namespace {

// Each IPV4_E* code from ipv4/error.h with the name it must print as.
const struct {
  int code;
  const char* name;
} kCodes[] = {
    {IPV4_EINVAL, "EINVAL"},         {IPV4_ENOBUF, "ENOBUF"},
    {IPV4_EFORMAT, "EFORMAT"},       {IPV4_ESHORT, "ESHORT"},
    {IPV4_EEXTSHORT, "EEXTSHORT"},   {IPV4_EIHL, "EIHL"},
    {IPV4_EVERSION, "EVERSION"},     {IPV4_ETOTALLEN, "ETOTALLEN"},
    {IPV4_ECHECKSUM, "ECHECKSUM"},   {IPV4_EOPTLEN, "EOPTLEN"},
    {IPV4_EHDRLEN, "EHDRLEN"},       {IPV4_EFIELD, "EFIELD"},
    {IPV4_ECMSGLEN, "ECMSGLEN"},     {IPV4_ECMSGDATA, "ECMSGDATA"},
    {IPV4_EIFINDEX, "EIFINDEX"},     {IPV4_ECMSGFLAG, "ECMSGFLAG"},
    {IPV4_EICMPTYPE, "EICMPTYPE"},
    {IPV4_EOPTION, "EOPTION"},       {IPV4_EOPTPTR, "EOPTPTR"},
    {IPV4_EIGMPSHORT, "EIGMPSHORT"}, {IPV4_EIGMPTYPE, "EIGMPTYPE"},
    {IPV4_EIGMPSUM, "EIGMPSUM"},     {IPV4_EIGMPLEN, "EIGMPLEN"},
    {IPV4_ETIMEOUT, "ETIMEOUT"},
    {IPV4_ENOTMCAST, "ENOTMCAST"},   {IPV4_ESOCKTYPE, "ESOCKTYPE"},
    {IPV4_ETRUNC, "ETRUNC"},         {IPV4_ECTRUNC, "ECTRUNC"},
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
  EXPECT_STREQ("connection refused", ipv4_strerror(-ECONNREFUSED));
  EXPECT_STREQ("address already in use", ipv4_strerror(-EADDRINUSE));
  EXPECT_STREQ("unknown kernel error", ipv4_strerror(-150));
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
