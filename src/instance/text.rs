//! The text of an instance file, before any CSV or TOML parsing: which
//! encoding it is in, which lines are comments, where a quoted field is left
//! open, and the physical line (comments and blank lines included) of every
//! byte, so that messages name the line a planner sees in an editor.
//!
//! Encodings (docs/instance-format.md, "Encodings"): UTF-8 (with or
//! without BOM) is the format of every file. A table (CSV) may also be in
//! UTF-16 (with a BOM, or without one as Excel's "Unicode text" writes it)
//! or in GB18030/GBK (Excel's "CSV" on Chinese Windows) restricted to the
//! characters of GB2312: any other byte pair of GBK is as likely a Latin-1
//! (Windows-1252) accented letter followed by a letter, which GBK would
//! silently turn into a rare Chinese character. Such files, and bytes that
//! are no text at all, are refused with the line of the first offending
//! byte. TOML files must be UTF-8, as the TOML standard says.
//! summary.json records which encoding each table had.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from a file, with the encoding it was in.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `gb18030`.
    pub encoding: &'static str,
}

/// Why a file's bytes are not read as text: the line of the first byte that
/// breaks the rule (when one can be named) and the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeError {
    pub line: Option<usize>,
    pub rule: String,
}

/// What every refusal ends with: the accepted encodings and how to convert.
const ACCEPTED: &str = "tables are read in UTF-8, UTF-16 or GB18030 (GBK) limited to the characters of GB2312 (docs/instance-format.md, \"Encodings\"): in Excel use \"Save As\" → \"CSV UTF-8\"";

/// Decodes the bytes of file `name` by the rule of its kind: a TOML file
/// must be UTF-8, a table may be in any encoding of [`decode`].
pub fn decode_file(name: &str, bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if name.ends_with(".toml") {
        decode_toml(bytes)
    } else {
        decode(bytes)
    }
}

/// Decodes a table's bytes; the error says which line breaks which rule
/// and how to convert the file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut decoded = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        if encoding == UTF_8 {
            utf8(&bytes[bom..])?
        } else {
            utf16(encoding, &bytes[bom..])?
        }
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        utf16(encoding, bytes)?
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
        }
    } else if let Some(at) = utf8_with_stray_bytes(bytes) {
        return Err(DecodeError {
            line: Some(line_at(bytes, at)),
            rule: format!(
                "is UTF-8 text except for {} on this line, which is not UTF-8 (a character pasted from another encoding?); {ACCEPTED}",
                show_bytes(&bytes[at..], 1)
            ),
        });
    } else {
        gb2312(bytes)?
    };
    if let Some(at) = decoded.text.find('\0') {
        return Err(DecodeError {
            line: Some(decoded.text[..at].matches('\n').count() + 1),
            rule: "contains NUL characters: it is not a text file (save it as \"CSV UTF-8\")"
                .into(),
        });
    }
    // Old Mac line ends (CR alone) become line feeds, so lines count right.
    if decoded.text.contains('\r') && !decoded.text.contains('\n') {
        decoded.text = decoded.text.replace('\r', "\n");
    }
    Ok(decoded)
}

/// Decodes a TOML file (instance.toml, a model file, a scenario file):
/// UTF-8, with or without BOM, and nothing else.
pub fn decode_toml(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let refuse = |line: usize, what: String| {
        DecodeError {
        line: Some(line),
        rule: format!(
            "{what}, but a TOML file must be UTF-8 (the TOML standard; docs/instance-format.md, \"Encodings\"): save it as UTF-8 (in Notepad: \"Save As\" → Encoding \"UTF-8\")"
        ),
    }
    };
    let utf16 = Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .filter(|&e| e != UTF_8)
        .or_else(|| utf16_without_bom(bytes));
    if let Some(encoding) = utf16 {
        return Err(refuse(1, format!("is {} text", encoding.name())));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
        }),
        Err(e) => {
            let at = e.valid_up_to();
            let what = match gb2312(body) {
                Ok(_) => "looks like GB18030 (GBK) text".to_string(),
                Err(_) => format!("holds {}, which is not UTF-8,", show_bytes(&body[at..], 1)),
            };
            Err(refuse(
                line_at(body, at),
                format!("{what} from this line on"),
            ))
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
        }),
        Err(e) => Err(DecodeError {
            line: Some(line_at(bytes, e.valid_up_to())),
            rule: format!(
                "starts with the byte-order mark of UTF-8 but holds {} on this line, which is not UTF-8; {ACCEPTED}",
                show_bytes(&bytes[e.valid_up_to()..], 1)
            ),
        }),
    }
}

/// UTF-16 of either byte order, every surrogate paired.
fn utf16(encoding: &'static Encoding, bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let big_endian = encoding == UTF_16BE;
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut line = 1;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                line += usize::from(c == '\n');
                text.push(c);
            }
            Err(e) => {
                return Err(DecodeError {
                    line: Some(line),
                    rule: format!(
                        "is {} text with a broken character on this line (the unpaired surrogate 0x{:04X}); {ACCEPTED}",
                        encoding.name(),
                        e.unpaired_surrogate()
                    ),
                })
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(DecodeError {
            line: Some(line),
            rule: format!(
                "is {} text but ends in half a character (an odd number of bytes): the file is cut off; {ACCEPTED}",
                encoding.name()
            ),
        });
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
    })
}

/// Where a file that is not UTF-8 as a whole still reads as UTF-8 text
/// with a few stray bytes (more UTF-8 characters beyond ASCII than broken
/// sequences): the offset of its first stray byte. GBK text has about two
/// broken sequences per character, a Latin-1 file one per accented letter.
fn utf8_with_stray_bytes(bytes: &[u8]) -> Option<usize> {
    let (mut wide, mut broken, mut offset) = (0, 0, 0);
    let mut first = None;
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            broken += 1;
            first.get_or_insert(offset);
            offset += chunk.invalid().len();
        }
    }
    first.filter(|_| wide > broken)
}

/// GB18030 (GBK) text whose every character beyond ASCII is one of
/// GB2312's (two bytes, the first in A1–A9 (symbols) or B0–F7 (hanzi), the
/// second in A1–FE) or of the punctuation GBK adds in row A8 (A840–A895:
/// – ― ‥ ℅ ↖ ═ …). Latin-1 (Windows-1252) text breaks this on its first
/// accented letter before an ASCII one (`ü` + `l`: GBK's 黮), and two
/// accented letters in a row between Latin letters (`Informação`: 玢 in the
/// middle of a word) are refused as well.
fn gb2312(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let letter = |at: Option<usize>| {
        at.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphabetic)
    };
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead.is_ascii() {
            i += 1;
            continue;
        }
        let trail = bytes.get(i + 1).copied();
        let in_gb2312 =
            matches!(lead, 0xA1..=0xA9 | 0xB0..=0xF7) && matches!(trail, Some(0xA1..=0xFE));
        // GBK's row A8 punctuation (the en dash – among it): Latin-1 would
        // read "¨" before a letter, which no Latin-1 text writes.
        let gbk_punctuation = lead == 0xA8 && matches!(trail, Some(0x40..=0x7E | 0x80..=0x95));
        let latin_pair = in_gb2312
            && lead >= 0xC0
            && trail.is_some_and(|t| t >= 0xC0)
            && letter(i.checked_sub(1))
            && letter(Some(i + 2));
        if !(in_gb2312 || gbk_punctuation) || latin_pair {
            let shown = show_bytes(&bytes[i..], 2);
            let rule = if latin_pair {
                format!("{shown} between Latin letters read as one rare Chinese character in GBK, but are far more likely two accented letters of a Latin-1 (Windows-1252) file, which is not read")
            } else {
                format!("{shown} are neither UTF-8 nor a GB2312 character of GBK (a Latin-1 or Windows-1252 file, or a rarer GBK character, is not read)")
            };
            return Err(DecodeError {
                line: Some(line_at(bytes, i)),
                rule: format!("{rule}; {ACCEPTED}"),
            });
        }
        i += 2;
    }
    let text = GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| DecodeError {
            line: None,
            rule: format!("is not text in UTF-8, UTF-16 or GB18030 (GBK); {ACCEPTED}"),
        })?;
    // Codes GB2312 leaves unassigned decode to the private use area.
    if let Some(at) = text.find(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)) {
        return Err(DecodeError {
            line: Some(text[..at].matches('\n').count() + 1),
            rule: format!(
                "holds a code GB2312 leaves unassigned on this line: it is not GBK text; {ACCEPTED}"
            ),
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: GB18030.name(),
    })
}

/// 1-based line of the byte at `offset` of ASCII-compatible bytes.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// `bytes 0xFC 0x6C` (up to `n`), with what Latin-1 would read in them
/// when every one is a printable Latin-1 byte.
fn show_bytes(bytes: &[u8], n: usize) -> String {
    let shown = &bytes[..n.min(bytes.len())];
    let hex: Vec<String> = shown.iter().map(|b| format!("0x{b:02X}")).collect();
    let noun = if shown.len() == 1 { "byte" } else { "bytes" };
    let latin1 = shown
        .iter()
        .all(|&b| b >= 0xA0 || (0x20..0x7F).contains(&b))
        .then(|| shown.iter().map(|&b| char::from(b)).collect::<String>());
    match latin1 {
        Some(text) => format!("{noun} {} (\"{text}\" in Latin-1)", hex.join(" ")),
        None => format!("{noun} {}", hex.join(" ")),
    }
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
    fn latin1_and_broken_bytes_are_refused_by_line() {
        let line = |bytes: &[u8]| decode(bytes).unwrap_err().line;
        // ü before a letter is GBK's 黮; ü before a comma is no GBK at all.
        assert_eq!(line(b"id,name\nchip,M\xFCller\n"), Some(2));
        assert_eq!(line(b"id,name\n\nchip,J\xFC,x\n"), Some(3));
        // çã between letters would read as one rare character.
        let pair = decode(b"id,name\nchip,Informa\xE7\xE3o\n").unwrap_err();
        assert!(pair.rule.contains("between Latin letters"), "{}", pair.rule);
        // The same GB2312 pair next to Chinese text or a comma is Chinese.
        let gbk = encoding_rs::GBK.encode("id,name\nchip,集成电路A\n").0;
        assert_eq!(decode(&gbk).unwrap().text, "id,name\nchip,集成电路A\n");
        // GBK's en dash is read; Latin-1's "°C" (GBK's rare 癈) is not.
        let dash = encoding_rs::GBK.encode("id,name\nic,集成电路 2023–24\n").0;
        assert!(decode(&dash).unwrap().text.contains("2023–24"));
        assert_eq!(line(b"id,note\nic,at 20\xB0C\n"), Some(2));
        // UTF-8 Chinese with one stray byte is refused, not read as GBK.
        let stray = ["id,name\n芯片\n".as_bytes(), b"\xE9\n"].concat();
        let e = decode(&stray).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.rule.contains("is UTF-8 text except"), "{}", e.rule);
        // A UTF-16 file cut in the middle of a character.
        assert!(decode(b"\xFF\xFEi\x00d\x00\n").is_err());
    }

    #[test]
    fn toml_files_must_be_utf8() {
        assert_eq!(
            decode_toml(b"\xEF\xBB\xBFname = 1\n").unwrap().text,
            "name = 1\n"
        );
        let gbk = encoding_rs::GBK
            .encode("name = 1\ndescription = \"两个基础\"\n")
            .0;
        let e = decode_toml(&gbk).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(
            e.rule.contains("GB18030") && e.rule.contains("must be UTF-8"),
            "{}",
            e.rule
        );
        let utf16: Vec<u8> = "name = 1\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(decode_toml(&utf16).unwrap_err().rule.contains("UTF-16LE"));
        assert!(decode_file("instance.toml", &gbk).is_err());
        assert!(decode_file("areas.csv", &gbk).is_ok());
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
