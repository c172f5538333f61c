//! The sheets of an instance workbook made from an instance folder (or
//! from another workbook): what `export-xlsx` and `template --from` write.

use std::collections::BTreeMap;
use std::path::Path;

use super::columns;
use super::grid::{Grid, Value};
use super::manifest::{self, ManifestSheets};
use crate::instance::read::{DOCUMENTATION_TABLES, MANIFEST, TABLES};
use crate::instance::source::{Folder, Source};
use crate::instance::text::{decode_file, prepare_csv};

/// Everything an instance workbook holds, sheet by sheet.
#[derive(Debug, Clone)]
pub struct BookSheets {
    /// The table sheets present, in the format's order (`sources` last).
    pub tables: Vec<Grid>,
    pub manifest: ManifestSheets,
}

/// The files of the instance at `path` (a folder or a workbook).
pub fn instance_files(path: &Path) -> Result<BTreeMap<String, Vec<u8>>, String> {
    if super::is_workbook(path) {
        let source = super::open(path).map_err(|e| e.to_string())?;
        return Ok(source.files().clone());
    }
    let folder = Folder::new(path);
    let mut files = BTreeMap::new();
    for name in TABLES
        .iter()
        .chain(DOCUMENTATION_TABLES.iter())
        .chain([&MANIFEST])
    {
        if let Some(bytes) = folder.read(name).map_err(|e| format!("{name} {e}"))? {
            files.insert(name.to_string(), bytes);
        }
    }
    Ok(files)
}

/// The sheets of the instance whose files are `files`.
pub fn book_sheets(files: &BTreeMap<String, Vec<u8>>) -> Result<BookSheets, String> {
    let mut tables = Vec::new();
    for name in TABLES.iter().chain(DOCUMENTATION_TABLES.iter()) {
        if let Some(bytes) = files.get(*name) {
            tables.push(table_grid(name, bytes)?);
        }
    }
    let manifest = match files.get(MANIFEST) {
        Some(bytes) => {
            let text =
                decode_file(MANIFEST, bytes).map_err(|e| format!("{MANIFEST}: {}", e.rule))?;
            manifest::sheets_from_toml(&text.text)?
        }
        None => manifest::template_sheets(),
    };
    Ok(BookSheets { tables, manifest })
}

/// The sheets of an empty template: every table with its header row.
pub fn template_sheets() -> BookSheets {
    let tables = TABLES
        .iter()
        .map(|file| {
            let sheet = file.trim_end_matches(".csv");
            Grid {
                name: sheet.to_string(),
                rows: vec![columns::columns(sheet)
                    .iter()
                    .map(|c| Value::Text(c.name.to_string()))
                    .collect()],
            }
        })
        .collect();
    BookSheets {
        tables,
        manifest: manifest::template_sheets(),
    }
}

/// A CSV file as a sheet: numbers as numbers except in id and word
/// columns, comment lines and blank rows left out.
fn table_grid(file: &str, bytes: &[u8]) -> Result<Grid, String> {
    let sheet = file.trim_end_matches(".csv");
    let text = decode_file(file, bytes).map_err(|e| format!("{file}: {}", e.rule))?;
    let prepared =
        prepare_csv(&text.text).map_err(|(line, rule)| format!("{file} line {line}: {rule}"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(prepared.text.as_bytes());
    let mut grid = Grid::new(sheet);
    let mut headers: Vec<String> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{file}: {e}"))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        if headers.is_empty() {
            headers = record
                .iter()
                .map(|h| h.trim_start_matches('\u{feff}').to_string())
                .collect();
            grid.rows
                .push(headers.iter().map(|h| Value::Text(h.clone())).collect());
            continue;
        }
        let row = record
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let header = headers.get(i).map(String::as_str).unwrap_or("");
                match field.parse::<f64>() {
                    Ok(v) if v.is_finite() && !columns::is_text(sheet, header) => Value::Number(v),
                    _ if field.is_empty() => Value::Empty,
                    _ => Value::Text(field.to_string()),
                }
            })
            .collect();
        grid.rows.push(row);
    }
    Ok(grid)
}

/// A model file that only the instance's folder holds (not a bundled one)
/// is written as its absolute path, so that the workbook finds it wherever
/// it is saved; a bundled model's name stays as written.
pub fn anchor_model(book: &mut BookSheets, instance: &Path) {
    let folder = if super::is_workbook(instance) {
        instance.parent().unwrap_or(Path::new("."))
    } else {
        instance
    };
    let settings = &mut book.manifest.settings;
    let Some(key_col) = settings.column("key") else {
        return;
    };
    let Some(value_col) = settings.column("value") else {
        return;
    };
    for row in settings.rows.iter_mut().skip(1) {
        if row.get(key_col).map(Value::text).as_deref() != Some("model") {
            continue;
        }
        let Some(Value::Text(model)) = row.get(value_col) else {
            continue;
        };
        let named = Path::new(model);
        let bundled = named
            .file_name()
            .and_then(|n| crate::instance::read::model::bundled(&n.to_string_lossy()))
            .is_some();
        if named.is_relative() && !bundled {
            if let Ok(full) = folder.join(named).canonicalize() {
                row[value_col] = Value::Text(full.display().to_string());
            }
        }
    }
}
