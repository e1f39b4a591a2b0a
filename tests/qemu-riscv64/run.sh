#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# QEMU boot tests of the riscv64 hypervisor with the root Linux (TAP lines)
# on qemu-plic: OpenSBI -> hypervisor (HS) -> Debian's riscv64 Linux (VS),
# then the hypercall guest.
# Builds what it needs; every boot is bounded by `timeout`, every expect
# step by its own timeout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 1
O=${O:-build}
cache=${CACHE:-.cache/riscv64}
mkdir -p "$O"

# Hypercalls (upstream's SBI convention, EID 0x114514) and the zone
# lifecycle, with a bare-metal root-zone guest (guest/hctest.c) instead of
# Linux: it starts zone 1 on hart 3 (guest/zone1.S, loaded at 0xc0000000),
# zone 1 faults on purpose, the root zone shuts it down and starts it again.
hypercall_tests() {
	g=$out/guest
	if ! tests/qemu-riscv64/guest/build.sh "$g" "$(sed -n 's/^BOARD_ROOT_KERNEL := //p' "$out/board.mk")" \
		>"$g.log" 2>&1; then
		echo "not ok - $BOARD: build the hypercall test guests (see $g.log)"
		return
	fi
	start=$(date +%s)
	timeout 60 tests/qemu-riscv64/boot.sh "$out" "$O/riscv64/initramfs.cpio.gz" \
		"$g/hctest.bin" -device loader,file="$g/zone1.bin",addr=0xc0000000,force-raw=on \
		</dev/null >"$out/qemu-hypercall.log" 2>&1
	rc=$?
	log=$(tr -d '\r' <"$out/qemu-hypercall.log")
	for t in "CONFIG_CHECK writes the config magic" \
		"CONFIG_CHECK outside the zone's RAM" "unknown hypercall" \
		"ZONE_LIST shows the root zone" "ZONE_START on a running root hart" \
		"ZONE_START with a wrong config size" "ZONE_SHUTDOWN of the root zone" \
		"ZONE_START zone 1 on hart 3" "ZONE_LIST shows zone 1" \
		"ZONE_START of an existing zone id" \
		"zone 1 stopped after its fault, root runs on" "ZONE_SHUTDOWN zone 1" \
		"ZONE_LIST after shutdown" \
		"zone 1 starts again on the returned hart and stops again"; do
		if echo "$log" | grep -q "^hctest: ok $t (got"; then
			echo "ok - $BOARD: hypercall: $t"
		else
			echo "not ok - $BOARD: hypercall: $t"
		fi
	done
	if echo "$log" | grep -q "^hctest: zone 1 running on hart 3" &&
		echo "$log" | grep -q "^hvisor: zone 1 (z1) vcpu 0: unhandled read of 4 bytes at 0x101000, pc 0xc0000[0-9a-f]*: board node /soc/rtc@101000"; then
		echo "ok - $BOARD: zone 1 ran its payload and its fault was reported"
	else
		echo "not ok - $BOARD: zone 1 ran its payload and its fault was reported"
	fi
	if echo "$log" | grep -q "^hvisor: zone 1 (z1) vcpu 0: virtual instruction" &&
		echo "$log" | grep -q "^  s1 [0-9a-f]*  a0 0000000000005a5a" &&
		[ "$(echo "$log" | grep -c "^hvisor: zone 1 (z1) stopped")" = 2 ]; then
		echo "ok - $BOARD: unknown trap in zone 1: register dump, zone 1 stopped"
	else
		echo "not ok - $BOARD: unknown trap in zone 1: register dump, zone 1 stopped"
	fi
	if [ $rc = 0 ] && echo "$log" | grep -q "^hctest: done" &&
		echo "$log" | grep -q "^hvisor: root zone requests system shutdown"; then
		echo "ok - $BOARD: hypercall guest finished, SBI SRST ended QEMU"
	else
		echo "not ok - $BOARD: hypercall guest finished, SBI SRST ended QEMU (status $rc)"
	fi
	echo "# $BOARD hypercall: $(($(date +%s) - start))s, console log in $out/qemu-hypercall.log"

	# zone 1 with Debian's Linux on harts 2, 3, started by a bare-metal
	# root zone (guest/zone1linux.c) with kernel, DT and initramfs loaded
	# into zone 1's RAM by QEMU where zonegen places them (DTB at the RAM
	# base, kernel 2 MiB above, initrd at +64 MiB).  The DT is zonegen's:
	# the linux1 request on a copy of the board whose hypervisor console
	# is SBI, so that the zone may take the UART (the hypervisor built
	# from the board itself still prints on it, shared as before).
	start=$(date +%s)
	initrd=$O/riscv64/initramfs.cpio.gz
	zb=$out/zonegen-z1
	z1dtb=$zb/out/zones/linux1/linux1.dtb
	rm -rf "$zb" && mkdir -p "$zb/boards/riscv64"
	if cp -r "boards/riscv64/$BOARD" "$zb/boards/riscv64/" &&
		python3 -c 'import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r"console:\n(  .*\n)+", "console: {driver: sbi, why: \"test: zone 1 takes the UART\"}\n", s)
open(sys.argv[1], "w").write(s)' "$zb/boards/riscv64/$BOARD/board.yaml" &&
		make -s O="$O" zonegen >"$zb.log" 2>&1 &&
		"$O/host/bin/zonegen" linux1 --board "$BOARD" --boards-dir "$zb/boards" \
			--cpus 2,3 --mem 0xc0000000+0x10000000 --device /soc/serial@10000000 \
			--initrd "$initrd" --bootargs "earlycon=uart8250,mmio,0x10000000 console=ttyS0 rdinit=/init" \
			>>"$zb.log" 2>&1 &&
		"$O/host/bin/zonegen" derive --board "$BOARD" --boards-dir "$zb/boards" \
			-o "$zb/out" >>"$zb.log" 2>&1 &&
		[ "$(fdtget -t x "$z1dtb" /chosen linux,initrd-start)" = "0 c4000000" ]; then
		echo "ok - $BOARD: zone 1's DTB derived by zonegen (linux1 on harts 2, 3)"
	else
		echo "not ok - $BOARD: zone 1's DTB derived by zonegen (see $zb.log)"
		return
	fi
	res=$(timeout 300 expect tests/qemu-riscv64/zone1-linux.exp "$out/qemu-zone1-linux.log" -- \
		tests/qemu-riscv64/boot.sh "$out" "$initrd" "$g/zone1linux.bin" \
		-device loader,file="$cache/Image",addr=0xc0200000,force-raw=on \
		-device loader,file="$z1dtb",addr=0xc0000000,force-raw=on \
		-device loader,file="$initrd",addr=0xc4000000,force-raw=on)
	echo "$res" | sed "s/^\(\(not \)*ok - \)/\1$BOARD: /"
	if [ "$(echo "$res" | grep -c '^\(not \)*ok - ')" -ne 7 ]; then
		echo "not ok - $BOARD: zone 1 Linux scenario ran all 7 steps"
	fi
	echo "# $BOARD zone 1 Linux: $(($(date +%s) - start))s, console log in $out/qemu-zone1-linux.log"
}

for BOARD in ${BOARDS:-qemu-plic}; do
	export BOARD
	out=$O/riscv64/$BOARD
	if ! make -s O="$O" ARCH=riscv64 BOARD="$BOARD" CACHE="$cache" \
		hypervisor zone0-dtb >"$O/qemu-riscv64-build-$BOARD.log" 2>&1; then
		echo "not ok - $BOARD: build hypervisor, zone0.dtb and initramfs (see $O/qemu-riscv64-build-$BOARD.log)"
		continue
	fi
	echo "ok - $BOARD: build hypervisor, zone0.dtb and initramfs"
	boot="tests/qemu-riscv64/boot.sh $out $O/riscv64/initramfs.cpio.gz $cache/Image"
	for scenario in smoke fault; do
		start=$(date +%s)
		# shellcheck disable=SC2086
		res=$(timeout 500 expect tests/qemu-riscv64/console.exp $scenario \
			"$out/qemu-$scenario.log" -- $boot)
		echo "$res" | sed "s/^\(\(not \)*ok - \)/\1$BOARD: /"
		# a killed or crashed driver must not hide the steps it never ran
		want=9
		[ $scenario = fault ] && want=5
		if [ "$(echo "$res" | grep -c '^\(not \)*ok - ')" -ne $want ]; then
			echo "not ok - $BOARD: $scenario scenario ran all $want steps"
		fi
		echo "# $BOARD $scenario: $(($(date +%s) - start))s, console log in $out/qemu-$scenario.log"
	done
	# the same boot on harts without Sstc (QEMU sstc=false, the DT's ISA
	# string without _sstc): the guest's timer goes through SBI set_timer
	# and the hypervisor injects VSTIP
	if ! dts=$(dtc -q -I dtb -O dts "$out/zone0-run.dtb") ||
		! echo "$dts" | sed 's/_sstc"/"/' |
		dtc -q -I dts -O dtb -o "$out/zone0-run-nosstc.dtb" -; then
		echo "not ok - $BOARD: a root DTB without Sstc"
		continue
	fi
	start=$(date +%s)
	# shellcheck disable=SC2086
	res=$(CPU=rv64,h=true,sstc=false DTB=$out/zone0-run-nosstc.dtb \
		timeout 500 expect tests/qemu-riscv64/console.exp smoke \
		"$out/qemu-nosstc.log" -- $boot)
	echo "$res" | sed "s/^\(\(not \)*ok - \)/\1$BOARD without Sstc: /"
	if [ "$(echo "$res" | grep -c '^ok - ')" -eq 9 ] &&
		tr -d '\r' <"$out/qemu-nosstc.log" | grep -q "^hvisor: CPU 0: guest timer via SBI set_timer" &&
		tr -d '\r' <"$out/qemu-smoke.log" | grep -q "^hvisor: CPU 0: guest timer in vstimecmp (Sstc)"; then
		echo "ok - $BOARD: guest timer through vstimecmp with Sstc, SBI set_timer + VSTIP without"
	else
		echo "not ok - $BOARD: guest timer through vstimecmp with Sstc, SBI set_timer + VSTIP without"
	fi
	echo "# $BOARD without Sstc: $(($(date +%s) - start))s, console log in $out/qemu-nosstc.log"

	# the hypervisor's console through the firmware (console.driver sbi,
	# what dtscan writes when no UART driver fits): the same board with
	# that console, built from a copy of its board.json
	sbi=$O/riscv64/$BOARD-sbicon
	mkdir -p "$sbi"
	python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
j["name"] += "-sbicon"
j["console"] = {"driver": "sbi", "base": 0, "size": 0, "irq": 0, "baud": 0,
                "reg_shift": 0, "reg_io_width": 1, "clock": 0, "node": None}
json.dump(j, open(sys.argv[2], "w"))' "$out/board.json" "$sbi.json"
	: >"$sbi/qemu.log"
	if make -s O="$O" ARCH=riscv64 BOARD="$BOARD-sbicon" CACHE="$cache" \
		HV_BOARD_JSON="$sbi.json" HV_ZONE0_DTS= hypervisor >"$sbi.log" 2>&1 &&
		cp "$out/zone0-run.dtb" "$sbi/zone0-run.dtb"; then
		tests/qemu-riscv64/boot.sh "$sbi" "$O/riscv64/initramfs.cpio.gz" \
			"$cache/Image" </dev/null >"$sbi/qemu.log" 2>&1 &
		pid=$!
		n=0
		while [ $n -lt 600 ] && kill -0 $pid 2>/dev/null &&
			! grep -q "init running" "$sbi/qemu.log"; do
			sleep 0.1
			n=$((n + 1))
		done
		kill $pid 2>/dev/null
		wait $pid 2>/dev/null
	fi
	log=$(tr -d '\r' <"$sbi/qemu.log")
	if echo "$log" | grep -q "^hvisor-c .* on board $BOARD-sbicon .*4 CPUs online" &&
		echo "$log" | grep -q "^hvisor: memory .*, PLIC, console of the firmware (SBI)" &&
		echo "$log" | grep -q "init running, 4 CPUs online"; then
		echo "ok - $BOARD: hypervisor console through SBI (console.driver sbi), root Linux boots"
	else
		echo "not ok - $BOARD: hypervisor console through SBI (see $sbi.log, $sbi/qemu.log)"
	fi
	# the root zone reduced by zonegen: the linux2 request (harts 2, 3 and
	# 256 MiB at 0xc0000000) on a copy of the board named $BOARD-z2, built
	# by make (which derives it); the root Linux boots from the derived
	# zone0.dtb and must see harts 0 and 1 only
	zg=$O/riscv64/zonegen-boards
	zout=$O/riscv64/$BOARD-z2
	rm -rf "$zg" && mkdir -p "$zg/riscv64"
	: >"$zout.log"
	if cp -r "boards/riscv64/$BOARD" "$zg/riscv64/$BOARD-z2" &&
		sed -i "s/^  name: $BOARD\$/  name: $BOARD-z2/" "$zg/riscv64/$BOARD-z2/board.yaml" &&
		make -s O="$O" zonegen >"$zout.log" 2>&1 &&
		"$O/host/bin/zonegen" linux2 --board "$BOARD-z2" --boards-dir "$zg" \
			--cpus 2,3 --mem 0xc0000000+0x10000000 >>"$zout.log" 2>&1 &&
		make -s O="$O" ARCH=riscv64 BOARD="$BOARD-z2" BOARDS_DIR="$zg" CACHE="$cache" \
			hypervisor zone0-dtb >>"$zout.log" 2>&1 &&
		[ "$(fdtget -l "$zout/zone0-run.dtb" /cpus | grep -c '^cpu@')" = 2 ]; then
		echo "ok - $BOARD: make derives the root zone of a board with the linux2 request (zone0.dtb: 2 harts)"
		: >"$zout/qemu.log"
		tests/qemu-riscv64/boot.sh "$zout" "$O/riscv64/initramfs.cpio.gz" \
			"$cache/Image" </dev/null >"$zout/qemu.log" 2>&1 &
		pid=$!
		n=0
		while [ $n -lt 1200 ] && kill -0 $pid 2>/dev/null &&
			! grep -q "init running" "$zout/qemu.log"; do
			sleep 0.1
			n=$((n + 1))
		done
		kill $pid 2>/dev/null
		wait $pid 2>/dev/null
		if tr -d '\r' <"$zout/qemu.log" | grep -q "init running, 2 CPUs online"; then
			echo "ok - $BOARD: the root Linux boots from the derived zone0.dtb on harts 0, 1"
		else
			echo "not ok - $BOARD: the root Linux boots from the derived zone0.dtb on harts 0, 1 (see $zout/qemu.log)"
		fi
	else
		echo "not ok - $BOARD: make derives the root zone of a board with the linux2 request (see $zout.log)"
	fi
	hypercall_tests
done
