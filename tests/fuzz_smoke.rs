//! The fuzz harness on stable Rust: every instance file reader gets a few
//! thousand generated inputs — arbitrary bytes, and the demo's own file with
//! bytes replaced, inserted or removed (Excel error values, quotes,
//! separators, extreme numbers, other encodings). Each must give an
//! instance or input errors, never a panic.

use proptest::prelude::*;
use qiangji::instance::harness::{demo_files, load_with, FILES};

/// The demo's text of `file` (the bundled model for `model.toml`; empty for
/// optional tables the demo lacks, with a valid header).
fn seed(file: &str) -> Vec<u8> {
    match file {
        "model.toml" => include_bytes!("../models/default.toml").to_vec(),
        "item_advantage.csv" => b"item,province,advantage\nchip,east,1.5\n".to_vec(),
        "chain_links.csv" => b"item,needs,max_lead\nchip,alloy,0.2\n".to_vec(),
        "provincial_budgets.csv" => b"province,year,budget_yi\neast,2025,12\n".to_vec(),
        _ => demo_files()[file].clone(),
    }
}

const TOKENS: [&str; 16] = [
    "#N/A", "#REF!", "\"", ",", "\n", "#", "1e308", "-1e-320", "NaN", "\u{feff}", "=", "[", "]]",
    "\r\n", "芯片", "\0",
];

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, usize)]) -> Vec<u8> {
    for &(at, kind, token) in edits {
        let at = if bytes.is_empty() {
            0
        } else {
            at % (bytes.len() + 1)
        };
        match kind % 3 {
            0 => {
                let t = TOKENS[token % TOKENS.len()].as_bytes();
                bytes.splice(at..at, t.iter().copied());
            }
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ if at < bytes.len() => bytes[at] = token as u8,
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(11),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_files_load_or_fail_cleanly(
        file in 0..FILES.len(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 1..8),
    ) {
        let name = FILES[file];
        let _ = load_with(name, &mutate(seed(name), &edits));
    }

    #[test]
    fn arbitrary_bytes_load_or_fail_cleanly(
        file in 0..FILES.len(),
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let _ = load_with(FILES[file], &bytes);
    }

}

/// Every table in GBK and in UTF-16 loads exactly like the UTF-8 original.
#[test]
fn gbk_and_utf16_versions_load_like_the_original() {
    for name in FILES.iter().skip(2) {
        let text = String::from_utf8(seed(name)).unwrap();
        let summary = |bytes: &[u8]| {
            load_with(name, bytes)
                .map(|i| (i.items.len(), i.provinces.len(), i.links.len()))
                .map_err(|e| e.to_string())
        };
        let original = summary(text.as_bytes());
        assert_eq!(
            summary(&encoding_rs::GBK.encode(&text).0),
            original,
            "{name} in GBK"
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(summary(&utf16), original, "{name} in UTF-16");
    }
}

/// Every seed the fuzzers start from loads (a crash found later is added below it).
#[test]
fn every_seed_loads() {
    for name in FILES {
        assert!(load_with(name, &seed(name)).is_ok(), "{name}");
    }
}
