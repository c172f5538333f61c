//! The finding that opens every solve report and the printed summary, on
//! tests/fixtures/finding_first: two headline targets on items a and b
//! (weights 1 and 1, s0 20%), one item floor, one instrument (the national
//! one, central money only, effect lag 1 year), 1 亿元 of central budget a
//! year.
//!
//! By hand: one 亿元 buys one effort unit, which raises an item by
//! gain 0.1 × productivity 1.5 × advantage 1.5 = 0.225, so the group of two
//! by 11.25 points. Effort in 2024 and 2025 takes effect by 2026: 2 亿元,
//! 22.5 points, 42.5% against 70% — underfunded, the 27.5 missing points
//! need 27.5 / 11.25 = 2.44 亿元 more (0.09 亿元 a point). Nothing takes
//! effect by 2024: `now_2024` (50%) is out of reach, the group stays at 20%.

#[path = "common/mod.rs"]
mod common;

use common::{fixture, run_ok};

fn solve(extra: &[&str]) -> (String, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut args: Vec<std::ffi::OsString> = vec![
        "solve".into(),
        fixture("finding_first").into(),
        "--out".into(),
        out.clone().into(),
    ];
    args.extend(extra.iter().map(|a| a.into()));
    let run = run_ok(&args);
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    (
        String::from_utf8_lossy(&run.stdout).into_owned(),
        read("report.md"),
        read("report.html"),
    )
}

const COUNTS: &str = "Headline targets met 0 / 2; item floors met 1 / 1.";
const OUT_OF_REACH: &str = "now_2024 (a + b, 50.0% required in 2024, 20.0% reached): out of reach — the most any plan can reach in 2024 is 20.0%: effort from 2024 cannot take effect by 2024 on a, b (effect lags up to 1 year); the lags allow the level from 2025 at the earliest.";
const UNDERFUNDED: &str = "later_2026 (a + b, 70.0% required in 2026, 42.5% reached): underfunded — with the plan's resources the group reaches at most 42.5% in 2026; at today's rate one more point needs about 0.09 亿元 of central budget (spent in 2024), so the 27.5 points from there to 70.0% need roughly 2.44 亿元 or more.";

#[test]
fn the_report_and_the_summary_open_with_spending_headline_targets_and_verdicts() {
    let (stdout, md, html) = solve(&[]);
    let spending = "Real spending: 2.00 亿元 over 2024–2026 (central 2.00 亿元, provincial 0.00 亿元), undiscounted.";
    // The printed summary: the status line, then the finding, before the
    // objective and the solver's figures.
    let lines: Vec<&str> = stdout.lines().map(str::trim).collect();
    assert_eq!(
        &lines[..5],
        &[
            "finding_first: optimal",
            spending,
            COUNTS,
            OUT_OF_REACH,
            UNDERFUNDED
        ],
        "{stdout}"
    );
    assert!(stdout.contains("check              passed (largest violation 0)"));
    // report.md: the finding is the first section; the objective, penalty
    // and solver status come after the targets.
    let finding = md.find("## Finding").expect("report.md has a finding");
    let targets = md.find("## Targets").unwrap();
    let solver = md.find("## Objective and solver").unwrap();
    assert!(finding < targets && targets < solver, "{md}");
    assert!(!md[..targets].contains("Objective (what"), "{md}");
    for line in [spending, COUNTS, OUT_OF_REACH, UNDERFUNDED] {
        assert!(
            md[finding..targets].contains(&format!("- {line}")),
            "{line}\n{md}"
        );
    }
    assert!(md[solver..].contains("penalty 5750.00 亿元"), "{md}");
    // report.html: the same finding opens the page, above every section.
    let first_section = html.find("<section").unwrap();
    let block = html.find(r#"<div class="finding""#).unwrap();
    assert!(block < first_section);
    for text in [
        "Headline targets met 0 / 2; item floors met 1 / 1.",
        "now_2024 (a + b, 50.0% required in 2024, 20.0% reached): <strong>out of reach</strong> — the most any plan can reach in 2024 is 20.0%",
        "<strong>underfunded</strong> — with the plan&#39;s resources",
        "need roughly 2.44 亿元 or more",
    ] {
        assert!(html[block..first_section].contains(text), "{text}");
    }
}

#[test]
fn without_an_explanation_the_cost_of_the_missing_points_is_not_estimated_and_says_why() {
    let (stdout, md, _) = solve(&["--no-explain"]);
    let not_estimated = "later_2026 (a + b, 70.0% required in 2026, 42.5% reached): underfunded (within reach) — what the missing points cost is not estimated: this run was not explained (--no-explain; qiangji sensitivity measures it).";
    assert!(stdout.contains(not_estimated), "{stdout}");
    assert!(md.contains(not_estimated), "{md}");
    // Out of reach needs no explanation: the reach is the checker's.
    assert!(md.contains(OUT_OF_REACH), "{md}");
}

#[test]
fn the_chinese_report_gives_the_finding_in_chinese_with_numbers_for_people() {
    let (_, _, html) = solve(&["--lang", "zh"]);
    let block =
        &html[html.find(r#"<div class="finding""#).unwrap()..html.find("<section").unwrap()];
    for text in [
        "实际支出：2024–2026年共2.00亿元(中央2.00亿元，地方0.00亿元)，未贴现。",
        "总体目标达成 0 / 2；单项底线达成 1 / 1。",
        "<strong>无法达到</strong>——任何方案在2024年最多达到20.0%",
        "<strong>资金不足</strong>——以方案现有资源，该范围2026年最多达到42.5%",
        "约需2.44亿元或更多",
    ] {
        assert!(block.contains(text), "{text}\n{block}");
    }
    assert!(!block.contains("out of reach<") && !block.contains("underfunded<"));
    // The checker's figure in words, not machine notation.
    assert!(html.contains("全部严格满足"), "{html}");
    assert!(!html.contains("0.00e0") && !html.contains("最大违反量 0"));
}

/// The Chinese page names the instance and its objective preset in Chinese
/// (`description_zh`, the preset's `name_zh`), and the English page keeps
/// the English ones.
#[test]
fn the_chinese_report_describes_the_instance_and_its_preset_in_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    // The demo gives a Chinese description beside its English one.
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let demo = tmp.path().join("demo");
    std::fs::create_dir(&demo).unwrap();
    for entry in std::fs::read_dir(repo.join("instances/demo")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), demo.join(entry.file_name())).unwrap();
    }
    std::fs::copy(repo.join("models/default.toml"), demo.join("model.toml")).unwrap();
    let toml = std::fs::read_to_string(demo.join("instance.toml"))
        .unwrap()
        .replace(
            "model = \"../../models/default.toml\"",
            "model = \"model.toml\"",
        );
    std::fs::write(demo.join("instance.toml"), toml).unwrap();
    let page = |lang: &str| {
        let out = tmp.path().join(lang);
        run_ok([
            "solve".as_ref(),
            demo.as_os_str(),
            "--lang".as_ref(),
            lang.as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ]);
        std::fs::read_to_string(out.join("report.html")).unwrap()
    };
    let zh = page("zh");
    assert!(
        zh.contains("两个基础领域、三个关键项目、两个省份、三年"),
        "{zh}"
    );
    assert!(zh.contains("成本最小"), "{zh}");
    assert!(!zh.contains("Two foundations, three key items") && !zh.contains("min-cost"));
    let en = page("en");
    assert!(en.contains("Two foundations, three key items, two provinces, three years"));
    assert!(en.contains("min-cost") && !en.contains("成本最小"));
}
