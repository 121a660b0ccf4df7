//! Sending through the user's own SMTP server.
//!
//! The password never lives in the config file: it comes from an
//! environment variable or from a command (a password manager such as
//! `pass` or `gpg --decrypt`), is held in a [`Secret`], and is handed to
//! lettre only for the one connection.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use lettre::Message;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use serde::{Deserialize, Serialize};

use super::message::{MessageError, Sender};
use super::secret::Secret;

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (usually port 587); the
    /// upgrade is required, never optional.
    #[default]
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
    /// No encryption. Allowed only to a server on this machine (a local
    /// relay or a test server), never across a network.
    None,
}

/// The `[smtp]` section of the config. Unknown keys are refused so a
/// `password = "…"` line is reported rather than silently ignored.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    #[serde(default)]
    pub security: Security,
    #[serde(default)]
    pub username: Option<String>,
    /// `"Name <a@b.org>"` or `"a@b.org"`.
    pub from: String,
    /// Name of an environment variable holding the password.
    #[serde(default)]
    pub password_env: Option<String>,
    /// A command printing the password on its first line, run without a
    /// shell: `["pass", "show", "mail/smtp"]`.
    #[serde(default)]
    pub password_cmd: Option<Vec<String>>,
    /// A PEM file of certificates to trust besides the usual roots (a
    /// self-hosted server, or a test server's own certificate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<std::path::PathBuf>,
}

/// Arguments to `password_cmd` are not shown: someone may have written
/// `["echo", "the-password"]`.
impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let command = self.password_cmd.as_ref().map(|argv| {
            let program = argv.first().map(String::as_str).unwrap_or_default();
            format!("{program} (+{} args hidden)", argv.len().saturating_sub(1))
        });
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("from", &self.from)
            .field("password_env", &self.password_env)
            .field("password_cmd", &command)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

/// What the server said when it accepted the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendReceipt {
    pub message_id: String,
    /// e.g. `250 2.0.0 Ok: queued as 4F2A1`.
    pub server_response: String,
}

/// How long `password_cmd` may run: time for a password manager to ask
/// for its passphrase, but a command that never exits no longer hangs
/// sending.
pub const PASSWORD_CMD_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("SMTP settings: {0}")]
    Config(String),
    #[error("SMTP settings: `from`: {0}")]
    From(#[from] MessageError),
    #[error("the password variable {var} is not set (or not valid text)")]
    PasswordEnv { var: String },
    #[error("password command {command:?} could not start: {reason}")]
    PasswordCmdStart { command: String, reason: String },
    #[error("password command {command:?} failed ({status}): {stderr}")]
    PasswordCmdFailed {
        command: String,
        status: String,
        stderr: String,
    },
    #[error("password command {command:?} printed no password")]
    PasswordCmdEmpty { command: String },
    #[error(
        "password command {command:?} did not finish within {secs} seconds and was stopped \
         (is it waiting for input it cannot get here?)"
    )]
    PasswordCmdTimeout { command: String, secs: u64 },
    /// The server answered with an error: refused recipient, failed login,
    /// message too big. The text is the server's own.
    #[error("the mail server refused: {0}")]
    Rejected(String),
    #[error("cannot talk to the mail server {host}:{port}: {reason}")]
    Connection {
        host: String,
        port: u16,
        reason: String,
    },
    /// The caller stopped it before the message was handed over.
    #[error("the send was cancelled before the message reached the server")]
    Cancelled,
}

impl SendError {
    /// A few words for the log about why a send failed. The full message
    /// can hold a password command's stderr or the server's echo of an
    /// address, so the log gets only this; the user sees the whole message.
    pub fn kind(&self) -> &'static str {
        match self {
            SendError::Config(_) | SendError::From(_) => "settings",
            SendError::PasswordEnv { .. } => "password variable unset",
            SendError::PasswordCmdStart { .. } => "password command did not start",
            SendError::PasswordCmdFailed { .. } => "password command failed",
            SendError::PasswordCmdEmpty { .. } => "password command printed nothing",
            SendError::PasswordCmdTimeout { .. } => "password command timed out",
            SendError::Rejected(_) => "server refused",
            SendError::Connection { .. } => "connection failed",
            SendError::Cancelled => "cancelled",
        }
    }
}

impl SmtpConfig {
    /// Checks the settings without connecting or reading the password.
    pub fn validate(&self) -> Result<(), SendError> {
        if self.host.trim().is_empty() {
            return Err(SendError::Config("`host` is empty".into()));
        }
        if self.port == 0 {
            return Err(SendError::Config("`port` must not be 0".into()));
        }
        if self.security == Security::None && !is_loopback(&self.host) {
            return Err(SendError::Config(format!(
                "security = \"none\" would send your password and mail unencrypted to {}; \
                 it is allowed only for a server on this machine (localhost, 127.0.0.1, ::1). \
                 Use \"starttls\" or \"tls\"",
                self.host
            )));
        }
        let has_password = self.password_env.is_some() || self.password_cmd.is_some();
        match (&self.username, has_password) {
            (Some(_), false) => Err(SendError::Config(
                "`username` is set but neither `password_env` nor `password_cmd` is".into(),
            )),
            (None, true) => Err(SendError::Config(
                "a password source is set but `username` is not".into(),
            )),
            _ if self.password_env.is_some() && self.password_cmd.is_some() => Err(
                SendError::Config("set `password_env` or `password_cmd`, not both".into()),
            ),
            _ => self.sender().map(|_| ()),
        }
    }

    /// The `from` setting as a sender for [`super::message::OutgoingMail`].
    pub fn sender(&self) -> Result<Sender, SendError> {
        Ok(Sender::parse(&self.from)?)
    }

    /// Reads the password from its source; `None` when no login is set.
    pub fn password(&self) -> Result<Option<Secret>, SendError> {
        super::password_cmd::from_source(self.password_env.as_deref(), self.password_cmd.as_deref())
    }

    /// Opens the connection, with TLS or STARTTLS as configured (the
    /// upgrade is required, never optional), and logs in. This is what
    /// lettre's `SmtpTransport` does before MAIL FROM, done here step by
    /// step so a caller can hear how far it got and stop before sending.
    fn connect(&self) -> Result<SmtpConnection, SendError> {
        let host = self.host.trim();
        let extra_roots = self.extra_roots()?;
        let tls = |host: &str| {
            let mut builder = TlsParameters::builder(host.into());
            for cert in &extra_roots {
                builder = builder.add_root_certificate(cert.clone());
            }
            builder
                .build_rustls()
                .map_err(|e| SendError::Config(format!("TLS setup for {host}: {e}")))
        };
        let wrapper = match self.security {
            Security::Tls => Some(tls(host)?),
            Security::StartTls | Security::None => None,
        };
        let starttls = match self.security {
            Security::StartTls => Some(tls(host)?),
            Security::Tls | Security::None => None,
        };
        let credentials = match (&self.username, self.password()?) {
            (Some(user), Some(password)) => {
                Some(Credentials::new(user.clone(), password.expose().to_owned()))
            }
            _ => None,
        };
        let hello = ClientId::default();
        let failed = |e: lettre::transport::smtp::Error| self.failure(&e);
        let mut conn = SmtpConnection::connect(
            (host, self.port),
            Some(Duration::from_secs(30)),
            &hello,
            wrapper.as_ref(),
            None,
        )
        .map_err(failed)?;
        if let Some(params) = &starttls {
            conn.starttls(params, &hello).map_err(failed)?;
        }
        if let Some(credentials) = &credentials {
            conn.auth(DEFAULT_MECHANISMS, credentials).map_err(failed)?;
        }
        Ok(conn)
    }

    /// The certificates of `ca_file`, trusted besides the usual roots.
    fn extra_roots(&self) -> Result<Vec<Certificate>, SendError> {
        let Some(path) = &self.ca_file else {
            return Ok(Vec::new());
        };
        let ders = super::tls::read_pem_certificates(path).map_err(SendError::Config)?;
        ders.iter()
            .map(|der| {
                Certificate::from_der(der.to_vec())
                    .map_err(|e| SendError::Config(format!("ca_file {}: {e}", path.display())))
            })
            .collect()
    }

    /// A refusal when the server answered with an error code, else a
    /// connection failure with the whole chain of causes.
    fn failure(&self, e: &lettre::transport::smtp::Error) -> SendError {
        if e.status().is_some() {
            SendError::Rejected(e.to_string())
        } else {
            SendError::Connection {
                host: self.host.clone(),
                port: self.port,
                reason: error_chain(e),
            }
        }
    }
}

/// How far a send has got, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpStep {
    /// Connecting, encrypting and logging in: nothing is sent yet.
    Connecting,
    /// The server took the login and the message is being handed over
    /// (MAIL, RCPT, DATA). From here on it cannot be called back.
    Sending,
}

/// Sends one message over a fresh connection (blocking). The log gets the
/// server and the outcome, never the password, the addresses or the text.
pub fn send(cfg: &SmtpConfig, message: &Message) -> Result<SendReceipt, SendError> {
    send_reporting(cfg, message, &mut |_| true)
}

/// [`send`], telling `step` each step before it starts. `step` answering
/// `false` stops the send there with [`SendError::Cancelled`]; it is last
/// asked before [`SmtpStep::Sending`], so a cancel can never cut a message
/// off halfway.
pub fn send_reporting(
    cfg: &SmtpConfig,
    message: &Message,
    step: &mut dyn FnMut(SmtpStep) -> bool,
) -> Result<SendReceipt, SendError> {
    let result = send_unlogged(cfg, message, step);
    match &result {
        Ok(_) => tracing::info!(
            host = %cfg.host,
            port = cfg.port,
            recipients = message.envelope().to().len(),
            "mail sent"
        ),
        Err(e) => tracing::warn!(
            host = %cfg.host,
            port = cfg.port,
            failure = e.kind(),
            "mail not sent"
        ),
    }
    result
}

fn send_unlogged(
    cfg: &SmtpConfig,
    message: &Message,
    step: &mut dyn FnMut(SmtpStep) -> bool,
) -> Result<SendReceipt, SendError> {
    cfg.validate()?;
    if !step(SmtpStep::Connecting) {
        return Err(SendError::Cancelled);
    }
    let mut conn = cfg.connect()?;
    if !step(SmtpStep::Sending) {
        conn.abort();
        return Err(SendError::Cancelled);
    }
    let sent = conn.send(message.envelope(), &message.formatted());
    // QUIT and close, as lettre's own transport does after each message.
    conn.abort();
    let response = sent.map_err(|e| cfg.failure(&e))?;
    let lines: Vec<&str> = response.message().collect();
    Ok(SendReceipt {
        message_id: message
            .headers()
            .get_raw("Message-ID")
            .unwrap_or_default()
            .to_owned(),
        server_response: format!("{} {}", response.code(), lines.join(" ")),
    })
}

/// lettre's own text says "network error"; the cause ("Connection
/// refused") sits further down the chain.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// `localhost`, 127.0.0.0/8 and ::1 (bracketed or not).
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim();
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}
