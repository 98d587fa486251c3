# SPDX-License-Identifier: BSD-3-Clause
# fuzz/lib.sh - shared by the fuzz/ scripts (sourced, not run).
#
# FUZZ_ROOT  the repository (the parent of fuzz/)
# FUZZ_OUT   where builds, corpora and logs go; outside the tree by default
#            so that a campaign leaves the working tree clean. Several runs
#            may share it: builds of one engine and campaigns on one target
#            and engine take turns (flock), and each fuzz/smoke keeps its
#            own summary.

FUZZ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${FUZZ_OUT:=${TMPDIR:-/tmp}/libipv4-fuzz-$(printf %s "$FUZZ_ROOT" | cksum | cut -d' ' -f1)}"
export FUZZ_ROOT FUZZ_OUT
mkdir -p "$FUZZ_OUT"

fuzz_die() {
	echo "fuzz: $*" >&2
	exit 2
}

# fuzz_targets lists every harness: fuzz/<codec>_<entry>.c.
fuzz_targets() {
	local f
	for f in "$FUZZ_ROOT"/fuzz/*_*.c; do
		f=$(basename "$f" .c)
		[ "$f" = replay_main ] || echo "$f"
	done
}

# fuzz_option TARGET KEY prints KEY's value from fuzz/TARGET.options.
fuzz_option() {
	sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*//p" \
		"$FUZZ_ROOT/fuzz/$1.options" | head -n 1
}

# fuzz_lock FD FILE WHAT: hold an exclusive lock on FILE through descriptor
# FD, waiting (and saying so) while another run holds it.
fuzz_lock() {
	eval "exec $1>\"\$2\""
	if ! flock -n "$1"; then
		echo "fuzz: waiting for another run ($3)" >&2
		flock "$1"
	fi
}
