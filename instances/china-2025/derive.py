#!/usr/bin/env python3
"""Derives the china-2025 instance tables from the sourced public figures.

Usage: python3 derive.py PATH/TO/shared/data [--gain-scale G]

Reads provinces.csv, clusters.csv, items.csv and sources.csv of the planning
dataset and writes areas.csv, items.csv, provinces.csv, advantage.csv,
platforms.csv, chain_links.csv and sources.csv into this folder. Every number
that is not a sourced figure is an ASSUMPTION named in README.md; the
constants below are those assumptions, in one place.
"""
import csv
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# ---- Assumptions (see README.md, "Assumptions") -----------------------------
PROVINCIAL_SHARE_OF_LOCAL_ST = 0.05   # A1: share of local fiscal S&T spending for foundation work
TALENT_SHARE_OF_RD_FTE = 0.02         # A2: share of R&D personnel FTE working on foundation items
CAPACITY_CU_PER_CENTRE_UNIT = 5.0     # A3: initial platform capacity scale
GAIN_SCALE = 0.0060                   # A4: calibrated share per effort unit (see README, calibration)
TIER_GAIN_FACTOR = {"stranglehold": 0.6, "shortboard": 1.0, "general": 1.5}  # A5
SMAX = {"stranglehold": 0.90, "shortboard": 0.95, "general": 0.95}           # A6
ITEM_WEIGHT_YI = 100.0                # A7: equal weights (no common-basis demand data)
CLUSTER_PRIMARY, CLUSTER_SECONDARY = 1.0, 0.5  # A8: cluster weights in the advantage index
ADVANTAGE_COMPRESSION = 0.5           # A8: deviations from the mean are halved
ADVANTAGE_FLOOR = 0.3                 # A8: no province is below 0.3 of the average

# Items that aggregate others are left out: they would double-count.
AGGREGATES = {"core_basic_overall", "key_materials_130", "industrial_software_all"}

# A9: baseline shares for items without a usable sourced share.
ASSUMED_S0 = {
    "aeroengine_parts": (0.20, "sources call domestic share 'very low' and superalloys imported"),
    "heavy_gas_turbine": (0.10, "'basically dependent on imports'"),
    "aviation_aluminium": (0.50, "强基 projects reported ending long-term import dependence; mid value"),
    "high_strength_steel": (0.80, "强基 project said to have 'fundamentally solved' import dependence"),
    "rare_earth_magnets": (0.90, "China produces 85% of global rare-earth smelting output"),
    "additive_mfg": (0.50, "no usable figure; mid value"),
    "standards_intl_adoption": (0.50, "no supply share exists (82% is an adoption rate); mid value"),
}

# A10: chain links (item needs input; max lead of item over input).
CHAIN_LINKS = [
    ("ic_overall", "eda", 0.20), ("ic_overall", "photoresist_krf", 0.20), ("ic_overall", "semicon_equipment", 0.20),
    ("cpu_highend", "eda", 0.20), ("cpu_highend", "photoresist_arf", 0.20), ("cpu_highend", "lithography_advanced", 0.20),
    ("semicon_equipment", "semicon_equipment_parts", 0.20), ("lithography_advanced", "semicon_equipment_parts", 0.20),
    ("industrial_robot", "precision_reducer", 0.20), ("industrial_robot", "servo", 0.40),
    ("cnc_system_highend", "servo", 0.20), ("mfg_inspection_equipment_highend", "cnc_system_highend", 0.20),
    ("production_control_sw", "plc", 0.30), ("heavy_gas_turbine", "aeroengine_parts", 0.20),
]

ASSUMPTIONS = [
    ("A1", f"provincial budget for foundation work = {PROVINCIAL_SHARE_OF_LOCAL_ST:.0%} of local fiscal S&T spending (S_FIS, 2023), every year"),
    ("A2", f"talent for foundation work = {TALENT_SHARE_OF_RD_FTE:.0%} of R&D personnel FTE (S_FTE, 2023)"),
    ("A3", f"initial platform capacity = {CAPACITY_CU_PER_CENTRE_UNIT} cu x (1 + national manufacturing innovation centres) x advantage"),
    ("A4", f"gain per effort unit = {GAIN_SCALE} x tier factor, calibrated so the 2025 target is reachable but binding"),
    ("A5", "tier factors on gain: stranglehold 0.6, shortboard 1.0, general 1.5 (harder problems respond less)"),
    ("A6", "ceilings smax: stranglehold 0.90, shortboard and general 0.95"),
    ("A7", "equal item weights (100 each): no common-basis domestic demand data"),
    ("A8", "advantage index = cube root of R&D spending relative to mean + 0.3 sqrt(cluster strength), mean 1 per area, deviations halved, floor 0.3"),
    ("A9", "baseline shares assumed where no usable figure exists (see items.csv note_s0)"),
    ("A10", "chain links and allowed leads between dependent items"),
    ("A11", "central budget = 5% of central fiscal S&T spending (3,973.1亿元, 2023) = 198.66亿元 per year"),
    ("A12", "target penalties and the 2030/2035 milestones"),
]

AREAS = [
    ("components", "basic parts, components and electronic devices", "基础零部件和元器件"),
    ("materials", "key basic materials", "基础材料"),
    ("processes", "basic processes and manufacturing equipment", "基础工艺和制造装备"),
    ("software", "industrial basic software", "工业基础软件"),
    ("quality", "standards, metrology and testing platforms", "标准和基础检测检验平台"),
]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def fmt(v, digits=4):
    return f"{v:.{digits}f}".rstrip("0").rstrip(".")


def province_id(name):
    return name.strip().lower().replace(" ", "_")


def main():
    data = sys.argv[1]
    global GAIN_SCALE
    if "--gain-scale" in sys.argv:
        GAIN_SCALE = float(sys.argv[sys.argv.index("--gain-scale") + 1])
    provinces = read(os.path.join(data, "provinces.csv"))
    clusters = read(os.path.join(data, "clusters.csv"))
    items = read(os.path.join(data, "items.csv"))
    area_ids = [a[0] for a in AREAS]

    write("areas.csv", ["id", "name_en", "name_zh"], AREAS)

    # Provinces: budget, talent (A1, A2); region and names as sourced.
    rows = []
    for p in provinces:
        budget = PROVINCIAL_SHARE_OF_LOCAL_ST * float(p["local_st_fiscal_spending_100m_yuan"])
        talent = TALENT_SHARE_OF_RD_FTE * float(p["rd_personnel_fte_10k"]) * 10.0  # 1万 person-years = 10 k FTE
        rows.append([p["id"], p["region"], fmt(budget, 3), fmt(talent, 3), p["name_en"], p["name_zh"],
                     "S_FIS (budget, A1); S_FTE (talent, A2)"])
    write("provinces.csv", ["id", "region", "budget_yi", "talent_kfte", "name_en", "name_zh", "source"], rows)

    # Advantage index (A8): cube root of R&D spending relative to the mean,
    # plus the square root of cluster strength in the area, normalised to mean 1
    # per area, then compressed toward 1 (differences in how far a 亿元 goes
    # between provinces are real but not threefold).
    ids = [p["id"] for p in provinces]
    rd = {p["id"]: float(p["rd_expenditure_100m_yuan"]) for p in provinces}
    mean_rd = sum(rd.values()) / len(rd)
    strength = {(a, p): 0.0 for a in area_ids for p in ids}
    for c in clusters:
        members = [province_id(x) for x in c["provinces"].split(";")]
        members = [m for m in members if m in rd]
        for m in members:
            for col, weight in (("primary_foundation", CLUSTER_PRIMARY), ("secondary_foundation", CLUSTER_SECONDARY)):
                a = c[col].strip()
                if a in area_ids:
                    strength[(a, m)] += weight / len(members)
    adv = {}
    for a in area_ids:
        raw = {p: (rd[p] / mean_rd) ** (1.0 / 3.0) + 0.3 * math.sqrt(strength[(a, p)]) for p in ids}
        mean_raw = sum(raw.values()) / len(raw)
        for p in ids:
            adv[(a, p)] = max(ADVANTAGE_FLOOR, 1.0 + ADVANTAGE_COMPRESSION * (raw[p] / mean_raw - 1.0))
    write("advantage.csv", ["area", "province", "advantage", "source"],
          [[a, p, fmt(adv[(a, p)]), "S_RDB23 + clusters.csv (formula A8)"] for a in area_ids for p in ids])

    # Initial platform capacity (A3): innovation centres and the area's advantage.
    centres = {p["id"]: float(p["national_mfg_innovation_centers"]) for p in provinces}
    write("platforms.csv", ["area", "province", "capacity_cu", "source"],
          [[a, p, fmt(CAPACITY_CU_PER_CENTRE_UNIT * (1.0 + centres[p]) * adv[(a, p)], 3), "S_INNO + advantage (A3)"]
           for a in area_ids for p in ids])

    # Items: sourced shares, assumed where missing (A9); smax (A6); gains (A4, A5); weights (A7).
    rows = []
    for it in items:
        if it["id"] in AGGREGATES:
            continue
        if it["domestic_share"].strip():
            s0 = float(it["domestic_share"])
            basis = f"sourced ({it['share_year']}): {it['share_basis']}"
        else:
            s0, why = ASSUMED_S0[it["id"]]
            basis = f"ASSUMPTION A9: {why}"
        tier = it["tier"]
        gain = GAIN_SCALE * TIER_GAIN_FACTOR[tier]
        rows.append([it["id"], it["area"], tier, fmt(s0, 3), fmt(SMAX[tier], 2), fmt(ITEM_WEIGHT_YI, 1),
                     fmt(gain, 6), it["name_en"], it["name_zh"], basis, it["sources"]])
    write("items.csv", ["id", "area", "tier", "s0", "smax", "weight_yi", "gain_per_effort", "name_en", "name_zh",
                        "note_s0", "source"], rows)

    write("chain_links.csv", ["item", "needs", "max_lead", "note"],
          [[i, n, fmt(g, 2), "ASSUMPTION A10"] for i, n, g in CHAIN_LINKS])

    # Provenance: the dataset's source codes plus this instance's assumptions.
    sources = read(os.path.join(data, "sources.csv"))
    rows = [[s["code"], s["description"], s["url"], s["notes"]] for s in sources]
    rows += [[code, text, "", "ASSUMPTION of this instance; see README.md"] for code, text in ASSUMPTIONS]
    write("sources.csv", ["code", "description", "url", "notes"], rows)


if __name__ == "__main__":
    main()
