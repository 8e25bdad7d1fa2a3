"""What a nextpnr run says: Fmax, the critical path, or why it did not fit.

Reads the `--report` JSON (`fmax`, `critical_paths`) and, for a run that
failed, the log's utilisation table.
"""
import json
import re

# yosys and nextpnr name a mapped cell or net after a net it touches plus the
# cell types and ports of the mapping: `dut.capture.beat_index_TRELLIS_FF_Q_10`,
# `dut.x_SB_LUT4_O_I3[2]`. The design's own name is what comes before.
_MAPPING_SUFFIX = re.compile(
    r"(_(TRELLIS_|SB_|ICESTORM_|LUT4|PFUMX|L6MUX21|CCU2C|DP16KD|DPR16X4|DFFLC)|\$).*$")


def readable(name):
    """A net or cell name trimmed to the design's hierarchy names, with the
    wrapper's flops named after the block port they stand for."""
    trimmed = _MAPPING_SUFFIX.sub("", name) or name
    if trimmed.startswith("dut."):
        return trimmed[len("dut."):]
    for prefix, side in (("in_", "input "), ("captured_", "output "), ("out_", "output ")):
        if trimmed.startswith(prefix):
            return side + trimmed[len(prefix):]
    return trimmed


def fmax(report):
    """MHz achieved on the clock (the wrapper has one)."""
    return min(entry["achieved"] for entry in report["fmax"].values())


def critical_path(report):
    """(start, end, logic levels) of the worst clock-to-clock path: start is
    the first routed net (the launching flop's output), end the capturing
    cell, levels the path's `logic` segments (LUTs, muxes, carry steps),
    except iCE40 global-buffer hops (`$gbuf_...`, a high fan-out net
    promoted to a global), which are wire, not logic."""
    paths = report["critical_paths"]
    path = next((p for p in paths if "<async>" not in (p["from"], p["to"])), paths[0])["path"]
    routed = [s for s in path if s["type"] == "routing"]
    start = readable(routed[0]["net"]) if routed else readable(path[0]["from"]["cell"])
    end = readable(path[-1]["to"]["cell"])
    levels = sum(1 for s in path if s["type"] == "logic" and not s["from"]["cell"].startswith("$gbuf"))
    return start, end, levels


def load(report_path):
    with open(report_path) as f:
        return json.load(f)


_UTILISATION = re.compile(r"Info:\s+(\w+):\s+(\d+)/\s*(\d+)\s+(\d+)%")


def overfull(log_text):
    """Resources used beyond what the device has, as "NAME used/available
    (pct%)"; empty when everything fitted (or the log has no table)."""
    return [f"{name} {used}/{available} ({pct}%)"
            for name, used, available, pct in _UTILISATION.findall(log_text)
            if int(used) > int(available)]


def does_not_fit(log_text):
    """nextpnr stopped because the design is larger than the device."""
    return bool(overfull(log_text)) or "no BELs remaining" in log_text
