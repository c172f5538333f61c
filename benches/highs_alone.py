"""HiGHS alone on a model qiangji exported (`qiangji export ... --mps FILE`).

Times reading the file and solving it with HiGHS's defaults and one thread,
as qiangji's `solve` runs by default, and prints one line:
read seconds, run seconds, model status, objective, MIP gap.

    python3 benches/highs_alone.py /tmp/n.mps [--relax] [--time-limit S]

--relax makes every integer column continuous first (qiangji's --relax).
"""

import argparse
import time

import highspy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mps")
    parser.add_argument("--relax", action="store_true")
    parser.add_argument("--time-limit", type=float, default=None)
    args = parser.parse_args()

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    if args.time_limit is not None:
        h.setOptionValue("time_limit", args.time_limit)
    started = time.perf_counter()
    h.readModel(args.mps)
    read_s = time.perf_counter() - started
    if args.relax:
        lp = h.getLp()
        n = lp.num_col_
        h.changeColsIntegrality(
            n, list(range(n)), [highspy.HighsVarType.kContinuous] * n
        )
    started = time.perf_counter()
    h.run()
    run_s = time.perf_counter() - started
    info = h.getInfo()
    print(
        f"read {read_s:.3f} s  run {run_s:.3f} s  "
        f"status {h.modelStatusToString(h.getModelStatus())}  "
        f"objective {info.objective_function_value:.6f}  "
        f"gap {info.mip_gap:.2e}  highs {h.version()}"
    )


if __name__ == "__main__":
    main()
