//! Options: the closed sets of values a user chooses among (paper, output format, PDF
//! standard, report format, TLS mode), named as the command line and `brief.toml` write them.
//!
//! Plain values with no behaviour beyond naming: the command line parses them (clap), the
//! project file reads them by the same names, and the stages take them.

use serde::Deserialize;

/// What a document is written as: a PDF, the generated Typst source (nothing compiled), or
/// one PNG or SVG image per page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Typ,
    Png,
    Svg,
}

impl Format {
    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Typ => "typ",
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }
}

/// The paper a document is laid out on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    /// ISO A4 (210 × 297 mm).
    A4,
    /// US Letter (8.5 × 11 in).
    UsLetter,
}

impl Paper {
    /// The Typst paper name.
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::UsLetter => "us-letter",
        }
    }
}

/// A PDF standard `--pdf-standard` accepts (the ones Typst can produce).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Standard {
    #[value(name = "1.4")]
    V1_4,
    #[value(name = "1.5")]
    V1_5,
    #[value(name = "1.6")]
    V1_6,
    #[value(name = "1.7")]
    V1_7,
    #[value(name = "2.0")]
    V2_0,
    #[value(name = "a-1b")]
    A1b,
    #[value(name = "a-1a")]
    A1a,
    #[value(name = "a-2b")]
    A2b,
    #[value(name = "a-2u")]
    A2u,
    #[value(name = "a-2a")]
    A2a,
    #[value(name = "a-3b")]
    A3b,
    #[value(name = "a-3u")]
    A3u,
    #[value(name = "a-3a")]
    A3a,
    #[value(name = "a-4")]
    A4,
    #[value(name = "a-4f")]
    A4f,
    #[value(name = "a-4e")]
    A4e,
    #[value(name = "ua-1")]
    Ua1,
}

/// How a command prints its report (`check`, `diff`): for people, or as JSON for editors
/// and CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// How to reach the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain connection upgraded with STARTTLS (port 587).
    Starttls,
    /// TLS from the start (port 465).
    Tls,
    /// No encryption: allowed only for a server on this machine (a test or relay).
    None,
}

impl TlsMode {
    /// The port a server usually listens on for this mode.
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::Starttls => 587,
            TlsMode::Tls => 465,
            TlsMode::None => 25,
        }
    }
}
