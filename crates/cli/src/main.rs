//! The `atalaya` binary: argument parsing and I/O at the edge; all coding is in `atalaya-engine`.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "atalaya", version, about = "News articles to structured, sourced political events")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    // Subcommands are added here, one module each.
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: anyhow::Result<ExitCode> = match cli.command {};
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("atalaya: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
