/* SPDX-License-Identifier: BSD-3-Clause */
// UDP segmentation offload: one write leaving as several datagrams (GSO),
// and several datagrams arriving as one read with their segment size
// (GRO). Skipped with a message where the kernel lacks them.
#include "ipv4/io.h"

#include <errno.h>
#include <gtest/gtest.h>

#include <vector>

#include "shim/shim_testing.h"

using shim_testing::EnableControl;
using shim_testing::Fd;
using shim_testing::Pending;
using shim_testing::RawSocket;
using UdpPair = shim_testing::UdpConnPair;

namespace {

std::vector<uint8_t> Pattern(size_t n) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; i++) v[i] = static_cast<uint8_t>(i);
  return v;
}

// ExpectSegments reads datagrams of the given sizes carrying payload in order.
void ExpectSegments(UdpPair& p, const std::vector<uint8_t>& payload,
                    const std::vector<size_t>& sizes) {
  size_t off = 0;
  for (size_t want : sizes) {
    uint8_t buf[2048];
    ASSERT_EQ(static_cast<int>(want),
              ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), nullptr,
                                         nullptr));
    EXPECT_EQ(0, memcmp(buf, payload.data() + off, want));
    off += want;
  }
  EXPECT_FALSE(Pending(p.rx.get()));
}

// HasGso probes the kernel; a probe that fails otherwise fails the test.
bool HasGso(const ipv4_packet_conn* c) {
  int probe = ipv4_packet_conn_gso_supported(c);
  EXPECT_TRUE(probe == 0 || probe == -EOPNOTSUPP) << probe;
  return probe == 0;
}

TEST(Gso, ControlMessageCutsOneWriteIntoSegments) {
  UdpPair p;
  if (!HasGso(&p.tconn)) GTEST_SKIP() << "kernel has no UDP GSO";
  std::vector<uint8_t> payload = Pattern(250);
  ipv4_control_message cm{};
  cm.flags = IPV4_FLAG_GSO;
  cm.gso_size = 100;
  ASSERT_EQ(250, ipv4_packet_conn_write_to(&p.tconn, payload.data(),
                                           payload.size(), &cm, &p.rx_addr));
  ExpectSegments(p, payload, {100, 100, 50});
}

TEST(Gso, SocketOptionCutsEveryWrite) {
  UdpPair p;
  if (!HasGso(&p.tconn)) GTEST_SKIP() << "kernel has no UDP GSO";
  ASSERT_EQ(0, ipv4_packet_conn_set_gso_size(&p.tconn, 64));
  std::vector<uint8_t> payload = Pattern(130);
  ASSERT_EQ(130,
            ipv4_packet_conn_write_to(&p.tconn, payload.data(), payload.size(),
                                      nullptr, &p.rx_addr));
  ExpectSegments(p, payload, {64, 64, 2});
  ASSERT_EQ(0, ipv4_packet_conn_set_gso_size(&p.tconn, 0));
  ASSERT_EQ(130,
            ipv4_packet_conn_write_to(&p.tconn, payload.data(), payload.size(),
                                      nullptr, &p.rx_addr));
  ExpectSegments(p, payload, {130});
}

TEST(Gro, CoalescedReadCarriesTheSegmentSize) {
  UdpPair p;
  if (!HasGso(&p.tconn)) GTEST_SKIP() << "kernel has no UDP GSO";
  if (!EnableControl(&p.rconn, IPV4_FLAG_GRO))
    GTEST_SKIP() << "kernel has no UDP GRO";
  std::vector<uint8_t> payload = Pattern(300);
  ipv4_control_message cm{};
  cm.flags = IPV4_FLAG_GSO;
  cm.gso_size = 100;
  ASSERT_EQ(300, ipv4_packet_conn_write_to(&p.tconn, payload.data(),
                                           payload.size(), &cm, &p.rx_addr));
  uint8_t buf[2048];
  ipv4_control_message got;
  ASSERT_EQ(300, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &got,
                                            nullptr));
  EXPECT_EQ(0, memcmp(buf, payload.data(), 300));
  ASSERT_NE(0u, got.flags & IPV4_FLAG_GRO);
  EXPECT_EQ(100, got.gro_size);
}

TEST(Gso, RawSocketHasNoUdpSegmentation) {
  Fd raw(RawSocket(253));
  if (raw.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  ipv4_packet_conn c;
  ASSERT_EQ(0, ipv4_packet_conn_init(&c, raw.get()));
  EXPECT_EQ(-EOPNOTSUPP, ipv4_packet_conn_gso_supported(&c));
  EXPECT_EQ(-EOPNOTSUPP, ipv4_packet_conn_set_gso_size(&c, 100));
  ipv4_control_message cm{};
  cm.flags = IPV4_FLAG_GSO;
  cm.gso_size = 4;
  sockaddr_in dst = shim_testing::Loopback(0);
  EXPECT_EQ(-EOPNOTSUPP, ipv4_packet_conn_write_to(
                             &c, reinterpret_cast<const uint8_t*>("12345678"),
                             8, &cm, &dst));
}

TEST(Gso, BadInput) {
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_gso_supported(nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_gso_size(nullptr, 100));
  ipv4_packet_conn closed{};
  closed.fd = -1;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_gso_supported(&closed));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_gso_size(&closed, 100));
}

}  // namespace
