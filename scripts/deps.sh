#!/bin/sh
# Install every Debian package the build and tests need (only when missing),
# then fetch Debian's arm64 kernel, DTBs, headers and busybox into the cache
# and Debian 13's riscv64 kernel, DTBs and busybox into RISCV_CACHE.
# Usage: scripts/deps.sh [CACHE_DIR [RISCV_CACHE]]
set -eu
cache=${1:-.cache/arm64}
rvcache=${2:-.cache/riscv64}
pkgs="make gcc libc6-dev pkg-config libfdt-dev device-tree-compiler libyaml-dev
libcjson-dev python3 python3-jinja2 python3-yaml gcc-aarch64-linux-gnu
binutils-aarch64-linux-gnu qemu-system-arm clang libclang-rt-14-dev llvm
cpio gzip expect ca-certificates dpkg-dev debian-archive-keyring
libc6-dev-arm64-cross e2fsprogs u-boot-tools file
qemu-system-misc opensbi gcc-riscv64-linux-gnu"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	echo "deps: installing$missing"
	$sudo apt-get -q update >/dev/null
	DEBIAN_FRONTEND=noninteractive $sudo apt-get -q install -y \
		--no-install-recommends $missing >/dev/null
fi
"$(dirname "$0")/fetch-arm64.sh" "$cache"
"$(dirname "$0")/fetch-riscv64.sh" "$rvcache"
