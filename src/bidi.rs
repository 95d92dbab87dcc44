//! Bidirectional controls kept inside the value they come in: every text read from a fact
//! base closes what it opens (see [`isolate_bidi`]), so that joining values — a city and
//! its country, a name and a title — can never reverse the text after one of them.

/// A value whose bidirectional controls cannot reach outside it: every embedding or override
/// it opens (LRE, RLE, LRO, RLO) is closed with a PDF, and every isolate (LRI, RLI, FSI) with a
/// PDI, at its end, and stray closers it has are dropped. Text without such controls is
/// returned as it is.
pub fn isolate_bidi(text: &str) -> std::borrow::Cow<'_, str> {
    const OPENERS: [char; 4] = ['\u{202A}', '\u{202B}', '\u{202D}', '\u{202E}'];
    const ISOLATES: [char; 3] = ['\u{2066}', '\u{2067}', '\u{2068}'];
    if !text.chars().any(|c| {
        OPENERS.contains(&c) || ISOLATES.contains(&c) || c == '\u{202C}' || c == '\u{2069}'
    }) {
        return std::borrow::Cow::Borrowed(text);
    }
    // The stack of what is open, innermost last: `true` for an isolate.
    let mut open: Vec<bool> = Vec::new();
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if OPENERS.contains(&c) {
            open.push(false);
        } else if ISOLATES.contains(&c) {
            open.push(true);
        } else if c == '\u{202C}' {
            // A PDF closes the innermost embedding, not past an isolate.
            if open.last() != Some(&false) {
                continue;
            }
            open.pop();
        } else if c == '\u{2069}' {
            // A PDI closes the innermost isolate and every embedding inside it.
            match open.iter().rposition(|&isolate| isolate) {
                Some(i) => open.truncate(i),
                None => continue,
            }
        }
        out.push(c);
    }
    for isolate in open.into_iter().rev() {
        out.push(if isolate { '\u{2069}' } else { '\u{202C}' });
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::isolate_bidi;

    #[test]
    fn open_bidi_controls_are_closed_within_the_value() {
        assert_eq!(isolate_bidi("Bergen"), "Bergen");
        assert_eq!(isolate_bidi("Bergen\u{202E}"), "Bergen\u{202E}\u{202C}");
        assert_eq!(
            isolate_bidi("a\u{2067}b\u{202B}c"),
            "a\u{2067}b\u{202B}c\u{202C}\u{2069}"
        );
        // Balanced text stays as it is; stray closers go.
        assert_eq!(isolate_bidi("\u{2068}x\u{2069}"), "\u{2068}x\u{2069}");
        assert_eq!(isolate_bidi("x\u{202C}\u{2069}y"), "xy");
    }
}
