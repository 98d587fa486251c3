#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# replay_test.sh HARNESS SEED_DIR REGRESSION_DIR - run a harness's replay
# main over its seed corpus and every file of the regression directory
# (paths relative to the runfiles tree, where Bazel runs a test); fails
# when the harness aborts (a violated property or a sanitizer report) or
# cannot read an input. The regression directory is absent from the
# runfiles while it holds no regression yet.
set -eu
harness=$1
seeds=$2
regressions=$3
if [ ! -d "$seeds" ]; then
	echo "replay_test: no seed corpus $seeds (run fuzz/seeds)" >&2
	exit 1
fi
set -- "$seeds"
if [ -d "$regressions" ]; then
	set -- "$@" "$regressions"
fi
echo "replay_test: $(basename "$harness") over $*"
exec "$harness" "$@"
