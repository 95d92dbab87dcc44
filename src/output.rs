//! Output: file naming and atomic writes.
//!
//! In: the bytes of each file a document produced, the template name and parameter values,
//! and `--out`. Out: files in place, each written to a temporary file beside its target and
//! renamed over it, so a failed or interrupted run never leaves a partial file and never
//! touches what was there before.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// The file stem of a document: the template name followed by its parameter values
/// (`process-history`, `country-participation-XYZ`).
pub fn stem<'a>(template: &str, values: impl IntoIterator<Item = &'a String>) -> String {
    let mut stem = template.to_owned();
    for v in values {
        stem.push('-');
        stem.push_str(&sanitize(v));
    }
    stem
}

/// Keeps a parameter value safe as part of a file name.
fn sanitize(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Where the files of one document go. `out` is a folder, or a file path when it has an
/// extension, is not an existing folder, and one document is made (`batch` is false).
/// Several files (one image per page) are numbered: `NAME-1.png`, `NAME-2.png`, ….
pub fn targets(out: &Path, stem: &str, ext: &str, count: usize, batch: bool) -> Vec<PathBuf> {
    let is_file = !batch && !out.is_dir() && out.extension().is_some();
    let (dir, stem) = if is_file {
        let dir = out.parent().map(Path::to_path_buf).unwrap_or_default();
        let file_stem = out
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| stem.to_owned());
        (dir, file_stem)
    } else {
        (out.to_path_buf(), stem.to_owned())
    };
    if count == 1 {
        if is_file {
            return vec![out.to_path_buf()];
        }
        return vec![dir.join(format!("{stem}.{ext}"))];
    }
    (1..=count)
        .map(|i| dir.join(format!("{stem}-{i}.{ext}")))
        .collect()
}

/// The files one document was written to.
pub struct Written {
    pub paths: Vec<std::path::PathBuf>,
    pub pages: usize,
    pub bytes: usize,
    /// The email draft written beside it, if one was.
    pub draft: Option<std::path::PathBuf>,
}

impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let first = self
            .paths
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let mut parts = Vec::new();
        if self.paths.len() > 1 {
            parts.push(plural(self.paths.len(), "file", "files"));
        }
        if self.pages > 0 {
            parts.push(plural(self.pages, "page", "pages"));
        }
        parts.push(format!("{} KB", self.bytes.div_ceil(1024)));
        let more = if self.paths.len() > 1 { " …" } else { "" };
        write!(f, "{first}{more} ({})", parts.join(", "))?;
        if let Some(draft) = &self.draft {
            write!(f, " and its email draft {}", draft.display())?;
        }
        Ok(())
    }
}

/// Checks once, before a batch starts, that documents can be written into `dir` (created if
/// missing), so that a folder that cannot be written is one error, not one per document.
pub fn check_folder(dir: &Path) -> anyhow::Result<()> {
    let fail = |e: std::io::Error| {
        crate::diag::Problems(vec![crate::diag::Problem::error(format!(
            "cannot write into the output folder `{}` ({e})",
            dir.display()
        ))
        .help("choose a folder you can write to with `--out DIR`, or fix the folder's permissions")])
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    // An unnamed probe file (removed when dropped; nothing is left behind).
    tempfile::tempfile_in(dir).map_err(fail)?;
    Ok(())
}

/// `1 page`, `2 pages`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes the files of one document (one PDF or Typst file, or one image per page) where
/// `out` says (see [`targets`]), each atomically.
pub fn write_document(
    out: &Path,
    stem: &str,
    ext: &str,
    files: &[Vec<u8>],
    pages: usize,
    batch: bool,
) -> anyhow::Result<Written> {
    let targets = targets(out, stem, ext, files.len(), batch);
    for (target, bytes) in targets.iter().zip(files) {
        write_atomic(target, bytes)?;
    }
    Ok(Written {
        paths: targets,
        pages,
        bytes: files.iter().map(Vec::len).sum(),
        draft: None,
    })
}

/// Writes `bytes` to `path` atomically: the bytes go to a temporary file in the same folder,
/// flushed to disk, which is then renamed over `path`. Readers see the old file or the new
/// one, never a mix; a failed run leaves the old file as it was.
///
/// On Linux the temporary file is created without a name (`O_TMPFILE`) and named only just
/// before the rename, so even a run killed outright (SIGKILL) leaves nothing behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // A file the user protected is never replaced (a rename would replace it regardless).
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.is_dir() {
            return Err(crate::diag::Problems(vec![
                crate::diag::Problem::error(format!(
                    "cannot write `{}`: it is a folder",
                    path.display()
                ))
                .help("give a file name, or the folder alone to write into it"),
            ])
            .into());
        }
        if meta.permissions().readonly() {
            return Err(crate::diag::Problems(vec![
                crate::diag::Problem::error(format!(
                    "permission denied: `{}` is read-only",
                    path.display()
                ))
                .help(format!(
                    "make it writable first (`chmod u+w {}`), or write elsewhere with `--out`",
                    path.display()
                )),
            ])
            .into());
        }
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the output folder `{}`", dir.display()))?;
    #[cfg(target_os = "linux")]
    if unnamed::write(&dir, path, bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))?
    {
        return Ok(());
    }
    write_named(&dir, path, bytes)
}

/// The portable way: a named temporary file, removed again if anything fails.
fn write_named(dir: &Path, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Like any new file: readable by others unless the umask says otherwise.
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}

fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

#[cfg(target_os = "linux")]
mod unnamed {
    use std::io::Write;
    use std::os::fd::AsRawFd;
    use std::path::Path;

    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use rustix::io::Errno;

    /// Writes through an unnamed temporary file. `Ok(false)`: the file system cannot make one.
    pub fn write(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
        let flags = OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC;
        let fd = match rustix::fs::openat(CWD, dir, flags, Mode::from_raw_mode(0o644)) {
            Ok(fd) => fd,
            Err(e) if [Errno::OPNOTSUPP, Errno::ISDIR, Errno::INVAL, Errno::NOSYS].contains(&e) => {
                return Ok(false);
            }
            Err(e) => return Err(e.into()),
        };
        let mut file = std::fs::File::from(fd);
        file.write_all(bytes)?;
        file.sync_all()?;
        let name = super::temp_prefix(path);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let tmp = dir.join(format!("{name}{}.{nanos}.tmp", std::process::id()));
        let fd_path = format!("/proc/self/fd/{}", file.as_raw_fd());
        if let Err(e) =
            rustix::fs::linkat(CWD, fd_path.as_str(), CWD, &tmp, AtFlags::SYMLINK_FOLLOW)
        {
            // No /proc, or a file system without links: use a named temporary file instead.
            if [Errno::NOENT, Errno::PERM, Errno::XDEV, Errno::OPNOTSUPP].contains(&e) {
                return Ok(false);
            }
            return Err(e.into());
        }
        if let Err(e) = std::fs::rename(&tmp, path) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_join_template_and_values() {
        let values = ["XYZ".to_owned()];
        assert_eq!(
            stem("country-participation", &values),
            "country-participation-XYZ"
        );
        assert_eq!(stem("x", &["../etc".to_owned()]), "x-___etc");
    }

    #[test]
    fn targets_in_a_folder_or_at_a_file_path() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        assert_eq!(
            targets(out, "ph", "pdf", 1, false),
            vec![out.join("ph.pdf")]
        );
        assert_eq!(
            targets(out, "ph", "png", 2, false),
            vec![out.join("ph-1.png"), out.join("ph-2.png")]
        );
        let file = out.join("brief.pdf");
        assert_eq!(targets(&file, "ph", "pdf", 1, false), vec![file.clone()]);
        assert_eq!(
            targets(&out.join("new-folder"), "ph", "typ", 1, false),
            vec![out.join("new-folder/ph.typ")]
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn unnamed_temporary_files_are_used_where_the_file_system_allows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("z.pdf");
        std::fs::write(&path, b"old").unwrap();
        match unnamed::write(dir.path(), &path, b"new") {
            Ok(true) => assert_eq!(std::fs::read(&path).unwrap(), b"new"),
            Ok(false) => assert_eq!(std::fs::read(&path).unwrap(), b"old"),
            Err(e) => panic!("{e}"),
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_portable_fallback_also_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("y.pdf");
        write_named(dir.path(), &path, b"one").unwrap();
        write_named(dir.path(), &path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.pdf");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.pdf")]);
    }
}
