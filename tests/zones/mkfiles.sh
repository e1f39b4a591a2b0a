#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Files of the zones test: zone 1 (linux2) made by zonegen on a copy of the
# qemu-gicv3 board, its initramfs, and the root zone's initramfs = the usual
# one (scripts/mkinitramfs.sh) followed by a second cpio archive holding
# /root/zones (Linux unpacks concatenated archives).
#   tests/zones/mkfiles.sh CACHE OUT_DIR
# Writes OUT_DIR/root-initrd.cpio.gz, OUT_DIR/boards/ (the board copy with
# the request zones/linux2.yaml), OUT_DIR/derived/ (zonegen derive of it),
# OUT_DIR/zones/ (what goes to /root/zones).
set -eu
cache=${1:?usage: mkfiles.sh CACHE OUT_DIR}
out=${2:?usage: mkfiles.sh CACHE OUT_DIR}
O=${O:-build}
bb=$cache/x/bin/busybox
tool=$O/arm64/hvisor-tool

rm -rf "$out" && mkdir -p "$out/boards/aarch64" "$out/zones"
cp -r boards/aarch64/qemu-gicv3 "$out/boards/aarch64/"
rm -rf "$out/boards/aarch64/qemu-gicv3/zones"

# zone 1's initramfs: /init says it ran (through /dev/kmsg: the zone's
# only output is the kernel's earlycon, i.e. the hypervisor debug console)
z=$out/z1root
mkdir -p "$z/bin" "$z/dev" "$z/proc"
cp "$bb" "$z/bin/busybox"
for a in sh mount echo sleep cat; do ln -s busybox "$z/bin/$a"; done
cat >"$z/init" <<'INIT'
#!/bin/sh
mount -t devtmpfs devtmpfs /dev
mount -t proc proc /proc
echo "hvisor-c zone1: init reached, $(grep -c ^processor /proc/cpuinfo) CPUs" >/dev/kmsg
while :; do sleep 1000; done
INIT
chmod 755 "$z/init"
(cd "$z" && find . | sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9n \
	>"$out/zones/zone1-initrd.cpio.gz"

# zone 1: CPUs 2,3 and 512 MiB at 0x50000000, paths relative to /root/zones
# (zonegen reads the initrd for its size: run it where the paths resolve)
zg=$(cd "$O/host/bin" && pwd)/zonegen
absout=$(cd "$out" && pwd)
(cd "$out/zones" && "$zg" linux2 --boards-dir "$absout/boards" --board qemu-gicv3 \
	--cpus 2,3 --mem 0x50000000+0x20000000 --kernel ./Image \
	--initrd ./zone1-initrd.cpio.gz \
	--bootargs "earlycon=pl011,mmio32,0x9000000 keep_bootcon rdinit=/init" \
	--debug-console 0x9000000) \
	>"$out/zonegen.log" 2>&1
# what the build derives from the board and the request (make does this
# for the hypervisor; here for the zone files that go to /root/zones)
"$zg" derive --boards-dir "$absout/boards" --board qemu-gicv3 \
	-o "$absout/derived" >>"$out/zonegen.log" 2>&1
zd=$out/derived/zones/linux2
cp "$zd/linux2.json" "$out/zones/"
cp "$zd/linux2.dtb" "$out/zones/"
cp "$cache/Image" "$out/zones/Image"
cp "$tool/hvisor.ko" "$tool/hvisor" "$out/zones/"
# a broken config for the error-line test: no entry_point
/usr/bin/python3 - "$out/zones/linux2.json" "$out/zones/bad.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
del j["entry_point"]
json.dump(j, open(sys.argv[2], "w"), indent=4)
PY

# root initramfs: the standard one + /root/zones + /bin/hvisor
"$(dirname "$0")/../../scripts/mkinitramfs.sh" "$cache" "$out/base.cpio.gz"
x=$out/extra
mkdir -p "$x/root" "$x/bin"
cp -r "$out/zones" "$x/root/zones"
ln -s ../root/zones/hvisor "$x/bin/hvisor"
(cd "$x" && find . | sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1n \
	>"$out/extra.cpio.gz"
cat "$out/base.cpio.gz" "$out/extra.cpio.gz" >"$out/root-initrd.cpio.gz"
