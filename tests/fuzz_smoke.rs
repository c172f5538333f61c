//! The fuzz harness on stable Rust: every instance file reader gets a few
//! thousand generated inputs — arbitrary bytes, and the demo's own file with
//! bytes replaced, inserted or removed (Excel error values, quotes,
//! separators, extreme numbers, other encodings). Each must give an
//! instance or input errors, never a panic.

use proptest::prelude::*;
use qiangji::instance::harness::{demo_files, load_with, FILES};

/// The demo's text of `file` (the bundled model for `model.toml`; empty for
/// optional tables the demo lacks, with a valid header).
fn seed(file: &str) -> Vec<u8> {
    match file {
        "model.toml" => include_bytes!("../models/default.toml").to_vec(),
        "item_advantage.csv" => b"item,province,advantage\nchip,east,1.5\n".to_vec(),
        "chain_links.csv" => b"item,needs,max_lead\nchip,alloy,0.2\n".to_vec(),
        "provincial_budgets.csv" => b"province,year,budget_yi\neast,2025,12\n".to_vec(),
        _ => demo_files()[file].clone(),
    }
}

const TOKENS: [&str; 16] = [
    "#N/A", "#REF!", "\"", ",", "\n", "#", "1e308", "-1e-320", "NaN", "\u{feff}", "=", "[", "]]",
    "\r\n", "芯片", "\0",
];

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, usize)]) -> Vec<u8> {
    for &(at, kind, token) in edits {
        let at = if bytes.is_empty() {
            0
        } else {
            at % (bytes.len() + 1)
        };
        match kind % 3 {
            0 => {
                let t = TOKENS[token % TOKENS.len()].as_bytes();
                bytes.splice(at..at, t.iter().copied());
            }
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ if at < bytes.len() => bytes[at] = token as u8,
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(11),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_files_load_or_fail_cleanly(
        file in 0..FILES.len(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 1..8),
    ) {
        let name = FILES[file];
        let _ = load_with(name, &mutate(seed(name), &edits));
    }

    #[test]
    fn arbitrary_bytes_load_or_fail_cleanly(
        file in 0..FILES.len(),
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let _ = load_with(FILES[file], &bytes);
    }

}

/// Every table in GBK and in UTF-16 loads exactly like the UTF-8 original.
#[test]
fn gbk_and_utf16_versions_load_like_the_original() {
    for name in FILES.iter().skip(2) {
        let text = String::from_utf8(seed(name)).unwrap();
        let summary = |bytes: &[u8]| {
            load_with(name, bytes)
                .map(|i| (i.items.len(), i.provinces.len(), i.links.len()))
                .map_err(|e| e.to_string())
        };
        let original = summary(text.as_bytes());
        assert_eq!(
            summary(&encoding_rs::GBK.encode(&text).0),
            original,
            "{name} in GBK"
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(summary(&utf16), original, "{name} in UTF-16");
    }
}

/// Every seed the fuzzers start from loads (a crash found later is added below it).
#[test]
fn every_seed_loads() {
    for name in FILES {
        assert!(load_with(name, &seed(name)).is_ok(), "{name}");
    }
}

/// The demo as the workbook `export-xlsx` writes.
fn demo_workbook() -> Vec<u8> {
    use qiangji::instance::workbook::sheets;
    let files = sheets::instance_files(&std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/instances/demo"
    )))
    .unwrap();
    qiangji::report::xlsx::instance_book::write(&sheets::book_sheets(&files).unwrap()).unwrap()
}

/// A workbook whose sheets hold arbitrary cells: words of the format,
/// Excel errors, dates, formulas with and without results, merged cells.
fn random_workbook(cells: &[(u8, u8, u8, u8)]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    const SHEETS: [&str; 6] = ["settings", "items", "areas", "targets", "budgets", "x"];
    const WORDS: [&str; 10] = [
        "id",
        "key",
        "value",
        "first_year",
        "0.5",
        "#N/A",
        "a,b",
        "\"",
        "table",
        "芯片",
    ];
    let mut book = Workbook::new();
    for (i, name) in SHEETS.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for &(s, row, col, kind) in cells.iter().filter(|c| c.0 as usize % SHEETS.len() == i) {
            let (row, col) = (row as u32 % 12, col as u16 % 6);
            let word = WORDS[(s / 6) as usize % WORDS.len()];
            let _ = match kind % 7 {
                0 => sheet.write_string(row, col, word).map(|_| ()),
                1 => sheet
                    .write_number(row, col, f64::from(kind) * 0.37 - 20.0)
                    .map(|_| ()),
                2 => sheet
                    .write_formula(row, col, Formula::new("=1/0").set_result("#DIV/0!"))
                    .map(|_| ()),
                3 => sheet
                    .write_datetime_with_format(
                        row,
                        col,
                        ExcelDateTime::from_ymd(2025, 1, 1).unwrap(),
                        &Format::new().set_num_format("yyyy-mm-dd"),
                    )
                    .map(|_| ()),
                4 => sheet
                    .merge_range(row, col, row + 1, col, word, &Format::new())
                    .map(|_| ()),
                5 => sheet.write_boolean(row, col, kind % 2 == 0).map(|_| ()),
                _ => {
                    sheet.set_hidden(kind % 2 == 0);
                    Ok(())
                }
            };
        }
    }
    book.save_to_buffer().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(23),
        ..ProptestConfig::default()
    })]

    #[test]
    fn workbooks_of_arbitrary_bytes_load_or_fail_cleanly(
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
    ) {
        let _ = qiangji::instance::workbook::load_workbook_bytes(&bytes, &Default::default());
    }

    #[test]
    fn mutated_demo_workbooks_load_or_fail_cleanly(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 1..8),
    ) {
        let bytes = mutate(demo_workbook(), &edits);
        let _ = qiangji::instance::workbook::load_workbook_bytes(&bytes, &Default::default());
    }

    #[test]
    fn workbooks_of_arbitrary_cells_load_or_fail_cleanly(
        cells in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()), 0..60),
    ) {
        let bytes = random_workbook(&cells);
        let _ = qiangji::instance::workbook::load_workbook_bytes(&bytes, &Default::default());
    }
}

/// The workbook seed loads.
#[test]
fn the_demo_workbook_loads() {
    let inst =
        qiangji::instance::workbook::load_workbook_bytes(&demo_workbook(), &Default::default())
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(inst.items.len(), 3);
}
