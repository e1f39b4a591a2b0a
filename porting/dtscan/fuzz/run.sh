#!/bin/sh
# Run the dtscan libFuzzer target for a bounded time, seeded with the test
# fixtures, QEMU-like boards and a sample of Debian's DTBs.
# Usage: run.sh FUZZER SECONDS
set -eu
fuzzer=$1 secs=$2
cd "$(dirname "$0")/../../.."
corpus=build/fuzz-corpus/dtscan
mkdir -p "$corpus"
for f in porting/dtscan/tests/fixtures/*.dts; do
	dtc -q -I dts -O dtb -o "$corpus/$(basename "$f" .dts).dtb" "$f"
done
for f in rockchip/rk3568-evb1-v10 freescale/imx8mp-evk \
	xilinx/zynqmp-zcu102-rev1.0 broadcom/bcm2711-rpi-4-b \
	arm/juno amlogic/meson-gxbb-odroidc2; do
	[ -f ".cache/arm64/dtbs/$f.dtb" ] &&
		cp ".cache/arm64/dtbs/$f.dtb" "$corpus/$(basename "$f").dtb"
done
exec "$fuzzer" -max_total_time="$secs" -max_len=262144 -timeout=10 \
	-rss_limit_mb=2048 "$corpus"
