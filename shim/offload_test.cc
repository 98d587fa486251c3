/* SPDX-License-Identifier: BSD-3-Clause */
// Batch offload over loopback: write_batch coalescing runs into GSO
// datagrams that arrive as the datagrams the caller asked for, and
// read_batch splitting GRO datagrams into their segments, with what stays
// pending for the next call. Skipped with a message where the kernel lacks
// GSO or GRO.
#include "ipv4/io.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <thread>
#include <vector>

#include "ipv4/sockopt.h"
#include "shim/shim_testing.h"

using shim_testing::Fd;
using shim_testing::Pending;
using UdpPair = shim_testing::UdpConnPair;

namespace {

// Space is an aligned split space of room for n datagrams.
struct Space {
  explicit Space(size_t n)
      : len(ipv4_batch_split_space(n)), p(aligned_alloc(64, Round(len))) {}
  ~Space() { free(p); }
  static size_t Round(size_t n) { return (n + 63) / 64 * 64; }
  size_t len;
  void* p;
};

// Msgs is a batch of n messages with buf_len bytes of buffer each, filled
// with a pattern that names the message and the byte.
struct Msgs {
  Msgs(size_t n, size_t buf_len)
      : data(n * buf_len), iov(n), oob(n * 64), ms(n) {
    for (size_t i = 0; i < n; i++) {
      iov[i] = {data.data() + i * buf_len, buf_len};
      ms[i] = ipv4_message{};
      ms[i].buffers = &iov[i];
      ms[i].num_buffers = 1;
    }
  }
  void Send(const std::vector<size_t>& lens, const sockaddr_in& to) {
    for (size_t i = 0; i < lens.size(); i++) {
      iov[i].iov_len = lens[i];
      for (size_t b = 0; b < lens[i]; b++) {
        static_cast<uint8_t*>(iov[i].iov_base)[b] =
            static_cast<uint8_t>(i * 7 + b);
      }
      ms[i].addr = to;
    }
  }
  void WithOob() {
    for (size_t i = 0; i < ms.size(); i++) {
      ms[i].oob = oob.data() + i * 64;
      ms[i].oob_len = 64;
    }
  }
  std::vector<uint8_t> data;
  std::vector<iovec> iov;
  std::vector<uint8_t> oob;
  std::vector<ipv4_message> ms;
};

bool HasGso(const ipv4_packet_conn* c) {
  return ipv4_packet_conn_gso_supported(c) == 0;
}

// ReadPlain reads one datagram with recv and checks it is message i of
// lens, byte for byte.
void ExpectDatagram(int fd, size_t i, size_t len) {
  uint8_t buf[70000];
  ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
  ASSERT_EQ(static_cast<ssize_t>(len), n) << "message " << i;
  for (size_t b = 0; b < len; b++) {
    ASSERT_EQ(static_cast<uint8_t>(i * 7 + b), buf[b])
        << "message " << i << " byte " << b;
  }
}

TEST(Offload, SetUpRefusesBadArguments) {
  UdpPair p;
  ASSERT_TRUE(p.ok());
  Space s(1);
  alignas(8) static uint8_t small[64];
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_batch_offload(nullptr, 0, nullptr, 0));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_batch_offload(&p.rconn, 4, nullptr, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_batch_offload(
                             &p.rconn, IPV4_BATCH_SPLIT, nullptr, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_batch_offload(
                             &p.rconn, IPV4_BATCH_SPLIT, small, sizeof(small)));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_batch_offload(
                             &p.rconn, IPV4_BATCH_SPLIT,
                             static_cast<uint8_t*>(s.p) + 1, s.len - 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_batch_offload(
                             &p.rconn, IPV4_BATCH_COALESCE, s.p, s.len));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_batch_offload(nullptr));
  ipv4_packet_conn closed{};
  closed.fd = -1;
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_batch_offload(&closed, 0, nullptr, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_batch_offload(&closed));
  EXPECT_EQ(0, ipv4_packet_conn_batch_offload(&p.rconn));
}

TEST(Offload, SpaceIsSizedPerDatagramWithinLimits) {
  size_t one = ipv4_batch_split_space(1);
  EXPECT_GT(one, 65536u);
  EXPECT_EQ(one, ipv4_batch_split_space(0));
  EXPECT_GT(ipv4_batch_split_space(2), one + 65535);
  EXPECT_EQ(ipv4_batch_split_space(IPV4_BATCH_SPLIT_MAX),
            ipv4_batch_split_space(IPV4_BATCH_SPLIT_MAX + 1));
}

TEST(Offload, RawSocketHasNoOffload) {
  Fd raw(shim_testing::RawSocket(253));
  if (raw.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  ipv4_packet_conn c;
  ASSERT_EQ(0, ipv4_packet_conn_init(&c, raw.get()));
  EXPECT_EQ(-EOPNOTSUPP, ipv4_packet_conn_set_batch_offload(
                             &c, IPV4_BATCH_COALESCE, nullptr, 0));
  EXPECT_EQ(0, ipv4_packet_conn_set_batch_offload(&c, 0, nullptr, 0));
}

TEST(Coalesce, MixedBatchArrivesAsTheDatagramsAsked) {
  UdpPair p;
  if (!HasGso(&p.tconn)) GTEST_SKIP() << "kernel has no UDP GSO";
  sockaddr_in other;
  Fd rx2(shim_testing::LoopbackUdp(&other));
  ASSERT_EQ(0, ipv4_packet_conn_set_batch_offload(&p.tconn, IPV4_BATCH_COALESCE,
                                                  nullptr, 0));
  EXPECT_EQ(static_cast<int>(IPV4_BATCH_COALESCE),
            ipv4_packet_conn_batch_offload(&p.tconn));
  // Runs: 3x100 + 40 (one), 1x100 alone (other destination), 5x1400,
  // 0 alone, 2x64 then 65 (longer: next run), 1 alone.
  std::vector<size_t> lens = {100,  100,  100, 40, 100, 1400, 1400, 1400,
                              1400, 1400, 0,   64, 64,  65,   1};
  Msgs m(lens.size(), 2048);
  m.Send(lens, p.rx_addr);
  m.ms[4].addr = other;
  ASSERT_EQ(
      static_cast<int>(lens.size()),
      ipv4_packet_conn_write_batch(&p.tconn, m.ms.data(), m.ms.size(), 0));
  for (size_t i = 0; i < lens.size(); i++) {
    EXPECT_EQ(lens[i], m.ms[i].n) << i;
    EXPECT_EQ(lens[i], m.ms[i].datagram_len) << i;
    if (i == 4) continue;
    ExpectDatagram(p.rx.get(), i, lens[i]);
  }
  ExpectDatagram(rx2.get(), 4, 100);
  EXPECT_FALSE(Pending(p.rx.get()));
}

// A receiver with UDP_GRO but no splitting sees the GSO datagrams
// themselves: proof that the runs left as one each.
TEST(Coalesce, RunLeavesAsOneGsoDatagram) {
  UdpPair p;
  if (!HasGso(&p.tconn)) GTEST_SKIP() << "kernel has no UDP GSO";
  if (!shim_testing::EnableControl(&p.rconn, IPV4_FLAG_GRO))
    GTEST_SKIP() << "no UDP GRO";
  ASSERT_EQ(0, ipv4_packet_conn_set_batch_offload(&p.tconn, IPV4_BATCH_COALESCE,
                                                  nullptr, 0));
  std::vector<size_t> lens = {100, 100, 100, 30, 64, 64};
  Msgs m(lens.size(), 2048);
  m.Send(lens, p.rx_addr);
  ASSERT_EQ(
      6, ipv4_packet_conn_write_batch(&p.tconn, m.ms.data(), m.ms.size(), 0));
  uint8_t buf[4096];
  ipv4_control_message cm;
  ASSERT_EQ(330, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &cm,
                                            nullptr));
  EXPECT_EQ(100, cm.gro_size);
  EXPECT_EQ(buf[100], static_cast<uint8_t>(7));
  ASSERT_EQ(128, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &cm,
                                            nullptr));
  EXPECT_EQ(64, cm.gro_size);
  EXPECT_EQ(static_cast<int>(IPV4_BATCH_COALESCE),
            ipv4_packet_conn_batch_offload(&p.tconn));
}

TEST(Coalesce, ManyMessagesTakeSeveralChunks) {
  UdpPair p;
  if (!HasGso(&p.tconn)) GTEST_SKIP() << "kernel has no UDP GSO";
  ASSERT_TRUE(
      shim_testing::SetIntOption(p.rx.get(), SOL_SOCKET, SO_RCVBUF, 4 << 20));
  ASSERT_EQ(0, ipv4_packet_conn_set_batch_offload(&p.tconn, IPV4_BATCH_COALESCE,
                                                  nullptr, 0));
  // 600 messages of 64 bytes: 10 GSO datagrams of 64 and more iovecs than
  // one chunk holds.
  std::vector<size_t> lens(600, 64);
  Msgs m(lens.size(), 64);
  m.Send(lens, p.rx_addr);
  ASSERT_EQ(
      600, ipv4_packet_conn_write_batch(&p.tconn, m.ms.data(), m.ms.size(), 0));
  for (size_t i = 0; i < lens.size(); i++) ExpectDatagram(p.rx.get(), i, 64);
  EXPECT_FALSE(Pending(p.rx.get()));
}

TEST(Coalesce, ControlDataGoesWithEverySegment) {
  UdpPair p;
  if (!HasGso(&p.tconn)) GTEST_SKIP() << "kernel has no UDP GSO";
  ASSERT_TRUE(shim_testing::EnableControl(&p.rconn, IPV4_FLAG_TTL));
  ASSERT_EQ(0, ipv4_packet_conn_set_batch_offload(&p.tconn, IPV4_BATCH_COALESCE,
                                                  nullptr, 0));
  std::vector<size_t> lens(4, 50);
  Msgs m(lens.size(), 64);
  m.Send(lens, p.rx_addr);
  ipv4_control_message cm{};
  cm.flags = IPV4_FLAG_TTL;
  cm.ttl = 9;
  alignas(8) uint8_t oob[64];
  size_t len = 0;
  ASSERT_EQ(0, ipv4_control_message_marshal(&cm, IPV4_FLAG_TTL,
                                            IPV4_CMSG_FORMAT_LINUX, oob,
                                            sizeof(oob), &len));
  for (auto& msg : m.ms) {
    msg.oob = oob;
    msg.oob_len = len;
  }
  ASSERT_EQ(4, ipv4_packet_conn_write_batch(&p.tconn, m.ms.data(), 4, 0));
  for (int i = 0; i < 4; i++) {
    uint8_t buf[64];
    ipv4_control_message got;
    ASSERT_EQ(50, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &got,
                                             nullptr));
    EXPECT_EQ(9, got.ttl);
    EXPECT_EQ(0u, got.flags & IPV4_FLAG_GRO);
  }
}

// SplitPair is a pair whose receiver splits, with room for n datagrams.
struct SplitPair : UdpPair {
  explicit SplitPair(size_t n) : space(n) {
    ok_split = ipv4_packet_conn_set_batch_offload(&rconn, IPV4_BATCH_SPLIT,
                                                  space.p, space.len);
    gro = ipv4_packet_conn_batch_offload(&rconn) ==
          static_cast<int>(IPV4_BATCH_SPLIT);
  }
  // SendGso sends len bytes of pattern as one datagram cut into seg-byte segments.
  void SendGso(size_t len, uint16_t seg, uint8_t seed) {
    std::vector<uint8_t> b(len);
    for (size_t i = 0; i < len; i++)
      b[i] = static_cast<uint8_t>(seed + i / seg * 3 + i % seg);
    ipv4_control_message cm{};
    cm.flags = IPV4_FLAG_GSO;
    cm.gso_size = seg;
    ASSERT_EQ(
        static_cast<int>(len),
        ipv4_packet_conn_write_to(&tconn, b.data(), b.size(), &cm, &rx_addr));
  }
  Space space;
  int ok_split;
  bool gro;
};

// ExpectSegment checks message m holds segment k (len bytes) of a SendGso.
void ExpectSegment(const ipv4_message& m, size_t k, size_t len, uint16_t seg,
                   uint8_t seed) {
  ASSERT_EQ(len, m.datagram_len) << "segment " << k;
  ASSERT_EQ(len, m.n) << "segment " << k;
  const uint8_t* d = static_cast<const uint8_t*>(m.buffers[0].iov_base);
  for (size_t i = 0; i < len; i++) {
    ASSERT_EQ(static_cast<uint8_t>(seed + k * 3 + i), d[i])
        << "segment " << k << " byte " << i;
    (void)seg;
  }
}

TEST(Split, GluedDatagramComesOutAsItsSegments) {
  SplitPair p(4);
  ASSERT_EQ(0, p.ok_split);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  p.SendGso(250, 100, 1);
  Msgs m(8, 2048);
  ASSERT_EQ(3, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 8, 0));
  ExpectSegment(m.ms[0], 0, 100, 100, 1);
  ExpectSegment(m.ms[1], 1, 100, 100, 1);
  ExpectSegment(m.ms[2], 2, 50, 100, 1);
  for (int i = 0; i < 3; i++) {
    EXPECT_EQ(0, m.ms[i].flags);
    EXPECT_EQ(p.tx_addr.sin_port, m.ms[i].addr.sin_port);
  }
}

TEST(Split, SegmentsBeyondTheBatchComeNextWithoutWaiting) {
  SplitPair p(2);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  p.SendGso(1000, 100, 5);
  Msgs m(3, 2048);
  ASSERT_EQ(3, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, 0));
  ExpectSegment(m.ms[2], 2, 100, 100, 5);
  EXPECT_FALSE(Pending(p.rx.get()));
  // No deadline, a blocking socket: the pending segments must come at once.
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, 0));
  int64_t t0 = ipv4_monotonic_ns();
  ASSERT_EQ(3, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, 0));
  ExpectSegment(m.ms[0], 3, 100, 100, 5);
  ExpectSegment(m.ms[2], 5, 100, 100, 5);
  ASSERT_EQ(3, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, 0));
  ASSERT_EQ(1, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, 0));
  ExpectSegment(m.ms[0], 9, 100, 100, 5);
  EXPECT_LT(ipv4_monotonic_ns() - t0, 1000000000LL);
  // Nothing left: the next read waits, and a non-blocking one says so.
  EXPECT_EQ(-EAGAIN, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3,
                                                 MSG_DONTWAIT));
}

TEST(Split, PendingSegmentsAndNewDatagramsFillOneBatch) {
  SplitPair p(4);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  p.SendGso(300, 100, 7);
  Msgs m(8, 2048);
  ASSERT_EQ(2, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 2, 0));
  p.SendGso(200, 50, 9);
  ASSERT_EQ(5, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 8, 0));
  ExpectSegment(m.ms[0], 2, 100, 100, 7);
  ExpectSegment(m.ms[1], 0, 50, 50, 9);
  ExpectSegment(m.ms[4], 3, 50, 50, 9);
}

// Segments of a long glued datagram come out whole, into one buffer or
// scattered over two.
TEST(Split, LongSegmentsComeOutWholeIntoOneBufferOrTwo) {
  SplitPair p(2);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  p.SendGso(4200, 1400, 11);
  Msgs m(3, 2048);
  ASSERT_EQ(3, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, 0));
  for (size_t k = 0; k < 3; k++) ExpectSegment(m.ms[k], k, 1400, 1400, 11);
  p.SendGso(4200, 1400, 13);
  std::vector<uint8_t> a(3 * 700), b(3 * 700);
  std::vector<iovec> two(6);
  for (size_t k = 0; k < 3; k++) {
    two[2 * k] = {a.data() + k * 700, 700};
    two[2 * k + 1] = {b.data() + k * 700, 700};
    m.ms[k].buffers = &two[2 * k];
    m.ms[k].num_buffers = 2;
  }
  ASSERT_EQ(3, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, 0));
  for (size_t k = 0; k < 3; k++) {
    ASSERT_EQ(1400u, m.ms[k].n);
    for (size_t i = 0; i < 1400; i++) {
      uint8_t got = i < 700 ? a[k * 700 + i] : b[k * 700 + i - 700];
      ASSERT_EQ(static_cast<uint8_t>(13 + k * 3 + i), got)
          << "segment " << k << " byte " << i;
    }
  }
}

TEST(Split, ShortBufferIsCutAndSaysSo) {
  SplitPair p(1);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  p.SendGso(300, 100, 3);
  Msgs m(3, 60);
  ASSERT_EQ(3, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, 0));
  for (int i = 0; i < 3; i++) {
    EXPECT_EQ(60u, m.ms[i].n);
    EXPECT_EQ(100u, m.ms[i].datagram_len);
    EXPECT_NE(0, m.ms[i].flags & MSG_TRUNC);
    EXPECT_EQ(static_cast<uint8_t>(3 + i * 3), m.data[i * 60]);
  }
}

TEST(Split, ControlDataWithoutTheGroItemGoesWithEachSegment) {
  SplitPair p(2);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  ASSERT_TRUE(
      shim_testing::EnableControl(&p.rconn, IPV4_FLAG_TTL | IPV4_FLAG_DST));
  p.SendGso(200, 100, 3);
  Msgs m(2, 2048);
  m.WithOob();
  ASSERT_EQ(2, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 2, 0));
  for (int i = 0; i < 2; i++) {
    ipv4_control_message cm;
    ASSERT_EQ(0, ipv4_control_message_parse(
                     &cm, static_cast<const uint8_t*>(m.ms[i].oob), m.ms[i].nn,
                     IPV4_CMSG_FORMAT_LINUX));
    EXPECT_NE(0u, cm.flags & IPV4_FLAG_TTL);
    EXPECT_NE(0u, cm.flags & IPV4_FLAG_DST);
    EXPECT_EQ(0u, cm.flags & IPV4_FLAG_GRO);
    EXPECT_EQ(0, m.ms[i].flags);
  }
}

TEST(Split, ControlRoomTooSmallKeepsWholeItemsAndSaysSo) {
  SplitPair p(1);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  ASSERT_TRUE(
      shim_testing::EnableControl(&p.rconn, IPV4_FLAG_TTL | IPV4_FLAG_DST));
  p.SendGso(200, 100, 3);
  Msgs m(2, 2048);
  m.WithOob();
  for (auto& msg : m.ms)
    msg.oob_len = CMSG_SPACE(sizeof(int));  // room for the TTL only
  ASSERT_EQ(2, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 2, 0));
  for (int i = 0; i < 2; i++) {
    EXPECT_NE(0, m.ms[i].flags & MSG_CTRUNC);
    EXPECT_LE(m.ms[i].nn, CMSG_SPACE(sizeof(int)));
    ipv4_control_message cm;
    EXPECT_EQ(0, ipv4_control_message_parse(
                     &cm, static_cast<const uint8_t*>(m.ms[i].oob), m.ms[i].nn,
                     IPV4_CMSG_FORMAT_LINUX));
  }
}

TEST(Split, PlainDatagramsPassUnchanged) {
  SplitPair p(4);
  if (!p.gro) GTEST_SKIP() << "kernel has no UDP GRO";
  for (int i = 0; i < 6; i++) {
    std::vector<uint8_t> b(static_cast<size_t>(10 + i),
                           static_cast<uint8_t>(i));
    ASSERT_TRUE(
        shim_testing::SendTo(p.tx.get(), b.data(), b.size(), p.rx_addr));
  }
  Msgs m(6, 2048);
  ASSERT_EQ(6, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 6, 0));
  for (int i = 0; i < 6; i++) {
    EXPECT_EQ(static_cast<size_t>(10 + i), m.ms[i].datagram_len);
    EXPECT_EQ(static_cast<uint8_t>(i), m.data[static_cast<size_t>(i) * 2048]);
  }
}

TEST(Split, EmptyDatagramIsOneEmptyMessage) {
  SplitPair p(1);
  if (!p.gro) GTEST_SKIP() << "kernel has no UDP GRO";
  ASSERT_TRUE(shim_testing::SendTo(p.tx.get(), "", 0, p.rx_addr));
  ASSERT_TRUE(shim_testing::SendTo(p.tx.get(), "x", 1, p.rx_addr));
  Msgs m(2, 16);
  ASSERT_EQ(2, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 2, 0));
  EXPECT_EQ(0u, m.ms[0].datagram_len);
  EXPECT_EQ(1u, m.ms[1].datagram_len);
}

TEST(Split, PastDeadlineKeepsPendingSegments) {
  SplitPair p(1);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  p.SendGso(300, 100, 3);
  Msgs m(3, 2048);
  ASSERT_EQ(1, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 1, 0));
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, 1));
  EXPECT_EQ(IPV4_ETIMEOUT,
            ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, 0));
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, 0));
  ASSERT_EQ(
      2, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, MSG_DONTWAIT));
  ExpectSegment(m.ms[0], 1, 100, 100, 3);
}

int64_t ThreadCpuNs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// A split read with nothing pending waits in poll, not in a loop: 300 ms
// of waiting cost under 5% of that in CPU time, and end at the deadline.
TEST(Split, WaitingForADeadlineSpendsNoCpu) {
  SplitPair p(2);
  if (!p.gro) GTEST_SKIP() << "kernel has no UDP GRO";
  Msgs m(2, 64);
  int64_t t0 = ipv4_monotonic_ns();
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, t0 + 300000000LL));
  int64_t cpu0 = ThreadCpuNs();
  EXPECT_EQ(IPV4_ETIMEOUT,
            ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 2, 0));
  int64_t waited = ipv4_monotonic_ns() - t0;
  EXPECT_GE(waited, 300000000LL);
  EXPECT_LT(ThreadCpuNs() - cpu0, 15000000LL) << "waited " << waited << " ns";
}

// A bad message anywhere refuses the whole batch before anything is sent,
// with coalescing as without.
TEST(Coalesce, BadMessageRefusesTheWholeBatch) {
  UdpPair p;
  if (!HasGso(&p.tconn)) GTEST_SKIP() << "kernel has no UDP GSO";
  ASSERT_EQ(0, ipv4_packet_conn_set_batch_offload(&p.tconn, IPV4_BATCH_COALESCE,
                                                  nullptr, 0));
  std::vector<size_t> lens(8, 100);
  Msgs m(lens.size(), 128);
  m.Send(lens, p.rx_addr);
  m.ms[6].addr.sin_family = AF_INET6;
  EXPECT_EQ(-EAFNOSUPPORT,
            ipv4_packet_conn_write_batch(&p.tconn, m.ms.data(), 8, 0));
  m.ms[6].addr.sin_family = AF_INET;
  m.ms[7].oob_len = 8;  // oob NULL with a length
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_write_batch(&p.tconn, m.ms.data(), 8, 0));
  EXPECT_FALSE(Pending(p.rx.get()));
}

TEST(Split, PeekIsRefused) {
  SplitPair p(1);
  if (!p.gro) GTEST_SKIP() << "kernel has no UDP GRO";
  Msgs m(1, 64);
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 1, MSG_PEEK));
}

// The error queue is read around the split space: its entries come as
// without splitting, and the pending segments stay for the next read.
TEST(Split, ErrorQueueReadLeavesPendingSegments) {
  SplitPair p(1);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  ASSERT_TRUE(shim_testing::EnableControl(&p.rconn, IPV4_FLAG_EXTENDED_ERROR));
  p.SendGso(300, 100, 3);
  Msgs m(3, 2048);
  m.WithOob();
  ASSERT_EQ(1, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 1, 0));
  sockaddr_in closed{};
  { Fd gone(shim_testing::LoopbackUdp(&closed)); }
  ASSERT_TRUE(shim_testing::SendTo(p.rx.get(), "probe", 5, closed));
  pollfd pf = {p.rx.get(), 0, 0};
  ASSERT_EQ(1, poll(&pf, 1, 5000));
  ASSERT_NE(0, pf.revents & POLLERR);
  ASSERT_EQ(1, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3,
                                           MSG_ERRQUEUE | MSG_DONTWAIT));
  EXPECT_NE(0, m.ms[0].flags & MSG_ERRQUEUE);
  EXPECT_EQ(5u, m.ms[0].datagram_len);
  EXPECT_EQ(0, memcmp(m.data.data(), "probe", 5));
  ipv4_control_message cm;
  ASSERT_EQ(0, ipv4_control_message_parse(
                   &cm, static_cast<const uint8_t*>(m.ms[0].oob), m.ms[0].nn,
                   IPV4_CMSG_FORMAT_LINUX));
  EXPECT_EQ(static_cast<uint32_t>(ECONNREFUSED), cm.error.ee_errno);
  ASSERT_EQ(
      2, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, MSG_DONTWAIT));
  ExpectSegment(m.ms[0], 1, 100, 100, 3);
  ExpectSegment(m.ms[1], 2, 100, 100, 3);
}

TEST(Split, TurningOffWithSegmentsPendingIsBusy) {
  SplitPair p(1);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  p.SendGso(200, 100, 3);
  Msgs m(1, 2048);
  ASSERT_EQ(1, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 1, 0));
  EXPECT_EQ(-EBUSY,
            ipv4_packet_conn_set_batch_offload(&p.rconn, 0, nullptr, 0));
  Space other(1);
  EXPECT_EQ(-EBUSY, ipv4_packet_conn_set_batch_offload(
                        &p.rconn, IPV4_BATCH_SPLIT, other.p, other.len));
  ASSERT_EQ(1, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 1, 0));
  EXPECT_EQ(0, ipv4_packet_conn_set_batch_offload(&p.rconn, 0, nullptr, 0));
  EXPECT_EQ(0, ipv4_packet_conn_batch_offload(&p.rconn));
  // UDP_GRO went off with it: a glued send now arrives as plain datagrams.
  p.SendGso(200, 100, 3);
  ASSERT_EQ(1, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 1, 0));
  EXPECT_EQ(100u, m.ms[0].datagram_len);
}

// The same space given again with a shorter length is used only up to
// that length: datagrams received later leave the bytes past it alone.
TEST(Split, SameSpaceWithAShorterLengthStaysWithinIt) {
  SplitPair p(4);
  if (!p.gro) GTEST_SKIP() << "kernel has no UDP GRO";
  size_t one = ipv4_batch_split_space(1);
  ASSERT_EQ(0, ipv4_packet_conn_set_batch_offload(&p.rconn, IPV4_BATCH_SPLIT,
                                                  p.space.p, one));
  uint8_t* past = static_cast<uint8_t*>(p.space.p) + one;
  memset(past, 0xa5, p.space.len - one);
  for (int i = 0; i < 4; i++) {
    std::vector<uint8_t> b(1000, static_cast<uint8_t>(i));
    ASSERT_TRUE(
        shim_testing::SendTo(p.tx.get(), b.data(), b.size(), p.rx_addr));
  }
  Msgs m(4, 2048);
  int got = 0;
  while (got < 4) {
    int rc =
        ipv4_packet_conn_read_batch(&p.rconn, m.ms.data() + got, 4 - got, 0);
    ASSERT_GT(rc, 0);
    got += rc;
  }
  for (int i = 0; i < 4; i++) {
    EXPECT_EQ(1000u, m.ms[i].datagram_len);
    EXPECT_EQ(static_cast<uint8_t>(i), m.data[static_cast<size_t>(i) * 2048]);
  }
  for (size_t i = 0; i < p.space.len - one; i++) {
    ASSERT_EQ(0xa5, past[i]) << "byte " << i << " past the declared length";
  }
}

// The space is the caller's memory: a slot count there beyond what the
// declared length holds (split.c keeps it in the head's second word) is
// not trusted, so a long batch receives into the declared room only.
TEST(Split, SlotCountInTheSpaceIsNotTrusted) {
  SplitPair p(1);
  if (!p.gro) GTEST_SKIP() << "kernel has no UDP GRO";
  static_cast<uint32_t*>(p.space.p)[1] = 1000;
  for (int i = 0; i < 3; i++) {
    std::vector<uint8_t> b(100, static_cast<uint8_t>(i));
    ASSERT_TRUE(
        shim_testing::SendTo(p.tx.get(), b.data(), b.size(), p.rx_addr));
  }
  Msgs m(IPV4_BATCH_SPLIT_MAX + 6, 128);
  int got = 0;
  while (got < 3) {
    int rc = ipv4_packet_conn_read_batch(&p.rconn, m.ms.data() + got,
                                         m.ms.size() - got, 0);
    ASSERT_GT(rc, 0);
    got += rc;
  }
  EXPECT_EQ(3, got);
  for (int i = 0; i < 3; i++) {
    EXPECT_EQ(100u, m.ms[i].datagram_len);
    EXPECT_EQ(static_cast<uint8_t>(i), m.data[static_cast<size_t>(i) * 128]);
  }
}

// With segments pending, the same space with a length that changes its
// room would move them: refused, and they stay.
TEST(Split, SameSpaceOtherRoomWithSegmentsPendingIsBusy) {
  SplitPair p(2);
  if (!HasGso(&p.tconn) || !p.gro)
    GTEST_SKIP() << "kernel has no UDP GSO or GRO";
  p.SendGso(300, 100, 3);
  Msgs m(3, 2048);
  ASSERT_EQ(1, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 1, 0));
  EXPECT_EQ(-EBUSY, ipv4_packet_conn_set_batch_offload(
                        &p.rconn, IPV4_BATCH_SPLIT, p.space.p,
                        ipv4_batch_split_space(1)));
  EXPECT_EQ(0, ipv4_packet_conn_set_batch_offload(&p.rconn, IPV4_BATCH_SPLIT,
                                                  p.space.p, p.space.len));
  ASSERT_EQ(2, ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 3, 0));
  ExpectSegment(m.ms[0], 1, 100, 100, 3);
  ExpectSegment(m.ms[1], 2, 100, 100, 3);
}

TEST(Split, SecondReaderIsBusyAndCloseWakesTheFirst) {
  SplitPair p(1);
  if (!p.gro) GTEST_SKIP() << "kernel has no UDP GRO";
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, 0));
  int first = 0;
  std::thread t([&] {
    Msgs m(1, 64);
    first = ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 1, 0);
  });
  Msgs m(1, 64);
  int second = 0;
  for (int i = 0; i < 200 && second != -EBUSY; i++) {
    usleep(5000);
    second =
        ipv4_packet_conn_read_batch(&p.rconn, m.ms.data(), 1, MSG_DONTWAIT);
  }
  EXPECT_EQ(-EBUSY, second);
  EXPECT_EQ(0, ipv4_packet_conn_close(&p.rconn));
  t.join();
  EXPECT_EQ(-EBADF, first);
  (void)p.rx.release();
}

}  // namespace
