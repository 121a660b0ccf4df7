//! Opening an IMAP session: implicit TLS, STARTTLS (required, never
//! optional) or plain text to this machine, then LOGIN. TLS is rustls,
//! trusting the usual roots and `ca_file`.

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use rustls::pki_types::ServerName;
use rustls::{ClientConnection, StreamOwned};

use super::ImapConfig;
use super::error::SyncError;
use crate::mail::smtp::Security;

/// How long one read or write may wait on the server.
const IO_LIMIT: Duration = Duration::from_secs(60);

/// A connection, encrypted or (to this machine only) not.
pub enum Stream {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ClientConnection, TcpStream>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

pub type Session = imap::Session<Stream>;

/// Connects and logs in.
pub fn connect(cfg: &ImapConfig) -> Result<Session, SyncError> {
    cfg.validate().map_err(SyncError::Config)?;
    let password = cfg
        .password()
        .map_err(|e| SyncError::Password(e.to_string()))?;
    let host = cfg.host.trim();
    let tcp = tcp(cfg)?;
    let stream = match cfg.security {
        Security::Tls => Stream::Tls(Box::new(handshake(cfg, tcp)?)),
        Security::None => Stream::Plain(tcp),
        Security::StartTls => {
            let tcp = starttls(cfg, tcp)?;
            Stream::Tls(Box::new(handshake(cfg, tcp)?))
        }
    };
    let mut client = imap::Client::new(stream);
    if cfg.security != Security::StartTls {
        client.read_greeting().map_err(|e| protocol(cfg, &e))?;
    }
    client
        .login(cfg.username.trim(), password.expose())
        .map_err(|(e, _)| match e {
            imap::Error::No(no) => SyncError::Refused(format!("login refused: {}", no.information)),
            e => protocol(cfg, &e),
        })
        .inspect(|_| tracing::info!(host, "imap login"))
}

/// The greeting and `STARTTLS` on the bare connection. The imap crate
/// offers STARTTLS only through its own TLS back-ends (no `ca_file`), so
/// these two lines are exchanged here; everything after them is the
/// crate's, inside TLS.
fn starttls(cfg: &ImapConfig, tcp: TcpStream) -> Result<TcpStream, SyncError> {
    use std::io::BufRead;
    let lost = |e: io::Error| SyncError::Connection {
        host: cfg.host.trim().to_owned(),
        port: cfg.port(),
        reason: e.to_string(),
    };
    let mut reader = io::BufReader::new(tcp.try_clone().map_err(lost)?);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(lost)?;
    (&tcp).write_all(b"u1 STARTTLS\r\n").map_err(lost)?;
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(lost)? == 0 {
            return Err(SyncError::Refused(
                "the server closed the connection at STARTTLS".into(),
            ));
        }
        if let Some(answer) = line.strip_prefix("u1 ") {
            if answer.to_ascii_uppercase().starts_with("OK") {
                // Nothing may follow the OK before the handshake.
                return Ok(tcp);
            }
            return Err(SyncError::Refused(format!(
                "STARTTLS was refused: {}",
                answer.trim()
            )));
        }
    }
}

fn tcp(cfg: &ImapConfig) -> Result<TcpStream, SyncError> {
    let host = cfg.host.trim();
    let failed = |reason: String| SyncError::Connection {
        host: host.to_owned(),
        port: cfg.port(),
        reason,
    };
    let addrs = (host, cfg.port())
        .to_socket_addrs()
        .map_err(|e| failed(e.to_string()))?;
    let mut last = "no address".to_owned();
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(30)) {
            Ok(tcp) => {
                tcp.set_read_timeout(Some(IO_LIMIT))
                    .map_err(|e| failed(e.to_string()))?;
                tcp.set_write_timeout(Some(IO_LIMIT))
                    .map_err(|e| failed(e.to_string()))?;
                return Ok(tcp);
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(failed(last))
}

/// TLS up front, so an untrusted certificate is reported as that and not
/// as a lost connection later.
fn handshake(
    cfg: &ImapConfig,
    mut tcp: TcpStream,
) -> Result<StreamOwned<ClientConnection, TcpStream>, SyncError> {
    let host = cfg.host.trim();
    let config =
        crate::mail::tls::client_config(cfg.ca_file.as_deref()).map_err(SyncError::Config)?;
    let name = ServerName::try_from(host.to_owned())
        .map_err(|e| SyncError::Config(format!("`host` {host:?}: {e}")))?;
    let mut conn = ClientConnection::new(config, name)
        .map_err(|e| SyncError::Config(format!("TLS setup for {host}: {e}")))?;
    while conn.is_handshaking() {
        if let Err(e) = conn.complete_io(&mut tcp) {
            return Err(tls_failure(cfg, &e));
        }
    }
    Ok(StreamOwned::new(conn, tcp))
}

fn tls_failure(cfg: &ImapConfig, e: &io::Error) -> SyncError {
    let host = cfg.host.trim().to_owned();
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        Some(rustls::Error::InvalidCertificate(why)) => SyncError::Certificate {
            host,
            reason: format!("{why:?}"),
        },
        _ => SyncError::Connection {
            host,
            port: cfg.port(),
            reason: format!("TLS handshake failed: {e}"),
        },
    }
}

fn protocol(cfg: &ImapConfig, e: &imap::Error) -> SyncError {
    SyncError::Connection {
        host: cfg.host.trim().to_owned(),
        port: cfg.port(),
        reason: e.to_string(),
    }
}
