#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot the riscv64 hypervisor and the root Linux in QEMU: the one QEMU
# command line shared by `make ARCH=riscv64 run` and tests/qemu-riscv64.
#   tests/qemu-riscv64/boot.sh HV_OUT INITRAMFS IMAGE [extra QEMU args...]
#   HV_OUT=build/riscv64/qemu-plic (holds hvisor.elf, zone0-run.dtb, board.mk)
# OpenSBI (QEMU's -bios default, fw_dynamic) runs in M-mode and jumps to
# the hypervisor in HS-mode.  With NO_HV=1 the same kernel, DTB and
# initramfs boot directly on OpenSBI (bench).  CPU= overrides the QEMU CPU
# (e.g. rv64,h=true,sstc=false), DTB= the root zone's DTB.
set -eu
out=${1:?usage: boot.sh HV_OUT INITRAMFS IMAGE [qemu args]}
initrd=${2:?}
image=${3:?}
shift 3
# board.mk is "VAR := value" make syntax
eval "$(sed -n 's/^\(BOARD_[A-Z0-9_]*\) := \(.*\)$/\1="\2"/p' "$out/board.mk")"
smp=${SMP:-$BOARD_NCPUS}
cpu=${CPU:-rv64,h=true}
dtb=${DTB:-$out/zone0-run.dtb}
if [ "${NO_HV:-0}" = 1 ]; then
	exec qemu-system-riscv64 -machine virt -cpu "$cpu" \
		-smp "$smp" -m "${MEM:-2G}" -nographic -nic none -bios default \
		-kernel "$image" -initrd "$initrd" -dtb "$dtb" \
		"$@"
fi
exec qemu-system-riscv64 -machine virt -cpu "$cpu" \
	-smp "$smp" -m "${MEM:-2G}" -nographic -nic none -bios default \
	-kernel "$out/hvisor.elf" \
	-device loader,file="$image",addr="$BOARD_ROOT_KERNEL",force-raw=on \
	-device loader,file="$dtb",addr="$BOARD_ROOT_DTB",force-raw=on \
	-device loader,file="$initrd",addr="$BOARD_ROOT_INITRD",force-raw=on \
	"$@"
