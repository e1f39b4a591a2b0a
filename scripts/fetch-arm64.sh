#!/bin/sh
# Download Debian's arm64 kernel image, DTBs, headers and busybox-static into a
# git-ignored cache without `dpkg --add-architecture` (apt with arm64 as the
# only architecture and a private list directory).  Idempotent.
# Usage: scripts/fetch-arm64.sh CACHE_DIR
set -eu
cache=${1:-.cache/arm64}
mkdir -p "$cache/lists/partial" "$cache/debs"
cache=$(cd "$cache" && pwd)
[ -f "$cache/stamp" ] && exit 0

o="-oAPT::Architecture=arm64 -oAPT::Architectures=arm64 -oDir::State::Lists=$cache/lists -oDir::Cache=$cache/apt-cache -oDebug::NoLocking=1 -oAPT::Sandbox::User=root"
mkdir -p "$cache/apt-cache/archives/partial"
apt-get $o -q update >/dev/null

# Resolve the real kernel package behind the metapackage: the ABI number
# changes with Debian point releases, so never hard-code it.
kpkg=$(apt-cache $o depends linux-image-arm64 | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-arm64\)$/\1/p' | head -n1)
[ -n "$kpkg" ] || { echo "fetch-arm64: cannot resolve linux-image-arm64 (hint: apt-get update?)" >&2; exit 1; }
kver=${kpkg#linux-image-}
hpkg=linux-headers-$kver
cpkg=$(apt-cache $o depends "$hpkg" | sed -n 's/^ *Depends: \(linux-headers-[0-9][^ ]*-common\)$/\1/p' | head -n1)
kbpkg=$(apt-cache $o depends "$hpkg" | sed -n 's/^ *Depends: \(linux-kbuild-[0-9][^ ]*\)$/\1/p' | head -n1)

cd "$cache/debs"
for p in "$kpkg" "$hpkg" ${cpkg:+"$cpkg"} busybox-static; do
	ls "${p}"_*.deb >/dev/null 2>&1 || apt-get $o -q download "$p" >/dev/null
done
cd "$cache"
rm -rf x && mkdir x
for d in debs/*.deb; do dpkg -x "$d" x; done
echo "$kver" > kver
ln -sfn "x/usr/lib/linux-image-$kver" dtbs
ln -sfn "x/boot/vmlinuz-$kver" Image
ln -sfn "x/lib/modules/$kver" modules
touch stamp
echo "fetch-arm64: kernel $kver, $(find dtbs/ -name '*.dtb' | wc -l) DTBs in $cache"
