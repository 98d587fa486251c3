// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"fmt"
	"strings"
)

// contentionKind marks the profile lines of `codec_bench --contention`.
const contentionKind = "codec_bench --contention"

// contentionOf returns the --contention figures for a codec operation.
func contentionOf(s *summary, op string) map[string]float64 {
	for _, p := range s.Profile {
		if p.Impl == op && strings.Contains(p.Kind, contentionKind) {
			return p.PerMsg
		}
	}
	return nil
}

// why explains a missed codec speed target from what was measured: the
// fastest Go round sets the time the target leaves libipv4, the empty
// call of --contention says how much of that any out-of-line call takes,
// and the quiet and contended slices say what the machine did meanwhile.
// It returns "" when the run has not the figures to say it.
func why(s *summary, t target) string {
	if t.Op == "" || !t.Measured || t.Met || t.Limit <= 0 {
		return ""
	}
	row := codecRowFor(s, t.Op, t.GoFunc)
	c := contentionOf(s, t.Op)
	quiet, okQ := c["parse_ns_quiet"]
	empty, okE := c["empty_call_ns_quiet"]
	if row == nil || len(row.GoSamplesNs) == 0 || !okQ || !okE {
		return ""
	}
	goFast := row.GoSamplesNs[0]
	for _, v := range row.GoSamplesNs {
		if v < goFast {
			goFast = v
		}
	}
	need := goFast / t.Limit
	var b strings.Builder
	fmt.Fprintf(&b, "  Why: in the quiet slices of `%s` %s takes %.2f ns, of which %.2f ns is the call alone "+
		"(the same loop calling an empty function with its signature), so its own work is %.2f ns. "+
		"Go's fastest round of %s took %.1f ns; %.0f× that needs at most %.2f ns per call, "+
		"which leaves %.2f ns for the work once the call is paid",
		contentionKind, t.Op, quiet, empty, quiet-empty, t.GoFunc, goFast, t.Limit, need, need-empty)
	if need-empty <= 0 {
		b.WriteString(": less than nothing")
	}
	b.WriteString(".")
	share := c["contended_share"]
	slow, okS := c["parse_ns_contended"]
	stepQ, okA := c["chain_step_ns_quiet"]
	stepC, okB := c["chain_step_ns_contended"]
	if share > 0 && okS && okA && okB && stepQ > 0 && quiet > 0 {
		fmt.Fprintf(&b, " In %.0f%% of the slices the parse was %.2f× slower (%.2f ns) while a chain of "+
			"dependent multiply-adds, whose speed is the clock's, changed by %.2f×: the core's issue slots "+
			"were shared with another hardware thread (an SMT sibling), not the clock slowed or the "+
			"process descheduled. That hits code which issues many instructions per cycle hardest; "+
			"rounds that fall into it make the spread of the per-round ratios.",
			100*share, slow/quiet, slow, stepC/stepQ)
	}
	return b.String()
}
