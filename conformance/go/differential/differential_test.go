// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGlob(t *testing.T) {
	cases := []struct {
		p, s string
		want bool
	}{
		{"ok", "ok", true},
		{"ok", "ok ", false},
		{"ok *", "ok ttl=1", true},
		{"ok *", "ok", false},
		{"*", "", true},
		{"a*a", "a", false},
		{"a*a", "aa", true},
		{"ok ver=* hdrlen=*", "ok ver=4 hdrlen=16 tos=0x0", true},
		{"ok ver=* hdrlen=*", "err EIHL", false},
		{"x*y*z", "xzyz", true},
		{"x*y*z", "xzy", false},
	}
	for _, c := range cases {
		if got := glob(c.p, c.s); got != c.want {
			t.Errorf("glob(%q, %q) = %v, want %v", c.p, c.s, got, c.want)
		}
	}
}

func TestParseRuleRejectsMalformedLines(t *testing.T) {
	for _, line := range []string{
		"H1 | hdr | len>=20 | err EIHL",              // four fields
		"H1 | hdr | len>=20 | err EIHL | ok | extra", // six fields
		"H1 | hdr | len=>20 | err EIHL | ok *",       // bad operator
		"H1 | hdr | size>=20 | err EIHL | ok *",      // unknown name
		"H1 | hdr | len>=20 | | ok *",                // empty answer
		"H1 | hdr | len>=20 | err {nosuch} | ok *",   // unknown placeholder
		"H1 | hdr | len>=20 | err EIHL | {ours:}",    // empty ours key
	} {
		if _, err := parseRule(line); err == nil {
			t.Errorf("parseRule(%q) accepted a malformed rule", line)
		}
	}
}

func mustRule(t *testing.T, line string) *rule {
	t.Helper()
	r, err := parseRule(line)
	if err != nil {
		t.Fatalf("parseRule(%q): %v", line, err)
	}
	return r
}

func TestRuleConditionsSelectTheCase(t *testing.T) {
	h1 := mustRule(t, "H1 | hdr | len>=20 ihl<5 | err EIHL | ok ver=* hdrlen=*")
	ihl4 := "hdr 440000140000000040060000c0000201c6336402"
	ihl5 := "hdr 450000140000000040060000c0000201c6336402"
	goOK := "ok ver=4 hdrlen=16 tos=0x0"
	if !h1.matches(splitRequest(ihl4), "err EIHL", goOK) {
		t.Error("H1 does not explain IHL 4")
	}
	if h1.matches(splitRequest(ihl5), "err EIHL", goOK) {
		t.Error("H1 explains IHL 5")
	}
	if h1.matches(splitRequest(ihl4), "err ESHORT", goOK) {
		t.Error("H1 explains an answer of ours it does not name")
	}
	if h1.matches(splitRequest("mhdr "+ihl4[4:]), "err EIHL", goOK) {
		t.Error("H1 for hdr explains an mhdr request")
	}
	if h1.matches(splitRequest("hdr 4400"), "err EIHL", goOK) {
		t.Error("H1 explains a request shorter than its len condition")
	}
}

func TestArgConditionsCompareNumbersAndWords(t *testing.T) {
	m1 := mustRule(t, "M1 | mcm | arg4>2147483647 | err EIFINDEX | ok *")
	if !m1.matches(splitRequest("mcm 1 - - 2147483648"), "err EIFINDEX", "ok 1c") {
		t.Error("M1 does not explain 2147483648")
	}
	if m1.matches(splitRequest("mcm 1 - - 2147483647"), "err EIFINDEX", "ok 1c") {
		t.Error("M1 explains 2147483647")
	}
	fmtRule := mustRule(t, "H1 | hdrfmt | arg1==wire | err EIHL | ok *")
	if fmtRule.matches(splitRequest("hdrfmt tradbsd 44"), "err EIHL", "ok x") {
		t.Error("arg1==wire holds for tradbsd")
	}
}

func TestPlaceholdersTieGoToOurAnswer(t *testing.T) {
	c2 := mustRule(t, "C2 | cm | cm_sound==1 cm_ttlcut>0 | ok ttl={cm_ttl} * | ok ttl={cm_gottl} dst={ours:dst}")
	// IP_TTL of 2 bytes (0x40 0x00): we skip it, Go reads 64.
	req := splitRequest("cm 120000000000000000000000020000004000000000000000")
	if !c2.matches(req, "ok ttl=0 dst=<nil>", "ok ttl=64 dst=<nil>") {
		t.Error("C2 does not explain the cut TTL")
	}
	if c2.matches(req, "ok ttl=0 dst=<nil>", "ok ttl=64 dst=1.2.3.4") {
		t.Error("C2 explains a difference in dst too")
	}
	if c2.matches(req, "ok ttl=7 dst=<nil>", "ok ttl=64 dst=<nil>") {
		t.Error("C2 explains a TTL of ours it does not predict")
	}
}

func TestCompareCountsEveryOutcome(t *testing.T) {
	d := &run{rules: []*rule{mustRule(t, "H1 | hdr | ihl<5 | err EIHL | ok *")}, show: 1}
	tl := newTally("t")
	d.compare(tl, "1", "hdr 44", "err EIHL", "ok x")               // divergent
	d.compare(tl, "2", "hdr 45", "ok a", "ok a")                   // matched
	d.compare(tl, "3", "hdr 45", "ok a", "ok b")                   // mismatched
	d.compare(tl, "4", "opts 00", "ok 0:1", "unsupported")         // skipped
	d.compare(tl, "5", "hdrfmt tradbsd 45", "ok a", "err EFORMAT") // skipped
	d.compare(tl, "6", "hdrfmt wire 45", "ok a", "err EFORMAT")    // mismatched
	want := tally{inputs: 6, compared: 4, matched: 1, mismatched: 2, skipped: 2}
	if tl.inputs != want.inputs || tl.compared != want.compared ||
		tl.matched != want.matched || tl.mismatched != want.mismatched ||
		tl.skipped != want.skipped || tl.divergent["H1"] != 1 {
		t.Errorf("tally = %+v", *tl)
	}
	if len(d.shown) != 1 || d.shown[0].where != "3" {
		t.Errorf("shown = %+v, want the first mismatch only", d.shown)
	}
	d.check(tl)
	if len(d.failed) == 0 {
		t.Error("a tally with mismatches does not fail the run")
	}
}

// cmsgLen builds one message with an arbitrary cmsg_len.
func cmsgLen(l uint64, level, typ int32, data []byte) []byte {
	b := cmsg(level, typ, data)
	binary.LittleEndian.PutUint64(b, l)
	return b
}

func TestCmFrameChecksEveryHeader(t *testing.T) {
	ttl := cmsg(0, 2, le32(64))
	cases := []struct {
		name string
		b    []byte
		n    int
		ok   bool
	}{
		{"empty", nil, 0, true},
		{"trailing bytes too few for a header", append(append([]byte{}, ttl...), 1, 2, 3), 1, true},
		{"two messages", append(append([]byte{}, ttl...), ttl...), 2, true},
		{"unpadded last message", ttl[:20], 1, true},
		{"cmsg_len 0", cmsgLen(0, 0, 2, le32(1)), 0, false},
		{"cmsg_len 15", cmsgLen(15, 0, 2, le32(1)), 0, false},
		{"cmsg_len past the end", cmsgLen(25, 0, 2, le32(1)), 0, false},
		{"cmsg_len 2^63", cmsgLen(1<<63, 0, 2, le32(1)), 0, false},
		{"cmsg_len 2^64-1", cmsgLen(^uint64(0), 0, 2, le32(1)), 0, false},
		{"bad second header", append(append([]byte{}, ttl...), cmsgLen(3, 0, 2, le32(1))...), 0, false},
	}
	for _, c := range cases {
		msgs, ok := cmFrame(c.b)
		if ok != c.ok || len(msgs) != c.n {
			t.Errorf("%s: %d messages, sound %v; want %d, %v", c.name, len(msgs), ok, c.n, c.ok)
		}
	}
}

func TestCmRefusedByNamesTheRow(t *testing.T) {
	ns := func(v int64) []byte {
		d := make([]byte, 16)
		binary.LittleEndian.PutUint64(d[8:], uint64(v))
		return d
	}
	pkt := func(ifindex int32) []byte { return append(le32(uint32(ifindex)), make([]byte, 8)...) }
	cases := []struct {
		name       string
		level, typ int32
		data       []byte
		want       string
	}{
		{"TTL byte", 0, 2, []byte{64}, ""},
		{"TTL cut", 0, 2, []byte{64, 0}, ""},
		{"TTL int 255", 0, 2, le32(255), ""},
		{"TTL int 256", 0, 2, le32(256), "C4"},
		{"TTL int -1", 0, 2, le32(0xffffffff), "C4"},
		{"TTL 5 bytes", 0, 2, make([]byte, 5), "C3"},
		{"PKTINFO 11", 0, 8, make([]byte, 11), ""},
		{"PKTINFO 13", 0, 8, make([]byte, 13), "C5"},
		{"PKTINFO ifindex -1", 0, 8, pkt(-1), "C6"},
		{"PKTINFO ifindex max", 0, 8, pkt(0x7fffffff), ""},
		{"TOS int 256", 0, 1, le32(256), "C7"},
		{"TOS 5 bytes", 0, 1, make([]byte, 5), "C7"},
		{"ORIGDSTADDR family 10", 0, 20, append([]byte{10, 0}, make([]byte, 14)...), "C7"},
		{"ORIGDSTADDR family 2", 0, 20, append([]byte{2, 0}, make([]byte, 14)...), ""},
		{"RECVERR offender 0", 0, 11, make([]byte, 32), ""},
		{"RECVERR 33 bytes", 0, 11, make([]byte, 33), "C7"},
		{"TIMESTAMPNS 999999999", 1, 35, ns(999999999), ""},
		{"TIMESTAMPNS 1e9", 1, 64, ns(1000000000), "C7"},
		{"TIMESTAMPNS negative", 1, 35, ns(-1), "C7"},
		{"RXQ_OVFL 5 bytes", 1, 40, make([]byte, 5), "C7"},
		{"GRO 65536", 17, 104, le32(65536), "C7"},
		{"GRO 65535", 17, 104, le32(65535), ""},
		{"unknown type", 0, 99, make([]byte, 64), ""},
	}
	for _, c := range cases {
		if got := cmRefusedBy(cmMsg{c.level, c.typ, c.data}); got != c.want {
			t.Errorf("%s: row %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCmAnalyseTakesTheFirstRefusal(t *testing.T) {
	b := append(cmsg(0, 8, append(le32(0xffffffff), make([]byte, 8)...)), cmsg(0, 2, le32(999))...)
	b = append(b, cmsg(0, 0, nil)...)
	f := cmAnalyse(b)
	if !f.sound || f.row != "C6" || f.refuse != "EIFINDEX" || f.type0 != 1 {
		t.Errorf("facts = %+v", f)
	}
	q := splitRequest("cm " + hex.EncodeToString(b))
	if v, ok := q.value("cm_row"); !ok || v != "C6" {
		t.Errorf("cm_row = %q, %v", v, ok)
	}
	if _, ok := splitRequest("hdr " + hex.EncodeToString(b)).value("cm_row"); ok {
		t.Error("cm_row has a value for an hdr request")
	}
}

func writeFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "v.txt")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadVectorFileReadsVectors(t *testing.T) {
	vs, err := loadVectorFile(writeFile(t, "# file header\n\n# case one\n# more\n> hdr 45\n< err ESHORT\n\n# empty request\n>\n<\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].comment != "case one more" || vs[0].request != "hdr 45" ||
		vs[0].answer != "err ESHORT" || vs[0].line != 5 || vs[1].request != "" || vs[1].answer != "" {
		t.Errorf("vectors = %+v", vs)
	}
}

func TestLoadVectorFileRejectsMalformedFiles(t *testing.T) {
	for name, text := range map[string]string{
		"no comment":             "> hdr 45\n< err ESHORT\n",
		"comment cut by a blank": "# case\n\n> hdr 45\n< err ESHORT\n",
		"no answer at the end":   "# case\n> hdr 45\n",
		"request then comment":   "# case\n> hdr 45\n# x\n< err ESHORT\n",
		"stray answer":           "< ok\n",
		"unknown line":           "# case\nhdr 45\n",
		"no vectors":             "# only a comment\n",
	} {
		if _, err := loadVectorFile(writeFile(t, text)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestProjectRulesLoadAndAreDocumented(t *testing.T) {
	rules, err := loadRules("../../divergences.rules")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkDocumented(rules, "../../DIVERGENCES.md"); err != nil {
		t.Fatal(err)
	}
	undocumented := []*rule{{id: "Z9", line: 1}}
	if err := checkDocumented(undocumented, "../../DIVERGENCES.md"); err == nil {
		t.Error("a rule with no row in DIVERGENCES.md passes")
	}
}

func TestGeneratorsAreDeterministicAndWellFramed(t *testing.T) {
	for i, g := range generators {
		a := batch(i, g, 7, 500)
		b := batch(i, g, 7, 500)
		c := batch(i, g, 8, 500)
		if strings.Join(a, "\n") != strings.Join(b, "\n") {
			t.Errorf("%s: the same seed gives other requests", g.kind)
		}
		if strings.Join(a, "\n") == strings.Join(c, "\n") {
			t.Errorf("%s: another seed gives the same requests", g.kind)
		}
		for _, q := range a {
			if strings.ContainsAny(q, "\n\r") {
				t.Fatalf("%s: request %q breaks the line framing", g.kind, q)
			}
			if w := strings.Fields(q); len(w) == 0 || w[0] != g.kind {
				t.Errorf("%s: request %q of another kind", g.kind, q)
			}
		}
	}
}

func TestIcmpfWordFollowsOnlyTheLowTypes(t *testing.T) {
	i2 := mustRule(t, "I2 | icmpf | icmpf_high>0 icmpf_stuck==0 | ok data={icmpf_word} | ok data=0x*")
	req := splitRequest("icmpf block:8,block:40,accept:40")
	if !i2.matches(req, "ok data=0x00000100", "ok data=0x00000000") {
		t.Error("I2 does not explain echo staying blocked")
	}
	if i2.matches(req, "ok data=0x00000000", "ok data=0x00000000") {
		t.Error("I2 explains a word of ours that dropped echo")
	}
	for ops, want := range map[string]string{
		"setall:1,accept:8,accept:0,accept:40": "0xfffffefe",
		"block:3,setall:0,block:31":            "0x80000000",
		"block:255,accept:255":                 "0x00000000",
	} {
		if got, ok := splitRequest("icmpf " + ops).value("icmpf_word"); !ok || got != want {
			t.Errorf("icmpf_word of %s = %q, want %q", ops, got, want)
		}
	}
}
