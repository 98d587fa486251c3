// SPDX-License-Identifier: BSD-3-Clause
// Command gobench measures Go's golang.org/x/net/ipv4 on the operations
// bench/codec_bench and bench/io_bench measure libipv4 on, with the same
// inputs, so that bench/run can print one table with both and their ratio.
// It is a yardstick and nothing else: built only by bench/run and never
// shipped.
//
// Build (GOPATH mode, offline, Debian's golang-golang-x-net-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode:$PRIVATE go build ./bench/go/gobench
//
// Usage:
//
//	gobench codec [-samples N] [-benchtime D] [-round R]
//	gobench io -transport lo|veth [-ns-a NAME -ns-b NAME -addr-a A -addr-b B]
//	        [-payloads 64,1400] [-batches 1,8,32,64,256] [-seconds S] [-round R]
//
// Each prints one JSON object per line, the format bench/go/report reads.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "codec":
		err = runCodec(os.Args[2:])
	case "io":
		err = runIO(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gobench:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: gobench codec|io [flags] (see the package comment)")
	os.Exit(2)
}
