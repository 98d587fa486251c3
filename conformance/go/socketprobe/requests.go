// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"encoding/hex"
	"fmt"
	"net"
	"strconv"
	"strings"
	"syscall"
	"unsafe"

	"golang.org/x/net/bpf"
	"golang.org/x/net/ipv4"
)

// maxBytes is the largest HEX argument and buffer (SOCKET-PROBE.md).
const maxBytes = 65536

// maxBatch is the most messages one batch request takes.
const maxBatch = 64

func getInt(f func() (int, error), args []string) string {
	if len(args) != 0 {
		return errRequest
	}
	v, err := f()
	if err != nil {
		return errAnswer(err)
	}
	return fmt.Sprintf("ok %d", v)
}

func setInt(f func(int) error, args []string) string {
	if len(args) != 1 {
		return errRequest
	}
	v, ok := intArg(args[0], -1<<31, 1<<31-1)
	if !ok {
		return errRequest
	}
	return result(f(v))
}

func reqTOS(p *probe, h *handle, a []string) string { return getInt(h.generic().TOS, a) }
func reqSetTOS(p *probe, h *handle, a []string) string {
	return setInt(h.generic().SetTOS, a)
}
func reqTTL(p *probe, h *handle, a []string) string { return getInt(h.generic().TTL, a) }
func reqSetTTL(p *probe, h *handle, a []string) string {
	return setInt(h.generic().SetTTL, a)
}
func reqMulticastTTL(p *probe, h *handle, a []string) string {
	return getInt(h.dgram().MulticastTTL, a)
}
func reqSetMulticastTTL(p *probe, h *handle, a []string) string {
	return setInt(h.dgram().SetMulticastTTL, a)
}

func reqMulticastInterface(p *probe, h *handle, args []string) string {
	if len(args) != 0 {
		return errRequest
	}
	ifi, err := h.dgram().MulticastInterface()
	if err != nil {
		return errAnswer(err)
	}
	if ifi == nil {
		return "ok -"
	}
	return "ok " + ifi.Name
}

func reqSetMulticastInterface(p *probe, h *handle, args []string) string {
	if len(args) != 1 {
		return errRequest
	}
	ifi, errAns, ok := iface(args[0])
	if !ok {
		return errRequest
	}
	if errAns != "" {
		return errAns
	}
	return result(h.dgram().SetMulticastInterface(ifi))
}

func boolArg(s string) (bool, bool) {
	switch s {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

func reqMulticastLoopback(p *probe, h *handle, args []string) string {
	if len(args) != 0 {
		return errRequest
	}
	on, err := h.dgram().MulticastLoopback()
	if err != nil {
		return errAnswer(err)
	}
	return fmt.Sprintf("ok %t", on)
}

func reqSetMulticastLoopback(p *probe, h *handle, args []string) string {
	if len(args) != 1 {
		return errRequest
	}
	on, ok := boolArg(args[0])
	if !ok {
		return errRequest
	}
	return result(h.dgram().SetMulticastLoopback(on))
}

// flagsArg reads FLAGS: a comma list of ttl, src, dst, interface.
func flagsArg(s string) (ipv4.ControlFlags, bool) {
	var cf ipv4.ControlFlags
	for _, item := range strings.Split(s, ",") {
		switch item {
		case "ttl":
			cf |= ipv4.FlagTTL
		case "src":
			cf |= ipv4.FlagSrc
		case "dst":
			cf |= ipv4.FlagDst
		case "interface":
			cf |= ipv4.FlagInterface
		default:
			return 0, false
		}
	}
	return cf, true
}

func reqSetControlMessage(p *probe, h *handle, args []string) string {
	if len(args) != 2 {
		return errRequest
	}
	cf, ok1 := flagsArg(args[0])
	on, ok2 := boolArg(args[1])
	if !ok1 || !ok2 {
		return errRequest
	}
	return result(h.dgram().SetControlMessage(cf, on))
}

// filterWord reads the Linux ICMP_FILTER word out of f.
func filterWord(f *ipv4.ICMPFilter) uint32 {
	var _ [4 - unsafe.Sizeof(*f)]struct{} // f is exactly the word
	return *(*uint32)(unsafe.Pointer(f))
}

func reqICMPFilter(p *probe, h *handle, args []string) string {
	if len(args) != 0 {
		return errRequest
	}
	f, err := h.dgram().ICMPFilter()
	if err != nil {
		return errAnswer(err)
	}
	return fmt.Sprintf("ok data=0x%08x", filterWord(f))
}

// applyOps applies the icmpf OPS of PROBE.md (accept:N, block:N with N one
// to three digits 0..255, setall:0|1) to f.
func applyOps(f *ipv4.ICMPFilter, s string) bool {
	for _, item := range strings.Split(s, ",") {
		verb, arg, found := strings.Cut(item, ":")
		if !found {
			return false
		}
		switch verb {
		case "setall":
			if arg != "0" && arg != "1" {
				return false
			}
			f.SetAll(arg == "1")
		case "accept", "block":
			if len(arg) < 1 || len(arg) > 3 || strings.Trim(arg, "0123456789") != "" {
				return false
			}
			n, _ := strconv.Atoi(arg)
			if n > 255 {
				return false
			}
			if verb == "accept" {
				f.Accept(ipv4.ICMPType(n))
			} else {
				f.Block(ipv4.ICMPType(n))
			}
		default:
			return false
		}
	}
	return true
}

func reqSetICMPFilter(p *probe, h *handle, args []string) string {
	if len(args) != 1 {
		return errRequest
	}
	f := new(ipv4.ICMPFilter)
	if args[0] != "-" && !applyOps(f, args[0]) {
		return errRequest
	}
	return result(h.dgram().SetICMPFilter(f))
}

// hexArg reads HEX ("-" is empty).
func hexArg(s string) ([]byte, bool) {
	if s == "-" {
		return []byte{}, true
	}
	if s == "" || len(s)%2 != 0 || len(s)/2 > maxBytes {
		return nil, false
	}
	b, err := hex.DecodeString(s)
	return b, err == nil
}

func reqSetBPF(p *probe, h *handle, args []string) string {
	if len(args) != 1 {
		return errRequest
	}
	b, ok := hexArg(args[0])
	if !ok || len(b)%8 != 0 {
		return errRequest
	}
	prog := make([]bpf.RawInstruction, len(b)/8)
	for i := range prog {
		x := b[8*i:]
		prog[i] = bpf.RawInstruction{
			Op: uint16(x[0])<<8 | uint16(x[1]),
			Jt: x[2], Jf: x[3],
			K: uint32(x[4])<<24 | uint32(x[5])<<16 | uint32(x[6])<<8 | uint32(x[7]),
		}
	}
	var err error
	if h.kind == kRaw {
		err = h.rc.SetBPF(prog)
	} else {
		err = h.pc.SetBPF(prog)
	}
	return result(err)
}

// deadline makes SetDeadline (0), SetReadDeadline (1), SetWriteDeadline (2).
func deadline(which int) method {
	return func(p *probe, h *handle, args []string) string {
		if len(args) != 1 {
			return errRequest
		}
		t, ok := msArg(args[0])
		if !ok {
			return errRequest
		}
		d := h.dgram()
		switch which {
		case 0:
			return result(d.SetDeadline(t))
		case 1:
			return result(d.SetReadDeadline(t))
		}
		return result(d.SetWriteDeadline(t))
	}
}

type groupOp int

const (
	opJoin groupOp = iota
	opLeave
	opJoinSSM
	opLeaveSSM
	opExcludeSSM
	opIncludeSSM
)

func group(op groupOp) method {
	return func(p *probe, h *handle, args []string) string {
		want := 2
		if op >= opJoinSSM {
			want = 3
		}
		if len(args) != want {
			return errRequest
		}
		ifi, errAns, ok := iface(args[0])
		g, ok2 := quad(args[1])
		var s net.IP
		ok3 := true
		if op >= opJoinSSM {
			s, ok3 = quad(args[2])
		}
		if !ok || !ok2 || !ok3 {
			return errRequest
		}
		if errAns != "" {
			return errAns
		}
		d := h.dgram()
		ga, sa := &net.UDPAddr{IP: g}, &net.UDPAddr{IP: s}
		switch op {
		case opJoin:
			return result(d.JoinGroup(ifi, ga))
		case opLeave:
			return result(d.LeaveGroup(ifi, ga))
		case opJoinSSM:
			return result(d.JoinSourceSpecificGroup(ifi, ga, sa))
		case opLeaveSSM:
			return result(d.LeaveSourceSpecificGroup(ifi, ga, sa))
		case opExcludeSSM:
			return result(d.ExcludeSourceSpecificGroup(ifi, ga, sa))
		}
		return result(d.IncludeSourceSpecificGroup(ifi, ga, sa))
	}
}

// cmArg reads a WriteTo CM: "-" (nil) or ttl=, src=, dst=, if= items.
// errAns is set for an unknown interface.
func cmArg(s string) (cm *ipv4.ControlMessage, errAns string, ok bool) {
	if s == "-" {
		return nil, "", true
	}
	cm = new(ipv4.ControlMessage)
	for _, item := range strings.Split(s, ",") {
		key, val, found := strings.Cut(item, "=")
		if !found {
			return nil, "", false
		}
		switch key {
		case "ttl":
			n, ok := intArg(val, 0, 255)
			if !ok {
				return nil, "", false
			}
			cm.TTL = n
		case "src", "dst":
			ip, ok := quad(val)
			if !ok {
				return nil, "", false
			}
			if key == "src" {
				cm.Src = ip
			} else {
				cm.Dst = ip
			}
		case "if":
			ifi, e, ok := iface(val)
			if !ok || ifi == nil && e == "" {
				return nil, "", false
			}
			if e != "" {
				return nil, e, true
			}
			cm.IfIndex = ifi.Index
		default:
			return nil, "", false
		}
	}
	return cm, "", true
}

// dstArg reads a destination: PORTADDR for udp, IPADDR for ip.
func (p *probe) dstArg(h *handle, s string) (net.Addr, bool) {
	if h.kind == kUDP {
		ip, port, ok := p.portaddr(s)
		return &net.UDPAddr{IP: ip, Port: port}, ok
	}
	ip, ok := p.ipaddr(s)
	return &net.IPAddr{IP: ip}, ok
}

func reqWriteTo(p *probe, h *handle, args []string) string {
	if h.kind == kRaw {
		return p.rawWriteTo(h, args)
	}
	if len(args) != 3 {
		return errRequest
	}
	b, ok1 := hexArg(args[0])
	cm, errAns, ok2 := cmArg(args[1])
	dst, ok3 := p.dstArg(h, args[2])
	if !ok1 || !ok2 || !ok3 {
		return errRequest
	}
	if errAns != "" {
		return errAns
	}
	n, err := h.pc.WriteTo(b, cm, dst)
	if err != nil {
		return errAnswer(err)
	}
	return fmt.Sprintf("ok %d", n)
}

// numArg reads a header number: decimal or 0x hex, 0..max.
func numArg(s string, max uint64) (int, bool) {
	base, digits := 10, s
	if strings.HasPrefix(s, "0x") {
		base, digits = 16, s[2:]
	}
	if digits == "" || len(digits) > 10 || strings.ContainsAny(digits[:1], "+-") {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, base, 64)
	if err != nil || n > max {
		return 0, false
	}
	return int(n), true
}

// headerArg reads a raw WriteTo HDR word (SOCKET-PROBE.md).
func (p *probe) headerArg(s string, payloadLen int) (*ipv4.Header, bool) {
	h := &ipv4.Header{Version: 4, TTL: 64, Src: net.IPv4zero.To4()}
	var lenGiven, totalGiven, dstGiven bool
	for _, item := range strings.Split(s, ",") {
		key, val, found := strings.Cut(item, "=")
		if !found {
			return nil, false
		}
		var ok bool
		var n int
		switch key {
		case "ver":
			h.Version, ok = numArg(val, 15)
		case "hdrlen":
			h.Len, ok = numArg(val, 255)
			lenGiven = true
		case "tos":
			h.TOS, ok = numArg(val, 255)
		case "totallen":
			h.TotalLen, ok = numArg(val, 65535)
			totalGiven = true
		case "id":
			h.ID, ok = numArg(val, 65535)
		case "flags":
			n, ok = numArg(val, 7)
			h.Flags = ipv4.HeaderFlags(n)
		case "fragoff":
			h.FragOff, ok = numArg(val, 0x1fff)
		case "ttl":
			h.TTL, ok = numArg(val, 255)
		case "proto":
			h.Protocol, ok = numArg(val, 255)
		case "cksum":
			h.Checksum, ok = numArg(val, 65535)
		case "src":
			h.Src, ok = p.ipaddr(val)
		case "dst":
			h.Dst, ok = p.ipaddr(val)
			dstGiven = true
		case "opts":
			h.Options, ok = hexArg(val)
			ok = ok && len(h.Options) <= 40
		}
		if !ok {
			return nil, false
		}
	}
	if !dstGiven {
		return nil, false
	}
	if !lenGiven {
		h.Len = ipv4.HeaderLen + len(h.Options)
	}
	if !totalGiven {
		h.TotalLen = (h.Len + payloadLen) & 0xffff
	}
	return h, true
}

func (p *probe) rawWriteTo(h *handle, args []string) string {
	if len(args) != 3 {
		return errRequest
	}
	b, ok1 := hexArg(args[1])
	if !ok1 {
		return errRequest
	}
	hdr, ok2 := p.headerArg(args[0], len(b))
	cm, errAns, ok3 := cmArg(args[2])
	if !ok2 || !ok3 {
		return errRequest
	}
	if errAns != "" {
		return errAns
	}
	return result(h.rc.WriteTo(hdr, b, cm))
}

// readArgs reads "SIZE MS" and sets the read deadline unless MS is "-".
func readArgs(h *handle, args []string) (size int, errAns string, ok bool) {
	if len(args) != 2 {
		return 0, "", false
	}
	size, ok = intArg(args[0], 0, maxBytes)
	if !ok {
		return 0, "", false
	}
	if args[1] != "-" {
		t, ok := msArg(args[1])
		if !ok {
			return 0, "", false
		}
		if err := h.dgram().SetReadDeadline(t); err != nil {
			return 0, errAnswer(err), true
		}
	}
	return size, "", true
}

func cmText(cm *ipv4.ControlMessage) string {
	if cm == nil {
		return "<nil>"
	}
	return cm.String()
}

func reqReadFrom(p *probe, h *handle, args []string) string {
	size, errAns, ok := readArgs(h, args)
	if !ok {
		return errRequest
	}
	if errAns != "" {
		return errAns
	}
	b := make([]byte, size)
	if h.kind == kRaw {
		hdr, payload, cm, err := h.rc.ReadFrom(b)
		if err != nil {
			return errAnswer(err)
		}
		return fmt.Sprintf("ok n=%d trunc=0 data=%x opts=%x cm=%s hdr=%s",
			hdr.Len+len(payload), payload, hdr.Options, cmText(cm), hdr.String())
	}
	n, cm, src, err := h.pc.ReadFrom(b)
	if err != nil {
		return errAnswer(err)
	}
	return fmt.Sprintf("ok n=%d trunc=0 src=%s data=%x cm=%s", n, addrText(src), b[:n], cmText(cm))
}

func reqWriteBatch(p *probe, h *handle, args []string) string {
	if len(args) < 2 || len(args) > 1+maxBatch {
		return errRequest
	}
	dst, ok := p.dstArg(h, args[0])
	if !ok {
		return errRequest
	}
	ms := make([]ipv4.Message, len(args)-1)
	for i, a := range args[1:] {
		b, ok := hexArg(a)
		if !ok {
			return errRequest
		}
		ms[i] = ipv4.Message{Buffers: [][]byte{b}, Addr: dst}
	}
	n, err := h.pc.WriteBatch(ms, 0)
	if err != nil {
		return errAnswer(err)
	}
	return fmt.Sprintf("ok %d", n)
}

func reqReadBatch(p *probe, h *handle, args []string) string {
	if len(args) != 3 {
		return errRequest
	}
	count, ok := intArg(args[0], 1, maxBatch)
	if !ok {
		return errRequest
	}
	size, errAns, ok := readArgs(h, args[1:])
	if !ok {
		return errRequest
	}
	if errAns != "" {
		return errAns
	}
	ms := make([]ipv4.Message, count)
	for i := range ms {
		ms[i].Buffers = [][]byte{make([]byte, size)}
	}
	n, err := h.pc.ReadBatch(ms, 0)
	if err != nil {
		return errAnswer(err)
	}
	var out strings.Builder
	fmt.Fprintf(&out, "ok %d", n)
	for _, m := range ms[:n] {
		trunc := 0
		if m.Flags&syscall.MSG_TRUNC != 0 {
			trunc = 1
		}
		fmt.Fprintf(&out, " ; n=%d trunc=%d src=%s data=%x", m.N, trunc, addrText(m.Addr), m.Buffers[0][:m.N])
	}
	return out.String()
}
