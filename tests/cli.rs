//! End-to-end runs of the `qiangji` binary.

mod common;

use std::fs;

use common::*;

const OUTPUTS: [&str; 12] = [
    "allocation.csv",
    "duals.csv",
    "exchange_rates.csv",
    "marginal_values.csv",
    "platforms.csv",
    "report.html",
    "report.md",
    "self_sufficiency.csv",
    "sites.csv",
    "summary.json",
    "targets.csv",
    "training.csv",
];

#[test]
fn solve_writes_every_output_with_a_passed_check() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let run = qiangji()
        .arg("solve")
        .arg(demo())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for f in OUTPUTS {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["status"], "optimal");
    assert_eq!(summary["check"]["passed"], true);
    assert!(summary["check"]["max_violation"].as_f64().unwrap() < 1e-6);
    assert_eq!(summary["solver"]["name"], "HiGHS");
    assert!(summary["solver"]["highs_version"]
        .as_str()
        .unwrap()
        .starts_with("1."));
    assert_eq!(summary["targets"][0]["met"], true);
    assert!(
        summary["instance"]["files_sha256"]["items.csv"]
            .as_str()
            .unwrap()
            .len()
            == 64
    );
    assert!(summary["model"]["sha256"].as_str().unwrap().len() == 64);
    // One candidate lead site (chip in east) + platforms for 2 areas × 2 provinces × 3 years.
    assert_eq!(summary["size"]["integers"], 13);
    let spend = &summary["spend_yi"];
    let total = spend["total"].as_f64().unwrap();
    let parts = spend["central"].as_f64().unwrap() + spend["provincial"].as_f64().unwrap();
    assert!((total - parts).abs() < 1e-6);
    let terms = &summary["objective_terms"];
    let obj = summary["objective"].as_f64().unwrap();
    let sum = terms["shortfall_penalty_yi"].as_f64().unwrap()
        + terms["discounted_spend_yi"].as_f64().unwrap()
        + terms["sufficiency_term_yi"].as_f64().unwrap();
    assert!((obj - sum).abs() < 1e-6);
    let report = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        report.contains("## Targets")
            && report.contains("core_2026")
            && report.contains("What one more unit is worth")
    );
    let alloc = fs::read_to_string(out.join("allocation.csv")).unwrap();
    assert!(alloc.starts_with("year,item,area,tier,province,mode,effort,funding_central_yi,funding_provincial_yi,talent_kfte,capacity_cu\n"));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("demo: optimal") && stdout.contains("check              passed"));
}

#[test]
fn outputs_are_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for out in [&a, &b] {
        let run = qiangji()
            .arg("solve")
            .arg(demo())
            .arg("--out")
            .arg(out)
            .output()
            .unwrap();
        assert!(run.status.success());
    }
    for f in [
        "allocation.csv",
        "duals.csv",
        "platforms.csv",
        "report.md",
        "self_sufficiency.csv",
        "sites.csv",
        "targets.csv",
        "training.csv",
    ] {
        assert_eq!(
            fs::read(a.join(f)).unwrap(),
            fs::read(b.join(f)).unwrap(),
            "{f} differs between runs"
        );
    }
}

#[test]
fn an_earlier_output_is_replaced_but_a_foreign_folder_is_not() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    for _ in 0..2 {
        let run = qiangji()
            .arg("solve")
            .arg(demo())
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(run.status.success());
    }
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no staging folders are left behind: {leftovers:?}"
    );

    let foreign = tmp.path().join("mine");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "keep me").unwrap();
    let run = qiangji()
        .arg("solve")
        .arg(demo())
        .arg("--out")
        .arg(&foreign)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(foreign.join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn infeasible_hard_targets_exit_4_with_a_status_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let run = qiangji()
        .arg("solve")
        .arg(fixture("budget_short"))
        .arg("--hard-targets")
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert!(summary["status"]
        .as_str()
        .unwrap()
        .starts_with("infeasible"));
    assert_eq!(summary["has_plan"], false);
    assert!(!out.join("allocation.csv").exists());
}

#[test]
fn check_accepts_the_bundled_instances() {
    for dir in [
        demo(),
        fixture("chain_binds"),
        fixture("site_decision"),
        fixture("budget_short"),
    ] {
        let run = qiangji().arg("check").arg(&dir).output().unwrap();
        assert!(
            run.status.success(),
            "{}: {}",
            dir.display(),
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(String::from_utf8_lossy(&run.stdout).contains("valid"));
    }
}

/// `--no-explain`: the same checked plan, no re-solves, and every output
/// says that the marginal values were not measured rather than zero.
#[test]
fn no_explain_writes_the_checked_plan_and_says_what_is_not_measured() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = tmp.path().join("plain");
    let quick = tmp.path().join("quick");
    for (out, extra) in [(&plain, Some("--no-explain")), (&quick, None)] {
        let mut args = vec![
            "solve".into(),
            demo().into_os_string(),
            "--out".into(),
            out.clone().into_os_string(),
        ];
        args.extend(extra.map(Into::into));
        let run = run_ok(args);
        if extra.is_some() {
            let stdout = String::from_utf8_lossy(&run.stdout);
            assert!(stdout.contains("not measured (--no-explain"), "{stdout}");
        }
    }
    let read = |dir: &std::path::Path| -> serde_json::Value {
        serde_json::from_slice(&fs::read(dir.join("summary.json")).unwrap()).unwrap()
    };
    let (plain_summary, quick_summary) = (read(&plain), read(&quick));
    assert_eq!(plain_summary["explanation"]["skipped"], "--no-explain");
    assert!(quick_summary["explanation"]["solves"].as_u64().unwrap() > 0);
    assert_eq!(plain_summary["check"]["passed"], true);
    assert_eq!(plain_summary["objective"], quick_summary["objective"]);
    assert_eq!(
        fs::read_to_string(plain.join("allocation.csv")).unwrap(),
        fs::read_to_string(quick.join("allocation.csv")).unwrap()
    );
    let report = fs::read_to_string(plain.join("report.md")).unwrap();
    assert!(report.contains("Not measured: this run was asked not to explain its plan"));
    assert!(!report.contains("## Exchange rates"));
    // sensitivity is the full explanation: the flag contradicts it.
    let run = qiangji()
        .arg("sensitivity")
        .arg(demo())
        .arg("--out")
        .arg(tmp.path().join("s"))
        .arg("--no-explain")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--no-explain"));
    assert!(!tmp.path().join("s").exists());
}

#[test]
fn bad_solver_options_are_input_errors() {
    for args in [
        ["--mip-gap", "2"],
        ["--time-limit", "-1"],
        ["--threads", "0"],
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("plan");
        let run = qiangji()
            .arg("solve")
            .arg(demo())
            .arg("--out")
            .arg(&out)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(!out.exists());
    }
    let run = qiangji()
        .arg("solve")
        .arg(demo())
        .arg("--out")
        .arg("/tmp/never")
        .arg("--objective")
        .arg("cheapest")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("unknown objective preset"));
}

/// Every number (and Slurm value) a subcommand takes, given out of its
/// range: exit status 2, a message naming the flag and the rule, and no
/// output folder. Each subcommand's line is otherwise valid.
#[test]
fn every_out_of_range_number_is_an_input_error_naming_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    // A valid command line, DEMO and OUT standing for the two folders.
    let line = |words: &str| -> Vec<String> {
        words
            .split_whitespace()
            .map(|w| match w {
                "DEMO" => demo().display().to_string(),
                "OUT" => out.display().to_string(),
                w => w.to_string(),
            })
            .collect()
    };
    let solve = line("solve DEMO --out OUT");
    let sensitivity = line("sensitivity DEMO --out OUT");
    let relax = line("relax DEMO --out OUT");
    let batch = line("batch DEMO --out OUT");
    let slurm = line("batch DEMO --slurm --out OUT");
    let sweep =
        line("sweep DEMO --param central_budget --op scale --from 0.5 --to 1 --steps 3 --out OUT");
    let montecarlo = line("montecarlo DEMO --samples 2 --out OUT");
    let robust = line("robust DEMO --samples 2 --out OUT");
    let tornado = line("tornado DEMO --out OUT");
    let generate = line("generate --items 3 --provinces 2 --years 3 --out OUT");
    let diff = line("diff DEMO DEMO --out OUT");
    let cases: Vec<(&Vec<String>, &str, &[&str])> = vec![
        (&solve, "--time-limit", &["0", "-1", "nan", "inf", "1e400"]),
        (&solve, "--mip-gap", &["-0.1", "1", "2", "NaN"]),
        (&solve, "--threads", &["0", "-1", "5000", "1.5"]),
        (&solve, "--seed", &["-1", "2147483648"]),
        (&sensitivity, "--time-limit", &["-5"]),
        (&sensitivity, "--mip-gap", &["-1"]),
        (&relax, "--time-limit", &["-1", "0"]),
        (&relax, "--threads", &["0"]),
        (&relax, "--mip-gap", &["1"]),
        (&relax, "--seed", &["-3"]),
        (&batch, "--jobs", &["0", "-2"]),
        (&batch, "--mip-gap", &["-1", "1.5"]),
        (&slurm, "--shards", &["0", "-1"]),
        (&slurm, "--cpus-per-task", &["0"]),
        (&slurm, "--time", &["-1", "1h", "1:00:00\nrm -rf ~"]),
        (&slurm, "--mem", &["-4G", "4 GB"]),
        (&slurm, "--partition", &["debug; rm -rf ~", ""]),
        (&sweep, "--steps", &["1", "0", "-3"]),
        (&sweep, "--from", &["inf", "nan"]),
        (&sweep, "--to", &["-inf"]),
        (&sweep, "--threads", &["0"]),
        (&montecarlo, "--samples", &["0", "-5"]),
        (&montecarlo, "--cv", &["-0.1", "6"]),
        (&montecarlo, "--seed", &["-1"]),
        (&montecarlo, "--workers", &["0", "-1"]),
        (&robust, "--samples", &["0", "-5"]),
        (&robust, "--reliability", &["0", "1.5", "-0.5", "nan"]),
        (
            &robust,
            "--cvar",
            &["0.9", "1:0.5", "0.9:-1", "a:b", "0.9:0.5:1"],
        ),
        (&robust, "--cv", &["-0.1", "6"]),
        (&robust, "--validation-samples", &["0"]),
        (&robust, "--time-limit", &["0"]),
        (&tornado, "--delta", &["0", "1", "-0.2", "1.5"]),
        (&tornado, "--workers", &["0"]),
        (&generate, "--items", &["0", "-1"]),
        (&generate, "--provinces", &["0"]),
        (&generate, "--years", &["0", "101", "-3"]),
        (&generate, "--seed", &["-1"]),
        (&diff, "--top", &["0", "-1"]),
    ];
    let mut failures = Vec::new();
    for (base, flag, values) in cases {
        for value in values {
            // A flag the line already gives takes the bad value in its place.
            let mut args = base.clone();
            match args.iter().position(|a| a == flag) {
                Some(at) => {
                    args.remove(at + 1);
                    args[at] = format!("{flag}={value}");
                }
                None => args.push(format!("{flag}={value}")),
            }
            let run = qiangji().args(&args).output().unwrap();
            let stderr = String::from_utf8_lossy(&run.stderr);
            let what = format!("{} {flag}={value:?}", base[0]);
            if run.status.code() != Some(2) {
                failures.push(format!("{what}: exit {:?}\n{stderr}", run.status.code()));
            } else if !stderr.contains(&format!("'{flag} ")) || !stderr.contains("must be") {
                failures.push(format!(
                    "{what}: message lacks the flag or the rule:\n{stderr}"
                ));
            }
            if out.exists() {
                failures.push(format!("{what}: an output folder was written"));
                fs::remove_dir_all(&out).unwrap();
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // The same rule whether the value follows the flag as its own word.
    let run = qiangji()
        .args(&solve)
        .args(["--time-limit", "-1"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("'--time-limit <SECONDS>': must be a finite number > 0"),
        "{stderr}"
    );
}

#[test]
fn help_explains_exit_codes() {
    let run = qiangji().arg("solve").arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&run.stdout);
    for f in [
        "--time-limit",
        "--mip-gap",
        "--relax",
        "--hard-targets",
        "--objective",
        "Exit status",
        "input error",
    ] {
        assert!(text.contains(f), "help lacks {f}");
    }
}

#[test]
fn time_limit_and_options_are_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    run_ok([
        "solve",
        demo().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--time-limit",
        "30",
        "--mip-gap",
        "0.0001",
        "--seed",
        "7",
        "--threads",
        "1",
    ]);
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    let opts = &summary["solver"]["options"];
    assert_eq!(opts["time_limit"], "30");
    assert_eq!(opts["mip_rel_gap"], "0.0001");
    assert_eq!(opts["random_seed"], "7");
    assert_eq!(opts["threads"], "1");
}

#[test]
fn a_time_limit_reports_its_status_and_any_incumbent_is_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let inst = tmp.path().join("g");
    qiangji::generate::generate(
        &qiangji::generate::GenerateOptions::new(40, 31, 10, 9),
        &inst,
    )
    .unwrap();
    let out = tmp.path().join("plan");
    let run = qiangji()
        .arg("solve")
        .arg(&inst)
        .arg("--out")
        .arg(&out)
        .args(["--time-limit", "0.2"])
        .output()
        .unwrap();
    if run.status.code() == Some(5) {
        // Stopped before finding any plan: the solver's limit, not the
        // model, and nothing is written.
        assert!(!out.exists());
        return;
    }
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(
        summary["status"],
        "time_limit",
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    // An incumbent is reported with its gap and passed the checker.
    assert_eq!(summary["has_plan"], true);
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(summary["check"]["passed"], true);
    assert!(summary["mip"]["gap"].as_f64().is_some());
}

/// `solve --timings` names every stage on stderr with its seconds and share
/// of the wall-clock total, plus the time between stages, so the lines
/// account for the whole run; summary.json records the same stages.
#[test]
fn timings_split_the_whole_run_into_stages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let run = qiangji()
        .arg("solve")
        .arg(demo())
        .arg("--out")
        .arg(&out)
        .arg("--timings")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let stages = [
        "load instance",
        "build formulation",
        "pass to HiGHS",
        "MIP start search",
        "solve",
        "read back",
        "independent check",
        "marginal values / why no plan",
        "write outputs",
        "between stages",
    ];
    let mut shares = 0.0;
    let mut seconds_sum = 0.0;
    for stage in stages {
        let line = stderr
            .lines()
            .find(|l| l.trim_start().starts_with(stage) && l.ends_with('%'))
            .unwrap_or_else(|| panic!("no line for stage {stage:?} in:\n{stderr}"));
        let fields: Vec<&str> = line.split_whitespace().collect();
        let share: f64 = fields[fields.len() - 1]
            .trim_end_matches('%')
            .parse()
            .unwrap();
        let seconds: f64 = fields[fields.len() - 3].parse().unwrap();
        assert!(seconds >= 0.0 && (0.0..=100.0).contains(&share), "{line}");
        shares += share;
        seconds_sum += seconds;
    }
    // Each share is rounded to 0.1%, each time to 1 ms.
    assert!(
        (99.4..=100.6).contains(&shares),
        "shares add up to {shares}%:\n{stderr}"
    );
    let total_line = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("total (wall clock)"))
        .unwrap_or_else(|| panic!("no total in:\n{stderr}"));
    let total: f64 = total_line
        .split_whitespace()
        .nth(3)
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (seconds_sum - total).abs() <= 0.006,
        "stages add up to {seconds_sum} s, total {total} s:\n{stderr}"
    );

    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    let t = &summary["timings_s"];
    let keys = [
        "load",
        "build",
        "pass",
        "mip_start",
        "solve",
        "read_back",
        "check",
        "explain",
        "write",
    ];
    let sum: f64 = keys
        .iter()
        .map(|k| {
            t[k].as_f64()
                .unwrap_or_else(|| panic!("timings_s.{k} missing"))
        })
        .sum();
    // The demo is a MIP: its structured start ran.
    assert!(t["mip_start"].as_f64().unwrap() > 0.0);
    let total = t["total"].as_f64().unwrap();
    assert!((sum - total).abs() <= 1e-6 * keys.len() as f64, "{t}");
}

/// A bound that is floating-point residue (an item whose ceiling is its
/// initial share plus 1e-16, so its segment widths are ~4e-17) is set to
/// zero before HiGHS sees it: HiGHS no longer warns of excessively small
/// bounds, summary.json counts the snapped values, and every recorded
/// range stays clear of the residue.
#[test]
fn residue_never_reaches_highs_and_ranges_are_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let inst = tmp.path().join("residue");
    fs::create_dir(&inst).unwrap();
    for entry in fs::read_dir(demo()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), inst.join(entry.file_name())).unwrap();
    }
    let items = fs::read_to_string(inst.join("items.csv")).unwrap();
    let edited = items.replace(
        "bearing,components,general,0.50,0.95,",
        "bearing,components,general,0.50,0.5000000000000001,",
    );
    assert_ne!(items, edited, "the demo's bearing row changed");
    fs::write(inst.join("items.csv"), edited).unwrap();
    let out = tmp.path().join("plan");
    let run = qiangji()
        .arg("solve")
        .arg(&inst)
        .arg("--out")
        .arg(&out)
        .arg("--verbose")
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "{log}");
    // The solver's log is on: it would name the residue if it got there.
    assert!(log.contains("Coefficient ranges"), "{log}");
    assert!(!log.contains("excessively small"), "{log}");
    assert!(log.contains("model coefficient ranges"), "{log}");

    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    let n = &summary["numerics"];
    assert!(n["snapped_to_zero"].as_u64().unwrap() >= 1, "{n}");
    for range in ["matrix", "cost", "bound", "rhs"] {
        let (min, max) = (n[range]["min"].as_f64(), n[range]["max"].as_f64());
        let (min, max) = (min.unwrap(), max.unwrap());
        assert!(1e-12 <= min && min <= max, "{range}: {n}");
        assert_eq!(n[range]["wide"], max / min > 1e9, "{range}: {n}");
    }
    assert!(n["warnings"].as_array().unwrap().is_empty(), "{n}");
}

/// A badly scaled model is solved, but never silently: the largest penalty
/// the files allow (1e7 亿元 per point, a cost of 1e9 per unit share) next
/// to an instrument at 1e-4 亿元 per effort unit (both inside their input
/// ranges) is named on stderr and in summary.json, its range flagged wide.
#[test]
fn a_wide_range_is_warned_about_on_stderr_and_in_the_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let run = qiangji()
        .arg("solve")
        .arg(demo())
        .arg("--out")
        .arg(&out)
        .args(["--set", "target_penalty=1e7"])
        .args(["--set", "funding_per_effort[mode=enterprise]=1e-4"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("warning: numerics: cost range"), "{stderr}");
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    let n = &summary["numerics"];
    assert_eq!(n["cost"]["wide"], true, "{n}");
    assert_eq!(n["matrix"]["wide"], false, "{n}");
    let warnings: Vec<&str> = n["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("cost range") && w.contains("more than 1e9")),
        "{warnings:?}"
    );
    for w in &warnings {
        assert!(stderr.contains(w), "{w} not on stderr:\n{stderr}");
    }
}

/// The printed summary of a solve names the variant it solved: the
/// scenarios applied and every override, with where each came from.
#[test]
fn the_printed_summary_echoes_scenarios_and_overrides() {
    let tmp = tempfile::tempdir().unwrap();
    let scenarios = tmp.path().join("scenarios.toml");
    std::fs::write(
        &scenarios,
        "[lean]\ntitle = \"lean\"\noverrides = [\n  { param = \"central_budget\", scale = 0.8 },\n]\n",
    )
    .unwrap();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/demo");
    let out = tmp.path().join("out");
    let run = qiangji()
        .arg("solve")
        .arg(&demo)
        .args(["--scenarios"])
        .arg(&scenarios)
        .args([
            "--scenario",
            "lean",
            "--set",
            "target_level[target=core_2026]=0.55",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let printed = String::from_utf8(run.stdout).unwrap();
    assert!(printed.contains("  scenarios          lean\n"), "{printed}");
    assert!(
        printed.contains("central_budget*=0.8 (scenario `lean`"),
        "{printed}"
    );
    assert!(
        printed.contains("target_level[target=core_2026]=0.55 (--set)"),
        "{printed}"
    );
    // Without scenarios or overrides nothing is echoed.
    let plain = run_ok([
        "solve",
        demo.to_str().unwrap(),
        "--out",
        tmp.path().join("plain").to_str().unwrap(),
    ]);
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(
        !plain.contains("override") && !plain.contains("scenarios  "),
        "{plain}"
    );
}
