/* SPDX-License-Identifier: BSD-3-Clause */
// shim/shim_testing.h - small helpers for the socket-layer tests: loopback
// sockets that close themselves, and a check for raw-socket privilege.
#ifndef IPV4_SHIM_TESTING_H
#define IPV4_SHIM_TESTING_H

#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipv4/io.h"
#include "ipv4/sockopt.h"

#include <string>
#include <vector>

namespace shim_testing {

// Fd closes its descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // release hands the descriptor over (to a *_close call, say).
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

// A UDP socket bound to 127.0.0.1 on a port the kernel picks.
inline int LoopbackUdp(sockaddr_in* out_addr) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(a);
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    close(fd);
    return -1;
  }
  if (out_addr != nullptr) *out_addr = a;
  return fd;
}

// RawSocket opens a raw IPv4 socket for protocol, or returns -1 when the
// process lacks CAP_NET_RAW (tests then GTEST_SKIP with a message).
inline int RawSocket(int protocol) {
  return socket(AF_INET, SOCK_RAW, protocol);
}

// --- I/O test helpers (io.h tests) ---

// SetIntOption sets an int socket option; true on success.
inline bool SetIntOption(int fd, int level, int name, int value) {
  return setsockopt(fd, level, name, &value, sizeof(value)) == 0;
}

// Loopback returns 127.0.0.1:port (port in host order).
inline sockaddr_in Loopback(uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  return a;
}

// SendTo sends len bytes from fd to *to with plain sendto; true when all
// of them left.
inline bool SendTo(int fd, const void* data, size_t len,
                   const sockaddr_in& to) {
  return sendto(fd, data, len, 0, reinterpret_cast<const sockaddr*>(&to),
                sizeof(to)) == static_cast<ssize_t>(len);
}

// Pending returns whether a datagram is waiting on fd (nothing is consumed).
inline bool Pending(int fd) {
  char b;
  return recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) >= 0;
}

// EnableControl turns on the control messages flags names through
// ipv4_packet_conn_set_control_message; true when it did.
inline bool EnableControl(ipv4_packet_conn* c, unsigned flags) {
  return ipv4_packet_conn_set_control_message(c, flags, true) == 0;
}

// UdpConnPair is a receiving and a sending UDP socket on 127.0.0.1, each
// wrapped in a packet connection. The receiver's read deadline is
// read_timeout_ns from now (0: none), so that a datagram that never comes
// fails a test instead of hanging it. ok() says whether all of it worked.
struct UdpConnPair {
  explicit UdpConnPair(int64_t read_timeout_ns = 5000000000LL)
      : rx(LoopbackUdp(&rx_addr)), tx(LoopbackUdp(&tx_addr)) {
    init_ok = ipv4_packet_conn_init(&rconn, rx.get()) == 0 &&
              ipv4_packet_conn_init(&tconn, tx.get()) == 0;
    if (read_timeout_ns > 0) {
      ipv4_packet_conn_set_read_deadline(&rconn,
                                         ipv4_monotonic_ns() + read_timeout_ns);
    }
  }
  bool ok() const { return init_ok; }
  sockaddr_in rx_addr{};
  sockaddr_in tx_addr{};
  Fd rx;
  Fd tx;
  ipv4_packet_conn rconn{};
  ipv4_packet_conn tconn{};
  bool init_ok = false;
};

// --- Socket-option test helpers (sockopt.h tests) ---

// LoopbackIndex is the interface index of "lo".
inline unsigned LoopbackIndex() { return if_nametoindex("lo"); }

// Inet returns the AF_INET sockaddr for a dotted quad and a port (host order).
inline sockaddr_in Inet(const char* dotted, uint16_t port = 0) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  inet_pton(AF_INET, dotted, &a.sin_addr);
  a.sin_port = htons(port);
  return a;
}

// InAddr returns the struct in_addr of a dotted quad.
inline in_addr InAddr(const char* dotted) { return Inet(dotted).sin_addr; }

// UdpBoundTo opens a UDP socket with SO_REUSEADDR bound to *at (port 0: the
// kernel picks one, written back to *at). -1 on failure.
inline int UdpBoundTo(sockaddr_in* at) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  int on = 1;
  socklen_t len = sizeof(*at);
  if (fd < 0) return -1;
  if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
      bind(fd, reinterpret_cast<sockaddr*>(at), sizeof(*at)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(at), &len) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// WaitReadable waits up to ms milliseconds for fd to have data.
inline bool WaitReadable(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, ms) == 1 && (p.revents & POLLIN) != 0;
}

// ReadQueued reads every datagram queued on fd without waiting and returns
// their contents, oldest first.
inline std::vector<std::string> ReadQueued(int fd) {
  std::vector<std::string> out;
  char buf[2048];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
    if (n < 0) break;
    out.emplace_back(buf, static_cast<size_t>(n));
  }
  return out;
}

// WriteFile writes text to path; true on success.
inline bool WriteFile(const char* path, const std::string& text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok =
      write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

// EnterPrivateNetwork moves the calling process into a new user and network
// namespace, as `unshare -rn` does, mapping its user and group to root
// there, and brings up the new namespace's "lo". True on success. The
// process must have one thread.
inline bool EnterPrivateNetwork() {
  const std::string uid = std::to_string(geteuid()),
                    gid = std::to_string(getegid());
  if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) return false;
  WriteFile("/proc/self/setgroups", "deny");
  if (!WriteFile("/proc/self/uid_map", "0 " + uid + " 1\n") ||
      !WriteFile("/proc/self/gid_map", "0 " + gid + " 1\n")) {
    return false;
  }
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  ifreq ifr{};
  strncpy(ifr.ifr_name, "lo", sizeof(ifr.ifr_name) - 1);
  bool up = fd >= 0 && ioctl(fd, SIOCGIFFLAGS, &ifr) == 0;
  ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP);
  up = up && ioctl(fd, SIOCSIFFLAGS, &ifr) == 0;
  if (fd >= 0) close(fd);
  return up;
}

// PreferRawSockets runs before main (from a static initializer): when the
// process may not open raw sockets, as under Bazel's sandbox, it enters a
// private network namespace where it may, having first checked in a child
// that this works, so that a refusal half-way never strands the test. When
// neither works, the raw-socket tests skip. Returns whether raw sockets
// work now.
inline bool PreferRawSockets() {
  int probe = RawSocket(IPPROTO_ICMP);
  if (probe >= 0) {
    close(probe);
    return true;
  }
  pid_t pid = fork();
  if (pid == 0)
    _exit(EnterPrivateNetwork() && RawSocket(IPPROTO_ICMP) >= 0 ? 0 : 1);
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0) {
    return false;
  }
  return EnterPrivateNetwork();
}

}  // namespace shim_testing

#endif  // IPV4_SHIM_TESTING_H
