# English: the words of brief's built-in templates and email drafts.
#
# Plain `en` follows British usage (organised, 4 November 2024), as the UN does; `en-US.ftl`
# changes only what American usage writes otherwise. A project overrides any message with
# a file of the same name in its `templates/words/` folder: only the messages it changes.

## Spans of dates. `first` is the start written as short as the shape allows, `last` the
## end in full: 4–5 November 2024, 30 April – 2 May 2018, May–June 2018.
date-range-same-month = { $first }–{ $last }
date-range-same-year = { $first } – { $last }
date-range-months = { $first }–{ $last }
date-range = { $first } – { $last }

## What the context writes.
# A field sources differ on: "One source gives the start date as …".
claim-field = the { $field }
claim-field-title = the official title
claim-field-short-title = the short title
claim-field-kind = the kind of event
claim-field-sequence = the meeting’s number
claim-field-parent = the event it was part of
claim-field-start = the start date
claim-field-end = the end date
claim-field-location = the place
claim-field-organizers = the organisers
# Speakers who spoke for a party other than the one of their position.
label-speaking-for = { $who }, for { $party }
# An event's facts only sources from before it give ("Its dates and place were announced …").
announced-field-start = dates
announced-field-location = place
announced-field-sequence = number in its process
announced-field-organizers = organisers
announced-field-title = title
announced-field-kind = kind
announced-field-hosts = hosts
announced-field-funders = funders
announced-field-regions = regions
announced-field-topics = topics
announced-field-parent = the event it belongs to
announced-field-process = process

## The words of the shared Typst files (`blocks.typ`, `sections.typ`, `frame.typ`). Typst
## receives each `label-…` message resolved, without the prefix; `{ $name }` is filled there.

# Rows of an event's key facts.
label-official-title = Official title
label-description = Description
label-kind = Kind
label-dates = Dates
label-place = Place
label-part-of = Part of
label-related-to = Related to
label-hosted-by = Hosted by
label-organised-by = Organised by
label-financed-by = Financed by
label-regions = Regions
label-topics = Topics
label-note = Note
label-status = Status
label-taking-part = Taking part
label-outcome = Outcome
# A fact its sources only said was to happen; the status of such an event.
label-announced = announced
label-announced-event = announced in advance; the sources do not report it as held
label-dates-announced = dates as announced
label-place-announced = place as announced
label-dates-place-announced = dates and place as announced
# A statement its only sources published before the event.
label-said-ahead = published before the event
# A statement given in the source's words, not quoted.
label-summary = summary
label-claim = One source gives { $field } as { $value }
# Columns of the participants and roles tables.
label-party = Party
label-role = Role
label-head = Represented by
label-event = Event
label-none-recorded = —
# What the person who acted for a party did.
label-capacity-led = head of delegation
label-capacity-spoke = speaker
label-capacity-received = received the other side
label-capacity-represented = representative
# Charts.
label-figure = Figure
# What a note’s link says it leads to, for screen readers: “Source 3”.
label-source = Source
label-timeline-alt = Timeline: { $entries }
# The analyst’s view.
label-assessment-note = { $title } — the analyst’s view, not a sourced fact
label-assessment-confidence = { $confidence } confidence
label-assessment-rests-on = rests on { $records }
# What the sources leave open, one sentence per kind.
label-unknown-announced-event = { $event }: announced in advance; the sources do not report it as held.
label-unknown-announced-facts = { $event }: its { $what } are known only from sources published before it.
label-unknown-announced-outcome = { $event }: the outcome “{ $what }” was announced; no source reports it adopted.
label-unknown-announced-figure = { $event }: its figures ({ $what }) were given only before it opened; no later figures are on record.
label-unknown-announced-participation = { $event }: { $what } was announced to take part; no source reports that it did.
label-unknown-announced-participation-as = { $event }: { $what } was announced to take part as { $detail }; no source reports that it did.
label-unknown-no-participants = { $event }: no source names who took part.
label-unknown-sources-differ = { $event }: the sources differ on { $what }.
label-unknown-sources-differ-one = { $event }: the sources differ on { $what } (one gives { $detail }).
# What is new since an earlier edition.
label-new-since = What is new since the edition of { $date }
label-new-compared = Compared with the edition of { $date }.
label-new-compared-named = Compared with the edition of { $date } ({ $edition }).
label-new-bar = A bar in the margin marks what is { $new } or { $changed } since then.
label-new-word = new
label-changed-word = changed
label-new-nothing = Nothing this briefing reports has changed since then.
label-change-added = New
label-change-changed = Changed
label-change-removed = No longer recorded
label-field-added = { $field } added: { $value }.
label-field-removed = { $field } removed (it was { $value }).
label-field-changed = { $field } changed from { $old } to { $new }.
# The page frame and the cover block.
label-as-of = As of { $date }
label-page-of = Page { $page } of { $pages }
label-contents = Contents
label-contents-line = Contents:
label-reference = Reference
label-prepared-by = Prepared by
label-cleared-by = Cleared by
label-contact = Contact
label-distribution = Distribution
label-address = Address
label-briefing = Briefing
label-assessment = Assessment
label-unknowns = What we do not know

## Vocabularies of the fact base: `GROUP-VALUE`. A value without a message prints as it is
## written, with `-` as spaces (`member-states` → member states).
assessment-bottom-line = Bottom line
assessment-key-judgement = Key judgement
assessment-talking-point = Talking point
assessment-next-step = Next step
assessment-open-question = Open question
# (`ph-met` also receives `first-day` and `last-day`: `true` when the date is a day's, for
# languages that write an article before a day but not before a month.)
# A figure's value with its qualifier; a figure with its label (a curator's label or `measure-…`).
figure-qualified = { $qualifier ->
    [over] over { $value }
    [under] under { $value }
    [about] about { $value }
    [at-least] at least { $value }
    [up-to] up to { $value }
   *[other] { $qualifier } { $value }
}
figure-with-label = { $quantity } { $label }
label-hosted-by-inline = hosted by { $parties }
label-organised-by-inline = organised by { $parties }

## The built-in templates (`*.typ.j2`), called with `t("…")`. Sections first.
section-summary = Summary
section-timeline = Timeline
section-figures = Headline figures
section-participation = Participation
section-participants = Participants
section-discussions = Discussions
section-statements = Statements
section-initiatives = Positions and initiatives stated
section-outcome = Outcome
section-claims = Where sources differ
section-related = Related events
section-linked = Related events
section-others = Other events on record
section-sources = Sources
section-assessment = Assessment
section-talking-points = Talking points, next steps and open questions
section-involvement = Involvement over time
section-roles = Role in each event
section-said-by = What its representatives said
section-said-of = What others said of it
section-meetings = Bilateral and other meetings
section-country-initiatives = Initiatives and positions

## process-history
ph-kind = Process history
ph-subtitle = A history of the process
ph-subtitle-years = A history of the process, { $years }
ph-description = History of the { $name }, with sources
ph-launched-by-in = The process was launched by { $by } in { $when }
ph-launched-by = The process was launched by { $by }
ph-launched-in = The process was launched in { $when }
ph-met = { $count ->
    [1] It has met once, in { $places }
   *[other] It has met { $count } times between { $first } and { $last }, in { $places }
}
ph-latest-held = The most recent meeting, { $name }, was held on { $dates }
ph-latest-announced = The most recent meeting, { $name }, was announced for { $dates }
ph-hosted-by = , hosted by { $hosts }
ph-host-announced = , with { $hosts } announced as host
ph-no-meetings = The fact base records no meetings of the process yet.
ph-themes = Themes:
ph-timeline-caption = Meetings of the process (filled) and related meetings (open), by date.
ph-figures-caption = Headline figures reported by more than one meeting, as the sources give them.
ph-figures-alt = Headline figures: { $measures }
ph-figures-none = No headline figures are recorded for { $events }.
ph-linked-note = Events that are not meetings of the { $name } but that the fact base relates to it.
ph-others-note = Events in the fact base that its sources do not link to the { $name }.

## country-participation
cp-kind = Country participation summary
cp-subtitle = Participation
cp-subtitle-in = Participation in the { $processes }
cp-subtitle-in-others = Participation in the { $processes } and other events
cp-description = Participation of { $name } in the events on record, with sources
cp-country = Country
cp-official-name = Official name
cp-region = Region
cp-processes = Processes
cp-initiator = initiator
cp-events = Events on record
cp-appears = { $count ->
    [1] { $name } appears in one event on record
   *[other] { $name } appears in { $count } events on record
}
cp-hosted = ; it hosted { $events }
cp-organised = ; it co-organised { $events }
cp-launched = { $name } launched the { $processes }
cp-hosted-heading = { $announced ->
    [yes] { $event }, which it was announced to host
   *[other] { $event }, which it hosted
}
cp-none-reported = The sources report no event in which { $name } took part.
cp-announced-only = Announced in advance, not reported as done: its part in { $events }
cp-headed = { $count ->
    [one] Its delegation was headed by { $people }
   *[other] Its delegations were headed by { $people }
}
cp-people = { $capacity ->
    [spoke] { $people } spoke for it
    [received] { $people } received the other side for it
    [announced] { $count ->
        [one] { $people } was announced to take part for it
       *[other] { $people } were announced to take part for it
    }
   *[other] { $people } represented it
}
cp-statements = { $count ->
    [1] The sources record one statement made for it
   *[other] The sources record { $count } statements made for it
}
cp-no-events = The fact base records no event in which { $name } took part.
cp-per-year-caption = Events on record per year in which { $name } took part.
cp-per-year-alt = Events per year: { $years }
cp-timeline-caption = Events in which { $name } took part, by date.
cp-timeline-caption-announced = Events in which { $name } took part or was announced to, by date.

## organization-participation (the other words are the country summary's, `cp-…`)
op-kind = Organisation participation summary
op-description = Participation of { $name } in the events on record, with sources
op-organization = Organisation
op-kind-label = Type
op-parent = Part of
# An organisation's kind (`kind:` in organizations.yaml).
org-kind-un-entity = United Nations entity
org-kind-intergovernmental = Intergovernmental organisation
org-kind-regional = Regional organisation
org-kind-civil-society = Civil society organisation
org-kind-government-body = Government body
org-kind-other = Other organisation


## event-brief
eb-kind = Event brief
eb-kind-of = Event brief · { $process }
eb-as-announced = { $text } (as announced)
eb-description = Brief on { $title }, with sources
eb-kind-label = Kind
eb-kind-meeting = { $kind }, meeting { $sequence } of the { $process }
eb-kind-in = { $kind } in the { $process }
eb-series = Series
eb-series-nearest = { $count } meetings; nearest:
eb-dates-announced = { $dates }, as announced

## Email drafts (`*.email.txt.j2`, `*.email.html.j2`) and their subjects (manifests).
subject-process-history = { $name }: a history (as of { $date })
subject-process-history-years = { $name }: a history, { $years } (as of { $date })
subject-country-participation = { $name }: participation summary (as of { $date })
subject-organization-participation = { $name }: participation summary (as of { $date })
subject-event-brief = Brief: { $name }, { $dates }
email-greeting = Dear colleagues,
email-attached-generic = Please find attached: { $description }
email-attachment = Attached: { $name } ({ $pages ->
    [1] one page
   *[other] { $pages } pages
}, { $size })
email-footnoted = As of { $date }. Every fact in the attachment is footnoted to its source.
email-briefing = Briefing
email-prepared-by = Prepared by { $name }
email-contact = Contact: { $contact }
email-reference = Ref. { $reference }
email-announced = { $text } (announced)
email-as-announced = { $text } (as announced)
# What is new, at the head of a note.
email-new-since = What is new since the edition of { $date }:
email-new-since-title = What is new since the edition of { $date }
email-change = { $change ->
    [added] New
    [changed] Changed
   *[removed] No longer recorded
}: { $label }
email-field-added = { $field } added: { $value }.
email-field-removed = { $field } removed (it was { $value }).
email-field-changed = { $field } changed from { $old } to { $new }.
email-more-changes = { $count ->
    [1] and one more (see the briefing)
   *[other] and { $count } more (see the briefing)
}
email-nothing-changed = nothing this briefing reports has changed
# A process history at a glance.
email-ph-intro = Please find attached a history of the { $name }.
email-ph-intro-years = Please find attached a history of the { $name }, { $years }.
email-ph-launched-by-in = Launched by { $by } in { $when }
email-ph-launched-by = Launched by { $by }
email-ph-launched-in = Launched in { $when }
email-ph-meetings = { $count ->
    [1] one meeting
   *[other] { $count } meetings
}
email-ph-in = , in { $places }
email-ph-latest = Most recent:
email-ph-latest-text = { $name }, { $dates }
email-ph-hosted = , hosted by { $hosts }
email-ph-outcome = Its outcome:
# A country summary at a glance.
email-op-intro = Please find attached a summary of the participation of { $name }.
email-op-intro-in = Please find attached a summary of the participation of { $name } in the { $processes }.
email-cp-intro = Please find attached a summary of the participation of { $name }.
email-cp-intro-in = Please find attached a summary of the participation of { $name } in the { $processes }.
email-cp-events = { $count ->
    [1] one event on record
   *[other] { $count } events on record
}
email-cp-hosted = Hosted: { $events }
email-cp-organised = Co-organised: { $events }
email-cp-headed = { $count ->
    [one] Delegation headed by { $people }
   *[other] Delegations headed by { $people }
}
email-cp-meetings = Meetings: { $meetings }
# An event brief at a glance.
email-eb-intro = Please find attached a brief on the { $title }.
email-eb-intro-meeting = Please find attached a brief on the { $title }, meeting { $sequence } of the { $process }.
email-eb-intro-in = Please find attached a brief on the { $title }, in the { $process }.
email-eb-when = When and where: { $text }
email-eb-hosted = Hosted by { $parties }
email-eb-organised = organised by { $parties }
email-eb-figures = Figures: { $figures }
email-eb-outcome = Outcome: { $title }
email-eb-parties = { $count ->
    [1] One party on record as taking part
   *[other] { $count } parties on record as taking part
}
confidence-low = low
confidence-moderate = moderate
confidence-high = high

# A place and the years it hosted meetings.
place-years = { $place } ({ $years })
place-years-announced = { $place } ({ $years }, as announced)

## Punctuation the shared Typst files join with.
label-comma = ,
label-semicolon = ;
label-colon = :
label-legend-main = conferences and process meetings
label-legend-other = other events
email-size = { $kb } KB
role-venue = venue
role-funder = funder
role-organizer = organiser
outcome-declaration = declaration
outcome-outcome-document = outcome document

## Facts the fact base does not translate into the briefing's language.
label-untranslated-mark = †
label-untranslated-legend = Not translated: as the fact base gives it, in its own language.
label-untranslated-all = The facts are given as the fact base records them, in its own language; only the words around them are translated.

## Quotation marks for the straight quotes of facts ("…").
quote-open = “
quote-close = ”

## An edition remade as of an earlier date (`--date`): what it leaves out.
left-out = { $count ->
    [1] one record of a later date left out
   *[other] { $count } records of a later date left out
}
