#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Gather what goes on a board's boot medium, and a U-Boot boot script.
#   scripts/deploy.sh HV_OUT BOARD_DIR IMAGE INITRAMFS [HT_OUT]
# HV_OUT (build/aarch64/B) holds hvisor.bin, zone0-run.dtb, board.mk and
# the zone files make derived from BOARD_DIR (board.yaml, zones/*.yaml); HT_OUT (build/arm64/hvisor-tool)
# holds hvisor.ko and the hvisor CLI when `make hvisor-tool` built them.
# Writes HV_OUT/deploy/ (replaced as a whole, or left as it was):
#   hvisor.bin zone0.dtb Image initramfs.cpio.gz [hvisor.ko hvisor]
#   [zones/...] boot.cmd boot.scr
# boot.cmd loads each image at its board.mk address from the partition
# U-Boot's distro boot found boot.scr on, then starts the hypervisor with
# `go` at BOARD_LOAD_ADDR, caches off (the hypervisor's entry expects the
# MMU off, as a bootloader leaves it for Linux).
set -eu
me=deploy.sh
die() {
	echo "$me: $*" >&2
	exit 1
}
[ $# -ge 4 ] || die "usage: deploy.sh HV_OUT BOARD_DIR IMAGE INITRAMFS [HT_OUT]"
out=$1 bdir=$2 image=$3 initrd=$4 ht=${5:-}
mk=$out/board.mk
[ -f "$mk" ] || die "$mk: missing (hint: make ARCH=aarch64 BOARD=... hypervisor)"
command -v mkimage >/dev/null ||
	die "mkimage: not found (hint: apt-get install u-boot-tools, or make deps)"
# board.mk is "VAR := value" make syntax
BOARD_NAME='' BOARD_LOAD_ADDR='' BOARD_HV_RAM_BASE='' BOARD_HV_RAM_SIZE=''
BOARD_ROOT_KERNEL='' BOARD_ROOT_DTB='' BOARD_ROOT_INITRD=''
eval "$(sed -n 's/^\(BOARD_[A-Z0-9_]*\) := \([A-Za-z0-9_.,-]*\)$/\1="\2"/p' "$mk")"
for v in BOARD_NAME BOARD_LOAD_ADDR BOARD_HV_RAM_BASE BOARD_HV_RAM_SIZE \
	BOARD_ROOT_KERNEL BOARD_ROOT_DTB BOARD_ROOT_INITRD; do
	eval "[ -n \"\$$v\" ]" || die "$mk: $v: missing (hint: rebuild the board)"
done
dtb=$out/zone0-run.dtb
for f in "$out/hvisor.bin" "$dtb" "$image" "$initrd"; do
	[ -s "$f" ] || die "$f: missing (hint: make ARCH=aarch64 BOARD=$BOARD_NAME hypervisor zone0-dtb)"
done

# Every image inside the hypervisor's RAM (hvisor.bin) or outside it (the
# root zone's), and no two overlapping: U-Boot would load one over another.
size() { stat -L -c %s "$1"; }
hex() { printf '0x%x+0x%x' "$1" "$2"; }
list="hvisor.bin $BOARD_LOAD_ADDR $(size "$out/hvisor.bin") BOARD_LOAD_ADDR
Image $BOARD_ROOT_KERNEL $(size "$image") BOARD_ROOT_KERNEL
zone0.dtb $BOARD_ROOT_DTB $(size "$dtb") BOARD_ROOT_DTB
initramfs.cpio.gz $BOARD_ROOT_INITRD $(size "$initrd") BOARD_ROOT_INITRD"
hb=$((BOARD_HV_RAM_BASE)) he=$((BOARD_HV_RAM_BASE + BOARD_HV_RAM_SIZE))
hv="the hypervisor RAM $BOARD_HV_RAM_BASE+$BOARD_HV_RAM_SIZE"
echo "$list" | while read -r n a s v; do
	a=$((a)) e=$((a + s))
	if [ "$n" = hvisor.bin ]; then
		[ "$a" -ge "$hb" ] && [ "$e" -le "$he" ] ||
			die "$n: $(hex "$a" "$s") ($v) is not inside $hv"
	elif [ "$a" -lt "$he" ] && [ "$e" -gt "$hb" ]; then
		die "$n: $(hex "$a" "$s") ($v) overlaps $hv (hint: move root_zone's images in board.yaml)"
	fi
	echo "$list" | while read -r m b t w; do
		[ "$m" = "$n" ] && break
		b=$((b))
		if [ "$a" -lt $((b + t)) ] && [ "$b" -lt "$e" ]; then
			die "$n: $(hex "$a" "$s") ($v) overlaps $m $(hex "$b" "$t") ($w) (hint: move root_zone's images in board.yaml)"
		fi
	done || exit 1
done || exit 1

dst=$out/deploy
tmp=$out/.deploy.$$
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"
cp "$out/hvisor.bin" "$tmp/hvisor.bin"
cp "$dtb" "$tmp/zone0.dtb"
cp "$image" "$tmp/Image"
cp "$initrd" "$tmp/initramfs.cpio.gz"
extra=
if [ -n "$ht" ]; then
	for f in hvisor.ko hvisor; do
		if [ -s "$ht/$f" ]; then
			cp "$ht/$f" "$tmp/$f"
			extra="$extra $f"
		fi
	done
fi
# the zones make derived from the board's zone requests: their DTBs and
# JSON, and the daemon's virtio_cfg.json
if [ -d "$out/zones" ]; then
	for z in "$out"/zones/*/; do
		[ -d "$z" ] || continue
		zn=$(basename "$z")
		for f in "$z"*.dtb "$z"*.json; do
			[ -f "$f" ] || continue
			mkdir -p "$tmp/zones/$zn"
			cp "$f" "$tmp/zones/$zn/"
			extra="$extra zones/$zn/$(basename "$f")"
		done
	done
fi
if [ -f "$out/virtio_cfg.json" ]; then
	cp "$out/virtio_cfg.json" "$tmp/virtio_cfg.json"
	extra="$extra virtio_cfg.json"
fi

# shellcheck disable=SC2016
src='${devtype} ${devnum}:${distro_bootpart}'
{
	cat <<EOF
# hvisor-c boot script for board $BOARD_NAME (scripts/deploy.sh).
# Addresses: $mk, rendered from $bdir/board.yaml.
# U-Boot's distro boot runs boot.scr from the partition it found it on,
# with devtype, devnum, distro_bootpart and prefix set.
echo "hvisor-c: loading $BOARD_NAME from \${devtype} \${devnum}:\${distro_bootpart}"
EOF
	echo "$list" | while read -r n a _ _; do
		echo "load $src $a \${prefix}$n || exit"
	done
	cat <<EOF
# the hypervisor starts with the MMU and caches off, as Linux would
dcache off
icache off
go $BOARD_LOAD_ADDR
EOF
} >"$tmp/boot.cmd"
mkimage -A arm64 -O linux -T script -C none -n "hvisor-c $BOARD_NAME" \
	-d "$tmp/boot.cmd" "$tmp/boot.scr" >/dev/null ||
	die "$tmp/boot.scr: mkimage failed"
rm -rf "$dst"
mv "$tmp" "$dst"
trap - EXIT
echo "deploy: $dst: hvisor.bin zone0.dtb Image initramfs.cpio.gz$extra boot.cmd boot.scr"
