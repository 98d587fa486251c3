// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// A rule recognises one documented divergence (conformance/DIVERGENCES.md)
// by the request's kind, conditions on the request, and a pattern each for
// our answer and Go's. The file format is described at the top of
// conformance/divergences.rules.
type rule struct {
	id     string
	kind   string
	when   []term
	ours   string
	theirs string
	line   int
}

type term struct {
	name, op, value string
}

var termRE = regexp.MustCompile(`^([a-z][a-z0-9_]*)(<=|>=|==|!=|<|>)(\S+)$`)

func loadRules(path string) ([]*rule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rules []*rule
	s := bufio.NewScanner(f)
	for n := 1; s.Scan(); n++ {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := parseRule(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		r.line = n
		rules = append(rules, r)
	}
	return rules, s.Err()
}

func parseRule(line string) (*rule, error) {
	f := strings.Split(line, "|")
	if len(f) != 5 {
		return nil, fmt.Errorf("want 5 fields separated by |, got %d", len(f))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	r := &rule{id: f[0], kind: f[1], ours: f[3], theirs: f[4]}
	if r.id == "" || r.kind == "" || r.ours == "" || r.theirs == "" {
		return nil, fmt.Errorf("empty field")
	}
	for _, p := range []string{r.ours, r.theirs} {
		if err := checkPlaceholders(p); err != nil {
			return nil, err
		}
	}
	for _, w := range strings.Fields(f[2]) {
		m := termRE.FindStringSubmatch(w)
		if m == nil {
			return nil, fmt.Errorf("bad condition %q", w)
		}
		if !knownName(m[1]) {
			return nil, fmt.Errorf("unknown name %q in condition %q", m[1], w)
		}
		r.when = append(r.when, term{m[1], m[2], m[3]})
	}
	return r, nil
}

// checkDocumented fails when a rule's id has no row in DIVERGENCES.md.
func checkDocumented(rules []*rule, mdPath string) error {
	md, err := os.ReadFile(mdPath)
	if err != nil {
		return err
	}
	for _, r := range rules {
		if !strings.Contains(string(md), "| "+r.id+" |") {
			return fmt.Errorf("rule %s (line %d) has no row in %s",
				r.id, r.line, mdPath)
		}
	}
	return nil
}

// request is a request line taken apart for the rule conditions.
type request struct {
	kind   string
	args   []string
	data   []byte // the last argument decoded as hex
	dataOK bool
}

func splitRequest(line string) request {
	var q request
	w := strings.Fields(line)
	if len(w) == 0 {
		return q
	}
	q.kind, q.args = w[0], w[1:]
	last := ""
	if len(q.args) > 0 {
		last = q.args[len(q.args)-1]
	}
	if b, err := hex.DecodeString(last); err == nil {
		q.data, q.dataOK = b, true
	}
	return q
}

var bRE = regexp.MustCompile(`^b([0-9]+)$`)
var argRE = regexp.MustCompile(`^arg([1-9][0-9]*)$`)

// The names a condition may test (documented in divergences.rules).
func knownName(n string) bool {
	switch n {
	case "len", "ihl", "ver", "nargs":
		return true
	}
	if _, ok := cmNames[n]; ok {
		return true
	}
	if _, ok := icmpfNames[n]; ok {
		return true
	}
	return bRE.MatchString(n) || argRE.MatchString(n)
}

// value returns the named property of q, or ok=false when q has none.
func (q request) value(name string) (string, bool) {
	num := func(v int) (string, bool) { return strconv.Itoa(v), true }
	switch name {
	case "nargs":
		return num(len(q.args))
	case "len":
		if q.dataOK {
			return num(len(q.data))
		}
		return "", false
	case "ihl", "ver":
		if !q.dataOK || len(q.data) == 0 {
			return "", false
		}
		if name == "ihl" {
			return num(int(q.data[0] & 0x0f))
		}
		return num(int(q.data[0] >> 4))
	}
	if f, ok := icmpfNames[name]; ok {
		if q.kind != "icmpf" {
			return "", false
		}
		return f(q.args)
	}
	if f, ok := cmNames[name]; ok {
		if q.kind != "cm" || !q.dataOK {
			return "", false
		}
		return f(q.data)
	}
	if m := bRE.FindStringSubmatch(name); m != nil {
		i, _ := strconv.Atoi(m[1])
		if !q.dataOK || i >= len(q.data) {
			return "", false
		}
		return num(int(q.data[i]))
	}
	if m := argRE.FindStringSubmatch(name); m != nil {
		i, _ := strconv.Atoi(m[1])
		if i > len(q.args) {
			return "", false
		}
		return q.args[i-1], true
	}
	return "", false
}

func (t term) holds(q request) bool {
	v, ok := q.value(t.name)
	if !ok {
		return false
	}
	a, errA := strconv.ParseInt(v, 0, 64)
	b, errB := strconv.ParseInt(t.value, 0, 64)
	if errA != nil || errB != nil {
		switch t.op {
		case "==":
			return v == t.value
		case "!=":
			return v != t.value
		}
		return false
	}
	switch t.op {
	case "<":
		return a < b
	case "<=":
		return a <= b
	case "==":
		return a == b
	case "!=":
		return a != b
	case ">=":
		return a >= b
	case ">":
		return a > b
	}
	return false
}

func (r *rule) matches(q request, ours, theirs string) bool {
	if q.kind != r.kind {
		return false
	}
	for _, t := range r.when {
		if !t.holds(q) {
			return false
		}
	}
	po, ok1 := expand(r.ours, q, ours)
	pt, ok2 := expand(r.theirs, q, ours)
	return ok1 && ok2 && glob(po, ours) && glob(pt, theirs)
}

var placeRE = regexp.MustCompile(`\{([^{}]*)\}`)

// expand fills in the placeholders of an answer pattern: {NAME} is the
// request's value of a condition name, {ours:KEY} the value of the KEY=
// word of our answer. ok is false when one has no value.
func expand(p string, q request, ours string) (string, bool) {
	ok := true
	out := placeRE.ReplaceAllStringFunc(p, func(m string) string {
		name := m[1 : len(m)-1]
		var v string
		var found bool
		if strings.HasPrefix(name, "ours:") {
			v, found = answerField(ours, strings.TrimPrefix(name, "ours:"))
		} else {
			v, found = q.value(name)
		}
		if !found {
			ok = false
		}
		return v
	})
	return out, ok
}

// answerField returns the value of the first KEY=VALUE word of an answer.
func answerField(answer, key string) (string, bool) {
	for _, w := range strings.Fields(answer) {
		if strings.HasPrefix(w, key+"=") {
			return strings.TrimPrefix(w, key+"="), true
		}
	}
	return "", false
}

// checkPlaceholders fails on a placeholder naming no known name.
func checkPlaceholders(p string) error {
	for _, m := range placeRE.FindAllStringSubmatch(p, -1) {
		if strings.HasPrefix(m[1], "ours:") && len(m[1]) > len("ours:") {
			continue
		}
		if !knownName(m[1]) {
			return fmt.Errorf("unknown name in placeholder {%s}", m[1])
		}
	}
	return nil
}

// glob matches s against pattern p, in which * stands for any run of
// characters and every other character for itself.
func glob(p, s string) bool {
	parts := strings.Split(p, "*")
	if len(parts) == 1 {
		return p == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, last)
}
