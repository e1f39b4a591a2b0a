#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
# Copyright (c) 2026 hvisor-c contributors
"""Render a board through the Jinja2 templates.

usage: render.py BOARD_JSON OUTDIR [--source NAME]

BOARD_JSON is what `zonegen board-json` (lib/board_json.c) writes: a board
that the one board.yaml reader (lib/board.c) has validated, every number an
integer, every default filled in.  This script keeps no rules and no limits
of its own: it only maps the JSON's words to the C names of hv/board.h and
formats.  NAME (default BOARD_JSON) is named in the generated files' first
comment.  Writes OUTDIR/board.c and OUTDIR/board.mk atomically (temp file
+ rename).  Errors: one line "render: FILE: message", exit 1, nothing
written.
"""
import json
import os
import sys
import tempfile

import jinja2

HERE = os.path.dirname(os.path.abspath(__file__))

# JSON word -> C enumerator (hv/board.h)
PSCI = {"none": 0, "smc": 1, "hvc": 2}
ZONE_MEM = {"ram": "BOARD_ZONE_RAM",
            # loader: RAM of another zone that the root zone maps only to
            # write that zone's images; to stage 2 it is RAM
            "loader": "BOARD_ZONE_RAM",
            "io": "BOARD_ZONE_IO", "virtio": "BOARD_ZONE_VIRTIO"}
LAYOUT = {"normal": "BOARD_MEM_NORMAL", "device": "BOARD_MEM_DEVICE"}
IRQCHIP = {"plic": "BOARD_IRQCHIP_PLIC", "aia": "BOARD_IRQCHIP_AIA"}
PLIC_MODE = {"m": "BOARD_PLIC_MODE_M", "s": "BOARD_PLIC_MODE_S"}


def cstr(s):
    if s is None:
        return "NULL"
    s = str(s)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def model(j):
    """The template's view of board.json: C names, nothing decided."""
    m = dict(j)
    # riscv64 boards have no PSCI (harts start through SBI HSM)
    m["psci"] = PSCI[j.get("psci") or "none"]
    m["gic"] = j.get("gic")
    m["irqchip"] = None
    if j.get("irqchip"):
        ic = j["irqchip"]
        m["irqchip"] = dict(ic, type=IRQCHIP[ic["type"]],
                            contexts=[dict(c, mode=PLIC_MODE[c["mode"]])
                                      for c in ic.get("contexts") or []])
    m["clint"] = j.get("clint")
    m["timebase"] = j.get("timebase", 0)
    m["layout"] = [dict(r, type=LAYOUT[r["type"]]) for r in j["layout"]]
    root = dict(j["root"])
    root["regions"] = [dict(r, type=ZONE_MEM[r["type"]])
                       for r in j["root"]["regions"]]
    m["root"] = root
    if j["console"]:
        m["console"] = dict(j["console"],
                            driver="UART_" + j["console"]["driver"].upper())
    return m


def write_atomic(path, text):
    d = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".render-")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv):
    args = argv[1:]
    source = None
    if "--source" in args:
        i = args.index("--source")
        if i + 1 >= len(args):
            args = []
        else:
            source = args[i + 1]
            del args[i:i + 2]
    if len(args) != 2:
        print("usage: render.py BOARD_JSON OUTDIR [--source NAME]",
              file=sys.stderr)
        return 2
    src, out = args
    try:
        with open(src) as f:
            m = model(json.load(f))
    except OSError as e:
        print("render: %s: %s" % (src, e.strerror), file=sys.stderr)
        return 1
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        print("render: %s: not a board.json of zonegen board-json (%s)" %
              (src, e), file=sys.stderr)
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
            b=m, source=source or os.path.relpath(src))
    for name, text in texts.items():
        write_atomic(os.path.join(out, name), text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
