# SPDX-License-Identifier: GPL-2.0
"""Minimal flattened device tree reader/writer for dtscan's tests.

dtc refuses to write the broken trees the negative tests need (bad names,
duplicate properties or phandles), so this module builds blobs by hand:
parse() turns a DTB into Node objects, build() writes them back with
struct.pack, exactly as given (duplicates and odd names included).
"""
import struct

FDT_MAGIC = 0xD00DFEED
BEGIN_NODE, END_NODE, PROP, NOP, END = 1, 2, 3, 4, 9


class Node:
    def __init__(self, name, props=None, children=None):
        self.name = name
        self.props = props if props is not None else []  # [name, bytes]
        self.children = children if children is not None else []

    def prop(self, name):
        for p in self.props:
            if p[0] == name:
                return p[1]
        return None

    def set(self, name, val):
        for p in self.props:
            if p[0] == name:
                p[1] = val
                return
        self.props.append([name, val])

    def child(self, name):
        for c in self.children:
            if c.name == name:
                return c
        return None

    def find(self, path):
        n = self
        for part in [p for p in path.split('/') if p]:
            n = n.child(part)
            if n is None:
                return None
        return n

    def walk(self, path=''):
        yield path or '/', self
        for c in self.children:
            yield from c.walk(path + '/' + c.name)


def cells(*v):
    return b''.join(struct.pack('>I', x & 0xFFFFFFFF) for x in v)


def parse(blob):
    (magic, _tot, off_struct, off_str, off_rsv, _ver, _lcv, _cpu, _sstr,
     _sstruct) = struct.unpack('>10I', blob[:40])
    if magic != FDT_MAGIC:
        raise ValueError('not a DTB')
    rsv = []
    p = off_rsv
    while True:
        a, s = struct.unpack('>QQ', blob[p:p + 16])
        p += 16
        if not a and not s:
            break
        rsv.append((a, s))
    p = off_struct
    stack, root = [], None
    while True:
        tok = struct.unpack('>I', blob[p:p + 4])[0]
        p += 4
        if tok == BEGIN_NODE:
            e = blob.index(b'\0', p)
            n = Node(blob[p:e].decode('latin-1'))
            p = (e + 4) & ~3
            if stack:
                stack[-1].children.append(n)
            else:
                root = n
            stack.append(n)
        elif tok == END_NODE:
            stack.pop()
        elif tok == PROP:
            ln, no = struct.unpack('>II', blob[p:p + 8])
            p += 8
            e = blob.index(b'\0', off_str + no)
            name = blob[off_str + no:e].decode('latin-1')
            stack[-1].props.append([name, blob[p:p + ln]])
            p = (p + ln + 3) & ~3
        elif tok == NOP:
            pass
        elif tok == END:
            break
        else:
            raise ValueError('bad token %d' % tok)
    return root, rsv


def build(root, rsv=()):
    strs, stroff = bytearray(), {}
    st = bytearray()

    def name_off(n):
        if n not in stroff:
            stroff[n] = len(strs)
            strs.extend(n.encode('latin-1') + b'\0')
        return stroff[n]

    def emit(n):
        st.extend(struct.pack('>I', BEGIN_NODE))
        nm = n.name.encode('latin-1') + b'\0'
        st.extend(nm + b'\0' * ((4 - len(nm) % 4) % 4))
        for pname, val in n.props:
            st.extend(struct.pack('>III', PROP, len(val), name_off(pname)))
            st.extend(val + b'\0' * ((4 - len(val) % 4) % 4))
        for c in n.children:
            emit(c)
        st.extend(struct.pack('>I', END_NODE))

    emit(root)
    st.extend(struct.pack('>I', END))
    rsvb = b''.join(struct.pack('>QQ', a, s) for a, s in rsv) + b'\0' * 16
    off_rsv = 40
    off_struct = off_rsv + len(rsvb)
    off_str = off_struct + len(st)
    total = off_str + len(strs)
    hdr = struct.pack('>10I', FDT_MAGIC, total, off_struct, off_str, off_rsv,
                      17, 16, 0, len(strs), len(st))
    return hdr + rsvb + bytes(st) + bytes(strs)
