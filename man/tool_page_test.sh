#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# man/tool_page_test.sh - ipv4(1) documents the tool that is built.
#
#   tool_page_test.sh IPV4_TOOL ipv4.1
#
# From the tool's own --help texts:
#   - the subcommands `ipv4 --help` lists each have a subsection (.SS);
#   - its top-level options (--version) are in the page's `.SY ipv4` block;
#   - for each subcommand, the options its usage lines show (-h, --help
#     aside) are exactly those of the page's `.SY "ipv4 SUB"` blocks;
#   - each option it describes ("-i, --iface IF") but -j, --json (described
#     once for all) has an item in the page that starts the same way.
set -u

tool=$1
page=$2
tmp=${TEST_TMPDIR:-$(mktemp -d)}
fail=0
bad() {
  echo "FAIL: $*" >&2
  fail=1
}

# options: the options in standard input (-x and --long, not a lone -),
# sorted, -h and --help left out.
options() {
  grep -oE -- '(^|[][ |"])(-[A-Za-z]|--[a-z][a-z-]*)' | sed 's/^[][ |"]//' |
    grep -vxE -- '-h|--help' | LC_ALL=C sort -u
}

# synopsis WANT: the lines of the page's SYNOPSIS blocks `.SY WANT`.
synopsis() {
  awk -v want=".SY $1" '
    /^\.SH / { insyn = ($0 == ".SH SYNOPSIS"); on = 0; next }
    insyn && $0 == want { on = 1; next }
    on && /^\.(YS|SH)/ { on = 0 }
    on { print }
  ' "$tmp/page"
}

if ! "$tool" --help > "$tmp/help"; then
  bad "$tool --help failed"
  exit 1
fi
subs=$(awk '/^  [a-z]+ / { print $1 }' "$tmp/help" | sort -u)
[ -n "$subs" ] || { bad "no subcommand in the output of $tool --help"; exit 1; }

# The page with escapes resolved: "\-\-json" reads "--json".
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' "$page" > "$tmp/page"

grep '^  --' "$tmp/help" | options > "$tmp/tool_opts"
synopsis ipv4 | options > "$tmp/page_opts"
LC_ALL=C comm -23 "$tmp/tool_opts" "$tmp/page_opts" > "$tmp/missing"
[ -s "$tmp/missing" ] && bad "ipv4: not in the page's .SY ipv4 block:" $(cat "$tmp/missing")

for sub in $subs; do
  if ! "$tool" "$sub" --help > "$tmp/sub_help"; then
    bad "$tool $sub --help failed"
    continue
  fi
  grep -qx ".SS $sub" "$tmp/page" || bad "the page has no .SS $sub"
  # The usage lines: the first, and those after it that go on with
  # "ipv4 ..." or "[...".
  awk 'NR == 1 || /^ +(ipv4 |\[)/ { print; next } { exit }' "$tmp/sub_help" |
    options > "$tmp/tool_opts"
  synopsis "\"ipv4 $sub\"" | options > "$tmp/page_opts"
  if ! cmp -s "$tmp/tool_opts" "$tmp/page_opts"; then
    bad "ipv4 $sub: options of the usage and of the page's SYNOPSIS differ (< tool, > page):
$(diff "$tmp/tool_opts" "$tmp/page_opts")"
  fi
  # The options the help describes, as "-x, --long" or "--long".
  sed -n 's/^ \{1,\}\(-[A-Za-z], --[a-z][a-z-]*\).*/\1/p; s/^ \{1,\}\(--[a-z][a-z-]*\) .*/\1/p' \
    "$tmp/sub_help" | grep -vE -- '--(json|help)$' > "$tmp/described"
  while read -r item; do
    grep -q -- "^$item\( \|$\)" "$tmp/page" ||
      bad "ipv4 $sub: \"$item\" has no item of its own in the page"
  done < "$tmp/described"
done

[ "$fail" -eq 0 ] || exit 1
echo "PASS: ipv4(1) shows the options of every subcommand:" $subs
