//! Hand-made views of the national instance's targets, for tests and as
//! examples of the comparison and diff API.

use super::{
    Breakdown, Change, ChangeSubject, ComparisonView, DiffView, Headline, ScenarioRow,
    TargetChange, TargetColumn, TargetOutcome, TotalRow, TotalsTable,
};

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
    let row = |key: &str, before: f64, after: f64, because: &[usize]| TotalRow {
        key: key.into(),
        before,
        after,
        because: because.to_vec(),
    };
    let table = |by: Breakdown, rows: Vec<TotalRow>| TotalsTable { by, rows };
    let target = |id: &str, year: i32, before: f64, after: f64, limits: &[usize]| TargetChange {
        id: id.into(),
        group: "components+materials".into(),
        year,
        required_before: 0.70,
        required_after: 0.70,
        level_before: before,
        level_after: after,
        shortfall_before: (0.70 - before).max(0.0),
        assured_before: Some(3),
        assured_after: Some(2),
        items: Some(5),
        weighted_before: Some(before + 0.05),
        weighted_after: Some(after + 0.05),
        shortfall_after: (0.70 - after).max(0.0),
        limits: limits.to_vec(),
    };
    DiffView {
        title: "base → central budget −30%".into(),
        before: "基准 base".into(),
        after: "中央预算 −30%".into(),
        inputs: vec!["`--set central_budget`: none in 基准 base, `*=0.7` in 中央预算 −30%".into()],
        spending: vec![
            table(
                Breakdown::Overall,
                vec![
                    row("real spending", 2370.25, 1955.0, &[]),
                    row("central", 1650.0, 1155.0, &[]),
                    row("provincial", 720.25, 800.0, &[]),
                ],
            ),
            table(
                Breakdown::Region,
                vec![row("east", 500.0, 420.0, &[]), row("west", 80.0, 130.0, &[])],
            ),
            table(
                Breakdown::Province,
                vec![
                    row("上海", 420.0, 290.0, &[0]),
                    row("江苏", 80.0, 130.0, &[0, 1]),
                    row("四川", 80.0, 130.0, &[0]),
                ],
            ),
            table(
                Breakdown::Year,
                vec![row("2025", 1200.0, 900.0, &[]), row("2026", 1170.25, 1055.0, &[])],
            ),
        ],
        sites: vec![Change {
            subject: ChangeSubject::Platforms {
                area: "集成电路".into(),
                province: "上海".into(),
            },
            description: "new platforms of 集成电路 in 上海".into(),
            before: 3.0,
            after: 1.0,
            unit: "platforms".into(),
            because: vec![0],
        }],
        targets: vec![
            target("core_2025", 2025, 0.37, 0.367, &[0, 2]),
            target("core_2030", 2030, 0.62, 0.60, &[0, 1]),
        ],
        limits: vec![
            "one more 亿元 of central budget in 2025 would save 2.40 亿元 of objective in 中央预算 −30%, where it binds (it does not bind in 基准 base)".into(),
            "one more 亿元 of provincial budget in 江苏 in 2026 would save 1.10 亿元 of objective in 基准 base and 0.80 亿元 in 中央预算 −30%".into(),
            "one more point of target core_2025 in 2025 would cost 12.1 亿元 of objective in 基准 base and 14.0 亿元 in 中央预算 −30%".into(),
        ],
        penalty: Some(Headline {
            label: "shortfall penalty (not money)".into(),
            unit: "亿元".into(),
            before: 0.0,
            after: 2100.0,
        }),
        footer: "qiangji diff example".into(),
    }
}
