//! Command-line interface (temporary: `clean` from stdin only).
use std::io::{Read, Write};
use std::process::ExitCode;

pub fn main() -> ExitCode {
    let mut buf = Vec::new();
    std::io::stdin().read_to_end(&mut buf).unwrap();
    let c = rinse::Cleaner::new(rinse::Config::default()).unwrap();
    let out = c.clean_bytes(&buf);
    std::io::stdout().write_all(out.text.as_bytes()).unwrap();
    ExitCode::SUCCESS
}
