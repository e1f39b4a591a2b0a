#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Zone 1 over virtio-blk vs the root zone reading the same image from its
# own disk, in one QEMU run (tests/virtio: the root's disk is QEMU's
# virtio-mmio disk, zone 1's disk is rootfs2.ext4 on it, served by the
# hvisor virtio daemon).  blkbench: 64 MiB sequential (page cache dropped)
# and 1000 random 4 KiB O_DIRECT reads.  Prints MB/s and IOPS for both and
# the ratios zone/root (target: sequential >= 0.5).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
O=${O:-build}
CACHE=${CACHE:-.cache/arm64}
export O CACHE
out=$O/bench-virtio
make -s tools hvisor-tool >/dev/null
tests/virtio/mkfiles.sh "$CACHE" "$out/files" >"$out.files.log" 2>&1 ||
	{ echo "bench-virtio: files failed (see $out.files.log)" >&2; exit 1; }
kver=$(cat "$CACHE/kver")
res=$(timeout 1800 expect tests/virtio/virtio.exp bench "$out.qemu.log" "$kver" -- \
	tests/virtio/boot.sh "$out/files" </dev/null)
echo "$res" | grep -v '^ok - '
set -- $(echo "$res" | sed -n 's/^# bench root seq \([0-9.]*\) rand \([0-9]*\)$/\1 \2/p') \
	$(echo "$res" | sed -n 's/^# bench zone seq \([0-9.]*\) rand \([0-9]*\)$/\1 \2/p')
if [ $# -ne 4 ]; then
	echo "bench-virtio: no result (console log $out.qemu.log)" >&2
	exit 1
fi
awk -v rs="$1" -v ri="$2" -v zs="$3" -v zi="$4" 'BEGIN {
	printf "root, own disk:     sequential %8.1f MB/s, random 4 KiB %6d IOPS\n", rs, ri
	printf "zone 1, virtio-blk: sequential %8.1f MB/s, random 4 KiB %6d IOPS\n", zs, zi
	printf "ratio zone/root:    sequential %8.2f (target >= 0.5), random %.2f\n", zs / rs, zi / ri
}'
