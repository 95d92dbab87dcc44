//! Any bytes as a fact-base collection file: the loader reports problems, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = brief::harness::load_collection_text(text);
    }
});
