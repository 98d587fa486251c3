#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# conformance/socket_probe_test.sh CHECK PROBE SCRIPT... - our socket probe
# over the request scripts (SOCKET-PROBE.md), on loopback: every answer must
# be the expected one. raw.txt is skipped, with a message, without
# CAP_NET_RAW. Then the checker itself: a script with one wrong expected
# answer, and a probe that answers "unsupported", must both fail.
set -u

check=$1
probe=$2
shift 2
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/sockprobe.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0

if ! "$check" "$probe" "$@"; then
	echo "FAIL: our socket probe does not give the expected answers" >&2
	status=1
fi

# A checker that passes everything would make the run above worthless.
for f in "$@"; do
	case $f in */parsing.txt) parsing=$f ;; esac
done
n=$(grep -c '^> ' "$parsing")
sed 's/^< ok 64$/< ok 65/' "$parsing" >"$tmp/wrong.txt"
if ! grep -q '^< ok 65$' "$tmp/wrong.txt"; then
	echo "FAIL: could not make the wrong script" >&2
	status=1
elif "$check" "$probe" "$tmp/wrong.txt" >"$tmp/out" 2>&1; then
	echo "FAIL: the checker passed a wrong expected answer" >&2
	status=1
elif ! grep -q "wrong: $((n - 1)) passed, 0 unsupported, 0 blocked, 1 failed" "$tmp/out"; then
	echo "FAIL: the checker's count for one wrong answer:" >&2
	cat "$tmp/out" >&2
	status=1
fi

# "unsupported" fails unless allowed, and is counted when it is.
printf '#!/bin/sh\nwhile read -r l; do echo unsupported; done\n' >"$tmp/none"
chmod +x "$tmp/none"
if "$check" "$tmp/none" "$parsing" >"$tmp/out" 2>&1; then
	echo "FAIL: the checker passed a probe that supports nothing" >&2
	status=1
fi
"$check" --allow-unsupported "$tmp/none" "$parsing" >"$tmp/out" 2>&1
if ! grep -q "parsing: 0 passed, $n unsupported, 0 blocked, 0 failed" "$tmp/out"; then
	echo "FAIL: unsupported answers not counted:" >&2
	cat "$tmp/out" >&2
	status=1
fi

# A probe that stops answering is a failure, not a pass.
printf '#!/bin/sh\nread -r l; echo "err request"\n' >"$tmp/quits"
chmod +x "$tmp/quits"
if "$check" "$tmp/quits" "$parsing" >"$tmp/out" 2>&1 ||
	! grep -q 'stopped answering' "$tmp/out"; then
	echo "FAIL: a probe that stops answering was not reported:" >&2
	cat "$tmp/out" >&2
	status=1
fi
exit $status
