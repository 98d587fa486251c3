#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# conformance/porting_test.sh CHECK PORTING.md SCRIPT... - the smallest
# socket probe of PORTING.md, cut from the guide itself, runs through the
# request scripts with --impl any --allow-unsupported, and its summary lines
# must be those the guide quotes between <!-- porting-counts --> markers:
# what it supports passes, the rest is counted as unsupported (or blocked),
# nothing fails.
set -u

check=$1
guide=$2
shift 2
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/porting.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

awk '/^```python$/ { on = 1; next } /^```$/ { on = 0 } on' "$guide" >"$tmp/probe.py"
if [ ! -s "$tmp/probe.py" ]; then
	echo "FAIL: no python block in $guide" >&2
	exit 1
fi
chmod +x "$tmp/probe.py"
awk '/<!-- porting-counts -->/ { on = 1; next } /<!-- \/porting-counts -->/ { on = 0 }
	on { sub(/^ +/, ""); print }' "$guide" >"$tmp/want"
"$check" --impl any --allow-unsupported "$tmp/probe.py" "$@" >"$tmp/got" 2>&1
grep -E '^[a-z]+: [0-9]+ passed' "$tmp/got" >"$tmp/summary"
if ! diff -u "$tmp/want" "$tmp/summary"; then
	echo "FAIL: the smallest probe's counts are not those PORTING.md quotes" >&2
	cat "$tmp/got" >&2
	exit 1
fi
if ! grep -q ' unsupported' "$tmp/summary" || grep -qv ' 0 failed' "$tmp/summary"; then
	echo "FAIL: expected unsupported answers and no failure" >&2
	exit 1
fi
cat "$tmp/summary"
