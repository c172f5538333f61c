//! Any bytes as an instance workbook (.xlsx): an instance or input errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = qiangji::instance::workbook::load_workbook_bytes(data, &Default::default());
});
