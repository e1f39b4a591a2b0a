#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Seeded structure-aware mutations of the committed board.yaml files, run
through the board reader built with ASan+UBSan (board_test-san).

Usage: board_mutate.py BOARD_TEST_SAN WORKDIR CASES SEED

For each case: exit 0 or 1 only, no sanitizer report, one line on stderr
when refused; when accepted, the JSON must parse and agree with PyYAML's
reading of the same file (name, arch, CPUs, GIC version, RAM ranges).
Prints TAP lines (one per property, counted over all cases).
"""
import glob
import json
import os
import random
import subprocess
import sys

import yaml

BIG = [0, 1, -1, 31, 32, 1019, 1020, 2**31, 2**32, 2**32 + 33, 2**53 + 1,
       2**63, 2**64 - 1, 2**64, 2**64 + 1, 10**30]
HEX = ["0x0", "0x1", "0xfff", "0x1000", "0xffffffffffffffff",
       "0x10000000000000000", "0x-1", "0x", "0xg", "1e9", "012", "0o17"]
STR = ["", "x", "/", "null", "~", "true", "012", "a" * 5000, "\u00e9",
       "..", "../../evil", "*", "#c", "{}", "[]", "- a"]


def paths(node, pre=()):
    yield pre
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, pre + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, pre + (i,))


def get(node, path):
    for p in path:
        node = node[p]
    return node


def put(root, path, val):
    get(root, path[:-1])[path[-1]] = val


def mutate_tree(rnd, doc):
    ps = [p for p in paths(doc) if p]
    for _ in range(rnd.randint(1, 3)):
        p = rnd.choice(ps)
        try:
            cur = get(doc, p)
        except (KeyError, IndexError, TypeError):
            continue
        op = rnd.randrange(8)
        if op == 0:
            put(doc, p, rnd.choice(BIG))
        elif op == 1:
            put(doc, p, rnd.choice(HEX))
        elif op == 2:
            put(doc, p, rnd.choice(STR))
        elif op == 3:
            put(doc, p, None)
        elif op == 4 and isinstance(get(doc, p[:-1]), dict):
            del get(doc, p[:-1])[p[-1]]
        elif op == 5 and isinstance(cur, list) and cur:
            cur.append(rnd.choice(cur))
        elif op == 6 and isinstance(cur, list):
            cur.clear()
        elif op == 7 and isinstance(cur, dict):
            cur["unknown_%d" % rnd.randrange(9)] = 1
        else:
            put(doc, p, [] if rnd.random() < 0.5 else {})
    return yaml.safe_dump(doc, sort_keys=False, width=4096)


def mutate_text(rnd, text):
    lines = text.split("\n")
    op = rnd.randrange(6)
    i = rnd.randrange(len(lines))
    if op == 0:
        lines.insert(i, lines[i])  # duplicate key or entry
    elif op == 1:
        del lines[i]
    elif op == 2:
        lines.insert(i, "---")
    elif op == 3:
        return text[:rnd.randrange(len(text))]
    elif op == 4:
        lines.insert(0, "a: &a [1, 2, 3]")
        lines.insert(1, "b: &b [*a, *a, *a, *a]")
    else:
        lines[i] = lines[i].replace(":", "", 1)
    return "\n".join(lines)


def num(v):
    return v if isinstance(v, int) else int(str(v), 0)


def agree(y, j):
    """The reader's JSON against PyYAML's reading of the same text."""
    b = y["board"]
    assert j["name"] == b["name"] and j["arch"] == b["arch"]
    assert [c["mpidr"] for c in j["cpus"]] == [num(c["mpidr"]) for c in b["cpus"]]
    assert j["gic"]["version"] == y["gic"]["version"]
    assert j["load"] == num(y["hypervisor"]["load_address"])
    assert j["hv_ram"]["base"] == num(y["hypervisor"]["ram"]["base"])
    assert j["gic"]["gicd"]["base"] == num(y["gic"]["gicd"]["base"])
    rz, yr = j["root"], y["root_zone"]
    assert rz["cpus"] == sum(1 << c for c in yr["cpus"])
    assert [(r["type"], r["base"], r["size"]) for r in rz["regions"]] == \
        [(r["type"], num(r["base"]), num(r["size"])) for r in yr["memory"]]
    assert [i["intid"] for i in rz["irqs"]] == [i["intid"] for i in yr["irqs"]]
    assert [(r["base"], r["size"]) for r in j["layout"]] == \
        [(num(r["base"]), num(r["size"])) for r in y["layout"]]


def main():
    exe, work, cases, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rnd = random.Random(seed)
    seeds = sorted(glob.glob("boards/aarch64/*/board.yaml"))
    texts = {s: open(s).read() for s in seeds}
    bad = {"exit": [], "sanitizer": [], "one line": [], "agree": []}
    accepted = 0
    for n in range(cases):
        src = rnd.choice(seeds)
        board = os.path.basename(os.path.dirname(src))
        if rnd.random() < 0.7:
            text = mutate_tree(rnd, yaml.safe_load(texts[src]))
        else:
            text = mutate_text(rnd, texts[src])
        d = os.path.join(work, "aarch64", board)
        os.makedirs(d, exist_ok=True)
        f = os.path.join(d, "board.yaml")
        with open(f, "w") as fh:
            fh.write(text)
        r = subprocess.run([exe, f], capture_output=True, text=True,
                           errors="replace", timeout=60)
        case = "case %d (%s)" % (n, src)
        if r.returncode not in (0, 1):
            bad["exit"].append("%s: exit %d" % (case, r.returncode))
        if "runtime error" in r.stderr or "Sanitizer" in r.stderr:
            bad["sanitizer"].append("%s: %s" % (case, r.stderr.strip()[:300]))
        if r.returncode == 1 and len(r.stderr.strip().split("\n")) != 1:
            bad["one line"].append("%s: %r" % (case, r.stderr[:300]))
        if r.returncode == 0:
            accepted += 1
            try:
                agree(yaml.safe_load(text), json.loads(r.stdout))
            except Exception as e:  # any disagreement or parse failure
                bad["agree"].append("%s: %s: %r" % (case, type(e).__name__, e))
                with open(os.path.join(work, "disagree-%d.yaml" % n), "w") as fh:
                    fh.write(text)
    print("# %d mutated board.yaml files, %d accepted" % (cases, accepted))
    for what, msg in (("exit", "exit 0 or 1 only"),
                      ("sanitizer", "no ASan/UBSan report"),
                      ("one line", "a refusal is one line"),
                      ("agree", "an accepted board's JSON agrees with PyYAML")):
        if bad[what]:
            print("not ok - board.yaml mutations: %s (%d cases)" % (msg, len(bad[what])))
            for line in bad[what][:5]:
                print("# " + line)
        else:
            print("ok - board.yaml mutations: %s (%d cases)" % (msg, cases))


if __name__ == "__main__":
    main()
