//! Shell completions, the man page and the examples in every `--help`.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use assert_cmd::Command;
use clap::CommandFactory;
use tempfile::TempDir;
use usce::cli::Cli;

/// `usce` with its database in a temp dir, so nothing touches the user's.
fn usce(dir: &TempDir) -> Command {
    support::usce(&dir.path().join("usce.db"))
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn subcommand_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect()
}

#[test]
fn completions_name_every_subcommand_in_every_shell() {
    let dir = TempDir::new().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(usce(&dir).args(["completions", shell]));
        for name in subcommand_names() {
            assert!(script.contains(&name), "{shell} completion lacks {name}");
        }
    }
    let bash = stdout_of(usce(&dir).args(["completions", "bash"]));
    assert!(bash.contains("complete -F _usce"), "{bash}");
    // Describing the CLI creates no database.
    assert!(!dir.path().join("usce.db").exists());
}

#[test]
fn an_unknown_shell_is_refused_with_the_choices() {
    let dir = TempDir::new().unwrap();
    let out = usce(&dir).args(["completions", "tcsh"]).assert().failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("bash") && err.contains("powershell"), "{err}");
}

#[test]
fn the_man_page_is_roff_with_the_commands_and_examples() {
    let dir = TempDir::new().unwrap();
    let page = stdout_of(usce(&dir).arg("man"));
    assert!(page.contains(".TH usce 1"), "{page}");
    assert!(page.contains(".SH SYNOPSIS"), "{page}");
    for name in subcommand_names() {
        assert!(page.contains(&name), "man page lacks {name}");
    }
    assert!(page.contains("Examples:"), "{page}");
    assert!(!dir.path().join("usce.db").exists());
}

#[test]
fn man_dash_o_writes_one_page_per_command() {
    let dir = TempDir::new().unwrap();
    let man_dir = dir.path().join("man/man1");
    let listed = stdout_of(usce(&dir).arg("man").arg("-o").arg(&man_dir));
    let main = std::fs::read_to_string(man_dir.join("usce.1")).unwrap();
    assert!(main.contains(".TH usce 1"));
    let list = std::fs::read_to_string(man_dir.join("usce-list.1")).unwrap();
    assert!(list.contains(".TH usce-list 1"), "{list}");
    assert!(list.contains("\\-\\-state"), "{list}");
    for name in subcommand_names() {
        let file = man_dir.join(format!("usce-{name}.1"));
        assert!(file.exists(), "{}", file.display());
        assert!(listed.contains(&format!("usce-{name}.1")), "{listed}");
    }
}

#[test]
fn top_level_help_has_examples() {
    let dir = TempDir::new().unwrap();
    let help = stdout_of(usce(&dir).arg("--help"));
    assert!(help.contains("Examples:\n  usce  "), "{help}");
    assert!(help.contains("usce completions bash"), "{help}");
    assert!(help.contains("usce man"), "{help}");
}

#[test]
fn every_subcommand_help_has_examples_that_use_it() {
    let dir = TempDir::new().unwrap();
    for name in subcommand_names() {
        let help = stdout_of(usce(&dir).args([name.as_str(), "--help"]));
        assert!(
            help.contains("Examples:\n"),
            "usce {name} --help has no examples:\n{help}"
        );
        let examples = help.split("Examples:\n").nth(1).unwrap();
        assert!(
            examples.contains(&format!("usce {name}")),
            "usce {name} --help examples do not show it:\n{examples}"
        );
    }
}
