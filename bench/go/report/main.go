// SPDX-License-Identifier: BSD-3-Clause
// Command report turns the raw lines bench/run collects (codec_bench,
// io_bench, gobench, callgrind and strace summaries, one JSON object per
// line) into bench/results/latest.json, a Markdown table, the data and
// gnuplot script of the throughput plot, and the results section of
// bench/README.md. It computes every median and ratio; the programs that
// measure only print what they measured.
//
// Build (GOPATH mode, standard library only):
//
//	GO111MODULE=off go build ./bench/go/report
//
// Usage:
//
//	report -in raw.jsonl -json latest.json -md latest.md -plot-dir DIR
//	       [-png batch.png] [-cpu-png batch_cpu.png] [-readme README.md]
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	in := flag.String("in", "", "raw JSON lines from bench/run")
	outJSON := flag.String("json", "", "where to write the summary (latest.json)")
	outMD := flag.String("md", "", "where to write the Markdown tables")
	plotDir := flag.String("plot-dir", "", "where to write the plot data and gnuplot script")
	plotPNG := flag.String("png", "batch.png", "messages per second plot the gnuplot script writes, in -plot-dir")
	cpuPNG := flag.String("cpu-png", "batch_cpu.png", "messages per CPU-second plot, in -plot-dir")
	readme := flag.String("readme", "", "README whose results section to replace")
	flag.Parse()
	if *in == "" || *outJSON == "" || *outMD == "" || *plotDir == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *outJSON, *outMD, *plotDir, *plotPNG, *cpuPNG, *readme); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(in, outJSON, outMD, plotDir, plotPNG, cpuPNG, readme string) error {
	recs, err := readRecords(in)
	if err != nil {
		return err
	}
	s := summarise(recs)
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(outJSON, append(b, '\n'), 0o644); err != nil {
		return err
	}
	md := markdown(s, plotPNG, cpuPNG)
	if err := os.WriteFile(outMD, []byte(md), 0o644); err != nil {
		return err
	}
	if err := writePlot(s, plotDir, plotPNG, cpuPNG); err != nil {
		return err
	}
	fmt.Print(md)
	if readme != "" {
		return replaceSection(readme, md)
	}
	return nil
}

// record is any line of the raw file; each suite fills its own fields.
type record struct {
	Suite string `json:"suite"`
	Impl  string `json:"impl"`

	// machine
	Machine map[string]interface{} `json:"machine"`

	// codec, callgrind
	Op          string    `json:"op"`
	GoFunc      string    `json:"go_func"`
	NsPerOp     float64   `json:"ns_per_op"`
	AllocsPerOp *float64  `json:"allocs_per_op"`
	BytesPerOp  *float64  `json:"bytes_per_op"`
	SamplesNs   []float64 `json:"samples_ns"`
	InstrPerOp  float64   `json:"instr_per_op"`

	// io
	Transport    string   `json:"transport"`
	Payload      int      `json:"payload"`
	Batch        int      `json:"batch"`
	Round        int      `json:"round"`
	Msgs         float64  `json:"msgs"`
	WarmMsgs     float64  `json:"warm_msgs"`
	Lost         float64  `json:"lost"`
	WallNs       float64  `json:"wall_ns"`
	CPUNs        float64  `json:"cpu_ns"`
	MsgsPerSec   float64  `json:"msgs_per_sec"`
	CPUNsPerMsg  float64  `json:"cpu_ns_per_msg"`
	AllocsPerMsg *float64 `json:"allocs_per_msg"`
	GroDatagrams float64  `json:"gro_datagrams"`
	Error        string   `json:"error"`

	// profile
	Kind     string             `json:"kind"`
	PerMsg   map[string]float64 `json:"per_msg"`
	Note     string             `json:"note"`
	Instr    float64            `json:"instr"`
	Messages float64            `json:"messages"`
}

func readRecords(path string) ([]record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

// replaceSection puts md between the README's results markers.
func replaceSection(path, md string) error {
	const begin = "<!-- bench:results:begin -->"
	const end = "<!-- bench:results:end -->"
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(b)
	i := strings.Index(text, begin)
	j := strings.Index(text, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s: no %s ... %s section", path, begin, end)
	}
	text = text[:i+len(begin)] + "\n" + md + text[j:]
	return os.WriteFile(path, []byte(text), 0o644)
}
