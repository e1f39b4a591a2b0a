#!/bin/sh
# Run the dtscan libFuzzer target for a bounded time, seeded with the test
# fixtures, QEMU-like boards and a sample of Debian's arm64 and riscv64 DTBs.
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
# riscv64: QEMU virt (PLIC and AIA) and a vendor tree
cp porting/dtscan/tests/fixtures/riscv64/virt.dtb "$corpus/rv-virt.dtb"
cp porting/dtscan/tests/fixtures/riscv64/virt-aia.dtb "$corpus/rv-virt-aia.dtb"
f=.cache/riscv64/dtbs/sifive/hifive-unmatched-a00.dtb
[ -f "$f" ] && cp "$f" "$corpus/rv-unmatched.dtb"
exec "$fuzzer" -max_total_time="$secs" -max_len=262144 -timeout=10 \
	-rss_limit_mb=2048 "$corpus"
