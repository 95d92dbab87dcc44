//! Record paths: one name for each record that carries citations, the same form the checks
//! use for fields (`events[annual-meeting-2024].figures[2]`), so that a note printed in a briefing
//! can be traced back to the record, and the record's citations, it was made from.

use super::*;

/// `events[ID]`.
pub fn event_path(id: &str) -> String {
    format!("events[{id}]")
}

/// `events[ID].LIST[N]`: item `i` (from 0) of one of an event's [`EVENT_LISTS`], written
/// as people count, from 1 (`figures[1]` is the first figure).
pub fn item_path(event: &str, list: &str, i: usize) -> String {
    format!("events[{event}].{list}[{}]", i + 1)
}

/// `COLLECTION[ID]` for a record of a top-level collection (`processes`, `countries`, …).
pub fn record_path(collection: &str, id: &str) -> String {
    format!("{collection}[{id}]")
}

/// A record a printed statement is made from, and the fields of it the statement uses
/// (none: the record as a whole). `brief trace` follows a note back through these to the
/// citations that support it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Basis {
    #[serde(rename = "ref")]
    pub path: String,
    pub fields: Vec<&'static str>,
}

impl Basis {
    /// The record at `path` as a whole.
    pub fn whole(path: String) -> Basis {
        Basis {
            path,
            fields: Vec::new(),
        }
    }
}

/// A record found by its path.
pub struct Found<'a> {
    pub record: &'a dyn Described,
    /// What it is, in words: "the figure `participants` of event `annual-meeting-2024`".
    pub what: String,
    /// The event it belongs to (itself, for an event).
    pub event: Option<&'a Event>,
    /// Marked `status: announced` (or part of an announced event).
    pub announced: bool,
    /// Whether sources from before its event can only have announced it (an event, figure,
    /// participation or outcome; not what someone said, which a source can report at any time).
    pub announceable: bool,
}

impl FactBase {
    /// The record at `path` (as [`event_path`], [`item_path`] and [`record_path`] write
    /// them), or none.
    pub fn record_at(&self, path: &str) -> Option<Found<'_>> {
        let (head, rest) = split_index(path)?;
        let (collection, id) = head;
        if collection != "events" {
            if !rest.is_empty() {
                return None;
            }
            let (record, what): (&dyn Described, String) = match collection {
                "processes" => (self.process(id)?, format!("process `{id}`")),
                "countries" => (self.country(id)?, format!("country `{id}`")),
                "organizations" => (self.organization(id)?, format!("organisation `{id}`")),
                "initiatives" => (
                    self.initiatives.iter().find(|i| i.id.value == id)?,
                    format!("initiative `{id}`"),
                ),
                _ => return None,
            };
            return Some(Found {
                record,
                what,
                event: None,
                announced: false,
                announceable: false,
            });
        }
        let e = self.event(id)?;
        if rest.is_empty() {
            return Some(Found {
                record: e,
                what: format!("event `{id}`"),
                event: Some(e),
                announced: e.announced,
                announceable: true,
            });
        }
        let ((list, index), tail) = split_index(rest.strip_prefix('.')?)?;
        if !tail.is_empty() {
            return None;
        }
        // Items are counted from 1 in paths.
        let i: usize = index.parse::<usize>().ok()?.checked_sub(1)?;
        let (record, own, what): (&dyn Described, bool, String) = match list {
            "figures" => {
                let f = e.figures.get(i)?;
                (f, f.announced, format!("the figure `{}`", f.measure))
            }
            "participants" => {
                let p = e.participants.get(i)?;
                let what = format!("the participation of `{}`", p.party.value);
                (p, p.announced, what)
            }
            "statements" => {
                let s = e.statements.get(i)?;
                (s, false, format!("a statement by `{}`", s.speaker.value))
            }
            "discussions" => (e.discussions.get(i)?, false, "a point discussed".into()),
            "outcomes" => {
                let o = e.outcomes.get(i)?;
                (o, o.announced, format!("the outcome “{}”", o.title))
            }
            "claims" => {
                let c = e.claims.get(i)?;
                (c, false, format!("a claim on `{}`", c.field))
            }
            _ => return None,
        };
        Some(Found {
            record,
            what: format!("{what} at event `{id}`"),
            event: Some(e),
            announced: e.announced || own,
            announceable: matches!(list, "figures" | "participants" | "outcomes"),
        })
    }
}

/// `name[index]rest` → ((name, index), rest).
fn split_index(path: &str) -> Option<((&str, &str), &str)> {
    let open = path.find('[')?;
    let close = open + path[open..].find(']')?;
    Some(((&path[..open], &path[open + 1..close]), &path[close + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_collection_id_and_item() {
        assert_eq!(
            split_index("events[a-b].figures[2]"),
            Some((("events", "a-b"), ".figures[2]"))
        );
        assert_eq!(split_index("figures[2]"), Some((("figures", "2"), "")));
        assert_eq!(split_index("events"), None);
        assert_eq!(split_index("events[open"), None);
        assert_eq!(item_path("x", "outcomes", 3), "events[x].outcomes[4]");
        assert_eq!(record_path("processes", "p"), "processes[p]");
        assert_eq!(event_path("e"), "events[e]");
    }
}
