/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ipv4/sockopt.h - IP-level socket options of a connection.
 *
 * The option half of Go's ipv4.Conn, ipv4.PacketConn and ipv4.RawConn:
 * TOS and TTL; multicast membership, source-specific multicast and the
 * multicast sending options; which control messages the kernel delivers;
 * the ICMP filter of a raw ICMP socket and classic BPF programs. Beyond Go:
 * IP_MULTICAST_ALL, RFC 3678 full-state source filters, and attaching a
 * filter without ever returning a queued packet it rejects.
 *
 * Each call is one or a few setsockopt(2)/getsockopt(2) calls on the
 * caller's descriptor. Results: 0 on success (the drain calls return a
 * count); IPV4_EINVAL and the other IPV4_E* codes of error.h for what
 * libipv4 refuses before any system call, so that no argument reaches the
 * kernel in a form it would misread; and -errno, unchanged, for what the
 * kernel refuses (-EADDRINUSE, -ENODEV, ...). A connection whose descriptor
 * was closed with *_close (fd -1) is IPV4_EINVAL. Getters zero their
 * outputs first, so an output is defined after a failure too.
 *
 * Addresses: a multicast group, a source, are a struct sockaddr_in (its
 * port is ignored; its family must be AF_INET) or, in lists, a struct
 * in_addr, in network byte order. An interface is an index (see
 * if_nametoindex(3)); 0 lets the system choose, like Go's nil interface,
 * although Go's advice holds: the system's choice depends on the routing
 * table, so name the interface when you can. An index is an unsigned
 * int, the type if_nametoindex returns; one above INT_MAX (the kernel's
 * indexes are int) is IPV4_EIFINDEX.
 *
 * Raw connections: every ipv4_packet_conn_* call here applies to a raw
 * connection through its packet connection, &rc->pc (see the end of this
 * header). With IP_HDRINCL on, the header of each packet written is the
 * caller's, so the options that only fill in outgoing headers (TOS, TTL,
 * multicast TTL) do nothing to packets written through the raw
 * connection; the rest apply.
 *
 * Thread safety: the options live in the kernel, which applies each
 * setsockopt atomically, so every call here may run on any thread while
 * others read, write or change other options of the same connection, with
 * the exceptions each declaration states (set_control_message, and the
 * drain calls).
 */
#ifndef IPV4_SOCKOPT_H
#define IPV4_SOCKOPT_H

#include "ipv4/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>

#include "ipv4/conn.h"
#include "ipv4/error.h"
#include "ipv4/icmp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* struct sock_filter is one classic BPF instruction, from <linux/filter.h>. */
struct sock_filter;

/* IPV4_BPF_MAXINSNS is the longest classic BPF program Linux accepts. */
#define IPV4_BPF_MAXINSNS 4096

/*
 * IPV4_SOURCE_FILTER_MAX is the most sources a full-state source filter
 * call passes in one go (the kernel's own default limit, sysctl
 * net.ipv4.igmp_max_msf, is 10). The list travels to the kernel in a stack
 * buffer of 128 bytes per source, about 8.3 KiB at this maximum.
 */
#define IPV4_SOURCE_FILTER_MAX 64

/*
 * enum ipv4_filter_mode says what a group's source list means (RFC 3678):
 * EXCLUDE, receive from every source but those listed (a plain join is
 * EXCLUDE with an empty list); INCLUDE, receive only from those listed.
 * The values are Linux's MCAST_EXCLUDE and MCAST_INCLUDE.
 */
enum ipv4_filter_mode {
	IPV4_FILTER_EXCLUDE = 0,
	IPV4_FILTER_INCLUDE = 1,
};

/* --- Conn: TOS and TTL of any IPv4 socket ------------------------------ */

/*
 * ipv4_conn_tos stores in *out_tos the TOS byte (DSCP << 2 | ECN) the
 * socket puts in the packets it sends (IP_TOS; Go's Conn.TOS). Returns 0,
 * IPV4_EINVAL when c or out_tos is NULL or c is closed, or -errno. Safe
 * from any thread.
 */
IPV4_EXPORT int ipv4_conn_tos(const struct ipv4_conn *c, int *out_tos);

/*
 * ipv4_conn_set_tos sets the TOS byte of the packets the socket sends from
 * now on (Go's Conn.SetTOS), tos 0..255. On a TCP socket Linux keeps the
 * two ECN bits for TCP's own use: it stores tos with the ECN bits it
 * already had, so ipv4_conn_tos returns tos & 0xfc with those bits.
 * Returns 0, IPV4_EINVAL when c is NULL or closed or tos is outside 0..255
 * (Linux would silently keep only its low byte), or -errno. Safe from any
 * thread.
 */
IPV4_EXPORT int ipv4_conn_set_tos(struct ipv4_conn *c, int tos);

/*
 * ipv4_conn_ttl stores in *out_ttl the TTL of the unicast packets the
 * socket sends (IP_TTL; Go's Conn.TTL): the system default
 * (net.ipv4.ip_default_ttl) until one is set. Returns 0, IPV4_EINVAL when
 * c or out_ttl is NULL or c is closed, or -errno. Safe from any thread.
 */
IPV4_EXPORT int ipv4_conn_ttl(const struct ipv4_conn *c, int *out_ttl);

/*
 * ipv4_conn_set_ttl sets the TTL of the unicast packets the socket sends
 * from now on (Go's Conn.SetTTL), ttl 1..255. Returns 0, IPV4_EINVAL when
 * c is NULL or closed or ttl is outside 1..255 (Linux refuses 0 and takes
 * -1 to mean its default; libipv4 refuses both), or -errno. Safe from any
 * thread.
 */
IPV4_EXPORT int ipv4_conn_set_ttl(struct ipv4_conn *c, int ttl);

/* --- PacketConn and RawConn: TOS and TTL ------------------------------- */

/*
 * ipv4_packet_conn_tos, ipv4_packet_conn_set_tos, ipv4_packet_conn_ttl and
 * ipv4_packet_conn_set_ttl are the four calls above for a packet
 * connection (Go's PacketConn.TOS, SetTOS, TTL, SetTTL), with the same
 * ranges, results and thread safety. On a raw connection they do nothing
 * to the packets written through it (its header is the caller's).
 */
IPV4_EXPORT int ipv4_packet_conn_tos(const struct ipv4_packet_conn *c,
				     int *out_tos);
IPV4_EXPORT int ipv4_packet_conn_set_tos(struct ipv4_packet_conn *c, int tos);
IPV4_EXPORT int ipv4_packet_conn_ttl(const struct ipv4_packet_conn *c,
				     int *out_ttl);
IPV4_EXPORT int ipv4_packet_conn_set_ttl(struct ipv4_packet_conn *c, int ttl);

/* --- Multicast membership ---------------------------------------------- */

/*
 * ipv4_packet_conn_join_group joins the multicast group *group on the
 * interface ifindex (MCAST_JOIN_GROUP; Go's JoinGroup): the socket
 * receives the group's datagrams from every source, until
 * ipv4_packet_conn_exclude_source_specific_group mutes some of them.
 *
 * Returns 0, or:
 *   IPV4_EINVAL     c or group is NULL, c is closed, or group's family is
 *                   not AF_INET
 *   IPV4_EIFINDEX   ifindex is above INT_MAX
 *   IPV4_ENOTMCAST  group's address is not a multicast address (224.0.0.0/4;
 *                   0.0.0.0 included)
 *   -EADDRINUSE     the socket already joined the group on that interface
 *   -ENODEV         no interface has that index (or, for 0, no route
 *                   chooses one)
 *   -ENOBUFS        the socket is in net.ipv4.igmp_max_memberships groups
 *   -errno          other refusals from setsockopt(2)
 * Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_join_group(struct ipv4_packet_conn *c,
					    unsigned int ifindex,
					    const struct sockaddr_in *group);

/*
 * ipv4_packet_conn_leave_group leaves the group *group on the interface
 * ifindex, whether it was joined for all sources or for some
 * (MCAST_LEAVE_GROUP; Go's LeaveGroup). Returns 0, the argument errors of
 * ipv4_packet_conn_join_group, -EADDRNOTAVAIL when the socket is not in
 * the group on that interface, or -errno. Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_leave_group(struct ipv4_packet_conn *c,
					     unsigned int ifindex,
					     const struct sockaddr_in *group);

/*
 * ipv4_packet_conn_join_source_specific_group joins the group *group for
 * the one source *source on the interface ifindex (MCAST_JOIN_SOURCE_GROUP;
 * Go's JoinSourceSpecificGroup; RFC 4607). Call it again to add sources.
 *
 * source must be a unicast address: 0.0.0.0, a multicast address and
 * 255.255.255.255 are IPV4_EINVAL (Linux would accept them and filter on
 * an address no packet comes from). Returns 0, the argument errors of
 * ipv4_packet_conn_join_group, IPV4_EINVAL for a NULL or non-AF_INET
 * source or the addresses above, -EADDRNOTAVAIL when that source is
 * already joined, -EINVAL when the socket joined the group for all sources
 * and excluded some (a membership for all sources that excludes none
 * becomes one for this source alone: Linux lets a filter with no sources
 * change its mode), or -errno. Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_join_source_specific_group(
	struct ipv4_packet_conn *c, unsigned int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source);

/*
 * ipv4_packet_conn_leave_source_specific_group drops the source *source of
 * the source-specific group *group on the interface ifindex
 * (MCAST_LEAVE_SOURCE_GROUP; Go's LeaveSourceSpecificGroup); dropping the
 * last source leaves the group. Returns 0, the argument errors of
 * ipv4_packet_conn_join_source_specific_group, -EINVAL or -EADDRNOTAVAIL
 * (Linux gives both) when the socket has no such membership, or -errno.
 * Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_leave_source_specific_group(
	struct ipv4_packet_conn *c, unsigned int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source);

/*
 * ipv4_packet_conn_exclude_source_specific_group mutes the source *source
 * of the group *group that the socket joined for all sources on the
 * interface ifindex (MCAST_BLOCK_SOURCE; Go's ExcludeSourceSpecificGroup).
 * Returns 0, the argument errors of
 * ipv4_packet_conn_join_source_specific_group, -EINVAL when the socket is
 * not in the group or joined it for some sources only, -EADDRNOTAVAIL when
 * the source is already muted, or -errno. Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_exclude_source_specific_group(
	struct ipv4_packet_conn *c, unsigned int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source);

/*
 * ipv4_packet_conn_include_source_specific_group unmutes a source that
 * ipv4_packet_conn_exclude_source_specific_group muted
 * (MCAST_UNBLOCK_SOURCE; Go's IncludeSourceSpecificGroup). Returns 0, the
 * argument errors of ipv4_packet_conn_join_source_specific_group,
 * -EADDRNOTAVAIL when the source was not muted, or -errno. Safe from any
 * thread.
 */
IPV4_EXPORT int ipv4_packet_conn_include_source_specific_group(
	struct ipv4_packet_conn *c, unsigned int ifindex,
	const struct sockaddr_in *group, const struct sockaddr_in *source);

/* --- Full-state source filters (RFC 3678), beyond Go ------------------- */

/*
 * ipv4_packet_conn_set_source_filter replaces, in one step, the whole
 * source filter of the group *group that the socket joined on the
 * interface ifindex (nonzero: Linux files a membership under the index it
 * resolved): mode and the list sources[0..num_sources) (MCAST_MSFILTER, the
 * setsourcefilter(3) of RFC 3678). INCLUDE with an empty list leaves the
 * group, as RFC 3678 says.
 *
 * Each source must be a unicast address, listed once. Returns 0, or:
 *   IPV4_EINVAL     c or group is NULL, c is closed, group's family is not
 *                   AF_INET, mode is not an enum value, sources is NULL
 *                   with num_sources > 0, num_sources is above
 *                   IPV4_SOURCE_FILTER_MAX, or a source is 0.0.0.0,
 *                   multicast, 255.255.255.255 or listed twice
 *   IPV4_EIFINDEX   ifindex is above INT_MAX
 *   IPV4_ENOTMCAST  group is not a multicast address
 *   -EINVAL         the socket has not joined the group on that interface
 *                   (Linux's code; the getter says -EADDRNOTAVAIL)
 *   -ENOBUFS        the list is longer than net.ipv4.igmp_max_msf
 *   -errno          other refusals from setsockopt(2)
 * Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_set_source_filter(
	struct ipv4_packet_conn *c, unsigned int ifindex,
	const struct sockaddr_in *group, enum ipv4_filter_mode mode,
	const struct in_addr *sources, size_t num_sources);

/*
 * ipv4_packet_conn_source_filter reads the source filter of the group
 * *group that the socket joined on the interface ifindex (the
 * getsourcefilter(3) of RFC 3678): its mode to *out_mode, its sources to
 * out_sources[0..max_sources), and how many sources the list has in all to
 * *out_num_sources. out_sources may be NULL when max_sources is 0, to learn
 * the size. At most IPV4_SOURCE_FILTER_MAX sources are ever copied.
 *
 * Returns 0 when the whole list was copied, or:
 *   IPV4_ENOBUF     the list has more sources than max_sources (or than
 *                   IPV4_SOURCE_FILTER_MAX): the list was truncated; the
 *                   first ones are in out_sources, *out_mode is set and
 *                   *out_num_sources is the whole list's length
 *   IPV4_EINVAL     c, group, out_mode or out_num_sources is NULL, c is
 *                   closed, group's family is not AF_INET, or out_sources
 *                   is NULL with max_sources > 0
 *   IPV4_EIFINDEX, IPV4_ENOTMCAST  as for the setter
 *   -EADDRNOTAVAIL  the socket has not joined the group on that interface
 *   -errno          other refusals from getsockopt(2)
 * *out_mode (EXCLUDE) and *out_num_sources are zeroed first; entries of
 * out_sources past those copied are left as they were. Safe from any
 * thread.
 */
IPV4_EXPORT int ipv4_packet_conn_source_filter(const struct ipv4_packet_conn *c,
					       unsigned int ifindex,
					       const struct sockaddr_in *group,
					       enum ipv4_filter_mode *out_mode,
					       struct in_addr *out_sources,
					       size_t max_sources,
					       size_t *out_num_sources);

/* --- Multicast sending and receiving options --------------------------- */

/*
 * ipv4_packet_conn_set_multicast_interface sets the interface multicast
 * datagrams leave by (IP_MULTICAST_IF with a struct ip_mreqn; Go's
 * SetMulticastInterface); 0 returns the choice to the routing table.
 * Returns 0, IPV4_EINVAL when c is NULL or closed, IPV4_EIFINDEX when
 * ifindex is above INT_MAX, -EADDRNOTAVAIL when no interface has that index
 * (Linux's code), or -errno. Safe from any thread.
 */
IPV4_EXPORT int
ipv4_packet_conn_set_multicast_interface(struct ipv4_packet_conn *c,
					 unsigned int ifindex);

/*
 * ipv4_packet_conn_multicast_interface stores in *out_addr the address
 * Linux reports for IP_MULTICAST_IF: the interface address last set with
 * the address forms of the option (struct in_addr, or ip_mreqn's
 * imr_address), 0.0.0.0 when none was.
 *
 * Linux cannot report the interface index: getsockopt(IP_MULTICAST_IF)
 * returns only that address, and setting the interface by index, as
 * ipv4_packet_conn_set_multicast_interface does, sets it to 0.0.0.0. So
 * there is no getter of the index; Go's MulticastInterface reads the index
 * from a reply that never carries it and always returns nil on Linux,
 * which this function does not imitate.
 *
 * Returns 0, IPV4_EINVAL when c or out_addr is NULL or c is closed, or
 * -errno. Safe from any thread.
 */
IPV4_EXPORT int
ipv4_packet_conn_multicast_interface(const struct ipv4_packet_conn *c,
				     struct in_addr *out_addr);

/*
 * ipv4_packet_conn_multicast_ttl and ipv4_packet_conn_set_multicast_ttl
 * get and set the TTL of the multicast datagrams the socket sends
 * (IP_MULTICAST_TTL; Go's MulticastTTL, SetMulticastTTL); the default is 1,
 * the local network. ttl is 0..255; 0 keeps the datagrams on this host.
 * On a raw connection the setting does nothing to what it writes. Return
 * 0, IPV4_EINVAL when c or out_ttl is NULL, c is closed, or ttl is out of
 * range, or -errno. Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_multicast_ttl(const struct ipv4_packet_conn *c,
					       int *out_ttl);
IPV4_EXPORT int ipv4_packet_conn_set_multicast_ttl(struct ipv4_packet_conn *c,
						   int ttl);

/*
 * ipv4_packet_conn_multicast_loopback and
 * ipv4_packet_conn_set_multicast_loopback get and set whether the
 * multicast datagrams the socket sends are also delivered to the sockets
 * of this host that joined the group (IP_MULTICAST_LOOP; Go's
 * MulticastLoopback, SetMulticastLoopback). On by default. Return 0,
 * IPV4_EINVAL when c or out_on is NULL or c is closed, or -errno. Safe
 * from any thread.
 */
IPV4_EXPORT int
ipv4_packet_conn_multicast_loopback(const struct ipv4_packet_conn *c,
				    bool *out_on);
IPV4_EXPORT int
ipv4_packet_conn_set_multicast_loopback(struct ipv4_packet_conn *c, bool on);

/*
 * ipv4_packet_conn_multicast_all and ipv4_packet_conn_set_multicast_all get
 * and set IP_MULTICAST_ALL (beyond Go). Linux turns it on for every new
 * socket, and then a socket bound to the wildcard address receives the
 * datagrams of every group that any socket of the host joined on its port,
 * not only of the groups it joined itself. Turn it off on every socket
 * that joins groups and must see only their traffic: two programs that use
 * one port with different groups, or a listener that must not read
 * datagrams meant for another. With it off, a socket receives multicast
 * only for the groups (and sources) it joined; unicast and broadcast are
 * unaffected. Return 0, IPV4_EINVAL when c or out_on is NULL or c is
 * closed, or -errno. Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_multicast_all(const struct ipv4_packet_conn *c,
					       bool *out_on);
IPV4_EXPORT int ipv4_packet_conn_set_multicast_all(struct ipv4_packet_conn *c,
						   bool on);

/* --- Control messages --------------------------------------------------- */

/*
 * ipv4_packet_conn_set_control_message turns on (on true) or off the
 * delivery of the control messages flags names (IPV4_FLAG_* of control.h;
 * Go's SetControlMessage), setting one socket option per kind, and records
 * the flags that are on in c->cm_flags, from which the reads of io.h size
 * and parse their control buffers:
 *
 *   IPV4_FLAG_TTL                 IP_RECVTTL
 *   IPV4_FLAG_SRC, _DST, _INTERFACE, _SPEC_DST   IP_PKTINFO (one option)
 *   IPV4_FLAG_TOS                 IP_RECVTOS
 *   IPV4_FLAG_ORIG_DST            IP_RECVORIGDSTADDR
 *   IPV4_FLAG_TIMESTAMP           SO_TIMESTAMPNS
 *   IPV4_FLAG_EXTENDED_ERROR      IP_RECVERR
 *   IPV4_FLAG_GRO                 UDP_GRO (UDP sockets only)
 *   IPV4_FLAG_DROPS               SO_RXQ_OVFL
 *
 * IP_PKTINFO stays on while any of the four flags that share it is on
 * (Go turns it off when any one of them is turned off). flags 0 does
 * nothing. Options are set in the order above; when one fails, those
 * before it stay changed, and c->cm_flags says what is on either way.
 * While an option is being turned on its flag is recorded first, so that a
 * concurrent read never receives a control message it did not make room
 * for.
 *
 * Returns 0, or:
 *   IPV4_EINVAL     c is NULL or closed
 *   IPV4_ECMSGFLAG  flags has a bit outside IPV4_FLAG_ALL, or
 *                   IPV4_FLAG_GSO, which names nothing to receive (see
 *                   ipv4_packet_conn_set_gso_size in io.h); nothing changed
 *   -ENOPROTOOPT    IPV4_FLAG_GRO on a socket that is not UDP
 *   -errno          other refusals from setsockopt(2)
 *
 * Thread safety: safe while other threads read and write c (c->cm_flags is
 * updated atomically); two calls that change the flags of one connection
 * must not run at once (the caller serialises them).
 */
IPV4_EXPORT int ipv4_packet_conn_set_control_message(struct ipv4_packet_conn *c,
						     unsigned flags, bool on);

/* --- ICMP and BPF filters ----------------------------------------------- */

/*
 * ipv4_packet_conn_icmp_filter reads the ICMP filter of a raw ICMP socket
 * (ICMP_FILTER; Go's ICMPFilter) into *out through icmp.h's kernel-word
 * conversion: types 0..31 as the kernel word says, 32..255 accepted.
 * Returns 0, or:
 *   IPV4_EINVAL     c or out is NULL, or c is closed
 *   IPV4_ESOCKTYPE  c is not a SOCK_RAW socket of protocol IPPROTO_ICMP,
 *                   the only kind with an ICMP filter (Linux would say
 *                   -EOPNOTSUPP or -ENOPROTOOPT depending on the kind)
 *   -errno          from getsockopt(2)
 * Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_icmp_filter(const struct ipv4_packet_conn *c,
					     struct ipv4_icmp_filter *out);

/*
 * ipv4_packet_conn_set_icmp_filter sets the ICMP filter of a raw ICMP
 * socket to *f (Go's SetICMPFilter). The filter applies to packets as they
 * arrive: packets already queued are delivered whatever their type (see
 * ipv4_packet_conn_set_icmp_filter_and_drain). Returns 0, or:
 *   IPV4_EINVAL     c or f is NULL, or c is closed
 *   IPV4_EICMPTYPE  f blocks a type above 31, which Linux cannot filter
 *   IPV4_ESOCKTYPE  c is not a raw ICMP socket
 *   -errno          from setsockopt(2)
 * Safe from any thread.
 */
IPV4_EXPORT int
ipv4_packet_conn_set_icmp_filter(struct ipv4_packet_conn *c,
				 const struct ipv4_icmp_filter *f);

/*
 * ipv4_packet_conn_set_bpf attaches the classic BPF program
 * prog[0..num_insns) to the socket (SO_ATTACH_FILTER; Go's SetBPF),
 * replacing any program it had. The kernel copies the program. Like the
 * ICMP filter it judges packets as they arrive, not those already queued
 * (see ipv4_packet_conn_set_bpf_and_drain). Returns 0, or:
 *   IPV4_EINVAL     c or prog is NULL, c is closed, or num_insns is 0 or
 *                   above IPV4_BPF_MAXINSNS
 *   -EINVAL         the kernel's checker refused the program
 *   -EPERM          the socket's filter is locked (SO_LOCK_FILTER)
 *   -errno          other refusals from setsockopt(2)
 * Safe from any thread.
 */
IPV4_EXPORT int ipv4_packet_conn_set_bpf(struct ipv4_packet_conn *c,
					 const struct sock_filter *prog,
					 size_t num_insns);

/*
 * ipv4_packet_conn_set_bpf_and_drain attaches prog[0..num_insns) as
 * ipv4_packet_conn_set_bpf does and makes sure that no packet the program
 * rejects is ever read from the socket afterwards, even one that was
 * queued before the call or arrived during it (beyond Go). It:
 *
 *   1. attaches prog, so that the kernel checks it before anything else
 *      changes (a refused program fails the call here, harmlessly);
 *   2. attaches a program that drops every packet;
 *   3. waits until every packet the kernel was delivering when step 2
 *      took effect has reached the receive queue (an RCU grace period,
 *      through membarrier(MEMBARRIER_CMD_GLOBAL); shim/filter.c has the
 *      argument);
 *   4. reads and discards the queue until it is empty: nothing can join
 *      it now, so this ends. An error the socket had pending for an
 *      earlier datagram (-ECONNREFUSED, say), which a read reports once,
 *      is discarded with the queue;
 *   5. attaches prog again.
 *
 * Every packet read later was judged by prog. The price: the packets
 * queued before the call and those arriving during it (a few milliseconds,
 * mostly step 3) are discarded even when prog would accept them.
 *
 * Returns the number of packets discarded, or:
 *   the errors of ipv4_packet_conn_set_bpf, from step 1: nothing changed
 *                   and no packet was discarded
 *   -errno          from a later step. From step 2, setsockopt(2): prog
 *                   stays attached and the queue was not drained. From
 *                   step 3, membarrier(2) (-EINVAL on kernels booted with
 *                   nohz_full, -ENOSYS before Linux 4.3, without
 *                   CONFIG_MEMBARRIER or where a sandbox forbids it): the queue is drained all the same, but
 *                   without the guarantee. From step 4, recv(2) failing
 *                   several times in a row: the queue may still hold
 *                   packets. From step 5, setsockopt(2). After these three
 *                   the drop-all program stays attached, so that no new
 *                   packet is admitted; do not read from the socket until
 *                   a call succeeds (or close it).
 *
 * Thread safety: no other thread may read from the socket or change its
 * filters during the call (a concurrent read could return a packet prog
 * rejects); sending and setting other options are fine.
 */
IPV4_EXPORT int
ipv4_packet_conn_set_bpf_and_drain(struct ipv4_packet_conn *c,
				   const struct sock_filter *prog,
				   size_t num_insns);

/*
 * ipv4_packet_conn_set_icmp_filter_and_drain sets the ICMP filter *f as
 * ipv4_packet_conn_set_icmp_filter does and makes sure, as
 * ipv4_packet_conn_set_bpf_and_drain does, that no packet *f blocks is read
 * afterwards (beyond Go). Its steps: set a filter blocking types 0..31;
 * wait for an RCU grace period; discard the queue; set *f. Types 32..255,
 * which no ICMP filter can block, keep arriving during the call and are
 * discarded too: a steady stream of them makes the call last longer.
 *
 * Returns the number of packets discarded, or the errors of
 * ipv4_packet_conn_set_icmp_filter (then nothing changed), or -errno from a
 * later step as for ipv4_packet_conn_set_bpf_and_drain: from setting the
 * first filter (nothing changed), or from the grace period, the drain or
 * setting *f, after which the socket is left blocking types 0..31 and must
 * not be read until a call succeeds. Thread safety: as for
 * ipv4_packet_conn_set_bpf_and_drain.
 */
IPV4_EXPORT int
ipv4_packet_conn_set_icmp_filter_and_drain(struct ipv4_packet_conn *c,
					   const struct ipv4_icmp_filter *f);

/* --- Raw connections ------------------------------------------------------ */

/*
 * A raw connection (struct ipv4_raw_conn, conn.h) takes every call in this
 * header through its packet connection: ipv4_packet_conn_set_ttl(&rc->pc,
 * 64), ipv4_packet_conn_join_group(&rc->pc, ...), with the same results and
 * thread safety (Go's RawConn methods). The ipv4_raw_conn_* functions are
 * only those whose behaviour differs: init and close (conn.h), and the
 * header-aware read and write (io.h).
 */

#ifdef __cplusplus
}
#endif

#endif /* IPV4_SOCKOPT_H */
