/* SPDX-License-Identifier: BSD-3-Clause */
// ReadFrom and WriteTo of a packet connection on loopback: payloads,
// peers, control messages in both directions, truncation, bad input.
#include "ipv4/io.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <net/if.h>
#include <time.h>

#include <cstring>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "shim/shim_testing.h"

using shim_testing::EnableControl;
using shim_testing::Fd;
using shim_testing::Loopback;
using shim_testing::Pending;
using shim_testing::RawSocket;
using shim_testing::SendTo;
using shim_testing::SetIntOption;
using UdpPair = shim_testing::UdpConnPair;

namespace {

const uint8_t* Bytes(const char* s) {
  return reinterpret_cast<const uint8_t*>(s);
}

TEST(ReadFromWriteTo, RoundTripsPayloadAndSource) {
  UdpPair p;
  ASSERT_EQ(5, ipv4_packet_conn_write_to(&p.tconn, Bytes("hello"), 5, nullptr,
                                         &p.rx_addr));
  uint8_t buf[16];
  ipv4_control_message cm;
  sockaddr_in src;
  ASSERT_EQ(5,
            ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &cm, &src));
  EXPECT_EQ("hello", std::string(reinterpret_cast<char*>(buf), 5));
  EXPECT_EQ(AF_INET, src.sin_family);
  EXPECT_EQ(p.tx_addr.sin_addr.s_addr, src.sin_addr.s_addr);
  EXPECT_EQ(p.tx_addr.sin_port, src.sin_port);
  EXPECT_EQ(0u, cm.flags);  // nothing asked for, nothing parsed
  EXPECT_FALSE(cm.truncated);
}

TEST(ReadFromWriteTo, EmptyDatagramIsZeroBytes) {
  UdpPair p;
  ASSERT_EQ(
      0, ipv4_packet_conn_write_to(&p.tconn, nullptr, 0, nullptr, &p.rx_addr));
  EXPECT_EQ(0,
            ipv4_packet_conn_read_from(&p.rconn, nullptr, 0, nullptr, nullptr));
}

TEST(ReadFromWriteTo, ConnectedSocketNeedsNoDestination) {
  UdpPair p;
  ASSERT_EQ(0, connect(p.tx.get(), reinterpret_cast<sockaddr*>(&p.rx_addr),
                       sizeof(p.rx_addr)));
  ASSERT_EQ(3, ipv4_packet_conn_write_to(&p.tconn, Bytes("abc"), 3, nullptr,
                                         nullptr));
  uint8_t buf[8];
  EXPECT_EQ(3, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), nullptr,
                                          nullptr));
}

TEST(ReadFromControl, ReportsTtlTosDestinationAndInterface) {
  UdpPair p;
  ASSERT_TRUE(EnableControl(&p.rconn, IPV4_FLAG_TTL | IPV4_FLAG_TOS |
                                          IPV4_FLAG_DST | IPV4_FLAG_INTERFACE |
                                          IPV4_FLAG_SPEC_DST));
  ipv4_control_message send_cm{};
  send_cm.flags = IPV4_FLAG_TTL | IPV4_FLAG_TOS;
  send_cm.ttl = 33;
  send_cm.tos = 0x29;  // DSCP 10, ECN ECT(1)
  ASSERT_EQ(2, ipv4_packet_conn_write_to(&p.tconn, Bytes("cm"), 2, &send_cm,
                                         &p.rx_addr));
  uint8_t buf[8];
  ipv4_control_message cm;
  ASSERT_EQ(
      2, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &cm, nullptr));
  EXPECT_EQ(IPV4_FLAG_TTL | IPV4_FLAG_TOS | IPV4_FLAG_DST |
                IPV4_FLAG_INTERFACE | IPV4_FLAG_SPEC_DST,
            cm.flags & ~IPV4_FLAG_SRC);
  EXPECT_EQ(33, cm.ttl);
  EXPECT_EQ(0x29, cm.tos);
  EXPECT_EQ(htonl(INADDR_LOOPBACK), cm.dst.s_addr);
  EXPECT_EQ(htonl(INADDR_LOOPBACK), cm.spec_dst.s_addr);
  EXPECT_EQ(if_nametoindex("lo"), cm.ifindex);
  EXPECT_EQ(0u, cm.flags & IPV4_FLAG_SRC)
      << "the peer is not a source to send from";
  EXPECT_FALSE(cm.truncated);
}

TEST(ReadFromControl, ReportsOriginalDestinationAndTimestamp) {
  UdpPair p;
  ASSERT_TRUE(
      EnableControl(&p.rconn, IPV4_FLAG_ORIG_DST | IPV4_FLAG_TIMESTAMP));
  timespec before;
  clock_gettime(CLOCK_REALTIME, &before);
  ASSERT_TRUE(SendTo(p.tx.get(), "t", 1, p.rx_addr));
  uint8_t buf[8];
  ipv4_control_message cm;
  ASSERT_EQ(
      1, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &cm, nullptr));
  timespec after;
  clock_gettime(CLOCK_REALTIME, &after);
  ASSERT_EQ(IPV4_FLAG_ORIG_DST | IPV4_FLAG_TIMESTAMP, cm.flags);
  EXPECT_EQ(htonl(INADDR_LOOPBACK), cm.orig_dst.s_addr);
  EXPECT_EQ(ntohs(p.rx_addr.sin_port), cm.orig_dst_port);
  EXPECT_GE(cm.timestamp.sec, before.tv_sec);
  EXPECT_LE(cm.timestamp.sec, after.tv_sec);
}

TEST(ReadFromControl, EveryFlagFitsTheInternalBuffer) {
  UdpPair p;
  ASSERT_TRUE(EnableControl(&p.rconn, IPV4_FLAG_ALL & ~IPV4_FLAG_GSO));
  p.rconn.cm_flags = IPV4_FLAG_ALL;
  ASSERT_TRUE(SendTo(p.tx.get(), "all", 3, p.rx_addr));
  uint8_t buf[8];
  ipv4_control_message cm;
  ASSERT_EQ(
      3, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &cm, nullptr));
  EXPECT_FALSE(cm.truncated);
  EXPECT_NE(0u, cm.flags & IPV4_FLAG_TTL);
  EXPECT_NE(0u, cm.flags & IPV4_FLAG_TIMESTAMP);
  EXPECT_NE(0u, cm.flags & IPV4_FLAG_ORIG_DST);
  // (SO_RXQ_OVFL speaks only once something was dropped.)
}

TEST(ReadFromControl, ControlDataTheFlagsDidNotSizeIsReportedCut) {
  UdpPair p;
  // The kernel sends TTL and packet info; the connection made room for TTL.
  ASSERT_TRUE(EnableControl(&p.rconn, IPV4_FLAG_TTL | IPV4_FLAG_DST));
  p.rconn.cm_flags = IPV4_FLAG_TTL;
  ASSERT_TRUE(SendTo(p.tx.get(), "c", 1, p.rx_addr));
  uint8_t buf[8];
  ipv4_control_message cm;
  ASSERT_EQ(
      1, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &cm, nullptr));
  EXPECT_TRUE(cm.truncated);
  // And with no room at all.
  p.rconn.cm_flags = 0;
  ASSERT_TRUE(SendTo(p.tx.get(), "c", 1, p.rx_addr));
  ASSERT_EQ(
      1, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &cm, nullptr));
  EXPECT_TRUE(cm.truncated);
  EXPECT_EQ(0u, cm.flags);
}

TEST(ReadFromTruncation, CutDatagramIsNotASuccess) {
  UdpPair p;
  ASSERT_TRUE(EnableControl(&p.rconn, IPV4_FLAG_TTL));
  ASSERT_TRUE(SendTo(p.tx.get(), "0123456789", 10, p.rx_addr));
  ASSERT_TRUE(SendTo(p.tx.get(), "next", 4, p.rx_addr));
  uint8_t buf[4];
  ipv4_control_message cm;
  sockaddr_in src;
  ASSERT_EQ(IPV4_ETRUNC,
            ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &cm, &src));
  EXPECT_EQ(0, memcmp(buf, "0123", 4));
  EXPECT_EQ(p.tx_addr.sin_port, src.sin_port);  // outputs still filled
  EXPECT_NE(0u, cm.flags & IPV4_FLAG_TTL);
  // The rest of the cut datagram is gone; the next one is whole.
  ASSERT_EQ(4,
            ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &cm, &src));
  EXPECT_EQ(0, memcmp(buf, "next", 4));
  // A datagram into no buffer at all is cut too.
  ASSERT_TRUE(SendTo(p.tx.get(), "x", 1, p.rx_addr));
  EXPECT_EQ(IPV4_ETRUNC,
            ipv4_packet_conn_read_from(&p.rconn, nullptr, 0, nullptr, nullptr));
}

TEST(WriteToControl, PacketInfoChoosesSourceAddress) {
  UdpPair p;
  // An unbound-address sender: the source comes from IP_PKTINFO.
  Fd any(socket(AF_INET, SOCK_DGRAM, 0));
  sockaddr_in any_addr{};
  any_addr.sin_family = AF_INET;
  ASSERT_EQ(0, bind(any.get(), reinterpret_cast<sockaddr*>(&any_addr),
                    sizeof(any_addr)));
  ipv4_packet_conn c;
  ASSERT_EQ(0, ipv4_packet_conn_init(&c, any.get()));
  ipv4_control_message cm{};
  cm.flags = IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE;
  inet_pton(AF_INET, "127.0.0.2", &cm.src);
  cm.ifindex = if_nametoindex("lo");
  ASSERT_EQ(2, ipv4_packet_conn_write_to(&c, Bytes("pi"), 2, &cm, &p.rx_addr));
  uint8_t buf[8];
  sockaddr_in src;
  ASSERT_EQ(
      2, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), nullptr, &src));
  EXPECT_EQ(cm.src.s_addr, src.sin_addr.s_addr);
}

TEST(ReadFromWriteTo, TwoReadersShareTheDatagramsExactlyOnce) {
  UdpPair p;
  ASSERT_TRUE(SetIntOption(p.rx.get(), SOL_SOCKET, SO_RCVBUF, 1 << 20));
  constexpr int kCount = 200;
  std::set<int> seen[2];
  auto reader = [&](int r) {
    uint32_t v;
    while (ipv4_packet_conn_read_from(&p.rconn, reinterpret_cast<uint8_t*>(&v),
                                      sizeof(v), nullptr, nullptr) == 4) {
      if (v == UINT32_MAX) return;
      seen[r].insert(static_cast<int>(v));
    }
  };
  std::thread r0(reader, 0);
  std::thread r1(reader, 1);
  for (uint32_t i = 0; i < kCount; i++) {
    ASSERT_EQ(
        4, ipv4_packet_conn_write_to(&p.tconn, reinterpret_cast<uint8_t*>(&i),
                                     4, nullptr, &p.rx_addr));
  }
  uint32_t stop = UINT32_MAX;
  for (int i = 0; i < 2; i++) {
    ipv4_packet_conn_write_to(&p.tconn, reinterpret_cast<uint8_t*>(&stop), 4,
                              nullptr, &p.rx_addr);
  }
  r0.join();
  r1.join();
  std::set<int> all = seen[0];
  for (int v : seen[1]) EXPECT_TRUE(all.insert(v).second) << v << " read twice";
  EXPECT_EQ(static_cast<size_t>(kCount), all.size());
}

TEST(ReadFromBadInput, RejectsNullAndClosedConnections) {
  UdpPair p;
  uint8_t buf[4];
  ipv4_control_message cm;
  sockaddr_in src;
  memset(&cm, 0xee, sizeof(cm));
  memset(&src, 0xee, sizeof(src));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_read_from(nullptr, buf, sizeof(buf), &cm, &src));
  EXPECT_EQ(0u, cm.flags);  // outputs are defined after a failure
  EXPECT_EQ(0, src.sin_family);
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_read_from(&p.rconn, nullptr, 4, &cm, &src));
  ipv4_packet_conn closed{};
  closed.fd = -1;
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_read_from(&closed, buf, sizeof(buf), &cm, &src));
}

TEST(ReadFromBadInput, UnknownControlFlagIsRefusedBeforeReading) {
  UdpPair p;
  ASSERT_TRUE(SendTo(p.tx.get(), "f", 1, p.rx_addr));
  p.rconn.cm_flags = 0x80000000u;
  uint8_t buf[4];
  EXPECT_EQ(IPV4_ECMSGFLAG, ipv4_packet_conn_read_from(
                                &p.rconn, buf, sizeof(buf), nullptr, nullptr));
  EXPECT_TRUE(Pending(p.rx.get()));
}

TEST(ReadFromBadInput, DescriptorThatIsNotASocketIsTheKernelsError) {
  ipv4_packet_conn c{};
  c.fd = dup(0);
  uint8_t buf[4];
  EXPECT_EQ(-ENOTSOCK,
            ipv4_packet_conn_read_from(&c, buf, sizeof(buf), nullptr, nullptr));
  close(c.fd);
}

TEST(WriteToBadInput, RejectsWhatMustNotReachTheKernel) {
  UdpPair p;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_write_to(nullptr, Bytes("x"), 1,
                                                   nullptr, &p.rx_addr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_write_to(&p.tconn, nullptr, 1,
                                                   nullptr, &p.rx_addr));
  ipv4_packet_conn closed{};
  closed.fd = -1;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_write_to(&closed, Bytes("x"), 1,
                                                   nullptr, &p.rx_addr));

  sockaddr_in v6 = p.rx_addr;
  v6.sin_family = AF_INET6;
  EXPECT_EQ(-EAFNOSUPPORT,
            ipv4_packet_conn_write_to(&p.tconn, Bytes("x"), 1, nullptr, &v6));
  sockaddr_in unspec = p.rx_addr;
  unspec.sin_family = AF_UNSPEC;
  EXPECT_EQ(-EAFNOSUPPORT, ipv4_packet_conn_write_to(&p.tconn, Bytes("x"), 1,
                                                     nullptr, &unspec));

  ipv4_control_message cm{};
  cm.flags = IPV4_FLAG_DST;  // received-only
  EXPECT_EQ(IPV4_ECMSGFLAG, ipv4_packet_conn_write_to(&p.tconn, Bytes("x"), 1,
                                                      &cm, &p.rx_addr));
  cm.flags = IPV4_FLAG_INTERFACE;
  cm.ifindex = 0x80000000u;
  EXPECT_EQ(IPV4_EIFINDEX, ipv4_packet_conn_write_to(&p.tconn, Bytes("x"), 1,
                                                     &cm, &p.rx_addr));
  cm.flags = IPV4_FLAG_TTL;
  cm.ttl = 0;
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_write_to(&p.tconn, Bytes("x"), 1, &cm,
                                                   &p.rx_addr));
  usleep(10000);
  EXPECT_FALSE(Pending(p.rx.get())) << "a refused write sent something";
}

TEST(WriteToBadInput, UnconnectedSocketWithoutDestinationIsTheKernelsError) {
  UdpPair p;
  EXPECT_EQ(-EDESTADDRREQ, ipv4_packet_conn_write_to(&p.tconn, Bytes("x"), 1,
                                                     nullptr, nullptr));
}

// On a raw socket, ReadFrom returns what follows the header, as Go does.
TEST(ReadFromRaw, DropsTheHeaderAndItsOptions) {
  constexpr int kProto = 254;  // RFC 3692 experimentation (raw_test has 253)
  Fd rx(RawSocket(kProto));
  if (rx.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  Fd tx(RawSocket(kProto));
  ipv4_packet_conn c;
  ASSERT_EQ(0, ipv4_packet_conn_init(&c, rx.get()));
  ipv4_packet_conn_set_read_deadline(&c, ipv4_monotonic_ns() + 5000000000LL);
  sockaddr_in dst = Loopback(0);
  ASSERT_TRUE(SendTo(tx.get(), "plain", 5, dst));
  uint8_t buf[64];
  sockaddr_in src;
  ASSERT_EQ(5, ipv4_packet_conn_read_from(&c, buf, sizeof(buf), nullptr, &src));
  EXPECT_EQ(0, memcmp(buf, "plain", 5));
  EXPECT_EQ(htonl(INADDR_LOOPBACK), src.sin_addr.s_addr);
  // Options: four NOPs make a 24-byte header.
  const uint8_t nops[4] = {1, 1, 1, 1};
  ASSERT_EQ(0,
            setsockopt(tx.get(), IPPROTO_IP, IP_OPTIONS, nops, sizeof(nops)));
  ASSERT_TRUE(SendTo(tx.get(), "options", 7, dst));
  ASSERT_EQ(7,
            ipv4_packet_conn_read_from(&c, buf, sizeof(buf), nullptr, nullptr));
  EXPECT_EQ(0, memcmp(buf, "options", 7));
  // Options that do not fit leave no payload: cut, not malformed.
  ASSERT_TRUE(SendTo(tx.get(), "short", 5, dst));
  EXPECT_EQ(IPV4_ETRUNC,
            ipv4_packet_conn_read_from(&c, buf, 2, nullptr, nullptr));
  // A cut one still loses only its tail.
  ASSERT_TRUE(SendTo(tx.get(), "truncated", 9, dst));
  EXPECT_EQ(IPV4_ETRUNC,
            ipv4_packet_conn_read_from(&c, buf, 7, nullptr, nullptr));
  EXPECT_EQ(0, memcmp(buf, "tru", 3));
}

}  // namespace
