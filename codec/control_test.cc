/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the control-message codec: parse, receive-buffer size, marshal,
// marshal size and text, in the Linux, FreeBSD and Darwin formats.
#include "ipv4/control.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/socket.h>
#include <time.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "testing/guarded.h"

using ipv4_testing::FromHex;
using ipv4_testing::Guarded;
using ipv4_testing::ToHex;

namespace {

using Bytes = std::vector<uint8_t>;

const ipv4_cmsg_format kLinux = IPV4_CMSG_FORMAT_LINUX;
const ipv4_cmsg_format kFreeBsd = IPV4_CMSG_FORMAT_FREEBSD;
const ipv4_cmsg_format kDarwin = IPV4_CMSG_FORMAT_DARWIN;
const ipv4_cmsg_format kFormats[] = {kLinux, kFreeBsd, kDarwin};

// Linux levels and types, from the system headers where they exist, so
// that the codec's own numbers are checked against the kernel's.
const int kSolIp = IPPROTO_IP;
const int kSolUdp = IPPROTO_UDP;
const int kSoTimestampnsOld = 35;  // SO_TIMESTAMPNS_OLD
const int kSoTimestampnsNew = 64;  // SO_TIMESTAMPNS_NEW

// FreeBSD and Darwin types (their <netinet/in.h>).
const int kFreeBsdRecvDstAddr = 7;  // also IP_SENDSRCADDR
const int kFreeBsdIpTos = 3;
const int kFreeBsdRecvIf = 20;
const int kFreeBsdOrigDstAddr = 27;
const int kFreeBsdRecvTtl = 65;
const int kFreeBsdRecvTos = 68;
const int kDarwinRecvDstAddr = 7;
const int kDarwinRecvIf = 20;
const int kDarwinRecvTtl = 24;
const int kDarwinPktinfo = 26;
const int kDarwinRecvTos = 27;
const uint8_t kAfLink = 18;

// The header shape of each format, stated independently of the codec.
struct Shape {
  size_t len_size;
  size_t align;
  size_t hdr;
};

Shape ShapeOf(ipv4_cmsg_format f) {
  switch (f) {
    case IPV4_CMSG_FORMAT_LINUX:
      return {sizeof(size_t), sizeof(size_t), sizeof(size_t) + 8};
    case IPV4_CMSG_FORMAT_FREEBSD:
      return {4, sizeof(void*), sizeof(void*) == 8 ? 16u : 12u};
    case IPV4_CMSG_FORMAT_DARWIN:
      return {4, 4, 12};
    default:  // the named formats are tested in ControlNamed below
      break;
  }
  abort();
}

size_t Pad(ipv4_cmsg_format f, size_t n) {
  size_t a = ShapeOf(f).align;
  return (a - n % a) % a;
}

size_t Space(ipv4_cmsg_format f, size_t n) {
  return ShapeOf(f).hdr + n + Pad(f, n);
}

template <typename T>
Bytes Native(T v) {
  Bytes b(sizeof(v));
  memcpy(b.data(), &v, sizeof(v));
  return b;
}

Bytes Addr(const char* dotted) {
  in_addr a;
  EXPECT_EQ(1, inet_pton(AF_INET, dotted, &a)) << dotted;
  return Native(a.s_addr);
}

Bytes Cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes Zeros(size_t n) { return Bytes(n, 0); }

// MsgLen builds one message whose cmsg_len field says len, whatever the
// payload's real size; padded to the alignment unless pad is false.
Bytes MsgLen(ipv4_cmsg_format f, uint64_t len, int level, int type,
             const Bytes& data, bool pad = true) {
  Shape s = ShapeOf(f);
  Bytes out =
      s.len_size == 8 ? Native(len) : Native(static_cast<uint32_t>(len));
  out = Cat({out, Native(static_cast<int32_t>(level)),
             Native(static_cast<int32_t>(type))});
  out.resize(s.hdr, 0);
  out.insert(out.end(), data.begin(), data.end());
  if (pad) out.resize(out.size() + Pad(f, data.size()), 0);
  return out;
}

Bytes Msg(ipv4_cmsg_format f, int level, int type, const Bytes& data,
          bool pad = true) {
  return MsgLen(f, ShapeOf(f).hdr + data.size(), level, type, data, pad);
}

Bytes Lx(int level, int type, const Bytes& data, bool pad = true) {
  return Msg(kLinux, level, type, data, pad);
}

// Payloads.
Bytes Pktinfo(int32_t ifindex, const char* spec_dst, const char* addr) {
  return Cat({Native(ifindex), Addr(spec_dst), Addr(addr)});
}

Bytes SinLinux(uint16_t family, uint16_t port, const char* addr) {
  return Cat({Native(family), Native(htons(port)), Addr(addr), Zeros(8)});
}

Bytes SinBsd(uint8_t family, uint16_t port, const char* addr) {
  return Cat({Bytes{16, family}, Native(htons(port)), Addr(addr), Zeros(8)});
}

Bytes Sdl(uint8_t family, uint16_t index, size_t extra) {
  return Cat({Bytes{static_cast<uint8_t>(8 + extra), family}, Native(index),
              Bytes{6, 0, 0, 0}, Bytes(extra, 'x')});
}

Bytes ExtErr(uint32_t err, uint8_t origin, uint8_t type, uint8_t code,
             uint32_t info, uint32_t data, const Bytes& offender) {
  sock_extended_err ee;
  memset(&ee, 0, sizeof(ee));
  ee.ee_errno = err;
  ee.ee_origin = origin;
  ee.ee_type = type;
  ee.ee_code = code;
  ee.ee_info = info;
  ee.ee_data = data;
  return Cat({Native(ee), offender});
}

Bytes Timespec(long sec, long nsec) {
  timespec ts;
  ts.tv_sec = sec;
  ts.tv_nsec = nsec;
  return Native(ts);
}

int Parse(ipv4_control_message* m, const Bytes& b,
          ipv4_cmsg_format f = kLinux) {
  Guarded g(b);
  return ipv4_control_message_parse(m, g.data(), g.size(), f);
}

std::string Text(const ipv4_control_message* m) {
  char buf[128];
  int n = ipv4_control_message_string(m, buf, sizeof(buf));
  EXPECT_GE(n, 0);
  EXPECT_LT(n, static_cast<int>(sizeof(buf)));
  return buf;
}

std::string ParsedText(const Bytes& b, ipv4_cmsg_format f = kLinux) {
  ipv4_control_message m;
  int rc = Parse(&m, b, f);
  if (rc < 0) return std::string("err ") + ipv4_error_name(rc);
  return "ok " + Text(&m);
}

bool IsZero(const ipv4_control_message& m) {
  ipv4_control_message z;
  memset(&z, 0, sizeof(z));
  return memcmp(&m, &z, sizeof(z)) == 0;
}

std::string AddrText(in_addr a) {
  char buf[INET_ADDRSTRLEN];
  return inet_ntop(AF_INET, &a, buf, sizeof(buf));
}

bool Lp64() { return sizeof(size_t) == 8 && sizeof(void*) == 8; }

bool HostBigEndian() {
  const uint16_t one = 1;
  uint8_t first;
  memcpy(&first, &one, 1);
  return first == 0;
}

// ---------------------------------------------------------------------
// Constants.

TEST(ControlFlags, FirstFourHaveGoValues) {
  EXPECT_EQ(1u, IPV4_FLAG_TTL);
  EXPECT_EQ(2u, IPV4_FLAG_SRC);
  EXPECT_EQ(4u, IPV4_FLAG_DST);
  EXPECT_EQ(8u, IPV4_FLAG_INTERFACE);
}

TEST(ControlFlags, AreDistinctBitsMakingUpAll) {
  const unsigned flags[] = {
      IPV4_FLAG_TTL,       IPV4_FLAG_SRC,       IPV4_FLAG_DST,
      IPV4_FLAG_INTERFACE, IPV4_FLAG_TOS,       IPV4_FLAG_SPEC_DST,
      IPV4_FLAG_ORIG_DST,  IPV4_FLAG_TIMESTAMP, IPV4_FLAG_EXTENDED_ERROR,
      IPV4_FLAG_GRO,       IPV4_FLAG_GSO,       IPV4_FLAG_DROPS};
  unsigned all = 0;
  for (unsigned f : flags) {
    EXPECT_EQ(0u, f & (f - 1)) << f;
    EXPECT_EQ(0u, all & f) << f;
    all |= f;
  }
  EXPECT_EQ(IPV4_FLAG_ALL, all);
}

TEST(ControlFormat, NativeIsLinuxHere) {
  EXPECT_EQ(IPV4_CMSG_FORMAT_LINUX, IPV4_CMSG_FORMAT_NATIVE);
}

// The codec decodes bytes; these pin the kernel's layouts it relies on.
TEST(ControlFormat, KernelLayoutsAreWhatTheCodecReads) {
  EXPECT_EQ(12u, sizeof(in_pktinfo));
  EXPECT_EQ(16u, sizeof(sock_extended_err));
  EXPECT_EQ(16u, sizeof(sockaddr_in));
  EXPECT_EQ(sizeof(size_t) + 8, CMSG_LEN(0));
  EXPECT_EQ(8, IP_PKTINFO);
  EXPECT_EQ(2, IP_TTL);
  EXPECT_EQ(1, IP_TOS);
  EXPECT_EQ(11, IP_RECVERR);
  EXPECT_EQ(20, IP_ORIGDSTADDR);
  EXPECT_EQ(103, UDP_SEGMENT);
  EXPECT_EQ(104, UDP_GRO);
}

// ---------------------------------------------------------------------
// Parse, Linux: one test per message type.

TEST(ControlParse, GoDocumentationText) {
  Bytes b = Cat({Lx(kSolIp, IP_TTL, Native(64)),
                 Lx(kSolIp, IP_PKTINFO, Pktinfo(1, "127.0.0.1", "127.0.0.1"))});
  EXPECT_EQ("ok ttl=64 src=<nil> dst=127.0.0.1 ifindex=1", ParsedText(b));
}

TEST(ControlParse, GoBytesOnLp64) {
  // What Go's own test feeds it on x86-64: IP_TTL as an int, then
  // IP_PKTINFO; the named format reads them so on every machine.
  Bytes b = FromHex(
      "1400000000000000 00000000 02000000 40000000 00000000"
      "1c00000000000000 00000000 08000000 01000000 c0a80001 c0a80002"
      "00000000");
  EXPECT_EQ("ok ttl=64 src=<nil> dst=192.168.0.2 ifindex=1",
            ParsedText(b, IPV4_CMSG_FORMAT_LINUX_64_LE));
}

TEST(ControlParse, EmptyBufferYieldsNothing) {
  ipv4_control_message m;
  memset(&m, 0xa5, sizeof(m));
  ASSERT_EQ(0, Parse(&m, Bytes()));
  EXPECT_TRUE(IsZero(m));
  memset(&m, 0xa5, sizeof(m));
  ASSERT_EQ(0, ipv4_control_message_parse(&m, nullptr, 0, kLinux));
  EXPECT_TRUE(IsZero(m));
  EXPECT_EQ("ttl=0 src=<nil> dst=<nil> ifindex=0", Text(&m));
}

TEST(ControlParse, TtlAsIntAndAsByte) {
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_TTL, Native(255))));
  EXPECT_EQ(IPV4_FLAG_TTL, m.flags);
  EXPECT_EQ(255, m.ttl);
  // One byte is what a cut left of Linux's int: its first byte, the TTL
  // on a little-endian machine, the zero high byte on a big-endian one.
  ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_TTL, Bytes{7})));
  if (HostBigEndian()) {
    EXPECT_EQ(0u, m.flags);
    EXPECT_EQ(0, m.ttl);
  } else {
    EXPECT_EQ(IPV4_FLAG_TTL, m.flags);
    EXPECT_EQ(7, m.ttl);
  }
  ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_TTL, Native(0))));
  EXPECT_EQ(IPV4_FLAG_TTL, m.flags);
  EXPECT_EQ(0, m.ttl);
}

TEST(ControlParse, RejectsTtlIntOutOfByteRange) {  // divergence C4
  EXPECT_EQ("err IPV4_ECMSGDATA", ParsedText(Lx(kSolIp, IP_TTL, Native(256))));
  EXPECT_EQ("err IPV4_ECMSGDATA", ParsedText(Lx(kSolIp, IP_TTL, Native(-1))));
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Lx(kSolIp, IP_TTL, Native(INT_MIN))));
}

TEST(ControlParse, SkipsTtlOfTwoOrThreeBytes) {  // divergence C2
  for (size_t n : {0, 2, 3}) {
    ipv4_control_message m;
    ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_TTL, Bytes(n, 0x40)))) << n;
    EXPECT_EQ(0u, m.flags) << n;
    EXPECT_EQ(0, m.ttl) << n;
  }
}

TEST(ControlParse, RejectsTtlLongerThanInt) {  // divergence C3
  for (size_t n : {5, 8, 64}) {
    EXPECT_EQ("err IPV4_ECMSGDATA", ParsedText(Lx(kSolIp, IP_TTL, Bytes(n, 1))))
        << n;
  }
}

TEST(ControlParse, TosAsByteAndAsInt) {
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_TOS, Bytes{0xb9})));
  EXPECT_EQ(IPV4_FLAG_TOS, m.flags);
  EXPECT_EQ(0xb9, m.tos);
  ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_TOS, Native(0x03))));
  EXPECT_EQ(IPV4_FLAG_TOS, m.flags);
  EXPECT_EQ(0x03, m.tos);
  EXPECT_EQ("ttl=0 src=<nil> dst=<nil> ifindex=0", Text(&m));
}

TEST(ControlParse, TosRejectsLongPayloadAndLargeIntSkipsPrefix) {
  EXPECT_EQ("err IPV4_ECMSGDATA", ParsedText(Lx(kSolIp, IP_TOS, Native(256))));
  EXPECT_EQ("err IPV4_ECMSGDATA", ParsedText(Lx(kSolIp, IP_TOS, Bytes(5, 0))));
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_TOS, Bytes{1, 0})));
  EXPECT_EQ(0u, m.flags);
}

TEST(ControlParse, PktinfoGivesDstInterfaceAndSpecDst) {
  in_pktinfo pi;
  memset(&pi, 0, sizeof(pi));
  pi.ipi_ifindex = 42;
  inet_pton(AF_INET, "10.1.2.3", &pi.ipi_spec_dst);
  inet_pton(AF_INET, "224.0.0.251", &pi.ipi_addr);
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_PKTINFO, Native(pi))));
  EXPECT_EQ(IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | IPV4_FLAG_SPEC_DST, m.flags);
  EXPECT_EQ(42, m.ifindex);
  EXPECT_EQ("10.1.2.3", AddrText(m.spec_dst));
  EXPECT_EQ("224.0.0.251", AddrText(m.dst));
  EXPECT_EQ("ttl=0 src=<nil> dst=224.0.0.251 ifindex=42", Text(&m));
}

TEST(ControlParse, PktinfoAcceptsLargestIfindex) {
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_PKTINFO,
                            Pktinfo(INT_MAX, "0.0.0.0", "0.0.0.0"))));
  EXPECT_EQ(INT_MAX, m.ifindex);
  EXPECT_EQ("ttl=0 src=<nil> dst=0.0.0.0 ifindex=2147483647", Text(&m));
}

TEST(ControlParse, RejectsPktinfoWithNegativeIfindex) {  // divergence C6
  EXPECT_EQ(
      "err IPV4_EIFINDEX",
      ParsedText(Lx(kSolIp, IP_PKTINFO, Pktinfo(-1, "1.2.3.4", "1.2.3.4"))));
  EXPECT_EQ("err IPV4_EIFINDEX",
            ParsedText(Lx(kSolIp, IP_PKTINFO,
                          Pktinfo(INT32_MIN, "1.2.3.4", "1.2.3.4"))));
}

TEST(ControlParse, SkipsShortPktinfo) {
  Bytes full = Pktinfo(3, "1.1.1.1", "2.2.2.2");
  for (size_t n = 0; n < full.size(); n++) {
    ipv4_control_message m;
    Bytes part(full.begin(), full.begin() + static_cast<long>(n));
    ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_PKTINFO, part))) << n;
    EXPECT_EQ(0u, m.flags) << n;
  }
}

TEST(ControlParse, RejectsPktinfoLongerThanTwelve) {  // divergence C5
  Bytes longer = Cat({Pktinfo(3, "1.1.1.1", "2.2.2.2"), Bytes{0}});
  EXPECT_EQ("err IPV4_ECMSGDATA", ParsedText(Lx(kSolIp, IP_PKTINFO, longer)));
}

TEST(ControlParse, OrigDstAddrGivesAddressAndPort) {
  sockaddr_in sin;
  memset(&sin, 0, sizeof(sin));
  sin.sin_family = AF_INET;
  sin.sin_port = htons(8443);
  inet_pton(AF_INET, "203.0.113.9", &sin.sin_addr);
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_ORIGDSTADDR, Native(sin))));
  EXPECT_EQ(IPV4_FLAG_ORIG_DST, m.flags);
  EXPECT_EQ("203.0.113.9", AddrText(m.orig_dst));
  EXPECT_EQ(8443, m.orig_dst_port);
  EXPECT_EQ(Native(sin), SinLinux(AF_INET, 8443, "203.0.113.9"));
}

TEST(ControlParse, OrigDstAddrRejectsOtherFamiliesAndSizes) {
  EXPECT_EQ(
      "err IPV4_ECMSGDATA",
      ParsedText(Lx(kSolIp, IP_ORIGDSTADDR, SinLinux(AF_INET6, 1, "1.2.3.4"))));
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Lx(kSolIp, IP_ORIGDSTADDR, SinLinux(0, 1, "1.2.3.4"))));
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Lx(kSolIp, IP_ORIGDSTADDR,
                          Cat({SinLinux(AF_INET, 1, "1.2.3.4"), Bytes{0}}))));
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_ORIGDSTADDR, Bytes(15, 0))));
  EXPECT_EQ(0u, m.flags);
}

TEST(ControlParse, ExtendedErrorWithOffender) {
  Bytes b = Lx(kSolIp, IP_RECVERR,
               ExtErr(EMSGSIZE, SO_EE_ORIGIN_ICMP, 3, 4, 1400, 0xdeadbeef,
                      SinLinux(AF_INET, 0, "192.0.2.1")));
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, b));
  EXPECT_EQ(IPV4_FLAG_EXTENDED_ERROR, m.flags);
  EXPECT_EQ(static_cast<uint32_t>(EMSGSIZE), m.error.ee_errno);
  EXPECT_EQ(SO_EE_ORIGIN_ICMP, m.error.ee_origin);
  EXPECT_EQ(3, m.error.ee_type);
  EXPECT_EQ(4, m.error.ee_code);
  EXPECT_EQ(0, m.error.ee_pad);
  EXPECT_EQ(1400u, m.error.ee_info);
  EXPECT_EQ(0xdeadbeefu, m.error.ee_data);
  EXPECT_TRUE(m.error.has_offender);
  EXPECT_EQ("192.0.2.1", AddrText(m.error.offender));
}

TEST(ControlParse, ExtendedErrorWithoutOffender) {
  Bytes b = Lx(kSolIp, IP_RECVERR,
               ExtErr(ENOBUFS, SO_EE_ORIGIN_LOCAL, 0, 0, 0, 0, Zeros(16)));
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, b));
  EXPECT_EQ(IPV4_FLAG_EXTENDED_ERROR, m.flags);
  EXPECT_EQ(static_cast<uint32_t>(ENOBUFS), m.error.ee_errno);
  EXPECT_EQ(SO_EE_ORIGIN_LOCAL, m.error.ee_origin);
  EXPECT_FALSE(m.error.has_offender);
  EXPECT_EQ(0u, m.error.offender.s_addr);
}

TEST(ControlParse, ExtendedErrorRejectsBadOffenderAndSize) {
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Lx(
                kSolIp, IP_RECVERR,
                ExtErr(1, 2, 3, 4, 5, 6, SinLinux(AF_INET6, 0, "1.2.3.4")))));
  EXPECT_EQ(
      "err IPV4_ECMSGDATA",
      ParsedText(Lx(kSolIp, IP_RECVERR,
                    Cat({ExtErr(1, 2, 3, 4, 5, 6, Zeros(16)), Zeros(1)}))));
  for (size_t n : {0, 16, 31}) {
    ipv4_control_message m;
    ASSERT_EQ(0, Parse(&m, Lx(kSolIp, IP_RECVERR, Bytes(n, 0)))) << n;
    EXPECT_EQ(0u, m.flags) << n;
  }
}

TEST(ControlParse, TimestampnsOldIsThisMachinesTimespec) {
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, Lx(SOL_SOCKET, kSoTimestampnsOld,
                            Timespec(1700000000, 999999999))));
  EXPECT_EQ(IPV4_FLAG_TIMESTAMP, m.flags);
  EXPECT_EQ(1700000000, m.timestamp.sec);
  EXPECT_EQ(999999999u, m.timestamp.nsec);
  EXPECT_EQ(35, SO_TIMESTAMPNS_OLD);
}

TEST(ControlParse, TimestampnsNewIsTwoInt64) {
  ipv4_control_message m;
  Bytes ts = Cat({Native(int64_t{-5}), Native(int64_t{0})});
  ASSERT_EQ(0, Parse(&m, Lx(SOL_SOCKET, kSoTimestampnsNew, ts)));
  EXPECT_EQ(IPV4_FLAG_TIMESTAMP, m.flags);
  EXPECT_EQ(-5, m.timestamp.sec);
  EXPECT_EQ(0u, m.timestamp.nsec);
  EXPECT_EQ(64, SO_TIMESTAMPNS_NEW);
}

TEST(ControlParse, TimestampRejectsNanosecondsOutOfRange) {
  EXPECT_EQ("err IPV4_ECMSGDATA", ParsedText(Lx(SOL_SOCKET, kSoTimestampnsOld,
                                                Timespec(1, 1000000000))));
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Lx(SOL_SOCKET, kSoTimestampnsOld, Timespec(1, -1))));
  EXPECT_EQ(
      "err IPV4_ECMSGDATA",
      ParsedText(Lx(SOL_SOCKET, kSoTimestampnsNew,
                    Cat({Native(int64_t{1}), Native(int64_t{1000000000})}))));
}

TEST(ControlParse, TimestampSizes) {
  size_t old_len = 2 * sizeof(long);
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Lx(SOL_SOCKET, kSoTimestampnsOld, Zeros(old_len + 1))));
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Lx(SOL_SOCKET, kSoTimestampnsNew, Zeros(17))));
  ipv4_control_message m;
  ASSERT_EQ(0,
            Parse(&m, Lx(SOL_SOCKET, kSoTimestampnsOld, Zeros(old_len - 1))));
  EXPECT_EQ(0u, m.flags);
  ASSERT_EQ(0, Parse(&m, Lx(SOL_SOCKET, kSoTimestampnsNew, Zeros(15))));
  EXPECT_EQ(0u, m.flags);
}

TEST(ControlParse, DropCounter) {
  ipv4_control_message m;
  ASSERT_EQ(
      0, Parse(&m, Lx(SOL_SOCKET, SO_RXQ_OVFL, Native(uint32_t{0xfffffffe}))));
  EXPECT_EQ(IPV4_FLAG_DROPS, m.flags);
  EXPECT_EQ(0xfffffffeu, m.drops);
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Lx(SOL_SOCKET, SO_RXQ_OVFL, Zeros(5))));
  ASSERT_EQ(0, Parse(&m, Lx(SOL_SOCKET, SO_RXQ_OVFL, Zeros(3))));
  EXPECT_EQ(0u, m.flags);
}

TEST(ControlParse, GroSegmentSize) {
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, Lx(kSolUdp, UDP_GRO, Native(1472))));
  EXPECT_EQ(IPV4_FLAG_GRO, m.flags);
  EXPECT_EQ(1472, m.gro_size);
  ASSERT_EQ(0, Parse(&m, Lx(kSolUdp, UDP_GRO, Native(65535))));
  EXPECT_EQ(65535, m.gro_size);
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Lx(kSolUdp, UDP_GRO, Native(65536))));
  EXPECT_EQ("err IPV4_ECMSGDATA", ParsedText(Lx(kSolUdp, UDP_GRO, Native(-1))));
  EXPECT_EQ("err IPV4_ECMSGDATA", ParsedText(Lx(kSolUdp, UDP_GRO, Zeros(5))));
  ASSERT_EQ(0, Parse(&m, Lx(kSolUdp, UDP_GRO, Zeros(2))));
  EXPECT_EQ(0u, m.flags);
}

TEST(ControlParse, SkipsUnknownLevelsAndTypes) {
  const struct {
    int level;
    int type;
  } unknown[] = {
      {kSolIp, 0},                 // Go panics on this one: divergence C1
      {kSolIp, 3},                 // IP_OPTIONS
      {kSolIp, IP_RECVERR + 100},  // no such type
      {SOL_SOCKET, IP_TTL},        // right type, wrong level
      {kSolUdp, UDP_SEGMENT},      // sent, never received
      {kSolUdp, IP_TTL},           // right type, wrong level
      {41, IP_PKTINFO},            // IPPROTO_IPV6
      {-1, -1},                    // neither exists
  };
  for (const auto& u : unknown) {
    ipv4_control_message m;
    Bytes b =
        Cat({Lx(u.level, u.type, Native(9)), Lx(kSolIp, IP_TTL, Native(3))});
    ASSERT_EQ(0, Parse(&m, b)) << u.level << "/" << u.type;
    EXPECT_EQ(IPV4_FLAG_TTL, m.flags) << u.level << "/" << u.type;
    EXPECT_EQ(3, m.ttl);
    ASSERT_EQ(0, Parse(&m, Lx(u.level, u.type, Zeros(100))));
    EXPECT_TRUE(IsZero(m));
  }
}

TEST(ControlParse, LaterDuplicateWins) {
  Bytes b = Cat({Lx(kSolIp, IP_TTL, Native(1)),
                 Lx(kSolIp, IP_PKTINFO, Pktinfo(1, "1.1.1.1", "1.1.1.1")),
                 Lx(kSolIp, IP_TTL, Native(2)),
                 Lx(kSolIp, IP_PKTINFO, Pktinfo(2, "2.2.2.2", "2.2.2.2"))});
  EXPECT_EQ("ok ttl=2 src=<nil> dst=2.2.2.2 ifindex=2", ParsedText(b));
}

TEST(ControlParse, SkippedDuplicateKeepsEarlierValue) {
  Bytes b = Cat({Lx(kSolIp, IP_TTL, Native(9)), Lx(kSolIp, IP_TTL, Bytes{}),
                 Lx(kSolIp, IP_TTL, Bytes{1, 2})});
  EXPECT_EQ("ok ttl=9 src=<nil> dst=<nil> ifindex=0", ParsedText(b));
}

// One message of every type Linux delivers, each decoded.
Bytes EveryLinuxMessage() {
  return Cat({
      Lx(kSolIp, IP_TTL, Native(64)),
      Lx(kSolIp, IP_TOS, Bytes{0x2e}),
      Lx(kSolIp, IP_PKTINFO, Pktinfo(7, "192.168.1.10", "192.168.1.255")),
      Lx(kSolIp, IP_ORIGDSTADDR, SinLinux(AF_INET, 53, "10.0.0.53")),
      Lx(kSolIp, IP_RECVERR,
         ExtErr(EHOSTUNREACH, SO_EE_ORIGIN_ICMP, 3, 1, 0, 0,
                SinLinux(AF_INET, 0, "10.9.9.9"))),
      Lx(SOL_SOCKET, kSoTimestampnsOld, Timespec(12, 34)),
      Lx(SOL_SOCKET, SO_RXQ_OVFL, Native(uint32_t{17})),
      Lx(kSolUdp, UDP_GRO, Native(1200)),
  });
}

const unsigned kLinuxReceived =
    IPV4_FLAG_TTL | IPV4_FLAG_TOS | IPV4_FLAG_DST | IPV4_FLAG_INTERFACE |
    IPV4_FLAG_SPEC_DST | IPV4_FLAG_ORIG_DST | IPV4_FLAG_EXTENDED_ERROR |
    IPV4_FLAG_TIMESTAMP | IPV4_FLAG_DROPS | IPV4_FLAG_GRO;

TEST(ControlParse, EveryMessageOfABufferIsDecoded) {
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, EveryLinuxMessage()));
  EXPECT_EQ(kLinuxReceived, m.flags);
  EXPECT_EQ(64, m.ttl);
  EXPECT_EQ(0x2e, m.tos);
  EXPECT_EQ(7, m.ifindex);
  EXPECT_EQ("192.168.1.10", AddrText(m.spec_dst));
  EXPECT_EQ("192.168.1.255", AddrText(m.dst));
  EXPECT_EQ("10.0.0.53", AddrText(m.orig_dst));
  EXPECT_EQ(53, m.orig_dst_port);
  EXPECT_EQ(static_cast<uint32_t>(EHOSTUNREACH), m.error.ee_errno);
  EXPECT_EQ("10.9.9.9", AddrText(m.error.offender));
  EXPECT_EQ(12, m.timestamp.sec);
  EXPECT_EQ(34u, m.timestamp.nsec);
  EXPECT_EQ(17u, m.drops);
  EXPECT_EQ(1200, m.gro_size);
  EXPECT_FALSE(m.truncated);
  EXPECT_EQ("ttl=64 src=<nil> dst=192.168.1.255 ifindex=7", Text(&m));
}

TEST(ControlParse, ClearsTruncated) {
  ipv4_control_message m;
  memset(&m, 0, sizeof(m));
  m.truncated = true;
  ASSERT_EQ(0, Parse(&m, EveryLinuxMessage()));
  EXPECT_FALSE(m.truncated);
}

TEST(ControlParse, LastMessageMayLackItsPadding) {
  Bytes b = Cat({Lx(kSolIp, IP_TOS, Bytes{1}),
                 Lx(kSolIp, IP_TTL, Native(5), /*pad=*/false)});
  EXPECT_EQ(Space(kLinux, 1) + ShapeOf(kLinux).hdr + 4, b.size());
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, b));
  EXPECT_EQ(IPV4_FLAG_TOS | IPV4_FLAG_TTL, m.flags);
  EXPECT_EQ(5, m.ttl);
}

TEST(ControlParse, IgnoresTrailingBytesShorterThanAHeader) {
  for (size_t n = 1; n < ShapeOf(kLinux).hdr; n++) {
    for (uint8_t fill : {0x00, 0xff}) {
      Bytes b = Cat({Lx(kSolIp, IP_TTL, Native(8)), Bytes(n, fill)});
      EXPECT_EQ("ok ttl=8 src=<nil> dst=<nil> ifindex=0", ParsedText(b)) << n;
    }
  }
}

// ---------------------------------------------------------------------
// Parse: malformed lengths, in every format.

class ControlLength : public ::testing::TestWithParam<ipv4_cmsg_format> {};

TEST_P(ControlLength, RejectsCmsgLenBelowTheHeader) {
  ipv4_cmsg_format f = GetParam();
  for (uint64_t len = 0; len < ShapeOf(f).hdr; len++) {
    EXPECT_EQ("err IPV4_ECMSGLEN",
              ParsedText(MsgLen(f, len, 0, 2, Zeros(8)), f))
        << len;
    // The same as a second message.
    Bytes b = Cat({Msg(f, 0, 2, Bytes{1}), MsgLen(f, len, 0, 2, Zeros(8))});
    EXPECT_EQ("err IPV4_ECMSGLEN", ParsedText(b, f)) << len;
  }
}

TEST_P(ControlLength, RejectsCmsgLenPastTheEnd) {
  ipv4_cmsg_format f = GetParam();
  size_t hdr = ShapeOf(f).hdr;
  // Exactly the bytes there are is fine, one more is not.
  Bytes ok = MsgLen(f, hdr + 4, 0, 2, Zeros(4), false);
  ipv4_control_message m;
  EXPECT_EQ(0, Parse(&m, ok, f));
  EXPECT_EQ("err IPV4_ECMSGLEN",
            ParsedText(MsgLen(f, hdr + 5, 0, 2, Zeros(4), false), f));
  Bytes second =
      Cat({Msg(f, 0, 2, Bytes{1}), MsgLen(f, hdr + 5, 0, 2, Zeros(4), false)});
  EXPECT_EQ("err IPV4_ECMSGLEN", ParsedText(second, f));
}

TEST_P(ControlLength, RejectsCmsgLenNearTheTopOfItsRange) {
  ipv4_cmsg_format f = GetParam();
  uint64_t top = ShapeOf(f).len_size == 8 ? UINT64_MAX : UINT32_MAX;
  for (uint64_t len : {top, top - 1, top - 7, top - 8, top / 2, top / 2 + 1,
                       uint64_t{0x80000000}, uint64_t{0x10000}}) {
    EXPECT_EQ("err IPV4_ECMSGLEN",
              ParsedText(MsgLen(f, len, 0, 2, Zeros(8)), f))
        << len;
  }
}

TEST_P(ControlLength, LengthErrorWinsOverAnEarlierBadPayload) {
  ipv4_cmsg_format f = GetParam();
  int ttl_type = f == kLinux     ? IP_TTL
                 : f == kFreeBsd ? kFreeBsdRecvTtl
                                 : kDarwinRecvTtl;
  Bytes b = Cat(
      {Msg(f, 0, ttl_type, Native(1000)), MsgLen(f, 1, 0, ttl_type, Zeros(8))});
  EXPECT_EQ("err IPV4_ECMSGLEN", ParsedText(b, f));
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Msg(f, 0, ttl_type, Native(1000)), f));
}

TEST_P(ControlLength, FailureLeavesOutputZeroed) {
  ipv4_cmsg_format f = GetParam();
  ipv4_control_message m;
  memset(&m, 0x5a, sizeof(m));
  EXPECT_EQ(IPV4_ECMSGLEN, Parse(&m, MsgLen(f, 0, 0, 0, Zeros(8)), f));
  EXPECT_TRUE(IsZero(m));
}

INSTANTIATE_TEST_SUITE_P(AllFormats, ControlLength,
                         ::testing::ValuesIn(kFormats));

// ---------------------------------------------------------------------
// Parse: every truncated prefix of a multi-message buffer.

struct Piece {
  Bytes msg;      // the message, padded
  size_t len;     // its cmsg_len
  unsigned flag;  // what it sets when whole
};

Piece Make(ipv4_cmsg_format f, int level, int type, const Bytes& data,
           unsigned flag) {
  return {Msg(f, level, type, data), ShapeOf(f).hdr + data.size(), flag};
}

std::vector<Piece> Pieces(ipv4_cmsg_format f) {
  switch (f) {
    case IPV4_CMSG_FORMAT_LINUX:
      return {
          Make(f, kSolIp, IP_TTL, Native(64), IPV4_FLAG_TTL),
          Make(f, kSolIp, IP_PKTINFO, Pktinfo(2, "10.0.0.1", "10.0.0.2"),
               IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | IPV4_FLAG_SPEC_DST),
          Make(f, kSolIp, IP_TOS, Bytes{3}, IPV4_FLAG_TOS),
          Make(f, kSolIp, IP_RECVERR,
               ExtErr(1, 2, 3, 4, 5, 6, SinLinux(AF_INET, 0, "1.1.1.1")),
               IPV4_FLAG_EXTENDED_ERROR),
          Make(f, kSolUdp, UDP_GRO, Native(1000), IPV4_FLAG_GRO),
      };
    case IPV4_CMSG_FORMAT_FREEBSD:
      return {
          Make(f, 0, kFreeBsdRecvTtl, Bytes{64}, IPV4_FLAG_TTL),
          Make(f, 0, kFreeBsdRecvDstAddr, Addr("10.0.0.2"), IPV4_FLAG_DST),
          Make(f, 0, kFreeBsdRecvIf, Sdl(kAfLink, 5, 9), IPV4_FLAG_INTERFACE),
          Make(f, 0, kFreeBsdOrigDstAddr, SinBsd(AF_INET, 80, "9.9.9.9"),
               IPV4_FLAG_ORIG_DST),
          Make(f, 0, kFreeBsdRecvTos, Bytes{1}, IPV4_FLAG_TOS),
      };
    case IPV4_CMSG_FORMAT_DARWIN:
      return {
          Make(f, 0, kDarwinRecvTtl, Bytes{64}, IPV4_FLAG_TTL),
          Make(f, 0, kDarwinPktinfo, Pktinfo(2, "10.0.0.1", "10.0.0.2"),
               IPV4_FLAG_DST | IPV4_FLAG_INTERFACE | IPV4_FLAG_SPEC_DST),
          Make(f, 0, kDarwinRecvTos, Bytes{1}, IPV4_FLAG_TOS),
          Make(f, 0, kDarwinRecvIf, Sdl(kAfLink, 5, 3), IPV4_FLAG_INTERFACE),
      };
    default:
      break;
  }
  abort();
}

class ControlPrefix : public ::testing::TestWithParam<ipv4_cmsg_format> {};

TEST_P(ControlPrefix, EveryTruncatedPrefix) {
  ipv4_cmsg_format f = GetParam();
  std::vector<Piece> pieces = Pieces(f);
  Bytes whole;
  for (const Piece& p : pieces) whole = Cat({whole, p.msg});
  size_t hdr = ShapeOf(f).hdr;
  for (size_t cut = 0; cut <= whole.size(); cut++) {
    // Expected: the messages wholly inside, and an error when the cut
    // leaves a header whose cmsg_len reaches past it.
    unsigned flags = 0;
    int want = 0;
    size_t at = 0;
    for (const Piece& p : pieces) {
      if (cut - at < hdr) break;
      if (cut - at < p.len) {
        want = IPV4_ECMSGLEN;
        break;
      }
      flags |= p.flag;
      at += p.msg.size();
      if (at > cut) break;
    }
    Bytes prefix(whole.begin(), whole.begin() + static_cast<long>(cut));
    ipv4_control_message m;
    ASSERT_EQ(want, Parse(&m, prefix, f)) << "cut " << cut;
    EXPECT_EQ(want == 0 ? flags : 0u, m.flags) << "cut " << cut;
  }
}

// What a kernel leaves when it truncates: the last message's cmsg_len
// clipped to the room left, so its payload is a prefix. Skipped, never an
// error, and never a read past the bytes at hand.
TEST_P(ControlPrefix, KernelTruncatedLastMessageIsSkipped) {
  ipv4_cmsg_format f = GetParam();
  std::vector<Piece> pieces = Pieces(f);
  Bytes head = pieces[0].msg;
  const Piece& last = pieces[1];
  size_t hdr = ShapeOf(f).hdr;
  for (size_t keep = hdr; keep < last.len; keep++) {
    Bytes clipped(last.msg.begin(), last.msg.begin() + static_cast<long>(keep));
    Shape s = ShapeOf(f);
    uint64_t len = keep;
    if (s.len_size == 8) {
      memcpy(clipped.data(), &len, 8);
    } else {
      uint32_t len32 = static_cast<uint32_t>(len);
      memcpy(clipped.data(), &len32, 4);
    }
    ipv4_control_message m;
    ASSERT_EQ(0, Parse(&m, Cat({head, clipped}), f)) << keep;
    EXPECT_EQ(pieces[0].flag, m.flags) << keep;
  }
}

INSTANTIATE_TEST_SUITE_P(AllFormats, ControlPrefix,
                         ::testing::ValuesIn(kFormats));

// ---------------------------------------------------------------------
// Parse: one pass that decodes into *out as it goes.

class ControlWalk : public ::testing::TestWithParam<ipv4_cmsg_format> {};

// The parse decodes as it walks, into *out: a payload error after
// messages already decoded must still leave nothing behind.
TEST_P(ControlWalk, PayloadErrorAfterGoodMessagesLeavesOutputZeroed) {
  ipv4_cmsg_format f = GetParam();
  std::vector<Piece> pieces = Pieces(f);
  int ttl_type = f == kLinux     ? IP_TTL
                 : f == kFreeBsd ? kFreeBsdRecvTtl
                                 : kDarwinRecvTtl;
  Bytes b = Cat({pieces[0].msg, pieces[1].msg,
                 Msg(f, 0, ttl_type, Native(1000)), pieces[2].msg});
  ipv4_control_message m;
  memset(&m, 0x5a, sizeof(m));
  EXPECT_EQ(IPV4_ECMSGDATA, Parse(&m, b, f));
  EXPECT_TRUE(IsZero(m));
  // And a bad cmsg_len after all that still wins.
  b = Cat({b, MsgLen(f, 1, 0, ttl_type, Zeros(8))});
  memset(&m, 0x5a, sizeof(m));
  EXPECT_EQ(IPV4_ECMSGLEN, Parse(&m, b, f));
  EXPECT_TRUE(IsZero(m));
}

// Of two bad payloads, the first one's error is the one reported.
TEST_P(ControlWalk, FirstPayloadErrorWins) {
  ipv4_cmsg_format f = GetParam();
  if (f == kFreeBsd) GTEST_SKIP() << "no IP_PKTINFO, so no EIFINDEX";
  int ttl_type = f == kLinux ? IP_TTL : kDarwinRecvTtl;
  int pktinfo_type = f == kLinux ? IP_PKTINFO : kDarwinPktinfo;
  Bytes bad_ttl = Msg(f, 0, ttl_type, Native(1000));
  Bytes bad_pktinfo =
      Msg(f, 0, pktinfo_type, Pktinfo(-1, "10.0.0.1", "10.0.0.2"));
  EXPECT_EQ("err IPV4_ECMSGDATA", ParsedText(Cat({bad_ttl, bad_pktinfo}), f));
  EXPECT_EQ("err IPV4_EIFINDEX", ParsedText(Cat({bad_pktinfo, bad_ttl}), f));
}

// Whatever *out held before, a success leaves the same bytes, padding
// included: the result can be compared with memcmp.
TEST_P(ControlWalk, SuccessLeavesNoStaleBytes) {
  ipv4_cmsg_format f = GetParam();
  Bytes whole;
  for (const Piece& p : Pieces(f)) whole = Cat({whole, p.msg});
  ipv4_control_message clean;
  ipv4_control_message dirty;
  memset(&clean, 0, sizeof(clean));
  memset(&dirty, 0xa5, sizeof(dirty));
  ASSERT_EQ(0, Parse(&clean, whole, f));
  ASSERT_EQ(0, Parse(&dirty, whole, f));
  EXPECT_EQ(0, memcmp(&clean, &dirty, sizeof(clean)));
  // Parsing fewer messages into the same structure keeps none of the rest.
  memset(&clean, 0, sizeof(clean));
  ASSERT_EQ(0, Parse(&clean, Pieces(f)[0].msg, f));
  ASSERT_EQ(0, Parse(&dirty, Pieces(f)[0].msg, f));
  EXPECT_EQ(0, memcmp(&clean, &dirty, sizeof(clean)));
}

INSTANTIATE_TEST_SUITE_P(AllFormats, ControlWalk,
                         ::testing::ValuesIn(kFormats));

// ---------------------------------------------------------------------
// Parse: arguments.

TEST(ControlParse, RejectsNullAndUnknownFormat) {
  Bytes b = Lx(kSolIp, IP_TTL, Native(1));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_control_message_parse(nullptr, b.data(), b.size(), kLinux));
  ipv4_control_message m;
  memset(&m, 0x11, sizeof(m));
  EXPECT_EQ(IPV4_EINVAL, ipv4_control_message_parse(&m, nullptr, 1, kLinux));
  EXPECT_TRUE(IsZero(m));
  memset(&m, 0x11, sizeof(m));
  EXPECT_EQ(IPV4_EFORMAT,
            ipv4_control_message_parse(&m, b.data(), b.size(),
                                       static_cast<ipv4_cmsg_format>(13)));
  EXPECT_TRUE(IsZero(m));
  EXPECT_EQ(IPV4_EFORMAT,
            ipv4_control_message_parse(&m, b.data(), b.size(),
                                       static_cast<ipv4_cmsg_format>(-1)));
}

// ---------------------------------------------------------------------
// Parse, FreeBSD and Darwin.

TEST(ControlParseFreeBsd, EveryMessageType) {
  Bytes b = Cat({
      Msg(kFreeBsd, 0, kFreeBsdRecvTtl, Bytes{33}),
      Msg(kFreeBsd, 0, kFreeBsdRecvTos, Bytes{0xfe}),
      Msg(kFreeBsd, 0, kFreeBsdRecvDstAddr, Addr("239.1.1.1")),
      Msg(kFreeBsd, 0, kFreeBsdRecvIf, Sdl(kAfLink, 300, 46)),
      Msg(kFreeBsd, 0, kFreeBsdOrigDstAddr, SinBsd(AF_INET, 3128, "1.2.3.4")),
  });
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, b, kFreeBsd));
  EXPECT_EQ(IPV4_FLAG_TTL | IPV4_FLAG_TOS | IPV4_FLAG_DST |
                IPV4_FLAG_INTERFACE | IPV4_FLAG_ORIG_DST,
            m.flags);
  EXPECT_EQ(33, m.ttl);
  EXPECT_EQ(0xfe, m.tos);
  EXPECT_EQ(300, m.ifindex);
  EXPECT_EQ("1.2.3.4", AddrText(m.orig_dst));
  EXPECT_EQ(3128, m.orig_dst_port);
  EXPECT_EQ("ttl=33 src=<nil> dst=239.1.1.1 ifindex=300", Text(&m));
}

TEST(ControlParseFreeBsd, HeaderIsFourByteLengthAlignedToPointer) {
  Bytes b = FromHex(
      "11000000 00000000 41000000 00000000 40 00000000000000"
      "14000000 00000000 07000000 00000000 0a000001 00000000");
  EXPECT_EQ("ok ttl=64 src=<nil> dst=10.0.0.1 ifindex=0",
            ParsedText(b, IPV4_CMSG_FORMAT_FREEBSD_64_LE));
}

TEST(ControlParseFreeBsd, RecvIfNeedsOnlyTheSockaddrDlHead) {
  // Go skips a sockaddr_dl shorter than its 54-byte struct: divergence B2.
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, Msg(kFreeBsd, 0, kFreeBsdRecvIf, Sdl(kAfLink, 4, 0)),
                     kFreeBsd));
  EXPECT_EQ(IPV4_FLAG_INTERFACE, m.flags);
  EXPECT_EQ(4, m.ifindex);
  ASSERT_EQ(0, Parse(&m, Msg(kFreeBsd, 0, kFreeBsdRecvIf, Zeros(7)), kFreeBsd));
  EXPECT_EQ(0u, m.flags);
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Msg(kFreeBsd, 0, kFreeBsdRecvIf, Sdl(AF_INET, 4, 46)),
                       kFreeBsd));
}

TEST(ControlParseFreeBsd, RejectsLongPayloadsAndBadFamilies) {
  EXPECT_EQ(
      "err IPV4_ECMSGDATA",
      ParsedText(Msg(kFreeBsd, 0, kFreeBsdRecvDstAddr, Zeros(5)), kFreeBsd));
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Msg(kFreeBsd, 0, kFreeBsdRecvTtl, Zeros(5)), kFreeBsd));
  EXPECT_EQ("err IPV4_ECMSGDATA",
            ParsedText(Msg(kFreeBsd, 0, kFreeBsdOrigDstAddr,
                           SinBsd(AF_INET6, 1, "1.1.1.1")),
                       kFreeBsd));
  ipv4_control_message m;
  ASSERT_EQ(
      0, Parse(&m, Msg(kFreeBsd, 0, kFreeBsdRecvDstAddr, Zeros(3)), kFreeBsd));
  EXPECT_EQ(0u, m.flags);
}

TEST(ControlParseFreeBsd, LinuxNumbersMeanNothingThere) {
  Bytes b =
      Cat({Msg(kFreeBsd, 0, IP_PKTINFO, Pktinfo(1, "1.1.1.1", "1.1.1.1")),
           Msg(kFreeBsd, 0, IP_TTL, Bytes{1}),
           Msg(kFreeBsd, 0, kDarwinPktinfo, Pktinfo(1, "1.1.1.1", "1.1.1.1"))});
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, b, kFreeBsd));
  EXPECT_EQ(0u, m.flags);
}

TEST(ControlParseDarwin, EveryMessageType) {
  Bytes b = Cat({
      Msg(kDarwin, 0, kDarwinRecvTtl, Bytes{1}),
      Msg(kDarwin, 0, kDarwinRecvTos, Bytes{2}),
      Msg(kDarwin, 0, kDarwinPktinfo, Pktinfo(9, "10.0.0.9", "10.0.0.255")),
      Msg(kDarwin, 0, kDarwinRecvDstAddr, Addr("10.0.0.7")),
      Msg(kDarwin, 0, kDarwinRecvIf, Sdl(kAfLink, 11, 12)),
  });
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, b, kDarwin));
  EXPECT_EQ(IPV4_FLAG_TTL | IPV4_FLAG_TOS | IPV4_FLAG_DST |
                IPV4_FLAG_INTERFACE | IPV4_FLAG_SPEC_DST,
            m.flags);
  EXPECT_EQ("10.0.0.9", AddrText(m.spec_dst));
  // RECVDSTADDR and RECVIF come later and win over IP_PKTINFO's values.
  EXPECT_EQ("ttl=1 src=<nil> dst=10.0.0.7 ifindex=11", Text(&m));
  EXPECT_EQ(2, m.tos);
}

TEST(ControlParseDarwin, HeaderIsTwelveBytesAlignedToFour) {
  Bytes b = FromHex(
      "0d000000 00000000 18000000 40 000000"
      "18000000 00000000 1a000000 07000000 0a000001 0a000002");
  EXPECT_EQ("ok ttl=64 src=<nil> dst=10.0.0.2 ifindex=7",
            ParsedText(b, IPV4_CMSG_FORMAT_DARWIN_LE));
}

TEST(ControlParseDarwin, RejectsIfindexAboveIntMax) {
  Bytes pi =
      Cat({Native(uint32_t{0x80000000}), Addr("1.1.1.1"), Addr("1.1.1.1")});
  EXPECT_EQ("err IPV4_EIFINDEX",
            ParsedText(Msg(kDarwin, 0, kDarwinPktinfo, pi), kDarwin));
}

// ---------------------------------------------------------------------
// Receive-buffer size.

TEST(ControlSize, EqualsGoNewControlMessageForGoFlags) {
  // Go's numbers on 64-bit little-endian systems, in the named formats
  // so that they hold on every machine.
  const ipv4_cmsg_format kLinux64Le = IPV4_CMSG_FORMAT_LINUX_64_LE;
  const ipv4_cmsg_format kFreeBsd64Le = IPV4_CMSG_FORMAT_FREEBSD_64_LE;
  const ipv4_cmsg_format kDarwinLe = IPV4_CMSG_FORMAT_DARWIN_LE;
  const struct {
    ipv4_cmsg_format f;
    unsigned flags;
    int go;
  } cases[] = {
      {kLinux64Le, 0, 0},
      {kLinux64Le, IPV4_FLAG_TTL, 24},
      {kLinux64Le, IPV4_FLAG_SRC, 32},
      {kLinux64Le, IPV4_FLAG_DST, 32},
      {kLinux64Le, IPV4_FLAG_INTERFACE, 32},
      {kLinux64Le, 15, 56},
      {kFreeBsd64Le, IPV4_FLAG_TTL, 24},
      {kFreeBsd64Le, IPV4_FLAG_SRC, 0},
      {kFreeBsd64Le, IPV4_FLAG_DST, 24},
      {kFreeBsd64Le, IPV4_FLAG_INTERFACE, 72},
      {kFreeBsd64Le, 15, 120},
      {kDarwinLe, IPV4_FLAG_TTL, 16},
      {kDarwinLe, IPV4_FLAG_SRC, 24},
      {kDarwinLe, IPV4_FLAG_DST | IPV4_FLAG_INTERFACE, 24},
      {kDarwinLe, 15, 40},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.go, ipv4_control_message_recv_space(c.flags, c.f))
        << c.f << " " << c.flags;
  }
}

TEST(ControlSize, EveryLinuxFlag) {
  const struct {
    unsigned flag;
    size_t data_len;
  } cases[] = {
      {IPV4_FLAG_TTL, sizeof(int)},
      {IPV4_FLAG_SRC, 12},
      {IPV4_FLAG_DST, 12},
      {IPV4_FLAG_INTERFACE, 12},
      {IPV4_FLAG_SPEC_DST, 12},
      {IPV4_FLAG_TOS, sizeof(int)},
      {IPV4_FLAG_ORIG_DST, 16},
      {IPV4_FLAG_TIMESTAMP, 16},
      {IPV4_FLAG_EXTENDED_ERROR, 32},
      {IPV4_FLAG_GRO, sizeof(int)},
      {IPV4_FLAG_DROPS, 4},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(static_cast<int>(Space(kLinux, c.data_len)),
              ipv4_control_message_recv_space(c.flag, kLinux))
        << c.flag;
  }
  EXPECT_EQ(0, ipv4_control_message_recv_space(IPV4_FLAG_GSO, kLinux));
}

TEST(ControlSize, AllFlagsHoldEverythingLinuxSends) {
  int size = ipv4_control_message_recv_space(IPV4_FLAG_ALL, kLinux);
  ASSERT_GT(size, 0);
  EXPECT_GE(static_cast<size_t>(size), EveryLinuxMessage().size());
  if (Lp64()) {
    EXPECT_EQ(240, size);
    EXPECT_EQ(EveryLinuxMessage().size(), static_cast<size_t>(size));
  }
}

TEST(ControlSize, RejectsUnknownFlagsAndFormat) {
  for (ipv4_cmsg_format f : kFormats) {
    EXPECT_EQ(IPV4_ECMSGFLAG, ipv4_control_message_recv_space(0x1000, f));
    EXPECT_EQ(IPV4_ECMSGFLAG, ipv4_control_message_recv_space(~0u, f));
  }
  EXPECT_EQ(IPV4_EFORMAT, ipv4_control_message_recv_space(
                              1, static_cast<ipv4_cmsg_format>(13)));
}

// ---------------------------------------------------------------------
// Marshal.

ipv4_control_message Sendable() {
  ipv4_control_message cm;
  memset(&cm, 0, sizeof(cm));
  inet_pton(AF_INET, "127.0.0.1", &cm.src);
  inet_pton(AF_INET, "192.0.2.77", &cm.dst);  // never sent
  cm.ifindex = 1;
  cm.ttl = 64;
  cm.tos = 0xb8;
  cm.gso_size = 1400;
  return cm;
}

std::string Marshal(const ipv4_control_message& cm, unsigned flags,
                    ipv4_cmsg_format f = kLinux) {
  uint8_t out[256];
  size_t n = 12345;
  int rc = ipv4_control_message_marshal(&cm, flags, f, out, sizeof(out), &n);
  if (rc < 0) {
    EXPECT_EQ(0u, n);
    return std::string("err ") + ipv4_error_name(rc);
  }
  EXPECT_EQ(ipv4_control_message_marshal_size(flags, f), static_cast<int>(n));
  return ToHex(out, n);
}

TEST(ControlMarshal, GoBytesForSourceAndInterface) {
  // Go's bytes on x86-64: the named format writes them on every machine.
  const ipv4_cmsg_format f = IPV4_CMSG_FORMAT_LINUX_64_LE;
  ipv4_control_message cm = Sendable();
  // What Go's Marshal writes for Src 127.0.0.1, IfIndex 1.
  EXPECT_EQ(
      "1c00000000000000"
      "00000000"
      "08000000"
      "01000000"
      "7f000001"
      "00000000"
      "00000000",
      Marshal(cm, IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE, f));
  EXPECT_EQ(
      "1c00000000000000"
      "00000000"
      "08000000"
      "00000000"
      "7f000001"
      "00000000"
      "00000000",
      Marshal(cm, IPV4_FLAG_SRC, f));
  EXPECT_EQ(
      "1c00000000000000"
      "00000000"
      "08000000"
      "01000000"
      "00000000"
      "00000000"
      "00000000",
      Marshal(cm, IPV4_FLAG_INTERFACE, f));
}

TEST(ControlMarshal, PktinfoIsTheKernelsStruct) {
  ipv4_control_message cm = Sendable();
  cm.ifindex = 123456;
  uint8_t out[64];
  size_t n = 0;
  ASSERT_EQ(
      0, ipv4_control_message_marshal(&cm, IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE,
                                      kLinux, out, sizeof(out), &n));
  ASSERT_EQ(CMSG_SPACE(sizeof(in_pktinfo)), n);
  cmsghdr h;
  memcpy(&h, out, sizeof(h));
  EXPECT_EQ(CMSG_LEN(sizeof(in_pktinfo)), h.cmsg_len);
  EXPECT_EQ(IPPROTO_IP, h.cmsg_level);
  EXPECT_EQ(IP_PKTINFO, h.cmsg_type);
  in_pktinfo pi;
  memcpy(&pi, out + CMSG_LEN(0), sizeof(pi));
  EXPECT_EQ(123456, pi.ipi_ifindex);
  EXPECT_EQ(cm.src.s_addr, pi.ipi_spec_dst.s_addr);
  EXPECT_EQ(0u, pi.ipi_addr.s_addr);
}

TEST(ControlMarshal, NoFlagsWritesNothing) {
  ipv4_control_message cm = Sendable();
  size_t n = 99;
  EXPECT_EQ(0, ipv4_control_message_marshal(&cm, 0, kLinux, nullptr, 0, &n));
  EXPECT_EQ(0u, n);
  EXPECT_EQ(0, ipv4_control_message_marshal_size(0, kLinux));
}

TEST(ControlMarshal, EverySendableLinuxType) {
  ipv4_control_message cm = Sendable();
  Bytes ttl = Lx(kSolIp, IP_TTL, Native(64));
  Bytes tos = Lx(kSolIp, IP_TOS, Native(0xb8));
  Bytes gso = Lx(kSolUdp, UDP_SEGMENT, Native(uint16_t{1400}));
  EXPECT_EQ(ToHex(ttl.data(), ttl.size()), Marshal(cm, IPV4_FLAG_TTL));
  EXPECT_EQ(ToHex(tos.data(), tos.size()), Marshal(cm, IPV4_FLAG_TOS));
  EXPECT_EQ(ToHex(gso.data(), gso.size()), Marshal(cm, IPV4_FLAG_GSO));
  Bytes all = Cat({Lx(kSolIp, IP_PKTINFO, Pktinfo(1, "127.0.0.1", "0.0.0.0")),
                   ttl, tos, gso});
  EXPECT_EQ(ToHex(all.data(), all.size()),
            Marshal(cm, IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE | IPV4_FLAG_TTL |
                            IPV4_FLAG_TOS | IPV4_FLAG_GSO));
}

TEST(ControlMarshal, RefusesFlagsWithNoSendForm) {
  ipv4_control_message cm = Sendable();
  for (unsigned f : {IPV4_FLAG_DST, IPV4_FLAG_SPEC_DST, IPV4_FLAG_ORIG_DST,
                     IPV4_FLAG_TIMESTAMP, IPV4_FLAG_EXTENDED_ERROR,
                     IPV4_FLAG_GRO, IPV4_FLAG_DROPS, 0x1000u, ~0u}) {
    EXPECT_EQ("err IPV4_ECMSGFLAG", Marshal(cm, f | IPV4_FLAG_SRC)) << f;
    EXPECT_EQ(IPV4_ECMSGFLAG, ipv4_control_message_marshal_size(f, kLinux));
  }
}

TEST(ControlMarshal, RefusesTtlZeroAndIfindexAboveIntMax) {
  ipv4_control_message cm = Sendable();
  cm.ttl = 0;
  EXPECT_EQ("err IPV4_EINVAL", Marshal(cm, IPV4_FLAG_TTL));
  EXPECT_NE("err IPV4_EINVAL", Marshal(cm, IPV4_FLAG_TOS));
  cm = Sendable();
  cm.ifindex = 2147483648u;  // above INT_MAX: no kernel index
  EXPECT_EQ("err IPV4_EIFINDEX", Marshal(cm, IPV4_FLAG_INTERFACE));
  EXPECT_EQ("err IPV4_EIFINDEX", Marshal(cm, IPV4_FLAG_INTERFACE, kDarwin));
  EXPECT_NE("err IPV4_EIFINDEX", Marshal(cm, IPV4_FLAG_SRC));
  cm.ifindex = 0;  // no interface: allowed
  EXPECT_NE("err IPV4_EIFINDEX", Marshal(cm, IPV4_FLAG_INTERFACE));
}

TEST(ControlMarshal, FreeBsdSendsSourceAndTos) {
  ipv4_control_message cm = Sendable();
  Bytes src = Msg(kFreeBsd, 0, kFreeBsdRecvDstAddr, Addr("127.0.0.1"));
  Bytes tos = Msg(kFreeBsd, 0, kFreeBsdIpTos, Bytes{0xb8});
  EXPECT_EQ(ToHex(src.data(), src.size()),
            Marshal(cm, IPV4_FLAG_SRC, kFreeBsd));
  Bytes both = Cat({src, tos});
  EXPECT_EQ(ToHex(both.data(), both.size()),
            Marshal(cm, IPV4_FLAG_SRC | IPV4_FLAG_TOS, kFreeBsd));
  for (unsigned f : {IPV4_FLAG_INTERFACE, IPV4_FLAG_TTL, IPV4_FLAG_GSO}) {
    EXPECT_EQ("err IPV4_ECMSGFLAG", Marshal(cm, f, kFreeBsd)) << f;
  }
}

TEST(ControlMarshal, DarwinSendsPktinfoOnly) {
  ipv4_control_message cm = Sendable();
  Bytes pi =
      Msg(kDarwin, 0, kDarwinPktinfo, Pktinfo(1, "127.0.0.1", "0.0.0.0"));
  EXPECT_EQ(24u, pi.size());
  EXPECT_EQ(ToHex(pi.data(), pi.size()),
            Marshal(cm, IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE, kDarwin));
  for (unsigned f : {IPV4_FLAG_TOS, IPV4_FLAG_TTL, IPV4_FLAG_GSO}) {
    EXPECT_EQ("err IPV4_ECMSGFLAG", Marshal(cm, f, kDarwin)) << f;
  }
}

// Every subset of each format's sendable flags: the size function agrees
// with what marshal writes, and every capacity below it is refused without
// a byte written.
TEST(ControlMarshal, EveryFlagSetAndEveryCapacity) {
  const unsigned sendable[] = {
      IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE | IPV4_FLAG_TTL | IPV4_FLAG_TOS |
          IPV4_FLAG_GSO,
      IPV4_FLAG_SRC | IPV4_FLAG_TOS,
      IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE,
  };
  ipv4_control_message cm = Sendable();
  for (size_t fi = 0; fi < 3; fi++) {
    ipv4_cmsg_format f = kFormats[fi];
    for (unsigned flags = 0; flags <= IPV4_FLAG_ALL; flags++) {
      if ((flags & ~sendable[fi]) != 0) continue;
      int need = ipv4_control_message_marshal_size(flags, f);
      ASSERT_GE(need, 0) << flags;
      Bytes out(static_cast<size_t>(need) + 8, 0xaa);
      for (size_t cap = 0; cap < static_cast<size_t>(need); cap++) {
        size_t n = 0;
        ASSERT_EQ(IPV4_ENOBUF, ipv4_control_message_marshal(
                                   &cm, flags, f, out.data(), cap, &n));
        EXPECT_EQ(static_cast<size_t>(need), n);
        EXPECT_EQ(Bytes(out.size(), 0xaa), out);
      }
      size_t n = 0;
      ASSERT_EQ(0, ipv4_control_message_marshal(&cm, flags, f, out.data(),
                                                out.size(), &n));
      EXPECT_EQ(static_cast<size_t>(need), n);
      EXPECT_EQ(Bytes(8, 0xaa), Bytes(out.begin() + need, out.end()));
      EXPECT_EQ(0u, n % ShapeOf(f).align);
    }
  }
}

// What marshal writes, parsed back in the same format, gives back what was
// sent (IP_PKTINFO's spec_dst comes back as spec_dst; UDP_SEGMENT is never
// received, so parse skips it).
TEST(ControlMarshal, SendFormsParseBack) {
  ipv4_control_message cm = Sendable();
  uint8_t out[256];
  size_t n = 0;
  ASSERT_EQ(0, ipv4_control_message_marshal(
                   &cm,
                   IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE | IPV4_FLAG_TTL |
                       IPV4_FLAG_TOS | IPV4_FLAG_GSO,
                   kLinux, out, sizeof(out), &n));
  ipv4_control_message back;
  ASSERT_EQ(0, Parse(&back, Bytes(out, out + n)));
  EXPECT_EQ(IPV4_FLAG_TTL | IPV4_FLAG_TOS | IPV4_FLAG_DST |
                IPV4_FLAG_INTERFACE | IPV4_FLAG_SPEC_DST,
            back.flags);
  EXPECT_EQ(cm.src.s_addr, back.spec_dst.s_addr);
  EXPECT_EQ(0u, back.dst.s_addr);
  EXPECT_EQ(cm.ifindex, back.ifindex);
  EXPECT_EQ(cm.ttl, back.ttl);
  EXPECT_EQ(cm.tos, back.tos);

  ASSERT_EQ(
      0, ipv4_control_message_marshal(&cm, IPV4_FLAG_SRC | IPV4_FLAG_INTERFACE,
                                      kDarwin, out, sizeof(out), &n));
  ASSERT_EQ(0, Parse(&back, Bytes(out, out + n), kDarwin));
  EXPECT_EQ(cm.src.s_addr, back.spec_dst.s_addr);
  EXPECT_EQ(cm.ifindex, back.ifindex);
}

TEST(ControlMarshal, RejectsBadArguments) {
  ipv4_control_message cm = Sendable();
  uint8_t out[64];
  size_t n = 7;
  EXPECT_EQ(IPV4_EINVAL, ipv4_control_message_marshal(nullptr, IPV4_FLAG_SRC,
                                                      kLinux, out, 64, &n));
  EXPECT_EQ(IPV4_EINVAL, ipv4_control_message_marshal(
                             &cm, IPV4_FLAG_SRC, kLinux, out, 64, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_control_message_marshal(&cm, IPV4_FLAG_SRC,
                                                      kLinux, nullptr, 64, &n));
  EXPECT_EQ(IPV4_EFORMAT, ipv4_control_message_marshal(
                              &cm, IPV4_FLAG_SRC,
                              static_cast<ipv4_cmsg_format>(13), out, 64, &n));
  EXPECT_EQ(0u, n);
  EXPECT_EQ(IPV4_EFORMAT, ipv4_control_message_marshal_size(
                              0, static_cast<ipv4_cmsg_format>(13)));
}

// ---------------------------------------------------------------------
// Text.

TEST(ControlString, GoTexts) {
  EXPECT_EQ("<nil>", Text(nullptr));
  ipv4_control_message cm;
  memset(&cm, 0, sizeof(cm));
  EXPECT_EQ("ttl=0 src=<nil> dst=<nil> ifindex=0", Text(&cm));
  cm = Sendable();  // members set, flags clear: Go's nil addresses
  EXPECT_EQ("ttl=64 src=<nil> dst=<nil> ifindex=1", Text(&cm));
  cm.flags = IPV4_FLAG_SRC | IPV4_FLAG_DST;
  EXPECT_EQ("ttl=64 src=127.0.0.1 dst=192.0.2.77 ifindex=1", Text(&cm));
  cm.flags = IPV4_FLAG_DST;
  cm.dst.s_addr = 0;
  EXPECT_EQ("ttl=64 src=<nil> dst=0.0.0.0 ifindex=1", Text(&cm));
  // Interface indexes are unsigned: the widest one prints in full.
  cm.ifindex = 2147483648u;
  cm.ttl = 255;
  EXPECT_EQ("ttl=255 src=<nil> dst=0.0.0.0 ifindex=2147483648", Text(&cm));
  cm.ifindex = UINT_MAX;
  EXPECT_EQ("ttl=255 src=<nil> dst=0.0.0.0 ifindex=4294967295", Text(&cm));
}

TEST(ControlString, EveryCapacity) {
  ipv4_control_message cm = Sendable();
  cm.flags = IPV4_FLAG_SRC | IPV4_FLAG_DST;
  cm.ifindex = -2147483647;
  const std::string full = Text(&cm);
  for (size_t cap = 0; cap <= full.size() + 1; cap++) {
    std::vector<char> out(cap + 4, '#');
    int n = ipv4_control_message_string(&cm, out.data(), cap);
    ASSERT_EQ(static_cast<int>(full.size()), n) << cap;
    if (cap > 0) {
      size_t kept = std::min(cap - 1, full.size());
      EXPECT_EQ(full.substr(0, kept), std::string(out.data())) << cap;
    }
    EXPECT_EQ('#', out[cap]) << cap;
  }
  EXPECT_EQ(static_cast<int>(full.size()),
            ipv4_control_message_string(&cm, nullptr, 0));
  EXPECT_EQ(5, ipv4_control_message_string(nullptr, nullptr, 0));
  EXPECT_EQ(IPV4_EINVAL, ipv4_control_message_string(&cm, nullptr, 1));
}

}  // namespace

// ---------------------------------------------------------------------
// The named formats: word size and byte order fixed by the name, the same
// bytes giving the same answer on every machine.

TEST(ControlNamed, NativeIsTheNamedFormatOfThisMachine) {
  const bool big = HostBigEndian();
  const bool wide = sizeof(void*) == 8;
  const ipv4_cmsg_format linux_named =
      wide
          ? (big ? IPV4_CMSG_FORMAT_LINUX_64_BE : IPV4_CMSG_FORMAT_LINUX_64_LE)
          : (big ? IPV4_CMSG_FORMAT_LINUX_32_BE : IPV4_CMSG_FORMAT_LINUX_32_LE);
  const ipv4_cmsg_format freebsd_named =
      wide ? (big ? IPV4_CMSG_FORMAT_FREEBSD_64_BE
                  : IPV4_CMSG_FORMAT_FREEBSD_64_LE)
           : (big ? IPV4_CMSG_FORMAT_FREEBSD_32_BE
                  : IPV4_CMSG_FORMAT_FREEBSD_32_LE);
  const ipv4_cmsg_format darwin_named =
      big ? IPV4_CMSG_FORMAT_DARWIN_BE : IPV4_CMSG_FORMAT_DARWIN_LE;
  const std::pair<ipv4_cmsg_format, ipv4_cmsg_format> pairs[] = {
      {kLinux, linux_named},
      {kFreeBsd, freebsd_named},
      {kDarwin, darwin_named}};
  for (const auto& p : pairs) {
    Bytes all;
    for (const Piece& piece : Pieces(p.first)) {
      all = Cat({all, piece.msg});
      EXPECT_EQ(ParsedText(piece.msg, p.first),
                ParsedText(piece.msg, p.second));
    }
    ipv4_control_message a;
    ipv4_control_message b;
    ASSERT_EQ(0, Parse(&a, all, p.first));
    ASSERT_EQ(0, Parse(&b, all, p.second));
    EXPECT_EQ(0, memcmp(&a, &b, sizeof(a)));
    for (unsigned flags : {IPV4_FLAG_TTL, IPV4_FLAG_ALL, 0u}) {
      EXPECT_EQ(ipv4_control_message_recv_space(flags, p.first),
                ipv4_control_message_recv_space(flags, p.second));
    }
  }
}

TEST(ControlNamed, BigEndianLinuxOnEveryMachine) {
  // IP_TTL int 64, then IP_PKTINFO ifindex 0x01020304, 64-bit big-endian.
  Bytes b = FromHex(
      "0000000000000014 00000000 00000002 00000040 00000000"
      "000000000000001c 00000000 00000008 01020304 0a000001 0a000002"
      "00000000");
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, b, IPV4_CMSG_FORMAT_LINUX_64_BE));
  EXPECT_EQ(64, m.ttl);
  EXPECT_EQ(0x01020304, static_cast<long long>(m.ifindex));
  EXPECT_EQ("10.0.0.2", AddrText(m.dst));
  // The same bytes read as little-endian: cmsg_len 0x14 << 56 is past the end.
  EXPECT_EQ(IPV4_ECMSGLEN, Parse(&m, b, IPV4_CMSG_FORMAT_LINUX_64_LE));
}

TEST(ControlNamed, CutTtlIsSkippedOnBigEndianLinuxOnly) {
  // A 1-byte IP_TTL (0x40) in the 32-bit layouts: on a big-endian layout it
  // is the zero high byte of the kernel's int and says nothing of the TTL.
  Bytes le = FromHex("0d000000 00000000 02000000 40000000");
  Bytes be = FromHex("0000000d 00000000 00000002 40000000");
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, le, IPV4_CMSG_FORMAT_LINUX_32_LE));
  EXPECT_EQ(IPV4_FLAG_TTL, m.flags);
  EXPECT_EQ(64, m.ttl);
  ASSERT_EQ(0, Parse(&m, be, IPV4_CMSG_FORMAT_LINUX_32_BE));
  EXPECT_EQ(0u, m.flags);
  // The BSDs send IP_RECVTTL as one byte in either order.
  Bytes bsd = FromHex("0000000d 00000000 00000018 40000000");
  ASSERT_EQ(0, Parse(&m, bsd, IPV4_CMSG_FORMAT_DARWIN_BE));
  EXPECT_EQ(64, m.ttl);
}

TEST(ControlNamed, TimestampOldIsTwoWordsOfTheLayout) {
  // SO_TIMESTAMPNS_OLD: 8-byte longs on 64-bit, 4-byte on 32-bit.
  Bytes w32 = FromHex("00000014 00000001 00000023 00000005 00000006");
  Bytes w64 = FromHex(
      "0000000000000020 00000001 00000023"
      "0000000000000005 0000000000000006");
  ipv4_control_message m;
  ASSERT_EQ(0, Parse(&m, w32, IPV4_CMSG_FORMAT_LINUX_32_BE));
  EXPECT_EQ(5, m.timestamp.sec);
  EXPECT_EQ(6u, m.timestamp.nsec);
  ASSERT_EQ(0, Parse(&m, w64, IPV4_CMSG_FORMAT_LINUX_64_BE));
  EXPECT_EQ(5, m.timestamp.sec);
  EXPECT_EQ(6u, m.timestamp.nsec);
  // A negative 32-bit second count stays negative.
  Bytes neg = FromHex("14000000 01000000 23000000 ffffffff 00000000");
  ASSERT_EQ(0, Parse(&m, neg, IPV4_CMSG_FORMAT_LINUX_32_LE));
  EXPECT_EQ(-1, m.timestamp.sec);
}

TEST(ControlNamed, MarshalInEachByteOrder) {
  ipv4_control_message cm = Sendable();
  cm.ttl = 64;
  cm.tos = 0xb8;
  cm.gso_size = 1400;
  const unsigned flags = IPV4_FLAG_TTL | IPV4_FLAG_TOS | IPV4_FLAG_GSO;
  EXPECT_EQ(
      "10000000"
      "00000000"
      "02000000"
      "40000000"
      "10000000"
      "00000000"
      "01000000"
      "b8000000"
      "0e000000"
      "11000000"
      "67000000"
      "78050000",
      Marshal(cm, flags, IPV4_CMSG_FORMAT_LINUX_32_LE));
  EXPECT_EQ(
      "00000010"
      "00000000"
      "00000002"
      "00000040"
      "00000010"
      "00000000"
      "00000001"
      "000000b8"
      "0000000e"
      "00000011"
      "00000067"
      "05780000",
      Marshal(cm, flags, IPV4_CMSG_FORMAT_LINUX_32_BE));
  EXPECT_EQ("0000000d0000000000000003b8000000",
            Marshal(cm, IPV4_FLAG_TOS, IPV4_CMSG_FORMAT_FREEBSD_32_BE));
}

TEST(ControlNamed, SizesOfEachWordSize) {
  EXPECT_EQ(24, ipv4_control_message_recv_space(IPV4_FLAG_TTL,
                                                IPV4_CMSG_FORMAT_LINUX_64_BE));
  EXPECT_EQ(16, ipv4_control_message_recv_space(IPV4_FLAG_TTL,
                                                IPV4_CMSG_FORMAT_LINUX_32_LE));
  EXPECT_EQ(24, ipv4_control_message_recv_space(
                    IPV4_FLAG_TTL, IPV4_CMSG_FORMAT_FREEBSD_64_BE));
  EXPECT_EQ(16, ipv4_control_message_recv_space(
                    IPV4_FLAG_TTL, IPV4_CMSG_FORMAT_FREEBSD_32_LE));
  EXPECT_EQ(16, ipv4_control_message_recv_space(IPV4_FLAG_TTL,
                                                IPV4_CMSG_FORMAT_DARWIN_BE));
  EXPECT_EQ(IPV4_EFORMAT, ipv4_control_message_marshal_size(
                              0, static_cast<ipv4_cmsg_format>(13)));
}
