#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Pick a RAM range for a DTB the way a porter would, without dtscan.

Usage: pickram.py DTB...
Prints one line per DTB: "DTB" alone when the tree has a /memory node
with a non-zero size (dtscan needs no --ram), else "DTB --ram BASE+SIZE..."
(more than one --ram when devices sit inside the chosen 1 GiB).

The bootloader fills /memory in on most boards, so the DTBs in Debian's
kernel package often carry none, or one with size 0.  A porter reads the
memory node's base (its reg, else its unit address) and gives 1 GiB from
there, less the devices inside it; without a base, the lowest 1 GiB
aligned 1 GiB window at or above 0x40000000 that no device overlaps.

Device addresses are read with fdt.py (a second parser, not dtscan):
every reg translated to a CPU address through the parents' ranges; nodes
behind a bus without ranges (i2c, spi, ...) are not CPU-addressable and
do not count; /cpus, memory nodes and /reserved-memory are not devices.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fdt  # noqa: E402

GIB = 1 << 30
MIN_SIZE = 256 << 20  # below this a shrunk window is no RAM for a root zone


def u32(v):
    return struct.unpack('>I', v)[0] if v is not None and len(v) == 4 else None


def cells_of(words, n):
    v = 0
    for w in words[:n]:
        v = (v << 32) | w
    return v


def words(b):
    return list(struct.unpack('>%dI' % (len(b) // 4), b[:len(b) // 4 * 4]))


def is_memory(name, node):
    return (node.prop('device_type') == b'memory\0' or
            name == 'memory' or name.startswith('memory@'))


def translate(chain, addr, size):
    """chain: [(node, parent)] from the reg's node up to the root child.
    Returns the CPU address, or None when a bus has no ranges."""
    for node, parent in chain:
        if parent is None:
            break
        rng = node.prop('ranges')
        if rng is None:
            return None
        if not rng:
            continue  # identity
        ac = u32(node.prop('#address-cells'))
        sc = u32(node.prop('#size-cells'))
        pac = u32(parent.prop('#address-cells'))
        ac = 2 if ac is None else ac
        sc = 1 if sc is None else sc
        pac = 2 if pac is None else pac
        w = words(rng)
        step = ac + pac + sc
        if step == 0:
            return None
        hit = None
        for i in range(0, len(w) - step + 1, step):
            # 3-cell PCI child addresses: skip the flags cell
            cw = w[i:i + ac]
            child = cells_of(cw[1:], ac - 1) if ac == 3 else cells_of(cw, ac)
            par = cells_of(w[i + ac:i + ac + pac], pac)
            sz = cells_of(w[i + ac + pac:i + step], sc)
            if child <= addr < child + sz or (sz == 0 and addr == child):
                hit = par + (addr - child)
                break
        if hit is None:
            return None
        addr = hit
    return addr


def device_regs(root):
    """[(base, size)] of every CPU-addressable reg of a device node."""
    out = []

    def rec(node, path, parents):
        for c in node.children:
            cp = path.rstrip('/') + '/' + c.name
            if node is root and (c.name in ('cpus', 'reserved-memory') or
                                 is_memory(c.name, c)):
                continue
            # a disabled device still occupies its addresses
            reg = c.prop('reg')
            if reg:
                ac = u32(node.prop('#address-cells'))
                sc = u32(node.prop('#size-cells'))
                ac = 2 if ac is None else ac
                sc = 1 if sc is None else sc
                w = words(reg)
                step = ac + sc
                chain = list(zip([node] + parents[:-1], parents))
                for i in range(0, len(w) - step + 1, step if step else 1):
                    if step == 0 or ac == 0:
                        break
                    cw = w[i:i + ac]
                    a = cells_of(cw[1:], ac - 1) if ac == 3 else \
                        cells_of(cw, ac)
                    s = cells_of(w[i + ac:i + step], sc)
                    if s == 0:
                        continue
                    t = translate(chain, a, s) if node is not root else a
                    if t is not None:
                        out.append((t, s))
            rec(c, cp, [node] + parents)

    rec(root, '/', [])
    return out


def memory_base(root):
    """(has_nonzero_memory, base or None) of the root's memory nodes."""
    ac = u32(root.prop('#address-cells'))
    sc = u32(root.prop('#size-cells'))
    ac = 2 if ac is None else ac
    sc = 1 if sc is None else sc
    base = None
    for c in root.children:
        if not is_memory(c.name, c):
            continue
        status = c.prop('status')
        if status is not None and status.rstrip(b'\0') not in (b'okay', b'ok'):
            continue
        reg = c.prop('reg')
        if reg:
            w = words(reg)
            for i in range(0, len(w) - (ac + sc) + 1, ac + sc):
                b = cells_of(w[i:i + ac], ac)
                s = cells_of(w[i + ac:i + ac + sc], sc)
                if s:
                    return True, b
                if base is None:
                    base = b
        if base is None and '@' in c.name:
            try:
                base = int(c.name.split('@', 1)[1].split(',')[0], 16)
            except ValueError:
                pass
    return False, base


def overlaps(regs, b, s):
    return any(rb < b + s and b < rb + rs for rb, rs in regs)


def pieces(regs, base, size):
    """[base, base + size) less every device reg, in whole MiB pieces."""
    out = [(base, base + size)]
    for rb, rs in regs:
        nxt = []
        for a, e in out:
            if rb + rs <= a or e <= rb:
                nxt.append((a, e))
                continue
            if a < rb:
                nxt.append((a, rb))
            if rb + rs < e:
                nxt.append((rb + rs, e))
        out = nxt
    mib = 1 << 20
    out = [((a + mib - 1) & ~(mib - 1), e & ~(mib - 1)) for a, e in out]
    return [(a, e - a) for a, e in sorted(out) if e - a >= mib]


def pick(path):
    """None (the DT has RAM) or [(base, size)] to give as --ram."""
    with open(path, 'rb') as f:
        root, _ = fdt.parse(f.read())
    has, base = memory_base(root)
    if has:
        return None
    regs = device_regs(root)
    if base is not None:
        # 1 GiB from the memory node's base, less the devices inside it
        # (on phones a simple-framebuffer carved out of RAM)
        got = pieces(regs, base, GIB)
        if sum(s for _, s in got) >= MIN_SIZE:
            return got
    b = 0x40000000
    while overlaps(regs, b, GIB):
        b += GIB
    return [(b, GIB)]


def main(argv):
    rc = 0
    for p in argv[1:]:
        try:
            r = pick(p)
        except (OSError, ValueError, struct.error, IndexError) as e:
            print('pickram.py: %s: %s' % (p, e), file=sys.stderr)
            rc = 1
            continue
        print(' '.join([p] + ['--ram 0x%x+0x%x' % x for x in r or []]))
    return rc


if __name__ == '__main__':
    sys.exit(main(sys.argv))
