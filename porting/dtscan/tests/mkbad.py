#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the trees dtc refuses, built by hand from a good DTB.

Usage: mkbad.py BASE.dtb OUTDIR
Writes OUTDIR/<case>.dtb for every case below; tests/run.sh expects each
to end in one error line (dtscan must refuse what dtc refuses, or its
zone0.dts would not compile).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fdt  # noqa: E402


def uart(r):
    return [c for c in r.children if c.name.startswith('uart@')][0]


# bad nodes go under the console UART: kept, so they reach zone0.dts
def case_node_space(r):
    uart(r).children.append(fdt.Node('a b'))


def case_node_star(r):
    uart(r).children.append(fdt.Node('a*b'))


def case_node_newline(r):
    uart(r).children.append(fdt.Node('evil\n};\n/ {'))


def case_node_empty(r):
    uart(r).children.append(fdt.Node(''))


def case_node_two_at(r):
    uart(r).children.append(fdt.Node('a@1@2'))


def case_prop_space(r):
    uart(r).props.append(['bad name', b''])


def case_prop_at(r):
    uart(r).props.append(['a@b', b''])


def case_prop_empty(r):
    uart(r).props.append(['', b''])


def case_dup_prop(r):
    uart(r).props.append(['compatible', b'arm,pl011\0'])


def case_dup_node(r):
    r.children.append(fdt.Node('chosen'))


def case_dup_phandle(r):
    uart(r).props.append(['phandle', r.find('/intc@8000000').prop('phandle')])


def case_phandle_zero(r):
    uart(r).props.append(['phandle', fdt.cells(0)])


def case_phandle_ones(r):
    uart(r).props.append(['phandle', fdt.cells(0xffffffff)])


def case_phandle_len(r):
    uart(r).props.append(['phandle', fdt.cells(0, 7)])


def case_phandle_mismatch(r):
    uart(r).props.extend([['phandle', fdt.cells(7)],
                          ['linux,phandle', fdt.cells(8)]])


def case_name_prop(r):
    uart(r).props.append(['name', b'serial\0'])


def case_cells_len(r):
    uart(r).props.append(['#clock-cells', b'\0\0'])


CASES = {n[5:].replace('_', '-'): f for n, f in sorted(globals().items())
         if n.startswith('case_')}


def main():
    base, out = sys.argv[1], sys.argv[2]
    blob = open(base, 'rb').read()
    for name, fn in CASES.items():
        root, rsv = fdt.parse(blob)
        fn(root)
        with open(os.path.join(out, name + '.dtb'), 'wb') as f:
            f.write(fdt.build(root, rsv))


if __name__ == '__main__':
    main()
