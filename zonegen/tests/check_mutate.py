#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Seeded mutation test of `zonegen check --files` (issue 9 item 11).

usage: check_mutate.py ZONEGEN BOARDS_DIR BOARD DERIVED_DIR SEED CASES

DERIVED_DIR holds what `zonegen derive` wrote for a board with one zone
(zones/linux2/linux2.json ...), which check finds consistent.  Each case
changes that zone JSON once, with Python's json, and runs the check (the
sanitizer build in the suite):
- a wrong change (a CPU added or dropped, a region moved, resized, added or
  dropped, an INTID added or dropped, an image address or a GIC frame
  moved out, a debug console on RAM or the GIC, a missing DTB) must be
  found: exit 1 and at least one finding naming the JSON or its DTB;
- a neutral change (indentation, key order, a number written another
  accepted way, the zone's name) must pass: exit 0;
- never a crash or a sanitizer report.
Prints TAP lines and exits 1 on any failure.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

zg, bdir, board, derived, seed, cases = sys.argv[1:7]
rnd = random.Random(int(seed))
ZJ = "zones/linux2/linux2.json"
base = json.load(open(os.path.join(derived, ZJ)))
h = lambda v: int(v, 0) if isinstance(v, str) else v
PAGE = 0x1000


def ram(j):
    return [r for r in j["memory_regions"] if r["type"] == "ram"][0]


def far_address():
    # beyond the board's RAM and below the hypervisor's 48-bit IPA space,
    # or in the low MMIO hole nothing of QEMU virt uses
    return rnd.choice([0x100000000 + rnd.randrange(0, 1 << 32, PAGE),
                       0x3000000 + rnd.randrange(0, 0x1000000, PAGE)])


def wrong(j):
    """Apply one wrong change; return its name."""
    k = rnd.randrange(13)
    if k == 0:
        c = rnd.choice([x for x in range(4) if x not in j["cpus"]])
        j["cpus"] = sorted(j["cpus"] + [c])
        return "CPU %d added" % c
    if k == 1:
        j["cpus"] = j["cpus"][:1]
        return "a CPU dropped"
    if k == 2:
        r = rnd.choice(j["memory_regions"])
        a = h(r["physical_start"]) + rnd.choice([-1, 1]) * rnd.choice([PAGE, 0x200000, 0x10000000])
        r["physical_start"] = r["virtual_start"] = hex(a)
        return "%s region moved to 0x%x" % (r["type"], a)
    if k == 3:
        r = rnd.choice(j["memory_regions"])
        r["size"] = hex(h(r["size"]) + rnd.choice([0x200, PAGE, 0x1000000]))
        return "%s region grown" % r["type"]
    if k == 4:
        a = far_address()
        j["memory_regions"].append({"type": rnd.choice(["ram", "io"]), "physical_start": hex(a),
                                    "virtual_start": hex(a), "size": hex(PAGE)})
        return "a region added at 0x%x" % a
    if k == 5:
        r = j["memory_regions"].pop(rnd.randrange(len(j["memory_regions"])))
        return "%s region dropped" % r["type"]
    if k == 6:
        i = rnd.choice([33, 34, 48, 79, 100, 200, 500])
        j["interrupts"] = sorted(set(j["interrupts"]) | {i})
        return "INTID %d added" % i
    if k == 7:
        i = rnd.choice(j["interrupts"])
        j["interrupts"].remove(i)
        return "INTID %d dropped" % i
    if k == 8:
        key = rnd.choice(["kernel_load_paddr", "entry_point", "dtb_load_paddr"])
        r = ram(j)
        j[key] = hex(rnd.choice([h(r["physical_start"]) - PAGE,
                                 h(r["physical_start"]) + h(r["size"]), far_address()]))
        return "%s moved out to %s" % (key, j[key])
    if k == 9:
        key = rnd.choice(["gicd_base", "gicr_base", "gicd_size", "gicr_size"])
        j["arch_config"][key] = hex(h(j["arch_config"][key]) + 0x10000)
        return "arch_config.%s moved" % key
    if k == 10:
        j["debug_console"] = hex(rnd.choice([h(ram(j)["physical_start"]) + PAGE * rnd.randrange(1, 100),
                                             0x8000000, 0x80a0000 + PAGE * rnd.randrange(0, 100)]))
        return "debug_console at %s" % j["debug_console"]
    if k == 11:
        j["dtb_filepath"] = "./gone-%d.dtb" % rnd.randrange(100)
        return "dtb_filepath %s" % j["dtb_filepath"]
    j["arch_config"]["gic_version"] = "v2"
    return "GIC v2 on a v3 board"


def neutral(j):
    """Apply one change that keeps the zone what it was; return its name."""
    k = rnd.randrange(4)
    if k == 0:
        j["name"] = "zone-%d" % rnd.randrange(1000)
        return "name %s" % j["name"]
    if k == 1:
        r = rnd.choice(j["memory_regions"])
        r["size"] = h(r["size"])  # a JSON number instead of "0x..."
        return "a size as a number"
    if k == 2:
        j["interrupts"] = [str(i) for i in reversed(j["interrupts"])]
        return "INTIDs as strings, reversed"
    items = list(j.items())
    rnd.shuffle(items)
    j.clear()
    j.update(items)
    return "keys shuffled"


bad = 0
n = int(cases)
tmp = tempfile.mkdtemp(prefix="check-mutate.")
env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
counts = {"wrong": 0, "neutral": 0}
for case in range(n):
    d = os.path.join(tmp, "c")
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(derived, d)
    j = json.loads(json.dumps(base))
    kind = "wrong" if rnd.random() < 0.8 else "neutral"
    what = wrong(j) if kind == "wrong" else neutral(j)
    counts[kind] += 1
    with open(os.path.join(d, ZJ), "w") as f:
        json.dump(j, f, indent=rnd.choice([None, 1, 4]))
    p = subprocess.run([zg, "check", "--board", board, "--boards-dir", bdir, "--files", d],
                       capture_output=True, text=True, env=env)
    err = p.stderr
    why = None
    if "Sanitizer" in err or "runtime error" in err or p.returncode not in (0, 1):
        why = "crash or sanitizer report (exit %d)" % p.returncode
    elif kind == "wrong" and (p.returncode != 1 or "linux2" not in err):
        why = "not found (exit %d)" % p.returncode
    elif kind == "neutral" and p.returncode != 0:
        why = "refused a neutral change"
    if why:
        bad += 1
        print("not ok - case %d (seed %s): %s: %s" % (case, seed, what, why))
        for line in err.splitlines()[:6]:
            print("#   " + line)
shutil.rmtree(tmp, ignore_errors=True)
print("%s - zonegen check on %d mutated zone JSONs (%d wrong, %d neutral, seed %s): "
      "every wrong one found, every neutral one passed, no crash"
      % ("ok" if not bad else "not ok", n, counts["wrong"], counts["neutral"], seed))
sys.exit(1 if bad else 0)
