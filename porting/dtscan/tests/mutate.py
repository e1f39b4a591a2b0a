#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Seeded structure-aware device tree mutator for dtscan (tests/run.sh).

Each case parses a base DTB, applies 1-3 mutations that know the DT's
structure (#...-cells values, phandles and references, node and property
names, reg addresses and sizes, GIC and console properties), writes the blob
and runs dtscan (the ASan+UBSan build) on it.  Every case must end with:
exit status 0 or 1, no sanitizer report, on 1 exactly one error line, on 0
a zone0.dts that dtc compiles.

Usage: mutate.py DTSCAN TMPDIR SEED COUNT BASE.dtb...
Prints "# mutator: ..." and, per failing case, how to reproduce it;
exits 1 if any case failed.  Case i of seed S is the same on every run.
"""
import concurrent.futures
import os
import random
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fdt  # noqa: E402

CELL_VALUES = [0, 1, 2, 3, 4, 5, 8, 16, 17, 0x7FFFFFFF, 0x80000000,
               0xFFFFFFFF]
WORDS = [0, 1, 0x1000, 0x8000000, 0x9000000, 0x40000000, 0x7FFFFFFF,
         0x80000000, 0xFFFFF000, 0xFFFFFFFF]
NAME_CHARS = 'abz09,._+-@#?* \n/{};"\\\x00\x7f\xff'
REF_PROPS = ['interrupt-parent', 'clocks', 'interrupts-extended', 'resets',
             'phys', 'power-domains', 'msi-parent', 'gpios', 'dmas']


def nodes(root):
    return [n for _, n in root.walk()]


def props(root, pred=lambda n, p: True):
    return [(n, p) for n in nodes(root) for p in n.props if pred(n, p)]


def rand_name(rng, ok_chars=False):
    if ok_chars:
        return rng.choice(['a', 'x@1', 'chosen', 'memory@40000000', 'cpus',
                           'pl011@9000000'])
    n = rng.randint(0, 6)
    return ''.join(rng.choice(NAME_CHARS) for _ in range(n))


def m_cells(rng, root):
    """A #...-cells value: small, large, out of range, or not one cell."""
    c = props(root, lambda n, p: p[0].startswith('#') and
              p[0].endswith('-cells'))
    if not c:
        return 'no cells'
    n, p = rng.choice(c)
    if rng.random() < 0.1:
        p[1] = p[1][:rng.randint(0, 3)] + b'\0' * rng.randint(0, 5)
    else:
        p[1] = fdt.cells(rng.choice(CELL_VALUES))
    return 'cells %s %s' % (n.name, p[0])


def m_phandle(rng, root):
    """A phandle value: 0, ~0, another node's, or a reference to junk."""
    ph = props(root, lambda n, p: p[0] in ('phandle', 'linux,phandle'))
    if ph and rng.random() < 0.5:
        n, p = rng.choice(ph)
        other = rng.choice(ph)[1][1]
        p[1] = rng.choice([fdt.cells(0), fdt.cells(0xFFFFFFFF), other,
                           fdt.cells(rng.randint(1, 64)), b'\0\0\0\1\0'])
        return 'phandle %s' % n.name
    n = rng.choice(nodes(root))
    name = rng.choice(REF_PROPS)
    vals = [rng.choice([0, 0xFFFFFFFF, rng.randint(1, 16)] +
                       WORDS) for _ in range(rng.randint(1, 6))]
    n.set(name, fdt.cells(*vals))
    return 'ref %s %s' % (n.name, name)


def m_name(rng, root):
    """A node or property name: bad characters, empty, a duplicate."""
    n = rng.choice(nodes(root)[1:])
    if rng.random() < 0.5:
        n.name = rand_name(rng, rng.random() < 0.4)
        return 'node name'
    if not n.props:
        return 'no props'
    p = rng.choice(n.props)
    if rng.random() < 0.3 and len(n.props) > 1:
        p[0] = rng.choice(n.props)[0]
    else:
        p[0] = rand_name(rng)
    return 'prop name %s' % n.name


def m_reg(rng, root):
    """A reg cell (address or size) or its length."""
    r = props(root, lambda n, p: p[0] in ('reg', 'ranges') and p[1])
    if not r:
        return 'no reg'
    n, p = rng.choice(r)
    v = bytearray(p[1])
    if rng.random() < 0.15:
        v = v[:max(0, len(v) - rng.choice([1, 4, 8]))]
    else:
        i = rng.randrange(0, len(v) // 4) * 4 if len(v) >= 4 else 0
        v[i:i + 4] = struct.pack('>I', rng.choice(WORDS))
    p[1] = bytes(v)
    return '%s %s' % (p[0], n.name)


def m_gic(rng, root):
    """GIC geometry and console options."""
    gic = [n for n in nodes(root) if n.prop('interrupt-controller') is not
           None and n.prop('reg')]
    ch = root.child('chosen')
    k = rng.randrange(4)
    if k == 0 and gic:
        g = rng.choice(gic)
        g.set('redistributor-stride',
              fdt.cells(*rng.choice([[0, 0], [0], [0, 0x10000],
                                     [0, 0x40000], [1, 0], [0x20000]])))
        return 'stride'
    if k == 1 and gic:
        g = rng.choice(gic)
        g.set('#redistributor-regions', fdt.cells(rng.choice(WORDS)))
        return 'regions'
    if k == 2 and ch is not None:
        sp = (ch.prop('stdout-path') or b'/\0').split(b'\0')[0].split(b':')[0]
        ch.set('stdout-path', sp + rng.choice(
            [b':99999999999999999999', b':0', b':115200n8', b':', b':4000001',
             b'']) + b'\0')
        return 'baud'
    n = rng.choice(nodes(root))
    n.set(rng.choice(['current-speed', 'clock-frequency', 'reg-shift',
                      'reg-io-width', 'status', 'name', 'device_type']),
          rng.choice([fdt.cells(rng.choice(WORDS)), b'okay\0', b'\0', b'',
                      b'memory\0', b'cpu\0', n.name.split('@')[0].encode(
                          'latin-1') + b'\0']))
    return 'misc %s' % n.name


def m_tree(rng, root):
    """Delete or duplicate a node or a property."""
    n = rng.choice(nodes(root))
    if rng.random() < 0.5 and n.children:
        c = rng.choice(n.children)
        if rng.random() < 0.5:
            n.children.remove(c)
            return 'del node'
        n.children.append(c)
        return 'dup node'
    if n.props:
        p = rng.choice(n.props)
        n.props.remove(p)
        return 'del prop %s' % p[0]
    return 'nothing'


MUTATORS = [m_cells, m_cells, m_phandle, m_name, m_reg, m_reg, m_gic, m_tree]


def make_case(base, seed, i):
    rng = random.Random('%s/%d' % (seed, i))
    root, rsv = fdt.parse(base)
    what = [rng.choice(MUTATORS)(rng, root)
            for _ in range(rng.choice([1, 1, 2, 3]))]
    args = []
    if rng.random() < 0.3:
        args = ['--ram', rng.choice(['0x40000000+0x40000000',
                                     '0x8000000+0x40000000',
                                     '0x40000000+1G', '0x100000000+2G'])]
    return fdt.build(root, rsv), what, args


SAN = ('ERROR: AddressSanitizer', 'ERROR: LeakSanitizer', 'runtime error:',
       'Sanitizer')


def run_case(dtscan, tmp, bases, seed, i):
    bname, base = bases[i % len(bases)]
    blob, what, args = make_case(base, seed, i)
    d = os.path.join(tmp, 'm%04d' % i)
    os.makedirs(d)
    dtb = os.path.join(d, 'in.dtb')
    with open(dtb, 'wb') as f:
        f.write(blob)
    env = dict(os.environ, ASAN_OPTIONS='detect_leaks=1:abort_on_error=0',
               UBSAN_OPTIONS='halt_on_error=1:print_stacktrace=1')
    try:
        p = subprocess.run([dtscan, dtb, '--board', 'm', '-o',
                            os.path.join(d, 'out')] + args,
                           capture_output=True, text=True, env=env,
                           timeout=20, errors='replace')
        rc, err = p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        rc, err = 'timeout', ''
    why = None
    if rc not in (0, 1):
        why = 'exit status %s' % rc
    elif any(s in err for s in SAN):
        why = 'sanitizer report'
    elif rc == 1 and (err.count('\n') != 1 or not err.startswith('dtscan: ')):
        why = 'not one error line'
    elif rc == 1 and os.path.exists(os.path.join(d, 'out')):
        why = 'wrote output on error'
    elif rc == 0:
        q = subprocess.run(['dtc', '-q', '-I', 'dts', '-O', 'dtb', '-o',
                            os.devnull, os.path.join(d, 'out', 'zone0.dts')],
                           capture_output=True, text=True, errors='replace')
        if q.returncode:
            why = 'zone0.dts does not compile: ' + ' | '.join(
                q.stderr.strip().splitlines())[:300]
    if why:
        return (i, rc, '%s: case %d (%s, %s %s): %s\n#     %s' % (
            why, i, bname, '; '.join(what), ' '.join(args), dtb,
            err.strip().replace('\n', '\n#     ')[:600]))
    import shutil
    shutil.rmtree(d)
    return (i, rc, None)


def main():
    dtscan, tmp, seed, count = sys.argv[1:5]
    bases = [(os.path.basename(b), open(b, 'rb').read())
             for b in sys.argv[5:]]
    count = int(count)
    res = []
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        futs = [ex.submit(run_case, dtscan, tmp, bases, seed, i)
                for i in range(count)]
        for f in futs:
            res.append(f.result())
    ok = sum(1 for _, rc, w in res if w is None and rc == 0)
    errs = sum(1 for _, rc, w in res if w is None and rc == 1)
    bad = [w for _, _, w in res if w]
    print('# mutator: seed %s, %d cases: %d boards, %d clean errors, '
          '%d failures' % (seed, count, ok, errs, len(bad)))
    for w in bad[:20]:
        print('#   ' + w)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
