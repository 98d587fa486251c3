// SPDX-License-Identifier: BSD-3-Clause
// Command probe answers the codec probe protocol (conformance/PROBE.md) with
// Go's golang.org/x/net/ipv4, so that conformance/differential can compare
// libipv4 with it line by line. It is a test oracle and nothing else: it is
// built only by conformance/differential and never shipped.
//
// Build (GOPATH mode, offline, Debian's golang-golang-x-net-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode:$PRIVATE go build ./conformance/go/probe
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxBytes is the largest binary argument a request may carry, as in our
// probe (PROBE_MAX_BYTES in conformance/probe.h).
const maxBytes = 65536

// errRequest marks a request line the probe cannot read.
const errRequest = "err request"

// handler answers the words of a request that follow its kind.
type handler func(args []string) string

// kinds maps every kind of the protocol to its Go answer. Kinds Go has no
// counterpart for answer "unsupported" whatever their arguments.
var kinds = map[string]handler{
	"hdr":    answerHdr,
	"hdrfmt": answerHdrfmt,
	"mhdr":   answerMhdr,
	"cm":     answerCm,
	"mcm":    answerMcm,
	"icmp":   answerIcmp,
	"icmpf":  answerIcmpf,
	"cmfmt":  unsupported,
	"mcmfmt": unsupported,
	"opts":   unsupported,
	"igmp":   unsupported,
}

func unsupported([]string) string { return "unsupported" }

// words splits a request on runs of spaces, as the C probe does; tabs and
// other characters stay inside words.
func words(line string) []string {
	var out []string
	for _, w := range strings.Split(line, " ") {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// answer returns the answer line for one request line. A panic inside Go's
// package is caught and answered "panic", so that one bad input does not end
// the run and the comparison sees it.
func answer(line string) (out string) {
	w := words(line)
	if len(w) == 0 {
		return errRequest
	}
	h, ok := kinds[w[0]]
	if !ok {
		return errRequest
	}
	defer func() {
		if r := recover(); r != nil {
			out = "panic"
		}
	}()
	return h(w[1:])
}

// oneHex reads the single optional hex argument of a request: none means an
// empty byte string. ok is false for a malformed request.
func oneHex(args []string) (b []byte, ok bool) {
	switch len(args) {
	case 0:
		return []byte{}, true
	case 1:
		return decodeHex(args[0])
	}
	return nil, false
}

func decodeHex(s string) ([]byte, bool) {
	if len(s)%2 != 0 || len(s)/2 > maxBytes {
		return nil, false
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, false
	}
	return b, true
}

// errAnswer maps an error from Go's package to our error name. Errors are
// matched by their text because the package does not export them. An error
// with no counterpart is answered "err UNMAPPED(text)", which can never
// equal one of ours, so the comparison reports it.
func errAnswer(err error) string {
	if name, ok := errNames[err.Error()]; ok {
		return "err " + name
	}
	return "err UNMAPPED(" + strings.ReplaceAll(err.Error(), " ", "_") + ")"
}

// errNames maps the texts of x/net/ipv4's and x/net/internal/socket's
// errors to libipv4's error names.
var errNames = map[string]string{
	"header too short":           "ESHORT",    // ipv4.errHeaderTooShort
	"extension header too short": "EEXTSHORT", // ipv4.errExtHeaderTooShort
	// socket.ControlMessage.Parse: a cmsg_len that is not positive as an
	// int, below the header size, or past the end of the buffer.
	"invalid header length":  "ECMSGLEN",
	"invalid message length": "ECMSGLEN",
	"short buffer":           "ECMSGLEN",
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	for {
		line, err := in.ReadString('\n')
		if line == "" && err != nil {
			break
		}
		fmt.Fprintln(out, answer(strings.TrimRight(line, "\r\n")))
		// Flush once no further request is waiting, so that a
		// caller writing one line at a time gets its answer.
		if in.Buffered() == 0 {
			if out.Flush() != nil {
				os.Exit(1)
			}
		}
		if err == io.EOF {
			break
		}
	}
	if out.Flush() != nil {
		os.Exit(1)
	}
}
