// SPDX-License-Identifier: BSD-3-Clause
// Command socketprobe answers the socket probe protocol
// (conformance/SOCKET-PROBE.md) with Go's golang.org/x/net/ipv4, so that
// the request scripts of conformance/socket-scripts can be run against Go's
// package and its answers compared with libipv4's on the same kernel. It is
// a test oracle, built only by conformance/socket-probe-go.
//
// Build (GOPATH mode, offline, Debian's golang-golang-x-net-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode:$PRIVATE go build ./conformance/go/socketprobe
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

const errRequest = "err request"

// method answers the words after "KIND NAME" of a request on handle h.
type method func(p *probe, h *handle, args []string) string

// request says which handle kinds a method applies to.
type request struct {
	run   method
	kinds kind
}

var requests = map[string]request{
	"addr":                       {reqAddr, kPacket | kTCP | kListener},
	"close":                      {reqClose, kPacket | kTCP | kListener},
	"TOS":                        {reqTOS, kConn},
	"SetTOS":                     {reqSetTOS, kConn},
	"TTL":                        {reqTTL, kConn},
	"SetTTL":                     {reqSetTTL, kConn},
	"MulticastTTL":               {reqMulticastTTL, kPacket},
	"SetMulticastTTL":            {reqSetMulticastTTL, kPacket},
	"MulticastInterface":         {reqMulticastInterface, kPacket},
	"SetMulticastInterface":      {reqSetMulticastInterface, kPacket},
	"MulticastLoopback":          {reqMulticastLoopback, kPacket},
	"SetMulticastLoopback":       {reqSetMulticastLoopback, kPacket},
	"SetControlMessage":          {reqSetControlMessage, kPacket},
	"ICMPFilter":                 {reqICMPFilter, kPacket},
	"SetICMPFilter":              {reqSetICMPFilter, kPacket},
	"SetBPF":                     {reqSetBPF, kPacket},
	"SetDeadline":                {deadline(0), kPacket},
	"SetReadDeadline":            {deadline(1), kPacket},
	"SetWriteDeadline":           {deadline(2), kPacket},
	"JoinGroup":                  {group(opJoin), kPacket},
	"LeaveGroup":                 {group(opLeave), kPacket},
	"JoinSourceSpecificGroup":    {group(opJoinSSM), kPacket},
	"LeaveSourceSpecificGroup":   {group(opLeaveSSM), kPacket},
	"ExcludeSourceSpecificGroup": {group(opExcludeSSM), kPacket},
	"IncludeSourceSpecificGroup": {group(opIncludeSSM), kPacket},
	"WriteTo":                    {reqWriteTo, kPacket},
	"ReadFrom":                   {reqReadFrom, kPacket},
	"WriteBatch":                 {reqWriteBatch, kUDP | kIP},
	"ReadBatch":                  {reqReadBatch, kUDP | kIP},
}

// words splits a request on runs of spaces, as the C probe does.
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
// package is answered "panic", and the probe goes on.
func (p *probe) answer(line string) (out string) {
	w := words(line)
	if len(w) == 0 {
		return errRequest
	}
	defer func() {
		if r := recover(); r != nil {
			out = "panic"
		}
	}()
	switch w[0] {
	case "open":
		return p.open(w[1:])
	case "listen":
		return p.listen(w[1:])
	case "connect":
		return p.connect(w[1:])
	case "accept":
		return p.accept(w[1:])
	}
	r, ok := requests[w[0]]
	if !ok || len(w) < 2 {
		return errRequest
	}
	h := p.handles[w[1]]
	if h == nil || h.kind&r.kinds == 0 {
		return errRequest
	}
	return r.run(p, h, w[2:])
}

func main() {
	p := newProbe()
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	for {
		line, err := in.ReadString('\n')
		if line == "" && err != nil {
			break
		}
		// One answer, written and flushed at once: a caller may wait
		// for it before it sends the next request.
		if _, werr := fmt.Println(p.answer(strings.TrimRight(line, "\r\n"))); werr != nil {
			os.Exit(1)
		}
		if err == io.EOF {
			break
		}
	}
	p.closeAll()
}
