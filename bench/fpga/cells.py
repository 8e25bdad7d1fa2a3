"""Cell counts of the block alone, from yosys `stat -json` (stat.json).

The counts are the block's, synthesized on its own in the same yosys run as
the wrapper (bench/fpga/run), so the wrapper's shift register and fold flops
are not in them.
"""
import json


def cell_types(stat_path):
    """{cell type: count} of the whole (flattened) design."""
    with open(stat_path) as f:
        stat = json.load(f)
    return stat["design"]["num_cells_by_type"]


def count(stat_path, arch):
    """The headline numbers and the text that says what they count."""
    types = cell_types(stat_path)
    get = lambda name: types.get(name, 0)
    if arch == "ecp5":
        # A CCU2C is two LUT4s with their carry logic (one slice half).
        luts = get("LUT4") + 2 * get("CCU2C")
        return {
            "luts": luts,
            "luts_text": f"{luts} (LUT4 {get('LUT4')} + 2 x {get('CCU2C')} CCU2C)",
            "ffs": get("TRELLIS_FF"),
            "ffs_text": "TRELLIS_FF",
            "brams": get("DP16KD"),
            "brams_text": "DP16KD",
            "lutram": get("TRELLIS_DPR16X4"),
            "lutram_text": "TRELLIS_DPR16X4",
            "carries": None,
        }
    ffs = sum(n for name, n in types.items() if name.startswith("SB_DFF"))
    return {
        "luts": get("SB_LUT4"),
        "luts_text": f"{get('SB_LUT4')} (SB_LUT4)",
        "ffs": ffs,
        "ffs_text": "SB_DFF*",
        "brams": get("SB_RAM40_4K"),
        "brams_text": "SB_RAM40_4K",
        "lutram": 0,
        "lutram_text": "",
        "carries": get("SB_CARRY"),
    }
