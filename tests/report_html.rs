//! report.html from the command line: `--report` chooses the readable files,
//! `--lang zh` names everything in Chinese, and the national report carries
//! every target year, the penalty apart from spending, and why provinces get
//! nothing.

mod common;

use std::path::{Path, PathBuf};

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

/// The visible text of a page: no style, script or markup, entities read.
fn visible_text(html: &str) -> String {
    let mut rest = html.to_string();
    for (open, close) in [("<style", "</style>"), ("<script", "</script>")] {
        while let Some(i) = rest.find(open) {
            let end = rest[i..]
                .find(close)
                .map_or(rest.len(), |j| i + j + close.len());
            rest.replace_range(i..end, " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in rest.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// ASCII words of three letters or more on a page (HTML or Markdown) that
/// are not an id the user wrote (`ids`), a file name or path, a hash, code
/// in backticks, or one of the few names that stay as they are (the
/// program, the solver).
fn english_words(html: &str, ids: &[String]) -> Vec<String> {
    const KEPT: [&str; 3] = ["qiangji", "HiGHS", "sha256"];
    let text = visible_text(html);
    let mut found = Vec::new();
    for run in text.split(|c: char| !(c.is_ascii_graphic()) || "(),:;，".contains(c)) {
        let letters = run.chars().filter(char::is_ascii_alphabetic).count();
        let is_code_or_path = run.contains('`')
            || run.contains('/')
            || [".csv", ".toml", ".html", ".md"]
                .iter()
                .any(|e| run.ends_with(e));
        let is_hash = run.len() >= 12 && run.chars().all(|c| c.is_ascii_hexdigit());
        // Ids alone or joined as qiangji joins them: `chip@east`,
        // `components+materials`.
        let is_id = run
            .split(['@', '+'])
            .all(|part| ids.iter().any(|id| id == part));
        let has_word = run
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 3);
        if letters >= 3
            && has_word
            && !is_code_or_path
            && !is_hash
            && !is_id
            && !KEPT.contains(&run)
        {
            found.push(run.to_string());
        }
    }
    found.sort();
    found.dedup();
    found
}

/// `qiangji solve`, `diff` and `batch` with `--lang zh` on the demo, and
/// `relax` on an instance that needs more budget: every label, sentence,
/// table title, unit and status of report.html and report.md is Chinese;
/// the only ASCII words left are the ids of the instance and the scenarios,
/// file names and hashes.
#[test]
fn the_chinese_pages_of_solve_diff_and_batch_have_no_english_left() {
    let tmp = tempfile::tempdir().unwrap();
    let scenarios = fixture("scenarios/demo.toml");
    let mut ids: Vec<String> = [
        "demo",
        "default",
        "components",
        "materials",
        "chip",
        "bearing",
        "alloy",
        "east",
        "west",
        "core_2026",
        "base",
        "before",
        "after",
        "infeasible_budget",
        "central-only",
        "x_2026",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Scenario names are the file's section headers.
    for line in std::fs::read_to_string(&scenarios).unwrap().lines() {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            ids.push(name.to_string());
        }
    }
    let solve = |name: &str, extra: &[&str]| {
        let out = tmp.path().join(name);
        let mut args = vec![
            "solve".to_string(),
            demo().display().to_string(),
            "--lang".into(),
            "zh".into(),
            "--out".into(),
            out.display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        run_ok(&args);
        out
    };
    let before = solve("before", &[]);
    let after = solve("after", &["--set", "central_budget*=0.3"]);
    let diff = tmp.path().join("diff");
    run_ok([
        "diff".as_ref(),
        before.as_os_str(),
        after.as_os_str(),
        "--lang".as_ref(),
        "zh".as_ref(),
        "--out".as_ref(),
        diff.as_os_str(),
    ]);
    // The scenario file gives every scenario a Chinese title, and the one
    // with a rationale a Chinese rationale.
    let mut chinese = String::new();
    for line in std::fs::read_to_string(&scenarios).unwrap().lines() {
        chinese.push_str(line);
        chinese.push('\n');
        if line.starts_with('[') {
            chinese.push_str("title_zh = \"中文标题\"\n");
        }
        if line.starts_with("rationale = ") {
            chinese.push_str("rationale_zh = \"中文理由\"\n");
        }
    }
    let chinese_scenarios = tmp.path().join("scenarios.toml");
    std::fs::write(&chinese_scenarios, chinese).unwrap();
    let batch = tmp.path().join("batch");
    run_ok([
        "batch".as_ref(),
        demo().as_os_str(),
        "--scenarios".as_ref(),
        chinese_scenarios.as_os_str(),
        "--lang".as_ref(),
        "zh".as_ref(),
        "--out".as_ref(),
        batch.as_os_str(),
    ]);
    let relax = tmp.path().join("relax");
    run_ok([
        "relax".as_ref(),
        fixture("infeasible_budget").as_os_str(),
        "--by".as_ref(),
        "budget".as_ref(),
        "--lang".as_ref(),
        "zh".as_ref(),
        "--out".as_ref(),
        relax.as_os_str(),
    ]);
    let montecarlo = tmp.path().join("montecarlo");
    run_ok([
        "montecarlo".as_ref(),
        demo().as_os_str(),
        "--samples".as_ref(),
        "5".as_ref(),
        "--lang".as_ref(),
        "zh".as_ref(),
        "--out".as_ref(),
        montecarlo.as_os_str(),
    ]);
    let read = |dir: &Path| std::fs::read_to_string(dir.join("report.html")).unwrap();
    let pages = [
        (
            "solve",
            read(&before),
            &[
                "东部省份",
                "西部省份",
                "集成电路",
                "两个基础领域、三个关键项目、两个省份、三年",
                "千人·年",
                "<th>文件</th>",
            ][..],
        ),
        (
            "diff",
            read(&diff),
            &[
                "`--set central_budget`：before 中为无，after 中为`*=0.3`",
                "实际支出：中央与地方",
                "按区域的项目资金(中央+地方)",
                "<td>东部</td>",
                "<td>链式协同</td>",
                "年中央预算每增加1亿元",
                "罚项(亿元，非资金)",
                "加权平均(实际实现) before",
                "自主保障项目数(实际实现) after",
            ][..],
        ),
        (
            "batch",
            read(&batch),
            &["各情景与基准情景对照", "<td>最优</td>", "情景文件 sha256"][..],
        ),
    ];
    let markdown = |path: PathBuf| std::fs::read_to_string(path).unwrap();
    let pages = [
        pages[0].clone(),
        pages[1].clone(),
        pages[2].clone(),
        (
            "solve report.md",
            markdown(before.join("report.md")),
            &[
                "# qiangji 规划方案：demo",
                "两个基础领域、三个关键项目、两个省份、三年",
                "目标函数：成本最小(`min-cost`)",
                "## 结论",
                "- 实际支出：",
                "| 目标 | 范围 | 年份 | 要求 |",
                "| core_2026 | 基础零部件和元器件+基础材料 |",
                "## 资金去向",
                "| 基础领域 | 中央 亿元 | 地方 亿元 | 合计 亿元 |",
                "| 东部省份 |",
                "| 新型举国体制(牵头地) |",
                "- 东部省份：集成电路(优势指数 1.50)",
                "## 交换率",
                "(已达上限)",
                "## 各基础领域实际自给率",
            ][..],
        ),
        (
            "relax",
            read(&relax),
            &[
                "<td>中央预算 2025 年</td>",
                "<td>追加中央预算</td>",
                "<td>亿元</td>",
            ][..],
        ),
        (
            "relax report.md",
            markdown(relax.join("report.md")),
            &[
                "# qiangji 松弛分析：infeasible_budget",
                "中央预算 2025 年：+1 亿元(1.5 → 2.5 亿元)",
                "合计 追加中央预算：1 亿元",
                "已验证：按此调整，硬目标模型有可行方案",
            ][..],
        ),
        (
            "montecarlo report.md",
            markdown(montecarlo.join("report.md")),
            &[
                "# 蒙特卡洛：demo",
                "| 目标 | 年份 | 要求 | 达成概率，逐样本重新规划 | 达成概率，沿用基准方案 |",
            ][..],
        ),
        (
            "diff.md",
            markdown(diff.join("diff.md")),
            &[
                "# 变化：before → after",
                "## 2. 实际支出(亿元)",
                "| 区域 | before | after | 变化 | 变化 % |",
                "加权平均：before 中",
            ][..],
        ),
        (
            "comparison.md",
            markdown(batch.join("comparison.md")),
            &[
                "# 情景比较：demo — scenarios.toml",
                "| 情景 | 求解状态 |",
                "| base | 最优 |",
                "### base：实例文件所描述的原样",
                "### budget_cut：中文标题",
                "中文理由",
                "新确定的牵头地：无；取消的牵头地：chip@east。",
            ][..],
        ),
    ];
    for (what, html, chinese) in &pages {
        let english = english_words(html, &ids);
        assert!(english.is_empty(), "{what}: English left: {english:?}");
        for text in *chinese {
            assert!(html.contains(text), "{what}: {text} missing");
        }
    }
    // The detector itself finds English where there is some.
    assert_eq!(
        english_words("<p>东部 east: Real spending <b>(亿元)</b></p>", &ids),
        ["Real", "spending"]
    );
}

/// With `[horizon_end] value = "penalty"`, report.html shows per item what
/// the plan buys after the horizon — after_horizon.csv's numbers — in
/// English and Chinese; without it the section is absent.
#[test]
fn the_page_shows_what_is_bought_after_the_horizon() {
    let tmp = tempfile::tempdir().unwrap();
    for (lang, heading, column) in [
        (
            "en",
            "Bought after the horizon",
            "bought after the horizon (points)",
        ),
        ("zh", "规划期后购得", "规划期后购得(百分点)"),
    ] {
        let out = tmp.path().join(lang);
        run_ok([
            "solve".as_ref(),
            fixture("horizon_end").as_os_str(),
            "--lang".as_ref(),
            lang.as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ]);
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        let start = html
            .find(r#"<section id="after-horizon">"#)
            .unwrap_or_else(|| panic!("{lang}: no section"));
        let section = &html[start..start + html[start..].find("</section>").unwrap()];
        assert!(
            section.contains(heading) && section.contains(column),
            "{section}"
        );
        assert!(section.contains(r#"data-chart="after-horizon""#));
        let csv = std::fs::read_to_string(out.join("after_horizon.csv")).unwrap();
        let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
        let bought: f64 = row[2].parse().unwrap();
        assert!(bought > 0.1, "the fixture buys after the horizon: {csv}");
        let cells: Vec<f64> = section
            .split(r#"data-v=""#)
            .skip(1)
            .map(|c| c[..c.find('"').unwrap()].parse().unwrap())
            .collect();
        assert!(
            cells.iter().any(|v| (v - bought).abs() < 1e-6),
            "{lang}: {bought} not in {cells:?}"
        );
    }
    let plain = tmp.path().join("plain");
    run_ok([
        "solve".as_ref(),
        demo().as_os_str(),
        "--out".as_ref(),
        plain.as_os_str(),
    ]);
    let html = std::fs::read_to_string(plain.join("report.html")).unwrap();
    assert!(!html.contains(r#"id="after-horizon""#));
    // self_sufficiency.csv gives the count beside the weighted mean (items
    // at or above the default assured_at 0.5), each item row its own flag.
    let table = std::fs::read_to_string(plain.join("self_sufficiency.csv")).unwrap();
    let header = table.lines().next().unwrap();
    assert!(header.ends_with(",model_share,count_assured,count_items,count_share"));
    for line in table.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (realised, assured, items): (f64, usize, usize) = (
            cells[4].parse().unwrap(),
            cells[6].parse().unwrap(),
            cells[7].parse().unwrap(),
        );
        let share: f64 = cells[8].parse().unwrap();
        assert!(
            (share - assured as f64 / items as f64).abs() < 1e-6,
            "{line}"
        );
        if cells[0] == "item" {
            assert_eq!(items, 1, "{line}");
            assert_eq!(assured == 1, realised >= 0.5 - 1e-9, "{line}");
        }
    }
    assert!(
        table.contains("all,all,2024,0.39,0.39,0.39,1,3,"),
        "{table}"
    );
    assert!(
        table.contains("all,all,2026,0.39,0.6,0.6,3,3,1\n"),
        "{table}"
    );
}
