//! The text of an instance file, before any CSV or TOML parsing: which
//! encoding it is in, which lines are comments, where a quoted field is left
//! open, and the physical line (comments and blank lines included) of every
//! byte, so that messages name the line a planner sees in an editor.
//!
//! Encodings: UTF-8 (with or without BOM) is the format; UTF-16 (with or
//! without BOM, as Excel's "Unicode text" writes it) and GB18030 (which
//! includes GBK and GB2312, Excel's default on Chinese Windows) are read too,
//! with `encoding_rs`, and summary.json records which encoding each file had.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from a file, with the encoding it was in.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
    pub encoding: &'static str,
}

/// Decodes a file's bytes; the error says what the bytes are not and how to
/// convert them.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let decoded = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        decode_with(encoding, &bytes[bom..])
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        decode_with(encoding, bytes)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        Some(Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
        })
    } else {
        decode_with(GB18030, bytes)
    };
    let Some(mut decoded) = decoded else {
        return Err(
            "is not text in UTF-8, UTF-16 or GB18030 (GBK); in Excel use \"Save As\" → \"CSV UTF-8\""
                .into(),
        );
    };
    if decoded.text.contains('\0') {
        return Err(
            "contains NUL characters: it is not a text file (save it as \"CSV UTF-8\")".into(),
        );
    }
    // Old Mac line ends (CR alone) become line feeds, so lines count right.
    if decoded.text.contains('\r') && !decoded.text.contains('\n') {
        decoded.text = decoded.text.replace('\r', "\n");
    }
    Ok(decoded)
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Option<Decoded> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        })
}

/// UTF-16 without a byte-order mark: mostly ASCII text has a zero byte in
/// every other position.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zeros_at = |offset: usize| {
        bytes
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 2 > pairs && even == 0 {
        Some(UTF_16LE)
    } else if even * 2 > pairs && odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The error values Excel writes into a cell whose formula failed.
const EXCEL_ERRORS: [&str; 14] = [
    "#N/A",
    "#REF!",
    "#VALUE!",
    "#DIV/0!",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#GETTING_DATA",
    "#BLOCKED!",
    "#CONNECT!",
    "#UNKNOWN!",
];

/// Whether a cell holds an Excel error value (a failed formula).
pub fn is_excel_error(cell: &str) -> bool {
    let cell = cell.trim();
    cell.starts_with('#') && EXCEL_ERRORS.iter().any(|e| cell.eq_ignore_ascii_case(e))
}

/// CSV text ready for the parser: comment lines blanked (so the parser skips
/// them while every other line keeps its place) and a map from byte offset
/// to physical line.
#[derive(Debug, Clone)]
pub struct CsvText {
    pub text: String,
    line_starts: Vec<usize>,
}

impl CsvText {
    /// 1-based physical line of the byte at `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// Line of a record the parser says starts at `offset`: the parser
    /// counts the blank (and blanked comment) lines it skipped before it.
    pub fn line_of_record(&self, offset: usize) -> usize {
        let skipped = self.text.as_bytes()[offset.min(self.text.len())..]
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        self.line_of(offset + skipped)
    }
}

/// Where the scanner is, as the CSV parser would see it.
#[derive(Clone, Copy, PartialEq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the end of it, or the first of `""`.
    QuoteInQuoted,
}

/// Blanks comment lines (`#` first, unless the first cell is an Excel error
/// value, which is data and an error) and finds a quoted field that is
/// never closed: `Err((line, rule))`.
pub fn prepare_csv(text: &str) -> Result<CsvText, (usize, String)> {
    let mut out = String::with_capacity(text.len());
    let mut line_starts = vec![0];
    let mut state = State::FieldStart;
    let mut line = 1;
    let mut opened_on = 0;
    let mut at_line_start = true;
    let mut rest = text;
    while !rest.is_empty() {
        if at_line_start && state == State::FieldStart && is_comment_line(rest) {
            // Keep the newline so later lines keep their numbers.
            let end = rest.find('\n').unwrap_or(rest.len());
            rest = &rest[end..];
            at_line_start = false;
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        rest = &rest[c.len_utf8()..];
        out.push(c);
        at_line_start = false;
        state = match (state, c) {
            (State::Quoted, '"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, '"') => State::Quoted,
            (State::FieldStart, '"') => {
                opened_on = line;
                State::Quoted
            }
            (_, ',') => State::FieldStart,
            (_, '\n') => State::FieldStart,
            (_, '\r') => State::FieldStart,
            _ => State::Unquoted,
        };
        if c == '\n' {
            line += 1;
            line_starts.push(out.len());
            at_line_start = state == State::FieldStart;
        }
    }
    if state == State::Quoted {
        return Err((
            opened_on,
            "unbalanced quote: a quoted field opened on this line is never closed".into(),
        ));
    }
    Ok(CsvText {
        text: out,
        line_starts,
    })
}

fn is_comment_line(rest: &str) -> bool {
    let line = rest.split('\n').next().unwrap_or("");
    if !line.trim_start().starts_with('#') {
        return false;
    }
    let first_cell = line.split(',').next().unwrap_or("").trim_matches('"');
    !is_excel_error(first_cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_recognised() {
        let text = "id,name\nchip,集成电路芯片\nbearing,高端轴承\n";
        let gbk = encoding_rs::GBK.encode(text).0;
        let d = decode(&gbk).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "gb18030");
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        for u in "id\nchip\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap().text, "id\nchip\n");
        assert_eq!(decode(&utf16[2..]).unwrap().encoding, "UTF-16LE");
        let bom = b"\xEF\xBB\xBFid\nchip\n";
        assert_eq!(decode(bom).unwrap().text, "id\nchip\n");
        assert!(decode(b"id\0\0\0\0x\0\0\0").is_err());
        assert_eq!(decode(b"a\rb\r").unwrap().text, "a\nb\n");
    }

    #[test]
    fn comments_keep_line_numbers_and_excel_errors_are_not_comments() {
        let t = prepare_csv("# note\nid\n# another\nchip\n#N/A\n").unwrap();
        assert_eq!(t.text, "\nid\n\nchip\n#N/A\n");
        assert_eq!(t.line_of(t.text.find("chip").unwrap()), 4);
        assert_eq!(t.line_of(t.text.find("#N/A").unwrap()), 5);
        assert!(is_excel_error(" #div/0! "));
        assert!(!is_excel_error("#1"));
    }

    #[test]
    fn an_unclosed_quote_names_its_line() {
        assert_eq!(
            prepare_csv("id,name\nchip,\"open\nbearing,x\n")
                .unwrap_err()
                .0,
            2
        );
        // Quotes inside an unquoted field and escaped quotes are fine.
        assert!(prepare_csv("id,name\nbolt,5\" long\nnut,\"a \"\"b\"\"\"\n").is_ok());
        // A quoted field may span lines, and a # inside it is not a comment.
        assert!(prepare_csv("id,note\nchip,\"two\n# lines\"\n").is_ok());
    }
}
