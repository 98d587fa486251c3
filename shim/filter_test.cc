/* SPDX-License-Identifier: BSD-3-Clause */
// ICMP filters, classic BPF programs, and attaching either without letting
// a rejected packet through: on loopback, with datagrams sent to check what
// arrives.
#include "ipv4/sockopt.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ipv4/header.h"
#include "ipv4/icmp.h"
#include "shim/shim_testing.h"

using shim_testing::Fd;
using shim_testing::Inet;
using shim_testing::LoopbackUdp;
using shim_testing::RawSocket;
using shim_testing::ReadQueued;
using shim_testing::SendTo;
using shim_testing::WaitReadable;

namespace {

// Raw sockets need CAP_NET_RAW; under Bazel's sandbox the tests find it in
// a private network namespace (see shim_testing.h), before any test runs.
[[maybe_unused]] const bool kRawSockets = shim_testing::PreferRawSockets();

// ICMP_FILTER of <linux/icmp.h>, which clashes with <net/if.h>.
constexpr int kIcmpFilter = 1;

ipv4_packet_conn ClosedPacketConn() {
  ipv4_packet_conn pc{};
  pc.fd = -1;
  return pc;
}

// --- UDP with a BPF program ------------------------------------------------

// On a UDP socket a program sees the UDP header first: the payload starts at
// offset 8. kAcceptA keeps datagrams whose payload starts with 'A'.
const sock_filter kAcceptA[] = {
    BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 8),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 'A', 0, 1),
    BPF_STMT(BPF_RET | BPF_K, 0xffffffff),
    BPF_STMT(BPF_RET | BPF_K, 0),
};
const size_t kAcceptALen = sizeof(kAcceptA) / sizeof(kAcceptA[0]);

struct UdpPair {
  sockaddr_in rx_addr{};
  Fd rx{LoopbackUdp(&rx_addr)};
  Fd tx{LoopbackUdp(nullptr)};
  ipv4_packet_conn pc{};
  UdpPair() { EXPECT_EQ(0, ipv4_packet_conn_init(&pc, rx.get())); }
  void Send(const std::string& text) {
    ASSERT_TRUE(SendTo(tx.get(), text.data(), text.size(), rx_addr));
  }
  // Received sends an accepted marker and returns what came before it.
  std::vector<std::string> Received() {
    Send("A-marker");
    std::vector<std::string> got;
    while (WaitReadable(rx.get(), 2000)) {
      for (std::string& d : ReadQueued(rx.get())) {
        if (d == "A-marker") return got;
        got.push_back(d);
      }
    }
    ADD_FAILURE() << "the marker never arrived";
    return got;
  }
};

TEST(SetBpf, DropsWhatTheProgramRejects) {
  UdpPair u;
  ASSERT_EQ(0, ipv4_packet_conn_set_bpf(&u.pc, kAcceptA, kAcceptALen));
  u.Send("A1");
  u.Send("B1");
  u.Send("A2");
  EXPECT_EQ((std::vector<std::string>{"A1", "A2"}), u.Received());
}

TEST(SetBpf, LeavesWhatWasQueuedBeforeIt) {
  // The reason for set_bpf_and_drain: a plain attach judges only arrivals.
  UdpPair u;
  u.Send("B-early");
  ASSERT_EQ(0, ipv4_packet_conn_set_bpf(&u.pc, kAcceptA, kAcceptALen));
  u.Send("B-late");
  EXPECT_EQ(std::vector<std::string>{"B-early"}, u.Received());
}

TEST(SetBpf, TakesTheLongestProgramLinuxAllows) {
  UdpPair u;
  std::vector<sock_filter> prog(IPV4_BPF_MAXINSNS,
                                sock_filter BPF_STMT(BPF_LD | BPF_IMM, 0));
  prog.back() = sock_filter BPF_STMT(BPF_RET | BPF_K, 0xffffffff);
  EXPECT_EQ(0, ipv4_packet_conn_set_bpf(&u.pc, prog.data(), prog.size()));
  u.Send("B");
  EXPECT_EQ(std::vector<std::string>{"B"}, u.Received());
}

TEST(SetBpf, RejectsBadPrograms) {
  UdpPair u;
  std::vector<sock_filter> long_prog(IPV4_BPF_MAXINSNS + 1,
                                     sock_filter BPF_STMT(BPF_RET | BPF_K, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_bpf(&u.pc, nullptr, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_bpf(&u.pc, kAcceptA, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_bpf(&u.pc, long_prog.data(),
                                                  long_prog.size()));
  // The kernel's checker: a jump past the end, and a program that does not
  // end in a return.
  const sock_filter jump_out[] = {
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 5, 5),
      BPF_STMT(BPF_RET | BPF_K, 0),
  };
  EXPECT_EQ(-EINVAL, ipv4_packet_conn_set_bpf(&u.pc, jump_out, 2));
  const sock_filter no_return[] = {BPF_STMT(BPF_LD | BPF_IMM, 0)};
  EXPECT_EQ(-EINVAL, ipv4_packet_conn_set_bpf(&u.pc, no_return, 1));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_bpf(nullptr, kAcceptA, kAcceptALen));
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_bpf(&closed, kAcceptA, kAcceptALen));
  // Nothing was attached.
  u.Send("B");
  EXPECT_EQ(std::vector<std::string>{"B"}, u.Received());
}

TEST(SetBpf, LockedFilterIsPermissionDenied) {
  UdpPair u;
  ASSERT_EQ(0, ipv4_packet_conn_set_bpf(&u.pc, kAcceptA, kAcceptALen));
  int on = 1;
  ASSERT_EQ(
      0, setsockopt(u.rx.get(), SOL_SOCKET, SO_LOCK_FILTER, &on, sizeof(on)));
  EXPECT_EQ(-EPERM, ipv4_packet_conn_set_bpf(&u.pc, kAcceptA, kAcceptALen));
}

// --- Race-free attach ---------------------------------------------------------

TEST(SetBpfAndDrain, DiscardsWhatWasQueuedAndFiltersWhatFollows) {
  UdpPair u;
  u.Send("B-early");
  u.Send("A-early");
  u.Send("B-early2");
  EXPECT_EQ(3,
            ipv4_packet_conn_set_bpf_and_drain(&u.pc, kAcceptA, kAcceptALen));
  u.Send("B-late");
  u.Send("A-late");
  EXPECT_EQ(std::vector<std::string>{"A-late"}, u.Received());
}

TEST(SetBpfAndDrain, EmptyQueueDiscardsNothing) {
  UdpPair u;
  EXPECT_EQ(0,
            ipv4_packet_conn_set_bpf_and_drain(&u.pc, kAcceptA, kAcceptALen));
}

// A sender floods the socket with accepted and rejected datagrams while the
// filter goes on. Whatever is read afterwards must all be accepted ones.
TEST(SetBpfAndDrain, NoRejectedPacketIsReadEvenUnderConcurrentTraffic) {
  for (int round = 0; round < 5; round++) {
    UdpPair u;
    std::atomic<bool> stop{false};
    std::atomic<long> sent{0};
    std::thread flood([&] {
      for (long i = 0; !stop.load(); i++) {
        const char* text = (i & 1) ? "B-flood" : "A-flood";
        sendto(u.tx.get(), text, strlen(text), 0,
               reinterpret_cast<const sockaddr*>(&u.rx_addr),
               sizeof(u.rx_addr));
        sent.fetch_add(1);
      }
    });
    while (sent.load() < 200) std::this_thread::yield();
    int drained =
        ipv4_packet_conn_set_bpf_and_drain(&u.pc, kAcceptA, kAcceptALen);
    long at_return = sent.load();
    while (sent.load() < at_return + 200) std::this_thread::yield();
    stop = true;
    flood.join();
    EXPECT_GT(drained, 0);
    std::vector<std::string> got = ReadQueued(u.rx.get());
    EXPECT_FALSE(got.empty()) << "no accepted datagram came after the call";
    for (const std::string& d : got)
      ASSERT_EQ("A-flood", d) << "round " << round;
  }
}

TEST(SetBpfAndDrain, RefusedProgramChangesNothing) {
  UdpPair u;
  u.Send("B-early");
  const sock_filter no_return[] = {BPF_STMT(BPF_LD | BPF_IMM, 0)};
  EXPECT_EQ(-EINVAL, ipv4_packet_conn_set_bpf_and_drain(&u.pc, no_return, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_bpf_and_drain(&u.pc, nullptr, 1));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_bpf_and_drain(&u.pc, kAcceptA, 0));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_bpf_and_drain(nullptr, kAcceptA, kAcceptALen));
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_bpf_and_drain(&closed, kAcceptA, kAcceptALen));
  u.Send("B-late");
  EXPECT_EQ((std::vector<std::string>{"B-early", "B-late"}), u.Received());
}

TEST(SetBpfAndDrain, LockedFilterChangesNothing) {
  UdpPair u;
  int on = 1;
  const sock_filter accept_all[] = {BPF_STMT(BPF_RET | BPF_K, 0xffffffff)};
  ASSERT_EQ(0, ipv4_packet_conn_set_bpf(&u.pc, accept_all, 1));
  ASSERT_EQ(
      0, setsockopt(u.rx.get(), SOL_SOCKET, SO_LOCK_FILTER, &on, sizeof(on)));
  u.Send("B-early");
  EXPECT_EQ(-EPERM,
            ipv4_packet_conn_set_bpf_and_drain(&u.pc, kAcceptA, kAcceptALen));
  EXPECT_EQ(std::vector<std::string>{"B-early"}, u.Received());
}

// An error the socket had pending for an earlier datagram is reported by
// one read during the drain, and discarded with the queue.
TEST(SetBpfAndDrain, PendingSocketErrorIsDiscardedWithTheQueue) {
  UdpPair u;
  sockaddr_in closed_port{};
  {
    Fd gone(LoopbackUdp(&closed_port));  // a port nobody listens on after this
  }
  ASSERT_EQ(0,
            connect(u.rx.get(), reinterpret_cast<const sockaddr*>(&closed_port),
                    sizeof(closed_port)));
  ASSERT_EQ(1,
            send(u.rx.get(), "x", 1, 0));  // ICMP port unreachable comes back
  bool pending = false;
  for (int i = 0; i < 200 && !pending; i++) {
    pollfd p{u.rx.get(), 0, 0};
    pending = poll(&p, 1, 10) == 1 && (p.revents & POLLERR);
  }
  ASSERT_TRUE(pending) << "no ICMP error arrived";
  Fd peer(socket(AF_INET, SOCK_DGRAM, 0));  // the connected peer's address
  ASSERT_EQ(0, bind(peer.get(), reinterpret_cast<const sockaddr*>(&closed_port),
                    sizeof(closed_port)));
  ASSERT_TRUE(SendTo(peer.get(), "B-early", 7, u.rx_addr));
  EXPECT_EQ(1,
            ipv4_packet_conn_set_bpf_and_drain(&u.pc, kAcceptA, kAcceptALen));
  int err = -1;
  socklen_t len = sizeof(err);
  ASSERT_EQ(0, getsockopt(u.rx.get(), SOL_SOCKET, SO_ERROR, &err, &len));
  EXPECT_EQ(0, err);
  ASSERT_TRUE(SendTo(peer.get(), "B-late", 6, u.rx_addr));
  ASSERT_TRUE(SendTo(peer.get(), "A-late", 6, u.rx_addr));
  ASSERT_TRUE(WaitReadable(u.rx.get(), 2000));
  EXPECT_EQ(std::vector<std::string>{"A-late"}, ReadQueued(u.rx.get()));
}

// RunWithFailingSyscall runs fn on a thread whose system call nr fails with
// error (a seccomp filter of that thread alone): membarrier(2) as on
// kernels before 4.16 or in a sandbox that forbids it, recvfrom(2) as a
// socket that cannot be read. False when the filter cannot be installed.
template <typename Fn>
bool RunWithFailingSyscall(long nr, int error, Fn fn) {
  bool installed = false;
  std::thread t([&] {
    sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<uint32_t>(nr), 0, 1),
        BPF_STMT(BPF_RET | BPF_K,
                 SECCOMP_RET_ERRNO | static_cast<uint32_t>(error)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    sock_fprog prog{static_cast<unsigned short>(sizeof(code) / sizeof(code[0])),
                    code};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
      return;
    }
    installed = true;
    fn();
  });
  t.join();
  return installed;
}

TEST(SetBpfAndDrain, NoGracePeriodDrainsAndKeepsDroppingButFails) {
  UdpPair u;
  u.Send("B-early");
  int rc = 0;
  if (!RunWithFailingSyscall(SYS_membarrier, ENOSYS, [&] {
        rc = ipv4_packet_conn_set_bpf_and_drain(&u.pc, kAcceptA, kAcceptALen);
      })) {
    GTEST_SKIP() << "cannot install a seccomp filter here";
  }
  EXPECT_EQ(-ENOSYS, rc);
  u.Send("A-after");
  EXPECT_FALSE(WaitReadable(u.rx.get(), 100));  // drained, and dropping
  EXPECT_EQ(0,
            ipv4_packet_conn_set_bpf_and_drain(&u.pc, kAcceptA, kAcceptALen));
  u.Send("B-again");
  EXPECT_EQ(std::vector<std::string>{}, u.Received());
}

TEST(SetBpfAndDrain, FailingReadsEndTheDrainAndKeepDropping) {
  UdpPair u;
  u.Send("B-early");
  int rc = 0;
  if (!RunWithFailingSyscall(SYS_recvfrom, EIO, [&] {
        rc = ipv4_packet_conn_set_bpf_and_drain(&u.pc, kAcceptA, kAcceptALen);
      })) {
    GTEST_SKIP() << "cannot install a seccomp filter here";
  }
  EXPECT_EQ(-EIO, rc);
  u.Send("A-after");
  ASSERT_TRUE(WaitReadable(u.rx.get(), 100));
  EXPECT_EQ(std::vector<std::string>{"B-early"}, ReadQueued(u.rx.get()))
      << "only what was queued before the call may remain; nothing new";
  EXPECT_EQ(0,
            ipv4_packet_conn_set_bpf_and_drain(&u.pc, kAcceptA, kAcceptALen));
}

// --- ICMP filters -----------------------------------------------------------------

// A raw ICMP socket, or -1 without CAP_NET_RAW.
struct RawIcmp {
  Fd fd{RawSocket(IPPROTO_ICMP)};
  ipv4_packet_conn pc{};
  bool ok() const { return fd.get() >= 0; }
  RawIcmp() {
    if (ok()) {
      EXPECT_EQ(0, ipv4_packet_conn_init(&pc, fd.get()));
    }
  }
};

const char kIcmpMagic[] = "libipv4-filter-test";

// SendIcmp sends an ICMP message of the given type with our id and seq and
// a payload that marks it as this test's, to 127.0.0.1.
void SendIcmp(int fd, uint8_t type, uint16_t seq) {
  uint8_t msg[8 + sizeof(kIcmpMagic)] = {type, 0, 0, 0};
  uint16_t id = static_cast<uint16_t>(getpid());
  msg[4] = static_cast<uint8_t>(id >> 8);
  msg[5] = static_cast<uint8_t>(id);
  msg[6] = static_cast<uint8_t>(seq >> 8);
  msg[7] = static_cast<uint8_t>(seq);
  memcpy(msg + 8, kIcmpMagic, sizeof(kIcmpMagic));
  uint16_t sum = ipv4_checksum(msg, sizeof(msg));
  msg[2] = static_cast<uint8_t>(sum >> 8);
  msg[3] = static_cast<uint8_t>(sum);
  ASSERT_TRUE(SendTo(fd, msg, sizeof(msg), Inet("127.0.0.1")));
}

// OurIcmp returns "type/seq" for each of this test's messages read from fd,
// up to the one with seq marker_seq, skipping any other ICMP on the host.
std::vector<std::string> OurIcmp(int fd, uint16_t marker_seq) {
  std::vector<std::string> got;
  while (WaitReadable(fd, 2000)) {
    for (const std::string& d : ReadQueued(fd)) {
      size_t ihl = (static_cast<uint8_t>(d[0]) & 0x0f) * 4u;
      if (d.size() != ihl + 8 + sizeof(kIcmpMagic) ||
          memcmp(d.data() + ihl + 8, kIcmpMagic, sizeof(kIcmpMagic)) != 0 ||
          ((static_cast<uint8_t>(d[ihl + 4]) << 8) |
           static_cast<uint8_t>(d[ihl + 5])) != (getpid() & 0xffff)) {
        continue;
      }
      int type = static_cast<uint8_t>(d[ihl]);
      int seq = (static_cast<uint8_t>(d[ihl + 6]) << 8) |
                static_cast<uint8_t>(d[ihl + 7]);
      if (seq == marker_seq) return got;
      got.push_back(std::to_string(type) + "/" + std::to_string(seq));
    }
  }
  ADD_FAILURE() << "the marker never arrived";
  return got;
}

// Types 9 and 10 (router advertisement and solicitation) and 40 (Photuris)
// are ones the kernel itself neither answers nor acts on.
const uint16_t kMarkerSeq = 9999;

TEST(IcmpFilter, RoundTrips) {
  RawIcmp r;
  if (!r.ok()) GTEST_SKIP() << "needs CAP_NET_RAW for a raw ICMP socket";
  ipv4_icmp_filter got;
  ASSERT_EQ(0, ipv4_packet_conn_icmp_filter(&r.pc, &got));
  for (int t = 0; t < 256; t++)
    EXPECT_EQ(0, ipv4_icmp_filter_will_block(&got, t)) << t;
  ipv4_icmp_filter f = {};
  for (int t : {0, 3, 9, 31}) ASSERT_EQ(0, ipv4_icmp_filter_block(&f, t));
  ASSERT_EQ(0, ipv4_packet_conn_set_icmp_filter(&r.pc, &f));
  ASSERT_EQ(0, ipv4_packet_conn_icmp_filter(&r.pc, &got));
  EXPECT_EQ(0, memcmp(&f, &got, sizeof(f)));
  uint32_t word = 0;
  socklen_t len = sizeof(word);
  ASSERT_EQ(0, getsockopt(r.fd.get(), SOL_RAW, kIcmpFilter, &word, &len));
  EXPECT_EQ((1u << 0) | (1u << 3) | (1u << 9) | (1u << 31), word);
}

TEST(IcmpFilter, DropsBlockedTypes) {
  RawIcmp r, s;
  if (!r.ok()) GTEST_SKIP() << "needs CAP_NET_RAW for a raw ICMP socket";
  ipv4_icmp_filter f = {};
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, 9));
  ASSERT_EQ(0, ipv4_packet_conn_set_icmp_filter(&r.pc, &f));
  SendIcmp(s.fd.get(), 9, 1);
  SendIcmp(s.fd.get(), 10, 2);
  SendIcmp(s.fd.get(), 40, 3);
  SendIcmp(s.fd.get(), 9, 4);
  SendIcmp(s.fd.get(), 10, kMarkerSeq);
  EXPECT_EQ((std::vector<std::string>{"10/2", "40/3"}),
            OurIcmp(r.fd.get(), kMarkerSeq));
}

TEST(IcmpFilter, RefusesTypesLinuxCannotBlock) {
  RawIcmp r;
  if (!r.ok()) GTEST_SKIP() << "needs CAP_NET_RAW for a raw ICMP socket";
  ipv4_icmp_filter f = {};
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, 8));
  ASSERT_EQ(0, ipv4_packet_conn_set_icmp_filter(&r.pc, &f));
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, 40));
  EXPECT_EQ(IPV4_EICMPTYPE, ipv4_packet_conn_set_icmp_filter(&r.pc, &f));
  EXPECT_EQ(IPV4_EICMPTYPE,
            ipv4_packet_conn_set_icmp_filter_and_drain(&r.pc, &f));
  ipv4_icmp_filter got;
  ASSERT_EQ(0, ipv4_packet_conn_icmp_filter(&r.pc, &got));
  EXPECT_EQ(1, ipv4_icmp_filter_will_block(&got, 8));
  EXPECT_EQ(0, ipv4_icmp_filter_will_block(&got, 40));
}

TEST(IcmpFilter, WrongKindOfSocketIsSockType) {
  ipv4_icmp_filter f = {};
  ipv4_icmp_filter got;
  Fd udp(LoopbackUdp(nullptr));
  ipv4_packet_conn pc;
  ASSERT_EQ(0, ipv4_packet_conn_init(&pc, udp.get()));
  // Linux itself would say -ENOPROTOOPT to the setter, -EOPNOTSUPP to the getter.
  EXPECT_EQ(IPV4_ESOCKTYPE, ipv4_packet_conn_set_icmp_filter(&pc, &f));
  EXPECT_EQ(IPV4_ESOCKTYPE, ipv4_packet_conn_icmp_filter(&pc, &got));
  EXPECT_EQ(IPV4_ESOCKTYPE,
            ipv4_packet_conn_set_icmp_filter_and_drain(&pc, &f));

  Fd raw(RawSocket(253));
  if (raw.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  ASSERT_EQ(0, ipv4_packet_conn_init(&pc, raw.get()));
  EXPECT_EQ(IPV4_ESOCKTYPE, ipv4_packet_conn_set_icmp_filter(&pc, &f));
  EXPECT_EQ(IPV4_ESOCKTYPE, ipv4_packet_conn_icmp_filter(&pc, &got));

  Fd ping(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));  // may be forbidden
  if (ping.get() >= 0) {
    ASSERT_EQ(0, ipv4_packet_conn_init(&pc, ping.get()));
    EXPECT_EQ(IPV4_ESOCKTYPE, ipv4_packet_conn_set_icmp_filter(&pc, &f));
  }
}

TEST(IcmpFilter, RejectsBadArguments) {
  RawIcmp r;
  if (!r.ok()) GTEST_SKIP() << "needs CAP_NET_RAW for a raw ICMP socket";
  ipv4_icmp_filter f = {};
  ipv4_icmp_filter got;
  memset(&got, 0xff, sizeof(got));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_icmp_filter(nullptr, &got));
  EXPECT_EQ(0, ipv4_icmp_filter_will_block(&got, 0));  // zeroed
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_icmp_filter(&r.pc, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_icmp_filter(nullptr, &f));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_icmp_filter(&r.pc, nullptr));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_icmp_filter_and_drain(nullptr, &f));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_packet_conn_set_icmp_filter_and_drain(&r.pc, nullptr));
  ipv4_packet_conn closed = ClosedPacketConn();
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_icmp_filter(&closed, &f));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_icmp_filter(&closed, &got));
}

TEST(IcmpFilterAndDrain, NoQueuedBlockedTypeIsReadAfterwards) {
  RawIcmp r, s;
  if (!r.ok()) GTEST_SKIP() << "needs CAP_NET_RAW for a raw ICMP socket";
  SendIcmp(s.fd.get(), 9, 1);
  SendIcmp(s.fd.get(), 10, 2);
  SendIcmp(s.fd.get(), 9, 3);
  ASSERT_TRUE(WaitReadable(r.fd.get(), 2000));
  ipv4_icmp_filter f = {};
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, 9));
  int drained = ipv4_packet_conn_set_icmp_filter_and_drain(&r.pc, &f);
  EXPECT_GE(drained, 3);  // ours, and any other ICMP the host received
  SendIcmp(s.fd.get(), 9, 4);
  SendIcmp(s.fd.get(), 10, 5);
  SendIcmp(s.fd.get(), 10, kMarkerSeq);
  EXPECT_EQ(std::vector<std::string>{"10/5"}, OurIcmp(r.fd.get(), kMarkerSeq));
  ipv4_icmp_filter got;
  ASSERT_EQ(0, ipv4_packet_conn_icmp_filter(&r.pc, &got));
  EXPECT_EQ(0, memcmp(&f, &got, sizeof(f)));
}

TEST(IcmpFilterAndDrain, PlainSetLeavesQueuedBlockedTypes) {
  RawIcmp r, s;
  if (!r.ok()) GTEST_SKIP() << "needs CAP_NET_RAW for a raw ICMP socket";
  SendIcmp(s.fd.get(), 9, 1);
  ASSERT_TRUE(WaitReadable(r.fd.get(), 2000));
  ipv4_icmp_filter f = {};
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, 9));
  ASSERT_EQ(0, ipv4_packet_conn_set_icmp_filter(&r.pc, &f));
  SendIcmp(s.fd.get(), 10, kMarkerSeq);
  EXPECT_EQ(std::vector<std::string>{"9/1"}, OurIcmp(r.fd.get(), kMarkerSeq));
}

TEST(IcmpFilterAndDrain, NoGracePeriodLeavesTheStandInFilter) {
  RawIcmp r, s;
  if (!r.ok()) GTEST_SKIP() << "needs CAP_NET_RAW for a raw ICMP socket";
  ipv4_icmp_filter f = {};
  int rc = 0;
  if (!RunWithFailingSyscall(SYS_membarrier, ENOSYS, [&] {
        rc = ipv4_packet_conn_set_icmp_filter_and_drain(&r.pc, &f);
      })) {
    GTEST_SKIP() << "cannot install a seccomp filter here";
  }
  EXPECT_EQ(-ENOSYS, rc);
  ipv4_icmp_filter got;
  ASSERT_EQ(0, ipv4_packet_conn_icmp_filter(&r.pc, &got));
  for (int t = 0; t < 32; t++)
    EXPECT_EQ(1, ipv4_icmp_filter_will_block(&got, t)) << t;
  EXPECT_GE(ipv4_packet_conn_set_icmp_filter_and_drain(&r.pc, &f), 0);
  ASSERT_EQ(0, ipv4_packet_conn_icmp_filter(&r.pc, &got));
  EXPECT_EQ(0, ipv4_icmp_filter_will_block(&got, 9));
}

// --- Raw connections ----------------------------------------------------------------

TEST(RawConnFilter, BpfSeesTheIpHeaderFirst) {
  Fd rx_fd(RawSocket(253)), tx(RawSocket(253));
  if (rx_fd.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
  ipv4_raw_conn rc;
  ASSERT_EQ(0, ipv4_raw_conn_init(&rc, rx_fd.get()));
  // Payload byte 0 follows a 20-byte header (the sender adds no options).
  const sock_filter accept_a[] = {
      BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 20),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 'A', 0, 1),
      BPF_STMT(BPF_RET | BPF_K, 0xffffffff),
      BPF_STMT(BPF_RET | BPF_K, 0),
  };
  ASSERT_TRUE(SendTo(tx.get(), "B-early", 7, Inet("127.0.0.1")));
  ASSERT_TRUE(WaitReadable(rx_fd.get(), 2000));
  EXPECT_EQ(1, ipv4_packet_conn_set_bpf_and_drain(&rc.pc, accept_a, 4));
  ASSERT_TRUE(SendTo(tx.get(), "B-late", 6, Inet("127.0.0.1")));
  ASSERT_TRUE(SendTo(tx.get(), "A-late", 6, Inet("127.0.0.1")));
  ASSERT_TRUE(WaitReadable(rx_fd.get(), 2000));
  std::vector<std::string> got = ReadQueued(rx_fd.get());
  ASSERT_EQ(1u, got.size());
  EXPECT_EQ("A-late", got[0].substr(20));
  ASSERT_EQ(0, ipv4_packet_conn_set_bpf(&rc.pc, accept_a, 4));
}

TEST(RawConnFilter, IcmpFilterCallsApplyToTheSocket) {
  Fd fd(RawSocket(IPPROTO_ICMP));
  if (fd.get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw ICMP socket";
  ipv4_raw_conn rc;
  ASSERT_EQ(0, ipv4_raw_conn_init(&rc, fd.get()));
  ipv4_icmp_filter f = {};
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, 5));
  ASSERT_EQ(0, ipv4_packet_conn_set_icmp_filter(&rc.pc, &f));
  ipv4_icmp_filter got;
  ASSERT_EQ(0, ipv4_packet_conn_icmp_filter(&rc.pc, &got));
  EXPECT_EQ(0, memcmp(&f, &got, sizeof(f)));
  ASSERT_EQ(0, ipv4_icmp_filter_block(&f, 6));
  EXPECT_GE(ipv4_packet_conn_set_icmp_filter_and_drain(&rc.pc, &f), 0);
  ASSERT_EQ(0, ipv4_packet_conn_icmp_filter(&rc.pc, &got));
  EXPECT_EQ(0, memcmp(&f, &got, sizeof(f)));
}

}  // namespace
