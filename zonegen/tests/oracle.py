#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A second reader for zonegen's derived files: checks them against the
request that produced them and the board, with PyYAML and json only.

usage: oracle.py BOARD_YAML REQUEST_YAML DERIVED_DIR
Prints one line per disagreement and exits 1 if there is any.
"""
import json
import sys

import yaml

board = yaml.safe_load(open(sys.argv[1]))
req = yaml.safe_load(open(sys.argv[2]))
out = sys.argv[3]
name = req["name"]
zj = json.load(open("%s/zones/%s/%s.json" % (out, name, name)))
bj = json.load(open("%s/board.json" % out))
bad = []


def want(what, got, exp):
    if got != exp:
        bad.append("%s: %r, the request/board says %r" % (what, got, exp))


h = lambda s: int(s, 0) if isinstance(s, str) else s
want("zone_id", zj["zone_id"], req["zone_id"])
want("name", zj["name"], name)
want("cpus", zj["cpus"], sorted(req["cpus"]))
ram = [r for r in zj["memory_regions"] if r["type"] == "ram"]
want("ram regions", [(h(r["physical_start"]), h(r["virtual_start"]), h(r["size"])) for r in ram],
     [(h(req["memory"]["base"]), h(req["memory"]["base"]), h(req["memory"]["size"]))])
vio = [(h(r["physical_start"]), h(r["size"])) for r in zj["memory_regions"] if r["type"] == "virtio"]
want("virtio regions", vio, [(h(v["base"]), 0x200) for v in req["virtio"]])
irqs = sorted({v["irq"] for v in req["virtio"]})
want("virtio INTIDs in interrupts", sorted(set(zj["interrupts"]) & set(irqs)), irqs)
want("kernel_load_paddr", h(zj["kernel_load_paddr"]), h(req["kernel"]["load"]))
want("entry_point", h(zj["entry_point"]), h(req["kernel"]["entry"]))
want("kernel_filepath", zj["kernel_filepath"], req["kernel"]["file"])
want("dtb_filepath", zj["dtb_filepath"], "./%s.dtb" % name)
want("dtb_load_paddr", h(zj["dtb_load_paddr"]), h(req["memory"]["base"]))
g = board["gic"]
ac = zj["arch_config"]
want("gicd", (h(ac["gicd_base"]), h(ac["gicd_size"])), (h(g["gicd"]["base"]), h(g["gicd"]["size"])))
if g["version"] == 3:
    want("gicr", (h(ac["gicr_base"]), h(ac["gicr_size"])), (h(g["gicr"]["base"]), h(g["gicr"]["size"])))
if req["virtio"]:
    vc = json.load(open("%s/virtio_cfg.json" % out))
    z = [x for x in vc["zones"] if x["id"] == req["zone_id"]]
    want("virtio_cfg zone", len(z), 1)
    devs = z[0]["devices"] if z else []
    want("virtio_cfg devices",
         [(d["type"], h(d["addr"]), d["irq"], d.get("img"), d.get("tap")) for d in devs],
         [(v["type"], h(v["base"]), v["irq"], v.get("image"), v.get("tap")) for v in req["virtio"]])
# the derived root zone: without the zone's CPUs, its RAM a loader region
root = bj["root"]
bcpus = board["root_zone"]["cpus"]
want("root cpus", root["cpus"], sum(1 << c for c in bcpus if c not in req["cpus"]))
lo = [(r["base"], r["size"], r["node"]) for r in root["regions"] if r["type"] == "loader"]
want("root loader", lo, [(h(req["memory"]["base"]), h(req["memory"]["size"]), "zones/" + name)])
b, s = h(req["memory"]["base"]), h(req["memory"]["size"])
for r in root["regions"]:
    if r["type"] == "ram" and r["base"] < b + s and b < r["base"] + r["size"]:
        bad.append("root ram 0x%x+0x%x overlaps the zone RAM" % (r["base"], r["size"]))
for line in bad:
    print("oracle: " + line)
sys.exit(1 if bad else 0)
