use std::process::ExitCode;

use clap::Parser;
use usce::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        None | Some(Command::Tui) => (|| {
            let db = usce::paths::database(cli.db.as_deref())?;
            let config = usce::paths::config(cli.config.as_deref())?;
            usce::tui::run(&db, &config)
        })()
        .map(|()| ExitCode::SUCCESS),
        Some(command) => cli::run(&cli, command),
    };
    result.unwrap_or_else(|e| {
        eprintln!("usce: {e}");
        ExitCode::FAILURE
    })
}
