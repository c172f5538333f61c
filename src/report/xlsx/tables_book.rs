//! Result tables as one workbook: `plan.xlsx` of a solve, `comparison.xlsx`
//! of a batch. A summary sheet first (key figures, then the targets where
//! there are any), then every CSV table of the folder as a sheet with the
//! unit in each header, the header row frozen, number formats and column
//! widths. Every number is the CSV file's number, parsed once.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::{new_workbook, width_for};
use crate::report::html::i18n::Lang;

/// One table of the folder: its file name and CSV bytes.
pub struct CsvTable<'a> {
    pub file: &'a str,
    pub csv: &'a [u8],
}

/// The workbook: `summary` (label, value) rows, then `tables`.
pub fn write(
    summary: &[(String, String)],
    summary_table: Option<&CsvTable>,
    tables: &[CsvTable],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = new_workbook()?;
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_title("summary", lang))?;
    let (key, value) = match lang {
        Lang::En => ("figure", "value"),
        Lang::Zh => ("指标", "数值"),
    };
    sheet.write_string_with_format(0, 0, key, &bold)?;
    sheet.write_string_with_format(0, 1, value, &bold)?;
    for (i, (label, text)) in summary.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, label)?;
        write_cell(sheet, row, 1, text, &Format::new())?;
    }
    sheet.set_column_width(0, width_for(summary.iter().map(|(l, _)| l.as_str())))?;
    sheet.set_column_width(1, 24)?;
    sheet.set_freeze_panes(1, 0)?;
    if let Some(table) = summary_table {
        let start = summary.len() as u32 + 2;
        write_table(sheet, table, start, lang, &bold)?;
    }
    for table in tables {
        let sheet = book.add_worksheet();
        let stem = table.file.trim_end_matches(".csv");
        sheet.set_name(sheet_title(stem, lang))?;
        write_table(sheet, table, 0, lang, &bold)?;
        sheet.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

/// The rows of a CSV table (header first); unreadable bytes give none.
pub fn csv_rows(csv: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv)
        .records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect()
}

fn write_table(
    sheet: &mut Worksheet,
    table: &CsvTable,
    start: u32,
    lang: Lang,
    bold: &Format,
) -> Result<(), XlsxError> {
    let rows = csv_rows(table.csv);
    let Some(header) = rows.first() else {
        return Ok(());
    };
    let formats: Vec<Format> = header.iter().map(|h| number_format(h)).collect();
    let titles: Vec<String> = header.iter().map(|h| column_title(h, lang)).collect();
    for (c, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(start, c as u16, title, bold)?;
    }
    for (r, row) in rows.iter().enumerate().skip(1) {
        for (c, text) in row.iter().enumerate() {
            let format = formats.get(c).cloned().unwrap_or_default();
            write_cell(sheet, start + r as u32, c as u16, text, &format)?;
        }
    }
    for (c, title) in titles.iter().enumerate() {
        let texts = std::iter::once(title.as_str()).chain(
            rows.iter()
                .skip(1)
                .take(200)
                .filter_map(|r| r.get(c).map(String::as_str)),
        );
        let current = width_for(texts);
        sheet.set_column_width(c as u16, current.max(if start > 0 { 24.0 } else { 0.0 }))?;
    }
    Ok(())
}

/// A number where the text is one, else the text.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && !text.is_empty() => {
            sheet.write_number_with_format(row, col, v, format)?;
        }
        _ if text.is_empty() => {}
        _ => {
            sheet.write_string(row, col, text)?;
        }
    }
    Ok(())
}

/// The unit a column name ends in, as shown in its header.
fn unit(column: &str) -> Option<&'static str> {
    if column.ends_with("_yi") || column.contains("_yi_") {
        Some("亿元")
    } else if column.ends_with("_kfte") {
        Some("k FTE")
    } else if column.ends_with("_cu") {
        Some("cu")
    } else if column.ends_with("share")
        || matches!(
            column,
            "level" | "achieved" | "achieved_realised" | "shortfall" | "weighted_realised"
        )
    {
        Some("share")
    } else {
        None
    }
}

fn number_format(column: &str) -> Format {
    match unit(column) {
        Some("亿元") => Format::new().set_num_format("#,##0.00"),
        Some("k FTE") | Some("cu") => Format::new().set_num_format("#,##0.000"),
        Some("share") => Format::new().set_num_format("0.0000"),
        _ => Format::new(),
    }
}

fn column_title(column: &str, lang: Lang) -> String {
    let name = match lang {
        Lang::En => column.to_string(),
        Lang::Zh => ZH_COLUMNS
            .iter()
            .find(|(en, _)| *en == column)
            .map_or_else(|| column.to_string(), |(_, zh)| zh.to_string()),
    };
    match (unit(column), lang) {
        (Some("share"), Lang::Zh) => format!("{name} [比例]"),
        (Some(u), _) => format!("{name} [{u}]"),
        (None, _) => name,
    }
}

/// The sheet name of table `stem` (at most 31 characters, as Excel allows).
pub fn sheet_title(stem: &str, lang: Lang) -> String {
    let title = match lang {
        Lang::En => stem.to_string(),
        Lang::Zh => ZH_SHEETS
            .iter()
            .find(|(en, _)| *en == stem)
            .map_or_else(|| stem.to_string(), |(_, zh)| zh.to_string()),
    };
    title.chars().take(31).collect()
}

const ZH_SHEETS: &[(&str, &str)] = &[
    ("summary", "摘要"),
    ("allocation", "资金分配"),
    ("self_sufficiency", "自给率"),
    ("targets", "目标"),
    ("target_groups", "目标组"),
    ("sites", "牵头地"),
    ("platforms", "平台"),
    ("training", "人才培养"),
    ("duals", "对偶值"),
    ("pools", "资金池"),
    ("pool_spending", "资金池支出"),
    ("after_horizon", "规划期后"),
    ("rolling", "滚动规划"),
    ("ranging", "灵敏度区间"),
    ("marginal_values", "边际价值"),
    ("exchange_rates", "交换率"),
    ("comparison", "情景比较"),
];

const ZH_COLUMNS: &[(&str, &str)] = &[
    ("year", "年份"),
    ("item", "项目"),
    ("area", "领域"),
    ("tier", "层级"),
    ("province", "省份"),
    ("mode", "方式"),
    ("effort", "投入"),
    ("funding_central_yi", "中央资金"),
    ("funding_provincial_yi", "省级资金"),
    ("talent_kfte", "人才"),
    ("capacity_cu", "平台能力"),
    ("advantage", "优势指数"),
    ("designated", "是否牵头"),
    ("national_effort_total", "国家投入合计"),
    ("new_platforms", "新建平台"),
    ("capacity_available_cu", "可用平台能力"),
    ("capacity_used_cu", "已用平台能力"),
    ("target", "目标"),
    ("group", "目标组"),
    ("level", "目标水平"),
    ("achieved", "达到水平"),
    ("achieved_realised", "实际达到水平"),
    ("shortfall", "差距"),
    ("met", "是否达成"),
    ("dual_yi_per_point", "对偶值（亿元/百分点）"),
    ("one_more_point_yi", "多一个百分点的代价"),
    ("one_more_point_spend_yi", "多一个百分点的支出"),
    ("one_less_point_saves_yi", "少一个百分点的节省"),
    ("one_less_point_spend_saved_yi", "少一个百分点节省的支出"),
    ("metric", "度量"),
    ("weighted_realised", "加权实际水平"),
    ("count_assured", "有保障项目数"),
    ("count_items", "项目数"),
    ("count_share", "有保障比例"),
    ("id", "标识"),
    ("initial_share", "初始自给率"),
    ("realised_share", "实际自给率"),
    ("model_share", "模型自给率"),
    ("training_yi", "培养投入"),
    ("talent_available_kfte", "可用人才"),
    ("talent_used_kfte", "已用人才"),
    ("family", "约束族"),
    ("label", "名称"),
    ("keys", "键"),
    ("dual", "对偶值"),
    ("unit", "单位"),
    ("binding", "是否紧约束"),
    ("slack", "松弛量"),
    ("source", "来源"),
    ("scenario", "情景"),
    ("status", "状态"),
    ("objective", "目标函数值"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_carry_units_in_either_language() {
        assert_eq!(
            column_title("funding_central_yi", Lang::En),
            "funding_central_yi [亿元]"
        );
        assert_eq!(
            column_title("funding_central_yi", Lang::Zh),
            "中央资金 [亿元]"
        );
        assert_eq!(column_title("level", Lang::Zh), "目标水平 [比例]");
        assert_eq!(column_title("province", Lang::En), "province");
        assert_eq!(sheet_title("allocation", Lang::Zh), "资金分配");
    }
}
