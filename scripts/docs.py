#!/usr/bin/env python3
"""Writes the figures that README.md and the instance READMEs quote, from the
outputs of fresh `qiangji` runs (summary.json and the CSV tables), between
their generated markers:

    <!-- generated: NAME (scripts/docs.sh) -->
    ...
    <!-- end generated: NAME -->

Only the text between a pair of markers is replaced; each file is rewritten
atomically (a temporary file beside it, then a rename), all of its blocks at
once. `scripts/docs.sh` runs qiangji and calls this script; run it directly
only with outputs you made the same way (see `scripts/docs.sh --help`).

    docs.py demo OUT_DIR STDOUT_FILE
    docs.py national INSTANCE OUT_DIR [--free FREE_OUT_DIR]
    docs.py scenarios BATCH_DIR --wall-s S --peak-kb KB --date YYYY-MM-DD [--load L]
    docs.py performance
    docs.py list
    docs.py check-png FILE WIDTH HEIGHT

Standard library only.
"""

import argparse
import csv
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RESULTS = ROOT / "benches" / "results.csv"

BEGIN = "<!-- generated: {name} (scripts/docs.sh) -->"
END = "<!-- end generated: {name} -->"
MARKER = re.compile(
    r"<!-- generated: (?P<name>[a-z0-9-]+) \(scripts/docs\.sh\) -->(?P<body>.*?)"
    r"<!-- end generated: (?P=name) -->",
    re.S,
)

# Numbers that identify an instance's own findings (the items the README
# comments on by name); everything else is read from the run.
CHIPS = "ic_overall"
LITHOGRAPHY = "lithography_advanced"
SMALL_MARKET_CALLOUTS = {
    "china-2025": [("aeroengine_parts", [2030, 2035]), ("photoresist_arf", [2030])],
    "china-2026": [],
}
# Rows of the README's short scenario table (all rows are in the instance README).
README_SCENARIOS = [
    "base",
    "central_budget_cut_20",
    "embargo_stranglehold",
    "talent_programme",
    "no_new_platforms",
    "national_system_response",
]
TOLERANCE = 1e-6  # slack, duals and shortfalls below this count as zero


class DocsError(Exception):
    """A marker, input file or figure the docs need is missing."""


# ---------------------------------------------------------------- rewriting


def rewrite(path: Path, blocks: dict[str, str]) -> bool:
    """Replaces the body of each named block of `path`, atomically.

    A block written on one line (inline) keeps its body on that line; a block
    whose markers stand on their own lines gets the body on lines of its own.
    Every name must occur exactly once. Returns whether the file changed."""
    text = path.read_text(encoding="utf-8")
    found = [m.group("name") for m in MARKER.finditer(text)]
    for name in blocks:
        if found.count(name) != 1:
            raise DocsError(
                f"{path.relative_to(ROOT)}: expected one block '{name}' between "
                f"'{BEGIN.format(name=name)}' and '{END.format(name=name)}', found {found.count(name)}"
            )

    def body(m: re.Match) -> str:
        name = m.group("name")
        if name not in blocks:
            return m.group(0)
        inline = "\n" not in m.group("body")
        content = blocks[name].strip("\n")
        inner = content if inline else f"\n{content}\n"
        return BEGIN.format(name=name) + inner + END.format(name=name)

    new = MARKER.sub(body, text)
    if new == text:
        return False
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(new)
        os.chmod(tmp, os.stat(path).st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


def list_blocks() -> None:
    """Prints every generated block of the Markdown files with its file."""
    for path in sorted(ROOT.glob("**/*.md")):
        if "target" in path.relative_to(ROOT).parts or "out" in path.relative_to(ROOT).parts:
            continue
        for m in MARKER.finditer(path.read_text(encoding="utf-8")):
            print(f"{path.relative_to(ROOT)}: {m.group('name')}")


# ---------------------------------------------------------------- reading


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise DocsError(f"{path}: missing (was the run complete?)")
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_json(path: Path) -> dict:
    if not path.exists():
        raise DocsError(f"{path}: missing (was the run complete?)")
    return json.loads(path.read_text(encoding="utf-8"))


def is_true(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes")


# ---------------------------------------------------------------- formatting


def thousands(x: float) -> str:
    """1234.5 -> '1,235' (whole 亿元, as the READMEs print money)."""
    return f"{x:,.0f}"


def pct(share: float, digits: int = 1) -> str:
    return f"{100 * share:.{digits}f}%"


def level(share: float) -> str:
    """A required level: '70%' (or '72.5%' when not whole)."""
    v = 100 * share
    return f"{v:.0f}%" if abs(v - round(v)) < 1e-9 else f"{v:.1f}%"


def signed(x: float, fmt=thousands) -> str:
    """+1,234 or -1,234; a value that rounds to zero is +0."""
    text = fmt(abs(x))
    return ("-" if x < 0 and text != fmt(0.0) else "+") + text


def year_ranges(years: list[int]) -> str:
    """[2022, 2023, 2024, 2026] -> '2022–24 and 2026'."""
    years = sorted(set(years))
    if not years:
        return "no year"
    runs, start, prev = [], years[0], years[0]
    for y in years[1:]:
        if y != prev + 1:
            runs.append((start, prev))
            start = y
        prev = y
    runs.append((start, prev))
    parts = [
        str(a) if a == b else f"{a}–{b % 100:02d}" if a // 100 == b // 100 else f"{a}–{b}"
        for a, b in runs
    ]
    return join_and(parts)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table's lines."""
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def wrap(text: str, bullet: bool = False) -> str:
    """A paragraph or list item wrapped at 78 columns, as the READMEs are."""
    return textwrap.fill(
        text, width=78, initial_indent="* " if bullet else "", subsequent_indent="  " if bullet else "",
        break_long_words=False, break_on_hyphens=False,
    )


def join_and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def git_commit() -> str:
    """The commit the runs were made with; "+changes" when files other than
    the documents this script writes differ from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout
    try:
        head = git("rev-parse", "--short=7", "HEAD").strip()
        changed = git("status", "--porcelain", "--", ".", ":!*.md", ":!docs/*.png")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if changed.strip() else "")


# ---------------------------------------------------------------- demo


def demo_blocks(out: Path, stdout: Path) -> dict[str, str]:
    """The demo's printed summary and the first rows of its allocation."""
    printed = stdout.read_text(encoding="utf-8").rstrip("\n").splitlines()
    if not printed or not printed[0].startswith("demo:"):
        raise DocsError(f"{stdout}: not the printed summary of a demo solve")
    # The run wrote to a scratch folder; the README shows the command's own.
    printed = [re.sub(r"^(\s+outputs\s+).*$", r"\1out/demo", line) for line in printed]
    rows = (out / "allocation.csv").read_text(encoding="utf-8").splitlines()
    return {
        "demo-summary": "```text\n" + "\n".join(printed) + "\n```",
        "demo-allocation": "```text\n" + "\n".join(rows[:4]) + "\n```",
    }


# ---------------------------------------------------------------- national


class Run:
    """One solve's outputs, by meaning."""

    def __init__(self, out: Path, instance: Path):
        self.out, self.instance = out, instance
        self.summary = read_json(out / "summary.json")
        if not self.summary.get("has_plan"):
            raise DocsError(f"{out}: the run has no plan")
        self.targets = {t["id"]: t for t in self.summary["targets"]}
        self.items = {r["id"]: r for r in read_csv(instance / "items.csv")}
        self.provinces = {r["id"]: r for r in read_csv(instance / "provinces.csv")}
        self.alloc = read_csv(out / "allocation.csv")
        self.duals = read_csv(out / "duals.csv")
        self.sites = [r for r in read_csv(out / "sites.csv") if is_true(r["designated"])]
        self.training = read_csv(out / "training.csv")
        self.platforms = read_csv(out / "platforms.csv")
        self.shares = {
            (r["level"], r["id"], int(r["year"])): float(r["realised_share"])
            for r in read_csv(out / "self_sufficiency.csv")
        }
        mv = out / "marginal_values.csv"
        self.marginal = read_csv(mv) if mv.exists() else []

    def province(self, pid: str) -> str:
        return self.provinces.get(pid, {}).get("name_en") or pid

    def binding(self, family: str) -> list[dict[str, str]]:
        """Rows of a family that bind with a price (slack 0, dual non-zero)."""
        return [
            r for r in self.duals
            if r["family"] == family and is_true(r["binding"]) and abs(float(r["dual"])) > TOLERANCE
        ]

    def talent_binding(self) -> list[dict[str, str]]:
        """Province-years whose talent is used up (plan_facts.py's rule)."""
        return [
            r for r in self.training
            if float(r["talent_used_kfte"]) > 0
            and float(r["talent_available_kfte"]) - float(r["talent_used_kfte"]) < TOLERANCE
        ]

    def share(self, item: str, year: int) -> float:
        return self.shares[("item", item, year)]


def milestone_rows(run: Run) -> tuple[list[str], list[dict], list[dict]]:
    goals = [t for t in run.summary["targets"] if not t["id"].startswith("floor_")]
    floors = [t for t in run.summary["targets"] if t["id"].startswith("floor_")]
    rows = []
    for t in goals:
        short = f"{100 * t['shortfall']:.1f} points" if t["shortfall"] > TOLERANCE else "–"
        rows.append([t["id"], level(t["level"]), pct(t["achieved_realised"]), short])
    if floors:
        years = sorted({t["year"] for t in floors})
        levels = sorted({level(t["level"]) for t in floors}, key=lambda s: float(s.rstrip("%")))
        missed = [t for t in floors if t["shortfall"] > TOLERANCE]
        verdict = "all met" if not missed else f"{len(floors) - len(missed)} met, {len(missed)} missed"
        short = "–" if not missed else f"{sum(100 * t['shortfall'] for t in missed):.1f} points in all"
        rows.append(
            [f"{len(floors)} stranglehold floors ({', '.join(map(str, years))})", ", ".join(levels), verdict, short]
        )
    return table(["target", "required", "plan", "shortfall"], rows), goals, floors


def most_valuable_talent(run: Run, count: int = 4) -> list[tuple[str, int, float]]:
    """(province, year, 亿元 saved) of the largest re-solved values of one
    more k FTE, one per province."""
    best: dict[str, tuple[int, float]] = {}
    for r in run.marginal:
        if r["family"] != "talent" or r["side"] != "more" or r["source"] not in ("resolve", "ranging"):
            continue
        saves = -float(r["objective_change_yi"])
        prov = r["keys"].removeprefix("province=")
        if saves > best.get(prov, (0, 0.0))[1]:
            best[prov] = (int(r["year"]), saves)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][1])[:count]
    return [(p, y, v) for p, (y, v) in ranked if v > 0.5]


def national_blocks(instance: Path, out: Path, free: Path | None) -> dict[str, str]:
    """The instance README's "First solve" block and the README's quotes of it."""
    run = Run(out, instance)
    s = run.summary
    name = s["instance"]["name"]
    size, spend, terms = s["size"], s["spend_yi"], s["objective_terms"]
    years = s["instance"]["years"]
    last_year = years[-1]

    table, goals, floors = milestone_rows(run)
    head = (
        f"Solved by `scripts/docs.sh` on {datetime.date.today().isoformat()} (commit "
        f"{git_commit()}) as `qiangji solve instances/{name} --out out/{name}` runs it (a MIP to the "
        f"default relative gap of 1e-4, one solver thread), the instance exactly as committed: "
        f"{size['columns']:,} columns ({size['integers']:,} integer), {size['rows']:,} rows and "
        f"{size['nonzeros']:,} nonzeros; status {s['status']}, MIP gap {100 * s['mip']['gap']:.4f}%, "
        f"independent check {'passed' if s['check']['passed'] else 'FAILED'}. Objective "
        f"{thousands(s['objective'])}亿元 = discounted spending {thousands(terms['discounted_spend_yi'])}亿元 "
        f"+ shortfall penalty {thousands(terms['shortfall_penalty_yi'])}亿元 (not money); real spending "
        f"{thousands(spend['total'])}亿元 over {years[0]}–{last_year} (central {thousands(spend['central'])}, "
        f"provincial {thousands(spend['provincial'])}), of which "
        f"{thousands(spend['effect_after_horizon']['total'])}亿元 takes effect after the horizon."
    )

    bullets = []
    missed_goals = [t for t in goals if t["shortfall"] > TOLERANCE]
    for t in missed_goals[:1]:
        bullets.append(
            f"**{t['id']}** reaches {pct(t['achieved_realised'])} in {t['year']} against "
            f"{level(t['level'])}: short by {100 * t['shortfall']:.1f} points, priced at "
            f"{thousands(t['dual_yi_per_point'])}亿元 per point."
        )

    budget_years = [int(r["year"]) for r in run.binding("central_budget")]
    talent = run.talent_binding()
    talent_provinces = {r["province"] for r in talent}
    valuable = most_valuable_talent(run)
    if valuable:
        first, *rest = valuable
        worth = (
            f"; one more k FTE saves most in {run.province(first[0])} ({thousands(first[2])}亿元 of "
            f"objective in {first[1]})"
            + "".join(f", {run.province(p)} ({thousands(v)} in {y})" for p, y, v in rest)
            + ", measured by re-solving"
        )
    else:
        worth = ""
    capacity = run.binding("platform_capacity")
    training_yi = sum(float(r["training_yi"]) for r in run.training)
    new_platforms = sum(int(float(r["new_platforms"])) for r in run.platforms)
    chips = join_and(
        [f"{pct(run.share(CHIPS, y))} in {y}" for y in sorted({t["year"] for t in goals if t["year"] > years[0]})]
    )
    bullets.append(
        f"**What binds:** the central budget in {year_ranges(budget_years)}; talent in "
        f"{len(talent)} province-years across {len(talent_provinces)} provinces{worth}; platform "
        f"capacity in {len(capacity)} area-province-years. The plan buys "
        f"{thousands(training_yi)}亿元 of training and {new_platforms} platforms. Chips (`{CHIPS}`) "
        f"reach {chips}."
    )

    decline = run.binding("continuity_decline")
    caps: dict[str, list[int]] = {}
    for r in run.binding("concentration"):
        caps.setdefault(r["keys"].removeprefix("province="), []).append(int(r["year"]))
    last_spend = next(y["total"] for y in spend["by_year"] if y["year"] == last_year)
    cap_text = (
        "binds in "
        + join_and([f"{run.province(p)} in {year_ranges(ys)}" for p, ys in sorted(caps.items(), key=lambda kv: (-len(kv[1]), kv[0]))])
        if caps else "binds nowhere"
    )
    continuity = (
        f"**Continuity and concentration:** the decline bound binds in {len(decline)} area-years and "
        f"{thousands(last_spend)}亿元 is spent in {last_year}; the cap on one province's share of a "
        f"year's central money {cap_text}."
    )
    if free is not None:
        free_run = read_json(free / "summary.json")
        free_targets = {t["id"]: t for t in free_run["targets"]}
        rise = s["objective"] / free_run["objective"] - 1
        last_goal = max((t for t in goals), key=lambda t: t["year"])
        delta = 100 * (last_goal["achieved_realised"] - free_targets[last_goal["id"]]["achieved_realised"])
        continuity += (
            f" Against a solve with both relaxed (growth 1,000%/yr, decline 100%/yr, cap 100%), they "
            f"raise the objective by {100 * rise:.1f}% and change {last_goal['id']} by "
            f"{delta:+.1f} points."
        )
    bullets.append(continuity)

    missed_floors = [t for t in floors if t["shortfall"] > TOLERANCE]
    litho_years = sorted({t["year"] for t in floors if t["id"].startswith(f"floor_{LITHOGRAPHY}_")})
    zero_until = max((y for y in years_range(years) if run.share(LITHOGRAPHY, y) < 5e-4), default=None)
    litho = join_and([f"{pct(run.share(LITHOGRAPHY, y))} in {y}" for y in litho_years])
    bullets.append(
        f"**Stranglehold floors:** {len(floors) - len(missed_floors)} of {len(floors)} met"
        + (f" (missed: {', '.join(t['id'] for t in missed_floors)})" if missed_floors else "")
        + f". ≤ 7 nm lithography (`{LITHOGRAPHY}`) stays at 0% through {zero_until} and reaches {litho}."
    )

    per_item: dict[str, float] = {}
    by_mode: dict[str, float] = {}
    central_by_region: dict[str, float] = {}
    for r in run.alloc:
        money = float(r["funding_central_yi"]) + float(r["funding_provincial_yi"])
        per_item[r["item"]] = per_item.get(r["item"], 0.0) + money
        by_mode[r["mode"]] = by_mode.get(r["mode"], 0.0) + money
        region = run.provinces[r["province"]]["region"]
        central_by_region[region] = central_by_region.get(region, 0.0) + float(r["funding_central_yi"])
    tiers: dict[str, list[float]] = {}
    for iid, item in run.items.items():
        tiers.setdefault(item["tier"], []).append(per_item.get(iid, 0.0))
    mean = {t: statistics.mean(v) for t, v in tiers.items()}
    median = {t: statistics.median(v) for t, v in tiers.items()}
    bullets.append(
        f"**Per item** over the horizon, stranglehold items receive {thousands(mean['stranglehold'])}亿元 "
        f"on average against {thousands(mean['shortboard'])} for shortboard items, and "
        f"{thousands(median['stranglehold'])} against {thousands(median['shortboard'])} at the median."
    )

    sites: dict[str, list[str]] = {}
    for r in run.sites:
        sites.setdefault(r["item"], []).append(run.province(r["province"]))
    table_rows = read_csv(instance / "item_advantage.csv")
    eligible = {(r["item"], r["province"]) for r in table_rows if float(r["advantage"]) >= 1.2}
    listed = {r["item"] for r in table_rows}
    outside = [r for r in run.sites if r["item"] in listed and (r["item"], r["province"]) not in eligible]
    total_central = sum(central_by_region.values()) or 1.0
    regions = ", ".join(
        f"{reg} {pct(v / total_central)}" for reg, v in sorted(central_by_region.items(), key=lambda kv: -kv[1])
    )
    floor_years = [int(r["year"]) for r in run.binding("regional_floor")]
    bullets.append(
        f"**Geography:** {len(run.sites)} lead sites, "
        + ("all inside the item-level table" if not outside else f"{len(outside)} OUTSIDE the item-level table")
        + ": "
        + "; ".join(f"`{item}` in {join_and(sorted(p))}" for item, p in sorted(sites.items()))
        + f". Central money: {regions} (the regional floor binds in {len(floor_years)} years)."
    )

    mode_names = {"little_giant": "little giants"}
    bullets.append(
        "**Instruments:** "
        + ", ".join(
            f"{mode_names.get(m, m)} {thousands(v)}" + ("亿元" if i == 0 else "")
            for i, (m, v) in enumerate(sorted(by_mode.items(), key=lambda kv: -kv[1]))
        )
        + "."
    )

    callouts = SMALL_MARKET_CALLOUTS.get(name, [])
    if callouts:
        bullets.append(
            "**Small markets:** "
            + "; ".join(
                f"`{item}` reaches " + join_and([f"{pct(run.share(item, y))} in {y}" for y in ys])
                for item, ys in callouts
            )
            + "."
        )

    block = "\n".join([wrap(head), "", *table, "", *[wrap(b, bullet=True) for b in bullets]])
    blocks = {name: {"first-solve": block}}
    if "core_2025" in run.targets:
        blocks["README"] = {"core-2025-plan": pct(run.targets["core_2025"]["achieved_realised"])}
    return blocks


def years_range(years: list[int]) -> range:
    return range(years[0], years[-1] + 1)


# ---------------------------------------------------------------- scenarios


class Case:
    """One case of a batch: its summary.json by meaning."""

    def __init__(self, folder: Path):
        self.name = folder.name
        self.summary = read_json(folder / "summary.json")
        self.targets = {t["id"]: t for t in self.summary["targets"]}
        self.spend = self.summary["spend_yi"]
        self.penalty = self.summary["objective_terms"]["shortfall_penalty_yi"]
        self.sites = sum(1 for r in read_csv(folder / "sites.csv") if is_true(r["designated"]))

    def share(self, target: str) -> float:
        return self.targets[target]["achieved_realised"]

    def cell(self, target: str) -> str:
        t = self.targets[target]
        return f"{pct(t['achieved_realised'])} ({level(t['level'])}, {t['year']})"

    def floors_missed(self) -> list[str]:
        return [t for t, v in self.targets.items() if t.startswith("floor_") and v["shortfall"] > TOLERANCE]


def read_batch(batch: Path) -> list[Case]:
    rows = read_csv(batch / "comparison.csv")
    bad = [r["scenario"] for r in rows if r["status"] not in ("optimal",)]
    if bad:
        raise DocsError(f"{batch}: cases without an optimal plan: {', '.join(bad)}")
    return [Case(batch / r["scenario"]) for r in rows]


def scenario_blocks(
    batch: Path, wall_s: float, peak_kb: int, date: str, load: float | None
) -> dict[str, dict[str, str]]:
    """The scenario tables of both READMEs and the comparison's findings."""
    cases = read_batch(batch)
    by = {c.name: c for c in cases}
    base = by.get("base")
    if base is None:
        raise DocsError(f"{batch}: no base case")
    goals = [t for t in base.targets if not t.startswith("floor_")]

    def spending(c: Case) -> str:
        return f"{thousands(c.spend['total'])} ({thousands(c.spend['central'])})"

    def floors(c: Case) -> str:
        missed = c.floors_missed()
        return f"{len(missed)}: {', '.join(missed)}" if missed else "0"

    long = table(
        ["scenario", "real spending 亿元 (central)", "Δ spending vs base 亿元", "shortfall penalty 亿元"]
        + [f"{g} achieved (required, year)" for g in goals]
        + ["floors missed", "lead sites"],
        [
            [f"`{c.name}`", spending(c), signed(c.spend["total"] - base.spend["total"]), thousands(c.penalty)]
            + [c.cell(g) for g in goals]
            + [floors(c), str(c.sites)]
            for c in cases
        ],
    )
    missing = [n for n in README_SCENARIOS if n not in by]
    if missing:
        raise DocsError(f"{batch}: no case {', '.join(missing)} (README_SCENARIOS in scripts/docs.py)")
    short_goals = [g for g in ("core_2030", "all_2035") if g in base.targets]
    short = table(
        ["scenario", "real spending 亿元 (central)"]
        + [f"{g} ({level(base.targets[g]['level'])})" for g in short_goals]
        + ["shortfall penalty 亿元 (not money)"],
        [
            [f"`{by[n].name}`", spending(by[n])] + [pct(by[n].share(g)) for g in short_goals] + [thousands(by[n].penalty)]
            for n in README_SCENARIOS
        ],
    )

    minutes, seconds = divmod(round(wall_s), 60)
    gaps = [c.summary["mip"]["gap"] for c in cases if c.summary.get("mip")]
    case_s = [c.summary["timings_s"]["total"] for c in cases]
    checked = all(c.summary["check"]["passed"] for c in cases)
    run = (
        f"Last solved by `scripts/docs.sh` on {date} (commit {git_commit()}) on a 2-core virtual "
        f"machine{'' if load is None else f' (load average {load:.1f} when the batch started)'}, HiGHS "
        f"{base.summary['solver']['highs_version']}: every case a MIP to the default gap of 1e-4 "
        f"(largest gap {100 * max(gaps):.4f}%){' and checked' if checked else ', NOT ALL CHECKED'}; "
        f"{minutes} min {seconds:02d} s wall for the {len(cases)} cases, "
        f"{len(cases) / (wall_s / 60):.1f} cases a minute, each case {min(case_s):.0f}–{max(case_s):.0f} s "
        f"including its marginal values"
        + (f", {peak_kb / 1024 / 1024:.2f} GB peak memory." if peak_kb > 0 else ".")
    )
    return {
        "README": {"scenarios": "\n".join(short)},
        "china-2025": {
            "scenarios-run": wrap(run),
            "scenarios": "\n".join(long),
            "scenario-findings": scenario_findings(by),
        },
    }


def points(x: float) -> str:
    return f"{100 * abs(x):.1f}"


def scenario_findings(by: dict[str, Case]) -> str:
    """The numbers behind "What the comparison says", one line per finding."""
    base = by["base"]

    def d(name: str, target: str) -> float:
        return by[name].share(target) - base.share(target)

    def spent(name: str) -> float:
        return by[name].spend["total"] - base.spend["total"]

    def more_less(x: float) -> str:
        return "more" if x >= 0 else "less"

    def gains(x: float) -> str:
        return f"{'+' if x >= 0 else '−'}{points(x)}"

    lines = []
    core25 = [c.share("core_2025") for c in by.values() if c.targets["core_2025"]["year"] == 2025]
    lines.append(
        f"core_2025 across the scenarios that keep it in 2025: {pct(min(core25))}–{pct(max(core25))} "
        f"against {level(base.targets['core_2025']['level'])}."
    )
    if "core_70_by_2035" in by and "core_70_by_2035_funded" in by:
        c, f = by["core_70_by_2035"], by["core_70_by_2035_funded"]
        lines.append(
            f"The 70% moved to 2035 (`core_70_by_2035`): {pct(c.share('core_2025'))} for "
            f"{thousands(abs(spent(c.name)))}亿元 {more_less(spent(c.name))}; with a fourth Big Fund phase "
            f"(`core_70_by_2035_funded`): {pct(f.share('core_2025'))} for {signed(spent(f.name))}亿元."
        )
    if "talent_programme" in by:
        lines.append(
            f"Talent programme: {gains(d('talent_programme', 'core_2030'))} points of core_2030 and "
            f"{gains(d('talent_programme', 'all_2035'))} of all_2035 for "
            f"{thousands(abs(spent('talent_programme')))}亿元 {more_less(spent('talent_programme'))} spending."
        )
    if "central_budget_cut_20" in by and "central_budget_plus_20" in by:
        lines.append(
            f"Central money −20%: {gains(d('central_budget_cut_20', 'core_2030'))} points of core_2030 and "
            f"{gains(d('central_budget_cut_20', 'all_2035'))} of all_2035; +20%: "
            f"{gains(d('central_budget_plus_20', 'core_2030'))} and {gains(d('central_budget_plus_20', 'all_2035'))}."
        )
    if "big_fund_iv" in by:
        lines.append(
            f"Big Fund IV: {gains(d('big_fund_iv', 'all_2035'))} points of all_2035 for "
            f"{signed(spent('big_fund_iv'))}亿元; provincial co-funding +50%: "
            f"{gains(d('provincial_cofunding_up', 'all_2035'))} for {signed(spent('provincial_cofunding_up'))}亿元."
        )
    if "embargo_stranglehold" in by:
        lost30, lost35 = -d("embargo_stranglehold", "core_2030"), -d("embargo_stranglehold", "all_2035")
        line = (
            f"Embargo on stranglehold items: {gains(-lost30)} points of core_2030 and {gains(-lost35)} of "
            f"all_2035 with {thousands(abs(spent('embargo_stranglehold')))}亿元 "
            f"{more_less(spent('embargo_stranglehold'))} spending"
        )
        if "embargo_and_cut" in by:
            missed = by["embargo_and_cut"].floors_missed()
            line += f"; with a 20% central cut as well, {len(missed)} floors missed ({', '.join(missed) or 'none'})"
        if "national_system_response" in by:
            n30 = by["national_system_response"].share("core_2030") - by["embargo_stranglehold"].share("core_2030")
            n35 = by["national_system_response"].share("all_2035") - by["embargo_stranglehold"].share("all_2035")
            line += (
                f"; Big Fund IV plus the talent programme under the embargo (`national_system_response`) "
                f"recovers {points(n30)} of the {points(lost30)} points of core_2030 and {points(n35)} of the "
                f"{points(lost35)} of all_2035"
            )
        lines.append(line + ".")
    if "no_new_platforms" in by:
        lines.append(
            f"No new platforms: {thousands(abs(spent('no_new_platforms')))}亿元 "
            f"{more_less(spent('no_new_platforms'))} spending, {gains(d('no_new_platforms', 'core_2030'))} points "
            f"of core_2030 and {gains(d('no_new_platforms', 'all_2035'))} of all_2035."
        )
    floors = [n for n in ("regional_floor_35", "west_floor_13") if n in by]
    if floors:
        lines.append(
            "Regional floors: "
            + "; ".join(
                f"`{n}` changes spending by {signed(spent(n))}亿元 and all_2035 by {gains(d(n, 'all_2035'))} points"
                for n in floors
            )
            + "."
        )
    for n, label in (("chain_for_shortboard", "Chain-only for shortboard items"),
                     ("little_giant_targeted", "Little giants targeted on foundation firms")):
        if n in by:
            worst = min(d(n, g) for g in ("core_2030", "all_2030", "all_2035"))
            lines.append(
                f"{label}: spending {signed(spent(n))}亿元, at most {points(min(worst, 0.0))} points lost on a milestone."
            )
    return "\n".join(wrap(line, bullet=True) for line in lines)


# ---------------------------------------------------------------- performance


def performance_block() -> str:
    """The README's performance table from benches/results.csv: one row per
    measured figure, with its date, machine, HiGHS version and conditions."""
    rows = read_csv(RESULTS)
    need = ("what", "figure", "date", "machine", "highs")
    for n, r in enumerate(rows, start=2):
        missing = [k for k in need if not (r.get(k) or "").strip()]
        if missing:
            raise DocsError(f"{RESULTS.relative_to(ROOT)} line {n}: empty field {', '.join(missing)}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]):
            raise DocsError(f"{RESULTS.relative_to(ROOT)} line {n}, field `date`: expected YYYY-MM-DD, got {r['date']!r}")
    machines = sorted({r["machine"] for r in rows})
    dates = sorted({r["date"] for r in rows})
    highs = statistics.mode(r["highs"] for r in rows)
    when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"

    def measured(r: dict[str, str]) -> str:
        notes = [r["conditions"]] if r["conditions"].strip() else []
        if r["highs"] != highs:
            notes.append(f"HiGHS {r['highs']}")
        if len(machines) > 1:
            notes.append(r["machine"])
        return r["date"] + "".join(f"; {n}" for n in notes)

    lead = wrap(
        f"Measured {when} on {join_and(machines)}, release build, HiGHS {highs}, one solver thread "
        "unless a row says otherwise. Each figure, with its date, machine and conditions, is a row of "
        "[benches/results.csv](benches/results.csv) (edit it when you measure again, then run "
        "`scripts/docs.sh --only performance`); how each was measured, and the stage-by-stage "
        "benches, are in [benches/README.md](benches/README.md)."
    )
    return "\n".join([lead, "", *table(["what", "time", "measured"], [[r["what"], r["figure"], measured(r)] for r in rows])])


# ---------------------------------------------------------------- screenshots


def check_png(path: Path, width: int, height: int) -> None:
    """Fails unless `path` is a PNG of the given size with more than one colour
    band (a blank page compresses to a few kB)."""
    data = path.read_bytes() if path.exists() else b""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise DocsError(f"{path}: no PNG was written (did Chromium load the page?)")
    w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if (w, h) != (width, height):
        raise DocsError(f"{path}: {w} × {h} pixels, expected {width} × {height}")
    if len(data) < 20_000:
        raise DocsError(f"{path}: {len(data)} bytes: the page looks blank")


# ---------------------------------------------------------------- main


def target_file(key: str) -> Path:
    return README if key == "README" else ROOT / "instances" / key / "README.md"


def write_all(blocks: dict[str, dict[str, str]]) -> None:
    for key, named in blocks.items():
        changed = rewrite(target_file(key), named)
        print(f"  {'wrote' if changed else 'unchanged:'} {', '.join(named)} in {target_file(key).relative_to(ROOT)}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("demo")
    a.add_argument("out", type=Path)
    a.add_argument("stdout", type=Path)
    a = sub.add_parser("national")
    a.add_argument("instance", type=Path)
    a.add_argument("out", type=Path)
    a.add_argument("--free", type=Path)
    a = sub.add_parser("scenarios")
    a.add_argument("batch", type=Path)
    a.add_argument("--wall-s", type=float, required=True)
    a.add_argument("--peak-kb", type=int, required=True)
    a.add_argument("--date", required=True)
    a.add_argument("--load", type=float, help="load average when the batch started")
    sub.add_parser("performance")
    sub.add_parser("list")
    a = sub.add_parser("check-png")
    a.add_argument("png", type=Path)
    a.add_argument("width", type=int)
    a.add_argument("height", type=int)
    args = p.parse_args()
    try:
        if args.cmd == "demo":
            write_all({"README": demo_blocks(args.out, args.stdout)})
        elif args.cmd == "national":
            write_all(national_blocks(args.instance, args.out, args.free))
        elif args.cmd == "scenarios":
            write_all(scenario_blocks(args.batch, args.wall_s, args.peak_kb, args.date, args.load))
        elif args.cmd == "performance":
            write_all({"README": {"performance": performance_block()}})
        elif args.cmd == "check-png":
            check_png(args.png, args.width, args.height)
        else:
            list_blocks()
    except (DocsError, KeyError, ValueError) as e:
        print(f"docs.py: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
