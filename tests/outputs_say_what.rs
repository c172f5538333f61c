//! Outputs that say what they are: ranging in the limits' own terms, an
//! exchange rate that cites another year's money says why, sweep.csv gives
//! the parameter in its unit beside the multiplier, every suggested command
//! repeats the run's options, and `relax` writes the reports its docs promise.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{demo, fixture, qiangji, run_ok};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The words of a command line as a POSIX shell splits them: blanks
/// separate words, single quotes keep everything up to the next one.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                in_word = true;
            }
            ' ' if !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                }
                in_word = false;
            }
            _ => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(!quoted, "unbalanced quote in {line}");
    if in_word {
        words.push(word);
    }
    words
}

/// Runs a suggested `qiangji …` command literally (the binary under test in
/// place of `qiangji`).
fn follow(command: &str) -> Output {
    let words = shell_words(command);
    assert_eq!(words[0], "qiangji", "{command}");
    qiangji().args(&words[1..]).output().unwrap()
}

/// `qiangji sensitivity INSTANCE --set …` into a folder under `tmp`.
fn sensitivity(tmp: &Path, instance: &Path, sets: &[&str]) -> PathBuf {
    let out = tmp.join("sensitivity");
    let mut args = vec![
        "sensitivity".to_string(),
        instance.display().to_string(),
        "--out".into(),
        out.display().to_string(),
    ];
    for set in sets {
        args.extend(["--set".to_string(), set.to_string()]);
    }
    run_ok(&args);
    out
}

/// The demo's target core_2026 asks for 60% of components and materials,
/// whose demand-weighted initial share is (40·0.30 + 30·0.50 + 30·0.40)/100
/// = 39%: the solver's row holds 0.60 − 0.39 = 0.21, ranging.csv the level.
#[test]
fn ranging_shows_a_target_level_as_the_instance_writes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sensitivity(tmp.path(), &demo(), &[]);
    let ranging = read(&out.join("ranging.csv"));
    assert!(
        ranging.starts_with("kind,family,keys,year,current,dual_or_value,lower,upper,objective_at_lower,objective_at_upper,unit,solver_rhs\n"),
        "{ranging}"
    );
    let row = ranging
        .lines()
        .find(|l| l.starts_with("rhs,target,target=core_2026,2026,"))
        .unwrap_or_else(|| panic!("no target row:\n{ranging}"));
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!(cells[4], "0.6", "current is the level: {row}");
    assert_eq!(cells[11], "0.21", "the solver's right-hand side: {row}");
    let (lower, upper): (f64, f64) = (cells[6].parse().unwrap(), cells[7].parse().unwrap());
    assert!(
        lower <= 0.6 && 0.6 <= upper && lower > 0.39,
        "the interval is in levels around 0.6: {row}"
    );
    // Resource rows need no offset: their limit is the right-hand side.
    for line in ranging
        .lines()
        .filter(|l| l.starts_with("rhs,central_budget"))
    {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[4], cells[11], "{line}");
    }
}

/// programme_limits: item x (lag 1) of target x_2025 may lose at most 20%
/// of its area's funding a year (CONT). With 0.5 亿元 of central and of each
/// province's budget in 2026, the 2026 budget caps 2025's funding and so
/// 2024's: one more 亿元 of 2026 raises x_2025 most, and the rate says why.
#[test]
fn an_exchange_rate_citing_another_years_money_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sensitivity(
        tmp.path(),
        &fixture("programme_limits"),
        &[
            "central_budget[year=2026]=0.5",
            "provincial_budget[year=2026]=0.5",
        ],
    );
    let why = "2026 money for a 2025 target: continuity links each year's spending to the next (an area's funding may fall by at most 20% a year), so spending more by 2025 keeps spending up through 2026, which 2026's budget pays";
    let rates = read(&out.join("exchange_rates.csv"));
    assert!(
        rates
            .lines()
            .next()
            .unwrap()
            .ends_with(",other_year_links,why_other_year"),
        "{rates}"
    );
    let budget = rates
        .lines()
        .find(|l| l.starts_with("x_2025,x,2025,central_budget,"))
        .unwrap();
    assert!(budget.contains(",2026,"), "best year 2026: {budget}");
    assert!(
        budget.ends_with(&format!(",continuity,\"{why}\"")),
        "{budget}"
    );
    // Talent and platforms grow in every year: no other year to explain.
    let talent = rates.lines().find(|l| l.contains(",talent,")).unwrap();
    assert!(talent.ends_with(",,"), "{talent}");
    let report = read(&out.join("report.md"));
    assert!(report.contains(&format!("- x_2025: {why}.")), "{report}");
    let summary: serde_json::Value =
        serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    let other =
        &summary["exchange_rates"]["groups"][0]["points_per_yi_central_budget"]["other_year"];
    assert_eq!(other["year"], 2026);
    assert_eq!(other["target_year"], 2025);
    assert_eq!(other["links"], serde_json::json!(["continuity"]));
    assert_eq!(other["why"], why);
}

/// Without 2026 money in short supply the best year is the target's own or
/// none, and nothing is explained.
#[test]
fn a_rate_of_the_targets_own_year_carries_no_explanation() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sensitivity(tmp.path(), &demo(), &[]);
    let rates = read(&out.join("exchange_rates.csv"));
    for line in rates.lines().skip(1) {
        assert!(line.ends_with(",,"), "{line}");
    }
    let summary = read(&out.join("summary.json"));
    assert!(!summary.contains("other_year"), "{summary}");
}

fn sweep_rows(args: &[&str]) -> Vec<Vec<String>> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("w");
    let demo_path = demo();
    let mut all = vec!["sweep", demo_path.to_str().unwrap()];
    all.extend_from_slice(args);
    all.extend(["--out", out.to_str().unwrap()]);
    run_ok(&all);
    let csv = read(&out.join("sweep.csv"));
    assert!(
        csv.starts_with("value,value_in_unit,unit,over_selection,status,"),
        "{csv}"
    );
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').take(4).map(str::to_string).collect())
        .collect()
}

/// The demo's central budget is 20 亿元 a year: 2025 and 2026 scaled by
/// 0.5, 1, 1.5 are 20, 40, 60 亿元 in all; a target's level scaled is the
/// level; the demo's gains (0.020, 0.030, 0.025) plus 0.01 average 0.035.
#[test]
fn sweep_csv_gives_the_value_in_the_parameters_unit_beside_the_multiplier() {
    let rows = sweep_rows(&[
        "--param",
        "central_budget[from=2025]",
        "--op",
        "scale",
        "--from",
        "0.5",
        "--to",
        "1.5",
        "--steps",
        "3",
    ]);
    let expected = [["0.5", "20"], ["1", "40"], ["1.5", "60"]];
    for (row, [value, in_unit]) in rows.iter().zip(expected) {
        assert_eq!(row, &[value, in_unit, "亿元/yr", "sum over 2"]);
    }
    let rows = sweep_rows(&[
        "--param",
        "target_level[target=core_2026]",
        "--op",
        "scale",
        "--from",
        "0.9",
        "--to",
        "1.1",
        "--steps",
        "3",
    ]);
    let levels: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(levels, ["0.54", "0.6", "0.66"]);
    assert!(rows.iter().all(|r| r[2] == "share" && r[3] == "one value"));
    let rows = sweep_rows(&[
        "--param", "gain", "--op", "add", "--from", "0", "--to", "0.01", "--steps", "2",
    ]);
    assert_eq!(
        rows[0][1..],
        ["0.025", "share per effort unit", "mean over 3"]
    );
    assert_eq!(rows[1][1], "0.035");
}

/// With central budgets cut to 2 亿元 a year (`--set`) the demo cannot meet
/// core_2026 at 80% with hard targets; the base instance can. The relax
/// command infeasibility.md and the printed summary suggest repeats the
/// `--set`s, so following it finds the change, not "feasible as it is".
#[test]
fn a_suggested_relax_command_reproduces_the_run_it_comes_from() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("hard");
    let demo_path = demo();
    let solve = qiangji()
        .args([
            "solve",
            demo_path.to_str().unwrap(),
            "--hard-targets",
            "--set",
            "central_budget*=0.1",
            "--set",
            "target_level[target=core_2026]=0.8",
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(solve.status.code(), Some(4), "no plan");
    let md = read(&out.join("infeasibility.md"));
    let suggested = md
        .lines()
        .find_map(|l| l.strip_prefix("- `qiangji relax "))
        .map(|rest| format!("qiangji relax {}", &rest[..rest.find('`').unwrap()]))
        .unwrap_or_else(|| panic!("no relax suggestion:\n{md}"));
    assert_eq!(
        suggested,
        format!(
            "qiangji relax {} --set 'central_budget*=0.1' --set 'target_level[target=core_2026]=0.8' --by budget",
            demo_path.display()
        )
    );
    // The printed summary suggests the same command.
    assert!(
        stdout(&solve).contains(&format!("  try                {suggested}\n")),
        "{}",
        stdout(&solve)
    );
    // Followed literally, it finds the conflict of this run …
    let followed = follow(&suggested);
    let text = stdout(&followed);
    assert_eq!(followed.status.code(), Some(0), "{text}");
    assert!(!text.contains("feasible as it is"), "{text}");
    assert!(
        text.contains("central budget 2024          +8.666667 亿元 (2 → 10.666667 亿元)"),
        "{text}"
    );
    // … which the base instance does not have.
    let base = follow(&format!(
        "qiangji relax {} --by budget",
        demo_path.display()
    ));
    assert!(
        stdout(&base).contains("feasible as it is"),
        "{}",
        stdout(&base)
    );
    // The check it names reads the same variant.
    let check = md
        .lines()
        .find_map(|l| l.strip_prefix("## What `"))
        .map(|rest| rest[..rest.find('`').unwrap()].to_string())
        .unwrap();
    assert!(check.ends_with("--hard-targets"), "{check}");
    let checked = follow(&check);
    assert!(
        stdout(&checked).contains("variant `base+set`"),
        "{}",
        stdout(&checked)
    );
}

/// A run explained only in part suggests `qiangji sensitivity` with its own
/// options and a folder beside its own.
#[test]
fn a_suggested_sensitivity_command_repeats_the_runs_options() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("quick");
    let demo_path = demo();
    let solve = run_ok([
        "solve",
        demo_path.to_str().unwrap(),
        "--relax",
        "--set",
        "central_budget*=0.9",
        "--no-explain",
        "--out",
        out.to_str().unwrap(),
    ]);
    let expected = format!(
        "qiangji sensitivity {} --set 'central_budget*=0.9' --relax --out {}-sensitivity",
        demo_path.display(),
        out.display()
    );
    let report = read(&out.join("report.md"));
    assert!(
        report.contains(&format!("`{expected}` measures every marginal value")),
        "{report}"
    );
    assert!(stdout(&solve).contains(&format!("(--no-explain; {expected} measures them)")));
    let followed = follow(&expected);
    assert!(
        followed.status.success(),
        "{}",
        String::from_utf8_lossy(&followed.stderr)
    );
    let sensitivity = tmp.path().join("quick-sensitivity");
    assert!(sensitivity.join("ranging.csv").is_file());
    let summary = read(&sensitivity.join("summary.json"));
    assert!(summary.contains("central_budget*=0.9"), "the same variant");
}

/// `relax --out` writes report.html (and report.md) through the report
/// layer, as docs/sensitivity.md says, and obeys --report and --lang.
#[test]
fn relax_writes_the_reports_its_docs_promise() {
    let tmp = tempfile::tempdir().unwrap();
    let demo_path = demo();
    let relax = |name: &str, extra: &[&str]| {
        let out = tmp.path().join(name);
        let mut args = vec![
            "relax".to_string(),
            demo_path.display().to_string(),
            "--set".into(),
            "central_budget*=0.1".into(),
            "--set".into(),
            "target_level[target=core_2026]=0.8".into(),
            "--out".into(),
            out.display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        run_ok(&args);
        out
    };
    let both = relax("both", &[]);
    assert_eq!(
        common::entries(&both),
        [
            ".qiangji-output.json",
            "relaxation.csv",
            "report.html",
            "report.md",
            "summary.json"
        ]
    );
    let html = read(&both.join("report.html"));
    assert!(html.contains("Smallest change for a plan with every target met: demo"));
    assert!(
        html.contains("central budget 2024"),
        "every limit moved is listed"
    );
    assert!(
        html.contains("10.7"),
        "the budget needed in 2024 (10.67 亿元)"
    );
    assert!(html.contains("passed the independent check"));
    assert!(read(&both.join("report.md")).contains("+8.666667 亿元"));
    let md_only = relax("md", &["--report", "md"]);
    assert_eq!(
        common::entries(&md_only),
        [
            ".qiangji-output.json",
            "relaxation.csv",
            "report.md",
            "summary.json"
        ]
    );
    let zh = relax("zh", &["--report", "html", "--lang", "zh"]);
    assert_eq!(
        common::entries(&zh),
        [
            ".qiangji-output.json",
            "relaxation.csv",
            "report.html",
            "summary.json"
        ]
    );
    let html = read(&zh.join("report.html"));
    assert!(html.contains("使全部目标可达的最小调整"), "{html}");
    assert!(html.contains("追加中央预算"));
}
