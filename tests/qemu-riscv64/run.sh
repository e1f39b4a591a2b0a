#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# QEMU boot tests of the riscv64 hypervisor with the root Linux (TAP lines)
# on qemu-plic: OpenSBI -> hypervisor (HS) -> Debian's riscv64 Linux (VS).
# Builds what it needs; every boot is bounded by `timeout`, every expect
# step by its own timeout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 1
O=${O:-build}
cache=${CACHE:-.cache/riscv64}
mkdir -p "$O"

for BOARD in ${BOARDS:-qemu-plic}; do
	export BOARD
	out=$O/riscv64/$BOARD
	if ! make -s O="$O" ARCH=riscv64 BOARD="$BOARD" CACHE="$cache" \
		hypervisor zone0-dtb >"$O/qemu-riscv64-build-$BOARD.log" 2>&1; then
		echo "not ok - $BOARD: build hypervisor, zone0.dtb and initramfs (see $O/qemu-riscv64-build-$BOARD.log)"
		continue
	fi
	echo "ok - $BOARD: build hypervisor, zone0.dtb and initramfs"
	boot="tests/qemu-riscv64/boot.sh $out $O/riscv64/initramfs.cpio.gz $cache/Image"
	for scenario in smoke fault; do
		start=$(date +%s)
		# shellcheck disable=SC2086
		res=$(timeout 500 expect tests/qemu-riscv64/console.exp $scenario \
			"$out/qemu-$scenario.log" -- $boot)
		echo "$res" | sed "s/^\(\(not \)*ok - \)/\1$BOARD: /"
		# a killed or crashed driver must not hide the steps it never ran
		want=9
		[ $scenario = fault ] && want=5
		if [ "$(echo "$res" | grep -c '^\(not \)*ok - ')" -ne $want ]; then
			echo "not ok - $BOARD: $scenario scenario ran all $want steps"
		fi
		echo "# $BOARD $scenario: $(($(date +%s) - start))s, console log in $out/qemu-$scenario.log"
	done
done
