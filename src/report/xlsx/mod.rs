//! Excel workbooks: the instance workbook (`template`, `export-xlsx`),
//! `plan.xlsx` of a solve and `comparison.xlsx` of a batch. Every value
//! comes from a table the report has already made; these functions lay
//! it out.

pub mod instance_book;
pub mod tables_book;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use crate::output::atomic::Staging;
use crate::output::OutputError;
use crate::report::html::i18n::Lang;
use tables_book::CsvTable;

/// The workbook of a solve's tables.
pub const PLAN_FILE: &str = "plan.xlsx";

/// The order of a solve's tables in plan.xlsx: the plan first, then what
/// explains it.
const PLAN_ORDER: &[&str] = &[
    "allocation.csv",
    "self_sufficiency.csv",
    "targets.csv",
    "target_groups.csv",
    "sites.csv",
    "platforms.csv",
    "training.csv",
    "pools.csv",
    "pool_spending.csv",
    "after_horizon.csv",
    "rolling.csv",
    "marginal_values.csv",
    "exchange_rates.csv",
    "ranging.csv",
    "duals.csv",
];

/// plan.xlsx of a solve: the key figures of `summary` (summary.json's
/// values, flattened to dotted names) with the targets, then every CSV
/// table staged so far.
pub fn plan_workbook<S: serde::Serialize>(
    staging: &Staging,
    summary: &S,
    lang: Lang,
) -> Result<Vec<u8>, OutputError> {
    let mut names: Vec<String> = staging
        .staged_names()
        .into_iter()
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort_by_key(|n| {
        PLAN_ORDER
            .iter()
            .position(|p| p == n)
            .unwrap_or(PLAN_ORDER.len())
    });
    let contents: Vec<(String, Vec<u8>)> = names
        .into_iter()
        .filter_map(|n| staging.staged(&n).map(|bytes| (n, bytes)))
        .collect();
    let tables: Vec<CsvTable> = contents
        .iter()
        .map(|(file, csv)| CsvTable { file, csv })
        .collect();
    let targets = tables.iter().find(|t| t.file == "targets.csv");
    let figures = serde_json::to_value(summary)
        .map(|v| key_figures(&v))
        .unwrap_or_default();
    tables_book::write(&figures, targets, &tables, lang).map_err(|e| output_error(PLAN_FILE, e))
}

/// The scalar values of summary.json by dotted name, leaving out lists
/// (the tables hold them), the time each stage took, a batch's record of
/// the case and where the input files lay and their hashes (summary.json
/// and the manifest keep that provenance), so that the same plan gives the
/// same workbook.
fn key_figures(value: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    flatten("", value, 0, &mut out);
    out.retain(|(name, _)| {
        !name.starts_with("timings_s")
            && !name.starts_with("batch")
            && !name.starts_with("instance.files_sha256")
            && name != "instance.path"
    });
    out
}

fn flatten(prefix: &str, value: &serde_json::Value, depth: usize, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) if depth < 3 => {
            for (k, v) in map {
                let name = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&name, v, depth + 1, out);
            }
        }
        serde_json::Value::String(s) => out.push((prefix.to_string(), s.clone())),
        serde_json::Value::Number(n) => out.push((prefix.to_string(), n.to_string())),
        serde_json::Value::Bool(b) => out.push((prefix.to_string(), b.to_string())),
        _ => {}
    }
}

/// A workbook whose bytes do not depend on when it was written (the
/// creation date is fixed), so equal results give equal files.
fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_author("qiangji")
            .set_creation_datetime(&fixed),
    );
    Ok(book)
}

/// A workbook that cannot be laid out fails the file it was meant for.
pub fn output_error(file: &str, e: XlsxError) -> OutputError {
    OutputError {
        path: file.into(),
        message: format!("cannot write the workbook: {e}"),
    }
}

/// Column width (in characters) that shows `texts` without cutting them,
/// within limits that keep a sheet readable.
fn width_for<'a>(texts: impl Iterator<Item = &'a str>) -> f64 {
    let widest = texts
        .map(|t| {
            t.chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum::<f64>()
        })
        .fold(0.0, f64::max);
    (widest + 2.0).clamp(8.0, 60.0)
}
