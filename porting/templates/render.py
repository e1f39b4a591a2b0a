#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
# Copyright (c) 2026 hvisor-c contributors
"""Render boards/<arch>/<board>/board.yaml through the Jinja2 templates.

usage: render.py BOARD_YAML OUTDIR --arch ARCH --board BOARD

Writes OUTDIR/board.c and OUTDIR/board.mk atomically (temp file + rename).
Errors: one line "render: FILE: KEY: message (hint: ...)", exit 1, nothing
written.
"""
import os
import re
import sys
import tempfile

import jinja2
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVERS = ("pl011", "ns16550", "imx", "xuartps", "meson", "msm", "geni",
           "mvebu", "scif", "lpuart")
INCLUDE = os.path.join(HERE, "..", "..", "hypervisor", "include")


def read_defines(*headers):
    """Integer #defines of C headers: limits live once, in the headers."""
    out = {}
    for h in headers:
        with open(os.path.join(INCLUDE, h)) as f:
            for m in re.finditer(r"^#define\s+(\w+)\s+(0x[0-9a-fA-F]+|\d+)"
                                 r"U?L*\b", f.read(), re.M):
                out[m.group(1)] = int(m.group(2), 0)
    return out


abi = read_defines("public/hvisor/zone_config.h", "hv/board.h")


class BoardError(Exception):
    def __init__(self, key, msg, hint=None):
        super().__init__(msg)
        self.key, self.msg, self.hint = key, msg, hint


def num(v, key, default=None):
    """Accept 0x-strings, decimal strings and integers (board-yaml.md)."""
    if v is None:
        if default is not None:
            return default
        raise BoardError(key, "missing number")
    if isinstance(v, bool):
        raise BoardError(key, "expected a number, got a boolean")
    if isinstance(v, int):
        return v
    try:
        return int(str(v), 0)
    except ValueError:
        raise BoardError(key, "not a number: %r" % (v,)) from None


def need(d, key, path):
    if not isinstance(d, dict) or key not in d:
        raise BoardError(path + "." + key if path else key, "missing key")
    return d[key]


def cstr(s):
    if s is None:
        return "NULL"
    s = str(s)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def region(d, path, default_node=None):
    if not d:
        return None
    return {"base": num(need(d, "base", path), path + ".base"),
            "size": num(need(d, "size", path), path + ".size"),
            "node": d.get("node", default_node)}


def model(y, arch, board):
    if num(y.get("version"), "version", 0) != 1:
        raise BoardError("version", "schema version must be 1")
    b = need(y, "board", "")
    if b.get("name") != board:
        raise BoardError("board.name", "is %r but the directory says %r" %
                         (b.get("name"), board),
                         "BOARD must name boards/%s/<board>" % arch)
    if b.get("arch") != arch:
        raise BoardError("board.arch", "is %r but ARCH=%s" %
                         (b.get("arch"), arch))
    cpus = need(b, "cpus", "board")
    if not cpus:
        raise BoardError("board.cpus", "no CPUs")
    if len(cpus) > 64:
        raise BoardError("board.cpus", "more than 64 CPUs")
    m = {"name": board, "arch": arch, "model": b.get("model"),
         "cpus": [{"mpidr": num(c.get("mpidr"), "board.cpus.mpidr"),
                   "node": c.get("node")} for c in cpus]}
    psci = b.get("psci") or {}
    methods = {"smc": 1, "hvc": 2}
    if psci and psci.get("method") not in methods:
        raise BoardError("board.psci.method",
                         "is %r" % psci.get("method"),
                         "smc or hvc; remove board.psci for no PSCI")
    m["psci"] = methods.get(psci.get("method"), 0)

    hv = need(y, "hypervisor", "")
    m["load"] = num(need(hv, "load_address", "hypervisor"),
                    "hypervisor.load_address")
    m["hv_ram"] = region(need(hv, "ram", "hypervisor"), "hypervisor.ram")
    if m["load"] & 0xfff:
        raise BoardError("hypervisor.load_address", "not 4 KiB aligned")
    if not (m["hv_ram"]["base"] <= m["load"] <
            m["hv_ram"]["base"] + m["hv_ram"]["size"]):
        raise BoardError("hypervisor.load_address", "outside hypervisor.ram")

    g = need(y, "gic", "")
    gic = {"version": num(g.get("version"), "gic.version"),
           "node": g.get("node"),
           "maint": num(need(g, "maintenance_irq", "gic"),
                        "gic.maintenance_irq")}
    if gic["version"] not in (2, 3):
        raise BoardError("gic.version", "must be 2 or 3")
    if not 16 <= gic["maint"] < 32:
        raise BoardError("gic.maintenance_irq", "must be a PPI (16..31)")
    for f in ("gicd", "gicr", "gicc", "gich", "gicv"):
        gic[f] = region(g.get(f), "gic." + f, g.get("node"))
    # GIC-400 with the 64 KiB alias layout: the CPU interface's first
    # page sits at base + alias_offset (its DIR page 4 KiB after it)
    gic["gicc_alias"] = num((g.get("gicc") or {}).get("alias_offset"),
                            "gic.gicc.alias_offset", 0)
    gic["stride"] = num((g.get("gicr") or {}).get("stride"),
                        "gic.gicr.stride", 0x20000)
    gic["its"] = [region(i, "gic.its") for i in (g.get("its") or [])]
    if len(gic["its"]) > abi["BOARD_MAX_ITS"]:
        raise BoardError("gic.its", "%d frames, the hypervisor keeps at "
                         "most %d" % (len(gic["its"]), abi["BOARD_MAX_ITS"]))
    if gic["gicd"] is None:
        raise BoardError("gic.gicd", "missing")
    if gic["version"] == 3 and gic["gicr"] is None:
        raise BoardError("gic.gicr", "missing for a GICv3")
    if gic["version"] == 2:
        for f in ("gicc", "gich", "gicv"):
            if gic[f] is None:
                raise BoardError("gic." + f, "missing for a GICv2",
                                 "the hypervisor needs the CPU interface "
                                 "(gicc), its control (gich) and virtual "
                                 "(gicv) frames")
    m["gic"] = gic

    c = y.get("console")
    if c:
        drv = c.get("driver")
        if drv not in DRIVERS:
            raise BoardError("console.driver", "unknown driver %r" % (drv,),
                             "one of " + ", ".join(DRIVERS))
        m["console"] = {
            "driver": "UART_" + drv.upper(),
            "base": num(c.get("base"), "console.base"),
            "size": num(c.get("size"), "console.size", 0x1000),
            "irq": num(c.get("irq"), "console.irq", 0),
            "baud": num(c.get("baud"), "console.baud", 0),
            "reg_shift": num(c.get("reg_shift"), "console.reg_shift", 0),
            "reg_io_width": num(c.get("reg_io_width"),
                                "console.reg_io_width", 1),
            "clock": num(c.get("clock_frequency"),
                         "console.clock_frequency", 0),
            "node": c.get("node")}
    else:
        m["console"] = None

    m["layout"] = []
    for i, l in enumerate(need(y, "layout", "")):
        r = region(l, "layout[%d]" % i)
        if l.get("type") not in ("normal", "device"):
            raise BoardError("layout[%d].type" % i, "must be normal|device")
        r["type"] = "BOARD_MEM_NORMAL" if l["type"] == "normal" \
            else "BOARD_MEM_DEVICE"
        m["layout"].append(r)

    # Every named range of the board, so a fault can name the DT node.
    nodes = []
    # optional: every node of the source DT with its regs, kept or not
    for i, e in enumerate(y.get("devices") or []):
        if "regs" in e:
            for r in e.get("regs") or []:
                nodes.append(region(dict(r, node=e.get("node")),
                                    "devices[%d].regs" % i))
        else:
            nodes.append(region(e, "devices[%d]" % i))
    for e in need(y, "memory", ""):
        nodes.append(region(e, "memory"))
    for e in y.get("reserved") or []:
        nodes.append(region(e, "reserved"))
    for f in ("gicd", "gicr", "gicc", "gich", "gicv"):
        if gic[f]:
            nodes.append(gic[f])
    nodes += gic["its"]
    if m["console"]:
        nodes.append({"base": m["console"]["base"],
                      "size": m["console"]["size"],
                      "node": m["console"]["node"]})
    rz = need(y, "root_zone", "")
    for e in rz.get("memory") or []:
        if e.get("node"):
            nodes.append(region(e, "root_zone.memory"))
    m["nodes"] = [n for n in nodes if n and n.get("node")]

    ncpu = len(m["cpus"])
    mask = 0
    for i in need(rz, "cpus", "root_zone"):
        i = num(i, "root_zone.cpus")
        if i >= ncpu:
            raise BoardError("root_zone.cpus", "CPU %d does not exist" % i)
        mask |= 1 << i
    # loader: RAM of another zone that the root zone maps only to write
    # that zone's images (hvisor.ko LOAD_IMAGE); to stage 2 it is RAM
    types = {"ram": "BOARD_ZONE_RAM", "loader": "BOARD_ZONE_RAM",
             "io": "BOARD_ZONE_IO", "virtio": "BOARD_ZONE_VIRTIO"}
    regs = []
    for i, e in enumerate(rz.get("memory") or []):
        r = region(e, "root_zone.memory[%d]" % i)
        if e.get("type") not in types:
            raise BoardError("root_zone.memory[%d].type" % i,
                             "must be ram|loader|io|virtio")
        if (r["base"] | r["size"]) & 0xfff:
            raise BoardError("root_zone.memory[%d]" % i,
                             "not page aligned")
        r["type"] = types[e["type"]]
        regs.append(r)
    irqs = []
    for e in rz.get("irqs") or []:
        n = num(e.get("intid"), "root_zone.irqs.intid")
        if n >= abi["HVISOR_CONFIG_MAX_INTERRUPTS"]:
            raise BoardError("root_zone.irqs", "INTID %d >= %d" %
                             (n, abi["HVISOR_CONFIG_MAX_INTERRUPTS"]))
        irqs.append({"intid": n, "node": e.get("node")})
    kern = need(rz, "kernel", "root_zone")
    m["root"] = {
        "name": rz.get("name", "root-linux"), "cpus": mask,
        "regions": regs, "irqs": irqs,
        "kernel": num(kern.get("load"), "root_zone.kernel.load"),
        "entry": num(kern.get("entry", kern.get("load")),
                     "root_zone.kernel.entry"),
        "dtb": num(need(rz, "dtb", "root_zone").get("load"),
                   "root_zone.dtb.load"),
        "initrd": num((rz.get("initrd") or {}).get("load"),
                      "root_zone.initrd.load", 0),
        "bootargs": rz.get("bootargs", "")}
    if len(m["root"]["name"]) >= 32:
        raise BoardError("root_zone.name", "longer than 31 characters")
    return m


def write_atomic(path, text):
    d = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".render-")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def main(argv):
    args = argv[1:]
    try:
        src, out = args[0], args[1]
        arch = args[args.index("--arch") + 1]
        board = args[args.index("--board") + 1]
    except (IndexError, ValueError):
        print("usage: render.py BOARD_YAML OUTDIR --arch ARCH --board BOARD",
              file=sys.stderr)
        return 2
    try:
        with open(src) as f:
            y = yaml.safe_load(f)
        if not isinstance(y, dict):
            raise BoardError("/", "not a YAML mapping")
        m = model(y, arch, board)
    except OSError as e:
        print("render: %s: %s" % (src, e.strerror), file=sys.stderr)
        return 1
    except yaml.YAMLError as e:
        print("render: %s: /: %s" % (src, str(e).replace("\n", " ")),
              file=sys.stderr)
        return 1
    except BoardError as e:
        hint = " (hint: %s)" % e.hint if e.hint else ""
        print("render: %s: %s: %s%s" % (src, e.key, e.msg, hint),
              file=sys.stderr)
        return 1
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE),
                             undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["hex"] = lambda v: "0x%x" % v
    env.filters["cstr"] = cstr
    os.makedirs(out, exist_ok=True)
    texts = {}
    for name in ("board.c", "board.mk"):
        texts[name] = env.get_template(name + ".j2").render(
            b=m, source=os.path.relpath(src))
    for name, text in texts.items():
        write_atomic(os.path.join(out, name), text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
