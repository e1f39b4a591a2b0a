#!/bin/sh
# Download Debian's arm64 kernel image, DTBs, headers and busybox-static into a
# git-ignored cache without `dpkg --add-architecture` (apt with arm64 as the
# only architecture and a private list directory).  Idempotent.
# Usage: scripts/fetch-arm64.sh CACHE_DIR
set -eu
cache=${1:-.cache/arm64}
mkdir -p "$cache/lists/partial" "$cache/debs"
cache=$(cd "$cache" && pwd)
# stamp-tool, stamp-dtscan: the hvisor-tool and static-dtscan additions
# below (an older cache lacks them)
[ -f "$cache/stamp" ] && [ -f "$cache/stamp-tool" ] &&
	[ -f "$cache/stamp-dtscan" ] && exit 0

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
# libfdt-dev, libyaml-dev: their static libraries (libfdt.a, libyaml.a)
# for the static arm64 dtscan that runs on a board (make dtscan-arm64)
for p in "$kpkg" "$hpkg" ${cpkg:+"$cpkg"} busybox-static libfdt-dev libyaml-dev; do
	ls "${p}"_*.deb >/dev/null 2>&1 || apt-get $o -q download "$p" >/dev/null
done
# hvisor-tool: hvisor.ko builds against the arm64 headers, whose `scripts`
# link points into linux-kbuild-<ver>: that must be the HOST build (it holds
# fixdep, modpost... run on this machine), same version as the headers.
hver=$(dpkg-deb -f "$(ls "$hpkg"_*.deb | head -n1)" Version)
if [ -n "$kbpkg" ] && ! ls "${kbpkg}"_*_"$(dpkg --print-architecture)".deb >/dev/null 2>&1; then
	apt-get -q download "$kbpkg:$(dpkg --print-architecture)=$hver" >/dev/null ||
		{ echo "fetch-arm64: cannot download host $kbpkg=$hver (hint: apt-get update)" >&2; exit 1; }
fi
# hvisor-tool: the static arm64 `hvisor` CLI needs a static cJSON, and
# Debian's libcjson-dev ships only the shared library: take Debian's
# source package (with its patches) and compile cJSON.c ourselves.
src=$cache/src
if [ ! -f "$src/cjson/cJSON.c" ]; then
	so="-oDir::Etc::SourceList=$src/sources.list -oDir::Etc::SourceParts=/nonexistent -oDir::State::Lists=$src/lists -oDir::Cache=$src/apt-cache -oDebug::NoLocking=1 -oAPT::Sandbox::User=root"
	rm -rf "$src" && mkdir -p "$src/lists/partial" "$src/apt-cache/archives/partial" "$src/dl"
	k=/usr/share/keyrings/debian-archive-keyring.gpg
	# the same archive (and mirror) the system's apt uses, as deb-src
	apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' |
		sort -u | awk -v k="$k" '$3 == "main" && $2 ~ /^bookworm/ {
			printf "deb-src [signed-by=%s] %s %s main\n", k, $1, $2 }' \
		>"$src/sources.list" || :
	[ -s "$src/sources.list" ] ||
		printf 'deb-src [signed-by=%s] http://deb.debian.org/debian bookworm main\n' \
			"$k" >"$src/sources.list"
	apt-get $so -q update >/dev/null
	(cd "$src/dl" && apt-get $so -q source --download-only cjson >/dev/null)
	dpkg-source -x "$(ls "$src"/dl/cjson_*.dsc | head -n1)" "$src/cjson" >/dev/null
fi
cd "$cache"
rm -rf x && mkdir x
for d in debs/*.deb; do dpkg -x "$d" x; done
echo "$kver" > kver
ln -sfn "x/usr/lib/linux-image-$kver" dtbs
ln -sfn "x/boot/vmlinuz-$kver" Image
ln -sfn "x/lib/modules/$kver" modules
touch stamp stamp-tool stamp-dtscan
echo "fetch-arm64: kernel $kver, $(find dtbs/ -name '*.dtb' | wc -l) DTBs in $cache"
