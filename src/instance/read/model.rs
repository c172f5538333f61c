//! Finding and reading the model file: the path given with `--model`, else
//! the one `instance.toml` names, relative to the instance folder, else a
//! model bundled with qiangji of the same file name (so an instance copied
//! elsewhere keeps working, and an installed binary needs no models/ folder).

use std::path::{Path, PathBuf};

use super::{sha256_hex, Reader, MANIFEST};
use crate::instance::error::{Collector, InputError};
use crate::instance::model_file::ModelConfig;
use crate::instance::toml_lines::key_line;

/// The model files shipped in `models/`, embedded in the binary.
pub const BUNDLED: &[(&str, &str)] =
    &[("default.toml", include_str!("../../../models/default.toml"))];

/// A model file as found: where it came from, its hash and its parsed content.
pub struct FoundModel {
    pub path: PathBuf,
    pub hash: String,
    pub config: Option<ModelConfig>,
}

/// The bundled model called `name` (a file name such as `default.toml`).
pub fn bundled(name: &str) -> Option<&'static str> {
    BUNDLED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// Reads the model file named on the command line (`override_path`) or in
/// instance.toml (`named`, found relative to the instance, then bundled).
pub fn read(
    r: &mut Reader,
    override_path: Option<&Path>,
    named: Option<&str>,
    manifest_text: Option<&str>,
) -> Option<FoundModel> {
    let (path, bytes) = match (override_path, named) {
        (Some(path), _) => match std::fs::read(path) {
            Ok(bytes) => (path.to_path_buf(), bytes),
            Err(e) => {
                r.sink.push(InputError {
                    file: path.display().to_string(),
                    line: None,
                    field: Some("--model".into()),
                    value: None,
                    rule: format!("model file cannot be read ({e})"),
                });
                return None;
            }
        },
        (None, Some(named)) => {
            let line = manifest_text.and_then(|t| key_line(t, "", "model"));
            match r.source.read_relative(named) {
                Ok(Some(found)) => found,
                Ok(None) => {
                    let file_name = Path::new(named)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    match bundled(&file_name) {
                        Some(text) => (
                            PathBuf::from(format!("(bundled) models/{file_name}")),
                            text.as_bytes().to_vec(),
                        ),
                        None => {
                            let names: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
                            Collector::new(MANIFEST, &mut r.sink).at(
                                line,
                                "model",
                                named,
                                &format!(
                                    "model file cannot be read (no such file relative to the instance folder, and no bundled model of that name; bundled: {})",
                                    names.join(", ")
                                ),
                            );
                            return None;
                        }
                    }
                }
                Err(rule) => {
                    Collector::new(MANIFEST, &mut r.sink).at(
                        line,
                        "model",
                        named,
                        &format!("model file cannot be read: it {rule}"),
                    );
                    return None;
                }
            }
        }
        (None, None) => return None,
    };
    let hash = sha256_hex(&bytes);
    let label = path.display().to_string();
    let config = match crate::instance::text::decode_toml(&bytes) {
        Ok(decoded) => ModelConfig::parse(&decoded.text, &mut Collector::new(label, &mut r.sink)),
        Err(e) => {
            Collector::new(label, &mut r.sink).file(e.line, &e.rule);
            None
        }
    };
    Some(FoundModel { path, hash, config })
}
