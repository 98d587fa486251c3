// SPDX-License-Identifier: BSD-3-Clause
package main

import "testing"

// The Go probe's own behaviour: framing as our probe does it, errors
// mapped to our names, panics and missing kinds answered as PROBE.md says.
func TestAnswer(t *testing.T) {
	cases := []struct{ req, want string }{
		{"", "err request"},
		{"nosuch 00", "err request"},
		{"hdr 450", "err request"},
		{"hdr zz", "err request"},
		{"hdr 00 00", "err request"},
		{"hdr", "err ESHORT"},
		{"  hdr   45000014000000004006000000000000000000ff  ",
			"ok ver=4 hdrlen=20 tos=0x0 totallen=20 id=0x0 flags=0x0 fragoff=0x0 ttl=64 proto=6 cksum=0x0 src=0.0.0.0 dst=0.0.0.255 opts="},
		{"hdr 460000140000000040060000000000000000000000", "err EEXTSHORT"},
		{"mhdr 440000140000000040060000c0000201c6336402", "err ESHORT"},
		{"hdrfmt freebsd10 4500", "err EFORMAT"},
		{"hdrfmt bsd 4500", "err request"},
		{"opts 00", "unsupported"},
		{"cmfmt linux64le 00", "unsupported"},
		{"mcmfmt darwinle src=1.2.3.4", "unsupported"},
		{"hdrfmt tradbsd-be 4500", "err EFORMAT"},
		{"igmp", "unsupported"},
		{"cm 1000000000000000000000000000000000", "panic"},
		{"cm 0f00000000000000000000000200000000", "err ECMSGLEN"},
		{"cm 1400000000000000000000000200000040000000", "ok ttl=64 src=<nil> dst=<nil> ifindex=0"},
		{"mcm 1 - - 0", "ok "},
		{"mcm 1 - - 0 0", "err request"},
		{"mcm 1 ::1 - 1", "err request"},
		{"icmp +8", "err request"},
		{"icmp -0", "ok echo reply"},
		{"icmpf block:40", "ok data=0x00000100"},
		{"icmpf block:0008", "err request"},
		{"icmpf setall:1,accept:8", "ok data=0xfffffeff"},
	}
	for _, c := range cases {
		if got := answer(c.req); got != c.want {
			t.Errorf("answer(%q) = %q, want %q", c.req, got, c.want)
		}
	}
}

func TestErrAnswerKeepsUnknownErrorsDistinct(t *testing.T) {
	if got := errAnswer(errorString("no such thing")); got != "err UNMAPPED(no_such_thing)" {
		t.Errorf("errAnswer = %q", got)
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }
