//! Outputs of a tornado: tornado.csv and tornado.svg.

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::tornado::{Kpis, TornadoRow};
use crate::instance::Instance;

use super::atomic::Staging;
use super::chart::tornado_chart;
use super::tables::num;
use super::OutputError;

pub fn tornado_csv(base: &Kpis, rows: &[TornadoRow], delta: f64) -> String {
    let mut out = String::from("parameter,factor,objective_yi,objective_change_yi,spend_yi,spend_change_yi,shortfall_points,shortfall_change_points\n");
    let _ = writeln!(
        out,
        "base,1,{},0,{},0,{},0",
        num(base.objective),
        num(base.spend_yi),
        num(base.shortfall_points)
    );
    for r in rows {
        for (factor, k) in [(1.0 - delta, r.low), (1.0 + delta, r.high)] {
            match k {
                Some(k) => {
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{},{},{},{}",
                        r.group,
                        num(factor),
                        num(k.objective),
                        num(k.objective - base.objective),
                        num(k.spend_yi),
                        num(k.spend_yi - base.spend_yi),
                        num(k.shortfall_points),
                        num(k.shortfall_points - base.shortfall_points)
                    );
                }
                None => {
                    let _ = writeln!(out, "{},{},,,,,,", r.group, num(factor));
                }
            }
        }
    }
    out
}

pub fn write_tornado(
    dir: &Path,
    inst: &Instance,
    delta: f64,
    base: &Kpis,
    rows: &[TornadoRow],
) -> Result<(), OutputError> {
    let mut staging = Staging::new(dir, "tornado")?;
    staging.write("tornado.csv", tornado_csv(base, rows, delta).as_bytes())?;
    let bars: Vec<(String, f64, f64)> = rows
        .iter()
        .map(|r| {
            let change = |k: Option<Kpis>| k.map(|k| k.objective - base.objective).unwrap_or(0.0);
            (r.group.clone(), change(r.low), change(r.high))
        })
        .collect();
    let pct = 100.0 * delta;
    let title = format!(
        "{}: objective change for −{pct:.0}% (red) and +{pct:.0}% (blue)",
        inst.name
    );
    staging.write(
        "tornado.svg",
        tornado_chart(&title, "objective change (亿元)", &bars)?.as_bytes(),
    )?;
    let summary = serde_json::json!({
        "instance": inst.name,
        "delta": delta,
        "base_objective_yi": base.objective,
        "parameters": rows.len(),
        "note": "each group moved by ±delta alone; sites and platforms fixed at the base plan; rows sorted by impact on the objective",
    });
    staging.write_summary(&summary)?;
    staging.commit()
}
