//! Fixtures for unit tests.

use std::path::Path;

use crate::instance::{load, Instance, LoadOptions};

/// The bundled demo instance (2 areas, 3 items, 2 provinces, 3 years).
pub fn tiny_instance() -> Instance {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/demo");
    load(&root, &LoadOptions::default()).expect("the demo instance is valid")
}
