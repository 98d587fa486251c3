/* SPDX-License-Identifier: BSD-3-Clause */
// The run-splitting rules of IPV4_BATCH_COALESCE (ipv4__coalesce_run):
// which consecutive messages of a batch may leave as one GSO datagram. One
// test per edge: destination, control data, lengths, and each limit; and
// what a refusal of GSO by the kernel leaves in the connection.
#include <gtest/gtest.h>
#include <netinet/udp.h>
#include <errno.h>
#include <string.h>
#include <netinet/ip.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

extern "C" {
#include "shim/offload_internal.h"
}
#include "shim/shim_testing.h"

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
    coalesce_limits lim{max_iov, cap, COALESCE_MAX_BYTES};
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

// Oob builds control data of n bytes (aligned as cmsgs are) holding one item:
// an int, or, when n is longer, all n bytes.
std::vector<uint8_t> Oob(int level, int type,
                         size_t n = CMSG_SPACE(sizeof(int))) {
  std::vector<uint8_t> v(n, 0);
  cmsghdr c{};
  c.cmsg_len = n == CMSG_SPACE(sizeof(int)) ? CMSG_LEN(sizeof(int)) : n;
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

// A malformed item (here the zeros after the first: a length of 0) makes
// the kernel refuse the message with EINVAL, which must not pass for a
// refusal of GSO: such a message goes alone.
TEST(CoalesceRun, MalformedControlGoesAlone) {
  Batch b({100, 100});
  auto a = Oob(IPPROTO_IP, IP_TTL);
  a.resize(a.size() + CMSG_SPACE(sizeof(int)), 0);
  WithOob(b, a);
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
}

// The oob need not be aligned: a UDP_SEGMENT item at an odd address is
// found (UBSan would report a misaligned read of its header).
TEST(CoalesceRun, UnalignedControlAddressIsRead) {
  Batch b({100, 100});
  auto a = Oob(SOL_UDP, UDP_SEGMENT);
  std::vector<uint8_t> odd(a.size() + 1);
  memcpy(odd.data() + 1, a.data(), a.size());
  for (auto& m : b.ms) {
    m.oob = odd.data() + 1;
    m.oob_len = a.size();
  }
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
  auto t = Oob(IPPROTO_IP, IP_TTL);
  memcpy(odd.data() + 1, t.data(), t.size());
  EXPECT_EQ(2u, b.Run(&seg));
}

// A destination port of 0 is the kernel's EINVAL: such a message goes
// alone, so that its error is the plain one.
TEST(CoalesceRun, PortZeroGoesAlone) {
  Batch b({100, 100});
  for (auto& m : b.ms) m.addr.sin_port = 0;
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
}

// A buffer longer than a datagram never joins a run, so that lengths
// that wrap around cannot add up to a small total.
TEST(CoalesceRun, BufferLongerThanADatagramGoesAlone) {
  Batch b({100, 100});
  iovec two[2] = {{b.data.data(), SIZE_MAX - 10}, {b.data.data(), 111}};
  b.ms[0].buffers = two;
  b.ms[0].num_buffers = 2;  // 100 bytes, once wrapped
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg));
  b.ms[0] = b.ms[1];
  b.ms[1].buffers = two;
  b.ms[1].num_buffers = 2;
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
  coalesce_limits lim{1024, 0, COALESCE_MAX_BYTES};
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
  EXPECT_EQ(1, ipv4__offload_refused(&c, -EIO, 100, 2 * 100));
  EXPECT_EQ(0, ipv4_packet_conn_batch_offload(&c));
  EXPECT_EQ(0, ipv4__offload_refused(&c, -EIO, 100, 2 * 100));
  EXPECT_EQ(0, ipv4__offload_refused(&c, -EOPNOTSUPP, 100, 2 * 100));
}

TEST_F(Refusal, NoProtocolOptionTurnsCoalescingOff) {
  EXPECT_EQ(1, ipv4__offload_refused(&c, -ENOPROTOOPT, 100, 2 * 100));
  EXPECT_EQ(0, ipv4_packet_conn_batch_offload(&c));
}

TEST_F(Refusal, SizeRefusalsOnlyLowerTheCap) {
  EXPECT_EQ(1, ipv4__offload_refused(&c, -EINVAL, 1000, 2 * 1000));
  EXPECT_EQ(1000u, Cap());
  EXPECT_EQ(static_cast<int>(IPV4_BATCH_COALESCE),
            ipv4_packet_conn_batch_offload(&c));
  EXPECT_EQ(0, ipv4__offload_refused(&c, -EINVAL, 1200, 2 * 1200));
  EXPECT_EQ(1000u, Cap());
  EXPECT_EQ(1, ipv4__offload_refused(&c, -EMSGSIZE, 500, 2 * 500));
  EXPECT_EQ(500u, Cap());
  // The cap keeps that size and larger alone.
  Batch b({500, 500});
  size_t seg;
  EXPECT_EQ(1u, b.Run(&seg, Cap()));
  Batch small({499, 499});
  EXPECT_EQ(2u, small.Run(&seg, Cap()));
}

TEST_F(Refusal, OneByteSegmentsRefusedTurnCoalescingOff) {
  EXPECT_EQ(1, ipv4__offload_refused(&c, -EINVAL, 1, 2 * 1));
  EXPECT_EQ(0, ipv4_packet_conn_batch_offload(&c));
}

TEST_F(Refusal, OtherErrorsAreNotRefusals) {
  for (int err : {-ENOBUFS, -EAGAIN, -ECONNREFUSED, -EPERM}) {
    EXPECT_EQ(0, ipv4__offload_refused(&c, err, 100, 2 * 100)) << err;
  }
  EXPECT_EQ(0u, Cap());
  EXPECT_EQ(static_cast<int>(IPV4_BATCH_COALESCE),
            ipv4_packet_conn_batch_offload(&c));
}

// ---- what a failed GSO send is taken for, over loopback ----
//
// The errors a refusal of GSO comes with also come from a caller's mistake
// or a socket's pending error. Only a run that fails twice as GSO and goes
// plain is a refusal (coalesce.c); the rest is answered as without
// coalescing, with the state left alone.

namespace {

// A hook the sendmmsg below runs before the real call, once (a test's
// stand-in for another thread acting between two of the shim's steps).
void (*g_before_sendmmsg)() = nullptr;
// Errors the sendmmsg below answers first, one a call, sending nothing
// (a stand-in for a socket's pending error, or a refusal).
std::vector<int> g_fail;

}  // namespace

// The shim's objects are linked into this test (linkstatic), so this
// definition answers their sendmmsg calls: a scripted error, or the real
// system call, after the hook when one is set.
extern "C" int sendmmsg(int fd, struct mmsghdr* v, unsigned n, int flags) {
  void (*hook)() = g_before_sendmmsg;
  g_before_sendmmsg = nullptr;
  if (hook != nullptr) hook();
  if (!g_fail.empty()) {
    int err = g_fail.front();
    g_fail.erase(g_fail.begin());
    if (err != 0) {
      errno = err;
      return -1;
    }
  }
  return static_cast<int>(syscall(SYS_sendmmsg, fd, v, n, flags));
}

namespace {

struct Recheck : ::testing::Test {
  void SetUp() override {
    ASSERT_TRUE(p.ok());
    if (ipv4_packet_conn_set_batch_offload(&p.tconn, IPV4_BATCH_COALESCE,
                                           nullptr, 0) != 0 ||
        ipv4_packet_conn_batch_offload(&p.tconn) !=
            static_cast<int>(IPV4_BATCH_COALESCE)) {
      GTEST_SKIP() << "kernel has no UDP GSO";
    }
    ASSERT_TRUE(
        shim_testing::SetIntOption(p.rx.get(), SOL_SOCKET, SO_RCVBUF, 4 << 20));
  }
  // Batch of n messages of len bytes (at most 2048) to dst.
  void Make(size_t n, size_t len, const sockaddr_in& dst) {
    data.assign(n * 2048, 0x5a);
    iov.resize(n);
    ms.resize(n);
    for (size_t i = 0; i < n; i++) {
      data[i * 2048] = static_cast<uint8_t>(i);
      iov[i] = {data.data() + i * 2048, len};
      ms[i] = ipv4_message{};
      ms[i].buffers = &iov[i];
      ms[i].num_buffers = 1;
      ms[i].addr = dst;
    }
  }
  int Write(int flags = 0) {
    return ipv4_packet_conn_write_batch(&p.tconn, ms.data(), ms.size(), flags);
  }
  // Received expects n datagrams of len bytes on the receiver, in order.
  void Received(size_t n, size_t len, size_t first = 0) {
    for (size_t i = first; i < first + n; i++) {
      uint8_t buf[4096];
      ASSERT_TRUE(shim_testing::WaitReadable(p.rx.get(), 2000)) << i;
      ASSERT_EQ(static_cast<ssize_t>(len),
                recv(p.rx.get(), buf, sizeof(buf), MSG_DONTWAIT))
          << i;
      EXPECT_EQ(static_cast<uint8_t>(i), buf[0]) << i;
    }
  }
  uint32_t State() const { return ipv4__offload_load(&p.tconn); }
  shim_testing::UdpConnPair p;
  std::vector<uint8_t> data;
  std::vector<iovec> iov;
  std::vector<ipv4_message> ms;
};

// PlainAnswer: what write_batch answers without coalescing, on a fresh
// socket of the same kind.
int PlainAnswer(std::vector<ipv4_message>& ms, int flags) {
  shim_testing::UdpConnPair q;
  return ipv4_packet_conn_write_batch(&q.tconn, ms.data(), ms.size(), flags);
}

TEST_F(Recheck, PortZeroIsThePlainErrorAndNoRefusal) {
  sockaddr_in zero = p.rx_addr;
  zero.sin_port = 0;
  Make(4, 100, zero);
  int plain = PlainAnswer(ms, 0);
  ASSERT_LT(plain, 0);
  EXPECT_EQ(plain, Write());
  EXPECT_EQ(static_cast<uint32_t>(IPV4_BATCH_COALESCE), State());
}

TEST_F(Recheck, OutOfBandFlagIsThePlainErrorAndNoRefusal) {
  Make(4, 100, p.rx_addr);
  int plain = PlainAnswer(ms, MSG_OOB);
  ASSERT_LT(plain, 0);
  EXPECT_EQ(plain, Write(MSG_OOB));
  EXPECT_EQ(static_cast<uint32_t>(IPV4_BATCH_COALESCE), State());
  EXPECT_FALSE(shim_testing::Pending(p.rx.get()));
}

// A connected socket whose datagram met a closed port holds ECONNREFUSED:
// the next write takes it, with coalescing as without.
TEST_F(Recheck, PendingConnectionRefusedIsReturnedAndNoRefusal) {
  sockaddr_in closed{};
  { shim_testing::Fd gone(shim_testing::LoopbackUdp(&closed)); }
  ASSERT_EQ(0, connect(p.tx.get(), reinterpret_cast<sockaddr*>(&closed),
                       sizeof(closed)));
  ASSERT_EQ(1, send(p.tx.get(), "x", 1, 0));
  pollfd pf = {p.tx.get(), 0, 0};
  ASSERT_EQ(1, poll(&pf, 1, 2000));
  ASSERT_NE(0, pf.revents & POLLERR);
  sockaddr_in none{};
  Make(4, 100, none);
  EXPECT_EQ(-ECONNREFUSED, Write());
  EXPECT_EQ(static_cast<uint32_t>(IPV4_BATCH_COALESCE), State());
}

uint16_t Checksum(const uint8_t* p, size_t n) {
  uint32_t sum = 0;
  for (size_t i = 0; i + 1 < n; i += 2) sum += (p[i] << 8) | p[i + 1];
  if (n % 2 != 0) sum += p[n - 1] << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

// A spoofed ICMP protocol unreachable leaves ENOPROTOOPT pending on a
// connected socket, an error GSO refusals also come with. The coalesced
// write that takes it still sends; coalescing stays on; the error comes
// with the next coalesced write, which sends nothing.
TEST_F(Recheck, PendingProtocolUnreachableIsKeptNotARefusal) {
  shim_testing::Fd raw(shim_testing::RawSocket(IPPROTO_ICMP));
  if (raw.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  ASSERT_EQ(0, connect(p.tx.get(), reinterpret_cast<sockaddr*>(&p.rx_addr),
                       sizeof(p.rx_addr)));
  uint8_t icmp[8 + 20 + 8] = {3, 2};  // destination unreachable: protocol
  uint8_t* ip = icmp + 8;
  ip[0] = 0x45;
  ip[2] = 0x04;  // total length 1028
  ip[3] = 0x04;
  ip[8] = 64;
  ip[9] = IPPROTO_UDP;
  memcpy(ip + 12, &p.tx_addr.sin_addr, 4);
  memcpy(ip + 16, &p.rx_addr.sin_addr, 4);
  uint16_t c = Checksum(ip, 20);
  ip[10] = static_cast<uint8_t>(c >> 8);
  ip[11] = static_cast<uint8_t>(c);
  memcpy(ip + 20, &p.tx_addr.sin_port, 2);
  memcpy(ip + 22, &p.rx_addr.sin_port, 2);
  ip[25] = 8 + 100;
  c = Checksum(icmp, sizeof(icmp));
  icmp[2] = static_cast<uint8_t>(c >> 8);
  icmp[3] = static_cast<uint8_t>(c);
  ASSERT_TRUE(shim_testing::SendTo(raw.get(), icmp, sizeof(icmp), p.rx_addr));
  pollfd pf = {p.tx.get(), 0, 0};
  ASSERT_EQ(1, poll(&pf, 1, 2000));
  ASSERT_NE(0, pf.revents & POLLERR);
  sockaddr_in none{};
  Make(4, 100, none);
  ASSERT_EQ(4, Write());
  EXPECT_EQ(static_cast<int>(IPV4_BATCH_COALESCE),
            ipv4_packet_conn_batch_offload(&p.tconn));
  EXPECT_EQ(0u, State() >> OFFLOAD_CAP_SHIFT);
  EXPECT_EQ(-ENOPROTOOPT, Write());
  ASSERT_EQ(4, Write());
  EXPECT_EQ(static_cast<uint32_t>(IPV4_BATCH_COALESCE), State());
  Received(4, 100);
  Received(4, 100);
}

// 40 bytes of IP options leave no room for a run of 65472 bytes
// (EMSGSIZE): runs get shorter, the segment size is not capped.
TEST_F(Recheck, IpOptionsShortenRunsInsteadOfCapping) {
  uint8_t opts[40];
  memset(opts, 1, sizeof(opts));  // no-operation
  opts[39] = 0;                   // end of list
  ASSERT_EQ(0,
            setsockopt(p.tx.get(), IPPROTO_IP, IP_OPTIONS, opts, sizeof(opts)));
  Make(64, 1023, p.rx_addr);
  ASSERT_EQ(64, Write());
  Received(64, 1023);
  EXPECT_EQ(0u, State() >> OFFLOAD_CAP_SHIFT);
  EXPECT_NE(0u, State() & OFFLOAD_SHORT_RUNS);
  EXPECT_EQ(static_cast<int>(IPV4_BATCH_COALESCE),
            ipv4_packet_conn_batch_offload(&p.tconn));
  ASSERT_EQ(64, Write());
  Received(64, 1023);
}

// SO_NO_CHECK makes the kernel refuse every GSO datagram (EINVAL), plain
// ones not: a real refusal, recorded, the run sent plain in the same call,
// also when the run is not the first header of its chunk.
TEST_F(Recheck, RefusedRunAfterAPlainHeaderGoesInTheSameCall) {
  ASSERT_TRUE(
      shim_testing::SetIntOption(p.tx.get(), SOL_SOCKET, SO_NO_CHECK, 1));
  sockaddr_in other;
  shim_testing::Fd rx2(shim_testing::LoopbackUdp(&other));
  Make(5, 100, p.rx_addr);
  ms[0].addr = other;
  ASSERT_EQ(5, Write());
  Received(4, 100, 1);
  EXPECT_EQ(100u, State() >> OFFLOAD_CAP_SHIFT);
}

// A one-off error (as a pending one) answering a GSO run: the run goes the
// second time, the error comes with the next call, coalescing stays on.
TEST_F(Recheck, OneOffErrorIsKeptForTheNextCall) {
  Make(4, 100, p.rx_addr);
  g_fail = {ENOPROTOOPT};
  ASSERT_EQ(4, Write());
  EXPECT_EQ(-ENOPROTOOPT, Write());
  ASSERT_EQ(4, Write());
  EXPECT_EQ(static_cast<uint32_t>(IPV4_BATCH_COALESCE), State());
  Received(4, 100);
  Received(4, 100);
}

// A one-off error, then a refusal of another kind (EIO: coalescing off):
// the refusal is recorded, the run goes plain, and the one-off error still
// comes with the next call, though coalescing is off by then.
TEST_F(Recheck, OneOffErrorThenARefusalBothCount) {
  Make(4, 100, p.rx_addr);
  g_fail = {ENOPROTOOPT, EIO};
  ASSERT_EQ(4, Write());
  EXPECT_EQ(0, ipv4_packet_conn_batch_offload(&p.tconn));
  EXPECT_EQ(-ENOPROTOOPT, Write());
  ASSERT_EQ(4, Write());
  Received(4, 100);
  Received(4, 100);
}

// An error twice as GSO and once plain is no refusal: returned as is.
TEST_F(Recheck, ErrorThatPlainGetsTooIsNoRefusal) {
  Make(4, 100, p.rx_addr);
  g_fail = {EINVAL, EINVAL, EINVAL};
  EXPECT_EQ(-EINVAL, Write());
  EXPECT_EQ(static_cast<uint32_t>(IPV4_BATCH_COALESCE), State());
  EXPECT_FALSE(shim_testing::Pending(p.rx.get()));
}

// A second one-off error in the same call is not kept over the first (one
// at a time). Two chunks, each led by a run: 0..1, 63 lone messages to
// alternate destinations, then 65..68.
TEST_F(Recheck, OnlyTheFirstOneOffErrorIsKept) {
  sockaddr_in other;
  shim_testing::Fd rx2(shim_testing::LoopbackUdp(&other));
  Make(69, 100, p.rx_addr);
  for (size_t i = 2; i <= 64; i += 2) ms[i].addr = other;
  g_fail = {ENOPROTOOPT, 0, EIO};  // 0: the real call
  ASSERT_EQ(69, Write());
  EXPECT_EQ(-ENOPROTOOPT, Write());
  EXPECT_EQ(static_cast<uint32_t>(IPV4_BATCH_COALESCE), State());
  ASSERT_EQ(69, Write());
}

// Another thread records the same refusal between this one's building of
// a run and the kernel's answer: the run still goes plain, in this call.
TEST_F(Recheck, RefusalRecordedMeanwhileStillSendsPlain) {
  ASSERT_TRUE(
      shim_testing::SetIntOption(p.tx.get(), SOL_SOCKET, SO_NO_CHECK, 1));
  Make(4, 100, p.rx_addr);
  static ipv4_packet_conn* conn;
  conn = &p.tconn;
  g_before_sendmmsg = [] { ipv4__offload_refused(conn, -EINVAL, 100, 400); };
  ASSERT_EQ(4, Write());
  Received(4, 100);
  EXPECT_EQ(100u, State() >> OFFLOAD_CAP_SHIFT);
}

}  // namespace
