//! The `[imap]` section: where replies are read from. The password comes
//! from `password_env` or `password_cmd`, exactly as for `[smtp]`, and is
//! never stored.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::mail::secret::Secret;
use crate::mail::smtp::{Security, SendError, is_loopback};

/// How often the TUI syncs by itself when `interval_minutes` is not set.
pub const DEFAULT_INTERVAL_MINUTES: u32 = 10;

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImapConfig {
    pub host: String,
    /// 993 for `tls`, 143 for `starttls`, when left out.
    #[serde(default)]
    pub port: Option<u16>,
    /// Implicit TLS unless told otherwise: every big provider offers it.
    #[serde(default = "implicit_tls")]
    pub security: Security,
    pub username: String,
    #[serde(default)]
    pub password_env: Option<String>,
    #[serde(default)]
    pub password_cmd: Option<Vec<String>>,
    /// Folders read for replies; Gmail users may add `[Gmail]/All Mail`.
    #[serde(default = "inbox_only")]
    pub folders: Vec<String>,
    /// Where `save_sent` puts copies of sent mail.
    #[serde(default)]
    pub sent_folder: Option<String>,
    /// Minutes between the TUI's background syncs; 0 syncs only on request.
    #[serde(default = "default_interval")]
    pub interval_minutes: u32,
    /// Put a copy of each sent mail into `sent_folder`. Off by default:
    /// Gmail and others already keep SMTP-sent mail and would show it twice.
    #[serde(default)]
    pub save_sent: bool,
    /// A PEM file of certificates to trust besides the usual roots (a
    /// self-hosted server with its own certificate authority).
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
}

fn implicit_tls() -> Security {
    Security::Tls
}

fn inbox_only() -> Vec<String> {
    vec!["INBOX".to_owned()]
}

fn default_interval() -> u32 {
    DEFAULT_INTERVAL_MINUTES
}

/// Arguments to `password_cmd` are hidden, as for `[smtp]`.
impl fmt::Debug for ImapConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let command = self.password_cmd.as_ref().map(|argv| {
            let program = argv.first().map(String::as_str).unwrap_or_default();
            format!("{program} (+{} args hidden)", argv.len().saturating_sub(1))
        });
        f.debug_struct("ImapConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password_env", &self.password_env)
            .field("password_cmd", &command)
            .field("folders", &self.folders)
            .field("sent_folder", &self.sent_folder)
            .field("interval_minutes", &self.interval_minutes)
            .field("save_sent", &self.save_sent)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

impl ImapConfig {
    /// The port, or the usual one for the security chosen.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.security {
            Security::Tls => 993,
            Security::StartTls | Security::None => 143,
        })
    }

    /// Checks the settings without connecting or reading the password.
    pub fn validate(&self) -> Result<(), String> {
        if self.host.trim().is_empty() {
            return Err("`host` is empty".into());
        }
        if self.port == Some(0) {
            return Err("`port` must not be 0".into());
        }
        if self.security == Security::None && !is_loopback(&self.host) {
            return Err(format!(
                "security = \"none\" would send your password and mail unencrypted to {}; \
                 it is allowed only for a server on this machine (localhost, 127.0.0.1, ::1). \
                 Use \"tls\" or \"starttls\"",
                self.host
            ));
        }
        if self.username.trim().is_empty() {
            return Err("`username` is empty".into());
        }
        match (&self.password_env, &self.password_cmd) {
            (None, None) => Err("set `password_env` or `password_cmd`".into()),
            (Some(_), Some(_)) => Err("set `password_env` or `password_cmd`, not both".into()),
            _ if self.folders.iter().all(|f| f.trim().is_empty()) => {
                Err("`folders` names no folder".into())
            }
            _ if self.save_sent && self.sent_folder.is_none() => {
                Err("`save_sent = true` needs `sent_folder`".into())
            }
            _ => Ok(()),
        }
    }

    /// Reads the password from its source, as `[smtp]` does.
    pub fn password(&self) -> Result<Secret, SendError> {
        crate::mail::password_cmd::from_source(
            self.password_env.as_deref(),
            self.password_cmd.as_deref(),
        )?
        .ok_or_else(|| SendError::Config("`[imap]` has no password source".into()))
    }
}
