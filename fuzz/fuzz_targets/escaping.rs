//! Any text, escaped for Typst markup, parses back to exactly that text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(e) = brief::harness::check_escaping(text) {
        panic!("{e}");
    }
});
