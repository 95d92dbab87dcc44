//! The Typst [`World`]: what a document may see while it compiles.
//!
//! In: generated Typst source, the project root and the folders Typst may read. Out: a world
//! that serves the source from memory, project files only from inside the allowed folders
//! (symlinks resolved before the check), no packages, embedded fonts only, and a fixed date.
//!
//! The standard library and the fonts are set up once per process ([`Engine::shared`]) and
//! shared by every document compiled in it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Context as _;

use crate::diag::{Problem, Problems, UsageError};
use crate::templates::{BUILTIN_TYPST_DIR, SHARED_FILES, builtin, is_safe_file_name};

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

/// Process-wide Typst state: the standard library (one per set of inputs a document is
/// given: its words, see [`WORDS_INPUT`], and the order of its sources, see [`ORDER_INPUT`])
/// and the embedded fonts.
pub struct Engine {
    libraries: Mutex<Vec<(Inputs, Arc<LazyHash<Library>>)>>,
    fonts: Arc<FontStore>,
    /// The embedded fonts with a project's `fonts/` folder's, per folder and its files
    /// (names, sizes, times), so that a font added under `watch` is picked up.
    project_fonts: Mutex<Vec<(FontsKey, Arc<FontStore>)>>,
}

/// A project's fonts folder and what is in it.
type FontsKey = (PathBuf, Vec<(PathBuf, u64, Option<std::time::SystemTime>)>);

/// The largest font file brief reads from a project (CJK fonts run to 20 MB and more).
const MAX_FONT_BYTES: u64 = 64 << 20;
/// At most this many font files in a project's fonts folder.
const MAX_FONT_FILES: usize = 64;

/// The `sys.inputs` key the shared Typst files read the document's words from (JSON: the
/// catalog's `label-…` messages resolved, see `words::Words::typst_words`). The stock Typst
/// CLI takes it as `--input brief-words=JSON`.
pub const WORDS_INPUT: &str = "brief-words";

/// The `sys.inputs` key the shared Typst files read the order of the document's sources and
/// first mentions from (JSON, see `compile::layout_order`). Without it they find both out as
/// the pages are laid out, more slowly.
pub const ORDER_INPUT: &str = "brief-order";

/// What a document's standard library is made for: its words and its layout order.
type Inputs = (Bytes, Option<Bytes>);

/// How many libraries (sets of inputs) a process keeps: a run uses two per document (one
/// to read the order of its sources, one to lay it out); `watch` makes new ones when a
/// catalog or the order changes.
const LIBRARIES_KEPT: usize = 16;

impl Engine {
    /// The engine of this process, set up on first use.
    pub fn shared() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| Engine {
            libraries: Mutex::new(Vec::new()),
            fonts: Arc::new(embedded_fonts()),
            project_fonts: Mutex::new(Vec::new()),
        })
    }

    /// The standard library with `words` as `sys.inputs.brief-words` and `order`, when
    /// given, as `sys.inputs.brief-order`: made once per set of inputs and kept, so that
    /// Typst's caches stay warm from one document to the next.
    pub fn library(&self, words: &Bytes, order: Option<&Bytes>) -> Arc<LazyHash<Library>> {
        let key: Inputs = (words.clone(), order.cloned());
        let mut kept = self.libraries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, library)) = kept.iter().find(|(k, _)| *k == key) {
            return library.clone();
        }
        let text = |bytes: &Bytes| std::str::from_utf8(bytes).unwrap_or("{}").into();
        let mut inputs = typst::foundations::Dict::new();
        inputs.insert(
            WORDS_INPUT.into(),
            typst::foundations::Value::Str(text(words)),
        );
        if let Some(order) = order {
            inputs.insert(
                ORDER_INPUT.into(),
                typst::foundations::Value::Str(text(order)),
            );
        }
        let library = Arc::new(LazyHash::new(
            Library::builder().with_inputs(inputs).build(),
        ));
        if kept.len() >= LIBRARIES_KEPT {
            kept.remove(0);
        }
        kept.push((key, library.clone()));
        library
    }
}

/// The fonts brief embeds beside Typst's: Noto Naskh Arabic, regular and bold (SIL Open
/// Font License; `src/fonts/OFL.txt`), for briefings in Arabic.
const OWN_FONTS: [&[u8]; 2] = [
    include_bytes!("fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("fonts/NotoNaskhArabic-Bold.ttf"),
];

/// Typst's embedded fonts and brief's own.
fn embedded_fonts() -> FontStore {
    let mut fonts = FontStore::new();
    fonts.extend(typst_kit::fonts::embedded());
    fonts.extend(own_fonts());
    fonts
}

fn own_fonts() -> impl Iterator<Item = (Font, typst::text::FontInfo)> {
    OWN_FONTS.into_iter().flat_map(|data| {
        Font::iter(Bytes::new(data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        })
    })
}

impl Engine {
    /// The names of the embedded font families.
    pub fn families(&self) -> Vec<String> {
        self.fonts
            .book()
            .families()
            .map(|(family, _)| family.to_owned())
            .collect()
    }

    /// The fonts of a document: the embedded ones, and those of the project's fonts folder
    /// when it has one (`.ttf`, `.otf`, `.ttc`, `.otc` files directly in it, inside the
    /// project, each at most 64 MB).
    pub fn fonts(&self, dir: Option<&Path>) -> Result<Arc<FontStore>, Problems> {
        let Some(dir) = dir else {
            return Ok(self.fonts.clone());
        };
        let files = font_files(dir)?;
        let key: FontsKey = (
            dir.to_path_buf(),
            files
                .iter()
                .map(|(p, m)| (p.clone(), m.len(), m.modified().ok()))
                .collect(),
        );
        let mut kept = self.project_fonts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, store)) = kept.iter().find(|(k, _)| *k == key) {
            return Ok(store.clone());
        }
        let mut store = embedded_fonts();
        for (path, _) in &files {
            let shown = path.display().to_string();
            // Only a file inside the fonts folder (no link out of the project).
            let bytes = crate::facts::read_inside_capped(path, dir, MAX_FONT_BYTES)
                .map_err(|e| Problems(vec![Problem::error(e)]))?;
            let fonts: Vec<Font> = Font::iter(Bytes::new(bytes)).collect();
            if fonts.is_empty() {
                return Err(Problems(vec![
                    Problem::error(format!("`{shown}` is not a font Typst can read")).help(
                        "the fonts folder holds TrueType or OpenType fonts: .ttf, .otf, .ttc, .otc",
                    ),
                ]));
            }
            store.extend(fonts.into_iter().map(|f| {
                let info = f.info().clone();
                (f, info)
            }));
        }
        let store = Arc::new(store);
        if kept.len() >= 4 {
            kept.remove(0);
        }
        kept.push((key, store.clone()));
        Ok(store)
    }
}

/// The font files directly in `dir`, sorted, with their metadata; refuses a folder with too
/// many.
fn font_files(dir: &Path) -> Result<Vec<(PathBuf, std::fs::Metadata)>, Problems> {
    let fail = |e: std::io::Error| {
        Problems(vec![Problem::error(format!(
            "the fonts folder `{}` cannot be read ({e})",
            dir.display()
        ))])
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(fail)? {
        let path = entry.map_err(fail)?.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc")) {
            continue;
        }
        let meta = std::fs::metadata(&path).map_err(fail)?;
        files.push((path, meta));
        if files.len() > MAX_FONT_FILES {
            return Err(Problems(vec![
                Problem::error(format!(
                    "the fonts folder `{}` holds more than {MAX_FONT_FILES} fonts",
                    dir.display()
                ))
                .help("keep only the fonts the briefings need"),
            ]));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Whether any font of `fonts` has a glyph for `c` (text falls back across fonts).
pub fn has_glyph(fonts: &FontStore, c: char) -> bool {
    let book = fonts.book();
    book.families()
        .flat_map(|(_, indices)| indices)
        .filter_map(|i| book.info(i))
        .any(|info| info.coverage.contains(c as u32))
}

/// Where Typst may read: the project root (paths in Typst are relative to it) and the
/// folders below it that documents may use. All paths canonical.
#[derive(Debug, Clone)]
pub struct Sandbox {
    pub root: PathBuf,
    pub readable: Vec<PathBuf>,
    /// The project's templates folder, when it exists: its shared Typst files (`frame.typ`,
    /// …) are served in place of the built-in ones, file by file.
    pub templates: Option<PathBuf>,
    /// The project's fonts folder, when it has one (inside the root): its fonts are added to
    /// the embedded ones.
    pub fonts: Option<PathBuf>,
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
        let mut project_templates = None;
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
            readable.push(real.clone());
            project_templates = Some(real);
        }
        if let Ok(data_real) = data.canonicalize()
            && data_real.starts_with(&root)
        {
            readable.push(data_real);
        }
        Ok(Sandbox {
            root,
            readable,
            templates: project_templates,
            fonts: None,
        })
    }

    /// With the project's fonts folder `dir` (it must be inside the project).
    pub fn with_fonts(mut self, dir: Option<&Path>) -> anyhow::Result<Sandbox> {
        let Some(dir) = dir else {
            return Ok(self);
        };
        let real = dir
            .canonicalize()
            .with_context(|| format!("cannot open the fonts folder `{}`", dir.display()))?;
        if !real.starts_with(&self.root) {
            return Err(UsageError::new(format!(
                "the fonts folder `{}` is outside the project (`{}`)",
                dir.display(),
                self.root.display()
            ))
            .help("keep the project's fonts inside the project folder")
            .into());
        }
        self.fonts = Some(real);
        Ok(self)
    }

    /// The Typst path (`/templates`) of a folder inside the root.
    pub fn typst_path(&self, dir: &Path) -> Option<String> {
        typst_path_in(&self.root, dir)
    }
}

/// The Typst path (`/data/logo.png`) of `path` inside the project `root` (both canonical).
pub fn typst_path_in(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(format!("/{}", parts.join("/")))
}

/// Starts Typst's one-time work on a thread of its own, once per process: the fonts and the
/// standard library, then the document `source` writes for the embedded font families (the
/// renderer's warm-up document: the shared template files and a few words in every family),
/// which loads every face and the text-layout data. The caller meanwhile loads the fact base
/// and renders the template; Typst memoises what the warm-up did, and the first real compile
/// reuses it. Nothing is reported: a broken shared file is reported by the real compile.
pub fn warm_up(
    sandbox: &Sandbox,
    words: Bytes,
    source: impl FnOnce(&[String]) -> String + Send + 'static,
) {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let sandbox = sandbox.clone();
        // Without the thread, the real compile simply does this work itself.
        let _ = std::thread::Builder::new()
            .name("typst-warm-up".into())
            .stack_size(crate::threads::STACK_SIZE)
            .spawn(move || {
                let engine = Engine::shared();
                let source = source(&engine.families());
                let today = Datetime::from_ymd(2000, 1, 1).expect("a valid date");
                let world = DocumentWorld::new(engine, &sandbox, source, today).with_words(words);
                let _ = typst::compile::<typst_layout::PagedDocument>(&world);
            });
    });
}

/// One document's world.
pub struct DocumentWorld<'e> {
    engine: &'e Engine,
    /// The standard library with the document's words (and the order of its sources).
    library: Arc<LazyHash<Library>>,
    words: Bytes,
    fonts: Arc<FontStore>,
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
            library: engine.library(&english_words(), None),
            words: english_words(),
            fonts: engine.fonts.clone(),
            files,
            main,
            today,
        }
    }

    /// The document's words (JSON, see [`WORDS_INPUT`]): English unless given.
    pub fn with_words(mut self, words: Bytes) -> Self {
        self.library = self.engine.library(&words, None);
        self.words = words;
        self
    }

    /// The order of the document's sources (JSON, see [`ORDER_INPUT`]).
    pub fn with_order(mut self, order: Bytes) -> Self {
        self.library = self.engine.library(&self.words, Some(&order));
        self
    }

    /// The document's fonts (see [`Engine::fonts`]): the embedded ones unless given.
    pub fn with_fonts(mut self, fonts: Arc<FontStore>) -> Self {
        self.fonts = fonts;
        self
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
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
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
        self.fonts.font(index)
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

/// The English words (the warm-up document's, and any document given none).
pub fn english_words() -> Bytes {
    static WORDS: OnceLock<Bytes> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            let words = crate::words::Catalogs::builtin()
                .words("en")
                .expect("the built-in English catalog reads");
            Bytes::new(words.typst_input())
        })
        .clone()
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
        // Built-in template files: the project's file of the same name where it has one
        // (an office's own `frame.typ`), else from memory.
        if let Some(name) = id
            .vpath()
            .get_with_slash()
            .strip_prefix(BUILTIN_TYPST_DIR)
            .and_then(|rest| rest.strip_prefix('/'))
        {
            let own = self
                .sandbox
                .templates
                .as_ref()
                .filter(|_| is_safe_file_name(name))
                .map(|dir| dir.join(name))
                .filter(|path| std::fs::symlink_metadata(path).is_ok());
            return match own {
                Some(path) => self.read_inside(&path, shown()),
                None => builtin(name)
                    .map(|text| Bytes::from_string(text.to_owned()))
                    .ok_or_else(|| FileError::NotFound(shown())),
            };
        }
        let path = id
            .vpath()
            .realize(&self.sandbox.root)
            .map_err(|_| FileError::AccessDenied)?;
        // A shared Typst file the project's templates folder leaves out (its own `brief.typ`
        // imports `sections.typ`, which it does not have): the built-in one.
        if let (Some(dir), Some(name)) = (&self.sandbox.templates, builtin_shared_name(&path))
            && path.parent().and_then(|p| p.canonicalize().ok()).as_ref() == Some(dir)
            && std::fs::symlink_metadata(&path).is_err()
            && let Some(text) = builtin(name)
        {
            return Ok(Bytes::from_string(text.to_owned()));
        }
        self.read_inside(&path, shown())
    }
}

/// The name of a shared built-in Typst file, when `path` is named like one.
fn builtin_shared_name(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    (SHARED_FILES.contains(&name) && name.ends_with(".typ")).then_some(name)
}

impl ProjectFiles {
    /// Reads a project file, only from inside the folders documents may read (symlinks
    /// resolved first).
    fn read_inside(&self, path: &Path, shown: PathBuf) -> FileResult<Bytes> {
        let real = path
            .canonicalize()
            .map_err(|_| FileError::NotFound(shown.clone()))?;
        if !self
            .sandbox
            .readable
            .iter()
            .any(|dir| real.starts_with(dir))
        {
            return Err(FileError::Other(Some(
                format!(
                    "access denied: `{}` is outside the folders documents may read",
                    shown.display()
                )
                .into(),
            )));
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&real)
            .map(Bytes::new)
            .map_err(|_| FileError::NotFound(shown))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The warm-up document must compile cleanly, or it warms nothing: it imports the shared
    /// file and sets text in every embedded family.
    #[test]
    fn the_warm_up_document_compiles_without_a_diagnostic() {
        let engine = Engine::shared();
        let dir = tempfile::tempdir().unwrap();
        let sandbox = Sandbox::for_project(dir.path(), None, dir.path()).unwrap();
        let imports = vec![format!("{}/brief.typ", BUILTIN_TYPST_DIR)];
        let source = crate::render::warm_up_source(&imports, &engine.families());
        assert!(
            source.contains("#import \"/brief-builtin/brief.typ\""),
            "{source}"
        );
        let families = engine.families().len();
        assert!(families >= 3, "{families} families");
        assert_eq!(source.matches("#text(font:").count(), families);
        let today = Datetime::from_ymd(2000, 1, 1).unwrap();
        let world = DocumentWorld::new(engine, &sandbox, source, today);
        let result = typst::compile::<typst_layout::PagedDocument>(&world);
        assert!(result.warnings.is_empty(), "{:?}", result.warnings);
        let document = result.output.expect("the warm-up compiles");
        assert_eq!(document.pages().len(), 1);
    }
}
