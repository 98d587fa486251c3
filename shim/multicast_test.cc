/* SPDX-License-Identifier: BSD-3-Clause */
// Multicast membership, source-specific multicast, full-state source
// filters and the multicast socket options, on the loopback interface.
#include "ipv4/sockopt.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <string.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "ipv4/io.h"
#include "shim/shim_testing.h"

using shim_testing::Fd;
using shim_testing::InAddr;
using shim_testing::Inet;
using shim_testing::LoopbackIndex;
using shim_testing::RawSocket;
using shim_testing::ReadQueued;
using shim_testing::SendTo;
using shim_testing::UdpBoundTo;
using shim_testing::WaitReadable;

namespace {

// Raw sockets need CAP_NET_RAW; under Bazel's sandbox the tests find it in
// a private network namespace (see shim_testing.h), before any test runs.
[[maybe_unused]] const bool kRawSockets = shim_testing::PreferRawSockets();

// A receiver: a UDP socket bound to 0.0.0.0 on a port of its own, with
// IP_MULTICAST_ALL off so that other tests' groups never reach it.
struct Receiver {
  sockaddr_in at = Inet("0.0.0.0");
  Fd fd{UdpBoundTo(&at)};
  ipv4_packet_conn pc{};
  Receiver() {
    EXPECT_EQ(0, ipv4_packet_conn_init(&pc, fd.get()));
    EXPECT_EQ(0, ipv4_packet_conn_set_multicast_all(&pc, false));
  }
  uint16_t port() const { return ntohs(at.sin_port); }
};

// A sender bound to a loopback address, sending multicast out of "lo".
struct Sender {
  sockaddr_in at;
  Fd fd;
  ipv4_packet_conn pc{};
  explicit Sender(const char* addr = "127.0.0.1")
      : at(Inet(addr)), fd(UdpBoundTo(&at)) {
    EXPECT_EQ(0, ipv4_packet_conn_init(&pc, fd.get()));
    EXPECT_EQ(0,
              ipv4_packet_conn_set_multicast_interface(&pc, LoopbackIndex()));
  }
  void Send(const char* group, uint16_t port, const std::string& text) {
    ASSERT_TRUE(SendTo(fd.get(), text.data(), text.size(), Inet(group, port)));
  }
};

// Delivered sends text to group:port from every sender in turn, then a
// unicast marker to the receiver, and returns what the receiver got before
// the marker. Loopback delivers in order, so a datagram that did not come
// before the marker was dropped.
std::vector<std::string> Delivered(Receiver& r, const char* group,
                                   std::vector<Sender*> senders) {
  for (Sender* s : senders)
    s->Send(group, r.port(), "from " + std::string(inet_ntoa(s->at.sin_addr)));
  senders[0]->Send("127.0.0.1", r.port(), "marker");
  std::vector<std::string> got;
  while (WaitReadable(r.fd.get(), 2000)) {
    for (std::string& d : ReadQueued(r.fd.get())) {
      if (d == "marker") return got;
      got.push_back(d);
    }
  }
  ADD_FAILURE() << "the marker never arrived";
  return got;
}

ipv4_packet_conn ClosedPacketConn() {
  ipv4_packet_conn pc{};
  pc.fd = -1;
  return pc;
}

const char kGroup[] = "239.77.1.1";
const char kSsmGroup[] = "232.77.1.1";

// --- Any-source membership --------------------------------------------------

TEST(JoinGroup, JoinTwiceAndLeaveTwiceReportTheKernelsCodes) {
  Receiver r;
  sockaddr_in g = Inet(kGroup);
  EXPECT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  EXPECT_EQ(-EADDRINUSE,
            ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  EXPECT_EQ(0, ipv4_packet_conn_leave_group(&r.pc, LoopbackIndex(), &g));
  EXPECT_EQ(-EADDRNOTAVAIL,
            ipv4_packet_conn_leave_group(&r.pc, LoopbackIndex(), &g));
}

TEST(JoinGroup, ReceivesTheGroupUntilItLeaves) {
  Receiver r;
  Sender s;
  sockaddr_in g = Inet(kGroup);
  EXPECT_TRUE(Delivered(r, kGroup, {&s}).empty());
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  EXPECT_EQ(std::vector<std::string>{"from 127.0.0.1"},
            Delivered(r, kGroup, {&s}));
  ASSERT_EQ(0, ipv4_packet_conn_leave_group(&r.pc, LoopbackIndex(), &g));
  EXPECT_TRUE(Delivered(r, kGroup, {&s}).empty());
}

TEST(JoinGroup, IgnoresPortAndPaddingOfTheGroup) {
  Receiver r;
  sockaddr_in g = Inet(kGroup, 4242);
  memset(g.sin_zero, 0xa5, sizeof(g.sin_zero));
  EXPECT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  sockaddr_in plain = Inet(kGroup);
  EXPECT_EQ(0, ipv4_packet_conn_leave_group(&r.pc, LoopbackIndex(), &plain));
}

TEST(JoinGroup, InterfaceZeroLetsTheRoutingTableChoose) {
  Receiver r;
  sockaddr_in g = Inet(kGroup);
  int rc = ipv4_packet_conn_join_group(&r.pc, 0, &g);
  if (rc == 0) {
    EXPECT_EQ(0, ipv4_packet_conn_leave_group(&r.pc, 0, &g));
  } else {
    EXPECT_EQ(-ENODEV, rc) << "no route chooses an interface for the group";
  }
}

TEST(JoinGroup, UnknownInterfaceIsNoSuchDevice) {
  Receiver r;
  sockaddr_in g = Inet(kGroup);
  EXPECT_EQ(-ENODEV, ipv4_packet_conn_join_group(&r.pc, 999999, &g));
}

TEST(JoinGroup, RejectsBadArguments) {
  Receiver r;
  const unsigned lo = LoopbackIndex();
  sockaddr_in g = Inet(kGroup);
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_join_group(nullptr, lo, &g));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_join_group(&r.pc, lo, nullptr));
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_join_group(&closed, lo, &g));
  EXPECT_EQ(IPV4_EIFINDEX, ipv4_packet_conn_join_group(&r.pc, 0x80000000u, &g));
  sockaddr_in v6 = g;
  v6.sin_family = AF_INET6;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_join_group(&r.pc, lo, &v6));
  for (const char* bad : {"0.0.0.0", "10.1.2.3", "127.0.0.1", "223.255.255.255",
                          "240.0.0.1", "255.255.255.255"}) {
    sockaddr_in u = Inet(bad);
    EXPECT_EQ(IPV4_ENOTMCAST, ipv4_packet_conn_join_group(&r.pc, lo, &u))
        << bad;
    EXPECT_EQ(IPV4_ENOTMCAST, ipv4_packet_conn_leave_group(&r.pc, lo, &u))
        << bad;
  }
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_leave_group(&r.pc, lo, nullptr));
  EXPECT_EQ(IPV4_EIFINDEX,
            ipv4_packet_conn_leave_group(&r.pc, 0x80000000u, &g));
}

// --- Source-specific multicast ------------------------------------------------

TEST(SourceSpecificGroup, ReceivesOnlyFromTheJoinedSources) {
  Receiver r;
  Sender one("127.0.0.1"), two("127.0.0.2"), three("127.0.0.3");
  sockaddr_in g = Inet(kSsmGroup);
  sockaddr_in s1 = Inet("127.0.0.1"), s3 = Inet("127.0.0.3");
  const unsigned lo = LoopbackIndex();
  ASSERT_EQ(0, ipv4_packet_conn_join_source_specific_group(&r.pc, lo, &g, &s1));
  EXPECT_EQ(std::vector<std::string>{"from 127.0.0.1"},
            Delivered(r, kSsmGroup, {&one, &two, &three}));
  ASSERT_EQ(0, ipv4_packet_conn_join_source_specific_group(&r.pc, lo, &g, &s3));
  EXPECT_EQ((std::vector<std::string>{"from 127.0.0.1", "from 127.0.0.3"}),
            Delivered(r, kSsmGroup, {&one, &two, &three}));
  ASSERT_EQ(0,
            ipv4_packet_conn_leave_source_specific_group(&r.pc, lo, &g, &s1));
  EXPECT_EQ(std::vector<std::string>{"from 127.0.0.3"},
            Delivered(r, kSsmGroup, {&one, &two, &three}));
  ASSERT_EQ(0,
            ipv4_packet_conn_leave_source_specific_group(&r.pc, lo, &g, &s3));
  EXPECT_TRUE(Delivered(r, kSsmGroup, {&one, &two, &three}).empty());
}

TEST(SourceSpecificGroup, KernelCodesForRepeatsAndMismatches) {
  Receiver r;
  sockaddr_in g = Inet(kSsmGroup);
  sockaddr_in s1 = Inet("127.0.0.1"), s2 = Inet("127.0.0.2");
  const unsigned lo = LoopbackIndex();
  ASSERT_EQ(0, ipv4_packet_conn_join_source_specific_group(&r.pc, lo, &g, &s1));
  EXPECT_EQ(-EADDRNOTAVAIL,
            ipv4_packet_conn_join_source_specific_group(&r.pc, lo, &g, &s1));
  EXPECT_EQ(-EADDRNOTAVAIL,
            ipv4_packet_conn_leave_source_specific_group(&r.pc, lo, &g, &s2));
  // Blocking needs an any-source membership.
  EXPECT_EQ(-EINVAL,
            ipv4_packet_conn_exclude_source_specific_group(&r.pc, lo, &g, &s2));
  ASSERT_EQ(0,
            ipv4_packet_conn_leave_source_specific_group(&r.pc, lo, &g, &s1));
  EXPECT_EQ(-EINVAL,
            ipv4_packet_conn_leave_source_specific_group(&r.pc, lo, &g, &s1));
  // A source-specific join on a group joined for all sources with a source
  // excluded: the filter modes clash.
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, lo, &g));
  ASSERT_EQ(0,
            ipv4_packet_conn_exclude_source_specific_group(&r.pc, lo, &g, &s2));
  EXPECT_EQ(-EINVAL,
            ipv4_packet_conn_join_source_specific_group(&r.pc, lo, &g, &s1));
}

TEST(SourceSpecificGroup, JoinOnAPlainMembershipNarrowsItToTheSource) {
  Receiver r;
  Sender one("127.0.0.1"), two("127.0.0.2");
  sockaddr_in g = Inet(kGroup), s1 = Inet("127.0.0.1");
  const unsigned lo = LoopbackIndex();
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, lo, &g));
  // Linux switches a filter with no sources to the new mode.
  ASSERT_EQ(0, ipv4_packet_conn_join_source_specific_group(&r.pc, lo, &g, &s1));
  EXPECT_EQ(std::vector<std::string>{"from 127.0.0.1"},
            Delivered(r, kGroup, {&one, &two}));
}

TEST(ExcludeSourceSpecificGroup, MutesAndUnmutesASource) {
  Receiver r;
  Sender one("127.0.0.1"), two("127.0.0.2");
  sockaddr_in g = Inet(kGroup);
  sockaddr_in s2 = Inet("127.0.0.2");
  const unsigned lo = LoopbackIndex();
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, lo, &g));
  ASSERT_EQ(0,
            ipv4_packet_conn_exclude_source_specific_group(&r.pc, lo, &g, &s2));
  EXPECT_EQ(std::vector<std::string>{"from 127.0.0.1"},
            Delivered(r, kGroup, {&one, &two}));
  EXPECT_EQ(-EADDRNOTAVAIL,
            ipv4_packet_conn_exclude_source_specific_group(&r.pc, lo, &g, &s2));
  ASSERT_EQ(0,
            ipv4_packet_conn_include_source_specific_group(&r.pc, lo, &g, &s2));
  EXPECT_EQ((std::vector<std::string>{"from 127.0.0.1", "from 127.0.0.2"}),
            Delivered(r, kGroup, {&one, &two}));
  EXPECT_EQ(-EADDRNOTAVAIL,
            ipv4_packet_conn_include_source_specific_group(&r.pc, lo, &g, &s2));
}

TEST(ExcludeSourceSpecificGroup, NeedsAMembership) {
  Receiver r;
  sockaddr_in g = Inet(kGroup), s = Inet("127.0.0.2");
  EXPECT_EQ(-EINVAL, ipv4_packet_conn_exclude_source_specific_group(
                         &r.pc, LoopbackIndex(), &g, &s));
}

TEST(SourceSpecificGroup, EveryCallRejectsBadArguments) {
  using Fn = int (*)(ipv4_packet_conn*, unsigned, const sockaddr_in*,
                     const sockaddr_in*);
  const Fn fns[] = {
      ipv4_packet_conn_join_source_specific_group,
      ipv4_packet_conn_leave_source_specific_group,
      ipv4_packet_conn_exclude_source_specific_group,
      ipv4_packet_conn_include_source_specific_group,
  };
  Receiver r;
  const unsigned lo = LoopbackIndex();
  sockaddr_in g = Inet(kSsmGroup), s = Inet("127.0.0.1");
  sockaddr_in v6 = s;
  v6.sin_family = AF_INET6;
  ipv4_packet_conn closed = ClosedPacketConn();
  for (Fn fn : fns) {
    EXPECT_EQ(IPV4_EINVAL, fn(nullptr, lo, &g, &s));
    EXPECT_EQ(IPV4_EINVAL, fn(&closed, lo, &g, &s));
    EXPECT_EQ(IPV4_EIFINDEX, fn(&r.pc, 0x80000000u, &g, &s));
    EXPECT_EQ(IPV4_EINVAL, fn(&r.pc, lo, nullptr, &s));
    EXPECT_EQ(IPV4_EINVAL, fn(&r.pc, lo, &g, nullptr));
    EXPECT_EQ(IPV4_EINVAL, fn(&r.pc, lo, &v6, &s));
    EXPECT_EQ(IPV4_EINVAL, fn(&r.pc, lo, &g, &v6));
    sockaddr_in unicast_group = Inet("10.0.0.1");
    EXPECT_EQ(IPV4_ENOTMCAST, fn(&r.pc, lo, &unicast_group, &s));
    // Sources no packet comes from: Linux would take them.
    for (const char* bad :
         {"0.0.0.0", "224.0.0.1", "239.1.1.1", "255.255.255.255"}) {
      sockaddr_in b = Inet(bad);
      EXPECT_EQ(IPV4_EINVAL, fn(&r.pc, lo, &g, &b)) << bad;
    }
  }
}

// --- Full-state source filters --------------------------------------------------

struct Filter {
  enum ipv4_filter_mode mode = IPV4_FILTER_INCLUDE;
  std::vector<std::string> sources;
  size_t total = 99;
  int rc = 1;
};

Filter GetFilter(const ipv4_packet_conn* pc, const char* group, size_t max) {
  Filter f;
  std::vector<in_addr> buf(max + 1, InAddr("1.2.3.4"));
  sockaddr_in g = Inet(group);
  f.rc = ipv4_packet_conn_source_filter(pc, LoopbackIndex(), &g, &f.mode,
                                        max == 0 ? nullptr : buf.data(), max,
                                        &f.total);
  for (size_t i = 0; i < std::min(max, f.total); i++)
    f.sources.push_back(inet_ntoa(buf[i]));
  EXPECT_EQ(InAddr("1.2.3.4").s_addr, buf[max].s_addr)
      << "wrote past max_sources";
  std::sort(f.sources.begin(), f.sources.end());
  return f;
}

int SetFilter(ipv4_packet_conn* pc, const char* group,
              enum ipv4_filter_mode mode, std::vector<in_addr> sources) {
  sockaddr_in g = Inet(group);
  return ipv4_packet_conn_set_source_filter(pc, LoopbackIndex(), &g, mode,
                                            sources.data(), sources.size());
}

TEST(SourceFilter, AJoinIsExcludeWithNoSources) {
  Receiver r;
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  Filter f = GetFilter(&r.pc, kGroup, 4);
  EXPECT_EQ(0, f.rc);
  EXPECT_EQ(IPV4_FILTER_EXCLUDE, f.mode);
  EXPECT_EQ(0u, f.total);
}

TEST(SourceFilter, SetAndGetRoundTripBothModes) {
  Receiver r;
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  ASSERT_EQ(0, SetFilter(&r.pc, kGroup, IPV4_FILTER_EXCLUDE,
                         {InAddr("127.0.0.2"), InAddr("10.0.0.9")}));
  Filter f = GetFilter(&r.pc, kGroup, 8);
  EXPECT_EQ(0, f.rc);
  EXPECT_EQ(IPV4_FILTER_EXCLUDE, f.mode);
  EXPECT_EQ(2u, f.total);
  EXPECT_EQ((std::vector<std::string>{"10.0.0.9", "127.0.0.2"}), f.sources);

  ASSERT_EQ(0, SetFilter(&r.pc, kGroup, IPV4_FILTER_INCLUDE,
                         {InAddr("127.0.0.1"), InAddr("127.0.0.3"),
                          InAddr("192.0.2.1")}));
  f = GetFilter(&r.pc, kGroup, 3);
  EXPECT_EQ(0, f.rc);
  EXPECT_EQ(IPV4_FILTER_INCLUDE, f.mode);
  EXPECT_EQ(3u, f.total);
  EXPECT_EQ((std::vector<std::string>{"127.0.0.1", "127.0.0.3", "192.0.2.1"}),
            f.sources);
}

TEST(SourceFilter, GetterReportsTruncationAndTheWholeLength) {
  Receiver r;
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  ASSERT_EQ(0, SetFilter(&r.pc, kGroup, IPV4_FILTER_INCLUDE,
                         {InAddr("127.0.0.1"), InAddr("127.0.0.2"),
                          InAddr("127.0.0.3")}));
  for (size_t max : {0u, 1u, 2u}) {
    Filter f = GetFilter(&r.pc, kGroup, max);
    EXPECT_EQ(IPV4_ENOBUF, f.rc) << max;
    EXPECT_EQ(3u, f.total) << max;
    EXPECT_EQ(IPV4_FILTER_INCLUDE, f.mode) << max;
    EXPECT_EQ(max, f.sources.size());
    for (const std::string& s : f.sources) {
      EXPECT_TRUE(s == "127.0.0.1" || s == "127.0.0.2" || s == "127.0.0.3")
          << s;
    }
  }
}

TEST(SourceFilter, FiltersWhatArrives) {
  Receiver r;
  Sender one("127.0.0.1"), two("127.0.0.2"), three("127.0.0.3");
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  ASSERT_EQ(
      0, SetFilter(&r.pc, kGroup, IPV4_FILTER_INCLUDE, {InAddr("127.0.0.2")}));
  EXPECT_EQ(std::vector<std::string>{"from 127.0.0.2"},
            Delivered(r, kGroup, {&one, &two, &three}));
  ASSERT_EQ(
      0, SetFilter(&r.pc, kGroup, IPV4_FILTER_EXCLUDE, {InAddr("127.0.0.2")}));
  EXPECT_EQ((std::vector<std::string>{"from 127.0.0.1", "from 127.0.0.3"}),
            Delivered(r, kGroup, {&one, &two, &three}));
}

TEST(SourceFilter, IncludeWithNoSourcesLeavesTheGroup) {
  Receiver r;
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  ASSERT_EQ(0, SetFilter(&r.pc, kGroup, IPV4_FILTER_INCLUDE, {}));
  EXPECT_EQ(-EADDRNOTAVAIL, GetFilter(&r.pc, kGroup, 1).rc);
  EXPECT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
}

TEST(SourceFilter, NeedsAMembership) {
  Receiver r;
  EXPECT_EQ(-EINVAL, SetFilter(&r.pc, kGroup, IPV4_FILTER_EXCLUDE,
                               {InAddr("127.0.0.2")}));
  Filter f = GetFilter(&r.pc, kGroup, 2);
  EXPECT_EQ(-EADDRNOTAVAIL, f.rc);
  EXPECT_EQ(0u, f.total);
  EXPECT_EQ(IPV4_FILTER_EXCLUDE, f.mode);
}

TEST(SourceFilter, KernelLimitIsNoBufferSpace) {
  std::ifstream sysctl("/proc/sys/net/ipv4/igmp_max_msf");
  int limit = 0;
  if (!(sysctl >> limit) || limit >= IPV4_SOURCE_FILTER_MAX) {
    GTEST_SKIP() << "net.ipv4.igmp_max_msf is not below IPV4_SOURCE_FILTER_MAX";
  }
  Receiver r;
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  std::vector<in_addr> many;
  for (int i = 0; i <= limit; i++) {
    in_addr a;
    a.s_addr = htonl(0x0a000001u + static_cast<uint32_t>(i));
    many.push_back(a);
  }
  EXPECT_EQ(-ENOBUFS, SetFilter(&r.pc, kGroup, IPV4_FILTER_EXCLUDE, many));
  many.pop_back();
  EXPECT_EQ(0, SetFilter(&r.pc, kGroup, IPV4_FILTER_EXCLUDE, many));
  EXPECT_EQ(static_cast<size_t>(limit),
            GetFilter(&r.pc, kGroup, IPV4_SOURCE_FILTER_MAX).total);
}

TEST(SourceFilter, SetterRejectsBadArguments) {
  Receiver r;
  const unsigned lo = LoopbackIndex();
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, lo, &g));
  in_addr one[] = {InAddr("127.0.0.2")};
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_source_filter(
                             nullptr, lo, &g, IPV4_FILTER_EXCLUDE, one, 1));
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_source_filter(
                             &closed, lo, &g, IPV4_FILTER_EXCLUDE, one, 1));
  EXPECT_EQ(IPV4_EIFINDEX,
            ipv4_packet_conn_set_source_filter(&r.pc, 0x80000000u, &g,
                                               IPV4_FILTER_EXCLUDE, one, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_source_filter(
                             &r.pc, lo, nullptr, IPV4_FILTER_EXCLUDE, one, 1));
  sockaddr_in u = Inet("10.0.0.1");
  EXPECT_EQ(IPV4_ENOTMCAST, ipv4_packet_conn_set_source_filter(
                                &r.pc, lo, &u, IPV4_FILTER_EXCLUDE, one, 1));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_source_filter(
                &r.pc, lo, &g, static_cast<ipv4_filter_mode>(2), one, 1));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_source_filter(
                &r.pc, lo, &g, static_cast<ipv4_filter_mode>(-1), one, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_source_filter(
                             &r.pc, lo, &g, IPV4_FILTER_EXCLUDE, nullptr, 1));
  std::vector<in_addr> too_many(IPV4_SOURCE_FILTER_MAX + 1);
  for (size_t i = 0; i < too_many.size(); i++)
    too_many[i].s_addr = htonl(0x0a000001u + static_cast<uint32_t>(i));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_source_filter(
                             &r.pc, lo, &g, IPV4_FILTER_EXCLUDE,
                             too_many.data(), too_many.size()));
  for (const char* bad : {"0.0.0.0", "224.0.0.5", "255.255.255.255"}) {
    EXPECT_EQ(IPV4_EINVAL, SetFilter(&r.pc, kGroup, IPV4_FILTER_EXCLUDE,
                                     {InAddr("127.0.0.2"), InAddr(bad)}))
        << bad;
  }
  EXPECT_EQ(IPV4_EINVAL, SetFilter(&r.pc, kGroup, IPV4_FILTER_INCLUDE,
                                   {InAddr("127.0.0.2"), InAddr("127.0.0.3"),
                                    InAddr("127.0.0.2")}));
  // None of these reached the kernel: the filter is still the join's.
  Filter f = GetFilter(&r.pc, kGroup, 4);
  EXPECT_EQ(0, f.rc);
  EXPECT_EQ(IPV4_FILTER_EXCLUDE, f.mode);
  EXPECT_EQ(0u, f.total);
}

TEST(SourceFilter, GetterRejectsBadArguments) {
  Receiver r;
  const unsigned lo = LoopbackIndex();
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, lo, &g));
  ipv4_filter_mode mode = IPV4_FILTER_INCLUDE;
  in_addr buf[2];
  size_t total = 7;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_source_filter(nullptr, lo, &g, &mode,
                                                        buf, 2, &total));
  EXPECT_EQ(IPV4_FILTER_EXCLUDE, mode);
  EXPECT_EQ(0u, total);
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_source_filter(&r.pc, lo, &g, nullptr,
                                                        buf, 2, &total));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_source_filter(&r.pc, lo, &g, &mode,
                                                        buf, 2, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_source_filter(&r.pc, lo, &g, &mode,
                                                        nullptr, 2, &total));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_source_filter(&r.pc, lo, nullptr,
                                                        &mode, buf, 2, &total));
  EXPECT_EQ(IPV4_EIFINDEX, ipv4_packet_conn_source_filter(
                               &r.pc, 0x80000000u, &g, &mode, buf, 2, &total));
  sockaddr_in u = Inet("10.0.0.1");
  EXPECT_EQ(IPV4_ENOTMCAST, ipv4_packet_conn_source_filter(&r.pc, lo, &u, &mode,
                                                           buf, 2, &total));
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_source_filter(&closed, lo, &g, &mode,
                                                        buf, 2, &total));
}

// --- Multicast options ------------------------------------------------------------

TEST(MulticastInterface, SetByIndexReadsBackNoAddress) {
  Receiver r;
  ASSERT_EQ(0,
            ipv4_packet_conn_set_multicast_interface(&r.pc, LoopbackIndex()));
  in_addr got = InAddr("1.2.3.4");
  ASSERT_EQ(0, ipv4_packet_conn_multicast_interface(&r.pc, &got));
  EXPECT_EQ(0u, got.s_addr);  // Linux cannot report the index
  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_interface(&r.pc, 0));
}

TEST(MulticastInterface, ReportsAnAddressSetByAddress) {
  Receiver r;
  in_addr lo = InAddr("127.0.0.1");
  ASSERT_EQ(
      0, setsockopt(r.fd.get(), IPPROTO_IP, IP_MULTICAST_IF, &lo, sizeof(lo)));
  in_addr got{};
  ASSERT_EQ(0, ipv4_packet_conn_multicast_interface(&r.pc, &got));
  EXPECT_EQ(lo.s_addr, got.s_addr);
}

TEST(MulticastInterface, DecidesWhereDatagramsLeave) {
  Receiver r;
  Sender s;  // sets "lo"
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  EXPECT_EQ(std::vector<std::string>{"from 127.0.0.1"},
            Delivered(r, kGroup, {&s}));
}

TEST(MulticastInterface, RejectsBadArguments) {
  Receiver r;
  EXPECT_EQ(IPV4_EIFINDEX,
            ipv4_packet_conn_set_multicast_interface(&r.pc, 0x80000000u));
  EXPECT_EQ(-EADDRNOTAVAIL,
            ipv4_packet_conn_set_multicast_interface(&r.pc, 999999));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_multicast_interface(nullptr, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_multicast_interface(&r.pc, nullptr));
  in_addr got = InAddr("1.2.3.4");
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_multicast_interface(nullptr, &got));
  EXPECT_EQ(0u, got.s_addr);
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_multicast_interface(&closed, 1));
}

TEST(MulticastTtl, DefaultsToOneAndRoundTrips) {
  Receiver r;
  int ttl = -1;
  ASSERT_EQ(0, ipv4_packet_conn_multicast_ttl(&r.pc, &ttl));
  EXPECT_EQ(1, ttl);
  for (int want : {0, 2, 128, 255}) {
    ASSERT_EQ(0, ipv4_packet_conn_set_multicast_ttl(&r.pc, want));
    ASSERT_EQ(0, ipv4_packet_conn_multicast_ttl(&r.pc, &ttl));
    EXPECT_EQ(want, ttl);
  }
}

TEST(MulticastTtl, ReachesTheWire) {
  Receiver r;
  Sender s;
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, LoopbackIndex(), &g));
  ASSERT_EQ(0,
            ipv4_packet_conn_set_control_message(&r.pc, IPV4_FLAG_TTL, true));
  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_ttl(&s.pc, 7));
  s.Send(kGroup, r.port(), "t");
  ASSERT_TRUE(WaitReadable(r.fd.get(), 2000));
  uint8_t buf[4];
  ipv4_control_message cm;
  ASSERT_EQ(1,
            ipv4_packet_conn_read_from(&r.pc, buf, sizeof(buf), &cm, nullptr));
  EXPECT_EQ(7, cm.ttl);
}

TEST(MulticastTtl, RejectsOutOfRange) {
  Receiver r;
  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_ttl(&r.pc, 5));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_multicast_ttl(
                             &r.pc, -1));  // Linux: reset to 1
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_multicast_ttl(&r.pc, 256));
  int ttl = 0;
  ASSERT_EQ(0, ipv4_packet_conn_multicast_ttl(&r.pc, &ttl));
  EXPECT_EQ(5, ttl);
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_multicast_ttl(&r.pc, nullptr));
  ttl = 9;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_multicast_ttl(nullptr, &ttl));
  EXPECT_EQ(0, ttl);
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_multicast_ttl(nullptr, 1));
}

TEST(MulticastLoopback, DefaultsOnAndRoundTrips) {
  Receiver r;
  bool on = false;
  ASSERT_EQ(0, ipv4_packet_conn_multicast_loopback(&r.pc, &on));
  EXPECT_TRUE(on);
  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_loopback(&r.pc, false));
  ASSERT_EQ(0, ipv4_packet_conn_multicast_loopback(&r.pc, &on));
  EXPECT_FALSE(on);
  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_loopback(&r.pc, true));
  ASSERT_EQ(0, ipv4_packet_conn_multicast_loopback(&r.pc, &on));
  EXPECT_TRUE(on);
}

// The interface index and name of an up, multicast-capable interface other
// than loopback with an IPv4 address, or 0.
unsigned MulticastInterfaceIndex() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return 0;
  unsigned index = 0;
  for (ifaddrs* a = list; a != nullptr && index == 0; a = a->ifa_next) {
    if (a->ifa_addr != nullptr && a->ifa_addr->sa_family == AF_INET &&
        (a->ifa_flags & IFF_UP) && (a->ifa_flags & IFF_MULTICAST) &&
        !(a->ifa_flags & IFF_LOOPBACK)) {
      index = if_nametoindex(a->ifa_name);
    }
  }
  freeifaddrs(list);
  return index;
}

// On "lo" every datagram comes back through the device whatever the option
// says, so the effect is shown on another interface, with a multicast TTL of
// 0: Linux then keeps the datagram on this host, and only the loopback copy
// can reach a receiver.
TEST(MulticastLoopback, DecidesWhetherThisHostGetsACopy) {
  const unsigned ifindex = MulticastInterfaceIndex();
  if (ifindex == 0)
    GTEST_SKIP() << "no multicast-capable interface but loopback";
  Receiver r;
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&r.pc, ifindex, &g));
  Fd tx(socket(AF_INET, SOCK_DGRAM, 0));
  ipv4_packet_conn s;
  ASSERT_EQ(0, ipv4_packet_conn_init(&s, tx.get()));
  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_interface(&s, ifindex));
  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_ttl(&s, 0));
  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_loopback(&s, true));
  ASSERT_TRUE(SendTo(tx.get(), "on", 2, Inet(kGroup, r.port())));
  ASSERT_TRUE(WaitReadable(r.fd.get(), 2000));
  EXPECT_EQ(std::vector<std::string>{"on"}, ReadQueued(r.fd.get()));
  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_loopback(&s, false));
  ASSERT_TRUE(SendTo(tx.get(), "off", 3, Inet(kGroup, r.port())));
  EXPECT_FALSE(WaitReadable(r.fd.get(), 200));
}

TEST(MulticastLoopback, RejectsBadArguments) {
  Receiver r;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_multicast_loopback(&r.pc, nullptr));
  bool on = true;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_multicast_loopback(nullptr, &on));
  EXPECT_FALSE(on);
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_multicast_loopback(nullptr, true));
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_multicast_loopback(&closed, true));
}

TEST(MulticastAll, DefaultsOnAndRoundTrips) {
  sockaddr_in any = Inet("0.0.0.0");
  Fd fd(UdpBoundTo(&any));
  ipv4_packet_conn pc;
  ASSERT_EQ(0, ipv4_packet_conn_init(&pc, fd.get()));
  bool on = false;
  ASSERT_EQ(0, ipv4_packet_conn_multicast_all(&pc, &on));
  EXPECT_TRUE(on);
  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_all(&pc, false));
  ASSERT_EQ(0, ipv4_packet_conn_multicast_all(&pc, &on));
  EXPECT_FALSE(on);
}

TEST(MulticastAll, OnLetsAWildcardSocketSeeOtherSocketsGroups) {
  Receiver joiner;  // joins the group; IP_MULTICAST_ALL off
  sockaddr_in at = Inet("0.0.0.0", joiner.port());
  Fd bystander_fd(UdpBoundTo(&at));  // same port, joins nothing
  ipv4_packet_conn bystander;
  ASSERT_EQ(0, ipv4_packet_conn_init(&bystander, bystander_fd.get()));
  sockaddr_in g = Inet(kGroup);
  ASSERT_EQ(0, ipv4_packet_conn_join_group(&joiner.pc, LoopbackIndex(), &g));
  Sender s;

  s.Send(kGroup, joiner.port(), "first");
  ASSERT_TRUE(WaitReadable(bystander_fd.get(), 2000));
  EXPECT_EQ(std::vector<std::string>{"first"}, ReadQueued(bystander_fd.get()));

  ASSERT_EQ(0, ipv4_packet_conn_set_multicast_all(&bystander, false));
  s.Send(kGroup, joiner.port(), "second");
  ASSERT_TRUE(WaitReadable(joiner.fd.get(), 2000));
  EXPECT_EQ((std::vector<std::string>{"first", "second"}),
            ReadQueued(joiner.fd.get()));
  EXPECT_TRUE(ReadQueued(bystander_fd.get()).empty());
}

TEST(MulticastAll, RejectsBadArguments) {
  Receiver r;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_multicast_all(&r.pc, nullptr));
  bool on = true;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_multicast_all(nullptr, &on));
  EXPECT_FALSE(on);
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_multicast_all(nullptr, false));
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_multicast_all(&closed, &on));
}

// --- Raw connections ------------------------------------------------------------

TEST(RawConnMulticast, EveryCallWorksOnARawSocket) {
  Fd raw(RawSocket(253));
  if (raw.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  ipv4_raw_conn rc;
  ASSERT_EQ(0, ipv4_raw_conn_init(&rc, raw.get()));
  const unsigned lo = LoopbackIndex();
  sockaddr_in g = Inet(kGroup), ssm = Inet(kSsmGroup);
  sockaddr_in s1 = Inet("127.0.0.1"), s2 = Inet("127.0.0.2");
  EXPECT_EQ(0, ipv4_packet_conn_join_group(&rc.pc, lo, &g));
  EXPECT_EQ(-EADDRINUSE, ipv4_packet_conn_join_group(&rc.pc, lo, &g));
  EXPECT_EQ(
      0, ipv4_packet_conn_exclude_source_specific_group(&rc.pc, lo, &g, &s2));
  EXPECT_EQ(
      0, ipv4_packet_conn_include_source_specific_group(&rc.pc, lo, &g, &s2));
  in_addr list[] = {s1.sin_addr, s2.sin_addr};
  EXPECT_EQ(0, ipv4_packet_conn_set_source_filter(
                   &rc.pc, lo, &g, IPV4_FILTER_INCLUDE, list, 2));
  ipv4_filter_mode mode = IPV4_FILTER_EXCLUDE;
  in_addr out[1];
  size_t total = 0;
  EXPECT_EQ(IPV4_ENOBUF, ipv4_packet_conn_source_filter(&rc.pc, lo, &g, &mode,
                                                        out, 1, &total));
  EXPECT_EQ(IPV4_FILTER_INCLUDE, mode);
  EXPECT_EQ(2u, total);
  EXPECT_EQ(0, ipv4_packet_conn_leave_group(&rc.pc, lo, &g));
  EXPECT_EQ(0,
            ipv4_packet_conn_join_source_specific_group(&rc.pc, lo, &ssm, &s1));
  EXPECT_EQ(
      0, ipv4_packet_conn_leave_source_specific_group(&rc.pc, lo, &ssm, &s1));

  EXPECT_EQ(0, ipv4_packet_conn_set_multicast_interface(&rc.pc, lo));
  in_addr ifaddr = InAddr("1.1.1.1");
  EXPECT_EQ(0, ipv4_packet_conn_multicast_interface(&rc.pc, &ifaddr));
  EXPECT_EQ(0u, ifaddr.s_addr);
  int ttl = 0;
  EXPECT_EQ(0, ipv4_packet_conn_set_multicast_ttl(&rc.pc, 3));
  EXPECT_EQ(0, ipv4_packet_conn_multicast_ttl(&rc.pc, &ttl));
  EXPECT_EQ(3, ttl);
  bool on = true;
  EXPECT_EQ(0, ipv4_packet_conn_set_multicast_loopback(&rc.pc, false));
  EXPECT_EQ(0, ipv4_packet_conn_multicast_loopback(&rc.pc, &on));
  EXPECT_FALSE(on);
  on = true;
  EXPECT_EQ(0, ipv4_packet_conn_set_multicast_all(&rc.pc, false));
  EXPECT_EQ(0, ipv4_packet_conn_multicast_all(&rc.pc, &on));
  EXPECT_FALSE(on);
}

}  // namespace
