#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# man/man_selftest.sh - shows that man_test.sh fails when it should: runs
# it on copies of the headers and pages, each spoilt in one way, and
# expects a failure naming the fault; and on the unspoilt copies, expecting
# a pass.
#
#   man_selftest.sh MAN_TEST HEADER... -- PAGE...   (the *.h are headers)
set -u

man_test=$1
shift
files="$*"

tmp=${TEST_TMPDIR:-$(mktemp -d)}/selftest
fail=0

hfiles=""
pfiles=""
for f in $files; do
  case "$f" in
    --) ;;
    *.h) hfiles="$hfiles $f" ;;
    *) pfiles="$pfiles $f" ;;
  esac
done

# fresh: copies of the headers (the *.h arguments) and the pages (the
# others but "--") into $tmp/h and $tmp/m.
fresh() {
  rm -rf "$tmp"
  mkdir -p "$tmp/h" "$tmp/m"
  # shellcheck disable=SC2086
  cp $hfiles "$tmp/h/" && cp $pfiles "$tmp/m/"
}

# expect WHAT PATTERN [render]: run man_test.sh on the copies; it must fail
# with a message matching PATTERN. The pages are rendered only when the
# third argument is "render" (the other cases spoil no markup).
# The headers are those of $hdir ($tmp/h unless a case says otherwise),
# and $names_arg, when set, is passed first.
hdir=""
names_arg=""
expect() {
  what=$1
  pattern=$2
  render=0
  [ "${3:-}" = render ] && render=1
  # shellcheck disable=SC2086
  if out=$(MAN_TEST_RENDER=$render sh "$man_test" $names_arg \
      "${hdir:-$tmp/h}"/*.h -- "$tmp"/m/* 2>&1); then
    echo "FAIL: $what: man_test.sh passed" >&2
    fail=1
  elif ! printf '%s\n' "$out" | grep -q "$pattern"; then
    echo "FAIL: $what: man_test.sh failed without saying \"$pattern\":" >&2
    printf '%s\n' "$out" >&2
    fail=1
  else
    echo "ok: $what"
  fi
}

fresh
if ! sh "$man_test" "$tmp"/h/*.h -- "$tmp"/m/* > /dev/null; then
  echo "FAIL: man_test.sh fails on the unspoilt copies" >&2
  fail=1
fi

# A new public function that no page documents.
fresh
printf '%s\n' 'IPV4_EXPORT int ipv4_header_frobnicate(int x);' \
  >> "$tmp/h/header.h"
expect "undocumented new function" "ipv4_header_frobnicate (header.h) is in no page"

# A declaration split over lines, with the name on the second.
fresh
printf '%s\n' 'IPV4_EXPORT const char *' 'ipv4_error_extra(int code);' \
  >> "$tmp/h/error.h"
expect "undocumented function declared over two lines" "ipv4_error_extra (error.h)"

# A function dropped from its page's SYNOPSIS.
fresh
sed -i '/\\fBipv4_checksum\\fP(/d' "$tmp/m/ipv4_header.3"
expect "function missing from SYNOPSIS" "ipv4_checksum (header.h) is in no page"

# A prototype that no longer matches the header (a type changed).
fresh
sed -i 's/ipv4_conn_set_ttl\\fP(struct ipv4_conn \*c, int ttl)/ipv4_conn_set_ttl\\fP(struct ipv4_conn *c, unsigned ttl)/' \
  "$tmp/m/ipv4_conn.3"
expect "prototype unlike the header's" "ipv4_conn.3 shows .*unsigned ttl"

# A function left out of its page's NAME section.
fresh
sed -i 's/^ipv4_icmp_filter_will_block, //' "$tmp/m/ipv4_icmp_filter.3"
expect "function missing from NAME" "ipv4_icmp_filter_will_block is in its SYNOPSIS but not in its NAME"

# A function documented under the wrong header.
fresh
sed -i 's|^\.B #include <ipv4/error.h>|.B #include <ipv4/icmp.h>|' \
  "$tmp/m/ipv4_errors.3"
expect "function under the wrong #include" "ipv4_strerror (error.h) is in no page"

# A page that documents a function which does not exist (a removed name).
fresh
printf '%s\n' '.PP' 'Call \fBipv4_raw_conn_set_ttl\fP(rc, 64).' \
  >> "$tmp/m/ipv4_raw_conn.3"
expect "removed function named in the text" "names ipv4_raw_conn_set_ttl"

fresh
sed -i 's/^ipv4_igmp, ipv4_igmp_parse,/ipv4_igmp, ipv4_igmp_record_size, ipv4_igmp_parse,/' \
  "$tmp/m/ipv4_igmp.3"
expect "removed function in NAME" "names ipv4_igmp_record_size"

# Pages that do not render cleanly.
fresh
printf '%s\n' '.SH EXTRA' '.BOGUS macro' >> "$tmp/m/ipv4_options.3"
expect "unknown macro" "ipv4_options.3" render

fresh
sed -i 's/^\.TH IPV4_CONN 3 .*/.TH IPV4_CONN 3/' "$tmp/m/ipv4_conn.3"
expect "incomplete .TH" "mandoc lint of .*ipv4_conn.3" render

# A new version in version.h, pages not updated.
fresh
sed -i 's/^#define IPV4_LIB_VERSION_STRING "[^"]*"/#define IPV4_LIB_VERSION_STRING "9.9.9"/' \
  "$tmp/h/version.h"
expect "pages of an older version" "does not name libipv4 9.9.9"

# --names-from: a reader of the headers that finds a function this test
# does not.
fresh
printf '%s\n' '#!/bin/sh' \
  'for h in "$1"/ipv4/*.h; do' \
  '  sed -n "s/^IPV4_EXPORT[^(]*[ *]\(ipv4_[a-z0-9_]*\)(.*/\1/p" "$h"' \
  'done' 'echo ipv4_phantom' > "$tmp/names"
mkdir -p "$tmp/inc/ipv4"
cp "$tmp"/h/*.h "$tmp/inc/ipv4/"
hdir="$tmp/inc/ipv4"
names_arg="--names-from=$tmp/names"
expect "--names-from with a name more" "^< ipv4_phantom"
hdir=""
names_arg=""

# An unreadable declaration must fail rather than be skipped.
fresh
printf '%s\n' 'IPV4_EXPORT int (*ipv4_hook)(void);' >> "$tmp/h/io.h"
expect "declaration the reader cannot parse" "cannot read every IPV4_EXPORT declaration in .*io.h"

rm -rf "$tmp"
if [ "$fail" -ne 0 ]; then
  exit 1
fi
echo "PASS: man_test.sh fails on every spoilt copy"
