#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# campaigns_test.sh CAMPAIGNS - fuzz/campaigns keeps one row per harness and
# engine, in harness order, refuses bad rows, and "check" passes only when
# every harness has both engines on record.
set -u
campaigns=$1
tmp=${TEST_TMPDIR:-$(mktemp -d)}
file=$tmp/CAMPAIGNS.md
fail=0
check() { # WHAT CONDITION...
	what=$1
	shift
	if "$@"; then :; else
		echo "FAIL: $what" >&2
		fail=1
	fi
}
rec() { "$campaigns" record "$file" "$@"; }

rm -f "$file"
rec igmp_parse afl 700 900 5000 "300/1.5%" 40 12 0 ok 2026-12-03 abc
rec header_parse libfuzzer 30 31 900 77 9 3 0 ok 2026-12-03 abc
rec igmp_parse afl 601 800 6010 "301/1.5%" 41 13 0 ok 2026-12-04 abd
check "one row per harness and engine" [ "$(grep -c '^| `igmp_parse` | afl' "$file")" = 1 ]
check "the newer row replaces the older" grep -q '^| `igmp_parse` | afl | 601 | 800 | 6010 | 10 |' "$file"
check "rows in harness order" [ "$(sed -n 's/^| `\([a-z_]*\)`.*/\1/p' "$file" | tr '\n' ' ')" = "header_parse igmp_parse " ]
check "the summary counts campaigns on record" grep -q '^1 of [0-9]* campaigns' "$file"
check "the summary names what is still to run" grep -q 'Still to run: .*header_parse/libfuzzer' "$file"
check "check fails while campaigns are missing" sh -c '! "$1" check "$2" >/dev/null' sh "$campaigns" "$file"
# a short campaign or one with findings is not on record
rec header_parse libfuzzer 599 600 900 77 9 3 0 ok 2026-12-03 abc
rec igmp_parse afl 700 800 6010 "301/1.5%" 41 13 1 FAIL 2026-12-04 abd
check "a short or failed campaign does not count" grep -q '^0 of ' "$file"
before=$(cat "$file")
for bad in "nope afl 1 1 1 1 1 1 0 ok d c" "igmp_parse afl x 1 1 1 1 1 0 ok d c" \
	"igmp_parse afl 1 1 1 1|2 1 1 0 ok d c" "igmp_parse afl 1 1 1"; do
	# shellcheck disable=SC2086
	"$campaigns" record "$file" $bad 2>/dev/null
	check "refused: $bad" [ $? = 2 ]
done
check "a refused row leaves the file alone" [ "$(cat "$file")" = "$before" ]
# every harness and engine at 600 CPU-seconds: check passes (the rows are
# written here, in the table's own form, to spare thirty runs of Python)
for h in $("$campaigns" harnesses); do
	for e in libfuzzer afl; do
		echo "| \`$h\` | $e | 600 | 601 | 10 | 0 | 1 | 1 | 1 | 0 | ok | 2026-12-03 | abc |"
	done
done >>"$file"
check "check passes with every campaign on record" "$campaigns" check "$file"
check "check takes a higher bar" sh -c '! "$1" check "$2" 601 >/dev/null' sh "$campaigns" "$file"
exit $fail
