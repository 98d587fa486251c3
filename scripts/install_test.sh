#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# install_test.sh - make install into a scratch prefix, then build and run a
# program with nothing but `pkg-config --cflags --libs libipv4`, once against
# the shared library and once statically.
set -eu
if [ -n "${TEST_SRCDIR:-}" ]; then
  src="$TEST_SRCDIR/${TEST_WORKSPACE:-libipv4}"
else
  src=$(cd "$(dirname "$0")/.." && pwd)
fi
work=${TEST_TMPDIR:-$(mktemp -d)}
prefix="$work/prefix"
expected="ver=4 hdrlen=20 tos=0x1 totallen=48879 id=0xcafe flags=0x2 fragoff=0x5dc ttl=255 proto=1 cksum=0xdead src=172.16.254.254 dst=192.168.0.1"

make -s -C "$src" BUILDDIR="$work/build" PREFIX="$prefix" install >"$work/make.log" 2>&1 || {
  cat "$work/make.log" >&2; echo "install_test: make install failed" >&2; exit 1; }
for f in lib/libipv4.a lib/libipv4.so lib/pkgconfig/libipv4.pc include/ipv4/header.h include/ipv4/error.h; do
  [ -f "$prefix/$f" ] || { echo "install_test: $f not installed" >&2; exit 1; }
done

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs libipv4)
cc -std=c11 -Wall -Wextra -Werror -o "$work/smoke" "$src/scripts/install_smoke.c" $flags
got=$("$work/smoke")
[ "$got" = "$expected" ] || { echo "install_test: shared: got '$got'" >&2; exit 1; }
ldd "$work/smoke" | grep -q "$prefix/lib/libipv4.so" || {
  echo "install_test: smoke is not linked to the installed libipv4.so" >&2; exit 1; }

cc -std=c11 -Wall -Wextra -Werror -o "$work/smoke_static" "$src/scripts/install_smoke.c" \
  $(pkg-config --cflags libipv4) "$prefix/lib/libipv4.a"
got=$("$work/smoke_static")
[ "$got" = "$expected" ] || { echo "install_test: static: got '$got'" >&2; exit 1; }
echo "install_test: installed under $prefix; shared and static builds print the header"
