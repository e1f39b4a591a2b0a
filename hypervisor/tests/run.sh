#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Hypervisor tests that need no QEMU (TAP lines):
#  - host unit tests of core code (paging, allocator, IRQ bitmap, regions,
#    board look-ups, vsnprintf) compiled for the build machine and run;
#  - every committed aarch64 board compiles (board table + hypervisor);
#  - ARCH/BOARD mismatches and a broken board.yaml fail with one clear line.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
O=${O:-build}
HOSTCC=${HOSTCC:-gcc}
out=$O/host/hypervisor-tests
mkdir -p "$out"

flags="-std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror -Wshadow
	-Wmissing-prototypes -Wstrict-prototypes -Wvla -Wconversion
	-fsanitize=address,undefined -fno-sanitize-recover=all
	-Ihypervisor/include -Ihypervisor/arch/aarch64/include
	-Ihypervisor/include/public -DHV_NCPUS=4"
# shellcheck disable=SC2086
if $HOSTCC $flags -o "$out/unit" hypervisor/tests/unit/main.c \
	hypervisor/tests/unit/test-core.c hypervisor/core/paging.c \
	hypervisor/core/alloc.c hypervisor/core/bitmap.c \
	hypervisor/core/zone.c hypervisor/core/dbgcon.c hypervisor/core/board.c \
	hypervisor/core/printk.c hypervisor/drivers/uart/*.c \
	hypervisor/core/mmio.c \
	hypervisor/tests/unit/test-virtio.c hypervisor/core/virtio.c -pthread \
	>"$out/build.log" 2>&1; then
	echo "ok - host unit tests compile (gcc, ASan+UBSan)"
	"$out/unit" || echo "not ok - host unit tests ran to the end"
else
	echo "not ok - host unit tests compile (see $out/build.log)"
fi

# console UART drivers against a fake register file (test-uart.c has its
# own mmio_read/mmio_write, so it is a program of its own)
# shellcheck disable=SC2086
if $HOSTCC $flags -o "$out/uart" hypervisor/tests/unit/test-uart.c \
	hypervisor/drivers/uart/*.c >"$out/build-uart.log" 2>&1; then
	"$out/uart" || echo "not ok - uart driver tests ran to the end"
else
	echo "not ok - uart driver tests compile (see $out/build-uart.log)"
fi

# the GICD ownership filter shared by GICv2 and GICv3 (vgic_gicd.c)
# shellcheck disable=SC2086
if $HOSTCC $flags -o "$out/vgic_gicd" hypervisor/tests/unit/vgic_gicd.c \
	hypervisor/arch/aarch64/vgic_gicd.c hypervisor/core/bitmap.c \
	>"$out/vgic_gicd.log" 2>&1; then
	"$out/vgic_gicd" || echo "not ok - vgic_gicd unit test ran to the end"
else
	echo "not ok - vgic_gicd unit test compiles (see $out/vgic_gicd.log)"
fi

# riscv64: the G-stage format, the MMIO decoder, the PLIC context map
rvflags=$(echo "$flags" | sed 's|arch/aarch64/include|arch/riscv64/include|')
# shellcheck disable=SC2086
if $HOSTCC $rvflags -o "$out/riscv64" hypervisor/tests/unit/riscv64.c \
	hypervisor/core/paging.c hypervisor/core/alloc.c \
	hypervisor/arch/riscv64/gstage.c hypervisor/arch/riscv64/plic-map.c \
	>"$out/riscv64.log" 2>&1; then
	"$out/riscv64" || echo "not ok - riscv64 unit tests ran to the end"
else
	echo "not ok - riscv64 unit tests compile (see $out/riscv64.log)"
fi

# riscv64 boards with a PLIC (the port has no AIA yet): dtscan's
# board.yaml, or a hand-written board.json next to the port
# (hypervisor/arch/riscv64/boards/) while there is none
rvboards=$(for f in boards/riscv64/*/board.yaml hypervisor/arch/riscv64/boards/*.json; do
	[ -f "$f" ] || continue
	case $f in
	*.yaml)
		grep -q '^  type: plic' "$f" && basename "$(dirname "$f")" ;;
	*) basename "$f" .json ;;
	esac
done | sort -u)
for b in $rvboards; do
	if make -s ARCH=riscv64 BOARD="$b" hypervisor >"$out/build-riscv64-$b.log" 2>&1 &&
		[ -s "$O/riscv64/$b/hvisor.bin" ]; then
		echo "ok - riscv64 board $b compiles (hvisor.bin $(stat -c %s "$O/riscv64/$b/hvisor.bin") bytes)"
	else
		echo "not ok - riscv64 board $b compiles (see $out/build-riscv64-$b.log)"
	fi
done

for yaml in boards/aarch64/*/board.yaml; do
	b=$(basename "$(dirname "$yaml")")
	if make -s ARCH=aarch64 BOARD="$b" hypervisor >"$out/build-$b.log" 2>&1 &&
		[ -s "$O/aarch64/$b/hvisor.bin" ] &&
		{ [ ! -f "boards/aarch64/$b/zone0.dts" ] || [ -s "$O/aarch64/$b/zone0.dtb" ]; }; then
		echo "ok - board $b compiles (hvisor.bin $(stat -c %s "$O/aarch64/$b/hvisor.bin") bytes, zone0.dtb)"
	else
		echo "not ok - board $b compiles (see $out/build-$b.log)"
	fi
done

# GICC_DIR, read by hand from the DTs: qemu virt's GICv2 CPU interface
# at 0x8010000 (4 KiB pages); zcu102's GIC-400 at 0xf9020000 with a
# 128 KiB frame, the 64 KiB alias layout (its second page at +0x10000)
for bd in qemu-gicv2:0x8011000 zcu102:0xf9030000; do
	b=${bd%%:*}
	# shellcheck disable=SC2086
	if $HOSTCC $flags -o "$out/gicc-$b" hypervisor/tests/unit/gicc_dir.c \
		"$O/aarch64/$b/board.c" >"$out/gicc-$b.log" 2>&1 &&
		"$out/gicc-$b" "${bd#*:}" >>"$out/gicc-$b.log" 2>&1; then
		echo "ok - $b: the hypervisor's GICC_DIR is at ${bd#*:}"
	else
		echo "not ok - $b: GICC_DIR at ${bd#*:} (see $out/gicc-$b.log)"
	fi
done

msg=$(make -s ARCH=riscv64 BOARD=qemu-gicv3 hypervisor 2>&1)
case $msg in
*"BOARD=qemu-gicv3 is a board of ARCH=aarch64"*) echo "ok - ARCH/BOARD mismatch is a clear error" ;;
*) echo "not ok - ARCH/BOARD mismatch is a clear error (got: $msg)" ;;
esac
msg=$(make -s ARCH=aarch64 BOARD=no-such-board hypervisor 2>&1)
case $msg in
*"no board boards/aarch64/no-such-board/board.yaml"*) echo "ok - unknown BOARD is a clear error" ;;
*) echo "not ok - unknown BOARD is a clear error (got: $msg)" ;;
esac

# The build refuses what the hypervisor cannot run, in one line each, and
# writes no board table: `make board` on a mutated copy of a committed
# board (BOARDS_DIR), through the one board reader (lib/board.c via
# zonegen board-json; its rules are tested one by one in lib/tests).
bad=$out/badboard
build_err() { # NAME BOARD SED-EXPR EXPECTED
	rm -rf "$bad" && mkdir -p "$bad/boards/aarch64/$2"
	sed "$3" "boards/aarch64/$2/board.yaml" >"$bad/boards/aarch64/$2/board.yaml"
	msg=$(make -s O="$bad/o" BOARDS_DIR="$bad/boards" ARCH=aarch64 BOARD="$2" \
		board 2>&1)
	rc=$?
	errs=$(echo "$msg" | grep -c '^zonegen: ')
	if [ $rc != 0 ] && [ "$errs" = 1 ] && echo "$msg" | grep -qF "$4" &&
		[ ! -e "$bad/o/aarch64/$2/board.c" ] &&
		[ ! -e "$bad/o/aarch64/$2/board.json" ]; then
		echo "ok - build: $1"
	else
		echo "not ok - build: $1 (rc $rc: $msg)"
	fi
}
build_err "a board whose name disagrees with its directory is refused" qemu-gicv3 \
	's/^  name: qemu-gicv3$/  name: other/' 'board.name: "other"'
build_err "a null maintenance_irq is refused, not taken as 25" qemu-gicv3 \
	's/^  maintenance_irq: 25$/  maintenance_irq: null/' "gic.maintenance_irq: missing"
build_err "a GICv2 without gich is refused" qemu-gicv2 '/^  gich:/d' "gic.gich"
build_err "an unknown PSCI method is refused, not taken as none" qemu-gicv3 \
	's/method: smc/method: smcc/' "smcc"
build_err "more ITS frames than the hypervisor keeps" qemu-gicv3 \
	's/^  its:$/  its:\n  - {base: "0x9000000", size: "0x1000"}\n  - {base: "0x9000000", size: "0x1000"}\n  - {base: "0x9000000", size: "0x1000"}\n  - {base: "0x9000000", size: "0x1000"}\n  - {base: "0x9000000", size: "0x1000"}/' \
	"gic.its"
