//! Properties of plans on generated instances (`qiangji::generate`, small
//! sizes so the suite stays fast): every plan passes the independent check,
//! the LP bound never exceeds the MIP optimum, more budget never costs more,
//! the money unit does not matter, and the order of rows in any table does
//! not change one output byte. Plus: two runs give byte-identical outputs.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::*;
use proptest::prelude::*;
use qiangji::check::{check_plan, CheckOptions};
use qiangji::generate::{build, GenerateOptions};
use qiangji::instance::{load, Instance, LoadOptions};
use qiangji::plan::spend_by_year;
use qiangji::readback::realise::realised_levels;
use qiangji::run::{solve_instance, RunOptions, RunResult};

/// A generated instance written to `dir`.
fn generated(dir: &Path, seed: u64, items: usize, provinces: usize, years: usize) -> Instance {
    let opts = GenerateOptions::new(items, provinces, years, seed);
    fs::create_dir_all(dir).unwrap();
    for (name, text) in build(&opts).expect("generates") {
        fs::write(dir.join(name), text).unwrap();
    }
    load(dir, &LoadOptions::default()).unwrap_or_else(|e| panic!("generated instance loads:\n{e}"))
}

fn checked(inst: &Instance, opts: &RunOptions) -> RunResult {
    let r = solve_instance(inst, opts).expect("solve runs");
    let check = r.check.as_ref().expect("a plan");
    assert!(check.passed, "independent check: {:?}", check.violations);
    r
}

/// Exact MIP optima, so that comparisons between solves are not blurred by the gap.
fn exact() -> RunOptions {
    RunOptions {
        solver: qiangji::solve::SolverOptions {
            mip_gap: Some(0.0),
            threads: Some(1),
            ..Default::default()
        },
        ..RunOptions::default()
    }
}

proptest! {
    // A fixed seed: the same instances on every run.
    #![proptest_config(ProptestConfig {
        cases: 6,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(11),
        ..ProptestConfig::default()
    })]

    /// Every solve passes the check; the LP relaxation's optimum is a lower
    /// bound of the MIP's; more budget never raises the min-cost objective.
    #[test]
    fn bounds_budgets_and_checks(seed in 0u64..1000, items in 3usize..8, provinces in 2usize..5, years in 2usize..6) {
        let tmp = tempfile::tempdir().unwrap();
        let inst = generated(tmp.path(), seed, items, provinces, years);
        let mip = checked(&inst, &exact());
        let lp = checked(&inst, &RunOptions { relax: true, ..exact() });
        let (mip_obj, lp_obj) = (objective(&mip), objective(&lp));
        prop_assert!(lp_obj <= mip_obj + 1e-6 * mip_obj.abs().max(1.0), "LP {lp_obj} > MIP {mip_obj}");
        let mut richer = inst.clone();
        for b in richer.central_budget_yi.iter_mut() {
            *b *= 1.5;
        }
        richer.provincial_budget_yi *= 1.5;
        let more = checked(&richer, &exact());
        prop_assert!(objective(&more) <= mip_obj + 1e-6 * mip_obj.abs().max(1.0),
            "more budget raised the objective: {} > {mip_obj}", objective(&more));
    }

    /// Measuring money in units ten times smaller multiplies every spending
    /// figure by 10 and changes no self-sufficiency level: the optimum is 10×,
    /// and the base plan, its training spending in the new unit, is feasible
    /// and optimal in the scaled instance with 10× the spending and the same
    /// realised levels. (Comparing the two solver answers directly would
    /// compare two vertices of a degenerate optimum.)
    #[test]
    fn the_money_unit_does_not_matter(seed in 0u64..1000, items in 3usize..7, provinces in 2usize..4) {
        let tmp = tempfile::tempdir().unwrap();
        let inst = generated(tmp.path(), seed, items, provinces, 4);
        let opts = RunOptions { relax: true, ..exact() };
        let base = checked(&inst, &opts);
        let scaled_inst = scale_money(&inst, 10.0);
        let scaled = checked(&scaled_inst, &opts);
        let rel = |a: f64, b: f64| (a - b).abs() / a.abs().max(b.abs()).max(1e-9);
        prop_assert!(rel(objective(&scaled), 10.0 * objective(&base)) < 1e-7);
        let mut mapped = base.plan.clone().unwrap();
        mapped.training_yi *= 10.0;
        let check = check_plan(
            &scaled_inst,
            &mapped,
            &CheckOptions {
                relax: true,
                hard_targets: false,
                objective: scaled_inst.objective,
                optimal: true,
            },
            scaled.outcome.objective,
        );
        prop_assert!(check.passed, "the base plan in the new unit: {:?}", check.violations);
        let spend = |i: &Instance, p: &qiangji::plan::Plan| -> f64 {
            spend_by_year(i, p).iter().map(|s| s.total_yi()).sum()
        };
        let (before, after) = (spend(&inst, base.plan.as_ref().unwrap()), spend(&scaled_inst, &mapped));
        prop_assert!(rel(after, 10.0 * before) < 1e-9, "spend {after} vs 10 × {before}");
        let (s1, s2) = (
            realised_levels(&inst, base.plan.as_ref().unwrap()),
            realised_levels(&scaled_inst, &mapped),
        );
        for (a, b) in s1.iter().zip(s2.iter()) {
            prop_assert!((a - b).abs() < 1e-12, "self-sufficiency changed: {a} vs {b}");
        }
    }
}

/// Every money figure of an instance in a unit `factor` times smaller.
fn scale_money(inst: &Instance, factor: f64) -> Instance {
    let mut s = inst.clone();
    for b in s.central_budget_yi.iter_mut() {
        *b *= factor;
    }
    s.provincial_budget_yi *= factor;
    for m in s.model.modes.iter_mut() {
        m.funding_yi_per_effort *= factor;
    }
    s.model.platform_cost_yi *= factor;
    s.model.training_kfte_per_yi /= factor;
    s.model.default_penalty_yi_per_point *= factor;
    for t in s.targets.iter_mut() {
        t.penalty_yi_per_point *= factor;
    }
    for item in s.items.iter_mut() {
        item.weight_yi *= factor;
    }
    s.objective.sufficiency_weight *= factor;
    if let Some(c) = s.continuity.as_mut() {
        for r in c.ramp_yi.iter_mut() {
            *r *= factor;
        }
    }
    s
}

/// Every output file of `qiangji solve`, with what legitimately differs
/// between two runs removed: timings, the run id, and (when the files
/// themselves differ) their hashes and the instance path.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = fs::read(entry.path()).unwrap();
        let bytes = match name.as_str() {
            "summary.json" => {
                let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                v.as_object_mut().unwrap().remove("timings_s");
                let instance = v["instance"].as_object_mut().unwrap();
                instance.remove("files_sha256");
                instance.remove("path");
                serde_json::to_vec_pretty(&v).unwrap()
            }
            // The page names each input file with its sha256, which a
            // permutation of rows changes; nothing else may change.
            "report.html" => without_sha256(&bytes),
            n if n == qiangji::output::atomic::MANIFEST => {
                let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                v.as_object_mut().unwrap().remove("run_id");
                let files = v["files"].as_array_mut().unwrap();
                files.retain(|f| f["name"] != "summary.json" && f["name"] != "report.html");
                serde_json::to_vec_pretty(&v).unwrap()
            }
            _ => bytes,
        };
        files.insert(name, bytes);
    }
    files
}

/// `bytes` with every 64-digit hex string (a sha256) replaced by a mark.
fn without_sha256(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        if run == 64 {
            out.extend_from_slice(b"<sha256>");
            i += run;
        } else {
            out.extend_from_slice(&bytes[i..i + run.max(1)]);
            i += run.max(1);
        }
    }
    out
}

fn solve_to(inst: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    run_ok([
        "solve".as_ref(),
        inst.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--mip-gap".as_ref(),
        "0".as_ref(),
        "--threads".as_ref(),
        "1".as_ref(),
    ]);
    outputs(out)
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}"
    );
    // The manifest lists the other files' hashes: compare it last, so that
    // a difference names the file that differs.
    let manifest = qiangji::output::atomic::MANIFEST;
    let ordered = a
        .iter()
        .filter(|(n, _)| n.as_str() != manifest)
        .chain(a.iter().filter(|(n, _)| n.as_str() == manifest));
    for (name, bytes) in ordered {
        assert!(
            bytes == &b[name],
            "{what}: {name} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[name])
        );
    }
}

/// Rows of every table reversed and rotated (header and comments kept first).
fn permute_rows(dir: &Path, shift: usize) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        let mut rows = lines.split_off(1);
        rows.reverse();
        if !rows.is_empty() {
            let k = shift % rows.len();
            rows.rotate_left(k);
        }
        lines.extend(rows);
        fs::write(&path, lines.join("\n") + "\n").unwrap();
    }
}

#[test]
fn permuting_the_rows_of_every_table_changes_no_output_byte() {
    for (seed, shift) in [(3u64, 1usize), (11, 2), (29, 5)] {
        let tmp = tempfile::tempdir().unwrap();
        let inst = tmp.path().join("inst");
        generated(&inst, seed, 6, 4, 4);
        let first = solve_to(&inst, &tmp.path().join("first"));
        permute_rows(&inst, shift);
        let permuted = solve_to(&inst, &tmp.path().join("permuted"));
        assert_same(&first, &permuted, &format!("seed {seed}"));
    }
}

#[test]
fn two_runs_give_byte_identical_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let inst = tmp.path().join("inst");
    generated(&inst, 7, 8, 4, 5);
    for dir in [demo(), inst] {
        let a = solve_to(&dir, &tmp.path().join("a"));
        let b = solve_to(&dir, &tmp.path().join("b"));
        assert_same(&a, &b, &dir.display().to_string());
        fs::remove_dir_all(tmp.path().join("a")).unwrap();
        fs::remove_dir_all(tmp.path().join("b")).unwrap();
    }
}

/// Every generated instance is valid, also the smallest ones (which may draw
/// no component or material item for the core target).
#[test]
fn every_small_generated_instance_loads() {
    let tmp = tempfile::tempdir().unwrap();
    for seed in 0..40 {
        for items in 1..5 {
            generated(
                &tmp.path().join(format!("{seed}-{items}")),
                seed,
                items,
                2,
                2,
            );
        }
    }
}
