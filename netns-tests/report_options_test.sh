#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# netns-tests/report_options_test.sh - the report's own options:
# scripts/report --help describes them (not the suite's usage line), and
# the suite takes fractional seconds and exact case names. Runs nothing in
# a network.
#
# Also --impl: what the suite takes as an implementation, and what it
# refuses.
#
#   report_options_test.sh SCRIPTS-REPORT SUITE-BINARY
set -u
report=$1
suite=$2
failures=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

fail() {
  failures=$((failures + 1))
  echo "FAIL: $*"
}

for flag in --help -h; do
  "$report" $flag >"$out" 2>&1 || fail "scripts/report $flag: status $?"
  head -1 "$out" | grep -q '^usage: scripts/report ' || fail "scripts/report $flag: $(head -1 "$out")"
  grep -q 'usage: suite' "$out" && fail "scripts/report $flag prints the suite's usage"
  for opt in '--out DIR' '--case PATTERN' '--only NAME' '--max-case-time S' '--userns' '--list' \
    '--impl IMPL' '--driven' 'unsupported' 'DIVERGENCES.md' 'report.html' 'Exit status'; do
    grep -qF -- "$opt" "$out" || fail "scripts/report $flag does not describe $opt"
  done
done

# Fractional seconds are taken; what is not a positive number is refused.
"$suite" --max-case-time 0.5 --list >"$out" 2>&1 || fail "--max-case-time 0.5: status $?: $(cat "$out")"
for bad in 0 -1 abc 1.5x ''; do
  "$suite" --max-case-time "$bad" --list >"$out" 2>&1
  rc=$?
  [ $rc -eq 2 ] || fail "--max-case-time '$bad': status $rc (want 2)"
  grep -qF "suite: --max-case-time: \"$bad\" is not a number of seconds above 0" "$out" ||
    fail "--max-case-time '$bad': $(head -1 "$out")"
done

# --only picks exactly one case, where --case would pick every match.
first=$("$suite" --list | head -1 | cut -d' ' -f1)
[ -n "$first" ] || fail "suite --list printed no case"
n=$("$suite" --only "$first" --list | wc -l)
[ "$n" -eq 1 ] || fail "--only $first listed $n cases"
"$suite" --only "${first%?}" --list >"$out" 2>&1
[ $? -eq 2 ] || fail "--only with a prefix of a name selected a case: $(cat "$out")"

# --impl: libipv4 (our driver, from the runfiles), LABEL=PATH or PATH; a
# path that is no program, an empty label or a label given twice is a
# usage error. --list then marks each case driven or libipv4-only.
"$suite" --impl libipv4 --list >"$out" 2>&1 || fail "--impl libipv4 --list: status $?: $(head -1 "$out")"
grep -q '^asm/join-one-link .*\[driven\]$' "$out" || fail "--impl --list: asm/join-one-link not driven"
grep -q '^tool/decode-pcap .*\[libipv4 only: ' "$out" || fail "--impl --list: tool/decode-pcap not libipv4-only"
"$suite" --list | grep -q 'driven\|libipv4 only' && fail "--list without --impl marks cases"
driven=$(grep -c '\[driven\]$' "$out")
[ "$driven" -ge 30 ] || fail "only $driven driven cases"
n=$("$suite" --driven --list | wc -l)
[ "$n" -eq "$driven" ] || fail "--driven --list: $n cases, --impl --list marks $driven driven"
"$suite" --impl x=/bin/sh --impl /bin/sh --list >"$out" 2>&1 ||
  fail "--impl LABEL=PATH and PATH: status $?: $(head -1 "$out")"
for bad in /nonexistent/probe go =/bin/sh "/bin/sh --impl /bin/sh"; do
  # shellcheck disable=SC2086
  "$suite" --impl $bad --list >"$out" 2>&1
  rc=$?
  [ $rc -eq 2 ] || fail "--impl $bad: status $rc (want 2)"
  grep -q '^suite: --impl ' "$out" || fail "--impl $bad: $(head -1 "$out")"
done
"$suite" --impl go --list 2>&1 | grep -q 'give go=PATH' || fail "--impl go does not say how to give Go's probe"

if [ $failures -ne 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "all passed"
