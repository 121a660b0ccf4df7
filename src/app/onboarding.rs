//! First run: a short welcome that offers the steps a new user needs —
//! profile, a program list, the sample data, sending, reading replies —
//! and can be skipped
//! and reopened (W, listed in the ? overlay). Also the SMTP setup form and
//! file-name completion for the import prompt.

use super::command::Command;
use super::effect::Effect;
use super::forms::{Form, FormTarget};
use super::route::{Handled, close_popup, move_cursor};
use super::{AppState, Input, InputPurpose, Popup};
use crate::domain::fields::{FieldSet, next_in, parse_number};
use crate::mail::{Security, SmtpConfig};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The settings that failed to load (config.toml, templates): shown
    /// first, so the welcome never hides them.
    Problems,
    Profile,
    Import,
    KeepSamples,
    RemoveSamples,
    Smtp,
    TestSend,
    /// Reading replies over IMAP (issue 17): the presets of `M`, or a
    /// connection check once `[imap]` is set up.
    Imap,
    Skip,
}

/// The steps worth offering now: the settings' problems when there are
/// any, and the sample list's two choices only while it has programs
/// (after `X` there is nothing to keep or remove).
pub fn steps(state: &AppState) -> Vec<Step> {
    let has_samples = samples(state) > 0;
    [
        Step::Problems,
        Step::Profile,
        Step::Import,
        Step::KeepSamples,
        Step::RemoveSamples,
        Step::Smtp,
        Step::TestSend,
        Step::Imap,
        Step::Skip,
    ]
    .into_iter()
    .filter(|s| match s {
        Step::Problems => !state.settings_problems.is_empty(),
        Step::KeepSamples | Step::RemoveSamples => has_samples,
        _ => true,
    })
    .collect()
}

fn samples(state: &AppState) -> usize {
    state.list.programs().iter().filter(|p| p.is_sample).count()
}

/// Whether a step is already done, for its tick.
fn done(state: &AppState, step: Step) -> bool {
    match step {
        Step::Profile => !state.profile.full_name.is_empty(),
        // A list of one's own: imported, or added by hand.
        Step::Import => state.list.programs().iter().any(|p| !p.is_sample),
        Step::Smtp => state.smtp_configured,
        Step::Imap => state.mail_sync.configured,
        _ => false,
    }
}

pub fn choices(state: &AppState) -> Vec<String> {
    let samples = crate::domain::plural::count(samples(state), "sample program");
    let next = next_step(state);
    steps(state)
        .into_iter()
        .map(|s| {
            let tick = match (done(state, s), Some(s) == next) {
                (true, _) => "✓ ",
                (false, true) => "→ ",
                (false, false) => "  ",
            };
            let text = match s {
                Step::Problems => problems_line(state),
                Step::Profile => "Fill in your profile — used in every email and the fit check (P)".into(),
                Step::Import => "Import a list of programs (i) — CSV, Excel or JSON: FREIDA, ACGME, your own sheet".into(),
                Step::KeepSamples => format!("Keep the {samples} to explore for now"),
                Step::RemoveSamples => format!("Remove the {samples} (X) and start clean"),
                Step::Smtp => "Set up sending by email (SMTP) — or skip: x saves .eml, m opens your mail app, y copies".into(),
                Step::TestSend => "Send a test message to myself".into(),
                Step::Imap if state.mail_sync.configured => {
                    "Replies are read from your mailbox (IMAP) — Enter checks the connection, M syncs".into()
                }
                Step::Imap => "Read replies from my mailbox (IMAP) — logs replies, stops their follow-ups (M)".into(),
                Step::Skip => "Skip — W brings this back any time (see ?)".into(),
            };
            format!("{tick}{text}")
        })
        .collect()
}

/// The step a new user would take next, marked "→": the first of the
/// profile, a list of one's own and sending not done yet (after `X` with
/// a profile filled in, that is the import).
fn next_step(state: &AppState) -> Option<Step> {
    [Step::Profile, Step::Import, Step::Smtp]
        .into_iter()
        .find(|s| !done(state, *s))
}

/// "⚠ config.toml:7: smtp.port: invalid type … — Enter shows all 2".
fn problems_line(state: &AppState) -> String {
    let first = state.settings_problems.first().map_or("", String::as_str);
    match state.settings_problems.len() {
        1 => format!("⚠ Settings need attention: {first}"),
        n => format!("⚠ {n} settings need attention (Enter lists them): {first}"),
    }
}

/// Opens the welcome on its first step, as it always has (a ticked step
/// says what is done; the keys that reach each step stay the same).
pub fn open(state: &mut AppState) {
    state.popup = Some(Popup::Welcome { selected: 0 });
}

/// Commands while the welcome is open.
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let (page, len) = (state.list.page(), choices(state).len());
    let Some(Popup::Welcome { selected }) = &mut state.popup else {
        return Handled::Ignored;
    };
    match cmd {
        Command::Submit => {
            let chosen = *selected;
            choose(state, chosen, effects);
            Handled::Consumed
        }
        Command::Cancel => close_popup(state),
        _ => move_cursor(cmd, selected, len, page),
    }
}

pub fn choose(state: &mut AppState, selected: usize, effects: &mut Vec<Effect>) {
    state.popup = None;
    match steps(state).get(selected).copied().unwrap_or(Step::Skip) {
        Step::Problems => {
            state.popup = Some(Popup::Info {
                title: "Some settings need attention".into(),
                lines: state.settings_problems.clone(),
                scroll: 0,
            })
        }
        Step::Profile => {
            state.form = Some(Form {
                target: FormTarget::Profile,
                selected: 0,
            })
        }
        Step::Import => {
            state.input = Some(Input::new(
                InputPurpose::ImportPath,
                "Import CSV file (Tab completes)",
                "",
            ))
        }
        Step::KeepSamples => {
            state.info("Kept. X removes the sample programs whenever you are ready.")
        }
        Step::RemoveSamples => {
            if samples(state) > 0 {
                effects.push(Effect::RemoveSamples);
            }
        }
        Step::Smtp => start_smtp(state),
        Step::TestSend if !state.smtp_configured => {
            state.error("Set up sending first (W, then “Set up sending”).");
        }
        Step::TestSend if state.profile.email.is_empty() => {
            state.error("Put your email in the profile (P) so the test has somewhere to go.");
        }
        Step::TestSend => effects.push(Effect::SendTest),
        // Set up: check the connection again; not yet: the presets.
        Step::Imap if state.mail_sync.configured => {
            state.info("Checking the connection to your mailbox…");
            effects.push(Effect::CheckImap);
        }
        Step::Imap => super::mail_setup::offer(state),
        Step::Skip => state.info("Welcome skipped. W reopens it."),
    }
}

/// Opens the SMTP form on the current settings, or sensible blanks with
/// the profile's address as sender.
pub fn start_smtp(state: &mut AppState) {
    if state.smtp_form.is_none() {
        let from = match (
            state.profile.full_name.as_str(),
            state.profile.email.as_str(),
        ) {
            (_, "") => String::new(),
            ("", email) => email.to_string(),
            (name, email) => format!("{name} <{email}>"),
        };
        let username = (!state.profile.email.is_empty()).then(|| state.profile.email.clone());
        state.smtp_form = Some(SmtpConfig {
            host: String::new(),
            port: 587,
            security: Security::StartTls,
            username,
            from,
            password_env: None,
            password_cmd: None,
            ca_file: None,
        });
    }
    state.form = Some(Form {
        target: FormTarget::Smtp,
        selected: 0,
    });
    state.info(
        "Gmail: host smtp.gmail.com, port 587, starttls, an app password via a password command.",
    );
}

/// The SMTP settings were written to the config file.
pub fn smtp_saved(state: &mut AppState, smtp: SmtpConfig) {
    state.smtp_configured = true;
    state.smtp_form = Some(smtp);
    state.info("Sending is set up. W → “Send a test message to myself” checks it.");
}

/// A changed SMTP form is saved as soon as it is complete and valid.
pub fn smtp_changed(state: &mut AppState, smtp: SmtpConfig, effects: &mut Vec<Effect>) {
    let ready = !smtp.host.trim().is_empty() && !smtp.from.trim().is_empty();
    match smtp.validate() {
        Ok(()) if ready => effects.push(Effect::SaveSmtp(Box::new(smtp.clone()))),
        Ok(()) => state.info("Not saved yet: fill in host and from."),
        Err(e) => state.info(format!("Not saved yet: {e}")),
    }
    state.smtp_form = Some(smtp);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpField {
    Host,
    Port,
    Security,
    Username,
    From,
    PasswordEnv,
    PasswordCmd,
}

impl FieldSet for SmtpField {
    type Target = SmtpConfig;
    fn all() -> &'static [Self] {
        use SmtpField::*;
        &[
            Host,
            Port,
            Security,
            Username,
            From,
            PasswordEnv,
            PasswordCmd,
        ]
    }
    fn label(self) -> &'static str {
        match self {
            SmtpField::Host => "Server (host)",
            SmtpField::Port => "Port",
            SmtpField::Security => "Security",
            SmtpField::Username => "Login (username)",
            SmtpField::From => "From (Name <email>)",
            SmtpField::PasswordEnv => "Password from env var",
            SmtpField::PasswordCmd => "Password from command",
        }
    }
    fn is_choice(self) -> bool {
        self == SmtpField::Security
    }
    fn get(self, s: &SmtpConfig) -> String {
        match self {
            SmtpField::Host => s.host.clone(),
            SmtpField::Port => s.port.to_string(),
            SmtpField::Security => match s.security {
                Security::StartTls => "starttls".into(),
                Security::Tls => "tls".into(),
                Security::None => "none (this machine only)".into(),
            },
            SmtpField::Username => s.username.clone().unwrap_or_default(),
            SmtpField::From => s.from.clone(),
            SmtpField::PasswordEnv => s.password_env.clone().unwrap_or_default(),
            SmtpField::PasswordCmd => s
                .password_cmd
                .as_ref()
                .map(|a| a.join(" "))
                .unwrap_or_default(),
        }
    }
    fn set(self, s: &mut SmtpConfig, text: &str) -> Result<(), String> {
        let t = text.trim();
        let optional = |t: &str| (!t.is_empty()).then(|| t.to_string());
        match self {
            SmtpField::Host => s.host = t.into(),
            SmtpField::Port => {
                s.port = parse_number::<u16>(t, 65535)?.ok_or("a port is needed, e.g. 587")?
            }
            SmtpField::Security => {}
            SmtpField::Username => s.username = optional(t),
            SmtpField::From => s.from = t.into(),
            SmtpField::PasswordEnv => s.password_env = optional(t),
            // Split like a shell would, but run without one.
            SmtpField::PasswordCmd => {
                s.password_cmd = crate::open::editor_command(optional(t), None)
            }
        }
        Ok(())
    }
    fn cycle(self, s: &mut SmtpConfig) {
        if self == SmtpField::Security {
            s.security = next_in(
                &[Security::StartTls, Security::Tls, Security::None],
                s.security,
            );
        }
    }
}

/// Tab in the import prompt: the runtime lists the folder.
pub fn complete(state: &mut AppState, effects: &mut Vec<Effect>) {
    if let Some(input) = state
        .input
        .as_ref()
        .filter(|i| i.purpose == InputPurpose::ImportPath)
    {
        effects.push(Effect::CompletePath(input.value()));
    }
}

/// The completed path (or the same text when nothing matched).
pub fn completed(state: &mut AppState, text: String) {
    if let Some(input) = state
        .input
        .as_mut()
        .filter(|i| i.purpose == InputPurpose::ImportPath)
    {
        let label = input.label.clone();
        *input = Input::continuing(InputPurpose::ImportPath, label, &text);
    }
}

/// Completes a path prefix against a directory listing: the longest
/// common prefix of the matches, with "/" after a unique directory.
pub fn complete_path(prefix: &str, entries: &[(String, bool)]) -> Option<String> {
    let (dir, partial) = match prefix.rfind('/') {
        Some(i) => (&prefix[..=i], &prefix[i + 1..]),
        None => ("", prefix),
    };
    let matches: Vec<&(String, bool)> = entries
        .iter()
        .filter(|(name, _)| name.starts_with(partial) && !name.starts_with('.'))
        .collect();
    let first = matches.first()?;
    let mut common = first.0.clone();
    for (name, _) in &matches[1..] {
        while !name.starts_with(&common) {
            common.pop();
        }
    }
    let slash = if matches.len() == 1 && first.1 {
        "/"
    } else {
        ""
    };
    Some(format!("{dir}{common}{slash}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_complete_to_the_common_prefix_and_directories_get_a_slash() {
        let entries = vec![
            ("freida_ky.csv".to_string(), false),
            ("freida_oh.csv".to_string(), false),
            ("lists".to_string(), true),
            (".hidden.csv".to_string(), false),
        ];
        assert_eq!(
            complete_path("~/fr", &entries).as_deref(),
            Some("~/freida_")
        );
        assert_eq!(complete_path("li", &entries).as_deref(), Some("lists/"));
        assert_eq!(complete_path("x", &entries), None);
        assert_eq!(complete_path("", &entries).as_deref(), Some(""));
    }

    #[test]
    fn smtp_password_command_is_split_without_a_shell() {
        let mut s = SmtpConfig {
            host: "smtp.example.org".into(),
            port: 587,
            security: Security::StartTls,
            username: None,
            from: "a@example.org".into(),
            password_env: None,
            password_cmd: None,
            ca_file: None,
        };
        SmtpField::PasswordCmd
            .set(&mut s, "pass show 'mail/work smtp'")
            .unwrap();
        assert_eq!(
            s.password_cmd,
            Some(vec!["pass".into(), "show".into(), "mail/work smtp".into()])
        );
        assert!(SmtpField::Port.set(&mut s, "").is_err());
        SmtpField::Security.cycle(&mut s);
        assert_eq!(s.security, Security::Tls);
    }
}
