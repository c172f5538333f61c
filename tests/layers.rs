//! The layering of docs/architecture.md, checked against the code: every
//! `crate::<layer>` path in `src/` must be one the table allows, every
//! top-level module must have a row, and only `src/solve/` may name HiGHS.
//! Also: the constraint files and sections docs/model.md names exist.
//!
//! The rules of reading (what counts as an import, which test code is
//! skipped) are written out in docs/architecture.md, "How the test reads
//! the code".

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The command's layer: `src/main.rs` and `src/cli/`, no module of `src/lib.rs`.
const BINARY_LAYER: &str = "cli";

/// The layer that may name `highs` and `highs_sys`.
const SOLVER_LAYER: &str = "solve";

/// One row of the table of docs/architecture.md.
#[derive(Debug)]
struct Layer {
    /// Every layer may import it.
    foundation: bool,
    /// `*`: this layer may import any layer.
    imports_any: bool,
    may_import: BTreeSet<String>,
}

type Table = BTreeMap<String, Layer>;

/// A source file, by its path from the repository root (`src/plan.rs`).
struct Source {
    path: String,
    text: String,
}

/// An import of one layer by another, where it is written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    path: String,
    line: usize,
    from: String,
    to: String,
}

// ---------------------------------------------------------------- the table

/// The text between backticks in `cell`.
fn backticked(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// Reads the table whose header starts `| Layer |`: the layer is the first
/// backticked name of the first cell ("(foundation)" there marks a
/// foundation), the layers it may import are the backticked names of the
/// third cell.
fn parse_table(markdown: &str) -> Table {
    let mut lines = markdown
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("| Layer |"));
    assert!(
        lines.next().is_some(),
        "docs/architecture.md has no table with a header `| Layer | … |`"
    );
    let mut table = Table::new();
    for row in lines
        .skip(1)
        .take_while(|l| l.trim_start().starts_with('|'))
    {
        let cells: Vec<&str> = row.trim().trim_matches('|').split('|').collect();
        assert!(
            cells.len() == 3,
            "docs/architecture.md: a layer row needs 3 cells (layer, owns, may import): {row}"
        );
        let name = backticked(cells[0])
            .first()
            .unwrap_or_else(|| panic!("docs/architecture.md: no `layer` in the row {row}"))
            .to_string();
        let imports = backticked(cells[2]);
        let layer = Layer {
            foundation: cells[0].contains("foundation"),
            imports_any: imports.contains(&"*"),
            may_import: imports
                .iter()
                .filter(|l| **l != "*")
                .map(|l| l.to_string())
                .collect(),
        };
        assert!(
            table.insert(name.clone(), layer).is_none(),
            "docs/architecture.md: layer `{name}` has two rows"
        );
    }
    assert!(
        !table.is_empty(),
        "docs/architecture.md: the layer table has no rows"
    );
    table
}

/// Whether the table lets `from` import `to`.
fn allowed(table: &Table, from: &str, to: &str) -> bool {
    from == to
        || table.get(to).is_some_and(|l| l.foundation)
        || table
            .get(from)
            .is_some_and(|l| l.imports_any || l.may_import.contains(to))
}

// ----------------------------------------------------------- reading source

/// `text` with comments, string literals and character literals blanked
/// (newlines kept, so line numbers hold): doc links and doc examples are
/// not imports.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                let pair = (chars[i], chars.get(i + 1).copied());
                if pair == ('/', Some('*')) {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if pair == ('*', Some('/')) {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if let Some(end) = raw_string_end(&chars, i) {
            for &c in &chars[i..end] {
                out.push(blank(c));
            }
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() {
                match chars[i] {
                    '\\' => {
                        out.push(' ');
                        out.push(chars.get(i + 1).map_or(' ', |&c| blank(c)));
                        i += 2;
                    }
                    '"' => {
                        out.push(' ');
                        i += 1;
                        break;
                    }
                    c => {
                        out.push(blank(c));
                        i += 1;
                    }
                }
            }
        } else if c == '\'' && next == Some('\\') {
            // An escaped character literal: '\n', '\'', '\u{..}'.
            out.push_str("   ");
            i += 3;
            while i < chars.len() && chars[i] != '\'' {
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("   ");
            i += 3;
        } else {
            // Code, or the quote of a lifetime.
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Where the raw string literal (`r"…"`, `r#"…"#`, `br"…"`) starting at
/// `i` ends, if one starts there.
fn raw_string_end(chars: &[char], i: usize) -> Option<usize> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let prefix_ok = match i.checked_sub(1).map(|j| chars[j]) {
        None => true,
        Some('b') => i < 2 || !is_ident(chars[i - 2]),
        Some(c) => !is_ident(c),
    };
    if chars[i] != 'r' || !prefix_ok {
        return None;
    }
    let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
    if chars.get(i + 1 + hashes) != Some(&'"') {
        return None; // `r#ident` or a plain identifier
    }
    let mut j = i + 2 + hashes;
    while j < chars.len() {
        if chars[j] == '"' && chars[j + 1..].iter().take_while(|&&c| c == '#').count() >= hashes {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(chars.len())
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Other,
}

/// The tokens of code (comments and literals already blanked), each with its line.
fn tokens(code: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((Token::Ident(chars[start..i].iter().collect()), line));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push((Token::PathSep, line));
            i += 2;
        } else {
            let token = match c {
                '{' => Token::Open,
                '}' => Token::Close,
                ',' => Token::Comma,
                _ => Token::Other,
            };
            out.push((token, line));
            i += 1;
        }
    }
    out
}

/// The module path of a file: `src/plan.rs` and `src/plan/mod.rs` are
/// `["plan"]`, `src/report/html/page.rs` is `["report", "html", "page"]`,
/// the crate roots `src/lib.rs` and `src/main.rs` are `[]`.
fn module_path(path: &str) -> Vec<String> {
    let inner = path
        .strip_prefix("src/")
        .and_then(|p| p.strip_suffix(".rs"))
        .unwrap_or_else(|| panic!("{path} is not a source file under src/"));
    let mut parts: Vec<String> = inner.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// The layer a file belongs to; `None` for `src/lib.rs`, which only
/// declares the layers.
fn layer_of(path: &str) -> Option<String> {
    if path == "src/main.rs" {
        return Some(BINARY_LAYER.to_string());
    }
    module_path(path).first().cloned()
}

/// The file is in the command, whose crate root is `src/main.rs`.
fn in_binary(path: &str) -> bool {
    layer_of(path).as_deref() == Some(BINARY_LAYER)
}

/// The line index after which `lines` are the unit tests: a line
/// `#[cfg(test)]` whose next non-blank line starts `mod tests`.
fn tests_start(lines: &[&str]) -> Option<usize> {
    (0..lines.len()).find(|&i| {
        lines[i].trim() == "#[cfg(test)]"
            && lines[i + 1..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.trim_start().starts_with("mod tests"))
    })
}

/// Modules declared `#[cfg(test)] mod name;` (their own files are test code).
fn test_only_modules(code: &str) -> Vec<String> {
    let lines: Vec<&str> = code.lines().collect();
    let mut names = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() != "#[cfg(test)]" {
            continue;
        }
        if let Some(name) = lines[i + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| declared_module(l))
        {
            names.push(name);
        }
    }
    names
}

/// `name` of a line `mod name;`, `pub mod name;` or `pub(crate) mod name;`.
fn declared_module(line: &str) -> Option<String> {
    let rest = line.trim();
    let rest = rest
        .strip_prefix("pub(crate) ")
        .or_else(|| rest.strip_prefix("pub "))
        .unwrap_or(rest);
    let name = rest.strip_prefix("mod ")?.strip_suffix(';')?.trim();
    Some(name.to_string())
}

/// The code of a file that is not unit tests, comments blanked.
fn production_code(text: &str) -> String {
    let code = code_only(text);
    let lines: Vec<&str> = code.lines().collect();
    match tests_start(&lines) {
        Some(end) => lines[..end].join("\n"),
        None => code,
    }
}

/// The files that are not test code: not under a `#[cfg(test)] mod name;`.
fn production_sources(sources: &[Source]) -> Vec<&Source> {
    let mut test_modules: BTreeSet<(bool, Vec<String>)> = BTreeSet::new();
    for s in sources {
        let code = code_only(&s.text);
        for name in test_only_modules(&code) {
            let mut path = module_path(&s.path);
            path.push(name);
            test_modules.insert((in_binary(&s.path), path));
        }
    }
    sources
        .iter()
        .filter(|s| {
            let path = module_path(&s.path);
            !test_modules
                .iter()
                .any(|(binary, m)| *binary == in_binary(&s.path) && path.starts_with(m))
        })
        .collect()
}

/// Every layer a file's code names from the crate root: `crate::x`, the
/// top-level names of `crate::{x, y::z}`, `super::…::x` that climbs to the
/// root, and (in the command) `qiangji::x`.
fn imports_of(source: &Source) -> Vec<Import> {
    let Some(from) = layer_of(&source.path) else {
        return Vec::new();
    };
    let depth = module_path(&source.path).len();
    let binary = in_binary(&source.path);
    let toks = tokens(&production_code(&source.text));
    let ident = |i: usize| match toks.get(i) {
        Some((Token::Ident(s), _)) => Some(s.as_str()),
        _ => None,
    };
    let is_sep = |i: usize| matches!(toks.get(i), Some((Token::PathSep, _)));
    let mut found = Vec::new();
    let mut record = |to: &str, line: usize| {
        if to != "self" {
            found.push(Import {
                path: source.path.clone(),
                line,
                from: from.clone(),
                to: to.to_string(),
            });
        }
    };
    let mut i = 0;
    while i < toks.len() {
        let starts_path = i == 0 || !is_sep(i - 1);
        let root_after = match ident(i) {
            Some("crate") if starts_path && is_sep(i + 1) => Some(i + 2),
            Some("qiangji") if starts_path && binary && is_sep(i + 1) => Some(i + 2),
            Some("super") if starts_path && is_sep(i + 1) => {
                let mut j = i;
                let mut climbs = 0;
                while ident(j) == Some("super") && is_sep(j + 1) {
                    climbs += 1;
                    j += 2;
                }
                (climbs >= depth).then_some(j)
            }
            _ => None,
        };
        let Some(at) = root_after else {
            i += 1;
            continue;
        };
        match toks.get(at) {
            Some((Token::Ident(name), line)) => record(name, *line),
            Some((Token::Open, _)) => {
                let (mut depth_in, mut item_start) = (1, true);
                let mut j = at + 1;
                while j < toks.len() && depth_in > 0 {
                    match &toks[j] {
                        (Token::Ident(name), line) if depth_in == 1 && item_start => {
                            record(name, *line);
                            item_start = false;
                        }
                        (Token::Comma, _) if depth_in == 1 => item_start = true,
                        (Token::Open, _) => depth_in += 1,
                        (Token::Close, _) => depth_in -= 1,
                        _ => {}
                    }
                    j += 1;
                }
            }
            _ => {}
        }
        i = at;
    }
    found
}

/// `file:line: <layer> imports <layer>` for every import the table does not allow.
fn forbidden_imports(table: &Table, sources: &[Source]) -> Vec<String> {
    let mut imports: Vec<Import> = production_sources(sources)
        .into_iter()
        .flat_map(imports_of)
        .filter(|imp| !allowed(table, &imp.from, &imp.to))
        .collect();
    imports.sort();
    imports.dedup();
    imports
        .iter()
        .map(|imp| {
            let note = if table.contains_key(&imp.to) {
                ""
            } else {
                " (no row in docs/architecture.md)"
            };
            format!(
                "{}:{}: {} imports {}{note}",
                imp.path, imp.line, imp.from, imp.to
            )
        })
        .collect()
}

/// The top-level modules `src/lib.rs` declares, test-only ones left out.
fn library_modules(lib_rs: &str) -> BTreeSet<String> {
    let code = code_only(lib_rs);
    let test_only = test_only_modules(&code);
    code.lines()
        .filter_map(declared_module)
        .filter(|m| !test_only.contains(m))
        .collect()
}

/// Modules without a row, and rows (other than the command) without a module.
fn table_and_modules_disagree(table: &Table, modules: &BTreeSet<String>) -> Vec<String> {
    let mut problems: Vec<String> = modules
        .iter()
        .filter(|m| !table.contains_key(*m))
        .map(|m| format!("src/lib.rs: module `{m}` has no row in docs/architecture.md"))
        .collect();
    problems.extend(
        table
            .keys()
            .filter(|l| *l != BINARY_LAYER && !modules.contains(*l))
            .map(|l| format!("docs/architecture.md: layer `{l}` is not a module of src/lib.rs")),
    );
    problems
}

/// `file:line` of every `highs` or `highs_sys` path outside the solver layer.
fn highs_outside_solve(sources: &[Source]) -> Vec<String> {
    let mut found = Vec::new();
    for s in production_sources(sources) {
        if layer_of(&s.path).as_deref() == Some(SOLVER_LAYER) {
            continue;
        }
        for (token, line) in tokens(&production_code(&s.text)) {
            if let Token::Ident(name) = token {
                if name == "highs" || name == "highs_sys" {
                    found.push(format!("{}:{line}: names `{name}`", s.path));
                }
            }
        }
    }
    found
}

// ------------------------------------------------------------ docs/model.md

/// The lines of section `## n.` of a Markdown text.
fn section(markdown: &str, n: u32) -> Vec<&str> {
    let heading = format!("## {n}.");
    markdown
        .lines()
        .skip_while(|l| !l.starts_with(&heading))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect()
}

/// The files named by the constraint family headings (`**(X) name**
/// (`file.rs`, …)`) of §5, with `constraints/` taken off.
fn constraint_files_named(model_md: &str) -> Vec<String> {
    // §5 holds the core families, §10 the policy families built on them.
    [5, 10]
        .into_iter()
        .flat_map(|n| section(model_md, n))
        .filter(|l| l.starts_with("**("))
        .flat_map(backticked)
        .filter(|t| t.ends_with(".rs"))
        .map(|t| t.strip_prefix("constraints/").unwrap_or(t).to_string())
        .collect()
}

/// Files named in §5 that are not in `existing`, and files in `existing`
/// (other than `mod.rs`) that §5 does not name.
fn constraint_files_disagree(model_md: &str, existing: &BTreeSet<String>) -> Vec<String> {
    let named = constraint_files_named(model_md);
    let mut problems: Vec<String> = named
        .iter()
        .filter(|f| !existing.contains(*f))
        .map(|f| format!("docs/model.md §5 names {f}, which is not in src/model/constraints/"))
        .collect();
    problems.extend(
        existing
            .iter()
            .filter(|f| *f != "mod.rs" && !named.contains(f))
            .map(|f| {
                format!("src/model/constraints/{f} has no constraint family in docs/model.md §5")
            }),
    );
    problems
}

/// The numbers N of the sections `## N.` of a Markdown text.
fn section_numbers(markdown: &str) -> BTreeSet<u32> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter_map(|l| l.split_once('.'))
        .filter_map(|(n, _)| n.parse().ok())
        .collect()
}

/// The section numbers cited right after `docs/model.md` in `line`:
/// `§7`, `§4–§6` (both ends), `§1, §3`.
fn sections_cited(line: &str) -> Vec<u32> {
    let mut cited = Vec::new();
    for (_, after) in line
        .match_indices("docs/model.md")
        .map(|(i, m)| line.split_at(i + m.len()))
    {
        let mut rest = after.trim_start_matches([',', ' ']);
        while let Some(tail) = rest.strip_prefix('§') {
            let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
            let Ok(n) = digits.parse() else { break };
            cited.push(n);
            rest = tail[digits.len()..].trim_start_matches(['–', '-', ',', ' ']);
        }
    }
    cited
}

/// `file:line` of every citation of a section docs/model.md does not have.
fn missing_sections_cited(model_md: &str, sources: &[Source]) -> Vec<String> {
    let sections = section_numbers(model_md);
    let mut problems = Vec::new();
    for s in sources {
        for (i, line) in s.text.lines().enumerate() {
            for n in sections_cited(line) {
                if !sections.contains(&n) {
                    problems.push(format!(
                        "{}:{}: cites docs/model.md §{n}, which has no section `## {n}.`",
                        s.path,
                        i + 1
                    ));
                }
            }
        }
    }
    problems
}

// ----------------------------------------------------------- the repository

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    fs::read_to_string(root().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Every `src/**/*.rs`, in path order.
fn repository_sources() -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<Source>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(root()).expect("under the root");
                out.push(Source {
                    path: relative.to_string_lossy().replace('\\', "/"),
                    text: fs::read_to_string(&path).expect("readable source"),
                });
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("src"), &mut out);
    out
}

fn fail_listing(what: &str, problems: &[String]) {
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

#[test]
fn every_import_is_one_the_layer_table_allows() {
    let table = parse_table(&read("docs/architecture.md"));
    let problems = forbidden_imports(&table, &repository_sources());
    fail_listing("imports docs/architecture.md does not allow", &problems);
}

#[test]
fn every_module_has_a_row_and_every_row_a_module() {
    let table = parse_table(&read("docs/architecture.md"));
    let problems = table_and_modules_disagree(&table, &library_modules(&read("src/lib.rs")));
    fail_listing("the layer table and src/lib.rs disagree", &problems);
}

#[test]
fn only_the_solver_layer_names_highs() {
    fail_listing(
        "HiGHS named outside src/solve/",
        &highs_outside_solve(&repository_sources()),
    );
}

#[test]
fn constraint_families_of_the_model_name_existing_files() {
    let model_md = read("docs/model.md");
    assert!(
        constraint_files_named(&model_md).len() >= 5,
        "docs/model.md §5: the constraint family headings `**(X) name** (`file.rs`…)` were not found"
    );
    let existing: BTreeSet<String> = fs::read_dir(root().join("src/model/constraints"))
        .expect("src/model/constraints")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    fail_listing(
        "docs/model.md §5 and src/model/constraints/ disagree",
        &constraint_files_disagree(&model_md, &existing),
    );
}

#[test]
fn every_section_of_the_model_cited_in_src_exists() {
    let model_md = read("docs/model.md");
    let sources = repository_sources();
    let cited: usize = sources
        .iter()
        .flat_map(|s| s.text.lines())
        .map(|l| sections_cited(l).len())
        .sum();
    assert!(cited > 0, "no `docs/model.md §N` citation found in src/");
    fail_listing(
        "citations of docs/model.md sections that do not exist",
        &missing_sections_cited(&model_md, &sources),
    );
}

// ------------------------------------------- the checker on small examples

const EXAMPLE_TABLE: &str = "\
| Layer | Owns | May import |
|---|---|---|
| `exit` (foundation) | statuses | — |
| `instance` | input | — |
| `model` | formulation | `instance` |
| `plan` | plans | `instance` |
| `report` | output | `plan`, `model`, `instance` |
| `cli` | command | `*` |
";

fn source(path: &str, text: &str) -> Source {
    Source {
        path: path.into(),
        text: text.into(),
    }
}

/// What the checker reports on `sources` under [`EXAMPLE_TABLE`].
fn example_violations(sources: &[Source]) -> Vec<String> {
    forbidden_imports(&parse_table(EXAMPLE_TABLE), sources)
}

#[test]
fn checker_reports_a_forbidden_import_with_file_and_line() {
    let plan = source(
        "src/plan.rs",
        "use crate::instance::Instance;\nuse crate::exit::ExitStatus;\n\nuse crate::model::ColumnKey;\n",
    );
    assert_eq!(
        example_violations(&[plan]),
        ["src/plan.rs:4: plan imports model"]
    );
}

#[test]
fn checker_reads_inline_grouped_and_super_paths() {
    let sources = [
        source(
            "src/model/mod.rs",
            "fn f() { let _ = crate::report::write(); }\n",
        ),
        source(
            "src/instance/read/mod.rs",
            "use crate::{\n    exit::ExitStatus,\n    plan::{Plan, EffortValue},\n};\n",
        ),
        // Two climbs from instance::read::items reach instance, three the root.
        source(
            "src/instance/read/items.rs",
            "use super::super::text;\nuse super::super::super::model::Layout;\n",
        ),
    ];
    assert_eq!(
        example_violations(&sources),
        [
            "src/instance/read/items.rs:2: instance imports model",
            "src/instance/read/mod.rs:3: instance imports plan",
            "src/model/mod.rs:1: model imports report",
        ]
    );
}

#[test]
fn checker_skips_comments_strings_and_unit_tests() {
    let plan = source(
        "src/plan.rs",
        concat!(
            "//! Read back in [`crate::report`].\n",
            "/* crate::model::Layout */\n",
            "const S: &str = \"crate::model::x\";\n",
            "const R: &str = r#\"crate::model::\"#;\n",
            "fn f<'a>(c: char) -> bool { c == '\"' } // crate::model\n",
            "#[cfg(test)]\n",
            "mod tests {\n",
            "    use crate::model::Layout;\n",
            "}\n",
        ),
    );
    assert_eq!(example_violations(&[plan]), Vec::<String>::new());
    // The same import above the unit tests is reported.
    let plan = source(
        "src/plan.rs",
        "fn f<'a>(c: char) -> bool { c == '\"' }\nuse crate::model::Layout;\n#[cfg(test)]\nmod tests {}\n",
    );
    assert_eq!(
        example_violations(&[plan]),
        ["src/plan.rs:2: plan imports model"]
    );
}

#[test]
fn checker_lets_the_command_and_test_only_modules_import_anything() {
    let sources = [
        source(
            "src/lib.rs",
            "pub mod plan;\n#[cfg(test)]\npub(crate) mod testing;\n",
        ),
        source("src/testing.rs", "use crate::model::Layout;\n"),
        source("src/main.rs", "use qiangji::report::write;\n"),
        source("src/cli/mod.rs", "use qiangji::model::Layout;\n"),
    ];
    assert_eq!(example_violations(&sources), Vec::<String>::new());
    assert_eq!(
        library_modules(&sources[0].text),
        BTreeSet::from(["plan".to_string()])
    );
}

#[test]
fn checker_reports_modules_without_rows_and_rows_without_modules() {
    let table = parse_table(EXAMPLE_TABLE);
    let modules: BTreeSet<String> = ["exit", "instance", "model", "plan", "charts"]
        .map(String::from)
        .into();
    assert_eq!(
        table_and_modules_disagree(&table, &modules),
        [
            "src/lib.rs: module `charts` has no row in docs/architecture.md",
            "docs/architecture.md: layer `report` is not a module of src/lib.rs",
        ]
    );
    let report = source("src/plan.rs", "use crate::charts::line;\n");
    assert_eq!(
        forbidden_imports(&table, &[report]),
        ["src/plan.rs:1: plan imports charts (no row in docs/architecture.md)"]
    );
}

#[test]
fn checker_finds_highs_outside_the_solver_layer() {
    let sources = [
        source("src/solve/session.rs", "use highs_sys::HighsInt;\n"),
        source(
            "src/model/mod.rs",
            "// HiGHS, highs::Model\nuse good_lp::solvers::highs::HighsProblem;\nlet v = crate::solve::highs_version();\n",
        ),
    ];
    assert_eq!(
        highs_outside_solve(&sources),
        ["src/model/mod.rs:2: names `highs`"]
    );
}

#[test]
fn model_document_checks_catch_missing_files_and_sections() {
    let model_md = "## 4. Variables\n## 5. Constraints\n\n**(R) response** (`constraints/response.rs`, family `response`):\n**(G) targets** (`goals.rs`):\n## 6. Objective\n";
    let existing: BTreeSet<String> = ["mod.rs", "response.rs", "sites.rs"]
        .map(String::from)
        .into();
    assert_eq!(
        constraint_files_disagree(model_md, &existing),
        [
            "docs/model.md §5 names goals.rs, which is not in src/model/constraints/",
            "src/model/constraints/sites.rs has no constraint family in docs/model.md §5",
        ]
    );
    let cites = source(
        "src/x.rs",
        "// docs/model.md §4–§6 and (docs/model.md §7)\n// docs/model.md, §5\n",
    );
    assert_eq!(sections_cited("see docs/model.md §4–§6"), [4, 6]);
    assert_eq!(
        missing_sections_cited(model_md, &[cites]),
        ["src/x.rs:1: cites docs/model.md §7, which has no section `## 7.`"]
    );
}
