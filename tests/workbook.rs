//! Instances as Excel workbooks: the template, export-xlsx → import round
//! trips of every bundled instance, one bad-input test per workbook rule
//! (each naming sheet and cell), and plan.xlsx holding the CSV files' numbers.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use common::{demo, load_dir, qiangji, relaxed, repo, run_ok, solve};
use qiangji::instance::workbook::grid::{Grid, Value};
use qiangji::instance::workbook::load_workbook_bytes;
use qiangji::instance::workbook::sheets::{self, BookSheets};
use qiangji::instance::{InputError, LoadOptions};
use qiangji::run::RunOptions;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn demo_sheets() -> BookSheets {
    sheets::book_sheets(&sheets::instance_files(&demo()).unwrap()).unwrap()
}

fn write_grid(sheet: &mut Worksheet, grid: &Grid) {
    sheet.set_name(&grid.name).unwrap();
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match value {
                Value::Empty => {}
                Value::Text(s) => {
                    sheet.write_string(r, c, s).unwrap();
                }
                Value::Number(v) => {
                    sheet.write_number(r, c, *v).unwrap();
                }
                Value::Bool(b) => {
                    sheet.write_boolean(r, c, *b).unwrap();
                }
            }
        }
    }
}

/// The demo as a workbook written cell by cell, with `edit` applied to
/// each sheet after its values (by sheet name).
fn demo_book(edit: impl Fn(&str, &mut Worksheet)) -> Vec<u8> {
    demo_book_with(|_| true, edit, |_| {})
}

/// The demo's sheets that `keep` keeps, each edited by `edit`, then any
/// sheets `extra` adds.
fn demo_book_with(
    keep: impl Fn(&str) -> bool,
    edit: impl Fn(&str, &mut Worksheet),
    extra: impl FnOnce(&mut Workbook),
) -> Vec<u8> {
    let book_sheets = demo_sheets();
    let mut book = Workbook::new();
    let m = &book_sheets.manifest;
    for grid in [&m.settings, &m.targets, &m.budgets]
        .into_iter()
        .chain(book_sheets.tables.iter())
        .filter(|g| keep(&g.name))
    {
        let sheet = book.add_worksheet();
        write_grid(sheet, grid);
        edit(&grid.name, sheet);
    }
    extra(&mut book);
    book.save_to_buffer().unwrap()
}

/// The errors of loading `bytes`, as `sheet!CELL` → rule.
fn errors(bytes: &[u8]) -> Vec<InputError> {
    match load_workbook_bytes(bytes, &LoadOptions::default()) {
        Ok(_) => panic!("the workbook should be refused"),
        Err(e) => e.0,
    }
}

/// The demo with sheet `sheet` edited is refused with a rule containing
/// `words` at `place`.
fn refused_at(sheet: &str, edit: impl Fn(&mut Worksheet), place: &str, words: &str) {
    let errs = errors(&demo_book(|name, s| {
        if name == sheet {
            edit(s)
        }
    }));
    assert!(has(&errs, place, words), "{errs:?}");
}

fn has(errors: &[InputError], place: &str, words: &str) -> bool {
    errors
        .iter()
        .any(|e| e.file == place && e.rule.contains(words))
}

#[test]
fn the_demo_written_cell_by_cell_loads_like_its_folder() {
    let from_book = load_workbook_bytes(&demo_book(|_, _| {}), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let from_folder = load_dir(&demo());
    let opts = RunOptions::default();
    let (a, b) = (solve(&from_book, &opts), solve(&from_folder, &opts));
    assert_eq!(a.outcome.objective, b.outcome.objective);
    assert_eq!(
        format!("{:?}", from_book.items),
        format!("{:?}", from_folder.items)
    );
}

#[test]
fn an_excel_error_value_is_refused_naming_its_cell() {
    let bytes = demo_book(|name, sheet| {
        if name == "items" {
            sheet
                .write_formula(1, 3, Formula::new("=VLOOKUP(1,Z1:Z2,1)").set_result("#N/A"))
                .unwrap();
            sheet
                .write_formula(2, 4, Formula::new("=#REF!").set_result("#REF!"))
                .unwrap();
        }
    });
    let errs = errors(&bytes);
    assert!(has(&errs, "items!D2", "an Excel error value"), "{errs:?}");
    assert!(has(&errs, "items!E3", "an Excel error value"), "{errs:?}");
    // The emptied cells bring no second message of their own.
    assert_eq!(errs.iter().filter(|e| e.file == "items!D2").count(), 1);
}

#[test]
fn a_formula_is_read_by_its_saved_value() {
    let bytes = demo_book(|name, sheet| {
        if name == "items" {
            // chip's s0 is 0.30 in the folder.
            sheet
                .write_formula(1, 3, Formula::new("=0.1+0.2").set_result("0.3"))
                .unwrap();
        }
    });
    let inst = load_workbook_bytes(&bytes, &LoadOptions::default()).unwrap();
    assert_eq!(chip_s0(&inst), 0.3);
}

fn chip_s0(inst: &qiangji::instance::Instance) -> f64 {
    inst.items.iter().find(|i| i.id == "chip").unwrap().s0
}

/// Removes the saved value of the formula cells of sheet `n` (1-based),
/// as a workbook written by a program that never calculated it has none.
fn without_saved_values(bytes: &[u8], n: usize) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut text = Vec::new();
        file.read_to_end(&mut text).unwrap();
        if name == format!("xl/worksheets/sheet{n}.xml") {
            let xml = String::from_utf8(text).unwrap();
            let start = xml.find("</f><v>").expect("a formula with a value") + 4;
            let end = start + xml[start..].find("</v>").unwrap() + 4;
            text = format!("{}{}", &xml[..start], &xml[end..]).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, &text).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_formula_without_a_saved_value_is_refused_naming_its_cell() {
    let bytes = demo_book(|name, sheet| {
        if name == "items" {
            sheet
                .write_formula(1, 3, Formula::new("=0.1+0.2").set_result("0.3"))
                .unwrap();
        }
    });
    // Sheets: settings, targets, budgets, areas, items.
    let errs = errors(&without_saved_values(&bytes, 5));
    assert!(
        has(&errs, "items!D2", "a formula without a saved value"),
        "{errs:?}"
    );
}

#[test]
fn a_date_is_refused_naming_its_cell() {
    let date = ExcelDateTime::from_ymd(2024, 1, 1).unwrap();
    let format = Format::new().set_num_format("yyyy-mm-dd");
    // first_year, row 6 of settings (after name, description, description_zh, model).
    let edit = |sheet: &mut Worksheet| {
        sheet
            .write_datetime_with_format(5, 1, &date, &format)
            .unwrap();
    };
    refused_at("settings", edit, "settings!B6", "a date or time");
}

#[test]
fn merged_cells_are_refused_naming_the_range() {
    let edit = |sheet: &mut Worksheet| {
        sheet
            .merge_range(1, 1, 2, 1, "east", &Format::new())
            .unwrap();
    };
    refused_at(
        "provinces",
        edit,
        "provinces!B2",
        "merged cells (through B3)",
    );
}

#[test]
fn a_hidden_sheet_of_the_format_is_refused_and_another_ignored() {
    let hide = |sheet: &mut Worksheet| {
        sheet.set_hidden(true);
    };
    refused_at("platforms", hide, "platforms!A1", "is hidden");

    let bytes_with_aside = demo_book_with(
        |_| true,
        |_, _| {},
        |book| {
            let aside = book.add_worksheet();
            aside.set_name("my_lists").unwrap();
            aside.write_string(0, 0, "anything").unwrap();
            aside.set_hidden(true);
        },
    );
    assert!(load_workbook_bytes(&bytes_with_aside, &LoadOptions::default()).is_ok());
}

#[test]
fn a_visible_sheet_outside_the_format_is_refused_with_the_nearest_name() {
    let bytes = demo_book_with(
        |_| true,
        |_, _| {},
        |book| {
            book.add_worksheet().set_name("item").unwrap();
        },
    );
    let errs = errors(&bytes);
    assert!(has(&errs, "item!A1", "did you mean `items`?"), "{errs:?}");
}

#[test]
fn numbers_stored_as_text_are_read_and_other_text_refused() {
    let bytes = demo_book(|name, sheet| {
        if name == "items" {
            sheet.write_string(1, 3, "0.3").unwrap();
        }
        if name == "settings" {
            sheet.write_string(5, 1, "2024").unwrap();
        }
    });
    let inst = load_workbook_bytes(&bytes, &LoadOptions::default()).unwrap();
    assert_eq!((chip_s0(&inst), inst.years[0]), (0.3, 2024));

    let bytes = demo_book(|name, sheet| {
        if name == "items" {
            sheet.write_string(1, 3, "thirty").unwrap();
            sheet.write_number(2, 3, 1.3).unwrap();
        }
        if name == "settings" {
            sheet.write_string(5, 1, "next year").unwrap();
        }
    });
    let errs = errors(&bytes);
    let s0 = |place: &str| {
        errs.iter()
            .any(|e| e.file == place && e.field.as_deref() == Some("s0"))
    };
    assert!(s0("items!D2") && s0("items!D3"), "{errs:?}");
    assert!(
        errs.iter().any(|e| e.file == "settings!B6"
            && e.field.as_deref() == Some("first_year")
            && e.rule.contains("whole number")),
        "{errs:?}"
    );
}

#[test]
fn a_value_right_of_the_last_column_is_refused() {
    let edit = |sheet: &mut Worksheet| {
        sheet.write_string(1, 6, "stray").unwrap();
    };
    refused_at(
        "areas",
        edit,
        "areas!G2",
        "right of the table's last column",
    );
}

#[test]
fn rules_of_the_csv_and_toml_readers_name_the_cell() {
    let bytes = demo_book(|name, sheet| {
        match name {
            // An unknown area and a tier that does not exist.
            "items" => {
                sheet.write_string(2, 1, "metals").unwrap();
                sheet.write_string(3, 2, "urgent").unwrap();
            }
            // A target level above 1.
            "targets" => {
                sheet.write_number(1, 4, 60.0).unwrap();
            }
            _ => {}
        }
    });
    let errs = errors(&bytes);
    let at = |place: &str, field: &str| {
        errs.iter()
            .any(|e| e.file == place && e.field.as_deref().is_some_and(|f| f.ends_with(field)))
    };
    assert!(at("items!B3", "area"), "{errs:?}");
    assert!(at("items!C4", "tier"), "{errs:?}");
    assert!(at("targets!E2", "level"), "{errs:?}");

    // An unknown key (instance.toml is then not read further).
    let bytes = demo_book(|name, sheet| {
        if name == "settings" {
            // The first empty row after the demo's settings.
            sheet.write_string(8, 0, "continuity.max_grow").unwrap();
            sheet.write_number(8, 1, 0.5).unwrap();
        }
    });
    let errs = errors(&bytes);
    assert!(
        errs.iter()
            .any(|e| e.file == "settings!B9" && e.rule.contains("did you mean `max_growth`")),
        "{errs:?}"
    );
}

#[test]
fn a_missing_sheet_is_named() {
    let bytes = demo_book_with(|name| name != "provinces", |_, _| {}, |_| {});
    let errs = errors(&bytes);
    assert!(
        has(&errs, "provinces", "required sheet is missing"),
        "{errs:?}"
    );
}

#[test]
fn bytes_that_are_no_workbook_are_refused() {
    for bytes in [&b""[..], b"PK\x03\x04 not a zip", b"id,name\nx,y\n"] {
        let errs = errors(bytes);
        assert!(
            errs[0].rule.contains("not a readable Excel workbook"),
            "{errs:?}"
        );
    }
}

#[test]
fn the_command_lists_every_error_with_sheet_and_cell_and_exit_status_2() {
    let dir = temp();
    let path = dir.path().join("plan.xlsx");
    let bytes = demo_book(|name, sheet| {
        if name == "items" {
            sheet.write_number(1, 3, 1.3).unwrap();
            sheet
                .write_formula(2, 4, Formula::new("=#REF!").set_result("#REF!"))
                .unwrap();
        }
    });
    std::fs::write(&path, bytes).unwrap();
    let out = qiangji().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("items!D2, field `s0`"), "{stderr}");
    assert!(stderr.contains("items!E3"), "{stderr}");
    let out_dir = dir.path().join("imported");
    let out = qiangji()
        .arg("import")
        .arg(&path)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_dir.exists(), "no partial output");
}

/// The XML of every part of a workbook, by name.
fn parts(path: &Path) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().unwrap().to_string(), text)
        })
        .collect()
}

#[test]
fn the_template_has_frozen_headers_comments_validations_and_instructions() {
    let dir = temp();
    let path = dir.path().join("template.xlsx");
    run_ok(["template", "--out", path.to_str().unwrap()]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[0], "instructions");
    for sheet in [
        "settings",
        "targets",
        "budgets",
        "areas",
        "items",
        "provinces",
        "advantage",
        "platforms",
    ] {
        assert!(names.iter().any(|n| n == sheet), "{names:?}");
    }
    let items = book.worksheet_range("items").unwrap();
    assert_eq!(items.get_value((0, 0)), Some(&Data::String("id".into())));
    assert_eq!(items.get_value((0, 2)), Some(&Data::String("tier".into())));

    let parts = parts(&path);
    let part = |name: &str| {
        parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no part {name}"))
    };
    // Sheet 5 is items (instructions, settings, targets, budgets, areas, items).
    let items_xml = part("xl/worksheets/sheet6.xml");
    assert!(items_xml.contains(r#"state="frozen""#), "{items_xml}");
    assert!(items_xml.contains("<dataValidation "), "{items_xml}");
    assert!(
        items_xml.contains("areas!$A$2:$A$5000"),
        "area drop-down: {items_xml}"
    );
    assert!(
        items_xml.contains("\"stranglehold,shortboard,general\""),
        "tier list"
    );
    assert!(items_xml.contains(r#"type="decimal""#), "numeric ranges");
    let comments: String = parts
        .iter()
        .filter(|(n, _)| n.starts_with("xl/comments"))
        .map(|(_, t)| t.clone())
        .collect();
    assert!(
        comments.contains("self-sufficiency before the first year"),
        "English rule"
    );
    assert!(comments.contains("首年前自给率"), "Chinese rule");
    for (name, xml) in parts
        .iter()
        .filter(|(n, _)| n.starts_with("xl/worksheets/sheet"))
    {
        if name != "xl/worksheets/sheet1.xml" {
            assert!(
                xml.contains(r#"state="frozen""#),
                "{name} has a frozen header"
            );
        }
    }

    // An empty template is not yet an instance, and says what it lacks.
    let out = qiangji().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // It is never written over.
    let out = qiangji()
        .args(["template", "--out", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_template_from_an_instance_holds_its_data() {
    let dir = temp();
    let path = dir.path().join("demo.xlsx");
    run_ok([
        "template",
        "--from",
        demo().to_str().unwrap(),
        "--out",
        path.to_str().unwrap(),
    ]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let items = book.worksheet_range("items").unwrap();
    assert_eq!(items.get_value((1, 0)), Some(&Data::String("chip".into())));
    assert_eq!(items.get_value((1, 3)), Some(&Data::Float(0.3)));
    let inst = qiangji::instance::load(&path, &LoadOptions::default()).unwrap();
    assert_eq!(inst.items.len(), load_dir(&demo()).items.len());
}

/// export-xlsx, then import: the imported folder and the workbook itself
/// solve to the folder's optimum.
fn round_trip(instance: &str, opts: &RunOptions) {
    let dir = temp();
    let folder = repo().join("instances").join(instance);
    let book = dir.path().join(format!("{instance}.xlsx"));
    let imported: PathBuf = dir.path().join("imported");
    run_ok([
        "export-xlsx",
        folder.to_str().unwrap(),
        "--out",
        book.to_str().unwrap(),
    ]);
    run_ok([
        "import",
        book.to_str().unwrap(),
        "--out",
        imported.to_str().unwrap(),
    ]);
    let original = solve(&load_dir(&folder), opts);
    let expected = original.outcome.objective.expect("a plan");
    for path in [&imported, &book] {
        let result = solve(&load_dir(path), opts);
        assert_eq!(
            result.outcome.objective,
            Some(expected),
            "{instance} through {}",
            path.display()
        );
    }
}

#[test]
fn demo_round_trip_gives_the_same_optimum() {
    round_trip("demo", &RunOptions::default());
}

/// The national instances' MIP takes minutes here; their LP relaxation
/// reads every value the MIP does.
#[test]
fn national_round_trips_give_the_same_optimum() {
    round_trip("china-2025", &relaxed());
    round_trip("china-2026", &relaxed());
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The demo solved with `extra` options: its folder and its plan.xlsx.
fn solved_demo(
    extra: &[&str],
) -> (
    tempfile::TempDir,
    PathBuf,
    Xlsx<std::io::BufReader<std::fs::File>>,
) {
    let dir = temp();
    let out = dir.path().join("out");
    let mut args = vec![
        "solve",
        demo().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    args.extend(extra.iter().map(|s| s.to_string()));
    run_ok(&args);
    let book = calamine::open_workbook(out.join("plan.xlsx")).unwrap();
    (dir, out, book)
}

#[test]
fn plan_xlsx_holds_the_numbers_of_the_csv_files() {
    let (_dir, out, mut book) = solved_demo(&[]);
    let names = book.sheet_names();
    assert_eq!(names[0], "summary");
    let mut compared = 0;
    for name in names.iter().skip(1) {
        let csv = csv_rows(&out.join(format!("{name}.csv")));
        let sheet = book.worksheet_range(name).unwrap();
        assert!(
            sheet
                .get_value((0, 0))
                .is_some_and(|h| h.to_string().starts_with(&csv[0][0])),
            "{name}: header"
        );
        for (r, row) in csv.iter().enumerate().skip(1) {
            for (c, text) in row.iter().enumerate() {
                let cell = sheet
                    .get_value((r as u32, c as u32))
                    .unwrap_or(&Data::Empty);
                match text.parse::<f64>() {
                    Ok(v) => assert_eq!(cell, &Data::Float(v), "{name} row {r} col {c}"),
                    Err(_) if text.is_empty() => assert_eq!(cell, &Data::Empty),
                    Err(_) => {
                        assert_eq!(cell, &Data::String(text.clone()), "{name} row {r} col {c}")
                    }
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "{compared} cells compared");
    // The summary sheet leads with the objective of summary.json.
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let figures = book.worksheet_range("summary").unwrap();
    let objective = figures
        .rows()
        .find(|row| row[0] == Data::String("objective".into()))
        .map(|row| row[1].clone());
    assert_eq!(
        objective,
        Some(Data::Float(summary["objective"].as_f64().unwrap()))
    );
}

#[test]
fn plan_xlsx_speaks_chinese_with_lang_zh() {
    let (_dir, _, mut book) = solved_demo(&["--lang", "zh"]);
    let names = book.sheet_names();
    assert_eq!(&names[..3], ["摘要", "资金分配", "自给率"]);
    let allocation = book.worksheet_range("资金分配").unwrap();
    let headers: Vec<String> = allocation
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(
        headers.contains(&"中央资金 [亿元]".to_string()),
        "{headers:?}"
    );
}
