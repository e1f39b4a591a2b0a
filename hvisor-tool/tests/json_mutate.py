#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
# Copyright (c) 2026 hvisor-c contributors
"""Seeded, structure-aware mutation test of the zone JSON and virtio_cfg.json
readers (json_test built with ASan+UBSan, its batch mode).

  json_mutate.py JSON_TEST OUTDIR SEED CASES SEEDFILE...

Each case is a seed file's tree with one to three mutations (boundary
numbers, hostile strings, deleted or duplicated keys, grown arrays, wrong
types, windows that wrap around 2^64, a few byte-level edits), written
with a serializer that can say what Python's json cannot (duplicate keys,
number texts such as 1.0 or 01).  For every case: the reader ends with
status 0 or 1 only, prints no sanitizer report, and when it accepts, the
values it wrote are those Python reads from the case (json_oracle.py's
rules), which keeps them within the ABI's limits.  One TAP line per format;
failing cases are kept in OUTDIR/fail/.
"""
import json
import os
import random
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import json_oracle as jo  # noqa: E402


class Raw(str):
    """A number's text written as is."""


class Obj(list):
    """An object as (key, value) pairs: keys may repeat."""


def to_tree(v):
    if isinstance(v, dict):
        return Obj((k, to_tree(x)) for k, x in v.items())
    if isinstance(v, list):
        return [to_tree(x) for x in v]
    return v


def dump(v, depth=0):
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, Obj):
        return '{' + ', '.join(json.dumps(k) + ': ' + dump(x, depth + 1)
                               for k, x in v) + '}'
    if isinstance(v, list):
        return '[' + ', '.join(dump(x, depth + 1) for x in v) + ']'
    return json.dumps(v)


NUMBERS = [0, 1, 31, 32, 63, 64, 65, 255, 256, 1019, 1020, 1023, 1024, 5000,
           2**31, 2**32 - 1, 2**32, 2**53, 2**53 + 1, 2**63, 2**64 - 1,
           2**64, 10**30, -1, Raw('-0'), Raw('1.0'), Raw('1e3'), Raw('01'),
           Raw('1E400'), '0x0', '0x1000', '0xffffffffffffffff',
           '0xfffffffffffff000', '0x10000000000000000', '0x', ' 1', '-1',
           '08', '0777', '1x', '', '9007199254740993', True, None, [], {}]
STRINGS = ['', 'a' * 15, 'a' * 16, 'a' * 31, 'a' * 32, 'a' * 33,
           'a' * 63, 'a' * 64, 'a' * 255, 'a' * 256, 'a' * 1023, 'a' * 1024,
           'x\x00y', 'a\nb', '\x7f', 'caf\u00e9', '\u00fc' * 20, 'null',
           'v3', 'v2', 'ram', 'io', 'virtio', 'blk', 'net', 'console',
           'scmi', 'gpu', 'enable', 5, None]


def nodes(v, path=()):
    """Every (container, index) pair in the tree, and the root."""
    yield path, v
    if isinstance(v, Obj):
        for i, (_, x) in enumerate(v):
            yield from nodes(x, path + (i,))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from nodes(x, path + (i,))


def get_parent(root, path):
    p = root
    for i in path[:-1]:
        p = p[i][1] if isinstance(p, Obj) else p[i]
    return p


def set_at(root, path, val):
    p = get_parent(root, path)
    i = path[-1]
    if isinstance(p, Obj):
        p[i] = (p[i][0], val)
    else:
        p[i] = val


def mutate(rng, root):
    ns = [(p, v) for p, v in nodes(root) if p]
    if not ns:
        return root
    path, v = rng.choice(ns)
    parent = get_parent(root, path)
    op = rng.randrange(10)
    if op in (0, 1) or (isinstance(v, (int, Raw)) and op < 5):
        set_at(root, path, rng.choice(NUMBERS))
    elif op == 2 or (isinstance(v, str) and op < 5):
        set_at(root, path, rng.choice(STRINGS))
    elif op == 3:  # delete the entry
        del parent[path[-1]]
    elif op == 4 and isinstance(parent, Obj):  # a key twice
        k, x = parent[path[-1]]
        parent.insert(rng.randrange(len(parent) + 1),
                      (k, rng.choice([x, rng.choice(NUMBERS)])))
    elif op == 5 and isinstance(v, list) and v:  # grow past a limit
        n = rng.choice([2, 9, 33, 65])
        if not isinstance(v[0], (list, Obj)) and rng.random() < 0.3:
            n = 1025  # past the INTID bitmap
        set_at(root, path, (v * n)[:max(n, len(v))])
    elif op == 6:  # wrong container type
        set_at(root, path, rng.choice([Obj(), [], None, [v], Obj([('x', v)])]))
    elif op == 7 and isinstance(v, Obj):  # an unknown key
        v.append((rng.choice(['unknown', 'num_pci_devs', 'debug_console',
                              'shared_interrupts', 'read_only', 'mac']),
                  rng.choice(NUMBERS + STRINGS)))
    elif op == 8 and isinstance(v, Obj):  # a window that wraps around
        for i, (k, _) in enumerate(v):
            if k in ('size', 'len', 'physical_start', 'virtual_start',
                     'zone0_ipa', 'zonex_ipa', 'addr'):
                v[i] = (k, rng.choice(['0xfffffffffffff000',
                                       '0xffffffffffffffff', '0x1000',
                                       '0x10000', 0]))
    else:  # a different valid-looking value of the same kind
        set_at(root, path, rng.choice(NUMBERS if not isinstance(v, str)
                                      else STRINGS))
    return root


def byte_edit(rng, data):
    pos = rng.randrange(len(data) + 1)
    op = rng.randrange(4)
    if op == 0:
        return data[:pos]
    if op == 1:
        return data[:pos] + bytes([rng.randrange(256)]) + data[pos:]
    if op == 2:
        return data[:pos] + data[pos + 1:]
    return data[:pos] + bytes([rng.choice(b'\x00\x01\x0b "\\{}[],:0x-.')]) \
        + data[pos + 1:]


def make_cases(rng, seeds, n, outdir):
    trees = []
    for f in seeds:
        with open(f) as fh:
            trees.append((jo.kind_of(f), json.load(fh)))
    cases = {'zone': [], 'virtio': []}
    for i in range(n):
        kind, t = rng.choice(trees)
        tree = to_tree(t)
        for _ in range(rng.randint(1, 3)):
            tree = mutate(rng, tree)
        data = dump(tree).encode('utf-8', 'surrogatepass')
        if rng.random() < 0.1:
            data = byte_edit(rng, data)
        path = os.path.join(outdir, '%s-%05d.json' % (kind, i))
        with open(path, 'wb') as fh:
            fh.write(data)
        cases[kind].append(path)
    return cases


def expected(kind, path):
    """Python's reading of the case, or jo.Bad."""
    with open(path, 'rb') as fh:
        data = fh.read()
    if b'\x00' in data:
        raise jo.Bad('NUL byte')
    return jo.READERS[kind](jo.load(data.decode('utf-8', 'surrogateescape')))


def run_batch(jt, kind, files):
    """Yield (file, record or None, stderr) for every file; None = crash."""
    todo = list(files)
    while todo:
        p = subprocess.run([jt, 'batch', kind] + todo, capture_output=True,
                           env=dict(os.environ, ASAN_OPTIONS='detect_leaks=1',
                                    UBSAN_OPTIONS='print_stacktrace=1'))
        lines = p.stdout.decode('utf-8', 'surrogateescape').splitlines()
        err = p.stderr.decode('utf-8', 'replace')
        recs = [json.loads(x) for x in lines]
        for r in recs:
            yield r['file'], r, ''
        todo = todo[len(recs):]
        if p.returncode != 0 or err:
            if todo:
                yield todo[0], None, 'exit %d: %s' % (p.returncode, err[-2000:])
                todo = todo[1:]
            elif err:
                yield files[-1], None, 'exit %d: %s' % (p.returncode,
                                                         err[-2000:])


def check(jt, kind, files, faildir):
    fails, acc = [], 0
    for f, rec, err in run_batch(jt, kind, files):
        why = None
        if rec is None:
            why = 'crash or sanitizer report: ' + err
        elif rec['rc'] == 1:
            if '\n' in rec['err']:
                why = 'error is not one line'
        elif rec['rc'] == 0:
            acc += 1
            try:
                want = expected(kind, f)
            except jo.Bad as e:
                want, why = None, 'accepted what the format refuses: %s' % e
            if want is not None:
                try:
                    got = jo.READERS[kind](jo.load(rec['text']))
                except jo.Bad as e:
                    got, why = None, 'wrote what it cannot read: %s' % e
                if got is not None and got != want:
                    why = 'wrote values other than the input\'s'
        else:
            why = 'status %r' % rec['rc']
        if why:
            fails.append((f, why))
            os.makedirs(faildir, exist_ok=True)
            shutil.copy(f, faildir)
    return fails, acc


def main():
    jt, outdir, seed, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
        int(sys.argv[4])
    seeds = sys.argv[5:]
    rng = random.Random(seed)
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    cases = make_cases(rng, seeds, n, outdir)
    for kind in ('zone', 'virtio'):
        files = cases[kind]
        fails, acc = check(jt, kind, files, os.path.join(outdir, 'fail'))
        name = ('mutation (seed %d): %d %s JSON cases, %d accepted: exit 0 '
                'or 1, no sanitizer report, accepted values = Python\'s '
                'reading, within the ABI limits' % (seed, len(files), kind,
                                                    acc))
        if fails or not acc or acc == len(files):
            print('not ok - ' + name)
            for f, why in fails[:5]:
                print('# %s: %s' % (f, why.replace('\n', '\n# ')))
            if not fails:
                print('# every case accepted or every case refused')
        else:
            print('ok - ' + name)


if __name__ == '__main__':
    main()
