#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# conformance/vectors_test.sh PROBE FILE... - run the probe over each vector
# file (format: conformance/vectors/README.md) and compare every answer
# with the expected one. Prints a pass count per file and, for each
# mismatch, the case, the request, the expected and the actual answer.
# Fails on any mismatch and on any malformed vector file.
set -u

probe=$1
shift
if [ $# -eq 0 ]; then
	echo "vectors_test: no vector files" >&2
	exit 1
fi
tmp=${TEST_TMPDIR:-${TMPDIR:-/tmp}}/vectors.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

status=0
for f in "$@"; do
	name=$(basename "$f")
	# Split the file into the requests and, one per request, a record of
	# line number, comment, request and expected answer (fields joined by
	# the unit separator, which no vector contains).
	if ! awk -v req="$tmp/req" -v meta="$tmp/meta" -v file="$name" '
		function bad(msg) {
			printf "%s:%d: %s\n", file, NR, msg > "/dev/stderr"
			failed = 1
			exit 1
		}
		BEGIN { US = sprintf("%c", 31); n = 0; comment = ""; pending = 0 }
		pending {
			if ($0 != "<" && substr($0, 1, 2) != "< ")
				bad("a request line must be followed by its \"< \" answer line")
			ans = ($0 == "<") ? "" : substr($0, 3)
			print reqline US comment US reqtext US ans > meta
			print reqtext > req
			n++
			pending = 0
			comment = ""
			next
		}
		$0 == "" { comment = ""; next }
		substr($0, 1, 1) == "#" {
			c = substr($0, 2)
			sub(/^ +/, "", c)
			comment = (comment == "") ? c : comment " " c
			next
		}
		$0 == ">" || substr($0, 1, 2) == "> " {
			if (comment == "")
				bad("a vector needs a comment line naming its case right above its request")
			reqtext = ($0 == ">") ? "" : substr($0, 3)
			reqline = NR
			pending = 1
			next
		}
		substr($0, 1, 1) == "<" { bad("answer line without a request") }
		{ bad("neither a comment, a \"> \" request nor a \"< \" answer") }
		END {
			if (failed) exit 1
			if (pending) { print file ": last request has no answer" > "/dev/stderr"; exit 1 }
			if (n == 0) { print file ": no vectors" > "/dev/stderr"; exit 1 }
		}
	' "$f"; then
		status=1
		continue
	fi
	if ! "$probe" <"$tmp/req" >"$tmp/act"; then
		echo "$name: the probe failed" >&2
		status=1
		continue
	fi
	if ! awk -v act="$tmp/act" -v file="$name" '
		BEGIN { FS = sprintf("%c", 31); pass = 0; total = 0 }
		{
			total++
			if ((getline got < act) <= 0) got = "(no answer)"
			if (got == $4) { pass++; next }
			printf "MISMATCH %s:%d (%s)\n  request:  %s\n  expected: %s\n  actual:   %s\n", \
				file, $1, $2, $3, $4, got
		}
		END {
			if ((getline extra < act) > 0) {
				printf "%s: the probe answered more lines than it was asked\n", file
				total++
			}
			printf "%-16s %4d of %4d vectors pass\n", file, pass, total
			exit (pass == total) ? 0 : 1
		}
	' "$tmp/meta"; then
		status=1
	fi
done
exit $status
