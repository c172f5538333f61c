//! Locating keys in TOML text, so that rules checked after parsing can still
//! name the line a planner must edit.

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
    error
        .span()
        .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1)
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
}
