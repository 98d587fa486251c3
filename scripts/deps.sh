# SPDX-License-Identifier: BSD-3-Clause
# scripts/deps.sh - sourced by scripts/test and scripts/report: installs,
# with apt-get, whatever Debian 12 package the project needs and the machine
# lacks. Idempotent: a machine that has everything runs no apt-get at all.

LIBIPV4_PACKAGES="
  bazel-bootstrap
  build-essential
  pkg-config
  cmake
  meson
  ninja-build
  abigail-tools
  clang-14
  clang-format-14
  llvm-14
  libclang-rt-14-dev
  libgtest-dev
  golang-go
  golang-golang-x-net-dev
  afl++
  iproute2
  util-linux
  libpcap-dev
  chromium
  tcpdump
  strace
  python3
  gcc-s390x-linux-gnu
  g++-s390x-linux-gnu
  libc6-dev-s390x-cross
  gcc-powerpc-linux-gnu
  g++-powerpc-linux-gnu
  libc6-dev-powerpc-cross
  gcc-i686-linux-gnu
  g++-i686-linux-gnu
  libc6-dev-i386-cross
  qemu-user
  googletest
  musl-tools
  make
  mandoc
  groff-base
"

deps_missing() {
  for pkg in $LIBIPV4_PACKAGES; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      printf '%s\n' "$pkg"
    fi
  done
}

deps_install() {
  missing=$(deps_missing)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "libipv4: missing packages:" $missing "(run as root to install them)" >&2
    return 1
  fi
  echo "libipv4: installing:" $missing
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing
}
