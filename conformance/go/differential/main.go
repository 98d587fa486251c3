// SPDX-License-Identifier: BSD-3-Clause
// Command differential drives our codec probe and Go's (conformance/go/probe)
// with the same requests and compares their answers line by line: first the
// requests of every vector file in conformance/vectors, then a fixed number
// of generated inputs per kind. A difference passes only when a rule of
// conformance/divergences.rules recognises it as a documented divergence
// (conformance/DIVERGENCES.md). It is run through the conformance/differential
// wrapper, which builds both probes.
//
// It exits 0 only when every vector answer of ours is the expected one,
// every difference is explained by a rule, and every generated kind (the
// kinds both probes support) was compared on at least 100000 inputs.
// The kinds Go lacks (opts, igmp) are checked through their vectors only.
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A generator makes one request of its kind from the random source.
type generator struct {
	kind string
	gen  func(r *rand.Rand, i int) string // request i of the batch
}

// each adapts a generator that does not care about the request number.
func each(f func(r *rand.Rand) string) func(*rand.Rand, int) string {
	return func(r *rand.Rand, _ int) string { return f(r) }
}

var generators = []generator{
	{"hdr", each(genHdr)},
	{"hdrfmt", each(genHdrfmt)},
	{"mhdr", each(genMhdr)},
	{"cm", each(genCm)},
	{"mcm", each(genMcm)},
	{"icmp", genIcmp},
	{"icmpf", each(genIcmpf)},
}

// required is the least number of generated inputs a kind must be compared
// on for the run to pass.
const required = 100000

var verbose *bool

type mismatch struct {
	where, request, ours, theirs, expected string
}

// tally counts what happened to the inputs of one file or kind.
type tally struct {
	name       string
	inputs     int
	skipped    int // Go has no counterpart (PROBE.md)
	compared   int
	matched    int
	divergent  map[string]int // by rule id
	mismatched int
	wrong      int            // vectors only: our answer is not the expected one
	answers    map[string]int // our answers by class, for -v
}

type run struct {
	rules  []*rule
	show   int
	shown  []mismatch
	failed []string
}

func newTally(name string) *tally {
	return &tally{name: name, divergent: map[string]int{}, answers: map[string]int{}}
}

// skip reports whether Go cannot answer req at all: a kind it lacks, or a
// header layout other than the local system's (the ones with a named byte
// order included: Go cannot choose one).
func skip(req, theirs string) bool {
	if theirs == "unsupported" {
		return true
	}
	w := strings.Fields(req)
	return len(w) >= 2 && w[0] == "hdrfmt" && w[1] != nativeFormat() &&
		(w[1] == "wire" || w[1] == "tradbsd" || w[1] == "freebsd10" ||
			strings.HasSuffix(w[1], "-le") || strings.HasSuffix(w[1], "-be"))
}

func (d *run) compare(t *tally, where, req, ours, theirs string) {
	t.inputs++
	t.answers[class(ours)]++
	if skip(req, theirs) {
		t.skipped++
		return
	}
	t.compared++
	if ours == theirs {
		t.matched++
		return
	}
	q := splitRequest(req)
	for _, r := range d.rules {
		if r.matches(q, ours, theirs) {
			t.divergent[r.id]++
			return
		}
	}
	t.mismatched++
	if len(d.shown) < d.show {
		d.shown = append(d.shown, mismatch{where: where, request: req,
			ours: ours, theirs: theirs})
	}
}

func (t *tally) String() string {
	var div []string
	total := 0
	for id, n := range t.divergent {
		div = append(div, fmt.Sprintf("%s %d", id, n))
		total += n
	}
	sort.Strings(div)
	s := fmt.Sprintf("%-14s %7d inputs %7d compared %7d matched %6d divergent",
		t.name, t.inputs, t.compared, t.matched, total)
	if len(div) > 0 {
		s += " (" + strings.Join(div, ", ") + ")"
	}
	s += fmt.Sprintf(" %d skipped %d mismatched", t.skipped, t.mismatched)
	return s
}

func main() {
	root := flag.String("root", ".", "libipv4 source tree")
	oursPath := flag.String("probe", "bazel-bin/conformance/probe", "our probe")
	goPath := flag.String("go-probe", "", "Go probe (built by the wrapper)")
	seed := flag.Int64("seed", 1, "seed of the generated inputs")
	n := flag.Int("n", required, "generated inputs per kind")
	show := flag.Int("show", 5, "mismatches to print")
	verbose = flag.Bool("v", false, "also print our answers by class per kind")
	dump := flag.String("dump", "", "print the generated requests of this kind and exit")
	flag.DurationVar(&askTimeout, "timeout", askTimeout, "longest wait for one batch of answers")
	flag.Parse()
	if *dump != "" {
		dumpKind(*dump, *seed, *n)
		return
	}
	if *goPath == "" {
		fatal(fmt.Errorf("-go-probe is required"))
	}
	at := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(*root, p)
	}
	rules, err := loadRules(at("conformance/divergences.rules"))
	fatal(err)
	fatal(checkDocumented(rules, at("conformance/DIVERGENCES.md")))
	vectors, files, err := loadVectors(at("conformance/vectors"))
	fatal(err)
	ours, err := startProbe("our", at(*oursPath))
	fatal(err)
	theirs, err := startProbe("Go", at(*goPath))
	fatal(err)

	d := &run{rules: rules, show: *show}
	fmt.Printf("differential: ours %s, Go %s, seed %d, %d rules\n",
		*oursPath, *goPath, *seed, len(rules))
	fmt.Println("vector files (our answer against the expected one, then against Go's):")
	for _, f := range files {
		d.vectorFile(f, vectors[f], ours, theirs)
	}
	fmt.Printf("generated inputs (seed %d):\n", *seed)
	for i, g := range generators {
		d.generated(g, batch(i, g, *seed, *n), ours, theirs)
	}
	fmt.Println("  opts, igmp: not generated (Go has no counterpart; their vectors are checked above)")
	if err := ours.close(); err != nil {
		d.failed = append(d.failed, "our probe: "+err.Error())
	}
	if err := theirs.close(); err != nil {
		d.failed = append(d.failed, "Go probe: "+err.Error())
	}
	d.report()
}

// batch makes the n requests of generator i for a seed; each generator has
// a random source of its own, so one kind's inputs do not depend on another's.
func batch(i int, g generator, seed int64, n int) []string {
	r := rand.New(rand.NewSource(seed*1000003 + int64(i)))
	reqs := make([]string, n)
	for j := range reqs {
		reqs[j] = g.gen(r, j)
	}
	return reqs
}

// dumpKind prints the requests the run would generate for one kind.
func dumpKind(kind string, seed int64, n int) {
	for i, g := range generators {
		if g.kind == kind {
			for _, q := range batch(i, g, seed, n) {
				fmt.Println(q)
			}
			return
		}
	}
	fatal(fmt.Errorf("no generator for kind %q", kind))
}

func (d *run) generated(g generator, reqs []string, ours, theirs *probe) {
	a, b, err := askBoth(ours, theirs, reqs)
	fatal(err)
	t := newTally(g.kind)
	for j := range reqs {
		d.compare(t, fmt.Sprintf("%s input %d", g.kind, j+1), reqs[j], a[j], b[j])
	}
	fmt.Println("  " + t.String())
	if *verbose {
		fmt.Println("      ours: " + t.classes())
	}
	d.check(t)
	if t.compared < required && !(t.compared == 0 && t.skipped == t.inputs) {
		d.failed = append(d.failed, fmt.Sprintf(
			"%s: only %d inputs compared, %d required", g.kind, t.compared, required))
	}
}

func (d *run) vectorFile(name string, vs []vector, ours, theirs *probe) {
	reqs := make([]string, len(vs))
	for i, v := range vs {
		reqs[i] = v.request
	}
	a, b, err := askBoth(ours, theirs, reqs)
	fatal(err)
	t := newTally(name)
	for i, v := range vs {
		where := fmt.Sprintf("%s:%d (%s)", name, v.line, v.comment)
		if a[i] != v.answer {
			t.wrong++
			if len(d.shown) < d.show {
				d.shown = append(d.shown, mismatch{where: where,
					request: v.request, ours: a[i], theirs: b[i],
					expected: v.answer})
			}
		}
		d.compare(t, where, v.request, a[i], b[i])
	}
	fmt.Printf("  %s; %d of %d ours as expected\n", t, len(vs)-t.wrong, len(vs))
	d.check(t)
}

func (d *run) check(t *tally) {
	if t.mismatched > 0 {
		d.failed = append(d.failed, fmt.Sprintf("%s: %d unexplained mismatches", t.name, t.mismatched))
	}
	if t.wrong > 0 {
		d.failed = append(d.failed, fmt.Sprintf("%s: %d answers of ours differ from the vector", t.name, t.wrong))
	}
}

func (d *run) report() {
	for _, m := range d.shown {
		fmt.Printf("\nMISMATCH at %s\n  request:  %s\n", m.where, m.request)
		if m.expected != "" {
			fmt.Printf("  expected: %s\n", m.expected)
		}
		fmt.Printf("  ours:     %s\n  Go:       %s\n", m.ours, m.theirs)
	}
	if len(d.failed) > 0 {
		fmt.Println("\nFAIL:")
		for _, f := range d.failed {
			fmt.Println("  " + f)
		}
		os.Exit(1)
	}
	fmt.Println("PASS: every difference is a documented divergence")
}

func fatal(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "differential:", err)
		os.Exit(2)
	}
}

// class is the kind of an answer: "ok", "err NAME", or the answer itself.
func class(answer string) string {
	w := strings.Fields(answer)
	switch {
	case len(w) >= 2 && w[0] == "err":
		return "err " + w[1]
	case len(w) >= 1:
		return w[0]
	}
	return answer
}

// classes lists a tally's answer classes, most frequent first.
func (t *tally) classes() string {
	var names []string
	for c := range t.answers {
		names = append(names, c)
	}
	sort.Slice(names, func(i, j int) bool {
		if t.answers[names[i]] != t.answers[names[j]] {
			return t.answers[names[i]] > t.answers[names[j]]
		}
		return names[i] < names[j]
	})
	var parts []string
	for _, c := range names {
		parts = append(parts, fmt.Sprintf("%s %d", c, t.answers[c]))
	}
	return strings.Join(parts, ", ")
}
