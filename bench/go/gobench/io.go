// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/ipv4"
)

const (
	rcvbufBytes = 8 << 20
	rxBufBytes  = 2048
)

// ioRun is one measurement's sockets and buffers, as struct io_run is in
// bench/io_bench.h.
type ioRun struct {
	tx, rx   *ipv4.PacketConn
	dst      *net.UDPAddr
	payload  []byte
	batch    int
	txMsgs   []ipv4.Message
	rxMsgs   []ipv4.Message
	rxBufs   [][]byte
	timedOut bool
}

// ioImpl moves one round: send batch messages, then read until they are
// all in or the read deadline ends the measurement.
type ioImpl struct {
	name string
	send func(r *ioRun) error
	recv func(r *ioRun) (int, error)
}

var ioImpls = []ioImpl{
	{"go-batch", goBatchSend, goBatchRecv},
	{"go-single", goSingleSend, goSingleRecv},
}

func goBatchSend(r *ioRun) error {
	for done := 0; done < r.batch; {
		n, err := r.tx.WriteBatch(r.txMsgs[done:r.batch], 0)
		if err != nil {
			return err
		}
		done += n
	}
	return nil
}

func goBatchRecv(r *ioRun) (int, error) {
	got := 0
	for got < r.batch {
		n, err := r.rx.ReadBatch(r.rxMsgs[got:r.batch], 0)
		if err != nil {
			return got, err
		}
		got += n
	}
	return got, nil
}

func goSingleSend(r *ioRun) error {
	for i := 0; i < r.batch; i++ {
		if _, err := r.tx.WriteTo(r.payload, nil, r.dst); err != nil {
			return err
		}
	}
	return nil
}

func goSingleRecv(r *ioRun) (int, error) {
	for got := 0; got < r.batch; got++ {
		if _, _, _, err := r.rx.ReadFrom(r.rxBufs[got]); err != nil {
			return got, err
		}
	}
	return r.batch, nil
}

type ioOptions struct {
	transport string
	ns        [2]string
	addr      [2]net.IP
	payloads  []int
	batches   []int
	impls     []ioImpl
	measure   time.Duration
	round     int
}

type ioResult struct {
	Suite        string   `json:"suite"`
	Impl         string   `json:"impl"`
	Transport    string   `json:"transport"`
	Payload      int      `json:"payload"`
	Batch        int      `json:"batch"`
	Round        int      `json:"round"`
	Msgs         uint64   `json:"msgs,omitempty"`
	Rounds       uint64   `json:"rounds,omitempty"`
	Lost         uint64   `json:"lost"`
	WallNs       int64    `json:"wall_ns,omitempty"`
	CPUNs        int64    `json:"cpu_ns,omitempty"`
	MsgsPerSec   float64  `json:"msgs_per_sec,omitempty"`
	CPUNsPerMsg  float64  `json:"cpu_ns_per_msg,omitempty"`
	AllocsPerMsg *float64 `json:"allocs_per_msg,omitempty"`
	Error        string   `json:"error,omitempty"`
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(f)
		if err != nil || v < 1 {
			return nil, fmt.Errorf("bad number %q", f)
		}
		out = append(out, v)
	}
	return out, nil
}

func parseIOOptions(args []string) (*ioOptions, error) {
	fs := flag.NewFlagSet("io", flag.ContinueOnError)
	transport := fs.String("transport", "lo", "lo or veth (a label for the output)")
	nsA := fs.String("ns-a", "", "namespace of the sender (empty: this one)")
	nsB := fs.String("ns-b", "", "namespace of the receiver (empty: this one)")
	addrA := fs.String("addr-a", "127.0.0.1", "sender address")
	addrB := fs.String("addr-b", "127.0.0.1", "receiver address")
	payloads := fs.String("payloads", "64,1400", "payload sizes")
	batches := fs.String("batches", "1,8,32,64,256", "batch sizes")
	impls := fs.String("impls", "go-batch,go-single", "implementations")
	ms := fs.Int("ms", 200, "milliseconds per measurement")
	round := fs.Int("round", 0, "round number (rotates the order)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	o := &ioOptions{transport: *transport, ns: [2]string{*nsA, *nsB},
		measure: time.Duration(*ms) * time.Millisecond, round: *round}
	for i, a := range []string{*addrA, *addrB} {
		if o.addr[i] = net.ParseIP(a).To4(); o.addr[i] == nil {
			return nil, fmt.Errorf("bad address %q", a)
		}
	}
	var err error
	if o.payloads, err = parseInts(*payloads); err != nil {
		return nil, err
	}
	if o.batches, err = parseInts(*batches); err != nil {
		return nil, err
	}
	for _, name := range strings.Split(*impls, ",") {
		found := false
		for _, im := range ioImpls {
			if im.name == name {
				o.impls = append(o.impls, im)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("no implementation %q", name)
		}
	}
	return o, nil
}

func runIO(args []string) error {
	o, err := parseIOOptions(args)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	cell := 0
	for _, payload := range o.payloads {
		for _, batch := range o.batches {
			for k := range o.impls {
				im := o.impls[(k+o.round+cell)%len(o.impls)]
				res, err := measureIO(o, im, payload, batch)
				if err != nil {
					return err
				}
				if err := enc.Encode(res); err != nil {
					return err
				}
			}
			cell++
		}
	}
	return nil
}

func newRun(o *ioOptions, payload, batch int) (*ioRun, error) {
	txc, err := listenIn(o.ns[0], o.addr[0])
	if err != nil {
		return nil, err
	}
	rxc, err := listenIn(o.ns[1], o.addr[1])
	if err != nil {
		txc.Close()
		return nil, err
	}
	if err := forceBuffer(rxc, syscall.SO_RCVBUFFORCE, syscall.SO_RCVBUF, rcvbufBytes); err != nil {
		return nil, err
	}
	if err := forceBuffer(txc, syscall.SO_SNDBUFFORCE, syscall.SO_SNDBUF, rcvbufBytes); err != nil {
		return nil, err
	}
	r := &ioRun{
		tx:      ipv4.NewPacketConn(txc),
		rx:      ipv4.NewPacketConn(rxc),
		dst:     rxc.LocalAddr().(*net.UDPAddr),
		payload: make([]byte, payload),
		batch:   batch,
		txMsgs:  make([]ipv4.Message, batch),
		rxMsgs:  make([]ipv4.Message, batch),
		rxBufs:  make([][]byte, batch),
	}
	for i := range r.txMsgs {
		r.txMsgs[i] = ipv4.Message{Buffers: [][]byte{r.payload}, Addr: r.dst}
		r.rxBufs[i] = make([]byte, rxBufBytes)
		r.rxMsgs[i] = ipv4.Message{Buffers: [][]byte{r.rxBufs[i]}}
	}
	return r, nil
}

func (r *ioRun) close() {
	r.tx.Close()
	r.rx.Close()
}

type tally struct{ rounds, msgs, lost uint64 }

// oneRound moves one batch; a read deadline that passes is loss, and ends
// the measurement (timedOut), not the program.
func oneRound(im ioImpl, r *ioRun, t *tally) error {
	if err := im.send(r); err != nil {
		return err
	}
	got, err := im.recv(r)
	var ne net.Error
	if err != nil && errors.As(err, &ne) && ne.Timeout() {
		r.timedOut = true
		err = nil
	}
	if err != nil {
		return err
	}
	t.rounds++
	t.msgs += uint64(got)
	t.lost += uint64(r.batch - got)
	return nil
}

func cpuNow() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func measureIO(o *ioOptions, im ioImpl, payload, batch int) (*ioResult, error) {
	res := &ioResult{Suite: "io", Impl: im.name, Transport: o.transport,
		Payload: payload, Batch: batch, Round: o.round}
	r, err := newRun(o, payload, batch)
	if err != nil {
		return nil, err
	}
	defer r.close()
	// One deadline for the whole measurement: a lost datagram ends it
	// instead of blocking forever, at no cost per read.
	if err := r.rx.SetReadDeadline(time.Now().Add(o.measure + 2*time.Second)); err != nil {
		return nil, err
	}
	var warm, t tally
	end := time.Now().Add(o.measure / 10)
	for !r.timedOut && (warm.rounds < 3 || time.Now().Before(end)) {
		if err := oneRound(im, r, &warm); err != nil {
			res.Error = err.Error()
			return res, nil
		}
	}
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	c0 := cpuNow()
	t0 := time.Now()
	end = t0.Add(o.measure)
	for !r.timedOut && time.Now().Before(end) {
		if err := oneRound(im, r, &t); err != nil {
			res.Error = err.Error()
			return res, nil
		}
	}
	wall := time.Since(t0)
	cpu := cpuNow() - c0
	runtime.ReadMemStats(&m1)
	if t.msgs == 0 {
		res.Error = "nothing received"
		return res, nil
	}
	allocs := float64(m1.Mallocs-m0.Mallocs) / float64(t.msgs)
	res.Msgs, res.Rounds, res.Lost = t.msgs, t.rounds, t.lost
	res.WallNs, res.CPUNs = wall.Nanoseconds(), cpu
	res.MsgsPerSec = float64(t.msgs) / wall.Seconds()
	res.CPUNsPerMsg = float64(cpu) / float64(t.msgs)
	res.AllocsPerMsg = &allocs
	return res, nil
}
