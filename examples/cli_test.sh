#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# examples/cli_test.sh - the examples as their users meet them: --help says
# what privilege each needs, and an error ends the line it interrupts (no
# dangling " 1 " from traceroute). The traceroute check runs in a network
# namespace of its own with no route (unshare -n, or -rn unprivileged).
#
#   cli_test.sh TRACEROUTE OSPF_HELLO MARKING_TCP MDNS_ONESHOT
set -u
traceroute=$1 ospf_hello=$2 marking_tcp=$3 mdns_oneshot=$4
failures=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

fail() {
  failures=$((failures + 1))
  echo "FAIL: $*"
}

# help PROGRAM TEXT: --help exits 0 and says TEXT.
help() {
  "$1" --help >"$out" 2>&1 || fail "$(basename "$1") --help: status $?"
  grep -qF -- "$2" "$out" || fail "$(basename "$1") --help does not say: $2"
  grep -qF -- 'Exit status: 0 ' "$out" || fail "$(basename "$1") --help gives no exit status"
}
help "$traceroute" 'Needs CAP_NET_RAW'
help "$ospf_hello" 'Needs CAP_NET_RAW'
help "$marking_tcp" 'a port below 1024 needs'
help "$mdns_oneshot" 'Needs no privilege'

# traceroute where nothing is reachable: the header, then the error on
# stderr, and no half line on stdout.
isolate=
for u in "unshare -n" "unshare -rn"; do
  if $u true 2>/dev/null; then isolate=$u; break; fi
done
if [ -z "$isolate" ]; then
  fail "cannot make a network namespace (unshare -n and -rn refused)"
else
  $isolate "$traceroute" --max-hops 2 --wait 1 198.51.100.1 >"$out" 2>"$err"
  rc=$?
  [ $rc -eq 1 ] || fail "traceroute without a route: status $rc (want 1)"
  want='traceroute to 198.51.100.1 (198.51.100.1), 2 hops max, udp probes'
  if [ "$(cat "$out")" != "$want" ]; then
    fail "traceroute without a route printed: $(od -c "$out" | head -5)"
  fi
  if [ -n "$(tail -c 1 "$out")" ]; then
    fail "traceroute's stdout does not end its last line"
  fi
  grep -q '^traceroute: probe with TTL 1: network unreachable$' "$err" ||
    fail "traceroute's error: $(cat "$err")"
fi

if [ $failures -ne 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "all passed"
