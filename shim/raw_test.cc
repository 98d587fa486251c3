/* SPDX-License-Identifier: BSD-3-Clause */
// RawConn ReadFrom and WriteTo: whole IPv4 packets with IP_HDRINCL over
// loopback. Every test needs CAP_NET_RAW and skips with a message without.
#include "ipv4/io.h"

#include <errno.h>
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include "shim/shim_testing.h"

using shim_testing::EnableControl;
using shim_testing::Fd;
using shim_testing::Pending;
using shim_testing::RawSocket;

namespace {

constexpr int kProto = 253;  // RFC 3692 experimentation (io_test has 254)

// A writer (IP_HDRINCL) and a reader, both raw sockets of kProto.
class RawPair : public ::testing::Test {
 protected:
  void SetUp() override {
    wfd_ = std::make_unique<Fd>(RawSocket(kProto));
    rfd_ = std::make_unique<Fd>(RawSocket(kProto));
    if (wfd_->get() < 0) GTEST_SKIP() << "needs CAP_NET_RAW for a raw socket";
    ASSERT_EQ(0, ipv4_raw_conn_init(&w_, wfd_->get()));
    ASSERT_EQ(0, ipv4_raw_conn_init(&r_, rfd_->get()));
    ipv4_packet_conn_set_read_deadline(&r_.pc,
                                       ipv4_monotonic_ns() + 5000000000LL);
  }
  ipv4_header Header(size_t payload_len, size_t options_len = 0) {
    ipv4_header h{};
    h.version = 4;
    h.len = static_cast<uint8_t>(IPV4_HEADER_LEN + options_len);
    h.tos = 0x10;
    h.total_len = static_cast<uint16_t>(h.len + payload_len);
    h.flags = IPV4_DONT_FRAGMENT;
    h.ttl = 7;
    h.protocol = kProto;
    h.dst.s_addr = htonl(INADDR_LOOPBACK);
    h.options_len = options_len;
    return h;  // id, checksum and src zero: the kernel's to fill in
  }
  std::unique_ptr<Fd> wfd_;
  std::unique_ptr<Fd> rfd_;
  ipv4_raw_conn w_{};
  ipv4_raw_conn r_{};
};

const uint8_t kPayload[] = "raw payload";

TEST_F(RawPair, HeaderIncludedRoundTrip) {
  ipv4_header h = Header(sizeof(kPayload));
  ASSERT_EQ(
      static_cast<int>(IPV4_HEADER_LEN + sizeof(kPayload)),
      ipv4_raw_conn_write_to(&w_, &h, kPayload, sizeof(kPayload), nullptr));
  uint8_t buf[256];
  ipv4_header got;
  const uint8_t* payload = nullptr;
  size_t payload_len = 0;
  ipv4_control_message cm;
  int n = ipv4_raw_conn_read_from(&r_, buf, sizeof(buf), &got, &payload,
                                  &payload_len, &cm);
  ASSERT_EQ(static_cast<int>(IPV4_HEADER_LEN + sizeof(kPayload)), n);
  EXPECT_EQ(
      0, ipv4_header_validate(buf, static_cast<size_t>(n)));  // kernel checksum
  EXPECT_EQ(4, got.version);
  EXPECT_EQ(IPV4_HEADER_LEN, got.len);
  EXPECT_EQ(0x10, got.tos);
  EXPECT_EQ(n, got.total_len);
  EXPECT_EQ(IPV4_DONT_FRAGMENT, got.flags);
  EXPECT_EQ(7, got.ttl);
  EXPECT_EQ(kProto, got.protocol);
  EXPECT_NE(0, got.checksum);
  EXPECT_EQ(htonl(INADDR_LOOPBACK), got.src.s_addr);  // filled in by the kernel
  EXPECT_EQ(htonl(INADDR_LOOPBACK), got.dst.s_addr);
  EXPECT_EQ(buf + IPV4_HEADER_LEN, payload);  // a view, not a copy
  ASSERT_EQ(sizeof(kPayload), payload_len);
  EXPECT_EQ(0, memcmp(payload, kPayload, sizeof(kPayload)));
  EXPECT_EQ(0u, cm.flags);
}

TEST_F(RawPair, OptionsAndControlMessagesComeBack) {
  ASSERT_TRUE(EnableControl(&r_.pc, IPV4_FLAG_TTL | IPV4_FLAG_DST));
  ipv4_header h = Header(sizeof(kPayload), 4);
  const uint8_t nops[4] = {1, 1, 1, 0};  // NOP NOP NOP End
  memcpy(h.options, nops, 4);
  h.id = 0x1234;
  h.src.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(
      static_cast<int>(24 + sizeof(kPayload)),
      ipv4_raw_conn_write_to(&w_, &h, kPayload, sizeof(kPayload), nullptr));
  uint8_t buf[256];
  ipv4_header got;
  const uint8_t* payload;
  size_t payload_len;
  ipv4_control_message cm;
  ASSERT_EQ(static_cast<int>(24 + sizeof(kPayload)),
            ipv4_raw_conn_read_from(&r_, buf, sizeof(buf), &got, &payload,
                                    &payload_len, &cm));
  EXPECT_EQ(24, got.len);
  ASSERT_EQ(4u, got.options_len);
  EXPECT_EQ(0, memcmp(got.options, nops, 4));
  EXPECT_EQ(0x1234, got.id);  // a non-zero id is the caller's
  EXPECT_EQ(buf + 24, payload);
  EXPECT_EQ(sizeof(kPayload), payload_len);
  EXPECT_EQ(7, cm.ttl);
  EXPECT_EQ(htonl(INADDR_LOOPBACK), cm.dst.s_addr);
}

TEST_F(RawPair, CutPacketIsReportedWithItsHeader) {
  ipv4_header h = Header(sizeof(kPayload));
  ASSERT_GT(
      ipv4_raw_conn_write_to(&w_, &h, kPayload, sizeof(kPayload), nullptr), 0);
  uint8_t buf[IPV4_HEADER_LEN + 3];
  ipv4_header got;
  const uint8_t* payload;
  size_t payload_len;
  EXPECT_EQ(IPV4_ETRUNC,
            ipv4_raw_conn_read_from(&r_, buf, sizeof(buf), &got, &payload,
                                    &payload_len, nullptr));
  EXPECT_EQ(kProto, got.protocol);
  EXPECT_EQ(IPV4_HEADER_LEN + sizeof(kPayload),
            got.total_len);  // the header knows
  EXPECT_EQ(3u, payload_len);
  EXPECT_EQ(0, memcmp(payload, "raw", 3));
}

TEST_F(RawPair, PacketTooShortForAHeaderIsAHeaderError) {
  ipv4_header h = Header(sizeof(kPayload));
  ASSERT_GT(
      ipv4_raw_conn_write_to(&w_, &h, kPayload, sizeof(kPayload), nullptr), 0);
  uint8_t buf[10];
  ipv4_header got;
  const uint8_t* payload = buf;
  size_t payload_len = 99;
  EXPECT_EQ(IPV4_ESHORT,
            ipv4_raw_conn_read_from(&r_, buf, sizeof(buf), &got, &payload,
                                    &payload_len, nullptr));
  EXPECT_EQ(nullptr, payload);
  EXPECT_EQ(0u, payload_len);
  EXPECT_EQ(0, got.protocol);
}

TEST_F(RawPair, ReadDeadlineApplies) {
  ipv4_packet_conn_set_read_deadline(&r_.pc, 1);
  uint8_t buf[64];
  ipv4_header got;
  const uint8_t* payload;
  size_t payload_len;
  EXPECT_EQ(IPV4_ETIMEOUT,
            ipv4_raw_conn_read_from(&r_, buf, sizeof(buf), &got, &payload,
                                    &payload_len, nullptr));
}

TEST_F(RawPair, WriteRefusesBadInputBeforeTheKernel) {
  ipv4_header h = Header(sizeof(kPayload));
  EXPECT_EQ(IPV4_EINVAL, ipv4_raw_conn_write_to(nullptr, &h, kPayload,
                                                sizeof(kPayload), nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_raw_conn_write_to(&w_, nullptr, kPayload,
                                                sizeof(kPayload), nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_raw_conn_write_to(&w_, &h, nullptr, 4, nullptr));
  ipv4_raw_conn closed{};
  closed.pc.fd = -1;
  EXPECT_EQ(IPV4_EINVAL, ipv4_raw_conn_write_to(&closed, &h, kPayload,
                                                sizeof(kPayload), nullptr));

  ipv4_header lie = h;
  lie.total_len = static_cast<uint16_t>(lie.total_len + 1);
  EXPECT_EQ(IPV4_ETOTALLEN, ipv4_raw_conn_write_to(&w_, &lie, kPayload,
                                                   sizeof(kPayload), nullptr));
  ipv4_header bad_opts = Header(sizeof(kPayload), 3);
  EXPECT_EQ(IPV4_EOPTLEN, ipv4_raw_conn_write_to(&w_, &bad_opts, kPayload,
                                                 sizeof(kPayload), nullptr));
  ipv4_header bad_len = h;
  bad_len.len = 24;
  EXPECT_EQ(IPV4_EHDRLEN, ipv4_raw_conn_write_to(&w_, &bad_len, kPayload,
                                                 sizeof(kPayload), nullptr));

  ipv4_control_message gso{};
  gso.flags = IPV4_FLAG_GSO;
  gso.gso_size = 4;
  EXPECT_EQ(-EOPNOTSUPP,
            ipv4_raw_conn_write_to(&w_, &h, kPayload, sizeof(kPayload), &gso));
  ipv4_control_message dst_only{};
  dst_only.flags = IPV4_FLAG_DST;
  EXPECT_EQ(
      IPV4_ECMSGFLAG,
      ipv4_raw_conn_write_to(&w_, &h, kPayload, sizeof(kPayload), &dst_only));
  usleep(10000);
  EXPECT_FALSE(Pending(rfd_->get())) << "a refused write sent something";
}

TEST_F(RawPair, ReadRefusesNullOutputs) {
  uint8_t buf[64];
  ipv4_header got;
  const uint8_t* payload;
  size_t payload_len;
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_raw_conn_read_from(nullptr, buf, sizeof(buf), &got, &payload,
                                    &payload_len, nullptr));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_raw_conn_read_from(&r_, nullptr, sizeof(buf), &got, &payload,
                                    &payload_len, nullptr));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_raw_conn_read_from(&r_, buf, sizeof(buf), nullptr, &payload,
                                    &payload_len, nullptr));
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_raw_conn_read_from(&r_, buf, sizeof(buf), &got, nullptr,
                                    &payload_len, nullptr));
  EXPECT_EQ(IPV4_EINVAL, ipv4_raw_conn_read_from(&r_, buf, sizeof(buf), &got,
                                                 &payload, nullptr, nullptr));
  ipv4_raw_conn closed{};
  closed.pc.fd = -1;
  EXPECT_EQ(IPV4_EINVAL,
            ipv4_raw_conn_read_from(&closed, buf, sizeof(buf), &got, &payload,
                                    &payload_len, nullptr));
}

}  // namespace
