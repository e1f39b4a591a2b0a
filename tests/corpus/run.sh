#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boards from Debian's DTB set build: for every vendor directory of
# .cache/arm64/dtbs, the first DTB (by name) that dtscan makes a board of
# (corpus.sh, --ram from pickram.py as `make corpus` gives it) is built with
# `make ARCH=aarch64 BOARD=b hypervisor` in a scratch BOARDS_DIR.  Then one
# board is built again the way `make corpus` does (SHARE=1: the objects of a
# board with as many CPUs, only board.c compiled and linked) and must give
# the same hvisor.bin byte for byte as its full build.
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
porting/dtscan/tests/buildboards.sh "$BD" "$O" $boards >"$T/built" 2>&1
for b in $boards; do
	if grep -qx "built $b" "$T/built"; then
		ok "$b: make ARCH=aarch64 BOARD=$b hypervisor"
	else
		nok "$b: make ARCH=aarch64 BOARD=$b hypervisor"
		grep "^FAILED $b:" "$T/built" | sed 's/^/#   /'
		tail -5 "$LOGS/$b.log" | sed 's/^/#   /'
	fi
done

# the shared build of make corpus: a board with as many CPUs as another,
# built from that board's objects, equals its full build
B=$O/aarch64
a='' b=''
for x in $boards; do
	[ -f "$B/$x/hvisor.bin" ] || continue
	nx=$(sed -n 's/^BOARD_NCPUS := //p' "$B/$x/board.mk")
	for y in $boards; do
		if [ "$y" = "$x" ] || [ ! -f "$B/$y/hvisor.bin" ]; then
			continue
		fi
		ny=$(sed -n 's/^BOARD_NCPUS := //p' "$B/$y/board.mk")
		if [ "$nx" = "$ny" ]; then a=$x b=$y; fi
	done
	[ -n "$a" ] && break
done
if [ -n "$a" ]; then
	mv "$B/$b" "$T/full-$b"
	echo "$B/$a" >"$SHAREDIR/ncpus-$nx"
	SHARE=1 porting/dtscan/tests/buildboards.sh "$BD" "$O" "$b" >"$T/shared" 2>&1
	# copied objects carry the whole-second mtime buildboards.sh gave them:
	# not recompiled
	if grep -qx "built $b" "$T/shared" &&
		stat -c %y "$B/$b/obj/core/main.o" | grep -q '\.000000000 ' &&
		cmp "$B/$b/hvisor.bin" "$T/full-$b/hvisor.bin"; then
		ok "SHARE=1: $b built from $a's objects equals its full build"
	else
		nok "SHARE=1: $b built from $a's objects equals its full build"
		sed 's/^/#   /' "$T/shared" "$LOGS/$b.log" | head -10
	fi
else
	nok "SHARE=1: two boards with as many CPUs to compare"
fi
for x in $boards; do rm -rf "${B:?}/$x"; done
exit 0
