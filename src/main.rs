//! The `rinse` command-line tool. See `rinse --help`.

fn main() -> std::process::ExitCode {
    rinse_cli::main()
}

#[path = "cli/mod.rs"]
mod rinse_cli;
