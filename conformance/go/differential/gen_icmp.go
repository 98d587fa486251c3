// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
)

// genIcmp makes request i of a batch of "icmp N" requests. 49 in 50 sweep
// the integers in order from -1000, so that a batch of n holds every value
// from -1000 to about 0.98n - 1000 once (all 256 types and far beyond);
// the rest are a random 64-bit value or a malformed N.
func genIcmp(r *rand.Rand, i int) string {
	if i%50 != 49 {
		return "icmp " + strconv.Itoa(i-i/50-1000)
	}
	if r.Intn(2) == 0 {
		return "icmp " + strconv.FormatInt(r.Int63()-r.Int63(), 10)
	}
	return "icmp " + []string{"+8", "0x8", "", "8 8", "08", "-0",
		"9223372036854775808", "-9223372036854775808", "1e3", "-"}[r.Intn(10)]
}

// icmpItem makes one item of an icmpf request, malformed one time in 50.
func icmpItem(r *rand.Rand) string {
	if r.Intn(50) == 0 {
		return []string{"", "accept:", "block:256", "setall:2", "allow:8",
			"accept:0008", "setall", "accept:-1", "ACCEPT:8", "block:0x8"}[r.Intn(10)]
	}
	n := r.Intn(32)
	if r.Intn(4) == 0 {
		n = r.Intn(256)
	}
	switch r.Intn(9) {
	case 0:
		return "setall:" + strconv.Itoa(r.Intn(2))
	case 1, 2, 3, 4:
		return "block:" + strconv.Itoa(n)
	}
	return "accept:" + strconv.Itoa(n)
}

// genIcmpf makes an "icmpf OPS" request of 0 to 8 items.
func genIcmpf(r *rand.Rand) string {
	items := make([]string, r.Intn(9))
	for i := range items {
		items[i] = icmpItem(r)
	}
	return strings.TrimRight("icmpf "+strings.Join(items, ","), " ")
}

// icmpfNames are the rule-condition names computed from an icmpf request's
// items (see divergences.rules):
//
//	icmpf_high   the accept:N and block:N items with N > 31
//	icmpf_word   see icmpfLowWord
//	icmpf_stuck  1 when, after all items, a type above 31 is blocked
//	             (a 256-type filter in which setall clears types 32..255),
//	             else 0
//
// A malformed request has none of them.
var icmpfNames = map[string]func(args []string) (string, bool){
	"icmpf_high": func(args []string) (string, bool) {
		high, _, ok := icmpfFacts(args)
		return strconv.Itoa(high), ok
	},
	"icmpf_stuck": func(args []string) (string, bool) {
		_, stuck, ok := icmpfFacts(args)
		return strconv.Itoa(stuck), ok
	},
	"icmpf_word": icmpfLowWord,
}

// icmpfLowWord is the name icmpf_word: the kernel word, 0x and eight hex
// digits, of types 0..31 as the setall items and the accept:N and block:N
// items with N <= 31 leave them (DIVERGENCES.md, I2: what we answer when no
// type above 31 stays blocked).
func icmpfLowWord(args []string) (string, bool) {
	if _, _, ok := icmpfFacts(args); !ok {
		return "", false
	}
	var w uint32
	if len(args) == 1 {
		for _, item := range strings.Split(args[0], ",") {
			verb, arg, _ := strings.Cut(item, ":")
			n, _ := strconv.Atoi(arg)
			switch {
			case verb == "setall" && n == 1:
				w = 0xffffffff
			case verb == "setall":
				w = 0
			case n > 31:
			case verb == "block":
				w |= 1 << uint(n)
			case verb == "accept":
				w &^= 1 << uint(n)
			}
		}
	}
	return fmt.Sprintf("0x%08x", w), true
}

func icmpfFacts(args []string) (high, stuck int, ok bool) {
	if len(args) > 1 {
		return 0, 0, false
	}
	if len(args) == 0 {
		return 0, 0, true
	}
	blocked := map[int]bool{}
	for _, item := range strings.Split(args[0], ",") {
		verb, arg, _ := strings.Cut(item, ":")
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 || n > 255 {
			return 0, 0, false
		}
		switch verb {
		case "setall":
			blocked = map[int]bool{}
		case "accept", "block":
			if n > 31 {
				high++
			}
			blocked[n] = verb == "block"
		default:
			return 0, 0, false
		}
	}
	for n, b := range blocked {
		if n > 31 && b {
			stuck = 1
		}
	}
	return high, stuck, true
}
