// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"encoding/hex"
	"math/rand"
	"runtime"
	"strings"
)

// nativeFormat is the raw-socket header layout Go's package uses on this
// system; hdrfmt requests in any other layout are skipped, since Go cannot
// read them (PROBE.md). It mirrors the Go probe's choice.
func nativeFormat() string {
	switch runtime.GOOS {
	case "darwin", "ios", "dragonfly", "netbsd":
		return "tradbsd"
	}
	return "wire"
}

// interesting returns a byte that is often an edge value.
func interesting(r *rand.Rand) byte {
	switch r.Intn(4) {
	case 0:
		return 0
	case 1:
		return 0xff
	}
	return byte(r.Intn(256))
}

// options fills b with a plausible options area: a run of real option
// shapes (RFC 791 3.1; RFC 2113) and random TLVs, padded with EOL.
func options(r *rand.Rand, b []byte) {
	i := 0
	for i < len(b) {
		left := len(b) - i
		switch r.Intn(7) {
		case 0: // End of Option List
			b[i] = 0
			i++
		case 1: // No Operation
			b[i] = 1
			i++
		case 2, 3: // Record Route, Loose / Strict Source Route
			if left < 3 {
				continue
			}
			n := 3 + 4*r.Intn((left-3)/4+1)
			b[i] = []byte{7, 131, 137}[r.Intn(3)]
			b[i+1] = byte(n)
			b[i+2] = byte(4 + 4*r.Intn(n/4+1))
			r.Read(b[i+3 : i+n])
			i += n
		case 4: // Timestamp
			if left < 4 {
				continue
			}
			n := 4 + 4*r.Intn((left-4)/4+1)
			b[i], b[i+1], b[i+2] = 68, byte(n), byte(5+4*r.Intn(n/4+1))
			b[i+3] = byte(r.Intn(16))<<4 | []byte{0, 1, 3}[r.Intn(3)]
			r.Read(b[i+4 : i+n])
			i += n
		case 5: // Router Alert
			if left < 4 {
				continue
			}
			copy(b[i:], []byte{148, 4, 0, 0})
			i += 4
		default: // a random type-length-value
			n := 1 + r.Intn(left)
			r.Read(b[i : i+n])
			if n > 1 {
				b[i+1] = byte(r.Intn(n + 3))
			}
			i += n
		}
	}
}

// validHeader returns a well-formed wire-format header with edge-biased
// fields, 0 to 40 bytes of options and up to 10 bytes after it.
func validHeader(r *rand.Rand) []byte {
	ihl := 5
	if r.Intn(2) == 0 {
		ihl = 5 + r.Intn(11)
	}
	b := make([]byte, ihl*4, ihl*4+10)
	b[0] = 0x40 | byte(ihl)
	for i := 1; i < 20; i++ {
		b[i] = interesting(r)
	}
	if r.Intn(2) == 0 { // flags: one of the 8 values, offset kept
		b[6] = b[6]&0x1f | byte(r.Intn(8))<<5
	}
	options(r, b[20:])
	if n := r.Intn(11); n > 0 && r.Intn(3) == 0 {
		tail := make([]byte, n)
		r.Read(tail)
		b = append(b, tail...)
	}
	return b
}

// mutate applies up to three damaging edits: an IHL or version from the
// whole range, a flipped bit, an edge byte, a cut, or extra bytes.
func mutate(r *rand.Rand, b []byte, max int) []byte {
	for n := r.Intn(4); n > 0; n-- {
		switch r.Intn(6) {
		case 0:
			if len(b) > 0 {
				b[0] = b[0]&0xf0 | byte(r.Intn(16))
			}
		case 1:
			if len(b) > 0 {
				b[0] = b[0]&0x0f | byte(r.Intn(16))<<4
			}
		case 2:
			if len(b) > 0 {
				b[r.Intn(len(b))] ^= 1 << uint(r.Intn(8))
			}
		case 3:
			if len(b) > 0 {
				b[r.Intn(len(b))] = interesting(r)
			}
		case 4:
			b = b[:r.Intn(len(b)+1)]
		case 5:
			if len(b) < max {
				extra := make([]byte, r.Intn(max-len(b)+1))
				r.Read(extra)
				b = append(b, extra...)
			}
		}
	}
	return b
}

// headerBytes is the input of the header kinds: random bytes of length
// 0..70 one time in five, otherwise a mutated valid header.
func headerBytes(r *rand.Rand) []byte {
	const max = 70
	if r.Intn(5) == 0 {
		b := make([]byte, r.Intn(max+1))
		r.Read(b)
		return b
	}
	return mutate(r, validHeader(r), max)
}

// hexArg renders b as a request argument; now and then in upper case,
// which the protocol allows.
func hexArg(r *rand.Rand, b []byte) string {
	s := hex.EncodeToString(b)
	if r.Intn(50) == 0 {
		return upper(s)
	}
	return s
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'f' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// badRequest turns a request into one of the malformed shapes the probe
// must answer "err request" (or, for spacing, read as the original).
func badRequest(r *rand.Rand, req string) string {
	switch r.Intn(5) {
	case 0:
		return req + "0" // odd number of hex digits (or a bad word)
	case 1:
		return req + " 00" // an extra argument
	case 2:
		return req + "g0" // not hex
	case 3:
		return "  " + req + "  " // extra spaces: still well formed
	}
	k := strings.IndexByte(req, ' ') + 1 // cut anywhere after the kind
	return req[:k+(len(req)-k)/2]
}

func genHdr(r *rand.Rand) string {
	req := "hdr " + hexArg(r, headerBytes(r))
	if r.Intn(100) == 0 {
		return badRequest(r, req)
	}
	return req
}

func genHdrfmt(r *rand.Rand) string {
	req := "hdrfmt " + nativeFormat() + " " + hexArg(r, headerBytes(r))
	if r.Intn(100) == 0 {
		return badRequest(r, req)
	}
	return req
}

func genMhdr(r *rand.Rand) string {
	req := "mhdr " + hexArg(r, headerBytes(r))
	if r.Intn(100) == 0 {
		return badRequest(r, req)
	}
	return req
}
