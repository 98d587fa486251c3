/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/control_opt.c - turning control messages on and off, and the
 * connection's record of which are on (c->cm_flags).
 *
 * Each socket option serves one or more IPV4_FLAG_* bits. An option is on
 * while any flag it serves is on. c->cm_flags is read by the I/O half on
 * other threads, so it changes only through atomic or/and, and while an
 * option is being turned on its flags are published before the option is
 * set: a concurrent read can then size its control buffer for a message
 * that does not come yet, never the reverse.
 */
#include "ipv4/sockopt.h"

#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/socket.h>

#include "ipv4/control.h"
#include "shim/sockopt_internal.h"

/* struct cm_option is one socket option and the flags it serves. */
struct cm_option {
	unsigned flags;
	int level;
	int name;
};

#define PKTINFO_FLAGS IPV4_FLAG_PKTINFO_GROUP

static const struct cm_option cm_options[] = {
	{ IPV4_FLAG_TTL, IPPROTO_IP, IP_RECVTTL },
	{ PKTINFO_FLAGS, IPPROTO_IP, IP_PKTINFO },
	{ IPV4_FLAG_TOS, IPPROTO_IP, IP_RECVTOS },
	{ IPV4_FLAG_ORIG_DST, IPPROTO_IP, IP_RECVORIGDSTADDR },
	{ IPV4_FLAG_TIMESTAMP, SOL_SOCKET, SO_TIMESTAMPNS },
	{ IPV4_FLAG_EXTENDED_ERROR, IPPROTO_IP, IP_RECVERR },
	{ IPV4_FLAG_GRO, SOL_UDP, UDP_GRO },
	{ IPV4_FLAG_DROPS, SOL_SOCKET, SO_RXQ_OVFL },
};

/* Every flag but GSO, which is send-only, has its option above. */
_Static_assert((IPV4_FLAG_TTL | PKTINFO_FLAGS | IPV4_FLAG_TOS |
		IPV4_FLAG_ORIG_DST | IPV4_FLAG_TIMESTAMP |
		IPV4_FLAG_EXTENDED_ERROR | IPV4_FLAG_GRO | IPV4_FLAG_DROPS |
		IPV4_FLAG_GSO) == IPV4_FLAG_ALL,
	       "a control flag has no socket option");

void ipv4__opt_publish_flags(struct ipv4_packet_conn *c, unsigned flags)
{
	__atomic_fetch_or(&c->cm_flags, flags, __ATOMIC_RELEASE);
}

void ipv4__opt_clear_flags(struct ipv4_packet_conn *c, unsigned flags)
{
	__atomic_fetch_and(&c->cm_flags, ~flags, __ATOMIC_RELEASE);
}

unsigned ipv4__opt_cm_flags(const struct ipv4_packet_conn *c)
{
	return __atomic_load_n(&c->cm_flags, __ATOMIC_ACQUIRE);
}

/* turn_on: publish, set, and withdraw what was new if the kernel refuses. */
static int turn_on(struct ipv4_packet_conn *c, const struct cm_option *o,
		   unsigned mine)
{
	unsigned before = ipv4__opt_cm_flags(c);
	int rc;

	ipv4__opt_publish_flags(c, mine);
	rc = ipv4__opt_set_int(ipv4__opt_fd(c), o->level, o->name, 1);
	if (rc != 0) {
		ipv4__opt_clear_flags(c, mine & ~before);
	}
	return rc;
}

/* turn_off: unset the option unless another of its flags stays on. */
static int turn_off(struct ipv4_packet_conn *c, const struct cm_option *o,
		    unsigned mine)
{
	unsigned others = ipv4__opt_cm_flags(c) & o->flags & ~mine;
	int rc;

	if (others == 0) {
		rc = ipv4__opt_set_int(ipv4__opt_fd(c), o->level, o->name, 0);
		if (rc != 0) {
			return rc;
		}
	}
	ipv4__opt_clear_flags(c, mine);
	return 0;
}

int ipv4_packet_conn_set_control_message(struct ipv4_packet_conn *c,
					 unsigned flags, bool on)
{
	int fd = ipv4__opt_fd(c);

	if (fd < 0) {
		return fd;
	}
	if ((flags & ~IPV4_FLAG_ALL) != 0 || (flags & IPV4_FLAG_GSO) != 0) {
		return IPV4_ECMSGFLAG;
	}
	for (size_t i = 0; i < sizeof(cm_options) / sizeof(cm_options[0]);
	     i++) {
		const struct cm_option *o = &cm_options[i];
		unsigned mine = flags & o->flags;
		int rc;

		if (mine == 0) {
			continue;
		}
		rc = on ? turn_on(c, o, mine) : turn_off(c, o, mine);
		if (rc != 0) {
			return rc;
		}
	}
	return 0;
}
