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
