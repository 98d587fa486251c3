/* SPDX-License-Identifier: BSD-3-Clause */
// Wrapping and closing descriptors.
#include "ipv4/conn.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>

#include "shim/shim_testing.h"

using shim_testing::Fd;
using shim_testing::LoopbackUdp;
using shim_testing::RawSocket;

namespace {

TEST(ConnInit, AcceptsAnyInetSocket) {
  Fd tcp(socket(AF_INET, SOCK_STREAM, 0));
  ipv4_conn c;
  ASSERT_EQ(0, ipv4_conn_init(&c, tcp.get()));
  EXPECT_EQ(tcp.get(), c.fd);
}

TEST(ConnInit, RejectsBadArguments) {
  Fd tcp(socket(AF_INET, SOCK_STREAM, 0));
  ipv4_conn c;
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_init(nullptr, tcp.get()));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_init(&c, -1));
  Fd v6(socket(AF_INET6, SOCK_STREAM, 0));
  EXPECT_EQ(IPV4_ESOCKTYPE, ipv4_conn_init(&c, v6.get()));
  Fd unix_sock(socket(AF_UNIX, SOCK_STREAM, 0));
  EXPECT_EQ(IPV4_ESOCKTYPE, ipv4_conn_init(&c, unix_sock.get()));
  Fd file(dup(0));
  int rc = ipv4_conn_init(&c, file.get());
  EXPECT_TRUE(rc == -ENOTSOCK || rc == -EBADF) << rc;
  EXPECT_EQ(-EBADF, ipv4_conn_init(&c, 1000000));
}

TEST(PacketConnInit, TakesDatagramAndRawSocketsOnly) {
  Fd udp(LoopbackUdp(nullptr));
  ipv4_packet_conn pc;
  ASSERT_EQ(0, ipv4_packet_conn_init(&pc, udp.get()));
  EXPECT_EQ(udp.get(), pc.fd);
  EXPECT_EQ(0u, pc.cm_flags);
  EXPECT_EQ(SOCK_DGRAM, pc.sock_type);
  Fd tcp(socket(AF_INET, SOCK_STREAM, 0));
  EXPECT_EQ(IPV4_ESOCKTYPE, ipv4_packet_conn_init(&pc, tcp.get()));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_init(nullptr, udp.get()));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_init(&pc, -5));
}

TEST(RawConnInit, TurnsHeaderIncludeOn) {
  Fd raw(RawSocket(89));  // OSPF, a protocol nothing else on the host reads
  if (raw.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  ipv4_raw_conn rc;
  ASSERT_EQ(0, ipv4_raw_conn_init(&rc, raw.get()));
  int on = 0;
  socklen_t len = sizeof(on);
  ASSERT_EQ(0, getsockopt(raw.get(), IPPROTO_IP, IP_HDRINCL, &on, &len));
  EXPECT_EQ(1, on);
  EXPECT_EQ(SOCK_RAW, rc.pc.sock_type);
}

TEST(RawConnInit, RejectsADatagramSocket) {
  Fd udp(LoopbackUdp(nullptr));
  ipv4_raw_conn rc;
  EXPECT_EQ(IPV4_ESOCKTYPE, ipv4_raw_conn_init(&rc, udp.get()));
  EXPECT_EQ(IPV4_EINVAL, ipv4_raw_conn_init(nullptr, udp.get()));
}

TEST(Close, ClosesOnceAndOnlyOnce) {
  Fd udp(LoopbackUdp(nullptr));
  ipv4_packet_conn pc;
  ASSERT_EQ(0, ipv4_packet_conn_init(&pc, udp.release()));
  int fd = pc.fd;
  EXPECT_EQ(0, ipv4_packet_conn_close(&pc));
  EXPECT_EQ(-1, pc.fd);
  EXPECT_EQ(-1, fcntl(fd, F_GETFD));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_close(&pc));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_close(nullptr));

  Fd tcp(socket(AF_INET, SOCK_STREAM, 0));
  ipv4_conn c;
  ASSERT_EQ(0, ipv4_conn_init(&c, tcp.release()));
  EXPECT_EQ(0, ipv4_conn_close(&c));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_close(&c));
  EXPECT_EQ(IPV4_EINVAL, ipv4_conn_close(nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_raw_conn_close(nullptr));
}

TEST(Close, RawConnClosesItsDescriptor) {
  Fd raw(RawSocket(89));
  if (raw.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  ipv4_raw_conn rc;
  ASSERT_EQ(0, ipv4_raw_conn_init(&rc, raw.release()));
  EXPECT_EQ(0, ipv4_raw_conn_close(&rc));
  EXPECT_EQ(-1, rc.pc.fd);
  EXPECT_EQ(IPV4_EINVAL, ipv4_raw_conn_close(&rc));
}

}  // namespace
