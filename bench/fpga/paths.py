"""Every register that a path slower than a clock target reaches, from one
routed nextpnr run.

nextpnr prints the critical path of a clock: one path. Closing timing needs
the list of all paths over the target, so this script redoes the static
timing analysis on the SDF file nextpnr writes (`--sdf`): every cell's
delays (IOPATH), every routed connection's delay (INTERCONNECT) and every
setup check (SETUPHOLD), slow corner. Paths start at a clocked output (a
flop's Q, a block RAM's data out) and end at an input with a setup check.

    python3 bench/fpga/paths.py ROUTED.sdf [--mhz 156.25] [--top 60]

prints the number of registers with a path over the period, then, worst
first, one line per register of the design (a bus counts once, named as in
the Verilog, e.g. `engine.lookup_index_2_reg`): its worst arrival plus
setup, and where that path starts. `bench/fpga/run --sdf` writes the SDF of
each seed.
"""
import argparse
import re
import sys
from collections import defaultdict

from timing import readable

_CELL = re.compile(r"\(CELL\s*\(CELLTYPE \"([^\"]+)\"\)\s*\(INSTANCE ([^)]*)\)")
_IOPATH = re.compile(r"\(IOPATH (\S+) (\S+) \(([\d.]+):([\d.]+):([\d.]+)\)")
_SETUP = re.compile(r"\(SETUPHOLD \((?:posedge|negedge) (\S+)\) \(posedge (\S+)\) \(([\d.]+):([\d.]+):([\d.]+)\)")
_WIRE = re.compile(r"\(INTERCONNECT (\S+) (\S+) \(([\d.]+):([\d.]+):([\d.]+)\)")


def unescape(name):
    return name.replace("\\", "")


def split_pin(pin):
    """`inst/port` (the instance name may hold escaped slashes) -> (inst, port)."""
    pin = unescape(pin)
    inst, _, port = pin.rpartition("/")
    return inst, port


def parse(path):
    """Arcs of the timing graph, in ns: cell arcs, clocked outputs, setups."""
    text = open(path).read()
    arcs = defaultdict(list)      # pin -> [(next pin, delay)]
    clocked = {}                  # pin -> clock to output
    setups = {}                   # pin -> setup time
    cells = list(_CELL.finditer(text))
    for i, cell in enumerate(cells):
        inst = unescape(cell.group(2).strip())
        body = text[cell.end(): cells[i + 1].start() if i + 1 < len(cells) else len(text)]
        for m in _IOPATH.finditer(body):
            src, dst, delay = m.group(1), m.group(2), float(m.group(5)) / 1000
            if src.startswith("CLK") or src.startswith("(posedge"):
                clocked[(inst, dst)] = max(delay, clocked.get((inst, dst), 0))
            else:
                arcs[(inst, src)].append(((inst, dst), delay))
        for m in _SETUP.finditer(body):
            setups[(inst, m.group(1))] = max(float(m.group(5)) / 1000, setups.get((inst, m.group(1)), 0))
    for m in _WIRE.finditer(text):
        arcs[split_pin(m.group(1))].append((split_pin(m.group(2)), float(m.group(5)) / 1000))
    return arcs, clocked, setups


def arrivals(arcs, clocked):
    """Latest arrival at every pin and the pin before it on that path
    (longest path over the acyclic graph, in topological order)."""
    indegree = defaultdict(int)
    for pin, outs in arcs.items():
        for nxt, _ in outs:
            indegree[nxt] += 1
    time = {pin: (t, None) for pin, t in clocked.items()}
    ready = [pin for pin in arcs if indegree[pin] == 0]
    while ready:
        pin = ready.pop()
        here = time.get(pin)
        for nxt, delay in arcs.get(pin, ()):
            if here is not None and (nxt not in time or here[0] + delay > time[nxt][0]):
                time[nxt] = (here[0] + delay, pin)
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return time


def trace(time, pin):
    """The pins of the latest path to `pin`, start first."""
    pins = []
    while pin is not None:
        pins.append(pin)
        pin = time[pin][1]
    return pins[::-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sdf")
    parser.add_argument("--mhz", type=float, default=156.25)
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--trace", type=int, default=0, help="print the whole path of the N worst registers")
    args = parser.parse_args()
    arcs, clocked, setups = parse(args.sdf)
    time = arrivals(arcs, clocked)
    worst = {}
    for pin, setup in setups.items():
        if pin not in time:
            continue
        total, path = time[pin][0] + setup, trace(time, pin)
        name = readable(pin[0])
        if name not in worst or total > worst[name][0]:
            worst[name] = (total, pin[1], path)
    if not worst:
        sys.exit("paths.py: no timed path in " + args.sdf)
    period = 1000.0 / args.mhz
    rows = sorted(worst.items(), key=lambda kv: -kv[1][0])
    over = sum(1 for _, (t, _, _) in rows if t > period)
    for name, (t, port, path) in rows[: args.trace]:
        print(f"{t:5.2f} ns to {name} ({port}):")
        for inst, pin_port in path:
            print(f"    {time[(inst, pin_port)][0]:5.2f}  {readable(inst)}  {pin_port}")
    print(f"{over} registers with a path over {period:.2f} ns ({args.mhz:g} MHz); "
          f"worst {rows[0][1][0]:.2f} ns ({1000 / rows[0][1][0]:.1f} MHz)")
    for name, (t, port, path) in rows[: args.top]:
        print(f"{'!' if t > period else ' '} {t:5.2f} ns  {name} ({port})  <-  {readable(path[0][0])}")


if __name__ == "__main__":
    main()
