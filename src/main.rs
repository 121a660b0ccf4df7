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
        // `usce list | head` closes the pipe early: that is the reader's
        // choice, not an error worth a message.
        Err(e) if cli::is_broken_pipe(e.as_ref()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(command, error = %e, "usce stopped with an error");
            #[allow(clippy::print_stderr)] // the last word, after the TUI has gone
            {
                eprintln!("usce: {}", printable(&e.to_string()));
            }
            ExitCode::FAILURE
        }
    }
}

/// An error can quote stored or received text (a name, a server's reply):
/// each line is cleaned as every other line usce prints is.
fn printable(message: &str) -> String {
    message
        .lines()
        .map(usce::ui::text::clean)
        .collect::<Vec<_>>()
        .join("\n")
}
