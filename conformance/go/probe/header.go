// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"encoding/hex"
	"runtime"

	"golang.org/x/net/ipv4"
)

// nativeFormat names the raw-socket header layout Go's Header.Parse and
// Marshal use on this system (they pick it from runtime.GOOS). On FreeBSD
// Go decides by kernel version at run time; the probe assumes 11 or later.
func nativeFormat() string {
	switch runtime.GOOS {
	case "darwin", "ios", "dragonfly", "netbsd":
		return "tradbsd"
	}
	return "wire"
}

// formats are the hdrfmt names of PROBE.md; the -le and -be ones name the
// byte order of the BSD host-order fields, which Go cannot choose: they
// answer EFORMAT like every format but the system's own.
var formats = map[string]bool{
	"wire": true, "tradbsd": true, "freebsd10": true,
	"tradbsd-le": true, "tradbsd-be": true,
	"freebsd10-le": true, "freebsd10-be": true,
}

func parseAnswer(b []byte) string {
	h, err := ipv4.ParseHeader(b)
	if err != nil {
		return errAnswer(err)
	}
	return "ok " + h.String() + " opts=" + hex.EncodeToString(h.Options)
}

func answerHdr(args []string) string {
	b, ok := oneHex(args)
	if !ok {
		return errRequest
	}
	return parseAnswer(b)
}

// answerHdrfmt answers for the local system's format only: Go cannot parse
// any other, so the rest answer EFORMAT (PROBE.md).
func answerHdrfmt(args []string) string {
	if len(args) == 0 || !formats[args[0]] {
		return errRequest
	}
	b, ok := oneHex(args[1:])
	if !ok {
		return errRequest
	}
	if args[0] != nativeFormat() {
		return "err EFORMAT"
	}
	return parseAnswer(b)
}

func answerMhdr(args []string) string {
	b, ok := oneHex(args)
	if !ok {
		return errRequest
	}
	h, err := ipv4.ParseHeader(b)
	if err != nil {
		return errAnswer(err)
	}
	w, err := h.Marshal()
	if err != nil {
		return errAnswer(err)
	}
	return "ok " + hex.EncodeToString(w)
}
