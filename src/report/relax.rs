//! Outputs of `qiangji relax`: the smallest change as text (stdout and
//! report.md), `relaxation.csv` (one row per limit moved, units in the
//! header) and `summary.json`.

use std::path::Path;

use serde_json::json;

use crate::analysis::relax::{RelaxKind, Relaxation};
use crate::instance::Instance;
use crate::model::RowKey;

use super::html::{Lang, ReportOptions};
use super::tables::{csv_bytes, keys_text, num};
use super::OutputError;
use crate::output::atomic::Staging;

/// What a moved limit is, by name: "central budget 2025", "talent in p1 2024",
/// "target x_2026" (in Chinese "中央预算 2025 年" …).
pub(crate) fn subject(inst: &Instance, key: &RowKey, lang: Lang) -> String {
    super::margins::limit_name_in(inst, key, lang)
}

/// The unit of a change of `kind` in `lang`.
pub(crate) fn unit(kind: RelaxKind, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::En, k) => k.unit(),
        (Lang::Zh, RelaxKind::Budget) => "亿元",
        (Lang::Zh, RelaxKind::Talent) => "千人",
        (Lang::Zh, RelaxKind::Targets) => "百分点",
    }
}

fn change_line(inst: &Instance, c: &crate::analysis::relax::LimitChange, lang: Lang) -> String {
    let name = subject(inst, &c.key, lang);
    let (amount, current, needed) = (num(c.amount), num(c.current), num(c.needed));
    let unit = unit(c.kind, lang);
    match (c.kind, lang) {
        (RelaxKind::Targets, Lang::En) => format!(
            "{name:<28} lower by {amount} points ({:.2}% → {:.2}%)",
            100.0 * c.current,
            100.0 * c.needed
        ),
        (RelaxKind::Targets, Lang::Zh) => format!(
            "{name}：下调 {amount} 个百分点({:.2}% → {:.2}%)",
            100.0 * c.current,
            100.0 * c.needed
        ),
        (_, Lang::En) => format!(
            "{name:<28} +{amount} {unit} ({current} → {needed} {unit}{})",
            if c.kind == RelaxKind::Talent {
                " before training"
            } else {
                ""
            }
        ),
        (_, Lang::Zh) => format!(
            "{name}：+{amount} {unit}({current} → {needed} {unit}{})",
            if c.kind == RelaxKind::Talent {
                "，培训前"
            } else {
                ""
            }
        ),
    }
}

/// A total of `kind` in the lines of stdout and report.md.
pub(crate) fn total_label(kind: RelaxKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (RelaxKind::Budget, Lang::En) => "extra central budget",
        (RelaxKind::Talent, Lang::En) => "extra talent (sum over provinces and years)",
        (RelaxKind::Targets, Lang::En) => "lower target levels (sum over targets)",
        (RelaxKind::Budget, Lang::Zh) => "追加中央预算",
        (RelaxKind::Talent, Lang::Zh) => "追加人才(各省各年之和)",
        (RelaxKind::Targets, Lang::Zh) => "下调目标水平(各目标之和)",
    }
}

/// The answer in lines a planner reads (stdout and report.md), in `lang`.
pub fn lines(inst: &Instance, r: &Relaxation, lang: Lang) -> Vec<String> {
    let kinds: Vec<&str> = r.kinds.iter().map(|k| k.id()).collect();
    let kinds = kinds.join(", ");
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    if r.feasible_as_is() {
        out.push(if zh {
            "硬目标方案本身可行，无需调整".into()
        } else {
            "the hard-target plan is feasible as it is: no change is needed".into()
        });
        return out;
    }
    let status = r.verify_status.id();
    if !r.verified {
        out.push(if zh {
            format!("允许的调整类型(`{kinds}`)无法使硬目标方案可行(采用所找到的最佳调整后模型仍为 `{status}`)；请允许更多类型，例如 `--by all`")
        } else {
            format!("no change of the kinds allowed ({kinds}) gives the hard-target plan a solution (the model with the best changes found is still {status}); allow more kinds, e.g. --by all")
        });
        return out;
    }
    out.push(if zh {
        format!("使硬目标方案可行的最小调整(调整 `{kinds}`)：")
    } else {
        format!("smallest change that gives the hard-target plan a solution (moving {kinds}):")
    });
    for c in &r.changes {
        out.push(format!("  {}", change_line(inst, c, lang)));
    }
    for &kind in &r.kinds {
        let (label, total, unit) = (
            total_label(kind, lang),
            num(r.total(kind)),
            unit(kind, lang),
        );
        out.push(if zh {
            format!("  合计 {label}：{total} {unit}")
        } else {
            format!("  total {label:<44} {total} {unit}")
        });
    }
    let objective = r.verify_objective.map(num).unwrap_or_else(|| "–".into());
    out.push(match (lang, r.checked) {
        (Lang::En, true) => format!("  verified: with these changes the hard-target model has a plan (objective {objective} 亿元, passed the independent check)"),
        (Lang::En, false) => format!("  verified: with these changes the hard-target model has a plan (objective {objective} 亿元; talent per year is not instance data, so the plan is the solver's)"),
        (Lang::Zh, true) => format!("  已验证：按此调整，硬目标模型有可行方案(目标函数 {objective} 亿元，并通过独立校验)"),
        (Lang::Zh, false) => format!("  已验证：按此调整，硬目标模型有可行方案(目标函数 {objective} 亿元；各年人才不是实例数据，方案为求解器所给)"),
    });
    if r.changes.len() > 1 {
        out.push(if zh {
            "  合计为最小值；其在各年或各地之间的分配可能并非唯一的同样小的分配".into()
        } else {
            "  the totals are the minimum; how they split across years or places may not be the only equally small split".into()
        });
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
        let title = match report.lang {
            Lang::En => "qiangji relax: ",
            Lang::Zh => "qiangji 松弛分析：",
        };
        let mut md = format!("# {title}{}\n\n", inst.name);
        for line in lines(inst, r, report.lang) {
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
