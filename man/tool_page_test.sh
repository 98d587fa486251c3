#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# man/tool_page_test.sh - ipv4(1) documents the tool that is built.
#
#   tool_page_test.sh IPV4_TOOL ipv4.1
#
# The subcommands are those `ipv4 --help` lists; for each, the options its
# own --help prints (--help aside) must be exactly the options the page's
# SYNOPSIS shows for it, the page must have a subsection (.SS) for it, and
# each of those options but --json an item (.BI --opt ARG) of its own.
set -u

tool=$1
page=$2
tmp=${TEST_TMPDIR:-$(mktemp -d)}
fail=0

# options: the --long options in standard input, sorted, --help left out.
options() {
  grep -o -- '--[a-z][a-z-]*' | grep -vx -- '--help' | sort -u
}

if ! "$tool" --help > "$tmp/help"; then
  echo "FAIL: $tool --help failed" >&2
  exit 1
fi
subs=$(awk '/^  [a-z]+ / { print $1 }' "$tmp/help")
if [ -z "$subs" ]; then
  echo "FAIL: no subcommand in the output of $tool --help" >&2
  exit 1
fi

# The page with escapes resolved: "\-\-json" reads "--json".
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page" > "$tmp/page"

for sub in $subs; do
  if ! "$tool" "$sub" --help > "$tmp/sub_help"; then
    echo "FAIL: $tool $sub --help failed" >&2
    fail=1
    continue
  fi
  # The usage lines only: up to the first line that is not usage.
  awk 'NR == 1 || /^  +\[/ { print; next } { exit }' "$tmp/sub_help" |
    options > "$tmp/tool_opts"
  [ -s "$tmp/tool_opts" ] || options < "$tmp/sub_help" > "$tmp/tool_opts"
  # The page's SYNOPSIS block for the subcommand: from .SY "ipv4 SUB" to
  # its .YS.
  awk -v want=".SY \"ipv4 $sub\"" '
    /^\.SH / { insyn = ($0 == ".SH SYNOPSIS"); on = 0; next }
    insyn && $0 == want { on = 1; next }
    on && /^\.(YS|SH)/ { on = 0 }
    on { print }
  ' "$tmp/page" | options > "$tmp/page_opts"
  if ! cmp -s "$tmp/tool_opts" "$tmp/page_opts"; then
    echo "FAIL: ipv4 $sub: options of --help and of the page's SYNOPSIS differ" \
      "(< tool, > page):" >&2
    diff "$tmp/tool_opts" "$tmp/page_opts" >&2
    fail=1
  fi
  grep -qx ".SS $sub" "$tmp/page" ||
    { echo "FAIL: the page has no .SS $sub" >&2; fail=1; }
  # Every option but --json (described once for all) has an item of its
  # own: a ".BI --opt ARG" or ".B --opt" line.
  grep -vx -- '--json' "$tmp/tool_opts" | while read -r opt; do
    grep -q -- "^\.BI* $opt\( \|$\)" "$tmp/page" ||
      echo "FAIL: ipv4 $sub $opt has no item of its own in the page" >&2
  done > "$tmp/items" 2>&1
  if [ -s "$tmp/items" ]; then
    cat "$tmp/items" >&2
    fail=1
  fi
done

[ "$fail" -eq 0 ] || exit 1
echo "PASS: ipv4(1) shows the options of every subcommand:" $subs
