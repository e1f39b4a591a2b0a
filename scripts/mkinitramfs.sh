#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build the root-zone initramfs: Debian's busybox-static (the cache's
# architecture: arm64 or riscv64), an /init
# that mounts proc/sys/dev, devpts, /run and /tmp, prints a marker and
# runs a shell on the console.
#   scripts/mkinitramfs.sh CACHE OUT.cpio.gz
set -eu
cache=${1:?usage: mkinitramfs.sh CACHE OUT.cpio.gz}
out=${2:?usage: mkinitramfs.sh CACHE OUT.cpio.gz}
bb=$cache/x/bin/busybox
[ -f "$bb" ] || { echo "mkinitramfs: $bb: missing (hint: make deps)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
mkdir -p "$root/bin" "$root/sbin" "$root/proc" "$root/sys" "$root/dev" \
	"$root/tmp" "$root/root" "$root/etc"
cp "$bb" "$root/bin/busybox"
# The guest's busybox cannot run here to --install itself: link the applets
# the tests and a person at the prompt need.
for a in sh ash cat echo ls mount umount mkdir rm cp mv ln ps grep sed \
	head tail nproc uname dmesg sleep poweroff reboot halt devmem \
	hexdump free df du top uptime date env true false test \[ stty \
	setsid cttyhack insmod rmmod lsmod modprobe mknod chmod tr wc vi \
	dd sync seq printf kill killall pidof watch time find xargs; do
	ln -sf busybox "$root/bin/$a"
done
# /dev/console must exist before devtmpfs is mounted, for init's stdio
mknod -m 600 "$root/dev/console" c 5 1 2>/dev/null || true

cat > "$root/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# ptys for the virtio daemon's consoles, /run for its pid file
mkdir -p /dev/pts /run /tmp
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs tmpfs /tmp
export PATH=/bin:/sbin HOME=/root PS1='root-linux:\w# '
echo "hvisor-c root zone: init running, $(nproc) CPUs online"
cd /root
exec setsid cttyhack /bin/sh
INIT
chmod 755 "$root/init"

mkdir -p "$(dirname "$out")"
(cd "$root" && find . | sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -9n > "$out.tmp"
mv "$out.tmp" "$out"
