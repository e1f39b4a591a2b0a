#!/bin/sh
# `make bench`: every benchmark, each against a peer measured in the same run.
set -eu
cd "$(dirname "$0")/.."
make -s deps
rc=0
for b in scripts/bench-dtscan.sh scripts/bench-boot.sh scripts/bench-virtio.sh; do
	if [ -x "$b" ]; then
		echo "=== $b"
		"$b" || rc=1
	fi
done
# the riscv64 port: boot-to-shell with and without it on qemu-plic
if [ -f .cache/riscv64/Image ]; then
	echo "=== ARCH=riscv64 scripts/bench-boot.sh"
	ARCH=riscv64 scripts/bench-boot.sh || rc=1
fi
exit $rc
