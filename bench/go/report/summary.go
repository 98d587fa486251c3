// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"math"
	"sort"
)

// The implementations of the I/O benchmark, in table order. bare-batch is
// the limit every other is compared with.
var ioImplOrder = []string{
	"bare-batch", "lib-batch", "go-batch",
	"bare-single", "lib-single", "go-single",
	"bare-gso", "lib-gso",
	"lib-coalesce", "lib-split", "lib-both",
}

const baseline = "bare-batch"

type summary struct {
	Machine map[string]interface{} `json:"machine"`
	Targets []target               `json:"targets"`
	Codec   []codecRow             `json:"codec"`
	IO      []ioRow                `json:"io"`
	Profile []profileRow           `json:"profile"`
	Errors  []string               `json:"errors,omitempty"`
}

type codecRow struct {
	Op           string    `json:"op"`
	CNsPerOp     *float64  `json:"c_ns_per_op"`
	CSamplesNs   []float64 `json:"c_samples_ns"`
	CInstrPerOp  *float64  `json:"c_instr_per_op"`
	CAllocsPerOp *float64  `json:"c_allocs_per_op"`
	GoFunc       string    `json:"go_func,omitempty"`
	GoNsPerOp    *float64  `json:"go_ns_per_op,omitempty"`
	GoSamplesNs  []float64 `json:"go_samples_ns,omitempty"`
	GoAllocs     *float64  `json:"go_allocs_per_op,omitempty"`
	GoBytes      *float64  `json:"go_bytes_per_op,omitempty"`
	// Speedup is Go's ns/op over ours: how many times more operations
	// per second libipv4 does. bench/run takes the codec samples in
	// paired rounds (one short sample of every operation in C, one in
	// Go, round after round), so Speedup is the median of the per-round
	// ratios (SpeedupSamples, in round order) over the Rounds rounds that
	// have both; the ns/op columns are the medians of the per-round
	// figures. A machine that slows down for a while slows both sides of
	// a round alike, so the ratio holds where the absolute figures do not.
	Speedup        *float64  `json:"speedup,omitempty"`
	SpeedupSamples []float64 `json:"speedup_samples,omitempty"`
	Rounds         int       `json:"rounds,omitempty"`
}

type ioRow struct {
	Transport string `json:"transport"`
	Payload   int    `json:"payload"`
	Batch     int    `json:"batch"`
	Impl      string `json:"impl"`
	Rounds    int    `json:"rounds"`
	// Medians over the rounds.
	MsgsPerSec  float64 `json:"msgs_per_sec"`
	CPUNsPerMsg float64 `json:"cpu_ns_per_msg"`
	// CPUShare is CPU time over wall time: about 1 for a single thread
	// that had a core to itself, less when other work took the CPU.
	CPUShare float64 `json:"cpu_share"`
	// Medians of the per-round ratios to bare-batch in the same round:
	// messages per second, and messages per CPU-second.
	Ratio    *float64 `json:"ratio_to_bare"`
	CPURatio *float64 `json:"cpu_ratio_to_bare"`
	// The largest over the rounds.
	AllocsPerMsg *float64 `json:"allocs_per_msg"`
	Lost         float64  `json:"lost"`
	// GSO rows: messages per datagram the receiver read.
	SegsPerDatagram *float64  `json:"segments_per_datagram,omitempty"`
	SamplesMsgsSec  []float64 `json:"samples_msgs_per_sec"`
	Error           string    `json:"error,omitempty"`
}

type profileRow struct {
	Kind   string             `json:"kind"`
	Impl   string             `json:"impl"`
	PerMsg map[string]float64 `json:"per_msg"`
	Note   string             `json:"note,omitempty"`
}

type target struct {
	Name     string   `json:"name"`
	Want     string   `json:"want"`
	Limit    float64  `json:"limit"` // the ratio wanted; 0 for counts that must be 0
	Got      *float64 `json:"got"`
	GotWall  *float64 `json:"got_wall,omitempty"`
	Where    string   `json:"where,omitempty"`
	Met      bool     `json:"met"`
	Measured bool     `json:"measured"`
	// Op and GoFunc name the codec row a speed target is judged on.
	Op     string `json:"op,omitempty"`
	GoFunc string `json:"go_func,omitempty"`
}

func fp(v float64) *float64 { return &v }

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func summarise(recs []record) *summary {
	s := &summary{Machine: map[string]interface{}{}}
	for _, r := range recs {
		if r.Suite == "machine" {
			for k, v := range r.Machine {
				s.Machine[k] = v
			}
		}
		if r.Suite == "profile" {
			s.Profile = append(s.Profile, profileRow{r.Kind, r.Impl, r.PerMsg, r.Note})
		}
	}
	s.Codec = codecRows(recs)
	s.IO = ioRows(recs, s)
	s.Targets = targets(s)
	return s
}

// codecSide is one implementation's timings of one operation, by round.
// Lines without a round (round 0) are one round of their own.
type codecSide struct {
	ns     map[int]float64
	allocs *float64 // the largest over the rounds
	bytes  *float64
}

func (c *codecSide) add(r record) {
	if c.ns == nil {
		c.ns = map[int]float64{}
	}
	c.ns[r.Round] = r.NsPerOp
	if r.AllocsPerOp != nil && (c.allocs == nil || *r.AllocsPerOp > *c.allocs) {
		c.allocs = fp(*r.AllocsPerOp)
	}
	if r.BytesPerOp != nil && (c.bytes == nil || *r.BytesPerOp > *c.bytes) {
		c.bytes = fp(*r.BytesPerOp)
	}
}

// rounds lists the rounds measured, in order.
func (c *codecSide) rounds() []int {
	var out []int
	for r := range c.ns {
		out = append(out, r)
	}
	sort.Ints(out)
	return out
}

// samples lists the ns/op of every round, in round order.
func (c *codecSide) samples() []float64 {
	var out []float64
	for _, r := range c.rounds() {
		out = append(out, c.ns[r])
	}
	return out
}

type goKey struct{ op, fn string }

// codecRows pairs each C operation with each Go function measured on the
// same input: the absolute figures are medians over the rounds, the
// speed-up the median of Go's ns/op over ours within each round.
func codecRows(recs []record) []codecRow {
	var order []string
	c := map[string]*codecSide{}
	goFns := map[string][]string{}
	goSides := map[goKey]*codecSide{}
	instr := map[string]float64{}
	for _, r := range recs {
		switch {
		case r.Suite == "codec" && r.Impl == "c":
			if c[r.Op] == nil {
				order = append(order, r.Op)
				c[r.Op] = &codecSide{}
			}
			c[r.Op].add(r)
		case r.Suite == "codec" && r.Impl == "go":
			k := goKey{r.Op, r.GoFunc}
			if goSides[k] == nil {
				goFns[r.Op] = append(goFns[r.Op], r.GoFunc)
				goSides[k] = &codecSide{}
			}
			goSides[k].add(r)
		case r.Suite == "callgrind":
			instr[r.Op] = r.InstrPerOp
		}
	}
	var rows []codecRow
	for _, op := range order {
		cs := c[op]
		base := codecRow{Op: op, CNsPerOp: fp(median(cs.samples())), CSamplesNs: cs.samples(),
			CAllocsPerOp: cs.allocs}
		if v, ok := instr[op]; ok {
			base.CInstrPerOp = fp(v)
		}
		if len(goFns[op]) == 0 {
			rows = append(rows, base)
			continue
		}
		for _, fn := range goFns[op] {
			g := goSides[goKey{op, fn}]
			row := base
			row.GoFunc = fn
			row.GoNsPerOp = fp(median(g.samples()))
			row.GoSamplesNs = g.samples()
			row.GoAllocs = g.allocs
			row.GoBytes = g.bytes
			var ratios []float64
			for _, round := range g.rounds() {
				if cns, ok := cs.ns[round]; ok && cns > 0 {
					ratios = append(ratios, g.ns[round]/cns)
				}
			}
			if len(ratios) > 0 {
				row.Speedup = fp(median(ratios))
				row.SpeedupSamples = ratios
				row.Rounds = len(ratios)
			}
			rows = append(rows, row)
		}
	}
	return rows
}

type ioKey struct {
	transport      string
	payload, batch int
	impl           string
}

type roundKey struct {
	ioKey
	round int
}

func ioRows(recs []record, s *summary) []ioRow {
	byKey := map[ioKey][]record{}
	byRound := map[roundKey]record{}
	var keys []ioKey
	for _, r := range recs {
		if r.Suite != "io" {
			continue
		}
		k := ioKey{r.Transport, r.Payload, r.Batch, r.Impl}
		if _, seen := byKey[k]; !seen {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], r)
		if r.Error == "" {
			byRound[roundKey{k, r.Round}] = r
		}
	}
	rank := map[string]int{}
	for i, name := range ioImplOrder {
		rank[name] = i
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.transport != b.transport {
			return a.transport == "lo"
		}
		if a.payload != b.payload {
			return a.payload < b.payload
		}
		if a.batch != b.batch {
			return a.batch < b.batch
		}
		return rank[a.impl] < rank[b.impl]
	})
	var rows []ioRow
	for _, k := range keys {
		row := ioRow{Transport: k.transport, Payload: k.payload, Batch: k.batch, Impl: k.impl}
		var rate, cpu, share, ratio, cpuRatio []float64
		var msgs, datagrams float64
		for _, r := range byKey[k] {
			if r.Error != "" {
				row.Error = r.Error
				continue
			}
			row.Rounds++
			rate = append(rate, r.MsgsPerSec)
			cpu = append(cpu, r.CPUNsPerMsg)
			if r.WallNs > 0 {
				share = append(share, r.CPUNs/r.WallNs)
			}
			row.Lost += r.Lost
			if r.AllocsPerMsg != nil && (row.AllocsPerMsg == nil || *r.AllocsPerMsg > *row.AllocsPerMsg) {
				row.AllocsPerMsg = fp(*r.AllocsPerMsg)
			}
			msgs += r.Msgs
			datagrams += r.GroDatagrams
			b, ok := byRound[roundKey{ioKey{k.transport, k.payload, k.batch, baseline}, r.Round}]
			if ok && b.MsgsPerSec > 0 && r.CPUNsPerMsg > 0 {
				ratio = append(ratio, r.MsgsPerSec/b.MsgsPerSec)
				cpuRatio = append(cpuRatio, b.CPUNsPerMsg/r.CPUNsPerMsg)
			}
		}
		if row.Rounds == 0 {
			rows = append(rows, row)
			s.Errors = append(s.Errors, k.impl+" "+k.transport+": "+row.Error)
			continue
		}
		row.Error = ""
		row.SamplesMsgsSec = rate
		row.MsgsPerSec = median(rate)
		row.CPUNsPerMsg = median(cpu)
		row.CPUShare = median(share)
		if len(ratio) > 0 {
			row.Ratio = fp(median(ratio))
			row.CPURatio = fp(median(cpuRatio))
		}
		if datagrams > 0 {
			row.SegsPerDatagram = fp(msgs / datagrams)
		}
		rows = append(rows, row)
	}
	return rows
}
