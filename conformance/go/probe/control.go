// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"encoding/hex"
	"net"
	"strings"

	"golang.org/x/net/ipv4"
)

// answerCm parses the control data with Go's ControlMessage.Parse (the
// local system's layout: Linux here) and answers with its String().
func answerCm(args []string) string {
	b, ok := oneHex(args)
	if !ok {
		return errRequest
	}
	var cm ipv4.ControlMessage
	if err := cm.Parse(b); err != nil {
		return errAnswer(err)
	}
	return "ok " + cm.String()
}

// address reads an mcm address word: a dotted quad, or "-" for nil.
func address(s string) (ip net.IP, ok bool) {
	if s == "-" {
		return nil, true
	}
	if strings.Contains(s, ":") {
		return nil, false // an IPv6 form: not a dotted quad
	}
	ip = net.ParseIP(s).To4()
	return ip, ip != nil
}

// answerMcm builds a ControlMessage from "TTL SRC DST IFINDEX" and answers
// with what Go's Marshal makes of it.
func answerMcm(args []string) string {
	if len(args) != 4 {
		return errRequest
	}
	ttl, ok1 := decimal(args[0])
	src, ok2 := address(args[1])
	dst, ok3 := address(args[2])
	ifindex, ok4 := decimal(args[3])
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return errRequest
	}
	cm := ipv4.ControlMessage{TTL: int(ttl), Src: src, Dst: dst, IfIndex: int(ifindex)}
	return "ok " + hex.EncodeToString(cm.Marshal())
}
