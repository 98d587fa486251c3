/* SPDX-License-Identifier: BSD-3-Clause */
// The socket error queue: a datagram to a closed loopback port comes back
// as an ICMP port-unreachable entry, read with
// ipv4_packet_conn_read_error.
#include "ipv4/io.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/errqueue.h>

#include <cstring>
#include <thread>

#include "shim/shim_testing.h"

using shim_testing::EnableControl;
using shim_testing::Fd;
using shim_testing::LoopbackUdp;
using shim_testing::SendTo;

namespace {

constexpr int64_t kSec = 1000000000LL;

// ClosedPort returns 127.0.0.1 and a port that nothing listens on.
sockaddr_in ClosedPort() {
  sockaddr_in a{};
  Fd s(LoopbackUdp(&a));
  return a;  // closed when s goes
}

struct ErrConn {
  ErrConn() : fd(LoopbackUdp(&addr)) {
    EXPECT_EQ(0, ipv4_packet_conn_init(&c, fd.get()));
    EXPECT_TRUE(EnableControl(&c, IPV4_FLAG_EXTENDED_ERROR));
    ipv4_packet_conn_set_read_deadline(&c, ipv4_monotonic_ns() + 5 * kSec);
  }
  sockaddr_in addr{};
  Fd fd;
  ipv4_packet_conn c{};
};

TEST(ReadError, PortUnreachableFromLoopback) {
  ErrConn e;
  sockaddr_in closed = ClosedPort();
  ASSERT_TRUE(SendTo(e.fd.get(), "probe", 5, closed));
  uint8_t buf[32];
  ipv4_extended_error err;
  ipv4_control_message cm;
  sockaddr_in dst;
  ASSERT_EQ(
      5, ipv4_packet_conn_read_error(&e.c, buf, sizeof(buf), &err, &cm, &dst));
  EXPECT_EQ(0, memcmp(buf, "probe", 5));
  EXPECT_EQ(static_cast<uint32_t>(ECONNREFUSED), err.ee_errno);
  EXPECT_EQ(SO_EE_ORIGIN_ICMP, err.ee_origin);
  EXPECT_EQ(3, err.ee_type);  // destination unreachable
  EXPECT_EQ(3, err.ee_code);  // port unreachable
  EXPECT_TRUE(err.has_offender);
  EXPECT_EQ(htonl(INADDR_LOOPBACK), err.offender.s_addr);
  EXPECT_EQ(closed.sin_port, dst.sin_port);
  EXPECT_EQ(closed.sin_addr.s_addr, dst.sin_addr.s_addr);
  EXPECT_NE(0u, cm.flags & IPV4_FLAG_EXTENDED_ERROR);
  EXPECT_EQ(0, memcmp(&cm.error, &err, sizeof(err)));
  // The entry is gone: the queue is empty now.
  ASSERT_EQ(0, fcntl(e.fd.get(), F_SETFL, O_NONBLOCK));
  ipv4_packet_conn_set_read_deadline(&e.c, 0);
  EXPECT_EQ(-EAGAIN, ipv4_packet_conn_read_error(&e.c, buf, sizeof(buf), &err,
                                                 nullptr, nullptr));
}

TEST(ReadError, CutDatagramStillCarriesTheError) {
  ErrConn e;
  ASSERT_TRUE(SendTo(e.fd.get(), "longer probe", 12, ClosedPort()));
  uint8_t buf[4];
  ipv4_extended_error err;
  ASSERT_EQ(IPV4_ETRUNC, ipv4_packet_conn_read_error(&e.c, buf, sizeof(buf),
                                                     &err, nullptr, nullptr));
  EXPECT_EQ(0, memcmp(buf, "long", 4));
  EXPECT_EQ(static_cast<uint32_t>(ECONNREFUSED), err.ee_errno);
}

// The kernel writes IP_PKTINFO before IP_RECVERR; with packet info turned
// on behind the connection's back there is no room left for the error.
TEST(ReadError, ErrorLostToACutControlBufferIsECtrunc) {
  ErrConn e;
  ASSERT_TRUE(
      shim_testing::SetIntOption(e.fd.get(), IPPROTO_IP, IP_PKTINFO, 1));
  ASSERT_TRUE(SendTo(e.fd.get(), "probe", 5, ClosedPort()));
  uint8_t buf[8];
  ipv4_extended_error err;
  EXPECT_EQ(IPV4_ECTRUNC, ipv4_packet_conn_read_error(&e.c, buf, sizeof(buf),
                                                      &err, nullptr, nullptr));
  EXPECT_EQ(0u, err.ee_errno);
}

TEST(ReadError, BlockingDescriptorWaitsForAnEntry) {
  ErrConn e;
  ipv4_packet_conn_set_read_deadline(&e.c, 0);
  sockaddr_in closed = ClosedPort();
  std::thread sender([&] {
    usleep(100000);
    SendTo(e.fd.get(), "later", 5, closed);
  });
  uint8_t buf[8];
  ipv4_extended_error err;
  int64_t t0 = ipv4_monotonic_ns();
  EXPECT_EQ(5, ipv4_packet_conn_read_error(&e.c, buf, sizeof(buf), &err,
                                           nullptr, nullptr));
  EXPECT_GE(ipv4_monotonic_ns() - t0, kSec / 20);  // it did wait
  sender.join();
  EXPECT_EQ(static_cast<uint32_t>(ECONNREFUSED), err.ee_errno);
}

TEST(ReadError, NonBlockingDescriptorWithoutDeadlineDoesNotWait) {
  ErrConn e;
  ipv4_packet_conn_set_read_deadline(&e.c, 0);
  ASSERT_EQ(0, fcntl(e.fd.get(), F_SETFL, O_NONBLOCK));
  uint8_t buf[8];
  ipv4_extended_error err;
  int64_t t0 = ipv4_monotonic_ns();
  EXPECT_EQ(-EAGAIN, ipv4_packet_conn_read_error(&e.c, buf, sizeof(buf), &err,
                                                 nullptr, nullptr));
  EXPECT_LT(ipv4_monotonic_ns() - t0, kSec / 20);
}

TEST(ReadError, BadInput) {
  ErrConn e;
  uint8_t buf[8];
  ipv4_extended_error err;
  memset(&err, 0xee, sizeof(err));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_read_error(nullptr, buf, sizeof(buf),
                                                     &err, nullptr, nullptr));
  EXPECT_EQ(0u, err.ee_errno);  // zeroed even so
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_read_error(&e.c, buf, sizeof(buf), nullptr,
                                        nullptr, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_read_error(&e.c, nullptr, 8, &err,
                                                     nullptr, nullptr));
  ipv4_packet_conn closed{};
  closed.fd = -1;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_read_error(&closed, buf, sizeof(buf),
                                                     &err, nullptr, nullptr));
}

}  // namespace
