//! Long-format CSV tables with line-aware field access.
//!
//! Every accessor records a precise [`InputError`](super::error::InputError)
//! instead of failing fast, so one pass reports every problem in a file.

use std::path::Path;

use super::error::Collector;

/// A CSV table read from an instance folder.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// One data row with the 1-based line it was read from.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Columns a table must have, may have, and the free-text columns it ignores.
pub struct Schema<'s> {
    pub required: &'s [&'s str],
    pub optional: &'s [&'s str],
}

/// Free-text columns that any table may carry for people (names, notes,
/// provenance); they are read but never interpreted.
fn is_free_text(column: &str) -> bool {
    ["name", "note", "source", "comment", "description"]
        .iter()
        .any(|prefix| column.starts_with(prefix))
}

impl Table {
    /// Reads `path`; reports a missing file, bad CSV, unknown, duplicate and
    /// missing columns. Returns `None` when the table cannot be used at all.
    pub fn read(path: &Path, schema: &Schema, errs: &mut Collector) -> Option<Table> {
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    errs.file(None, &format!("file must be UTF-8 text ({e})"));
                    return None;
                }
            },
            Err(e) => {
                errs.file(None, &format!("cannot read file: {e}"));
                return None;
            }
        };
        Self::parse(&text, schema, errs)
    }

    /// Parses CSV text already in memory (the file name comes from `errs`).
    pub fn parse(text: &str, schema: &Schema, errs: &mut Collector) -> Option<Table> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .comment(Some(b'#'))
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h
                .iter()
                .map(|s| s.trim_start_matches('\u{feff}').to_string())
                .collect(),
            Err(e) => {
                errs.file(Some(1), &format!("cannot read the header line: {e}"));
                return None;
            }
        };
        if headers.is_empty() || headers.iter().all(|h| h.is_empty()) {
            errs.file(Some(1), "the file needs a header line naming its columns");
            return None;
        }
        let before = errs.count();
        for (i, h) in headers.iter().enumerate() {
            if headers[..i].contains(h) {
                errs.at(Some(1), h, h, "column names must be unique");
            } else if !schema.required.contains(&h.as_str())
                && !schema.optional.contains(&h.as_str())
                && !is_free_text(h)
            {
                let mut known: Vec<&str> = schema.required.to_vec();
                known.extend_from_slice(schema.optional);
                errs.at(
                    Some(1),
                    h,
                    h,
                    &format!("unknown column; expected one of: {}", known.join(", ")),
                );
            }
        }
        for required in schema.required {
            if !headers.iter().any(|h| h == required) {
                errs.field(Some(1), required, "required column is missing");
            }
        }
        if errs.count() > before {
            return None;
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => {
                    let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
                    rows.push(Row {
                        line,
                        fields: record.iter().map(str::to_string).collect(),
                    });
                }
                Err(e) => {
                    let line = e.position().map(|p| p.line() as usize);
                    let rule = match e.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => format!(
                            "row has {len} fields but the header has {expected_len} columns"
                        ),
                        _ => format!("malformed CSV: {e}"),
                    };
                    errs.file(line, &rule);
                }
            }
        }
        Some(Table {
            file: errs.file.clone(),
            headers,
            rows,
        })
    }

    pub fn has_column(&self, column: &str) -> bool {
        self.headers.iter().any(|h| h == column)
    }

    /// The trimmed text of `column` in `row`; empty when the column is absent.
    pub fn text<'r>(&self, row: &'r Row, column: &str) -> &'r str {
        self.headers
            .iter()
            .position(|h| h == column)
            .and_then(|i| row.fields.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// A required, non-empty text field.
    pub fn required_text(&self, row: &Row, column: &str, errs: &mut Collector) -> Option<String> {
        let value = self.text(row, column);
        if value.is_empty() {
            errs.field(Some(row.line), column, "must not be empty");
            None
        } else {
            Some(value.to_string())
        }
    }

    /// An identifier: letters, digits, `_`, `-` or `.` only, so it can name
    /// rows and columns in exported MPS/LP files.
    pub fn id(&self, row: &Row, column: &str, errs: &mut Collector) -> Option<String> {
        let value = self.required_text(row, column, errs)?;
        if is_valid_id(&value) {
            Some(value)
        } else {
            errs.at(
                Some(row.line),
                column,
                &value,
                "identifiers may contain only letters, digits, '_', '-' and '.'",
            );
            None
        }
    }

    /// A required finite number.
    pub fn number(&self, row: &Row, column: &str, errs: &mut Collector) -> Option<f64> {
        let value = self.text(row, column);
        if value.is_empty() {
            errs.field(Some(row.line), column, "must be a number, but is empty");
            return None;
        }
        parse_finite(value, row.line, column, errs)
    }

    /// An optional finite number: `None` when the cell is empty or absent.
    pub fn optional_number(&self, row: &Row, column: &str, errs: &mut Collector) -> Option<f64> {
        let value = self.text(row, column);
        if value.is_empty() {
            return None;
        }
        parse_finite(value, row.line, column, errs)
    }

    /// A required whole number (years, counts).
    pub fn integer(&self, row: &Row, column: &str, errs: &mut Collector) -> Option<i64> {
        let value = self.text(row, column);
        match value.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                errs.at(Some(row.line), column, value, "must be a whole number");
                None
            }
        }
    }
}

fn parse_finite(value: &str, line: usize, column: &str, errs: &mut Collector) -> Option<f64> {
    match value.parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        Ok(_) => {
            errs.at(
                Some(line),
                column,
                value,
                "must be a finite number (not NaN or infinity)",
            );
            None
        }
        Err(_) => {
            errs.at(Some(line), column, value, "must be a number");
            None
        }
    }
}

/// Identifiers name MPS/LP rows and columns, so they must be plain tokens.
pub fn is_valid_id(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}
