#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build the riscv64 bare-metal test guests: hctest.bin and zone1linux.bin
# (root zone, at LOAD)
# and zone1.bin (non-root zone payload, position independent).
#   tests/qemu-riscv64/guest/build.sh OUTDIR LOAD
set -eu
out=${1:?usage: build.sh OUTDIR LOAD}
load=${2:?}
src=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$src/../../.." && pwd)
cc=${CROSS_COMPILE:-riscv64-linux-gnu-}gcc
oc=${CROSS_COMPILE:-riscv64-linux-gnu-}objcopy
mkdir -p "$out"
flags="-std=c11 -O2 -Wall -Wextra -Werror -ffreestanding -fno-pie -no-pie
	-march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -mno-relax
	-fno-stack-protector -nostdlib -I$root/hypervisor/include/public"
sed "s/LOAD_ADDR/$load/" "$src/guest.lds" >"$out/guest.lds"
# shellcheck disable=SC2086
$cc $flags -T "$out/guest.lds" -Wl,--build-id=none -Wl,--no-warn-rwx-segments -o "$out/hctest.elf" \
	"$src/start.S" "$src/hctest.c"
# the launcher of zone 1 with Linux (same entry, hctest_main)
# shellcheck disable=SC2086
$cc $flags -T "$out/guest.lds" -Wl,--build-id=none -Wl,--no-warn-rwx-segments -o "$out/zone1linux.elf" \
	"$src/start.S" "$src/zone1linux.c"
$oc -O binary "$out/zone1linux.elf" "$out/zone1linux.bin"
$oc -O binary "$out/hctest.elf" "$out/hctest.bin"
# shellcheck disable=SC2086
$cc $flags -T "$out/guest.lds" -Wl,--build-id=none -Wl,--no-warn-rwx-segments -o "$out/zone1.elf" "$src/zone1.S"
$oc -O binary "$out/zone1.elf" "$out/zone1.bin"
