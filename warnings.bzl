# SPDX-License-Identifier: BSD-3-Clause
# warnings.bzl - the compiler warnings of the whole tree, the one place they
# are written. Every build reads them from here:
#
#   Bazel        the BUILD files: load("//:warnings.bzl", "C_WARNINGS");
#                .bazelrc gives WARN_BASE and WARN_ERROR to every compile
#                (a .bazelrc cannot load a file: scripts/check-warnings
#                holds its --copt list to these two sets)
#   Makefile, scripts/cross.mk, fuzz/build
#                through scripts/warnings SET..., which prints the flags of
#                the sets named
#
# scripts/check-warnings (a step of scripts/test) fails when they drift: it
# compares the warnings on the compile lines of every build (bazel aquery,
# make -n, fuzz/build --print-cflags) for each source they share, and finds
# any warning flag written outside this file.
#
# Format: scripts/warnings reads each WARN_ set from its one line,
#   WARN_NAME = ["-Wflag", "-Wflag"]
# so keep each on one line, flags in double quotes.

# Every C and C++ file, in every build. -Werror is a set of its own: the
# Makefile adds it only with WERROR=1 (a distribution's newer compiler
# need not fail its build); Bazel, the fuzz and cross builds always do.
WARN_BASE = ["-Wall", "-Wextra"]
WARN_ERROR = ["-Werror"]

# Every C file we write: locals that hide others, and declarations that
# say what their parameters are.
WARN_STRICT = ["-Wshadow", "-Wstrict-prototypes"]

# Implicit conversions that can change a value: every C file but the netns
# suite's, which does not pass it yet.
WARN_CONVERSION = ["-Wconversion"]

# The copts of the C targets (C only: -Wstrict-prototypes means nothing to
# C++, whose tests take .bazelrc's WARN_BASE and WARN_ERROR).
C_WARNINGS = WARN_STRICT + WARN_CONVERSION
C_WARNINGS_NO_CONVERSION = WARN_STRICT
