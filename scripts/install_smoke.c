/* install_smoke.c - built by install_test.sh against an installed libipv4
 * with nothing but pkg-config's flags: parses a header, prints its text. */
#include <stdio.h>
#include <string.h>

#include <ipv4/header.h>

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
	return 0;
}
