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
	hypervisor/core/printk.c hypervisor/drivers/uart/pl011.c \
	hypervisor/drivers/uart/ns16550.c hypervisor/drivers/uart/imx.c \
	hypervisor/drivers/uart/xuartps.c hypervisor/core/mmio.c \
	hypervisor/tests/unit/test-virtio.c hypervisor/core/virtio.c -pthread \
	>"$out/build.log" 2>&1; then
	echo "ok - host unit tests compile (gcc, ASan+UBSan)"
	"$out/unit" || echo "not ok - host unit tests ran to the end"
else
	echo "not ok - host unit tests compile (see $out/build.log)"
fi

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

# render.py: a board.yaml whose name disagrees with its directory
bad=$out/badboard
rm -rf "$bad" && mkdir -p "$bad/in" "$bad/out"
sed 's/^  name: qemu-gicv3$/  name: other/' boards/aarch64/qemu-gicv3/board.yaml >"$bad/in/board.yaml"
msg=$(/usr/bin/python3 porting/templates/render.py "$bad/in/board.yaml" "$bad/out" --arch aarch64 --board qemu-gicv3 2>&1)
rc=$?
if [ $rc = 1 ] && [ "$(echo "$msg" | wc -l)" = 1 ] &&
	echo "$msg" | grep -q "board.name: is 'other'" && [ -z "$(ls "$bad/out")" ]; then
	echo "ok - render: wrong board name is one line, exit 1, nothing written"
else
	echo "not ok - render: wrong board name (rc $rc: $msg)"
fi
