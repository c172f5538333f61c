//! The CSV tables of an output folder that are read back, one row type
//! each. Columns are read by their header names; a column the type does not
//! name is ignored, a missing one or a value of the wrong kind is an error
//! naming the file, the line and the column.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::units::DualUnit;
use super::ReadError;

/// allocation.csv: one non-zero effort with its funding [亿元].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationRow {
    pub year: i32,
    pub item: String,
    pub area: String,
    pub tier: String,
    pub province: String,
    pub mode: String,
    pub effort: f64,
    pub funding_central_yi: f64,
    pub funding_provincial_yi: f64,
    pub talent_kfte: f64,
    pub capacity_cu: f64,
}

/// sites.csv: a candidate national lead site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteRow {
    pub item: String,
    pub province: String,
    pub advantage: f64,
    /// 1 when designated (0 or between in a relaxed solve).
    pub designated: f64,
    pub national_effort_total: f64,
}

impl SiteRow {
    /// Whether the plan designates this site (a relaxed value above one half).
    pub fn is_designated(&self) -> bool {
        self.designated > 0.5
    }
}

/// platforms.csv: platforms of one area, province and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformRow {
    pub area: String,
    pub province: String,
    pub year: i32,
    pub new_platforms: f64,
    pub capacity_available_cu: f64,
    pub capacity_used_cu: f64,
}

/// targets.csv: one target, levels and shortfall as shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRow {
    pub target: String,
    pub group: String,
    pub year: i32,
    pub level: f64,
    pub achieved: f64,
    pub achieved_realised: f64,
    pub shortfall: f64,
    pub met: bool,
    pub dual_yi_per_point: Option<f64>,
    pub one_more_point_yi: Option<f64>,
    pub one_more_point_spend_yi: Option<f64>,
    pub one_less_point_saves_yi: Option<f64>,
    pub one_less_point_spend_saved_yi: Option<f64>,
    /// The measure the target is set on, `weighted` or `count` (absent in
    /// folders written before count targets, as are the columns below).
    #[serde(default)]
    pub metric: Option<String>,
    /// The group's demand-weighted mean share, realised.
    #[serde(default)]
    pub weighted_realised: Option<f64>,
    /// Items of the group at or above their assurance threshold, realised.
    #[serde(default)]
    pub count_assured: Option<usize>,
    #[serde(default)]
    pub count_items: Option<usize>,
    #[serde(default)]
    pub count_share: Option<f64>,
}

/// duals.csv: one row of the formulation by meaning, with its dual.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DualRow {
    pub family: String,
    /// Equation label of docs/model.md §5.
    pub label: String,
    /// `name=value` pairs joined by `;`.
    pub keys: String,
    /// Calendar year; empty for rows that hold over the whole horizon.
    pub year: Option<i32>,
    pub dual: f64,
    pub unit: DualUnit,
    pub binding: bool,
    pub slack: f64,
    pub source: String,
}

impl AllocationRow {
    /// The header row, written by the report and read here by name.
    pub const HEADER: &'static [&'static str] = &[
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
    ];
}

impl SiteRow {
    /// The header row, written by the report and read here by name.
    pub const HEADER: &'static [&'static str] = &[
        "item",
        "province",
        "advantage",
        "designated",
        "national_effort_total",
    ];
}

impl PlatformRow {
    /// The header row, written by the report and read here by name.
    pub const HEADER: &'static [&'static str] = &[
        "area",
        "province",
        "year",
        "new_platforms",
        "capacity_available_cu",
        "capacity_used_cu",
    ];
}

impl TargetRow {
    /// The header row, written by the report and read here by name.
    pub const HEADER: &'static [&'static str] = &[
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
        "metric",
        "weighted_realised",
        "count_assured",
        "count_items",
        "count_share",
    ];
}

/// self_sufficiency.csv, one row per item, area and all items in every
/// year: the columns of every instance, then [`SHARE_SOURCE_COLUMNS`] when
/// items drift or have pipeline effort, then [`COUNT_COLUMNS`].
pub const SELF_SUFFICIENCY_HEADER: &[&str] = &[
    "level",
    "id",
    "year",
    "initial_share",
    "realised_share",
    "model_share",
];

/// The parts of a realised share by cause (docs/model.md §10 (PIPE)).
pub const SHARE_SOURCE_COLUMNS: &[&str] = &["from_drift", "from_pipeline", "from_plan"];

/// The count measure beside the weighted mean (docs/model.md §10 (CT)): items
/// assured (an item's row: 1 or 0), items counted, and their ratio — the
/// words of targets.csv.
pub const COUNT_COLUMNS: &[&str] = &["count_assured", "count_items", "count_share"];

impl DualRow {
    /// The header row, written by the report and read here by name.
    pub const HEADER: &'static [&'static str] = &[
        "family", "label", "keys", "year", "dual", "unit", "binding", "slack", "source",
    ];
}

/// The rows of a table of an output folder.
pub fn read_rows<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, ReadError> {
    let fail = |message: String| ReadError {
        path: path.to_path_buf(),
        message,
    };
    let mut reader = csv::Reader::from_path(path).map_err(|e| fail(e.to_string()))?;
    let headers = reader
        .headers()
        .map_err(|e| fail(format!("line 1: {e}")))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| fail(describe(&e, &headers, None)))?;
        let row = record
            .deserialize(Some(&headers))
            .map_err(|e| fail(describe(&e, &headers, Some(&record))))?;
        rows.push(row);
    }
    Ok(rows)
}

/// A CSV error as "line N, field `name`: what is wrong".
fn describe(
    e: &csv::Error,
    headers: &csv::StringRecord,
    record: Option<&csv::StringRecord>,
) -> String {
    let line = |pos: Option<&csv::Position>| {
        pos.or_else(|| record.and_then(|r| r.position()))
            .map(|p| format!("line {}", p.line()))
            .unwrap_or_else(|| "a line".into())
    };
    match e.kind() {
        csv::ErrorKind::Deserialize { pos, err } => {
            let what = err.kind().to_string();
            // A value that parses but is not one qiangji writes (a unit) is
            // refused with the value quoted: that names its column.
            let field = err.field().map(|i| i as usize).or_else(|| {
                record?
                    .iter()
                    .position(|v| !v.is_empty() && what.contains(&format!("`{v}`")))
            });
            let field = field
                .and_then(|i| headers.get(i))
                .map(|h| format!(", field `{h}`"))
                .unwrap_or_default();
            format!("{}{field}: {what}", line(pos.as_ref()))
        }
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => format!(
            "{}: {len} field(s) where the header has {expected_len}",
            line(pos.as_ref())
        ),
        csv::ErrorKind::Utf8 { pos, err } => {
            format!(
                "{}, field {}: not UTF-8",
                line(pos.as_ref()),
                err.field() + 1
            )
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: DeserializeOwned>(text: &str) -> Result<Vec<T>, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("table.csv");
        std::fs::write(&path, text).unwrap();
        read_rows(&path).map_err(|e| e.to_string())
    }

    #[test]
    fn duals_read_back_with_their_unit() {
        let rows: Vec<DualRow> = read(
            "family,label,keys,year,dual,unit,binding,slack,source\n\
             target,G,target=t1,2026,89.9,亿元 per unit share of target level,true,0,lp\n\
             site_count,SITE,item=chip,,0,亿元 per site,false,1,lp\n",
        )
        .unwrap();
        assert_eq!(rows[0].unit, DualUnit::TargetShare);
        assert_eq!(rows[0].year, Some(2026));
        assert!(rows[0].binding);
        assert_eq!(rows[1].year, None);
    }

    #[test]
    fn an_unreadable_value_names_line_and_field() {
        let e = read::<SiteRow>(
            "item,province,advantage,designated,national_effort_total\n\
             chip,east,1.5,1,8\n\
             chip,west,1,yes,0\n",
        )
        .unwrap_err();
        assert!(
            e.contains("table.csv") && e.contains("line 3, field `designated`"),
            "{e}"
        );
        let e = read::<DualRow>(
            "family,label,keys,year,dual,unit,binding,slack,source\n\
             talent,H,province=p1,2024,1,亿元 per talent,true,0,lp\n",
        )
        .unwrap_err();
        assert!(
            e.contains("line 2, field `unit`") && e.contains("亿元 per talent"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_column_is_named() {
        let e = read::<PlatformRow>("area,province,year\nc,east,2024\n").unwrap_err();
        assert!(e.contains("line 2") && e.contains("new_platforms"), "{e}");
    }

    /// The header each writer uses is the one its row type reads: a field
    /// renamed on one side only fails here.
    #[test]
    fn every_header_names_the_fields_of_its_row_type() {
        fn header_of<T: Serialize>(row: T) -> Vec<String> {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.serialize(row).unwrap();
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            let first = text.lines().next().unwrap().to_string();
            first.split(',').map(str::to_string).collect()
        }
        let allocation = AllocationRow {
            year: 2024,
            item: "chip".into(),
            area: "components".into(),
            tier: "core".into(),
            province: "east".into(),
            mode: "national".into(),
            effort: 1.0,
            funding_central_yi: 1.0,
            funding_provincial_yi: 0.0,
            talent_kfte: 0.1,
            capacity_cu: 0.1,
        };
        assert_eq!(header_of(allocation), AllocationRow::HEADER);
        let site = SiteRow {
            item: "chip".into(),
            province: "east".into(),
            advantage: 1.0,
            designated: 1.0,
            national_effort_total: 2.0,
        };
        assert_eq!(header_of(site), SiteRow::HEADER);
        let platform = PlatformRow {
            area: "components".into(),
            province: "east".into(),
            year: 2024,
            new_platforms: 1.0,
            capacity_available_cu: 2.0,
            capacity_used_cu: 1.0,
        };
        assert_eq!(header_of(platform), PlatformRow::HEADER);
        let target = TargetRow {
            target: "core_2025".into(),
            group: "core".into(),
            year: 2025,
            level: 0.7,
            achieved: 0.6,
            achieved_realised: 0.6,
            shortfall: 0.1,
            met: false,
            dual_yi_per_point: None,
            one_more_point_yi: None,
            one_more_point_spend_yi: None,
            one_less_point_saves_yi: None,
            one_less_point_spend_saved_yi: None,
            metric: Some("count".into()),
            weighted_realised: Some(0.6),
            count_assured: Some(2),
            count_items: Some(3),
            count_share: Some(0.667),
        };
        assert_eq!(header_of(target), TargetRow::HEADER);
        let dual = DualRow {
            family: "target".into(),
            label: "G".into(),
            keys: "target=t1".into(),
            year: Some(2026),
            dual: 1.0,
            unit: DualUnit::TargetShare,
            binding: true,
            slack: 0.0,
            source: "lp".into(),
        };
        assert_eq!(header_of(dual), DualRow::HEADER);
    }
}
