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
	// per second libipv4 does.
	Speedup *float64 `json:"speedup,omitempty"`
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

func codecRows(recs []record) []codecRow {
	var order []string
	c := map[string]record{}
	instr := map[string]float64{}
	goRecs := map[string][]record{}
	for _, r := range recs {
		switch {
		case r.Suite == "codec" && r.Impl == "c":
			if _, seen := c[r.Op]; !seen {
				order = append(order, r.Op)
			}
			c[r.Op] = r
		case r.Suite == "codec" && r.Impl == "go":
			goRecs[r.Op] = append(goRecs[r.Op], r)
		case r.Suite == "callgrind":
			instr[r.Op] = r.InstrPerOp
		}
	}
	var rows []codecRow
	for _, op := range order {
		cr := c[op]
		base := codecRow{Op: op, CNsPerOp: fp(cr.NsPerOp), CSamplesNs: cr.SamplesNs,
			CAllocsPerOp: cr.AllocsPerOp}
		if v, ok := instr[op]; ok {
			base.CInstrPerOp = fp(v)
		}
		if len(goRecs[op]) == 0 {
			rows = append(rows, base)
			continue
		}
		for _, g := range goRecs[op] {
			row := base
			row.GoFunc = g.GoFunc
			row.GoNsPerOp = fp(g.NsPerOp)
			row.GoSamplesNs = g.SamplesNs
			row.GoAllocs = g.AllocsPerOp
			row.GoBytes = g.BytesPerOp
			if cr.NsPerOp > 0 {
				row.Speedup = fp(g.NsPerOp / cr.NsPerOp)
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
