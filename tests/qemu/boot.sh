#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot the hypervisor and the root Linux in QEMU: the one QEMU command line
# shared by `make run`, tests/qemu/run.sh, scripts/demo.sh and the bench.
#   tests/qemu/boot.sh HV_OUT INITRAMFS IMAGE [extra QEMU args...]
#   HV_OUT=build/aarch64/qemu-gicv3 (holds hvisor.elf, zone0-run.dtb, board.mk)
# With NO_HV=1 the same kernel, DTB and initramfs boot directly (bench).
# CPU= the QEMU CPU model (default cortex-a57; the tests also boot "max":
# SVE, SME, pointer authentication).
set -eu
out=${1:?usage: boot.sh HV_OUT INITRAMFS IMAGE [qemu args]}
initrd=${2:?}
image=${3:?}
shift 3
# board.mk is "VAR := value" make syntax
eval "$(sed -n 's/^\(BOARD_[A-Z0-9_]*\) := \(.*\)$/\1="\2"/p' "$out/board.mk")"
smp=${SMP:-$BOARD_NCPUS}
machine="virt,virtualization=on,gic-version=$BOARD_GIC_VERSION"
if [ "${NO_HV:-0}" = 1 ]; then
	# same machine, Linux at EL2 itself (PSCI via SMC to QEMU)
	exec qemu-system-aarch64 -machine "$machine" -cpu "${CPU:-cortex-a57}" \
		-smp "$smp" -m "${MEM:-2G}" -nographic -nic none \
		-kernel "$image" -initrd "$initrd" -dtb "$out/zone0-run.dtb" \
		"$@"
fi
exec qemu-system-aarch64 -machine "$machine" -cpu "${CPU:-cortex-a57}" \
	-smp "$smp" -m "${MEM:-2G}" -nographic -nic none \
	-kernel "$out/hvisor.elf" \
	-device loader,file="$image",addr="$BOARD_ROOT_KERNEL",force-raw=on \
	-device loader,file="$out/zone0-run.dtb",addr="$BOARD_ROOT_DTB",force-raw=on \
	-device loader,file="$initrd",addr="$BOARD_ROOT_INITRD",force-raw=on \
	"$@"
