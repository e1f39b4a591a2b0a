#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot the hypervisor and the root Linux of the virtio test / demo-zones
# (files from tests/virtio/mkfiles.sh) with the root zone's own disk on
# QEMU's virtio-mmio-bus.31 (0xa003e00, the transport dtscan kept):
#   tests/virtio/boot.sh OUT_DIR [extra QEMU args...]
# CACHE (default .cache/arm64) gives the root kernel Image.
set -eu
out=${1:?usage: boot.sh OUT_DIR [qemu args]}
shift
here=$(cd "$(dirname "$0")" && pwd)
cache=${CACHE:-$here/../../.cache/arm64}
for f in "$out/boot/hvisor.elf" "$out/root-initrd.cpio.gz" "$out/rootdisk.ext4"; do
	[ -f "$f" ] || { echo "boot.sh: $f: missing (hint: tests/virtio/mkfiles.sh)" >&2; exit 1; }
done
exec "$here/../qemu/boot.sh" "$out/boot" "$out/root-initrd.cpio.gz" \
	"$cache/Image" \
	-drive if=none,file="$out/rootdisk.ext4",format=raw,id=hd0 \
	-device virtio-blk-device,drive=hd0,bus=virtio-mmio-bus.31 \
	"$@"
