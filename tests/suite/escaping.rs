//! Escaping, end to end through the library: strings full of Typst syntax are printed by a
//! template in markup (block and inline) and passed in code mode, compiled to PDF, and the
//! text read back from the PDF must equal the input.

const TEMPLATE: &str = r#"#set page(width: auto, height: auto, margin: 1cm)
#set text(font: "Libertinus Serif", hyphenate: false)
#set par(justify: false)
{% for s in strings %}
MARKB{{ loop.index }}B {{ s }} MARKE{{ loop.index }}E

= MARKH{{ loop.index }}H {{ s|inline }} MARKI{{ loop.index }}I

#text({{ s|typst }}) MARKC{{ loop.index }}C
{% endfor %}
"#;

/// Compiles `strings` through the test template and returns the PDF's text.
fn round_trip(strings: &[String]) -> String {
    let root = tempfile::tempdir().unwrap();
    let templates = root.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("t.typ.j2"), TEMPLATE).unwrap();
    let context = serde_json::json!({ "strings": strings });
    crate::support::pdf_text(&crate::support::render_pdf(root.path(), "t", &context))
}

/// The text between two markers, whitespace removed.
fn between(text: &str, start: &str, end: &str) -> String {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("marker {start} missing"))
        + start.len();
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("marker {end} missing"));
    text[from..to]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn check(strings: &[String]) {
    let text = round_trip(strings);
    for (i, s) in strings.iter().enumerate() {
        let n = i + 1;
        // Control characters other than line breaks print as U+FFFD in markup.
        let expected: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect();
        for (a, b, what) in [
            (format!("MARKB{n}B"), format!("MARKE{n}E"), "markup"),
            (format!("MARKH{n}H"), format!("MARKI{n}I"), "heading"),
        ] {
            assert_eq!(between(&text, &a, &b), expected, "{what} of {s:?}");
        }
        let code: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect();
        let before = if n == 1 {
            "".to_owned()
        } else {
            format!("MARKC{}C", n - 1)
        };
        let seen = between(&text, &format!("MARKI{n}I"), &format!("MARKC{n}C"));
        assert_eq!(
            seen.replace('\u{FFFD}', ""),
            code,
            "code mode of {s:?} {before}"
        );
    }
}

#[test]
fn documented_vectors_and_special_characters_round_trip() {
    let mut strings: Vec<String> = [
        "#let x = 1",
        "$x^2$",
        "*bold* _em_",
        "<label> @ref",
        r"back\slash",
        "= Heading",
        "- item",
        "+ item",
        "/ Term: desc",
        "12. twelve",
        "a // c",
        "https://e.com",
        "-- --- ...",
        r#"'single' "dbl""#,
        "Привет #мир",
        "İstanbul Görüşmeleri, Şişli, ığüöç",
        r#"#panic("ran") #set page(fill: red)"#,
        "{{ x }} {% if %} {# c #}",
        "`raw` ```block```",
        r"\u{41} \ trailing \",
        "a /* b */ c",
        "~ nbsp -? shy",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Each special character at the start, in the middle and at the end, and at a line start.
    for tok in [
        "#", "$", "*", "_", "`", "<", ">", "@", "[", "]", "\\", "~", "\"", "'", "--", "...", "//",
        "=", "-", "+", "1.", "/", ":", "(", ")",
    ] {
        strings.push(format!("{tok}x"));
        strings.push(format!("x {tok} y"));
        strings.push(format!("x{tok}"));
        strings.push(format!("line\n{tok} start"));
    }
    check(&strings);
}

/// A small deterministic generator (xorshift), so failures reproduce without a seed file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_strings_weighted_to_typst_syntax_round_trip() {
    let alphabet: Vec<char> = "#$*_`<>@[]\\~\"'-.=/+:;(){}%!?&|^0123456789 \n\tabcxyzДжИşğİ—"
        .chars()
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let strings: Vec<String> = (0..150)
        .map(|_| {
            let len = 1 + (rng.next() % 24) as usize;
            let s: String = (0..len)
                .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
                .collect();
            // Markers are made of capital letters and digits; keep strings from forming one.
            s.trim().to_owned()
        })
        .filter(|s| !s.is_empty())
        .collect();
    check(&strings);
}
