#!/bin/sh
# dtscan tests: rules on hand-written fixtures, golden boards, determinism,
# directory input, bad input, and the whole Debian DTB set under ASan+UBSan.
# Prints one "ok - name" / "not ok - name" line per test.
set -u
cd "$(dirname "$0")/../../.."
ROOT=$PWD
O=${O:-build}
make -s -j2 "$O/host/bin/dtscan" "$O/host/dtscan-asan/dtscan" >/dev/null ||
	{ echo "not ok - build dtscan"; exit 1; }
DTSCAN=$ROOT/$O/host/bin/dtscan
ASAN=$ROOT/$O/host/dtscan-asan/dtscan
DTBS=$ROOT/.cache/arm64/dtbs
FIX=$ROOT/porting/dtscan/tests/fixtures
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$ROOT/tests/lib.sh"

for f in "$FIX"/*.dts; do
	dtc -q -I dts -O dtb -o "$T/$(basename "$f" .dts).dtb" "$f" ||
		nok "fixture $(basename "$f") compiles"
done
cc -std=c11 -O1 -o "$T/unpack" porting/dtscan/tests/unpack.c -lfdt ||
	nok "unpack helper builds"

# ---- rules fixture: every rule, values written by hand from rules.dts ----
$DTSCAN "$T/rules.dtb" --board rules --keep 'test,*' -o "$T/rules" \
	--report >"$T/rules.out" 2>&1
Y=$T/rules/board.yaml
check "rules: scan succeeds" test -s "$Y"
check "rules: 2 address cells in /cpus give MPIDRs 0x0, 0x100" has "$Y" \
	'  - {id: 0, mpidr: "0x0", node: /cpus/cpu@0, enable_method: psci}' \
	'  - {id: 1, mpidr: "0x100", node: /cpus/cpu@100, enable_method: psci}'
check "rules: psci hvc 0.2" has "$Y" \
	'  psci: {method: hvc, version: "0.2", node: /psci}'
check "rules: 4-cell GIC PPIs (timer, maintenance)" has "$Y" \
	'  timer: {node: /timer, ppis: [29, 30, 27, 26]}' \
	'  maintenance_irq: 25'
check "rules: GICv3 frames, GICR size/stride, ITS child" has "$Y" \
	'  gicd: {base: "0x8000000", size: "0x10000"}' \
	'  gicr: {base: "0x80a0000", size: "0x40000", stride: "0x20000"}' \
	'  - {base: "0x8080000", size: "0x20000", node: /interrupt-controller@8000000/its@8080000}'
check "rules: RAM minus no-map and /memreserve/ (cma stays RAM)" has "$Y" \
	'- {base: "0x40000000", size: "0x8000000", node: /memory@40000000}' \
	'- {base: "0x48010000", size: "0x7ff0000", node: /memory@40000000}' \
	'- {base: "0x50100000", size: "0x2ff00000", node: /memory@40000000}' \
	'- {base: "0x50000000", size: "0x100000", node: /reserved-memory/fw@50000000, reason: no-map}' \
	'- {base: "0x48000000", size: "0x10000", node: /memreserve/, reason: memreserve}'
check "rules: stdout-path alias with options -> baud, fixed clock" has "$Y" \
	'  node: /soc/serial@1000' '  base: "0x10001000"' '  irq: 33' \
	'  baud: 115200' '  clock_frequency: 24000000' \
	'  bootargs: "earlycon console=ttyAMA0,115200 rdinit=/init iomem=relaxed"'
check "rules: nested ranges (soc -> bus@100000)" has "$Y" \
	'  - {type: io, base: "0x10102000", size: "0x1000", node: /soc/bus@100000/nested@2000}'
check "rules: 3 address / 2 size cells under a 1-cell bus, merged" has "$Y" \
	'  - {type: io, base: "0x10003000", size: "0x5000", nodes: [/soc/ext@4000, /soc/gpio@3000, /soc/i2c@5000, /soc/nexus@6000, /soc/wide@7000/w@800]}'
check "rules: 4 address cells, 1 size cell" has "$Y" \
	'  - {type: io, base: "0x20000000", size: "0x1000", node: /four/q@100}'
check "rules: empty ranges is identity" has "$Y" \
	'  - {type: io, base: "0x30000000", size: "0x1000", node: /empty/id@30000000}'
check "rules: SPI + 32 through nested buses" has "$Y" \
	'  - {intid: 37, node: /soc/bus@100000/nested@2000}' \
	'  - {intid: 44, node: /empty/id@30000000}'
check "rules: interrupts-extended (GIC entry assignable)" has "$Y" \
	'  - {intid: 39, node: /soc/ext@4000}'
check "rules: interrupts-extended to a GPIO controller is not assignable" \
	has "$Y" \
	'- {node: /soc/ext@4000, chain: [/soc/gpio@3000], why: ends at a controller other than the GIC}'
check "rules: interrupt-map with mask and parent unit address" has "$Y" \
	'  - {intid: 43, node: /soc/nexus@6000/dev@2f0}'
check "rules: bus without ranges is reported as not CPU-addressable" has \
	"$T/rules.out" \
	'  /soc/i2c@5000/sensor@48: not CPU-addressable: bus /soc/i2c@5000 has no ranges'
check "rules: unreferenced node dropped, with reason" has "$T/rules.out" \
	'  /unused@9000000: not needed by the root zone (nothing kept references it)'
check "rules: zone0.dts has 4-cell virtio IRQ, no ITS, no rng-seed" sh -c "
	grep -qF 'interrupts = <0x00 0x20 0x01 0x00>;' '$T/rules/zone0.dts' &&
	! grep -q 'its@\|rng-seed' '$T/rules/zone0.dts'"
check "rules: devices lists kept and trimmed nodes, interrupt-map targets" \
	has "$Y" \
	'- {node: /soc/nexus@6000, compatible: "test,nexus", kept: true, regs: [{base: "0x10006000", size: "0x1000"}], irqs: [42, 43]}' \
	'- {node: /soc/nexus@6000/dev@2f0, compatible: "test,mapped", kept: true, regs: [], irqs: [43]}' \
	'- {node: /soc/ext@4000, compatible: "test,ext", kept: true, regs: [{base: "0x10004000", size: "0x1000"}], irqs: [39]}' \
	'- {node: /unused@9000000, compatible: "other,unused", kept: false, regs: [{base: "0x9000000", size: "0x1000"}], irqs: []}' \
	'- {node: /timer, compatible: "arm,armv8-timer", kept: true, regs: [], irqs: [29, 30, 27, 26]}'
check "rules: devices omits memory, reserved-memory, cpus, non-MMIO nodes" \
	sh -c "! sed -n '/^devices:/,\$p' '$Y' |
		grep -q 'memory\|/cpus\|sensor@48\|/psci'"
check "rules: zone0.dts compiles" dtc -q -I dts -O dtb -o /dev/null \
	"$T/rules/zone0.dts"

# ---- query API (libdtscan.a, dtscan_load without a model) on rules.dts ----
# Expected values read by hand from rules.dts: soc ranges 0x0 -> 0x10000000,
# bus@100000 -> 0x100000, wide/four multi-cell ranges, i2c/nexus without
# ranges; 4-cell GIC, interrupts-extended, interrupt-map (0x2f0 & 0xff00 =
# 0x200, pin 9 & 7 = 1 -> SPI 11).
if make -s -C "$ROOT" O="$O" "$O/host/bin/dtscan_query_test" >/dev/null; then
	ok "query: libdtscan.a links a test driver"
else
	nok "query: libdtscan.a links a test driver"
fi
Q=$ROOT/$O/host/bin/dtscan_query_test
$Q "$T/rules.dtb" /soc/serial@1000 /soc/bus@100000/nested@2000 \
	/soc/ext@4000 /soc/i2c@5000/sensor@48 /soc/nexus@6000/dev@2f0 \
	/soc/wide@7000/w@800 /four/q@100 /timer /nope >"$T/query.out" 2>&1
check "query: reg through nested, 3- and 4-cell ranges" has "$T/query.out" \
	'/soc/serial@1000 reg 0 0x10001000 0x1000' \
	'/soc/bus@100000/nested@2000 reg 0 0x10102000 0x100' \
	'/soc/wide@7000/w@800 reg 0 0x10007800 0x100' \
	'/four/q@100 reg 0 0x20000100 0x10'
check "query: reg behind a bus without ranges is not CPU-addressable" \
	has "$T/query.out" \
	'/soc/i2c@5000/sensor@48 reg 0 error address not CPU-addressable'
check "query: 4-cell GIC SPI/PPI specifiers keep type, number, flags" \
	has "$T/query.out" \
	'/soc/serial@1000 irq 0 33 0 1 4 /interrupt-controller@8000000' \
	'/timer irq 0 29 1 13 4 /interrupt-controller@8000000' \
	'/timer irq 3 26 1 10 4 /interrupt-controller@8000000'
check "query: interrupts-extended, one GIC and one gpio entry" \
	has "$T/query.out" \
	'/soc/ext@4000 irq 0 39 0 7 4 /interrupt-controller@8000000' \
	'/soc/ext@4000 irq 1 -1 ends at a controller other than the GIC /soc/gpio@3000'
check "query: interrupt-map nexus resolves to SPI 11" has "$T/query.out" \
	'/soc/nexus@6000/dev@2f0 irq 0 43 0 11 4 /interrupt-controller@8000000'
check "query: unknown path" has "$T/query.out" '/nope error no such node'
printf 'not a blob' >"$T/query-bad.dtb"
$Q "$T/query-bad.dtb" >"$T/query-bad.out" 2>&1
check "query: a bad blob is refused by dtscan_load" \
	grep -q '^load error not a device tree blob' "$T/query-bad.out"

# ---- committed boards: regenerate, compare, check hand-reviewed values ----
dump_qemu() { # gic-version dir
	mkdir -p "$2" &&
		timeout 30 qemu-system-aarch64 -machine \
			"virt,gic-version=$1,virtualization=on,dumpdtb=$2/virt.dtb" \
			-cpu cortex-a57 -smp 4 -m 2G -nographic -nodefaults \
			>/dev/null 2>&1
}
dump_qemu 3 "$T/q3" && dump_qemu 2 "$T/q2" || nok "QEMU dumps its DTB"
gen() { # board input args...
	b=$1
	shift
	$DTSCAN "$@" --board "$b" -o "$T/b/$b" >/dev/null 2>"$T/$b.err"
}
gen qemu-gicv3 "$T/q3/virt.dtb"
gen qemu-gicv2 "$T/q2/virt.dtb"
gen rk3568 "$DTBS/rockchip/rk3568-evb1-v10.dtb" --ram 0x200000+0x7fe00000
gen imx8mp "$DTBS/freescale/imx8mp-evk.dtb"
gen zcu102 "$DTBS/xilinx/zynqmp-zcu102-rev1.0.dtb"
gen rpi4 "$DTBS/broadcom/bcm2711-rpi-4-b.dtb" --ram 0x0+0x3b400000 \
	--ram 0x40000000+0xbc000000
for b in qemu-gicv3 qemu-gicv2 rk3568 imx8mp zcu102 rpi4; do
	check "$b: dtscan output equals the committed board" sh -c \
		"diff -u boards/aarch64/$b/board.yaml '$T/b/$b/board.yaml' &&
		 diff -u boards/aarch64/$b/zone0.dts '$T/b/$b/zone0.dts'"
	check "$b: zone0.dts compiles with dtc" dtc -q -I dts -O dtb \
		-o /dev/null "$T/b/$b/zone0.dts"
done
B=boards/aarch64
# values read by hand from `dtc -I dtb -O dts` of each source
check "qemu-gicv3: GICv3 frames, 4 CPUs, pl011 INTID 33, RAM" has \
	$B/qemu-gicv3/board.yaml \
	'  gicd: {base: "0x8000000", size: "0x10000"}' \
	'  gicr: {base: "0x80a0000", size: "0xf60000", stride: "0x20000"}' \
	'  - {id: 3, mpidr: "0x3", node: /cpus/cpu@3, enable_method: psci}' \
	'  base: "0x9000000"' '  irq: 33' '  driver: pl011' \
	'- {base: "0x40000000", size: "0x80000000", node: /memory@40000000}' \
	'  - {type: io, base: "0x9000000", size: "0x1000", node: /pl011@9000000}'
check "qemu-gicv3: devices has trimmed pl031 (SPI 2), PCIe INTx (SPI 3-6)" \
	has $B/qemu-gicv3/board.yaml \
	'- {node: /pl031@9010000, compatible: "arm,pl031", kept: false, regs: [{base: "0x9010000", size: "0x1000"}], irqs: [34]}' \
	'- {node: /pcie@10000000, compatible: "pci-host-ecam-generic", kept: false, regs: [{base: "0x4010000000", size: "0x10000000"}], irqs: [35, 36, 37, 38]}' \
	'- {node: /pl011@9000000, compatible: "arm,pl011", kept: true, regs: [{base: "0x9000000", size: "0x1000"}], irqs: [33]}'
check "qemu-gicv2: GICv2 frames and maintenance PPI" has \
	$B/qemu-gicv2/board.yaml '  version: 2' \
	'  gicc: {base: "0x8010000", size: "0x10000", alias_offset: "0x0"}' \
	'  gich: {base: "0x8030000", size: "0x10000"}' \
	'  gicv: {base: "0x8040000", size: "0x10000", alias_offset: "0x0"}' \
	'  maintenance_irq: 25'
check "rk3568: GIC, dw-apb uart2 (SPI 118), MPIDRs 0x0..0x300" has \
	$B/rk3568/board.yaml \
	'  gicd: {base: "0xfd400000", size: "0x10000"}' \
	'  gicr: {base: "0xfd460000", size: "0x80000", stride: "0x20000"}' \
	'  node: /serial@fe660000' '  base: "0xfe660000"' '  irq: 150' \
	'  baud: 1500000' '  reg_shift: 2' '  reg_io_width: 4' \
	'  - {id: 3, mpidr: "0x300", node: /cpus/cpu@300, enable_method: psci}' \
	'  - {intid: 130, node: /mmc@fe2b0000}' \
	'  bootargs: "earlycon console=ttyS2,1500000 rdinit=/init iomem=relaxed"'
check "imx8mp: GIC, imx uart2 (SPI 27), no-map dsp, 6 GiB" has \
	$B/imx8mp/board.yaml \
	'  gicd: {base: "0x38800000", size: "0x10000"}' \
	'  gicr: {base: "0x38880000", size: "0xc0000", stride: "0x20000"}' \
	'  driver: imx' '  base: "0x30890000"' '  irq: 59' \
	'- {base: "0x92400000", size: "0x2000000", node: /reserved-memory/dsp@92400000, reason: no-map}' \
	'- {base: "0x100000000", size: "0xc0000000", node: /memory@40000000}' \
	'  - {type: io, base: "0x30000000", size: "0x400000", nodes: [/soc@0/bus@30000000, /soc@0/bus@30000000/clock-controller@30380000, /soc@0/bus@30000000/efuse@30350000, /soc@0/bus@30000000/gpio@30200000, /soc@0/bus@30000000/gpio@30210000, /soc@0/bus@30000000/pinctrl@30330000]}'
check "zcu102: GIC-400 with 128 KiB GICC, cadence uart0 (SPI 21)" has \
	$B/zcu102/board.yaml \
	'  gicc: {base: "0xf9020000", size: "0x20000", alias_offset: "0xf000"}' \
	'  gich: {base: "0xf9040000", size: "0x20000"}' \
	'  driver: xuartps' '  base: "0xff000000"' '  irq: 53' \
	'- {base: "0x800000000", size: "0x80000000", node: /memory@0}'
check "rpi4: nested ranges to 0xfe/0xff, GIC-400, aux uart (SPI 93)" has \
	$B/rpi4/board.yaml \
	'  gicd: {base: "0xff841000", size: "0x1000"}' \
	'  gicc: {base: "0xff842000", size: "0x2000", alias_offset: "0x0"}' \
	'  base: "0xfe215040"' '  irq: 125' '  reg_shift: 2' \
	'- {base: "0x0", size: "0x1000", node: /memreserve/, reason: memreserve}' \
	'  - {type: io, base: "0xfe300000", size: "0x1000", node: /soc/mmc@7e300000}'
# the rest of each board field by field (issue 8), also read by hand from
# `dtc -I dtb -O dts`: CPUs (reg = MPIDR, enable-method), PSCI, RAM
# (/memory reg minus no-map reserved-memory), one device with its SPI + 32
check "qemu-gicv2: CPUs, PSCI 1.0, 2 GiB RAM, pl011 console" has \
	$B/qemu-gicv2/board.yaml \
	'  - {id: 0, mpidr: "0x0", node: /cpus/cpu@0, enable_method: psci}' \
	'  - {id: 3, mpidr: "0x3", node: /cpus/cpu@3, enable_method: psci}' \
	'  psci: {method: smc, version: "1.0", node: /psci}' \
	'- {base: "0x40000000", size: "0x80000000", node: /memory@40000000}' \
	'  node: /pl011@9000000' '  irq: 33' \
	'- {node: /pl061@9030000, compatible: "arm,pl061", kept: false, regs: [{base: "0x9030000", size: "0x1000"}], irqs: [39]}'
check "rk3568: CPUs 0x0-0x300, PSCI 1.0, --ram, mmc (SPI 0x62)" has \
	$B/rk3568/board.yaml \
	'  - {id: 0, mpidr: "0x0", node: /cpus/cpu@0, enable_method: psci}' \
	'  - {id: 1, mpidr: "0x100", node: /cpus/cpu@100, enable_method: psci}' \
	'  - {id: 2, mpidr: "0x200", node: /cpus/cpu@200, enable_method: psci}' \
	'  psci: {method: smc, version: "1.0", node: /psci}' \
	'- {base: "0x200000", size: "0x7fe00000", node: --ram}' \
	'- {node: /mmc@fe2b0000, compatible: "rockchip,rk3568-dw-mshc", kept: true, regs: [{base: "0xfe2b0000", size: "0x4000"}], irqs: [130]}'
check "imx8mp: CPUs 0-3 psci, PSCI 1.0, RAM around the dsp no-map, i2c1 (SPI 0x23)" has \
	$B/imx8mp/board.yaml \
	'  - {id: 0, mpidr: "0x0", node: /cpus/cpu@0, enable_method: psci}' \
	'  - {id: 3, mpidr: "0x3", node: /cpus/cpu@3, enable_method: psci}' \
	'  psci: {method: smc, version: "1.0", node: /psci}' \
	'- {base: "0x40000000", size: "0x52400000", node: /memory@40000000}' \
	'- {base: "0x94400000", size: "0x6bc00000", node: /memory@40000000}' \
	'- {node: /soc@0/bus@30800000/i2c@30a20000, compatible: "fsl,imx8mp-i2c", kept: true, regs: [{base: "0x30a20000", size: "0x10000"}], irqs: [67]}'
check "zcu102: CPUs 0-3 psci, PSCI 0.2, two RAM banks, GICD, qspi (SPI 0xf, two regs)" has \
	$B/zcu102/board.yaml \
	'  - {id: 0, mpidr: "0x0", node: /cpus/cpu@0, enable_method: psci}' \
	'  - {id: 3, mpidr: "0x3", node: /cpus/cpu@3, enable_method: psci}' \
	'  psci: {method: smc, version: "0.2", node: /psci}' \
	'- {base: "0x0", size: "0x80000000", node: /memory@0}' \
	'  gicd: {base: "0xf9010000", size: "0x10000"}' \
	'- {node: /axi/spi@ff0f0000, compatible: "xlnx,zynqmp-qspi-1.0", kept: false, regs: [{base: "0xc0000000", size: "0x8000000"}, {base: "0xff0f0000", size: "0x1000"}], irqs: [47]}'
check "rpi4: CPUs 0-3 spin-table, no PSCI, --ram banks, GICD" has \
	$B/rpi4/board.yaml \
	'  - {id: 0, mpidr: "0x0", node: /cpus/cpu@0, enable_method: spin-table}' \
	'  - {id: 3, mpidr: "0x3", node: /cpus/cpu@3, enable_method: spin-table}' \
	'  psci: null' \
	'- {base: "0x1000", size: "0x3b3ff000", node: --ram}' \
	'- {base: "0x40000000", size: "0xbc000000", node: --ram}'

# ---- determinism and directory input ----
gen det1 "$T/q3/virt.dtb" && gen det2 "$T/q3/virt.dtb"
check "determinism: two runs are byte-identical" sh -c "
	sed 1,6d '$T/b/det1/board.yaml' > '$T/d1' &&
	sed 1,6d '$T/b/det2/board.yaml' > '$T/d2' && cmp '$T/d1' '$T/d2' &&
	cmp '$T/b/det1/zone0.dts' '$T/b/det2/zone0.dts'"
# /proc/device-tree has no /memreserve/: boards without one compare equal
for b in qemu-gicv3 rk3568 imx8mp; do
	case $b in
	qemu-gicv3) src=$T/q3/virt.dtb args= ;;
	rk3568) src=$DTBS/rockchip/rk3568-evb1-v10.dtb
		args="--ram 0x200000+0x7fe00000" ;;
	imx8mp) src=$DTBS/freescale/imx8mp-evk.dtb args= ;;
	esac
	mkdir -p "$T/dir-$b"
	"$T/unpack" "$src" "$T/dir-$b/$(basename "$src")" &&
		$DTSCAN "$T/dir-$b/$(basename "$src")" $args --board "$b" \
			-o "$T/b/dir-$b" >/dev/null
	check "directory input gives the same board.yaml ($b)" \
		diff -u "boards/aarch64/$b/board.yaml" "$T/b/dir-$b/board.yaml"
done

# ---- bad input: one line, exit 1, nothing written ----
bad() { # name expected-substring args... (the ASan+UBSan build)
	n=$1 want=$2
	shift 2
	rm -rf "$T/bad"
	$ASAN "$@" >"$T/bad.out" 2>"$T/bad.err"
	rc=$?
	if [ $rc -eq 1 ] && [ "$(wc -l <"$T/bad.err")" -eq 1 ] &&
		grep -q "^dtscan: .*: .*$want" "$T/bad.err" &&
		[ ! -e "$T/bad/board.yaml" ] && [ ! -e "$T/bad/zone0.dts" ] &&
		[ -z "$(ls -A "$T/bad" 2>/dev/null)" ]; then
		ok "bad input: $n"
	else
		nok "bad input: $n (rc=$rc)"
		sed 's/^/#   /' "$T/bad.err"
	fi
}
echo "not a device tree" >"$T/text.dtb"
head -c 300 "$T/q3/virt.dtb" >"$T/trunc.dtb"
{ printf '\001'; tail -c +2 "$T/rules.dtb"; } >"$T/magic.dtb"
bad "not a DTB" "header: not a device tree blob" "$T/text.dtb" --board x -o "$T/bad"
bad "truncated" "header: truncated" "$T/trunc.dtb" --board x -o "$T/bad"
bad "bad magic" "header: not a device tree blob (bad magic)" "$T/magic.dtb" --board x -o "$T/bad"
bad "no GIC" "no GIC interrupt controller (hint:" "$T/nogic.dtb" --board x -o "$T/bad"
bad "no CPUs" "/cpus: no enabled CPU" "$T/nocpus.dtb" --board x -o "$T/bad"
bad "no memory and no --ram" "/memory: no /memory with a non-zero size (hint: .*--ram" "$T/nomem.dtb" --board x -o "$T/bad"
# the hint names the memory node's base: nomem.dts has memory@40000000 with
# reg <0x0 0x40000000 0x0 0x0>; memory@200000 has reg size 0, then no reg
bad "no memory: the hint names the memory node's base" \
	"(hint: the bootloader fills it in: give --ram 0x40000000+SIZE, /memory@40000000's base)$" \
	"$T/nomem.dtb" --board x -o "$T/bad"
cp "$T/nomem.dtb" "$T/mem200.dtb" && fdtput -r "$T/mem200.dtb" /memory@40000000 &&
	fdtput -c "$T/mem200.dtb" /memory@200000 &&
	fdtput -t s "$T/mem200.dtb" /memory@200000 device_type memory &&
	fdtput -t x "$T/mem200.dtb" /memory@200000 reg 0 0x200000 0 0 &&
	cp "$T/mem200.dtb" "$T/mem200n.dtb" &&
	fdtput -d "$T/mem200n.dtb" /memory@200000 reg
bad "memory@200000 with reg size 0: hint give --ram 0x200000+SIZE" \
	"give --ram 0x200000+SIZE, /memory@200000's base)$" \
	"$T/mem200.dtb" --board x -o "$T/bad"
bad "memory@200000 without reg: the unit address is the base" \
	"give --ram 0x200000+SIZE, /memory@200000's base)$" \
	"$T/mem200n.dtb" --board x -o "$T/bad"
bad "unknown console" '/uart@9000000: unsupported console UART "acme,uart"' "$T/badcon.dtb" --board x -o "$T/bad"
bad "--board with /" "--board: board name contains a path separator" "$T/mini.dtb" --board a/b -o "$T/bad"
# a kept device on INTID 64 (upstream's virtio wake-up SPI 0x20): dtscan
# takes the lowest SPI no device uses.  By hand from dtc -O dts of
# rk3568-evb1-v10: ethernet@fe010000 has interrupts <0x00 0x20 0x04 ...>
# (INTID 64) and no node has an "interrupts = <0x00 0x00 " (SPI 0), so
# INTID 32; zone0.dts's hvisor_virtio_device then says SPI 0.
rm -rf "$T/vi"
if $DTSCAN "$DTBS/rockchip/rk3568-evb1-v10.dtb" --board x -o "$T/vi" \
	--ram 0x200000+0x7fe00000 --keep /ethernet@fe010000 >/dev/null 2>&1 &&
	dtc -I dtb -O dts "$DTBS/rockchip/rk3568-evb1-v10.dtb" 2>/dev/null |
	grep -q 'interrupts = <0x00 0x20 0x04' &&
	! dtc -I dtb -O dts "$DTBS/rockchip/rk3568-evb1-v10.dtb" 2>/dev/null |
	grep -q 'interrupts = <0x00 0x00 ' &&
	grep -q '^  virtio_irq: 32$' "$T/vi/board.yaml" &&
	grep -q '{intid: 64, node: /ethernet@fe010000}' "$T/vi/board.yaml" &&
	dtc -q -I dts -O dtb -o "$T/vi/z.dtb" "$T/vi/zone0.dts" &&
	[ "$(fdtget "$T/vi/z.dtb" /hvisor_virtio_device interrupts)" = "0 0 1" ]; then
	ok "kept device on INTID 64: the virtio wake-up IRQ moves to INTID 32 (SPI 0, the lowest free)"
else
	nok "kept device on INTID 64: the virtio wake-up IRQ moves to INTID 32 (SPI 0, the lowest free)"
fi
: >"$T/afile"
bad "unwritable output" "Not a directory" "$T/mini.dtb" --board x -o "$T/afile/bad"
mkdir -p "$T/bad2" && $DTSCAN "$T/mini.dtb" --board x -o "$T/bad2" >/dev/null 2>&1
cp "$T/bad2/board.yaml" "$T/bad2.keep"
$DTSCAN "$T/rules.dtb" --board y -o "$T/bad2" >/dev/null 2>"$T/bad.err"
rc=$?
check "bad input: existing board without --force (exit 1, untouched)" sh -c "
	[ $rc -eq 1 ] && grep -q 'board already exists (hint: use --force' '$T/bad.err' &&
	cmp '$T/bad2/board.yaml' '$T/bad2.keep' &&
	[ \$(ls -A '$T/bad2' | wc -l) -eq 2 ]"
check "--console none and --force" sh -c "
	$DTSCAN '$T/badcon.dtb' --board x -o '$T/bad2' --console none --force >/dev/null &&
	grep -qx 'console: null' '$T/bad2/board.yaml'"

# ---- hostile input: what dtscan refuses (docs/dtscan.md), one line each ----
# #...-cells are counts: bounded before use (a 31-bit #clock-cells walked
# the console's clocks with a negative index: exit 139)
dtc -q -I dts -O dtb -o "$T/gic3.dtb" "$FIX/gic3.dts"
mut() { # name fdtput-args...: $T/mut-name.dtb = gic3.dtb changed
	m=$T/mut-$1.dtb
	shift
	cp "$T/gic3.dtb" "$m" && fdtput "$m" "$@"
}
mut clk -t x /clk '#clock-cells' 0x7fffffff
bad "#clock-cells 0x7fffffff on the console's clock" \
	"/clk: #clock-cells = <0x7fffffff> is out of range (at most 16)" \
	"$T/mut-clk.dtb" --board x -o "$T/bad"
mut gpio -t x /cpus '#gpio-cells' 0x11
bad "#gpio-cells above 16 on an unused node" \
	"/cpus: #gpio-cells = <0x11> is out of range (at most 16)" \
	"$T/mut-gpio.dtb" --board x -o "$T/bad"
mut ac -t x /clk '#address-cells' 5
bad "#address-cells above 4 on a node without children" \
	"/clk: #address-cells = <0x5> is out of range (at most 4)" \
	"$T/mut-ac.dtb" --board x -o "$T/bad"
mut sc -t x /cpus '#size-cells' 0 0
bad "#size-cells not one cell" "/cpus: #size-cells is 8 bytes long" \
	"$T/mut-sc.dtb" --board x -o "$T/bad"

# trees dtc refuses (crafted by hand: dtc will not write them)
if python3 porting/dtscan/tests/mkbad.py "$T/mini.dtb" "$T" 2>"$T/mkbad.err"; then
	while read -r c want; do
		bad "dtc rule: $c" "$want" "$T/$c.dtb" --board x -o "$T/bad"
	done <<'CASES'
node-space /uart@9000000/a b: bad character ' ' in node name
node-star /uart@9000000/a\*b: bad character '\*' in node name
node-newline /uart@9000000/evil\\x0a};\\x0a/ {: bad character '\\x0a'
node-empty /uart@9000000: a child node has an empty name
node-two-at /uart@9000000/a@1@2: more than one '@' in node name
prop-space /uart@9000000: property "bad name": bad character ' '
prop-at /uart@9000000: property "a@b": bad character '@'
prop-empty /uart@9000000: property with an empty name
dup-prop /uart@9000000: property compatible appears twice
dup-node /chosen: two nodes with this name
dup-phandle /uart@9000000: phandle 0x1 is also the phandle of /intc@8000000
phandle-zero /uart@9000000: phandle = <0x0> is not a valid phandle
phandle-ones /uart@9000000: phandle = <0xffffffff> is not a valid phandle
phandle-len /uart@9000000: phandle is 8 bytes long
phandle-mismatch /uart@9000000: phandle and linux,phandle differ
cells-len /uart@9000000: #clock-cells is 2 bytes long
name-prop /uart@9000000: the name property "serial" is not the node name
CASES
else
	nok "dtc rule: mkbad.py writes the broken trees"
	sed 's/^/#   /' "$T/mkbad.err"
fi

# GIC geometry: the hypervisor walks GICR by the stride (0: forever)
mut stride0 -t x /intc@8000000 redistributor-stride 0 0
bad "GIC: redistributor-stride 0" \
	"/intc@8000000: redistributor-stride = 0x0 is not a multiple of 64 KiB" \
	"$T/mut-stride0.dtb" --board x -o "$T/bad"
mut stride1 -t x /intc@8000000 redistributor-stride 0x18000
bad "GIC: redistributor-stride not a multiple of 64 KiB" \
	"redistributor-stride = 0x18000 is not a multiple of 64 KiB" \
	"$T/mut-stride1.dtb" --board x -o "$T/bad"
mut stride4 -t x /intc@8000000 redistributor-stride 0 0x40000
bad "GIC: GICR too small for 4 CPUs at stride 0x40000 (VLPI)" \
	"GICR 0x80a0000+0x80000 holds 2 redistributor(s) at stride 0x40000, the DT has 4 CPUs" \
	"$T/mut-stride4.dtb" --board x -o "$T/bad"
mut gicr0 -t x /intc@8000000 reg 0 0x8000000 0 0x10000 0 0x80a0000 0 0
bad "GIC: GICR of size 0" "/intc@8000000: reg entry 1 (GICR) has size 0" \
	"$T/mut-gicr0.dtb" --board x -o "$T/bad"
mut gicr3 -t x /intc@8000000 reg 0 0x8000000 0 0x10000 0 0x80a0000 0 0x60000
bad "GIC: GICR too small for the CPUs" \
	"GICR 0x80a0000+0x60000 holds 3 redistributor(s) at stride 0x20000, the DT has 4 CPUs" \
	"$T/mut-gicr3.dtb" --board x -o "$T/bad"
mut gicrd -t x /intc@8000000 reg 0 0x8000000 0 0x10000 0 0x8000000 0 0x80000
bad "GIC: GICR overlaps GICD" \
	"/intc@8000000: GICR 0x8000000+0x80000 overlaps GICD 0x8000000+0x10000" \
	"$T/mut-gicrd.dtb" --board x -o "$T/bad"
mut gicru -t x /intc@8000000 reg 0 0x8000000 0 0x10000 0 0x9000000 0 0x80000
bad "GIC: GICR overlaps the console UART" \
	"/uart@9000000: console UART 0x9000000+0x1000 overlaps GICR 0x9000000+0x80000" \
	"$T/mut-gicru.dtb" --board x -o "$T/bad"

# RAM: overlaps merged; not over a device; must fit the root's cells
$DTSCAN "$T/q3/virt.dtb" --board x -o "$T/ram1" --ram 0x40000000+1G \
	--ram 0x40000000+1G --ram 0x60000000+1G >"$T/ram1.out" 2>&1
check "RAM: overlapping --ram ranges are merged (1.5 GiB in one range)" sh -c "
	grep -qF 'ram:       1536 MiB in 1 range(s)' '$T/ram1.out' &&
	grep -qxF -- '- {base: \"0x40000000\", size: \"0x60000000\", node: --ram}' '$T/ram1/board.yaml' &&
	[ \$(grep -c 'type: ram' '$T/ram1/board.yaml') -eq 1 ] &&
	grep -qF 'reg = <0x00 0x44000000 0x00 0x5c000000>;' '$T/ram1/zone0.dts'"
cp "$T/mini.dtb" "$T/mem2.dtb" && fdtput -c "$T/mem2.dtb" /memory@60000000 &&
	fdtput -t s "$T/mem2.dtb" /memory@60000000 device_type memory &&
	fdtput -t x "$T/mem2.dtb" /memory@60000000 reg 0 0x60000000 0 0x40000000
$DTSCAN "$T/mem2.dtb" --board x -o "$T/ram2" >"$T/ram2.out" 2>&1
check "RAM: overlapping /memory nodes are merged" sh -c "
	grep -qF 'ram:       1536 MiB in 1 range(s)' '$T/ram2.out' &&
	grep -qxF -- '- {base: \"0x40000000\", size: \"0x60000000\", node: /memory@40000000}' '$T/ram2/board.yaml' &&
	dtc -q -I dts -O dtb -o /dev/null '$T/ram2/zone0.dts'"
bad "RAM: --ram over the GICD of QEMU virt" \
	"/intc@8000000: reg 0x8000000+0x10000 is inside RAM 0x8000000+0x40000000 (--ram) (hint: give --ram ranges that leave the devices out)" \
	"$T/q3/virt.dtb" --board x -o "$T/bad" --ram 0x8000000+0x40000000
dtc -q -I dts -O dtb -o "$T/root1.dtb" "$FIX/root1.dts"
bad "RAM: above 4 GiB under a root with #address-cells = <1>" \
	"/: RAM 0x100000000+0x40000000 is above 4 GiB, the root's #address-cells = <1> cannot describe it" \
	"$T/root1.dtb" --board x -o "$T/bad" --ram 0x100000000+0x40000000

# console baud, MPIDRs, board names
mut baud -t s /chosen stdout-path /uart@9000000:99999999999999999999
bad "baud in stdout-path beyond 4000000" \
	'/chosen/stdout-path: baud rate in "/uart@9000000:99999999999999999999" is not 1..4000000' \
	"$T/mut-baud.dtb" --board x -o "$T/bad"
mut mpidr -t x /cpus/cpu@3 reg 1
bad "duplicate MPIDR" "/cpus/cpu@3: MPIDR 0x1 is also the MPIDR of /cpus/cpu@1" \
	"$T/mut-mpidr.dtb" --board x -o "$T/bad"
for b in "a b" "Upper" "~" "x*" "$(printf 'a\nb')" ".hidden" \
	"$(printf '%065d' 0)"; do
	bad "--board '$(printf %s "$b" | tr '\n' '^')' is refused" \
		"--board: .*(hint: use a plain name" \
		"$T/mini.dtb" --board "$b" -o "$T/bad"
done
bad "--board ../../evil is refused" \
	"--board: board name contains a path separator" \
	"$T/mini.dtb" --board ../../evil
check "--board ../../evil wrote nothing" sh -c "[ ! -e boards/evil ] && [ ! -e ../evil ]"
for b in null 012 yes; do
	rm -rf "$T/name"
	$DTSCAN "$T/mini.dtb" --board $b -o "$T/name" >/dev/null 2>&1
	check "--board $b is quoted in board.yaml (a string, not $b)" \
		grep -qxF "  name: \"$b\"" "$T/name/board.yaml"
done

# directory input: an unreadable subdirectory is named in the error (the
# path was a pointer into a returned stack frame: ASan stack-use-after-return)
mkdir -p "$T/unr" && "$T/unpack" "$T/mini.dtb" "$T/unr/t" &&
	chmod 000 "$T/unr/t/cpus"
asuser=
if [ "$(id -u)" = 0 ]; then
	chmod 755 "$T" "$T/unr"
	asuser="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ -n "$asuser" ] && ! $asuser true 2>/dev/null; then
	ok "directory input: unreadable subdirectory # SKIP no setpriv"
else
	ASAN_OPTIONS=detect_stack_use_after_return=1 $asuser $ASAN "$T/unr/t" \
		--board x -o "$T/unr/out" >/dev/null 2>"$T/unr.err"
	rc=$?
	check "directory input: unreadable subdirectory, one line naming it (ASan)" \
		sh -c "[ $rc -eq 1 ] && [ \$(wc -l <'$T/unr.err') -eq 1 ] &&
		grep -qF 'dtscan: $T/unr/t: $T/unr/t/cpus: cannot build a tree from the directory (Permission denied)' '$T/unr.err'" ||
		sed 's/^/#   /' "$T/unr.err"
fi
chmod 700 "$T"
chmod 755 "$T/unr/t/cpus"

# two files, all or nothing
mkdir -p "$T/aon/zone0.dts"
$DTSCAN "$T/mini.dtb" --board x -o "$T/aon" --force >/dev/null 2>"$T/aon.err"
rc=$?
check "output: zone0.dts cannot be replaced: exit 1, names zone0.dts, no board.yaml, no temp files" sh -c "
	[ $rc -eq 1 ] && [ \$(wc -l <'$T/aon.err') -eq 1 ] &&
	grep -qF 'dtscan: $T/aon: zone0.dts: cannot put the new file in place: Is a directory' '$T/aon.err' &&
	[ \"\$(ls -A '$T/aon')\" = zone0.dts ]" || sed 's/^/#   /' "$T/aon.err"
mkdir -p "$T/aon2" && $DTSCAN "$T/mini.dtb" --board x -o "$T/aon2" >/dev/null &&
	cp "$T/aon2/board.yaml" "$T/aon2.keep" && rm "$T/aon2/zone0.dts" &&
	mkdir "$T/aon2/zone0.dts"
$DTSCAN "$T/rules.dtb" --board y -o "$T/aon2" --force >/dev/null 2>"$T/aon.err"
rc=$?
check "output: a failed zone0.dts puts the old board.yaml back" sh -c "
	[ $rc -eq 1 ] && cmp '$T/aon2/board.yaml' '$T/aon2.keep' &&
	[ \$(ls -A '$T/aon2' | wc -l) -eq 2 ]"
long=$(printf '%0300d' 0)
$DTSCAN "$T/mini.dtb" --board x -o "$T/nest/a/b/$long/c" >/dev/null 2>"$T/aon.err"
rc=$?
check "output: a failed nested -o leaves no new parent directories" sh -c "
	[ $rc -eq 1 ] && grep -qF 'File name too long' '$T/aon.err' &&
	[ ! -e '$T/nest' ]"
mkdir -p "$T/stale" && $DTSCAN "$T/mini.dtb" --board x -o "$T/stale" >/dev/null
: >"$T/stale/.board.yaml.99999999.AbCdEf" # no such process
: >"$T/stale/.zone0.dts.99999999.old"
: >"$T/stale/.zone0.dts.Zz0123" && touch -d 2000-01-01 "$T/stale/.zone0.dts.Zz0123"
: >"$T/stale/.board.yaml.$$.AbCdEf" # this shell: alive
$DTSCAN "$T/mini.dtb" --board x -o "$T/stale" --force >/dev/null
check "output: stale temporary files of killed runs are removed" sh -c "
	[ \"\$(ls -A '$T/stale' | tr '\n' ' ')\" = '.board.yaml.$$.AbCdEf board.yaml zone0.dts ' ]"

# seeded structure-aware mutations of three trees (the ASan+UBSan build):
# exit 0 or 1, no sanitizer report, one error line, zone0.dts compiles
mkdir -p "$T/mutate"
python3 porting/dtscan/tests/mutate.py "$ASAN" "$T/mutate" \
	"${DTSCAN_MUTATE_SEED:-1}" "${DTSCAN_MUTATE_CASES:-300}" \
	"$T/q3/virt.dtb" "$T/rules.dtb" "$T/gic3.dtb" >"$T/mutate.log" 2>&1
rc=$?
head -1 "$T/mutate.log"
if [ $rc -eq 0 ]; then
	ok "mutator: every mutated tree ends in a board dtc compiles or one clean line"
else
	nok "mutator: every mutated tree ends in a board dtc compiles or one clean line"
	sed 1d "$T/mutate.log" | head -40
fi

# ---- the Debian DTB set under ASan+UBSan: a board or one clean line ----
# corpus.sh gives a DTB without RAM the --ram a porter would (pickram.py
# reads the memory node's base and the device regs with fdt.py, not dtscan)
n=$(find -L "$DTBS" -name '*.dtb' | wc -l)
mkdir -p "$T/corpus"
ASAN_OPTIONS=abort_on_error=0:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
	DTBS=$DTBS porting/dtscan/tests/corpus.sh "$ASAN" "$T/corpus" \
	>"$T/corpus.res" 2>"$T/corpus.err"
boards=$(grep -c '^board ' "$T/corpus.res")
errs=$(grep -c '^error ' "$T/corpus.res")
echo "# corpus: $n DTBs, $boards boards, $errs clean errors; the stops by reason:"
sed -n 's/^error dtscan: [^:]*: //p' "$T/corpus.res" |
	sed 's/0x[0-9a-f]*/X/g; s/ (hint:.*//' | sort | uniq -c | sort -rn |
	sed 's/^/#   /'
check "corpus: every Debian DTB ends in a board or one clean line (ASan+UBSan)" \
	sh -c "[ $n -gt 500 ] && [ \$(wc -l <'$T/corpus.res') -eq $n ] &&
		[ \$(($boards + $errs)) -eq $n ] && [ ! -s '$T/corpus.err' ] ||
		{ grep -v '^board \|^error ' '$T/corpus.res' | head;
		  head '$T/corpus.err'; exit 1; }"
# 538 of 577 measured (pickram.py's RAM); every board dtscan makes builds:
# the 39 stops left are each one line naming a real limitation (a GICv2
# without virtualization frames 19, no usable console UART 9, no GIC 5,
# more CPUs than the virtio bridge's 32 slots 2, a 128 MiB /memory 2, ...;
# docs/dtscan.md)
check "corpus: >= 535 of the DTBs give a board (538 measured)" \
	test "$boards" -ge 535
check "corpus: no stop is a RAM range pickram.py made up (RAM over a device)" \
	sh -c "! grep '^error .*is inside RAM' '$T/corpus.res'"

# ---- console UART families (hypervisor/drivers/uart): Debian DTBs; the
# oracle is the DT read by hand (fdtget: reg + the bus's ranges, the
# stdout-path alias) and the family's Linux driver (tty name, reg-shift) ----
con() { # name dtb args...: $T/con/name/board.yaml
	n=$1
	shift
	$DTSCAN "$@" --board "$n" -o "$T/con/$n" >/dev/null 2>"$T/con-$n.err"
}
C=$DTBS
# /soc/bus@c8100000 ranges 0 -> 0xc8100000; serial@4c0 reg 0x4c0+0x18
con meson "$C/amlogic/meson-gxbb-odroidc2.dtb"
check "console: meson (odroidc2) 0xc81004c0, ttyAML0, 32-bit" has "$T/con/meson/board.yaml" \
	'  driver: meson' '  base: "0xc81004c0"' '  reg_io_width: 4' \
	'  bootargs: "earlycon console=ttyAML0,115200 rdinit=/init iomem=relaxed"'
con geni "$C/qcom/sdm845-db845c.dtb" --ram 0x80000000+0x40000000
check "console: geni (db845c) serial@a84000, ttyMSM0" has "$T/con/geni/board.yaml" \
	'  driver: geni' '  compatible: qcom,geni-debug-uart' '  base: "0xa84000"' \
	'  bootargs: "earlycon console=ttyMSM0,115200 rdinit=/init iomem=relaxed"'
con msm "$C/qcom/apq8016-sbc.dtb" --ram 0x80000000+0x40000000
check "console: msm UARTDM (apq8016-sbc) 0x78b0000, ttyMSM0" has "$T/con/msm/board.yaml" \
	'  driver: msm' '  base: "0x78b0000"' \
	'  bootargs: "earlycon console=ttyMSM0,115200 rdinit=/init iomem=relaxed"'
# internal-regs@d0000000 ranges 0 -> 0xd0000000; serial@12000
con mvebu "$C/marvell/armada-3720-espressobin.dtb"
check "console: mvebu (espressobin) 0xd0012000, ttyMV0" has "$T/con/mvebu/board.yaml" \
	'  driver: mvebu' '  base: "0xd0012000"' \
	'  bootargs: "earlycon console=ttyMV0,115200 rdinit=/init iomem=relaxed"'
con scif "$C/renesas/r8a774a1-hihope-rzg2m.dtb"
check "console: scif (hihope-rzg2m) 0xe6e88000, ttySC0, 16-bit" has "$T/con/scif/board.yaml" \
	'  driver: scif' '  base: "0xe6e88000"' '  reg_io_width: 2' \
	'  bootargs: "earlycon console=ttySC0,115200 rdinit=/init iomem=relaxed"'
con lpuart "$C/freescale/imx8qxp-mek.dtb"
check "console: lpuart (imx8qxp-mek) 0x5a060000, ttyLP0" has "$T/con/lpuart/board.yaml" \
	'  driver: lpuart' '  base: "0x5a060000"' \
	'  bootargs: "earlycon console=ttyLP0,115200 rdinit=/init iomem=relaxed"'
# 8250_omap spaces registers 4 bytes apart; the DT says nothing
con am654 "$C/ti/k3-am654-base-board.dtb"
check "console: TI am654 is a 16550 with reg-shift 2, ttyS2 (serial2)" has "$T/con/am654/board.yaml" \
	'  driver: ns16550' '  base: "0x2800000"' '  reg_shift: 2' \
	'  bootargs: "earlycon console=ttyS2,115200 rdinit=/init iomem=relaxed"'
con tegra "$C/nvidia/tegra210-p2371-2180.dtb"
check "console: Tegra210 is a 16550 with the DT's reg-shift <$(fdtget "$C/nvidia/tegra210-p2371-2180.dtb" /serial@70006000 reg-shift)>" \
	has "$T/con/tegra/board.yaml" '  driver: ns16550' '  base: "0x70006000"' '  reg_shift: 2'

# ---- console fallback, default baud, unmatched patterns: warnings ----
mut nosp -d /chosen stdout-path
$DTSCAN "$T/mut-nosp.dtb" --board x -o "$T/fb1" >/dev/null 2>"$T/fb1.err"
check "console: no stdout-path takes the first usable UART, says so (stderr, console.why)" has "$T/fb1/board.yaml" \
	"  why: 'no stdout-path in /chosen: the first enabled UART of a supported family; baud 115200 assumed (no speed in stdout-path, no current-speed)'" \
	'  node: /uart@9000000'
check "console: the fallback is on stderr and in zone0.dts's stdout-path" sh -c "
	grep -qxF 'dtscan: $T/mut-nosp.dtb: warning: no stdout-path in /chosen: console /uart@9000000 (the first enabled UART of a supported family)' '$T/fb1.err' &&
	grep -qxF '		stdout-path = \"/uart@9000000\";' '$T/fb1/zone0.dts'"
cp "$T/mut-nosp.dtb" "$T/mut-fb.dtb"
fdtput -c "$T/mut-fb.dtb" /aliases
fdtput -t s "$T/mut-fb.dtb" /aliases serial0 /uart@9000000
fdtput -t s "$T/mut-fb.dtb" /chosen stdout-path framebuffer0
fdtput -t i "$T/mut-fb.dtb" /uart@9000000 current-speed 1500000
$DTSCAN "$T/mut-fb.dtb" --board x -o "$T/fb2" >/dev/null 2>"$T/fb2.err"
check "console: a framebuffer stdout-path takes serial0, current-speed gives the baud" has "$T/fb2/board.yaml" \
	"  why: 'stdout-path \"framebuffer0\" is a framebuffer: the serial0 alias'" \
	'  baud: 1500000'
cp "$T/mut-nosp.dtb" "$T/mut-nouart.dtb"
fdtput -t s "$T/mut-nouart.dtb" /uart@9000000 status disabled
bad "console: no stdout-path and no usable UART" \
	"/chosen/stdout-path: no stdout-path in /chosen, and no enabled, CPU-addressable UART of a supported family (hint: give --console PATH" \
	"$T/mut-nouart.dtb" --board x -o "$T/bad"
$DTSCAN "$T/gic3.dtb" --board x -o "$T/fb3" >/dev/null 2>"$T/fb3.err"
check "console: stdout-path with a baud: no why, no warning" sh -c "
	! grep -q '  why:' '$T/fb3/board.yaml' && [ ! -s '$T/fb3.err' ] &&
	grep -qx '  baud: 115200' '$T/fb3/board.yaml'"
$DTSCAN "$T/gic3.dtb" --board x -o "$T/fb4" --keep /no-such-node --drop 'acme,*' >/dev/null 2>"$T/fb4.err"
check "--keep/--drop patterns that match no node are named in a warning" sh -c "
	grep -qx 'dtscan: $T/gic3.dtb: warning: --keep /no-such-node matches no node' '$T/fb4.err' &&
	grep -qx 'dtscan: $T/gic3.dtb: warning: --drop acme,\* matches no node' '$T/fb4.err' &&
	[ -s '$T/fb4/board.yaml' ]"
check "corpus: no DTB stops on an unsupported console UART" sh -c "
	! grep -h 'unsupported console UART' '$T/corpus.res'"
exit 0
