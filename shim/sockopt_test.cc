/* SPDX-License-Identifier: BSD-3-Clause */
// TOS, TTL and control-message options of every connection type.
#include "ipv4/sockopt.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <netinet/udp.h>

#include "ipv4/control.h"
#include "ipv4/io.h"
#include "shim/shim_testing.h"

using shim_testing::Fd;
using shim_testing::Loopback;
using shim_testing::LoopbackUdp;
using shim_testing::RawSocket;
using shim_testing::SendTo;

namespace {

// Raw sockets need CAP_NET_RAW; under Bazel's sandbox the tests find it in
// a private network namespace (see shim_testing.h), before any test runs.
[[maybe_unused]] const bool kRawSockets = shim_testing::PreferRawSockets();

int GetInt(int fd, int level, int name) {
  int v = -12345;
  socklen_t len = sizeof(v);
  EXPECT_EQ(0, getsockopt(fd, level, name, &v, &len));
  return v;
}

struct Udp {
  Fd fd{LoopbackUdp(nullptr)};
  ipv4_packet_conn pc{};
  Udp() { EXPECT_EQ(0, ipv4_packet_conn_init(&pc, fd.get())); }
};

// A packet connection whose descriptor was closed: fd is -1.
ipv4_packet_conn ClosedPacketConn() {
  ipv4_packet_conn pc{};
  pc.fd = -1;
  return pc;
}

TEST(ConnTos, RoundTripsOnUdp) {
  Fd udp(LoopbackUdp(nullptr));
  ipv4_conn c;
  ASSERT_EQ(0, ipv4_conn_init(&c, udp.get()));
  for (int tos : {0x00, 0x28, 0xb8, 0xff}) {
    ASSERT_EQ(0, ipv4_conn_set_tos(&c, tos)) << tos;
    int got = -1;
    ASSERT_EQ(0, ipv4_conn_tos(&c, &got));
    EXPECT_EQ(tos, got);
    EXPECT_EQ(tos, GetInt(udp.get(), IPPROTO_IP, IP_TOS));
  }
}

TEST(ConnTos, TcpKeepsItsEcnBits) {
  Fd tcp(socket(AF_INET, SOCK_STREAM, 0));
  ipv4_conn c;
  ASSERT_EQ(0, ipv4_conn_init(&c, tcp.get()));
  ASSERT_EQ(0, ipv4_conn_set_tos(&c, 0x2b));
  int got = -1;
  ASSERT_EQ(0, ipv4_conn_tos(&c, &got));
  EXPECT_EQ(0x28, got);  // the ECN bits stay TCP's (here 0)
}

TEST(ConnTos, RejectsOutOfRangeWithoutTouchingTheSocket) {
  Fd udp(LoopbackUdp(nullptr));
  ipv4_conn c;
  ASSERT_EQ(0, ipv4_conn_init(&c, udp.get()));
  ASSERT_EQ(0, ipv4_conn_set_tos(&c, 0x10));
  // Linux would store 300 & 0xff = 44 and -1 as 255.
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_set_tos(&c, 300));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_set_tos(&c, 256));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_set_tos(&c, -1));
  EXPECT_EQ(0x10, GetInt(udp.get(), IPPROTO_IP, IP_TOS));
}

TEST(ConnTtl, RoundTripsOnTcpAndUdp) {
  Fd tcp(socket(AF_INET, SOCK_STREAM, 0));
  Fd udp(LoopbackUdp(nullptr));
  for (int fd : {tcp.get(), udp.get()}) {
    ipv4_conn c;
    ASSERT_EQ(0, ipv4_conn_init(&c, fd));
    for (int ttl : {1, 2, 64, 255}) {
      ASSERT_EQ(0, ipv4_conn_set_ttl(&c, ttl));
      int got = 0;
      ASSERT_EQ(0, ipv4_conn_ttl(&c, &got));
      EXPECT_EQ(ttl, got);
    }
  }
}

TEST(ConnTtl, DefaultIsTheSystemDefault) {
  Fd udp(LoopbackUdp(nullptr));
  ipv4_conn c;
  ASSERT_EQ(0, ipv4_conn_init(&c, udp.get()));
  int got = 0;
  ASSERT_EQ(0, ipv4_conn_ttl(&c, &got));
  EXPECT_GE(got, 1);
  EXPECT_LE(got, 255);
}

TEST(ConnTtl, RejectsZeroNegativeAndAbove255) {
  Fd udp(LoopbackUdp(nullptr));
  ipv4_conn c;
  ASSERT_EQ(0, ipv4_conn_init(&c, udp.get()));
  ASSERT_EQ(0, ipv4_conn_set_ttl(&c, 9));
  for (int bad : {0, -1, -2, 256, 1000}) {
    EXPECT_EQ(IPV4_EINVAL, ipv4_conn_set_ttl(&c, bad)) << bad;
  }
  EXPECT_EQ(9, GetInt(udp.get(), IPPROTO_IP, IP_TTL));
}

TEST(ConnOptions, RejectNullAndClosedConnections) {
  int out = 7;
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_tos(nullptr, &out));
  EXPECT_EQ(0, out);
  out = 7;
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_ttl(nullptr, &out));
  EXPECT_EQ(0, out);
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_set_tos(nullptr, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_set_ttl(nullptr, 64));

  Fd udp(LoopbackUdp(nullptr));
  ipv4_conn c;
  ASSERT_EQ(0, ipv4_conn_init(&c, udp.get()));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_tos(&c, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_ttl(&c, nullptr));

  ipv4_conn closed{};
  closed.fd = -1;
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_tos(&closed, &out));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_set_tos(&closed, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_ttl(&closed, &out));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_set_ttl(&closed, 64));
}

TEST(ConnOptions, PassKernelErrorsThrough) {
  Fd file(dup(0));
  ipv4_conn c{};
  c.fd = file.get();  // not a socket: the kernel says so
  int out = 0;
  EXPECT_EQ(-ENOTSOCK, ipv4_conn_tos(&c, &out));
  EXPECT_EQ(-ENOTSOCK, ipv4_conn_set_ttl(&c, 64));
}

TEST(PacketConnTosTtl, RoundTrip) {
  Udp u;
  ASSERT_EQ(0, ipv4_packet_conn_set_tos(&u.pc, 0xb8));
  ASSERT_EQ(0, ipv4_packet_conn_set_ttl(&u.pc, 17));
  int tos = 0, ttl = 0;
  ASSERT_EQ(0, ipv4_packet_conn_tos(&u.pc, &tos));
  ASSERT_EQ(0, ipv4_packet_conn_ttl(&u.pc, &ttl));
  EXPECT_EQ(0xb8, tos);
  EXPECT_EQ(17, ttl);
}

TEST(PacketConnTosTtl, RejectsBadInput) {
  Udp u;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_tos(&u.pc, 256));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_tos(&u.pc, -1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_ttl(&u.pc, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_ttl(&u.pc, 256));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_tos(&u.pc, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_ttl(&u.pc, nullptr));
  int out = 5;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_tos(nullptr, &out));
  EXPECT_EQ(0, out);
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_ttl(nullptr, &out));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_tos(nullptr, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_ttl(nullptr, 1));
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_tos(&closed, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_ttl(&closed, &out));
}

TEST(PacketConnTosTtl, SetTtlReachesTheWire) {
  Udp rx, tx;
  sockaddr_in to{};
  socklen_t len = sizeof(to);
  ASSERT_EQ(0,
            getsockname(rx.fd.get(), reinterpret_cast<sockaddr*>(&to), &len));
  ASSERT_EQ(0,
            ipv4_packet_conn_set_control_message(&rx.pc, IPV4_FLAG_TTL, true));
  ASSERT_EQ(0, ipv4_packet_conn_set_ttl(&tx.pc, 33));
  ASSERT_TRUE(SendTo(tx.fd.get(), "x", 1, to));
  uint8_t buf[8];
  ipv4_control_message cm;
  ASSERT_EQ(1,
            ipv4_packet_conn_read_from(&rx.pc, buf, sizeof(buf), &cm, nullptr));
  EXPECT_TRUE(cm.flags & IPV4_FLAG_TTL);
  EXPECT_EQ(33, cm.ttl);
}

// --- Control messages -----------------------------------------------------

TEST(SetControlMessage, TurnsOnEachOptionAndRecordsTheFlags) {
  struct Case {
    unsigned flag;
    int level, name;
  } cases[] = {
      {IPV4_FLAG_TTL, IPPROTO_IP, IP_RECVTTL},
      {IPV4_FLAG_SRC, IPPROTO_IP, IP_PKTINFO},
      {IPV4_FLAG_DST, IPPROTO_IP, IP_PKTINFO},
      {IPV4_FLAG_INTERFACE, IPPROTO_IP, IP_PKTINFO},
      {IPV4_FLAG_SPEC_DST, IPPROTO_IP, IP_PKTINFO},
      {IPV4_FLAG_TOS, IPPROTO_IP, IP_RECVTOS},
      {IPV4_FLAG_ORIG_DST, IPPROTO_IP, IP_RECVORIGDSTADDR},
      {IPV4_FLAG_TIMESTAMP, SOL_SOCKET, SO_TIMESTAMPNS},
      {IPV4_FLAG_EXTENDED_ERROR, IPPROTO_IP, IP_RECVERR},
      {IPV4_FLAG_GRO, SOL_UDP, UDP_GRO},
      {IPV4_FLAG_DROPS, SOL_SOCKET, SO_RXQ_OVFL},
  };
  for (const Case& k : cases) {
    Udp u;
    ASSERT_EQ(0, GetInt(u.fd.get(), k.level, k.name)) << k.flag;
    ASSERT_EQ(0, ipv4_packet_conn_set_control_message(&u.pc, k.flag, true));
    EXPECT_NE(0, GetInt(u.fd.get(), k.level, k.name)) << k.flag;
    EXPECT_EQ(k.flag, u.pc.cm_flags);
    ASSERT_EQ(0, ipv4_packet_conn_set_control_message(&u.pc, k.flag, false));
    EXPECT_EQ(0, GetInt(u.fd.get(), k.level, k.name)) << k.flag;
    EXPECT_EQ(0u, u.pc.cm_flags);
  }
}

TEST(SetControlMessage, AllReceiveFlagsAtOnce) {
  Udp u;
  const unsigned all = IPV4_FLAG_ALL & ~IPV4_FLAG_GSO;
  ASSERT_EQ(0, ipv4_packet_conn_set_control_message(&u.pc, all, true));
  EXPECT_EQ(all, u.pc.cm_flags);
  ASSERT_EQ(0, ipv4_packet_conn_set_control_message(&u.pc, all, false));
  EXPECT_EQ(0u, u.pc.cm_flags);
  EXPECT_EQ(0, GetInt(u.fd.get(), IPPROTO_IP, IP_PKTINFO));
}

TEST(SetControlMessage, PktinfoStaysOnWhileAnyOfItsFlagsIs) {
  Udp u;
  ASSERT_EQ(0, ipv4_packet_conn_set_control_message(
                   &u.pc, IPV4_FLAG_DST | IPV4_FLAG_INTERFACE, true));
  ASSERT_EQ(0,
            ipv4_packet_conn_set_control_message(&u.pc, IPV4_FLAG_DST, false));
  EXPECT_EQ(IPV4_FLAG_INTERFACE, u.pc.cm_flags);
  EXPECT_EQ(
      1, GetInt(u.fd.get(), IPPROTO_IP, IP_PKTINFO));  // Go would turn it off
  ASSERT_EQ(0, ipv4_packet_conn_set_control_message(&u.pc, IPV4_FLAG_INTERFACE,
                                                    false));
  EXPECT_EQ(0u, u.pc.cm_flags);
  EXPECT_EQ(0, GetInt(u.fd.get(), IPPROTO_IP, IP_PKTINFO));
}

TEST(SetControlMessage, ZeroFlagsChangeNothing) {
  Udp u;
  ASSERT_EQ(0,
            ipv4_packet_conn_set_control_message(&u.pc, IPV4_FLAG_TTL, true));
  EXPECT_EQ(0, ipv4_packet_conn_set_control_message(&u.pc, 0, false));
  EXPECT_EQ(IPV4_FLAG_TTL, u.pc.cm_flags);
  EXPECT_EQ(1, GetInt(u.fd.get(), IPPROTO_IP, IP_RECVTTL));
}

TEST(SetControlMessage, RejectsUnknownAndSendOnlyFlags) {
  Udp u;
  EXPECT_EQ(IPV4_ECMSGFLAG, ipv4_packet_conn_set_control_message(
                                &u.pc, IPV4_FLAG_TTL | 0x1000u, true));
  EXPECT_EQ(IPV4_ECMSGFLAG, ipv4_packet_conn_set_control_message(
                                &u.pc, IPV4_FLAG_TTL | IPV4_FLAG_GSO, true));
  EXPECT_EQ(0u, u.pc.cm_flags);
  EXPECT_EQ(0, GetInt(u.fd.get(), IPPROTO_IP, IP_RECVTTL));  // nothing changed
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_control_message(nullptr, IPV4_FLAG_TTL, true));
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_control_message(&closed, IPV4_FLAG_TTL, true));
}

TEST(SetControlMessage, KernelRefusalLeavesFlagsMatchingTheSocket) {
  Fd raw(RawSocket(253));
  if (raw.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  ipv4_packet_conn pc;
  ASSERT_EQ(0, ipv4_packet_conn_init(&pc, raw.get()));
  // TTL comes first and succeeds; UDP_GRO on a raw socket is refused.
  EXPECT_EQ(-ENOPROTOOPT, ipv4_packet_conn_set_control_message(
                              &pc, IPV4_FLAG_TTL | IPV4_FLAG_GRO, true));
  EXPECT_EQ(IPV4_FLAG_TTL, pc.cm_flags);
  EXPECT_EQ(1, GetInt(raw.get(), IPPROTO_IP, IP_RECVTTL));
  // A refused flag that was already on stays recorded as on.
  ASSERT_EQ(0,
            ipv4_packet_conn_set_control_message(&pc, IPV4_FLAG_DROPS, true));
  EXPECT_EQ(-ENOPROTOOPT, ipv4_packet_conn_set_control_message(
                              &pc, IPV4_FLAG_GRO | IPV4_FLAG_DROPS, true));
  EXPECT_EQ(IPV4_FLAG_TTL | IPV4_FLAG_DROPS, pc.cm_flags);
}

TEST(SetControlMessage, ReadFromDeliversWhatWasTurnedOn) {
  Udp rx, tx;
  sockaddr_in to{};
  socklen_t len = sizeof(to);
  ASSERT_EQ(0,
            getsockname(rx.fd.get(), reinterpret_cast<sockaddr*>(&to), &len));
  ASSERT_EQ(0, ipv4_packet_conn_set_control_message(
                   &rx.pc, IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | IPV4_FLAG_TOS,
                   true));
  ASSERT_EQ(0, ipv4_packet_conn_set_tos(&tx.pc, 0x20));
  ASSERT_TRUE(SendTo(tx.fd.get(), "ab", 2, to));
  uint8_t buf[8];
  ipv4_control_message cm;
  ASSERT_EQ(2,
            ipv4_packet_conn_read_from(&rx.pc, buf, sizeof(buf), &cm, nullptr));
  EXPECT_TRUE(cm.flags & IPV4_FLAG_DST);
  EXPECT_EQ(htonl(INADDR_LOOPBACK), cm.dst.s_addr);
  EXPECT_TRUE(cm.flags & IPV4_FLAG_INTERFACE);
  EXPECT_EQ(shim_testing::LoopbackIndex(), cm.ifindex);
  EXPECT_TRUE(cm.flags & IPV4_FLAG_TOS);
  EXPECT_EQ(0x20, cm.tos);
  EXPECT_FALSE(cm.flags & IPV4_FLAG_TTL);
}

// --- Raw connections --------------------------------------------------------

TEST(RawConnSockopt, TosTtlAndControlMessagesApplyToTheSocket) {
  Fd raw(RawSocket(253));
  if (raw.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  ipv4_raw_conn rc;
  ASSERT_EQ(0, ipv4_raw_conn_init(&rc, raw.get()));
  ASSERT_EQ(0, ipv4_packet_conn_set_tos(&rc.pc, 0x48));
  ASSERT_EQ(0, ipv4_packet_conn_set_ttl(&rc.pc, 99));
  int tos = 0, ttl = 0;
  ASSERT_EQ(0, ipv4_packet_conn_tos(&rc.pc, &tos));
  ASSERT_EQ(0, ipv4_packet_conn_ttl(&rc.pc, &ttl));
  EXPECT_EQ(0x48, tos);
  EXPECT_EQ(99, ttl);
  ASSERT_EQ(0,
            ipv4_packet_conn_set_control_message(&rc.pc, IPV4_FLAG_TTL, true));
  EXPECT_EQ(IPV4_FLAG_TTL, rc.pc.cm_flags);
  EXPECT_EQ(1, GetInt(raw.get(), IPPROTO_IP, IP_RECVTTL));
}

}  // namespace
