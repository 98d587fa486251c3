// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"sort"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/net/ipv4"
)

// headerBytes is the header codec_bench.c parses: an ICMP echo request.
var headerBytes = []byte{
	0x45, 0x00, 0x00, 0x54, 0x1c, 0x46, 0x40, 0x00, 0x40, 0x01,
	0xb1, 0xe6, 0xc0, 0xa8, 0x00, 0x68, 0xc0, 0xa8, 0x00, 0x01,
}

// Sinks the compiler cannot prove unused.
var (
	sinkInt    int
	sinkBool   bool
	sinkBytes  []byte
	sinkString string
	sinkHeader *ipv4.Header
)

// controlBytes builds what recvmsg gives on Linux with IP_RECVTTL and
// IP_PKTINFO on (FlagTTL, FlagDst, FlagInterface): the same bytes
// codec_bench.c builds with the CMSG macros, in this machine's layout.
func controlBytes() []byte {
	b := ipv4.NewControlMessage(ipv4.FlagTTL | ipv4.FlagDst | ipv4.FlagInterface)
	hdrLen := syscall.CmsgLen(0)
	put := func(off, level, typ, dataLen int) {
		h := (*syscall.Cmsghdr)(unsafe.Pointer(&b[off]))
		h.Level = int32(level)
		h.Type = int32(typ)
		h.SetLen(syscall.CmsgLen(dataLen))
	}
	put(0, syscall.IPPROTO_IP, syscall.IP_TTL, 4)
	*(*int32)(unsafe.Pointer(&b[hdrLen])) = 64
	off := syscall.CmsgSpace(4)
	put(off, syscall.IPPROTO_IP, syscall.IP_PKTINFO, 12)
	pi := (*syscall.Inet4Pktinfo)(unsafe.Pointer(&b[off+hdrLen]))
	pi.Ifindex = 1
	pi.Spec_dst = [4]byte{127, 0, 0, 1}
	pi.Addr = [4]byte{127, 0, 0, 1}
	return b
}

type codecOp struct {
	name string // the codec_bench.c operation it matches
	goFn string // the Go function measured
	fn   func(b *testing.B)
}

func codecOps() ([]codecOp, error) {
	parsed, err := ipv4.ParseHeader(headerBytes)
	if err != nil {
		return nil, err
	}
	cmsg := controlBytes()
	var probe ipv4.ControlMessage
	if err := probe.Parse(cmsg); err != nil || probe.TTL != 64 || probe.IfIndex != 1 {
		return nil, fmt.Errorf("control input does not parse as intended: %v %+v", err, probe)
	}
	sendCM := &ipv4.ControlMessage{Src: net.IPv4(127, 0, 0, 1).To4(), IfIndex: 1}
	return []codecOp{
		{"header_parse", "Header.Parse", func(b *testing.B) {
			var h ipv4.Header
			for i := 0; i < b.N; i++ {
				if err := h.Parse(headerBytes); err != nil {
					b.Fatal(err)
				}
				sinkInt += h.TTL
			}
		}},
		{"header_parse", "ParseHeader", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				h, err := ipv4.ParseHeader(headerBytes)
				if err != nil {
					b.Fatal(err)
				}
				sinkHeader = h
			}
		}},
		{"header_marshal", "Header.Marshal", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				out, err := parsed.Marshal()
				if err != nil {
					b.Fatal(err)
				}
				sinkBytes = out
			}
		}},
		{"header_string", "Header.String", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sinkString = parsed.String()
			}
		}},
		{"control_parse", "ControlMessage.Parse", func(b *testing.B) {
			var cm ipv4.ControlMessage
			for i := 0; i < b.N; i++ {
				if err := cm.Parse(cmsg); err != nil {
					b.Fatal(err)
				}
				sinkInt += cm.TTL + cm.IfIndex
			}
		}},
		{"control_marshal", "ControlMessage.Marshal", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sinkBytes = sendCM.Marshal()
			}
		}},
		{"icmp_filter_set_all", "ICMPFilter.SetAll", func(b *testing.B) {
			var f ipv4.ICMPFilter
			for i := 0; i < b.N; i++ {
				f.SetAll(i&1 != 0)
			}
			sinkBool = f.WillBlock(0)
		}},
		{"icmp_filter_accept", "ICMPFilter.Accept", func(b *testing.B) {
			var f ipv4.ICMPFilter
			for i := 0; i < b.N; i++ {
				f.Accept(ipv4.ICMPType(i & 31))
			}
			sinkBool = f.WillBlock(0)
		}},
		{"icmp_filter_block", "ICMPFilter.Block", func(b *testing.B) {
			var f ipv4.ICMPFilter
			for i := 0; i < b.N; i++ {
				f.Block(ipv4.ICMPType(i & 31))
			}
			sinkBool = f.WillBlock(0)
		}},
		{"icmp_filter_will_block", "ICMPFilter.WillBlock", func(b *testing.B) {
			var f ipv4.ICMPFilter
			f.Block(8)
			n := 0
			for i := 0; i < b.N; i++ {
				if f.WillBlock(ipv4.ICMPType(i & 31)) {
					n++
				}
			}
			sinkInt += n
		}},
	}, nil
}

type codecResult struct {
	Suite       string    `json:"suite"`
	Impl        string    `json:"impl"`
	Op          string    `json:"op"`
	GoFunc      string    `json:"go_func"`
	NsPerOp     float64   `json:"ns_per_op"`
	AllocsPerOp int64     `json:"allocs_per_op"`
	BytesPerOp  int64     `json:"bytes_per_op"`
	Iters       int       `json:"iters"`
	Round       int       `json:"round,omitempty"`
	SamplesNs   []float64 `json:"samples_ns"`
}

func runCodec(args []string) error {
	testing.Init()
	fs := flag.NewFlagSet("codec", flag.ContinueOnError)
	samples := fs.Int("samples", 7, "timed runs per operation (the median is reported)")
	benchtime := fs.String("benchtime", "30ms", "length of one run")
	round := fs.Int("round", 0, "label the lines with this round (bench/run pairs them with codec_bench's of the same round)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *round < 0 {
		return fmt.Errorf("-round must not be negative")
	}
	if *samples < 1 {
		return fmt.Errorf("-samples must be at least 1")
	}
	if err := flag.Set("test.benchtime", *benchtime); err != nil {
		return err
	}
	ops, err := codecOps()
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	for _, op := range ops {
		res := codecResult{Suite: "codec", Impl: "go", Op: op.name, GoFunc: op.goFn, Round: *round}
		var last testing.BenchmarkResult
		for s := 0; s < *samples; s++ {
			last = testing.Benchmark(op.fn)
			if last.N == 0 {
				return fmt.Errorf("%s: benchmark failed", op.goFn)
			}
			res.SamplesNs = append(res.SamplesNs, float64(last.T.Nanoseconds())/float64(last.N))
		}
		res.NsPerOp = median(res.SamplesNs)
		res.AllocsPerOp = last.AllocsPerOp()
		res.BytesPerOp = last.AllocedBytesPerOp()
		res.Iters = last.N
		if err := enc.Encode(res); err != nil {
			return err
		}
	}
	return nil
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
