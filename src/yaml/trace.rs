//! What the loader does with each field, recorded while it reads, so that the JSON Schema
//! of the fact base (`crate::schema`) comes from the loader's own field definitions. Off
//! unless [`run`] turns it on for the current thread.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// What a value at a path was read as.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ty {
    Text,
    Date,
    Count,
    Choice(Vec<&'static str>),
    /// A mapping of the curator's own keys (`extra:`).
    Mapping,
    List,
    Record,
}

/// The fields a record reader asked for, in order, and whether each is required.
#[derive(Debug, Clone, Default)]
pub struct RecordTrace {
    pub what: &'static str,
    pub fields: Vec<(&'static str, bool)>,
}

/// Everything recorded, by path with list indices removed (`events.figures.value`).
#[derive(Debug, Clone, Default)]
pub struct Trace {
    pub records: BTreeMap<String, RecordTrace>,
    pub types: BTreeMap<String, BTreeSet<Ty>>,
}

thread_local! {
    static TRACE: RefCell<Option<Trace>> = const { RefCell::new(None) };
}

/// Runs `f` with tracing on and returns what it recorded.
pub fn run(f: impl FnOnce()) -> Trace {
    TRACE.with(|t| *t.borrow_mut() = Some(Trace::default()));
    f();
    TRACE.with(|t| t.borrow_mut().take()).unwrap_or_default()
}

fn with(f: impl FnOnce(&mut Trace)) {
    TRACE.with(|t| {
        if let Some(trace) = t.borrow_mut().as_mut() {
            f(trace);
        }
    });
}

/// `events[2].figures[0].value` → `events.figures.value`.
pub fn normalise(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The value at `path` was read as `ty`.
pub fn value(path: &str, ty: Ty) {
    with(|t| {
        t.types.entry(normalise(path)).or_default().insert(ty);
    });
}

pub(super) fn record(path: &str, what: &'static str) {
    with(|t| {
        t.types
            .entry(normalise(path))
            .or_default()
            .insert(Ty::Record);
        t.records.entry(normalise(path)).or_default().what = what;
    });
}

pub(super) fn field(path: &str, key: &'static str, required: bool) {
    with(|t| {
        let record = t.records.entry(normalise(path)).or_default();
        match record.fields.iter_mut().find(|(k, _)| *k == key) {
            Some(field) => field.1 |= required,
            None => record.fields.push((key, required)),
        }
    });
}
