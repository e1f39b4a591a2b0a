#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# dtscan's riscv64 model (TAP lines): the committed boards qemu-plic and
# qemu-aia regenerated from QEMU's own DTBs (porting/dtscan/tests/fixtures/
# riscv64, dumped by Debian 12's qemu-system-riscv64 -machine virt[,aia=
# aplic-imsic,aia-guests=1] -cpu rv64,h=true -smp 4 -m 2G), their values checked against
# what `dtc -I dtb -O dts` of those DTBs shows (read by hand), board.json
# through Python's json, the PLIC context mapping on QEMU's DTB and on a
# vendor DTB, the H-extension refusal, and every DTB of Debian's riscv64
# kernel package through dtscan built with ASan+UBSan.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 1
O=${O:-build}
RVCACHE=${RISCV_CACHE:-.cache/riscv64}
DTBS=$root/$RVCACHE/dtbs
FIX=$root/porting/dtscan/tests/fixtures/riscv64
make -s -j2 "$O/host/bin/dtscan" "$O/host/dtscan-asan/dtscan" \
	"$O/host/bin/zonegen" >/dev/null ||
	{ echo "not ok - build dtscan, zonegen"; exit 1; }
DTSCAN=$root/$O/host/bin/dtscan
ASAN=$root/$O/host/dtscan-asan/dtscan
ZONEGEN=$root/$O/host/bin/zonegen
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$root/tests/lib.sh"

# ---- the riscv64 cache (scripts/fetch-riscv64.sh, make deps) ----
C=$root/$RVCACHE
check "fetch-riscv64: Image is a RISC-V kernel Image (\"RISCV\" at 0x30)" sh -c \
	"[ \"\$(dd if='$C/Image' bs=1 skip=48 count=5 2>/dev/null)\" = RISCV ]"
check "fetch-riscv64: modules and DTBs of the kernel in kver" sh -c \
	"k=\$(cat '$C/kver') && [ -d '$C/modules/kernel' ] &&
	 [ \"\$(readlink '$C/modules')\" = x/lib/modules/\$k ] &&
	 [ \$(find -L '$C/dtbs' -name '*.dtb' | wc -l) -gt 30 ]"
check "fetch-riscv64: busybox is a static riscv64 executable" sh -c \
	"file -L '$C/x/bin/busybox' | grep -q 'RISC-V.*statically linked'"

# ---- the committed boards are dtscan's output, unchanged ----
for b in qemu-plic:virt qemu-aia:virt-aia; do
	name=${b%%:*} dtb=${b#*:}
	# the fixture's name is the board's source (board.source: virt.dtb)
	cp "$FIX/$dtb.dtb" "$T/$dtb.dtb"
	$DTSCAN "$T/$dtb.dtb" --board "$name" -o "$T/b/$name" \
		>"$T/$name.out" 2>"$T/$name.err"
	check "$name: dtscan output equals the committed board" sh -c \
		"diff -u boards/riscv64/$name/board.yaml '$T/b/$name/board.yaml' &&
		 diff -u boards/riscv64/$name/zone0.dts '$T/b/$name/zone0.dts'"
	check "$name: zone0.dts compiles with dtc" dtc -q -I dts -O dtb \
		-o "$T/$name.zone0.dtb" "$T/b/$name/zone0.dts"
done

# ---- values read by hand from dtc -I dtb -O dts of the fixtures ----
P=boards/riscv64/qemu-plic/board.yaml
A=boards/riscv64/qemu-aia/board.yaml
check "qemu-plic: arch from the harts, hart ids from reg, isa, mmu-type" has $P \
	'  arch: riscv64' \
	'  - {id: 0, hartid: "0x0", node: /cpus/cpu@0, isa: "rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc", mmu: "riscv,sv48"}' \
	'  - {id: 3, hartid: "0x3", node: /cpus/cpu@3, isa: "rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc", mmu: "riscv,sv48"}'
check "qemu-plic: timebase-frequency <0x989680>" has $P \
	'  timebase_frequency: 10000000'
check "qemu-plic: PLIC reg, riscv,ndev <0x60>, compatible" has $P \
	'  type: plic' '  node: /soc/plic@c000000' \
	'  compatible: "sifive,plic-1.0.0"' '  base: "0xc000000"' \
	'  size: "0x600000"' '  ndev: 96' '  imsic: null'
check "qemu-plic: CLINT 0x2000000+0x10000" has $P \
	'clint: {node: /soc/clint@2000000, base: "0x2000000", size: "0x10000"}'
check "qemu-plic: console ns16550a at 0x10000000, source 10" has $P \
	'  node: /soc/serial@10000000' '  driver: ns16550' \
	'  base: "0x10000000"' '  irq: 10' \
	'  bootargs: "earlycon console=ttyS0,115200 rdinit=/init iomem=relaxed"'
check "qemu-plic: hypervisor at RAM base + 2 MiB (OpenSBI's next stage)" has $P \
	'  load_address: "0x80200000"' \
	'  ram: {base: "0x80200000", size: "0x4000000"}'
check "qemu-plic: root RAM without OpenSBI's 2 MiB and the hypervisor" has $P \
	'  - {type: ram, base: "0x84200000", size: "0x7be00000", node: /memory@80000000}'
check "qemu-plic: virtio wake-up = lowest unused source (9: 1-8 virtio, 10 uart, 11 rtc)" \
	has $P '  virtio_irq: 9' '  - {intid: 9, node: /hvisor_virtio_device}' \
	'  - {intid: 10, node: /soc/serial@10000000}'
check "qemu-plic: device interrupts are source ids (no +32)" has $P \
	'- {node: /soc/rtc@101000, compatible: "google,goldfish-rtc", kept: false, regs: [{base: "0x101000", size: "0x1000"}], irqs: [11]}' \
	'- {node: /soc/pci@30000000, compatible: "pci-host-ecam-generic", kept: false, regs: [{base: "0x30000000", size: "0x10000000"}], irqs: [32, 33, 34, 35]}' \
	'- {node: /soc/virtio_mmio@10008000, compatible: "virtio,mmio", kept: false, regs: [{base: "0x10008000", size: "0x1000"}], irqs: [8]}'
check "qemu-plic: hart-local interrupts (PLIC, CLINT) are not 'not assignable'" \
	has $P 'not_assignable: []'
check "qemu-plic: zone0.dts virtio node on the PLIC (phandle 0x09), one cell" \
	sh -c "dtc -q -I dtb -O dts '$T/qemu-plic.zone0.dtb' |
		grep -A3 'hvisor_virtio_device {' | grep -qF 'interrupts = <0x09>;'"
check "qemu-aia: the S-level APLIC (msi-parent = S-level IMSIC), not the M-level one" \
	has $A '  type: aia' '  node: /soc/aplic@d000000' \
	'  compatible: "riscv,aplic"' '  base: "0xd000000"' '  size: "0x8000"' \
	'  ndev: 96' '  contexts: []'
check "qemu-aia: S-level IMSIC 0x28000000 (cause 9), 1 guest file (aia-guests=1), hart index bits for 4 harts" \
	has $A \
	'  imsic: {node: /soc/imsics@28000000, base: "0x28000000", size: "0x8000", guest_index_bits: 1, hart_index_bits: 2}'
check "qemu-aia: sources as APLIC ids, virtio on <9 4> (level high)" has $A \
	'  - {intid: 10, node: /soc/serial@10000000}' '  virtio_irq: 9'
check "qemu-aia: zone0.dts keeps the S-level APLIC and IMSIC, not the M-level ones" \
	sh -c "dtc -q -I dtb -O dts '$T/qemu-aia.zone0.dtb' >'$T/aia.dts' &&
		grep -q 'aplic@d000000 {' '$T/aia.dts' &&
		grep -q 'imsics@28000000 {' '$T/aia.dts' &&
		! grep -q 'aplic@c000000\|imsics@24000000' '$T/aia.dts' &&
		grep -qF 'interrupts = <0x09 0x04>;' '$T/aia.dts'"

# ---- board.json (the contract) through Python's json ----
mkdir -p "$T/bd/riscv64"
cp -r boards/riscv64/qemu-plic boards/riscv64/qemu-aia "$T/bd/riscv64/"
for b in qemu-plic qemu-aia; do
	$ZONEGEN board-json --board $b --boards-dir "$T/bd" -o "$T/$b.json" \
		>"$T/$b.json.err" 2>&1 || nok "$b: board-json ($(cat "$T/$b.json.err"))"
done
check "qemu-plic: board.json has the riscv64 keys with integer values" \
	python3 - "$T/qemu-plic.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["arch"] == "riscv64" and j["gic"] is None and j["psci"] == "none", j
assert [c["hartid"] for c in j["cpus"]] == [0, 1, 2, 3], j["cpus"]
assert j["timebase"] == 10000000
ic = j["irqchip"]
assert (ic["type"], ic["base"], ic["size"], ic["ndev"]) == \
    ("plic", 0xc000000, 0x600000, 96), ic
assert ic["contexts"] == [{"id": i, "hart": i // 2, "mode": "ms"[i % 2]}
                          for i in range(8)], ic["contexts"]
assert ic["imsic"] is None
assert j["clint"] == {"base": 0x2000000, "size": 0x10000,
                      "node": "/soc/clint@2000000"}, j["clint"]
assert j["load"] == 0x80200000 and j["virtio_irq"] == 9
assert j["console"]["driver"] == "ns16550" and j["console"]["irq"] == 10
PY
check "qemu-aia: board.json irqchip aia with imsic" python3 - "$T/qemu-aia.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
ic = j["irqchip"]
assert ic["type"] == "aia" and ic["base"] == 0xd000000 and ic["contexts"] == []
assert ic["imsic"] == {"base": 0x28000000, "size": 0x8000,
                       "node": "/soc/imsics@28000000", "guest_index_bits": 1,
                       "hart_index_bits": 2}, ic["imsic"]
PY

mkdir -p "$T/derive"
check "qemu-plic: zonegen derive (what make runs) accepts it; board.json as board-json's" \
	sh -c "'$ZONEGEN' derive --board qemu-plic --boards-dir '$T/bd' -o '$T/derive' &&
	 cmp '$T/derive/board.json' '$T/qemu-plic.json' &&
	 dtc -q -I dtb -O dts '$T/derive/zone0.dtb' | grep -q 'hvisor_virtio_device {'"

# ---- PLIC context mapping: QEMU's DTB and a vendor DTB ----
# QEMU virt: interrupts-extended = <&cpu0_intc 0xb &cpu0_intc 0x9 ...>
check "PLIC contexts, QEMU virt: context 2k -> hart k M, 2k+1 -> hart k S" has $P \
	'  - {id: 0, hart: 0, mode: m}' '  - {id: 1, hart: 0, mode: s}' \
	'  - {id: 2, hart: 1, mode: m}' '  - {id: 3, hart: 1, mode: s}' \
	'  - {id: 4, hart: 2, mode: m}' '  - {id: 5, hart: 2, mode: s}' \
	'  - {id: 6, hart: 3, mode: m}' '  - {id: 7, hart: 3, mode: s}'
# HiFive Unmatched (Debian's sifive/hifive-unmatched-a00.dtb), by hand:
# interrupts-extended = <0x07 0xffffffff 0x08 0xffffffff 0x08 0x09 0x09
# 0xffffffff 0x09 0x09 0x0a 0xffffffff 0x0a 0x09 0x0b 0xffffffff 0x0b 0x09>;
# 0x07 is cpu@0's intc (status disabled: no logical CPU), 0x08..0x0b those
# of cpu@1..4 = logical CPUs 0..3; 0xffffffff: context not used.  Its U74
# harts have no H: riscv,isa gets an h for the test (fdtput), nothing else.
um=$DTBS/sifive/hifive-unmatched-a00.dtb
if [ -f "$um" ]; then
	cp "$um" "$T/um.dtb"
	for c in 1 2 3 4; do
		fdtput -t s "$T/um.dtb" /cpus/cpu@$c riscv,isa rv64imafdch
	done
	$DTSCAN "$T/um.dtb" --board unmatched -o "$T/b/um" >"$T/um.out" 2>&1
	um_contexts() {
		has "$T/b/um/board.yaml" '  contexts:' \
			'  - {id: 2, hart: 0, mode: s}' '  - {id: 4, hart: 1, mode: s}' \
			'  - {id: 6, hart: 2, mode: s}' '  - {id: 8, hart: 3, mode: s}' &&
			[ "$(grep -c '^  - {id: [0-9]*, hart: ' "$T/b/um/board.yaml")" -eq 4 ]
	}
	check "PLIC contexts, HiFive Unmatched: only S contexts 2,4,6,8 of harts 0-3" \
		um_contexts
	check "HiFive Unmatched: hart ids 0x1..0x4 (cpu@0 disabled), ndev 69" has \
		"$T/b/um/board.yaml" \
		'  - {id: 0, hartid: "0x1", node: /cpus/cpu@1, isa: "rv64imafdch", mmu: "riscv,sv39"}' \
		'  ndev: 69'
	check "HiFive Unmatched: no UART driver for sifive,fu740-c000-uart -> SBI console" \
		has "$T/b/um/board.yaml" '  driver: sbi' \
		"  why: 'unsupported console UART \"sifive,fu740-c000-uart\" at /soc/serial@10010000: the hypervisor prints through SBI'"
	# the unmodified DTB: refused in one line naming the first hart
	$DTSCAN "$um" --board x -o "$T/b/um0" >/dev/null 2>"$T/um0.err"
	check "HiFive Unmatched as shipped: refused, no H extension, one line" \
		sh -c "[ \$(wc -l <'$T/um0.err') -eq 1 ] && [ ! -e '$T/b/um0' ] &&
			grep -qF '/cpus/cpu@1: hart 0x1 has no H extension (riscv,isa \"rv64imafdc\")' '$T/um0.err'"
else
	nok "HiFive Unmatched DTB in $RVCACHE (hint: make deps)"
fi
# QEMU's DTB with H taken from one hart: refused naming that hart
cp "$FIX/virt.dtb" "$T/noh.dtb"
fdtput -t s "$T/noh.dtb" /cpus/cpu@2 riscv,isa rv64imafdc_zicsr_sstc
$DTSCAN "$T/noh.dtb" --board noh -o "$T/b/noh" >/dev/null 2>"$T/noh.err"
check "a hart without H is refused in one line naming it" sh -c \
	"[ \$(wc -l <'$T/noh.err') -eq 1 ] && [ ! -e '$T/b/noh' ] &&
	 grep -qF 'noh.dtb: /cpus/cpu@2: hart 0x2 has no H extension' '$T/noh.err'"
# riscv,isa-extensions with "h" is enough (the newer binding)
cp "$FIX/virt.dtb" "$T/ext.dtb"
for c in 0 1 2 3; do
	fdtput -d "$T/ext.dtb" /cpus/cpu@$c riscv,isa
	fdtput -t s "$T/ext.dtb" /cpus/cpu@$c riscv,isa-extensions i m a f d c h
done
check "riscv,isa-extensions listing h is accepted (isa: null)" sh -c \
	"$DTSCAN '$T/ext.dtb' --board ext -o '$T/b/ext' >/dev/null 2>&1 &&
	 grep -qF '  - {id: 0, hartid: \"0x0\", node: /cpus/cpu@0, isa: null, mmu: \"riscv,sv48\"}' '$T/b/ext/board.yaml'"

# a version-4 blob libFuzzer made from virt.dtb: Debian 12's libfdt
# crashed in fdt_check_full() on it; dtscan now refuses old versions first
$ASAN "$FIX/libfdt-v4-crash.dtb" --board x -o "$T/b/v4" >/dev/null 2>"$T/v4.err"
check "a version-4 blob that crashed libfdt's fdt_check_full: one clean line" sh -c \
	"[ \$(wc -l <'$T/v4.err') -eq 1 ] && [ ! -e '$T/b/v4' ] &&
	 grep -qF 'header: device tree version 4 is too old' '$T/v4.err'"

# ---- seeded structure-aware mutations of both QEMU trees (ASan+UBSan):
# exit 0 or 1, no sanitizer report, one error line, zone0.dts compiles
mkdir -p "$T/mutate"
python3 porting/dtscan/tests/mutate.py "$ASAN" "$T/mutate" \
	"${DTSCAN_MUTATE_SEED:-1}" "${DTSCAN_MUTATE_CASES:-300}" \
	"$FIX/virt.dtb" "$FIX/virt-aia.dtb" >"$T/mutate.log" 2>&1
rc=$?
head -1 "$T/mutate.log"
if [ $rc -eq 0 ]; then
	ok "mutator: every mutated riscv64 tree ends in a board dtc compiles or one clean line"
else
	nok "mutator: every mutated riscv64 tree ends in a board dtc compiles or one clean line"
	sed 1d "$T/mutate.log" | head -40
fi

# ---- Debian's riscv64 DTBs under ASan+UBSan: a board or one clean line ----
ndtb=$(find -L "$DTBS" -name '*.dtb' 2>/dev/null | wc -l)
mkdir -p "$T/corpus"
ASAN_OPTIONS=abort_on_error=0:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
	ARCHDIR=riscv64 DTBS=$DTBS porting/dtscan/tests/corpus.sh "$ASAN" \
	"$T/corpus" >"$T/corpus.res" 2>"$T/corpus.err"
boards=$(grep -c '^board ' "$T/corpus.res")
errs=$(grep -c '^error ' "$T/corpus.res")
echo "# riscv64 corpus: $ndtb DTBs: boards $boards, errors $errs; the stops by reason:"
sed -n 's/^error dtscan: [^:]*: //p' "$T/corpus.res" |
	sed 's/0x[0-9a-f]*/X/g; s/"[^"]*"/"S"/g; s/ (hint:.*//' | sort | uniq -c |
	sort -rn | sed 's/^/#   /'
check "riscv64 corpus: every Debian riscv64 DTB ends in a board or one clean line (ASan+UBSan)" \
	sh -c "[ $ndtb -gt 30 ] && [ \$(wc -l <'$T/corpus.res') -eq $ndtb ] &&
		[ \$(($boards + $errs)) -eq $ndtb ] && [ ! -s '$T/corpus.err' ] ||
		{ grep -v '^board \|^error ' '$T/corpus.res' | head;
		  head '$T/corpus.err'; exit 1; }"
check "riscv64 corpus: no error message is empty" sh -c \
	"! grep -E '^error dtscan: [^:]*: [^:]*: *(\\(hint|\$)' '$T/corpus.res'"

# The same DTBs with an h added to every hart's riscv,isa (fdtput; nothing
# else changes): no vendor hart has H, so this is what runs the rest of the
# riscv64 model (PLIC/APLIC, contexts, CLINT, console, layout) on them.
mkdir -p "$T/h"
find -L "$DTBS" -name '*.dtb' | sort | while read -r f; do
	g=$T/h/$(basename "$f")
	cp "$f" "$g"
	for c in $(fdtget -l "$g" /cpus 2>/dev/null); do
		isa=$(fdtget -t s "$g" "/cpus/$c" riscv,isa 2>/dev/null) || continue
		fdtput -t s "$g" "/cpus/$c" riscv,isa \
			"$(echo "$isa" | sed 's/^\(rv[0-9]*[a-z]*\)/\1h/')"
	done
done
ASAN_OPTIONS=abort_on_error=0:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
	ARCHDIR=riscv64 DTBS=$T/h porting/dtscan/tests/corpus.sh "$ASAN" \
	"$T/hcorpus" >"$T/hcorpus.res" 2>"$T/hcorpus.err"
hb=$(grep -c '^board ' "$T/hcorpus.res")
he=$(grep -c '^error ' "$T/hcorpus.res")
echo "# riscv64 corpus with H: boards $hb, errors $he; the stops by reason:"
sed -n 's/^error dtscan: [^:]*: //p' "$T/hcorpus.res" |
	sed 's/0x[0-9a-f]*/X/g; s/"[^"]*"/"S"/g; s/ (hint:.*//' | sort | uniq -c |
	sort -rn | sed 's/^/#   /'
check "riscv64 corpus with H: a board or one clean line each (ASan+UBSan)" \
	sh -c "[ \$(wc -l <'$T/hcorpus.res') -eq $ndtb ] &&
		[ \$(($hb + $he)) -eq $ndtb ] && [ ! -s '$T/hcorpus.err' ] ||
		{ grep -v '^board \|^error ' '$T/hcorpus.res' | head;
		  head '$T/hcorpus.err'; exit 1; }"
for d in "$T"/hcorpus/riscv64/*/; do
	[ -d "$d" ] || continue
	dtc -q -I dts -O dtb -o /dev/null "$d/zone0.dts" ||
		echo "$d" >>"$T/hdtc.bad"
done
check "riscv64 corpus with H: every zone0.dts compiles with dtc" \
	test ! -s "$T/hdtc.bad"
[ "$fails" -eq 0 ]
