/* SPDX-License-Identifier: BSD-3-Clause */
// Deadlines: set, clear, expire on time, survive signals, move while a
// call is blocked. Timing bounds are generous for a loaded two-core machine
// but a call that ignored its deadline would block until the test timed out
// or overshoot by far more than kLate.
#include "ipv4/io.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <thread>
#include <vector>

#include "shim/shim_testing.h"

using shim_testing::Fd;
using shim_testing::Pending;
using shim_testing::SendTo;

namespace {

constexpr int64_t kMs = 1000000;
constexpr int64_t kLate = 50 * kMs;  // how late an expiry may be noticed

// UdpPair starts with no deadline: each test sets its own.
struct UdpPair : shim_testing::UdpConnPair {
  UdpPair() : UdpConnPair(0) {}
};

std::atomic<int> g_signals{0};
void CountSignal(int) { g_signals.fetch_add(1); }

// NoRestartHandler installs a SIGUSR1 handler without SA_RESTART, so that
// a signal makes a blocked system call fail with EINTR, and restores the
// previous one afterwards.
class NoRestartHandler {
 public:
  NoRestartHandler() {
    struct sigaction sa {};
    sa.sa_handler = CountSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, &old_);
    g_signals = 0;
  }
  ~NoRestartHandler() { sigaction(SIGUSR1, &old_, nullptr); }

 private:
  struct sigaction old_ {};
};

// Signaller sends SIGUSR1 to a thread every period until stopped.
class Signaller {
 public:
  Signaller(pthread_t target, int64_t period_ns)
      : thread_([this, target, period_ns] {
          while (!stop_) {
            pthread_kill(target, SIGUSR1);
            timespec ts{0, static_cast<long>(period_ns)};
            nanosleep(&ts, nullptr);
          }
        }) {}
  ~Signaller() {
    stop_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

void SleepNs(int64_t ns) {
  timespec ts{static_cast<time_t>(ns / 1000000000),
              static_cast<long>(ns % 1000000000)};
  nanosleep(&ts, nullptr);
}

TEST(MonotonicNs, AdvancesWithTheMonotonicClock) {
  int64_t a = ipv4_monotonic_ns();
  SleepNs(2 * kMs);
  int64_t b = ipv4_monotonic_ns();
  EXPECT_GT(a, 0);
  EXPECT_GE(b - a, 2 * kMs);
}

TEST(SetDeadline, RejectsNullConnAndNegativeTimes) {
  ipv4_packet_conn c{};
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_deadline(nullptr, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_read_deadline(nullptr, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_write_deadline(nullptr, 1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_deadline(&c, -1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_read_deadline(&c, -1));
  EXPECT_EQ(IPV4_EINVAL, ipv4_packet_conn_set_write_deadline(&c, -1));
  EXPECT_EQ(0, c.read_deadline_ns);
  EXPECT_EQ(0, c.write_deadline_ns);
}

TEST(SetDeadline, SetsAndClearsEachDirection) {
  ipv4_packet_conn c{};
  EXPECT_EQ(0, ipv4_packet_conn_set_deadline(&c, 7));
  EXPECT_EQ(7, c.read_deadline_ns);
  EXPECT_EQ(7, c.write_deadline_ns);
  EXPECT_EQ(0, ipv4_packet_conn_set_read_deadline(&c, 9));
  EXPECT_EQ(9, c.read_deadline_ns);
  EXPECT_EQ(7, c.write_deadline_ns);
  EXPECT_EQ(0, ipv4_packet_conn_set_write_deadline(&c, 11));
  EXPECT_EQ(9, c.read_deadline_ns);
  EXPECT_EQ(11, c.write_deadline_ns);
  EXPECT_EQ(0, ipv4_packet_conn_set_deadline(&c, 0));
  EXPECT_EQ(0, c.read_deadline_ns);
  EXPECT_EQ(0, c.write_deadline_ns);
}

TEST(ReadDeadline, PastDeadlineFailsAtOnceWithoutConsuming) {
  UdpPair p;
  ASSERT_TRUE(SendTo(p.tx.get(), "x", 1, p.rx_addr));
  SleepNs(5 * kMs);
  ASSERT_TRUE(Pending(p.rx.get()));
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, 1));
  uint8_t buf[8];
  int64_t t0 = ipv4_monotonic_ns();
  EXPECT_EQ(IPV4_ETIMEOUT, ipv4_packet_conn_read_from(
                               &p.rconn, buf, sizeof(buf), nullptr, nullptr));
  EXPECT_LT(ipv4_monotonic_ns() - t0, kLate);
  EXPECT_TRUE(Pending(p.rx.get()));  // still there
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, 0));
  EXPECT_EQ(1, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), nullptr,
                                          nullptr));
}

TEST(ReadDeadline, BlockingReadEndsAtTheDeadline) {
  UdpPair p;
  int64_t deadline = ipv4_monotonic_ns() + 150 * kMs;
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, deadline));
  uint8_t buf[8];
  EXPECT_EQ(IPV4_ETIMEOUT, ipv4_packet_conn_read_from(
                               &p.rconn, buf, sizeof(buf), nullptr, nullptr));
  int64_t end = ipv4_monotonic_ns();
  EXPECT_GE(end, deadline);
  EXPECT_LT(end - deadline, kLate);
}

TEST(ReadDeadline, DataBeforeTheDeadlineIsRead) {
  UdpPair p;
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(
                   &p.rconn, ipv4_monotonic_ns() + 5000 * kMs));
  std::thread sender([&] {
    SleepNs(30 * kMs);
    SendTo(p.tx.get(), "late", 4, p.rx_addr);
  });
  uint8_t buf[8];
  int64_t t0 = ipv4_monotonic_ns();
  EXPECT_EQ(4, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), nullptr,
                                          nullptr));
  EXPECT_LT(ipv4_monotonic_ns() - t0, 2000 * kMs);
  sender.join();
}

TEST(ReadDeadline, SignalsDoNotEndTheWaitEarly) {
  NoRestartHandler handler;
  UdpPair p;
  int64_t deadline = ipv4_monotonic_ns() + 300 * kMs;
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, deadline));
  uint8_t buf[8];
  int rc;
  {
    Signaller s(pthread_self(), 20 * kMs);
    rc = ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), nullptr,
                                    nullptr);
  }
  int64_t end = ipv4_monotonic_ns();
  EXPECT_EQ(IPV4_ETIMEOUT, rc);
  EXPECT_GE(end, deadline);
  EXPECT_LT(end - deadline, kLate + 20 * kMs);
  EXPECT_GT(g_signals.load(), 2) << "the signals never arrived";
}

TEST(ReadDeadline, SignalsDoNotEndABlockingReadWithoutDeadline) {
  NoRestartHandler handler;
  UdpPair p;
  uint8_t buf[8];
  std::thread sender([&] {
    SleepNs(200 * kMs);
    SendTo(p.tx.get(), "ok", 2, p.rx_addr);
  });
  int rc;
  {
    Signaller s(pthread_self(), 20 * kMs);
    rc = ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf), nullptr,
                                    nullptr);
  }
  sender.join();
  EXPECT_EQ(2, rc);
  EXPECT_GT(g_signals.load(), 2) << "the signals never arrived";
}

// The documented way to end a blocked read: a past deadline, then a signal.
TEST(ReadDeadline, AnotherThreadCanCancelABlockedRead) {
  NoRestartHandler handler;
  UdpPair p;
  pthread_t reader = pthread_self();
  std::thread canceller([&] {
    SleepNs(100 * kMs);
    ipv4_packet_conn_set_read_deadline(&p.rconn, 1);
    pthread_kill(reader, SIGUSR1);
  });
  uint8_t buf[8];
  int64_t t0 = ipv4_monotonic_ns();
  EXPECT_EQ(IPV4_ETIMEOUT, ipv4_packet_conn_read_from(
                               &p.rconn, buf, sizeof(buf), nullptr, nullptr));
  EXPECT_LT(ipv4_monotonic_ns() - t0, 100 * kMs + 2000 * kMs);
  canceller.join();
}

TEST(ReadDeadline, ShortenedDeadlineTakesEffectAtTheNextWakeUp) {
  NoRestartHandler handler;
  UdpPair p;
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(
                   &p.rconn, ipv4_monotonic_ns() + 60000 * kMs));
  pthread_t reader = pthread_self();
  int64_t new_deadline = 0;
  std::thread mover([&] {
    SleepNs(50 * kMs);
    new_deadline = ipv4_monotonic_ns() + 100 * kMs;
    ipv4_packet_conn_set_read_deadline(&p.rconn, new_deadline);
    pthread_kill(reader, SIGUSR1);
  });
  uint8_t buf[8];
  EXPECT_EQ(IPV4_ETIMEOUT, ipv4_packet_conn_read_from(
                               &p.rconn, buf, sizeof(buf), nullptr, nullptr));
  int64_t end = ipv4_monotonic_ns();
  mover.join();
  EXPECT_GE(end, new_deadline);
  EXPECT_LT(end - new_deadline, kLate);
}

TEST(ReadDeadline, WaitsOnANonBlockingDescriptorToo) {
  UdpPair p;
  ASSERT_EQ(0, fcntl(p.rx.get(), F_SETFL, O_NONBLOCK));
  uint8_t buf[8];
  EXPECT_EQ(-EAGAIN, ipv4_packet_conn_read_from(&p.rconn, buf, sizeof(buf),
                                                nullptr, nullptr));
  int64_t deadline = ipv4_monotonic_ns() + 100 * kMs;
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, deadline));
  EXPECT_EQ(IPV4_ETIMEOUT, ipv4_packet_conn_read_from(
                               &p.rconn, buf, sizeof(buf), nullptr, nullptr));
  EXPECT_GE(ipv4_monotonic_ns(), deadline);
}

TEST(ReadDeadline, DontWaitFlagReturnsAtOnceDespiteADeadline) {
  UdpPair p;
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(
                   &p.rconn, ipv4_monotonic_ns() + 5000 * kMs));
  uint8_t buf[8];
  iovec iov{buf, sizeof(buf)};
  ipv4_message m{};
  m.buffers = &iov;
  m.num_buffers = 1;
  int64_t t0 = ipv4_monotonic_ns();
  EXPECT_EQ(-EAGAIN,
            ipv4_packet_conn_read_batch(&p.rconn, &m, 1, MSG_DONTWAIT));
  EXPECT_LT(ipv4_monotonic_ns() - t0, kLate);
}

TEST(WriteDeadline, PastDeadlineSendsNothing) {
  UdpPair p;
  ipv4_packet_conn& tx = p.tconn;
  ASSERT_EQ(0, ipv4_packet_conn_set_write_deadline(&tx, 1));
  EXPECT_EQ(IPV4_ETIMEOUT, ipv4_packet_conn_write_to(
                               &tx, reinterpret_cast<const uint8_t*>("x"), 1,
                               nullptr, &p.rx_addr));
  SleepNs(10 * kMs);
  EXPECT_FALSE(Pending(p.rx.get()));
  // The read deadline is a different one.
  ASSERT_EQ(0, ipv4_packet_conn_set_write_deadline(&tx, 0));
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&tx, 1));
  EXPECT_EQ(
      1, ipv4_packet_conn_write_to(&tx, reinterpret_cast<const uint8_t*>("x"),
                                   1, nullptr, &p.rx_addr));
}

// UDP on loopback never blocks a writer (the loopback device hands the
// buffer space back at once), so the blocked write uses a connected
// AF_UNIX datagram pair whose receive queue is full, wrapped by hand (init
// would refuse it): the write path does not look at the family, and unlike
// TCP a datagram socket never completes a write in part.
TEST(WriteDeadline, BlockedWriteEndsAtTheDeadline) {
  int sv[2];
  ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
  Fd a(sv[0]);
  Fd b(sv[1]);
  int queued = 0;
  while (send(a.get(), "q", 1, MSG_DONTWAIT) == 1) queued++;
  ASSERT_GT(queued, 0);
  ipv4_packet_conn c{};
  c.fd = a.get();
  NoRestartHandler handler;
  int64_t deadline = ipv4_monotonic_ns() + 150 * kMs;
  ASSERT_EQ(0, ipv4_packet_conn_set_write_deadline(&c, deadline));
  int rc;
  {
    Signaller s(pthread_self(), 30 * kMs);
    rc = ipv4_packet_conn_write_to(&c, reinterpret_cast<const uint8_t*>("w"), 1,
                                   nullptr, nullptr);
  }
  int64_t end = ipv4_monotonic_ns();
  EXPECT_EQ(IPV4_ETIMEOUT, rc);
  EXPECT_GE(end, deadline);
  EXPECT_LT(end - deadline, kLate + 30 * kMs);
  EXPECT_GT(g_signals.load(), 2) << "the signals never arrived";
  // Room again: the same write now goes through before the deadline.
  char sink;
  ASSERT_EQ(1, recv(b.get(), &sink, 1, 0));
  ASSERT_EQ(0, ipv4_packet_conn_set_write_deadline(
                   &c, ipv4_monotonic_ns() + 5000 * kMs));
  EXPECT_EQ(
      1, ipv4_packet_conn_write_to(&c, reinterpret_cast<const uint8_t*>("w"), 1,
                                   nullptr, nullptr));
}

TEST(ErrorQueueDeadline, EmptyQueueWaitsUntilTheDeadline) {
  UdpPair p;
  uint8_t buf[8];
  ipv4_extended_error err;
  int64_t deadline = ipv4_monotonic_ns() + 100 * kMs;
  ASSERT_EQ(0, ipv4_packet_conn_set_read_deadline(&p.rconn, deadline));
  EXPECT_EQ(IPV4_ETIMEOUT,
            ipv4_packet_conn_read_error(&p.rconn, buf, sizeof(buf), &err,
                                        nullptr, nullptr));
  int64_t end = ipv4_monotonic_ns();
  EXPECT_GE(end, deadline);
  EXPECT_LT(end - deadline, kLate);
}

}  // namespace
