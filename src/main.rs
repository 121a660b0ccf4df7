use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use usce::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    // Without a log usce still works; the log is for after a problem.
    let _ = usce::logging::init(cli.verbose);
    let command = matches.subcommand_name().unwrap_or("tui");
    tracing::info!(version = env!("CARGO_PKG_VERSION"), command, "usce started");
    let result = match &cli.command {
        None | Some(Command::Tui) => (|| {
            let db = usce::paths::database(cli.db.as_deref())?;
            let config = usce::paths::config(cli.config.as_deref())?;
            usce::tui::run(&db, &config)
        })()
        .map(|()| ExitCode::SUCCESS),
        Some(command) => cli::run(&cli, command),
    };
    match result {
        Ok(code) => {
            tracing::info!(command, success = code == ExitCode::SUCCESS, "usce stopped");
            code
        }
        Err(e) => {
            tracing::error!(command, error = %e, "usce stopped with an error");
            eprintln!("usce: {e}");
            ExitCode::FAILURE
        }
    }
}
