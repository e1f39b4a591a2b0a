#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boards from Debian's DTB set build: for every vendor directory of
# .cache/arm64/dtbs, the first DTB (by name) that dtscan makes a board of
# (corpus.sh, --ram from pickram.py as `make corpus` gives it) is built with
# `make ARCH=aarch64 BOARD=b hypervisor` in a scratch BOARDS_DIR, the way
# `make corpus` does (buildboards.sh SHARE=1: a board with as many CPUs as
# one built before compiles board.c and links with that board's objects).
# Then one board built that way is built again in full and must give the
# same hvisor.bin byte for byte.
# Prints one "ok - name" / "not ok - name" line per test.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
O=${O:-build}
DTBS=$ROOT/.cache/arm64/dtbs
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
make -s -j2 O="$O" "$O/host/bin/dtscan" "$O/host/bin/zonegen" >/dev/null ||
	{ nok "build dtscan and zonegen"; exit 1; }
DTSCAN=$ROOT/$O/host/bin/dtscan
BD=$T/boards
# built in $O (zonegen is there), logs in $T; the board directories
# $O/aarch64/NAME are removed at the end (no committed board has a DTB's name)
LOGS="$T/logs" SHAREDIR="$T/share"
export LOGS SHAREDIR

boards=
nv=0
for v in $(find -L "$DTBS" -mindepth 1 -maxdepth 1 -type d | sort); do
	nv=$((nv + 1))
	got=
	for f in $(find -L "$v" -name '*.dtb' | sort); do
		r=$(DTBS=$DTBS porting/dtscan/tests/corpus.sh "$DTSCAN" "$BD" "$f")
		case $r in
		"board "*)
			got=$(echo "$r" | cut -d' ' -f2)
			break
			;;
		"error "*) ;;
		*) echo "# $r" ;;
		esac
	done
	if [ -n "$got" ]; then
		boards="$boards $got"
		echo "# $(basename "$v"): $got"
	else
		nok "$(basename "$v"): no DTB gives a board"
	fi
done
n=$(echo "$boards" | wc -w)
if [ "$n" -eq "$nv" ] && [ "$nv" -ge 10 ]; then
	ok "a board from each of the $nv vendor directories"
else
	nok "a board from each of the $nv vendor directories ($n)"
fi

# shellcheck disable=SC2086
SHARE=1 porting/dtscan/tests/buildboards.sh "$BD" "$O" $boards >"$T/built" 2>&1
for b in $boards; do
	if grep -qx "built $b" "$T/built"; then
		ok "$b: make ARCH=aarch64 BOARD=$b hypervisor"
	else
		nok "$b: make ARCH=aarch64 BOARD=$b hypervisor"
		grep "^FAILED $b:" "$T/built" | sed 's/^/#   /'
		tail -5 "$LOGS/$b.log" | sed 's/^/#   /'
	fi
done

# the shared build of make corpus equals a full build: the first board whose
# objects were copied (they carry the whole-second mtime buildboards.sh gave
# them) is built again from scratch
B=$O/aarch64
b=''
for x in $boards; do
	if [ -f "$B/$x/hvisor.bin" ] &&
		stat -c %y "$B/$x/obj/core/main.o" | grep -q '\.000000000 '; then
		b=$x
		break
	fi
done
if [ -n "$b" ]; then
	mv "$B/$b" "$T/shared-$b"
	porting/dtscan/tests/buildboards.sh "$BD" "$O" "$b" >"$T/full" 2>&1
	if grep -qx "built $b" "$T/full" &&
		! stat -c %y "$B/$b/obj/core/main.o" | grep -q '\.000000000 ' &&
		cmp "$B/$b/hvisor.bin" "$T/shared-$b/hvisor.bin"; then
		ok "SHARE=1: $b linked with another board's objects equals its full build"
	else
		nok "SHARE=1: $b linked with another board's objects equals its full build"
		sed 's/^/#   /' "$T/full" "$LOGS/$b.log" | head -10
	fi
else
	nok "SHARE=1: no board was built from another's objects"
fi
for x in $boards; do rm -rf "${B:?}/$x"; done
exit 0
