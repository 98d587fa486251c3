#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# install_test.sh - //:install_test: what a packager does with the Makefile,
# checked end to end, offline, in a scratch directory:
#
#   1. make check, and make install into DESTDIR=<tmp>/dest with PREFIX=/opt/libipv4, a
#      non-default LIBDIR (lib/<multiarch>) and MANDIR, hardening LDFLAGS, CPPFLAGS
#      and WERROR=1; every flag reaches every compile and link line;
#   2. the installed tree: libipv4.so -> libipv4.so.MAJOR -> libipv4.so.X.Y.Z,
#      the .a, the headers, libipv4.pc (no rpath), the CMake package files,
#      the ipv4 tool, every man/*.1 and man/*.3 page (the sources are copied
#      and get two test pages of their own); only public symbols
#      under the version node (scripts/check-symbols); RELRO and BIND_NOW;
#      no rpath or runpath in the library or the tool; `ipv4 --help` runs,
#      `ipv4 --version` names the COMMIT given; the bash completion is there;
#   3. consumers of the installed tree: pkg-config (shared and -static),
#      the clash program (old internal names) against both libraries, CMake
#      find_package(libipv4) with libipv4::ipv4 (and a request for the next
#      major refused), Meson dependency('libipv4');
#   4. make uninstall leaves exactly the files that were there before.
set -eu
if [ -n "${TEST_SRCDIR:-}" ]; then
  src="$TEST_SRCDIR/${TEST_WORKSPACE:-libipv4}"
else
  src=$(cd "$(dirname "$0")/.." && pwd)
fi
work=${TEST_TMPDIR:-$(mktemp -d)}
# Work on a copy of the sources with two extra man pages, so that the man
# page install and uninstall are checked whichever real pages exist.
rm -rf "$work/src"
mkdir -p "$work/src"
(cd "$src" && tar -ch --exclude=./bazel-* --exclude=./build --exclude=./.git . ) | tar -x -C "$work/src"
src="$work/src"
mkdir -p "$src/man"
printf '.TH ZZ-INSTALL-TEST 1\n' >"$src/man/zz-install-test.1"
printf '.TH ZZ-INSTALL-TEST 3\n' >"$src/man/zz-install-test.3"
export HOME="$work/home"
mkdir -p "$HOME"
dest="$work/dest"
prefix=/opt/libipv4
# A non-default LIBDIR, as Debian's packages use: lib/<multiarch>, where
# CMake looks too.
multiarch=$(cc -print-multiarch 2>/dev/null || true)
libdir=$prefix/lib/${multiarch:-lib64}
mandir=$prefix/man
major=$("$src/scripts/lib-version" major "$src/include/ipv4/version.h")
minor=$("$src/scripts/lib-version" minor "$src/include/ipv4/version.h")
version=$("$src/scripts/lib-version" version "$src/include/ipv4/version.h")

fail() {
  echo "install_test: $*" >&2
  exit 1
}
step() {
  echo "install_test: $*"
}

# Files of another package in the same tree: uninstall must leave them.
mkdir -p "$dest$libdir" "$dest$prefix/include" "$dest$prefix/bin"
echo other >"$dest$libdir/libother.so.1"
echo other >"$dest$prefix/include/other.h"
before=$(cd "$dest" && find . ! -type d | sort)

set -- BUILDDIR="$work/build" DESTDIR="$dest" PREFIX="$prefix" LIBDIR="$libdir" \
  MANDIR="$mandir" WERROR=1 CFLAGS="-O2 -g" CPPFLAGS="-DLIBIPV4_CPPFLAGS_SEEN" COMMIT=0123abc \
  LDFLAGS="-Wl,-z,relro,-z,now"
make -C "$src" "$@" install >"$work/make.log" 2>&1 || {
  cat "$work/make.log" >&2; fail "make install failed"; }

# 1. The flags: every compile line has CPPFLAGS, every link line LDFLAGS.
compiles=$(grep -c -- ' -c .*\.c -o ' "$work/make.log" || true)
[ "$compiles" -gt 0 ] || fail "no compile line in the make log"
[ "$(grep -- ' -c .*\.c -o ' "$work/make.log" | grep -c -- '-DLIBIPV4_CPPFLAGS_SEEN')" -eq "$compiles" ] ||
  fail "CPPFLAGS is missing from a compile line"
[ "$(grep -- ' -c .*\.c -o ' "$work/make.log" | grep -c -- '-Werror')" -eq "$compiles" ] ||
  fail "WERROR=1 did not put -Werror on every compile line"
if make -n -C "$src" BUILDDIR="$work/build-nowerror" all 2>/dev/null | grep -q -- '-Werror'; then
  fail "-Werror is used without WERROR=1"
fi
links=$(grep -c -- '-o [^ ]*/\(libipv4\.so\.[0-9.]*\|ipv4\) ' "$work/make.log" || true)
[ "$links" -eq 2 ] || fail "expected 2 link lines (library, tool), found $links"
[ "$(grep -- '-o [^ ]*/\(libipv4\.so\.[0-9.]*\|ipv4\) ' "$work/make.log" | grep -c -- '-z,relro,-z,now')" -eq 2 ] ||
  fail "LDFLAGS is missing from a link line"
make -C "$src" "$@" check >"$work/check.log" 2>&1 || { cat "$work/check.log" >&2; fail "make check failed"; }
grep -q 'make check: passed' "$work/check.log" || fail "make check did not pass"
step "make check passed; make install: CPPFLAGS and -Werror (only with WERROR=1) on $compiles compile lines, LDFLAGS on both link lines"

# 2. The installed tree.
lib="$dest$libdir"
for f in "$libdir/libipv4.a" "$libdir/libipv4.so.$version" "$libdir/pkgconfig/libipv4.pc" \
  "$libdir/cmake/libipv4/libipv4Config.cmake" "$libdir/cmake/libipv4/libipv4ConfigVersion.cmake" \
  "$prefix/include/ipv4/ipv4.h" "$prefix/include/ipv4/version.h" "$prefix/bin/ipv4" \
  "$prefix/share/bash-completion/completions/ipv4"; do
  [ -f "$dest$f" ] || fail "$f not installed"
done
for h in "$src"/include/ipv4/*.h; do
  cmp -s "$h" "$dest$prefix/include/ipv4/$(basename "$h")" || fail "header $(basename "$h") not installed"
done
[ "$(readlink "$lib/libipv4.so")" = "libipv4.so.$major" ] || fail "libipv4.so is not a link to libipv4.so.$major"
[ "$(readlink "$lib/libipv4.so.$major")" = "libipv4.so.$version" ] ||
  fail "libipv4.so.$major is not a link to libipv4.so.$version"
pages=0
for page in "$src"/man/*.1 "$src"/man/*.3; do
  [ -f "$page" ] || continue
  section=${page##*.}
  cmp -s "$page" "$dest$mandir/man$section/$(basename "$page")" || fail "man page $(basename "$page") not installed"
  pages=$((pages + 1))
done
"$src/scripts/check-symbols" "$lib/libipv4.so" "$lib/libipv4.a" "$dest$prefix/include"
for elf in "$lib/libipv4.so.$version" "$dest$prefix/bin/ipv4"; do
  readelf -l -W "$elf" | grep -q GNU_RELRO || fail "$elf has no GNU_RELRO segment"
  readelf -d -W "$elf" | grep -Eq '\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*NOW' || fail "$elf is not linked with BIND_NOW"
  if readelf -d -W "$elf" | grep -Eq '\((RPATH|RUNPATH)\)'; then
    fail "$elf has an rpath or runpath"
  fi
done
readelf -d -W "$dest$prefix/bin/ipv4" | grep -q "NEEDED.*\[libipv4.so.$major\]" ||
  fail "the ipv4 tool does not link libipv4.so.$major"
LD_LIBRARY_PATH="$lib" "$dest$prefix/bin/ipv4" --help >"$work/help.txt" || fail "ipv4 --help failed"
grep -q . "$work/help.txt" || fail "ipv4 --help printed nothing"
LD_LIBRARY_PATH="$lib" "$dest$prefix/bin/ipv4" --version >"$work/version.txt" || fail "ipv4 --version failed"
[ "$(cat "$work/version.txt")" = "ipv4 (libipv4 $version, commit 0123abc)" ] ||
  fail "ipv4 --version does not name the library and the COMMIT given: $(cat "$work/version.txt")"
cmp -s "$src/cmd/ipv4/ipv4.bash-completion" "$dest$prefix/share/bash-completion/completions/ipv4" ||
  fail "the bash completion is not installed"
step "installed: links, headers, $pages man pages, bash completion, only public symbols, RELRO + BIND_NOW, no rpath, ipv4 --help and --version"

# 3. Consumers. pkg-config sees the staged tree through its sysroot.
export PKG_CONFIG_PATH="$lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$dest"
export PKG_CONFIG_LIBDIR="$lib/pkgconfig"
if grep -qi rpath "$lib/pkgconfig/libipv4.pc"; then
  fail "libipv4.pc injects an rpath"
fi
[ "$(pkg-config --modversion libipv4)" = "$version" ] || fail "pkg-config --modversion is not $version"
cc -std=c11 -Wall -Wextra -Werror -o "$work/smoke" "$src/scripts/install_smoke.c" \
  $(pkg-config --cflags --libs libipv4)
LD_LIBRARY_PATH="$lib" "$work/smoke" >/dev/null || fail "shared smoke failed (install_smoke.c checks the header text and the version)"
LD_LIBRARY_PATH="$lib" ldd "$work/smoke" | grep -q "$lib/libipv4.so.$major" ||
  fail "smoke is not linked to the installed libipv4.so.$major"

cc -static -std=c11 -Wall -Wextra -Werror -o "$work/smoke_static" "$src/scripts/install_smoke.c" \
  $(pkg-config --static --cflags --libs libipv4)
if readelf -d -W "$work/smoke_static" 2>/dev/null | grep -q 'NEEDED'; then
  fail "the -static smoke program needs shared libraries"
fi
"$work/smoke_static" >/dev/null || fail "static smoke failed (install_smoke.c checks the header text and the version)"
step "pkg-config: shared and static consumers print the header"

cc -std=c11 -Wall -Wextra -Werror -DCLASH_RESERVED -o "$work/clash" "$src/scripts/clash_test.c" \
  $(pkg-config --cflags --libs libipv4)
LD_LIBRARY_PATH="$lib" "$work/clash" >"$work/clash.log" || { cat "$work/clash.log" >&2; fail "clash program, shared"; }
cc -std=c11 -Wall -Wextra -Werror -o "$work/clash_static" "$src/scripts/clash_test.c" \
  $(pkg-config --cflags libipv4) "$lib/libipv4.a" -pthread
"$work/clash_static" >"$work/clash.log" || { cat "$work/clash.log" >&2; fail "clash program, static"; }
step "clash: a program defining text_str, opt_set, cmsg_put, shim_send works with both libraries"

mkdir -p "$work/cmake"
cp "$src/scripts/install_smoke.c" "$work/cmake/smoke.c"
cp "$src/scripts/smoke_header.h" "$work/cmake/"
cat >"$work/cmake/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.13)
project(consumer C)
find_package(libipv4 $major.$minor REQUIRED)
add_executable(smoke smoke.c)
target_link_libraries(smoke PRIVATE libipv4::ipv4)
EOF
cmake -S "$work/cmake" -B "$work/cmake/out" -G Ninja -DCMAKE_PREFIX_PATH="$dest$prefix" \
  >"$work/cmake.log" 2>&1 || { cat "$work/cmake.log" >&2; fail "cmake configure failed"; }
cmake --build "$work/cmake/out" >>"$work/cmake.log" 2>&1 || { cat "$work/cmake.log" >&2; fail "cmake build failed"; }
LD_LIBRARY_PATH="$lib" "$work/cmake/out/smoke" >/dev/null || fail "CMake smoke failed (install_smoke.c checks the header text and the version)"
grep -q "libipv4_DIR:PATH=$lib/cmake/libipv4" "$work/cmake/out/CMakeCache.txt" ||
  fail "CMake did not find the installed package"
mkdir -p "$work/cmake_next"
cat >"$work/cmake_next/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.13)
project(consumer NONE)
find_package(libipv4 $((major + 1)).0 QUIET)
if(libipv4_FOUND)
  message(FATAL_ERROR "libipv4 $version was accepted for a request of major $((major + 1))")
endif()
EOF
cmake -S "$work/cmake_next" -B "$work/cmake_next/out" -DCMAKE_PREFIX_PATH="$dest$prefix" \
  >"$work/cmake_next.log" 2>&1 || { cat "$work/cmake_next.log" >&2; fail "CMake accepted the next major"; }
step "CMake: find_package(libipv4 $major.$minor) builds with libipv4::ipv4; $((major + 1)).0 is refused"

mkdir -p "$work/meson"
cp "$src/scripts/install_smoke.c" "$work/meson/smoke.c"
cp "$src/scripts/smoke_header.h" "$work/meson/"
cat >"$work/meson/meson.build" <<EOF
project('consumer', 'c', default_options: ['c_std=c11', 'warning_level=2', 'werror=true'])
executable('smoke', 'smoke.c', dependencies: dependency('libipv4', version: '>=$major.$minor'))
EOF
meson setup "$work/meson/out" "$work/meson" >"$work/meson.log" 2>&1 || {
  cat "$work/meson.log" >&2; fail "meson setup failed"; }
ninja -C "$work/meson/out" >>"$work/meson.log" 2>&1 || { cat "$work/meson.log" >&2; fail "meson build failed"; }
LD_LIBRARY_PATH="$lib" "$work/meson/out/smoke" >/dev/null || fail "Meson smoke failed (install_smoke.c checks the header text and the version)"
step "Meson: dependency('libipv4') builds and runs"

# 4. Uninstall.
make -C "$src" "$@" uninstall >"$work/uninstall.log" 2>&1 || {
  cat "$work/uninstall.log" >&2; fail "make uninstall failed"; }
after=$(cd "$dest" && find . ! -type d | sort)
if [ "$before" != "$after" ]; then
  printf '%s\n' "$before" >"$work/before.txt"
  printf '%s\n' "$after" >"$work/after.txt"
  diff "$work/before.txt" "$work/after.txt" >&2 || true
  fail "make uninstall did not restore the file list"
fi
[ ! -e "$dest$prefix/include/ipv4" ] || fail "include/ipv4 is left behind"
step "make uninstall: the tree holds exactly the files it held before"
