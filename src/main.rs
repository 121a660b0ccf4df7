use std::process::ExitCode;

use clap::Parser;
use usce::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        None | Some(Command::Tui) => usce::paths::database(cli.db.as_deref())
            .map_err(Into::into)
            .and_then(|db| usce::tui::run(&db))
            .map(|()| ExitCode::SUCCESS),
        Some(command) => cli::run(&cli, command),
    };
    result.unwrap_or_else(|e| {
        eprintln!("usce: {e}");
        ExitCode::FAILURE
    })
}
