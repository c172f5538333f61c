//! One reader per file of an instance. Each turns its file into typed,
//! indexed data and records every broken rule; none stops at the first one.
//! Cross-references go through [`Ids`], which stays silent about unknown ids
//! when the table defining them could not be read, so that one broken file
//! does not bury its own error under a cascade of "unknown id" messages.

pub mod area_province;
pub mod areas;
pub mod chain_links;
pub mod count_targets;
pub mod horizon;
pub mod item_advantage;
pub mod items;
pub mod model;
pub mod pipeline;
pub mod pools;
pub mod provinces;
pub mod provincial_budgets;
pub mod settings;
pub mod training_budget;

use std::collections::{BTreeMap, HashMap};

use sha2::{Digest, Sha256};

use super::error::{Collector, InputError};
use super::ranges::Range;
use super::source::Source;
use super::tables::{in_range, Row, Schema, Table};

pub const MANIFEST: &str = "instance.toml";
pub const AREAS: &str = "areas.csv";
pub const ITEMS: &str = "items.csv";
pub const PROVINCES: &str = "provinces.csv";
pub const ADVANTAGE: &str = "advantage.csv";
pub const PLATFORMS: &str = "platforms.csv";
pub const CHAIN_LINKS: &str = "chain_links.csv";
pub const PROVINCIAL_BUDGETS: &str = "provincial_budgets.csv";
pub const ITEM_ADVANTAGE: &str = "item_advantage.csv";
pub const PIPELINE: &str = "pipeline.csv";

/// Every table of the format, required ones first.
pub const TABLES: [&str; 9] = [
    AREAS,
    ITEMS,
    PROVINCES,
    ADVANTAGE,
    ITEM_ADVANTAGE,
    PLATFORMS,
    CHAIN_LINKS,
    PROVINCIAL_BUDGETS,
    PIPELINE,
];

/// CSV files an instance may carry for people, never read as data
/// (provenance of the numbers).
pub const DOCUMENTATION_TABLES: [&str; 1] = ["sources.csv"];

/// Reading state shared by the readers: the files, their hashes and
/// encodings, and every error found so far.
pub struct Reader<'s> {
    pub source: &'s dyn Source,
    /// File name → sha256 (hex) of every file read.
    pub hashes: BTreeMap<String, String>,
    /// File name → encoding, for files not in UTF-8.
    pub encodings: BTreeMap<String, &'static str>,
    pub sink: Vec<InputError>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl<'s> Reader<'s> {
    pub fn new(source: &'s dyn Source) -> Reader<'s> {
        Reader {
            source,
            hashes: BTreeMap::new(),
            encodings: BTreeMap::new(),
            sink: Vec::new(),
        }
    }

    pub fn errs(&mut self, file: &str) -> Collector<'_> {
        Collector::new(file, &mut self.sink)
    }

    /// The decoded text of an instance file. A required file that is absent,
    /// and any file that exists but cannot be read or decoded, is an error;
    /// an absent optional file is `None` silently.
    pub fn text(&mut self, name: &str, required: bool) -> Option<String> {
        let bytes = match self.source.read(name) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                if required {
                    self.errs(name)
                        .file(None, "cannot read file: this required file is missing");
                }
                return None;
            }
            Err(rule) => {
                self.errs(name).file(None, &rule);
                return None;
            }
        };
        self.hashes.insert(name.to_string(), sha256_hex(&bytes));
        match super::text::decode_file(name, &bytes) {
            Ok(decoded) => {
                if decoded.encoding != "UTF-8" {
                    self.encodings.insert(name.to_string(), decoded.encoding);
                }
                Some(decoded.text)
            }
            Err(e) => {
                self.errs(name).file(e.line, &e.rule);
                None
            }
        }
    }

    /// Reads and parses a table; `None` when it is absent (optional) or
    /// unusable (its errors are recorded).
    pub fn table(&mut self, name: &str, schema: &Schema, required: bool) -> Option<Table> {
        let text = self.text(name, required)?;
        Table::parse(&text, schema, &mut self.errs(name))
    }
}

/// The ids a table defines, by index. `complete` is false when the table
/// could not be read whole, and then an id missing from it is not reported
/// (its absence is a consequence of the error already reported).
#[derive(Debug, Clone, Default)]
pub struct Ids {
    pub index: HashMap<String, usize>,
    pub complete: bool,
    /// The file that defines them, for messages.
    pub file: &'static str,
}

/// What the ids of a file name: `area`, `item`, `province`.
fn noun(file: &str) -> &'static str {
    match file {
        AREAS => "area",
        ITEMS => "item",
        PROVINCES => "province",
        _ => "id",
    }
}

impl Ids {
    pub fn new<'a>(file: &'static str, ids: impl Iterator<Item = &'a str>, complete: bool) -> Ids {
        Ids {
            index: ids.enumerate().map(|(i, id)| (id.to_string(), i)).collect(),
            complete,
            file,
        }
    }

    /// The ids of a table that could not be read: none, and not complete,
    /// so that no id is reported missing from it.
    pub fn unread(file: &'static str) -> Ids {
        Ids::new(file, std::iter::empty(), false)
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Ids by index.
    pub fn names(&self) -> Vec<String> {
        let mut names = vec![String::new(); self.index.len()];
        for (id, &i) in &self.index {
            names[i] = id.clone();
        }
        names
    }

    /// The index of the id in `column` of `row`; an unknown id is an error
    /// (with the nearest known id) only when the defining table is complete.
    pub fn lookup(
        &self,
        table: &Table,
        row: &Row,
        column: &str,
        errs: &mut Collector,
    ) -> Option<usize> {
        let value = table.required_text(row, column, errs)?;
        self.resolve(&value, Some(row.line), column, errs)
    }

    /// As [`Ids::lookup`], for an id written elsewhere (instance.toml).
    pub fn resolve(
        &self,
        value: &str,
        line: Option<usize>,
        field: &str,
        errs: &mut Collector,
    ) -> Option<usize> {
        if let Some(i) = self.get(value) {
            return Some(i);
        }
        if self.complete {
            let hint = super::keys::did_you_mean(value, self.index.keys().map(String::as_str));
            errs.at(
                line,
                field,
                value,
                &format!(
                    "unknown {}; it must be an id defined in {}{hint}",
                    noun(self.file),
                    self.file
                ),
            );
        }
        None
    }
}

/// The rows of a table whose `id` column defines a set (areas, items,
/// provinces). Each row's id is read once and a duplicate is an error;
/// `record` turns the row into a record, given its id when that is valid.
/// The ids are those of every row with a valid id, even when another field
/// of the row is bad, so that one bad cell does not cascade. Records and ids
/// are ordered by id, not by row, so that reordering a table's rows changes
/// nothing downstream.
pub fn id_table<T>(
    file: &'static str,
    table: &Table,
    errs: &mut Collector,
    mut record: impl FnMut(&Row, Option<String>, &mut Collector) -> Option<T>,
    id_of: impl Fn(&T) -> &str,
) -> (Vec<T>, Ids) {
    let mut seen = HashMap::new();
    let mut records = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut complete = true;
    for row in &table.rows {
        let id = unique_id(table, row, &mut seen, errs);
        match &id {
            Some(id) => ids.push(id.clone()),
            None => complete = false,
        }
        records.extend(record(row, id, errs));
    }
    records.sort_by(|a, b| id_of(a).cmp(id_of(b)));
    ids.sort();
    let ids = Ids::new(file, ids.iter().map(String::as_str), complete);
    (records, ids)
}

/// Reads the `id` column of a row, rejecting duplicates.
fn unique_id(
    table: &Table,
    row: &Row,
    seen: &mut HashMap<String, usize>,
    errs: &mut Collector,
) -> Option<String> {
    let id = table.id(row, "id", errs)?;
    if let Some(first) = seen.get(&id) {
        errs.at(
            Some(row.line),
            "id",
            &id,
            &format!("duplicate id (first defined on line {first})"),
        );
        return None;
    }
    seen.insert(id.clone(), row.line);
    Some(id)
}

/// Prefers `name`, then `name_en`, then `name_zh`, then the id.
pub fn display_name(table: &Table, row: &Row, id: &str) -> String {
    ["name", "name_en", "name_zh"]
        .iter()
        .map(|c| table.text(row, c))
        .find(|s| !s.is_empty())
        .unwrap_or(id)
        .to_string()
}

/// The `name_zh` column, when present and not empty.
pub fn chinese_name(table: &Table, row: &Row) -> Option<String> {
    Some(table.text(row, "name_zh"))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A required number in [0, 1].
pub fn share(table: &Table, row: &Row, column: &str, errs: &mut Collector) -> Option<f64> {
    let v = table.number(row, column, errs)?;
    if (0.0..=1.0).contains(&v) {
        in_range(v, &super::ranges::SHARE, Some(row.line), column, errs)
    } else {
        errs.at(
            Some(row.line),
            column,
            v,
            &format!(
                "must be a share in [0, 1]{}",
                crate::instance::ranges::percent_hint(v)
            ),
        );
        None
    }
}

/// A required number > 0 (rule as given) within `range`.
pub fn positive(
    table: &Table,
    row: &Row,
    column: &str,
    rule: &str,
    range: &Range,
    errs: &mut Collector,
) -> Option<f64> {
    let v = table.number(row, column, errs)?;
    if v > 0.0 {
        in_range(v, range, Some(row.line), column, errs)
    } else {
        errs.at(Some(row.line), column, v, rule);
        None
    }
}

/// A required number ≥ 0 within `range`.
pub fn non_negative(
    table: &Table,
    row: &Row,
    column: &str,
    range: &Range,
    errs: &mut Collector,
) -> Option<f64> {
    let v = table.number(row, column, errs)?;
    checked_non_negative(v, range, Some(row.line), column, errs)
}

/// `v` ≥ 0 and within `range`, else an error naming the unit.
pub fn checked_non_negative(
    v: f64,
    range: &Range,
    line: Option<usize>,
    field: &str,
    errs: &mut Collector,
) -> Option<f64> {
    if v.is_finite() && v >= 0.0 {
        in_range(v, range, line, field, errs)
    } else {
        let unit = if range.unit.starts_with('(') || range.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", range.unit)
        };
        errs.at(line, field, v, &format!("must be ≥ 0{unit}"));
        None
    }
}

/// An optional whole number within `range`; `default` when the cell is empty.
pub fn optional_whole(
    table: &Table,
    row: &Row,
    column: &str,
    range: &Range,
    default: usize,
    errs: &mut Collector,
) -> Option<usize> {
    match table.optional_number(row, column, errs) {
        Some(v) if v.fract() == 0.0 && range.contains(v) => Some(v as usize),
        Some(v) => {
            let rule = format!(
                "must be a whole number of {} in [{}, {}]",
                range.unit, range.min, range.max
            );
            errs.at(Some(row.line), column, v, &rule);
            None
        }
        None => Some(default),
    }
}

/// Every row of a table that gives one value per pair of indices (area ×
/// province, item × province, province × year). `read_row` reads a row's
/// pair and value, recording its errors; `store` keeps each valid one. A
/// pair on two rows is an error naming the first (the later value is kept,
/// the instance is refused anyway). Returns each pair given, with its
/// first line.
pub fn pair_values<V>(
    table: &Table,
    what: &str,
    errs: &mut Collector,
    mut read_row: impl FnMut(&Row, &mut Collector) -> Option<((usize, usize), V)>,
    mut store: impl FnMut((usize, usize), V),
) -> HashMap<(usize, usize), usize> {
    let mut seen = HashMap::new();
    for row in &table.rows {
        if let Some((pair, value)) = read_row(row, errs) {
            first_time(&mut seen, pair, row.line, what, errs);
            store(pair, value);
        }
    }
    seen
}

/// Records a duplicate (key → first line) as an error on `line`.
pub fn first_time<K: std::hash::Hash + Eq>(
    seen: &mut HashMap<K, usize>,
    key: K,
    line: usize,
    what: &str,
    errs: &mut Collector,
) -> bool {
    if let Some(first) = seen.insert(key, line) {
        errs.file(
            Some(line),
            &format!("duplicate {what} (first on line {first})"),
        );
        false
    } else {
        true
    }
}
