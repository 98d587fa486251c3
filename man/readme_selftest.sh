#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# man/readme_selftest.sh - shows that readme_test.sh fails when it should:
# on a README whose snippet uses names it never declares (the socket
# snippet before 1.0), calls a removed function, or triggers a warning,
# and on a README without C blocks; and that it passes a good one.
#
#   readme_selftest.sh README_TEST HEADER...
set -u

readme_test=$1
shift
tmp=${TEST_TMPDIR:-$(mktemp -d)}/readme_selftest
mkdir -p "$tmp"
fail=0
fence='```'

# readme LINE...: writes $tmp/README.md, one C block holding the lines.
readme() {
  { echo "${fence}c"; printf '%s\n' "$@"; echo "$fence"; } > "$tmp/README.md"
}

# expect_fail WHAT HEADER...: readme_test.sh must fail on $tmp/README.md.
expect_fail() {
  what=$1
  shift
  if sh "$readme_test" "$tmp/README.md" "$@" > "$tmp/out" 2>&1; then
    echo "FAIL: $what: readme_test.sh passed" >&2
    fail=1
  else
    echo "ok: $what"
  fi
}

readme 'struct ipv4_packet_conn pc;' \
  'ipv4_packet_conn_init(&pc, fd);' \
  'ipv4_packet_conn_join_group(&pc, ifindex, &group);' \
  'n = ipv4_packet_conn_read_from(&pc, buf, sizeof(buf), &cm, &src);'
expect_fail "snippet with undeclared names" "$@"

readme '#include <ipv4/ipv4.h>' 'struct ipv4_raw_conn rc;' \
  'if (ipv4_raw_conn_init(&rc, fd) == 0)' '	ipv4_raw_conn_set_ttl(&rc, 64);'
expect_fail "removed function" "$@"

readme '#include <ipv4/ipv4.h>' 'int unused_result = 0;'
expect_fail "warning (unused variable)" "$@"

readme '#include <ipv4/ipv4.h>' 'char buf[64];' 'const char *p = buf;' \
  'ipv4_header_parse(NULL, p, sizeof(buf), IPV4_FORMAT_WIRE);'
expect_fail "pointer-sign mismatch" "$@"

printf '%s\n' "${fence}sh" 'make install' "$fence" > "$tmp/README.md"
expect_fail "no C block" "$@"

readme '#include <ipv4/ipv4.h>' 'printf("%s\n", ipv4_strerror(IPV4_EINVAL));'
if ! sh "$readme_test" "$tmp/README.md" "$@" > "$tmp/out" 2>&1; then
  echo "FAIL: a good snippet: readme_test.sh failed:" >&2
  cat "$tmp/out" >&2
  fail=1
else
  echo "ok: a good snippet passes"
fi

rm -rf "$tmp"
[ "$fail" -eq 0 ] || exit 1
echo "PASS: readme_test.sh fails on every broken README"
