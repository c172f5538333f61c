"""How each stage of `cargo bench --bench stages` grows with model size.

Reads criterion's medians (target/criterion/stages/<stage>_<case>/new/
estimates.json) and the cases' sizes (target/criterion/stages/sizes.csv,
written by the bench), fits time = a * columns^b by least squares on
log(time) against log(columns) over the generated instances (the same
structure at every size), and prints a Markdown table: median per size and
the fitted exponent b (1 = linear, 2 = quadratic).

    python3 benches/growth.py [TARGET_DIR]
"""

import csv
import json
import math
import sys
from pathlib import Path

STAGES = ["load", "build", "pass", "solve", "readback", "check", "write"]


def median_seconds(root: Path, stage: str, case: str) -> float | None:
    path = root / f"{stage}_{case}" / "new" / "estimates.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"] / 1e9


def exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(seconds) on log(columns)."""
    if len(points) < 2:
        return None
    xs = [math.log(c) for c, _ in points]
    ys = [math.log(s) for _, s in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else None


def human(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("target")
    root = target / "criterion" / "stages"
    with open(root / "sizes.csv") as f:
        sizes = {row["case"]: int(row["columns"]) for row in csv.DictReader(f)}
    cases = sorted((c for c in sizes if c.startswith("generated-")), key=sizes.get)
    header = ["stage"] + [f"{c} ({sizes[c]:,} columns)" for c in cases] + ["exponent b"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for stage in STAGES:
        row, points = [stage], []
        for case in cases:
            s = median_seconds(root, stage, case)
            row.append(human(s) if s is not None else "–")
            if s is not None and s > 0:
                points.append((sizes[case], s))
        b = exponent(points)
        row.append(f"{b:.2f}" if b is not None else "–")
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
