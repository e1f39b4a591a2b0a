#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make demo-zones`: the root Linux under the hypervisor on QEMU, with a
# second Debian Linux ready to start in zone 1 with its own virtio disk,
# console and network (docs/virtio-qemu.md).  Builds what it needs into
# build/demo-zones (once; REBUILD=1 builds again), prints the commands to
# type, then boots: you land at the root zone's prompt.
#   QEMU: Ctrl-A X quits.  microcom: Ctrl-X leaves it.
set -eu
cd "$(dirname "$0")/.."
O=${O:-build}
CACHE=${CACHE:-.cache/arm64}
export O CACHE
out=$O/demo-zones
say() { printf '\n=== %s\n' "$*"; }

if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$out/boot/hvisor.elf" ] ||
	[ ! -f "$out/rootdisk.ext4" ] || [ ! -f "$out/root-initrd.cpio.gz" ]; then
	say "build: make deps tools hvisor-tool, then tests/virtio/mkfiles.sh $CACHE $out"
	make -s deps
	make -s tools
	make -s hvisor-tool
	tests/virtio/mkfiles.sh "$CACHE" "$out"
else
	say "using $out (REBUILD=1 to build it again)"
fi

cat <<EOF

=== In the root Linux (root-linux:/root#), type:

  sh /root/setup.sh                      # modules, mounts the disk on /mnt
  cd /mnt/zones
  insmod hvisor.ko
  hvisor virtio start virtio_cfg.json &  # zone 1's blk, console, net back-ends
                                         # prints: hvisor virtio: zone 1 console 0x...: /dev/pts/N
  hvisor zone start linux2.json          # zone 1 boots on CPUs 2,3 ("[linux2] " lines)
  microcom -s 115200 /dev/pts/N          # zone 1's console (hvc0): zone1:/#
                                         # Ctrl-X leaves microcom
  hvisor zone list
  hvisor zone shutdown -id 1

Network (tap0 is made by the daemon):
  root:   ip addr add 10.0.0.1/24 dev tap0
  zone 1: ip addr add 10.0.0.2/24 dev eth0; ip link set eth0 up; ping -c 3 10.0.0.1

Benchmark (zone 1 / root): blkbench seq /dev/vda 64; blkbench rand /dev/vda 1000
                           /mnt/zones/blkbench seq /mnt/zones/rootfs2.ext4 64
Quit: hvisor virtio stop; poweroff -f        (or Ctrl-A X)

EOF
if [ ! -t 0 ] || [ ! -t 1 ]; then
	echo "demo-zones: not a terminal: run it from one (the root shell is interactive)" >&2
	exit 1
fi
exec tests/virtio/boot.sh "$out"
