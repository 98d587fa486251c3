/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/marking_tcp.c - a TCP server that marks the packets it sends.
 *
 *   marking_tcp [--address A] [--port P] [--tos N] [--ttl N] [--count N]
 *
 * Listens on A:P (default 0.0.0.0:1024) and, for each connection it
 * accepts, wraps the connected socket in a struct ipv4_conn, sets the TOS
 * byte of its outgoing packets to N (default 0x28: DiffServ AF11, RFC 2597)
 * and their TTL (default 128), reads both back, writes
 * "HELLO-R-U-THERE-ACK" and closes. Every data segment of the reply leaves
 * with that TOS and TTL; the handshake's SYN-ACK, sent by the listening
 * socket before accept(2) returns, does not.
 *
 * Go's ExampleConn_markingTCP does the same with ipv4.NewConn, SetTOS and
 * SetTTL; here they are ipv4_conn_init, ipv4_conn_set_tos and
 * ipv4_conn_set_ttl, on a descriptor the program keeps owning.
 *
 * Output, on stdout, one line when listening and one per connection:
 *   listening on 0.0.0.0:1024
 *   198.18.1.2:49152: tos 0x28 ttl 128, sent 19 bytes
 * Exit status: 0 after --count connections (0, the default, serves until
 * killed), 1 when a system call or libipv4 fails, 2 for a usage error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/cli/cli.h"
#include "ipv4/conn.h"
#include "ipv4/error.h"
#include "ipv4/sockopt.h"

static const char kReply[] = "HELLO-R-U-THERE-ACK";

struct args {
	struct in_addr address;
	unsigned port;
	unsigned tos;
	unsigned ttl;
	unsigned count;
};

static const char kUsage[] =
	"usage: marking_tcp [--address A] [--port P] [--tos N] [--ttl N] "
	"[--count N]\n"
	"  --address A  address to listen on (default 0.0.0.0)\n"
	"  --port P     port to listen on (default 1024)\n"
	"  --tos N      TOS byte of the replies, 0..255 (default 0x28, AF11)\n"
	"  --ttl N      TTL of the replies, 1..255 (default 128)\n"
	"  --count N    connections to serve, then exit (default 0: forever)\n"
	"Needs no privilege for ports from 1024 up; a port below 1024 needs\n"
	"CAP_NET_BIND_SERVICE (or root).\n"
	"Exit status: 0 after --count connections, 1 a failure, 2 usage "
	"error.\n";

static int parse_args(int argc, char **argv, struct args *a)
{
	/* One row per option: clang-format leaves the table alone. */
	/* clang-format off */
	const struct cli_option opts[] = {
		{ "--address", CLI_ADDR, &a->address, 0, 0, NULL, NULL },
		{ "--port", CLI_UINT, &a->port, 1, 65535, NULL, NULL },
		{ "--tos", CLI_UINT, &a->tos, 0, 255, NULL, NULL },
		{ "--ttl", CLI_UINT, &a->ttl, 1, 255, NULL, NULL },
		{ "--count", CLI_UINT, &a->count, 0, 1000000, NULL, NULL },
	};
	/* clang-format on */
	char err[256];
	size_t num_pos;
	int rc;

	*a = (struct args){ .port = 1024, .tos = 0x28, .ttl = 128 };
	rc = cli_parse(opts, sizeof(opts) / sizeof(opts[0]), argc, argv, NULL,
		       0, &num_pos, err, sizeof(err));
	if (rc == CLI_HELP) {
		fputs(kUsage, stdout);
	} else if (rc != 0) {
		fprintf(stderr, "marking_tcp: %s\n%s", err, kUsage);
	}
	return rc;
}

static int listen_on(const struct args *a)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons((uint16_t)a->port),
				   .sin_addr = a->address };
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		return -errno;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (const struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    listen(fd, 16) != 0) {
		int err = errno;

		close(fd);
		return -err;
	}
	return fd;
}

/* write_all writes len bytes; returns 0 or -errno. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			return -errno;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* serve marks the connection fd, writes the reply and prints a line. */
static int serve(int fd, const struct sockaddr_in *peer, const struct args *a)
{
	struct ipv4_conn c;
	int tos = 0;
	int ttl = 0;
	const char *what = "wrap the connection";
	int rc = ipv4_conn_init(&c, fd);

	if (rc == 0) {
		what = "set TOS";
		rc = ipv4_conn_set_tos(&c, (int)a->tos);
	}
	if (rc == 0) {
		what = "set TTL";
		rc = ipv4_conn_set_ttl(&c, (int)a->ttl);
	}
	if (rc == 0) {
		what = "read TOS and TTL back";
		rc = ipv4_conn_tos(&c, &tos);
	}
	if (rc == 0) {
		rc = ipv4_conn_ttl(&c, &ttl);
	}
	if (rc == 0) {
		what = "write";
		rc = write_all(fd, kReply, strlen(kReply));
	}
	if (rc != 0) {
		fprintf(stderr, "marking_tcp: %s: %s\n", what,
			ipv4_strerror(rc));
		return rc;
	}
	printf("%s:%u: tos 0x%02x ttl %d, sent %zu bytes\n",
	       inet_ntoa(peer->sin_addr), (unsigned)ntohs(peer->sin_port),
	       (unsigned)tos, ttl, strlen(kReply));
	return 0;
}

int main(int argc, char **argv)
{
	struct args a;
	int rc = parse_args(argc, argv, &a);
	int lfd;

	if (rc != 0) {
		return rc == CLI_HELP ? 0 : 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	lfd = listen_on(&a);
	if (lfd < 0) {
		fprintf(stderr, "marking_tcp: listen on %s:%u: %s\n",
			inet_ntoa(a.address), a.port, ipv4_strerror(lfd));
		return 1;
	}
	printf("listening on %s:%u\n", inet_ntoa(a.address), a.port);
	for (unsigned served = 0; a.count == 0 || served < a.count; served++) {
		struct sockaddr_in peer;
		socklen_t peer_len = sizeof(peer);
		int fd = accept4(lfd, (struct sockaddr *)&peer, &peer_len,
				 SOCK_CLOEXEC);

		if (fd < 0) {
			fprintf(stderr, "marking_tcp: accept: %s\n",
				ipv4_strerror(-errno));
			close(lfd);
			return 1;
		}
		rc = serve(fd, &peer, &a);
		close(fd);
		if (rc != 0) {
			close(lfd);
			return 1;
		}
	}
	close(lfd);
	return 0;
}
