#!/usr/bin/env python3
"""Hand-written mutation testing: apply one-line mutations to the source,
one at a time, run the tests of the mutated file's package after each, and
report whether the tests caught it.

Usage, from the repository root, in a worktree with no uncommitted edits
to the mutated files (each file is restored after its run, even on ^C):

    python3 benchmarks/mutate/mutate.py benchmarks/mutate/models.txt [ID...]

A mutants file holds blocks separated by blank lines:

    M01: models/client.go
    - 	if r.attempt >= rt.Attempts {
    + 	if r.attempt > rt.Attempts {
    # off-by-one: one attempt too many

The "-" text must occur exactly once in the file (\\n and \\t stand for a
newline and a tab, to give a line its context); a "+" with nothing after
it deletes the text. One line per mutant is printed, tab-separated:

    id  file:line  caught|SURVIVED|BUILD-FAILED|NOT-APPLIED  old -> new  failing tests

NOT-APPLIED means the code moved on: update or drop the mutant. A mutant
that survives needs a test that kills it, or a reason why it is
equivalent (docs of the last pass: the closing note of issue 10).
"""
import os
import subprocess
import sys


def parse(path):
    out, cur = [], None
    for line in open(path):
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                out.append(cur)
            cur = None
            continue
        if line.startswith("#"):
            if cur:
                cur["note"] = line[1:].strip()
            continue
        unescape = lambda s: s.replace("\\n", "\n").replace("\\t", "\t")
        if cur is None:
            mid, f = line.split(":", 1)
            cur = {"id": mid.strip(), "file": f.strip(), "note": "", "new": ""}
        elif line.startswith("- "):
            cur["old"] = unescape(line[2:])
        elif line.startswith("+ "):
            cur["new"] = unescape(line[2:])
    if cur:
        out.append(cur)
    return out


def run(m):
    src = open(m["file"]).read()
    n = src.count(m["old"])
    if n != 1:
        return "NOT-APPLIED(%d matches)" % n, 0, ""
    lineno = src[: src.index(m["old"])].count("\n") + 1
    try:
        open(m["file"], "w").write(src.replace(m["old"], m["new"], 1))
        pkg = "./" + os.path.dirname(m["file"])
        p = subprocess.run(["go", "test", "-count=1", "-failfast", pkg],
                           capture_output=True, text=True, timeout=900)
        out = p.stdout + p.stderr
        if p.returncode == 0:
            return "SURVIVED", lineno, ""
        if "[build failed]" in out or "[setup failed]" in out:
            return "BUILD-FAILED", lineno, out[-300:].replace("\n", " ")
        fails = [l.split()[2] for l in out.splitlines() if l.strip().startswith("--- FAIL")]
        if not fails and "panic:" in out:
            fails = ["panic"]
        return "caught", lineno, " ".join(fails[:4])
    finally:
        open(m["file"], "w").write(src)


def main():
    muts = parse(sys.argv[1])
    only = set(sys.argv[2:])
    show = lambda x: " ".join(x.split())
    for m in muts:
        if only and m["id"] not in only:
            continue
        res, ln, why = run(m)
        print("%s\t%s:%d\t%s\t%s -> %s\t%s" % (m["id"], m["file"], ln, res, show(m["old"]), show(m["new"]), why), flush=True)


main()
