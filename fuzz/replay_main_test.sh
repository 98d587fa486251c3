#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# replay_main_test.sh HARNESS - the replay main (fuzz/replay_main.c) counts
# what it ran and fails, naming the input, on whatever it could not read:
# a missing file, a dangling link in a directory, a directory entry whose
# path is too long. A replay that skipped an input would pass having
# checked nothing.
set -u
harness=$1
tmp=${TEST_TMPDIR:-$(mktemp -d)}/replay
fail=0
check() { # WHAT CONDITION...
	what=$1
	shift
	if "$@"; then :; else
		echo "FAIL: $what" >&2
		fail=1
	fi
}
# run ARGS...: the harness's exit status in $rc, its stderr in $tmp/err.
run() {
	"$harness" "$@" 2>"$tmp/err"
	rc=$?
}

rm -rf "$tmp"
mkdir -p "$tmp/good"
printf 'E\000' >"$tmp/good/a"
printf '\105\000\000\024' >"$tmp/good/b"
mkdir "$tmp/good/sub"

run "$tmp/good"
check "a directory of two files replays both" [ "$rc" = 0 ]
check "the count names two inputs (a subdirectory is not one)" \
	grep -qx 'replay: 2 input(s)' "$tmp/err"

run "$tmp/good" "$tmp/good/a"
check "files and directories add up" grep -qx 'replay: 3 input(s)' "$tmp/err"

run "$tmp/missing"
check "a missing file fails with status 2" [ "$rc" = 2 ]
check "and is named" grep -q "$tmp/missing" "$tmp/err"

mkdir "$tmp/dangling"
cp "$tmp/good/a" "$tmp/dangling/a"
ln -s "$tmp/nowhere" "$tmp/dangling/link"
run "$tmp/dangling"
check "a dangling link in a directory fails with status 2" [ "$rc" = 2 ]
check "and is named" grep -q 'dangling/link: No such file' "$tmp/err"
check "the readable file still ran" grep -qx 'replay: 1 input(s)' "$tmp/err"

# A directory path near PATH_MAX whose entry's path would pass 4096 bytes:
# the entry is created from inside, where its relative path is short.
long=$tmp/long
seg=$(printf '%0200d' 0)
i=0
while [ $i -lt 19 ]; do
	long=$long/$seg
	i=$((i + 1))
done
mkdir -p "$long"
(cd "$long" && : >"$(printf '%0250d' 1)")
run "$long"
check "an entry whose path is too long fails with status 2" [ "$rc" = 2 ]
check "and says so" grep -q ': path too long$' "$tmp/err"

rm -rf "$tmp"
[ "$fail" = 0 ] && echo "replay_main_test: all checks passed"
exit "$fail"
