//! CSV outputs in long format: one row per index tuple, units in the header,
//! sorted, numbers with fixed precision so identical plans give identical files.

use crate::instance::Instance;
use crate::plan::Plan;
use crate::readback::realise::{group_level, share_sources};
use crate::run::RunResult;
use crate::tolerances::PRINT_ZERO;

use super::OutputError;

/// A number for output: six decimals, tiny values written as zero.
pub fn num(v: f64) -> String {
    if v.abs() < PRINT_ZERO {
        "0".into()
    } else {
        let s = format!("{v:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".into()
        } else {
            s.to_string()
        }
    }
}

/// A number that may be infinite: `inf`, `-inf`, else as [`num`].
pub fn bound_text(v: f64) -> String {
    if v.is_finite() {
        num(v)
    } else if v > 0.0 {
        "inf".into()
    } else {
        "-inf".into()
    }
}

/// A row's keys as `name=value` pairs joined by `;` (e.g. `area=components;province=p1`).
pub fn keys_text(inst: &Instance, key: &crate::model::RowKey) -> String {
    key.keys(inst)
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// CSV text of a header and rows.
pub fn csv_bytes(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>, OutputError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let to_err = |e: csv::Error| OutputError {
        path: "csv".into(),
        message: e.to_string(),
    };
    w.write_record(header).map_err(to_err)?;
    for r in rows {
        w.write_record(&r).map_err(to_err)?;
    }
    w.into_inner().map_err(|e| OutputError {
        path: "csv".into(),
        message: e.to_string(),
    })
}

/// allocation.csv: every non-zero effort with its funding, talent and capacity.
pub fn allocation(inst: &Instance, plan: &Plan) -> Result<Vec<u8>, OutputError> {
    let mut rows: Vec<(i32, String, String, String, Vec<String>)> = Vec::new();
    for e in plan.effort.iter().filter(|e| e.effort > PRINT_ZERO) {
        let item = &inst.items[e.item];
        let m = inst.model.mode(e.mode);
        let year = inst.years[e.year];
        let prov = inst.provinces[e.province].id.clone();
        let row = vec![
            year.to_string(),
            item.id.clone(),
            inst.areas[item.area].id.clone(),
            item.tier.to_string(),
            prov.clone(),
            inst.model.mode_id(e.mode).to_string(),
            num(e.effort),
            num(m.central_share * m.funding_yi_per_effort * e.effort),
            num((1.0 - m.central_share) * m.funding_yi_per_effort * e.effort),
            num(m.talent_kfte_per_effort * e.effort),
            num(m.capacity_cu_per_effort * e.effort),
        ];
        rows.push((
            year,
            item.id.clone(),
            prov,
            inst.model.mode_id(e.mode).to_string(),
            row,
        ));
    }
    rows.sort_by(|a, b| (a.0, &a.1, &a.2, &a.3).cmp(&(b.0, &b.1, &b.2, &b.3)));
    csv_bytes(
        &[
            "year",
            "item",
            "area",
            "tier",
            "province",
            "mode",
            "effort",
            "funding_central_yi",
            "funding_provincial_yi",
            "talent_kfte",
            "capacity_cu",
        ],
        rows.into_iter().map(|r| r.4).collect(),
    )
}

/// self_sufficiency.csv: realised and model levels by item, area and overall;
/// with drift or pipeline effort (docs/model.md §10 (PIPE)), also the part
/// of each realised share from drift, from pipeline money and from the plan.
pub fn self_sufficiency(
    inst: &Instance,
    plan: &Plan,
    realised: &ndarray::Array2<f64>,
) -> Result<Vec<u8>, OutputError> {
    let model_levels = plan.model_levels(inst);
    let parts = inst.has_history().then(|| share_sources(inst, plan));
    let sources = |items: &[usize], t: usize| -> Vec<String> {
        parts.as_ref().map_or_else(Vec::new, |p| {
            [&p.from_drift, &p.from_pipeline, &p.from_plan]
                .into_iter()
                .map(|part| num(group_level(inst, items, part, t)))
                .collect()
        })
    };
    let mut rows = Vec::new();
    for (t, year) in inst.years.iter().enumerate() {
        for (k, item) in inst.items.iter().enumerate() {
            let mut row = vec![
                "item".into(),
                item.id.clone(),
                year.to_string(),
                num(item.s0),
                num(realised[[k, t]]),
                num(model_levels[[k, t]]),
            ];
            row.extend(sources(&[k], t));
            rows.push(row);
        }
        for (a, area) in inst.areas.iter().enumerate() {
            let items = inst.items_in_area(a);
            if items.is_empty() {
                continue;
            }
            let base = inst.initial_group_level(&items);
            let mut row = vec![
                "area".into(),
                area.id.clone(),
                year.to_string(),
                num(base),
                num(group_level(inst, &items, realised, t)),
                num(group_level(inst, &items, &model_levels, t)),
            ];
            row.extend(sources(&items, t));
            rows.push(row);
        }
        let all: Vec<usize> = (0..inst.items.len()).collect();
        let base = inst.initial_group_level(&all);
        let mut row = vec![
            "all".into(),
            "all".into(),
            year.to_string(),
            num(base),
            num(group_level(inst, &all, realised, t)),
            num(group_level(inst, &all, &model_levels, t)),
        ];
        row.extend(sources(&all, t));
        rows.push(row);
    }
    rows.sort_by(|a, b| (&a[0], &a[1], &a[2]).cmp(&(&b[0], &b[1], &b[2])));
    let mut header = vec![
        "level",
        "id",
        "year",
        "initial_share",
        "realised_share",
        "model_share",
    ];
    if parts.is_some() {
        header.extend(["from_drift", "from_pipeline", "from_plan"]);
    }
    csv_bytes(&header, rows)
}

/// One target's accounting.
#[derive(Debug, Clone)]
pub struct TargetRow {
    pub id: String,
    pub group: String,
    pub year: i32,
    pub level: f64,
    /// S[g] from the model's levels (what the target row sees).
    pub achieved: f64,
    /// S[g] from realised levels.
    pub achieved_realised: f64,
    pub shortfall: f64,
    pub met: bool,
    /// ∂objective/∂θ_g [亿元 per point].
    pub dual_yi_per_point: Option<f64>,
}

pub fn target_rows(inst: &Instance, result: &RunResult) -> Vec<TargetRow> {
    let Some(plan) = &result.plan else {
        return Vec::new();
    };
    let realised = result
        .realised
        .as_ref()
        .expect("realised levels accompany a plan");
    let model_levels = plan.model_levels(inst);
    inst.targets
        .iter()
        .enumerate()
        .map(|(g, target)| {
            let dual = result
                .duals
                .iter()
                .find(|d| d.key == crate::model::RowKey::Target { target: g })
                .map(|d| d.dual / 100.0);
            let shortfall = plan.shortfall[g].max(0.0);
            TargetRow {
                id: target.id.clone(),
                group: target.group.clone(),
                year: inst.years[target.year],
                level: target.level,
                achieved: group_level(inst, &target.items, &model_levels, target.year),
                achieved_realised: group_level(inst, &target.items, realised, target.year),
                shortfall,
                met: shortfall <= 1e-6,
                dual_yi_per_point: dual,
            }
        })
        .collect()
}

/// targets.csv.
/// targets.csv; `marginal` adds what one more point costs and one less saves
/// (one-sided, re-solved; `rows` are in target order).
pub fn targets(
    rows: &[TargetRow],
    marginal: Option<&crate::analysis::marginal::MarginalValues>,
) -> Result<Vec<u8>, OutputError> {
    let mut sorted: Vec<(usize, &TargetRow)> = rows.iter().enumerate().collect();
    sorted.sort_by(|a, b| (a.1.year, &a.1.id).cmp(&(b.1.year, &b.1.id)));
    csv_bytes(
        &[
            "target",
            "group",
            "year",
            "level",
            "achieved",
            "achieved_realised",
            "shortfall",
            "met",
            "dual_yi_per_point",
            "one_more_point_yi",
            "one_more_point_spend_yi",
            "one_less_point_saves_yi",
            "one_less_point_spend_saved_yi",
        ],
        sorted
            .into_iter()
            .map(|(g, r)| {
                let v = marginal.and_then(|m| m.of_target(g));
                let opt = |x: Option<f64>| x.map(num).unwrap_or_default();
                vec![
                    r.id.clone(),
                    r.group.clone(),
                    r.year.to_string(),
                    num(r.level),
                    num(r.achieved),
                    num(r.achieved_realised),
                    num(r.shortfall),
                    r.met.to_string(),
                    opt(r.dual_yi_per_point),
                    opt(v.and_then(|v| v.more.objective_change)),
                    opt(v.and_then(|v| v.more.spend_change_yi)),
                    opt(v.and_then(|v| v.less.objective_change.map(|c| -c))),
                    opt(v.and_then(|v| v.less.spend_change_yi.map(|c| -c))),
                ]
            })
            .collect(),
    )
}

/// sites.csv: every candidate national lead site and its national effort.
pub fn sites(inst: &Instance, plan: &Plan) -> Result<Vec<u8>, OutputError> {
    let site_effort: std::collections::HashMap<(usize, usize), f64> =
        crate::plan::lead_site_effort(inst, plan)
            .into_iter()
            .map(|(site, by_year)| (site, by_year.iter().sum()))
            .collect();
    let mut rows = Vec::new();
    for s in &plan.sites {
        let effort = site_effort
            .get(&(s.item, s.province))
            .copied()
            .unwrap_or(0.0);
        rows.push(vec![
            inst.items[s.item].id.clone(),
            inst.provinces[s.province].id.clone(),
            num(inst.adv(s.item, s.province)),
            num(s.value),
            num(effort),
        ]);
    }
    rows.sort();
    csv_bytes(
        &[
            "item",
            "province",
            "advantage",
            "designated",
            "national_effort_total",
        ],
        rows,
    )
}

/// platforms.csv: new platforms, capacity available and used, by area, province and year.
pub fn platforms(inst: &Instance, plan: &Plan) -> Result<Vec<u8>, OutputError> {
    let used = crate::plan::effort_use(inst, plan).capacity_cu;
    let capacity = crate::plan::capacity_available_cu(inst, plan);
    let mut rows = Vec::new();
    for (a, area) in inst.areas.iter().enumerate() {
        for (p, prov) in inst.provinces.iter().enumerate() {
            for (t, year) in inst.years.iter().enumerate() {
                let available = capacity[[a, p, t]];
                let u = used[[a, p, t]];
                let new = plan.new_platforms[[a, p, t]];
                if available.abs() < PRINT_ZERO && u.abs() < PRINT_ZERO && new.abs() < PRINT_ZERO {
                    continue;
                }
                rows.push(vec![
                    area.id.clone(),
                    prov.id.clone(),
                    year.to_string(),
                    num(new),
                    num(available),
                    num(u),
                ]);
            }
        }
    }
    rows.sort();
    csv_bytes(
        &[
            "area",
            "province",
            "year",
            "new_platforms",
            "capacity_available_cu",
            "capacity_used_cu",
        ],
        rows,
    )
}

/// training.csv: training spending and the talent it adds, by province and year.
pub fn training(inst: &Instance, plan: &Plan) -> Result<Vec<u8>, OutputError> {
    let used = crate::plan::effort_use(inst, plan).talent_kfte;
    let trained = crate::plan::trained_talent_kfte(inst, plan);
    let mut rows = Vec::new();
    for (p, prov) in inst.provinces.iter().enumerate() {
        for (t, year) in inst.years.iter().enumerate() {
            rows.push(vec![
                prov.id.clone(),
                year.to_string(),
                num(plan.training_yi[[p, t]]),
                num(inst.base_talent_kfte(p, t) + trained[[p, t]]),
                num(used[[p, t]]),
            ]);
        }
    }
    rows.sort();
    csv_bytes(
        &[
            "province",
            "year",
            "training_yi",
            "talent_available_kfte",
            "talent_used_kfte",
        ],
        rows,
    )
}

/// duals.csv: every row's dual by meaning.
pub fn duals(inst: &Instance, result: &RunResult) -> Result<Vec<u8>, OutputError> {
    let source = result.outcome.dual_source.id();
    let mut rows: Vec<Vec<String>> = result
        .duals
        .iter()
        .map(|d| {
            vec![
                d.key.family().to_string(),
                d.key.label().to_string(),
                keys_text(inst, &d.key),
                d.key
                    .year(inst)
                    .map(|t| inst.years[t].to_string())
                    .unwrap_or_default(),
                num(d.dual),
                d.key.dual_unit().to_string(),
                d.binding.to_string(),
                num(d.slack),
                source.to_string(),
            ]
        })
        .collect();
    rows.sort();
    csv_bytes(
        &[
            "family", "label", "keys", "year", "dual", "unit", "binding", "slack", "source",
        ],
        rows,
    )
}

/// ranging.csv: for binding resource rows, the right-hand-side interval over
/// which the dual holds; for effort in the plan, the cost interval over which
/// the plan stays optimal.
pub fn ranging(inst: &Instance, result: &RunResult) -> Result<Vec<u8>, OutputError> {
    let bound = bound_text;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in &result.row_ranges {
        rows.push(vec![
            "rhs".into(),
            r.key.family().into(),
            keys_text(inst, &r.key),
            r.key
                .year(inst)
                .map(|t| inst.years[t].to_string())
                .unwrap_or_default(),
            num(r.rhs),
            num(r.dual),
            bound(r.rhs_lower),
            bound(r.rhs_upper),
            bound(r.objective_at_lower),
            bound(r.objective_at_upper),
            r.key.dual_unit().into(),
        ]);
    }
    for c in &result.cost_ranges {
        if let crate::model::ColumnKey::Effort {
            item,
            province,
            mode,
            year,
        } = c.key
        {
            rows.push(vec![
                "cost".into(),
                "effort".into(),
                format!(
                    "item={};province={};mode={}",
                    inst.items[item].id,
                    inst.provinces[province].id,
                    inst.model.mode_id(mode)
                ),
                inst.years[year].to_string(),
                num(c.cost),
                num(c.effort),
                bound(c.cost_lower),
                bound(c.cost_upper),
                String::new(),
                String::new(),
                "亿元 of objective per effort unit (discounted); value = effort in the plan".into(),
            ]);
        }
    }
    rows.sort();
    csv_bytes(
        &[
            "kind",
            "family",
            "keys",
            "year",
            "current",
            "dual_or_value",
            "lower",
            "upper",
            "objective_at_lower",
            "objective_at_upper",
            "unit",
        ],
        rows,
    )
}
