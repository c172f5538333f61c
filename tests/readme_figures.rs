//! The figures README.md and instances/china-2025/README.md quote between
//! their generated markers (`<!-- generated: NAME (scripts/docs.sh) -->` …
//! `<!-- end generated: NAME -->`, written by `scripts/docs.sh`) against a
//! fresh solve of the demo and of the national instance: the MIP as
//! `scripts/run.sh` solves it, without the marginal values (`--no-explain`),
//! which change none of the figures compared here. About 15 s on a quiet
//! 2-core machine.
//!
//! Compared: the demo's printed summary and allocation rows; the national
//! plan's size, objective and its parts, real spending, every milestone
//! target, the stranglehold floors, lead sites, platforms, training and the
//! province-years where talent binds; and the `base` row of both scenario
//! tables (the batch's base case is this solve). Not compared: timings, the
//! demo's largest check violation (rounding noise), the marginal values, and
//! the other scenario rows (each a solve of its own: `scripts/docs.sh --only
//! scenarios` regenerates them).
//!
//! Tolerance: a quoted number must equal the fresh one rounded to the digits
//! it is printed with (half a unit in its last printed digit). Objective
//! values — the objective, discounted spending and the shortfall penalty —
//! may differ by a further 1e-4 of the objective, the default relative MIP
//! gap: the most two plans that both satisfy it can differ. How real
//! spending splits between central and provincial money, and how much of it
//! takes effect after the horizon, may differ by a further 0.1% of real
//! spending: plans of the same objective can split the same money
//! differently (the LP is degenerate there), and on a busy machine the
//! structured MIP start cuts its lead-site search short and can end on
//! another of them (two runs of the same build gave central 6,345 and
//! 6,341亿元 of 9,685 with equal objectives). A MIP gap is only required to be
//! within 1e-4 on both sides.
//!
//! When this fails: `scripts/docs.sh --only first-solve,scenarios`, then
//! commit the rewritten blocks.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// The default relative MIP gap of `qiangji solve`.
const MIP_GAP: f64 = 1e-4;

/// How far, as a share of real spending, equal-objective plans may split
/// spending differently (see the module comment).
const SPLIT_SHARE: f64 = 1e-3;

/// The body of the generated block `name` of `text`; an error unless exactly
/// one such block exists.
fn block<'a>(text: &'a str, name: &str) -> Result<&'a str, String> {
    let begin = format!("<!-- generated: {name} (scripts/docs.sh) -->");
    let end = format!("<!-- end generated: {name} -->");
    let starts: Vec<usize> = text.match_indices(&begin).map(|(i, _)| i).collect();
    if starts.len() != 1 {
        return Err(format!(
            "expected one block `{begin}`, found {}",
            starts.len()
        ));
    }
    let from = starts[0] + begin.len();
    let to = text[from..]
        .find(&end)
        .ok_or_else(|| format!("block `{name}` has no `{end}`"))?;
    Ok(&text[from..from + to])
}

/// A number as printed: its value, and half a unit in its last digit.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Printed {
    value: f64,
    half_unit: f64,
}

/// Reads `9,695`, `49.5%`, `-995`, `0.0098%`, `1.11e-16`; the percent sign
/// is dropped (the value stays in points).
fn printed(token: &str) -> Result<Printed, String> {
    let t = token.trim().trim_end_matches('%').replace(',', "");
    let t = t.replace('−', "-");
    let value: f64 = t
        .parse()
        .map_err(|_| format!("`{token}` is not a number"))?;
    let mantissa = t.split(['e', 'E']).next().unwrap_or("");
    let exponent: i32 = t
        .split_once(['e', 'E'])
        .map_or(Ok(0), |(_, e)| e.parse())
        .map_err(|_| format!("`{token}` is not a number"))?;
    let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    Ok(Printed {
        value,
        half_unit: 0.5 * 10f64.powi(exponent - decimals),
    })
}

/// Splits a line into its text with every number replaced by `#`, and the
/// numbers in order. A number starts with a digit (or a sign before one) not
/// preceded by a letter, `_` or digit, so that `core_2026` and `2025–26` read
/// as text and a year.
fn skeleton(line: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = line.chars().collect();
    let mut text = String::new();
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let prev_is_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        let signed = (chars[i] == '-' || chars[i] == '+')
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        if !prev_is_word && (chars[i].is_ascii_digit() || signed) {
            let start = i;
            let digit_at = |j: usize| chars.get(j).is_some_and(|c| c.is_ascii_digit());
            let mut seen_point = false;
            i += 1;
            while i < chars.len() {
                let c = chars[i];
                let exponent_sign = (c == '-' || c == '+') && matches!(chars[i - 1], 'e' | 'E');
                // A comma groups thousands (`9,695`) only before exactly three
                // digits and never after the decimal point; `3.8,1.9` is two numbers.
                let thousands =
                    c == ',' && !seen_point && (1..=3).all(|k| digit_at(i + k)) && !digit_at(i + 4);
                if c == '.' && digit_at(i + 1) {
                    seen_point = true;
                }
                if c.is_ascii_digit()
                    || (c == '.' && digit_at(i + 1))
                    || thousands
                    || ((c == 'e' || c == 'E')
                        && chars
                            .get(i + 1)
                            .is_some_and(|c| c.is_ascii_digit() || *c == '-' || *c == '+'))
                    || exponent_sign
                {
                    i += 1;
                } else {
                    break;
                }
            }
            numbers.push(chars[start..i].iter().collect());
            text.push('#');
        } else {
            text.push(chars[i]);
            i += 1;
        }
    }
    (text, numbers)
}

/// One quoted figure against its fresh value.
#[derive(Debug)]
struct Figure {
    what: String,
    quoted: String,
    fresh: f64,
    /// Allowed difference beyond the printed rounding.
    slack: f64,
}

impl Figure {
    fn new(what: impl Into<String>, quoted: impl Into<String>, fresh: f64) -> Figure {
        Figure {
            what: what.into(),
            quoted: quoted.into(),
            fresh,
            slack: 0.0,
        }
    }

    fn with_slack(mut self, slack: f64) -> Figure {
        self.slack = slack;
        self
    }

    /// None when the quoted number stands for the fresh one; else why not.
    fn mismatch(&self) -> Option<String> {
        match printed(&self.quoted) {
            Err(e) => Some(format!("{}: {e}", self.what)),
            Ok(p) => {
                let allowed = p.half_unit + self.slack + 1e-9 * self.fresh.abs().max(1.0);
                ((p.value - self.fresh).abs() > allowed).then(|| {
                    format!(
                        "{}: the README says {}, a fresh solve gives {} (allowed ±{})",
                        self.what, self.quoted, self.fresh, allowed
                    )
                })
            }
        }
    }
}

/// Every mismatch of `figures`, one line each.
fn mismatches(figures: &[Figure]) -> Vec<String> {
    figures.iter().filter_map(Figure::mismatch).collect()
}

/// Quoted lines against fresh lines of the same text: each line's words
/// must be equal and its numbers must match at the quoted rounding. `skip`
/// names (line, number index) pairs not to compare.
fn lines_against(
    what: &str,
    quoted: &[&str],
    fresh: &[&str],
    skip: impl Fn(&str, usize) -> bool,
) -> Result<Vec<Figure>, String> {
    if quoted.len() != fresh.len() {
        return Err(format!(
            "{what}: the README shows {} lines, a fresh run prints {}",
            quoted.len(),
            fresh.len()
        ));
    }
    let mut figures = Vec::new();
    for (q, f) in quoted.iter().zip(fresh) {
        let (qt, qn) = skeleton(q);
        let (ft, fnum) = skeleton(f);
        if qt != ft || qn.len() != fnum.len() {
            return Err(format!(
                "{what}: the README shows\n    {q}\na fresh run prints\n    {f}"
            ));
        }
        for (k, (qv, fv)) in qn.iter().zip(&fnum).enumerate() {
            if skip(q, k) {
                continue;
            }
            figures.push(Figure::new(
                format!("{what}: `{}`", q.trim()),
                qv.clone(),
                printed(fv)?.value,
            ));
        }
    }
    Ok(figures)
}

/// Text with every run of white space made one space (the generated prose
/// is wrapped).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number token right before `suffix` (e.g. `16,428` before ` columns`).
fn number_before(text: &str, suffix: &str) -> Result<String, String> {
    let at = text
        .find(suffix)
        .ok_or_else(|| format!("`{suffix}` not found"))?;
    let (_, numbers) = skeleton(&text[..at]);
    let head = text[..at].trim_end();
    numbers
        .last()
        .filter(|n| head.ends_with(n.as_str()) || head.ends_with(&format!("{n}%")))
        .cloned()
        .ok_or_else(|| format!("no number right before `{suffix}`"))
}

/// The number token right after `prefix` (e.g. `9,685` after `real spending `).
fn number_after(text: &str, prefix: &str) -> Result<String, String> {
    let at = text
        .find(prefix)
        .ok_or_else(|| format!("`{prefix}` not found"))?
        + prefix.len();
    let (_, numbers) = skeleton(&text[at..]);
    numbers
        .first()
        .filter(|n| text[at..].trim_start().starts_with(n.as_str()))
        .cloned()
        .ok_or_else(|| format!("no number right after `{prefix}`"))
}

/// The cells of a Markdown table line.
fn cells(line: &str) -> Vec<&str> {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect()
}

/// The cells of the first table row whose first cell passes `first`.
fn table_row_where(table: &str, first: impl Fn(&str) -> bool) -> Option<Vec<&str>> {
    table
        .lines()
        .filter(|l| l.trim_start().starts_with('|'))
        .map(cells)
        .find(|row| row.first().is_some_and(|c| first(c)))
}

/// The cells of the table row whose first cell is `first`.
fn table_row<'a>(table: &'a str, first: &str) -> Result<Vec<&'a str>, String> {
    table_row_where(table, |c| c == first).ok_or_else(|| format!("no table row `{first}`"))
}

/// The header cells of the first table of `text`.
fn table_header(text: &str) -> Result<Vec<&str>, String> {
    text.lines()
        .find(|l| l.trim_start().starts_with('|'))
        .map(cells)
        .ok_or_else(|| "no table".to_string())
}

/// A fresh plan's figures, by meaning.
struct Fresh {
    objective: f64,
    discounted: f64,
    penalty: f64,
    spend_total: f64,
    spend_central: f64,
    spend_provincial: f64,
    after_horizon: f64,
    mip_gap: f64,
    size: BTreeMap<&'static str, f64>,
    /// id → (required, realised, shortfall, year), shares.
    targets: BTreeMap<String, (f64, f64, f64, f64)>,
    lead_sites: f64,
    platforms: f64,
    training_yi: f64,
    talent_binding: f64,
    talent_provinces: f64,
}

fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn num(row: &BTreeMap<String, String>, field: &str) -> f64 {
    row[field].parse().unwrap()
}

impl Fresh {
    fn read(out: &Path) -> Fresh {
        let s: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap())
                .unwrap();
        let f = |v: &serde_json::Value| v.as_f64().unwrap();
        let mut size = BTreeMap::new();
        for key in ["columns", "integers", "rows", "nonzeros"] {
            size.insert(key, f(&s["size"][key]));
        }
        let targets = s["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["id"].as_str().unwrap().to_string(),
                    (
                        f(&t["level"]),
                        f(&t["achieved_realised"]),
                        f(&t["shortfall"]),
                        f(&t["year"]),
                    ),
                )
            })
            .collect();
        let training = read_csv(&out.join("training.csv"));
        let binding: Vec<_> = training
            .iter()
            .filter(|r| {
                num(r, "talent_used_kfte") > 0.0
                    && num(r, "talent_available_kfte") - num(r, "talent_used_kfte") < 1e-6
            })
            .collect();
        let provinces: std::collections::BTreeSet<&String> =
            binding.iter().map(|r| &r["province"]).collect();
        Fresh {
            objective: f(&s["objective"]),
            discounted: f(&s["objective_terms"]["discounted_spend_yi"]),
            penalty: f(&s["objective_terms"]["shortfall_penalty_yi"]),
            spend_total: f(&s["spend_yi"]["total"]),
            spend_central: f(&s["spend_yi"]["central"]),
            spend_provincial: f(&s["spend_yi"]["provincial"]),
            after_horizon: f(&s["spend_yi"]["effect_after_horizon"]["total"]),
            mip_gap: s["mip"]["gap"].as_f64().unwrap_or(0.0),
            size,
            targets,
            lead_sites: read_csv(&out.join("sites.csv"))
                .iter()
                .filter(|r| matches!(r["designated"].as_str(), "1" | "true"))
                .count() as f64,
            platforms: read_csv(&out.join("platforms.csv"))
                .iter()
                .map(|r| num(r, "new_platforms"))
                .sum(),
            training_yi: training.iter().map(|r| num(r, "training_yi")).sum(),
            talent_binding: binding.len() as f64,
            talent_provinces: provinces.len() as f64,
        }
    }

    /// Slack for objective values: the MIP gap's worth of the objective.
    fn gap_slack(&self) -> f64 {
        MIP_GAP * self.objective.abs()
    }

    /// Slack for how spending splits (central, provincial, after the
    /// horizon): equal-objective plans differ there.
    fn split_slack(&self) -> f64 {
        SPLIT_SHARE * self.spend_total
    }
}

/// The figures of the instance README's "First solve" block.
fn first_solve_figures(block: &str, fresh: &Fresh) -> Result<Vec<Figure>, String> {
    let text = flat(block);
    let before = |suffix: &str| number_before(&text, suffix);
    let after = |prefix: &str| number_after(&text, prefix);
    let (gap, split) = (fresh.gap_slack(), fresh.split_slack());
    // (what, the quoted number found by its words, the fresh value, slack)
    let quoted = [
        ("columns", before(" columns"), fresh.size["columns"], 0.0),
        ("integers", before(" integer)"), fresh.size["integers"], 0.0),
        ("rows", before(" rows"), fresh.size["rows"], 0.0),
        ("nonzeros", before(" nonzeros"), fresh.size["nonzeros"], 0.0),
        ("objective", after("Objective "), fresh.objective, gap),
        (
            "discounted spending",
            after("discounted spending "),
            fresh.discounted,
            gap,
        ),
        (
            "shortfall penalty",
            after("shortfall penalty "),
            fresh.penalty,
            gap,
        ),
        (
            "real spending",
            after("real spending "),
            fresh.spend_total,
            0.0,
        ),
        (
            "central spending",
            after("(central "),
            fresh.spend_central,
            split,
        ),
        (
            "provincial spending",
            after(", provincial "),
            fresh.spend_provincial,
            split,
        ),
        (
            "spending whose effect falls after the horizon",
            before("亿元 takes effect after the horizon"),
            fresh.after_horizon,
            split,
        ),
        ("lead sites", before(" lead sites"), fresh.lead_sites, 0.0),
        ("new platforms", before(" platforms."), fresh.platforms, 0.0),
        (
            "training",
            before("亿元 of training"),
            fresh.training_yi,
            0.0,
        ),
        (
            "province-years where talent binds",
            before(" province-years"),
            fresh.talent_binding,
            0.0,
        ),
        (
            "provinces where talent binds",
            after(" province-years across "),
            fresh.talent_provinces,
            0.0,
        ),
    ];
    let mut figures = Vec::new();
    for (what, number, value, slack) in quoted {
        figures.push(
            Figure::new(what, number.map_err(|e| format!("{what}: {e}"))?, value).with_slack(slack),
        );
    }
    let quoted_gap = printed(&number_after(&text, "MIP gap ")?)?;
    if quoted_gap.value > 100.0 * MIP_GAP + quoted_gap.half_unit || fresh.mip_gap > MIP_GAP {
        return Err(format!(
            "MIP gap: quoted {}%, fresh {}: both must be within {MIP_GAP}",
            quoted_gap.value, fresh.mip_gap
        ));
    }
    let floors: Vec<_> = fresh
        .targets
        .iter()
        .filter(|(id, _)| id.starts_with("floor_"))
        .collect();
    for (id, (required, realised, shortfall, _)) in &fresh.targets {
        if id.starts_with("floor_") {
            continue;
        }
        let row = table_row(block, id)?;
        if row.len() != 4 {
            return Err(format!("target row `{id}`: expected 4 cells, got {row:?}"));
        }
        figures.push(Figure::new(
            format!("{id} required"),
            row[1],
            100.0 * required,
        ));
        figures.push(Figure::new(format!("{id} plan"), row[2], 100.0 * realised));
        let quoted_short = row[3].trim_end_matches(" points");
        let quoted_short = if quoted_short == "–" {
            "0"
        } else {
            quoted_short
        };
        figures.push(
            Figure::new(format!("{id} shortfall"), quoted_short, 100.0 * shortfall)
                .with_slack(if row[3] == "–" { 1e-4 } else { 0.0 }),
        );
    }
    if !floors.is_empty() {
        let label = format!("{} stranglehold floors", floors.len());
        let row = table_row_where(block, |c| c.starts_with(&label))
            .ok_or_else(|| format!("no row for the {label} (the count of floors changed?)"))?;
        let missed = floors.iter().filter(|(_, t)| t.2 > 1e-6).count();
        let says_all_met = row.contains(&"all met");
        if says_all_met != (missed == 0) {
            return Err(format!(
                "floors: the README says {row:?}, a fresh solve misses {missed}"
            ));
        }
    }
    Ok(figures)
}

/// The figures of the `base` row of a scenario table: real spending
/// (central), the penalty, and each target column the header names.
fn scenario_base_figures(what: &str, table: &str, fresh: &Fresh) -> Result<Vec<Figure>, String> {
    let header = table_header(table)?;
    let row = table_row(table, "`base`")?;
    if row.len() != header.len() {
        return Err(format!(
            "{what}: base row {row:?} against header {header:?}"
        ));
    }
    let mut figures = Vec::new();
    for (h, cell) in header.iter().zip(&row) {
        if h.starts_with("real spending") {
            let (total, central) = cell
                .split_once(" (")
                .ok_or_else(|| format!("{what}: spending cell `{cell}`"))?;
            figures.push(Figure::new(
                format!("{what}: base spending"),
                total,
                fresh.spend_total,
            ));
            figures.push(
                Figure::new(
                    format!("{what}: base central spending"),
                    central.trim_end_matches(')'),
                    fresh.spend_central,
                )
                .with_slack(fresh.split_slack()),
            );
        } else if h.starts_with("shortfall penalty") {
            figures.push(
                Figure::new(format!("{what}: base penalty"), *cell, fresh.penalty)
                    .with_slack(fresh.gap_slack()),
            );
        } else if let Some(id) = h
            .split_whitespace()
            .next()
            .filter(|id| fresh.targets.contains_key(*id))
        {
            let share = cell.split_whitespace().next().unwrap_or("");
            figures.push(Figure::new(
                format!("{what}: base {id}"),
                share,
                100.0 * fresh.targets[id].1,
            ));
        }
    }
    if figures.len() < 4 {
        return Err(format!("{what}: too few figures in the base row {row:?}"));
    }
    Ok(figures)
}

fn solve_to(args: &[&str], out: &Path) -> String {
    let mut all: Vec<&str> = vec!["solve"];
    all.extend_from_slice(args);
    all.extend(["--out", out.to_str().unwrap()]);
    let output = qiangji().args(&all).output().unwrap();
    assert!(
        output.status.success(),
        "qiangji {all:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn readme_figures_match_a_fresh_solve() {
    let dir = tempfile::tempdir().unwrap();
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let instance_readme =
        std::fs::read_to_string(repo().join("instances/china-2025/README.md")).unwrap();
    let mut problems = Vec::new();
    let mut figures = Vec::new();
    let mut collect = |r: Result<Vec<Figure>, String>| match r {
        Ok(f) => figures.extend(f),
        Err(e) => problems.push(e),
    };

    // The demo, as README.md shows it.
    let demo_out = dir.path().join("demo");
    let printed_summary = solve_to(&["instances/demo"], &demo_out);
    let fresh_lines: Vec<&str> = printed_summary.lines().collect();
    collect(block(&readme, "demo-summary").and_then(|b| {
        let quoted: Vec<&str> = b
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with("```"))
            .collect();
        // The folder, the check's rounding noise and the time are not figures of the plan.
        let keep = |l: &&str| !l.trim_start().starts_with("outputs");
        let quoted: Vec<&str> = quoted.into_iter().filter(keep).collect();
        let fresh: Vec<&str> = fresh_lines.iter().copied().filter(keep).collect();
        lines_against("demo summary", &quoted, &fresh, |line, k| {
            let line = line.trim();
            line.starts_with("check")
                || (line.starts_with("marginal values")
                    && line.ends_with(" s)")
                    && k + 1 == skeleton(line).1.len())
        })
    }));
    let allocation = std::fs::read_to_string(demo_out.join("allocation.csv")).unwrap();
    collect(block(&readme, "demo-allocation").and_then(|b| {
        let quoted: Vec<&str> = b
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with("```"))
            .collect();
        let fresh: Vec<&str> = allocation.lines().take(quoted.len()).collect();
        lines_against("demo allocation.csv", &quoted, &fresh, |_, _| false)
    }));

    // The national plan.
    let national_out = dir.path().join("china-2025");
    solve_to(
        &["instances/china-2025", "--no-explain", "--report", "none"],
        &national_out,
    );
    let fresh = Fresh::read(&national_out);
    collect(block(&instance_readme, "first-solve").and_then(|b| first_solve_figures(b, &fresh)));
    collect(block(&readme, "core-2025-plan").map(|b| {
        vec![Figure::new(
            "README: core_2025 reached",
            b.trim(),
            100.0 * fresh.targets["core_2025"].1,
        )]
    }));
    collect(
        block(&readme, "scenarios")
            .and_then(|b| scenario_base_figures("README scenarios", b, &fresh)),
    );
    collect(
        block(&instance_readme, "scenarios")
            .and_then(|b| scenario_base_figures("instance README scenarios", b, &fresh)),
    );

    problems.extend(mismatches(&figures));
    assert!(
        problems.is_empty(),
        "{} of the READMEs' figures differ from a fresh solve; run \
         `scripts/docs.sh --only first-solve,scenarios` and commit the blocks:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
    assert!(
        figures.len() >= 40,
        "only {} figures compared",
        figures.len()
    );
}

#[test]
fn printed_numbers_carry_their_rounding() {
    assert_eq!(
        printed("9,695").unwrap(),
        Printed {
            value: 9695.0,
            half_unit: 0.5
        }
    );
    let p = printed("49.5%").unwrap();
    assert!((p.value - 49.5).abs() < 1e-12 && (p.half_unit - 0.05).abs() < 1e-12);
    let p = printed("1.11e-16").unwrap();
    assert!((p.half_unit - 0.5e-18).abs() < 1e-30);
    assert_eq!(printed("-995").unwrap().value, -995.0);
    assert!(printed("n/a").is_err());
}

#[test]
fn a_changed_number_is_caught_and_rounding_is_not() {
    // The drift that prompted these docs: base spending 9,695 quoted, 9,684.83 fresh.
    assert!(Figure::new("base spending", "9,695", 9684.83)
        .mismatch()
        .is_some());
    assert!(Figure::new("base spending", "9,685", 9684.83)
        .mismatch()
        .is_none());
    assert!(Figure::new("core_2030", "49.5%", 49.6).mismatch().is_some());
    assert!(Figure::new("core_2030", "49.6%", 49.58)
        .mismatch()
        .is_none());
    // Objective values may move within the MIP gap, no further.
    let penalty = |q: &str| Figure::new("penalty", q, 80_832.23).with_slack(1e-4 * 89_238.7);
    assert!(penalty("80,829").mismatch().is_none());
    assert!(penalty("80,800").mismatch().is_some());
}

#[test]
fn blocks_are_found_once_and_their_numbers_compared_line_by_line() {
    let doc = "a\n<!-- generated: x (scripts/docs.sh) -->\nobjective 14.881199 亿元\n\
               target core_2026 2026 60.0% required\n<!-- end generated: x -->\n";
    let body = block(doc, "x").unwrap();
    let quoted: Vec<&str> = body.lines().filter(|l| !l.is_empty()).collect();
    let fresh = [
        "objective 14.881199 亿元",
        "target core_2026 2026 60.0% required",
    ];
    let figures = lines_against("t", &quoted, &fresh, |_, _| false).unwrap();
    assert_eq!(figures.len(), 3, "core_2026 is a name, not a number");
    assert!(mismatches(&figures).is_empty());

    let changed = [
        "objective 14.881299 亿元",
        "target core_2026 2026 60.0% required",
    ];
    let figures = lines_against("t", &quoted, &changed, |_, _| false).unwrap();
    assert_eq!(mismatches(&figures).len(), 1, "{figures:?}");

    let reworded = [
        "objective 14.881199 万元",
        "target core_2026 2026 60.0% required",
    ];
    assert!(lines_against("t", &quoted, &reworded, |_, _| false).is_err());

    assert!(block(doc, "y").is_err(), "a missing block is an error");
    let twice = format!("{doc}{doc}");
    assert!(block(&twice, "x").is_err(), "a repeated block is an error");
}

#[test]
fn first_solve_figures_are_read_by_their_words() {
    let (_, numbers) = skeleton("2025,alloy,3.846154,1.923077,0,9,695 and 1,923.5");
    assert_eq!(
        numbers,
        ["2025", "3.846154", "1.923077", "0", "9,695", "1,923.5"]
    );
    let text = "Objective 89,239亿元 = discounted spending 8,406亿元 + shortfall penalty \
                80,832亿元 (not money); real spending 9,685亿元 over 2022–2035 (central 6,345, \
                provincial 3,340); 16,428 columns (2,236 integer), talent in 160 province-years";
    assert_eq!(number_after(text, "Objective ").unwrap(), "89,239");
    assert_eq!(number_after(text, "real spending ").unwrap(), "9,685");
    assert_eq!(number_after(text, "(central ").unwrap(), "6,345");
    assert_eq!(number_before(text, " columns").unwrap(), "16,428");
    assert_eq!(number_before(text, " integer)").unwrap(), "2,236");
    assert_eq!(number_before(text, " province-years").unwrap(), "160");
    assert!(number_before(text, " sites").is_err());
    assert!(
        number_after(text, "over 2022–2035 (").is_err(),
        "a word, not a number, follows"
    );
}
