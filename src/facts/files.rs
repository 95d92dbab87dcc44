//! Files: the fact base's folder → the files of each collection, read safely (regular files
//! inside the folder, size-capped) and parsed, on several threads when there are many.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{COLLECTIONS, ISSUER_FILE};
use crate::diag::{Location, Problem, SourceText, did_you_mean};
use crate::yaml;

/// Finds the files of each collection, reporting unknown files and ambiguous layouts.
pub(super) fn collection_files(
    dir: &Path,
    problems: &mut Vec<Problem>,
) -> Option<Vec<(&'static str, Vec<PathBuf>)>> {
    let shown = dir.display();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            let what = if err.kind() == std::io::ErrorKind::NotFound {
                "does not exist".to_owned()
            } else {
                format!("cannot be read ({err})")
            };
            problems.push(
                Problem::error(format!("the fact base folder `{shown}` {what}"))
                    .help("run from the project root, or pass the folder with `--data DIR`"),
            );
            return None;
        }
    };
    let mut names: Vec<(String, PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            let path = e.path();
            let is_dir = path.is_dir();
            (e.file_name().to_string_lossy().into_owned(), path, is_dir)
        })
        .filter(|(name, _, _)| !name.starts_with('.'))
        .collect();
    names.sort();

    let mut out = Vec::new();
    for collection in COLLECTIONS {
        let file = dir.join(format!("{collection}.yaml"));
        let folder = dir.join(collection);
        let mut paths = Vec::new();
        // Anything by that name is read (and refused if it is not a regular file inside).
        if std::fs::symlink_metadata(&file).is_ok_and(|m| !m.is_dir()) {
            paths.push(file.clone());
        }
        if folder.is_dir() {
            if !paths.is_empty() {
                problems.push(
                    Problem::error(format!(
                        "collection `{collection}` is given twice: `{}` and `{}/`",
                        file.display(),
                        folder.display()
                    ))
                    .help("keep either the single file or the folder, not both"),
                );
                continue;
            }
            match yaml_files_in(&folder) {
                Ok(files) => paths.extend(files),
                Err(err) => problems.push(Problem::error(format!(
                    "cannot read folder `{}` ({err})",
                    folder.display()
                ))),
            }
        }
        out.push((collection, paths));
    }

    // Anything else in the folder is most likely a misnamed collection.
    for (name, path, is_dir) in &names {
        let stem = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .unwrap_or(name);
        let is_yaml = *is_dir || name.ends_with(".yaml") || name.ends_with(".yml");
        let known = COLLECTIONS.contains(&stem) && (*is_dir || name.ends_with(".yaml"));
        if !is_yaml || known || (name == ISSUER_FILE && !*is_dir) {
            continue;
        }
        let mut problem = Problem::error(format!(
            "`{}` is not a collection of the fact base",
            path.display()
        ));
        match did_you_mean(stem, COLLECTIONS) {
            Some(s) if *is_dir => problem = problem.help(format!("did you mean `{s}/`?")),
            Some(s) => problem = problem.help(format!("did you mean `{s}.yaml`?")),
            None => {}
        }
        problems.push(problem.help(format!(
            "collections are: {} (each `NAME.yaml` or a folder `NAME/` of `*.yaml` files)",
            COLLECTIONS.join(", ")
        )));
    }
    Some(out)
}

fn yaml_files_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir())
                && p.extension().is_some_and(|e| e == "yaml" || e == "yml")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// The largest file brief reads (a fact-base file or a source text).
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Reads `path` only if it is a regular file inside `root` once symlinks are resolved, and
/// no larger than [`MAX_FILE_BYTES`]; otherwise says why.
pub fn read_inside(path: &Path, root: &Path) -> Result<Vec<u8>, String> {
    read_inside_capped(path, root, MAX_FILE_BYTES)
}

/// [`read_inside`] with a size limit of `limit` bytes (a catalog of words, a font).
pub fn read_inside_capped(path: &Path, root: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot open `{}` ({e})", root.display()))?;
    let real = path
        .canonicalize()
        .map_err(|e| format!("cannot read `{}` ({e})", path.display()))?;
    if !real.starts_with(&root) {
        return Err(format!(
            "`{}` leads outside `{}` (a symlink?): brief reads only files inside it",
            path.display(),
            root.display()
        ));
    }
    read_regular(&real, path, limit)
}

/// Reads `path` (named `shown` in messages) only if it is a regular file, symlinks followed,
/// of at most `limit` bytes; otherwise says why. Nothing that is not a regular file (a FIFO,
/// a device, `/proc`) is ever opened, and a file that grows while it is read stops at the
/// limit with the same message.
pub fn read_regular(path: &Path, shown: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let shown = shown.display();
    let too_large = |len: u64| {
        format!(
            "`{shown}` is larger than brief reads ({} MB, limit {} MB)",
            len >> 20,
            limit >> 20
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read `{shown}` ({e})"))?;
    if !meta.is_file() {
        return Err(format!(
            "`{shown}` is not a regular file (a folder, a pipe or a device): brief reads only regular files"
        ));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read `{shown}` ({e})"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A parsed file (or `None` when it could not be read or parsed) and its problems.
type Parsed = (Option<(Arc<SourceText>, yaml::Node)>, Vec<Problem>);

/// Reads and parses `paths`, in order: on one thread per core when there are enough files to
/// share (spare threads would only contend with Typst's warm-up), else on this thread.
pub(super) fn parse_files(paths: &[&PathBuf], root: &Path) -> Vec<Parsed> {
    const FILES_PER_THREAD: usize = 16;
    let parse = |path: &Path| -> Parsed {
        let mut problems = Vec::new();
        let parsed =
            read_file(path, root, &mut problems).and_then(|file| match yaml::parse(&file) {
                Ok(node) => Some((file, node)),
                Err(problem) => {
                    problems.push(*problem);
                    None
                }
            });
        (parsed, problems)
    };
    let threads = crate::threads::cores().min(paths.len() / FILES_PER_THREAD);
    crate::threads::map_in_order(paths, threads, |p| parse(p))
}

pub(super) fn read_file(
    path: &Path,
    root: &Path,
    problems: &mut Vec<Problem>,
) -> Option<Arc<SourceText>> {
    let name = path.display().to_string();
    let bytes = match read_inside(path, root) {
        Ok(bytes) => bytes,
        Err(why) => {
            problems.push(Problem::error(why).help("the fact base holds regular YAML files only"));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceText::new(name, text)),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            problems.push(
                Problem::error("this file is not valid UTF-8")
                    .at(Location {
                        file: SourceText::new(name, text),
                        range: offset..offset + 1,
                    })
                    .help("save the file as UTF-8"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_regular;

    /// The size limit and the regular-file check, each on its own (the loader and `send`
    /// rely on them).
    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.yaml");
        std::fs::write(&file, "0123456789").unwrap();
        assert_eq!(read_regular(&file, &file, 10).unwrap(), b"0123456789");
        let err = read_regular(&file, std::path::Path::new("shown.yaml"), 9).unwrap_err();
        assert!(
            err.contains("`shown.yaml` is larger than brief reads"),
            "{err}"
        );
        let err = read_regular(dir.path(), dir.path(), 10).unwrap_err();
        assert!(err.contains("is not a regular file"), "{err}");
    }

    use std::path::PathBuf;

    /// Many files are parsed on several threads: every file's result comes back in the
    /// given order, with its own problems, whatever thread parsed it.
    #[test]
    fn files_parsed_on_threads_come_back_in_order_with_their_problems() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..70 {
            let path = dir.path().join(format!("f{i:02}.yaml"));
            let text = if i % 23 == 5 {
                format!("- id: e{i}\n  title: [unclosed\n")
            } else {
                format!("- id: e{i}\n  title: Event {i}\n")
            };
            std::fs::write(&path, text).unwrap();
            paths.push(path);
        }
        let refs: Vec<&PathBuf> = paths.iter().collect();
        let parsed = super::parse_files(&refs, dir.path());
        assert_eq!(parsed.len(), 70);
        for (i, ((node, problems), path)) in parsed.iter().zip(&paths).enumerate() {
            if i % 23 == 5 {
                assert!(node.is_none(), "f{i:02}");
                assert_eq!(problems.len(), 1, "f{i:02}: {problems:?}");
                let shown = problems[0].render();
                assert!(shown.contains(&format!("f{i:02}.yaml")), "{shown}");
            } else {
                let (file, node) = node.as_ref().expect("parsed");
                assert_eq!(file.name, path.display().to_string());
                assert!(problems.is_empty());
                assert!(node.to_json().to_string().contains(&format!("Event {i}")));
            }
        }
    }
}
