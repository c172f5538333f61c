//! Hand-made views of the national instance's targets, for tests and as
//! examples of the comparison and diff API.

use super::{Change, ComparisonView, DiffView, Headline, ScenarioRow, TargetColumn, TargetOutcome};

/// Three scenarios of the national instance's targets: the base, a cut
/// central budget that misses the 2025 target, and one with no plan.
pub fn comparison() -> ComparisonView {
    let targets = vec![
        TargetColumn {
            id: "core_2025".into(),
            year: 2025,
            level: 0.70,
        },
        TargetColumn {
            id: "all_2035".into(),
            year: 2035,
            level: 0.80,
        },
    ];
    let outcome = |level: f64, required: f64| {
        Some(TargetOutcome {
            level,
            shortfall: (required - level).max(0.0),
        })
    };
    ComparisonView {
        title: "central budget scenarios".into(),
        description: "基准与中央预算削减 30% 的情景 (base and a 30% cut of the central budget)"
            .into(),
        targets,
        scenarios: vec![
            ScenarioRow {
                name: "基准 base".into(),
                status: "optimal".into(),
                objective_yi: Some(2140.5),
                central_yi: Some(1650.0),
                provincial_yi: Some(720.25),
                penalty_yi: Some(0.0),
                targets: vec![outcome(0.70, 0.70), outcome(0.83, 0.80)],
                lead_sites: vec!["集成电路 — 上海".into(), "光刻胶 — 江苏".into()],
            },
            ScenarioRow {
                name: "中央预算 −30%".into(),
                status: "optimal".into(),
                objective_yi: Some(4250.0),
                central_yi: Some(1155.0),
                provincial_yi: Some(800.0),
                penalty_yi: Some(2100.0),
                targets: vec![outcome(0.679, 0.70), outcome(0.81, 0.80)],
                lead_sites: vec!["集成电路 — 上海".into()],
            },
            ScenarioRow {
                name: "hard targets, −50%".into(),
                status: "infeasible".into(),
                targets: vec![None, None],
                ..ScenarioRow::default()
            },
        ],
        footer: "qiangji comparison example".into(),
    }
}

/// Two plans of the national instance, before and after a budget cut.
pub fn diff() -> DiffView {
    let change = |d: &str, before: f64, after: f64, unit: &str, why: &[&str]| Change {
        description: d.into(),
        before,
        after,
        unit: unit.into(),
        explained_by: why.iter().map(|s| s.to_string()).collect(),
    };
    DiffView {
        title: "base → central budget −30%".into(),
        before: "基准 base".into(),
        after: "中央预算 −30%".into(),
        headlines: vec![Headline {
            label: "real spending".into(),
            unit: "亿元".into(),
            before: 2370.25,
            after: 1955.0,
        }],
        changes: vec![
            change(
                "集成电路 上海 central funding",
                420.0,
                290.0,
                "亿元",
                &["central budget 2023 binds (BC)"],
            ),
            change(
                "基础材料 江苏 provincial funding",
                80.0,
                130.0,
                "亿元",
                &["provincial budget of Jiangsu has room (BP slack)"],
            ),
            change(
                "core_2025 realised level",
                0.70,
                0.679,
                "share",
                &["target core_2025 (G) short"],
            ),
            change("talent used, Beijing", 12.0, 9.5, "k FTE", &[]),
        ],
        footer: "qiangji diff example".into(),
    }
}
