#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make ARCH=aarch64 BOARD=b deploy: the boot medium's files and the U-Boot
# boot script.  For qemu-gicv3 and rk3568, boot.scr is read back (legacy
# image header and CRC checked with Python, not mkimage), every address it
# loads to equals board.yaml's (read with Python's yaml) and board.mk's,
# and every file it names exists in the deploy directory.
# Prints one "ok - name" / "not ok - name" line per test.
set -u
cd "$(dirname "$0")/../.." || exit 1
O=${O:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/lib.sh

# boot.scr -> the script text, after checking the header by hand: magic,
# OS linux (5), arch arm64 (22), type script (6), no compression, the data
# CRC, one sub-image whose size the list gives (legacy "script" format).
cat >"$T/scr.py" <<'EOF'
import struct, sys, zlib
b = open(sys.argv[1], 'rb').read()
(magic, hcrc, _t, size, _load, _ep, dcrc, os_, arch, typ,
 comp) = struct.unpack('>7I4B', b[:32])
hdr = bytearray(b[:64])
hdr[4:8] = b'\0\0\0\0'
assert magic == 0x27051956, 'magic %#x' % magic
assert zlib.crc32(bytes(hdr)) == hcrc, 'header CRC'
assert (os_, arch, typ, comp) == (5, 22, 6, 0), (os_, arch, typ, comp)
data = b[64:64 + size]
assert len(data) == size and zlib.crc32(data) == dcrc, 'data CRC'
n, end = struct.unpack('>II', data[:8])
assert end == 0 and n == size - 8, (n, end, size)
sys.stdout.write(data[8:8 + n].decode())
EOF
# board.yaml -> "file address" lines the script must load, and the go address
cat >"$T/want.py" <<'EOF'
import sys, yaml
y = yaml.safe_load(open(sys.argv[1]))
r = y['root_zone']
for f, a in (('hvisor.bin', y['hypervisor']['load_address']),
             ('Image', r['kernel']['load']), ('zone0.dtb', r['dtb']['load']),
             ('initramfs.cpio.gz', r['initrd']['load'])):
    print(f, hex(int(a, 0)))
print('go', hex(int(y['hypervisor']['load_address'], 0)))
EOF

for b in qemu-gicv3 rk3568; do
	out=$O/aarch64/$b d=$out/deploy
	rm -rf "$d"
	if ! make -s O="$O" ARCH=aarch64 BOARD="$b" deploy >"$T/$b.log" 2>&1; then
		nok "$b: make deploy"
		tail -5 "$T/$b.log" | sed 's/^/#   /'
		continue
	fi
	ok "$b: make deploy"
	check "$b: boot.scr is a legacy arm64 script image (header and CRCs)" \
		sh -c "python3 '$T/scr.py' '$d/boot.scr' >'$T/$b.cmd'"
	check "$b: boot.scr holds boot.cmd" cmp "$T/$b.cmd" "$d/boot.cmd"
	# the script's loads and go, as "file address" lines
	# shellcheck disable=SC2016
	sed -n 's/^load [^ ]* [^ ]* \(0x[0-9a-f]*\) ${prefix}\([^ ]*\).*/\2 \1/p; s/^go \(0x[0-9a-f]*\)$/go \1/p' \
		"$T/$b.cmd" | sort >"$T/$b.got"
	python3 "$T/want.py" "boards/aarch64/$b/board.yaml" | sort >"$T/$b.want"
	check "$b: every address in boot.scr equals board.yaml's" \
		diff -u "$T/$b.want" "$T/$b.got"
	eval "$(sed -n 's/^\(BOARD_[A-Z_]*\) := \(0x[0-9a-f]*\)$/\1=\2/p' "$out/board.mk")"
	printf '%s\n' "hvisor.bin $BOARD_LOAD_ADDR" "Image $BOARD_ROOT_KERNEL" \
		"zone0.dtb $BOARD_ROOT_DTB" "initramfs.cpio.gz $BOARD_ROOT_INITRD" \
		"go $BOARD_LOAD_ADDR" | sort >"$T/$b.mk"
	check "$b: every address in boot.scr equals board.mk's" \
		diff -u "$T/$b.mk" "$T/$b.got"
	check "$b: every file boot.scr loads is in the deploy directory" sh -c "
		n=0; for f in \$(grep -v '^go ' '$T/$b.got' | cut -d' ' -f1); do
			[ -s '$d'/\$f ] || { echo \"missing \$f\"; exit 1; }; n=\$((n+1))
		done; [ \$n -eq 4 ]"
	check "$b: boot.scr starts the hypervisor last, caches off" sh -c "
		tail -3 '$T/$b.cmd' | tr '\n' ' ' | grep -qx 'dcache off icache off go $BOARD_LOAD_ADDR '"
	check "$b: hvisor.bin and Image are the built ones" sh -c "
		cmp '$d/hvisor.bin' '$out/hvisor.bin' && cmp '$d/Image' .cache/arm64/Image"
	# the hypervisor never edits a DTB: zone0.dtb must carry the initrd
	s=$(fdtget -t x "$d/zone0.dtb" /chosen linux,initrd-start 2>/dev/null | awk '{print $NF}')
	e=$(fdtget -t x "$d/zone0.dtb" /chosen linux,initrd-end 2>/dev/null | awk '{print $NF}')
	sz=$(stat -c %s "$d/initramfs.cpio.gz")
	check "$b: zone0.dtb's /chosen initrd range is where boot.scr loads initramfs.cpio.gz" \
		test "$((0x${s:-0}))" -eq "$((BOARD_ROOT_INITRD))" -a \
		"$((0x${e:-0}))" -eq "$((BOARD_ROOT_INITRD + sz))"
done

# deploy.sh refuses images that would land on one another, in one line,
# and leaves no deploy directory
f=$O/aarch64/qemu-gicv3
if [ -f "$f/board.mk" ] && [ -f "$f/hvisor.bin" ]; then
	mkdir -p "$T/hv"
	cp "$f/hvisor.bin" "$f/zone0-run.dtb" "$T/hv/"
	kern=$(sed -n 's/^BOARD_ROOT_KERNEL := //p' "$f/board.mk")
	sed "s/^BOARD_ROOT_DTB := .*/BOARD_ROOT_DTB := $(printf '0x%x' $((kern + 0x100000)))/" \
		"$f/board.mk" >"$T/hv/board.mk"
	scripts/deploy.sh "$T/hv" boards/aarch64/qemu-gicv3 .cache/arm64/Image \
		"$f/../initramfs.cpio.gz" >/dev/null 2>"$T/ov.err"
	rc=$?
	check "deploy.sh: zone0.dtb inside the Image is refused (one line, exit 1, nothing written)" sh -c "
		[ $rc -eq 1 ] && [ \$(wc -l <'$T/ov.err') -eq 1 ] &&
		grep -q '^deploy.sh: zone0.dtb: .* (BOARD_ROOT_DTB) overlaps Image ' '$T/ov.err' &&
		[ ! -e '$T/hv/deploy' ] && [ \$(ls -A '$T/hv' | wc -l) -eq 3 ]" ||
		sed 's/^/#   /' "$T/ov.err"
	hv=$(sed -n 's/^BOARD_HV_RAM_BASE := //p' "$f/board.mk")
	sed "s/^BOARD_ROOT_INITRD := .*/BOARD_ROOT_INITRD := $hv/" \
		"$f/board.mk" >"$T/hv/board.mk"
	scripts/deploy.sh "$T/hv" boards/aarch64/qemu-gicv3 .cache/arm64/Image \
		"$f/../initramfs.cpio.gz" >/dev/null 2>"$T/ov.err"
	rc=$?
	check "deploy.sh: the initramfs in the hypervisor's RAM is refused" sh -c "
		[ $rc -eq 1 ] && grep -q '^deploy.sh: initramfs.cpio.gz: .* overlaps the hypervisor RAM' '$T/ov.err'" ||
		sed 's/^/#   /' "$T/ov.err"
else
	nok "deploy.sh: overlap tests need qemu-gicv3's build"
fi
# hvisor.ko and the CLI when built, and the zones zonegen made, come along
if [ -f "$f/board.mk" ] && [ -f "$f/hvisor.bin" ]; then
	mkdir -p "$T/z/hv/zones/linux2" "$T/z/ht" "$T/z/b"
	cp "$f/hvisor.bin" "$f/zone0-run.dtb" "$f/board.mk" "$T/z/hv/"
	echo ko >"$T/z/ht/hvisor.ko" && echo cli >"$T/z/ht/hvisor"
	# what make derives from a board with a zone request
	echo '{}' >"$T/z/hv/zones/linux2/linux2.json"
	echo dtb >"$T/z/hv/zones/linux2/linux2.dtb"
	echo '{}' >"$T/z/hv/virtio_cfg.json"
	scripts/deploy.sh "$T/z/hv" "$T/z/b" .cache/arm64/Image \
		"$f/../initramfs.cpio.gz" "$T/z/ht" >/dev/null 2>&1
	check "deploy.sh: hvisor.ko, hvisor, zones/linux2/*, virtio_cfg.json are gathered" sh -c "
		cd '$T/z/hv/deploy' && cmp hvisor.ko ../../ht/hvisor.ko &&
		cmp hvisor ../../ht/hvisor && cmp zones/linux2/linux2.json ../zones/linux2/linux2.json &&
		cmp zones/linux2/linux2.dtb ../zones/linux2/linux2.dtb &&
		cmp virtio_cfg.json ../virtio_cfg.json"
fi
make -s O="$O" ARCH=aarch64 BOARD=no-such-board deploy >"$T/nb.out" 2>&1
rc=$?
check "make deploy of an unknown board names it and the boards there are" sh -c "
	[ $rc -ne 0 ] && grep -q 'no board boards/aarch64/no-such-board/board.yaml (hint: boards are: .*qemu-gicv3' '$T/nb.out'"
exit 0
