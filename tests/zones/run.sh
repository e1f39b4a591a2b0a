#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The user's path on QEMU (TAP lines): in the root Linux, `insmod hvisor.ko;
# hvisor zone start linux2.json; hvisor zone list; hvisor zone shutdown
# -id 1` starts and stops a second Debian Linux in zone 1 on CPUs 2,3; zone
# 1's output comes through its hypervisor debug console.  The zone is a
# request zonegen wrote into a copy of boards/aarch64/qemu-gicv3
# (tests/zones/mkfiles.sh), and the hypervisor is built from that copy
# (BOARDS_DIR=): make derives the root zone without the zone's CPUs and
# RAM, the RAM staying a root `loader` region, which is what lets hvisor.ko
# load the zone's images.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 1
O=${O:-build}
CACHE=${CACHE:-.cache/arm64}
export O BOARD=qemu-gicv3
t=$O/zones-test
mkdir -p "$t"

if make -s tools >"$t/build.log" 2>&1 &&
	if grep -q '^-include hvisor-tool/hvisor-tool.mk' Makefile; then
		make -s hvisor-tool
	else
		make -s -f Makefile -f hvisor-tool/hvisor-tool.mk hvisor-tool
	fi >>"$t/build.log" 2>&1; then
	echo "ok - build zonegen, hvisor.ko and the hvisor CLI"
else
	echo "not ok - build zonegen, hvisor.ko and the hvisor CLI (see $t/build.log)"
	exit 0
fi
if ! file "$O/arm64/hvisor-tool/hvisor" | grep -q "ARM aarch64.*statically linked"; then
	echo "not ok - the hvisor CLI is a static arm64 executable"
else
	echo "ok - the hvisor CLI is a static arm64 executable"
fi
# the module must load into Debian's kernel: same vermagic
kver=$(cat "$CACHE/kver")
if strings "$O/arm64/hvisor-tool/hvisor.ko" | grep -q "^vermagic=$kver SMP "; then
	echo "ok - hvisor.ko vermagic is Debian's $kver"
else
	echo "not ok - hvisor.ko vermagic is Debian's $kver"
fi

f=$t/files
if ! tests/zones/mkfiles.sh "$CACHE" "$f" >"$t/files.log" 2>&1; then
	echo "not ok - zone files by zonegen, root initramfs (see $t/files.log)"
	exit 0
fi
echo "ok - zone files by zonegen, root initramfs"

# the user's path: the hypervisor built from the board and its zone request
# (make derives the reduced root; its own O= so build/aarch64/$BOARD stays
# the committed board's)
bd=$f/boards
if make -s O="$t/hv" ARCH=aarch64 BOARD=$BOARD BOARDS_DIR="$bd" hypervisor \
	>"$t/hv.log" 2>&1; then
	echo "ok - build the hypervisor from the board and its zone request"
else
	echo "not ok - build the hypervisor from the board and its zone request (see $t/hv.log)"
	exit 0
fi
hv=$t/hv/aarch64/$BOARD
# zonegen wrote the request and nothing else: board.yaml and zone0.dts are
# the committed ones byte for byte; the zone RAM left the root's RAM but
# is still in its stage 2 (a loader region of the derived board)
if cmp -s "$bd/aarch64/$BOARD/board.yaml" "boards/aarch64/$BOARD/board.yaml" &&
	cmp -s "$bd/aarch64/$BOARD/zone0.dts" "boards/aarch64/$BOARD/zone0.dts" &&
	[ -f "$bd/aarch64/$BOARD/zones/linux2.yaml" ] &&
	grep -qF 'BOARD_ZONE_RAM, 0x50000000, 0x20000000, "zones/linux2"' "$hv/board.c" &&
	! grep -qF 'BOARD_ZONE_RAM, 0x44000000, 0x7c000000' "$hv/board.c"; then
	echo "ok - board files untouched; the derived root keeps the zone RAM as a loader region"
else
	echo "not ok - board files untouched; the derived root keeps the zone RAM as a loader region"
fi

# boot.sh wants a directory with hvisor.elf, board.mk, zone0-run.dtb: the
# hypervisor above, the root DT derived with it (zone RAM and CPUs 2,3 out)
b=$t/boot
mkdir -p "$b"
cp "$hv/hvisor.elf" "$hv/board.mk" "$b/"
initrd_at=$(sed -n 's/^BOARD_ROOT_INITRD := //p' "$b/board.mk")
dtb=$b/zone0-run.dtb
if dtc -q -I dtb -O dtb -p 4096 -o "$dtb" "$hv/zone0.dtb" &&
	fdtput -t x "$dtb" /chosen linux,initrd-start 0 "$initrd_at" &&
	fdtput -t x "$dtb" /chosen linux,initrd-end 0 \
		"$(printf '0x%x' $((initrd_at + $(stat -c %s "$f/root-initrd.cpio.gz"))))"; then
	:
else
	echo "not ok - root zone DTB derived from zone0.dts"
	exit 0
fi

start=$(date +%s)
res=$(timeout 420 expect tests/zones/zones.exp "$t/qemu.log" -- \
	tests/qemu/boot.sh "$b" "$f/root-initrd.cpio.gz" "$CACHE/Image" </dev/null)
echo "$res"
want=16
if [ "$(echo "$res" | grep -c '^\(not \)*ok - ')" -ne $want ]; then
	echo "not ok - zones scenario ran all $want steps"
fi
echo "# zones: $(($(date +%s) - start))s, console log in $t/qemu.log"
