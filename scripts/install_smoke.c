/* SPDX-License-Identifier: BSD-3-Clause */
/* install_smoke.c - built by install_test.sh against an installed libipv4
 * with nothing but pkg-config's flags: parses a header and prints its text,
 * then wraps a UDP socket and reads its TTL, so both the codec and the
 * socket layer must link. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ipv4/ipv4.h>

int main(void)
{
	static const unsigned char wire[IPV4_HEADER_LEN] = {
		0x45, 0x01, 0xbe, 0xef, 0xca, 0xfe, 0x45, 0xdc, 0xff, 0x01,
		0xde, 0xad, 0xac, 0x10, 0xfe, 0xfe, 0xc0, 0xa8, 0x00, 0x01,
	};
	struct ipv4_header h;
	char text[256];
	int rc = ipv4_header_parse(&h, wire, sizeof(wire), IPV4_FORMAT_WIRE);

	if (rc != 0) {
		fprintf(stderr, "parse: %s\n", ipv4_strerror(rc));
		return 1;
	}
	ipv4_header_string(&h, text, sizeof(text));
	puts(text);

	struct ipv4_packet_conn pc;
	int ttl = 0;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	rc = ipv4_packet_conn_init(&pc, fd);
	if (rc == 0) {
		rc = ipv4_packet_conn_ttl(&pc, &ttl);
	}
	if (rc != 0 || ttl < 1) {
		fprintf(stderr, "socket layer: %s\n", ipv4_strerror(rc));
		return 1;
	}
	close(fd);
	return 0;
}
