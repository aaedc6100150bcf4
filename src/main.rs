//! The `rinse` command-line tool. See `rinse --help`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
