//! `brief check`: load and validate the fact base (and, with `--sources`, find every cited
//! excerpt in its source text), printing every problem found.

use crate::diag::{self, Problems, Reported};
use crate::facts;
use crate::options::ReportFormat;
use crate::output::plural;
use crate::settings::CheckConfig;
use crate::term;

pub fn run(config: &CheckConfig) -> anyhow::Result<()> {
    let (data, sources, format) = (&config.data, config.sources.as_deref(), config.format);
    let (base, mut problems) = facts::load_all(data);
    if let Some(dir) = sources {
        problems.extend(facts::verify_excerpts(&base, dir));
    }
    if config.strict {
        facts::strict(&base, &mut problems);
    }
    problems.extend(catalog_problems(config, &base));
    facts::sort_problems(&mut problems);
    let failed = problems.iter().any(|p| p.severity == diag::Severity::Error);
    if format == ReportFormat::Json {
        let report = serde_json::json!({
            "valid": !failed,
            "data": data.display().to_string(),
            "problems": problems.iter().map(diag::Problem::to_json).collect::<Vec<_>>(),
        });
        crate::term::outln!("{}", serde_json::to_string_pretty(&report)?);
        return if failed { Err(Reported.into()) } else { Ok(()) };
    }
    if failed {
        return Err(Problems(problems).into());
    }
    for warning in &problems {
        crate::term::errln!("{}", warning.render().trim_end());
    }
    let verified = match sources {
        Some(dir) => {
            let count = base
                .citations()
                .iter()
                .filter(|c| c.excerpt.is_some())
                .count();
            format!(
                "; {} found in `{}`",
                plural(count, "excerpt", "excerpts"),
                dir.display()
            )
        }
        None => String::new(),
    };
    let counts = [
        plural(base.sources.len(), "source", "sources"),
        plural(base.countries.len(), "country", "countries"),
        plural(base.organizations.len(), "organization", "organizations"),
        plural(base.people.len(), "person", "people"),
        plural(base.processes.len(), "process", "processes"),
        plural(base.events.len(), "event", "events"),
        plural(base.initiatives.len(), "initiative", "initiatives"),
        plural(base.assessments.len(), "assessment", "assessments"),
    ];
    term::info(format!(
        "ok: `{}` is valid ({}){verified}",
        data.display(),
        counts.join(", ")
    ));
    Ok(())
}

/// With `--lang`: each language's catalog must read; the messages it lacks (a briefing
/// prints them in English) are a warning, an error with `--strict`.
fn catalog_problems(config: &CheckConfig, base: &facts::FactBase) -> Vec<diag::Problem> {
    let catalogs = crate::words::Catalogs::new(Some(&config.templates));
    // The languages the briefings are made in, as `generate` chooses them: `--lang`, else
    // `[generate] lang`, else the issuer's (when it has a catalog), else English.
    let langs: Vec<String> = if config.langs.is_empty() {
        let issuer = base.issuer.as_ref().and_then(|i| i.language.clone());
        vec![
            issuer
                .filter(|t| catalogs.has_language(t))
                .unwrap_or_else(|| "en".to_owned()),
        ]
    } else {
        config.langs.clone()
    };
    let mut out = Vec::new();
    for tag in &langs {
        // A catalog that does not read is an error whether asked for or not.
        let words = match catalogs.words(tag) {
            Ok(w) => w,
            Err(Problems(problems)) => {
                out.extend(problems);
                continue;
            }
        };
        let lacking = words.lacking();
        if !config.lacking || lacking.is_empty() {
            continue;
        }
        let shown: Vec<&str> = lacking.iter().take(12).map(String::as_str).collect();
        let more = lacking.len() - shown.len();
        let message = format!(
            "the catalog of `{}` lacks {} that English has: a briefing in `{}` prints them in English",
            words.tag.text,
            plural(lacking.len(), "message", "messages"),
            words.tag.text
        );
        let problem = if config.strict {
            diag::Problem::error(message)
        } else {
            diag::Problem::warning(message)
        };
        out.push(problem.help(format!(
            "add them to `templates/{}/{}.ftl`: {}{}",
            crate::words::WORDS_DIR,
            words.tag.lang,
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        )));
    }
    out
}
