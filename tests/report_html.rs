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
    assert!(html.contains("这些省份为何未获资金"));
    assert!(html.contains("优势低于边际获资助省份") || html.contains("不具备国家牵头地资格"));
    // The penalty is apart from spending and called what it is.
    assert!(html.contains("缺口罚项(建模手段，并非资金)"));
    assert!(html.contains("实际支出"));
}

#[test]
fn a_plain_solve_does_not_call_slopes_the_value_of_one_more_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let national = repo().join("instances/china-2025");
    let mut pages = Vec::new();
    for command in ["solve", "sensitivity"] {
        let out = tmp.path().join(command);
        run_ok([
            command,
            national.to_str().unwrap(),
            "--relax",
            "--report",
            "html",
            "--out",
            out.to_str().unwrap(),
        ]);
        pages.push(std::fs::read_to_string(out.join("report.html")).unwrap());
    }
    let marginal = |html: &str| {
        let start = html.find(r#"<section id="marginal-values">"#).unwrap();
        html[start..start + html[start..].find("</section>").unwrap()].to_string()
    };
    let (solve, sensitivity) = (marginal(&pages[0]), marginal(&pages[1]));
    // Without ranging every value is a slope only: every bar is pale and
    // the table says the step was not computed.
    let bars = solve.matches("<rect").count();
    assert!(bars > 0);
    assert_eq!(solve.matches(r#"fill-opacity="0.35""#).count(), bars);
    assert!(solve.contains("not computed (run qiangji sensitivity)"));
    // With ranging the intervals are shown, and a value of one unit less
    // appears where the slope holds a whole unit down (central budget 2024
    // holds over [197, 199] around 198.66 亿元: down, not up).
    assert!(!sensitivity.contains("not computed"));
    assert!(
        sensitivity.contains("<td>[197, 199]</td>"),
        "intervals are shown"
    );
    let budget_2024 = sensitivity
        .split("<tr>")
        .find(|row| row.contains("<td>central budget 2024</td>"))
        .expect("the central budget of 2024 is priced");
    let cells: Vec<&str> = budget_2024.split("</td>").collect();
    assert!(
        cells[3].ends_with(">–"),
        "one more unit does not hold: {budget_2024}"
    );
    assert!(
        !cells[4].ends_with(">–"),
        "one unit less holds: {budget_2024}"
    );
}
