#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# man/tool_page_selftest.sh - shows that tool_page_test.sh fails when the
# page and the tool disagree: a page that lost an option, and a tool that
# gained one.
#
#   tool_page_selftest.sh TOOL_PAGE_TEST IPV4_TOOL ipv4.1
set -u

check=$1
tool=$2
page=$3
tmp=${TEST_TMPDIR:-$(mktemp -d)}/tool_page_selftest
mkdir -p "$tmp"
fail=0

expect_fail() {
  what=$1
  shift
  if sh "$check" "$@" > "$tmp/out" 2>&1; then
    echo "FAIL: $what: tool_page_test.sh passed" >&2
    fail=1
  else
    echo "ok: $what"
  fi
}

# The page without --rate (its SYNOPSIS entry and its item).
grep -v 'rate' "$page" > "$tmp/ipv4.1"
expect_fail "page without --rate" "$tool" "$tmp/ipv4.1"

# A tool whose send subcommand has an option the page does not show.
cat > "$tmp/tool" <<EOF2
#!/bin/sh
if [ "\$1" = send ] && [ "\$2" = --help ]; then
  "$tool" send --help | sed '1s/\$/ [--burst B]/'
else
  exec "$tool" "\$@"
fi
EOF2
chmod +x "$tmp/tool"
expect_fail "tool with a new send option" "$tmp/tool" "$page"

if ! sh "$check" "$tool" "$page" > "$tmp/out" 2>&1; then
  echo "FAIL: tool_page_test.sh fails on the real tool and page:" >&2
  cat "$tmp/out" >&2
  fail=1
fi

rm -rf "$tmp"
[ "$fail" -eq 0 ] || exit 1
echo "PASS: tool_page_test.sh fails when the page and the tool disagree"
