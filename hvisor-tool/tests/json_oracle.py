#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
# Copyright (c) 2026 hvisor-c contributors
"""A second reader of the zone JSON and virtio_cfg.json formats.

The C readers (hvisor-tool/tools) are checked against this one: Python's
json module parses the file, the functions below read the fields with
hvisor-tool's number rules (a JSON integer, or a string "0x..", "0.."
octal or decimal) into plain tuples, and the result must equal what the
C writer printed for the same file, read back the same way.  The limits
come from the ABI headers (hypervisor/include/public/hvisor), parsed here,
not from the C code under test.

  json_oracle.py roundtrip JSON_TEST FILE...
      for each FILE: json_test {zone,virtio}-write FILE, then compare field
      by field with the file read by Python; one TAP line per file.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..'))
U64 = 2**64 - 1
U32 = 2**32 - 1


def header_defines(*paths):
    """#define NAME VALUE of C headers, VALUE an integer expression."""
    raw = {}
    for p in paths:
        with open(os.path.join(ROOT, p)) as f:
            for m in re.finditer(
                    r'^#define[ \t]+(\w+)[ \t]+(.+?)[ \t]*(?:/\*.*)?$',
                    f.read(), re.M):
                raw[m.group(1)] = m.group(2)
    out = {}

    def value(name, depth=0):
        if name in out:
            return out[name]
        expr = re.sub(r'\b(0x[0-9a-fA-F]+|\d+)[uUlL]+\b', r'\1', raw[name])
        expr = re.sub(r'\b[A-Z_][A-Z0-9_]*\b',
                      lambda m: str(value(m.group(0), depth + 1)), expr)
        if depth > 8 or not re.fullmatch(r'[0-9a-fA-Fx()+\-*/ ~<>?:]+', expr):
            raise ValueError(name)
        out[name] = eval(expr.replace('/', '//'))  # digits and operators only
        return out[name]

    for name in raw:
        try:
            value(name)
        except (ValueError, KeyError, SyntaxError):
            pass
    return out


ABI = header_defines('hypervisor/include/public/hvisor/zone_config.h',
                     'hypervisor/include/public/hvisor/virtio_bridge.h',
                     'hypervisor/include/public/hvisor/hypercall.h')
# The tool's own limits (not ABI): the zone JSON's path fields.
TOOL = header_defines("lib/include/hvc/zone_json.h")


class Bad(Exception):
    """The input breaks a rule of the format (the C reader must refuse)."""


def no_dups(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise Bad('duplicate key')
    return dict(pairs)


def bad_constant(c):
    raise Bad(c)


def load(text):
    """Python's reading of a JSON text; Bad for what the format refuses."""
    try:
        if text.startswith('\ufeff'):  # cJSON skips one UTF-8 BOM
            text = text[1:]
        return json.loads(text, strict=False, object_pairs_hook=no_dups,
                          parse_constant=bad_constant)
    except ValueError as e:
        raise Bad(str(e))


def num(v, maxv=U64):
    """hvisor-tool's number rules, written from docs/zone-json.md."""
    if isinstance(v, bool) or not isinstance(v, (int, str)):
        raise Bad('not a number: %r' % (v,))
    if isinstance(v, int):
        x = v
    elif re.fullmatch(r'0[xX][0-9a-fA-F]+', v):
        x = int(v[2:], 16)
    elif re.fullmatch(r'0[0-7]*', v):
        x = int(v, 8)
    elif re.fullmatch(r'[1-9][0-9]*', v):
        x = int(v)
    else:
        raise Bad('not a number: %r' % (v,))
    if x < 0 or x > maxv:
        raise Bad('out of range: %r' % (v,))
    return x


def text(v, size):
    """A string field of @size bytes (NUL included): no control chars."""
    if not isinstance(v, str):
        raise Bad('not a string')
    b = v.encode('utf-8', 'surrogateescape')
    if len(b) > size - 1 or any(c < 0x20 or c == 0x7f for c in b):
        raise Bad('string %r' % (v,))
    return v


def obj(v):
    if not isinstance(v, dict):
        raise Bad('not an object')
    return v


def arr(v, maxn):
    if not isinstance(v, list):
        raise Bad('not an array')
    if len(v) > maxn:
        raise Bad('too many entries')
    return v


def window(base, size):
    if base + size > U64:
        raise Bad('wraps around')
    return base, size


def req(o, k):
    if k not in o:
        raise Bad('missing ' + k)
    return o[k]


def zone(o):
    """The zone JSON's fields, as tuples (what hvisor zone start uses)."""
    o = obj(o)
    r = {'zone_id': num(req(o, 'zone_id'), U32)}
    r['cpus'] = sorted({num(c, 63) for c in arr(req(o, 'cpus'), 64)})
    name = req(o, 'name')
    r['name'] = text(name, ABI['HVISOR_CONFIG_NAME_MAXLEN'] + 1)
    r['arch'] = text(o['arch'], 16) if 'arch' in o else ''
    regs = []
    for m in arr(req(o, 'memory_regions'),
                 ABI['HVISOR_CONFIG_MAX_MEMORY_REGIONS']):
        m = obj(m)
        t = req(m, 'type')
        if t not in ('ram', 'io', 'virtio'):
            raise Bad('type')
        p, v, s = (num(req(m, k)) for k in
                   ('physical_start', 'virtual_start', 'size'))
        window(p, s)
        window(v, s)
        if not s:
            raise Bad('size 0')
        regs.append((t, p, v, s))
    r['memory_regions'] = regs
    nirq = ABI['HVISOR_CONFIG_MAX_INTERRUPTS']
    r['interrupts'] = sorted({num(i, nirq - 1) for i in
                              arr(req(o, 'interrupts'), nirq)})
    r['shared_interrupts'] = sorted({num(i, nirq - 1) for i in arr(
        o.get('shared_interrupts', []), nirq)})
    if set(r['shared_interrupts']) - set(r['interrupts']):
        raise Bad('shared not owned')
    ivc = []
    for c in arr(req(o, 'ivc_configs'), ABI['HVISOR_CONFIG_MAX_IVC_CONFIGS']):
        c = obj(c)
        ivc.append(tuple(num(req(c, k), U32 if k not in (
            'control_table_ipa', 'shared_mem_ipa') else U64) for k in (
            'ivc_id', 'peer_id', 'control_table_ipa', 'shared_mem_ipa',
            'rw_sec_size', 'out_sec_size', 'interrupt_num', 'max_peers')))
    r['ivc_configs'] = ivc
    pmax = TOOL['ZONE_JSON_PATH_MAX']
    for k in ('kernel_filepath', 'dtb_filepath'):
        r[k] = text(req(o, k), pmax)
    for k in ('kernel_load_paddr', 'dtb_load_paddr', 'entry_point'):
        r[k] = num(req(o, k))
    mods = []
    for m in arr(o.get('modules', []), TOOL['ZONE_JSON_MAX_MODULES']):
        m = obj(m)
        mods.append((text(req(m, 'name'), 64), text(req(m, 'filepath'), pmax),
                     num(req(m, 'load_paddr'))))
    r['modules'] = mods
    r['arch_config'] = arch_config(req(o, 'arch_config'), r.get('arch', o.get('arch', '')))
    pci = []
    for p in arr(o.get('pci_config', []),
                 ABI['HVISOR_CONFIG_PCI_BUS_MAXNUM']):
        p = obj(p)
        f = {k: num(req(p, k)) for k in PCI_U64}
        for b, s in (('ecam_base', 'ecam_size'), ('io_base', 'io_size'),
                     ('mem32_base', 'mem32_size'),
                     ('mem64_base', 'mem64_size')):
            window(f[b], f[s])
        f['bus_range_begin'] = num(req(p, 'bus_range_begin'), U32)
        f['bus_range_end'] = num(req(p, 'bus_range_end'), U32)
        f['domain'] = num(req(p, 'domain'), 255)
        pci.append(f)
    r['pci_config'] = pci
    devs = []
    for d in arr(o.get('alloc_pci_devs', []), ABI['HVISOR_CONFIG_MAX_PCI_DEV']):
        d = obj(d)
        t = tuple(num(req(d, k), 255) for k in
                  ('domain', 'bus', 'device', 'function'))
        for i, k in enumerate(('v_bus', 'v_device', 'v_function')):
            if k in d and num(d[k], 255) != t[i + 1]:
                raise Bad('virtual BDF')
        devs.append(t + (num(req(d, 'dev_type'), U32),))
    r['alloc_pci_devs'] = devs
    dc = num(o.get('debug_console', 0))
    if dc % ABI['HVISOR_DEBUG_CONSOLE_SIZE']:
        raise Bad('debug_console alignment')
    window(dc, ABI['HVISOR_DEBUG_CONSOLE_SIZE'])
    r['debug_console'] = dc
    return r


PCI_U64 = ('ecam_base', 'ecam_size', 'io_base', 'io_size', 'pci_io_base',
           'mem32_base', 'mem32_size', 'pci_mem32_base', 'mem64_base',
           'mem64_size', 'pci_mem64_base')
GIC_KEYS = {'v3': ('gicd_base', 'gicd_size', 'gicr_base', 'gicr_size'),
            'v2': ('gicd_base', 'gicd_size', 'gicc_base', 'gicc_size',
                   'gicc_offset', 'gich_base', 'gich_size', 'gicv_base',
                   'gicv_size')}


RISCV_KEYS = ('plic_base', 'plic_size', 'aplic_base', 'aplic_size')


def arch_config(a, arch=''):
    a = obj(a)
    # riscv64 (upstream's "riscv" too): upstream hvisor-tool's four keys
    if arch in ('riscv', 'riscv64') or ('gic_version' not in a and
                                        'plic_base' in a):
        return {k: num(req(a, k)) for k in RISCV_KEYS}
    v = req(a, 'gic_version')
    if v not in GIC_KEYS or 'memory_map_addr' in a:
        raise Bad('gic_version')
    r = {'gic_version': v}
    for k in GIC_KEYS[v]:
        r[k] = num(req(a, k))
    if v == 'v3':
        for k in ('gits_base', 'gits_size'):
            r[k] = num(a.get(k, 0))
    b = a.get('is_aarch32', False)
    r['is_aarch32'] = int(b) if isinstance(b, bool) else num(b, 1)
    return r


def virtio_cfg(o):
    """virtio_cfg.json's fields, as tuples (what the daemon uses)."""
    o = obj(o)
    zones, ids, ndev = [], set(), 0
    spi = (ABI['HVISOR_GIC_SPI_FIRST'],
           min(ABI['HVISOR_GIC_SPI_LAST'],
               ABI['HVISOR_CONFIG_MAX_INTERRUPTS'] - 1))
    for z in arr(req(o, 'zones'), ABI['HVISOR_CONFIG_MAX_ZONES']):
        z = obj(z)
        zid = num(req(z, 'id'), ABI['HVISOR_CONFIG_MAX_ZONES'] - 1)
        if zid in ids:
            raise Bad('zone twice')
        ids.add(zid)
        mem = []
        for m in arr(req(z, 'memory_region'),
                     ABI['HVISOR_CONFIG_MAX_MEMORY_REGIONS']):
            m = obj(m)
            a, b, s = (num(req(m, k)) for k in
                       ('zone0_ipa', 'zonex_ipa', 'size'))
            window(a, s)
            window(b, s)
            if not s:
                raise Bad('size 0')
            mem.append((a, b, s))
        devs = []
        for d in arr(req(z, 'devices'), ABI['HVISOR_VIRTIO_MAX_DEVS']):
            devs.append(virtio_dev(obj(d), spi))
        ndev += len(devs)
        if ndev > ABI['HVISOR_VIRTIO_MAX_DEVS']:
            raise Bad('too many devices')
        zones.append((zid, mem, devs))
    return zones


def virtio_dev(d, spi):
    t = text(req(d, 'type'), 16)
    if t not in ('blk', 'net', 'console', 'gpu', 'scmi'):
        raise Bad('type')
    addr, ln = num(req(d, 'addr')), num(req(d, 'len'))
    window(addr, ln)
    irq = num(req(d, 'irq'), U32)
    if not addr or not ln or not spi[0] <= irq <= spi[1]:
        raise Bad('addr/len/irq')
    r = {'type': t, 'addr': addr, 'len': ln, 'irq': irq,
         'status': text(req(d, 'status'), 16)}
    if 'read_only' in d and t != 'blk':
        raise Bad('read_only')
    if t == 'blk':
        r['img'] = text(req(d, 'img'), 256)
        ro = d.get('read_only', False)
        if not isinstance(ro, bool) or not r['img']:
            raise Bad('blk')
        r['read_only'] = ro
    elif t == 'net':
        r['tap'] = text(req(d, 'tap'), 64)
        mac = d.get('mac')
        if mac is not None and len(arr(mac, 6)) != 6:
            raise Bad('mac')
        r['mac'] = mac and [num(x, 255) for x in mac]
        if not r['tap']:
            raise Bad('tap')
    elif t == 'gpu':
        r['size'] = ((num(req(d, 'width'), U32), num(req(d, 'height'), U32))
                     if 'width' in d or 'height' in d else None)
    elif t == 'scmi':
        for k in ('clock_ids', 'reset_ids', 'power_ids'):
            r[k] = [num(x, U32) for x in arr(d.get(k, []), 64)]
    return r


READERS = {'zone': zone, 'virtio': virtio_cfg}


def kind_of(path):
    b = os.path.basename(path)
    return 'virtio' if b.startswith(('virtio', 'zones-')) else 'zone'


def roundtrip(jt, files):
    """TAP: the C writer's output, read by Python, equals the file."""
    failed = 0
    for f in files:
        kind = kind_of(f)
        name = 'oracle: %s: every field the C reader wrote equals ' \
               'Python\'s reading of the file' % os.path.relpath(f, ROOT)
        p = subprocess.run([jt, kind + '-write', f], capture_output=True)
        try:
            with open(f, 'rb') as fh:
                want = READERS[kind](load(fh.read().decode()))
            got = READERS[kind](load(p.stdout.decode()))
        except Bad as e:
            print('not ok - %s (%s; json_test: %s)' %
                  (name, e, p.stderr.decode().strip()))
            failed += 1
            continue
        if p.returncode or want != got:
            diff = [k for k in (want if isinstance(want, dict) else
                                range(len(want)))
                    if k not in (got if isinstance(got, dict) else
                                 range(len(got))) or want[k] != got[k]] \
                if type(want) is type(got) else ['everything']
            print('not ok - %s (differs in %s)' % (name, diff or 'length'))
            failed += 1
        else:
            n = (sum(len(v) for v in want.values() if isinstance(v, list))
                 if isinstance(want, dict) else
                 sum(len(m) + len(d) for _, m, d in want))
            print('ok - %s (%d list entries)' % (name, n))
    return failed


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'roundtrip':
        roundtrip(sys.argv[2], sys.argv[3:])
    else:
        sys.exit('usage: json_oracle.py roundtrip JSON_TEST FILE...')
