//! Escaping text for Typst, as `shared/design/TYPST.md` specifies: for markup (every
//! `{{ value }}` in a template) and as a code-mode string literal (`|typst`).

/// Characters that have a meaning in Typst markup somewhere, escaped with a backslash.
const MARKUP_SPECIAL: &[char] = &[
    '\\', '/', '[', ']', '~', '-', '.', '\'', '"', '*', '_', ':', '`', '$', '<', '>', '@', '#',
    '=', '+', '(',
];

/// Escapes text for Typst markup: the result displays as exactly `text` and contains no
/// markup, code, math or raw syntax. `inline` turns line breaks into spaces (for headings,
/// list items and table cells); otherwise paragraph breaks are kept.
pub fn escape_markup(text: &str, inline: bool) -> String {
    let isolated = crate::bidi::isolate_bidi(text);
    let text = isolated.as_ref();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                '\n'
            }
            '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => '\n',
            c => c,
        };
        if c == '\n' {
            if inline {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push('\n');
            }
        } else if c == '\t' {
            out.push(' ');
        } else if c.is_control() {
            out.push('\u{FFFD}');
        } else {
            if MARKUP_SPECIAL.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A Typst string literal (code mode) that evaluates to exactly `text`.
pub fn string_literal(text: &str) -> String {
    let isolated = crate::bidi::isolate_bidi(text);
    let text = isolated.as_ref();
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vectors of `shared/design/TYPST.md`.
    #[test]
    fn markup_escaping_matches_the_documented_vectors() {
        let vectors = [
            ("#let x = 1", r"\#let x \= 1"),
            ("$x^2$", r"\$x^2\$"),
            ("*bold* _em_", r"\*bold\* \_em\_"),
            ("<label> @ref", r"\<label\> \@ref"),
            (r"back\slash", r"back\\slash"),
            ("= Heading", r"\= Heading"),
            ("- item", r"\- item"),
            ("+ item", r"\+ item"),
            ("/ Term: desc", r"\/ Term\: desc"),
            ("12. twelve", r"12\. twelve"),
            ("a // c", r"a \/\/ c"),
            ("https://e.com", r"https\:\/\/e\.com"),
            ("-- --- ...", r"\-\- \-\-\- \.\.\."),
            (r#"'single' "dbl""#, r#"\'single\' \"dbl\""#),
            ("Привет #мир", r"Привет \#мир"),
        ];
        for (input, expected) in vectors {
            assert_eq!(escape_markup(input, false), expected, "input: {input}");
        }
    }

    #[test]
    fn newlines_and_controls_are_normalised() {
        assert_eq!(escape_markup("a\r\nb\rc\u{2028}d", false), "a\nb\nc\nd");
        assert_eq!(escape_markup("a\n\n\nb", true), "a b");
        assert_eq!(escape_markup("a\u{7}b\u{0}", false), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(escape_markup("tab\there", false), "tab here");
    }

    #[test]
    fn string_literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string_literal("l1\nl2\t\u{1}"), r#""l1\nl2\t\u{1}""#);
    }
}
