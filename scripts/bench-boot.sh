#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Root Linux boot-to-shell time with and without the hypervisor: the same
# kernel, DTB, initramfs and QEMU machine, alternating, ROUNDS rounds each.
# Prints every time, the means and the ratio (target <= 1.10).
#   scripts/bench-boot.sh [ROUNDS]     (ARCH=aarch64 BOARD=qemu-gicv3 O=build
#                                       by default; ARCH=riscv64: qemu-plic)
set -eu
rounds=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
O=${O:-build}
ARCH=${ARCH:-aarch64}
case $ARCH in
riscv64)
	BOARD=${BOARD:-qemu-plic}
	CACHE=${CACHE:-.cache/riscv64}
	boot_sh=tests/qemu-riscv64/boot.sh
	;;
*)
	BOARD=${BOARD:-qemu-gicv3}
	CACHE=${CACHE:-.cache/arm64}
	boot_sh=tests/qemu/boot.sh
	;;
esac
out=$O/$ARCH/$BOARD
make -s O="$O" ARCH="$ARCH" BOARD="$BOARD" CACHE="$CACHE" hypervisor zone0-dtb >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one boot; prints seconds from QEMU start to the shell marker
boot_once() {
	log=$tmp/log
	: >"$log"
	start=$(date +%s.%N)
	if [ "$1" = hv ]; then
		NO_HV=0 $boot_sh "$out" "$O/$ARCH/initramfs.cpio.gz" \
			"$CACHE/Image" </dev/null >"$log" 2>&1 &
	else
		NO_HV=1 $boot_sh "$out" "$O/$ARCH/initramfs.cpio.gz" \
			"$CACHE/Image" </dev/null >"$log" 2>&1 &
	fi
	pid=$!
	n=0
	until grep -q "init running" "$log"; do
		n=$((n + 1))
		if [ $n -gt 3000 ] || ! kill -0 $pid 2>/dev/null; then
			kill $pid 2>/dev/null || true
			wait $pid 2>/dev/null || true
			echo "bench-boot: $1 boot did not reach the shell (log: $(tail -c 300 "$log"))" >&2
			exit 1
		fi
		sleep 0.02
	done
	end=$(date +%s.%N)
	kill $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

hv_sum=0
bare_sum=0
i=1
while [ $i -le "$rounds" ]; do
	t_bare=$(boot_once bare)
	t_hv=$(boot_once hv)
	printf 'round %d: without hypervisor %.3fs, with hypervisor %.3fs\n' \
		$i "$t_bare" "$t_hv"
	hv_sum=$(awk -v a="$hv_sum" -v b="$t_hv" 'BEGIN { print a + b }')
	bare_sum=$(awk -v a="$bare_sum" -v b="$t_bare" 'BEGIN { print a + b }')
	i=$((i + 1))
done
hv_mean=$(awk -v a="$hv_sum" -v n="$rounds" 'BEGIN { print a / n }')
bare_mean=$(awk -v a="$bare_sum" -v n="$rounds" 'BEGIN { print a / n }')
ratio=$(awk -v a="$hv_mean" -v b="$bare_mean" 'BEGIN { print a / b }')
printf 'boot-to-shell (%s %s, %d rounds): without %.3fs, with %.3fs, ratio %.3f (target <= 1.10)\n' \
	"$ARCH" "$BOARD" "$rounds" "$bare_mean" "$hv_mean" "$ratio"
