#!/usr/bin/env python3
"""Planted-bug check: applies each one-line mutant of a mutants file to the
sources, rebuilds, runs the tests and reports whether they caught it.

A mutants file holds blocks separated by blank lines:

    # TxHeader: bytes 3 and 4 of the local MAC swapped in src_node
    file: Sources/TTPHardware/Frame/TxHeader.swift
    - let sourceNode = localMac.bits(23, 0).named("src_node")
    + let sourceNode = cat(localMac.bits(15, 8), localMac.bits(23, 16), localMac.bits(7, 0)).named("src_node")

The `-` text (leading spaces of the line ignored) must occur exactly once in
the file; it is replaced by the `+` text. The file is always restored.
"""
import argparse, os, re, subprocess, sys, time

def parse(path):
    mutants, block = [], []
    for line in open(path).read().splitlines() + [""]:
        if line.strip():
            block.append(line)
            continue
        if not block:
            continue
        m = {"name": None, "file": None, "old": None, "new": None}
        for entry in block:
            if entry.startswith("#"): m["name"] = entry[1:].strip()
            elif entry.startswith("file:"): m["file"] = entry[5:].strip()
            elif entry.startswith("- "): m["old"] = entry[2:].strip()
            elif entry.startswith("+ "): m["new"] = entry[2:].strip()
        if None in m.values():
            sys.exit(f"{path}: incomplete mutant block: {block}")
        mutants.append(m)
        block = []
    return mutants

def run(command, env, log):
    with open(log, "a") as out:
        out.write(f"\n$ {' '.join(command)}\n")
        out.flush()
        return subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, env=env).returncode

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mutants", help="the mutants file")
    parser.add_argument("--filter", default="TTPHardwareTests", help="swift test --filter (default: %(default)s)")
    parser.add_argument("--only", help="run only mutants whose name contains this")
    parser.add_argument("--log", default=".build/mutants.log")
    args = parser.parse_args()
    mutants = [m for m in parse(args.mutants) if not args.only or args.only in m["name"]]
    env = dict(os.environ)
    env.setdefault("HDL_SIM_CACHE", os.path.abspath(".build/sim-cache"))
    open(args.log, "w").close()
    rows = []
    for index, m in enumerate(mutants, 1):
        original = open(m["file"]).read()
        lines = original.split("\n")
        hits = [i for i, line in enumerate(lines) if line.strip() == m["old"]]
        if len(hits) != 1:
            rows.append((m["name"], f"not applied: the line occurs {len(hits)} times"))
            continue
        indent = re.match(r"\s*", lines[hits[0]]).group(0)
        lines[hits[0]] = indent + m["new"]
        start = time.time()
        print(f"[{index}/{len(mutants)}] {m['name']}", file=sys.stderr, flush=True)
        try:
            open(m["file"], "w").write("\n".join(lines))
            if run(["swift", "build", "--build-tests"], env, args.log) != 0:
                verdict = "did not compile (fix the mutant)"
            else:
                marker = sum(1 for _ in open(args.log))
                failed = run(["swift", "test", "--skip-build", "--filter", args.filter], env, args.log) != 0
                output = open(args.log).read().splitlines()[marker:]
                failing = sorted({re.sub(r".*Test Case '([^']+)' failed.*", r"\1", l) for l in output
                                  if "Test Case '" in l and "' failed" in l})
                verdict = (f"caught by {len(failing)} tests: {', '.join(failing[:3])}" + (" ..." if len(failing) > 3 else "")
                           if failed else "NOT CAUGHT")
        finally:
            open(m["file"], "w").write(original)
        rows.append((m["name"], f"{verdict} ({time.time() - start:.0f} s)"))
    print("| planted bug | result |\n| --- | --- |")
    for name, verdict in rows:
        print(f"| {name} | {verdict} |")
    run(["swift", "build", "--build-tests"], env, args.log)
    return 1 if any("NOT CAUGHT" in v or "not applied" in v or "did not compile" in v for _, v in rows) else 0

if __name__ == "__main__":
    sys.exit(main())
