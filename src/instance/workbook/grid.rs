//! A sheet as plain values: what the reader makes of a worksheet and what
//! the writers put into one, with the names of cells as Excel writes them.

/// The value of one cell, once the workbook's rules have been applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
}

impl Value {
    /// The cell as CSV text: numbers in their shortest exact form (`0.7`,
    /// `2024`), so a number read back is the number written.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(v) => format!("{v}"),
            Value::Bool(b) => b.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet: its name and its rows, the header first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Value>>,
}

impl Grid {
    pub fn new(name: &str) -> Grid {
        Grid {
            name: name.to_string(),
            rows: Vec::new(),
        }
    }

    /// The header row's texts, trimmed (empty when the sheet is empty).
    pub fn headers(&self) -> Vec<String> {
        self.rows
            .first()
            .map(|row| row.iter().map(|v| v.text().trim().to_string()).collect())
            .unwrap_or_default()
    }

    /// The index of the header `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers().iter().position(|h| h == name)
    }
}

/// The Excel name of a column: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A cell of a sheet, by 0-based row and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellRef {
    pub sheet: String,
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    pub fn new(sheet: &str, row: u32, col: u32) -> CellRef {
        CellRef {
            sheet: sheet.to_string(),
            row,
            col,
        }
    }

    /// `items!F12`.
    pub fn name(&self) -> String {
        format!(
            "{}!{}{}",
            self.sheet,
            column_letters(self.col),
            self.row + 1
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(CellRef::new("items", 11, 5).name(), "items!F12");
    }

    #[test]
    fn numbers_keep_their_shortest_exact_text() {
        assert_eq!(Value::Number(0.7).text(), "0.7");
        assert_eq!(Value::Number(2024.0).text(), "2024");
        assert_eq!(Value::Number(0.00005535).text(), "0.00005535");
    }
}
