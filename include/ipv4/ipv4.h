/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/ipv4.h - all of libipv4 in one include.
 *
 * Each header below is self-contained and may be included on its own:
 *
 *   error.h    result codes, ipv4_strerror, ipv4_error_name
 *   header.h   the IPv4 header codec, checksum and receiver checks
 *   control.h  the socket control-message (cmsg) codec
 *   icmp.h     ICMP types and the ICMP filter
 *   options.h  the IPv4 options iterator and builders
 *   igmp.h     the IGMP codec (v1, v2, v3)
 *   conn.h     the connection types that wrap a caller's descriptor
 *   sockopt.h  TOS, TTL, multicast and filters on a connection
 *   io.h       reads, writes, batches and deadlines on a connection
 *
 * The first six are the codec: pure C11, no system call, no allocation.
 */
#ifndef IPV4_IPV4_H
#define IPV4_IPV4_H

#include "ipv4/error.h"
#include "ipv4/header.h"
#include "ipv4/control.h"
#include "ipv4/icmp.h"
#include "ipv4/options.h"
#include "ipv4/igmp.h"
#include "ipv4/conn.h"
#include "ipv4/sockopt.h"
#include "ipv4/io.h"

#endif /* IPV4_IPV4_H */
