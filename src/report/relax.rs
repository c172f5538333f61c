//! Outputs of `qiangji relax`: the smallest change as text (stdout and
//! report.md), `relaxation.csv` (one row per limit moved, units in the
//! header) and `summary.json`.

use std::path::Path;

use serde_json::json;

use crate::analysis::relax::{RelaxKind, Relaxation};
use crate::instance::Instance;
use crate::model::RowKey;

use super::html::ReportOptions;
use super::tables::{csv_bytes, keys_text, num};
use super::OutputError;
use crate::output::atomic::Staging;

/// What a moved limit is, by name: "central budget 2025", "talent in p1 2024",
/// "target x_2026".
pub(crate) fn subject(inst: &Instance, key: &RowKey) -> String {
    match *key {
        RowKey::CentralBudget { year } => format!("central budget {}", inst.years[year]),
        RowKey::Talent { province, year } => {
            format!(
                "talent in {} {}",
                inst.provinces[province].id, inst.years[year]
            )
        }
        RowKey::Target { target } => format!("target {}", inst.targets[target].id),
        other => other.name(inst),
    }
}

fn change_line(inst: &Instance, c: &crate::analysis::relax::LimitChange) -> String {
    match c.kind {
        RelaxKind::Targets => format!(
            "{:<28} lower by {} points ({:.2}% → {:.2}%)",
            subject(inst, &c.key),
            num(c.amount),
            100.0 * c.current,
            100.0 * c.needed
        ),
        RelaxKind::Budget | RelaxKind::Talent => {
            let unit = c.kind.unit();
            format!(
                "{:<28} +{} {unit} ({} → {} {unit}{})",
                subject(inst, &c.key),
                num(c.amount),
                num(c.current),
                num(c.needed),
                if c.kind == RelaxKind::Talent {
                    " before training"
                } else {
                    ""
                }
            )
        }
    }
}

fn total_label(kind: RelaxKind) -> &'static str {
    match kind {
        RelaxKind::Budget => "extra central budget",
        RelaxKind::Talent => "extra talent (sum over provinces and years)",
        RelaxKind::Targets => "lower target levels (sum over targets)",
    }
}

/// The answer in lines a planner reads (stdout and report.md).
pub fn lines(inst: &Instance, r: &Relaxation) -> Vec<String> {
    let kinds: Vec<&str> = r.kinds.iter().map(|k| k.id()).collect();
    let mut out = Vec::new();
    if r.feasible_as_is() {
        out.push("the hard-target plan is feasible as it is: no change is needed".into());
        return out;
    }
    if !r.verified {
        out.push(format!(
            "no change of the kinds allowed ({}) gives the hard-target plan a solution (the model with the best changes found is still {}); allow more kinds, e.g. --by all",
            kinds.join(", "),
            r.verify_status.id()
        ));
        return out;
    }
    out.push(format!(
        "smallest change that gives the hard-target plan a solution (moving {}):",
        kinds.join(", ")
    ));
    for c in &r.changes {
        out.push(format!("  {}", change_line(inst, c)));
    }
    for &kind in &r.kinds {
        out.push(format!(
            "  total {:<44} {} {}",
            total_label(kind),
            num(r.total(kind)),
            kind.unit()
        ));
    }
    out.push(format!(
        "  verified: with these changes the hard-target model has a plan (objective {} 亿元{})",
        r.verify_objective.map(num).unwrap_or_else(|| "–".into()),
        if r.checked {
            ", passed the independent check"
        } else {
            "; talent per year is not instance data, so the plan is the solver's"
        }
    ));
    if r.changes.len() > 1 {
        out.push("  the totals are the minimum; how they split across years or places may not be the only equally small split".into());
    }
    out
}

/// relaxation.csv.
pub fn csv(inst: &Instance, r: &Relaxation) -> Result<Vec<u8>, OutputError> {
    let rows = r
        .changes
        .iter()
        .map(|c| {
            let unit = match c.kind {
                RelaxKind::Targets => "share (current, needed); points (change)",
                RelaxKind::Budget => "亿元 per year",
                RelaxKind::Talent => "k FTE before training",
            };
            vec![
                c.kind.id().to_string(),
                c.key.family().to_string(),
                keys_text(inst, &c.key),
                c.key
                    .year(inst)
                    .map(|t| inst.years[t].to_string())
                    .unwrap_or_default(),
                num(c.current),
                num(c.needed),
                num(c.amount),
                unit.to_string(),
            ]
        })
        .collect();
    csv_bytes(
        &[
            "kind", "family", "keys", "year", "current", "needed", "change", "unit",
        ],
        rows,
    )
}

/// Writes relaxation.csv, summary.json and the readable reports `report`
/// asks for (report.md, report.html) into `dir`, whole or not at all.
pub fn write_relaxation(
    dir: &Path,
    inst: &Instance,
    r: &Relaxation,
    report: ReportOptions,
) -> Result<(), OutputError> {
    let mut staging = Staging::new(dir, "relax")?;
    staging.write("relaxation.csv", &csv(inst, r)?)?;
    if report.format.markdown() {
        let mut md = format!("# qiangji relax: {}\n\n", inst.name);
        for line in lines(inst, r) {
            md.push_str(&format!("{line}\n"));
        }
        staging.write("report.md", md.as_bytes())?;
    }
    if report.format.html() {
        let page = super::html::relax_page(inst, r, report.lang);
        staging.write(super::html::HTML_FILE, page.as_bytes())?;
    }
    let summary = json!({
        "command": "relax",
        "instance": inst.name,
        "kinds": r.kinds.iter().map(|k| k.id()).collect::<Vec<_>>(),
        "weights": {
            "budget_per_yi": r.weights.budget_per_yi,
            "talent_per_kfte": r.weights.talent_per_kfte,
            "targets_per_point": r.weights.targets_per_point,
        },
        "feasible_as_is": r.feasible_as_is(),
        "verified": r.verified,
        "checked": r.checked,
        "verify_status": r.verify_status.id(),
        "verify_objective_yi": r.verify_objective,
        "weighted_total": r.weighted_total,
        "totals": r.kinds.iter().map(|&k| json!({"kind": k.id(), "total": r.total(k), "unit": k.unit()})).collect::<Vec<_>>(),
        "elapsed_s": r.elapsed_s,
    });
    staging.write_summary(&summary)?;
    staging.commit()
}
