#!/bin/sh
# dtscan vs dtc over every Debian arm64 DTB, in the same invocation:
# dtscan (model + both outputs written) against `dtc -I dtb -O dts`.
# Prints both times and the ratio; exits 1 if dtscan is slower than dtc.
set -eu
cd "$(dirname "$0")/.."
O=${O:-build}
make -s "$O/host/bin/dtscan"
DTSCAN=$PWD/$O/host/bin/dtscan
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
find -L .cache/arm64/dtbs -name '*.dtb' | sort >"$T/list"
n=$(wc -l <"$T/list")
now() { date +%s%N; }

t0=$(now)
while read -r f; do
	dtc -q -I dtb -O dts -o "$T/out.dts" "$f" || true
done <"$T/list"
t1=$(now)
i=0
while read -r f; do
	i=$((i + 1))
	# --ram: kernel-tree DTBs often carry an empty /memory
	"$DTSCAN" "$f" --board b --ram 0x40000000+0x40000000 -o "$T/b$i" \
		>/dev/null 2>&1 || true
done <"$T/list"
t2=$(now)
dtc_ms=$(((t1 - t0) / 1000000))
ds_ms=$(((t2 - t1) / 1000000))
echo "bench-dtscan: $n DTBs: dtc -I dtb -O dts ${dtc_ms} ms, dtscan ${ds_ms} ms"
awk -v a="$ds_ms" -v b="$dtc_ms" 'BEGIN {
	printf "bench-dtscan: ratio dtscan/dtc = %.2f (target <= 1.00)\n", a / b
	exit (a > b) }'
