#!/usr/bin/env python3
"""Facts a reviewer of a national plan asks first, from a solved plan.

Usage: python3 plan_facts.py OUT_DIR [INSTANCE_DIR]

OUT_DIR is the output folder of `qiangji solve`; INSTANCE_DIR defaults to the
folder of this script. Prints (standard library only):
  * lead sites outside the item-level table (must be none) and effort in a
    province the item-level table leaves out (must be none);
  * province-years where talent binds, and training bought;
  * project money per item by tier (mean and median);
  * the regional split of central money;
  * money by instrument.
Exit status 1 if a site or effort breaks the item-level table.
"""
import collections
import csv
import os
import sys


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    out = sys.argv[1]
    inst = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    items = {r["id"]: r for r in read(os.path.join(inst, "items.csv"))}
    prov = {r["id"]: r for r in read(os.path.join(inst, "provinces.csv"))}
    table = {(r["item"], r["province"]): float(r["advantage"]) for r in read(os.path.join(inst, "item_advantage.csv"))}
    listed = {k for k, _ in table}
    alloc = read(os.path.join(out, "allocation.csv"))
    bad = 0

    sites = [r for r in read(os.path.join(out, "sites.csv")) if r["designated"] in ("1", "true")]
    for r in sites:
        if r["item"] in listed and table.get((r["item"], r["province"]), 0.0) < 1.2:
            print(f"SITE OUTSIDE THE ITEM TABLE: {r['item']} in {r['province']}")
            bad += 1
    for r in alloc:
        if r["item"] in listed and (r["item"], r["province"]) not in table and float(r["effort"]) > 1e-9:
            print(f"EFFORT WITHOUT THE INDUSTRY: {r['item']} in {r['province']} ({r['year']}, {r['mode']})")
            bad += 1
    print(f"lead sites: {len(sites)}, all inside the item-level table" if not bad else f"{bad} violations")

    training = read(os.path.join(out, "training.csv"))
    binding = [r for r in training
               if float(r["talent_used_kfte"]) > 0 and float(r["talent_available_kfte"]) - float(r["talent_used_kfte"]) < 1e-6]
    print(f"talent binds in {len(binding)} province-years ({len({r['province'] for r in binding})} provinces); "
          f"training bought {sum(float(r['training_yi']) for r in training):.1f}亿元")

    per_item = collections.defaultdict(float)
    by_mode = collections.defaultdict(float)
    central_by_region = collections.defaultdict(float)
    for r in alloc:
        money = float(r["funding_central_yi"]) + float(r["funding_provincial_yi"])
        per_item[r["item"]] += money
        by_mode[r["mode"]] += money
        central_by_region[prov[r["province"]]["region"]] += float(r["funding_central_yi"])
    tiers = collections.defaultdict(list)
    for k, it in items.items():
        tiers[it["tier"]].append(per_item.get(k, 0.0))
    for t in ("stranglehold", "shortboard", "general"):
        v = sorted(tiers.get(t, []))
        if v:
            print(f"{t}: {len(v)} items, mean {sum(v) / len(v):.1f}亿元 per item, median {v[len(v) // 2]:.1f}")
    total = sum(central_by_region.values()) or 1.0
    print("central money by region: " + ", ".join(f"{k} {v / total:.1%}" for k, v in sorted(central_by_region.items())))
    print("money by instrument: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(by_mode.items(), key=lambda x: -x[1])))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
