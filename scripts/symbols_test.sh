#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# symbols_test.sh SHARED STATIC - //:symbols_test: runs scripts/check-symbols
# on the libipv4.so and libipv4.a that Bazel built, with the public names
# taken from the headers in the runfiles.
#
# Then it shows that the check can fail: it links mutants of the libraries
# from the same objects (cc from PATH) and expects check-symbols to reject
# each one with the right message:
#   - a .so that also exports text_str (an old internal name);
#   - a .so that hides one public function;
#   - a .so whose functions sit under another version node;
#   - a .so with another soname;
#   - a .a that also defines the global opt_set.
set -eu
if [ -n "${TEST_SRCDIR:-}" ]; then
  src="$TEST_SRCDIR/${TEST_WORKSPACE:-libipv4}"
else
  src=$(cd "$(dirname "$0")/.." && pwd)
fi
so=$1
ar=$2
check="$src/scripts/check-symbols"
"$check" "$so" "$ar" "$src/include"

work=${TEST_TMPDIR:-$(mktemp -d)}/mutants
rm -rf "$work"
mkdir -p "$work"
major=$("$src/scripts/lib-version" major "$src/include/ipv4/version.h")
first=$("$src/scripts/public-functions" "$src/include" | head -n 1)
printf 'int text_str(void);\nint text_str(void) { return 1; }\nint opt_set(void);\nint opt_set(void) { return 2; }\n' >"$work/extra.c"
cc -c -fPIC -o "$work/extra.o" "$work/extra.c"
cp "$ar" "$work/libipv4.a"
chmod u+w "$work/libipv4.a"

# mutant NAME SONAME MAP_BODY: links libipv4.a (+ extra.o) into NAME.so.
mutant() {
  printf '%s\n' "$3" >"$work/$1.map"
  cc -shared -o "$work/$1.so" -Wl,-soname,"$2" -Wl,--version-script="$work/$1.map" \
    -Wl,--whole-archive "$work/libipv4.a" -Wl,--no-whole-archive "$work/extra.o" -pthread
}
# expect_failure WHAT SHARED STATIC MESSAGE: check-symbols must fail, saying MESSAGE.
expect_failure() {
  if "$check" "$2" "$3" "$src/include" >"$work/out.txt" 2>&1; then
    echo "symbols_test: check-symbols accepted $1" >&2
    exit 1
  fi
  grep -q -- "$4" "$work/out.txt" || {
    cat "$work/out.txt" >&2
    echo "symbols_test: check-symbols rejected $1 without saying '$4'" >&2
    exit 1
  }
  echo "symbols_test: rejected as it should: $1"
}

mutant extra "libipv4.so.$major" "LIBIPV4_$major { global: ipv4_[a-z0-9]*; text_str; local: *; };"
expect_failure "a .so exporting text_str" "$work/extra.so" "$ar" "exports text_str"
mutant hidden "libipv4.so.$major" "LIBIPV4_$major { global: ipv4_[a-z0-9]*; local: $first; *; };"
expect_failure "a .so hiding $first" "$work/hidden.so" "$ar" "does not export $first"
mutant node "libipv4.so.$major" "LIBIPV4_$((major + 7)) { global: ipv4_[a-z0-9]*; local: *; };"
expect_failure "a .so under another version node" "$work/node.so" "$ar" "not under the version node LIBIPV4_$major"
mutant soname "libipv4.so.$((major + 7))" "LIBIPV4_$major { global: ipv4_[a-z0-9]*; local: *; };"
expect_failure "a .so with another soname" "$work/soname.so" "$ar" "soname is 'libipv4.so.$((major + 7))'"
ar rs "$work/libipv4.a" "$work/extra.o" 2>/dev/null
expect_failure "a .a defining opt_set" "$so" "$work/libipv4.a" "defines the global opt_set"
echo "symbols_test: the check passes on the built libraries and fails on each of 5 mutants"
