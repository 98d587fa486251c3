#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# purity_test.sh ARCHIVE... - fails when the codec archive imports a symbol
# that is not in allowed_imports.txt: no malloc, no socket call, no printf.
# A symbol one member of the archive defines for another is not an import.
set -eu
allowed="$(dirname "$0")/allowed_imports.txt"
status=0
checked=0
for lib in "$@"; do
  case "$lib" in *.a | *.lo) ;; *) continue ;; esac
  checked=$((checked + 1))
  defined=$(nm --defined-only "$lib" | awk 'NF == 3 {print $3}' | sort -u)
  imports=$(nm -u "$lib" | awk '{print $NF}' | grep -v ':$' | sort -u)
  for sym in $imports; do
    case "$sym" in __asan_*|__ubsan_*|__sanitizer_*|__msan_*|__sancov_*|__llvm_*) continue ;; esac
    if printf '%s\n' "$defined" | grep -qx "$sym"; then
      continue
    fi
    if ! grep -qx "$sym" "$allowed"; then
      echo "purity_test: $lib imports $sym, which the codec must not use" >&2
      status=1
    fi
  done
  echo "purity_test: $lib: imports: $(printf '%s ' $imports)"
done
if [ "$checked" -eq 0 ]; then
  echo "purity_test: no archive given" >&2
  exit 1
fi
[ "$status" -eq 0 ] && echo "purity_test: $checked archive(s) import only allowed symbols"
exit $status
