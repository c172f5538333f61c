//! `qiangji diff` leads with totals: the demo solved twice, the second time
//! with half the central budget and a higher target, and compared. Every
//! output says, in this order, what changed in the inputs, real spending
//! (overall, by region, province, year, instrument, area), sites and
//! platforms, then each target with only the limits related to it, in
//! unsigned words whose verb carries the sign.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use qiangji::analysis::compare::diff::{diff, Breakdown, Effect, LimitChange, PlanDiff};
use qiangji::results::tables::{DualRow, TargetRow};
use qiangji::results::units::DualUnit;
use qiangji::results::{read_plan_folder, OutputFolder};

const MOVE: [&str; 4] = [
    "--set",
    "central_budget*=0.5",
    "--set",
    "target_level[target=core_2026]=0.65",
];

/// The demo solved as it is (a) and with [`MOVE`] (b), and their diff in `d`.
fn solved_twice(dir: &Path) -> (String, String) {
    let (a, b, d) = (dir.join("a"), dir.join("b"), dir.join("d"));
    run_ok([
        "solve",
        demo().to_str().unwrap(),
        "--out",
        a.to_str().unwrap(),
    ]);
    let instance = demo();
    let mut args = vec!["solve", instance.to_str().unwrap()];
    args.extend(MOVE);
    args.extend(["--out", b.to_str().unwrap()]);
    run_ok(args);
    let run = run_ok([
        "diff",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--out",
        d.to_str().unwrap(),
    ]);
    let printed = String::from_utf8(run.stdout).unwrap();
    let md = fs::read_to_string(d.join("diff.md")).unwrap();
    assert!(printed.starts_with(&md), "the printed summary is diff.md");
    (md, fs::read_to_string(d.join("diff.csv")).unwrap())
}

fn position(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` missing from:\n{text}"))
}

#[test]
fn every_diff_output_leads_with_inputs_then_totals_then_sites_then_targets() {
    let tmp = tempfile::tempdir().unwrap();
    let (md, csv) = solved_twice(tmp.path());
    let headings = [
        "## 1. What changed in the inputs",
        "`--set central_budget`: none in a, `*=0.5` in b",
        "`--set target_level[target=core_2026]`: none in a, `=0.65` in b",
        "## 2. Real spending",
        "### Real spending, central and provincial",
        "### Effort funding by region",
        "### Effort funding by province",
        "### Real spending by year",
        "### Effort funding by instrument",
        "### Effort funding by area",
        "## 3. Lead sites and platforms",
        "## 4. Targets and the limits behind them",
        "### core_2026 (2026; components+materials)",
    ];
    let at: Vec<usize> = headings.iter().map(|h| position(&md, h)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{md}");
    // Shares as %: the target's level and what it is required to be.
    assert!(
        md.contains("Level 60.0% in a → 65.0% in b: rises 5.0 points (required 60.0% → 65.0%"),
        "{md}"
    );

    // diff.csv: the same sections and tables, in the same order.
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        rows.headers().unwrap(),
        vec![
            "section",
            "table",
            "key",
            "unit",
            "a",
            "b",
            "change",
            "change_pct",
            "words"
        ]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let mut order: Vec<(String, String)> = Vec::new();
    for r in &records {
        let part = (r[0].to_string(), r[1].to_string());
        if order.last() != Some(&part) {
            assert!(!order.contains(&part), "{part:?} comes twice:\n{csv}");
            order.push(part);
        }
    }
    let sections: Vec<&str> = order.iter().map(|(s, _)| s.as_str()).collect();
    let mut expected = vec!["inputs"];
    expected.extend(["spending"; 6]);
    // Per target: its level, both measures of its group (weighted mean and
    // items assured), then its limits.
    expected.extend(["targets"; 5]);
    assert_eq!(sections, expected, "{order:?}");
    let targets: Vec<&str> = order[7..].iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        targets,
        [
            "penalty",
            "level",
            "weighted mean",
            "items assured",
            "limits of core_2026"
        ]
    );
    let spending: Vec<&str> = order[1..7].iter().map(|(_, t)| t.as_str()).collect();
    let tables: Vec<&str> = Breakdown::ORDER.iter().map(|b| b.id()).collect();
    assert_eq!(spending, tables);
    // One row says how a region's funding moved, with its % of the first plan.
    let east = records
        .iter()
        .find(|r| &r[0] == "spending" && &r[1] == "region" && &r[2] == "east")
        .expect("a row for the east region");
    let (a, b): (f64, f64) = (east[4].parse().unwrap(), east[5].parse().unwrap());
    let pct: f64 = east[7].parse().unwrap();
    assert!((pct - 100.0 * (b - a) / a).abs() < 1e-3, "{east:?}");
    assert!(
        b > a,
        "less central budget moves east's funding up here: {east:?}"
    );
}

/// Each spending table sorted largest change first; a region's change is
/// the sum of its provinces'.
#[test]
fn region_totals_add_up_their_provinces_and_tables_rank_by_change() {
    let tmp = tempfile::tempdir().unwrap();
    solved_twice(tmp.path());
    let d = diff(
        read_plan_folder(&tmp.path().join("a")).unwrap(),
        read_plan_folder(&tmp.path().join("b")).unwrap(),
    );
    let table = |by: Breakdown| d.spending.iter().find(|t| t.by == by).unwrap();
    let regions = &d.after.summary.instance.regions;
    assert_eq!(regions.get("west").map(String::as_str), Some("west"));
    for region in &table(Breakdown::Region).rows {
        let provinces: f64 = table(Breakdown::Province)
            .rows
            .iter()
            .filter(|p| regions[&p.key] == region.key)
            .map(|p| p.change())
            .sum();
        assert!((region.change() - provinces).abs() < 1e-9, "{region:?}");
    }
    for t in &d.spending[1..] {
        let sizes: Vec<f64> = t.rows.iter().map(|r| r.change().abs()).collect();
        assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{:?}", t.by);
    }
    // Overall totals equal the years' sum.
    let overall = &table(Breakdown::Overall).rows[0];
    let years: f64 = table(Breakdown::Year).rows.iter().map(|r| r.change()).sum();
    assert!((overall.change() - years).abs() < 1e-6);
}

fn dual(family: &str, keys: &str, year: i32, dual: f64, unit: DualUnit) -> DualRow {
    DualRow {
        family: family.into(),
        label: String::new(),
        keys: keys.into(),
        year: Some(year),
        dual,
        unit,
        binding: true,
        slack: 0.0,
        source: "lp".into(),
    }
}

/// The two demo plans with a second target (materials by 2025) and limits
/// that bear on one target or the other, set by hand.
fn two_targets(dir: &Path) -> PlanDiff {
    solved_twice(dir);
    let read = |name: &str| read_plan_folder(&dir.join(name)).unwrap();
    let (mut a, mut b): (OutputFolder, OutputFolder) = (read("a"), read("b"));
    for folder in [&mut a, &mut b] {
        let core: &TargetRow = &folder.targets[0];
        let materials = TargetRow {
            target: "materials_2025".into(),
            group: "materials".into(),
            year: 2025,
            ..core.clone()
        };
        folder.targets.push(materials);
        folder.duals.retain(|r| r.family != "target");
        // Values from the duals alone: what was measured belongs to other rows.
        folder.summary.marginal_values = None;
    }
    a.duals.extend([
        dual(
            "target",
            "target=core_2026",
            2026,
            50.0,
            DualUnit::TargetShare,
        ),
        dual(
            "target",
            "target=materials_2025",
            2025,
            80.0,
            DualUnit::TargetShare,
        ),
    ]);
    b.duals.extend([
        dual(
            "target",
            "target=core_2026",
            2026,
            90.0,
            DualUnit::TargetShare,
        ),
        // Components' capacity in 2026: after materials_2025's year, and
        // of another area.
        dual(
            "platform_capacity",
            "area=components;province=east",
            2026,
            -12.1,
            DualUnit::Capacity,
        ),
        // West funds materials (alloy) in 2025: bears on both targets.
        dual(
            "provincial_budget",
            "province=west",
            2025,
            -0.4,
            DualUnit::Budget,
        ),
    ]);
    diff(a, b)
}

#[test]
fn each_target_lists_only_its_own_limits_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = two_targets(tmp.path());
    let limits_of = |id: &str| -> Vec<&LimitChange> {
        let t = d.targets.iter().find(|t| t.id == id).unwrap();
        t.limits.iter().map(|&i| &d.limits[i]).collect()
    };
    let (core, materials) = (limits_of("core_2026"), limits_of("materials_2025"));
    assert_ne!(core, materials);
    for list in [&core, &materials] {
        let mut whats: Vec<String> = list.iter().map(|l| l.what()).collect();
        let n = whats.len();
        whats.sort();
        whats.dedup();
        assert_eq!(whats.len(), n, "a limit listed twice: {whats:?}");
    }
    let has = |list: &[&LimitChange], what: &str| list.iter().any(|l| l.what() == what);
    assert!(has(&core, "target core_2026 in 2026"));
    assert!(!has(&core, "target materials_2025 in 2025"));
    assert!(has(&materials, "target materials_2025 in 2025"));
    assert!(!has(&materials, "target core_2026 in 2026"));
    let capacity = "platform capacity for components in east in 2026";
    assert!(has(&core, capacity) && !has(&materials, capacity));
    let west = "provincial budget in west in 2025";
    assert!(has(&core, west) && has(&materials, west));
    // The east province's funding is not explained by a west row.
    let east = d
        .spending
        .iter()
        .find(|t| t.by == Breakdown::Province)
        .unwrap()
        .rows
        .iter()
        .find(|r| r.key == "east")
        .unwrap();
    assert!(east.because.iter().all(|&i| d.limits[i].what() != west));
    assert!(east.because.iter().any(|&i| d.limits[i].what() == capacity));
}

#[test]
fn values_in_words_are_unsigned_and_the_verb_carries_the_sign() {
    let tmp = tempfile::tempdir().unwrap();
    let d = two_targets(tmp.path());
    let capacity = d
        .limits
        .iter()
        .find(|l| l.family == "platform_capacity")
        .unwrap();
    let sentence = capacity.sentence("a", "b");
    assert!(
        sentence.starts_with(
            "one more cu of platform capacity for components in east in 2026 would save at most 12.10 亿元 of objective in b"
        ),
        "{sentence}"
    );
    let md = d.markdown(50, qiangji::report::html::Lang::En);
    let mut checked = 0;
    for l in &d.limits {
        for (worth, dual) in [(l.worth_before, l.before), (l.worth_after, l.after)] {
            let (Some(w), Some(dual)) = (worth, dual) else {
                continue;
            };
            assert!(w.amount_yi >= 0.0);
            let verb = match w.effect {
                Effect::Saves => "would save",
                Effect::Costs => "cost",
                Effect::Nothing => "nothing",
            };
            // Unmeasured, the dual itself is the value: its sign is the verb's.
            if !w.measured {
                assert_eq!(dual < 0.0, w.effect == Effect::Saves, "{l:?}");
            }
            assert!(l.sentence("a", "b").contains(verb), "{l:?}");
            checked += 1;
        }
    }
    assert!(checked >= 4, "{checked}");
    // No signed number anywhere in the words of diff.md (the tables' change
    // columns aside).
    for line in md.lines().filter(|l| l.starts_with("- ")) {
        let signed = line
            .char_indices()
            .any(|(i, c)| c == '-' && line[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
        assert!(!signed, "{line}");
        assert!(!line.contains("dual"), "{line}");
    }
}
