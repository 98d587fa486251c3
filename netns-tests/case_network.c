/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/case_network.c - the test network itself works.
 *
 * Not a libipv4 feature: a check that the network the other cases stand
 * on is what topo.h says, so that a broken network reads as one failure
 * here rather than as a dozen puzzling ones elsewhere.
 */
#include <string.h>
#include <unistd.h>

#include "netns-tests/case_list.h"
#include "netns-tests/observe.h"

/* reach sends one datagram from h to iface's address and checks the TTL
   it arrives with. */
static int reach(struct nt_ctx *c, enum nt_iface to, int want_ttl)
{
	const struct nt_topo *t = c->topo;
	static const char tag[] = "reach";
	char buf[64];
	struct nt_rx rx;
	int tx = nt_udp(t, NT_H, (struct in_addr){ 0 }, 0, false);
	int rxfd = nt_udp(t, nt_ifaces[to].host, nt_addr(to), 7001, false);
	int rc = tx < 0 ? tx : rxfd;
	ssize_t n;

	if (rc >= 0) {
		rc = nt_observe(rxfd);
	}
	if (rc >= 0) {
		rc = nt_sendto(tx, nt_addr(to), 7001, tag, sizeof(tag));
	}
	if (rc < 0) {
		nt_fail(c, "to %s: socket setup: %s", nt_ifaces[to].addr,
			strerror(-rc));
	} else {
		n = nt_recv(rxfd, buf, sizeof(buf), NT_WAIT_MS, &rx);
		if (n < 0) {
			nt_fail(c, "to %s: nothing arrived: %s",
				nt_ifaces[to].addr, strerror((int)-n));
		} else if (rx.ttl != want_ttl) {
			nt_fail(c, "to %s: expected TTL %d on arrival, saw %d",
				nt_ifaces[to].addr, want_ttl, rx.ttl);
		}
	}
	if (tx >= 0) {
		close(tx);
	}
	if (rxfd >= 0) {
		close(rxfd);
	}
	return c->failed ? NT_FAIL : NT_PASS;
}

int case_network_reachability(struct nt_ctx *c)
{
	nt_step(c, "h to a, b and r directly, to f through r");
	reach(c, NT_A0, 64);
	reach(c, NT_B0, 64);
	reach(c, NT_R0, 64);
	reach(c, NT_F0, 63);
	return nt_pass(
		c, "h reaches a, b, r with TTL 64 and f through r with TTL 63");
}
