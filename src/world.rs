//! The Typst [`World`]: what a document may see while it compiles.
//!
//! In: generated Typst source, the project root and the folders Typst may read. Out: a world
//! that serves the source from memory, project files only from inside the allowed folders
//! (symlinks resolved before the check), no packages, embedded fonts only, and a fixed date.
//!
//! The standard library and the fonts are set up once per process ([`Engine::shared`]) and
//! shared by every document compiled in it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::Context as _;

use crate::diag::{Problem, Problems, UsageError};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;

/// The virtual path of the generated main file, inside the project root.
pub const MAIN_PATH: &str = "/brief-main.typ";

/// Process-wide Typst state: the standard library and the embedded fonts.
pub struct Engine {
    library: LazyHash<Library>,
    fonts: FontStore,
}

impl Engine {
    /// The engine of this process, set up on first use.
    pub fn shared() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| {
            let mut fonts = FontStore::new();
            fonts.extend(typst_kit::fonts::embedded());
            Engine {
                library: LazyHash::new(Library::default()),
                fonts,
            }
        })
    }
}

impl Engine {
    /// Whether any embedded font has a glyph for `c` (text falls back across fonts).
    pub fn has_glyph(&self, c: char) -> bool {
        let book = self.fonts.book();
        book.families()
            .flat_map(|(_, indices)| indices)
            .filter_map(|i| book.info(i))
            .any(|info| info.coverage.contains(c as u32))
    }
}

/// Where Typst may read: the project root (paths in Typst are relative to it) and the
/// folders below it that documents may use. All paths canonical.
#[derive(Debug, Clone)]
pub struct Sandbox {
    pub root: PathBuf,
    pub readable: Vec<PathBuf>,
}

impl Sandbox {
    /// The project root and the folders Typst may read in it: the project's templates
    /// folder (when it exists; it must be inside the root) and the data folder (when it is
    /// inside the root). Built-in template files are served from memory besides.
    pub fn for_project(
        root: &Path,
        templates: Option<&Path>,
        data: &Path,
    ) -> anyhow::Result<Sandbox> {
        let root = root
            .canonicalize()
            .with_context(|| format!("cannot open the project folder `{}`", root.display()))?;
        let mut readable = Vec::new();
        if let Some(templates) = templates {
            let real = templates.canonicalize().map_err(|e| {
                Problems(vec![Problem::error(format!(
                    "the templates folder `{}` cannot be opened ({e})",
                    templates.display()
                ))])
            })?;
            if !real.starts_with(&root) {
                return Err(UsageError::new(format!(
                    "the templates folder `{}` is outside the project (`{}`)",
                    templates.display(),
                    root.display()
                ))
                .help("templates must live inside the project folder")
                .into());
            }
            readable.push(real);
        }
        if let Ok(data_real) = data.canonicalize()
            && data_real.starts_with(&root)
        {
            readable.push(data_real);
        }
        Ok(Sandbox { root, readable })
    }

    /// The Typst path (`/templates`) of a folder inside the root.
    pub fn typst_path(&self, dir: &Path) -> Option<String> {
        let rel = dir.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(format!("/{}", parts.join("/")))
    }
}

/// One document's world.
pub struct DocumentWorld<'e> {
    engine: &'e Engine,
    files: FileStore<ProjectFiles>,
    main: FileId,
    today: Datetime,
}

impl<'e> DocumentWorld<'e> {
    pub fn new(engine: &'e Engine, sandbox: &Sandbox, source: String, today: Datetime) -> Self {
        let main = main_id();
        let files = FileStore::new(ProjectFiles {
            sandbox: sandbox.clone(),
            main,
            main_text: Bytes::from_string(source),
        });
        Self {
            engine,
            files,
            main,
            today,
        }
    }

    /// The real path behind a file id, for messages.
    pub fn host_path(&self, id: FileId) -> Option<PathBuf> {
        if id == self.main {
            return None;
        }
        id.vpath().realize(&self.files.loader().sandbox.root).ok()
    }
}

/// The file id of the generated main file (interned once per process).
pub fn main_id() -> FileId {
    static ID: OnceLock<FileId> = OnceLock::new();
    *ID.get_or_init(|| {
        let vpath = VirtualPath::new(MAIN_PATH).expect("valid main path");
        RootedPath::new(VirtualRoot::Project, vpath).intern()
    })
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.engine.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Serves the main file from memory and project files from the sandbox.
struct ProjectFiles {
    sandbox: Sandbox,
    main: FileId,
    main_text: Bytes,
}

impl FileLoader for ProjectFiles {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main {
            return Ok(self.main_text.clone());
        }
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                format!("packages are not available to briefings (`{spec}`): brief works offline")
                    .into(),
            ))));
        }
        let shown = || PathBuf::from(id.vpath().get_with_slash());
        // Built-in template files, from memory.
        if let Some(name) = id
            .vpath()
            .get_with_slash()
            .strip_prefix(crate::render::BUILTIN_TYPST_DIR)
            .and_then(|rest| rest.strip_prefix('/'))
        {
            return crate::templates::builtin(name)
                .map(|text| Bytes::from_string(text.to_owned()))
                .ok_or_else(|| FileError::NotFound(shown()));
        }
        let path = id
            .vpath()
            .realize(&self.sandbox.root)
            .map_err(|_| FileError::AccessDenied)?;
        let real = path
            .canonicalize()
            .map_err(|_| FileError::NotFound(shown()))?;
        if !self
            .sandbox
            .readable
            .iter()
            .any(|dir| real.starts_with(dir))
        {
            return Err(FileError::Other(Some(
                format!(
                    "access denied: `{}` is outside the folders documents may read",
                    shown().display()
                )
                .into(),
            )));
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&real)
            .map(Bytes::new)
            .map_err(|_| FileError::NotFound(shown()))
    }
}
