//! The instance workbook a planner fills in: every sheet of the format
//! with its header row frozen, the unit and rule of each column as a
//! comment on its header (English and Chinese), drop-down lists for ids and
//! words, numeric ranges, and an instructions sheet first.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, Formula, Note, Workbook, Worksheet, XlsxError,
};

use super::{new_workbook, width_for};
use crate::instance::ranges::Range;
use crate::instance::workbook::columns::{self, Allowed, Column};
use crate::instance::workbook::grid::{column_letters, Grid, Value};
use crate::instance::workbook::sheets::BookSheets;
use crate::instance::workbook::INSTRUCTIONS;

/// Rows of a sheet the validation rules cover (the header is row 1).
const LAST_ROW: u32 = 5000;

const INSTRUCTIONS_TEXT: &[(&str, &str)] = &[
    (
        "How to fill in this workbook",
        "填写说明",
    ),
    (
        "Each sheet is one table of a qiangji instance; row 1 names the columns. Hover over a header for its unit and rule.",
        "每个工作表对应 qiangji 实例的一张表；第 1 行为列名。将鼠标悬停在列名上可查看单位和规则。",
    ),
    (
        "settings: one setting per row (key, value); a key with dots is a setting inside a table, e.g. continuity.max_growth. Lists are ids separated by commas.",
        "settings：每行一项设置（key、value）；带点的 key 表示表中的设置，如 continuity.max_growth。列表写作用逗号分隔的标识符。",
    ),
    (
        "targets: one target per row. budgets: amounts by year (table central_budget_yi.by_year, year, amount_yi).",
        "targets：每行一个目标。budgets：按年份的金额（table 填 central_budget_yi.by_year，year，amount_yi）。",
    ),
    (
        "Shares are written as numbers between 0 and 1 (0.7, not 70%). Money is in 亿元. Years are whole numbers. Do not use dates, merged cells or hidden sheets; formulas are read by their saved value.",
        "比例写作 0 到 1 之间的数（写 0.7，不写 70%）。金额单位为亿元。年份为整数。请勿使用日期、合并单元格或隐藏工作表；公式按其保存的值读取。",
    ),
    (
        "Check: qiangji check FILE.xlsx   Solve: qiangji solve FILE.xlsx --out plan   Folder of CSV files: qiangji import FILE.xlsx --out DIR",
        "检查：qiangji check FILE.xlsx   求解：qiangji solve FILE.xlsx --out plan   转为 CSV 文件夹：qiangji import FILE.xlsx --out DIR",
    ),
    (
        "Errors name the sheet and cell (items!F12), the column and the rule, all at once.",
        "错误信息会一次列出全部问题，并注明工作表和单元格（如 items!F12）、列名和规则。",
    ),
];

/// The workbook of `sheets` as bytes.
pub fn write(sheets: &BookSheets) -> Result<Vec<u8>, XlsxError> {
    let mut book = new_workbook()?;
    let bold = Format::new().set_bold();
    instructions(&mut book, &bold)?;
    let manifest = &sheets.manifest;
    key_value_sheet(&mut book, &manifest.settings, &bold)?;
    let id_columns: Vec<(String, usize)> = sheets
        .tables
        .iter()
        .filter_map(|g| g.column("id").map(|c| (g.name.clone(), c)))
        .collect();
    let ids = |sheet: &str| {
        id_columns
            .iter()
            .find(|(name, _)| name == sheet)
            .map_or(0, |(_, c)| *c)
    };
    data_sheet(&mut book, &manifest.targets, &columns::TARGETS, &bold, &ids)?;
    data_sheet(&mut book, &manifest.budgets, &BUDGET_COLUMNS, &bold, &ids)?;
    for grid in &sheets.tables {
        data_sheet(&mut book, grid, columns::columns(&grid.name), &bold, &ids)?;
    }
    book.save_to_buffer()
}

const BUDGET_COLUMNS: [Column; 3] = [
    Column {
        name: "table",
        unit: "",
        rule: "the budget given by year: central_budget_yi.by_year, or pools.<id>.inflow_yi",
        rule_zh: "按年份给出的预算：central_budget_yi.by_year，或 pools.<id>.inflow_yi",
        allowed: Allowed::Text,
    },
    Column {
        name: "year",
        unit: "calendar year",
        rule: "a whole year within the horizon",
        rule_zh: "规划期内的整数年份",
        allowed: Allowed::Whole(1900, 2200),
    },
    Column {
        name: "amount_yi",
        unit: "亿元 per year",
        rule: "the amount that year, ≥ 0",
        rule_zh: "当年金额（亿元/年），≥ 0",
        allowed: Allowed::Number(crate::instance::ranges::BUDGET_YI),
    },
];

fn instructions(book: &mut Workbook, bold: &Format) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(INSTRUCTIONS)?;
    sheet.set_column_width(0, 110)?;
    for (i, (en, zh)) in INSTRUCTIONS_TEXT.iter().enumerate() {
        let row = (i * 3) as u32;
        if i == 0 {
            sheet.write_string_with_format(row, 0, *en, bold)?;
            sheet.write_string_with_format(row + 1, 0, *zh, bold)?;
        } else {
            sheet.write_string(row, 0, *en)?;
            sheet.write_string(row + 1, 0, *zh)?;
        }
    }
    Ok(())
}

fn write_value(sheet: &mut Worksheet, row: u32, col: u16, value: &Value) -> Result<(), XlsxError> {
    match value {
        Value::Empty => {}
        Value::Text(s) => {
            sheet.write_string(row, col, s)?;
        }
        Value::Number(v) => {
            sheet.write_number(row, col, *v)?;
        }
        Value::Bool(b) => {
            sheet.write_boolean(row, col, *b)?;
        }
    }
    Ok(())
}

fn write_grid(sheet: &mut Worksheet, grid: &Grid, bold: &Format) -> Result<(), XlsxError> {
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if r == 0 {
                sheet.write_string_with_format(0, c as u16, value.text(), bold)?;
            } else {
                write_value(sheet, r as u32, c as u16, value)?;
            }
        }
    }
    let width = grid.rows.first().map_or(0, Vec::len);
    for c in 0..width {
        let texts: Vec<String> = grid
            .rows
            .iter()
            .take(200)
            .map(|row| row.get(c).map(Value::text).unwrap_or_default())
            .collect();
        sheet.set_column_width(c as u16, width_for(texts.iter().map(String::as_str)))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn key_value_sheet(book: &mut Workbook, grid: &Grid, bold: &Format) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(&grid.name)?;
    write_grid(sheet, grid, bold)?;
    sheet.insert_note(
        0,
        0,
        &Note::new(
            "Setting name; a dotted key is a setting inside a table (continuity.max_growth). \
             设置名称；带点的 key 表示表中的设置（如 continuity.max_growth）。",
        )
        .set_width(320)
        .set_height(90),
    )?;
    sheet.insert_note(
        0,
        1,
        &Note::new(
            "Value: a number, text, true/false, or ids separated by commas for a list; units as in docs/instance-format.md. \
             取值：数字、文字、true/false，列表为逗号分隔的标识符；单位见 docs/instance-format.md。",
        )
        .set_width(320)
        .set_height(90),
    )?;
    Ok(())
}

fn data_sheet(
    book: &mut Workbook,
    grid: &Grid,
    spec: &[Column],
    bold: &Format,
    id_column: &dyn Fn(&str) -> usize,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(&grid.name)?;
    write_grid(sheet, grid, bold)?;
    for (c, header) in grid.headers().iter().enumerate() {
        let Some(column) = spec.iter().find(|s| s.name == header) else {
            continue;
        };
        let unit = if column.unit.is_empty() {
            String::new()
        } else {
            format!("[{}] ", column.unit)
        };
        let note = Note::new(format!("{unit}{}\n{}", column.rule, column.rule_zh))
            .set_width(300)
            .set_height(100);
        sheet.insert_note(0, c as u16, &note)?;
        if let Some(rule) = validation(column, id_column) {
            sheet.add_data_validation(1, c as u16, LAST_ROW, c as u16, &rule)?;
        }
    }
    Ok(())
}

/// The data validation of a column, where one fits.
fn validation(column: &Column, id_column: &dyn Fn(&str) -> usize) -> Option<DataValidation> {
    let message = truncated(&format!("{}\n{}", column.rule, column.rule_zh));
    let rule = match column.allowed {
        Allowed::Text | Allowed::NewId => return None,
        Allowed::IdOf(sheet) => {
            let letters = column_letters(id_column(sheet) as u32);
            DataValidation::new().allow_list_formula(Formula::new(format!(
                "={sheet}!${letters}$2:${letters}${LAST_ROW}"
            )))
        }
        Allowed::OneOf(words) => DataValidation::new().allow_list_strings(words).ok()?,
        Allowed::Number(range) => decimal(range),
        Allowed::Whole(min, max) => {
            DataValidation::new().allow_whole_number(DataValidationRule::Between(min, max))
        }
    };
    rule.set_error_message(message).ok()
}

fn decimal(range: Range) -> DataValidation {
    DataValidation::new().allow_decimal_number(DataValidationRule::Between(range.min, range.max))
}

/// Excel keeps at most 255 characters of a validation message.
fn truncated(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if out.encode_utf16().count() + c.len_utf16() > 255 {
            break;
        }
        out.push(c);
    }
    out
}
