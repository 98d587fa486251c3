/* SPDX-License-Identifier: BSD-3-Clause */
/* install_smoke.c - built by install_test.sh against an installed libipv4
 * (with pkg-config's flags, CMake's libipv4::ipv4 or Meson's dependency) and
 * by `make check` against the built one: parses a header and prints its
 * text, then wraps a UDP socket and reads its TTL, so both the codec and
 * the socket layer must link. Exits 1 when the text is not the expected
 * one or when the library loaded is not the version of the headers. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ipv4/ipv4.h>
#include <ipv4/version.h>

#include "smoke_header.h"

int main(void)
{
	struct ipv4_header h;
	char text[256];
	int rc = ipv4_header_parse(&h, smoke_wire, sizeof(smoke_wire),
				   IPV4_FORMAT_WIRE);

	if (rc != 0) {
		fprintf(stderr, "parse: %s\n", ipv4_strerror(rc));
		return 1;
	}
	ipv4_header_string(&h, text, sizeof(text));
	puts(text);
	if (strcmp(text, smoke_text) != 0) {
		fprintf(stderr, "header text: got '%s', want '%s'\n", text,
			smoke_text);
		return 1;
	}
	if (strcmp(ipv4_library_version(), IPV4_LIB_VERSION_STRING) != 0) {
		fprintf(stderr, "loaded libipv4 %s, headers %s\n",
			ipv4_library_version(), IPV4_LIB_VERSION_STRING);
		return 1;
	}

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
