/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the shared command-line parser.
#include "lib/cli/cli.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

namespace {

// Opts is a table like a program's, with the variables it fills.
struct Opts {
  bool verbose = false;
  unsigned port = 1024;
  struct in_addr addr = {0};
  const char* name = nullptr;
  struct in_addr list[3] = {};
  size_t num_list = 0;
  bool port_seen = false;

  std::vector<cli_option> Table() {
    return {
        {"--verbose|-v", CLI_FLAG, &verbose, 0, 0, nullptr, nullptr},
        {"--port|-p", CLI_UINT, &port, 1, 65535, nullptr, &port_seen},
        {"--addr", CLI_ADDR, &addr, 0, 0, nullptr, nullptr},
        {"--name", CLI_STRING, &name, 0, 0, nullptr, nullptr},
        {"--list", CLI_ADDR_LIST, list, 0, 3, &num_list, nullptr},
    };
  }
};

// Run parses args (without the program name) into o; err gets the text.
// The argument strings are kept for the life of the test program, since
// CLI_STRING values point into them.
int Parse(Opts* o, std::vector<std::string> args, std::vector<std::string>* pos,
          std::string* err, size_t max_pos = 2) {
  static std::deque<std::vector<std::string>> store;
  store.push_back({"prog"});
  for (auto& a : args) store.back().push_back(a);
  std::vector<char*> argv;
  for (auto& s : store.back()) argv.push_back(&s[0]);
  std::vector<cli_option> table = o->Table();
  const char* positional[4] = {};
  size_t num_pos = 99;
  char buf[256];
  int rc =
      cli_parse(table.data(), table.size(), static_cast<int>(argv.size()),
                argv.data(), positional, max_pos, &num_pos, buf, sizeof(buf));
  if (pos != nullptr) {
    pos->clear();
    for (size_t i = 0; i < num_pos && i < 4; i++) pos->push_back(positional[i]);
  }
  if (err != nullptr) *err = buf;
  return rc;
}

std::string Addr(struct in_addr a) {
  char buf[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &a, buf, sizeof(buf));
  return buf;
}

TEST(CliParseUint, AcceptsDecimalAndHex) {
  unsigned v = 0;
  EXPECT_EQ(0, cli_parse_uint("40", 0, 255, &v));
  EXPECT_EQ(40u, v);
  EXPECT_EQ(0, cli_parse_uint("0x28", 0, 255, &v));
  EXPECT_EQ(0x28u, v);
  EXPECT_EQ(0, cli_parse_uint("0XfF", 0, 255, &v));
  EXPECT_EQ(255u, v);
  EXPECT_EQ(0, cli_parse_uint("0", 0, 255, &v));
  EXPECT_EQ(0u, v);
}

TEST(CliParseUint, RejectsWhatIsNotAPlainNumber) {
  unsigned v = 7;
  for (const char* bad :
       {"", "-1", "+1", " 1", "1 ", "1x", "0x", "0x1g", "abc", "1.5", "０"}) {
    EXPECT_EQ(-1, cli_parse_uint(bad, 0, 1000, &v)) << bad;
  }
  EXPECT_EQ(-1, cli_parse_uint(nullptr, 0, 1000, &v));
  EXPECT_EQ(7u, v) << "untouched on failure";
}

TEST(CliParseUint, RejectsOutOfRangeAndOverflow) {
  unsigned v = 0;
  EXPECT_EQ(-1, cli_parse_uint("256", 0, 255, &v));
  EXPECT_EQ(0, cli_parse_uint("255", 0, 255, &v));
  EXPECT_EQ(-1, cli_parse_uint("0", 1, 255, &v));
  EXPECT_EQ(0, cli_parse_uint("1", 1, 255, &v));
  EXPECT_EQ(-1,
            cli_parse_uint("99999999999999999999999999", 0, 0xffffffffu, &v));
  EXPECT_EQ(0, cli_parse_uint("4294967295", 0, 0xffffffffu, &v));
  EXPECT_EQ(4294967295u, v);
  EXPECT_EQ(-1, cli_parse_uint("4294967296", 0, 0xffffffffu, &v));
}

TEST(CliParse, StoresValuesAndPositionals) {
  Opts o;
  std::vector<std::string> pos;
  std::string err;
  ASSERT_EQ(0,
            Parse(&o,
                  {"--port", "80", "dest", "--addr=10.1.2.3", "--verbose",
                   "--name", "x.local", "--list", "1.1.1.1", "--list=2.2.2.2"},
                  &pos, &err))
      << err;
  EXPECT_EQ(80u, o.port);
  EXPECT_TRUE(o.port_seen);
  EXPECT_EQ("10.1.2.3", Addr(o.addr));
  EXPECT_TRUE(o.verbose);
  EXPECT_STREQ("x.local", o.name);
  ASSERT_EQ(2u, o.num_list);
  EXPECT_EQ("1.1.1.1", Addr(o.list[0]));
  EXPECT_EQ("2.2.2.2", Addr(o.list[1]));
  EXPECT_EQ(std::vector<std::string>{"dest"}, pos);
  EXPECT_EQ("", err);
}

TEST(CliParse, LeavesDefaultsOfOptionsNotGiven) {
  Opts o;
  std::vector<std::string> pos;
  ASSERT_EQ(0, Parse(&o, {}, &pos, nullptr));
  EXPECT_EQ(1024u, o.port);
  EXPECT_FALSE(o.port_seen);
  EXPECT_FALSE(o.verbose);
  EXPECT_EQ(nullptr, o.name);
  EXPECT_TRUE(pos.empty());
}

TEST(CliParse, NamesAnUnknownOption) {
  Opts o;
  std::string err;
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--bogus", "1"}, nullptr, &err));
  EXPECT_EQ("unknown option --bogus", err);
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--portx=3"}, nullptr, &err));
  EXPECT_EQ("unknown option --portx", err) << "a prefix of a name is no match";
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"-x"}, nullptr, &err));
  EXPECT_EQ("unknown option -x", err);
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"-a", "1.2.3.4"}, nullptr, &err));
  EXPECT_EQ("unknown option -a", err) << "--addr has no short form";
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--p", "1"}, nullptr, &err));
  EXPECT_EQ("unknown option --p", err);
}

TEST(CliParse, SaysWhenAValueIsMissing) {
  Opts o;
  std::string err;
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--port"}, nullptr, &err));
  EXPECT_EQ("--port needs a value", err);
}

TEST(CliParse, RefusesAValueForAFlag) {
  Opts o;
  std::string err;
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--verbose=yes"}, nullptr, &err));
  EXPECT_EQ("--verbose takes no value", err);
}

TEST(CliParse, SaysWhatIsWrongWithAValue) {
  Opts o;
  std::string err;
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--port", "0"}, nullptr, &err));
  EXPECT_EQ("--port: \"0\" is not a number from 1 to 65535", err);
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--addr", "10.1.2"}, nullptr, &err));
  EXPECT_EQ("--addr: \"10.1.2\" is not an IPv4 address", err);
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--name="}, nullptr, &err));
  EXPECT_EQ("--name: the value is empty", err);
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--list", "x"}, nullptr, &err));
  EXPECT_EQ("--list: \"x\" is not an IPv4 address", err);
}

TEST(CliParse, RefusesAnOptionGivenTwice) {
  Opts o;
  std::string err;
  EXPECT_EQ(CLI_ERROR,
            Parse(&o, {"--port", "1", "--port", "2"}, nullptr, &err));
  EXPECT_EQ("--port given twice", err);
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--verbose", "--verbose"}, nullptr, &err));
}

TEST(CliParse, BoundsAList) {
  Opts o;
  std::string err;
  EXPECT_EQ(CLI_ERROR, Parse(&o,
                             {"--list", "1.1.1.1", "--list", "1.1.1.2",
                              "--list", "1.1.1.3", "--list", "1.1.1.4"},
                             nullptr, &err));
  EXPECT_EQ("--list: at most 3 may be given", err);
  EXPECT_EQ(3u, o.num_list);
}

TEST(CliParse, RefusesTooManyPositionals) {
  Opts o;
  std::string err;
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"a", "b", "c"}, nullptr, &err));
  EXPECT_EQ("unexpected argument \"c\"", err);
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"a"}, nullptr, &err, 0));
  EXPECT_EQ("unexpected argument \"a\"", err);
}

TEST(CliParse, DoubleDashEndsOptions) {
  Opts o;
  std::vector<std::string> pos;
  ASSERT_EQ(0, Parse(&o, {"--", "--port", "-h"}, &pos, nullptr));
  EXPECT_EQ((std::vector<std::string>{"--port", "-h"}), pos);
  EXPECT_EQ(1024u, o.port);
}

TEST(CliParse, TakesALoneDashAsPositional) {
  Opts o;
  std::vector<std::string> pos;
  ASSERT_EQ(0, Parse(&o, {"-"}, &pos, nullptr));
  EXPECT_EQ(std::vector<std::string>{"-"}, pos);
}

TEST(CliParse, TakesShortForms) {
  Opts o;
  std::vector<std::string> pos;
  std::string err;
  ASSERT_EQ(0, Parse(&o, {"-p", "80", "-v", "dest"}, &pos, &err)) << err;
  EXPECT_EQ(80u, o.port);
  EXPECT_TRUE(o.port_seen);
  EXPECT_TRUE(o.verbose);
  EXPECT_EQ(std::vector<std::string>{"dest"}, pos);
  Opts joined;
  ASSERT_EQ(0, Parse(&joined, {"-p8080"}, nullptr, &err)) << err;
  EXPECT_EQ(8080u, joined.port);
}

TEST(CliParse, NamesShortFormsByTheirLongName) {
  Opts o;
  std::string err;
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"-p", "0"}, nullptr, &err));
  EXPECT_EQ("--port: \"0\" is not a number from 1 to 65535", err);
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"-p"}, nullptr, &err));
  EXPECT_EQ("--port needs a value", err);
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"-vx"}, nullptr, &err));
  EXPECT_EQ("--verbose takes no value", err) << "no bundling of flags";
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"-p", "1", "--port", "2"}, nullptr, &err));
  EXPECT_EQ("--port given twice", err) << "both forms are one option";
}

TEST(CliParse, HelpWinsOverErrors) {
  Opts o;
  EXPECT_EQ(CLI_HELP, Parse(&o, {"--bogus", "--help"}, nullptr, nullptr));
  EXPECT_EQ(CLI_HELP, Parse(&o, {"-h"}, nullptr, nullptr));
  EXPECT_EQ(CLI_ERROR, Parse(&o, {"--bogus", "--", "--help"}, nullptr, nullptr))
      << "after -- it is an argument";
}

}  // namespace
