//! No function in `src/` is longer than [`MAX_LINES`] lines: a longer one
//! does several things, and the reader of its caller should see them named.
//! Lines are counted from the `fn` line to the closing brace, comments and
//! blank lines included.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 120;

/// One function: its name, the line of its `fn` and its length in lines.
#[derive(Debug, PartialEq)]
struct Function {
    name: String,
    line: usize,
    lines: usize,
}

/// The source with comments and the contents of string and character
/// literals replaced by spaces (newlines kept), so that braces in them do
/// not count.
fn code_only(src: &str) -> Vec<u8> {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to.min(b.len())] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |n| i + n);
            blank(&mut out, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < b.len() && depth > 0 {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if let Some(open) = raw_string_open(b, i) {
            // r"…", r#"…"#, br"…": no escapes, ends at the quote and as many #.
            let hashes = open - i - 1 - usize::from(b[i] == b'b');
            let mut close = b"\"".to_vec();
            close.extend(std::iter::repeat_n(b'#', hashes));
            let start = open + 1;
            let end = b[start..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(b.len(), |n| start + n + close.len());
            blank(&mut out, i, end);
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if b[i] == b'\'' && literal_may_start(b, i) {
            // A character literal, or a lifetime or label (left alone).
            let end = if b.get(i + 1) == Some(&b'\\') {
                b[i + 2..]
                    .iter()
                    .position(|&c| c == b'\'')
                    .map(|n| i + 2 + n + 1)
            } else {
                let width = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + width) == Some(&b'\'')).then_some(i + 2 + width)
            };
            match end {
                Some(end) => {
                    blank(&mut out, i, end);
                    i = end;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    out
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Whether a quote at `i` can open a character literal: not inside a word,
/// except as the `b` of a byte literal.
fn literal_may_start(b: &[u8], i: usize) -> bool {
    match i {
        0 => true,
        1 => !is_ident(b[0]) || b[0] == b'b',
        _ => !is_ident(b[i - 1]) || (b[i - 1] == b'b' && !is_ident(b[i - 2])),
    }
}

/// Where the opening quote of a raw string starting at `i` is, if one does.
fn raw_string_open(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && is_ident(b[i - 1]) {
        return None;
    }
    let mut j = i;
    if b.get(j) == Some(&b'b') {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    (b.get(j) == Some(&b'"')).then_some(j)
}

/// Every function with a body, in source order.
fn functions(src: &str) -> Vec<Function> {
    let code = code_only(src);
    let line_at = |offset: usize| code[..offset].iter().filter(|&&c| c == b'\n').count() + 1;
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(n) = code[i..].windows(3).position(|w| w == b"fn ") {
        let at = i + n;
        i = at + 3;
        if at > 0 && is_ident(code[at - 1]) {
            continue;
        }
        let name_start = i + code[i..]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
        let name_len = code[name_start..]
            .iter()
            .take_while(|&&c| is_ident(c))
            .count();
        if name_len == 0 {
            continue; // a function pointer type, `fn(…)`
        }
        let name = String::from_utf8_lossy(&code[name_start..name_start + name_len]).into_owned();
        // The body opens at the first `{` outside parentheses and brackets;
        // a `;` there first means a declaration without a body.
        let mut depth = 0i32;
        let mut open = None;
        for (j, &c) in code.iter().enumerate().skip(name_start + name_len) {
            match c {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                b';' if depth == 0 => break,
                b'{' if depth == 0 => {
                    open = Some(j);
                    break;
                }
                _ => {}
            }
        }
        let Some(open) = open else { continue };
        let mut braces = 0i32;
        let close = code[open..]
            .iter()
            .position(|&c| {
                match c {
                    b'{' => braces += 1,
                    b'}' => braces -= 1,
                    _ => {}
                }
                braces == 0
            })
            .map_or(code.len() - 1, |n| open + n);
        let line = line_at(at);
        found.push(Function {
            name,
            line,
            lines: line_at(close) - line + 1,
        });
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_function_in_src_is_longer_than_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut measured = 0;
    let mut too_long = Vec::new();
    for path in files {
        let relative = path
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        let src = std::fs::read_to_string(&path).expect("readable source");
        for f in functions(&src) {
            measured += 1;
            if f.lines > MAX_LINES {
                too_long.push(format!(
                    "{relative}:{} fn {} ({} lines)",
                    f.line, f.name, f.lines
                ));
            }
        }
    }
    assert!(measured > 500, "only {measured} functions found in src/");
    assert!(
        too_long.is_empty(),
        "functions longer than {MAX_LINES} lines; split them into functions that each do one thing:\n  {}",
        too_long.join("\n  ")
    );
}

#[test]
fn braces_in_comments_strings_and_characters_do_not_count() {
    let src = r####"
/// A doc comment with a brace {
fn first<'a>(x: &'a str) -> impl Fn(usize) -> [u8; 2] {
    let open = '{';
    let s = "}} \" {";
    let raw = r#"}"# ;
    let bytes = br"{";
    /* a block comment } /* nested { */ } */
    // a line comment }
    let label = 'outer: loop { break 'outer; };
    move |_| [b'{', b'\'']
}

trait Declared {
    fn no_body(&self) -> u8;
}

fn second(f: fn(u8) -> u8) -> u8 { f(1) }
"####;
    let found = functions(src);
    let names: Vec<(&str, usize, usize)> = found
        .iter()
        .map(|f| (f.name.as_str(), f.line, f.lines))
        .collect();
    assert_eq!(names, vec![("first", 3, 10), ("second", 18, 1)]);
}
