//! Surprising but well-defined inputs: each is accepted with the meaning
//! docs/instance-format.md gives it, and gives exactly the demo's plan.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use qiangji::report::tables::allocation;
use qiangji::run::RunOptions;

fn demo_copy(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for entry in fs::read_dir(demo()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
}

fn rewrite(dir: &Path, file: &str, f: impl FnOnce(String) -> Vec<u8>) {
    let text = fs::read_to_string(dir.join(file)).unwrap();
    fs::write(dir.join(file), f(text)).unwrap();
}

/// The demo's items.csv without its last column (`name_zh`), so that a
/// case can write the names in a column of its choosing.
fn without_chinese_names(text: &str) -> String {
    text.lines()
        .map(|l| l.rsplit_once(',').map_or(l, |(kept, _)| kept))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut bytes = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    bytes
}

fn utf16be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
}

type Change = fn(&Path);

/// A file and the encoding it must be recorded in.
type Encoded = Option<(&'static str, &'static str)>;

/// (what, change, encoding expected in summary.json for a file, if any)
fn cases() -> Vec<(&'static str, Change, Encoded)> {
    vec![
        (
            "items in GBK with Chinese names",
            |d| {
                rewrite(d, "items.csv", |t| {
                    encoding_rs::GBK
                        .encode(
                            &without_chinese_names(&t)
                                .replace("name_en", "name_zh")
                                .replace("integrated circuits", "集成电路"),
                        )
                        .0
                        .into_owned()
                })
            },
            Some(("items.csv", "gb18030")),
        ),
        (
            "areas in GB18030 as Excel writes them",
            |d| {
                rewrite(d, "areas.csv", |t| {
                    encoding_rs::GB18030.encode(&t).0.into_owned()
                })
            },
            Some(("areas.csv", "gb18030")),
        ),
        (
            "provinces in UTF-16 with a byte-order mark",
            |d| rewrite(d, "provinces.csv", |t| utf16le(&t, true)),
            Some(("provinces.csv", "UTF-16LE")),
        ),
        (
            "advantage in UTF-16LE without a byte-order mark",
            |d| rewrite(d, "advantage.csv", |t| utf16le(&t, false)),
            Some(("advantage.csv", "UTF-16LE")),
        ),
        (
            "platforms in UTF-16BE without a byte-order mark",
            |d| rewrite(d, "platforms.csv", |t| utf16be(&t)),
            Some(("platforms.csv", "UTF-16BE")),
        ),
        (
            "instance.toml with a UTF-8 byte-order mark",
            |d| rewrite(d, "instance.toml", |t| format!("\u{feff}{t}").into_bytes()),
            None,
        ),
        (
            "tables with comment lines and blank lines",
            |d| {
                rewrite(d, "items.csv", |t| {
                    format!(
                        "# key items\n\n{}",
                        t.replace("alloy,", "# the alloy\n\nalloy,")
                    )
                    .into_bytes()
                })
            },
            None,
        ),
        (
            "Windows line ends",
            |d| rewrite(d, "advantage.csv", |t| t.replace('\n', "\r\n").into_bytes()),
            None,
        ),
        (
            "rows in another order",
            |d| {
                rewrite(d, "items.csv", |t| {
                    let mut lines: Vec<&str> = t.lines().collect();
                    lines[1..].reverse();
                    (lines.join("\n") + "\n").into_bytes()
                });
                rewrite(d, "provinces.csv", |t| {
                    let mut lines: Vec<&str> = t.lines().collect();
                    lines[1..].reverse();
                    (lines.join("\n") + "\n").into_bytes()
                });
                rewrite(d, "areas.csv", |t| {
                    let mut lines: Vec<&str> = t.lines().collect();
                    lines[1..].reverse();
                    (lines.join("\n") + "\n").into_bytes()
                });
            },
            None,
        ),
        (
            "Excel's lock file of an open table",
            |d| fs::write(d.join("~$items.csv"), b"\x05lock").unwrap(),
            None,
        ),
        (
            "a sources.csv kept for people",
            |d| fs::write(d.join("sources.csv"), "code,description\nS1,yearbook\n").unwrap(),
            None,
        ),
        (
            "quoted names holding commas and quotes",
            |d| {
                rewrite(d, "items.csv", |t| {
                    t.replace("high-end bearings", "\"bearings, \"\"high-end\"\"\"")
                        .into_bytes()
                })
            },
            None,
        ),
        (
            "blank rows as a spreadsheet exports them (commas alone) are skipped",
            |d| {
                rewrite(d, "items.csv", |t| {
                    let mut lines: Vec<&str> = t.lines().collect();
                    lines.insert(2, ",,,,,,,");
                    lines.push(",,,,,,,");
                    lines.push("");
                    (lines.join("\n") + "\n").into_bytes()
                })
            },
            None,
        ),
        (
            "a copied instance whose model path no longer resolves: the bundled model",
            |d| {
                // demo names ../../models/default.toml; from a temporary folder
                // that path does not exist, so the bundled default.toml is used.
                assert!(!d.join("../../models/default.toml").exists());
            },
            None,
        ),
    ]
}

#[test]
fn accepted_inputs_give_the_demo_plan() {
    let base = load_dir(&demo());
    let base_result = solve(&base, &RunOptions::default());
    let base_allocation = allocation(&base, base_result.plan.as_ref().unwrap()).unwrap();
    let mut failures = Vec::new();
    for (name, change, encoding) in cases() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a").join("b").join("inst");
        demo_copy(&dir);
        change(&dir);
        let inst = match qiangji::instance::load(&dir, &Default::default()) {
            Ok(inst) => inst,
            Err(e) => {
                failures.push(format!("{name}: refused:\n{e}"));
                continue;
            }
        };
        let result = solve(&inst, &RunOptions::default());
        let got = allocation(&inst, result.plan.as_ref().unwrap()).unwrap();
        if got != base_allocation {
            failures.push(format!(
                "{name}: a different plan:\n{}",
                String::from_utf8_lossy(&got)
            ));
        }
        if (objective(&result) - objective(&base_result)).abs() > 1e-9 {
            failures.push(format!("{name}: objective {}", objective(&result)));
        }
        if let Some((file, enc)) = encoding {
            if !inst.encodings.iter().any(|(f, e)| f == file && e == enc) {
                failures.push(format!("{name}: encodings recorded {:?}", inst.encodings));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_bundled_model_is_named_in_the_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("copied");
    demo_copy(&dir);
    let out = tmp.path().join("out");
    run_ok([
        "solve".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(
        summary["model"]["file"], "(bundled) models/default.toml",
        "{summary}"
    );
}

/// A table in UTF-16 (either byte order, with its byte-order mark) or in
/// GBK is read as the planner wrote it: the names reach the report
/// unchanged (no mojibake) and summary.json records the encoding.
#[test]
fn tables_in_utf16_and_gbk_are_read_as_written() {
    // (encoding, name of the lead-site item, how to write items.csv, language)
    type Case = (
        &'static str,
        &'static str,
        fn(&str) -> Vec<u8>,
        &'static str,
    );
    let cases: [Case; 3] = [
        ("UTF-16LE", "Müller 集成电路", |t| utf16le(t, true), "en"),
        (
            "UTF-16BE",
            "Ångström 集成电路",
            |t| [&[0xFE, 0xFF][..], &utf16be(t)].concat(),
            "en",
        ),
        (
            "gb18030",
            "集成电路芯片",
            |t| encoding_rs::GBK.encode(t).0.into_owned(),
            "zh",
        ),
    ];
    for (encoding, name, encode, lang) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("inst");
        demo_copy(&dir);
        rewrite(&dir, "items.csv", |t| {
            let column = if lang == "zh" { "name_zh" } else { "name_en" };
            encode(
                &without_chinese_names(&t)
                    .replace("name_en", column)
                    .replace("integrated circuits", name),
            )
        });
        let out = tmp.path().join("out");
        run_ok([
            "solve".as_ref(),
            dir.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--lang".as_ref(),
            lang.as_ref(),
            "--report".as_ref(),
            "html".as_ref(),
        ]);
        let report = fs::read_to_string(out.join("report.html")).unwrap();
        assert!(
            report.contains(name),
            "{encoding}: {name} is not in the report"
        );
        let summary: serde_json::Value =
            serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
        assert_eq!(
            summary["instance"]["files_encoding"]["items.csv"], encoding,
            "{summary}"
        );
    }
}
