#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Files of the virtio test and `make demo-zones` (docs/virtio-qemu.md): a
# second Debian Linux in zone 1 with a virtio disk, console and network,
# made the user's way, without root privileges.
#   tests/virtio/mkfiles.sh CACHE OUT_DIR
# CACHE = .cache/arm64 (make deps).  Needs `make tools` and
# `make hvisor-tool` (build/host/bin, build/arm64/hvisor-tool; O= to move).
# Writes into OUT_DIR:
#   virt.dtb             QEMU's own DT (dumpdtb), what dtscan reads
#   boards/              dtscan's board (QEMU's virtio-mmio disk at 0xa003e00
#                        kept for the root zone), then zonegen's zone 1
#   disk/zones/          what goes to the root disk's /zones
#   rootfs2.ext4 (in disk/zones), zone1-initrd.cpio.gz (in disk/zones)
#   rootdisk.ext4        the root zone's disk (QEMU virtio-mmio-bus.31)
#   root-initrd.cpio.gz  scripts/mkinitramfs.sh's + a cpio with modules,
#                        applet links and /root/setup.sh
#   hv/, boot/           the hypervisor for that board; boot/ is what
#                        tests/qemu/boot.sh wants (hvisor.elf, board.mk,
#                        zone0-run.dtb)
#   blkbench             tests/virtio/guest/blkbench.c, static arm64
#   modules-root.txt, modules-zone1.txt  the module load orders
set -eu
cache=${1:?usage: mkfiles.sh CACHE OUT_DIR}
out=${2:?usage: mkfiles.sh CACHE OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
O=${O:-build}
case $O in /*) ;; *) O=$top/$O ;; esac
case $cache in /*) ;; *) cache=$(cd "$cache" && pwd) ;; esac
board=qemu-gicv3
bb=$cache/x/bin/busybox
kver=$(cat "$cache/kver")
mods=$cache/modules
tool=$O/arm64/hvisor-tool
say() { echo "mkfiles: $*"; }
die() { echo "mkfiles: $*" >&2; exit 1; }

for f in "$bb" "$cache/Image" "$mods/modules.order" "$mods/modules.builtin" \
	"$O/host/bin/dtscan" "$O/host/bin/zonegen" "$tool/hvisor.ko" "$tool/hvisor"; do
	[ -e "$f" ] || die "$f: missing (hint: make deps tools hvisor-tool)"
done
for t in qemu-system-aarch64 mke2fs cpio gzip strings dtc fdtput \
	aarch64-linux-gnu-gcc; do
	command -v "$t" >/dev/null || die "$t: not found (hint: make deps; mke2fs is in e2fsprogs)"
done

rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
zones=$out/disk/zones
mkdir -p "$zones"

# --- kernel modules ----------------------------------------------------
# Debian's linux-image package has no modules.dep (depmod runs at install
# time), and the host may have no kmod: read each module's own modinfo
# "depends=" line (the .ko files are not compressed in Debian 12) and
# resolve it recursively, dependencies first.  Modules built into the
# kernel (modules.builtin: virtio, virtio_ring, ...) are skipped.
# "softdep=" lines are NOT followed (they name aliases such as
# crypto-crc32c, which only a full modules.alias resolves): the module
# lists below name those by hand.
modmap=$out/modules.map
# "name relative/path.ko", name with '-' as '_' (as depends= spells them)
awk '{ n = $0; sub(/.*\//, "", n); sub(/\.ko$/, "", n); gsub(/-/, "_", n);
	print n, $0 }' "$mods/modules.order" >"$modmap"
builtin=$out/modules.builtin.names
sed 's|.*/||; s|\.ko$||; s|-|_|g' "$mods/modules.builtin" >"$builtin"

modpath() {
	awk -v n="$1" '$1 == n { print $2; exit }' "$modmap"
}

# prints NAME's dependencies then NAME, one a line (duplicates possible);
# "!NAME" for a module that is nowhere
resolve() (
	for m in "$@"; do
		m=$(echo "$m" | tr - _)
		if grep -qx "$m" "$builtin"; then
			continue
		fi
		p=$(modpath "$m")
		if [ -z "$p" ]; then
			echo "!$m"
			continue
		fi
		deps=$(strings -a "$mods/$p" | sed -n 's/^depends=//p' | tr , ' ')
		# shellcheck disable=SC2086
		[ -z "$deps" ] || resolve $deps
		echo "$m"
	done
)

# modules NAME... > load order (first occurrence kept: deps come first)
modules() {
	resolve "$@" >"$out/modules.tmp"
	if grep '^!' "$out/modules.tmp" >&2; then
		die "modules above: not in $mods/modules.order nor modules.builtin"
	fi
	awk '!seen[$0]++' "$out/modules.tmp"
	rm -f "$out/modules.tmp"
}

# copy the modules of list FILE into DIR/lib/modules/KVER, flat, with the
# list as DIR/lib/modules/KVER/load.list
install_modules() {
	d=$2/lib/modules/$kver
	mkdir -p "$d"
	while read -r m; do
		cp "$mods/$(modpath "$m")" "$d/$m.ko"
	done <"$1"
	cp "$1" "$d/load.list"
}

# zone 1: virtio_mmio (the transport zonegen's DT describes), the three
# devices, ext4 for its root.  crc32c_generic: ext4 and jbd2 softdep on
# crypto-crc32c, which mke2fs's default metadata_csum needs at mount time.
modules virtio_mmio virtio_blk virtio_console virtio_net crc32c_generic ext4 \
	>"$out/modules-zone1.txt"
# root zone: its QEMU disk (virtio_mmio, virtio_blk, ext4), tun for the
# daemon's tap0, loop to mount zone 1's disk image for the checks
modules virtio_mmio virtio_blk crc32c_generic ext4 tun loop \
	>"$out/modules-root.txt"
say "zone 1 modules: $(tr '\n' ' ' <"$out/modules-zone1.txt")"
say "root modules: $(tr '\n' ' ' <"$out/modules-root.txt")"

# busybox applet links.  The arm64 busybox cannot run here to list its
# applets; the list below was checked against the applet-name table inside
# Debian 12's busybox-static 1.35 binary (docs/virtio-qemu.md), and each
# name is checked again here, so a busybox without one fails the build
# instead of a test.
applets_have=$out/busybox.applets
# the table: NUL-separated sorted names, "[", "[[", "acpid", ... up to an
# empty string
LC_ALL=C strings -a -n 1 "$bb" | awk '
	prev == "[" && $0 == "[[" { on = 1; print prev }
	on && ($0 < last) { exit }
	on { print; last = $0 }
	{ prev = $0 }' >"$applets_have"
link_applets() {
	dir=$1
	shift
	mkdir -p "$dir"
	for a in "$@"; do
		grep -qxF "$a" "$applets_have" || die "busybox: no applet $a in $bb"
		ln -sf busybox "$dir/$a"
	done
}

cpio_dir() {
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet)
}

# --- blkbench -----------------------------------------------------------
# the top Makefile's WARN_CFLAGS (make expands it, not the shell)
# shellcheck disable=SC2016
warn=$(make -s -C "$top" --no-print-directory \
	--eval='print-warn-cflags: ; @echo $(WARN_CFLAGS)' print-warn-cflags)
# shellcheck disable=SC2086
aarch64-linux-gnu-gcc -static -std=c11 -D_GNU_SOURCE -O2 $warn \
	-o "$out/blkbench" "$here/guest/blkbench.c"

# --- zone 1's initramfs -------------------------------------------------
# Loads the modules, waits (bounded) for /dev/vda, mounts it and
# switch_roots into it.  Every failure is one line on /dev/kmsg (which the
# hypervisor's debug console shows as "[linux2] ...") and then a shell.
z=$out/z1initrd
mkdir -p "$z/bin" "$z/dev" "$z/proc" "$z/sys" "$z/newroot"
cp "$bb" "$z/bin/busybox"
link_applets "$z/bin" sh mount umount insmod cat echo sleep usleep \
	switch_root setsid cttyhack grep
install_modules "$out/modules-zone1.txt" "$z"
cat >"$z/init" <<'INIT'
#!/bin/sh
# zone 1 initramfs (tests/virtio/mkfiles.sh)
export PATH=/bin
mount -t devtmpfs devtmpfs /dev
mount -t proc proc /proc
mount -t sysfs sysfs /sys
say() { echo "hvisor-c zone1 initramfs: $*" >/dev/kmsg; }
fail() {
	say "FAILED: $*; dropping to a shell"
	if [ -c /dev/hvc0 ]; then
		exec setsid cttyhack sh </dev/hvc0 >/dev/hvc0 2>&1
	fi
	exec sh
}
d=/lib/modules/$(cat /proc/sys/kernel/osrelease)
while read -r m; do
	insmod "$d/$m.ko" || fail "insmod $m"
done <"$d/load.list"
# hvc0 (virtio_console) is the console= now: init's output goes there
if [ -c /dev/hvc0 ] && (: </dev/console) 2>/dev/null; then
	exec </dev/console >/dev/console 2>&1
fi
i=0
while [ ! -b /dev/vda ]; do
	i=$((i + 1))
	[ $i -le 300 ] || fail "no /dev/vda after 30 s (virtio-blk back-end?)"
	usleep 100000
done
mount -t ext4 -o rw /dev/vda /newroot || fail "mount -t ext4 /dev/vda"
[ -x /newroot/sbin/init ] || fail "/dev/vda has no /sbin/init"
umount /sys
umount /proc
mount --move /dev /newroot/dev || fail "mount --move /dev"
exec switch_root /newroot /sbin/init
INIT
chmod 755 "$z/init"
cpio_dir "$z" | gzip -9n >"$zones/zone1-initrd.cpio.gz"

# --- zone 1's root disk -------------------------------------------------
r=$out/rootfs2
mkdir -p "$r/bin" "$r/sbin" "$r/etc/init.d" "$r/proc" "$r/sys" "$r/dev" \
	"$r/tmp" "$r/root" "$r/mnt" "$r/run" "$r/var/log"
cp "$bb" "$r/bin/busybox"
ln -s ../bin/busybox "$r/sbin/init"
link_applets "$r/bin" sh ash cat echo ls mount umount mkdir rm cp mv ln ps \
	grep sed head tail nproc uname dmesg sleep usleep poweroff reboot \
	halt hostname free df du uptime date env true false test [ stty \
	setsid cttyhack kill killall pidof find xargs tr wc dd sync seq \
	printf sha256sum md5sum cmp ip ifconfig ping nc stat vi less \
	awk cut sort uniq tee touch chmod basename dirname timeout
cp "$out/blkbench" "$r/bin/blkbench"
echo zone1 >"$r/etc/hostname"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$r/etc/passwd"
printf 'root:x:0:\n' >"$r/etc/group"
printf '127.0.0.1 localhost\n10.0.0.1 root-linux\n10.0.0.2 zone1\n' >"$r/etc/hosts"
cat >"$r/etc/profile" <<'PROFILE'
export PATH=/bin:/sbin HOME=/root PS1='zone1:\w# '
PROFILE
cat >"$r/etc/inittab" <<'INITTAB'
# zone 1 (tests/virtio/mkfiles.sh): busybox init
::sysinit:/etc/init.d/rcS
hvc0::respawn:-/bin/sh
::shutdown:/bin/umount -a -r
INITTAB
cat >"$r/etc/init.d/rcS" <<'RCS'
#!/bin/sh
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
grep -q ' /dev ' /proc/mounts || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=755 tmpfs /run
hostname -F /etc/hostname
ip link set lo up
m="hvisor-c zone1: rootfs /dev/vda mounted"
echo "$m" >/dev/kmsg
echo "$m"
RCS
chmod 755 "$r/etc/init.d/rcS"
# the fault test: read the disk in a loop (32 MiB a pass, cache dropped)
cat >"$r/root/vdaread.sh" <<'VDA'
#!/bin/sh
n=0
while :; do
	echo 3 >/proc/sys/vm/drop_caches
	dd if=/dev/vda of=/dev/null bs=1M count=32 2>/dev/null
	n=$((n + 1))
	[ $n != 1 ] || echo "vdaread: first pass done"
done
VDA
# bench.bin: the benchmark's 64 MiB file, random bytes, the same in zone
# 1's root filesystem (/bench.bin, read over virtio-blk) and on the root
# zone's disk (/mnt/zones/bench.bin): both read a file through ext4
head -c 67108864 /dev/urandom >"$out/bench.bin"
cp "$out/bench.bin" "$r/bench.bin"
# 192 MiB: bench.bin, room for the 4 MiB file of the disk test, 16 MiB more (the
# network test's 16 MiB go to zone 1's tmpfs /tmp, but may as well go to
# disk) and blkbench's reads; ext4 with mke2fs's defaults (metadata_csum:
# crc32c) except -b 4096 (mke2fs picks 1 KiB blocks below 512 MiB; 4 KiB is
# what a real root filesystem has, and what blkbench should read).
# Not sparse: a hole reads as zeros without any I/O (in the root's ext4 and
# in the daemon's preadv alike), so a sparse image would have blkbench time
# memset, not the disk.  Random bytes first, then mke2fs without discard
# (which would punch them out again); mke2fs -d keeps them in the root disk.
dd if=/dev/urandom of="$zones/rootfs2.ext4" bs=1M count=192 status=none
mke2fs -q -F -t ext4 -b 4096 -L zone1root -d "$r" \
	-E root_owner=0:0,nodiscard "$zones/rootfs2.ext4" 192M
cp "$out/bench.bin" "$zones/bench.bin"

# --- zone 1 by zonegen, on a board dtscan made from QEMU's DT -------------
# The root zone keeps one real QEMU virtio-mmio transport, 0xa003e00 =
# 0xa000000 + 31 * 0x200 = virtio-mmio-bus.31, for its own disk.
qemu-system-aarch64 \
	-machine "virt,gic-version=3,virtualization=on,dumpdtb=$out/virt.dtb" \
	-cpu cortex-a57 -smp 4 -m 2G -nographic -nodefaults >"$out/dumpdtb.log" 2>&1 ||
	die "qemu dumpdtb failed (see $out/dumpdtb.log)"
bdir=$out/boards/aarch64/$board
"$O/host/bin/dtscan" "$out/virt.dtb" --board $board \
	--keep /virtio_mmio@a003e00 -o "$bdir" >"$out/dtscan.log"
cp "$cache/Image" "$zones/Image"
# relative image paths: run zonegen where they resolve (it reads the initrd
# for its size)
(cd "$zones" && "$O/host/bin/zonegen" linux2 --boards-dir "$out/boards" \
	--board $board --cpus 2,3 --mem 0x50000000+0x20000000 --kernel ./Image \
	--initrd ./zone1-initrd.cpio.gz \
	--bootargs "console=hvc0 earlycon=pl011,mmio32,0x9000000 keep_bootcon root=/dev/vda rw rdinit=/init" \
	--debug-console 0x9000000 \
	--virtio blk:rootfs2.ext4 --virtio console --virtio net:tap0) \
	>"$out/zonegen.log" 2>&1 || die "zonegen failed (see $out/zonegen.log)"
# what the build derives from the board and zone 1's request, with zonegen
# check's cross-checks (the root's own QEMU transport is an io page of
# board.yaml, which check accepts)
"$O/host/bin/zonegen" derive --boards-dir "$out/boards" --board $board \
	-o "$out/derived" >"$out/zonegen-check.log" 2>&1 ||
	die "zonegen derive failed (see $out/zonegen-check.log)"
# zonegen's outputs, unchanged
cp "$out/derived/zones/linux2/linux2.json" \
	"$out/derived/zones/linux2/linux2.dtb" "$out/derived/virtio_cfg.json" \
	"$zones/"
cp "$tool/hvisor.ko" "$tool/hvisor" "$out/blkbench" "$zones/"

# two virtio configs the daemon must refuse (one error line naming the key,
# exit 1): an irq that is letters, and an image file that does not exist
python3 - "$zones/virtio_cfg.json" "$zones" <<'PY'
import json, sys
src, d = sys.argv[1], sys.argv[2]
cfg = json.load(open(src))
devs = cfg["zones"][0]["devices"]
bad = json.loads(json.dumps(cfg))
bad["zones"][0]["devices"][0]["irq"] = "abc"
json.dump(bad, open(d + "/virtio_badirq.json", "w"), indent=4)
bad = json.loads(json.dumps(cfg))
blk = [x for x in bad["zones"][0]["devices"] if x.get("type") == "blk"]
if not blk or "img" not in blk[0]:
    sys.exit("mkfiles: virtio_cfg.json: no blk device with img")
blk[0]["img"] = "missing.ext4"
json.dump(bad, open(d + "/virtio_noimg.json", "w"), indent=4)
PY

# --- the root zone's disk -----------------------------------------------
# 512 MiB (sparse on the host): Image 32 MiB + rootfs2.ext4 192 MiB +
# bench.bin 64 MiB + the rest, with room to copy an image
mke2fs -q -F -t ext4 -b 4096 -L rootdisk -d "$out/disk" -E root_owner=0:0 \
	"$out/rootdisk.ext4" 512M

# --- the root initramfs -------------------------------------------------
# scripts/mkinitramfs.sh's standard archive, then a second archive (Linux
# unpacks concatenated archives): modules, more applet links, setup.sh.
"$top/scripts/mkinitramfs.sh" "$cache" "$out/base.cpio.gz"
x=$out/rootextra
mkdir -p "$x/root" "$x/mnt" "$x/mnt2" "$x/run" "$x/bin"
install_modules "$out/modules-root.txt" "$x"
link_applets "$x/bin" microcom sha256sum md5sum cmp ip ifconfig ping nc \
	losetup tunctl usleep awk cut stat timeout tee readlink basename
ln -sf /mnt/zones/hvisor "$x/bin/hvisor"
cat >"$x/root/setup.sh" <<'SETUP'
#!/bin/sh
# the root zone's disk (tests/virtio/mkfiles.sh): load the modules, mount
# QEMU's virtio-blk disk (virtio-mmio-bus.31 = virtio_mmio@a003e00) on /mnt;
# the standard /init (scripts/mkinitramfs.sh) mounts devpts (the virtio
# daemon's consoles are ptys) and /run (its pid file): check, do not redo
for m in /dev/pts /run; do
	grep -q " $m " /proc/mounts ||
		{ echo "root: $m is not mounted by /init"; exit 1; }
done
d=/lib/modules/$(uname -r)
while read -r m; do
	insmod "$d/$m.ko" || { echo "root: insmod $m failed"; exit 1; }
done <"$d/load.list"
i=0
while [ ! -b /dev/vda ]; do
	i=$((i + 1))
	[ $i -le 300 ] || { echo "root: no /dev/vda after 30 s"; exit 1; }
	usleep 100000
done
echo "root: /dev/vda is $(readlink -f /sys/block/vda)"
mount -t ext4 /dev/vda /mnt || { echo "root: mount /dev/vda failed"; exit 1; }
echo "root: disk mounted, zones in /mnt/zones"
SETUP
chmod 755 "$x/root/setup.sh"
# helpers of tests/virtio/virtio.exp (short commands: the console is 80
# columns and ash wraps longer ones)
cat >"$x/root/vd-wait.sh" <<'VDW'
#!/bin/sh
# vd-wait.sh OUT: wait (60 s at most) for the daemon's console line in OUT
i=0
while ! grep -q 'console 0x[0-9a-f]*: /dev/pts/' "$1" 2>/dev/null; do
	i=$((i + 1))
	[ $i -le 120 ] || break
	usleep 500000
done
cat "$1"
p=$(cat /run/hvisor-virtio.pid 2>/dev/null)
if [ -n "$p" ] && [ -d "/proc/$p" ]; then
	echo "vd-pid=$p"
else
	echo "vd-pid=none (no /run/hvisor-virtio.pid of a live process)"
fi
VDW
cat >"$x/root/waitfile.sh" <<'WF'
#!/bin/sh
# waitfile.sh FILE SECS: wait until FILE exists, SECS at most
i=0
while [ ! -e "$1" ] && [ $i -lt "$2" ]; do
	sleep 1
	i=$((i + 1))
done
WF
cat >"$x/root/fds.sh" <<'FDS'
#!/bin/sh
# fds.sh: the daemon's open fds, the kernel's allocated files (file-nr)
# and the slack of two file-nr readings: file-nr is a percpu_counter read
# without the CPUs' pending deltas, each below percpu_counter_batch =
# max(32, 2 * online CPUs); one reading is off by at most (batch - 1) per
# online CPU, a difference of two readings by twice that
p=$(cat /run/hvisor-virtio.pid)
# shellcheck disable=SC2012 # fd names are numbers
n=$(ls /proc/"$p"/fd | wc -l)
f=$(cut -f1 /proc/sys/fs/file-nr)
online=$(grep -c ^processor /proc/cpuinfo)
batch=32
[ $((2 * online)) -le 32 ] || batch=$((2 * online))
echo "fds daemon=$n files=$f slack=$((2 * (batch - 1) * online))"
FDS
cpio_dir "$x" | gzip -1n >"$out/extra.cpio.gz"
cat "$out/base.cpio.gz" "$out/extra.cpio.gz" >"$out/root-initrd.cpio.gz"

# --- the hypervisor for that board, and what tests/qemu/boot.sh wants -----
make -s -C "$top" --no-print-directory O="$out/hv" ARCH=aarch64 BOARD=$board \
	BOARDS_DIR="$out/boards" hypervisor >"$out/hv.log" 2>&1 ||
	die "hypervisor build failed (see $out/hv.log)"
hv=$out/hv/aarch64/$board
b=$out/boot
mkdir -p "$b"
cp "$hv/hvisor.elf" "$hv/board.mk" "$b/"
initrd_at=$(sed -n 's/^BOARD_ROOT_INITRD := //p' "$b/board.mk")
dtb=$b/zone0-run.dtb
dtc -q -I dtb -O dtb -p 4096 -o "$dtb" "$hv/zone0.dtb"
fdtput -t x "$dtb" /chosen linux,initrd-start 0 "$initrd_at"
fdtput -t x "$dtb" /chosen linux,initrd-end 0 \
	"$(printf '0x%x' $((initrd_at + $(stat -c %s "$out/root-initrd.cpio.gz"))))"
rm -rf "$z" "$r" "$x" "$modmap" "$builtin"
say "done: $out"
