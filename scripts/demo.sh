#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make demo`: from a fresh Debian 12 machine to the root Linux shell under
# the hypervisor, with a board made by dtscan from QEMU's own device tree.
#   1. make deps (Debian packages, Debian's arm64 kernel and busybox)
#   2. make tools (dtscan, zonegen)
#   3. QEMU dumps its DTB; dtscan turns it into a board under build/demo/
#   4. the hypervisor is built for that board; QEMU boots it and zone 0
# From a terminal the shell is yours (Ctrl-A X quits QEMU; `poweroff -f`
# ends it through PSCI).  Without a terminal the demo runs two commands,
# powers off and exits.
set -eu
cd "$(dirname "$0")/.."
O=${O:-build}
demo=$O/demo
board=qemu-gicv3
say() { printf '\n=== %s\n' "$*"; }

say "1/4 make deps"
make -s deps
say "2/4 make tools"
make -s tools
say "3/4 dtscan of QEMU's own device tree"
mkdir -p "$demo"
qemu-system-aarch64 -machine virt,gic-version=3,virtualization=on,dumpdtb="$demo/virt.dtb" \
	-cpu cortex-a57 -smp 4 -m 2G -nographic -nic none >/dev/null
"$O/host/bin/dtscan" "$demo/virt.dtb" --board $board \
	-o "$demo/boards/aarch64/$board" --force
say "4/4 build the hypervisor and boot it"
mk="make -s O=$demo BOARDS_DIR=$demo/boards ARCH=aarch64 BOARD=$board"
$mk hypervisor zone0-dtb
ls -l "$demo/aarch64/$board/hvisor.bin"
boot="tests/qemu/boot.sh $demo/aarch64/$board $demo/aarch64/initramfs.cpio.gz ${CACHE:-.cache/arm64}/Image"
if [ -t 0 ] && [ -t 1 ]; then
	echo "(QEMU: Ctrl-A X quits; in the shell, poweroff -f powers off)"
	exec $boot
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cat >"$tmp" <<'EXP'
set timeout 300
spawn {*}[lrange $argv 0 end]
expect {
	-re "root-linux:\[^\r\n\]*# " {}
	timeout { puts "\ndemo: no shell prompt"; exit 1 }
	eof { puts "\ndemo: QEMU exited early"; exit 1 }
}
sleep 1
send "uname -a; nproc; cat /proc/cmdline\r"
expect -re "root-linux:\[^\r\n\]*# "
sleep 1
send "poweroff -f\r"
expect eof
EXP
timeout 400 expect "$tmp" $boot
