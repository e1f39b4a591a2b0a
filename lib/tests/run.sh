#!/bin/sh
# lib/ tests: the board.yaml reader (lib/board.c) on every committed board,
# its JSON checked against PyYAML's reading of the same file (a second,
# independent parser); one negative test per rule; BASE+SIZE parsing.
set -u
cd "$(dirname "$0")/../.."
O=${O:-build}
make -s O="$O" board_test zonegen >/dev/null || { echo "not ok - build board_test"; exit 1; }
BT=$O/host/bin/board_test
ZG=$O/host/bin/zonegen
T=$O/lib-test
rm -rf "$T" && mkdir -p "$T"
PY=/usr/bin/python3

ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }

# --- every committed board: JSON == what PyYAML reads ----------------------
for y in boards/*/*/board.yaml; do
	b=$(basename "$(dirname "$y")")
	if $BT "$y" >"$T/$b.json" 2>"$T/$b.err" && $PY - "$y" "$T/$b.json" <<'PYEOF'
import json, sys, yaml
y = yaml.safe_load(open(sys.argv[1]))
j = json.load(open(sys.argv[2]))
n = lambda v: v if isinstance(v, int) else int(v, 0)
assert j["name"] == y["board"]["name"] and j["arch"] == y["board"]["arch"]
if y["board"]["arch"] == "riscv64":
    assert [c["hartid"] for c in j["cpus"]] == [n(c["hartid"]) for c in y["board"]["cpus"]]
    assert j["gic"] is None and j["psci"] == "none"
    assert j["timebase"] == y["board"]["timebase_frequency"]
    ic, yi = j["irqchip"], y["irqchip"]
    assert (ic["type"], ic["node"], ic["base"], ic["size"], ic["ndev"]) == \
        (yi["type"], yi["node"], n(yi["base"]), n(yi["size"]), yi["ndev"])
    assert ic["contexts"] == yi["contexts"], ic["contexts"]
    if yi["imsic"]:
        assert (ic["imsic"]["base"], ic["imsic"]["size"]) == \
            (n(yi["imsic"]["base"]), n(yi["imsic"]["size"]))
    else:
        assert ic["imsic"] is None
    if y["clint"]:
        assert j["clint"]["base"] == n(y["clint"]["base"])
    else:
        assert j["clint"] is None
else:
    assert [c["mpidr"] for c in j["cpus"]] == [n(c["mpidr"]) for c in y["board"]["cpus"]]
    g, yg = j["gic"], y["gic"]
    assert g["version"] == yg["version"] and g["maint"] == yg["maintenance_irq"]
    for f in ("gicd", "gicr", "gicc", "gich", "gicv"):
        if f in yg:
            assert (g[f]["base"], g[f]["size"]) == (n(yg[f]["base"]), n(yg[f]["size"])), f
        else:
            assert g[f] is None, f
    assert len(g["its"]) == len(yg.get("its") or [])
assert j["load"] == n(y["hypervisor"]["load_address"])
assert j["hv_ram"]["base"] == n(y["hypervisor"]["ram"]["base"])
if y["console"]:
    assert j["console"]["base"] == n(y["console"]["base"])
    assert j["console"]["driver"] == y["console"]["driver"]
rz, yr = j["root"], y["root_zone"]
assert rz["cpus"] == sum(1 << c for c in yr["cpus"])
assert [(r["type"], r["base"], r["size"]) for r in rz["regions"]] == \
    [(r["type"], n(r["base"]), n(r["size"])) for r in yr["memory"]]
for r, e in zip(rz["regions"], yr["memory"]):
    assert r["node"] == (e.get("node") or ", ".join(e.get("nodes", []))), r
assert [i["intid"] for i in rz["irqs"]] == [i["intid"] for i in yr["irqs"]]
assert rz["kernel"] == n(yr["kernel"]["load"]) and rz["dtb"] == n(yr["dtb"]["load"])
assert [(l["base"], l["size"], l["type"]) for l in j["layout"]] == \
    [(n(l["base"]), n(l["size"]), l["type"]) for l in y["layout"]]
PYEOF
	then ok "board $b: JSON = PyYAML's reading"; else nok "board $b: JSON = PyYAML's reading"; sed 's/^/# /' "$T/$b.err"; fi
done

# --- negative tests: one rule each, one line naming key and reason -----------
SRC=boards/aarch64/qemu-gicv3/board.yaml MB=aarch64/qemu-gicv3
mut() { # NAME PYTHON-on-s: a mutated copy of $SRC in $T/m/$MB/
	rm -rf "$T/m" && mkdir -p "$T/m/$MB"
	$PY -c "import sys;s=open(sys.argv[1]).read();$1;open(sys.argv[2],'w').write(s)" \
		"$SRC" "$T/m/$MB/board.yaml"
}
refuse() { # NAME MSG PYTHON: board_test fails with MSG (exit 1, one line)
	mut "$3"
	out=$($BT "$T/m/$MB/board.yaml" 2>&1 >/dev/null); rc=$?
	if [ $rc -eq 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] &&
		printf '%s' "$out" | grep -qF -- "$2"; then ok "$1"; else nok "$1"; printf '%s\n' "$out" | sed 's/^/# /'; fi
}
refuse "duplicate key (a second hypervisor: block)" "hypervisor: key given twice" \
	"s+='hypervisor:\n  load_address: \"0x50000000\"\n  ram: {base: \"0x50000000\", size: \"0x4000000\"}\n'"
refuse "duplicate key in a flow mapping" "board.cpus[1].mpidr: key given twice" \
	"s=s.replace('{id: 1, mpidr: \"0x1\",','{id: 1, mpidr: \"0x1\", mpidr: \"0x5\",')"
refuse "a second YAML document" "a second YAML document at line" "s+='---\nversion: 1\n'"
refuse "alias bomb refused, not expanded" "more than 16 YAML anchors and aliases" \
	"s=s.replace('reserved: []','x0: &a [1,1]\n'+''.join('x%d: &%s [*%s,*%s]\n'%(i,chr(97+i),chr(96+i),chr(96+i)) for i in range(1,20))+'reserved: []')"
refuse "intid 4294967329 does not fit (was 33)" "root_zone.irqs[0].intid: 4294967329 does not fit" \
	"s=s.replace('{intid: 33,','{intid: 4294967329,')"
refuse "INTID beyond the ABI bitmap" "root_zone.irqs[0].intid: 1024 does not fit: at most 1023" \
	"s=s.replace('{intid: 33,','{intid: 1024,')"
refuse "memory overlapping the GIC" "memory[0]: RAM 0x8000000+0xb8000000 overlaps the GIC's gicd" \
	"s=s.replace('- {base: \"0x40000000\", size: \"0x80000000\", node: /memory@40000000}','- {base: \"0x8000000\", size: \"0xb8000000\", node: /memory@40000000}')"
refuse "root RAM beyond board memory" "root_zone.memory[0]: ram 0x44000000+0x8c000000 is beyond the board's memory" \
	"s=s.replace('size: \"0x7c000000\"','size: \"0x8c000000\"')"
refuse "memory: missing" "memory: required key missing" \
	"i=s.index('memory:\n');j=s.index('reserved:');s=s[:i]+s[j:]"
refuse "layout: missing" "layout: required key missing" \
	"i=s.index('layout:\n');j=s.index('root_zone:');s=s[:i]+s[j:]"
refuse "hypervisor.ram of size 0" "hypervisor.ram: size 0" \
	"s=s.replace('ram: {base: \"0x40000000\", size: \"0x4000000\"}','ram: {base: \"0x40000000\", size: \"0x0\"}')"
refuse "unknown key (a typo)" "gic.maintainance_irq: unknown key" \
	"s=s.replace('maintenance_irq: 25','maintenance_irq: 25\n  maintainance_irq: 26')"
refuse "unknown PSCI method" 'board.psci.method: unknown value "psc"' \
	"s=s.replace('method: smc','method: psc')"
refuse "more ITS frames than the hypervisor keeps" "gic.its: 5 frames, the hypervisor keeps at most 4" \
	"s=s.replace('  - {base: \"0x8080000\", size: \"0x20000\", node: /intc@8000000/its@8080000}\n','  - {base: \"0x8080000\", size: \"0x20000\"}\n'*5)"
refuse "a number with a sign" "hypervisor.load_address: not a number" \
	"s=s.replace('load_address: \"0x40000000\"','load_address: \"-0x40000000\"')"
refuse "a boolean for a number" 'gic.version: not a number: "true"' \
	"s=s.replace('version: 3','version: true')"
refuse "region wrapping past 2^64" "wraps past 2^64" \
	"s=s.replace('{base: \"0x4010000000\", size: \"0x10000000\"}','{base: \"0xfffffffffffff000\", size: \"0x2000\"}')"
refuse "duplicate MPIDR" "board.cpus[1]: mpidr 0x0 is also board.cpus[0]'s" \
	"s=s.replace('{id: 1, mpidr: \"0x1\"','{id: 1, mpidr: \"0x0\"')"
refuse "GICR stride 0" "gic.gicr.stride: 0x0 is not a non-zero page multiple" \
	"s=s.replace('stride: \"0x20000\"','stride: \"0x0\"')"
refuse "root zone region over the hypervisor" "root_zone.memory[0]: 0x40000000+0x80000000 overlaps hypervisor.ram" \
	"s=s.replace('{type: ram, base: \"0x44000000\", size: \"0x7c000000\"','{type: ram, base: \"0x40000000\", size: \"0x80000000\"')"
refuse "board.name must equal its directory" 'board.name: "other" on "aarch64" but the file is in aarch64/qemu-gicv3/' \
	"s=s.replace('name: qemu-gicv3','name: other')"
# accepted: console.why (dtscan says why it picked the console), comments,
# key order; the JSON is the same
mut "import re; s=re.sub(r'\n  why: [^\n]*', '', s); s=s.replace('  clock_frequency: 24000000','  clock_frequency: 24000000\n  why: stdout-path')"
if $BT "$T/m/$MB/board.yaml" | cmp -s - "$T/qemu-gicv3.json"; then ok "console.why accepted"; else nok "console.why accepted"; fi
mut "s='# a comment\n'+s.replace('version: 1\n','').replace('\nroot_zone:','\nversion: 1 # moved\nroot_zone:')"
if $BT "$T/m/$MB/board.yaml" | cmp -s - "$T/qemu-gicv3.json"; then ok "comments and key order do not matter"; else nok "comments and key order do not matter"; fi
# a PMU SPI that does not end at the GIC is null (Tegra): read, not refused
mut "s=s.replace('pmu: {node: /pmu, ppi: 23}','pmu: {node: /pmu, ppi: null, spis: [null, 40]}')"
if grep -q 'spis: \[null, 40\]' "$T/m/aarch64/qemu-gicv3/board.yaml" &&
	$BT "$T/m/aarch64/qemu-gicv3/board.yaml" >/dev/null 2>&1; then ok "pmu.spis may hold null"; else nok "pmu.spis may hold null"; fi
# runnable: dtscan may write a null maintenance_irq; the build refuses it
mut "s=s.replace('maintenance_irq: 25','maintenance_irq: null')"
if $BT "$T/m/$MB/board.yaml" >/dev/null 2>&1; then ok "null maintenance_irq reads (dtscan writes what the DT gives)"; else nok "null maintenance_irq reads (dtscan writes what the DT gives)"; fi
out=$($ZG board-json --board qemu-gicv3 --boards-dir "$T/m" 2>&1); rc=$?
if [ $rc -eq 1 ] && printf '%s' "$out" | grep -qF "gic.maintenance_irq: missing; the hypervisor cannot run without it"; then ok "board-json refuses a null maintenance_irq"; else nok "board-json refuses a null maintenance_irq"; printf '%s\n' "$out" | sed 's/^/# /'; fi
rm -rf "$T/m" && mkdir -p "$T/m/aarch64/qemu-gicv2"
$PY -c "import sys;s=open(sys.argv[1]).read();i=s.index('  gich:');j=s.index('\n',i);s=s[:i]+s[j+1:];open(sys.argv[2],'w').write(s)" \
	boards/aarch64/qemu-gicv2/board.yaml "$T/m/aarch64/qemu-gicv2/board.yaml"
out=$($ZG board-json --board qemu-gicv2 --boards-dir "$T/m" 2>&1); rc=$?
if [ $rc -eq 1 ] && printf '%s' "$out" | grep -qF "gic.gich: missing for a GICv2"; then ok "board-json refuses a GICv2 without gich"; else nok "board-json refuses a GICv2 without gich"; printf '%s\n' "$out" | sed 's/^/# /'; fi
# merged regions keep every node (rpi4's aux + serial frame)
if grep -qF '"node": "/soc/aux@7e215000, /soc/serial@7e215040"' "$T/rpi4.json"; then ok "merged region keeps its nodes"; else nok "merged region keeps its nodes"; fi

# --- riscv64 boards: the riscv64 sections' rules (docs/board-yaml.md) -----
SRC=boards/riscv64/qemu-plic/board.yaml MB=riscv64/qemu-plic
refuse "riscv64: a gic section" "gic: not a riscv64 key" \
	"s+='gic: {version: 3}\n'"
refuse "riscv64: psci is not a riscv64 key" "board.psci: unknown key" \
	"s=s.replace('  timebase_frequency:','  psci: null\n  timebase_frequency:')"
refuse "riscv64: irqchip missing" "irqchip: required key missing" \
	"i=s.index('irqchip:\n');j=s.index('clint:');s=s[:i]+s[j:]"
refuse "riscv64: timebase_frequency 0" "board.timebase_frequency: must not be 0" \
	"s=s.replace('timebase_frequency: 10000000','timebase_frequency: 0')"
refuse "riscv64: unknown irqchip type" 'irqchip.type: unknown value "gic"' \
	"s=s.replace('type: plic','type: gic')"
refuse "riscv64: ndev beyond 1023" "irqchip.ndev: 1024 does not fit: at most 1023" \
	"s=s.replace('ndev: 96','ndev: 1024')"
refuse "riscv64: context of a hart the board lacks" "irqchip.contexts[7]: hart 4 is not a CPU of the board" \
	"s=s.replace('{id: 7, hart: 3, mode: s}','{id: 7, hart: 4, mode: s}')"
refuse "riscv64: context mode other than s or m" 'irqchip.contexts[1].mode: unknown value "u"' \
	"s=s.replace('{id: 1, hart: 0, mode: s}','{id: 1, hart: 0, mode: u}')"
refuse "riscv64: context ids not ascending" "irqchip.contexts[1]: id 0 after id 0" \
	"s=s.replace('{id: 1, hart: 0, mode: s}','{id: 0, hart: 0, mode: s}')"
refuse "riscv64: an IMSIC on a PLIC" "irqchip.imsic: a PLIC has no IMSIC" \
	"s=s.replace('imsic: null','imsic: {base: \"0x28000000\", size: \"0x4000\", guest_index_bits: 0, hart_index_bits: 2}')"
refuse "riscv64: virtio_irq beyond ndev" "hypervisor.virtio_irq: source 97, the irqchip has 96" \
	"s=s.replace('virtio_irq: 9','virtio_irq: 97').replace('{intid: 9, node: /hvisor_virtio_device}','{intid: 97, node: /hvisor_virtio_device}')"
refuse "riscv64: root IRQ source 0" "root_zone.irqs[1]: source 0, the irqchip has 96" \
	"s=s.replace('{intid: 10, node: /soc/serial@10000000}','{intid: 0, node: /soc/serial@10000000}')"
refuse "riscv64: memory over the PLIC" "RAM overlaps the irqchip, its IMSIC or the CLINT" \
	"s=s.replace('- {base: \"0x80000000\", size: \"0x80000000\", node: /memory@80000000}','- {base: \"0x80000000\", size: \"0x80000000\", node: /memory@80000000}\n- {base: \"0xc100000\", size: \"0x1000\", node: /x}')"
refuse "riscv64: a hart id twice" "board.cpus[1]: hartid 0x0 is also board.cpus[0]'s" \
	"s=s.replace('{id: 1, hartid: \"0x1\"','{id: 1, hartid: \"0x0\"')"
refuse "riscv64: an mpidr on a hart" "board.cpus[0].mpidr: unknown key" \
	"s=s.replace('{id: 0, hartid: \"0x0\",','{id: 0, hartid: \"0x0\", mpidr: \"0x0\",')"
refuse "board.arch neither aarch64 nor riscv64" 'board.arch: unknown value "x86_64"' \
	"s=s.replace('arch: riscv64','arch: x86_64')"
mut "i=s.index('console:\n');j=s.index('layout:');s=s[:i]+'console: {driver: sbi, why: no UART driver}\n'+s[j:]"
if $BT "$T/m/$MB/board.yaml" >"$T/sbi.json" 2>&1 &&
	$PY -c "import json,sys;c=json.load(open(sys.argv[1]))['console'];assert c['driver']=='sbi' and c['size']==0 and c['node'] is None,c" "$T/sbi.json"; then
	ok "riscv64: console {driver: sbi, why} reads, JSON driver sbi without a frame"; else nok "riscv64: console {driver: sbi, why} reads, JSON driver sbi without a frame"; sed 's/^/# /' "$T/sbi.json" | head -5; fi
mut "s=s.replace('{id: 3, hart: 1, mode: s}','{id: 3, hart: 1, mode: m}')"
out=$($ZG board-json --board qemu-plic --boards-dir "$T/m" 2>&1); rc=$?
if [ $rc -eq 1 ] && printf '%s' "$out" | grep -qF "irqchip.contexts: no S-level context for hart 1; the hypervisor cannot run without it"; then ok "riscv64: board-json refuses a hart without an S-level PLIC context"; else nok "riscv64: board-json refuses a hart without an S-level PLIC context"; printf '%s\n' "$out" | sed 's/^/# /'; fi
SRC=boards/riscv64/qemu-aia/board.yaml MB=riscv64/qemu-aia
mut "import re; s=re.sub(r'imsic: \{[^}]*\}','imsic: null',s)"
out=$($ZG board-json --board qemu-aia --boards-dir "$T/m" 2>&1); rc=$?
if [ $rc -eq 1 ] && printf '%s' "$out" | grep -qF "irqchip.imsic: missing"; then ok "riscv64: board-json refuses an APLIC without its IMSIC"; else nok "riscv64: board-json refuses an APLIC without its IMSIC"; printf '%s\n' "$out" | sed 's/^/# /'; fi

# --- BASE+SIZE with K/M/G, as dtscan --ram and zonegen --mem take them -------
rng() { # NAME INPUT EXPECTED ("" = refused)
	out=$($BT --range "$2" 2>/dev/null)
	if [ "$out" = "$3" ]; then ok "$1"; else nok "$1 (got '$out')"; fi
}
rng "range 0x50000000+512M" 0x50000000+512M "0x50000000 0x20000000"
rng "range 0x40000000+1G" 0x40000000+1G "0x40000000 0x40000000"
rng "range decimal + 64K" 4096+64k "0x1000 0x10000"
rng "range size 0 refused" 0x1000+0 ""
rng "range wrapping refused" 0xfffffffffffff000+0x2000 ""
rng "range suffix overflow refused" 0x0+17179869184G ""
rng "range trailing junk refused" "0x1000+0x1000 " ""
rng "range 2^64 digits refused" 0x10000000000000000+1 ""

# --- hostile input: seeded structure-aware mutations under ASan+UBSan -------
if make -s O="$O" board_test-san >/dev/null 2>&1; then
	rm -rf "$T/mut" && mkdir -p "$T/mut"
	$PY lib/tests/board_mutate.py "$O/host/hvc-san/board_test" "$T/mut" 800 20261202
else
	nok "build board_test-san"
fi
