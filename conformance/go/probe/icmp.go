// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"fmt"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/net/ipv4"
)

// decimal reads PROBE.md's N: an optional '-' and decimal digits whose
// value fits 64 bits (strconv alone would also take a '+').
func decimal(s string) (int64, bool) {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

func answerIcmp(args []string) string {
	if len(args) != 1 {
		return errRequest
	}
	n, ok := decimal(args[0])
	if !ok {
		return errRequest
	}
	return "ok " + ipv4.ICMPType(n).String()
}

// filterOp is one item of an icmpf request.
type filterOp struct {
	verb string
	n    int
}

// filterOps reads OPS: comma-separated accept:N, block:N (N one to three
// digits, 0..255) and setall:0 or setall:1.
func filterOps(s string) ([]filterOp, bool) {
	var ops []filterOp
	for _, item := range strings.Split(s, ",") {
		verb, arg, found := strings.Cut(item, ":")
		if !found {
			return nil, false
		}
		switch verb {
		case "setall":
			if arg != "0" && arg != "1" {
				return nil, false
			}
			ops = append(ops, filterOp{verb, int(arg[0] - '0')})
		case "accept", "block":
			if len(arg) < 1 || len(arg) > 3 || strings.Trim(arg, "0123456789") != "" {
				return nil, false
			}
			n, _ := strconv.Atoi(arg)
			if n > 255 {
				return nil, false
			}
			ops = append(ops, filterOp{verb, n})
		default:
			return nil, false
		}
	}
	return ops, true
}

// answerIcmpf applies the items to a zero ICMPFilter and answers with the
// kernel word it holds. The word is the filter's only field, unexported
// (icmpFilter{Data uint32} on Linux), so it is read through unsafe.
func answerIcmpf(args []string) string {
	var ops []filterOp
	switch len(args) {
	case 0:
	case 1:
		var ok bool
		if ops, ok = filterOps(args[0]); !ok {
			return errRequest
		}
	default:
		return errRequest
	}
	var f ipv4.ICMPFilter
	for _, op := range ops {
		switch op.verb {
		case "accept":
			f.Accept(ipv4.ICMPType(op.n))
		case "block":
			f.Block(ipv4.ICMPType(op.n))
		case "setall":
			f.SetAll(op.n == 1)
		}
	}
	return fmt.Sprintf("ok data=0x%08x", filterWord(&f))
}

// filterWord reads the Linux ICMP_FILTER word out of f.
func filterWord(f *ipv4.ICMPFilter) uint32 {
	var _ [4 - unsafe.Sizeof(*f)]struct{} // f is exactly the word
	return *(*uint32)(unsafe.Pointer(f))
}
