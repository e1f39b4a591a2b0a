#!/bin/sh
# `make bench`: every benchmark, each against a peer measured in the same run.
set -eu
cd "$(dirname "$0")/.."
make -s deps
rc=0
for b in scripts/bench-dtscan.sh scripts/bench-boot.sh scripts/bench-virtio.sh; do
	if [ -x "$b" ]; then
		echo "=== $b"
		"$b" || rc=1
	fi
done
exit $rc
