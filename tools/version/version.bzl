# SPDX-License-Identifier: BSD-3-Clause
# libipv4_version: a repository rule that reads the library's version from
# include/ipv4/version.h, the one place it is written, and offers it to the
# BUILD files as constants:
#
#   load("@libipv4_version//:version.bzl", "LIBIPV4_MAJOR", "LIBIPV4_VERSION")
#
# Bazel re-runs the rule whenever version.h changes, because the rule reads
# the file through its label.

def _field(text, name):
    for line in text.splitlines():
        words = [w for w in line.replace("\t", " ").split(" ") if w]
        if len(words) == 3 and words[0] == "#define" and words[1] == name:
            if not words[2].isdigit():
                fail("version.h: %s is not a decimal number: %s" % (name, words[2]))
            return words[2]
    fail("version.h does not define %s" % name)

def _libipv4_version_impl(rctx):
    text = rctx.read(rctx.path(rctx.attr.header))
    major = _field(text, "IPV4_LIB_VERSION_MAJOR")
    minor = _field(text, "IPV4_LIB_VERSION_MINOR")
    patch = _field(text, "IPV4_LIB_VERSION_PATCH")
    rctx.file("BUILD", "# SPDX-License-Identifier: BSD-3-Clause\n")
    rctx.file("version.bzl", "\n".join([
        "# SPDX-License-Identifier: BSD-3-Clause",
        "# Generated from include/ipv4/version.h by //tools/version:version.bzl.",
        'LIBIPV4_MAJOR = "%s"' % major,
        'LIBIPV4_MINOR = "%s"' % minor,
        'LIBIPV4_PATCH = "%s"' % patch,
        'LIBIPV4_VERSION = "%s.%s.%s"' % (major, minor, patch),
        "",
    ]))

libipv4_version = repository_rule(
    implementation = _libipv4_version_impl,
    attrs = {"header": attr.label(allow_single_file = True)},
    local = True,
)
