//! Any bytes as `items.csv` of the demo instance: an instance or input errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = qiangji::instance::harness::load_with("items.csv", data);
});
