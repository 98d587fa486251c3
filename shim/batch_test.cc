/* SPDX-License-Identifier: BSD-3-Clause */
// ReadBatch and WriteBatch on loopback: every datagram arrives exactly
// once, truncation per message, partial batches, deadlines, bad input.
#include "ipv4/io.h"

#include <errno.h>
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "shim/shim_testing.h"

using shim_testing::EnableControl;
using shim_testing::Loopback;
using shim_testing::Pending;
using shim_testing::SendTo;
using shim_testing::SetIntOption;
using UdpPair = shim_testing::UdpConnPair;

namespace {

constexpr int64_t kSec = 1000000000LL;

// Slots is an array of messages, each with its own 4-byte buffer (and
// optionally a control buffer), ready to read into or to write from.
struct Slots {
  Slots(size_t n, size_t buf_len, size_t oob_len = 0)
      : msgs(n), iovs(n), bufs(n * buf_len), oobs(n * oob_len) {
    for (size_t i = 0; i < n; i++) {
      iovs[i] = {&bufs[i * buf_len], buf_len};
      msgs[i].buffers = &iovs[i];
      msgs[i].num_buffers = 1;
      msgs[i].oob = oob_len > 0 ? &oobs[i * oob_len] : nullptr;
      msgs[i].oob_len = oob_len;
    }
  }
  std::vector<ipv4_message> msgs;
  std::vector<iovec> iovs;
  std::vector<uint8_t> bufs;
  std::vector<uint8_t> oobs;
};

uint32_t Number(const ipv4_message& m) {
  uint32_t v;
  memcpy(&v, m.buffers[0].iov_base, sizeof(v));
  return v;
}

// RoundTrip writes n numbered datagrams in one WriteBatch, reads them back
// with ReadBatch and checks that each number arrives exactly once.
void RoundTrip(size_t n) {
  UdpPair p;
  // Each queued datagram costs about 1 KiB of receive buffer.
  if (!SetIntOption(p.rx.get(), SOL_SOCKET, SO_RCVBUFFORCE,
                    static_cast<int>(n * 2048 + 65536))) {
    ASSERT_TRUE(SetIntOption(p.rx.get(), SOL_SOCKET, SO_RCVBUF,
                             static_cast<int>(n * 2048)));
  }
  Slots out(n, 4);
  for (size_t i = 0; i < n; i++) {
    uint32_t v = static_cast<uint32_t>(i);
    memcpy(out.msgs[i].buffers[0].iov_base, &v, 4);
    out.msgs[i].addr = p.rx_addr;
  }
  ASSERT_EQ(static_cast<int>(n),
            ipv4_packet_conn_write_batch(&p.tconn, out.msgs.data(), n, 0));
  for (size_t i = 0; i < n; i++) EXPECT_EQ(4u, out.msgs[i].n) << i;

  std::vector<int> count(n, 0);
  Slots in(n, 8);
  size_t got = 0;
  while (got < n) {
    int rc =
        ipv4_packet_conn_read_batch(&p.rconn, in.msgs.data() + got, n - got, 0);
    ASSERT_GT(rc, 0) << "after " << got << " of " << n;
    got += static_cast<size_t>(rc);
  }
  for (size_t i = 0; i < n; i++) {
    const ipv4_message& m = in.msgs[i];
    ASSERT_EQ(4u, m.n);
    EXPECT_EQ(4u, m.datagram_len);
    EXPECT_EQ(0, m.flags & (MSG_TRUNC | MSG_CTRUNC));
    EXPECT_EQ(p.tx_addr.sin_port, m.addr.sin_port);
    uint32_t v = Number(m);
    ASSERT_LT(v, n);
    count[v]++;
  }
  for (size_t i = 0; i < n; i++) EXPECT_EQ(1, count[i]) << "datagram " << i;
  EXPECT_FALSE(Pending(p.rx.get())) << "more datagrams than were sent";
}

TEST(Batch, RoundTripsOne) { RoundTrip(1); }
TEST(Batch, RoundTripsTwo) { RoundTrip(2); }
TEST(Batch, RoundTripsSixtyFour) { RoundTrip(64); }
TEST(Batch, RoundTripsTenTwentyFour) { RoundTrip(1024); }

TEST(ReadBatch, ReturnsWhatIsQueuedWithoutWaitingForMore) {
  UdpPair p;
  for (int i = 0; i < 3; i++)
    ASSERT_TRUE(SendTo(p.tx.get(), "q", 1, p.rx_addr));
  usleep(10000);
  Slots in(100, 8);
  int64_t t0 = ipv4_monotonic_ns();
  EXPECT_EQ(3, ipv4_packet_conn_read_batch(&p.rconn, in.msgs.data(), 100, 0));
  EXPECT_LT(ipv4_monotonic_ns() - t0, kSec);
  // Same with no deadline on a blocking socket.
  ipv4_packet_conn_set_read_deadline(&p.rconn, 0);
  for (int i = 0; i < 2; i++)
    ASSERT_TRUE(SendTo(p.tx.get(), "q", 1, p.rx_addr));
  usleep(10000);
  EXPECT_EQ(2, ipv4_packet_conn_read_batch(&p.rconn, in.msgs.data(), 100, 0));
}

TEST(ReadBatch, ReportsTruncationPerMessage) {
  UdpPair p;
  ASSERT_TRUE(EnableControl(&p.rconn, IPV4_FLAG_TTL | IPV4_FLAG_DST));
  ASSERT_TRUE(SendTo(p.tx.get(), "0123456789", 10, p.rx_addr));
  ASSERT_TRUE(SendTo(p.tx.get(), "ok", 2, p.rx_addr));
  ASSERT_TRUE(SendTo(p.tx.get(), "small", 5, p.rx_addr));
  usleep(10000);
  int full = ipv4_control_message_recv_space(IPV4_FLAG_TTL | IPV4_FLAG_DST,
                                             IPV4_CMSG_FORMAT_NATIVE);
  int ttl_only =
      ipv4_control_message_recv_space(IPV4_FLAG_TTL, IPV4_CMSG_FORMAT_NATIVE);
  ASSERT_GT(full, ttl_only);
  Slots in(3, 6, static_cast<size_t>(full));
  in.msgs[2].oob_len = static_cast<size_t>(ttl_only);  // room for one of two
  ASSERT_EQ(3, ipv4_packet_conn_read_batch(&p.rconn, in.msgs.data(), 3, 0));

  EXPECT_EQ(6u, in.msgs[0].n);
  EXPECT_EQ(10u, in.msgs[0].datagram_len);
  EXPECT_NE(0, in.msgs[0].flags & MSG_TRUNC);
  EXPECT_EQ(0, in.msgs[0].flags & MSG_CTRUNC);

  EXPECT_EQ(2u, in.msgs[1].n);
  EXPECT_EQ(2u, in.msgs[1].datagram_len);
  EXPECT_EQ(0, in.msgs[1].flags & (MSG_TRUNC | MSG_CTRUNC));
  ipv4_control_message cm;
  ASSERT_EQ(0, ipv4_control_message_parse(
                   &cm, static_cast<const uint8_t*>(in.msgs[1].oob),
                   in.msgs[1].nn, IPV4_CMSG_FORMAT_NATIVE));
  EXPECT_EQ(IPV4_FLAG_TTL, cm.flags & IPV4_FLAG_TTL);
  EXPECT_EQ(htonl(INADDR_LOOPBACK), cm.dst.s_addr);

  EXPECT_EQ(5u, in.msgs[2].n);
  EXPECT_EQ(0, in.msgs[2].flags & MSG_TRUNC);
  EXPECT_NE(0, in.msgs[2].flags & MSG_CTRUNC);
}

TEST(ReadBatch, ScattersIntoSeveralBuffersUpToIovMax) {
  UdpPair p;
  std::vector<uint8_t> payload(IPV4_IOV_MAX);
  for (size_t i = 0; i < payload.size(); i++)
    payload[i] = static_cast<uint8_t>(i * 7);
  // Gathered from IPV4_IOV_MAX one-byte buffers on the way out...
  std::vector<iovec> out_iov(IPV4_IOV_MAX);
  for (size_t i = 0; i < out_iov.size(); i++) out_iov[i] = {&payload[i], 1};
  ipv4_message out{};
  out.buffers = out_iov.data();
  out.num_buffers = out_iov.size();
  out.addr = p.rx_addr;
  ASSERT_EQ(1, ipv4_packet_conn_write_batch(&p.tconn, &out, 1, 0));
  EXPECT_EQ(payload.size(), out.n);
  // ... scattered into a header-sized and a body-sized buffer on the way in.
  std::vector<uint8_t> head(16), body(2000);
  iovec in_iov[2] = {{head.data(), head.size()}, {body.data(), body.size()}};
  ipv4_message in{};
  in.buffers = in_iov;
  in.num_buffers = 2;
  ASSERT_EQ(1, ipv4_packet_conn_read_batch(&p.rconn, &in, 1, 0));
  ASSERT_EQ(payload.size(), in.n);
  EXPECT_EQ(0, memcmp(head.data(), payload.data(), 16));
  EXPECT_EQ(0, memcmp(body.data(), payload.data() + 16, payload.size() - 16));
}

TEST(WriteBatch, PartialBatchIsASuccessWithItsCount) {
  UdpPair p;
  Slots out(3, 1);
  out.msgs[0].addr = p.rx_addr;
  out.msgs[1].addr = Loopback(0);  // port 0: the kernel refuses this one
  out.msgs[2].addr = p.rx_addr;
  EXPECT_EQ(1, ipv4_packet_conn_write_batch(&p.tconn, out.msgs.data(), 3, 0));
  EXPECT_EQ(1u, out.msgs[0].n);
  // The caller resends from the one that failed: now it is the first.
  EXPECT_EQ(-EINVAL,
            ipv4_packet_conn_write_batch(&p.tconn, out.msgs.data() + 1, 2, 0));
}

TEST(WriteBatch, PerMessageControlData) {
  UdpPair p;
  ASSERT_TRUE(EnableControl(&p.rconn, IPV4_FLAG_TTL));
  ipv4_control_message cm{};
  cm.flags = IPV4_FLAG_TTL;
  Slots out(2, 1, 64);
  for (int i = 0; i < 2; i++) {
    cm.ttl = static_cast<uint8_t>(10 + i);
    size_t len = 0;
    ASSERT_EQ(0, ipv4_control_message_marshal(
                     &cm, cm.flags, IPV4_CMSG_FORMAT_NATIVE,
                     static_cast<uint8_t*>(out.msgs[i].oob), 64, &len));
    out.msgs[i].oob_len = len;
    out.msgs[i].addr = p.rx_addr;
  }
  ASSERT_EQ(2, ipv4_packet_conn_write_batch(&p.tconn, out.msgs.data(), 2, 0));
  for (int i = 0; i < 2; i++) {
    uint8_t buf[4];
    ipv4_control_message got;
    ASSERT_EQ(1, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), &got,
                                            nullptr));
    EXPECT_EQ(10 + i, got.ttl);
  }
}

TEST(BatchDeadline, PastReadDeadlineConsumesNothing) {
  UdpPair p;
  ASSERT_TRUE(SendTo(p.tx.get(), "d", 1, p.rx_addr));
  usleep(10000);
  ipv4_packet_conn_set_read_deadline(&p.rconn, 1);
  Slots in(4, 4);
  EXPECT_EQ(IPV4_ETIMEOUT,
            ipv4_packet_conn_read_batch(&p.rconn, in.msgs.data(), 4, 0));
  EXPECT_TRUE(Pending(p.rx.get()));
}

TEST(BatchDeadline, EmptyReadEndsAtTheDeadline) {
  UdpPair p;
  int64_t deadline = ipv4_monotonic_ns() + kSec / 10;
  ipv4_packet_conn_set_read_deadline(&p.rconn, deadline);
  Slots in(4, 4);
  EXPECT_EQ(IPV4_ETIMEOUT,
            ipv4_packet_conn_read_batch(&p.rconn, in.msgs.data(), 4, 0));
  int64_t end = ipv4_monotonic_ns();
  EXPECT_GE(end, deadline);
  EXPECT_LT(end - deadline, kSec / 20);
}

TEST(BatchDeadline, PastWriteDeadlineSendsNothing) {
  UdpPair p;
  ipv4_packet_conn_set_write_deadline(&p.tconn, 1);
  Slots out(2, 1);
  out.msgs[0].addr = out.msgs[1].addr = p.rx_addr;
  EXPECT_EQ(IPV4_ETIMEOUT,
            ipv4_packet_conn_write_batch(&p.tconn, out.msgs.data(), 2, 0));
  usleep(10000);
  EXPECT_FALSE(Pending(p.rx.get()));
}

class BatchBadInput : public ::testing::Test {
 protected:
  // Each case breaks one message of a three-message batch, expects err,
  // and checks that nothing was sent (writes) or consumed (reads).
  void ExpectWriteRefused(int err) {
    EXPECT_EQ(err,
              ipv4_packet_conn_write_batch(&p.tconn, out.msgs.data(), 3, 0));
    usleep(10000);
    EXPECT_FALSE(Pending(p.rx.get())) << "a refused batch sent something";
  }
  void ExpectReadRefused(Slots& in) {
    ASSERT_TRUE(SendTo(p.tx.get(), "r", 1, p.rx_addr));
    usleep(10000);
    EXPECT_EQ(IPV4_EINVAL,
              ipv4_packet_conn_read_batch(&p.rconn, in.msgs.data(), 3, 0));
    EXPECT_TRUE(Pending(p.rx.get()));
  }
  void SetUp() override {
    for (auto& m : out.msgs) m.addr = p.rx_addr;
  }
  UdpPair p;
  Slots out{3, 1};
  Slots in{3, 4};
};

TEST_F(BatchBadInput, NullConnectionOrArrayOrZeroLength) {
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_read_batch(nullptr, in.msgs.data(), 3, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_read_batch(&p.rconn, nullptr, 3, 0));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_read_batch(&p.rconn, in.msgs.data(), 0, 0));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_write_batch(nullptr, out.msgs.data(), 3, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_write_batch(&p.tconn, nullptr, 3, 0));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_write_batch(&p.tconn, out.msgs.data(), 0, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_write_batch(&p.tconn, out.msgs.data(),
                                                      size_t{1} << 31, 0));
  ipv4_packet_conn closed{};
  closed.fd = -1;
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_read_batch(&closed, in.msgs.data(), 3, 0));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_write_batch(&closed, out.msgs.data(), 3, 0));
}

TEST_F(BatchBadInput, TooManyBuffers) {
  std::vector<iovec> many(IPV4_IOV_MAX + 1, iovec{out.bufs.data(), 1});
  out.msgs[2].buffers = many.data();
  out.msgs[2].num_buffers = many.size();
  ExpectWriteRefused(IPV4_EINVAL);
  in.msgs[1].buffers = many.data();
  in.msgs[1].num_buffers = many.size();
  ExpectReadRefused(in);
}

TEST_F(BatchBadInput, NullBuffersWithACount) {
  out.msgs[1].buffers = nullptr;
  ExpectWriteRefused(IPV4_EINVAL);
  in.msgs[2].buffers = nullptr;
  ExpectReadRefused(in);
}

TEST_F(BatchBadInput, NullBaseWithALength) {
  out.iovs[1].iov_base = nullptr;
  ExpectWriteRefused(IPV4_EINVAL);
  in.iovs[0].iov_base = nullptr;
  ExpectReadRefused(in);
}

TEST_F(BatchBadInput, NullControlBufferWithALength) {
  out.msgs[1].oob_len = 8;
  ExpectWriteRefused(IPV4_EINVAL);
  in.msgs[1].oob_len = 8;
  ExpectReadRefused(in);
}

TEST_F(BatchBadInput, DestinationOfTheWrongFamily) {
  out.msgs[2].addr.sin_family = AF_INET6;
  ExpectWriteRefused(-EAFNOSUPPORT);
}

TEST(BatchNoBuffers, ZeroBuffersReadsAnEmptyViewOfTheDatagram) {
  UdpPair p;
  ASSERT_TRUE(SendTo(p.tx.get(), "abc", 3, p.rx_addr));
  ipv4_message m{};
  ASSERT_EQ(1, ipv4_packet_conn_read_batch(&p.rconn, &m, 1, 0));
  EXPECT_EQ(0u, m.n);
  EXPECT_EQ(3u, m.datagram_len);
  EXPECT_NE(0, m.flags & MSG_TRUNC);
}

}  // namespace
