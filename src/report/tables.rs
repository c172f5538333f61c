//! CSV outputs in long format: one row per index tuple, units in the header,
//! sorted, numbers with fixed precision so identical plans give identical files.

use crate::instance::Instance;
use crate::plan::Plan;
use crate::readback::realise::{item_assured, GroupKind};
use crate::readback::spending::effort_payers;
use crate::run::findings::Findings;
use crate::run::RunResult;
use crate::tolerances::PRINT_ZERO;

/// summary.json's writer reads target rows from here.
pub use crate::readback::targets::TargetRow;

use super::OutputError;
use crate::results::tables as results_tables;

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
        let funding = effort_payers(inst, e);
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
            num(funding.central_yi),
            num(funding.provincial_yi),
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
        results_tables::AllocationRow::HEADER,
        rows.into_iter().map(|r| r.4).collect(),
    )
}

/// self_sufficiency.csv: realised and model levels by item, area and overall,
/// each beside the count measure (items assured, docs/model.md §10 (CT)); with drift or pipeline effort (docs/model.md §10 (PIPE)), also the part
/// of each realised share from drift, from pipeline money and from the plan.
pub fn self_sufficiency(
    inst: &Instance,
    realised: &ndarray::Array2<f64>,
    found: &Findings,
) -> Result<Vec<u8>, OutputError> {
    let sources = found.share_sources.as_ref();
    // The parts by cause of one row: item `k`, or group row `g`, in year `t`.
    let item_parts = |k: usize, t: usize| -> Vec<String> {
        sources.map_or_else(Vec::new, |(p, _)| {
            [&p.from_drift, &p.from_pipeline, &p.from_plan]
                .into_iter()
                .map(|part| num(part[[k, t]]))
                .collect()
        })
    };
    let group_parts = |g: usize, t: usize| -> Vec<String> {
        sources.map_or_else(Vec::new, |(_, groups)| {
            let p = &groups[g];
            [&p.from_drift, &p.from_pipeline, &p.from_plan]
                .into_iter()
                .map(|part| num(part[t]))
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
                num(found.model_levels[[k, t]]),
            ];
            row.extend(item_parts(k, t));
            let assured = usize::from(item_assured(inst, realised, k, t));
            row.extend(count_cells(assured, 1));
            rows.push(row);
        }
        for (gi, g) in found.groups.iter().enumerate() {
            let (level, id) = match g.kind {
                GroupKind::Area(a) => ("area", inst.areas[a].id.clone()),
                GroupKind::All => ("all", "all".to_string()),
                GroupKind::Target(_) => continue,
            };
            let mut row = vec![
                level.into(),
                id,
                year.to_string(),
                num(g.initial),
                num(g.realised[t]),
                num(g.model[t]),
            ];
            row.extend(group_parts(gi, t));
            row.extend(count_cells(g.assured[t], g.items.len()));
            rows.push(row);
        }
    }
    rows.sort_by(|a, b| (&a[0], &a[1], &a[2]).cmp(&(&b[0], &b[1], &b[2])));
    let mut header = results_tables::SELF_SUFFICIENCY_HEADER.to_vec();
    if sources.is_some() {
        header.extend(results_tables::SHARE_SOURCE_COLUMNS);
    }
    header.extend(results_tables::COUNT_COLUMNS);
    csv_bytes(&header, rows)
}

/// The cells of [`results_tables::COUNT_COLUMNS`].
fn count_cells(assured: usize, items: usize) -> [String; 3] {
    [
        assured.to_string(),
        items.to_string(),
        num(assured as f64 / items as f64),
    ]
}

/// targets.csv; `marginal` adds what one more point costs and one less saves
/// (one-sided, re-solved; `rows` are in target order).
pub fn targets(
    rows: &[TargetRow],
    marginal: Option<&crate::analysis::marginal::MarginalValues>,
) -> Result<Vec<u8>, OutputError> {
    let mut sorted: Vec<(usize, &TargetRow)> = rows.iter().enumerate().collect();
    sorted.sort_by(|a, b| (a.1.year, &a.1.id).cmp(&(b.1.year, &b.1.id)));
    csv_bytes(
        results_tables::TargetRow::HEADER,
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
                    r.metric.to_string(),
                    num(r.measures.weighted),
                    r.measures.assured.to_string(),
                    r.measures.items.to_string(),
                    num(r.measures.count_share()),
                ]
            })
            .collect(),
    )
}

/// sites.csv: every candidate national lead site and its national effort.
pub fn sites(inst: &Instance, plan: &Plan) -> Result<Vec<u8>, OutputError> {
    let site_effort = crate::plan::lead_site_effort_total(inst, plan);
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
    csv_bytes(results_tables::SiteRow::HEADER, rows)
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
    csv_bytes(results_tables::PlatformRow::HEADER, rows)
}

/// training.csv: training spending and the talent it adds, by province and year.
pub fn training(inst: &Instance, plan: &Plan) -> Result<Vec<u8>, OutputError> {
    let used = crate::plan::effort_use(inst, plan).talent_kfte;
    let available = crate::plan::talent_available_kfte(inst, plan);
    let mut rows = Vec::new();
    for (p, prov) in inst.provinces.iter().enumerate() {
        for (t, year) in inst.years.iter().enumerate() {
            rows.push(vec![
                prov.id.clone(),
                year.to_string(),
                num(plan.training_yi[[p, t]]),
                num(available[[p, t]]),
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
    csv_bytes(results_tables::DualRow::HEADER, rows)
}

/// ranging.csv: for binding resource rows, the interval of the limit over
/// which the dual holds, in the limit's own terms (a target's level as the
/// instance states it; `solver_rhs` keeps the right-hand side the solver
/// holds); for effort in the plan, the cost interval over which the plan
/// stays optimal.
pub fn ranging(inst: &Instance, result: &RunResult) -> Result<Vec<u8>, OutputError> {
    let bound = bound_text;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in &result.row_ranges {
        let (lower, upper) = r.limit_interval();
        rows.push(vec![
            "rhs".into(),
            r.key.family().into(),
            keys_text(inst, &r.key),
            r.key
                .year(inst)
                .map(|t| inst.years[t].to_string())
                .unwrap_or_default(),
            num(r.limit()),
            num(r.dual),
            bound(lower),
            bound(upper),
            bound(r.objective_at_lower),
            bound(r.objective_at_upper),
            r.key.dual_unit().into(),
            num(r.rhs),
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
                String::new(),
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
            "solver_rhs",
        ],
        rows,
    )
}

/// target_groups.csv: both measures of every target's group in every year,
/// from realised levels — the demand-weighted mean and the items at or above
/// their assurance threshold (docs/model.md §10 (CT)).
pub fn target_groups(inst: &Instance, found: &Findings) -> Result<Vec<u8>, OutputError> {
    let mut rows = Vec::new();
    for (target, by_year) in inst.targets.iter().zip(&found.group_measures) {
        for (year, m) in inst.years.iter().zip(by_year) {
            rows.push(vec![
                target.id.clone(),
                target.group.clone(),
                year.to_string(),
                target.metric.id().to_string(),
                num(m.weighted),
                m.assured.to_string(),
                m.items.to_string(),
                num(m.count_share()),
            ]);
        }
    }
    csv_bytes(
        &[
            "target",
            "group",
            "year",
            "metric",
            "weighted_realised",
            "count_assured",
            "count_items",
            "count_share",
        ],
        rows,
    )
}
