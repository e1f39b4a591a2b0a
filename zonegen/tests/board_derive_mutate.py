#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Seeded mutations of a board.yaml that has a zone request, through
`zonegen derive` built with ASan+UBSan (issue 9: "the same for zonegen and
zonegen check over mutated board.yaml").

usage: board_derive_mutate.py ZONEGEN_SAN BOARD_DIR WORKDIR CASES SEED

BOARD_DIR: boards/<arch>/<b> with board.yaml, zone0.dts and zones/*.yaml.
The mutations are lib/tests/board_mutate.py's.  For each case: exit 0 or 1
only, no sanitizer report, a refusal is one line on stderr and writes
nothing; an accepted board gives a board.json that json reads and a
zone0.dtb that dtc compiles.  Prints TAP lines.
"""
import json
import os
import random
import shutil
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "lib", "tests"))
from board_mutate import mutate_text, mutate_tree  # noqa: E402

exe, src, work, cases, seed = sys.argv[1:6]
rnd = random.Random(int(seed))
arch = os.path.basename(os.path.dirname(os.path.abspath(src)))
board = os.path.basename(os.path.abspath(src))
text0 = open(os.path.join(src, "board.yaml")).read()
bad = {"exit": [], "sanitizer": [], "one line": [], "output": []}
accepted = 0
env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
for n in range(int(cases)):
    bd = os.path.join(work, "boards", arch, board)
    out = os.path.join(work, "out")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(src, bd)
    if rnd.random() < 0.7:
        text = mutate_tree(rnd, yaml.safe_load(text0))
    else:
        text = mutate_text(rnd, text0)
    with open(os.path.join(bd, "board.yaml"), "w") as fh:
        fh.write(text)
    r = subprocess.run([exe, "derive", "--board", board, "--boards-dir",
                        os.path.join(work, "boards"), "-o", out],
                       capture_output=True, text=True, errors="replace",
                       timeout=60, env=env)
    case = "case %d" % n
    if r.returncode not in (0, 1):
        bad["exit"].append("%s: exit %d" % (case, r.returncode))
    if "runtime error" in r.stderr or "Sanitizer" in r.stderr:
        bad["sanitizer"].append("%s: %s" % (case, r.stderr.strip()[:300]))
    if r.returncode == 1 and (len(r.stderr.strip().split("\n")) != 1 or
                              os.path.exists(os.path.join(out, "board.json"))):
        # a finding list ends with "check of B failed; nothing written"
        lines = r.stderr.strip().split("\n")
        if not lines[-1].endswith("nothing written") or \
                os.path.exists(os.path.join(out, "board.json")):
            bad["one line"].append("%s: %r" % (case, r.stderr[:300]))
    if r.returncode == 0:
        accepted += 1
        try:
            json.load(open(os.path.join(out, "board.json")))
            subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dtb", "-o", "/dev/null",
                            os.path.join(out, "zone0.dtb")], check=True)
        except Exception as e:  # noqa: BLE001 -- any failure is a finding
            bad["output"].append("%s: %s: %r" % (case, type(e).__name__, e))
shutil.rmtree(work, ignore_errors=True)
print("# %s mutated board.yaml files with a zone request, %d derived" % (cases, accepted))
for what, msg in (("exit", "exit 0 or 1 only"),
                  ("sanitizer", "no ASan/UBSan report"),
                  ("one line", "a refusal is one line (or check's findings) and writes nothing"),
                  ("output", "what derive wrote reads back (json, dtc)")):
    if bad[what]:
        print("not ok - derive of mutated boards: %s (%d cases)" % (msg, len(bad[what])))
        for line in bad[what][:5]:
            print("# " + line)
    else:
        print("ok - derive of mutated boards: %s (%s cases)" % (msg, cases))
sys.exit(1 if any(bad.values()) else 0)
