#!/bin/sh
# Zone JSON and virtio_cfg.json libraries: upstream examples parse and
# round-trip (parse -> write -> parse equal), number forms, error keys.
set -u
cd "$(dirname "$0")/../.."
make -s json_test >/dev/null || { echo "not ok - build json_test"; exit 1; }
JT=build/host/bin/json_test
EX=${UPSTREAM_EXAMPLES:-hvisor-tool/tests/upstream-examples}
T=build/hvisor-tool-test
rm -rf "$T" && mkdir -p "$T"
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
# expect NAME MODE FILE MSG: json_test fails naming MSG
expect() {
	out=$($JT "$2" "$3" 2>&1)
	if [ $? -ne 0 ] && printf '%s' "$out" | grep -qF -- "$4"; then ok "$1"; else nok "$1"; echo "# $out"; fi
}
if [ -d "$EX" ]; then
	for f in $(cd "$EX" && find . -name '*.json' | sort); do
		case $f in
		*qemu-riscv64*|*qemu-x86_64*) continue ;;
		esac
		case $(basename "$f") in
		virtio*|zones-*) mode=virtio-rt ;;
		*) mode=zone-rt ;;
		esac
		if $JT $mode "$EX/$f"; then ok "upstream $f parses and round-trips"; else nok "upstream $f"; fi
	done
	expect "riscv64 arch_config rejected naming the key" zone "$EX/qemu-riscv64/linux2.json" "arch_config.gic_version: required key missing (this is a riscv64"
	expect "x86_64 arch_config rejected naming the key" zone "$EX/qemu-x86_64/zone1_linux.json" "arch_config.gic_version: required key missing (this is an x86_64"
	if $JT virtio-rt "$EX/qemu-x86_64/virtio_cfg.json"; then ok "x86_64 virtio_cfg.json round-trips"; else nok "x86_64 virtio_cfg.json"; fi
else
	nok "upstream examples not found at $EX"
fi
Z=$T/z.json
zone() { # zone JSON with $1 as the size of region 0 and $2 as interrupts
	cat > "$Z" <<EOJ
{"name": "z", "zone_id": 1, "cpus": [2],
 "memory_regions": [{"type": "ram", "physical_start": "0x50000000", "virtual_start": 1342177280, "size": $1}],
 "interrupts": [$2], "ivc_configs": [], "kernel_filepath": "./Image", "dtb_filepath": "null",
 "kernel_load_paddr": "0x50080000", "dtb_load_paddr": "0x50000000", "entry_point": "0x50080000",
 "arch_config": {"gic_version": "v3", "gicd_base": "0x8000000", "gicd_size": "0x10000", "gicr_base": "0x80a0000", "gicr_size": "0xf60000"}}
EOJ
}
zone '"0x1000"' '"0x4c", "78", 79, "0117"'
if $JT zone-write "$Z" | grep -q '"interrupts": \[76, 78, 79\]'; then ok "numbers: 0x, decimal string, JSON number, octal string"; else nok "number forms"; fi
$JT zone-write "$Z" | grep -q '"virtual_start": "0x50000000"' && ok "JSON number address written as hex string" || nok "hex string output"
zone '"1x"' 76; expect "bad number names the key" zone "$Z" "memory_regions[0].size: expected a number"
zone '"-1"' 76; expect "negative string rejected" zone "$Z" "memory_regions[0].size: expected a number"
zone '"0x10000000000000000"' 76; expect "overflow rejected" zone "$Z" "memory_regions[0].size: number out of range"
zone '"0x1000"' 1024; expect "INTID beyond the bitmap rejected" zone "$Z" "interrupts[0]: interrupt number out of range"
zone '"0x1000"' '76], "shared_interrupts": [77' ; expect "shared_interrupts must be owned" zone "$Z" "shared_interrupts: 77 is not in"
sed 's/"gic_version": "v3"/"gic_version": "v4"/' "$Z" > "$T/v4.json"; expect "bad gic_version" zone "$T/v4.json" "arch_config.gic_version: expected"
# hvisor-c extension: debug_console (docs/zone-json.md)
zone '"0x1000"' 76
sed 's/"entry_point": "0x50080000",/"entry_point": "0x50080000", "debug_console": 150994944,/' "$Z" > "$T/dc.json"
if $JT zone-write "$T/dc.json" | grep -q '"debug_console": "0x9000000"' && $JT zone-rt "$T/dc.json"; then ok "debug_console parsed, written as hex and round-trips"; else nok "debug_console parsed, written as hex and round-trips"; fi
sed 's/"entry_point": "0x50080000",/"entry_point": "0x50080000", "debug_console": "0x9000800",/' "$Z" > "$T/dc2.json"
expect "misaligned debug_console names the key" zone "$T/dc2.json" "debug_console: 0x9000800 is not 4 KiB aligned"
echo '{"name": "z"' > "$T/bad.json"; expect "syntax error has a line" zone "$T/bad.json" "not valid JSON at line"
printf '{"zones": [{"id": 1, "memory_region": [], "devices": [{"type": "blk", "addr": "0xa000000", "len": "0x200", "irq": 78, "status": "enable"}]}]}' > "$T/v.json"
expect "virtio blk without img names the key" virtio "$T/v.json" "zones[0].devices[0].img: required key missing"
out=$($JT abi)
[ "$out" = "size 3136 interrupts_bitmap 2072 entry_point 2288 name 2328 arch_config 2360 num_pci_bus 2448" ] && ok "ABI offsets match hvisor magic 0x5" || nok "ABI offsets: $out"
# hvisor-c extension: read_only of a blk device (docs/hvisor-tool.md)
printf '{"zones": [{"id": 1, "memory_region": [{"zone0_ipa": "0x50000000", "zonex_ipa": "0x50000000", "size": "0x1000"}], "devices": [{"type": "blk", "addr": "0xa000000", "len": "0x200", "irq": 78, "img": "a.img", "read_only": true, "status": "enable"}]}]}' > "$T/ro.json"
if $JT virtio-write "$T/ro.json" | grep -q '"read_only": true' && $JT virtio-rt "$T/ro.json"; then ok "virtio read_only parsed, written and round-trips"; else nok "virtio read_only parsed, written and round-trips"; fi
sed 's/"read_only": true/"read_only": "yes"/' "$T/ro.json" > "$T/ro2.json"
expect "virtio read_only must be a bool" virtio "$T/ro2.json" "zones[0].devices[0].read_only: expected true or false"
# The virtio daemon's core against a fake bridge and fake guest RAM (TAP).
if make -s virtio_test >/dev/null; then
	build/host/bin/virtio_test "$T/virtio"
	rc=$?
	[ $rc -le 1 ] || nok "virtio_test crashed (exit $rc)"
else
	nok "build virtio_test"
fi
