//! Instances as Excel workbooks (`.xlsx`): one sheet per table of the
//! instance format (`items`, `provinces`, …) with the CSV file's columns,
//! and the sheets `settings`, `budgets` and `targets` for what instance.toml
//! holds (see [`manifest`]).
//!
//! The reader turns the sheets into the same files the CSV and TOML
//! readers take, so every input rule is applied unchanged; an error is
//! then named by its sheet and cell (`items!F12`) instead of file and line.
//! The workbook's own rules (docs/instance-format.md, "Workbooks"):
//!
//! - a cell holding an Excel error (`#N/A`, `#REF!`) is refused, naming it;
//! - a formula is read by the value Excel saved with it; a formula without
//!   a saved value (a workbook written by a program that never calculated
//!   it) is refused, naming the cell;
//! - a date or time is refused (no value of the format is a date; a year is
//!   a whole number);
//! - merged cells in a sheet of the format are refused, naming the range
//!   (only the first cell of a merged range holds the value);
//! - a hidden sheet named as a sheet of the format is refused (data a
//!   planner cannot see must not decide the plan); other hidden sheets are
//!   ignored, as are `instructions` and `sources` (kept for people);
//! - numbers stored as text are read as the number they spell, as in CSV;
//! - a value to the right of the header's last column is refused;
//! - line breaks inside a cell are read as spaces.

pub mod columns;
pub mod grid;
pub mod manifest;
pub mod sheets;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, SheetType, SheetVisible, Xlsx};

use super::error::{InputError, InputErrors};
use super::load::load_from;
use super::read::{DOCUMENTATION_TABLES, MANIFEST, TABLES};
use super::source::{Folder, Source};
use super::{Instance, LoadOptions};
use grid::{CellRef, Grid, Value};
use manifest::{CellIssue, BUDGETS, SETTINGS, TARGETS_SHEET};

/// Tables an instance may leave out.
pub const OPTIONAL_TABLES: [&str; 5] = [
    "item_advantage.csv",
    "chain_links.csv",
    "provincial_budgets.csv",
    "pipeline.csv",
    "sources.csv",
];

/// Sheets a workbook may carry for people; never read as data.
pub const INSTRUCTIONS: &str = "instructions";

/// Whether `path` names a workbook (by its extension).
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// An instance workbook turned into the files of an instance folder, with
/// what is needed to name cells in the errors the readers find.
#[derive(Debug, Clone, Default)]
pub struct Book {
    /// File name → contents, as an instance folder would hold them.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Sheet of each CSV file and the header texts of that sheet.
    headers: BTreeMap<String, (String, Vec<String>)>,
    manifest_origins: Vec<Option<CellRef>>,
    settings_keys: Vec<(String, CellRef)>,
    /// Cells already reported, whose follow-on errors are not repeated.
    reported: BTreeSet<String>,
    issues: Vec<InputError>,
}

/// The role of a sheet, by its name.
enum Role {
    Table(&'static str),
    Manifest,
    Aside,
    Unknown,
}

fn role(name: &str) -> Role {
    if let Some(file) = TABLES
        .iter()
        .chain(DOCUMENTATION_TABLES.iter())
        .find(|t| t.strip_suffix(".csv") == Some(name))
    {
        return Role::Table(file);
    }
    match name {
        SETTINGS | BUDGETS | TARGETS_SHEET => Role::Manifest,
        INSTRUCTIONS => Role::Aside,
        _ => Role::Unknown,
    }
}

fn sheet_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = TABLES
        .iter()
        .chain(DOCUMENTATION_TABLES.iter())
        .filter_map(|t| t.strip_suffix(".csv"))
        .collect();
    names.extend([SETTINGS, BUDGETS, TARGETS_SHEET, INSTRUCTIONS]);
    names
}

fn book_error(file: &str, rule: String) -> InputErrors {
    InputErrors(vec![InputError {
        file: file.to_string(),
        line: None,
        field: None,
        value: None,
        rule,
    }])
}

/// Reads a workbook's bytes (`file` names it in messages) into the files of
/// an instance; every broken workbook rule is returned at once.
pub fn read_book(bytes: &[u8], file: &str) -> Result<Book, InputErrors> {
    // calamine parses whatever bytes it is given; a panic inside it is
    // turned into the refusal of the file rather than a crash.
    let read = std::panic::catch_unwind(|| read_sheets(bytes, file));
    let (grids, mut issues) = match read {
        Ok(result) => result?,
        Err(_) => {
            return Err(book_error(
                file,
                "not a readable Excel workbook (.xlsx): its contents are damaged".into(),
            ))
        }
    };
    let mut book = Book::default();
    let find = |name: &str| grids.iter().find(|g| g.name == name);
    for grid in &grids {
        if let Role::Table(csv) = role(&grid.name) {
            // A template carries every table; an optional one left empty
            // is the table left out, as in a folder.
            let empty = grid
                .rows
                .iter()
                .skip(1)
                .all(|r| r.iter().all(Value::is_empty));
            if empty && OPTIONAL_TABLES.contains(&csv) {
                continue;
            }
            let (text, headers) = csv_text(grid, &mut issues);
            book.files.insert(csv.to_string(), text.into_bytes());
            book.headers
                .insert(csv.to_string(), (grid.name.clone(), headers));
        }
    }
    let has_manifest = [SETTINGS, BUDGETS, TARGETS_SHEET]
        .iter()
        .any(|s| find(s).is_some());
    if has_manifest {
        let made = manifest::toml_from_sheets(
            find(SETTINGS),
            find(BUDGETS),
            find(TARGETS_SHEET),
            &mut issues,
        );
        book.files
            .insert(MANIFEST.to_string(), made.text.into_bytes());
        book.manifest_origins = made.origins;
        book.settings_keys = made.keys;
    }
    for issue in issues {
        book.reported.insert(issue.cell.name());
        book.issues.push(InputError {
            file: issue.cell.name(),
            line: None,
            field: issue.field,
            value: issue.value,
            rule: issue.rule,
        });
    }
    Ok(book)
}

type Sheets = (Vec<Grid>, Vec<CellIssue>);

fn read_sheets(bytes: &[u8], file: &str) -> Result<Sheets, InputErrors> {
    let mut xlsx = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        book_error(
            file,
            format!("not a readable Excel workbook (.xlsx): {e}; save it from Excel as \"Excel Workbook (*.xlsx)\""),
        )
    })?;
    let mut grids = Vec::new();
    let mut issues = Vec::new();
    let sheets = xlsx.sheets_metadata().to_vec();
    for sheet in sheets {
        let name = sheet.name.clone();
        let at_sheet = |rule: String| CellIssue {
            cell: CellRef::new(&name, 0, 0),
            field: None,
            value: None,
            rule,
        };
        let hidden = sheet.visible != SheetVisible::Visible;
        match role(&name) {
            Role::Aside => continue,
            Role::Unknown if hidden => continue,
            Role::Unknown => {
                let known = sheet_names();
                let hint = match super::keys::nearest(&name, known.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`? "),
                    None => String::new(),
                };
                issues.push(at_sheet(format!(
                    "not a sheet of the instance format; {hint}Rename it, delete it or hide it (sheets: {})",
                    known.join(", ")
                )));
                continue;
            }
            Role::Table(_) | Role::Manifest => {}
        }
        if hidden {
            issues.push(at_sheet(
                "this sheet of the instance format is hidden; unhide it (data no one sees must not decide the plan) or delete it".into(),
            ));
            continue;
        }
        if sheet.typ != SheetType::WorkSheet {
            issues.push(at_sheet(
                "is a chart or macro sheet, not a worksheet of values".into(),
            ));
            continue;
        }
        match read_grid(&mut xlsx, &name, &mut issues) {
            Ok(grid) => grids.push(grid),
            Err(e) => issues.push(at_sheet(format!("cannot be read: {e}"))),
        }
    }
    Ok((grids, issues))
}

/// The values of one worksheet, each cell by the workbook's rules.
fn read_grid(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    issues: &mut Vec<CellIssue>,
) -> Result<Grid, calamine::XlsxError> {
    let range = xlsx.worksheet_range(name)?;
    let formulas = xlsx.worksheet_formula(name).ok();
    for merged in xlsx.merge_cells_by_sheet_name(name).unwrap_or_default() {
        let first = CellRef::new(name, merged.start.0, merged.start.1);
        let last = CellRef::new(name, merged.end.0, merged.end.1);
        let last_name = last.name();
        let last_part = last_name.rsplit('!').next().unwrap_or_default();
        issues.push(CellIssue {
            cell: first,
            field: None,
            value: None,
            rule: format!(
                "merged cells (through {last_part}): only the first cell of a merged range holds its value, so the others would read as empty; unmerge them and fill every cell"
            ),
        });
    }
    let mut grid = Grid::new(name);
    let Some((end_row, end_col)) = range.end() else {
        return Ok(grid);
    };
    let formula_at = |row: u32, col: u32| {
        formulas
            .as_ref()
            .and_then(|f| f.get_value((row, col)))
            .is_some_and(|f| !f.is_empty())
    };
    for row in 0..=end_row {
        let mut values = Vec::new();
        for col in 0..=end_col {
            let data = range.get_value((row, col)).unwrap_or(&Data::Empty);
            let cell = CellRef::new(name, row, col);
            values.push(cell_value(data, formula_at(row, col), cell, issues));
        }
        grid.rows.push(values);
    }
    Ok(grid)
}

/// A cell's value by the workbook's rules; a refused cell is reported and
/// read as empty.
fn cell_value(data: &Data, formula: bool, cell: CellRef, issues: &mut Vec<CellIssue>) -> Value {
    let mut refuse = |value: String, rule: &str| {
        issues.push(CellIssue {
            cell: cell.clone(),
            field: None,
            value: Some(value),
            rule: rule.to_string(),
        });
        Value::Empty
    };
    match data {
        Data::Empty if formula => refuse(
            String::new(),
            "a formula without a saved value (the workbook was written by a program that did not calculate it): open it in Excel, let it calculate and save, or type the value",
        ),
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.replace("\r\n", " ").replace(['\n', '\r'], " ")),
        Data::Float(v) => Value::Number(*v),
        Data::Int(v) => Value::Number(*v as f64),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) => refuse(
            d.as_f64().to_string(),
            "a date or time, but no value of the instance format is one (a year is a whole number such as 2025): format the cell as General or Number and type the value",
        ),
        Data::DateTimeIso(s) | Data::DurationIso(s) => refuse(
            s.clone(),
            "a date or time, but no value of the instance format is one (a year is a whole number such as 2025): format the cell as General or Number and type the value",
        ),
        Data::Error(e) => refuse(
            e.to_string(),
            "an Excel error value (a formula failed, e.g. a lookup found nothing or a reference was deleted); fix the formula or type the value",
        ),
    }
}

/// A table sheet as CSV text whose line `n` is row `n` of the sheet, and
/// the sheet's headers.
fn csv_text(grid: &Grid, issues: &mut Vec<CellIssue>) -> (String, Vec<String>) {
    let headers = grid.headers();
    let width = headers
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |last| last + 1);
    let mut text = String::new();
    for (r, row) in grid.rows.iter().enumerate() {
        let mut fields = Vec::new();
        for (c, value) in row.iter().enumerate() {
            if c < width {
                fields.push(quoted(&value.text()));
            } else if !value.is_empty() {
                issues.push(CellIssue {
                    cell: CellRef::new(&grid.name, r as u32, c as u32),
                    field: None,
                    value: Some(value.text()),
                    rule: "a value to the right of the table's last column: give the column a header or delete the value".into(),
                });
            }
        }
        fields.resize(width, quoted(""));
        if row.iter().take(width).all(Value::is_empty) {
            fields.clear();
        }
        text.push_str(&fields.join(","));
        text.push('\n');
    }
    (text, headers[..width].to_vec())
}

/// CSV written with every field quoted (as `csv_text` does) rewritten
/// with quotes only where a field needs them: a separator, a quote, a line
/// break, surrounding spaces, or a `#` that would start a comment line.
fn tidy_csv(bytes: &[u8]) -> Vec<u8> {
    let mut out = String::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    for record in reader.records().map_while(Result::ok) {
        if record.iter().all(str::is_empty) {
            continue;
        }
        let fields: Vec<String> = record
            .iter()
            .map(|f| {
                let needs =
                    f.contains([',', '"', '\n', '\r']) || f.starts_with('#') || f.trim() != f;
                if needs {
                    quoted(f)
                } else {
                    f.to_string()
                }
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// Every field is quoted, so that no cell can read as a comment line or
/// split into two fields.
fn quoted(field: &str) -> String {
    format!("\"{}\"", field.replace('"', "\"\""))
}

impl Book {
    /// The errors of loading this book's files, named by sheet and cell,
    /// after the workbook's own; follow-on errors at a cell already
    /// reported are left out.
    pub fn name_cells(&self, errors: Vec<InputError>) -> InputErrors {
        let mut out = self.issues.clone();
        for e in errors {
            let named = self.located(e);
            if !self.reported.contains(&named.file) {
                out.push(named);
            }
        }
        InputErrors(out)
    }

    fn located(&self, e: InputError) -> InputError {
        let place = if let Some((sheet, headers)) = self.headers.get(&e.file) {
            match (e.line, e.field.as_deref()) {
                (Some(line), Some(field)) => match headers.iter().position(|h| h == field) {
                    Some(col) => CellRef::new(sheet, line as u32 - 1, col as u32).name(),
                    None => format!("{sheet}!{line}:{line}"),
                },
                (Some(line), None) => format!("{sheet}!{line}:{line}"),
                (None, _) => sheet.clone(),
            }
        } else if let Some((_, cell)) = self
            .settings_keys
            .iter()
            .find(|(key, _)| e.file == MANIFEST && Some(key.as_str()) == e.field.as_deref())
        {
            cell.name()
        } else if e.file == MANIFEST {
            e.line
                .and_then(|l| {
                    self.manifest_origins
                        .get(l.wrapping_sub(1))
                        .cloned()
                        .flatten()
                })
                .map_or_else(|| SETTINGS.to_string(), |cell| cell.name())
        } else if let Some(sheet) = e
            .file
            .strip_suffix(".csv")
            .filter(|_| TABLES.contains(&e.file.as_str()))
        {
            sheet.to_string()
        } else {
            return e;
        };
        let rule = if e.file.ends_with(".csv") && !self.headers.contains_key(&e.file) {
            e.rule.replace(
                "this required file is missing",
                "this required sheet is missing",
            )
        } else if e.file == MANIFEST && self.manifest_origins.is_empty() {
            e.rule.replace(
                "this required file is missing",
                "the sheet `settings` (columns key, value) is missing",
            )
        } else {
            e.rule
        };
        InputError {
            file: place,
            line: None,
            rule,
            ..e
        }
    }
}

/// A workbook's files as an instance [`Source`]: the model file and
/// anything else named by a path is looked for beside the workbook.
pub struct BookSource {
    path: PathBuf,
    /// The workbook's folder; `None` for a workbook held in memory.
    beside: Option<Folder>,
    book: Book,
}

impl BookSource {
    /// The workbook `book` read from the file `path`.
    pub fn new(path: &Path, book: Book) -> BookSource {
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        BookSource {
            path: path.to_path_buf(),
            beside: Some(Folder::new(&parent)),
            book,
        }
    }

    /// A workbook held in memory: its model file is a bundled one.
    pub fn in_memory(book: Book) -> BookSource {
        BookSource {
            path: PathBuf::from("(workbook)"),
            beside: None,
            book,
        }
    }

    /// Loads the instance, errors named by sheet and cell.
    pub fn load(&self, options: &LoadOptions) -> Result<Instance, InputErrors> {
        match load_from(self, options) {
            Ok(_) if !self.book.issues.is_empty() => Err(self.book.name_cells(Vec::new())),
            Ok(instance) => Ok(instance),
            Err(errors) => Err(self.book.name_cells(errors.0)),
        }
    }

    /// The files of the instance folder this workbook stands for, as the
    /// readers take them (one line per row of the sheet).
    pub fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.book.files
    }

    /// The same files as a planner would write them: blank rows left out
    /// and fields quoted only where CSV needs it.
    pub fn folder_files(&self) -> BTreeMap<String, Vec<u8>> {
        self.book
            .files
            .iter()
            .map(|(name, bytes)| {
                let tidy = if name.ends_with(".csv") {
                    tidy_csv(bytes)
                } else {
                    bytes.clone()
                };
                (name.clone(), tidy)
            })
            .collect()
    }
}

impl Source for BookSource {
    fn root(&self) -> &Path {
        &self.path
    }

    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
        Ok(self.book.files.get(name).cloned())
    }

    fn names(&self) -> io::Result<Vec<String>> {
        Ok(self.book.files.keys().cloned().collect())
    }

    fn read_relative(&self, path: &str) -> Result<Option<(PathBuf, Vec<u8>)>, String> {
        match &self.beside {
            Some(folder) => folder.read_relative(path),
            None => Ok(None),
        }
    }
}

/// Reads the workbook at `path` (not yet validated).
pub fn open(path: &Path) -> Result<BookSource, InputErrors> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| book_error(&file, format!("workbook cannot be read ({e})")))?;
    Ok(BookSource::new(path, read_book(&bytes, &file)?))
}

/// Reads and validates the instance workbook at `path`.
pub fn load_workbook(path: &Path, options: &LoadOptions) -> Result<Instance, InputErrors> {
    open(path)?.load(options)
}

/// Reads and validates a workbook's bytes, as `load_workbook` does a file
/// (the model file is the bundled one of the name it gives).
pub fn load_workbook_bytes(bytes: &[u8], options: &LoadOptions) -> Result<Instance, InputErrors> {
    BookSource::in_memory(read_book(bytes, "(workbook)")?).load(options)
}
