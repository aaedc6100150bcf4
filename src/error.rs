//! Library errors (the CLI wraps them with `anyhow` context).

use std::path::PathBuf;

/// Everything that can go wrong in the library. Input text never causes an
/// error: any bytes decode (see [`crate::decode`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration file or value is invalid.
    #[error("invalid configuration{}: {message}", path.as_ref().map(|p| format!(" in {}", p.display())).unwrap_or_default())]
    Config {
        /// The file, if the configuration came from one.
        path: Option<PathBuf>,
        /// What is wrong.
        message: String,
    },
    /// A rule code or prefix names no rule.
    #[error("unknown rule code or prefix `{0}` (see `rinse rules`)")]
    UnknownCode(String),
    /// A rules data file (embedded or the user's) is invalid.
    #[error("invalid rules file {name}: {message}")]
    Rules {
        /// Which rules file.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// A report could not be applied to its input.
    #[error("cannot apply report: {0}")]
    Apply(String),
    /// Reading or writing failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// `Result` with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The largest configuration or rules file read (16 MiB): `--config
/// /dev/zero` is an error, not a runaway read.
pub const MAX_CONFIG_BYTES: u64 = 16 << 20;

/// Read a configuration or rules file: at most [`MAX_CONFIG_BYTES`], UTF-8.
/// Errors name the file, never its contents.
pub(crate) fn read_small_file(path: &std::path::Path) -> Result<String> {
    use std::io::Read;
    let io_err = |source| Error::Io { path: path.to_owned(), source };
    let file = std::fs::File::open(path).map_err(io_err)?;
    let mut buf = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut buf).map_err(io_err)?;
    if buf.len() as u64 > MAX_CONFIG_BYTES {
        return Err(Error::Config {
            path: Some(path.to_owned()),
            message: format!("larger than {} MiB: not a configuration or rules file", MAX_CONFIG_BYTES >> 20),
        });
    }
    String::from_utf8(buf).map_err(|e| Error::Config {
        path: Some(path.to_owned()),
        message: format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()),
    })
}

/// A TOML error as `line L, column C: message`, without the source line the
/// TOML crate quotes (a secret file given as `--config` must not be echoed)
/// and without quoted values.
pub(crate) fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let at = match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {col}: ")
        }
        None => String::new(),
    };
    format!("{at}{}", hide_quoted(e.message().trim_end()))
}

/// `invalid type: string "hunter2", expected …` → `invalid type: string "…", expected …`.
pub(crate) fn hide_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    if inside {
        out.push('…');
    }
    out
}
