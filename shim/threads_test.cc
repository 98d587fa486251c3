/* SPDX-License-Identifier: BSD-3-Clause */
// Every call whose header says it is safe from any thread, run from many
// threads at once on one connection: made for ThreadSanitizer
// (--config=tsan, a step of scripts/test), and checked for what the threads
// see: each datagram goes to exactly one reader, whichever call it uses,
// and every result is a count or a code the header documents.
#include "ipv4/error.h"
#include "ipv4/io.h"
#include "ipv4/sockopt.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <linux/filter.h>
#include <string.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "shim/shim_testing.h"

using shim_testing::Fd;
using shim_testing::Inet;
using shim_testing::LoopbackUdp;

namespace {

constexpr int64_t kMs = 1000000;
constexpr int kDatagrams = 3000;

// Collector records the ids the readers received.
struct Collector {
  std::mutex mu;
  std::vector<int> ids;
  void Add(const char* buf, size_t n) {
    int id = 0;
    if (n == sizeof(id)) {
      memcpy(&id, buf, sizeof(id));
      std::lock_guard<std::mutex> lock(mu);
      ids.push_back(id);
    }
  }
};

// Acceptable: a count, or a code some header lists for these calls. The
// options may be refused by the kernel (no multicast route on lo in a fresh
// namespace, say): those are -errno too, and still legitimate answers.
bool Documented(long rc) {
  return rc >= 0 || rc == IPV4_ETIMEOUT || rc == IPV4_EINVAL ||
         rc == IPV4_ECMSGFLAG ||
         rc == IPV4_ESOCKTYPE ||  // the ICMP filter of a UDP socket
         (rc < 0 && rc > -200);
}

TEST(Threads, EveryThreadSafeCallAtOnce) {
  sockaddr_in at{};
  Fd rx(LoopbackUdp(&at));
  Fd tx(LoopbackUdp(nullptr));
  ipv4_packet_conn c{}, s{};
  ASSERT_EQ(ipv4_packet_conn_init(&c, rx.get()), 0);
  ASSERT_EQ(ipv4_packet_conn_init(&s, tx.get()), 0);
  int big = 4 << 20;
  setsockopt(rx.get(), SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));

  Collector got;
  std::atomic<bool> sending_done{false};
  std::atomic<int> undocumented{0};
  std::atomic<long> first_undocumented{0};
  auto check = [&](long rc) {
    if (!Documented(rc)) {
      undocumented++;
      first_undocumented = rc;
    }
  };
  std::vector<std::thread> threads;

  // Readers: read_from and read_batch on c, under short deadlines moved by
  // every reader (a deadline move wakes the others).
  for (int r = 0; r < 2; r++) {
    threads.emplace_back([&] {
      char buf[64];
      ipv4_control_message cm{};
      sockaddr_in src{};
      for (;;) {
        ipv4_packet_conn_set_read_deadline(&c, ipv4_monotonic_ns() + 50 * kMs);
        long n = ipv4_packet_conn_read_from(&c, buf, sizeof(buf), &cm, &src);
        if (n >= 0)
          got.Add(buf, static_cast<size_t>(n));
        else if (n == IPV4_ETIMEOUT && sending_done)
          return;
        else
          check(n);
      }
    });
  }
  threads.emplace_back([&] {
    char bufs[8][64];
    iovec iov[8];
    ipv4_message ms[8];
    for (;;) {
      for (int i = 0; i < 8; i++) {
        iov[i] = {bufs[i], sizeof(bufs[i])};
        ms[i] = ipv4_message{};
        ms[i].buffers = &iov[i];
        ms[i].num_buffers = 1;
      }
      ipv4_packet_conn_set_deadline(&c, ipv4_monotonic_ns() + 50 * kMs);
      long n = ipv4_packet_conn_read_batch(&c, ms, 8, 0);
      for (long i = 0; i < n; i++) got.Add(bufs[i], ms[i].n);
      if (n == IPV4_ETIMEOUT && sending_done) return;
      if (n < 0) check(n);
    }
  });
  // The error queue of c, read under its own deadlines.
  threads.emplace_back([&] {
    char buf[64];
    ipv4_extended_error ee{};
    while (!sending_done) {
      long n = ipv4_packet_conn_read_error(&c, buf, sizeof(buf), &ee, nullptr,
                                           nullptr);
      if (n != IPV4_ETIMEOUT && n != -EAGAIN) check(n);
    }
  });
  // Writers: write_to and write_batch on s, ids split between them.
  threads.emplace_back([&] {
    for (int id = 0; id < kDatagrams; id += 2) {
      while (ipv4_packet_conn_write_to(&s, &id, sizeof(id), nullptr, &at) !=
             sizeof(id)) {
      }
      if (id % 64 == 0) std::this_thread::yield();
    }
  });
  threads.emplace_back([&] {
    for (int id = 1; id < kDatagrams; id += 2) {
      iovec iov{&id, sizeof(id)};
      ipv4_message m{};
      m.buffers = &iov;
      m.num_buffers = 1;
      m.addr = at;
      while (ipv4_packet_conn_write_batch(&s, &m, 1, 0) != 1) {
      }
      if (id % 64 == 1) std::this_thread::yield();
    }
  });
  // Options and deadlines of both connections, the clock, the error texts.
  std::atomic<bool> options_stop{false};
  threads.emplace_back([&] {
    sockaddr_in group = Inet("239.1.2.3");
    sockaddr_in source = Inet("127.0.0.1");
    unsigned lo = shim_testing::LoopbackIndex();
    ipv4_icmp_filter f{};
    sock_filter accept_all[] = {BPF_STMT(BPF_RET | BPF_K, 0xffffffff)};
    while (!options_stop) {
      int v = 0;
      bool on = false;
      in_addr a{};
      ipv4_filter_mode mode{};
      in_addr srcs[4];
      size_t num = 0;
      check(ipv4_packet_conn_tos(&c, &v));
      check(ipv4_packet_conn_set_tos(&c, 0x10));
      check(ipv4_packet_conn_ttl(&c, &v));
      check(ipv4_packet_conn_set_ttl(&c, 64));
      check(ipv4_packet_conn_join_group(&c, lo, &group));
      check(ipv4_packet_conn_leave_group(&c, lo, &group));
      check(
          ipv4_packet_conn_join_source_specific_group(&c, lo, &group, &source));
      check(ipv4_packet_conn_exclude_source_specific_group(&c, lo, &group,
                                                           &source));
      check(ipv4_packet_conn_include_source_specific_group(&c, lo, &group,
                                                           &source));
      check(ipv4_packet_conn_leave_source_specific_group(&c, lo, &group,
                                                         &source));
      check(ipv4_packet_conn_set_source_filter(
          &c, lo, &group, IPV4_FILTER_EXCLUDE, nullptr, 0));
      check(
          ipv4_packet_conn_source_filter(&c, lo, &group, &mode, srcs, 4, &num));
      check(ipv4_packet_conn_set_multicast_interface(&c, lo));
      check(ipv4_packet_conn_multicast_interface(&c, &a));
      check(ipv4_packet_conn_multicast_ttl(&c, &v));
      check(ipv4_packet_conn_set_multicast_ttl(&c, 2));
      check(ipv4_packet_conn_multicast_loopback(&c, &on));
      check(ipv4_packet_conn_set_multicast_loopback(&c, true));
      check(ipv4_packet_conn_multicast_all(&c, &on));
      check(ipv4_packet_conn_set_multicast_all(&c, false));
      check(ipv4_packet_conn_set_control_message(
          &c, IPV4_FLAG_TTL | IPV4_FLAG_DST, true));
      check(ipv4_packet_conn_set_control_message(
          &c, IPV4_FLAG_TTL | IPV4_FLAG_DST, false));
      check(ipv4_packet_conn_icmp_filter(&c, &f));  // not raw: a code
      check(ipv4_packet_conn_set_icmp_filter(&c, &f));
      check(ipv4_packet_conn_set_bpf(&c, accept_all, 1));
      check(ipv4_packet_conn_set_bpf(&c, nullptr, 0));
      check(ipv4_packet_conn_gso_supported(&c));
      check(ipv4_packet_conn_set_gso_size(&s, 0));
      check(ipv4_packet_conn_set_write_deadline(
          &s, ipv4_monotonic_ns() + 1000 * kMs));
      EXPECT_NE(ipv4_strerror(IPV4_ETIMEOUT), nullptr);
      EXPECT_NE(ipv4_error_name(-EBADF), nullptr);
      std::this_thread::yield();
    }
  });

  // Writers end on their own; then the readers drain and stop.
  threads[4].join();
  threads[5].join();
  sending_done = true;
  for (int i = 0; i < 4; i++) threads[i].join();
  options_stop = true;
  threads[6].join();

  EXPECT_EQ(undocumented, 0)
      << "last: " << first_undocumented << " "
      << ipv4_error_name(static_cast<int>(first_undocumented));
  std::set<int> unique(got.ids.begin(), got.ids.end());
  EXPECT_EQ(unique.size(), got.ids.size()) << "a datagram was delivered twice";
  // Loopback may drop under pressure only when the receive buffer fills;
  // it was made large, so all of them arrive.
  EXPECT_EQ(got.ids.size(), static_cast<size_t>(kDatagrams));
  EXPECT_EQ(ipv4_packet_conn_close(&c), 0);
  rx.release();
}

}  // namespace
