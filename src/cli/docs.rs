//! `usce completions SHELL` and `usce man`: the CLI describing itself.
//! Neither touches the database, so both work before anything is set up
//! (and from a package build).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;
use clap_mangen::Man;

use super::{Cli, CliResult};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write usce.1 and one page per command (usce-list.1, …) into this
    /// folder instead of printing usce.1.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
}

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> CliResult {
    use clap_complete::Generator;
    // What `clap_complete::generate` does, but returning the write error
    // (that one panics on it: `usce completions bash | head`).
    let mut cmd = Cli::command();
    cmd.set_bin_name("usce");
    cmd.build();
    args.shell.try_generate(&cmd, out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(args: &ManArgs, out: &mut dyn Write) -> CliResult {
    let Some(dir) = &args.output else {
        Man::new(Cli::command()).render(out)?;
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Building fills in the subcommands' display names ("usce-list").
    cmd.build();
    let mut written = Vec::new();
    write_pages(cmd, dir, &mut written)?;
    for path in written {
        writeln!(out, "{}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_pages(cmd: clap::Command, dir: &Path, written: &mut Vec<PathBuf>) -> CliResult<()> {
    let man = Man::new(cmd.clone());
    let path = dir.join(man.get_filename());
    // Manual pages are for everyone to read, but are written as carefully
    // as the private files (never through a planted link).
    let mut file = crate::paths::create_file(&path, 0o644)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    man.render(&mut file)?;
    written.push(path);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub.clone(), dir, written)?;
    }
    Ok(())
}
