#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# bench/io_bench_args_test.sh IO_BENCH - io_bench's arguments, read by the
# shared parser (lib/cli): --help, each kind of usage error (exit 2 with
# what was wrong), and one short run over loopback that prints one JSON
# line for the implementation asked for.
set -u
bench=$1
work=${TEST_TMPDIR:-$(mktemp -d)}
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect STATUS PATTERN ARGS...: io_bench ARGS exits STATUS and its output
# (stdout and stderr) contains PATTERN.
expect() {
	want=$1 pattern=$2
	shift 2
	"$bench" "$@" >"$work/out" 2>&1
	got=$?
	[ "$got" -eq "$want" ] || fail "io_bench $*: exit $got, want $want"
	grep -qF -- "$pattern" "$work/out" ||
		fail "io_bench $*: no \"$pattern\" in: $(cat "$work/out")"
}

expect 0 "usage: io_bench --transport lo|veth" --help
expect 2 "unknown option --bogus" --bogus
expect 2 "unexpected argument \"extra\"" extra
expect 2 "--ms: \"0\" is not a number from 1 to 600000" --ms 0
expect 2 "--round: \"x\" is not a number" --round x
expect 2 "--transport needs a value" --transport
expect 2 "--ns-a and --ns-b go together" --ns-a only_a
expect 2 "payload above" --payloads 99999
expect 2 "batch above" --batches 9999
expect 2 "more than 16 values" --batches 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17
expect 2 "no implementation \"nope\"" --impls nope
expect 2 "--ms given twice" --ms 5 --ms 6

# A short run: one cell, one implementation, one JSON line.
"$bench" --transport lo --payloads 64 --batches 1 --impls bare-batch --ms 1 \
	--round 3 >"$work/run" 2>"$work/run.err" ||
	fail "short run failed: $(cat "$work/run.err")"
[ "$(wc -l <"$work/run")" -eq 1 ] || fail "short run: $(wc -l <"$work/run") lines, want 1"
grep -q '^{"suite":"io","impl":"bare-batch","transport":"lo","payload":64,"batch":1,"round":3,' "$work/run" ||
	fail "short run printed: $(cat "$work/run")"

[ "$failures" -eq 0 ] || exit 1
echo "io_bench: arguments and a short run as expected"
