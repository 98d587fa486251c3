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

int main(void)
{
	static const unsigned char wire[IPV4_HEADER_LEN] = {
		0x45, 0x01, 0xbe, 0xef, 0xca, 0xfe, 0x45, 0xdc, 0xff, 0x01,
		0xde, 0xad, 0xac, 0x10, 0xfe, 0xfe, 0xc0, 0xa8, 0x00, 0x01,
	};
	static const char want[] =
		"ver=4 hdrlen=20 tos=0x1 totallen=48879 id=0xcafe flags=0x2 "
		"fragoff=0x5dc ttl=255 proto=1 cksum=0xdead src=172.16.254.254 "
		"dst=192.168.0.1";
	struct ipv4_header h;
	char text[256];
	int rc = ipv4_header_parse(&h, wire, sizeof(wire), IPV4_FORMAT_WIRE);

	if (rc != 0) {
		fprintf(stderr, "parse: %s\n", ipv4_strerror(rc));
		return 1;
	}
	ipv4_header_string(&h, text, sizeof(text));
	puts(text);
	if (strcmp(text, want) != 0) {
		fprintf(stderr, "header text: got '%s', want '%s'\n", text, want);
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
