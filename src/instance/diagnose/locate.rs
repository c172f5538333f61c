//! Finding the line a planner must edit: the row of an id in a CSV table,
//! the key of a target or budget in `instance.toml`. Files are read again
//! from the instance folder (an instance keeps indices, not lines); a file
//! that cannot be read leaves the line unnamed, never an error.

use std::collections::HashMap;
use std::path::Path;

use crate::instance::read::{ITEMS, MANIFEST, PROVINCES};
use crate::instance::toml_lines::{array_key_line, key_line};
use crate::instance::Instance;

/// Lines of the rows of one CSV table by the value of its id column.
fn id_lines(path: &Path, id_column: &str) -> HashMap<String, usize> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    // Same dialect as the loader: `#` comments, trimmed fields.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let Some(column) = reader.headers().ok().and_then(|h| {
        h.iter()
            .position(|c| c.trim_start_matches('\u{feff}') == id_column)
    }) else {
        return HashMap::new();
    };
    let mut lines = HashMap::new();
    for record in reader.records().flatten() {
        if let (Some(id), Some(pos)) = (record.get(column), record.position()) {
            lines.entry(id.to_string()).or_insert(pos.line() as usize);
        }
    }
    lines
}

/// Lines of an instance's files, read once.
pub struct Locator {
    items: HashMap<String, usize>,
    provinces: HashMap<String, usize>,
    manifest: String,
}

impl Locator {
    pub fn new(inst: &Instance) -> Locator {
        Locator {
            items: id_lines(&inst.root.join(ITEMS), "id"),
            provinces: id_lines(&inst.root.join(PROVINCES), "id"),
            manifest: std::fs::read_to_string(inst.root.join(MANIFEST)).unwrap_or_default(),
        }
    }

    /// Line of item `id` in items.csv.
    pub fn item(&self, id: &str) -> Option<usize> {
        self.items.get(id).copied()
    }

    /// Line of province `id` in provinces.csv.
    pub fn province(&self, id: &str) -> Option<usize> {
        self.provinces.get(id).copied()
    }

    /// Line of `key` in the `n`-th `[[targets]]` entry of instance.toml.
    pub fn target(&self, n: usize, key: &str) -> Option<usize> {
        array_key_line(&self.manifest, "targets", n, key)
    }

    /// Line of `key` in table `table` of instance.toml ("" = top level).
    pub fn manifest_key(&self, table: &str, key: &str) -> Option<usize> {
        key_line(&self.manifest, table, key)
    }
}
