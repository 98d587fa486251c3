/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shim/source_filter.c - RFC 3678 full-state source filters over
 * MCAST_MSFILTER.
 *
 * The kernel takes and returns a struct group_filter: a head, then
 * gf_numsrc sockaddr_storage slots of 128 bytes each.
 *
 *   gf_interface  u32 (padded)    interface index
 *   gf_group      sockaddr_storage
 *   gf_fmode      u32             MCAST_EXCLUDE (0) or MCAST_INCLUDE (1)
 *   gf_numsrc     u32             slots that follow (on return: the whole
 *                                 list's length, which may be more)
 *   gf_slist[]    sockaddr_storage, one source each
 *
 * Linux's getsockopt writes as many slots as the gf_numsrc it is given,
 * without comparing them with the buffer's length, so the count handed to
 * it here never exceeds the stack buffer: IPV4_SOURCE_FILTER_MAX slots.
 * Slots are written and read with memcpy at computed offsets, never as
 * gf_slist[i], which is declared with one element.
 */
#include "ipv4/sockopt.h"

#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "shim/sockopt_internal.h"

_Static_assert(IPV4_FILTER_EXCLUDE == MCAST_EXCLUDE, "mode values");
_Static_assert(IPV4_FILTER_INCLUDE == MCAST_INCLUDE, "mode values");

#define SLOT_SIZE sizeof(struct sockaddr_storage)
#define SLOTS_AT offsetof(struct group_filter, gf_slist)
#define FILTER_SIZE(n) (SLOTS_AT + (n)*SLOT_SIZE)

/* union filter_buf is a struct group_filter with room for the most slots. */
union filter_buf {
	struct group_filter gf;
	uint8_t bytes[FILTER_SIZE(IPV4_SOURCE_FILTER_MAX)];
};

/* put_head zeroes the head and the first num slots and fills the head. */
static void put_head(union filter_buf *buf, unsigned int ifindex,
		     struct in_addr group, uint32_t mode, size_t num)
{
	memset(buf->bytes, 0, FILTER_SIZE(num));
	buf->gf.gf_interface = (uint32_t)ifindex;
	ipv4__opt_put_sockaddr(&buf->gf.gf_group, group);
	buf->gf.gf_fmode = mode;
	buf->gf.gf_numsrc = (uint32_t)num;
}

static void put_slot(union filter_buf *buf, size_t i, struct in_addr addr)
{
	struct sockaddr_storage slot;

	ipv4__opt_put_sockaddr(&slot, addr);
	memcpy(buf->bytes + SLOTS_AT + i * SLOT_SIZE, &slot, sizeof(slot));
}

static struct in_addr get_slot(const union filter_buf *buf, size_t i)
{
	struct sockaddr_in sin;

	memcpy(&sin, buf->bytes + SLOTS_AT + i * SLOT_SIZE, sizeof(sin));
	return sin.sin_addr;
}

/* check_sources: each source unicast and listed once. */
static int check_sources(const struct in_addr *sources, size_t num)
{
	for (size_t i = 0; i < num; i++) {
		if (ipv4__opt_check_unicast(sources[i]) != 0) {
			return IPV4_EINVAL;
		}
		for (size_t j = 0; j < i; j++) {
			if (sources[j].s_addr == sources[i].s_addr) {
				return IPV4_EINVAL;
			}
		}
	}
	return 0;
}

/* check_list checks the mode and the source list of a setter call. */
static int check_list(enum ipv4_filter_mode mode, const struct in_addr *sources,
		      size_t num)
{
	if (mode != IPV4_FILTER_EXCLUDE && mode != IPV4_FILTER_INCLUDE) {
		return IPV4_EINVAL;
	}
	if ((sources == NULL && num > 0) || num > IPV4_SOURCE_FILTER_MAX) {
		return IPV4_EINVAL;
	}
	return check_sources(sources, num);
}

int ipv4_packet_conn_set_source_filter(struct ipv4_packet_conn *c,
				       unsigned int ifindex,
				       const struct sockaddr_in *group,
				       enum ipv4_filter_mode mode,
				       const struct in_addr *sources,
				       size_t num_sources)
{
	union filter_buf buf;
	int fd = ipv4__opt_member_fd(c, ifindex, group);
	int rc = fd < 0 ? fd : check_list(mode, sources, num_sources);

	if (rc != 0) {
		return rc;
	}
	put_head(&buf, ifindex, group->sin_addr, (uint32_t)mode, num_sources);
	for (size_t i = 0; i < num_sources; i++) {
		put_slot(&buf, i, sources[i]);
	}
	return ipv4__opt_set(fd, IPPROTO_IP, MCAST_MSFILTER, &buf,
			     FILTER_SIZE(num_sources));
}

/* check_outputs checks the output arguments of the getter. */
static int check_outputs(const enum ipv4_filter_mode *out_mode,
			 const struct in_addr *out_sources, size_t max_sources,
			 const size_t *out_num_sources)
{
	if (out_mode == NULL || out_num_sources == NULL ||
	    (out_sources == NULL && max_sources > 0)) {
		return IPV4_EINVAL;
	}
	return 0;
}

int ipv4_packet_conn_source_filter(const struct ipv4_packet_conn *c,
				   unsigned int ifindex,
				   const struct sockaddr_in *group,
				   enum ipv4_filter_mode *out_mode,
				   struct in_addr *out_sources,
				   size_t max_sources, size_t *out_num_sources)
{
	union filter_buf buf;
	size_t cap = max_sources < IPV4_SOURCE_FILTER_MAX
			     ? max_sources
			     : IPV4_SOURCE_FILTER_MAX;
	socklen_t len = (socklen_t)FILTER_SIZE(cap);
	int fd = ipv4__opt_member_fd(c, ifindex, group);
	int rc = fd < 0 ? fd
			: check_outputs(out_mode, out_sources, max_sources,
					out_num_sources);

	if (out_mode != NULL) {
		*out_mode = IPV4_FILTER_EXCLUDE;
	}
	if (out_num_sources != NULL) {
		*out_num_sources = 0;
	}
	if (rc != 0) {
		return rc;
	}
	put_head(&buf, ifindex, group->sin_addr, 0, cap);
	if (getsockopt(fd, IPPROTO_IP, MCAST_MSFILTER, &buf, &len) != 0) {
		return -errno;
	}
	for (size_t i = 0; i < cap && i < buf.gf.gf_numsrc; i++) {
		out_sources[i] = get_slot(&buf, i);
	}
	*out_mode = buf.gf.gf_fmode == MCAST_INCLUDE ? IPV4_FILTER_INCLUDE
						     : IPV4_FILTER_EXCLUDE;
	*out_num_sources = buf.gf.gf_numsrc;
	return buf.gf.gf_numsrc > cap ? IPV4_ENOBUF : 0;
}
