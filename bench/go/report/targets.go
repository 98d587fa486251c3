// SPDX-License-Identifier: BSD-3-Clause
package main

import "fmt"

// targets checks the goals of issues 8, 15 and 17 against the summary:
// the two parses at least 10× Go's (issue 15 made them plain code), no
// codec allocations, the batch targets of issue 8 and the offload targets
// of issue 17. I/O targets
// are judged on messages per CPU-second (the basis that holds on a shared
// machine); the wall-clock ratio is reported beside it.
func targets(s *summary) []target {
	var ts []target
	speed := func(name, op, goFunc string, want float64) {
		t := target{Name: name, Want: fmt.Sprintf("≥ %.0f×", want), Limit: want, Op: op, GoFunc: goFunc}
		if r := codecRowFor(s, op, goFunc); r != nil && r.Speedup != nil {
			t.Got, t.Measured, t.Met = fp(*r.Speedup), true, *r.Speedup >= want
		}
		ts = append(ts, t)
	}
	speed("header parse vs Go Header.Parse", "header_parse", "Header.Parse", 10)
	speed("control-message parse vs Go ControlMessage.Parse", "control_parse", "ControlMessage.Parse", 10)

	codecAllocs := target{Name: "codec heap allocations per operation (every operation)", Want: "0"}
	for _, r := range s.Codec {
		if r.CAllocsPerOp == nil {
			continue
		}
		if codecAllocs.Got == nil || *r.CAllocsPerOp > *codecAllocs.Got {
			codecAllocs.Got = fp(*r.CAllocsPerOp)
			if *r.CAllocsPerOp > 0 {
				codecAllocs.Where = r.Op
			}
		}
		codecAllocs.Measured = true
	}
	codecAllocs.Met = codecAllocs.Measured && *codecAllocs.Got == 0
	ts = append(ts, codecAllocs)

	rows := map[ioKey]ioRow{}
	for _, r := range s.IO {
		rows[ioKey{r.Transport, r.Payload, r.Batch, r.Impl}] = r
	}
	near := target{Name: "lib-batch throughput within 5% of the bare loop (every batch size)", Want: "≥ 0.95×", Limit: 0.95}
	vsGo := target{Name: "lib-batch throughput vs Go ReadBatch/WriteBatch (batch ≥ 32)", Want: "≥ 1.5×", Limit: 1.5}
	for _, r := range s.IO {
		if r.Impl != "lib-batch" || r.CPURatio == nil {
			continue
		}
		cell := fmt.Sprintf("%s, %d B, batch %d", r.Transport, r.Payload, r.Batch)
		if near.Got == nil || *r.CPURatio < *near.Got {
			near.Got, near.Where = fp(*r.CPURatio), cell
		}
		if near.GotWall == nil || *r.Ratio < *near.GotWall {
			near.GotWall = fp(*r.Ratio)
		}
		near.Measured = true
		g, ok := rows[ioKey{r.Transport, r.Payload, r.Batch, "go-batch"}]
		if r.Batch < 32 || !ok || g.Rounds == 0 {
			continue
		}
		cpu := g.CPUNsPerMsg / r.CPUNsPerMsg
		wall := r.MsgsPerSec / g.MsgsPerSec
		if vsGo.Got == nil || cpu < *vsGo.Got {
			vsGo.Got, vsGo.Where = fp(cpu), cell
		}
		if vsGo.GotWall == nil || wall < *vsGo.GotWall {
			vsGo.GotWall = fp(wall)
		}
		vsGo.Measured = true
	}
	near.Met = near.Measured && *near.Got >= near.Limit
	vsGo.Met = vsGo.Measured && *vsGo.Got >= vsGo.Limit
	ts = append(ts, near, vsGo)

	ts = append(ts, offloadTargets(s, rows)...)

	ioAllocs := target{Name: "libipv4 heap allocations per message in steady state (every I/O row)", Want: "0"}
	for _, r := range s.IO {
		if len(r.Impl) < 4 || r.Impl[:4] != "lib-" || r.AllocsPerMsg == nil {
			continue
		}
		if ioAllocs.Got == nil || *r.AllocsPerMsg > *ioAllocs.Got {
			ioAllocs.Got = fp(*r.AllocsPerMsg)
			if *r.AllocsPerMsg > 0 {
				ioAllocs.Where = fmt.Sprintf("%s %s, %d B, batch %d", r.Impl, r.Transport, r.Payload, r.Batch)
			}
		}
		ioAllocs.Measured = true
	}
	ioAllocs.Met = ioAllocs.Measured && *ioAllocs.Got == 0
	ts = append(ts, ioAllocs)
	return ts
}

// codecRowFor returns the codec row of op against goFunc, or nil.
func codecRowFor(s *summary, op, goFunc string) *codecRow {
	var row *codecRow
	for i := range s.Codec {
		if s.Codec[i].Op == op && s.Codec[i].GoFunc == goFunc {
			row = &s.Codec[i]
		}
	}
	return row
}

// offloadTargets checks the goals of issue 17 (batch offload): with both
// sides offloading, at least 5× bare-batch's messages per CPU-second and
// within 10% of bare-gso for batches of 32 or more (one destination, as
// every row here); and no worse than 0.95× bare-batch where nothing
// coalesces: a batch of 1 (no run to coalesce) with lib-both or
// lib-coalesce, and lib-split at every batch size, whose senders are plain.
func offloadTargets(s *summary, rows map[ioKey]ioRow) []target {
	vsBare := target{Name: "lib-both vs bare-batch, messages per CPU-second (batch ≥ 32)", Want: "≥ 5×", Limit: 5}
	vsGso := target{Name: "lib-both vs bare-gso, messages per CPU-second (batch ≥ 32)", Want: "≥ 0.90×", Limit: 0.90}
	plain := target{Name: "offload where nothing coalesces vs bare-batch (lib-both and lib-coalesce at batch 1, lib-split at every batch)", Want: "≥ 0.95×", Limit: 0.95}
	low := func(t *target, cpu, wall float64, cell string) {
		if t.Got == nil || cpu < *t.Got {
			t.Got, t.Where = fp(cpu), cell
		}
		if t.GotWall == nil || wall < *t.GotWall {
			t.GotWall = fp(wall)
		}
		t.Measured = true
	}
	for _, r := range s.IO {
		if r.CPURatio == nil || r.Rounds == 0 {
			continue
		}
		cell := fmt.Sprintf("%s %s, %d B, batch %d", r.Impl, r.Transport, r.Payload, r.Batch)
		switch {
		case r.Impl == "lib-both" && r.Batch >= 32:
			low(&vsBare, *r.CPURatio, *r.Ratio, cell)
			g, ok := rows[ioKey{r.Transport, r.Payload, r.Batch, "bare-gso"}]
			if ok && g.Rounds > 0 && r.CPUNsPerMsg > 0 && g.MsgsPerSec > 0 {
				low(&vsGso, g.CPUNsPerMsg/r.CPUNsPerMsg, r.MsgsPerSec/g.MsgsPerSec, cell)
			}
		case (r.Impl == "lib-both" || r.Impl == "lib-coalesce") && r.Batch == 1,
			r.Impl == "lib-split":
			low(&plain, *r.CPURatio, *r.Ratio, cell)
		}
	}
	for _, t := range []*target{&vsBare, &vsGso, &plain} {
		t.Met = t.Measured && *t.Got >= t.Limit
	}
	return []target{vsBare, vsGso, plain}
}
