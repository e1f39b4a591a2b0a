#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot the riscv64 hypervisor and the root Linux in QEMU: the one QEMU
# command line shared by `make ARCH=riscv64 run` and tests/qemu-riscv64.
#   tests/qemu-riscv64/boot.sh HV_OUT INITRAMFS IMAGE [extra QEMU args...]
#   HV_OUT=build/riscv64/qemu-plic (holds hvisor.elf, zone0-run.dtb, board.mk)
# OpenSBI (QEMU's -bios default, fw_dynamic) runs in M-mode and jumps to
# the hypervisor in HS-mode.  With NO_HV=1 the same kernel, DTB (its RAM
# starting at the load address instead) and initramfs boot directly on
# OpenSBI (bench).  CPU= overrides the QEMU CPU
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
	# OpenSBI starts -kernel where the hypervisor would be
	# (BOARD_LOAD_ADDR): the root zone's RAM grows down to it, the rest
	# of the DT stays the root zone's
	bare=$out/zone0-bare.dtb
	cp "$dtb" "$bare"
	mem=$(fdtget -l "$bare" / | grep '^memory@' | head -n1)
	reg=$(fdtget -t x "$bare" "/$mem" reg)
	read -r bh bl sh sl <<EOF
$reg
EOF
	end=$(((0x$bh << 32 | 0x$bl) + (0x$sh << 32 | 0x$sl)))
	size=$((end - BOARD_LOAD_ADDR))
	fdtput -t x "$bare" "/$mem" reg 0 "$(printf %x $((BOARD_LOAD_ADDR)))" \
		"$(printf %x $((size >> 32)))" "$(printf %x $((size & 0xffffffff)))"
	# QEMU hands -dtb to OpenSBI too: it needs the CLINT (M-mode IPIs
	# and timer) to start harts; Linux in S-mode ignores it
	if [ -n "${BOARD_CLINT_BASE:-}" ]; then
		clint=/soc/clint@$(printf %x $((BOARD_CLINT_BASE)))
		ints=
		for c in $(fdtget -l "$bare" /cpus | grep '^cpu@'); do
			p=$(fdtget -t x "$bare" "/cpus/$c/interrupt-controller" phandle)
			ints="$ints $p 3 $p 7"
		done
		fdtput -c "$bare" "$clint"
		fdtput -t s "$bare" "$clint" compatible sifive,clint0 riscv,clint0
		fdtput -t x "$bare" "$clint" reg 0 "$(printf %x $((BOARD_CLINT_BASE)))" \
			0 "$(printf %x $((BOARD_CLINT_SIZE)))"
		# shellcheck disable=SC2086
		fdtput -t x "$bare" "$clint" interrupts-extended $ints
	fi
	exec qemu-system-riscv64 -machine virt -cpu "$cpu" \
		-smp "$smp" -m "${MEM:-2G}" -nographic -nic none -bios default \
		-kernel "$image" -initrd "$initrd" -dtb "$bare" \
		"$@"
fi
exec qemu-system-riscv64 -machine virt -cpu "$cpu" \
	-smp "$smp" -m "${MEM:-2G}" -nographic -nic none -bios default \
	-kernel "$out/hvisor.elf" \
	-device loader,file="$image",addr="$BOARD_ROOT_KERNEL",force-raw=on \
	-device loader,file="$dtb",addr="$BOARD_ROOT_DTB",force-raw=on \
	-device loader,file="$initrd",addr="$BOARD_ROOT_INITRD",force-raw=on \
	"$@"
