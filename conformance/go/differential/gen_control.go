// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"encoding/binary"
	"math/rand"
	"net"
	"strconv"
	"strings"
)

// Control messages as Linux delivers them to a 64-bit process (the layout
// of the machines this runs on): a 16-byte header {u64 cmsg_len; i32
// level; i32 type} in host (little-endian) order, the payload, and padding
// to a multiple of 8.
const (
	cmsgHdrLen = 16
	cmsgAlign  = 8
)

func cmsgSpace(n int) int { return cmsgHdrLen + (n+cmsgAlign-1)&^(cmsgAlign-1) }

// cmsg builds one padded message.
func cmsg(level, typ int32, data []byte) []byte {
	b := make([]byte, cmsgSpace(len(data)))
	binary.LittleEndian.PutUint64(b, uint64(cmsgHdrLen+len(data)))
	binary.LittleEndian.PutUint32(b[8:], uint32(level))
	binary.LittleEndian.PutUint32(b[12:], uint32(typ))
	copy(b[cmsgHdrLen:], data)
	return b
}

func le32(v uint32) []byte {
	b := make([]byte, 4)
	binary.LittleEndian.PutUint32(b, v)
	return b
}

func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	r.Read(b)
	return b
}

// edge32 returns an int-sized value that is often at an edge.
func edge32(r *rand.Rand) uint32 {
	switch r.Intn(8) {
	case 0:
		return 0
	case 1:
		return 1
	case 2:
		return 255
	case 3:
		return 256
	case 4:
		return 0x7fffffff
	case 5:
		return 0x80000000
	case 6:
		return 0xffffffff
	}
	return uint32(r.Intn(300))
}

// sockaddrIn is a struct sockaddr_in, usually of family AF_INET (2).
func sockaddrIn(r *rand.Rand) []byte {
	b := make([]byte, 16)
	fam := uint16(2)
	if r.Intn(8) == 0 {
		fam = uint16(r.Intn(12))
	}
	binary.LittleEndian.PutUint16(b, fam)
	r.Read(b[2:8])
	return b
}

// oneCmsg returns a well-formed message of a type a Linux IPv4 socket can
// receive, now and then of another level or type, or of level IPPROTO_IP
// and type 0, which no kernel sends.
func oneCmsg(r *rand.Rand) []byte {
	switch r.Intn(14) {
	case 0, 1: // IP_TTL, an int
		return cmsg(0, 2, le32(edge32(r)))
	case 2: // IP_TTL, one byte
		return cmsg(0, 2, []byte{byte(r.Intn(256))})
	case 3: // IP_TOS, one byte
		return cmsg(0, 1, []byte{byte(r.Intn(256))})
	case 4: // IP_TOS, an int
		return cmsg(0, 1, le32(edge32(r)))
	case 5, 6: // IP_PKTINFO: ifindex, spec_dst, addr
		d := append(le32(edge32(r)), randBytes(r, 8)...)
		return cmsg(0, 8, d)
	case 7: // IP_ORIGDSTADDR
		return cmsg(0, 20, sockaddrIn(r))
	case 8: // IP_RECVERR: sock_extended_err and the offender
		d := append(randBytes(r, 16), sockaddrIn(r)...)
		return cmsg(0, 11, d)
	case 9: // SO_TIMESTAMPNS old and new: seconds, nanoseconds
		d := randBytes(r, 16)
		if r.Intn(2) == 0 {
			binary.LittleEndian.PutUint64(d[8:], uint64(r.Intn(1000000000)))
		}
		return cmsg(1, []int32{35, 64}[r.Intn(2)], d)
	case 10: // SO_RXQ_OVFL
		return cmsg(1, 40, le32(edge32(r)))
	case 11: // UDP_GRO
		return cmsg(17, 104, le32(edge32(r)))
	case 12: // another level or type, random payload
		lvl := []int32{0, 1, 17, 41, 255, -1}[r.Intn(6)]
		return cmsg(lvl, int32(r.Intn(70)), randBytes(r, r.Intn(40)))
	}
	// IPPROTO_IP type 0, which no kernel sends
	return cmsg(0, 0, randBytes(r, r.Intn(20)))
}

// hugeLen returns a cmsg_len that is too large in one of the ways that
// trouble length arithmetic.
func hugeLen(r *rand.Rand) uint64 {
	switch r.Intn(6) {
	case 0:
		return ^uint64(0)
	case 1:
		return 1 << 63
	case 2:
		return 1<<63 - 1
	case 3:
		return 1<<32 + uint64(r.Intn(64))
	case 4:
		return ^uint64(0) - uint64(r.Intn(32))
	}
	return 1<<31 + uint64(r.Intn(64))
}

// cmBuffer returns control data for a cm request: random bytes one time in
// ten, otherwise one to four real messages with up to three of these
// edits: a corrupted cmsg_len (small, off by a little, or huge), a cut, a
// flipped bit, a changed level or type, or trailing bytes.
func cmBuffer(r *rand.Rand) []byte {
	if r.Intn(10) == 0 {
		return randBytes(r, r.Intn(100))
	}
	var b []byte
	var starts []int
	for n := 1 + r.Intn(4); n > 0; n-- {
		starts = append(starts, len(b))
		b = append(b, oneCmsg(r)...)
	}
	if r.Intn(4) == 0 { // the last message unpadded, as some kernels send
		last := starts[len(starts)-1]
		l := binary.LittleEndian.Uint64(b[last:])
		b = b[:last+int(l)]
	}
	for n := r.Intn(4); n > 0; n-- {
		at := starts[r.Intn(len(starts))]
		if at+cmsgHdrLen > len(b) {
			continue
		}
		l := binary.LittleEndian.Uint64(b[at:])
		switch r.Intn(8) {
		case 0:
			binary.LittleEndian.PutUint64(b[at:], uint64(r.Intn(40)))
		case 1:
			binary.LittleEndian.PutUint64(b[at:], uint64(int64(l)+int64(r.Intn(17))-8))
		case 2:
			binary.LittleEndian.PutUint64(b[at:], hugeLen(r))
		case 3:
			b = b[:r.Intn(len(b)+1)]
		case 4:
			if len(b) > 0 {
				b[r.Intn(len(b))] ^= 1 << uint(r.Intn(8))
			}
		case 5:
			binary.LittleEndian.PutUint32(b[at+8:], uint32([]int32{0, 1, 17, -1}[r.Intn(4)]))
		case 6:
			binary.LittleEndian.PutUint32(b[at+12:], uint32(r.Intn(130)))
		case 7:
			b = append(b, randBytes(r, 1+r.Intn(24))...)
		}
	}
	return b
}

// cmNames are the rule-condition names computed from a cm request's buffer
// by cmAnalyse, following DIVERGENCES.md's "Control messages" section:
//
//	cm_sound    1 when every cmsg header of the buffer is sound (Go's and
//	            our framing checks pass), else 0; the names below are
//	            only defined for a sound buffer
//	cm_type0    the number of level-0, type-0 messages (C1: Go panics)
//	cm_row      the row (C3 to C7) of the first message we refuse, or none
//	cm_refuse   our error for that message, EIFINDEX (C6) or ECMSGDATA,
//	            or none
//	cm_ttlcut   the number of IP_TTL messages of 2 or 3 bytes (C2)
//	cm_ttl      the TTL we report: that of the last IP_TTL of 1 byte, or
//	            of 4 bytes holding 0..255; 0 when there is none
//	cm_gottl    the TTL Go reports: the first byte of the last IP_TTL of
//	            1 byte or more; 0 when there is none
var cmNames = map[string]func([]byte) (string, bool){
	"cm_sound": func(b []byte) (string, bool) {
		if cmAnalyse(b).sound {
			return "1", true
		}
		return "0", true
	},
	"cm_type0":  cmFact(func(f cmFacts) string { return strconv.Itoa(f.type0) }),
	"cm_row":    cmFact(func(f cmFacts) string { return f.row }),
	"cm_refuse": cmFact(func(f cmFacts) string { return f.refuse }),
	"cm_ttlcut": cmFact(func(f cmFacts) string { return strconv.Itoa(f.ttlCut) }),
	"cm_ttl":    cmFact(func(f cmFacts) string { return strconv.Itoa(f.ttl) }),
	"cm_gottl":  cmFact(func(f cmFacts) string { return strconv.Itoa(f.goTTL) }),
}

func cmFact(get func(cmFacts) string) func([]byte) (string, bool) {
	return func(b []byte) (string, bool) {
		f := cmAnalyse(b)
		if !f.sound {
			return "", false
		}
		return get(f), true
	}
}

type cmFacts struct {
	sound      bool
	type0      int
	row        string
	refuse     string
	ttlCut     int
	ttl, goTTL int
}

type cmMsg struct {
	level, typ int32
	data       []byte
}

// cmFrame splits a buffer into its messages as Go's socket.ControlMessage
// Parse does on 64-bit Linux; ok is false when a header is unsound.
func cmFrame(b []byte) (msgs []cmMsg, ok bool) {
	for len(b) >= cmsgHdrLen {
		l := binary.LittleEndian.Uint64(b)
		if l >= 1<<63 || l < cmsgHdrLen || l > uint64(len(b)) {
			return nil, false
		}
		msgs = append(msgs, cmMsg{
			level: int32(binary.LittleEndian.Uint32(b[8:])),
			typ:   int32(binary.LittleEndian.Uint32(b[12:])),
			data:  b[cmsgHdrLen:l],
		})
		if next := cmsgSpace(int(l) - cmsgHdrLen); next <= len(b) {
			b = b[next:]
		} else {
			b = b[l:]
		}
	}
	return msgs, true
}

// cmCache keeps the facts of the last buffer, which a rule asks for by
// several names in a row.
var cmCache struct {
	valid bool
	key   string
	facts cmFacts
}

func cmAnalyse(b []byte) cmFacts {
	if cmCache.valid && cmCache.key == string(b) {
		return cmCache.facts
	}
	f := cmFacts{row: "none", refuse: "none"}
	msgs, ok := cmFrame(b)
	f.sound = ok
	for _, m := range msgs {
		if m.level == 0 && m.typ == 2 { // IP_TTL
			n := len(m.data)
			if n >= 1 {
				f.goTTL = int(m.data[0])
			}
			if n == 2 || n == 3 {
				f.ttlCut++
			}
			if n == 1 {
				f.ttl = int(m.data[0])
			}
			if n == 4 && inRange(m.data, 0, 255) {
				f.ttl = int(m.data[0])
			}
		}
		if m.level == 0 && m.typ == 0 {
			f.type0++
		}
		if f.row == "none" {
			if row := cmRefusedBy(m); row != "" {
				f.row, f.refuse = row, "ECMSGDATA"
				if row == "C6" {
					f.refuse = "EIFINDEX"
				}
			}
		}
	}
	cmCache.valid, cmCache.key, cmCache.facts = true, string(b), f
	return f
}

// inRange reports whether a 4-byte payload holds an int32 in lo..hi.
func inRange(d []byte, lo, hi int64) bool {
	v := int64(int32(binary.LittleEndian.Uint32(d)))
	return v >= lo && v <= hi
}

// cmRefusedBy returns the DIVERGENCES.md row under which we refuse m, or
// "" when we accept or skip it.
func cmRefusedBy(m cmMsg) string {
	n := len(m.data)
	u16 := func(at int) uint16 { return binary.LittleEndian.Uint16(m.data[at:]) }
	switch {
	case m.level == 0 && m.typ == 2: // IP_TTL
		if n >= 5 {
			return "C3"
		}
		if n == 4 && !inRange(m.data, 0, 255) {
			return "C4"
		}
	case m.level == 0 && m.typ == 8: // IP_PKTINFO
		if n > 12 {
			return "C5"
		}
		if n == 12 && int32(binary.LittleEndian.Uint32(m.data)) < 0 {
			return "C6"
		}
	case m.level == 0 && m.typ == 1: // IP_TOS
		if n > 4 || n == 4 && !inRange(m.data, 0, 255) {
			return "C7"
		}
	case m.level == 0 && m.typ == 20: // IP_ORIGDSTADDR
		if n > 16 || n == 16 && u16(0) != 2 {
			return "C7"
		}
	case m.level == 0 && m.typ == 11: // IP_RECVERR
		if n > 32 || n == 32 && u16(16) != 0 && u16(16) != 2 {
			return "C7"
		}
	case m.level == 1 && (m.typ == 35 || m.typ == 64): // SO_TIMESTAMPNS
		if n > 16 {
			return "C7"
		}
		if n == 16 {
			ns := int64(binary.LittleEndian.Uint64(m.data[8:]))
			if ns < 0 || ns > 999999999 {
				return "C7"
			}
		}
	case m.level == 1 && m.typ == 40: // SO_RXQ_OVFL
		if n > 4 {
			return "C7"
		}
	case m.level == 17 && m.typ == 104: // UDP_GRO
		if n > 4 || n == 4 && !inRange(m.data, 0, 65535) {
			return "C7"
		}
	}
	return ""
}

func genCm(r *rand.Rand) string {
	req := "cm " + hexArg(r, cmBuffer(r))
	if r.Intn(100) == 0 {
		return badRequest(r, req)
	}
	return req
}

// quad returns an mcm address word: "-" (nil), a dotted quad, now and then
// an edge address, or one time in 50 something that is not a dotted quad.
func quad(r *rand.Rand) string {
	switch r.Intn(10) {
	case 0, 1, 2:
		return "-"
	case 3:
		return []string{"0.0.0.0", "255.255.255.255", "127.0.0.1",
			"224.0.0.1"}[r.Intn(4)]
	}
	if r.Intn(50) == 0 {
		return []string{"1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
			"::1", "::ffff:1.2.3.4", "1.2.3.-4", "a.b.c.d", "--"}[r.Intn(9)]
	}
	return net.IPv4(byte(r.Intn(256)), byte(r.Intn(256)), byte(r.Intn(256)),
		byte(r.Intn(256))).String()
}

// ifindexWord returns an mcm IFINDEX: mostly small, often an edge of int32
// or int64, now and then malformed.
func ifindexWord(r *rand.Rand) string {
	switch r.Intn(12) {
	case 0:
		return "0"
	case 1:
		return strconv.Itoa(-r.Intn(1000))
	case 2:
		return []string{"2147483647", "2147483648", "4294967295", "4294967296",
			"4294967297", "-2147483648", "-2147483649", "9223372036854775807",
			"-9223372036854775808"}[r.Intn(9)]
	case 3:
		return strconv.FormatInt(r.Int63()-r.Int63(), 10)
	case 4:
		if r.Intn(10) == 0 {
			return []string{"+1", "0x1", "1.5", "", "9223372036854775808", "-"}[r.Intn(6)]
		}
	}
	return strconv.Itoa(1 + r.Intn(64))
}

// genMcm makes an "mcm TTL SRC DST IFINDEX" request.
func genMcm(r *rand.Rand) string {
	ttl := strconv.Itoa(r.Intn(256))
	switch r.Intn(10) {
	case 0:
		ttl = strconv.FormatInt(r.Int63()-r.Int63(), 10)
	case 1:
		ttl = []string{"0", "-1", "256", "+1", "x"}[r.Intn(5)]
	}
	req := strings.Join([]string{"mcm", ttl, quad(r), quad(r), ifindexWord(r)}, " ")
	if r.Intn(200) == 0 {
		return req + " 0" // a fifth word
	}
	return req
}
