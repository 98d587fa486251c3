/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * codec/control_text.c - a control message as Go's ControlMessage.String()
 * prints it: "ttl=64 src=<nil> dst=127.0.0.1 ifindex=1".
 */
#include "ipv4/control.h"

#include "codec/text.h"

/* text_ip writes an address as Go prints a net.IP: "<nil>" when unset. */
static void text_ip(struct text *t, bool set, struct in_addr a)
{
	if (set) {
		ipv4__text_addr(t, a);
	} else {
		ipv4__text_str(t, "<nil>");
	}
}

int ipv4_control_message_string(const struct ipv4_control_message *cm,
				char *out, size_t out_cap)
{
	struct text t;

	if (out == NULL && out_cap > 0) {
		return IPV4_EINVAL;
	}
	ipv4__text_begin(&t, out, out_cap);
	if (cm == NULL) {
		ipv4__text_str(&t, "<nil>");
		return ipv4__text_finish(&t);
	}
	ipv4__text_str(&t, "ttl=");
	ipv4__text_dec(&t, cm->ttl);
	ipv4__text_str(&t, " src=");
	text_ip(&t, (cm->flags & IPV4_FLAG_SRC) != 0, cm->src);
	ipv4__text_str(&t, " dst=");
	text_ip(&t, (cm->flags & IPV4_FLAG_DST) != 0, cm->dst);
	ipv4__text_str(&t, " ifindex=");
	ipv4__text_dec(&t, cm->ifindex);
	return ipv4__text_finish(&t);
}
