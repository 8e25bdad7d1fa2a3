"""Summarizes one architecture of a bench/fpga/run: cell counts of the block,
Fmax of each seed and their median, the critical path of the median seed.

    python report.py --arch ecp5 --dir WORK/ecp5 --block ttp_rx_parser \
        --flags "--data-width 64" [--markdown]

DIR holds stat.json (yosys `stat -json` of the block alone) and one
seed-N/ folder per placement seed with pnr.log, rc (nextpnr's exit status)
and report.json. Prints text, or one Markdown table row with --markdown.
Exits 1, with the log's end, when nextpnr failed for another reason than a
design too large for the device.
"""
import argparse
import os
import sys

import cells
import timing

DEVICES = {"ecp5": ("ECP5 LFE5U-85F-6 (CABGA381)", "ECP5 85F-6"), "ice40": ("iCE40 HX8K (ct256)", "iCE40 HX8K")}


def seed_runs(directory):
    """(seed, rc, log text, report path) for each seed-N folder, by seed."""
    runs = []
    for entry in os.listdir(directory):
        if entry.startswith("seed-"):
            folder = os.path.join(directory, entry)
            with open(os.path.join(folder, "rc")) as f:
                rc = int(f.read().strip())
            with open(os.path.join(folder, "pnr.log"), errors="replace") as f:
                log = f.read()
            runs.append((int(entry[len("seed-"):]), rc, log, os.path.join(folder, "report.json")))
    return sorted(runs)


def width_label(flags):
    """`DW 64`, plus any other generator flag given: what the row measured."""
    words = flags.split()
    width, others, i = "64", [], 0
    while i < len(words):
        if words[i] == "--data-width" and i + 1 < len(words):
            width, i = words[i + 1], i + 2
        elif words[i].startswith("--data-width="):
            width, i = words[i].split("=", 1)[1], i + 1
        else:
            others.append(words[i])
            i += 1
    return f"DW {width}" + (f" {' '.join(others)}" if others else "")


def summarize(args):
    counts = cells.count(os.path.join(args.dir, "stat.json"), args.arch)
    runs = seed_runs(args.dir)
    result = {"counts": counts, "label": width_label(args.flags)}
    failed = [r for r in runs if r[1] != 0]
    if failed:
        seed, _, log, _ = failed[0]
        if not timing.does_not_fit(log):
            tail = "\n".join(log.splitlines()[-15:])
            sys.exit(f"{args.arch}: nextpnr failed on seed {seed} (log {args.dir}/seed-{seed}/pnr.log):\n{tail}")
        result["overfull"] = timing.overfull(log) or ["no BELs remaining (see pnr.log)"]
        return result
    values = [(timing.fmax(timing.load(path)), seed, path) for seed, _, _, path in runs]
    # The middle seed (the lower middle for an even count), so the path shown is a real run's.
    ranked = sorted(values)
    median, median_seed, median_path = ranked[(len(ranked) - 1) // 2]
    result.update(fmax=median, seed=median_seed, seeds=[(s, f) for f, s, _ in sorted(values, key=lambda v: v[1])],
                  path=timing.critical_path(timing.load(median_path)))
    return result


def print_text(args, r):
    c = r["counts"]
    print(f"{args.block}, {r['label']}, {DEVICES[args.arch][0]}:")
    parts = [f"LUTs {c['luts_text']}"]
    if c["carries"] is not None:
        parts.append(f"carries {c['carries']} (SB_CARRY)")
    parts += [f"flip-flops {c['ffs']} ({c['ffs_text']})", f"block RAMs {c['brams']} ({c['brams_text']})"]
    if c["lutram"]:
        parts.append(f"LUT-RAM {c['lutram']} ({c['lutram_text']})")
    print("  the block alone: " + ", ".join(parts))
    if "overfull" in r:
        print(f"  does not fit: {', '.join(r['overfull'])}")
        return
    seeds = ", ".join(f"seed {s}: {f:.1f}" for s, f in r["seeds"])
    runs = len(r["seeds"])
    print(f"  Fmax {r['fmax']:.1f} MHz, " + (f"median of {runs} seeds" if runs > 1 else "one seed") + f" ({seeds} MHz)")
    start, end, levels = r["path"]
    print(f"  critical path (seed {r['seed']}): {start} -> {end}, {levels} logic level{'s' if levels != 1 else ''}")


def print_row(args, r):
    c = r["counts"]
    luts = str(c["luts"]) + (f" + {c['lutram']} LUT-RAM" if c["lutram"] else "")
    columns = [args.block, r["label"], DEVICES[args.arch][1], luts, str(c["ffs"]), str(c["brams"])]
    if "overfull" in r:
        columns += [f"does not fit: {', '.join(r['overfull'])}", "", "", ""]
    else:
        start, end, levels = r["path"]
        seeds = ", ".join(f"{f:.1f}" for _, f in r["seeds"])
        columns += [f"{r['fmax']:.1f}", seeds, str(levels), f"`{start}` → `{end}`"]
    print("| " + " | ".join(columns) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", choices=DEVICES, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--block", required=True)
    parser.add_argument("--flags", default="")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    result = summarize(args)
    (print_row if args.markdown else print_text)(args, result)


if __name__ == "__main__":
    main()
