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
