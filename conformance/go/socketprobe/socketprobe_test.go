// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
)

// run feeds requests to a fresh probe and returns its answers, with the
// address of every handle the probe reported written back as @NAME.
func run(t *testing.T, reqs ...string) []string {
	t.Helper()
	p := newProbe()
	defer p.closeAll()
	addrs := map[string]string{}
	var out []string
	for _, r := range reqs {
		a := p.answer(r)
		w := words(r)
		if strings.HasPrefix(a, "ok ") && len(w) > 1 {
			switch w[0] {
			case "open":
				addrs[w[2]] = a[3:]
			case "listen", "connect", "addr":
				addrs[w[1]] = a[3:]
			}
		}
		for name, addr := range addrs {
			a = strings.ReplaceAll(a, addr, "@"+name)
		}
		out = append(out, a)
	}
	return out
}

func expect(t *testing.T, reqs []string, want []string) {
	t.Helper()
	got := run(t, reqs...)
	for i := range reqs {
		if got[i] != want[i] {
			t.Errorf("%q: got %q, want %q", reqs[i], got[i], want[i])
		}
	}
}

// Request reading: every malformed line is "err request".
func TestMalformedRequests(t *testing.T) {
	reqs := []string{
		"", "nosuch", "TTL", "TTL nobody",
		"open udp a 127.0.0.1:0",
		"open udp a 127.0.0.1:0", "open udp b.c 127.0.0.1:0",
		"open udp b 127.0.0.01:0", "open udp b 127.0.0.1:65536", "open udp b 127.0.0.1",
		"open udp b ::1:0", "open ip b 0 127.0.0.1", "open ip b 256 127.0.0.1",
		"open tcp b 127.0.0.1:0",
		"TTL a 5", "SetTTL a", "SetTTL a 0x40", "SetTTL a 4294967296",
		"SetMulticastLoopback a 1", "SetControlMessage a ttl,tos true",
		"SetControlMessage a ttl true extra",
		"WriteTo a 123 - @a", "WriteTo a zz - @a", "WriteTo a 00 tos=1 @a",
		"WriteTo a 00 - @nobody", "WriteTo a 00 - 127.0.0.1:@nobody",
		"SetBPF a 0006000000", "SetDeadline a soon", "ReadFrom a 65537 10",
		"ReadFrom a 10", "ReadBatch a 0 100 10", "ReadBatch a 65 100 10",
		"JoinGroup a lo @a", "JoinGroup a lo 239.1.1.1 127.0.0.1",
		"SetICMPFilter a block:256", "SetICMPFilter a block:0008", "accept c a",
		"WriteBatch a @a",
	}
	got := run(t, reqs...)
	for i, r := range reqs {
		w := errRequest
		if i == 4 { // the first open of a
			w = "ok @a"
		}
		if got[i] != w {
			t.Errorf("%q: got %q, want %q", r, got[i], w)
		}
	}
}

// Datagrams on loopback: the canonical ReadFrom text, truncation as Go
// sees it, timeouts, batches, TCP.
func TestLoopbackAnswers(t *testing.T) {
	expect(t, []string{
		"open udp a 127.0.0.1:0",
		"open udp b 127.0.0.1:0",
		"SetControlMessage b ttl,dst true",
		"WriteTo a 6869 ttl=9 @b",
		"ReadFrom b 100 1000",
		"WriteTo a 010203 - @b",
		"ReadFrom b 2 1000",
		"ReadFrom b 10 20",
		"SetControlMessage b ttl,dst false",
		"WriteBatch a @b 01 - 0203",
		"ReadBatch b 4 1 1000",
		"SetTOS a 300",
		"TOS a",
		"WriteTo a 00 if=nosuch0 @b",
		"JoinGroup b nosuch0 239.1.1.1",
		"SetBPF b -",
		"close b",
		"close b",
		"listen l 127.0.0.1:0",
		"connect c @l",
		"accept s l",
		"accept s2 l",
		"close l",
	}, []string{
		"ok @a",
		"ok @b",
		"ok",
		"ok 2",
		// Go never sends the TTL; it copies the sender into Src.
		"ok n=2 trunc=0 src=@a data=6869 cm=ttl=64 src=127.0.0.1 dst=127.0.0.1 ifindex=1",
		"ok 3",
		"ok n=2 trunc=0 src=@a data=0102 cm=ttl=64 src=127.0.0.1 dst=127.0.0.1 ifindex=1",
		"err ETIMEOUT",
		"ok",
		"ok 3",
		"ok 3 ; n=1 trunc=0 src=@a data=01 ; n=0 trunc=0 src=@a data= ; n=1 trunc=1 src=@a data=02",
		"ok",
		"ok 44", // Linux keeps the low byte of 300
		"err ENODEV",
		"err ENODEV",
		"panic",
		"ok",
		errRequest,
		"ok @l",
		"ok @c",
		"ok @c",
		"err ETIMEOUT",
		"ok",
	})
}

func TestHeaderArg(t *testing.T) {
	p := newProbe()
	h, ok := p.headerArg("proto=253,dst=127.0.0.1,opts=94040000,id=0x10,flags=2", 3)
	if !ok {
		t.Fatal("headerArg refused a good header")
	}
	if got := h.String(); got != "ver=4 hdrlen=24 tos=0x0 totallen=27 id=0x10 flags=0x2 fragoff=0x0 ttl=64 proto=253 cksum=0x0 src=0.0.0.0 dst=127.0.0.1" {
		t.Errorf("header %s", got)
	}
	for _, bad := range []string{"proto=1", "dst=127.0.0.1,flags=8", "dst=127.0.0.1,ttl=-1",
		"dst=127.0.0.1,nosuch=1", "dst=127.0.0.1,opts=" + strings.Repeat("00", 41), "dst=127.0.0.1,id"} {
		if _, ok := p.headerArg(bad, 0); ok {
			t.Errorf("headerArg(%q) accepted", bad)
		}
	}
}

func TestErrAnswer(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{os.ErrDeadlineExceeded, "err ETIMEOUT"},
		{fmt.Errorf("read: %w", os.NewSyscallError("recvmsg", syscall.ECONNREFUSED)), "err ECONNREFUSED"},
		{syscall.EADDRINUSE, "err EADDRINUSE"},
		{syscall.Errno(133), "err UNMAPPED(" + strings.ReplaceAll(syscall.Errno(133).Error(), " ", "_") + ")"},
		{errors.New("no such thing"), "err UNMAPPED(no_such_thing)"},
		{errors.New("read ip4 127.0.0.1: header too short"), "err ESHORT"},
		{errors.New("extension header too short"), "err EEXTSHORT"},
	}
	for _, c := range cases {
		if got := errAnswer(c.err); got != c.want {
			t.Errorf("errAnswer(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
