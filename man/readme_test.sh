#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# man/readme_test.sh - the C snippets of README.md compile.
#
#   readme_test.sh README.md HEADER...
#
# Every ```c block of the README becomes the body of a function of its own
# in one file; its #include lines move to the top of the file. The function
# receives what a snippet may take from the surrounding program without
# declaring it: fd (a socket), and pkt and pkt_len (captured bytes). Anything
# else a snippet uses it must declare. The file is compiled with
# -Wall -Wextra -Werror as C11 and as C++17 (the public headers promise
# both), so a snippet that uses an undeclared name, a removed function, a
# wrong type or a conversion warning fails the test.
set -u

readme=$1
shift
first_header=$1
inc=$(dirname "$(dirname "$first_header")")
[ -f "$inc/ipv4/ipv4.h" ] || { echo "no ipv4/ipv4.h under $inc" >&2; exit 2; }

tmp=${TEST_TMPDIR:-$(mktemp -d)}
src=$tmp/readme_snippets.c

count=$(awk '
  /^```c[ \t]*$/ { n++ }
  END { print n + 0 }
' "$readme")
if [ "$count" -eq 0 ]; then
  echo "FAIL: no \`\`\`c block in $readme" >&2
  exit 1
fi

{
  echo '#include <stddef.h>'
  echo '#include <stdint.h>'
  echo '#include <stdio.h>'
  echo '#include <string.h>'
  awk '/^```c[ \t]*$/ { on = 1; next } /^```/ { on = 0 } on && /^#include/' "$readme"
  awk -v readme="$readme" '
    /^```c[ \t]*$/ {
      on = 1; n++
      printf "\n/* %s, C block %d (line %d) */\n", readme, n, NR
      printf "void readme_snippet_%d(int fd, const uint8_t *pkt, size_t pkt_len);\n", n
      printf "void readme_snippet_%d(int fd, const uint8_t *pkt, size_t pkt_len)\n{\n", n
      printf "\t(void)fd;\n\t(void)pkt;\n\t(void)pkt_len;\n"
      printf "#line %d \"%s\"\n", NR + 1, readme
      next
    }
    /^```/ && on { on = 0; print "}"; next }
    on && !/^#include/ { print }
    on && /^#include/ { print "" }
  ' "$readme"
} > "$src"

fail=0
cc=${CC:-cc}
cxx=${CXX:-c++}
if ! "$cc" -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -I"$inc" \
    -c "$src" -o "$tmp/readme_c.o"; then
  echo "FAIL: the README's C snippets do not compile as C11 ($src)" >&2
  fail=1
fi
if ! "$cxx" -x c++ -std=c++17 -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
    -I"$inc" -c "$src" -o "$tmp/readme_cxx.o"; then
  echo "FAIL: the README's C snippets do not compile as C++17 ($src)" >&2
  fail=1
fi
[ "$fail" -eq 0 ] || exit 1
echo "PASS: $count C snippets of $(basename "$readme") compile as C11 and C++17"
