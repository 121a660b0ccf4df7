//! Setting up replies from the app: `M` before `[imap]` exists offers the
//! Gmail, Outlook and Fastmail servers with the login and password source
//! of the SMTP settings (the same app password serves both), saves the
//! choice to config.toml, and checks the connection.

use super::AppState;
use super::Popup;
use super::effect::Effect;
use crate::mail::Security;
use crate::mail::imap::{DEFAULT_INTERVAL_MINUTES, ImapConfig};

/// (provider, IMAP host) presets, all on port 993 with TLS.
pub const PRESETS: [(&str, &str); 3] = [
    ("Gmail", "imap.gmail.com"),
    ("Outlook / Microsoft 365", "outlook.office365.com"),
    ("Fastmail", "imap.fastmail.com"),
];

/// The `[imap]` section a preset makes from the SMTP settings.
pub fn preset(host: &str, smtp: &crate::mail::SmtpConfig) -> Option<ImapConfig> {
    let username = smtp.username.clone()?;
    (smtp.password_env.is_some() || smtp.password_cmd.is_some()).then(|| ImapConfig {
        host: host.to_owned(),
        port: Some(993),
        security: Security::Tls,
        username,
        password_env: smtp.password_env.clone(),
        password_cmd: smtp.password_cmd.clone(),
        folders: vec!["INBOX".to_owned()],
        sent_folder: None,
        interval_minutes: DEFAULT_INTERVAL_MINUTES,
        save_sent: false,
        ca_file: None,
    })
}

/// Opens the choice of provider, or says what is needed first.
pub fn offer(state: &mut AppState) {
    let Some(smtp) = state.smtp_form.clone().filter(|_| state.smtp_configured) else {
        state.error(
            "Reading replies is not set up. Set up sending first (W): the same login serves both; \
             or add an [imap] section to config.toml (README, \"Replies\").",
        );
        return;
    };
    let mut options: Vec<(String, Option<Effect>)> = PRESETS
        .iter()
        .filter_map(|(name, host)| {
            let imap = preset(host, &smtp)?;
            Some((
                format!("{name} ({host}, port 993, TLS)"),
                Some(Effect::SaveImap(Box::new(imap))),
            ))
        })
        .collect();
    if options.is_empty() {
        state
            .error("Sending has no login and password source to reuse: add [imap] to config.toml.");
        return;
    }
    options.push((
        "Not now (another server: [imap] in config.toml)".to_owned(),
        None,
    ));
    state.popup = Some(Popup::Choose {
        title: "Read replies from your mailbox?".to_owned(),
        lines: vec![
            "usce reads your mail read-only, logs the programs' replies, stops their".to_owned(),
            "follow-ups and spots bounces. It uses your sending login and password.".to_owned(),
            "Nothing is marked read, moved or deleted; nothing leaves this machine.".to_owned(),
        ],
        options,
        selected: 0,
    });
}

/// `[imap]` was written: sync from now on, and check the connection.
pub fn saved(state: &mut AppState, imap: ImapConfig, effects: &mut Vec<Effect>) {
    state.mail_sync.configured = true;
    state.mail_sync.interval_minutes = imap.interval_minutes;
    state.info(format!(
        "Saved [imap] for {}; checking the connection…",
        imap.host
    ));
    effects.push(Effect::CheckImap);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::command::Command;
    use crate::app::update::update;

    fn smtp() -> crate::mail::SmtpConfig {
        crate::mail::SmtpConfig {
            host: "smtp.gmail.com".into(),
            port: 587,
            security: Security::StartTls,
            username: Some("amina@gmail.com".into()),
            from: "Amina <amina@gmail.com>".into(),
            password_env: None,
            password_cmd: Some(vec!["pass".into(), "show".into(), "gmail".into()]),
            ca_file: None,
        }
    }

    #[test]
    fn m_offers_the_presets_with_the_smtp_login_and_saving_checks_the_connection() {
        let mut state = crate::app::fixtures::state();
        state.smtp_configured = true;
        state.smtp_form = Some(smtp());
        update(&mut state, Command::SyncMail);
        let Some(Popup::Choose { options, .. }) = &state.popup else {
            panic!("{:?}", state.popup)
        };
        assert_eq!(options.len(), 4);
        let Some(Effect::SaveImap(gmail)) = options[0].1.clone() else {
            panic!()
        };
        assert_eq!((gmail.host.as_str(), gmail.port()), ("imap.gmail.com", 993));
        assert_eq!(gmail.username, "amina@gmail.com");
        assert_eq!(gmail.password_cmd, smtp().password_cmd);
        gmail.validate().unwrap();
        let effects = update(&mut state, Command::Submit);
        assert!(
            matches!(effects.as_slice(), [Effect::SaveImap(_)]),
            "{effects:?}"
        );
        let mut more = Vec::new();
        saved(&mut state, *gmail, &mut more);
        assert_eq!(more, vec![Effect::CheckImap]);
        assert!(state.mail_sync.configured);
    }

    #[test]
    fn without_sending_set_up_m_says_what_comes_first() {
        let mut state = crate::app::fixtures::state();
        let effects = update(&mut state, Command::SyncMail);
        assert!(effects.is_empty());
        assert!(state.popup.is_none());
        let said = &state.status.as_ref().unwrap().text;
        assert!(
            said.contains("Set up sending first") && said.contains("[imap]"),
            "{said}"
        );
    }
}
