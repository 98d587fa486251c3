/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * smoke_header.h - one IPv4 header on the wire and the text
 * ipv4_header_string gives for it, shared by the programs that check a
 * built or installed libipv4 (install_smoke.c, clash_test.c).
 */
#ifndef LIBIPV4_SMOKE_HEADER_H
#define LIBIPV4_SMOKE_HEADER_H

static const unsigned char smoke_wire[20] = {
	0x45, 0x01, 0xbe, 0xef, 0xca, 0xfe, 0x45, 0xdc, 0xff, 0x01,
	0xde, 0xad, 0xac, 0x10, 0xfe, 0xfe, 0xc0, 0xa8, 0x00, 0x01,
};

static const char smoke_text[] =
	"ver=4 hdrlen=20 tos=0x1 totallen=48879 id=0xcafe flags=0x2 "
	"fragoff=0x5dc ttl=255 proto=1 cksum=0xdead src=172.16.254.254 "
	"dst=192.168.0.1";

#endif /* LIBIPV4_SMOKE_HEADER_H */
