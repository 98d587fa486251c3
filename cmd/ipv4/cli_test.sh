#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# cmd/ipv4/cli_test.sh - the ipv4 binary as its users meet it: exit
# statuses, --help, error messages in words, decode from an argument and
# from stdin. Needs no network and no privilege (the netns suite runs join
# and send against real peers).
set -u
ipv4=$1
failures=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# expect STATUS TEXT-IN-STDOUT-OR-'' TEXT-IN-STDERR-OR-'' -- ARGS...
expect() {
  want=$1 want_out=$2 want_err=$3
  [ "$4" = "--" ] || { echo "test bug: expect $*"; exit 2; }
  shift 4
  "$ipv4" "$@" >"$out" 2>"$err" </dev/null
  got=$?
  ok=1
  [ "$got" -eq "$want" ] || ok=0
  if [ -n "$want_out" ] && ! grep -qF -- "$want_out" "$out"; then ok=0; fi
  if [ -n "$want_err" ] && ! grep -qF -- "$want_err" "$err"; then ok=0; fi
  if [ $ok -eq 0 ]; then
    failures=$((failures + 1))
    echo "FAIL: ipv4 $*: status $got (want $want)"
    echo "  stdout: $(cat "$out")"
    echo "  stderr: $(cat "$err")"
  fi
}

# expect_stdin STATUS TEXT-IN-STDOUT INPUT -- ARGS...
expect_stdin() {
  want=$1 want_out=$2 input=$3
  [ "$4" = "--" ] || { echo "test bug: expect_stdin $*"; exit 2; }
  shift 4
  printf '%s' "$input" | "$ipv4" "$@" >"$out" 2>"$err"
  got=$?
  if [ "$got" -ne "$want" ] || { [ -n "$want_out" ] && ! grep -qF -- "$want_out" "$out"; }; then
    failures=$((failures + 1))
    echo "FAIL: ipv4 $* < '$input': status $got (want $want)"
    echo "  stdout: $(cat "$out")"
    echo "  stderr: $(cat "$err")"
  fi
}

igmp="46c00028 00004000 01023ce6 c6120101 e0000016 94040000 2200e8f9 00000001 04000000 ef010203"
go_example=4501beefcafe45dcff01deadac10fefec0a80001

# The tool and its help.
expect 2 '' 'usage: ipv4 SUBCOMMAND' --
expect 0 'usage: ipv4 SUBCOMMAND' '' -- --help
expect 0 'Exit status: 0 done' '' -- help
expect 2 '' 'ipv4: unknown subcommand "bogus"' -- bogus
expect 0 'usage: ipv4 decode' '' -- decode --help
expect 0 'usage: ipv4 join' '' -- join --help
expect 0 'usage: ipv4 send' '' -- send -h

# decode: the statuses 0, 1, 3, and 2 for usage.
expect 0 'igmp           v3-report records=1 to_ex group=239.1.2.3' '' -- decode "$igmp"
expect 0 '"valid":true' '' -- decode --json "$igmp"
expect 3 'checks: fail: total length out of range (IPV4_ETOTALLEN)' '' -- decode $go_example
expect 1 '' 'ipv4: decode: not an IPv4 header: header too short (IPV4_ESHORT)' -- decode 4500
expect 1 '{"decoded":false' 'ipv4: decode: not an IPv4 header' -- decode --json 4500
expect 1 '' "ipv4: decode: the input is not hex: 'z' at offset 2" -- decode 45zz
expect 1 '' 'ipv4: decode: the input has an odd number of hex digits' -- decode 450
expect 2 '' 'ipv4: decode: unexpected argument "00"' -- decode 45 00
expect_stdin 0 'destination    224.0.0.22' "$igmp" -- decode
expect_stdin 0 'checksum       0x3ce6 (correct)' "$igmp" -- decode -
expect_stdin 3 'checksum       0xdead (wrong: should be ' "$go_example" -- decode -
expect_stdin 1 '' '' -- decode
expect_stdin 1 '' 'zz' -- decode

# join and send: argument and interface errors, in words.
expect 2 '' 'ipv4: join: --iface is required' -- join 239.1.2.3
expect 2 '' 'ipv4: join: 10.0.0.1 is not a multicast group (224.0.0.0/4)' -- join 10.0.0.1 --iface lo
expect 2 '' 'ipv4: join: --source and --exclude cannot be mixed' -- \
  join 239.1.2.3 --iface lo --source 10.0.0.1 --exclude 10.0.0.2
expect 1 '' 'ipv4: join: interface "en9" not found' -- join 239.1.2.3 --iface en9 --port 5000
expect 2 '' 'ipv4: send: --port is required' -- send 10.0.0.1
expect 2 '' 'ipv4: send: --ttl: "0" is not a number from 1 to 255' -- send 10.0.0.1 --port 9 --ttl 0
expect 1 '' 'ipv4: send: interface "en9" not found' -- send 10.0.0.1 --port 9 --iface en9

# No message may be a bare errno number.
for args in "join 239.1.2.3 --iface en9" "send 10.0.0.1 --port 9 --iface en9" "decode 4500"; do
  # shellcheck disable=SC2086
  "$ipv4" $args >/dev/null 2>"$err"
  if grep -qE 'errno|error -?[0-9]+|: -?[0-9]+$' "$err"; then
    failures=$((failures + 1))
    echo "FAIL: ipv4 $args: a number instead of words: $(cat "$err")"
  fi
done

if [ $failures -ne 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "all passed"
