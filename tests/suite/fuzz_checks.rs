//! The fuzz targets' checks (see `fuzz/`), run on generated input as ordinary tests so that
//! every CI run exercises them without a nightly toolchain.

use proptest::prelude::*;

use brief::harness::{check_escaping, load_collection_text};

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Escaped markup parses back to plain text equal to the input; string literals read back.
    #[test]
    fn escaping_round_trips_through_the_typst_parser(text in "(\\PC|[#$*_`<>@\\[\\]~\"'=+/:.\\\\\\-\n\r\t\u{7}\u{2028}])*") {
        if let Err(e) = check_escaping(&text) {
            return Err(TestCaseError::fail(e));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    /// YAML-ish text of records never panics the loader.
    #[test]
    fn the_loader_reports_problems_instead_of_panicking(
        lines in proptest::collection::vec(
            "(- |  |    )?(id|title|kind|start|end|sources|party|role|text|[a-z]{1,6})?(: )?(\\[|\\{|&a |\\*a|!!str |'|\")?[a-zA-Z0-9 ,:\\-\\]\\}'\"#]{0,16}",
            0..24,
        )
    ) {
        let text = lines.join("\n");
        let _ = load_collection_text(&text);
    }
}
