#!/bin/sh
# zonegen tests: goldens on fixture boards (copies under build/), fdtget
# read-back, dry-run, one negative test per check, committed boards.
set -u
cd "$(dirname "$0")/../.."
make -s zonegen >/dev/null || { echo "not ok - build zonegen"; exit 1; }
ZG=build/host/bin/zonegen
T=build/zonegen-test
FX=zonegen/tests/boards
GOLD=zonegen/tests/golden

ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
t() { name=$1; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else nok "$name"; fi; }

fresh() { # fresh copy of the fixture boards in $T/$1
	rm -rf "$T/$1" && mkdir -p "$T/$1" && cp -r "$FX" "$T/$1/boards"
}
gen_qemu() { # linux2 on qemu-gicv3 in copy $1
	$ZG linux2 --board qemu-gicv3 --boards-dir "$T/$1/boards" --cpus 2,3 \
		--mem 0x50000000+0x20000000 --virtio blk:rootfs2.ext4 \
		--virtio console --virtio net:tap0 --kernel Image
}
# expect_err NAME COPY MSG: check fails with exit 1 and prints MSG
expect_err() {
	out=$($ZG check --board qemu-gicv3 --boards-dir "$T/$2/boards" 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && printf '%s\n' "$out" | grep -qF -- "$3"; then
		ok "$1"
	else
		nok "$1"; printf '%s\n' "$out" | sed 's/^/# /'
	fi
}

# --- golden: linux2 on qemu-gicv3 --------------------------------------
fresh gold
if gen_qemu gold >/dev/null 2>&1; then ok "generate linux2 on qemu-gicv3"; else nok "generate linux2 on qemu-gicv3"; fi
B=$T/gold/boards/aarch64/qemu-gicv3
for f in zones/linux2/linux2.dts zones/linux2/linux2.json virtio_cfg.json board.yaml zone0.dts; do
	t "golden qemu-gicv3 $f" cmp "$B/$f" "$GOLD/qemu-gicv3/$(basename $f)"
done
t "check passes after generate (qemu-gicv3)" $ZG check --board qemu-gicv3 --boards-dir "$T/gold/boards"

# --- the DTB reads back with fdtget --------------------------------------
D=$B/zones/linux2/linux2.dtb
fg() { [ "$(fdtget "$@" 2>/dev/null)" = "$EXP" ]; }
EXP="2";            t "fdtget cpu@2 reg" fg "$D" /cpus/cpu@2 reg
EXP="psci";         t "fdtget cpu@3 enable-method" fg "$D" /cpus/cpu@3 enable-method
EXP="0 1342177280 0 536870912"; t "fdtget memory reg" fg "$D" /memory@50000000 reg
EXP="console=hvc0 root=/dev/vda rw"; t "fdtget bootargs" fg "$D" /chosen bootargs
EXP="0 0 1";        t "fdtget virtio blk SPI 0 edge" fg "$D" /virtio_mmio@9200000 interrupts
EXP="0 153092096 0 512"; t "fdtget virtio reg size 0x200" fg "$D" /virtio_mmio@9200000 reg
EXP="virtio,mmio";  t "fdtget virtio compatible" fg "$D" /virtio_mmio@9200200 compatible
EXP="1";            t "fdtget GIC fixed phandle" fg "$D" /intc@8000000 phandle
EXP="1";            t "fdtget interrupt-parent" fg "$D" / interrupt-parent
t "dtb passes dtc" dtc -q -I dtb -O dtb -o /dev/null "$D"

# --- golden: linux2 on rk3568 (fixture snapshot of dtscan's board) -------
fresh rk
if $ZG linux2 --board rk3568 --boards-dir "$T/rk/boards" --cpus 2,3 \
	--mem 0x40000000+0x20000000 --virtio blk:rootfs2.ext4 --virtio console \
	>/dev/null 2>&1; then ok "generate linux2 on rk3568"; else nok "generate linux2 on rk3568"; fi
R=$T/rk/boards/aarch64/rk3568
for f in zones/linux2/linux2.dts zones/linux2/linux2.json virtio_cfg.json board.yaml zone0.dts; do
	t "golden rk3568 $f" cmp "$R/$f" "$GOLD/rk3568/$(basename $f)"
done
t "check passes after generate (rk3568)" $ZG check --board rk3568 --boards-dir "$T/rk/boards"

# --- virtio SPIs/windows avoid every device of the board, trimmed ones too -
# QEMU virt uses SPIs 1 (pl011), 2 (pl031), 3-6 (pcie INTx), 7 (pl061),
# 16-47 (virtio_mmio): the free ones are SPI 0, 8, 9 = INTIDs 32, 40, 41.
t "virtio SPIs avoid trimmed devices (32, 40, 41)" grep -qF '"interrupts": [32, 40, 41],' "$B/zones/linux2/linux2.json"
fresh nodev
/usr/bin/python3 -c "import sys;p=sys.argv[1];s=open(p).read();s=s[:s.index('devices:')];open(p,'w').write(s)" \
	"$T/nodev/boards/aarch64/qemu-gicv3/board.yaml"
out=$($ZG linux2 --board qemu-gicv3 --boards-dir "$T/nodev/boards" --cpus 2 --mem 0x50000000+0x20000000 --virtio console 2>&1)
if [ $? -eq 1 ] && printf '%s' "$out" | grep -qF "devices: required key missing"; then ok "board.yaml without devices is refused"; else nok "board.yaml without devices is refused"; printf '%s\n' "$out" | sed 's/^/# /'; fi

# --- dry run and request errors --------------------------------------------
fresh dry
out=$($ZG linux2 --board qemu-gicv3 --boards-dir "$T/dry/boards" --cpus 2,3 --mem 0x50000000+0x20000000 --virtio console --dry-run 2>&1)
if printf '%s\n' "$out" | grep -qF -- '+  cpus: [0, 1]' && [ ! -e "$T/dry/boards/aarch64/qemu-gicv3/zones" ] &&
	cmp -s "$T/dry/boards/aarch64/qemu-gicv3/board.yaml" "$FX/aarch64/qemu-gicv3/board.yaml"; then
	ok "dry-run prints the diff and writes nothing"; else nok "dry-run prints the diff and writes nothing"; fi
req_err() { # NAME MSG ARGS...: generate fails with MSG, nothing written
	n=$1 m=$2; shift 2; fresh req
	out=$($ZG linux2 --board qemu-gicv3 --boards-dir "$T/req/boards" "$@" 2>&1)
	if [ $? -eq 1 ] && printf '%s\n' "$out" | grep -qF -- "$m" &&
		diff -r "$T/req/boards" "$FX" >/dev/null; then ok "$n"; else nok "$n"; printf '%s\n' "$out" | sed 's/^/# /'; fi
}
req_err "refuses the root zone's boot CPU" "CPU 0 boots the root zone" --cpus 0,1 --mem 0x50000000+0x20000000
req_err "refuses RAM the root zone does not own" "is not the root zone's RAM to give" --cpus 2 --mem 0x40000000+0x1000000
req_err "refuses unaligned RAM" "4 KiB aligned" --cpus 2 --mem 0x50000800+0x20000000
req_err "refuses a bad --virtio" 'bad value "disk"' --cpus 2 --mem 0x50000000+0x20000000 --virtio disk
req_err "refuses an unknown --device" "no such node" --cpus 2 --mem 0x50000000+0x20000000 --device /nope
req_err "refuses an unaligned --kernel-load" "--kernel-load: 0x50200800 is not 4 KiB aligned" --cpus 2 --mem 0x50000000+0x20000000 --kernel-load 0x50200800
req_err "refuses --kernel-load outside the zone RAM" "kernel load address 0x70000000 is not inside the zone RAM" --cpus 2 --mem 0x50000000+0x20000000 --kernel-load 0x70000000
req_err "refuses --entry below the kernel" "--entry: entry 0x50100000 is not inside" --cpus 2 --mem 0x50000000+0x20000000 --entry 0x50100000
# default: kernel at RAM base + 2 MiB (text_offset 0 kernels); overrides
fresh kl
$ZG linux2 --board qemu-gicv3 --boards-dir "$T/kl/boards" --cpus 2 --mem 0x50000000+0x20000000 \
	--kernel-load 0x50400000 --entry 0x50400040 >/dev/null 2>&1
KJ=$T/kl/boards/aarch64/qemu-gicv3/zones/linux2/linux2.json
t "--kernel-load and --entry override the defaults" sh -c \
	"grep -qF '\"kernel_load_paddr\": \"0x50400000\"' '$KJ' && grep -qF '\"entry_point\": \"0x50400040\"' '$KJ'"
t "default kernel load = zone RAM base + 2 MiB, entry = load" sh -c \
	"grep -qF '\"kernel_load_paddr\": \"0x50200000\"' '$B/zones/linux2/linux2.json' && grep -qF '\"entry_point\": \"0x50200000\"' '$B/zones/linux2/linux2.json'"
out=$(gen_qemu gold 2>&1); if [ $? -eq 1 ] && printf '%s' "$out" | grep -qF "zone exists already"; then ok "refuses to overwrite a zone"; else nok "refuses to overwrite a zone"; fi

# --- negative checks: one mutation each, each with its own message --------
mut() { # COPY FILE PYTHON-EXPR-on-s
	fresh "$1"; gen_qemu "$1" >/dev/null 2>&1
	/usr/bin/python3 -c "import sys;p=sys.argv[1];s=open(p).read();$3;open(p,'w').write(s)" \
		"$T/$1/boards/aarch64/qemu-gicv3/$2"
}
J=zones/linux2/linux2.json
mut ov $J "s=s.replace('\"physical_start\": \"0x50000000\"','\"physical_start\": \"0x48000000\"',1)"
expect_err "check: zone RAM overlaps another zone" ov "overlaps $T/ov/boards/aarch64/qemu-gicv3/board.yaml: root_zone.memory[0]"
mut hv $J "s=s.replace('\"physical_start\": \"0x50000000\"','\"physical_start\": \"0x40000000\"',1)"
expect_err "check: zone RAM overlaps hypervisor RAM" hv "overlaps the hypervisor's RAM"
mut dev $J "s=s.replace('\"physical_start\": \"0x50000000\"','\"physical_start\": \"0x8000000\"',1)"
expect_err "check: zone RAM overlaps device frames" dev "overlaps a GIC frame"
mut trd $J "s=s.replace('\"physical_start\": \"0x50000000\"','\"physical_start\": \"0x9010000\"',1)"
expect_err "check: zone RAM overlaps a trimmed device (devices)" trd "overlaps the frame 0x9010000+0x1000 of /pl031@9010000 in"
mut cpu $J "s=s.replace('\"cpus\": [2, 3]','\"cpus\": [1, 2, 3]')"
expect_err "check: CPU in two zones" cpu "cpus: CPU 1 is also in"
mut irq $J "s=s.replace('\"interrupts\": [32,','\"interrupts\": [32, 33,')"
expect_err "check: IRQ owned by two zones" irq "INTID 33 is also owned by"
mut shr $J "s=s.replace('\"interrupts\": [32,','\"interrupts\": [32, 33,').replace('\"ivc_configs\"','\"shared_interrupts\": [33],\n    \"ivc_configs\"')"
out=$($ZG check --board qemu-gicv3 --boards-dir "$T/shr/boards" 2>&1)
if printf '%s' "$out" | grep -q "also owned"; then nok "check: shared_interrupts allows a shared IRQ"; else ok "check: shared_interrupts allows a shared IRQ"; fi
mut dtreg zones/linux2/linux2.dts "s=s.replace('\tchosen {','\tuart@9100000 {\n\t\treg = <0x00 0x9100000 0x00 0x1000>;\n\t};\n\n\tchosen {')"
expect_err "check: DT reg not covered by JSON" dtreg "/uart@9100000: reg 0x9100000+0x1000 is not covered by a io region"
mut jreg $J "s=s.replace('\"memory_regions\": [','\"memory_regions\": [\n        {\"type\": \"io\", \"physical_start\": \"0x9100000\", \"virtual_start\": \"0x9100000\", \"size\": \"0x1000\"},')"
expect_err "check: JSON region not in DT" jreg "io region 0x9100000+0x1000 matches no node's reg"
mut dirq $J "s=s.replace('\"interrupts\": [32, 40, 41]','\"interrupts\": [32, 40]')"
expect_err "check: DT interrupts != JSON interrupts" dirq "INTID 41 of $T/dirq/boards/aarch64/qemu-gicv3/zones/linux2/linux2.dts is missing"
mut vaddr virtio_cfg.json "s=s.replace('\"addr\": \"0x9200200\"','\"addr\": \"0x9200600\"')"
expect_err "check: virtio addr != zone DTS" vaddr "no node /virtio_mmio@9200600"
mut virq virtio_cfg.json "s=s.replace('\"irq\": 40','\"irq\": 41')"
expect_err "check: virtio irq != zone DTS" virq "irq: INTID 41 but"
mut unal $J "s=s.replace('\"size\": \"0x20000000\"','\"size\": \"0x1ffff800\"',1)"
expect_err "check: unaligned region" unal "is not 4 KiB aligned"
mut lim $J "s=s.replace('\"memory_regions\": [','\"memory_regions\": ['+'{\"type\":\"io\",\"physical_start\":\"0x9100000\",\"virtual_start\":\"0x9100000\",\"size\":\"0x1000\"},'*64)"
expect_err "check: more regions than the ABI allows" lim "memory_regions: 68 entries, the ABI allows at most 64"
mut ilim $J "s=s.replace('\"interrupts\": [32,','\"interrupts\": [1024, 32,')"
expect_err "check: IRQ beyond the ABI bitmap" ilim "interrupts[0]: interrupt number out of range"

# --- every committed board passes check --------------------------------------
for y in boards/*/*/board.yaml; do
	b=$(basename "$(dirname "$y")")
	rm -rf "$T/committed" && mkdir -p "$T/committed" && cp -r boards "$T/committed/"
	out=$($ZG check --board "$b" --boards-dir "$T/committed/boards" 2>&1)
	if [ $? -eq 0 ]; then ok "check committed board $b"; else nok "check committed board $b"; printf '%s\n' "$out" | sed 's/^/# /'; fi
done
