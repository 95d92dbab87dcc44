//! Support: the checks that make every note true to what it sits on — each citation's
//! `supports` names fields of its record, each field a source must support is supported,
//! each quote stands in its excerpts, and a fact cited only to sources from before its event
//! is marked announced.

use super::validate::{Checker, Kind};
use super::*;
use crate::diag::did_you_mean;
use crate::facts::fields::{CURATORS_OWN, supportable};

impl Checker<'_> {
    /// Each fact of `e` cited only to sources from before it began is marked announced.
    pub(super) fn announced_facts(&mut self, e: &Event) {
        let at = |field: &str| format!("events[{}].{field}", e.id.value);
        self.announced_only(e, e.announced, &e.sources, "this event", at("status"));
        for (i, f) in e.figures.iter().enumerate() {
            let what = format!("the figure `{}`", f.measure);
            self.announced_only(
                e,
                e.announced || f.announced,
                &f.sources,
                &what,
                at(&format!("figures[{i}].status")),
            );
        }
        for (i, p) in e.participants.iter().enumerate() {
            let what = format!("the participation of `{}`", p.party.value);
            self.announced_only(
                e,
                e.announced || p.announced,
                &p.sources,
                &what,
                at(&format!("participants[{i}].status")),
            );
        }
        for (i, o) in e.outcomes.iter().enumerate() {
            let what = format!("the outcome “{}”", o.title);
            self.announced_only(
                e,
                e.announced || o.announced,
                &o.sources,
                &what,
                at(&format!("outcomes[{i}].status")),
            );
        }
    }

    /// The citations of `record` (a `what`): each names a source, quotes it when it says
    /// it does, and supports fields the record has; and each field a source must support is
    /// supported by one (else it prints without a note: a warning).
    pub(super) fn cited(&mut self, record: &impl Described, what: &str, field: String) {
        let citations = record.citations();
        let fields = record.fields();
        let names: Vec<&str> = fields
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| supportable(name))
            .collect();
        for c in citations {
            for s in &c.supports {
                if names.contains(&s.value.as_str()) {
                    continue;
                }
                let mut problem = Problem::error(format!(
                    "`supports` names `{}`, which is not a field of {} {what}",
                    s.value,
                    article(what)
                ))
                .at(s.at.clone())
                .field(field.clone());
                if let Some(near) = did_you_mean(&s.value, names.iter().copied()) {
                    problem = problem.label(format!("did you mean `{near}`?"));
                }
                self.problems.push(problem.help(format!(
                    "the fields a source can support here: {}",
                    names.join(", ")
                )));
            }
        }
        if let Some(first) = citations.first()
            && citations.iter().all(|c| !c.supports.is_empty())
        {
            for (name, value) in &fields {
                if value.is_empty()
                    || CURATORS_OWN.contains(name)
                    || citations.iter().any(|c| c.supports(name))
                {
                    continue;
                }
                self.problems.push(
                    Problem::warning(format!(
                        "no source of this {what} supports its `{name}`: it prints without a note"
                    ))
                    .at(first.source.at.clone())
                    .field(field.clone())
                    .help(format!(
                        "add `{name}` to the `supports` of the source that says it, or cite one that does"
                    )),
                );
            }
        }
        for c in citations {
            self.reference(&c.source, Kind::Source, field.clone());
            if let Some(excerpt) = c.excerpt.as_ref().filter(|e| e.value.trim().is_empty()) {
                self.problems.push(
                    Problem::error("empty `excerpt`")
                        .at(excerpt.at.clone())
                        .field(field.clone())
                        .help("quote a short verbatim passage of the source, or remove `excerpt`"),
                );
            }
        }
    }

    /// A source published before an event began can only say what was to happen: a fact of
    /// the event cited to such sources alone must be marked `status: announced`.
    fn announced_only(
        &mut self,
        e: &Event,
        announced: bool,
        citations: &[Citation],
        what: &str,
        field: String,
    ) {
        let published = |c: &Citation| self.base.source(&c.source.value).map(|s| s.published);
        let all_before = !citations.is_empty()
            && citations
                .iter()
                .all(|c| published(c).is_some_and(|p| p.is_before(&e.start.value)));
        if announced || !all_before {
            return;
        }
        let first = &citations[0];
        let when = published(first).map(|p| p.text()).unwrap_or_default();
        self.problems.push(
            Problem::error(format!(
                "{what} is cited only to sources published before the event began ({when}, before {}): they can only say it was to happen",
                e.start.value.text()
            ))
            .at(first.source.at.clone())
            .field(field)
            .help("mark it `status: announced` (briefings then print it as announced), or cite a source that reports it after the event"),
        );
    }

    /// A quote prints in quotation marks, attributed to its speaker: its words must be a
    /// source's. They must stand in one of its excerpts (which `check --sources` finds in the
    /// source's text), spacing and quote styles aside.
    pub(super) fn quote(&mut self, s: &Statement, field: String) {
        let excerpts: Vec<&Located<String>> = s
            .sources
            .iter()
            .filter_map(|c| c.excerpt.as_ref())
            .collect();
        let words = super::excerpts::normalise(&s.text);
        let Some(first) = excerpts.first() else {
            self.problems.push(
                Problem::warning(
                    "this quote cannot be checked: none of its sources has an `excerpt`",
                )
                .at(s.speaker.at.clone())
                .field(field)
                .help("add the quoted passage as the `excerpt` of the source it comes from"),
            );
            return;
        };
        if excerpts
            .iter()
            .any(|e| super::excerpts::normalise(&e.value).contains(&words))
        {
            return;
        }
        self.problems.push(
            Problem::error("the words of this quote are not in any of its excerpts")
                .at(first.at.clone())
                .field(field)
                .help("a quote must be the source's words: copy them verbatim, make the excerpt the whole quoted passage, or make the statement `kind: summary`"),
        );
    }
}

/// `a` or `an` before a word.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
