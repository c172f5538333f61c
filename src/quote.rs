//! How an error message quotes a value someone wrote (a cell, a key, an id,
//! a command-line argument): whole when it is short, else its first
//! [`MAX_QUOTED_CHARS`] characters with an ellipsis and its full length,
//! e.g. `"aaaa…" (1,234 characters)`. A pasted paragraph or a binary blob
//! in one cell then cannot bury the message (or the terminal) under itself.
//! Every message that quotes such a value goes through this module.

/// Characters of a value a message quotes at most.
pub const MAX_QUOTED_CHARS: usize = 80;

/// The value in double quotes, escaped as Rust's `{:?}` escapes it (so a
/// line break or a control character shows): `"1.3"`, or
/// `"aaaa…" (1,234 characters)` when long.
pub fn quote(value: &str) -> String {
    let (head, length) = head_and_length(value);
    format!("{head:?}{length}")
}

/// The value between backticks, for ids, keys and names:
/// `` `chip` ``, or `` `aaaa…` (1,234 characters) `` when long.
pub fn code(value: &str) -> String {
    let (head, length) = head_and_length(value);
    format!("`{head}`{length}")
}

/// The value as it is, cut the same way: for text already written in its
/// own syntax (a TOML value, a value another library quotes itself).
pub fn cut(value: &str) -> String {
    let (head, length) = head_and_length(value);
    format!("{head}{length}")
}

/// A message of another library (the TOML parser, clap's tips) with every
/// value it quotes between backticks, double or single quotes cut like [`cut`].
pub fn cut_within(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * MAX_QUOTED_CHARS));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"', '\'']) {
        let delimiter = rest[open..].chars().next().expect("found");
        out.push_str(&rest[..=open]);
        let inside = &rest[open + 1..];
        let Some(close) = closing(inside, delimiter) else {
            out.push_str(&cut(inside));
            return out;
        };
        let (head, length) = head_and_length(&inside[..close]);
        out.push_str(&head);
        out.push(delimiter);
        out.push_str(&length);
        rest = &inside[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Byte offset of the `delimiter` that closes a quoted span, skipping
/// backslash escapes (`\"` inside a quoted string).
fn closing(inside: &str, delimiter: char) -> Option<usize> {
    let mut escaped = false;
    for (at, c) in inside.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == delimiter {
            return Some(at);
        }
    }
    None
}

/// The value, or its first characters and an ellipsis; and the length
/// note (empty when the value is whole).
fn head_and_length(value: &str) -> (String, String) {
    let total = value.chars().count();
    if total <= MAX_QUOTED_CHARS {
        return (value.to_string(), String::new());
    }
    let mut head: String = value.chars().take(MAX_QUOTED_CHARS).collect();
    head.push('…');
    (head, format!(" ({} characters)", thousands(total)))
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_quoted_whole() {
        assert_eq!(quote("1.3"), "\"1.3\"");
        assert_eq!(quote("a\nb"), "\"a\\nb\"");
        assert_eq!(code("chip"), "`chip`");
        assert_eq!(cut("[1, 2]"), "[1, 2]");
        let eighty = "x".repeat(MAX_QUOTED_CHARS);
        assert_eq!(quote(&eighty), format!("\"{eighty}\""));
    }

    #[test]
    fn long_values_keep_their_first_characters_and_say_their_length() {
        let long = "a".repeat(1234);
        let expected = format!("\"{}…\" (1,234 characters)", "a".repeat(MAX_QUOTED_CHARS));
        assert_eq!(quote(&long), expected);
        assert_eq!(
            code(&long),
            format!("`{}…` (1,234 characters)", "a".repeat(MAX_QUOTED_CHARS))
        );
        // Characters, not bytes: a Chinese value is cut between characters.
        let chinese = "芯".repeat(81);
        assert_eq!(
            cut(&chinese),
            format!("{}… (81 characters)", "芯".repeat(80))
        );
        assert_eq!(thousands(1_234_567), "1,234,567");
        let message = format!(
            "invalid type: string \"{}\\\"x\", expected f64 in `a`",
            "b".repeat(100)
        );
        assert_eq!(
            cut_within(&message),
            format!(
                "invalid type: string \"{}…\" (103 characters), expected f64 in `a`",
                "b".repeat(MAX_QUOTED_CHARS)
            )
        );
        assert_eq!(thousands(999), "999");
    }
}
