#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# QEMU boot tests of the hypervisor with the root Linux (TAP lines).
# Builds what it needs; each boot is bounded by `timeout`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
O=${O:-build}
BOARD=${BOARD:-qemu-gicv3}
out=$O/aarch64/$BOARD
cd "$root" || exit 1

if ! make -s ARCH=aarch64 BOARD="$BOARD" hypervisor zone0-dtb >"$O/qemu-test-build.log" 2>&1; then
	echo "not ok - build hypervisor, zone0.dtb and initramfs for $BOARD (see $O/qemu-test-build.log)"
	exit 0
fi
echo "ok - build hypervisor, zone0.dtb and initramfs for $BOARD"

boot="tests/qemu/boot.sh $out $O/aarch64/initramfs.cpio.gz ${CACHE:-.cache/arm64}/Image"
for scenario in smoke fault; do
	start=$(date +%s)
	timeout 400 expect tests/qemu/console.exp $scenario \
		"$out/qemu-$scenario.log" -- $boot ||
		echo "not ok - $scenario scenario finished (expect status $?)"
	echo "# $scenario: $(( $(date +%s) - start ))s, console log in $out/qemu-$scenario.log"
done
