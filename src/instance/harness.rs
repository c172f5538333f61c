//! Loading an instance from bytes in memory, for fuzzing and property tests:
//! the demo instance (embedded) with one file replaced. Every input must end
//! in an instance or in input errors — never a panic. A fuzz target for a new
//! file kind is one call of [`load_with`] (see fuzz/README.md).

use std::collections::BTreeMap;

use super::source::Memory;
use super::{load_from, InputErrors, Instance, LoadOptions};

/// The demo instance's files, embedded (its model file is the bundled one).
const DEMO: [(&str, &str); 6] = [
    (
        "instance.toml",
        include_str!("../../instances/demo/instance.toml"),
    ),
    ("areas.csv", include_str!("../../instances/demo/areas.csv")),
    ("items.csv", include_str!("../../instances/demo/items.csv")),
    (
        "provinces.csv",
        include_str!("../../instances/demo/provinces.csv"),
    ),
    (
        "advantage.csv",
        include_str!("../../instances/demo/advantage.csv"),
    ),
    (
        "platforms.csv",
        include_str!("../../instances/demo/platforms.csv"),
    ),
];

/// The demo instance as files in memory.
pub fn demo_files() -> BTreeMap<String, Vec<u8>> {
    DEMO.iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect()
}

/// Loads the demo instance with `file` (e.g. `items.csv`, `instance.toml`,
/// or `model.toml` for a model file the instance then names) replaced by
/// `bytes`.
pub fn load_with(file: &str, bytes: &[u8]) -> Result<Instance, InputErrors> {
    let mut files = demo_files();
    if file == "model.toml" {
        let toml = String::from_utf8_lossy(&files["instance.toml"])
            .replace("../../models/default.toml", "model.toml");
        files.insert("instance.toml".into(), toml.into_bytes());
    }
    files.insert(file.to_string(), bytes.to_vec());
    load_from(&Memory::new(files), &LoadOptions::default())
}

/// The files a fuzz target or property test may replace.
pub const FILES: [&str; 10] = [
    "instance.toml",
    "model.toml",
    "areas.csv",
    "items.csv",
    "provinces.csv",
    "advantage.csv",
    "platforms.csv",
    "item_advantage.csv",
    "chain_links.csv",
    "provincial_budgets.csv",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_demo_loads_and_a_broken_file_is_an_input_error() {
        let inst = load_with("areas.csv", DEMO[1].1.as_bytes()).expect("the demo loads");
        assert_eq!(inst.items.len(), 3);
        assert!(inst.model_path.to_string_lossy().contains("bundled"));
        let errors = load_with("items.csv", b"id\nchip\n").unwrap_err();
        assert!(errors.iter().any(|e| e.file == "items.csv"));
        let model = include_str!("../../models/default.toml");
        assert!(load_with("model.toml", model.as_bytes()).is_ok());
    }
}
