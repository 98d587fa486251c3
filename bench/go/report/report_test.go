// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"math"
	"strings"
	"testing"
)

func ioRec(impl string, batch, round int, rate, cpuNs float64) record {
	zero := 0.0
	return record{Suite: "io", Impl: impl, Transport: "lo", Payload: 64, Batch: batch,
		Round: round, Msgs: 1000, WallNs: 1e9 * 1000 / rate, CPUNs: cpuNs * 1000,
		MsgsPerSec: rate, CPUNsPerMsg: cpuNs, AllocsPerMsg: &zero}
}

func findTarget(t *testing.T, s *summary, prefix string) target {
	t.Helper()
	for _, tg := range s.Targets {
		if len(tg.Name) >= len(prefix) && tg.Name[:len(prefix)] == prefix {
			return tg
		}
	}
	t.Fatalf("no target %q", prefix)
	return target{}
}

func TestMedianOfEvenAndOddCounts(t *testing.T) {
	if got := median([]float64{3, 1, 2}); got != 2 {
		t.Errorf("median of 3 values = %v, want 2", got)
	}
	if got := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("median of 4 values = %v, want 2.5", got)
	}
	if got := median(nil); !math.IsNaN(got) {
		t.Errorf("median of nothing = %v, want NaN", got)
	}
}

// The ratio to the bare loop pairs rounds: a slow round slows both.
func TestRatioToBareIsMedianOfPerRoundRatios(t *testing.T) {
	recs := []record{
		ioRec("bare-batch", 32, 1, 100, 10), ioRec("lib-batch", 32, 1, 98, 10.2),
		ioRec("bare-batch", 32, 2, 50, 20), ioRec("lib-batch", 32, 2, 49, 20.4),
		ioRec("bare-batch", 32, 3, 200, 5), ioRec("lib-batch", 32, 3, 196, 5.1),
	}
	s := summarise(recs)
	for _, r := range s.IO {
		if r.Impl != "lib-batch" {
			continue
		}
		if r.Ratio == nil || math.Abs(*r.Ratio-0.98) > 1e-9 {
			t.Errorf("wall ratio = %v, want 0.98", r.Ratio)
		}
		if r.CPURatio == nil || math.Abs(*r.CPURatio-10.0/10.2) > 1e-9 {
			t.Errorf("CPU ratio = %v, want %v", r.CPURatio, 10.0/10.2)
		}
	}
	if tg := findTarget(t, s, "lib-batch throughput within 5%"); !tg.Met {
		t.Errorf("0.98 should meet the 5%% target: %+v", tg)
	}
}

func TestWorstBatchSizeDecidesTheFivePercentTarget(t *testing.T) {
	recs := []record{
		ioRec("bare-batch", 1, 1, 100, 10), ioRec("lib-batch", 1, 1, 100, 10),
		ioRec("bare-batch", 8, 1, 100, 10), ioRec("lib-batch", 8, 1, 90, 11),
	}
	tg := findTarget(t, summarise(recs), "lib-batch throughput within 5%")
	if tg.Met || tg.Where != "lo, 64 B, batch 8" || math.Abs(*tg.Got-10.0/11) > 1e-9 {
		t.Errorf("target = %+v, want missed at batch 8 with %v", tg, 10.0/11)
	}
}

func TestGoTargetLooksOnlyAtBatch32AndAbove(t *testing.T) {
	recs := []record{
		ioRec("bare-batch", 8, 1, 100, 10), ioRec("lib-batch", 8, 1, 100, 10),
		ioRec("go-batch", 8, 1, 90, 11), // 1.1x: below 1.5x, but batch 8
		ioRec("bare-batch", 32, 1, 100, 10), ioRec("lib-batch", 32, 1, 100, 10),
		ioRec("go-batch", 32, 1, 50, 20),
	}
	tg := findTarget(t, summarise(recs), "lib-batch throughput vs Go")
	if !tg.Met || *tg.Got != 2 || tg.Where != "lo, 64 B, batch 32" {
		t.Errorf("target = %+v, want met with 2x at batch 32", tg)
	}
}

func TestAnAllocationMissesTheZeroTarget(t *testing.T) {
	r := ioRec("lib-single", 1, 1, 100, 10)
	one := 1.0
	r.AllocsPerMsg = &one
	tg := findTarget(t, summarise([]record{r}), "libipv4 heap allocations")
	if tg.Met || tg.Where == "" {
		t.Errorf("target = %+v, want missed with a place", tg)
	}
}

func TestCodecSpeedupIsGoTimeOverOurs(t *testing.T) {
	zero := 0.0
	recs := []record{
		{Suite: "codec", Impl: "c", Op: "header_parse", NsPerOp: 2, AllocsPerOp: &zero},
		{Suite: "codec", Impl: "go", Op: "header_parse", GoFunc: "Header.Parse", NsPerOp: 50},
		{Suite: "codec", Impl: "go", Op: "header_parse", GoFunc: "ParseHeader", NsPerOp: 70},
		{Suite: "callgrind", Op: "header_parse", InstrPerOp: 40},
	}
	s := summarise(recs)
	if len(s.Codec) != 2 || *s.Codec[0].Speedup != 25 || *s.Codec[0].CInstrPerOp != 40 {
		t.Fatalf("codec rows = %+v", s.Codec)
	}
	if tg := findTarget(t, s, "header parse vs Go Header.Parse"); !tg.Met || tg.Want != "≥ 10×" {
		t.Errorf("25x should meet 10x: %+v", tg)
	}
	for _, tg := range s.Targets {
		if strings.Contains(tg.Name, "ParseHeader") {
			t.Errorf("ParseHeader is a row, not a target: %+v", tg)
		}
	}
}

// The parse targets are 10× Go's Header.Parse and ControlMessage.Parse:
// just under is a miss, said in one line without an explanation.
func TestParseTargetsAreTenTimesGo(t *testing.T) {
	zero := 0.0
	recs := []record{
		{Suite: "codec", Impl: "c", Op: "header_parse", NsPerOp: 5, AllocsPerOp: &zero},
		{Suite: "codec", Impl: "go", Op: "header_parse", GoFunc: "Header.Parse", NsPerOp: 49},
		{Suite: "codec", Impl: "c", Op: "control_parse", NsPerOp: 5, AllocsPerOp: &zero},
		{Suite: "codec", Impl: "go", Op: "control_parse", GoFunc: "ControlMessage.Parse", NsPerOp: 50},
	}
	s := summarise(recs)
	if tg := findTarget(t, s, "header parse vs Go Header.Parse"); tg.Met || *tg.Got != 9.8 {
		t.Errorf("9.8x should miss 10x: %+v", tg)
	}
	if tg := findTarget(t, s, "control-message parse vs Go ControlMessage.Parse"); !tg.Met || *tg.Got != 10 {
		t.Errorf("10x should meet 10x: %+v", tg)
	}
	md := markdown(s, "a.png", "b.png")
	if !strings.Contains(md, "- Missed: header parse vs Go Header.Parse, 9.80× against ≥ 10× wanted: short by a factor of 1.02.\n") {
		t.Errorf("no one-line miss in the Markdown:\n%s", md)
	}
	if strings.Contains(md, "Why:") {
		t.Errorf("the Markdown explains a miss:\n%s", md)
	}
}

func codecRec(impl, goFunc string, round int, ns float64) record {
	zero := 0.0
	return record{Suite: "codec", Impl: impl, Op: "header_parse", GoFunc: goFunc,
		Round: round, NsPerOp: ns, AllocsPerOp: &zero}
}

// The codec speed-up pairs rounds: a round in which the machine was slow
// slows libipv4 and Go alike, so the median of the per-round ratios (25)
// is not the ratio of the medians (50/3).
func TestCodecSpeedupIsMedianOfPerRoundRatios(t *testing.T) {
	recs := []record{
		codecRec("c", "", 1, 2), codecRec("go", "Header.Parse", 1, 50),
		codecRec("go", "Header.Parse", 2, 150), codecRec("c", "", 2, 6),
		codecRec("c", "", 3, 3), codecRec("go", "Header.Parse", 3, 45),
		// Round 4 has no C sample: in Go's median, not in any ratio.
		codecRec("go", "Header.Parse", 4, 40),
	}
	s := summarise(recs)
	if len(s.Codec) != 1 {
		t.Fatalf("codec rows = %+v", s.Codec)
	}
	r := s.Codec[0]
	if r.Speedup == nil || *r.Speedup != 25 || r.Rounds != 3 {
		t.Errorf("speed-up = %v over %d rounds, want 25 over 3", r.Speedup, r.Rounds)
	}
	if want := []float64{25, 25, 15}; len(r.SpeedupSamples) != 3 ||
		r.SpeedupSamples[0] != want[0] || r.SpeedupSamples[1] != want[1] || r.SpeedupSamples[2] != want[2] {
		t.Errorf("per-round ratios = %v, want %v", r.SpeedupSamples, want)
	}
	if *r.CNsPerOp != 3 || *r.GoNsPerOp != 47.5 {
		t.Errorf("medians = %v and %v ns, want 3 and 47.5", *r.CNsPerOp, *r.GoNsPerOp)
	}
	if want := []float64{2, 6, 3}; len(r.CSamplesNs) != 3 || r.CSamplesNs[1] != want[1] {
		t.Errorf("C samples = %v, want %v in round order", r.CSamplesNs, want)
	}
	if tg := findTarget(t, s, "header parse vs Go Header.Parse"); !tg.Met || *tg.Got != 25 {
		t.Errorf("the paired 25x should meet 10x: %+v", tg)
	}
}

// A Go function measured in rounds without a C sample has no speed-up.
func TestCodecSpeedupNeedsAPairedRound(t *testing.T) {
	recs := []record{codecRec("c", "", 1, 2), codecRec("go", "Header.Parse", 2, 50)}
	s := summarise(recs)
	if len(s.Codec) != 1 || s.Codec[0].Speedup != nil || s.Codec[0].Rounds != 0 {
		t.Fatalf("codec rows = %+v, want no speed-up", s.Codec)
	}
	if tg := findTarget(t, s, "header parse vs Go Header.Parse"); tg.Measured || tg.Met {
		t.Errorf("target = %+v, want not measured", tg)
	}
}

func TestOffloadTargetsJudgeBatch32AndAboveAgainstBareAndGso(t *testing.T) {
	recs := []record{
		// batch 8: far below 5x, but below the targets' batch sizes
		ioRec("bare-batch", 8, 1, 100, 10), ioRec("lib-both", 8, 1, 200, 5),
		ioRec("bare-batch", 32, 1, 100, 10), ioRec("lib-both", 32, 1, 600, 1.6),
		ioRec("bare-gso", 32, 1, 700, 1.5),
		ioRec("bare-batch", 256, 1, 100, 10), ioRec("lib-both", 256, 1, 900, 1.1),
		ioRec("bare-gso", 256, 1, 1000, 1.0),
	}
	s := summarise(recs)
	bare := findTarget(t, s, "lib-both vs bare-batch")
	if !bare.Met || math.Abs(*bare.Got-10/1.6) > 1e-9 || bare.Where != "lib-both lo, 64 B, batch 32" {
		t.Errorf("vs bare = %+v, want met with %v at batch 32", bare, 10/1.6)
	}
	gso := findTarget(t, s, "lib-both vs bare-gso")
	if !gso.Met || math.Abs(*gso.Got-1.0/1.1) > 1e-9 || gso.Where != "lib-both lo, 64 B, batch 256" {
		t.Errorf("vs gso = %+v, want met with %v at batch 256", gso, 1.0/1.1)
	}
}

func TestOffloadTargetMissesWhenNothingCoalescesIsSlow(t *testing.T) {
	recs := []record{
		ioRec("bare-batch", 1, 1, 100, 10), ioRec("lib-both", 1, 1, 100, 10),
		ioRec("bare-batch", 64, 1, 100, 10), ioRec("lib-split", 64, 1, 90, 11),
		ioRec("lib-both", 64, 1, 900, 1), // coalesces: not judged here
	}
	tg := findTarget(t, summarise(recs), "offload where nothing coalesces")
	if tg.Met || tg.Where != "lib-split lo, 64 B, batch 64" || math.Abs(*tg.Got-10.0/11) > 1e-9 {
		t.Errorf("target = %+v, want missed by lib-split at batch 64", tg)
	}
}
