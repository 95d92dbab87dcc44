//! What changed between two drawings of a page, as the browser applies it to the page it
//! shows: the elements that stayed are kept (moved, or with a new `transform`, when that is
//! all that changed), only new elements are sent as markup.
//!
//! In: two SVG pages as [`crate::compile`] draws them. Out: a [`Patch`], as JSON: `root`
//! (the new `<svg>` tag, for its namespaces), `fresh` (the markup of the new elements, in
//! order) and `kids` (the root's children, each one of
//! - `N`: the old root's child N, unchanged;
//! - `{"i": N, "t": T}`: the old child N with the transform T (`null`: none);
//! - `{"i": N, "k": [...]}`: the old child N, its children given the same way (with `t` when
//!   its transform changed too);
//! - `{"n": N}`: the N-th of `fresh`).
//!
//! An edit changes a few lines of a page: the browser then parses a few kilobytes and
//! repaints where they are, instead of reading and painting the page's megabyte again.
//! Elements are matched by their content without their own transform (a line that moved
//! down is the same line), in order; an element whose tag stayed but whose content changed
//! is patched inside. Elements holding text or comments are only ever replaced whole (the
//! browser's element children do not include them).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use serde::Serialize;

/// A page's elements, read once and kept with the page.
#[derive(Debug)]
pub struct Tree {
    svg: std::sync::Arc<String>,
    elements: Vec<Element>,
}

#[derive(Debug)]
struct Element {
    /// The whole element in the SVG.
    range: Range<usize>,
    /// Its start tag, attributes included (the whole element when it has no content).
    start: Range<usize>,
    /// Its transform, as the browser reads it (entities replaced).
    transform: Option<String>,
    /// Its element children, as indices into [`Tree::elements`].
    children: Vec<usize>,
    /// Whether it holds anything besides elements (text, comments): then it is only
    /// replaced whole.
    whole: bool,
    /// Its content and start tag without its transform: the same in a moved copy.
    key: u64,
    /// Its content and start tag.
    full: u64,
}

/// The changes that turn one drawing of a page into another (see the module's
/// documentation).
#[derive(Debug, Serialize)]
pub struct Patch {
    pub root: String,
    pub fresh: Vec<String>,
    pub kids: Vec<Kid>,
}

/// A child of an element after the change.
#[derive(Debug, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Kid {
    /// The old child with this index, unchanged.
    Kept(usize),
    /// The old child with this index, changed.
    Changed {
        i: usize,
        /// Its new transform (`Some(None)`: none any more), when it changed.
        #[serde(skip_serializing_if = "Option::is_none")]
        t: Option<Option<String>>,
        /// Its children, when they changed.
        #[serde(skip_serializing_if = "Option::is_none")]
        k: Option<Vec<Kid>>,
    },
    /// The new element with this index in [`Patch::fresh`].
    New { n: usize },
}

impl Tree {
    /// `svg`'s elements, or `None` when it is not well-formed XML.
    pub fn read(svg: std::sync::Arc<String>) -> Option<Tree> {
        let elements = {
            let document = roxmltree::Document::parse(&svg).ok()?;
            let mut elements = Vec::new();
            add(&svg, document.root_element(), &mut elements);
            elements
        };
        Some(Tree { svg, elements })
    }

    fn root(&self) -> &Element {
        // `add` pushes an element after its children: the root is the last.
        self.elements.last().expect("a document has a root element")
    }

    fn text(&self, range: &Range<usize>) -> &str {
        &self.svg[range.clone()]
    }
}

/// Adds `node` and its descendants to `elements`, children first; returns its index.
fn add(svg: &str, node: roxmltree::Node, elements: &mut Vec<Element>) -> usize {
    let range = node.range();
    let start = match node.first_child() {
        Some(first) => range.start..first.range().start,
        None => range.clone(),
    };
    let mut children = Vec::new();
    let mut whole = false;
    let mut full = std::hash::DefaultHasher::new();
    let mut key = std::hash::DefaultHasher::new();
    for child in node.children() {
        if child.is_element() {
            let index = add(svg, child, elements);
            children.push(index);
            elements[index].full.hash(&mut full);
            elements[index].full.hash(&mut key);
        } else {
            let text = &svg[child.range()];
            whole |= !(child.is_text() && text.trim().is_empty());
            text.hash(&mut full);
            text.hash(&mut key);
        }
    }
    let attribute = node.attributes().find(|a| a.name() == "transform");
    svg[start.clone()].hash(&mut full);
    match &attribute {
        Some(a) => {
            let at = a.range();
            svg[start.start..at.start].hash(&mut key);
            svg[at.end..start.end].hash(&mut key);
        }
        None => svg[start.clone()].hash(&mut key),
    }
    elements.push(Element {
        range,
        start,
        transform: attribute.map(|a| a.value().to_owned()),
        children,
        whole,
        key: key.finish(),
        full: full.finish(),
    });
    elements.len() - 1
}

/// The patch from `old` to `new`, or `None` when the page itself changed (its `<svg>` tag:
/// its size) and has to be loaded whole.
pub fn diff(old: &Tree, new: &Tree) -> Option<Patch> {
    let (old_root, new_root) = (old.root(), new.root());
    if old.text(&old_root.start) != new.text(&new_root.start) || old_root.whole || new_root.whole {
        return None;
    }
    let mut fresh = Vec::new();
    let kids = children(old, old_root, new, new_root, &mut fresh);
    Some(Patch {
        root: new.text(&new_root.start).to_owned(),
        fresh,
        kids,
    })
}

/// `new`'s children, from `old`'s where they can be kept.
fn children(
    old: &Tree,
    old_parent: &Element,
    new: &Tree,
    new_parent: &Element,
    fresh: &mut Vec<String>,
) -> Vec<Kid> {
    // The old children by content, each taken once, in order.
    let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, &e) in old_parent.children.iter().enumerate().rev() {
        by_key.entry(old.elements[e].key).or_default().push(i);
    }
    let mut used = vec![false; old_parent.children.len()];
    let mut kids: Vec<Option<Kid>> = (new_parent.children.iter())
        .map(|&e| {
            let element = &new.elements[e];
            let i = by_key.get_mut(&element.key)?.pop()?;
            used[i] = true;
            let was = &old.elements[old_parent.children[i]];
            Some(if was.full == element.full {
                Kid::Kept(i)
            } else {
                Kid::Changed {
                    i,
                    t: Some(element.transform.clone()),
                    k: None,
                }
            })
        })
        .collect();
    // What is left: an old child with the very same start tag is changed inside, when both
    // hold elements only; anything else is new.
    let mut by_start: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, &e) in old_parent.children.iter().enumerate().rev() {
        let element = &old.elements[e];
        if !used[i] && !element.whole && element.start != element.range {
            by_start
                .entry(old.text(&element.start))
                .or_default()
                .push(i);
        }
    }
    for (kid, &e) in kids.iter_mut().zip(&new_parent.children) {
        if kid.is_some() {
            continue;
        }
        let element = &new.elements[e];
        let same = (!element.whole && element.start != element.range)
            .then(|| by_start.get_mut(new.text(&element.start))?.pop())
            .flatten();
        *kid = Some(match same {
            Some(i) => {
                let was = &old.elements[old_parent.children[i]];
                Kid::Changed {
                    i,
                    t: None,
                    k: Some(children(old, was, new, element, fresh)),
                }
            }
            None => {
                fresh.push(new.text(&element.range).to_owned());
                Kid::New { n: fresh.len() - 1 }
            }
        });
    }
    kids.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn tree(svg: &str) -> Tree {
        Tree::read(Arc::new(svg.to_owned())).unwrap()
    }

    fn patch(old: &str, new: &str) -> Option<Patch> {
        diff(&tree(old), &tree(new))
    }

    /// Applies `patch` to `old` as the browser does, and writes the result.
    fn apply(old: &str, patch: &Patch) -> String {
        let old = tree(old);
        let root = old.root();
        let mut out = patch.root.clone();
        write_kids(&old, root, &patch.kids, &patch.fresh, &mut out);
        out.push_str("</svg>");
        out
    }

    fn write_kids(old: &Tree, parent: &Element, kids: &[Kid], fresh: &[String], out: &mut String) {
        for kid in kids {
            match kid {
                Kid::Kept(i) => out.push_str(old.text(&old.elements[parent.children[*i]].range)),
                Kid::New { n } => out.push_str(&fresh[*n]),
                Kid::Changed { i, t, k } => {
                    let element = &old.elements[parent.children[*i]];
                    let mut start = old.text(&element.start).to_owned();
                    if let Some(t) = t {
                        let was = element.transform.as_deref().unwrap();
                        start = start.replace(was, t.as_deref().unwrap());
                    }
                    out.push_str(&start);
                    match k {
                        Some(k) => {
                            write_kids(old, element, k, fresh, out);
                            let end = element
                                .children
                                .last()
                                .map_or(element.start.end, |&c| old.elements[c].range.end);
                            out.push_str(old.text(&(end..element.range.end)));
                        }
                        None => out.push_str(old.text(&(element.start.end..element.range.end))),
                    }
                }
            }
        }
    }

    const OLD: &str = r##"<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/><g transform="translate(1 1)"><path d="M1 1"/><path d="M2 2"/></g><g transform="translate(1 5)"><path d="M3 3"/></g><g transform="translate(1 8)"><path d="M4 4"/></g></svg>"##;

    /// An edited line is patched inside its group: only the new line's markup is sent; the
    /// lines after it, moved down, are kept with a new transform.
    #[test]
    fn only_what_changed_is_sent() {
        let new = r##"<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/><g transform="translate(1 1)"><path d="M1 1"/><path d="M9 9"/></g><g transform="translate(1 6)"><path d="M3 3"/></g><g transform="translate(1 8)"><path d="M4 4"/></g></svg>"##;
        let p = patch(OLD, new).unwrap();
        assert_eq!(p.fresh, vec![r#"<path d="M9 9"/>"#.to_owned()]);
        assert_eq!(
            p.kids,
            vec![
                Kid::Kept(0),
                Kid::Changed {
                    i: 1,
                    t: None,
                    k: Some(vec![Kid::Kept(0), Kid::New { n: 0 }])
                },
                Kid::Changed {
                    i: 2,
                    t: Some(Some("translate(1 6)".into())),
                    k: None
                },
                Kid::Kept(3),
            ]
        );
        assert_eq!(apply(OLD, &p), new);
        let json = serde_json::to_string(&p.kids).unwrap();
        assert_eq!(
            json,
            r#"[0,{"i":1,"k":[0,{"n":0}]},{"i":2,"t":"translate(1 6)"},3]"#
        );
    }

    /// Elements taken away, added, moved before others and repeated are all reproduced.
    #[test]
    fn removed_added_moved_and_repeated_elements() {
        let cases = [
            // The first group gone.
            r##"<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/><g transform="translate(1 5)"><path d="M3 3"/></g><g transform="translate(1 8)"><path d="M4 4"/></g></svg>"##,
            // Two groups swapped, a path repeated, one added at the end.
            r##"<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><g transform="translate(1 8)"><path d="M4 4"/></g><path d="M0 0"/><path d="M0 0"/><g transform="translate(1 5)"><path d="M3 3"/></g><rect width="1" height="1"/></svg>"##,
            // Everything new.
            r##"<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><rect width="2" height="2"/></svg>"##,
            // A transform taken away and one that holds an entity.
            r##"<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/><g><path d="M1 1"/><path d="M2 2"/></g><g transform="translate(1&#32;5)"><path d="M3 3"/></g><g transform="translate(1 8)"><path d="M4 4"/></g></svg>"##,
            // Nothing changed.
            OLD,
        ];
        for new in cases {
            let p = patch(OLD, new).unwrap();
            let applied = apply(OLD, &p).replace("translate(1 5)", "translate(1&#32;5)");
            let expected = new.replace("translate(1 5)", "translate(1&#32;5)");
            assert_eq!(applied, expected, "{new}");
        }
        // Nothing changed: nothing sent.
        let same = patch(OLD, OLD).unwrap();
        assert!(same.fresh.is_empty());
        assert!(same.kids.iter().all(|k| matches!(k, Kid::Kept(_))));
    }

    /// An old element is kept in one place only, and an element with text on either side is
    /// sent whole (the browser patches element children only: the text would stay or go).
    #[test]
    fn an_element_is_reused_once_and_text_is_never_patched_around() {
        let svg = |body: &str| format!(r#"<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>"#);
        let kids = |old: &str, new: &str| patch(&svg(old), &svg(new)).unwrap().kids;
        assert_eq!(
            kids(
                r#"<g><path d="M0 0"/></g>"#,
                r#"<g><path d="M0 0"/></g><g><path d="M1 1"/></g>"#
            ),
            vec![Kid::Kept(0), Kid::New { n: 0 }]
        );
        assert_eq!(
            kids(r#"<g>x<path d="M0 0"/></g>"#, r#"<g><path d="M1 1"/></g>"#),
            vec![Kid::New { n: 0 }]
        );
        assert_eq!(
            kids(r#"<g><path d="M0 0"/></g>"#, r#"<g>x<path d="M1 1"/></g>"#),
            vec![Kid::New { n: 0 }]
        );
        // Text in the page itself, before or after: the page is loaded whole.
        assert!(patch(&svg("x<g/>"), &svg("<g/>")).is_none());
        assert!(patch(&svg("<g/>"), &svg("x<g/>")).is_none());
    }

    /// Text, comments and a changed page size are never patched inside.
    #[test]
    fn text_comments_and_a_new_size_are_replaced_whole() {
        let old = r#"<svg xmlns="http://www.w3.org/2000/svg"><text x="1">old<tspan>a</tspan></text><g><!-- c --><path d="M0 0"/></g></svg>"#;
        let new = r#"<svg xmlns="http://www.w3.org/2000/svg"><text x="1">new<tspan>a</tspan></text><g><!-- c --><path d="M1 1"/></g></svg>"#;
        let p = patch(old, new).unwrap();
        assert_eq!(
            p.fresh,
            vec![
                r#"<text x="1">new<tspan>a</tspan></text>"#.to_owned(),
                r#"<g><!-- c --><path d="M1 1"/></g>"#.to_owned()
            ]
        );
        assert_eq!(apply(old, &p), new);
        assert!(patch(OLD, &OLD.replace("0 0 10 10", "0 0 10 12")).is_none());
        assert!(Tree::read(Arc::new("<svg><g></svg>".into())).is_none());
    }
}
