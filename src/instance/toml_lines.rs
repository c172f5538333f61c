//! Locating keys in TOML text, so that rules checked after parsing can still
//! name the line a planner must edit.

use serde::de::DeserializeOwned;

use super::error::Collector;
use super::keys::{keys_of, meaning, Dictionary};
use crate::quote::cut_within;

/// 1-based line of `key` inside the table `table` (dotted path, "" for the
/// top level), found by scanning headers; `None` when it is not written.
pub fn key_line(text: &str, table: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(header) = line.strip_prefix("[[").and_then(|l| l.split("]]").next()) {
            current = header.trim().to_string();
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            current = header.trim().to_string();
            continue;
        }
        if current == table {
            if let Some((lhs, _)) = line.split_once('=') {
                let lhs = lhs.trim().trim_matches('"');
                if lhs == key {
                    return Some(i + 1);
                }
            }
        }
    }
    None
}

/// 1-based line of the `n`-th (0-based) `[[table]]` header.
pub fn array_entry_line(text: &str, table: &str, n: usize) -> Option<usize> {
    let header = format!("[[{table}]]");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim().replace(' ', "") == header)
        .nth(n)
        .map(|(i, _)| i + 1)
}

/// 1-based line of `key` within the `n`-th `[[table]]` entry.
pub fn array_key_line(text: &str, table: &str, n: usize, key: &str) -> Option<usize> {
    let start = array_entry_line(text, table, n)?;
    for (i, raw) in text.lines().enumerate().skip(start) {
        let line = raw.trim();
        if line.starts_with('[') {
            break;
        }
        if let Some((lhs, _)) = line.split_once('=') {
            if lhs.trim().trim_matches('"') == key {
                return Some(i + 1);
            }
        }
    }
    Some(start)
}

/// Line of a TOML parse error, from its byte span.
pub fn error_line(text: &str, error: &toml::de::Error) -> Option<usize> {
    error.span().map(|span| line_at(text, span.start))
}

/// 1-based line of the byte at `offset` (past the end: the last line).
pub fn line_at(text: &str, offset: usize) -> usize {
    let offset = floor_char_boundary(text, offset);
    text[..offset].matches('\n').count() + 1
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A TOML error in a planner's words: the line, the key (`table.key`) and
/// what it must be, with the key's meaning and unit.
#[derive(Debug, Clone, PartialEq)]
pub struct TomlProblem {
    pub line: Option<usize>,
    pub field: Option<String>,
    pub rule: String,
}

/// Parses `instance.toml` or a model file (`what`: "instance", "model") as
/// `T`. A list where one of `tables` belongs, or any parse or type error, is
/// recorded in `errs` with its line and key, and gives `None`.
pub fn parse_toml<T: DeserializeOwned>(
    text: &str,
    tables: &[&str],
    what: &str,
    errs: &mut Collector,
) -> Option<T> {
    let mut problems = lists_where_tables_belong(text, Some(tables), Dictionary::Instance);
    if problems.is_empty() {
        match toml::from_str(text) {
            Ok(parsed) => return Some(parsed),
            Err(e) => problems.push(explain(text, &e)),
        }
    }
    for p in problems {
        let rule = format!("invalid {what} file: {}", p.rule);
        match p.field {
            Some(field) => errs.field(p.line, &field, &rule),
            None => errs.file(p.line, &rule),
        }
    }
    None
}

/// Explains a parse or type error of `instance.toml` or a model file.
pub fn explain(text: &str, error: &toml::de::Error) -> TomlProblem {
    explain_in(text, error, Dictionary::Instance)
}

/// Explains a parse or type error of `text`, whose keys `dictionary` knows.
pub fn explain_in(text: &str, error: &toml::de::Error, dictionary: Dictionary) -> TomlProblem {
    let message = error.message().trim().to_string();
    let start = error.span().map(|s| floor_char_boundary(text, s.start));
    let line = start.map(|s| line_at(text, s));
    let table = start.map(|s| table_at(text, s)).unwrap_or_default();
    let join = |key: &str| {
        if table.is_empty() {
            key.to_string()
        } else {
            format!("{table}.{key}")
        }
    };
    let described = |path: &str, rule: String| described(dictionary, path, rule);
    if let Some(key) = between(&message, "missing field `", "`") {
        let path = join(key);
        return TomlProblem {
            line,
            rule: described(&path, "this required key is missing".into()),
            field: Some(path),
        };
    }
    if let Some(key) = between(&message, "unknown field `", "`") {
        let path = join(key);
        // The parser lists the keys it expected; the dictionary is a fallback.
        let listed: Vec<&str> = message
            .split("expected one of ")
            .nth(1)
            .map(|l| l.split(", ").map(|k| k.trim().trim_matches('`')).collect())
            .unwrap_or_default();
        let known = if listed.is_empty() {
            keys_of(dictionary, &generic_table(&table))
        } else {
            listed
        };
        let hint = match super::keys::nearest(key, known.iter().copied()) {
            Some(near) => format!("unknown key; did you mean `{near}`?"),
            None if !known.is_empty() => {
                format!("unknown key; known keys here: {}", known.join(", "))
            }
            None => "unknown key".to_string(),
        };
        return TomlProblem {
            line,
            field: Some(path),
            rule: hint,
        };
    }
    let key = start.and_then(|s| key_before(text, s));
    if let Some((found, expected)) = invalid_type(&message) {
        let mut wanted = plain_type(expected);
        // A key written as `key = value`, or a whole table under a header.
        let header = start.and_then(|s| header_at(text, s));
        let subject = match (&key, &header) {
            (Some(key), _) => {
                let hint = (wanted == "a list" && found.starts_with("map"))
                    .then(|| format!("put the table in square brackets: {key} = [{{ … }}]"));
                Some((join(key), plain_found(found), hint))
            }
            (None, Some((path, false))) => Some((
                path.clone(),
                format!("a table [{path}]"),
                (wanted == "a list")
                    .then(|| format!("write [[{path}]] (double brackets) above each entry")),
            )),
            (None, Some((path, true))) => {
                // The parser read the list as the table's fields in order, so
                // it complains of the first entry: a table is what is wanted.
                if found.starts_with("map") {
                    wanted = "a table";
                }
                Some((
                    path.clone(),
                    format!("a list of tables [[{path}]]"),
                    (wanted == "a table")
                        .then(|| format!("write [{path}] (single brackets), once")),
                ))
            }
            (None, None) => None,
        };
        if let Some((path, found, hint)) = subject {
            let mut rule = format!("must be {wanted}, not {found}");
            if let Some(hint) = hint {
                rule.push_str(&format!(": {hint}"));
            }
            return TomlProblem {
                line,
                rule: described(&path, rule),
                field: Some(path),
            };
        }
    }
    let rule = match key.as_deref() {
        Some(key) => described(
            &join(key),
            format!("cannot be read: {}", cut_within(&message)),
        ),
        None => format!("not valid TOML: {}", cut_within(&message)),
    };
    TomlProblem {
        line,
        field: key.map(|k| join(&k)),
        rule,
    }
}

/// `rule`, followed by what the key at `path` means when `dictionary` knows it.
fn described(dictionary: Dictionary, path: &str, rule: String) -> String {
    match meaning(dictionary, path) {
        Some(meaning) => format!("{rule} — `{path}` is {meaning}"),
        None => rule,
    }
}

/// Top-level keys that must hold a table but hold a list. The parser would
/// fill a table's fields from a list of plain values by position and accept
/// it (`central_budget_yi = [20.0]` as `default = 20.0`), so each is named
/// before the file is read. `tables`: the keys that hold a table (`None`:
/// every top-level key, as in a scenario file, whose tables are scenarios).
pub fn lists_where_tables_belong(
    text: &str,
    tables: Option<&[&str]>,
    dictionary: Dictionary,
) -> Vec<TomlProblem> {
    let Ok(doc) = toml::from_str::<toml::Table>(text) else {
        // Broken TOML is explained by the parser's own error.
        return Vec::new();
    };
    let mut problems: Vec<TomlProblem> = doc
        .iter()
        .filter(|(key, value)| value.is_array() && tables.is_none_or(|t| t.contains(&key.as_str())))
        .map(|(key, _)| {
            let (line, rule) = match array_entry_line(text, key, 0) {
                Some(header) => (
                    Some(header),
                    format!("must be a table, not a list of tables [[{key}]]: write [{key}] (single brackets), once"),
                ),
                None => (key_line(text, "", key), "must be a table, not a list".to_string()),
            };
            TomlProblem {
                line,
                rule: described(dictionary, key, rule),
                field: Some(key.clone()),
            }
        })
        .collect();
    problems.sort_by_key(|p| p.line);
    problems
}

/// What a value was and what was expected, from the parser's
/// `invalid type: string "a, b", expected a sequence`.
fn invalid_type(message: &str) -> Option<(&str, &str)> {
    let rest = &message[message.find("invalid type: ")? + "invalid type: ".len()..];
    let (found, expected) = rest.rsplit_once(", expected ")?;
    Some((found, expected))
}

/// The table a header on the line holding `offset` opens, and whether it is
/// an array of tables (`[[name]]`); `None` when that line is no header.
fn header_at(text: &str, offset: usize) -> Option<(String, bool)> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("").trim();
    let (inner, array) = match line.strip_prefix("[[") {
        Some(rest) => (rest.split("]]").next()?, true),
        None => (line.strip_prefix('[')?.split(']').next()?, false),
    };
    let path: Vec<&str> = inner
        .split('.')
        .map(|p| p.trim().trim_matches('"'))
        .collect();
    Some((path.join("."), array))
}

/// The text between `open` and the next `close` after it.
fn between<'m>(message: &'m str, open: &str, close: &str) -> Option<&'m str> {
    let rest = &message[message.find(open)? + open.len()..];
    Some(&rest[..rest.find(close)?])
}

/// The table (dotted path) whose body contains `offset`: the last header before it.
fn table_at(text: &str, offset: usize) -> String {
    let mut current = String::new();
    // The line holding `offset` counts: a missing key is reported at its table's header.
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    for line in text[..line_end].lines() {
        let line = line.trim();
        if let Some(h) = line.strip_prefix("[[").and_then(|l| l.split("]]").next()) {
            current = h.trim().to_string();
        } else if let Some(h) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            current = h.trim().to_string();
        }
    }
    current
        .split('.')
        .map(|p| p.trim().trim_matches('"'))
        .collect::<Vec<_>>()
        .join(".")
}

/// A table path with its free names (`modes.chain`) written as `*`, for the
/// key list of its kind.
fn generic_table(table: &str) -> String {
    let parts: Vec<&str> = table.split('.').collect();
    match parts.as_slice() {
        ["modes", _] => "modes.*".into(),
        ["objective", "presets", _] => "objective.presets.*".into(),
        _ => table.to_string(),
    }
}

/// The key written before `=` on the line that holds `offset`.
fn key_before(text: &str, offset: usize) -> Option<String> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let (lhs, _) = line.split_once('=')?;
    let key = lhs.trim().trim_matches('"').trim();
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_string())
}

fn plain_type(expected: &str) -> &'static str {
    let e = expected.trim();
    if e.starts_with("i64")
        || e.starts_with("u64")
        || e.starts_with("usize")
        || e.contains("integer")
    {
        "a whole number, written without quotes"
    } else if e.starts_with("f64") || e.contains("float") {
        "a number, written without quotes"
    } else if e.contains("sequence") {
        "a list"
    } else if e.contains("bool") {
        "true or false"
    } else if e.contains("string") {
        "text in double quotes"
    } else if e.contains("map") || e.contains("struct") || e.contains("table") {
        "a table"
    } else {
        "another kind of value"
    }
}

fn plain_found(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        format!("the text {}", cut_within(s))
    } else if let Some(v) = found.strip_prefix("integer ") {
        format!("the whole number {}", v.trim_matches('`'))
    } else if let Some(v) = found.strip_prefix("floating point ") {
        format!("the number {}", v.trim_matches('`'))
    } else if found.starts_with("sequence") {
        "a list".into()
    } else if found.starts_with("map") {
        "a table".into()
    } else if found.starts_with("boolean") {
        format!(
            "the value {}",
            found.trim_start_matches("boolean ").trim_matches('`')
        )
    } else {
        found.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_in_tables_and_arrays() {
        let text =
            "name = \"x\"\n[a.b]\nk = 1\n[[t]]\nid = \"one\"\n[[t]]\nid = \"two\"\nlevel = 3\n";
        assert_eq!(key_line(text, "", "name"), Some(1));
        assert_eq!(key_line(text, "a.b", "k"), Some(3));
        assert_eq!(key_line(text, "a.b", "missing"), None);
        assert_eq!(array_entry_line(text, "t", 1), Some(6));
        assert_eq!(array_key_line(text, "t", 1, "level"), Some(8));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        first_year: i64,
        #[serde(default)]
        central_budget_yi: Option<Budget>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Budget {
        default: f64,
    }

    fn problem(text: &str) -> TomlProblem {
        explain(text, &toml::from_str::<Doc>(text).unwrap_err())
    }

    #[test]
    fn type_errors_name_the_key_its_meaning_and_unit() {
        let p = problem("# comment\nfirst_year = \"2024\"\n");
        assert_eq!(p.line, Some(2));
        assert_eq!(p.field.as_deref(), Some("first_year"));
        assert!(p.rule.contains("a whole number"), "{}", p.rule);
        assert!(p.rule.contains("calendar year"), "{}", p.rule);
        assert!(p.rule.contains("\"2024\""), "{}", p.rule);
        let p = problem("first_year = 2024\n[central_budget_yi]\ndefault = \"lots\"\n");
        assert_eq!(p.field.as_deref(), Some("central_budget_yi.default"));
        assert!(p.rule.contains("亿元 per year"), "{}", p.rule);
        let p = problem("frist_year = 2024\n");
        assert!(p.rule.contains("did you mean `first_year`"), "{}", p.rule);
        let p = problem("first_year = 2024\n[central_budget_yi]\n");
        assert_eq!(p.field.as_deref(), Some("central_budget_yi.default"));
        assert!(p.rule.contains("required key is missing"), "{}", p.rule);
    }

    #[test]
    fn a_list_where_a_table_belongs_is_named_by_its_key_or_header() {
        let text =
            "first_year = [2024]\ncentral_budget_yi = [1.0]\n\n[[objective]]\npreset = \"x\"\n";
        let tables = ["central_budget_yi", "objective"];
        let problems = lists_where_tables_belong(text, Some(&tables), Dictionary::Instance);
        let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(4)]);
        assert!(problems[0]
            .rule
            .starts_with("must be a table, not a list —"));
        assert!(problems[1]
            .rule
            .contains("not a list of tables [[objective]]: write [objective]"));
        assert_eq!(
            header_at("a = 1\n[ \"x\" . y ]\n", 7),
            Some(("x.y".to_string(), false))
        );
        assert_eq!(header_at("a = 1\n", 2), None);
    }
}
