#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# buildboards.sh BOARDS_DIR OUT BOARD...: build the hypervisor of each board
# (make O=OUT BOARDS_DIR=BOARDS_DIR ARCH=aarch64 BOARD=b hypervisor), one
# after the other, printing "built B" or "FAILED B: LAST LOG LINE" per board
# (logs in $LOGS/B.log, default OUT/logs).
#
# SHARE=1 (make corpus): the hypervisor's objects other than board.o depend
# on the board only through HV_NCPUS (-DHV_NCPUS, asm-offsets.h), so a board
# with as many CPUs as one built before takes that board's objects: render
# and compile board.c (make board), copy the objects in, newer than
# board.mk, and make links hvisor.elf with the new board.o and hv.lds.
# $SHAREDIR/ncpus-N (default OUT/.share) names the board directory whose
# objects are taken; a caller may write it first.  tests/corpus checks that a shared build gives
# the same hvisor.bin as a full one.
set -u
[ $# -ge 2 ] || {
	echo "usage: buildboards.sh BOARDS_DIR OUT BOARD..." >&2
	exit 2
}
BD=$1 OUT=$2
shift 2
LOGS=${LOGS:-$OUT/logs} SHAREDIR=${SHAREDIR:-$OUT/.share}
mkdir -p "$LOGS" "$SHAREDIR"
mk() { make -s -j"${JOBS:-2}" O="$OUT" BOARDS_DIR="$BD" ARCH=aarch64 "$@"; }
for b in "$@"; do
	log=$LOGS/$b.log hv=$OUT/aarch64/$b
	: >"$log"
	tpl='' n=''
	if [ "${SHARE:-0}" = 1 ] && mk BOARD="$b" board >>"$log" 2>&1; then
		n=$(sed -n 's/^BOARD_NCPUS := //p' "$hv/board.mk")
		tpl=$(cat "$SHAREDIR/ncpus-$n" 2>/dev/null)
		if [ -n "$tpl" ] && [ -f "$tpl/hvisor.elf" ]; then
			# one mtime for all, after board.mk's: nothing is older
			# than a prerequisite, so make only links
			t=@$(($(stat -c %Y "$hv/board.mk") + 1))
			(cd "$tpl" && find obj include -name '*.o' -o -name '*.h') |
				grep -v '^obj/board\.o$' | while read -r f; do
				mkdir -p "$hv/$(dirname "$f")"
				cp "$tpl/$f" "$hv/$f" && touch -d "$t" "$hv/$f"
			done
		else
			tpl=
		fi
	fi
	if mk BOARD="$b" hypervisor >>"$log" 2>&1 && [ -s "$hv/hvisor.bin" ]; then
		echo "built $b"
		if [ "${SHARE:-0}" = 1 ] && [ -z "$tpl" ] &&
			[ ! -s "$SHAREDIR/ncpus-$n" ]; then
			echo "$hv" >"$SHAREDIR/ncpus-$n"
		fi
	else
		echo "FAILED $b: $(grep -v '^make' "$log" | tail -1)"
	fi
done
