//! instance.toml as sheets, and back.
//!
//! - `settings`: columns `key` and `value`, one row per value of
//!   instance.toml outside `[[targets]]` and the year-keyed budgets; the key
//!   is the value's dotted path (`continuity.max_growth`,
//!   `allowed_modes.stranglehold`, `pools.big_fund.carry_over`); a list is
//!   written as ids separated by commas.
//! - `budgets`: columns `table`, `year`, `amount_yi`: the amounts of a
//!   budget given by year (`central_budget_yi.by_year`,
//!   `pools.big_fund.inflow_yi`).
//! - `targets`: one row per `[[targets]]` entry, one column per key.
//!
//! Reading writes instance.toml text and remembers, for each of its lines,
//! the cell it came from, so that every rule of the instance.toml reader is
//! applied unchanged and its errors name the cell.

use indexmap::IndexMap;

use super::columns::TARGETS;
use super::grid::{CellRef, Grid, Value};

pub const SETTINGS: &str = "settings";
pub const BUDGETS: &str = "budgets";
pub const TARGETS_SHEET: &str = "targets";

/// Keys whose value is a list of ids.
const LIST_KEYS: &[&str] = &["areas", "items", "tiers", "modes", "regions"];
/// Keys whose value is text even when it looks like a number.
const TEXT_KEYS: &[&str] = &[
    "name",
    "description",
    "description_zh",
    "model",
    "preset",
    "value",
    "metric",
    "id",
];
/// The order of the settings sheet: what a planner reads first.
const FIRST_KEYS: &[&str] = &[
    "name",
    "description",
    "description_zh",
    "model",
    "first_year",
    "last_year",
    "central_budget_yi",
    "pools",
    "objective",
    "regional_floor",
    "continuity",
    "concentration",
    "horizon_end",
    "allowed_modes",
];

/// The sheets holding an instance.toml.
#[derive(Debug, Clone)]
pub struct ManifestSheets {
    pub settings: Grid,
    pub budgets: Grid,
    pub targets: Grid,
}

/// The settings, budgets and targets sheets of an instance.toml text.
pub fn sheets_from_toml(text: &str) -> Result<ManifestSheets, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| format!("instance.toml: {e}"))?;
    let mut settings = Vec::new();
    let mut budgets = Vec::new();
    let mut targets = empty_targets();
    for (key, value) in &table {
        if key == "targets" {
            fill_targets(value, &mut targets)?;
        } else {
            walk(
                std::slice::from_ref(key),
                value,
                &mut settings,
                &mut budgets,
            )?;
        }
    }
    settings.sort_by_key(|(path, _): &(Vec<String>, Value)| {
        FIRST_KEYS
            .iter()
            .position(|k| *k == path[0])
            .unwrap_or(FIRST_KEYS.len())
    });
    let mut settings_grid = empty_settings();
    for (path, value) in settings {
        settings_grid
            .rows
            .push(vec![Value::Text(dotted(&path)), value]);
    }
    let mut budgets_grid = empty_budgets();
    for (path, year, amount) in budgets {
        budgets_grid.rows.push(vec![
            Value::Text(dotted(&path)),
            Value::Number(year),
            Value::Number(amount),
        ]);
    }
    Ok(ManifestSheets {
        settings: settings_grid,
        budgets: budgets_grid,
        targets,
    })
}

/// The settings sheet of a new template: the keys every instance gives.
pub fn template_sheets() -> ManifestSheets {
    let mut settings = empty_settings();
    for (key, value) in [
        ("name", Value::Empty),
        ("description", Value::Empty),
        ("description_zh", Value::Empty),
        ("model", Value::Text("default.toml".into())),
        ("first_year", Value::Empty),
        ("last_year", Value::Empty),
        ("central_budget_yi.default", Value::Empty),
    ] {
        settings.rows.push(vec![Value::Text(key.into()), value]);
    }
    ManifestSheets {
        settings,
        budgets: empty_budgets(),
        targets: empty_targets(),
    }
}

fn empty_settings() -> Grid {
    Grid {
        name: SETTINGS.into(),
        rows: vec![vec![Value::Text("key".into()), Value::Text("value".into())]],
    }
}

fn empty_budgets() -> Grid {
    Grid {
        name: BUDGETS.into(),
        rows: vec![["table", "year", "amount_yi"]
            .iter()
            .map(|h| Value::Text(h.to_string()))
            .collect()],
    }
}

fn empty_targets() -> Grid {
    Grid {
        name: TARGETS_SHEET.into(),
        rows: vec![TARGETS
            .iter()
            .map(|c| Value::Text(c.name.to_string()))
            .collect()],
    }
}

type Leaves = Vec<(Vec<String>, Value)>;
type YearAmounts = Vec<(Vec<String>, f64, f64)>;

fn walk(
    path: &[String],
    value: &toml::Value,
    settings: &mut Leaves,
    budgets: &mut YearAmounts,
) -> Result<(), String> {
    let key = path.last().expect("a path names a key");
    let year = key.parse::<u32>().ok().filter(|_| path.len() > 1);
    match value {
        toml::Value::Table(table) => {
            for (k, v) in table {
                let mut child = path.to_vec();
                child.push(k.clone());
                walk(&child, v, settings, budgets)?;
            }
        }
        toml::Value::Integer(_) | toml::Value::Float(_) if year.is_some() => {
            budgets.push((
                path[..path.len() - 1].to_vec(),
                f64::from(year.unwrap_or_default()),
                number(value),
            ));
        }
        toml::Value::Array(list) => {
            let mut words = Vec::new();
            for element in list {
                match element {
                    toml::Value::Table(_) | toml::Value::Array(_) => {
                        return Err(format!(
                            "instance.toml: `{}` holds nested lists or tables, which no sheet of the workbook holds",
                            dotted(path)
                        ))
                    }
                    toml::Value::String(s) => words.push(s.clone()),
                    other => words.push(other.to_string()),
                }
            }
            settings.push((path.to_vec(), Value::Text(words.join(", "))));
        }
        other => settings.push((path.to_vec(), scalar(other))),
    }
    Ok(())
}

fn number(value: &toml::Value) -> f64 {
    match value {
        toml::Value::Integer(i) => *i as f64,
        toml::Value::Float(f) => *f,
        _ => f64::NAN,
    }
}

fn scalar(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::Text(s.clone()),
        toml::Value::Integer(_) | toml::Value::Float(_) => Value::Number(number(value)),
        toml::Value::Boolean(b) => Value::Bool(*b),
        other => Value::Text(other.to_string()),
    }
}

fn fill_targets(value: &toml::Value, grid: &mut Grid) -> Result<(), String> {
    let toml::Value::Array(entries) = value else {
        return Err("instance.toml: `targets` must be a list of [[targets]] tables".into());
    };
    for entry in entries {
        let toml::Value::Table(entry) = entry else {
            return Err("instance.toml: `targets` must be a list of [[targets]] tables".into());
        };
        for key in entry.keys() {
            if grid.column(key).is_none() {
                grid.rows[0].push(Value::Text(key.clone()));
            }
        }
        let mut row = vec![Value::Empty; grid.rows[0].len()];
        for (key, v) in entry {
            let col = grid.column(key).expect("added above");
            row[col] = match v {
                toml::Value::Array(list) => Value::Text(
                    list.iter()
                        .map(|e| match e {
                            toml::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                other => scalar(other),
            };
        }
        grid.rows.push(row);
    }
    let width = grid.rows[0].len();
    for row in &mut grid.rows {
        let len = width.max(row.len());
        row.resize(len, Value::Empty);
    }
    Ok(())
}

/// A dotted path as the settings sheet writes it, quoting a part that is
/// not a bare TOML key (a pool id holding a dot).
pub fn dotted(path: &[String]) -> String {
    path.iter()
        .map(|p| key_text(p))
        .collect::<Vec<_>>()
        .join(".")
}

fn key_text(part: &str) -> String {
    let bare = !part.is_empty()
        && part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        part.to_string()
    } else {
        toml::Value::String(part.to_string()).to_string()
    }
}

/// Splits a dotted key (`pools."a.b".carry_over`); `None` when a part is
/// empty or a quote is never closed.
pub fn split_dotted(key: &str) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    for c in key.trim().chars() {
        match c {
            '"' => {
                quoted = !quoted;
                was_quoted = true;
            }
            '.' if !quoted => {
                parts.push(std::mem::take(&mut current).trim().to_string());
                if parts.last().is_some_and(String::is_empty) && !was_quoted {
                    return None;
                }
                was_quoted = false;
            }
            c => current.push(c),
        }
    }
    if quoted {
        return None;
    }
    let last = current.trim().to_string();
    if last.is_empty() && !was_quoted {
        return None;
    }
    parts.push(last);
    Some(parts)
}

/// A broken rule of the workbook itself, at a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct CellIssue {
    pub cell: CellRef,
    pub field: Option<String>,
    pub value: Option<String>,
    pub rule: String,
}

/// instance.toml text made from the sheets, with the cell each line came from.
#[derive(Debug, Clone, Default)]
pub struct ManifestText {
    pub text: String,
    /// `origins[i]`: the cell that line `i + 1` was written from.
    pub origins: Vec<Option<CellRef>>,
    /// Each key of the settings sheet with its value cell (also when empty:
    /// a required key left empty is reported there).
    pub keys: Vec<(String, CellRef)>,
}

impl ManifestText {
    fn line(&mut self, text: String, origin: Option<CellRef>) {
        self.text.push_str(&text);
        self.text.push('\n');
        self.origins.push(origin);
    }
}

/// One `key = value` line with its cell, under the table `path`.
struct Leaf {
    key: String,
    literal: String,
    origin: CellRef,
}

/// Writes instance.toml from the settings, budgets and targets sheets
/// (any may be absent); cells that cannot be a key are reported in `issues`.
pub fn toml_from_sheets(
    settings: Option<&Grid>,
    budgets: Option<&Grid>,
    targets: Option<&Grid>,
    issues: &mut Vec<CellIssue>,
) -> ManifestText {
    let mut tables: IndexMap<Vec<String>, Vec<Leaf>> = IndexMap::new();
    tables.insert(Vec::new(), Vec::new());
    let mut keys = Vec::new();
    if let Some(grid) = settings {
        settings_leaves(grid, &mut tables, &mut keys, issues);
    }
    if let Some(grid) = budgets {
        budget_leaves(grid, &mut tables, issues);
    }
    let mut out = ManifestText {
        keys,
        ..ManifestText::default()
    };
    for (path, leaves) in &tables {
        if !path.is_empty() {
            let origin = leaves.first().map(|l| l.origin.clone());
            out.line(format!("[{}]", dotted(path)), origin);
        }
        for leaf in leaves {
            out.line(
                format!("{} = {}", key_text(&leaf.key), leaf.literal),
                Some(leaf.origin.clone()),
            );
        }
    }
    if let Some(grid) = targets {
        target_tables(grid, &mut out, issues);
    }
    out
}

/// The columns `names` of a key/value sheet, each reported when missing.
fn required_columns(
    grid: &Grid,
    names: &[&str],
    issues: &mut Vec<CellIssue>,
) -> Option<Vec<usize>> {
    let mut found = Vec::new();
    for name in names {
        match grid.column(name) {
            Some(c) => found.push(c),
            None => issues.push(CellIssue {
                cell: CellRef::new(&grid.name, 0, 0),
                field: Some(name.to_string()),
                value: None,
                rule: format!(
                    "required column is missing: the header row (row 1) of sheet `{}` names {}",
                    grid.name,
                    names.join(", ")
                ),
            }),
        }
    }
    (found.len() == names.len()).then_some(found)
}

fn settings_leaves(
    grid: &Grid,
    tables: &mut IndexMap<Vec<String>, Vec<Leaf>>,
    keys: &mut Vec<(String, CellRef)>,
    issues: &mut Vec<CellIssue>,
) {
    let Some(cols) = required_columns(grid, &["key", "value"], issues) else {
        return;
    };
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let key = row.get(cols[0]).cloned().unwrap_or(Value::Empty);
        let value = row.get(cols[1]).cloned().unwrap_or(Value::Empty);
        if key.is_empty() {
            if !value.is_empty() {
                issues.push(CellIssue {
                    cell: CellRef::new(&grid.name, r as u32, cols[0] as u32),
                    field: Some("key".into()),
                    value: None,
                    rule: "a value without a key: write the setting's name in column `key`".into(),
                });
            }
            continue;
        }
        keys.push((
            key.text().trim().to_string(),
            CellRef::new(&grid.name, r as u32, cols[1] as u32),
        ));
        if value.is_empty() {
            continue;
        }
        let key_cell = CellRef::new(&grid.name, r as u32, cols[0] as u32);
        let Some(path) = split_dotted(&key.text()) else {
            issues.push(CellIssue {
                cell: key_cell,
                field: Some("key".into()),
                value: Some(key.text()),
                rule: "a key is names joined by dots (continuity.max_growth); no part may be empty"
                    .into(),
            });
            continue;
        };
        let (parent, leaf) = path.split_at(path.len() - 1);
        tables.entry(parent.to_vec()).or_default().push(Leaf {
            key: leaf[0].clone(),
            literal: literal(&path, &value),
            origin: CellRef::new(&grid.name, r as u32, cols[1] as u32),
        });
    }
}

fn budget_leaves(
    grid: &Grid,
    tables: &mut IndexMap<Vec<String>, Vec<Leaf>>,
    issues: &mut Vec<CellIssue>,
) {
    let Some(cols) = required_columns(grid, &["table", "year", "amount_yi"], issues) else {
        return;
    };
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let cell = |c: usize| row.get(cols[c]).cloned().unwrap_or(Value::Empty);
        let (table, year, amount) = (cell(0), cell(1), cell(2));
        if table.is_empty() && year.is_empty() && amount.is_empty() {
            continue;
        }
        let at = |c: usize| CellRef::new(&grid.name, r as u32, cols[c] as u32);
        let Some(path) = split_dotted(&table.text()).filter(|_| !table.is_empty()) else {
            issues.push(CellIssue {
                cell: at(0),
                field: Some("table".into()),
                value: Some(table.text()),
                rule:
                    "must name the budget the amount belongs to, such as central_budget_yi.by_year"
                        .into(),
            });
            continue;
        };
        let year_text = year.text().trim().to_string();
        let year_ok = year_text.parse::<u32>().is_ok();
        if !year_ok {
            issues.push(CellIssue {
                cell: at(1),
                field: Some("year".into()),
                value: Some(year_text.clone()),
                rule: "must be a whole calendar year such as 2025".into(),
            });
            continue;
        }
        tables.entry(path.clone()).or_default().push(Leaf {
            key: year_text,
            literal: literal(&["amount_yi".to_string()], &amount),
            origin: at(2),
        });
    }
}

fn target_tables(grid: &Grid, out: &mut ManifestText, issues: &mut Vec<CellIssue>) {
    let headers = grid.headers();
    for (c, h) in headers.iter().enumerate() {
        if h.is_empty()
            && grid
                .rows
                .iter()
                .skip(1)
                .any(|r| r.get(c).is_some_and(|v| !v.is_empty()))
        {
            issues.push(CellIssue {
                cell: CellRef::new(&grid.name, 0, c as u32),
                field: Some(format!("column {}", c + 1)),
                value: None,
                rule: "a column with values needs a header naming its key".into(),
            });
        }
    }
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        if row.iter().all(Value::is_empty) {
            continue;
        }
        out.line(String::new(), None);
        out.line(
            "[[targets]]".into(),
            Some(CellRef::new(&grid.name, r as u32, 0)),
        );
        for (c, value) in row.iter().enumerate() {
            let Some(header) = headers.get(c).filter(|h| !h.is_empty()) else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            out.line(
                format!(
                    "{} = {}",
                    key_text(header),
                    literal(std::slice::from_ref(header), value)
                ),
                Some(CellRef::new(&grid.name, r as u32, c as u32)),
            );
        }
    }
}

/// The TOML literal of a cell under `path`: lists from ids separated by
/// commas, text where the key is text, and otherwise numbers (also from
/// numbers stored as text), booleans, or text for the reader to refuse with
/// the kind it expected.
fn literal(path: &[String], value: &Value) -> String {
    let last = path.last().map(String::as_str).unwrap_or("");
    let is_list =
        LIST_KEYS.contains(&last) || (path.len() >= 2 && path[path.len() - 2] == "allowed_modes");
    if is_list {
        if let Value::Text(s) = value {
            let ids: Vec<toml::Value> = s
                .split([',', '，', ';', '；'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| toml::Value::String(s.to_string()))
                .collect();
            return toml::Value::Array(ids).to_string();
        }
    }
    if TEXT_KEYS.contains(&last) {
        return toml::Value::String(value.text().trim().to_string()).to_string();
    }
    match value {
        Value::Number(v) => number_literal(*v),
        Value::Bool(b) => b.to_string(),
        Value::Empty => "\"\"".into(),
        Value::Text(s) => {
            let s = s.trim();
            if let Some(v) = s.parse::<f64>().ok().filter(|v| v.is_finite()) {
                number_literal(v)
            } else if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") {
                s.to_ascii_lowercase()
            } else {
                toml::Value::String(s.to_string()).to_string()
            }
        }
    }
}

/// A whole number as a TOML integer (years, counts), anything else as a
/// float that reads back to the same value.
fn number_literal(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else if v.fract() == 0.0 {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whole floats are written as integers, which the readers take as the
    /// same number.
    fn normalised(value: toml::Value) -> toml::Value {
        match value {
            toml::Value::Integer(i) => toml::Value::Float(i as f64),
            toml::Value::Table(t) => {
                toml::Value::Table(t.into_iter().map(|(k, v)| (k, normalised(v))).collect())
            }
            toml::Value::Array(a) => toml::Value::Array(a.into_iter().map(normalised).collect()),
            other => other,
        }
    }

    fn round_trip(text: &str) -> toml::Value {
        let sheets = sheets_from_toml(text).unwrap();
        let mut issues = Vec::new();
        let made = toml_from_sheets(
            Some(&sheets.settings),
            Some(&sheets.budgets),
            Some(&sheets.targets),
            &mut issues,
        );
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(made.origins.len(), made.text.lines().count());
        normalised(toml::from_str(&made.text).unwrap_or_else(|e| panic!("{e}\n{}", made.text)))
    }

    #[test]
    fn bundled_manifests_come_back_as_the_same_toml() {
        for name in ["demo", "china-2025", "china-2026"] {
            let path = format!(
                "{}/instances/{name}/instance.toml",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).unwrap();
            let original = normalised(toml::from_str(&text).unwrap());
            assert_eq!(round_trip(&text), original, "{name}");
        }
    }

    #[test]
    fn pools_lists_and_quoted_ids_survive() {
        let text = r#"
name = "x"
[pools."big.fund"]
inflow_yi = { default = 0.0, 2024 = 300.5 }
carry_over = 1.0
areas = ["components", "materials"]
platforms = false
[allowed_modes]
general = ["enterprise"]
[continuity.ramp_yi_by_area]
software = 5.0
"#;
        let original = normalised(toml::from_str(text).unwrap());
        assert_eq!(round_trip(text), original);
    }

    #[test]
    fn dotted_keys_split_outside_quotes() {
        assert_eq!(
            split_dotted(r#"pools."a.b".carry_over"#).unwrap(),
            ["pools", "a.b", "carry_over"]
        );
        assert!(split_dotted("a..b").is_none());
        assert!(split_dotted("a.\"b").is_none());
    }
}
