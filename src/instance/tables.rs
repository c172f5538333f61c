//! Long-format CSV tables with line-aware field access.
//!
//! Every accessor records a precise [`InputError`](super::error::InputError)
//! instead of failing fast, so one pass reports every problem in a file.
//! Line numbers are physical lines of the file (comments included).

use super::error::Collector;
use super::ranges::Range;
use super::text::{is_excel_error, prepare_csv};

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
    /// Parses CSV text (the file name comes from `errs`): reports bad CSV,
    /// Excel error values, unknown, duplicate and missing columns. Returns
    /// `None` when the table cannot be used at all (its rows would only
    /// produce follow-on errors).
    pub fn parse(text: &str, schema: &Schema, errs: &mut Collector) -> Option<Table> {
        let prepared = match prepare_csv(text) {
            Ok(p) => p,
            Err((line, rule)) => {
                errs.file(Some(line), &rule);
                return None;
            }
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(prepared.text.as_bytes());
        let mut records = reader.records();
        let (header_line, headers) = match records.next() {
            Some(Ok(h)) => (
                h.position()
                    .map_or(1, |p| prepared.line_of_record(p.byte() as usize)),
                h.iter()
                    .map(|s| s.trim_start_matches('\u{feff}').to_string())
                    .collect::<Vec<String>>(),
            ),
            Some(Err(e)) => {
                errs.file(Some(1), &format!("cannot read the header line: {e}"));
                return None;
            }
            None => (1, Vec::new()),
        };
        if headers.is_empty() || headers.iter().all(|h| h.is_empty()) {
            errs.file(
                Some(header_line),
                "the file needs a header line naming its columns",
            );
            return None;
        }
        let before = errs.count();
        check_headers(&headers, header_line, schema, errs);
        if errs.count() > before {
            return None;
        }
        let mut rows = Vec::new();
        for record in records {
            match record {
                Ok(record) => {
                    let line = record
                        .position()
                        .map_or(0, |p| prepared.line_of_record(p.byte() as usize));
                    // A spreadsheet's empty rows are exported as commas
                    // alone: blank, not a row of empty fields.
                    if record.iter().all(str::is_empty) {
                        continue;
                    }
                    if record.len() != headers.len() {
                        errs.file(
                            Some(line),
                            &format!(
                                "row has {} fields but the header has {} columns",
                                record.len(),
                                headers.len()
                            ),
                        );
                        continue;
                    }
                    let mut usable = true;
                    for (cell, header) in record.iter().zip(&headers) {
                        if is_excel_error(cell) {
                            errs.at(
                                Some(line),
                                header,
                                cell,
                                "an Excel error value (a formula failed); fix the spreadsheet and export again",
                            );
                            usable = false;
                        }
                    }
                    if usable {
                        rows.push(Row {
                            line,
                            fields: record.iter().map(str::to_string).collect(),
                        });
                    }
                }
                Err(e) => {
                    let line = e
                        .position()
                        .map(|p| prepared.line_of_record(p.byte() as usize));
                    errs.file(line, &format!("malformed CSV: {e}"));
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
            errs.at(Some(row.line), column, &value, &id_rule(&value));
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

/// `Some(v)` when `v` lies in `range`; else records the range's rule.
pub fn in_range(
    v: f64,
    range: &Range,
    line: Option<usize>,
    column: &str,
    errs: &mut Collector,
) -> Option<f64> {
    if range.contains(v) {
        Some(v)
    } else {
        let hint = if range.unit == "(share)" {
            super::ranges::percent_hint(v)
        } else {
            String::new()
        };
        errs.at(line, column, v, &format!("{}{hint}", range.rule()));
        None
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
            let rule = if value.contains(',') || value.contains('，') {
                "must be a number (write 1234.5, without thousands separators)"
            } else if value.ends_with('%') {
                "must be a number (write a share such as 0.7, not a percentage)"
            } else {
                "must be a number"
            };
            errs.at(Some(line), column, value, rule);
            None
        }
    }
}

/// Every header names a column the table knows, once: empty headers, Excel
/// error values, duplicates, unknown names (with the nearest known one) and
/// missing required columns are errors on the header line.
fn check_headers(headers: &[String], header_line: usize, schema: &Schema, errs: &mut Collector) {
    let mut known: Vec<&str> = schema.required.to_vec();
    known.extend_from_slice(schema.optional);
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            errs.at(
                Some(header_line),
                &format!("column {}", i + 1),
                h,
                "an empty column header (a spreadsheet's index column or a trailing comma): delete the column",
            );
        } else if is_excel_error(h) {
            errs.at(
                Some(header_line),
                &format!("column {}", i + 1),
                h,
                "an Excel error value where a column name belongs; fix the spreadsheet and export again",
            );
        } else if headers[..i].contains(h) {
            errs.at(Some(header_line), h, h, "column names must be unique");
        } else if !known.contains(&h.as_str()) && !is_free_text(h) {
            let hint = match super::keys::nearest(h, known.iter().copied()) {
                Some(near) => format!("unknown column; did you mean `{near}`?"),
                None => format!("unknown column; expected one of: {}", known.join(", ")),
            };
            errs.at(Some(header_line), h, h, &hint);
        }
    }
    for required in schema.required {
        if !headers.iter().any(|h| h == required) {
            errs.field(Some(header_line), required, "required column is missing");
        }
    }
}

/// The rule an invalid identifier breaks, with a hint where the id holds
/// Chinese (or other non-ASCII) characters: those belong in `name_zh`.
pub fn id_rule(value: &str) -> String {
    let rule = "identifiers may contain only ASCII letters, digits, '_', '-' and '.'";
    if value.is_ascii() {
        rule.to_string()
    } else {
        format!("{rule} (they name rows of exported MPS/LP files); put a Chinese name in the `name_zh` column")
    }
}

/// Identifiers name MPS/LP rows and columns, so they must be plain tokens.
pub fn is_valid_id(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::error::InputError;

    fn parse(text: &str) -> (Option<Table>, Vec<InputError>) {
        let mut sink = Vec::new();
        let schema = Schema {
            required: &["id", "value"],
            optional: &[],
        };
        let table = Table::parse(text, &schema, &mut Collector::new("t.csv", &mut sink));
        (table, sink)
    }

    #[test]
    fn lines_are_physical_and_comments_count() {
        let (table, errs) = parse("# a comment\nid,value\n# another\n\na,1\nb,2\n");
        assert!(errs.is_empty(), "{errs:?}");
        let lines: Vec<usize> = table.unwrap().rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [5, 6]);
    }

    #[test]
    fn excel_errors_and_open_quotes_are_errors_with_their_line() {
        let (_, errs) = parse("id,value\n#N/A,1\nb,#DIV/0!\n");
        assert_eq!(errs.len(), 2);
        assert_eq!(
            (errs[0].line, errs[0].field.as_deref()),
            (Some(2), Some("id"))
        );
        assert_eq!(
            (errs[1].line, errs[1].field.as_deref()),
            (Some(3), Some("value"))
        );
        let (table, errs) = parse("id,value\na,\"1\nb,2\n");
        assert!(table.is_none());
        assert_eq!(errs[0].line, Some(2));
        assert!(errs[0].rule.contains("unbalanced quote"));
    }

    #[test]
    fn unknown_columns_suggest_the_nearest() {
        let (_, errs) = parse("id,Value\na,1\n");
        assert!(
            errs.iter().any(|e| e.rule.contains("did you mean `value`")),
            "{errs:?}"
        );
    }
}
