#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# corpus.sh DTSCAN BOARDS_DIR [DTB...]: run dtscan over Debian's arm64 DTBs
# (default: every *.dtb under $DTBS, .cache/arm64/dtbs) as a porter would,
# one board per DTB in BOARDS_DIR/$ARCHDIR/NAME (NAME: the file name without
# .dtb, lowercased).  A DTB without RAM in its /memory gets the --ram that
# pickram.py reads from the tree (a second parser, not dtscan).
#
# Prints one line per DTB, sorted by DTB path:
#   board NAME DTB                 dtscan made BOARDS_DIR/aarch64/NAME
#   error dtscan: DTB: ...         dtscan stopped with exit 1 and this one line
#   BAD rc=N DTB: STDERR...        anything else (a crash, a timeout, a
#                                  partial board, more than one line)
# Environment: JOBS (parallel dtscan runs, default 2), DTBS, ARCHDIR (the
# directory under BOARDS_DIR, default aarch64; riscv64 for Debian's riscv64
# DTBs).
set -u
[ $# -ge 2 ] || {
	echo "usage: corpus.sh DTSCAN BOARDS_DIR [DTB...]" >&2
	exit 2
}
here=$(cd "$(dirname "$0")" && pwd)
DTSCAN=$1 BD=$2
shift 2
DTBS=${DTBS:-$(cd "$here/../../.." && pwd)/.cache/arm64/dtbs}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
if [ $# -gt 0 ]; then
	printf '%s\n' "$@" >"$W/list"
else
	find -L "$DTBS" -name '*.dtb' | sort >"$W/list"
fi
[ -s "$W/list" ] || {
	echo "corpus.sh: no DTBs (hint: make deps fetches them to $DTBS)" >&2
	exit 1
}
# shellcheck disable=SC2046
python3 "$here/pickram.py" $(cat "$W/list") >"$W/args" || exit 1
A=${ARCHDIR:-aarch64}
mkdir -p "$BD/$A" "$W/err"
# one line in: "DTB [--ram B+S]..."; one result line out
# shellcheck disable=SC2016
xargs -P "${JOBS:-2}" -L1 sh -c '
	W=$0 BD=$1 DTSCAN=$2 A=$3
	shift 3
	f=$1
	shift
	n=$(basename "$f" .dtb | tr A-Z a-z)
	d=$BD/$A/$n e=$W/err/$n
	rm -rf "$d"
	timeout 60 "$DTSCAN" "$f" "$@" --board "$n" -o "$d" >/dev/null 2>"$e"
	rc=$?
	if [ $rc -eq 0 ] && [ -s "$d/board.yaml" ] && [ -s "$d/zone0.dts" ]; then
		r="board $n $f"
	elif [ $rc -eq 1 ] && [ "$(wc -l <"$e")" -eq 1 ] &&
		grep -q "^dtscan: " "$e" && [ ! -e "$d" ]; then
		r="error $(cat "$e")"
	else
		r="BAD rc=$rc $f: $(head -c 300 "$e" | tr "\n" " ")"
	fi
	printf "%s\t%s\n" "$f" "$r"' "$W" "$BD" "$DTSCAN" "$A" <"$W/args" >"$W/res" 2>&1
sort "$W/res" | cut -f2-
