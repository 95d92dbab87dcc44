//! Entry points for fuzzing (`fuzz/`) and for the tests that run the same checks on
//! generated input. Not part of the stable interface.
//!
//! In: arbitrary text. Out: `Ok` when the property holds, or a description of the failure;
//! a panic anywhere below is a bug the fuzzer reports.

use std::sync::Arc;

use typst::syntax::{SyntaxKind, SyntaxNode};

use crate::diag::{Problem, SourceText};
use crate::facts::{COLLECTIONS, FactBase};
use crate::render::{escape_markup, string_literal};
use crate::yaml;

/// Reads `text` as a file of every collection (records only, no cross-checks) and returns the
/// problems found. Must never panic or hang, whatever the bytes.
pub fn load_collection_text(text: &str) -> Vec<Problem> {
    let file: Arc<SourceText> = SourceText::new("fuzz.yaml", text);
    let node = match yaml::parse(&file) {
        Ok(node) => node,
        Err(problem) => return vec![*problem],
    };
    let mut problems = Vec::new();
    for collection in COLLECTIONS {
        let mut base = FactBase::default();
        let mut reader = yaml::Reader {
            file: &file,
            problems: &mut problems,
        };
        crate::facts::read_collection(&mut reader, collection, &node, &mut base);
    }
    for problem in &problems {
        let _ = problem.render();
    }
    problems
}

/// Escaping for markup must parse back to plain text equal to `text` (with whitespace runs
/// folded, as Typst displays them), in block and inline contexts; the string literal must
/// parse to a string equal to `text`.
pub fn check_escaping(text: &str) -> Result<(), String> {
    for inline in [false, true] {
        let escaped = escape_markup(text, inline);
        let tree = typst::syntax::parse(&escaped);
        let mut shown = String::new();
        collect_text(&tree, &mut shown)?;
        let expected = fold_whitespace(&displayed(text));
        if fold_whitespace(&shown) != expected {
            return Err(format!(
                "markup (inline: {inline}) of {text:?} shows {shown:?}, expected {expected:?}; escaped: {escaped:?}"
            ));
        }
    }
    let literal = string_literal(text);
    let code = typst::syntax::parse_code(&literal);
    let string = code
        .children()
        .find(|c| c.kind() == SyntaxKind::Str)
        .ok_or_else(|| format!("string literal of {text:?} is not a string: {literal:?}"))?;
    let value = string
        .cast::<typst::syntax::ast::Str>()
        .map(|s| s.get())
        .ok_or_else(|| format!("cannot read the literal {literal:?}"))?;
    if value.as_str() != text || !code.errors_and_warnings().0.is_empty() {
        return Err(format!(
            "string literal of {text:?} reads back as {value:?}"
        ));
    }
    Ok(())
}

/// What markup escaping promises to display: line breaks normalised, controls replaced.
fn displayed(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\t' => ' ',
            c if c.is_control() && c != '\n' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collects the text a markup tree displays; any node that is not plain text is an error.
fn collect_text(node: &SyntaxNode, out: &mut String) -> Result<(), String> {
    match node.kind() {
        SyntaxKind::Markup => {
            for child in node.children() {
                collect_text(child, out)?;
            }
            Ok(())
        }
        SyntaxKind::Text => {
            out.push_str(node.leaf_text());
            Ok(())
        }
        SyntaxKind::Space | SyntaxKind::Parbreak => {
            out.push(' ');
            Ok(())
        }
        SyntaxKind::Escape => {
            let text = node.leaf_text();
            let c = text
                .strip_prefix('\\')
                .ok_or_else(|| format!("odd escape {text:?}"))?;
            if c.starts_with("u{") {
                return Err(format!("unicode escape {text:?} in escaped output"));
            }
            out.push_str(c);
            Ok(())
        }
        other => Err(format!(
            "escaped text parsed as {other:?}: {:?}",
            node.leaf_text()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_holds_for_tricky_inputs() {
        for text in [
            "#let x = 1",
            "= a\n- b\n+ c\n1. d\n/ e: f",
            "\\u{41} \\",
            "a\u{7}b\r\nc\u{2028}d",
            "```raw``` $m$ <l> @r",
            "",
            "   ",
            "'\"",
        ] {
            check_escaping(text).unwrap();
        }
    }

    #[test]
    fn loading_reports_rather_than_panics() {
        assert!(!load_collection_text("- id: [").is_empty());
        assert!(!load_collection_text("- { id: x, titel: y }").is_empty());
        assert!(load_collection_text("").is_empty());
    }
}
