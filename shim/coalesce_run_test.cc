/* SPDX-License-Identifier: BSD-3-Clause */
// The run-splitting rules of IPV4_BATCH_COALESCE (ipv4__coalesce_run):
// which consecutive messages of a batch may leave as one GSO datagram. One
// test per edge: destination, control data, lengths, and each limit; and
// what a refusal of GSO by the kernel leaves in the connection.
#include <gtest/gtest.h>
#include <netinet/udp.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

extern "C" {
#include "shim/offload_internal.h"
}

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

namespace {

// Batch holds messages of given lengths, one buffer each, to one address.
struct Batch {
  explicit Batch(const std::vector<size_t>& lens)
      : data(70000), iov(lens.size()), ms(lens.size()) {
    for (size_t i = 0; i < lens.size(); i++) {
      iov[i] = {data.data(), lens[i]};
      ms[i] = ipv4_message{};
      ms[i].buffers = &iov[i];
      ms[i].num_buffers = 1;
      ms[i].addr.sin_family = AF_INET;
      ms[i].addr.sin_port = htons(9);
      ms[i].addr.sin_addr.s_addr = htonl(0x7f000001);
    }
  }
  size_t Run(size_t* seg, size_t cap = 0, size_t max_iov = 1024) {
    coalesce_limits lim{max_iov, cap};
    return ipv4__coalesce_run(ms.data(), ms.size(), &lim, seg);
  }
  std::vector<uint8_t> data;
  std::vector<iovec> iov;
  std::vector<ipv4_message> ms;
};

TEST(CoalesceRun, OneMessageGoesAlone) {
  Batch b({100});
  size_t seg = 99;
  EXPECT_EQ(1u, b.Run(&seg));
  EXPECT_EQ(0u, seg);
}

TEST(CoalesceRun, EqualLengthsToOneDestinationJoin) {
  Batch b({100, 100, 100, 100});
  size_t seg;
  EXPECT_EQ(4u, b.Run(&seg));
  EXPECT_EQ(100u, seg);
}

TEST(CoalesceRun, ShorterMessageEndsTheRunAndJoinsIt) {
  Batch b({100, 100, 40, 100});
  size_t seg;
  EXPECT_EQ(3u, b.Run(&seg));
  EXPECT_EQ(100u, seg);
}

TEST(CoalesceRun, LongerMessageStartsTheNextRun) {
  Batch b({100, 100, 101});
  size_t seg;
  EXPECT_EQ(2u, b.Run(&seg));
}

TEST(CoalesceRun, ShorterSecondMakesARunOfTwo) {
  Batch b({100, 1, 1});
  size_t seg;
  EXPECT_EQ(2u, b.Run(&seg));
  EXPECT_EQ(100u, seg);
}

TEST(CoalesceRun, EmptyLeaderGoesAlone) {
  Batch b({0, 0, 0});
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
  EXPECT_EQ(0u, seg);
}

TEST(CoalesceRun, EmptyFollowerIsNotASegment) {
  Batch b({100, 100, 0, 100});
  size_t seg;
  EXPECT_EQ(2u, b.Run(&seg));
}

TEST(CoalesceRun, OtherPortBreaks) {
  Batch b({100, 100, 100});
  b.ms[2].addr.sin_port = htons(10);
  size_t seg;
  EXPECT_EQ(2u, b.Run(&seg));
}

TEST(CoalesceRun, OtherAddressBreaks) {
  Batch b({100, 100, 100});
  b.ms[1].addr.sin_addr.s_addr = htonl(0x7f000002);
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
}

TEST(CoalesceRun, UnspecifiedJoinsOnlyUnspecified) {
  Batch b({100, 100, 100});
  for (auto& m : b.ms) m.addr = sockaddr_in{};
  b.ms[2].addr.sin_family = AF_INET;
  size_t seg;
  EXPECT_EQ(2u, b.Run(&seg));
}

TEST(CoalesceRun, UnspecifiedIgnoresStaleAddressBytes) {
  Batch b({100, 100});
  b.ms[0].addr.sin_family = AF_UNSPEC;
  b.ms[1].addr = sockaddr_in{};
  size_t seg;
  EXPECT_EQ(2u, b.Run(&seg));
}

// Oob builds control data of n bytes (aligned as cmsgs are) holding one item.
std::vector<uint8_t> Oob(int level, int type,
                         size_t n = CMSG_SPACE(sizeof(int))) {
  std::vector<uint8_t> v(n, 0);
  cmsghdr c{};
  c.cmsg_len = CMSG_LEN(sizeof(int));
  c.cmsg_level = level;
  c.cmsg_type = type;
  memcpy(v.data(), &c, sizeof(c));
  return v;
}

// WithOob points message i (every message when i is -1) at oob.
void WithOob(Batch& b, std::vector<uint8_t>& oob, int i = -1, size_t len = 0) {
  for (size_t k = 0; k < b.ms.size(); k++) {
    if (i >= 0 && k != static_cast<size_t>(i)) continue;
    b.ms[k].oob = oob.data();
    b.ms[k].oob_len = len != 0 ? len : oob.size();
  }
}

TEST(CoalesceRun, EqualControlDataJoins) {
  Batch b({100, 100});
  auto a = Oob(IPPROTO_IP, IP_TTL);
  auto c = a;
  WithOob(b, a, 0);
  WithOob(b, c, 1);
  size_t seg;
  EXPECT_EQ(2u, b.Run(&seg));
}

TEST(CoalesceRun, DifferentControlBytesBreak) {
  Batch b({100, 100});
  auto a = Oob(IPPROTO_IP, IP_TTL);
  auto c = a;
  c.back() = 1;
  WithOob(b, a, 0);
  WithOob(b, c, 1);
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
}

TEST(CoalesceRun, ControlOnOneSideOnlyBreaks) {
  Batch b({100, 100});
  auto a = Oob(IPPROTO_IP, IP_TTL);
  WithOob(b, a, 1);
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
}

TEST(CoalesceRun, UnalignedControlLengthGoesAlone) {
  Batch b({100, 100});
  auto a = Oob(IPPROTO_IP, IP_TTL);
  // Two bytes short of an aligned length: unaligned on every target (the
  // alignment is 8 bytes on 64-bit ones, 4 on 32-bit ones).
  WithOob(b, a, -1, CMSG_SPACE(sizeof(int)) - 2);
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
}

TEST(CoalesceRun, ControlOverTheCopyLimitGoesAlone) {
  Batch b({100, 100});
  auto big = Oob(IPPROTO_IP, IP_TTL, COALESCE_MAX_OOB + 8);
  auto fits = Oob(IPPROTO_IP, IP_TTL, COALESCE_MAX_OOB);
  size_t seg;
  WithOob(b, big);
  EXPECT_EQ(1u, b.Run(&seg));
  WithOob(b, fits);
  EXPECT_EQ(2u, b.Run(&seg));
}

TEST(CoalesceRun, CallersOwnSegmentSizeGoesAlone) {
  Batch b({100, 100});
  auto a = Oob(SOL_UDP, UDP_SEGMENT);
  WithOob(b, a);
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
}

TEST(CoalesceRun, SixtyFourSegmentsAtMost) {
  Batch b(std::vector<size_t>(70, 10));
  size_t seg;
  EXPECT_EQ(64u, b.Run(&seg));
  Batch exact(std::vector<size_t>(64, 10));
  EXPECT_EQ(64u, exact.Run(&seg));
}

TEST(CoalesceRun, BytesStopAtTheDatagramLimit) {
  // 1400 * 46 = 64400 fits in 65507; a 47th would not.
  Batch b(std::vector<size_t>(60, 1400));
  size_t seg;
  EXPECT_EQ(46u, b.Run(&seg));
  // Exactly 65507: 7 * 9358 = 65506, then a 1-byte last segment fits.
  Batch edge({9358, 9358, 9358, 9358, 9358, 9358, 9358, 1, 1});
  EXPECT_EQ(8u, edge.Run(&seg));
  Batch over({9358, 9358, 9358, 9358, 9358, 9358, 9358, 2});
  EXPECT_EQ(7u, over.Run(&seg));
}

TEST(CoalesceRun, SegmentAtTheByteLimitGoesAlone) {
  Batch b({COALESCE_MAX_BYTES, 1});
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
  Batch below({COALESCE_MAX_BYTES - 1, 1});
  EXPECT_EQ(2u, below.Run(&seg));
}

TEST(CoalesceRun, CapKeepsThatSizeAndLargerPlain) {
  Batch b({1000, 1000});
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg, 1000));
  EXPECT_EQ(2u, b.Run(&seg, 1001));
}

TEST(CoalesceRun, IovecRoomLimitsTheRun) {
  Batch b({10, 10, 10, 10});
  size_t seg;
  EXPECT_EQ(3u, b.Run(&seg, 0, 3));
  EXPECT_EQ(1u, b.Run(&seg, 0, 0));
}

TEST(CoalesceRun, SplitBuffersCountTheirTotal) {
  std::vector<uint8_t> data(64);
  iovec two[2] = {{data.data(), 30}, {data.data(), 20}};
  iovec one[1] = {{data.data(), 50}};
  ipv4_message ms[2]{};
  ms[0].buffers = two;
  ms[0].num_buffers = 2;
  ms[1].buffers = one;
  ms[1].num_buffers = 1;
  coalesce_limits lim{1024, 0};
  size_t seg;
  EXPECT_EQ(2u, ipv4__coalesce_run(ms, 2, &lim, &seg));
  EXPECT_EQ(50u, seg);
}

}  // namespace

// What a refused GSO datagram does to the connection's state: EIO and its
// kind turn coalescing off for good; EINVAL and EMSGSIZE only keep that
// segment size and larger plain; other errors are not refusals of GSO.
struct Refusal : ::testing::Test {
  void SetUp() override {
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(0, ipv4_packet_conn_init(&c, fd));
    if (ipv4_packet_conn_set_batch_offload(&c, IPV4_BATCH_COALESCE, nullptr,
                                           0) != 0 ||
        ipv4_packet_conn_batch_offload(&c) !=
            static_cast<int>(IPV4_BATCH_COALESCE)) {
      GTEST_SKIP() << "kernel has no UDP GSO";
    }
  }
  void TearDown() override { close(fd); }
  size_t Cap() const { return ipv4__offload_load(&c) >> OFFLOAD_CAP_SHIFT; }
  int fd = -1;
  ipv4_packet_conn c{};
};

TEST_F(Refusal, EioTurnsCoalescingOffOnce) {
  EXPECT_EQ(1, ipv4__offload_refused(&c, -EIO, 100));
  EXPECT_EQ(0, ipv4_packet_conn_batch_offload(&c));
  EXPECT_EQ(0, ipv4__offload_refused(&c, -EIO, 100));
  EXPECT_EQ(0, ipv4__offload_refused(&c, -EOPNOTSUPP, 100));
}

TEST_F(Refusal, NoProtocolOptionTurnsCoalescingOff) {
  EXPECT_EQ(1, ipv4__offload_refused(&c, -ENOPROTOOPT, 100));
  EXPECT_EQ(0, ipv4_packet_conn_batch_offload(&c));
}

TEST_F(Refusal, SizeRefusalsOnlyLowerTheCap) {
  EXPECT_EQ(1, ipv4__offload_refused(&c, -EINVAL, 1000));
  EXPECT_EQ(1000u, Cap());
  EXPECT_EQ(static_cast<int>(IPV4_BATCH_COALESCE),
            ipv4_packet_conn_batch_offload(&c));
  EXPECT_EQ(0, ipv4__offload_refused(&c, -EINVAL, 1200));
  EXPECT_EQ(1000u, Cap());
  EXPECT_EQ(1, ipv4__offload_refused(&c, -EMSGSIZE, 500));
  EXPECT_EQ(500u, Cap());
  // The cap keeps that size and larger alone.
  Batch b({500, 500});
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg, Cap()));
  Batch small({499, 499});
  EXPECT_EQ(2u, small.Run(&seg, Cap()));
}

TEST_F(Refusal, OneByteSegmentsRefusedTurnCoalescingOff) {
  EXPECT_EQ(1, ipv4__offload_refused(&c, -EINVAL, 1));
  EXPECT_EQ(0, ipv4_packet_conn_batch_offload(&c));
}

TEST_F(Refusal, OtherErrorsAreNotRefusals) {
  for (int err : {-ENOBUFS, -EAGAIN, -ECONNREFUSED, -EPERM}) {
    EXPECT_EQ(0, ipv4__offload_refused(&c, err, 100)) << err;
  }
  EXPECT_EQ(0u, Cap());
  EXPECT_EQ(static_cast<int>(IPV4_BATCH_COALESCE),
            ipv4_packet_conn_batch_offload(&c));
}
