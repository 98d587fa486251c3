#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# abi_test.sh - //:abi_test: builds libipv4.so from the sources (with
# scripts/abi-dump, as the baseline was recorded) and compares its ABI with
# the committed baseline abi/libipv4.so.MAJOR.abi using abidiff. Passes when
# nothing changed or functions were only added; fails on any other change
# (a function removed, a parameter, return or struct type changed, the
# soname changed), printing abidiff's report. docs/ABI.md says what to do.
#
# MAJOR is read from include/ipv4/version.h: after a major version bump the
# baseline for the old major no longer applies and the test says that the
# baseline must be re-recorded (scripts/abi-baseline).
set -eu
if [ -n "${TEST_SRCDIR:-}" ]; then
  src="$TEST_SRCDIR/${TEST_WORKSPACE:-libipv4}"
else
  src=$(cd "$(dirname "$0")/.." && pwd)
fi
work=${TEST_TMPDIR:-$(mktemp -d)}
major=$("$src/scripts/lib-version" major "$src/include/ipv4/version.h")
baseline="$src/abi/libipv4.so.$major.abi"
if [ ! -f "$baseline" ]; then
  have=$(cd "$src/abi" 2>/dev/null && ls ./*.abi 2>/dev/null | sed 's|^\./||' | tr '\n' ' ')
  echo "abi_test: include/ipv4/version.h says major version $major, but there is no baseline" >&2
  echo "abi_test: abi/libipv4.so.$major.abi (baselines present: ${have:-none})." >&2
  echo "abi_test: a new major version needs its own baseline: run scripts/abi-baseline and commit abi/libipv4.so.$major.abi" >&2
  exit 1
fi

"$src/scripts/abi-dump" "$src" "$work/abi" "$work/current.abi"
status=0
abidiff --no-added-syms "$baseline" "$work/current.abi" >"$work/abidiff.txt" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  cat "$work/abidiff.txt" >&2
  what="an ABI change"
  [ $((status & 8)) -ne 0 ] && what="an incompatible ABI change"
  [ $((status & 3)) -ne 0 ] && what="an abidiff error (status $status)"
  echo "abi_test: $what against abi/libipv4.so.$major.abi." >&2
  echo "abi_test: within major version $major only functions may be added (docs/ABI.md)." >&2
  echo "abi_test: if the change is meant, raise IPV4_LIB_VERSION_MAJOR and record the new baseline with scripts/abi-baseline." >&2
  exit 1
fi
added=$(abidiff "$baseline" "$work/current.abi" 2>/dev/null | sed -n 's/.*, \([0-9][0-9]*\) Added function.*/\1/p' | head -n 1)
echo "abi_test: libipv4.so.$major keeps the ABI of abi/libipv4.so.$major.abi (functions added since: ${added:-0})"
