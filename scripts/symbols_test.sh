#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# symbols_test.sh SHARED STATIC - //:symbols_test: runs scripts/check-symbols
# on the libipv4.so and libipv4.a that Bazel built, with the public names
# taken from the headers in the runfiles.
set -eu
if [ -n "${TEST_SRCDIR:-}" ]; then
  src="$TEST_SRCDIR/${TEST_WORKSPACE:-libipv4}"
else
  src=$(cd "$(dirname "$0")/.." && pwd)
fi
exec "$src/scripts/check-symbols" "$1" "$2" "$src/include"
