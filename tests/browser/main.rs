//! report.html in a real browser: headless Chromium (installed from Debian's
//! packages by scripts/ensure-chromium.sh when missing) loads the national
//! report in English and Chinese, the sweep, tornado and Monte Carlo reports
//! of the demo, and a batch comparison and a diff from hand-made views. Each
//! page must load with no console error, no request but itself, and every
//! chart present with a non-zero size; Chinese text must be drawn with a CJK
//! font. Screenshots and a PDF print go to target/report-browser/.

mod cdp;
#[path = "../common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::{demo, fixture, repo, run_ok};
use qiangji::report::html::{compare::examples, comparison_page, diff_page, Lang};

/// Charts every solve page has (the national plan has lead sites and
/// priced resources, so none is left out).
const SOLVE_CHARTS: [&str; 9] = [
    "sufficiency-by-area",
    "sufficiency-by-target",
    "funding-heatmap",
    "spending-by-instrument",
    "provinces-ranked",
    "lead-sites",
    "platforms",
    "talent",
    "marginal-values",
];

/// Lists every chart of the page: id, rendered size and number of SVG
/// elements, and whether a table follows it in its section.
const CHARTS_JS: &str = r#"JSON.stringify(Array.from(document.querySelectorAll('figure.chart')).map(function (f) {
  var svg = f.querySelector('svg');
  var box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  return {id: f.getAttribute('data-chart'), width: box.width, height: box.height,
          shapes: svg ? svg.querySelectorAll('rect, path, polyline, line, polygon, circle').length : 0};
}))"#;

/// Clicks the header of the first numeric column of the first table that
/// has one, and returns that column's values in the order shown.
const SORT_JS: &str = r#"(function () {
  var cell = document.querySelector('table.sortable td.num');
  var table = cell.closest('table');
  var column = Array.prototype.indexOf.call(cell.parentNode.cells, cell);
  table.tHead.rows[0].cells[column].click();
  return JSON.stringify(Array.from(table.tBodies[0].rows).map(function (r) {
    return parseFloat(r.cells[column].getAttribute('data-v'));
  }));
})()"#;

/// The finding block and the targets table as laid out: the finding's text,
/// where its lines end, and how wide the targets table is against the page.
const FIRST_SCREEN_JS: &str = r#"(function () {
  var f = document.getElementById('finding');
  var lines = f.querySelectorAll('p.finding-lead, li');
  var table = document.querySelector('#targets table');
  var wrap = table.closest('.table-wrap');
  return JSON.stringify({
    text: f.innerText,
    counts_bottom: lines[1].getBoundingClientRect().bottom,
    first_verdict_bottom: lines.length > 2 ? lines[2].getBoundingClientRect().bottom : 0,
    viewport: window.innerHeight,
    viewport_width: window.innerWidth,
    table_right: table.getBoundingClientRect().right,
    hidden_by_scroll: wrap.scrollWidth - wrap.clientWidth,
    before_any_section: !f.closest('section')
  });
})()"#;

/// The national report's first screen says the finding in words, and its
/// targets table fits the window without a cut column.
fn check_first_screen(browser: &mut cdp::Browser, tab: &mut cdp::Tab, name: &str) {
    let seen: serde_json::Value =
        serde_json::from_str(browser.evaluate(tab, FIRST_SCREEN_JS).as_str().unwrap()).unwrap();
    let text = seen["text"].as_str().unwrap();
    let expected: &[&str] = if name.ends_with("-zh") {
        &[
            "实际支出：2022–2035年共",
            "总体目标达成 0 / 4；单项底线达成 34 / 34。",
            "core_2025",
            "无法达到——任何方案在2025年最多达到30.1%",
            "资金不足——以方案现有资源",
        ]
    } else {
        &[
            "Real spending: 9,",
            "Headline targets met 0 / 4; item floors met 34 / 34.",
            "core_2025",
            "out of reach — the most any plan can reach in 2025 is 30.1%",
            "underfunded — with the plan's resources",
        ]
    };
    for needle in expected {
        assert!(
            text.contains(needle),
            "{name}: the finding lacks {needle:?}:
{text}"
        );
    }
    for machine in ["e-1", "e0", "MIP gap", "混合整数间隙"] {
        assert!(
            !text.contains(machine),
            "{name}: {machine:?} in the finding"
        );
    }
    let viewport = seen["viewport"].as_f64().unwrap();
    assert!(
        seen["before_any_section"].as_bool().unwrap(),
        "{name}: {seen}"
    );
    assert!(
        seen["counts_bottom"].as_f64().unwrap() < viewport
            && seen["first_verdict_bottom"].as_f64().unwrap() < viewport,
        "{name}: the finding is not on the first screen: {seen}"
    );
    assert!(
        seen["hidden_by_scroll"].as_f64().unwrap() <= 0.0
            && seen["table_right"].as_f64().unwrap() <= seen["viewport_width"].as_f64().unwrap(),
        "{name}: the targets table is cut at {} px: {seen}",
        seen["viewport_width"]
    );
}

fn browser_binary() -> PathBuf {
    let out = Command::new(repo().join("scripts/ensure-chromium.sh"))
        .output()
        .expect("scripts/ensure-chromium.sh runs");
    assert!(
        out.status.success(),
        "scripts/ensure-chromium.sh failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

/// The test's own folder under target/, emptied at the start of each run
/// (it holds nothing but what this test wrote).
fn out_dir() -> PathBuf {
    static FRESH: std::sync::Once = std::sync::Once::new();
    let dir = repo().join("target/report-browser");
    FRESH.call_once(|| {
        let _ = std::fs::remove_dir_all(&dir);
    });
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// Writes the pages under test and returns (name, file, expected charts).
fn pages(dir: &Path) -> Vec<(String, PathBuf, Vec<String>)> {
    let national = repo().join("instances/china-2025");
    let mut pages = Vec::new();
    let solve_charts: Vec<String> = SOLVE_CHARTS.iter().map(|s| s.to_string()).collect();
    // The national plan as an LP relaxation (the report, not the MIP, is
    // under test here), in English and in Chinese; ranging is on the demo
    // below (the national sensitivity run takes minutes and draws the same
    // page).
    for (name, command, lang) in [
        ("national-en", "solve", "en"),
        ("national-zh", "solve", "zh"),
    ] {
        let out = dir.join(name);
        run_ok([
            command.as_ref(),
            national.as_os_str(),
            "--relax".as_ref(),
            "--lang".as_ref(),
            lang.as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ]);
        pages.push((
            name.to_string(),
            out.join("report.html"),
            solve_charts.clone(),
        ));
    }
    // Ranging, in Chinese, on a small instance whose budget binds.
    let sensitivity = dir.join("sensitivity");
    run_ok([
        "sensitivity".as_ref(),
        fixture("budget_short").as_os_str(),
        "--lang".as_ref(),
        "zh".as_ref(),
        "--out".as_ref(),
        sensitivity.as_os_str(),
    ]);
    pages.push((
        "sensitivity".into(),
        sensitivity.join("report.html"),
        vec!["sufficiency-by-target".into(), "marginal-values".into()],
    ));
    let studies: [(&str, &[&str], &[&str]); 3] = [
        (
            "sweep",
            &[
                "sweep",
                "--param",
                "central_budget",
                "--op",
                "scale",
                "--from",
                "0.5",
                "--to",
                "1.5",
                "--steps",
                "5",
            ],
            &["sweep-money", "sweep-targets"],
        ),
        (
            "tornado",
            &["tornado"],
            &["tornado-objective", "tornado-spending"],
        ),
        (
            "montecarlo",
            &["montecarlo", "--samples", "12", "--workers", "1"],
            &["fan-1", "probability-met"],
        ),
    ];
    for (name, args, charts) in studies {
        let out = dir.join(name);
        let mut all: Vec<std::ffi::OsString> = vec![args[0].into(), demo().into()];
        all.extend(args[1..].iter().map(Into::into));
        all.extend(["--out".into(), out.clone().into_os_string()]);
        run_ok(all);
        pages.push((
            name.to_string(),
            out.join("report.html"),
            charts.iter().map(|s| s.to_string()).collect(),
        ));
    }
    // A real batch on the demo and a diff of two of its cases.
    let batch = dir.join("batch");
    let scenarios = repo().join("tests/fixtures/scenarios/demo.toml");
    run_ok([
        "batch".as_ref(),
        demo().as_os_str(),
        "--scenarios".as_ref(),
        scenarios.as_os_str(),
        "--only".as_ref(),
        "budget_cut,talent_halved,target_raised".as_ref(),
        "--jobs".as_ref(),
        "2".as_ref(),
        "--lang".as_ref(),
        "zh".as_ref(),
        "--out".as_ref(),
        batch.as_os_str(),
    ]);
    pages.push((
        "batch".into(),
        batch.join("report.html"),
        vec!["comparison-spending".into(), "comparison-targets".into()],
    ));
    let diff = dir.join("batch-diff");
    run_ok([
        "diff".as_ref(),
        batch.join("base").as_os_str(),
        batch.join("target_raised").as_os_str(),
        "--out".as_ref(),
        diff.as_os_str(),
    ]);
    pages.push((
        "batch-diff".into(),
        diff.join("report.html"),
        vec!["diff-province".into(), "diff-year".into()],
    ));
    let comparison = dir.join("comparison.html");
    std::fs::write(
        &comparison,
        comparison_page(&examples::comparison(), Lang::Zh).unwrap(),
    )
    .unwrap();
    pages.push((
        "comparison".into(),
        comparison,
        vec!["comparison-spending".into(), "comparison-targets".into()],
    ));
    let diff = dir.join("diff.html");
    std::fs::write(&diff, diff_page(&examples::diff(), Lang::En).unwrap()).unwrap();
    pages.push((
        "diff".into(),
        diff,
        vec![
            "diff-province".into(),
            "diff-year".into(),
            "diff-targets".into(),
        ],
    ));
    pages
}

fn is_cjk_font(family: &str) -> bool {
    [
        "CJK",
        "YaHei",
        "PingFang",
        "Hiragino",
        "Source Han",
        "WenQuanYi",
        "Noto Sans SC",
    ]
    .iter()
    .any(|f| family.contains(f))
}

#[test]
fn reports_render_in_headless_chromium_with_every_chart_and_no_request() {
    let started = Instant::now();
    let binary = browser_binary();
    let dir = out_dir();
    let pages = pages(&dir);
    let mut browser = cdp::Browser::start(&binary);

    // The checks below must be able to fail: a page that logs an error and
    // asks for an outside image is caught.
    let control = dir.join("control.html");
    std::fs::write(
        &control,
        r#"<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"><script>console.error("control")</script></body></html>"#,
    )
    .unwrap();
    let tab = browser.open(&file_url(&control), 800);
    let log = browser.close(tab);
    assert!(log.errors.iter().any(|e| e.contains("control")), "{log:?}");
    assert!(
        log.requests
            .iter()
            .any(|r| r.starts_with("http://127.0.0.1:9/")),
        "{log:?}"
    );

    for (name, file, expected) in &pages {
        let url = file_url(file);
        // A laptop's window: the targets table must fit it.
        let mut tab = browser.open(&url, 1280);
        if name.starts_with("national-") {
            check_first_screen(&mut browser, &mut tab, name);
        }
        let charts: Vec<serde_json::Value> =
            serde_json::from_str(browser.evaluate(&mut tab, CHARTS_JS).as_str().unwrap()).unwrap();
        for id in expected {
            let chart = charts
                .iter()
                .find(|c| c["id"] == id.as_str())
                .unwrap_or_else(|| panic!("{name}: chart {id} is missing ({charts:?})"));
            assert!(
                chart["width"].as_f64().unwrap() > 100.0
                    && chart["height"].as_f64().unwrap() > 50.0,
                "{name}: chart {id} has no size: {chart}"
            );
            assert!(
                chart["shapes"].as_u64().unwrap() > 2,
                "{name}: chart {id} is empty: {chart}"
            );
        }
        for chart in &charts {
            assert!(chart["width"].as_f64().unwrap() > 0.0, "{name}: {chart}");
        }
        if name.ends_with("-zh") || name == "comparison" {
            // A heading, and a name drawn inside a chart.
            for selector in ["h1", "figure.chart svg text.label"] {
                let fonts = browser.fonts_of(&mut tab, selector);
                assert!(
                    fonts
                        .iter()
                        .any(|(family, glyphs)| is_cjk_font(family) && *glyphs > 0),
                    "{name}: {selector} is not drawn with a CJK font: {fonts:?}"
                );
            }
        }
        browser.screenshot(&mut tab, &dir.join(format!("{name}.png")), 6000.0);
        if name == "national-en" {
            let sorted: Vec<f64> =
                serde_json::from_str(browser.evaluate(&mut tab, SORT_JS).as_str().unwrap())
                    .unwrap();
            assert!(sorted.len() > 1);
            assert!(
                sorted.windows(2).all(|w| w[0] <= w[1]),
                "a click on a header sorts the column: {sorted:?}"
            );
            let pdf = dir.join("national-en.pdf");
            browser.print_pdf(&mut tab, &pdf);
            let bytes = std::fs::read(&pdf).unwrap();
            assert!(
                bytes.starts_with(b"%PDF") && bytes.len() > 10_000,
                "{name}: PDF"
            );
        }
        let log = browser.close(tab);
        assert!(log.errors.is_empty(), "{name}: errors {:?}", log.errors);
        assert_eq!(
            log.requests,
            vec![url.clone()],
            "{name}: requests beyond the page itself"
        );
    }
    eprintln!(
        "browser test: {} pages in {:.1} s; screenshots in {}",
        pages.len(),
        started.elapsed().as_secs_f64(),
        dir.display()
    );
}
