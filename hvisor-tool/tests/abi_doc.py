#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
# Copyright (c) 2026 hvisor-c contributors
"""docs/abi.md against hypervisor/include/public/hvisor (TAP lines).

  abi_doc.py docs/abi.md

- every table row that pairs a `HVISOR_*` name with a number states the
  header's value (the headers' #defines, evaluated here);
- every hypercall code and error code of the headers has a row;
- every struct table (after `<!-- abi-struct: NAME SIZE -->`) states the
  offset and size of each field, and the struct's size, as the C compiler
  lays them out: a small program compiled from the rows prints them.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from json_oracle import ABI, ROOT  # noqa: E402

NUM = r'(0x[0-9a-fA-F]+|\d+)'


def rows(lines):
    for n, line in enumerate(lines, 1):
        if line.startswith('|') and not re.match(r'\|\s*-', line):
            yield n, [c.strip() for c in line.strip().strip('|').split('|')]


def check_values(doc, lines):
    bad, seen = [], set()
    for n, cells in rows(lines):
        # a name and its value are the first two cells, in either order
        for i, c in enumerate(cells[:2]):
            m = re.fullmatch(r'`(HVISOR_[A-Z0-9_]+)`', c)
            if not m or len(cells) < 2:
                continue
            name = m.group(1)
            nums = [x for x in cells[:2] if re.fullmatch(NUM, x)]
            if not nums:
                continue
            seen.add(name)
            if name not in ABI:
                bad.append('%s:%d: %s is in no header' % (doc, n, name))
            elif int(nums[0], 0) != ABI[name]:
                bad.append('%s:%d: %s is %s here, %#x in the header' %
                           (doc, n, name, nums[0], ABI[name]))
    for name in sorted(ABI):
        if re.match(r'HVISOR_(HC_|E[A-Z0-9]+$)', name) and name not in seen:
            bad.append('%s: no row for %s (%#x)' % (doc, name, ABI[name]))
    return bad, len(seen)


def struct_tables(lines):
    cur = None
    for n, line in enumerate(lines, 1):
        m = re.match(r'<!-- abi-struct: (\w+) (\d+) -->', line)
        if m:
            cur = [m.group(1), int(m.group(2)), n, []]
            continue
        if cur and line.startswith('|'):
            c = [x.strip() for x in line.strip().strip('|').split('|')]
            f = re.fullmatch(r'`(\w+)`', c[2]) if len(c) > 2 else None
            if f and re.fullmatch(NUM, c[0]) and re.fullmatch(NUM, c[1]):
                cur[3].append((n, f.group(1), int(c[0], 0), int(c[1], 0)))
        elif cur and not line.strip() and cur[3]:
            yield cur
            cur = None
    if cur and cur[3]:
        yield cur


def check_structs(doc, lines, tmp):
    tabs = list(struct_tables(lines))
    src = ['#include <stddef.h>', '#include <stdio.h>',
           '#include <hvisor/hypercall.h>',
           '#include <hvisor/virtio_bridge.h>',
           '#include <hvisor/zone_config.h>', 'int main(void)', '{']
    want = []
    for name, size, n, fields in tabs:
        src.append('\tprintf("%%zu\\n", sizeof(struct %s));' % name)
        want.append((n, '%s: sizeof' % name, size))
        for fn, f, off, fsize in fields:
            src.append('\tprintf("%%zu\\n", offsetof(struct %s, %s));' %
                       (name, f))
            src.append('\tprintf("%%zu\\n", sizeof(((struct %s *)0)->%s));'
                       % (name, f))
            want.append((fn, '%s.%s: offset' % (name, f), off))
            want.append((fn, '%s.%s: size' % (name, f), fsize))
    src += ['\treturn 0;', '}', '']
    c, exe = os.path.join(tmp, 'abi_doc.c'), os.path.join(tmp, 'abi_doc')
    with open(c, 'w') as fh:
        fh.write('\n'.join(src))
    cc = subprocess.run([os.environ.get('HOSTCC', 'gcc'), '-std=c11', '-I',
                         os.path.join(ROOT, 'hypervisor/include/public'),
                         '-o', exe, c], capture_output=True, text=True)
    if cc.returncode:
        return ['%s: a struct table names a field the header lacks: %s' %
                (doc, cc.stderr.strip().splitlines()[0])], 0, 0
    got = subprocess.run([exe], capture_output=True, text=True).stdout.split()
    bad = ['%s:%d: %s is %d here, %s in the header' % (doc, n, what, v, g)
           for (n, what, v), g in zip(want, got) if int(g) != v]
    return bad, len(tabs), sum(len(t[3]) for t in tabs)


def main():
    doc = sys.argv[1]
    with open(os.path.join(ROOT, doc)) as fh:
        lines = fh.read().splitlines()
    bad, n = check_values(doc, lines)
    name = '%s: %d constants, every hypercall and error code, as in ' \
           'the headers' % (doc, n)
    print(('not ok - ' if bad or n < 20 else 'ok - ') + name)
    for b in bad:
        print('# ' + b)
    with tempfile.TemporaryDirectory() as tmp:
        bad, nt, nf = check_structs(doc, lines, tmp)
    name = '%s: %d struct tables, %d fields: offsets and sizes as the C ' \
           'compiler lays out the headers' % (doc, nt, nf)
    print(('not ok - ' if bad or nt < 10 else 'ok - ') + name)
    for b in bad:
        print('# ' + b)


if __name__ == '__main__':
    main()
