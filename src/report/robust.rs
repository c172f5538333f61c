//! The plan that holds under uncertainty (`robust`) as written:
//! `robust.csv` (target × plan × in/out of sample: probability met and
//! expected shortfall with their standard errors) and the section of
//! report.md and report.html with the chart of probability met against
//! spending. Every number comes from [`crate::analysis::robust`]; this
//! module formats only.

use std::fmt::Write as _;

use crate::analysis::robust::{Estimate, Judged, PlanJudgement, RobustStudy};
use crate::charts::lines::{line_plot, Line, LinePlot, Marker};
use crate::charts::{colour, ChartError};
use crate::instance::Instance;
use crate::output::OutputError;

use super::html::i18n::{Lang, Text};
use super::html::page::{Cell, LegendEntry, Page, Table};
use super::montecarlo::percent_with_error;
use super::tables::{csv_bytes, num};

const TITLE: Text = Text::new(
    "A plan that holds under uncertainty",
    "应对不确定性的稳健规划",
);
const DETERMINISTIC: Text = Text::new("Deterministic plan", "确定性规划");
const ROBUST: Text = Text::new("Robust plan", "稳健规划");
const TARGET: Text = Text::new("Target", "目标");
const IN_SAMPLE: Text = Text::new("in sample", "样本内");
const OUT_OF_SAMPLE: Text = Text::new("out of sample", "样本外");
const MET: Text = Text::new("P(met)", "达成概率");
const SHORTFALL: Text = Text::new("Expected shortfall [points]", "期望缺口 [百分点]");
const CHART: Text = Text::new(
    "Probability each target is met out of sample (± 1.96 standard errors) against real spending [亿元]: deterministic plan (open) and robust plan (filled)",
    "各目标样本外达成概率（± 1.96 倍标准误）与实际支出 [亿元]：确定性规划（空心）与稳健规划（实心）",
);
const TABLE: Text = Text::new(
    "Probability met (± 1.96 standard errors) and expected shortfall, in and out of sample",
    "样本内与样本外的达成概率（± 1.96 倍标准误）与期望缺口",
);

/// The plans in the order of the file and the tables.
fn plans(study: &RobustStudy) -> [(&'static str, &PlanJudgement); 2] {
    [
        ("deterministic", &study.deterministic),
        ("robust", &study.robust),
    ]
}

fn samples(plan: &PlanJudgement) -> [(&'static str, &Judged); 2] {
    [
        ("in_sample", &plan.in_sample),
        ("out_of_sample", &plan.out_of_sample),
    ]
}

/// `robust.csv`: one row per target, plan and sample.
pub fn csv(inst: &Instance, study: &RobustStudy) -> Result<Vec<u8>, OutputError> {
    let header = [
        "target",
        "plan",
        "sample",
        "draws",
        "probability_met",
        "probability_met_se",
        "expected_shortfall_points",
        "expected_shortfall_se",
        "real_spend_yi",
    ];
    let mut rows = Vec::new();
    for (g, target) in inst.targets.iter().enumerate() {
        for (plan_id, plan) in plans(study) {
            for (sample_id, judged) in samples(plan) {
                let d = &judged.outcomes.targets[g];
                let shortfall = judged.expected_shortfall_points[g];
                rows.push(vec![
                    target.id.clone(),
                    plan_id.to_string(),
                    sample_id.to_string(),
                    d.samples.to_string(),
                    num(d.probability_met),
                    num(d.standard_error()),
                    num(shortfall.value),
                    num(shortfall.standard_error),
                    num(plan.real_spend_yi),
                ]);
            }
        }
    }
    csv_bytes(&header, rows)
}

/// What was asked of the targets, in words.
fn asked(study: &RobustStudy, zh: bool) -> String {
    match (study.options.reliability, study.options.cvar, study.draws_to_meet) {
        (Some(p), _, Some(k)) if zh => format!(
            "每个目标须在至少 {k} 个抽样（p = {p}）中达成"
        ),
        (Some(p), _, Some(k)) => format!(
            "every target met in at least {k} of the draws (p = {p})"
        ),
        (_, Some(c), _) if zh => format!(
            "每个目标最差 {:.0}% 抽样的平均缺口不超过 {} 个百分点（CVaR，β = {}）",
            100.0 * (1.0 - c.beta),
            num(c.epsilon_points),
            c.beta
        ),
        (_, Some(c), _) => format!(
            "the mean shortfall of every target's worst {:.0}% of draws at most {} points (CVaR, β = {})",
            100.0 * (1.0 - c.beta),
            num(c.epsilon_points),
            c.beta
        ),
        _ if zh => "期望缺口按惩罚计价".into(),
        _ => "expected shortfall priced at the targets' penalties".into(),
    }
}

fn estimate(e: &Estimate) -> String {
    format!("{} ± {}", num(e.value), num(1.96 * e.standard_error))
}

/// The opening paragraph: draws, what was asked, the model and the two
/// values of information.
fn intro(study: &RobustStudy, zh: bool) -> String {
    let evpi = study.evpi.map_or_else(
        || {
            if zh {
                "未计算".to_string()
            } else {
                "not estimated".to_string()
            }
        },
        |e| match zh {
            true => format!("{} 亿元（{} 个抽样）", estimate(&e), e.draws),
            false => format!("{} 亿元 ({} draws)", estimate(&e), e.draws),
        },
    );
    if zh {
        format!(
            "一个规划面对增益的 {} 个抽样（对数正态因子，均值 1，变异系数 {}，种子 {}），{}；样本平均模型 {} 列、{} 行、{} 个整数变量，状态 {}，目标函数 {} 亿元（{}，{:.1} 秒）。两个规划在 {} 个新抽样（种子 {}）上检验。随机解的价值（VSS，确定性规划减稳健规划的样本外期望成本）{} 亿元；完全信息的期望价值（EVPI）{}。± 为 1.96 倍标准误。",
            study.samples, study.cv, study.seed, asked(study, true),
            study.size.columns, study.size.rows, study.size.integers,
            study.status.id(), num(study.robust_objective_yi),
            study.start.describe(), study.solve_s,
            study.validation_samples, study.validation_seed,
            estimate(&study.vss), evpi
        )
    } else {
        format!(
            "One plan for {} draws of the gains (lognormal factors with mean 1, coefficient of variation {}, seed {}), {}; the sample-average model has {} columns, {} rows and {} integers, ended {} at {} 亿元 ({}, {:.1} s). Both plans are judged on {} fresh draws (seed {}). Value of the stochastic solution (VSS: the deterministic plan's expected cost out of sample minus the robust plan's) {} 亿元; expected value of perfect information (EVPI) {}. ± is 1.96 standard errors.",
            study.samples, study.cv, study.seed, asked(study, false),
            study.size.columns, study.size.rows, study.size.integers,
            study.status.id(), num(study.robust_objective_yi),
            study.start.describe(), study.solve_s,
            study.validation_samples, study.validation_seed,
            estimate(&study.vss), evpi
        )
    }
}

/// Per target and plan: the cells of the table (probability in, out, and
/// expected shortfall out of sample).
fn cells(plan: &PlanJudgement, g: usize) -> [String; 3] {
    let met = |j: &Judged| {
        let d = &j.outcomes.targets[g];
        percent_with_error(d.probability_met, d.standard_error())
    };
    [
        met(&plan.in_sample),
        met(&plan.out_of_sample),
        estimate(&plan.out_of_sample.expected_shortfall_points[g]),
    ]
}

/// The section of report.md.
pub fn markdown(inst: &Instance, study: &RobustStudy) -> String {
    let mut md = format!("\n## {}\n\n{}\n\n", TITLE.en, intro(study, false));
    let _ = writeln!(
        md,
        "| Target | Plan | P(met) in sample | P(met) out of sample | Expected shortfall out of sample [points] |"
    );
    let _ = writeln!(md, "|---|---|---:|---:|---:|");
    for (g, target) in inst.targets.iter().enumerate() {
        for (label, plan) in [
            (DETERMINISTIC, &study.deterministic),
            (ROBUST, &study.robust),
        ] {
            let [inside, outside, shortfall] = cells(plan, g);
            let _ = writeln!(
                md,
                "| {} | {} | {inside} | {outside} | {shortfall} |",
                target.id, label.en
            );
        }
    }
    let _ = writeln!(
        md,
        "\nReal spending: deterministic plan {} 亿元, robust plan {} 亿元. Every row, with standard errors: robust.csv.",
        num(study.deterministic.real_spend_yi),
        num(study.robust.real_spend_yi)
    );
    md
}

/// The section of report.html: the table and the chart of probability met
/// against spending.
pub fn html_section(
    page: &mut Page,
    inst: &Instance,
    study: &RobustStudy,
) -> Result<(), ChartError> {
    let lang = page.lang();
    let zh = lang == Lang::Zh;
    page.section("robust", lang.t(TITLE));
    page.paragraph(&intro(study, zh));
    let mut rows = Vec::new();
    for (g, target) in inst.targets.iter().enumerate() {
        for (label, plan) in [
            (DETERMINISTIC, &study.deterministic),
            (ROBUST, &study.robust),
        ] {
            let [inside, outside, shortfall] = cells(plan, g);
            rows.push(vec![
                Cell::text(target.id.clone()),
                Cell::text(lang.t(label)),
                Cell::text(inside),
                Cell::text(outside),
                Cell::text(shortfall),
            ]);
        }
    }
    page.table(&Table {
        caption: lang.t(TABLE).into(),
        headers: vec![
            lang.t(TARGET).into(),
            String::new(),
            format!("{} {}", lang.t(MET), lang.t(IN_SAMPLE)),
            format!("{} {}", lang.t(MET), lang.t(OUT_OF_SAMPLE)),
            format!("{} {}", lang.t(SHORTFALL), lang.t(OUT_OF_SAMPLE)),
        ],
        rows,
        folded: false,
    });
    let plot = chart(inst, study);
    let mut legend: Vec<LegendEntry> = inst
        .targets
        .iter()
        .enumerate()
        .map(|(g, t)| LegendEntry::swatch(t.id.clone(), colour(g)))
        .collect();
    legend.push(LegendEntry::dashed(
        if zh {
            "要求的可靠度"
        } else {
            "reliability asked"
        },
        "#888888",
    ));
    page.figure(
        "robust-met",
        lang.t(CHART),
        &line_plot("robust-met", &plot)?,
        &legend,
    );
    Ok(())
}

/// Per target, a line from the deterministic plan's point (spending,
/// probability met out of sample) to the robust plan's, with error bars.
fn chart(inst: &Instance, study: &RobustStudy) -> LinePlot {
    let mut plot = LinePlot {
        y_percent: true,
        y_include: vec![0.0, 1.0],
        y_refs: study.options.reliability.into_iter().collect(),
        ..LinePlot::default()
    };
    for g in 0..inst.targets.len() {
        let point = |plan: &PlanJudgement| {
            let d = &plan.out_of_sample.outcomes.targets[g];
            (
                plan.real_spend_yi,
                d.probability_met,
                1.96 * d.standard_error(),
            )
        };
        let (det, rob) = (point(&study.deterministic), point(&study.robust));
        plot.lines.push(Line {
            points: vec![(det.0, det.1), (rob.0, rob.1)],
            colour: colour(g),
            dashed: false,
        });
        for (x, p, err) in [det, rob] {
            plot.lines.push(Line {
                points: vec![(x, (p - err).max(0.0)), (x, (p + err).min(1.0))],
                colour: colour(g),
                dashed: true,
            });
        }
        plot.markers.push(Marker {
            x: det.0,
            y: det.1,
            colour: colour(g),
            filled: false,
        });
        plot.markers.push(Marker {
            x: rob.0,
            y: rob.1,
            colour: colour(g),
            filled: true,
        });
    }
    plot
}
