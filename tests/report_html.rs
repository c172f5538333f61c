//! report.html from the command line: `--report` chooses the readable files,
//! `--lang zh` names everything in Chinese, and the national report carries
//! every target year, the penalty apart from spending, and why provinces get
//! nothing.

mod common;

use std::path::Path;

use common::*;

fn written(dir: &Path) -> (bool, bool) {
    (
        dir.join("report.html").is_file(),
        dir.join("report.md").is_file(),
    )
}

#[test]
fn report_flag_chooses_the_readable_files() {
    let tmp = tempfile::tempdir().unwrap();
    for (flag, expected) in [
        (None, (true, true)),
        (Some("both"), (true, true)),
        (Some("html"), (true, false)),
        (Some("md"), (false, true)),
        (Some("none"), (false, false)),
    ] {
        let out = tmp.path().join(flag.unwrap_or("default"));
        let mut args = vec![
            "solve".to_string(),
            demo().display().to_string(),
            "--out".into(),
            out.display().to_string(),
        ];
        if let Some(f) = flag {
            args.extend(["--report".into(), f.into()]);
        }
        run_ok(&args);
        assert_eq!(written(&out), expected, "--report {flag:?}");
        assert!(out.join("summary.json").is_file(), "always written");
    }
    let out = tmp.path().join("bad");
    let code = exit_code([
        "solve",
        demo().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--report",
        "pdf",
    ]);
    assert_eq!(code, Some(2), "an unknown format is a usage error");
    assert!(!out.exists());
}

#[test]
fn the_national_report_in_chinese_names_provinces_areas_and_reasons() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("zh");
    run_ok([
        "solve",
        repo().join("instances/china-2025").to_str().unwrap(),
        "--relax",
        "--lang",
        "zh",
        // The fitted plan funds every province; without a provincial budget
        // Qinghai is left out, so the page must say why.
        "--set",
        "provincial_budget[province=qinghai]=0",
        "--out",
        out.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains(r#"<html lang="zh-CN">"#));
    for name in [
        "北京",
        "西藏",
        "基础零部件和元器件",
        "工业基础软件",
        "集成电路",
    ] {
        assert!(html.contains(name), "{name}");
    }
    // English names of the instance stay out of the Chinese page.
    for name in [">Beijing<", ">Tibet<", "key basic materials<"] {
        assert!(!html.contains(name), "{name}");
    }
    // The headline self-sufficiency table has the first year, every target
    // year and the last year, and no other.
    let start = html
        .find("<caption>首年、各目标年份及末年的实际自给率(%)</caption>")
        .unwrap();
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    for year in [
        "<th>2022</th>",
        "<th>2025</th>",
        "<th>2030</th>",
        "<th>2035</th>",
    ] {
        assert!(table.contains(year), "{year}");
    }
    assert!(!table.contains("<th>2026</th>"));
    assert!(html.contains("<caption>各年实际自给率(%)</caption>"));
    // Provinces without funding are listed with a reason.
    let why = &html[html.find("这些省份为何未获资金").expect("a why-not table")..];
    let why = &why[..why.find("</table>").unwrap()];
    // The reason is the one the change made: no provincial money, so only
    // central-only instruments are left to it.
    let qinghai = why
        .split("<tr>")
        .find(|row| row.contains("<td>青海</td>"))
        .unwrap_or_else(|| panic!("Qinghai is listed: {why}"));
    assert!(qinghai.contains("其地方预算为零"), "{qinghai}");
    // The penalty is apart from spending and called what it is.
    assert!(html.contains("缺口罚项(建模手段，并非资金)"));
    assert!(html.contains("实际支出"));
}

#[test]
fn a_plain_solve_does_not_call_slopes_the_value_of_one_more_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let page = |command: &str, fixture_name: &str| {
        let out = tmp.path().join(format!("{command}-{fixture_name}"));
        run_ok([
            command,
            fixture(fixture_name).to_str().unwrap(),
            "--report",
            "html",
            "--out",
            out.to_str().unwrap(),
        ]);
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        let start = html.find(r#"<section id="marginal-values">"#).unwrap();
        html[start..start + html[start..].find("</section>").unwrap()].to_string()
    };
    let row = |section: &str, resource: &str| -> Vec<String> {
        section
            .split("<tr>")
            .find(|row| row.contains(&format!("<td>{resource}</td>")))
            .unwrap_or_else(|| panic!("{resource} is priced: {section}"))
            .split("</td>")
            .map(str::to_string)
            .collect()
    };
    // Without ranging every value is a slope only: every bar is pale and
    // the table says the step was not computed.
    let solve = page("solve", "budget_short");
    let bars = solve.matches("<rect").count();
    assert!(bars > 0);
    assert_eq!(solve.matches(r#"fill-opacity="0.35""#).count(), bars);
    assert!(solve.contains("not computed (run qiangji sensitivity)"));
    // With ranging the steps and their interval are shown: p1's 2024
    // budget (2 亿元, slope 9 亿元 per 亿元) holds from 0 to 4 亿元.
    let sensitivity = page("sensitivity", "budget_short");
    assert!(!sensitivity.contains("not computed"));
    let budget = row(&sensitivity, "provincial budget, p1 2024");
    assert!(
        budget[3].ends_with(">9.00") && budget[4].ends_with(">9.00"),
        "{budget:?}"
    );
    assert!(budget[5].ends_with("[0.00, 4.00]"), "{budget:?}");
    // At a degenerate optimum the slope holds over a zero-width interval:
    // it is shown, but never as what one more or one less unit does.
    let degenerate = page("sensitivity", "degenerate_capacity");
    let talent = row(&degenerate, "talent, p2 2024");
    assert!(talent[2].ends_with(">1.00"), "{talent:?}");
    assert!(
        talent[3].ends_with(">–") && talent[4].ends_with(">–"),
        "{talent:?}"
    );
    assert!(talent[5].ends_with("[0.00, 0.00]"), "{talent:?}");
}
