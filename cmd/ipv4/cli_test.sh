#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# cmd/ipv4/cli_test.sh - the ipv4 binary as its users meet it: exit
# statuses, --help, --version, short options, error messages in words with
# their numbers, JSON on every outcome, decode from an argument, from stdin
# (plain hex and tcpdump dumps) and from capture files, and the bash
# completion. Needs no network and no privilege (the netns suite runs join
# and send against real peers).
#
#   cli_test.sh IPV4-BINARY COMPLETION-FILE
set -u
ipv4=$1
completion=${2:-}
failures=0
out=$(mktemp)
err=$(mktemp)
dir=$(mktemp -d)
trap 'rm -rf "$out" "$err" "$dir"' EXIT

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
expect 1 '' 'ipv4: decode: not an IPv4 header: 2 bytes given, a header needs at least 20 (IPV4_ESHORT)' -- decode 4500
expect 1 '{"decoded":false' 'ipv4: decode: not an IPv4 header' -- decode --json 4500
expect 1 '' "ipv4: decode: the input is not hex: 'z' at offset 2 (line 1, column 3)" -- decode 45zz
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

# --version: the library's version and the commit the build gave.
expect 0 'ipv4 (libipv4 1.1.0, commit ' '' -- --version
expect 0 'ipv4 (libipv4 1.1.0, commit ' '' -- -V
expect 0 '{"tool":"ipv4","libipv4":"1.1.0","commit":"' '' -- --version --json
"$ipv4" --version >"$out"
if ! grep -qE '^ipv4 \(libipv4 [0-9]+\.[0-9]+\.[0-9]+, commit ([0-9a-f]{7,40}|unknown)\)$' "$out"; then
  failures=$((failures + 1))
  echo "FAIL: ipv4 --version: $(cat "$out")"
fi

# Short options are the long ones.
expect 0 '"valid":true' '' -- decode -j "$igmp"
expect 2 '' 'ipv4: join: --iface is required' -- join 239.1.2.3 -p 5000
expect 1 '' 'ipv4: join: interface "en9" not found' -- join 239.1.2.3 -i en9 -p 5000
expect 2 '' 'ipv4: send: --ttl: "0" is not a number from 1 to 255' -- send 10.0.0.1 -p 9 -t 0
expect 2 '' 'ipv4: send: unknown option -z' -- send 10.0.0.1 -p 9 -z

# Other IP versions are named; errors carry their numbers.
expect 1 '' 'ipv4: decode: an IPv6 packet (version 6), not IPv4 (IPV4_EVERSION)' -- \
  decode 6000000000083afffe800000000000000000000000000001ff020000000000000000000000000001
expect 1 '' 'ipv4: decode: not an IPv4 packet: the version field is 5, not 4' -- \
  decode 5500001400000000400100000a0000010a000002
expect 1 '' 'ipv4: decode: not an IPv4 header: the header says 60 bytes (IHL 15), 20 were given' -- \
  decode 4f00001400000000400100000a0000010a000002
head -c 140000 /dev/zero | tr '\0' '4' >"$dir/big.hex"
"$ipv4" decode <"$dir/big.hex" >"$out" 2>"$err"
if [ $? -ne 1 ] || ! grep -qF 'ipv4: decode: the input is longer than 65535 bytes, the largest IPv4 packet' "$err"; then
  failures=$((failures + 1))
  echo "FAIL: decode of 70000 bytes: $(head -c 300 "$err")"
fi
head -c 5000000 /dev/zero | tr '\0' '4' >"$dir/huge.hex"
"$ipv4" decode --json <"$dir/huge.hex" >"$out" 2>"$err"
if [ $? -ne 1 ] || ! grep -qF '"message":"the input is longer than 4194304 characters, the most decode reads"' "$out"; then
  failures=$((failures + 1))
  echo "FAIL: decode of 5000000 characters: $(head -c 300 "$out")"
fi

# --json: exactly one JSON object on stdout, whatever the outcome.
# expect_json STATUS NAME-OR-'' -- ARGS...: one line, one object, that
# names the error NAME with "status":STATUS (or no error when NAME is '').
expect_json() {
  want=$1 name=$2
  shift 3
  "$ipv4" "$@" >"$out" 2>"$err" </dev/null
  got=$?
  lines=$(wc -l <"$out")
  ok=1
  [ "$got" -eq "$want" ] || ok=0
  [ "$lines" -eq 1 ] || ok=0
  case $(cat "$out") in "{"*"}") ;; *) ok=0 ;; esac
  if [ -n "$name" ] && ! grep -qF "\"error\":{\"name\":\"$name\",\"message\":\"" "$out"; then ok=0; fi
  if [ -n "$name" ] && ! grep -qF "\"status\":$want}" "$out"; then ok=0; fi
  if [ $ok -eq 0 ]; then
    failures=$((failures + 1))
    echo "FAIL: ipv4 $*: status $got (want $want), $lines lines: $(cat "$out")"
  fi
}
expect_json 1 bad_input -- decode --json zzzz
expect_json 1 bad_input -- decode -j 450
expect_json 1 IPV4_ESHORT -- decode --json 4500
expect_json 1 IPV4_EVERSION -- decode -j 6000000000083aff
expect_json 3 '' -- decode --json $go_example
expect_json 0 '' -- decode --json "$igmp"
expect_json 2 usage -- decode --json --bogus
expect_json 2 usage -- decode --json 45 00
expect_json 2 usage -- -j bogus
expect_json 2 usage -- join --json 239.1.2.3
expect_json 1 no_interface -- join -j 239.1.2.3 -i en9 -p 5000
expect_json 2 usage -- send --json 10.0.0.1
expect_json 1 no_interface -- send --json 10.0.0.1 -p 9 -i en9
expect_json 0 '' -- decode --json --help
expect_json 0 '' -- --version -j
expect_json 1 bad_capture -- decode --json --pcap /nonexistent.pcap
# A JSON failure says the same on stderr, for people.
expect 1 '' 'ipv4: decode: the input is not hex' -- decode --json zzzz

# tcpdump dumps: -x, -X (ASCII column) and -xx (Ethernet header), several
# packets in one; offsets are no hex.
dump_x='12:00:00.000000 IP 198.18.1.1.1234 > 239.1.2.3.5678: UDP, length 5
	0x0000:  4528 0021 0001 0000 0311 ff8b c612 0101
	0x0010:  ef01 0203 04d2 162e 000d 0000 6865 6c6c
	0x0020:  6f
12:00:01.000000 IP 198.18.1.1.1234 > 239.1.2.3.5678: UDP, length 5
	0x0000:  4528 0021 0001 0000 0311 ff8b c612 0101
	0x0010:  ef01 0203 04d2 162e 000d 0000 6865 6c6c
	0x0020:  6f'
dump_X='	0x0000:  4528 0021 0001 0000 0311 ff8b c612 0101  E(.!............
	0x0010:  ef01 0203 04d2 162e 000d 0000 6865 6c6c  ............hell
	0x0020:  6f                                       o'
dump_xx='	0x0000:  0100 5e01 0203 0200 0000 0001 0800 4528
	0x0010:  0021 0001 0000 0311 ff8b c612 0101 ef01
	0x0020:  0203 04d2 162e 000d 0000 6865 6c6c 6f'
expect_stdin 0 'packet 2 (line 6)' "$dump_x" -- decode
expect_stdin 0 'destination    239.1.2.3' "$dump_X" -- decode -
expect_stdin 0 'checksum       0xff8b (correct)' "$dump_xx" -- decode
printf '%s' "$dump_x" | "$ipv4" decode --json >"$out" 2>"$err"
if [ $? -ne 0 ] || [ "$(grep -c '^{"packet":[12],"line":[26],"decoded":true,"valid":true,' "$out")" -ne 2 ]; then
  failures=$((failures + 1))
  echo "FAIL: decode --json of a two-packet dump: $(cat "$out")"
fi

# Capture files, written here: a raw-IPv4 pcap (LINKTYPE_RAW) with the
# datagram above, a file that is not a capture, an empty file.
hexfile() { # hexfile HEX FILE: write the bytes
  : >"$2"
  h=$1
  while [ -n "$h" ]; do
    # shellcheck disable=SC2059
    printf "\\$(printf '%03o' "0x${h%"${h#??}"}")" >>"$2"
    h=${h#??}
  done
}
pkt=45280021000100000311ff8bc6120101ef01020304d2162e000d000068656c6c6f
hexfile "d4c3b2a1020004000000000000000000ffff000065000000" "$dir/raw.pcap"
hexfile "00f1536520a107002100000021000000$pkt" "$dir/rec"
cat "$dir/rec" >>"$dir/raw.pcap"
expect 0 'capture: 1 packet, link type RAW: 1 IPv4 (1 passed' '' -- decode --pcap "$dir/raw.pcap"
expect 0 'packet 1 at 2023-11-14T22:13:20.500000Z' '' -- decode -r "$dir/raw.pcap"
"$ipv4" decode -j -r "$dir/raw.pcap" >"$out" 2>"$err"
if [ $? -ne 0 ] || [ "$(wc -l <"$out")" -ne 2 ] || ! grep -q '^{"summary":{"packets":1,' "$out"; then
  failures=$((failures + 1))
  echo "FAIL: decode -j -r: a packet and a summary, a line each: $(cat "$out")"
fi
head -c 50 "$dir/raw.pcap" >"$dir/cut.pcap"
expect 1 'capture: 0 packets' 'record 1 cannot be read' -- decode --pcap "$dir/cut.pcap"
echo 'not a capture at all, just text' >"$dir/text.pcap"
expect 1 '' 'text.pcap: not a pcap or pcapng capture' -- decode --pcap "$dir/text.pcap"
: >"$dir/empty.pcap"
expect 1 '' 'empty.pcap: not a pcap or pcapng capture' -- decode --pcap "$dir/empty.pcap"
expect 2 '' 'ipv4: decode: --pcap takes no HEX argument' -- decode --pcap "$dir/raw.pcap" 4500

# Help names the short forms.
expect 0 '-i, --iface IF' '' -- join --help
expect 0 '-r, --pcap FILE' '' -- decode -h

# Bash completion: subcommands, then each one's options.
if [ -n "$completion" ]; then
  complete_words() { # complete_words WORD...: the completions of the last
    bash -c '. "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ipv4; echo "${COMPREPLY[*]}"' \
      "$completion" "$@"
  }
  for case in "de|decode" "join --co|--count" "send --t|--ttl --tos" "decode --p|--pcap" "join -i l|lo"; do
    words=${case%%|*} want=${case#*|}
    # shellcheck disable=SC2086
    got=$(complete_words ipv4 $words)
    if [ "$got" != "$want" ]; then
      failures=$((failures + 1))
      echo "FAIL: completion of 'ipv4 $words': '$got' (want '$want')"
    fi
  done
fi

if [ $failures -ne 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "all passed"
