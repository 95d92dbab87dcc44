//! History: the project's git repository and a revision → the fact base as it was then.
//!
//! In: the fact-base folder and a revision: anything git accepts (a tag, a branch, a commit,
//! `HEAD~3`) or a date `YYYY-MM-DD` (the last commit on the current branch at or before the
//! end of that day). Out: the [`FactBase`] loaded from that revision's files, read straight
//! from the repository with `gix` (no git executable), and loaded by the same loader as the
//! working files. Not a repository, an unknown revision or a fact base that did not exist
//! yet are usage errors; a fact base that was invalid at the revision is reported as being at
//! the revision.

use std::path::Path;

use crate::changes::{Revision, Since};
use crate::diag::{Location, Problems, SourceText, UsageError};
use crate::facts::{self, FactBase};

/// The fact base in `data` as it was at `rev`.
pub fn load_at(data: &Path, rev: &str) -> anyhow::Result<(FactBase, Revision)> {
    let data_real = data
        .canonicalize()
        .map_err(|e| UsageError::new(format!("the fact base folder `{}`: {e}", data.display())))?;
    let repo = gix::discover(&data_real).map_err(|_| {
        UsageError::new(format!(
            "`{}` is not in a git repository: there is no history to compare with",
            data.display()
        ))
        .help("keep the project in git (`git init`, then commit the fact base) to compare editions")
    })?;
    let workdir = repo
        .workdir()
        .and_then(|w| w.canonicalize().ok())
        .ok_or_else(|| UsageError::new("the repository has no working folder"))?;
    let relative = data_real
        .strip_prefix(&workdir)
        .map_err(|_| UsageError::new("the fact base is outside the repository's working folder"))?
        .to_path_buf();
    let commit = find_commit(&repo, rev)?;
    let seconds = commit
        .time()
        .map_err(|e| anyhow::anyhow!("cannot read the date of `{rev}`: {e}"))?
        .seconds;
    let when = chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.date_naive())
        .unwrap_or_default();
    let revision = Revision {
        name: rev.to_owned(),
        commit: commit.id().to_hex_with_len(8).to_string(),
        date: when.format("%Y-%m-%d").to_string(),
        date_text: facts::day_text(when),
        edition: crate::changes::readable_revision(rev).then(|| rev.to_owned()),
    };
    let tree = commit
        .tree()
        .map_err(|e| anyhow::anyhow!("cannot read `{rev}`: {e}"))?;
    let missing = || {
        UsageError::new(format!(
            "the fact base `{}` did not exist yet at `{rev}` ({}, {})",
            relative.display(),
            revision.commit,
            revision.date_text
        ))
        .help("choose a later revision")
    };
    let entry = tree
        .lookup_entry_by_path(&relative)
        .map_err(|e| anyhow::anyhow!("cannot read `{rev}`: {e}"))?
        .ok_or_else(missing)?;
    if !entry.mode().is_tree() {
        return Err(missing().into());
    }
    // Removed on Ctrl-C and by the memory watchdog too, not only when dropped.
    let scratch = crate::memory::scratch_dir()?;
    let _making = crate::memory::making_with(
        format!("the fact base at `{rev}`"),
        crate::memory::LARGE_REVISION,
    );
    let folder = entry
        .object()
        .map_err(|e| anyhow::anyhow!("cannot read `{rev}`: {e}"))?
        .peel_to_tree()
        .map_err(|e| anyhow::anyhow!("cannot read `{rev}`: {e}"))?;
    write_tree(&repo, &folder, scratch.path(), facts::MAX_FILE_BYTES)?;
    let (base, problems) = facts::load_all(scratch.path());
    if problems
        .iter()
        .any(|p| p.severity == crate::diag::Severity::Error)
    {
        let shown = format!("{rev}:{}", relative.display());
        let prefix = scratch.path().display().to_string();
        let renamed = problems
            .into_iter()
            .map(|mut p| {
                if let Some(at) = &p.at {
                    let name = at.file.name.replacen(&prefix, &shown, 1);
                    p.at = Some(Location {
                        file: SourceText::new(name, at.file.text.clone()),
                        range: at.range.clone(),
                    });
                }
                p.message = format!("at `{rev}`: {}", p.message);
                p
            })
            .collect();
        return Err(Problems(renamed).into());
    }
    Ok((base, revision))
}

/// A revision beyond the history a shallow clone holds.
fn shallow(rev: &str) -> UsageError {
    UsageError::new(format!(
        "`{rev}` is not in this clone's history: the clone is shallow"
    ))
    .help("fetch more history (`git fetch --unshallow`, or `--deepen N`), then try again")
}

/// The commit `rev` names: a date, or anything git's rev-parse accepts.
fn find_commit<'r>(repo: &'r gix::Repository, rev: &str) -> anyhow::Result<gix::Commit<'r>> {
    if let Ok(day) = facts::parse_day(rev) {
        let end = day
            .and_hms_opt(23, 59, 59)
            .map_or(i64::MAX, |t| t.and_utc().timestamp());
        let mut commit = repo
            .head_commit()
            .map_err(|_| UsageError::new("the repository has no commits yet"))?;
        loop {
            let time = commit.time().map(|t| t.seconds).unwrap_or(i64::MAX);
            if time <= end {
                return Ok(commit);
            }
            let Some(parent) = commit.parent_ids().next() else {
                return Err(UsageError::new(format!(
                    "no commit on the current branch is dated on or before {rev}"
                ))
                .into());
            };
            // In a shallow clone the history ends where the clone was cut.
            let object = match parent.object() {
                Ok(object) => object,
                Err(_) if repo.is_shallow().unwrap_or(false) => return Err(shallow(rev).into()),
                Err(e) => return Err(anyhow::anyhow!("{e}")),
            };
            commit = object
                .try_into_commit()
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
    }
    let id = repo.rev_parse_single(rev).map_err(|_| {
        if repo.is_shallow().unwrap_or(false) {
            return shallow(rev);
        }
        UsageError::new(format!("unknown revision `{rev}`"))
            .help("give a tag, a branch, a commit (`HEAD~3`), or a date `YYYY-MM-DD`")
    })?;
    id.object()
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .peel_to_commit()
        .map_err(|_| UsageError::new(format!("`{rev}` does not name a commit")).into())
}

/// Writes the files of `tree` (recursively) into `dir`.
fn write_tree(
    repo: &gix::Repository,
    tree: &gix::Tree<'_>,
    dir: &Path,
    limit: u64,
) -> anyhow::Result<()> {
    for entry in tree.iter() {
        let entry = entry.map_err(|e| anyhow::anyhow!("{e}"))?;
        let name = entry.filename().to_string();
        if name.contains('/') || name == ".." || name == "." {
            continue;
        }
        let path = dir.join(&name);
        // The size from the object's header, before anything is inflated: a small object
        // that inflates to gigabytes (a git bomb) is refused at no cost.
        if entry.mode().is_blob() {
            let header = repo
                .find_header(entry.oid())
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            if header.size() > limit {
                return Err(UsageError::new(format!(
                    "`{name}` in the revision is {} MB, larger than brief reads ({} MB)",
                    header.size() >> 20,
                    limit >> 20
                ))
                .help("compare with a revision whose fact-base files are of a normal size")
                .into());
            }
        }
        let object = repo
            .find_object(entry.oid())
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if entry.mode().is_tree() {
            std::fs::create_dir_all(&path)?;
            let sub = object.peel_to_tree().map_err(|e| anyhow::anyhow!("{e}"))?;
            write_tree(repo, &sub, &path, limit)?;
        } else if entry.mode().is_blob() {
            std::fs::write(&path, &object.data)?;
        }
    }
    Ok(())
}

/// The fact base in `data` at `rev`, compared with `now` (the fact base in `data`).
pub fn since(data: &Path, rev: &str, now: &FactBase) -> anyhow::Result<Since> {
    let (then, revision) = load_at(data, rev)?;
    Ok(Since {
        revision,
        diff: crate::changes::diff(&then, now),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    /// A blob larger than the limit is refused from its header, before it is inflated or
    /// written (a 2 MB object can inflate to gigabytes).
    #[test]
    fn an_object_larger_than_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        std::fs::write(dir.path().join("small.yaml"), "- id: a\n").unwrap();
        std::fs::write(dir.path().join("big.yaml"), vec![b'#'; 2 << 20]).unwrap();
        git(dir.path(), &["add", "-A"]);
        git(dir.path(), &["commit", "-qm", "x"]);
        let repo = gix::open(dir.path()).unwrap();
        let tree = repo.head_commit().unwrap().tree().unwrap();
        let out = tempfile::tempdir().unwrap();
        let err = write_tree(&repo, &tree, out.path(), 1 << 20).unwrap_err();
        let text = format!("{err:#}");
        assert!(
            text.contains("`big.yaml` in the revision is 2 MB, larger than brief reads (1 MB)"),
            "{text}"
        );
        assert!(!out.path().join("big.yaml").exists());
        // Under the limit, written as it is.
        let out = tempfile::tempdir().unwrap();
        write_tree(&repo, &tree, out.path(), 4 << 20).unwrap();
        assert_eq!(
            std::fs::read(out.path().join("small.yaml")).unwrap(),
            b"- id: a\n"
        );
    }
}
