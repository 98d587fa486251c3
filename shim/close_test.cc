/* SPDX-License-Identifier: BSD-3-Clause */
// Closing a connection, or moving its deadline, while other threads are
// blocked in it: they return at once with a named code (Go's behaviour),
// the descriptor is closed only after the last of them has left, and
// nothing else is disturbed. Run under ThreadSanitizer too (--config=tsan).
#include "ipv4/io.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <stddef.h>

#include <atomic>
#include <thread>
#include <vector>

#include "shim/shim_testing.h"

using shim_testing::Fd;
using shim_testing::LoopbackUdp;

namespace {

constexpr int64_t kMs = 1000000;
constexpr int64_t kPrompt = 50 * kMs;  // how soon a woken call must return

// The layout promise of conn.h: the private fields came out of the reserved
// area; size and the named fields' offsets are those of 1.0 on x86-64, the
// machine abi/libipv4.so.1.abi was recorded on (other word sizes align
// int64_t differently, so their figures differ).
#if defined(__x86_64__)
static_assert(sizeof(ipv4_packet_conn) == 96, "size is ABI");
static_assert(offsetof(ipv4_packet_conn, fd) == 0, "offset is ABI");
static_assert(offsetof(ipv4_packet_conn, sock_type) == 4, "offset is ABI");
static_assert(offsetof(ipv4_packet_conn, cm_flags) == 8, "offset is ABI");
static_assert(offsetof(ipv4_packet_conn, read_deadline_ns) == 16,
              "offset is ABI");
static_assert(offsetof(ipv4_packet_conn, write_deadline_ns) == 24,
              "offset is ABI");
static_assert(sizeof(ipv4_raw_conn) == 96, "size is ABI");
#endif

void SleepMs(int ms) {
  timespec ts{0, static_cast<long>(ms * kMs)};
  nanosleep(&ts, nullptr);
}

// Blocked runs a call on a thread and records its result and when it
// returned; the test checks it has not returned before it acts.
class Blocked {
 public:
  template <typename F>
  explicit Blocked(F call)
      : thread_([this, call] {
          rc_ = call();
          at_ = ipv4_monotonic_ns();
          done_ = true;
        }) {}
  ~Blocked() {
    if (thread_.joinable()) thread_.join();
  }
  bool done() const { return done_; }
  // Join waits for the call; returns its result, or -9999 after 5 s.
  long Join(int64_t* out_at) {
    for (int i = 0; i < 500 && !done_; i++) SleepMs(10);
    if (!done_) return -9999;
    thread_.join();
    *out_at = at_;
    return rc_;
  }

 private:
  std::atomic<long> rc_{0};
  std::atomic<int64_t> at_{0};
  std::atomic<bool> done_{false};
  std::thread thread_;
};

struct Conn {
  Conn() : fd(LoopbackUdp(&addr)) {
    ok = ipv4_packet_conn_init(&c, fd.get()) == 0;
  }
  sockaddr_in addr{};
  Fd fd;
  ipv4_packet_conn c{};
  bool ok = false;
};

long ReadOnce(ipv4_packet_conn* c) {
  char buf[16];
  return ipv4_packet_conn_read_from(c, buf, sizeof(buf), nullptr, nullptr);
}

// BlockedRead is a fresh connection with one thread blocked in read_from
// (no deadline) for 100 ms already; ok() says all of that holds.
struct BlockedRead {
  BlockedRead() : reader([this] { return ReadOnce(&k.c); }) { SleepMs(100); }
  bool ok() const { return k.ok && !reader.done(); }
  Conn k;
  Blocked reader;
};

TEST(Close, WakesABlockedReadFrom) {
  BlockedRead r;
  ASSERT_TRUE(r.ok());
  int64_t t0 = ipv4_monotonic_ns();
  EXPECT_EQ(ipv4_packet_conn_close(&r.k.c), 0);
  r.k.fd.release();  // closed by ipv4_packet_conn_close
  int64_t at = 0;
  EXPECT_EQ(r.reader.Join(&at), -EBADF);
  EXPECT_LT(at - t0, kPrompt);
  EXPECT_EQ(r.k.c.fd, -1);
  EXPECT_EQ(ReadOnce(&r.k.c), IPV4_EINVAL);
  EXPECT_EQ(ipv4_packet_conn_close(&r.k.c), IPV4_EINVAL);
}

TEST(Close, APastDeadlineWakesABlockedReadFrom) {
  BlockedRead r;
  ASSERT_TRUE(r.ok());
  int64_t t0 = ipv4_monotonic_ns();
  ASSERT_EQ(ipv4_packet_conn_set_read_deadline(&r.k.c, 1), 0);
  int64_t at = 0;
  EXPECT_EQ(r.reader.Join(&at), IPV4_ETIMEOUT);
  EXPECT_LT(at - t0, kPrompt);
}

// A deadline moved earlier (not past) is honoured at its new time.
TEST(Close, AnEarlierDeadlineIsNoticedWhileBlocked) {
  Conn k;
  ASSERT_TRUE(k.ok);
  ipv4_packet_conn_set_read_deadline(&k.c, ipv4_monotonic_ns() + 10000 * kMs);
  Blocked b([&] { return ReadOnce(&k.c); });
  SleepMs(50);
  int64_t want = ipv4_monotonic_ns() + 100 * kMs;
  ASSERT_EQ(ipv4_packet_conn_set_deadline(&k.c, want), 0);
  int64_t at = 0;
  EXPECT_EQ(b.Join(&at), IPV4_ETIMEOUT);
  EXPECT_GE(at, want);
  EXPECT_LT(at - want, kPrompt);
}

// A deadline moved later (no wake-up needed) is honoured too: the waiter
// re-reads it when the old one passes, and waits on.
TEST(Close, ALaterDeadlineIsHonouredWhileBlocked) {
  Conn k;
  ASSERT_TRUE(k.ok);
  ipv4_packet_conn_set_read_deadline(&k.c, ipv4_monotonic_ns() + 100 * kMs);
  Blocked b([&] { return ReadOnce(&k.c); });
  SleepMs(30);
  int64_t want = ipv4_monotonic_ns() + 300 * kMs;
  ASSERT_EQ(ipv4_packet_conn_set_read_deadline(&k.c, want), 0);
  int64_t at = 0;
  EXPECT_EQ(b.Join(&at), IPV4_ETIMEOUT);
  EXPECT_GE(at, want);
  EXPECT_LT(at - want, kPrompt);
}

// Every blocking call of io.h wakes: batch reads, error-queue reads.
TEST(Close, WakesEveryKindOfBlockedRead) {
  Conn k;
  ASSERT_TRUE(k.ok);
  char buf[16];
  iovec iov{buf, sizeof(buf)};
  ipv4_message m{};
  m.buffers = &iov;
  m.num_buffers = 1;
  char ebuf[16];
  ipv4_extended_error ee{};
  Blocked batch([&] { return ipv4_packet_conn_read_batch(&k.c, &m, 1, 0); });
  Blocked errq([&] {
    return ipv4_packet_conn_read_error(&k.c, ebuf, sizeof(ebuf), &ee, nullptr,
                                       nullptr);
  });
  Blocked plain([&] { return ReadOnce(&k.c); });
  SleepMs(100);
  ASSERT_FALSE(batch.done() || errq.done() || plain.done());
  int64_t t0 = ipv4_monotonic_ns();
  EXPECT_EQ(ipv4_packet_conn_close(&k.c), 0);
  k.fd.release();
  int64_t at = 0;
  EXPECT_EQ(batch.Join(&at), -EBADF);
  EXPECT_LT(at - t0, kPrompt);
  EXPECT_EQ(errq.Join(&at), -EBADF);
  EXPECT_LT(at - t0, kPrompt);
  EXPECT_EQ(plain.Join(&at), -EBADF);
  EXPECT_LT(at - t0, kPrompt);
}

// Waking one connection leaves the others' waiters waiting, and they
// still receive what comes.
TEST(Close, WakingOneConnectionLeavesOthersAlone) {
  Conn a, b;
  ASSERT_TRUE(a.ok && b.ok);
  Blocked ra([&] { return ReadOnce(&a.c); });
  Blocked rb([&] { return ReadOnce(&b.c); });
  SleepMs(100);
  ASSERT_EQ(ipv4_packet_conn_set_read_deadline(&a.c, 1), 0);
  int64_t at = 0;
  EXPECT_EQ(ra.Join(&at), IPV4_ETIMEOUT);
  SleepMs(100);
  EXPECT_FALSE(rb.done());
  Fd tx(LoopbackUdp(nullptr));
  ASSERT_TRUE(shim_testing::SendTo(tx.get(), "hello", 5, b.addr));
  EXPECT_EQ(rb.Join(&at), 5);
}

// Many wake-ups while a reader waits: none is lost (the last one, a past
// deadline, ends the read) and none leaves the reader spinning after.
TEST(Close, ManyWakeUpsNoneLostNoneSpinning) {
  Conn k;
  ASSERT_TRUE(k.ok);
  std::vector<std::unique_ptr<Blocked>> readers;
  for (int i = 0; i < 4; i++) {
    readers.emplace_back(new Blocked([&] { return ReadOnce(&k.c); }));
  }
  SleepMs(50);
  for (int i = 0; i < 2000; i++) {
    ipv4_packet_conn_set_read_deadline(
        &k.c, i % 2 == 0 ? 0 : ipv4_monotonic_ns() + 60000 * kMs);
  }
  // The readers settle back into waiting: little CPU while idle.
  timespec c0{}, c1{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
  SleepMs(200);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
  int64_t idle_cpu =
      (c1.tv_sec - c0.tv_sec) * 1000000000LL + (c1.tv_nsec - c0.tv_nsec);
  EXPECT_LT(idle_cpu, 20 * kMs);
  for (auto& r : readers) EXPECT_FALSE(r->done());
  int64_t t0 = ipv4_monotonic_ns();
  ipv4_packet_conn_set_read_deadline(&k.c, 1);
  for (auto& r : readers) {
    int64_t at = 0;
    EXPECT_EQ(r->Join(&at), IPV4_ETIMEOUT);
    EXPECT_LT(at - t0, kPrompt);
  }
}

// Close racing with calls that start and finish all the time: every call
// returns a count or a documented code, and none runs on the descriptor
// after close has returned (the number is reused at once below).
TEST(Close, RacesWithCallsInFlight) {
  for (int round = 0; round < 20; round++) {
    Conn k;
    ASSERT_TRUE(k.ok);
    Fd tx(LoopbackUdp(nullptr));
    std::atomic<bool> stop{false};
    std::atomic<int> bad{0};
    std::vector<std::thread> users;
    for (int i = 0; i < 3; i++) {
      users.emplace_back([&, i] {
        while (!stop) {
          long rc;
          if (i == 0) {
            rc = ipv4_packet_conn_write_to(&k.c, "x", 1, nullptr, &k.addr);
            if (rc == 1) continue;
          } else {
            ipv4_packet_conn_set_read_deadline(&k.c, ipv4_monotonic_ns() + kMs);
            rc = ReadOnce(&k.c);
            if (rc == 1 || rc == IPV4_ETIMEOUT) continue;
          }
          if (rc != -EBADF && rc != IPV4_EINVAL) bad++;
          if (rc == IPV4_EINVAL) return;  // closed before the call began
        }
      });
    }
    SleepMs(5);
    EXPECT_EQ(ipv4_packet_conn_close(&k.c), 0);
    k.fd.release();
    // The number is free now; a new socket may get it, and no call of the
    // old connection may touch it any more.
    Fd reuse(socket(AF_INET, SOCK_DGRAM, 0));
    stop = true;
    for (auto& t : users) t.join();
    EXPECT_EQ(bad, 0);
  }
}

}  // namespace
