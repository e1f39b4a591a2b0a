#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Zone 1 over virtio-blk vs the root zone reading the same image from its
# own disk, in one QEMU run (tests/virtio: the root's disk is QEMU's
# virtio-mmio disk, zone 1's disk is rootfs2.ext4 on it, served by the
# hvisor virtio daemon).  blkbench: 64 MiB sequential (page cache dropped)
# and 1000 random 4 KiB O_DIRECT reads.  Three rounds, root then zone 1 in
# each (the host's load changes; alternating shares it out); prints the
# rounds, the medians of MB/s and IOPS for both and the ratios of the
# medians zone/root (target: sequential >= 0.5).
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
rounds=$(echo "$res" | sed -n 's/^# bench \(root\|zone\) seq \([0-9.]*\) rand \([0-9]*\)$/\1 \2 \3/p')
if [ "$(echo "$rounds" | grep -c '^root ')" -ne 3 ] ||
	[ "$(echo "$rounds" | grep -c '^zone ')" -ne 3 ]; then
	echo "bench-virtio: not 3 rounds of results (console log $out.qemu.log)" >&2
	exit 1
fi
echo "$rounds" | awk '
function median(a) {
	# three values: the one that is neither the smallest nor the largest
	if ((a[1] - a[2]) * (a[3] - a[1]) >= 0) return a[1]
	if ((a[2] - a[1]) * (a[3] - a[2]) >= 0) return a[2]
	return a[3]
}
$1 == "root" { rs[++nr] = $2; ri[nr] = $3 }
$1 == "zone" { zs[++nz] = $2; zi[nz] = $3 }
END {
	for (i = 1; i <= 3; i++)
		printf "round %d: root %.1f MB/s %d IOPS, zone 1 %.1f MB/s %d IOPS, sequential ratio %.2f\n",
			i, rs[i], ri[i], zs[i], zi[i], zs[i] / rs[i]
	s1 = median(rs); i1 = median(ri); s2 = median(zs); i2 = median(zi)
	printf "root, own disk:     sequential %8.1f MB/s, random 4 KiB %6d IOPS (medians)\n", s1, i1
	printf "zone 1, virtio-blk: sequential %8.1f MB/s, random 4 KiB %6d IOPS (medians)\n", s2, i2
	printf "ratio zone/root:    sequential %8.2f (target >= 0.5), random %.2f\n", s2 / s1, i2 / i1
}'
