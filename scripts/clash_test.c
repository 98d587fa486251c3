/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * clash_test.c - a program that defines its own functions under the names
 * libipv4 once exported as internals (text_str, opt_set, cmsg_put,
 * shim_send), with bodies and types that have nothing to do with the
 * library's, and then uses libipv4. Linked against the static library it
 * must link at all (no "multiple definition"); linked against the shared
 * library the library must keep calling its own code, not the program's.
 * Built with -DCLASH_RESERVED (the shared build only) it also defines the
 * library's internal ipv4__ names, which the shared library must not
 * export, so that they cannot be interposed either.
 *
 * Checks that ipv4_header_string formats a header correctly and that a
 * UDP datagram sent over loopback with ipv4_packet_conn_write_to arrives
 * through ipv4_packet_conn_read_from with its TTL control message, and
 * that none of the program's own functions was called by the library.
 * Prints one line per check; exits 0 when all pass.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ipv4/ipv4.h>
#include <ipv4/version.h>

#include "smoke_header.h"

/* Bit n set: the program's function n ran. */
static unsigned clash_called;

/* The old internal names, with types unlike the library's functions. */
double text_str(double x);
double text_str(double x)
{
	clash_called |= 1u;
	return x * 3.0;
}
const char *opt_set(long a, long b);
const char *opt_set(long a, long b)
{
	clash_called |= 2u;
	return a > b ? "gt" : "le";
}
int cmsg_put(void);
int cmsg_put(void)
{
	clash_called |= 4u;
	return -7777;
}
long shim_send(const char *s);
long shim_send(const char *s)
{
	clash_called |= 8u;
	return (long)strlen(s) + 1000;
}

#ifdef CLASH_RESERVED
/* The current internal names: a program must not define them, but if the
 * shared library exported them, these would replace the library's own. */
int ipv4__text_str(void);
int ipv4__text_str(void)
{
	clash_called |= 16u;
	return -1;
}
int ipv4__opt_set(void);
int ipv4__opt_set(void)
{
	clash_called |= 32u;
	return -1;
}
int ipv4__cmsg_put(void);
int ipv4__cmsg_put(void)
{
	clash_called |= 64u;
	return -1;
}
long ipv4__shim_send(void);
long ipv4__shim_send(void)
{
	clash_called |= 128u;
	return -1;
}
#endif

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	if (!ok) {
		failures++;
	}
}

static void header_text(void)
{
	struct ipv4_header h;
	char text[256];

	memset(text, 0, sizeof(text));
	check(ipv4_header_parse(&h, smoke_wire, sizeof(smoke_wire),
				IPV4_FORMAT_WIRE) == 0,
	      "ipv4_header_parse");
	check(ipv4_header_string(&h, text, sizeof(text)) >= 0 &&
		      strcmp(text, smoke_text) == 0,
	      "ipv4_header_string gives the library's text");
	if (strcmp(text, smoke_text) != 0) {
		printf("  got:  %s\n  want: %s\n", text, smoke_text);
	}
}

static void loopback_udp(void)
{
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	struct ipv4_packet_conn rx, tx;
	struct ipv4_control_message cm;
	struct sockaddr_in from;
	static const unsigned char msg[] = "libipv4 clash test";
	unsigned char buf[64];
	int rfd = socket(AF_INET, SOCK_DGRAM, 0);
	int sfd = socket(AF_INET, SOCK_DGRAM, 0);
	int n;

	check(rfd >= 0 && sfd >= 0, "two UDP sockets");
	if (rfd < 0 || sfd < 0) {
		return;
	}
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	check(bind(rfd, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
		      getsockname(rfd, (struct sockaddr *)&addr, &len) == 0,
	      "bind the receiver to 127.0.0.1");
	check(ipv4_packet_conn_init(&rx, rfd) == 0 &&
		      ipv4_packet_conn_init(&tx, sfd) == 0,
	      "ipv4_packet_conn_init");
	check(ipv4_packet_conn_set_control_message(&rx, IPV4_FLAG_TTL, true) ==
		      0,
	      "ipv4_packet_conn_set_control_message TTL");
	check(ipv4_packet_conn_set_read_deadline(&rx, ipv4_monotonic_ns() +
							      2000000000) == 0,
	      "a 2 s read deadline");
	check(ipv4_packet_conn_write_to(&tx, msg, sizeof(msg), NULL, &addr) ==
		      (int)sizeof(msg),
	      "ipv4_packet_conn_write_to over loopback");
	memset(buf, 0, sizeof(buf));
	memset(&cm, 0, sizeof(cm));
	n = ipv4_packet_conn_read_from(&rx, buf, sizeof(buf), &cm, &from);
	check(n == (int)sizeof(msg) && memcmp(buf, msg, sizeof(msg)) == 0,
	      "ipv4_packet_conn_read_from returns the datagram");
	check(from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "the sender is 127.0.0.1");
	check((cm.flags & IPV4_FLAG_TTL) != 0 && cm.ttl > 0,
	      "the TTL control message arrived");
	ipv4_packet_conn_close(&rx);
	ipv4_packet_conn_close(&tx);
}

int main(void)
{
	header_text();
	loopback_udp();
	check(clash_called == 0,
	      "the library called none of the program's functions");
	/* The program's own names still name the program's functions. */
	check(text_str(2.0) == 6.0 && strcmp(opt_set(2, 1), "gt") == 0 &&
		      cmsg_put() == -7777 && shim_send("ab") == 1002,
	      "the program's text_str, opt_set, cmsg_put, shim_send are its "
	      "own");
#ifdef CLASH_RESERVED
	check(ipv4__text_str() == -1 && ipv4__opt_set() == -1 &&
		      ipv4__cmsg_put() == -1 && ipv4__shim_send() == -1,
	      "the program's ipv4__ functions are its own");
#endif
	printf("library %s, headers %s\n", ipv4_library_version(),
	       IPV4_LIB_VERSION_STRING);
	check(strcmp(ipv4_library_version(), IPV4_LIB_VERSION_STRING) == 0,
	      "ipv4_library_version matches the headers");
	return failures == 0 ? 0 : 1;
}
