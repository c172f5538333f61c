//! `qiangji check` diagnoses, before any solve, what makes a target
//! impossible (errors, exit status 2) or an input useless (warnings, exit
//! status 0), naming the file, line and field to change. Each case is built
//! so that the impossibility is certain, and the same instance is shown
//! infeasible with `--hard-targets`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use qiangji::instance::diagnose::{diagnose, Diagnostic, Severity};

/// One centrally and provincially funded instrument per tier; `capacity`
/// is the platform capacity one effort unit needs [cu].
fn model(capacity: f64) -> String {
    fs::read_to_string(repo().join("tests/fixtures/simple_model.toml"))
        .unwrap()
        .replace(
            "capacity_cu_per_effort = 0.0",
            &format!("capacity_cu_per_effort = {capacity}"),
        )
}

/// Writes an instance folder in a temporary directory: the model file, the
/// given files, and default areas, advantage and provinces unless given.
fn instance(capacity: f64, files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("i");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("model.toml"), model(capacity)).unwrap();
    let defaults = [
        ("areas.csv", "id\ncomponents\n"),
        (
            "advantage.csv",
            "area,province,advantage\ncomponents,p1,1.0\n",
        ),
        (
            "provinces.csv",
            "id,region,budget_yi,talent_kfte\np1,east,10,1\n",
        ),
    ];
    for (name, text) in defaults {
        if !files.iter().any(|(n, _)| *n == name) {
            fs::write(dir.join(name), text).unwrap();
        }
    }
    for (name, text) in files {
        fs::write(dir.join(name), text).unwrap();
    }
    (tmp, dir)
}

fn load(dir: &Path) -> Vec<Diagnostic> {
    diagnose(&load_dir(dir))
}

fn only(found: &[Diagnostic], severity: Severity) -> Vec<&Diagnostic> {
    found.iter().filter(|d| d.severity == severity).collect()
}

/// Items x (smax 0.5, weight 1) and y (smax 0.7, weight 3): the group can
/// reach at most (0.5 + 3 × 0.7)/4 = 65%, so 70% is impossible.
const ABOVE_CEILING: &str = "name = \"above_ceiling\"
model = \"model.toml\"
first_year = 2024
last_year = 2026

[central_budget_yi]
default = 100.0

[[targets]]
id = \"xy_2026\"
items = [\"x\", \"y\"]
year = 2026
level = 0.7
";

#[test]
fn a_level_above_the_group_ceiling_is_an_error_at_its_line() {
    let (tmp, dir) = instance(
        0.0,
        &[
            ("instance.toml", ABOVE_CEILING),
            (
                "items.csv",
                "id,area,tier,s0,smax,weight_yi,gain_per_effort\nx,components,general,0.2,0.5,1,0.1\ny,components,general,0.2,0.7,3,0.1\n",
            ),
        ],
    );
    let found = load(&dir);
    let errors = only(&found, Severity::Error);
    assert_eq!(errors.len(), 1, "{found:?}");
    let e = &errors[0].at;
    assert_eq!(e.file, "instance.toml");
    assert_eq!(e.line, Some(13), "the line of `level`");
    assert_eq!(e.field.as_deref(), Some("targets.level"));
    assert!(
        e.rule.contains("65.0%") && e.rule.contains("at most 0.65"),
        "{}",
        e.rule
    );

    let soft = run_ok(["check", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&soft.stdout).contains("certain shortfall: instance.toml line"));
    let run = qiangji()
        .arg("check")
        .arg(&dir)
        .arg("--hard-targets")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("error: instance.toml line 13, field `targets.level`"),
        "{stderr}"
    );
    // Hard targets: no plan, as the diagnosis said.
    let out = tmp.path().join("plan");
    let code = exit_code([
        "solve",
        dir.to_str().unwrap(),
        "--hard-targets",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(4));
}

/// Item x takes effect 2 years after spending; spending starts in 2024, so
/// nothing can change x before 2026 and the 2025 target stays at s0 = 20%.
#[test]
fn a_target_year_inside_the_lag_is_an_error_at_its_year() {
    let (_tmp, dir) = instance(
        0.0,
        &[
            (
                "instance.toml",
                &ABOVE_CEILING
                    .replace("items = [\"x\", \"y\"]", "items = [\"x\"]")
                    .replace("year = 2026\nlevel = 0.7", "year = 2025\nlevel = 0.4"),
            ),
            (
                "items.csv",
                "id,area,tier,s0,smax,weight_yi,gain_per_effort,effect_lag_years\nx,components,general,0.2,1.0,1,0.1,2\n",
            ),
        ],
    );
    let found = load(&dir);
    let errors = only(&found, Severity::Error);
    assert_eq!(errors.len(), 1, "{found:?}");
    let e = &errors[0].at;
    assert_eq!((e.file.as_str(), e.line), ("instance.toml", Some(12)));
    assert_eq!(e.field.as_deref(), Some("targets.year"));
    assert!(
        e.rule.contains("x (lag 2 years)") && e.rule.contains("move `year` to 2026 or later"),
        "{}",
        e.rule
    );
    assert_eq!(exit_code(["check", dir.to_str().unwrap()]), Some(0));
    assert_eq!(
        exit_code(["check", dir.to_str().unwrap(), "--hard-targets"]),
        Some(2)
    );
}

/// Item x's industry sits only in p1 (item_advantage.csv), and every
/// instrument needs 1 cu of platform capacity per effort unit. p1 has no
/// capacity (platforms.csv lists only p2) and may build none
/// (max_new_platforms 0): p1 can never receive money, so x can never move
/// and its target is impossible.
#[test]
fn a_province_without_capacity_that_never_receives_money_is_named() {
    let (_tmp, dir) = instance(
        1.0,
        &[
            (
                "instance.toml",
                &ABOVE_CEILING
                    .replace("items = [\"x\", \"y\"]", "items = [\"x\"]")
                    .replace("level = 0.7", "level = 0.4"),
            ),
            (
                "items.csv",
                "id,area,tier,s0,smax,weight_yi,gain_per_effort\nx,components,general,0.2,1.0,1,0.1\ny,components,general,0.2,1.0,1,0.1\n",
            ),
            (
                "provinces.csv",
                "id,region,budget_yi,talent_kfte,max_new_platforms\np1,east,10,1,0\np2,west,10,1,0\n",
            ),
            (
                "advantage.csv",
                "area,province,advantage\ncomponents,p1,1.0\ncomponents,p2,1.0\n",
            ),
            ("platforms.csv", "area,province,capacity_cu\ncomponents,p2,100\n"),
            ("item_advantage.csv", "item,province,advantage\nx,p1,1.5\n"),
        ],
    );
    let found = load(&dir);
    let warnings = only(&found, Severity::Warning);
    let province = warnings
        .iter()
        .find(|d| d.at.file == "provinces.csv")
        .unwrap_or_else(|| panic!("no province warning: {found:?}"));
    assert_eq!(province.at.line, Some(2), "p1's row");
    assert_eq!(province.at.field.as_deref(), Some("max_new_platforms"));
    assert!(
        province
            .at
            .rule
            .contains("province p1 can never receive money")
            && province
                .at
                .rule
                .contains("add capacity rows for p1 in platforms.csv"),
        "{}",
        province.at.rule
    );
    let errors = only(&found, Severity::Error);
    assert_eq!(errors.len(), 1, "{found:?}");
    let e = &errors[0].at;
    assert_eq!((e.file.as_str(), e.line), ("instance.toml", Some(13)));
    assert!(
        e.rule.contains("can never fund x")
            && e.rule.contains(
                "no platform capacity (and no new platform can be in service in time) in p1"
            ),
        "{}",
        e.rule
    );
    // p2 receives money (y is there): no warning about it.
    assert!(!warnings.iter().any(|d| d.at.rule.contains("province p2")));
    let soft = run_ok(["check", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&soft.stdout).contains("certain shortfall: instance.toml line"));
    let run = qiangji()
        .arg("check")
        .arg(&dir)
        .arg("--hard-targets")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("warning: provinces.csv line 2, field `max_new_platforms`"),
        "{stderr}"
    );
}

/// Warnings leave the exit status at 0: an item no instrument may address
/// (advantage 0 everywhere), a lead site no budget can pay for, a target the
/// initial shares already meet.
#[test]
fn useless_inputs_are_warnings_with_their_lines() {
    let (_tmp, dir) = instance(
        0.0,
        &[
            (
                "instance.toml",
                &ABOVE_CEILING
                    .replace("default = 100.0", "default = 1.0")
                    .replace("items = [\"x\", \"y\"]", "items = [\"x\"]")
                    .replace("level = 0.7", "level = 0.1"),
            ),
            (
                "items.csv",
                "id,area,tier,s0,smax,weight_yi,gain_per_effort,min_site_effort\nx,components,general,0.2,1.0,1,0.1,0\ny,components,general,0.2,1.0,1,0.1,0\nz,components,stranglehold,0.2,1.0,1,0.1,50\n",
            ),
            (
                "advantage.csv",
                "area,province,advantage\ncomponents,p1,2.0\n",
            ),
            ("item_advantage.csv", "item,province,advantage\ny,p1,0\n"),
        ],
    );
    let found = load(&dir);
    assert!(only(&found, Severity::Error).is_empty(), "{found:?}");
    let find = |what: &str| {
        found
            .iter()
            .find(|d| d.at.rule.contains(what))
            .unwrap_or_else(|| panic!("no warning about {what}: {found:?}"))
    };
    let y = find("item y can receive no effort");
    assert_eq!(
        (y.at.file.as_str(), y.at.field.as_deref()),
        ("item_advantage.csv", Some("advantage"))
    );
    let z = find("no lead site of item z");
    assert_eq!((z.at.file.as_str(), z.at.line), ("items.csv", Some(4)));
    assert_eq!(z.at.field.as_deref(), Some("min_site_effort"));
    assert!(
        z.at.rule.contains("50.0000 亿元 of central money"),
        "{}",
        z.at.rule
    );
    let met = find("already met by the initial shares");
    assert_eq!(
        (met.at.file.as_str(), met.at.line),
        ("instance.toml", Some(13))
    );
    let run = run_ok(["check", dir.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("valid")
            && stdout.contains("warning: items.csv line 4, field `min_site_effort`"),
        "{stdout}"
    );
}

#[test]
fn the_demo_has_no_findings_and_the_national_2025_target_is_out_of_reach() {
    assert!(only(&load(&demo()), Severity::Error).is_empty());
    // The fitted national instance: chips and the other stranglehold items
    // respond 4–6 years after the money, so no spending from 2022 reaches
    // 70% in 2025 — diagnosed before any solve, and what the plan shows.
    let found = load(&repo().join("instances/china-2025"));
    let errors = only(&found, Severity::Error);
    assert_eq!(errors.len(), 1, "{found:?}");
    let e = &errors[0].at;
    assert_eq!(e.field.as_deref(), Some("targets.year"));
    assert!(e.rule.contains("core_2025") && e.rule.contains("ic_overall (lag 4 years)"));
    assert_eq!(
        exit_code([
            "check",
            repo().join("instances/china-2025").to_str().unwrap()
        ]),
        Some(0),
        "a soft target out of reach is a certain shortfall, not an invalid instance"
    );
}
