//! Excerpt verification: a fact base and a folder of source texts → problems for every
//! cited `excerpt` that does not occur in the text of its source.
//!
//! Comparison ignores differences a curator cannot see or should not have to copy exactly:
//! runs of whitespace and line breaks count as one space, and typographic quotes match
//! straight ones. Everything else, Unicode included, must match as written.

use std::collections::HashMap;

use super::*;

/// Checks every excerpt against `dir/<source.file>`.
pub fn verify_excerpts(base: &FactBase, dir: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut texts: HashMap<&str, Option<String>> = HashMap::new();
    for source in &base.sources {
        let Some(file) = &source.file else { continue };
        // A name that is not a plain relative path was refused by the checks already: it is
        // never opened.
        let name = Path::new(&file.value);
        if name.is_absolute()
            || name
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            texts.insert(&source.id.value, None);
            continue;
        }
        let path = dir.join(name);
        let text = match super::files::read_inside(&path, dir) {
            Ok(bytes) => Some(normalise(&String::from_utf8_lossy(&bytes))),
            Err(why) => {
                problems.push(
                    Problem::error(format!(
                        "the text of source `{}` cannot be read: {why}",
                        source.id.value
                    ))
                    .at(file.at.clone())
                    .help("check the `file` name, or the folder given with `--sources`"),
                );
                None
            }
        };
        texts.insert(&source.id.value, text);
    }
    for citation in base.citations() {
        let Some(excerpt) = &citation.excerpt else {
            continue;
        };
        let id = citation.source.value.as_str();
        match texts.get(id) {
            Some(Some(text)) => {
                if !text.contains(&normalise(&excerpt.value)) {
                    problems.push(
                        Problem::error(format!("excerpt not found in the text of source `{id}`"))
                            .at(excerpt.at.clone())
                            .help("copy the passage verbatim from the source (spacing and quote styles may differ)"),
                    );
                }
            }
            Some(None) => {} // reported above
            None => problems.push(
                Problem::warning(format!(
                    "excerpt cannot be verified: source `{id}` has no `file`"
                ))
                .at(excerpt.at.clone())
                .help("add `file:` to the source so its text can be checked"),
            ),
        }
    }
    problems
}

/// Folds whitespace runs into one space and typographic quotes into straight ones.
pub(super) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(match c {
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
            '‘' | '’' | '‚' | '‛' | '′' => '\'',
            c => c,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn normalising_folds_spacing_and_quotes_but_keeps_letters() {
        assert_eq!(normalise("  a\n\n b\t“c” ‘d’ "), "a b \"c\" 'd'");
        assert_eq!(normalise("Türkiye — Привет"), "Türkiye — Привет");
        assert_ne!(normalise("Turkiye"), normalise("Türkiye"));
    }
}
