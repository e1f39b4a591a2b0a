#!/bin/sh
# Run one JSON reader's libFuzzer target for a bounded time, seeded with
# the upstream example files of its format and the test suite's cases.
# Usage: run.sh FUZZER zone|virtio SECONDS   (O= names the build directory)
set -eu
fuzzer=$1 kind=$2 secs=$3
cd "$(dirname "$0")/../.."
corpus=${O:-build}/fuzz-corpus/json-$kind
mkdir -p "$corpus"
for f in $(find hvisor-tool/tests/upstream-examples -name '*.json'); do
	case $(basename "$f") in
	virtio*|zones-*) k=virtio ;;
	*) k=zone ;;
	esac
	[ "$k" = "$kind" ] && cp "$f" "$corpus/$(echo "$f" | tr / _)"
done
exec "$fuzzer" -max_total_time="$secs" -max_len=65536 -timeout=10 \
	-rss_limit_mb=2048 "$corpus"
