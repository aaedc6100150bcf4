//! The `rinse` command-line tool. See `rinse --help`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
