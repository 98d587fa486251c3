/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the ipv4 tool's argument rules.
#include "cmd/ipv4/args.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

namespace {

// Argv keeps argument strings alive for the whole test program, since
// parsed values point into them.
std::vector<char*> Argv(std::vector<std::string> args) {
  static std::deque<std::vector<std::string>> store;
  store.push_back(std::move(args));
  std::vector<char*> argv;
  for (auto& s : store.back()) argv.push_back(&s[0]);
  return argv;
}

template <typename T, typename F>
int Parse(F fn, std::vector<std::string> args, T* out, std::string* err) {
  std::vector<char*> argv = Argv(std::move(args));
  char buf[256] = "untouched";
  int rc =
      fn(static_cast<int>(argv.size()), argv.data(), out, buf, sizeof(buf));
  if (err != nullptr) *err = buf;
  return rc;
}

int Join(std::vector<std::string> args, join_args* out,
         std::string* err = nullptr) {
  args.insert(args.begin(), "join");
  return Parse(join_parse_args, args, out, err);
}

int Send(std::vector<std::string> args, send_args* out,
         std::string* err = nullptr) {
  args.insert(args.begin(), "send");
  return Parse(send_parse_args, args, out, err);
}

int Decode(std::vector<std::string> args, decode_args* out,
           std::string* err = nullptr) {
  args.insert(args.begin(), "decode");
  return Parse(decode_parse_args, args, out, err);
}

std::string Addr(struct in_addr a) {
  char buf[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &a, buf, sizeof(buf));
  return buf;
}

TEST(DecodeParseArgs, TakesHexDashOrNothing) {
  decode_args a;
  ASSERT_EQ(0, Decode({}, &a));
  EXPECT_EQ(nullptr, a.input);
  EXPECT_FALSE(a.json);
  ASSERT_EQ(0, Decode({"-", "--json"}, &a));
  EXPECT_STREQ("-", a.input);
  EXPECT_TRUE(a.json);
  ASSERT_EQ(0, Decode({"45000014"}, &a));
  EXPECT_STREQ("45000014", a.input);
}

TEST(DecodeParseArgs, RefusesASecondInputAndUnknownOptions) {
  decode_args a;
  std::string err;
  EXPECT_EQ(TOOL_USAGE, Decode({"45", "00"}, &a, &err));
  EXPECT_EQ("unexpected argument \"00\"", err);
  EXPECT_EQ(TOOL_USAGE, Decode({"--format", "wire"}, &a, &err));
  EXPECT_EQ("unknown option --format", err);
  EXPECT_EQ(TOOL_ARGS_HELP, Decode({"--help"}, &a));
}

TEST(JoinParseArgs, TakesEverything) {
  join_args a;
  std::string err;
  ASSERT_EQ(0, Join({"239.1.2.3", "--iface", "s0", "--source", "198.18.1.2",
                     "--source", "198.18.1.9", "--port", "7200", "--count", "3",
                     "--json"},
                    &a, &err))
      << err;
  EXPECT_EQ("239.1.2.3", Addr(a.group));
  EXPECT_STREQ("s0", a.iface);
  ASSERT_EQ(2u, a.num_sources);
  EXPECT_EQ("198.18.1.2", Addr(a.sources[0]));
  EXPECT_EQ("198.18.1.9", Addr(a.sources[1]));
  EXPECT_EQ(0u, a.num_excludes);
  EXPECT_EQ(7200u, a.port);
  EXPECT_EQ(3u, a.count);
  EXPECT_TRUE(a.json);
}

TEST(JoinParseArgs, DefaultsToEveryPortAndNoLimit) {
  join_args a;
  ASSERT_EQ(0,
            Join({"--iface=s0", "224.0.0.251", "--exclude", "10.0.0.1"}, &a));
  EXPECT_EQ(0u, a.port);
  EXPECT_EQ(0u, a.count);
  EXPECT_FALSE(a.json);
  EXPECT_EQ(1u, a.num_excludes);
}

TEST(JoinParseArgs, NeedsAMulticastGroup) {
  join_args a;
  std::string err;
  EXPECT_EQ(TOOL_USAGE, Join({"--iface", "s0"}, &a, &err));
  EXPECT_EQ("GROUP is required", err);
  EXPECT_EQ(TOOL_USAGE, Join({"239.1.2", "--iface", "s0"}, &a, &err));
  EXPECT_EQ("GROUP: \"239.1.2\" is not an IPv4 address", err);
  EXPECT_EQ(TOOL_USAGE, Join({"10.1.2.3", "--iface", "s0"}, &a, &err));
  EXPECT_EQ("10.1.2.3 is not a multicast group (224.0.0.0/4)", err);
  EXPECT_EQ(TOOL_USAGE, Join({"240.0.0.1", "--iface", "s0"}, &a, &err));
  EXPECT_EQ(0, Join({"224.0.0.0", "--iface", "s0"}, &a, &err));
  EXPECT_EQ(0, Join({"239.255.255.255", "--iface", "s0"}, &a, &err));
}

TEST(JoinParseArgs, NeedsAnInterface) {
  join_args a;
  std::string err;
  EXPECT_EQ(TOOL_USAGE, Join({"239.1.2.3"}, &a, &err));
  EXPECT_EQ("--iface is required", err);
}

TEST(JoinParseArgs, RefusesSourceWithExclude) {
  join_args a;
  std::string err;
  EXPECT_EQ(TOOL_USAGE, Join({"239.1.2.3", "--iface", "s0", "--source",
                              "10.0.0.1", "--exclude", "10.0.0.2"},
                             &a, &err));
  EXPECT_EQ("--source and --exclude cannot be mixed", err);
}

TEST(JoinParseArgs, NeedsUnicastSourcesListedOnce) {
  join_args a;
  std::string err;
  for (const char* bad :
       {"0.0.0.0", "224.0.0.1", "239.1.2.3", "255.255.255.255", "240.0.0.1"}) {
    EXPECT_EQ(TOOL_USAGE,
              Join({"239.1.2.3", "--iface", "s0", "--source", bad}, &a, &err))
        << bad;
    EXPECT_EQ(
        std::string("--source ") + bad + ": a source must be a unicast address",
        err);
    EXPECT_EQ(TOOL_USAGE,
              Join({"239.1.2.3", "--iface", "s0", "--exclude", bad}, &a, &err));
  }
  EXPECT_EQ(TOOL_USAGE, Join({"239.1.2.3", "--iface", "s0", "--exclude",
                              "10.0.0.1", "--exclude", "10.0.0.1"},
                             &a, &err));
  EXPECT_EQ("--exclude 10.0.0.1 given twice", err);
}

TEST(JoinParseArgs, BoundsTheSources) {
  std::vector<std::string> args = {"239.1.2.3", "--iface", "s0"};
  for (int i = 0; i < TOOL_MAX_SOURCES; i++) {
    args.push_back("--source");
    args.push_back("10.0.0." + std::to_string(i + 1));
  }
  join_args a;
  std::string err;
  ASSERT_EQ(0, Join(args, &a, &err)) << err;
  EXPECT_EQ(size_t{TOOL_MAX_SOURCES}, a.num_sources);
  args.push_back("--source");
  args.push_back("10.0.1.1");
  EXPECT_EQ(TOOL_USAGE, Join(args, &a, &err));
  EXPECT_EQ("--source: at most 64 may be given", err);
}

TEST(JoinParseArgs, ChecksThePortAndCount) {
  join_args a;
  std::string err;
  EXPECT_EQ(TOOL_USAGE,
            Join({"239.1.2.3", "--iface", "s0", "--port", "0"}, &a, &err));
  EXPECT_EQ("--port: \"0\" is not a number from 1 to 65535", err);
  EXPECT_EQ(TOOL_USAGE,
            Join({"239.1.2.3", "--iface", "s0", "--port", "65536"}, &a, &err));
  EXPECT_EQ(TOOL_USAGE,
            Join({"239.1.2.3", "--iface", "s0", "--count", "-1"}, &a, &err));
}

TEST(SendParseArgs, HasDefaults) {
  send_args a;
  std::string err;
  ASSERT_EQ(0, Send({"198.18.1.2", "--port", "7301"}, &a, &err)) << err;
  EXPECT_EQ("198.18.1.2", Addr(a.dest));
  EXPECT_EQ(7301u, a.port);
  EXPECT_EQ(nullptr, a.iface);
  EXPECT_FALSE(a.ttl_given);
  EXPECT_FALSE(a.tos_given);
  EXPECT_FALSE(a.source_given);
  EXPECT_EQ(1u, a.count);
  EXPECT_DOUBLE_EQ(1.0, a.rate);
  EXPECT_FALSE(a.json);
}

TEST(SendParseArgs, TakesEverything) {
  send_args a;
  std::string err;
  ASSERT_EQ(0, Send({"239.1.2.3", "--port", "7300", "--iface", "s0", "--ttl",
                     "3", "--tos", "0x28", "--source", "198.18.1.1", "--count",
                     "0", "--rate", "2.5", "--json"},
                    &a, &err))
      << err;
  EXPECT_STREQ("s0", a.iface);
  EXPECT_TRUE(a.ttl_given);
  EXPECT_EQ(3u, a.ttl);
  EXPECT_TRUE(a.tos_given);
  EXPECT_EQ(0x28u, a.tos);
  EXPECT_TRUE(a.source_given);
  EXPECT_EQ("198.18.1.1", Addr(a.source));
  EXPECT_EQ(0u, a.count);
  EXPECT_DOUBLE_EQ(2.5, a.rate);
  EXPECT_TRUE(a.json);
}

TEST(SendParseArgs, NeedsDestAndPort) {
  send_args a;
  std::string err;
  EXPECT_EQ(TOOL_USAGE, Send({"--port", "1"}, &a, &err));
  EXPECT_EQ("DEST is required", err);
  EXPECT_EQ(TOOL_USAGE, Send({"198.18.1.2"}, &a, &err));
  EXPECT_EQ("--port is required", err);
  EXPECT_EQ(TOOL_USAGE, Send({"host.example", "--port", "1"}, &a, &err));
  EXPECT_EQ("DEST: \"host.example\" is not an IPv4 address", err);
}

TEST(SendParseArgs, ChecksTtlTosSourceAndRate) {
  send_args a;
  std::string err;
  EXPECT_EQ(TOOL_USAGE,
            Send({"198.18.1.2", "--port", "1", "--ttl", "0"}, &a, &err));
  EXPECT_EQ("--ttl: \"0\" is not a number from 1 to 255", err);
  EXPECT_EQ(TOOL_USAGE,
            Send({"198.18.1.2", "--port", "1", "--tos", "256"}, &a, &err));
  EXPECT_EQ(
      TOOL_USAGE,
      Send({"198.18.1.2", "--port", "1", "--source", "239.1.1.1"}, &a, &err));
  EXPECT_EQ("--source must be a unicast address", err);
  EXPECT_EQ(TOOL_USAGE,
            Send({"198.18.1.2", "--port", "1", "--rate", "0"}, &a, &err));
  EXPECT_EQ(
      "--rate: \"0\" is not a number of datagrams per second from 0.001 to "
      "1000000",
      err);
}

TEST(ParseRate, AcceptsPlainDecimals) {
  double r = 0;
  EXPECT_EQ(0, parse_rate("10", &r));
  EXPECT_DOUBLE_EQ(10, r);
  EXPECT_EQ(0, parse_rate("0.5", &r));
  EXPECT_DOUBLE_EQ(0.5, r);
  EXPECT_EQ(0, parse_rate(".25", &r));
  EXPECT_DOUBLE_EQ(0.25, r);
  EXPECT_EQ(0, parse_rate("3.", &r));
  EXPECT_DOUBLE_EQ(3, r);
  EXPECT_EQ(0, parse_rate("1000000", &r));
  EXPECT_EQ(0, parse_rate("0.001", &r));
}

TEST(ParseRate, RefusesTheRest) {
  double r = 7;
  for (const char* bad :
       {"", ".", "0", "0.0", "0.0009", "-1", "+1", "1e3", " 1", "1 ", "1.2.3",
        "1000000.5", "1000001", "x", "nan", "inf"}) {
    EXPECT_EQ(-1, parse_rate(bad, &r)) << bad;
  }
  EXPECT_EQ(7, r) << "untouched on failure";
}

}  // namespace
