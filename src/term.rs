//! Terminal: where messages and data go (stderr, stdout), in colour or not, quiet or not,
//! and text from users' files made safe to print.
//!
//! Set once at start from `--color`, `NO_COLOR` and `--quiet`; every command prints through
//! here, so `brief … | head` ends quietly and no value can drive the terminal.

use std::fmt;

/// How messages are shown: in colour, and whether progress and result lines are printed.
/// Set once at start from `--color`, `NO_COLOR` and `--quiet`.
static COLOR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether to colour messages: `always`, `never`, or `auto` (stderr is a terminal and
/// `NO_COLOR` is not set).
pub fn set_output(color: ColorChoice, quiet: bool) {
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR");
    let on = color_on(color, std::io::stderr().is_terminal(), no_color.as_deref());
    COLOR.store(on, std::sync::atomic::Ordering::Relaxed);
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// The colour decision: `always` and `never` as said; `auto` on a terminal unless
/// `NO_COLOR` is set to something.
fn color_on(choice: ColorChoice, terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

/// Whether colour is on.
pub fn color() -> bool {
    COLOR.load(std::sync::atomic::Ordering::Relaxed)
}

/// Whether progress and result lines are left out (`--quiet`).
pub fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// Prints a progress or result line (`wrote …`, `ok: …`) to stderr, unless `--quiet`.
pub fn info(line: impl fmt::Display) {
    if !quiet() {
        err(line);
    }
}

static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes data (JSON, lists, a script) to stdout. When the reader has gone away (`brief … |
/// head`), the output ends quietly, as Unix tools do: later writes are dropped and the run
/// still succeeds. Any other failure (a full disk) is an error.
pub fn out_bytes(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        return Ok(());
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
            Ok(())
        }
        other => other,
    }
}

/// One line of data to stdout (see [`out_bytes`]).
pub fn out(line: impl fmt::Display) -> std::io::Result<()> {
    out_bytes(format!("{line}\n").as_bytes())
}

/// One line to stderr (messages, progress). A stderr that cannot be written (a closed pipe,
/// a full disk) never stops the work: the line is dropped.
pub fn err(line: impl fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// `eprintln!` that never panics: `errln!("…")` (see [`err`]).
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::term::err(format_args!($($arg)*))
    };
}

/// `println!` for data: `outln!("{x}")?` (see [`out_bytes`]).
macro_rules! outln {
    () => {
        $crate::term::out("")?
    };
    ($($arg:tt)*) => {
        $crate::term::out(format_args!($($arg)*))?
    };
}

pub(crate) use {errln, outln};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `text` in an ANSI style (`1` bold, `32` green, …) when colour is on.
pub fn paint(text: &str, code: &str) -> String {
    if color() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// Whether `c` would act on a terminal or reorder text rather than show: C0 and C1 controls,
/// DEL, and the bidirectional formatting characters.
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from a user's files made safe to print on a terminal: every control character shown
/// as an escape (`\u{1b}`), so that no value can move the cursor, retitle the window, clear
/// the screen or reorder the line around it.
pub fn visible(text: &str) -> String {
    // A message never floods the screen: very long values (a 10 MB key) are cut.
    const MOST: usize = 2000;
    if text.len() > MOST * 4 || text.chars().count() > MOST {
        let head: String = text.chars().take(MOST).collect();
        return format!(
            "{}… ({} characters in all)",
            visible(&head),
            text.chars().count()
        );
    }
    if !text.chars().any(is_control) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if is_control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_flag_the_terminal_and_no_color() {
        use std::ffi::OsStr;
        assert!(color_on(ColorChoice::Auto, true, None));
        assert!(!color_on(ColorChoice::Auto, false, None));
        assert!(!color_on(ColorChoice::Auto, true, Some(OsStr::new("1"))));
        assert!(color_on(ColorChoice::Auto, true, Some(OsStr::new(""))));
        assert!(color_on(ColorChoice::Always, false, Some(OsStr::new("1"))));
        assert!(!color_on(ColorChoice::Never, true, None));
    }
}
