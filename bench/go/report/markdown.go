// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

func markdown(s *summary, png, cpuPNG string) string {
	var b strings.Builder
	w := func(format string, args ...interface{}) { fmt.Fprintf(&b, format, args...) }
	codec := ""
	if s.Machine["codec_rounds"] != nil {
		codec = fmt.Sprintf("; codec: %v paired rounds of %v ms samples", s.Machine["codec_rounds"], s.Machine["codec_ms"])
	}
	w("Measured %v, mode %v (%v rounds, %v ms per I/O measurement%s), on: %v cores, %v, Linux %v; %v, %v.\n\n",
		s.Machine["date"], s.Machine["mode"], s.Machine["rounds"], s.Machine["io_ms"], codec,
		s.Machine["nproc"], s.Machine["cpu"], s.Machine["kernel"], s.Machine["cc"], s.Machine["go"])
	if note, ok := s.Machine["note"]; ok && note != "" {
		w("%v\n\n", note)
	}
	writeTargets(w, s)
	writeCodec(w, s)
	writeIO(w, s, png, cpuPNG)
	writeProfile(w, s)
	if len(s.Errors) > 0 {
		w("Rows that could not be measured: %s.\n\n", strings.Join(s.Errors, "; "))
	}
	return b.String()
}

type writer func(format string, args ...interface{})

func num(v *float64, format string) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprintf(format, *v)
}

func writeTargets(w writer, s *summary) {
	w("### Targets\n\n")
	w("I/O targets are judged on messages per CPU-second; the worst wall-clock ratio, which may be in another cell, is beside it.\n\n")
	w("| target | wanted | measured | wall-clock | worst cell (measured) | met |\n")
	w("|---|---|---|---|---|---|\n")
	for _, t := range s.Targets {
		verdict := "no"
		switch {
		case !t.Measured:
			verdict = "not measured"
		case t.Met:
			verdict = "yes"
		}
		format := "%.3f×"
		if t.Want == "0" {
			format = "%.3f"
		}
		w("| %s | %s | %s | %s | %s | %s |\n", t.Name, t.Want, num(t.Got, format),
			num(t.GotWall, format), t.Where, verdict)
	}
	w("\n")
	for _, t := range s.Targets {
		if t.Measured && !t.Met && t.Limit > 0 && *t.Got > 0 {
			w("- Missed: %s, %.2f× against %s wanted: short by a factor of %.2f.\n",
				t.Name, *t.Got, t.Want, t.Limit / *t.Got)
		} else if t.Measured && !t.Met {
			w("- Missed: %s, %s against %s wanted.\n", t.Name, num(t.Got, "%.3f"), t.Want)
		}
	}
	w("\n")
}

func writeCodec(w writer, s *summary) {
	w("### Codec operations\n\n")
	w("Paired rounds: each round takes one short sample of every operation in libipv4 and one in Go, one right after the other (which goes first alternates). ")
	w("ns/op: the median of the per-round figures; speed-up: the median of the per-round ratios of Go's ns/op to libipv4's, with the lowest and highest per-round ratio beside it; ")
	w("instructions/op from callgrind.\n\n")
	w("| operation | libipv4 ns/op | instr/op | allocs/op | Go function | Go ns/op | Go allocs/op | speed-up | per-round range |\n")
	w("|---|---:|---:|---:|---|---:|---:|---:|---:|\n")
	for _, r := range s.Codec {
		goFunc := r.GoFunc
		if goFunc == "" {
			goFunc = "(none in Go)"
		}
		spread := "–"
		if len(r.SpeedupSamples) > 0 {
			lo, hi := r.SpeedupSamples[0], r.SpeedupSamples[0]
			for _, v := range r.SpeedupSamples {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
			spread = fmt.Sprintf("%.1f–%.1f× (%d)", lo, hi, r.Rounds)
		}
		w("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Op, num(r.CNsPerOp, "%.1f"),
			num(r.CInstrPerOp, "%.0f"), num(r.CAllocsPerOp, "%.0f"), goFunc,
			num(r.GoNsPerOp, "%.1f"), num(r.GoAllocs, "%.0f"), num(r.Speedup, "%.1f×"), spread)
	}
	w("\n")
}

func rate(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.2fM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.0fk", v/1e3)
	}
	return fmt.Sprintf("%.0f", v)
}

// ioImpls lists the implementations that have rows, in table order.
func ioImpls(s *summary) []string {
	have := map[string]bool{}
	for _, r := range s.IO {
		have[r.Impl] = true
	}
	var out []string
	for _, name := range ioImplOrder {
		if have[name] {
			out = append(out, name)
		}
	}
	return out
}

type cellKey struct {
	transport      string
	payload, batch int
}

func ioGrid(s *summary) ([]cellKey, map[cellKey]map[string]ioRow) {
	grid := map[cellKey]map[string]ioRow{}
	var cells []cellKey
	for _, r := range s.IO {
		k := cellKey{r.Transport, r.Payload, r.Batch}
		if grid[k] == nil {
			grid[k] = map[string]ioRow{}
			cells = append(cells, k)
		}
		grid[k][r.Impl] = r
	}
	return cells, grid
}

func writeIO(w writer, s *summary, png, cpuPNG string) {
	impls := ioImpls(s)
	cells, grid := ioGrid(s)
	if len(cells) == 0 {
		return
	}
	// table writes one row per cell and one column per implementation;
	// cell formats a measured result.
	table := func(cell func(r ioRow) string) {
		w("| transport | payload | batch | %s |\n", strings.Join(impls, " | "))
		w("|---|---:|---:|%s\n", strings.Repeat("---:|", len(impls)))
		for _, k := range cells {
			var cols []string
			for _, im := range impls {
				r, ok := grid[k][im]
				switch {
				case !ok:
					cols = append(cols, "")
				case r.Rounds == 0:
					cols = append(cols, "n/a")
				default:
					cols = append(cols, cell(r))
				}
			}
			w("| %s | %d | %d | %s |\n", k.transport, k.payload, k.batch, strings.Join(cols, " | "))
		}
	}
	w("### Batch I/O: messages received per second (ratio to bare-batch)\n\n")
	w("One thread writes a batch and reads it back; the C implementations sharing a socket pair are measured interleaved (2 ms each in turn). ")
	w("Median over the rounds, and median of the per-round ratios. ")
	w("`*-gso` rows send one UDP GSO datagram per up to 64 messages and read them coalesced (UDP_GRO).\n\n")
	w("![messages per second against batch size](results/%s)\n\n", png)
	table(func(r ioRow) string {
		return fmt.Sprintf("%s (%s)", rate(r.MsgsPerSec), num(r.Ratio, "%.2f"))
	})
	w("\n### Batch I/O: CPU µs per message (ratio of messages per CPU-second to bare-batch)\n\n")
	w("User plus system time, softirq work done in the process's context included: ")
	w("the thread's CPU clock for the C rows (one thread), getrusage of the process for Go's (all its threads).\n\n")
	w("![messages per CPU-second against batch size](results/%s)\n\n", cpuPNG)
	table(func(r ioRow) string {
		return fmt.Sprintf("%.2f (%s)", r.CPUNsPerMsg/1000, num(r.CPURatio, "%.2f"))
	})
	w("\n")
	writeIOAllocs(w, s, impls)
}

func writeIOAllocs(w writer, s *summary, impls []string) {
	w("Heap allocations per message in steady state (largest over every row), CPU share (CPU time over wall time, median; below 1 means other work had the CPU), lost messages, and for GSO the messages per datagram read:\n\n")
	w("| implementation | allocs/msg | CPU share | lost | messages per GRO datagram |\n|---|---:|---:|---:|---:|\n")
	for _, im := range impls {
		var allocs *float64
		var shares, segs []float64
		lost := 0.0
		for _, r := range s.IO {
			if r.Impl != im || r.Rounds == 0 {
				continue
			}
			if r.AllocsPerMsg != nil && (allocs == nil || *r.AllocsPerMsg > *allocs) {
				allocs = fp(*r.AllocsPerMsg)
			}
			shares = append(shares, r.CPUShare)
			lost += r.Lost
			if r.SegsPerDatagram != nil {
				segs = append(segs, *r.SegsPerDatagram)
			}
		}
		seg := "–"
		if len(segs) > 0 {
			sort.Float64s(segs)
			seg = fmt.Sprintf("%.1f–%.1f", segs[0], segs[len(segs)-1])
		}
		w("| %s | %s | %.2f | %.0f | %s |\n", im, num(allocs, "%.3f"), median(shares), lost, seg)
	}
	w("\n")
}

func writeProfile(w writer, s *summary) {
	if len(s.Profile) == 0 {
		return
	}
	w("### Profiles\n\n")
	w("I/O rows: loopback, 64-byte payload, batch 32, per message (warm-up included; set-up calls amortised over it). ")
	w("Codec rows: per operation, each function's own instructions.\n\n")
	w("| what | subject | count |\n|---|---|---|\n")
	for _, p := range s.Profile {
		var keys []string
		for k := range p.PerMsg {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %.3g", k, p.PerMsg[k]))
		}
		w("| %s | %s | %s |\n", p.Kind, p.Impl, strings.Join(parts, ", "))
	}
	w("\n")
}
