#!/bin/sh
# Download Debian's riscv64 kernel image, DTBs, modules and busybox-static
# into a git-ignored cache.  riscv64 is a Debian release architecture from
# Debian 13 "trixie" on, so the packages come from trixie main (Debian 12 has
# no riscv64), through a private apt configuration: its own sources.list,
# list directory and cache, riscv64 as the only architecture, no
# `dpkg --add-architecture`.  Idempotent.
# Usage: scripts/fetch-riscv64.sh [CACHE_DIR]   (default .cache/riscv64)
set -eu
cache=${1:-.cache/riscv64}
mkdir -p "$cache/lists/partial" "$cache/debs" "$cache/apt-cache/archives/partial"
cache=$(cd "$cache" && pwd)
[ -f "$cache/stamp" ] && exit 0

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || {
	echo "fetch-riscv64: $keyring missing (hint: apt-get install debian-archive-keyring)" >&2
	exit 1
}
# the mirror the system's apt uses for Debian, with the trixie suite
mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null |
	awk '$2 ~ /^bookworm$/ { print $1; exit }')
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian/
printf 'deb [arch=riscv64 signed-by=%s] %s trixie main\n' "$keyring" "$mirror" \
	>"$cache/sources.list"

o="-oAPT::Architecture=riscv64 -oAPT::Architectures=riscv64 -oDir::Etc::SourceList=$cache/sources.list -oDir::Etc::SourceParts=/nonexistent -oDir::State::Lists=$cache/lists -oDir::Cache=$cache/apt-cache -oDebug::NoLocking=1 -oAPT::Sandbox::User=root"
apt-get $o -q update >/dev/null ||
	{ echo "fetch-riscv64: apt-get update of trixie riscv64 failed (hint: network, $mirror)" >&2; exit 1; }

# Resolve the real kernel package behind the metapackage: the ABI number
# changes with Debian point releases, so never hard-code it.
kpkg=$(apt-cache $o depends linux-image-riscv64 | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-riscv64\)$/\1/p' | head -n1)
[ -n "$kpkg" ] || { echo "fetch-riscv64: cannot resolve linux-image-riscv64 (hint: apt-get update?)" >&2; exit 1; }
kver=${kpkg#linux-image-}

cd "$cache/debs"
for p in "$kpkg" busybox-static; do
	ls "${p}"_*.deb >/dev/null 2>&1 || apt-get $o -q download "$p" >/dev/null ||
		{ echo "fetch-riscv64: cannot download $p (hint: network)" >&2; exit 1; }
done
cd "$cache"
rm -rf x && mkdir x
for d in debs/*.deb; do dpkg -x "$d" x; done
# trixie has a merged /usr (busybox in usr/bin, modules in usr/lib): the
# root links of such a system, so x/bin/busybox and x/lib/modules work as
# in the arm64 (bookworm) cache
for d in bin sbin lib; do
	[ -e "x/$d" ] || [ ! -d "x/usr/$d" ] || ln -s "usr/$d" "x/$d"
done
echo "$kver" >kver
ln -sfn "x/usr/lib/linux-image-$kver" dtbs
ln -sfn "x/lib/modules/$kver" modules
[ -d modules/kernel ] ||
	{ echo "fetch-riscv64: no modules of $kver in $kpkg" >&2; exit 1; }
# QEMU and the hypervisor load a raw Image.  Debian 13's riscv64 package
# ships it as boot/vmlinux-<ver>: the Image with its EFI (PE) header, which
# is the RISC-V boot header ("RISCV" magic at 0x30), loadable as is; a
# vmlinuz that is gzip'd is unpacked.
v=x/boot/vmlinux-$kver
[ -f "$v" ] || v=x/boot/vmlinuz-$kver
[ -f "$v" ] || { echo "fetch-riscv64: no boot/vmlinu[xz]-$kver in $kpkg" >&2; exit 1; }
rm -f Image
case $(file -b "$v") in
gzip*) gzip -dc "$v" >Image.tmp && mv Image.tmp Image ;;
*) ln -sfn "$v" Image ;;
esac
[ "$(dd if=Image bs=1 skip=48 count=5 2>/dev/null)" = RISCV ] ||
	{ echo "fetch-riscv64: $v is not a RISC-V Image (no RISCV magic at 0x30)" >&2; exit 1; }
touch stamp
echo "fetch-riscv64: kernel $kver, $(find dtbs/ -name '*.dtb' | wc -l) DTBs in $cache"
