#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# QEMU boot tests of the hypervisor with the root Linux (TAP lines), on
# qemu-gicv3 and qemu-gicv2 (BOARDS= to choose).  Builds what it needs;
# every boot is bounded by `timeout`, every expect step by its own timeout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 1
O=${O:-build}
boards=${BOARDS:-qemu-gicv3 qemu-gicv2}
mkdir -p "$O"

for BOARD in $boards; do
	export BOARD
	out=$O/aarch64/$BOARD
	if ! make -s ARCH=aarch64 BOARD="$BOARD" hypervisor zone0-dtb \
		>"$O/qemu-test-build-$BOARD.log" 2>&1; then
		echo "not ok - $BOARD: build hypervisor, zone0.dtb and initramfs (see $O/qemu-test-build-$BOARD.log)"
		continue
	fi
	echo "ok - $BOARD: build hypervisor, zone0.dtb and initramfs"
	boot="tests/qemu/boot.sh $out $O/aarch64/initramfs.cpio.gz ${CACHE:-.cache/arm64}/Image"
	for scenario in smoke fault; do
		start=$(date +%s)
		# shellcheck disable=SC2086
		res=$(timeout 400 expect tests/qemu/console.exp $scenario \
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
