//! The `rinse` command-line tool. See `rinse --help`.

// One reviewed exception: the input memory map in `cli::io::read_all`.
#![deny(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
