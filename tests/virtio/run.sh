#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# virtio for non-root zones on QEMU (TAP lines): in the root Linux under the
# hypervisor, `hvisor virtio start virtio_cfg.json &` serves zone 1's
# virtio-blk, -console and -net; `hvisor zone start linux2.json` boots
# Debian's kernel in zone 1 with root=/dev/vda; microcom on the daemon's pty
# is zone 1's hvc0.  Disk, network, a daemon killed under load, 20 start/
# shutdown cycles without leaks.  Files: tests/virtio/mkfiles.sh (a board
# dtscan made from QEMU's DT, keeping QEMU's virtio-mmio disk at 0xa003e00
# for the root; zone 1 by zonegen; docs/virtio-qemu.md).  Before that, zone
# 1's own files boot on plain QEMU (no hypervisor) as a sanity check.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 1
O=${O:-build}
CACHE=${CACHE:-.cache/arm64}
export O CACHE
t=$O/virtio-test
f=$t/files
mkdir -p "$t"

if make -s tools >"$t/build.log" 2>&1 && make -s hvisor-tool >>"$t/build.log" 2>&1; then
	echo "ok - build dtscan, zonegen, hvisor.ko and the hvisor CLI"
else
	echo "not ok - build dtscan, zonegen, hvisor.ko and the hvisor CLI (see $t/build.log)"
	exit 0
fi
start=$(date +%s)
if tests/virtio/mkfiles.sh "$CACHE" "$f" >"$t/files.log" 2>&1; then
	echo "ok - board by dtscan (QEMU disk kept), zone 1 by zonegen, disks, initramfs, hypervisor"
else
	echo "not ok - board by dtscan (QEMU disk kept), zone 1 by zonegen, disks, initramfs, hypervisor (see $t/files.log)"
	exit 0
fi
echo "# files: $(($(date +%s) - start))s"
kver=$(cat "$CACHE/kver")

# the board: root zone keeps virtio_mmio@a003e00 (io page + INTID 79), zone 1
# gets three virtio devices; zonegen's files are what the root disk holds
y=$f/boards/aarch64/qemu-gicv3/board.yaml
if grep -qF '{type: io, base: "0xa003000", size: "0x1000", node: /virtio_mmio@a003e00}' "$y" &&
	grep -qF '{intid: 79, node: /virtio_mmio@a003e00}' "$y" &&
	grep -q 'virtio_mmio@a003e00' "$f/boards/aarch64/qemu-gicv3/zone0.dts"; then
	echo "ok - dtscan --keep: the root zone owns QEMU's virtio_mmio@a003e00 (io page, INTID 79)"
else
	echo "not ok - dtscan --keep: the root zone owns QEMU's virtio_mmio@a003e00 (io page, INTID 79)"
fi
if cmp -s "$f/derived/virtio_cfg.json" "$f/disk/zones/virtio_cfg.json" &&
	cmp -s "$f/derived/zones/linux2/linux2.json" "$f/disk/zones/linux2.json" &&
	[ "$(grep -c '"type": "\(blk\|console\|net\)"' "$f/disk/zones/virtio_cfg.json")" = 3 ]; then
	echo "ok - zonegen: linux2.json and virtio_cfg.json (blk, console, net) go to the disk unchanged"
else
	echo "not ok - zonegen: linux2.json and virtio_cfg.json (blk, console, net) go to the disk unchanged"
fi
if file "$f/blkbench" | grep -q "ARM aarch64.*statically linked"; then
	echo "ok - blkbench is a static arm64 executable"
else
	echo "not ok - blkbench is a static arm64 executable"
fi

# zone 1's files on plain QEMU: its initramfs, disk and console without
# the hypervisor (a virtconsole is hvc0, QEMU's pl011 takes the earlycon
# output the debug console takes under the hypervisor)
cp --sparse=always "$f/disk/zones/rootfs2.ext4" "$t/plain-rootfs2.ext4"
start=$(date +%s)
res=$(timeout 300 expect tests/virtio/virtio.exp plain "$t/plain.log" "$kver" -- \
	qemu-system-aarch64 -machine virt -cpu cortex-a57 -smp 2 -m 512M \
	-display none -monitor none -serial "file:$t/plain-serial.log" \
	-kernel "$CACHE/Image" -initrd "$f/disk/zones/zone1-initrd.cpio.gz" \
	-append "console=hvc0 earlycon=pl011,mmio32,0x9000000 keep_bootcon root=/dev/vda rw rdinit=/init" \
	-drive "if=none,file=$t/plain-rootfs2.ext4,format=raw,id=d0" \
	-device virtio-blk-device,drive=d0 \
	-device virtio-serial-device -chardev stdio,id=c0 \
	-device virtconsole,chardev=c0 \
	-netdev hubport,id=n0,hubid=0 -device virtio-net-device,netdev=n0 \
	</dev/null 2>"$t/plain-qemu.err")
echo "$res"
want=8
if [ "$(echo "$res" | grep -c '^\(not \)*ok - ')" -ne $want ]; then
	echo "not ok - plain QEMU scenario ran all $want steps"
fi
if grep -q "Booting Linux on physical CPU 0x0* " "$t/plain-serial.log"; then
	echo "ok - plain QEMU: zone 1's earlycon bootargs print the banner on the pl011 at 0x9000000"
else
	echo "not ok - plain QEMU: zone 1's earlycon bootargs print the banner on the pl011 at 0x9000000"
fi
echo "# plain QEMU: $(($(date +%s) - start))s, logs $t/plain.log, $t/plain-serial.log"

# the user story under the hypervisor
start=$(date +%s)
res=$(timeout 2400 expect tests/virtio/virtio.exp hv "$t/qemu.log" "$kver" -- \
	tests/virtio/boot.sh "$f" </dev/null)
echo "$res"
want=51
if [ "$(echo "$res" | grep -c '^\(not \)*ok - ')" -ne $want ]; then
	echo "not ok - virtio scenario ran all $want steps"
fi
echo "# virtio: $(($(date +%s) - start))s, console log in $t/qemu.log"
