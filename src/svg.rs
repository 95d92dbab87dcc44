//! Pages as SVG that a browser draws quickly, and drawn again quickly: each run of glyphs one
//! path; a page drawn again after an edit drawn only where it changed ([`draw_page`]).
//!
//! In: a page as `typst-svg` writes it. Out: the same drawing, with every run of glyphs that
//! share a plain colour written as one `<path>` instead of one `<use>` of a `<symbol>` per
//! glyph, and the glyph symbols no longer used left out. A page of text is three thousand
//! `<use>`s, each of which a browser copies into a tree of its own before it can draw it:
//! Chromium took 1.6–1.75 times as long to load such a page as the same page with a path per
//! run, although the file is half the size (README, Performance, table 5). Anything not
//! written exactly as expected is left as it is.
//!
//! A glyph symbol's path starts at `M 0 0` and uses relative commands only, so the glyph
//! drawn at (x, y) is the same path starting at `M x y`; the glyphs of a run are filled with
//! the non-zero rule, as each was.
//!
//! [`draw_page`] keeps the pieces of pages drawn before ([`Pieces`]): each item of the page's
//! layout that Typst's SVG writer draws as elements of the page itself, keyed by what it draws
//! and where. It draws only the pieces it does not have, all in one call of the writer (a
//! page holding those pieces alone, each after a link to a mark), takes that drawing apart at
//! the marks, and puts the page together in order: the same elements as the page drawn whole
//! (Typst names definitions by the hash of what they define, so they are the same too).

use std::collections::{HashMap, HashSet};

/// `svg` with its runs of glyphs merged (see the module's documentation).
pub fn merge_glyph_runs(svg: &str) -> String {
    let glyphs = glyph_symbols(svg);
    if glyphs.is_empty() {
        return svg.to_owned();
    }
    let merged = merge_runs(svg, &glyphs);
    drop_unused(&merged, &glyphs)
}

/// A glyph's symbol as `typst-svg` writes it: `<symbol id="ID" overflow="visible"><path
/// d="M 0 0TAIL"/></symbol>`, as (ID, TAIL, where it ends).
fn symbol_at(svg: &str, at: usize) -> Option<(&str, &str, usize)> {
    let rest = svg[at..].strip_prefix("<symbol id=\"")?;
    let (id, rest) = rest.split_once('"')?;
    if !is_id(id) {
        return None;
    }
    let rest = rest.strip_prefix(" overflow=\"visible\"><path d=\"M 0 0")?;
    let (tail, rest) = rest.split_once('"')?;
    let rest = rest.strip_prefix("/></symbol>")?;
    Some((id, tail, svg.len() - rest.len()))
}

/// The glyph symbols of `svg`: each path's commands after `M 0 0`, by id, written short.
fn glyph_symbols(svg: &str) -> HashMap<&str, String> {
    let mut glyphs = HashMap::new();
    let mut from = 0;
    while let Some(found) = svg[from..].find("<symbol ") {
        let at = from + found;
        match symbol_at(svg, at) {
            Some((id, tail, end)) if is_relative(tail) => {
                glyphs.insert(id, shorten(tail));
                from = end;
            }
            _ => from = at + 1,
        }
    }
    glyphs
}

/// Path commands written with fewer characters, to the same numbers: no space after a
/// command or before a minus sign, no zero before a decimal point, no space before a
/// number starting with its decimal point when the number before has one. A page repeats
/// each glyph's path for every time it is printed: this makes the page about two fifths
/// smaller, and a browser reads it that much sooner. Paths with exponents are kept as they
/// are.
fn shorten(path: &str) -> String {
    if path.contains(['e', 'E']) {
        return path.to_owned();
    }
    let mut out = String::with_capacity(path.len());
    // Whether the last thing written is a number, and whether it has a decimal point.
    let mut after_number: Option<bool> = None;
    // Commands and numbers: commands are letters, numbers are separated by spaces or
    // commands.
    let tokens = path
        .split_inclusive(|c: char| c == ' ' || c.is_ascii_alphabetic())
        .flat_map(|piece| match piece.char_indices().last() {
            Some((i, c)) if c == ' ' || c.is_ascii_alphabetic() => [&piece[..i], &piece[i..]],
            _ => [piece, ""],
        })
        .filter(|t| !t.is_empty() && *t != " ");
    for token in tokens {
        if token.bytes().all(|b| b.is_ascii_alphabetic()) {
            out.push_str(token);
            after_number = None;
            continue;
        }
        let (sign, digits) = match token.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", token),
        };
        let digits = if digits.starts_with("0.") {
            &digits[1..]
        } else {
            digits
        };
        match after_number {
            Some(_) if !sign.is_empty() => {}
            Some(true) if digits.starts_with('.') => {}
            Some(_) => out.push(' '),
            None => {}
        }
        out.push_str(sign);
        out.push_str(digits);
        after_number = Some(digits.contains('.'));
    }
    out
}

/// A glyph drawn as `typst-svg` writes it: `<use xlink:href="#ID" x="X" y="Y" fill="#RGB"
/// fill-rule="nonzero"/>`, as (ID, X, Y, the colour, where it ends).
fn use_at(svg: &str, at: usize) -> Option<(&str, &str, &str, &str, usize)> {
    let rest = svg[at..].strip_prefix("<use xlink:href=\"#")?;
    let (id, rest) = rest.split_once('"')?;
    let rest = rest.strip_prefix(" x=\"")?;
    let (x, rest) = rest.split_once('"')?;
    let rest = rest.strip_prefix(" y=\"")?;
    let (y, rest) = rest.split_once('"')?;
    let rest = rest.strip_prefix(" fill=\"")?;
    let (fill, rest) = rest.split_once('"')?;
    let rest = rest.strip_prefix(" fill-rule=\"nonzero\"/>")?;
    let colour = fill.strip_prefix('#').is_some_and(|hex| {
        matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
    });
    (is_id(id) && is_number(x) && is_number(y) && colour).then_some((
        id,
        x,
        y,
        fill,
        svg.len() - rest.len(),
    ))
}

/// `svg` with each run of glyph `<use>`s of one colour written as one path.
fn merge_runs(svg: &str, glyphs: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(svg.len() * 3);
    // The run being gathered: its colour and path.
    let mut run: Option<(&str, String)> = None;
    let flush = |out: &mut String, run: &mut Option<(&str, String)>| {
        if let Some((fill, d)) = run.take() {
            out.push_str("<path d=\"");
            out.push_str(&d);
            out.push_str("\" fill=\"");
            out.push_str(fill);
            out.push_str("\" fill-rule=\"nonzero\"/>");
        }
    };
    let mut from = 0;
    while let Some(found) = svg[from..].find('<') {
        let at = from + found;
        if at > from {
            // Text between elements ends a run.
            flush(&mut out, &mut run);
            out.push_str(&svg[from..at]);
        }
        let glyph = use_at(svg, at)
            .and_then(|(id, x, y, fill, end)| Some((glyphs.get(id)?, x, y, fill, end)));
        match glyph {
            Some((tail, x, y, fill, end)) => {
                if run.as_ref().is_some_and(|(f, _)| *f != fill) {
                    flush(&mut out, &mut run);
                }
                let (_, d) = run.get_or_insert_with(|| (fill, String::new()));
                d.push('M');
                d.push_str(x);
                d.push(' ');
                d.push_str(y);
                d.push_str(tail);
                from = end;
            }
            None => {
                flush(&mut out, &mut run);
                let end = svg[at + 1..].find('<').map_or(svg.len(), |n| at + 1 + n);
                out.push_str(&svg[at..end]);
                from = end;
            }
        }
    }
    flush(&mut out, &mut run);
    out.push_str(&svg[from..]);
    out
}

/// `svg` without the glyph symbols nothing refers to any more (`#ID`).
fn drop_unused(svg: &str, glyphs: &HashMap<&str, String>) -> String {
    let used: HashSet<&str> = references(svg).collect();
    let mut out = String::with_capacity(svg.len());
    let mut from = 0;
    while let Some(found) = svg[from..].find("<symbol ") {
        let at = from + found;
        match symbol_at(svg, at) {
            Some((id, _, end)) if glyphs.contains_key(id) && !used.contains(id) => {
                out.push_str(&svg[from..at]);
                from = end;
            }
            _ => {
                out.push_str(&svg[from..at + 1]);
                from = at + 1;
            }
        }
    }
    out.push_str(&svg[from..]);
    out
}

fn is_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(in_id)
}

/// Whether `b` may be part of an id as Typst's SVG writer makes them.
fn in_id(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn is_number(n: &str) -> bool {
    !n.is_empty()
        && n.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
}

/// Whether a path's commands (after its `M 0 0`) are all relative, so that it can be moved
/// by changing its start: lower-case commands and `Z`, numbers, spaces.
fn is_relative(tail: &str) -> bool {
    tail.bytes().all(|b| {
        matches!(
            b,
            b'm' | b'l' | b'h' | b'v' | b'c' | b's' | b'q' | b't' | b'a' | b'Z' | b'z'
        ) || b.is_ascii_digit()
            || matches!(b, b' ' | b'-' | b'+' | b'.' | b'e' | b',')
    })
}

/// The pieces of pages drawn before, by what each draws and where: drawing a page again
/// after an edit draws only its new pieces. A piece is an item of the page's layout that
/// Typst's SVG writer draws as elements of the page itself (a line of text, a shape, a box,
/// a link), with the transforms of the groups around it that it draws as no element.
pub struct Pieces {
    drawn: HashMap<u128, std::sync::Arc<Drawn>>,
    /// What `drawn` holds, in bytes.
    bytes: usize,
    /// How many bytes it may hold: past that, it is emptied before the next drawing.
    limit: usize,
}

/// A piece as drawn, with the definitions it refers to (clip paths, gradients, glyphs left as
/// symbols): a piece is complete on its own, whatever else is kept or let go.
struct Drawn {
    body: String,
    /// By id (Typst's ids are the hashes of what they define).
    defs: Vec<(String, std::sync::Arc<str>)>,
}

impl Drawn {
    fn bytes(&self) -> usize {
        self.body.len() + self.defs.iter().map(|(_, d)| d.len()).sum::<usize>()
    }
}

impl Default for Pieces {
    fn default() -> Pieces {
        Pieces {
            drawn: HashMap::new(),
            bytes: 0,
            limit: PIECES_KEPT,
        }
    }
}

impl Pieces {
    /// Keeping at most `limit` bytes.
    #[cfg(test)]
    pub fn with_limit(limit: usize) -> Pieces {
        Pieces {
            limit,
            ..Pieces::default()
        }
    }

    /// How many pieces are kept.
    #[cfg(test)]
    pub fn count(&self) -> usize {
        self.drawn.len()
    }

    /// The bytes held as counted, and as the pieces kept and their definitions add up.
    #[cfg(test)]
    pub fn bytes(&self) -> (usize, usize) {
        let pieces = self.drawn.values().map(|d| d.body.len()).sum::<usize>();
        let defs = (self.drawn.values())
            .flat_map(|d| d.defs.iter().map(|(_, def)| def.len()))
            .sum::<usize>();
        (self.bytes, pieces + defs)
    }
}

/// How many bytes of drawn pieces are kept at most (a long document's pages, a few times).
const PIECES_KEPT: usize = 64 << 20;

/// Marks the start of each piece drawn (a link to this address and the piece's number): with
/// a number of this run of brief, so that no link of a document is taken for a mark (one
/// that were would only make the page drawn whole).
static MARK: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    format!("brief-piece-{:016x}:", hasher.finish())
});

/// An item of a page drawn as elements of the page, and the groups around it drawn as none.
struct Piece<'a> {
    around: Vec<(typst::layout::Point, &'a typst::layout::GroupItem)>,
    at: typst::layout::Point,
    item: &'a typst::layout::FrameItem,
    key: u128,
}

/// The pieces of `frame`, in the order they are drawn.
fn pieces<'a>(
    page: typst::layout::Size,
    frame: &'a typst::layout::Frame,
    around: &mut Vec<(typst::layout::Point, &'a typst::layout::GroupItem)>,
    out: &mut Vec<Piece<'a>>,
) {
    use typst::layout::{FrameItem, FrameKind};
    for (at, item) in frame.items() {
        match item {
            FrameItem::Tag(_) => {}
            // Drawn as its items, moved: no element of its own.
            FrameItem::Group(group)
                if group.frame.kind() == FrameKind::Soft
                    && group.clip.is_none()
                    && group.label.is_none() =>
            {
                around.push((*at, group));
                pieces(page, &group.frame, around, out);
                around.pop();
            }
            _ => {
                let moves: Vec<_> = around.iter().map(|(p, g)| (*p, g.transform)).collect();
                out.push(Piece {
                    around: around.clone(),
                    at: *at,
                    item,
                    // With the page's size: what a gradient fills is relative to it.
                    key: typst::utils::hash128(&(page, moves, at, item)),
                });
            }
        }
    }
}

/// `piece` where it stands on the page: in copies of the groups around it, holding it alone.
fn placed(piece: &Piece) -> (typst::layout::Point, typst::layout::FrameItem) {
    use typst::layout::{Frame, FrameItem, GroupItem};
    let mut placed = (piece.at, piece.item.clone());
    for (at, group) in piece.around.iter().rev() {
        let mut frame = Frame::soft(group.frame.size());
        frame.push(placed.0, placed.1);
        let mut copy = GroupItem::new(frame);
        copy.transform = group.transform;
        placed = (*at, FrameItem::Group(copy));
    }
    placed
}

/// `page` as SVG, with a path per run of glyphs ([`merge_glyph_runs`]), drawing only the
/// pieces not in `kept` (all of them in one call of Typst's SVG writer, a mark between each
/// two) and taking the others from there. Draws the same elements in the same order as
/// drawing the page whole; the definitions come last, in another order.
pub fn draw_page(page: &typst_layout::Page, kept: &std::sync::Mutex<Pieces>) -> String {
    use typst::layout::{Frame, FrameItem, Point, Size};
    use typst::model::{Destination, Url};
    let mut list = Vec::new();
    pieces(page.frame.size(), &page.frame, &mut Vec::new(), &mut list);
    let mut drawn: Vec<Option<std::sync::Arc<Drawn>>> = {
        let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.bytes > kept.limit {
            kept.drawn.clear();
            kept.bytes = 0;
        }
        list.iter()
            .map(|p| kept.drawn.get(&p.key).cloned())
            .collect()
    };
    let missing: Vec<usize> = (0..list.len()).filter(|&i| drawn[i].is_none()).collect();
    let mark = |name: String| {
        let url = Url::new(format!("{}{name}", *MARK)).expect("a short address");
        FrameItem::Link(Destination::Url(url), Size::zero())
    };
    let mut frame = Frame::soft(page.frame.size());
    for (n, &i) in missing.iter().enumerate() {
        frame.push(Point::zero(), mark(n.to_string()));
        let (at, item) = placed(&list[i]);
        frame.push(at, item);
    }
    frame.push(Point::zero(), mark("end".into()));
    let alone = typst_layout::Page {
        frame,
        bleed: page.bleed,
        fill: page.fill.clone(),
        numbering: None,
        supplement: typst::foundations::Content::empty(),
        number: page.number,
    };
    let svg = merge_glyph_runs(&typst_svg::svg(&alone, &typst_svg::SvgOptions::default()));
    let Some(split) = split(&svg, missing.len()) else {
        // Not as expected: the page drawn whole.
        return merge_glyph_runs(&typst_svg::svg(page, &typst_svg::SvgOptions::default()));
    };
    let defs: HashMap<&str, std::sync::Arc<str>> = (split.defs.iter())
        .map(|(id, def)| (id.as_str(), std::sync::Arc::from(def.as_str())))
        .collect();
    let head_defs = needed(&split.head, &defs);
    {
        let mut guard = kept.lock().unwrap_or_else(|e| e.into_inner());
        let kept = &mut *guard;
        for (&i, body) in missing.iter().zip(split.pieces) {
            let piece = std::sync::Arc::new(Drawn {
                defs: needed(&body, &defs),
                body,
            });
            drawn[i] = Some(piece.clone());
            // Another page drawn meanwhile may have drawn it too.
            if let std::collections::hash_map::Entry::Vacant(entry) = kept.drawn.entry(list[i].key)
            {
                kept.bytes += piece.bytes();
                entry.insert(piece);
            }
        }
    }
    let mut out = String::with_capacity(svg.len() * 2);
    out.push_str(&split.start);
    out.push_str(&split.head);
    let drawn: Vec<std::sync::Arc<Drawn>> = drawn.into_iter().flatten().collect();
    for piece in &drawn {
        out.push_str(&piece.body);
    }
    // The definitions the page uses, each once.
    out.push_str("<defs>");
    let mut written = HashSet::new();
    let all = head_defs
        .iter()
        .chain(drawn.iter().flat_map(|p| p.defs.iter()));
    for (id, def) in all {
        if written.insert(id.as_str()) {
            out.push_str(def);
        }
    }
    out.push_str("</defs></svg>");
    out
}

/// The definitions of `defs` that `body` refers to, and those they refer to, by id.
fn needed(
    body: &str,
    defs: &HashMap<&str, std::sync::Arc<str>>,
) -> Vec<(String, std::sync::Arc<str>)> {
    let mut found: Vec<(String, std::sync::Arc<str>)> = Vec::new();
    let mut unread = vec![body];
    while let Some(text) = unread.pop() {
        for id in references(text) {
            if let Some(def) = defs.get(id)
                && !found.iter().any(|(f, _)| f == id)
            {
                found.push((id.to_owned(), def.clone()));
                unread.push(&defs[id]);
            }
        }
    }
    found
}

/// The ids `svg` refers to (`#id`).
fn references(svg: &str) -> impl Iterator<Item = &str> {
    svg.match_indices('#').filter_map(|(at, _)| {
        let rest = &svg[at + 1..];
        let len = rest.bytes().position(|b| !in_id(b)).unwrap_or(rest.len());
        (len > 0).then(|| &rest[..len])
    })
}

/// A drawing of marked pieces, taken apart.
struct Split {
    /// The `<svg …>` tag.
    start: String,
    /// What comes before the first piece (the page's background).
    head: String,
    pieces: Vec<String>,
    /// Every definition, by id.
    defs: Vec<(String, String)>,
}

/// `svg` (drawn with `count` marked pieces and a last mark) taken apart, or `None` when it is
/// not as expected.
fn split(svg: &str, count: usize) -> Option<Split> {
    let document = roxmltree::Document::parse(svg).ok()?;
    let root = document.root_element();
    let first = root.first_child()?;
    let mut split = Split {
        start: svg[root.range().start..first.range().start].to_owned(),
        head: String::new(),
        pieces: Vec::with_capacity(count),
        defs: Vec::new(),
    };
    let mut ended = false;
    for child in root.children() {
        // Nothing but elements in the page; nothing but definitions after the last mark.
        if !child.is_element() {
            return None;
        }
        let name = child.tag_name().name();
        if ended && name != "defs" {
            return None;
        }
        if name == "defs" {
            for def in child.children() {
                let id = def.attribute("id")?;
                split
                    .defs
                    .push((id.to_owned(), svg[def.range()].to_owned()));
            }
            continue;
        }
        if let Some(mark) = (name == "a")
            .then(|| child.attribute("href")?.strip_prefix(MARK.as_str()))
            .flatten()
        {
            if mark == "end" {
                ended = true;
            } else if mark.parse::<usize>().ok()? != split.pieces.len() {
                return None;
            } else {
                split.pieces.push(String::new());
            }
            continue;
        }
        let text = &svg[child.range()];
        match split.pieces.last_mut() {
            Some(piece) => piece.push_str(text),
            None => split.head.push_str(text),
        }
    }
    (ended && split.pieces.len() == count).then_some(split)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = r#"<symbol id="gA" overflow="visible"><path d="M 0 0m 1 2l 3 0Z "/></symbol>"#;
    const B: &str =
        r#"<symbol id="gB" overflow="visible"><path d="M 0 0m 0.5 0v 2h 1Z "/></symbol>"#;

    fn glyph(id: &str, x: &str, fill: &str) -> String {
        format!(r##"<use xlink:href="#{id}" x="{x}" y="0" fill="{fill}" fill-rule="nonzero"/>"##)
    }

    #[test]
    fn a_run_of_glyphs_of_one_colour_becomes_one_path_starting_each_glyph_where_it_stood() {
        let svg = format!(
            r#"<svg><g transform="matrix(1 0 0 -1 10 20)">{}{}{}</g><defs>{A}{B}</defs></svg>"#,
            glyph("gA", "0", "#000000"),
            glyph("gB", "4.5", "#000000"),
            glyph("gA", "7", "#000000"),
        );
        let merged = merge_glyph_runs(&svg);
        assert_eq!(
            merged,
            r##"<svg><g transform="matrix(1 0 0 -1 10 20)"><path d="M0 0m1 2l3 0ZM4.5 0m.5 0v2h1ZM7 0m1 2l3 0Z" fill="#000000" fill-rule="nonzero"/></g><defs></defs></svg>"##
        );
    }

    #[test]
    fn a_change_of_colour_or_anything_between_glyphs_starts_a_new_run() {
        let svg = format!(
            r#"<svg><g>{}{}</g><g>{}</g><defs>{A}</defs></svg>"#,
            glyph("gA", "0", "#000"),
            glyph("gA", "1", "#ff0000"),
            glyph("gA", "2", "#ff0000"),
        );
        let merged = merge_glyph_runs(&svg);
        assert_eq!(merged.matches("<path").count(), 3, "{merged}");
        assert!(
            !merged.contains("<use") && !merged.contains("<symbol"),
            "{merged}"
        );
        assert!(
            merged.contains(r##"<g><path d="M2 0m1 2l3 0Z" fill="#ff0000""##),
            "{merged}"
        );
    }

    #[test]
    fn glyphs_written_otherwise_stay_as_they_are_with_their_symbols() {
        // A gradient fill, an extra attribute, a symbol that is not a relative path, and a
        // glyph whose symbol is unknown.
        let image = r#"<symbol id="gI" overflow="visible"><image href="data:,"/></symbol>"#;
        let absolute = r#"<symbol id="gL" overflow="visible"><path d="M 0 0L 1 1Z "/></symbol>"#;
        let svg = format!(
            r##"<svg>{}<use xlink:href="#gA" x="1" y="0" fill="#000" fill-rule="nonzero" stroke="#f00"/>{}{}{}<defs>{A}{image}{absolute}</defs></svg>"##,
            glyph("gA", "0", "url(#gr1)"),
            glyph("gI", "2", "#000"),
            glyph("gL", "3", "#000"),
            glyph("gX", "4", "#000"),
        );
        assert_eq!(merge_glyph_runs(&svg), svg);
    }

    #[test]
    fn text_between_glyphs_ends_a_run_and_is_kept_where_it_was() {
        let svg = format!(
            "<svg><g>{}\n{}</g>x<b>{}</b><defs>{A}</defs></svg>",
            glyph("gA", "0", "#000"),
            glyph("gA", "1", "#000"),
            glyph("gA", "2", "#000"),
        );
        assert_eq!(
            merge_glyph_runs(&svg),
            r##"<svg><g><path d="M0 0m1 2l3 0Z" fill="#000" fill-rule="nonzero"/>
<path d="M1 0m1 2l3 0Z" fill="#000" fill-rule="nonzero"/></g>x<b><path d="M2 0m1 2l3 0Z" fill="#000" fill-rule="nonzero"/></b><defs></defs></svg>"##
        );
        // A glyph placed where the numbers are not numbers is left as written.
        let odd = format!(
            "<svg>{}<defs>{A}</defs></svg>",
            glyph("gA", "calc(1)", "#000")
        );
        assert_eq!(merge_glyph_runs(&odd), odd);
    }

    #[test]
    fn a_symbol_still_used_elsewhere_is_kept() {
        let svg = format!(
            r##"<svg>{}<use xlink:href="#gA" transform="scale(2)"/><defs>{A}{B}</defs></svg>"##,
            glyph("gB", "0", "#000"),
        );
        let merged = merge_glyph_runs(&svg);
        assert!(merged.contains(A) && !merged.contains(B), "{merged}");
    }

    #[test]
    fn paths_are_written_short_to_the_same_numbers() {
        assert_eq!(
            shorten(
                "m 1.184 5.16c -0.288 0 -0.712 0.008 -1.032 0.016v -3.208h 10 0.5Z m 0.344 -4.488"
            ),
            "m1.184 5.16c-.288 0-.712.008-1.032.016v-3.208h10 .5Zm.344-4.488"
        );
        // A point after a whole number would join the two.
        assert_eq!(shorten("l 1 0.5 2.5 0.25"), "l1 .5 2.5.25");
        assert_eq!(shorten("l 1e-9 0.5"), "l 1e-9 0.5");
    }

    #[test]
    fn a_page_without_glyphs_is_returned_as_it_was() {
        let svg = r#"<svg><path d="M 0 0h 10"/></svg>"#;
        assert_eq!(merge_glyph_runs(svg), svg);
    }

    /// A drawing of marked pieces is taken apart at its marks, or not at all when it is not
    /// as expected (the page is then drawn whole).
    #[test]
    fn a_drawing_is_taken_apart_at_its_marks_only_when_as_expected() {
        let m = |n: &str| format!(r#"<a href="{}{n}"><rect/></a>"#, *MARK);
        let page = |body: String| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg"><path d="bg"/>{body}<defs><clipPath id="c1"/></defs></svg>"#
            )
        };
        let good = split(
            &page(format!(
                "{}<g>a</g>{}<g>b</g><path/>{}",
                m("0"),
                m("1"),
                m("end")
            )),
            2,
        )
        .unwrap();
        assert_eq!(good.start, r#"<svg xmlns="http://www.w3.org/2000/svg">"#);
        assert_eq!(good.head, r#"<path d="bg"/>"#);
        assert_eq!(good.pieces, vec!["<g>a</g>", "<g>b</g><path/>"]);
        assert_eq!(
            good.defs,
            vec![("c1".to_owned(), r#"<clipPath id="c1"/>"#.to_owned())]
        );
        for (body, count) in [
            (format!("{}<g/>{}", m("0"), m("end")), 2),
            (format!("{}<g/>{}<g/>{}", m("1"), m("0"), m("end")), 2),
            (format!("{}<g/>", m("0")), 1),
            (format!("{}<g/>{}<g/>", m("0"), m("end")), 1),
            (format!("{}x<g/>{}", m("0"), m("end")), 1),
        ] {
            assert!(split(&page(body.clone()), count).is_none(), "{body}");
        }
        // A link of the document's own that looks like a mark is not one.
        let theirs = r#"<a href="brief-piece:0"><rect/></a>"#;
        let split = split(&page(format!("{}{theirs}{}", m("0"), m("end"))), 1).unwrap();
        assert_eq!(split.pieces, vec![theirs]);
    }

    #[test]
    fn references_are_the_ids_after_a_hash_sign() {
        let found: Vec<&str> =
            references(r##"<g clip-path="url(#c1_a-B)"><use href="#g2"/> # #"##).collect();
        assert_eq!(found, vec!["c1_a-B", "g2"]);
    }

    /// A plain group is drawn as its items, each a piece; a hard or clipped group is one
    /// piece; drawn piece by piece, the page is the page drawn whole.
    #[test]
    fn plain_groups_are_drawn_as_their_items_other_groups_as_pieces() {
        use typst::foundations::{Content, Smart};
        use typst::layout::{
            Abs, Frame, FrameItem, FrameKind, GroupItem, Point, Sides, Size, Transform,
        };
        use typst::visualize::{Color, Curve, Geometry};
        let pt = Abs::pt;
        let shape = |w: f64| {
            FrameItem::Shape(
                Geometry::Rect(Size::new(pt(w), pt(2.0))).filled(Color::BLACK),
                typst::syntax::Span::detached(),
            )
        };
        let group = |kind: FrameKind, clip: bool| {
            let mut frame = Frame::new(Size::new(pt(50.0), pt(50.0)), kind);
            frame.push(Point::zero(), shape(1.0));
            frame.push(Point::with_y(pt(5.0)), shape(2.0));
            let mut group = GroupItem::new(frame);
            group.transform = Transform::translate(pt(3.0), pt(4.0));
            if clip {
                group.clip = Some(Curve::rect(Size::new(pt(10.0), pt(10.0))));
            }
            FrameItem::Group(group)
        };
        let size = Size::new(pt(100.0), pt(100.0));
        let mut frame = Frame::soft(size);
        frame.push(Point::zero(), group(FrameKind::Soft, false));
        frame.push(Point::with_x(pt(10.0)), group(FrameKind::Hard, false));
        frame.push(Point::with_x(pt(20.0)), group(FrameKind::Soft, true));
        frame.push(Point::with_x(pt(30.0)), shape(3.0));
        let mut list = Vec::new();
        pieces(size, &frame, &mut Vec::new(), &mut list);
        assert_eq!(list.len(), 5);
        let page = typst_layout::Page {
            frame,
            bleed: Sides::splat(Abs::zero()),
            fill: Smart::Auto,
            numbering: None,
            supplement: Content::empty(),
            number: 1,
        };
        let kept = std::sync::Mutex::new(Pieces::default());
        let whole = merge_glyph_runs(&typst_svg::svg(&page, &typst_svg::SvgOptions::default()));
        assert!(whole.contains("clip-path"), "{whole}");
        assert_eq!(draw_page(&page, &kept), whole);
        assert_eq!(kept.lock().unwrap().count(), 5);
    }

    /// A glyph whose id is not written as Typst writes ids is left as it is.
    #[test]
    fn a_glyph_with_an_unexpected_id_is_left_alone() {
        let odd = r#"<symbol id="g.A" overflow="visible"><path d="M 0 0m 1 2l 3 0Z "/></symbol>"#;
        let svg = format!(
            r#"<svg><g>{}</g><defs>{odd}</defs></svg>"#,
            glyph("g.A", "0", "#000000")
        );
        assert_eq!(merge_glyph_runs(&svg), svg);
        assert!(!is_id("") && !is_id("g.A") && is_id("g-A_1"));
    }
}
