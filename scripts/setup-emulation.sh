#!/usr/bin/env bash
# What the cross-build and emulation tests need beyond Python, pip and Rust:
# debootstrap for Debian roots of other architectures, and QEMU's user-mode
# emulators registered with binfmt_misc to run them; SQLite's headers and
# pkg-config for the test that links a system library (test_reference_rows.py);
# gdb for `just test-debug` (test_dev_loop.py). For Debian and Ubuntu, run as
# root or by a user with sudo; what is already there is left alone.
# (Rust targets and zig come from the tests themselves and uv.lock.)
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in qemu-user-static binfmt-support debootstrap libsqlite3-dev pkg-config gdb; do
  dpkg-query --show --showformat='${Status}' "$package" 2> /dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
  as_root mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
# The architectures of the Debian roots the tests run wheels in (i386 runs natively).
for arch in aarch64 arm s390x ppc64le riscv64; do
  if [ ! -e "/proc/sys/fs/binfmt_misc/qemu-$arch" ]; then
    as_root update-binfmts --enable "qemu-$arch"
  fi
done
