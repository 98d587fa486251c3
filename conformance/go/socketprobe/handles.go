// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/ipv4"
)

// kind is a handle kind of SOCKET-PROBE.md, as a mask bit.
type kind int

const (
	kUDP kind = 1 << iota
	kIP
	kRaw
	kListener
	kTCP
	kPacket = kUDP | kIP | kRaw
	kConn   = kPacket | kTCP
)

// handle is one named socket, wrapped as Go wraps it.
type handle struct {
	kind kind
	pc   *ipv4.PacketConn // udp, ip
	rc   *ipv4.RawConn    // raw
	c    *ipv4.Conn       // tcp
	conn net.Conn         // tcp
	sock net.PacketConn   // udp, ip, raw
	ln   *net.TCPListener // listener
}

// dgram is what PacketConn and RawConn share: the options and deadlines.
type dgram interface {
	TOS() (int, error)
	SetTOS(int) error
	TTL() (int, error)
	SetTTL(int) error
	MulticastTTL() (int, error)
	SetMulticastTTL(int) error
	MulticastInterface() (*net.Interface, error)
	SetMulticastInterface(*net.Interface) error
	MulticastLoopback() (bool, error)
	SetMulticastLoopback(bool) error
	SetControlMessage(ipv4.ControlFlags, bool) error
	ICMPFilter() (*ipv4.ICMPFilter, error)
	SetICMPFilter(*ipv4.ICMPFilter) error
	SetDeadline(time.Time) error
	SetReadDeadline(time.Time) error
	SetWriteDeadline(time.Time) error
	JoinGroup(*net.Interface, net.Addr) error
	LeaveGroup(*net.Interface, net.Addr) error
	JoinSourceSpecificGroup(*net.Interface, net.Addr, net.Addr) error
	LeaveSourceSpecificGroup(*net.Interface, net.Addr, net.Addr) error
	ExcludeSourceSpecificGroup(*net.Interface, net.Addr, net.Addr) error
	IncludeSourceSpecificGroup(*net.Interface, net.Addr, net.Addr) error
}

// generic is Conn's part: TOS and TTL.
type generic interface {
	TOS() (int, error)
	SetTOS(int) error
	TTL() (int, error)
	SetTTL(int) error
}

func (h *handle) dgram() dgram {
	if h.kind == kRaw {
		return h.rc
	}
	return h.pc
}

func (h *handle) generic() generic {
	if h.kind == kTCP {
		return h.c
	}
	return h.dgram()
}

// localAddr is the handle's bound address.
func (h *handle) localAddr() net.Addr {
	switch h.kind {
	case kTCP:
		return h.conn.LocalAddr()
	case kListener:
		return h.ln.Addr()
	}
	return h.sock.LocalAddr()
}

type probe struct {
	handles map[string]*handle
}

func newProbe() *probe { return &probe{handles: map[string]*handle{}} }

func (p *probe) closeAll() {
	for _, h := range p.handles {
		closeHandle(h)
	}
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// freeName: a valid name no handle has.
func (p *probe) freeName(s string) bool {
	return nameRE.MatchString(s) && p.handles[s] == nil
}

// quad reads a strict dotted quad: four parts 0..255, no leading zeros.
func quad(s string) (net.IP, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return nil, false
	}
	ip := make(net.IP, 4)
	for i, part := range parts {
		if len(part) == 0 || len(part) > 3 || strings.Trim(part, "0123456789") != "" ||
			(len(part) > 1 && part[0] == '0') {
			return nil, false
		}
		n, _ := strconv.Atoi(part)
		if n > 255 {
			return nil, false
		}
		ip[i] = byte(n)
	}
	return ip, true
}

// handleIP is the address of handle name, 0.0.0.0 read as 127.0.0.1, and
// its port (0 for raw sockets).
func (p *probe) handleIP(name string) (net.IP, int, bool) {
	h := p.handles[name]
	if h == nil {
		return nil, 0, false
	}
	var ip net.IP
	port := 0
	switch a := h.localAddr().(type) {
	case *net.UDPAddr:
		ip, port = a.IP, a.Port
	case *net.TCPAddr:
		ip, port = a.IP, a.Port
	case *net.IPAddr:
		ip = a.IP
	default:
		return nil, 0, false
	}
	ip = ip.To4()
	if ip == nil {
		return nil, 0, false
	}
	if ip.Equal(net.IPv4zero) {
		ip = net.IPv4(127, 0, 0, 1).To4()
	}
	return ip, port, true
}

// ipaddr reads IPADDR: a quad or @NAME of a udp, ip or raw handle.
func (p *probe) ipaddr(s string) (net.IP, bool) {
	if strings.HasPrefix(s, "@") {
		h := p.handles[s[1:]]
		if h == nil || h.kind&kPacket == 0 {
			return nil, false
		}
		ip, _, ok := p.handleIP(s[1:])
		return ip, ok
	}
	return quad(s)
}

// portaddr reads PORTADDR: A.B.C.D:PORT, A.B.C.D:@NAME or @NAME.
func (p *probe) portaddr(s string) (net.IP, int, bool) {
	if strings.HasPrefix(s, "@") {
		return p.handleIP(s[1:])
	}
	host, port, found := strings.Cut(s, ":")
	if !found {
		return nil, 0, false
	}
	ip, ok := quad(host)
	if !ok {
		return nil, 0, false
	}
	if strings.HasPrefix(port, "@") {
		h := p.handles[port[1:]]
		if h == nil || h.kind != kUDP {
			return nil, 0, false
		}
		_, n, _ := p.handleIP(port[1:])
		return ip, n, true
	}
	n, ok := decimal(port)
	if !ok || n < 0 || n > 65535 {
		return nil, 0, false
	}
	return ip, int(n), true
}

// decimal reads INT: an optional '-' and decimal digits fitting an int64.
func decimal(s string) (int64, bool) {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// intArg reads INT within an int's range [lo, hi].
func intArg(s string, lo, hi int64) (int, bool) {
	n, ok := decimal(s)
	if !ok || n < lo || n > hi {
		return 0, false
	}
	return int(n), true
}

// iface reads IF: "-" is nil. errAns is "err ENODEV" for an unknown name.
func iface(s string) (ifi *net.Interface, errAns string, ok bool) {
	if s == "" || len(s) >= 16 {
		return nil, "", false
	}
	if s == "-" {
		return nil, "", true
	}
	ifi, err := net.InterfaceByName(s)
	if err != nil {
		return nil, "err ENODEV", true
	}
	return ifi, "", true
}

// msArg reads MS into a deadline ("none" is the zero time).
func msArg(s string) (time.Time, bool) {
	if s == "none" {
		return time.Time{}, true
	}
	n, ok := decimal(s)
	if !ok || n > 1<<40 || n < -(1<<40) {
		return time.Time{}, false
	}
	return time.Now().Add(time.Duration(n) * time.Millisecond), true
}

// errAnswer maps an error from Go's package or net to "err NAME".
func errAnswer(err error) string {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return "err ETIMEOUT"
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if name, ok := errnoNames[errno]; ok {
			return "err " + name
		}
	}
	// x/net/ipv4's own errors are not exported: matched by their text,
	// at the end of the net.OpError that wraps them.
	text := err.Error()
	for suffix, name := range textNames {
		if text == suffix || strings.HasSuffix(text, ": "+suffix) {
			return "err " + name
		}
	}
	return "err UNMAPPED(" + strings.ReplaceAll(text, " ", "_") + ")"
}

// textNames maps the texts of x/net/ipv4's errors to our names.
var textNames = map[string]string{
	"header too short":           "ESHORT",    // RawConn.ReadFrom of a short packet
	"extension header too short": "EEXTSHORT", // IHL past the bytes read
}

// errnoNames are the C names of the kernel errors libipv4's
// ipv4_error_name knows.
var errnoNames = map[syscall.Errno]string{
	syscall.EPERM: "EPERM", syscall.ENOENT: "ENOENT", syscall.EINTR: "EINTR",
	syscall.EIO: "EIO", syscall.EBADF: "EBADF", syscall.EAGAIN: "EAGAIN",
	syscall.ENOMEM: "ENOMEM", syscall.EACCES: "EACCES", syscall.EFAULT: "EFAULT",
	syscall.EBUSY: "EBUSY", syscall.EEXIST: "EEXIST", syscall.ENODEV: "ENODEV",
	syscall.EINVAL: "EINVAL", syscall.ENFILE: "ENFILE", syscall.EMFILE: "EMFILE",
	syscall.ENOSPC: "ENOSPC", syscall.EPIPE: "EPIPE", syscall.ERANGE: "ERANGE",
	syscall.ENOSYS: "ENOSYS", syscall.ENOTSOCK: "ENOTSOCK",
	syscall.EDESTADDRREQ: "EDESTADDRREQ", syscall.EMSGSIZE: "EMSGSIZE",
	syscall.EPROTOTYPE: "EPROTOTYPE", syscall.ENOPROTOOPT: "ENOPROTOOPT",
	syscall.EPROTONOSUPPORT: "EPROTONOSUPPORT", syscall.EOPNOTSUPP: "EOPNOTSUPP",
	syscall.EAFNOSUPPORT: "EAFNOSUPPORT", syscall.EADDRINUSE: "EADDRINUSE",
	syscall.EADDRNOTAVAIL: "EADDRNOTAVAIL", syscall.ENETDOWN: "ENETDOWN",
	syscall.ENETUNREACH: "ENETUNREACH", syscall.ECONNABORTED: "ECONNABORTED",
	syscall.ECONNRESET: "ECONNRESET", syscall.ENOBUFS: "ENOBUFS",
	syscall.EISCONN: "EISCONN", syscall.ENOTCONN: "ENOTCONN",
	syscall.ETIMEDOUT: "ETIMEDOUT", syscall.ECONNREFUSED: "ECONNREFUSED",
	syscall.EHOSTDOWN: "EHOSTDOWN", syscall.EHOSTUNREACH: "EHOSTUNREACH",
	syscall.EALREADY: "EALREADY", syscall.EINPROGRESS: "EINPROGRESS",
}

// result answers "ok" or the error.
func result(err error) string {
	if err != nil {
		return errAnswer(err)
	}
	return "ok"
}

// addrText is the answer form of an address: A.B.C.D:PORT, or A.B.C.D for
// raw sockets.
func addrText(a net.Addr) string {
	switch a := a.(type) {
	case *net.UDPAddr:
		return fmt.Sprintf("%s:%d", a.IP.To4(), a.Port)
	case *net.TCPAddr:
		return fmt.Sprintf("%s:%d", a.IP.To4(), a.Port)
	case *net.IPAddr:
		return a.IP.To4().String()
	case nil:
		return "<nil>"
	}
	return a.String()
}

func (p *probe) open(args []string) string {
	if len(args) < 2 || !p.freeName(args[1]) {
		return errRequest
	}
	h := &handle{}
	var network, address string
	switch args[0] {
	case "udp":
		if len(args) != 3 {
			return errRequest
		}
		ip, port, ok := p.portaddr(args[2])
		if !ok {
			return errRequest
		}
		h.kind, network, address = kUDP, "udp4", fmt.Sprintf("%s:%d", ip, port)
	case "ip", "raw":
		if len(args) != 4 {
			return errRequest
		}
		proto, ok1 := intArg(args[2], 1, 255)
		ip, ok2 := p.ipaddr(args[3])
		if !ok1 || !ok2 {
			return errRequest
		}
		h.kind, network, address = kIP, fmt.Sprintf("ip4:%d", proto), ip.String()
		if args[0] == "raw" {
			h.kind = kRaw
		}
	default:
		return errRequest
	}
	c, err := net.ListenPacket(network, address)
	if err != nil {
		return errAnswer(err)
	}
	h.sock = c
	if h.kind == kRaw {
		if h.rc, err = ipv4.NewRawConn(c); err != nil {
			c.Close()
			return errAnswer(err)
		}
	} else {
		h.pc = ipv4.NewPacketConn(c)
	}
	p.handles[args[1]] = h
	return "ok " + addrText(c.LocalAddr())
}

func (p *probe) listen(args []string) string {
	if len(args) != 2 || !p.freeName(args[0]) {
		return errRequest
	}
	ip, port, ok := p.portaddr(args[1])
	if !ok {
		return errRequest
	}
	ln, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: ip, Port: port})
	if err != nil {
		return errAnswer(err)
	}
	p.handles[args[0]] = &handle{kind: kListener, ln: ln}
	return "ok " + addrText(ln.Addr())
}

func (p *probe) connect(args []string) string {
	if len(args) != 2 || !p.freeName(args[0]) {
		return errRequest
	}
	ip, port, ok := p.portaddr(args[1])
	if !ok {
		return errRequest
	}
	conn, err := net.DialTCP("tcp4", nil, &net.TCPAddr{IP: ip, Port: port})
	if err != nil {
		return errAnswer(err)
	}
	p.handles[args[0]] = &handle{kind: kTCP, conn: conn, c: ipv4.NewConn(conn)}
	return "ok " + addrText(conn.LocalAddr())
}

func (p *probe) accept(args []string) string {
	if len(args) != 2 || !p.freeName(args[0]) {
		return errRequest
	}
	l := p.handles[args[1]]
	if l == nil || l.kind != kListener {
		return errRequest
	}
	if err := l.ln.SetDeadline(time.Now().Add(1000 * time.Millisecond)); err != nil {
		return errAnswer(err)
	}
	conn, err := l.ln.Accept()
	if err != nil {
		return errAnswer(err)
	}
	p.handles[args[0]] = &handle{kind: kTCP, conn: conn, c: ipv4.NewConn(conn)}
	return "ok " + addrText(conn.RemoteAddr())
}

func reqAddr(p *probe, h *handle, args []string) string {
	if len(args) != 0 {
		return errRequest
	}
	return "ok " + addrText(h.localAddr())
}

func closeHandle(h *handle) error {
	switch h.kind {
	case kTCP:
		return h.conn.Close()
	case kListener:
		return h.ln.Close()
	case kRaw:
		return h.rc.Close()
	}
	return h.pc.Close()
}

func reqClose(p *probe, h *handle, args []string) string {
	if len(args) != 0 {
		return errRequest
	}
	for name, x := range p.handles {
		if x == h {
			delete(p.handles, name)
		}
	}
	return result(closeHandle(h))
}
