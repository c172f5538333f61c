//! Outputs of a tornado: tornado.csv and tornado.svg.

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::tornado::{Kpis, TornadoRow};
use crate::instance::Instance;

use super::html::{self, ReportOptions};
use super::tables::num;
use super::OutputError;
use crate::charts::bars::{diverging_hbars, BarRow};
use crate::charts::svg::standalone;
use crate::output::atomic::Staging;

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
        let variants = [
            (1.0 - delta, r.low.zip(r.low_change)),
            (1.0 + delta, r.high.zip(r.high_change)),
        ];
        for (factor, k) in variants {
            match k {
                Some((k, change)) => {
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{},{},{},{}",
                        r.group,
                        num(factor),
                        num(k.objective),
                        num(change.objective),
                        num(k.spend_yi),
                        num(change.spend_yi),
                        num(k.shortfall_points),
                        num(change.shortfall_points)
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
    report: ReportOptions,
) -> Result<(), OutputError> {
    let mut staging = Staging::new(dir, "tornado")?;
    staging.write("tornado.csv", tornado_csv(base, rows, delta).as_bytes())?;
    staging.write("tornado.svg", tornado_svg(inst, delta, rows).as_bytes())?;
    if report.format.html() {
        let page = html::tornado_page(inst, delta, base, rows, report.lang)?;
        staging.write(html::HTML_FILE, page.as_bytes())?;
    }
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

/// tornado.svg: the objective change of each group's −delta and +delta
/// variants, largest impact first.
fn tornado_svg(inst: &Instance, delta: f64, rows: &[TornadoRow]) -> String {
    let change = |k: Option<Kpis>| k.map_or(0.0, |k| k.objective);
    let bars: Vec<BarRow> = rows
        .iter()
        .map(|r| BarRow {
            label: r.group.clone(),
            values: vec![change(r.low_change), change(r.high_change)],
            ..BarRow::default()
        })
        .collect();
    let series = html::tornado_series(delta);
    let chart = diverging_hbars(&bars, &series, "亿元");
    let legend: Vec<(String, &str)> = series.iter().map(|s| (s.name.clone(), s.colour)).collect();
    standalone(
        &format!("{}: objective change (亿元)", inst.name),
        &legend,
        &chart,
    )
}
