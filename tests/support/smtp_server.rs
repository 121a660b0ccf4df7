//! A small but real SMTP server (RFC 5321 subset) over a std TcpListener:
//! EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP,
//! QUIT. It serves connections one after another on an ephemeral port in
//! its own thread (each send opens a fresh one), hands each accepted
//! message to the test over a channel, and can refuse chosen recipients
//! with 550, demand a login, or hold its answer to DATA behind a [`Gate`].

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::mime::base64_decode;

/// A safety net so a protocol bug fails the test instead of hanging it;
/// nothing waits on it for synchronisation.
const IO_LIMIT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Recipients answered with `550 5.1.1 … Recipient address rejected`.
    pub reject_recipients: Vec<String>,
    /// When set, MAIL needs a prior `AUTH PLAIN` with this user/password.
    pub login: Option<(String, String)>,
    /// TLS from the first byte, or offered as STARTTLS, with the
    /// certificate `tls::make_certificate` wrote into the folder.
    pub tls: Option<(TlsMode, std::path::PathBuf)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    Implicit,
    StartTls,
}

/// The connection, plain or TLS, shared by the session's reader and
/// writer (one thread serves one session at a time).
enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ServerConnection, TcpStream>>),
    Gone,
}

#[derive(Clone)]
struct Shared(std::rc::Rc<std::cell::RefCell<Stream>>);

impl io::Read for Shared {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut *self.0.borrow_mut() {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
            Stream::Gone => Ok(0),
        }
    }
}

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut *self.0.borrow_mut() {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
            Stream::Gone => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut *self.0.borrow_mut() {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
            Stream::Gone => Ok(()),
        }
    }
}

impl Shared {
    /// Wraps the plain connection in TLS (at once, or after STARTTLS).
    fn upgrade(&self, dir: &std::path::Path) -> io::Result<()> {
        let mut stream = self.0.borrow_mut();
        let Stream::Plain(tcp) = std::mem::replace(&mut *stream, Stream::Gone) else {
            return Err(io::Error::other("already TLS"));
        };
        let conn = rustls::ServerConnection::new(super::tls::server_config(dir))
            .map_err(io::Error::other)?;
        *stream = Stream::Tls(Box::new(rustls::StreamOwned::new(conn, tcp)));
        Ok(())
    }
}

/// The longest a [`Gate`] holds DATA, so a test that never releases it
/// still ends. A test can tell from [`Gate::timed_out`] that it ran out.
pub const HOLD_LIMIT: Duration = Duration::from_secs(10);

/// Where the server holds a client's DATA, and the test lets it go.
#[derive(Debug, Clone, Default)]
pub struct Gate(Arc<(Mutex<GateState>, Condvar)>);

#[derive(Debug, Default)]
struct GateState {
    /// A client's DATA is being held now (or was).
    reached: bool,
    released: bool,
    timed_out: bool,
}

impl Gate {
    /// Lets the held DATA (and any later one) be answered.
    pub fn release(&self) {
        let (state, changed) = &*self.0;
        state.lock().unwrap().released = true;
        changed.notify_all();
    }

    /// Waits until a client's DATA is being held; false at the deadline.
    pub fn wait_reached(&self, deadline: Duration) -> bool {
        let (state, changed) = &*self.0;
        let guard = state.lock().unwrap();
        let (guard, _) = changed
            .wait_timeout_while(guard, deadline, |s| !s.reached)
            .unwrap();
        guard.reached
    }

    /// The hold ended because [`HOLD_LIMIT`] passed, not by `release`.
    pub fn timed_out(&self) -> bool {
        self.0.0.lock().unwrap().timed_out
    }

    /// The server's side: hold until released or the limit passes.
    fn hold(&self) {
        let (state, changed) = &*self.0;
        let mut guard = state.lock().unwrap();
        guard.reached = true;
        changed.notify_all();
        let until = Instant::now() + HOLD_LIMIT;
        while !guard.released {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                guard.timed_out = true;
                return;
            }
            guard = changed.wait_timeout(guard, left).unwrap().0;
        }
    }
}

#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The message as stored: CRLF line ends, dots unstuffed, without the
    /// terminating `.` line.
    pub data: String,
}

pub struct TestSmtpServer {
    pub port: u16,
    messages: Receiver<Received>,
    stop: Arc<AtomicBool>,
    handle: JoinHandle<io::Result<Vec<String>>>,
}

impl TestSmtpServer {
    pub fn start(options: Options) -> TestSmtpServer {
        TestSmtpServer::serve(options, None)
    }

    /// A slow server: its answer to DATA waits until the test releases
    /// `gate` (or [`HOLD_LIMIT`] passes), keeping a send in flight.
    pub fn start_holding_data(options: Options, gate: Gate) -> TestSmtpServer {
        TestSmtpServer::serve(options, Some(gate))
    }

    fn serve(options: Options, gate: Option<Gate>) -> TestSmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, rx) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let handle = thread::spawn(move || {
            let mut commands = Vec::new();
            loop {
                let (stream, _) = listener.accept()?;
                if stopping.load(Ordering::SeqCst) {
                    return Ok(commands);
                }
                stream.set_read_timeout(Some(IO_LIMIT))?;
                stream.set_write_timeout(Some(IO_LIMIT))?;
                let mut session = Session::new(stream, options.clone(), tx.clone())?;
                session.gate = gate.clone();
                match session.run() {
                    Ok(said) => commands.extend(said),
                    // A client that refuses the certificate ends the TLS
                    // handshake with an alert: that session is over, the
                    // server is not.
                    Err(e) if e.kind() == io::ErrorKind::InvalidData => {}
                    Err(e) => return Err(e),
                }
            }
        });
        TestSmtpServer {
            port,
            messages: rx,
            stop,
            handle,
        }
    }

    /// Waits for the connections so far to end and returns every command the
    /// clients sent, in order (AUTH arguments masked), plus the messages
    /// accepted. Call it once the code under test has returned.
    pub fn finish(self) -> (Vec<String>, Vec<Received>) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop; sessions are served in turn, so this one is
        // seen only after every earlier connection has been served.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        let commands = self.handle.join().unwrap().unwrap();
        let messages = self.messages.try_iter().collect();
        (commands, messages)
    }
}

struct Session {
    reader: BufReader<Shared>,
    writer: Shared,
    options: Options,
    delivered: Sender<Received>,
    commands: Vec<String>,
    authenticated: bool,
    mail_from: Option<String>,
    rcpt_to: Vec<String>,
    gate: Option<Gate>,
}

impl Session {
    fn new(stream: TcpStream, options: Options, delivered: Sender<Received>) -> io::Result<Self> {
        let shared = Shared(std::rc::Rc::new(std::cell::RefCell::new(Stream::Plain(
            stream,
        ))));
        if let Some((TlsMode::Implicit, dir)) = &options.tls {
            shared.upgrade(dir)?;
        }
        Ok(Session {
            reader: BufReader::new(shared.clone()),
            writer: shared,
            options,
            delivered,
            commands: Vec::new(),
            authenticated: false,
            mail_from: None,
            rcpt_to: Vec::new(),
            gate: None,
        })
    }

    fn reply(&mut self, text: &str) -> io::Result<()> {
        self.writer.write_all(text.as_bytes())?;
        self.writer.write_all(b"\r\n")?;
        self.writer.flush()
    }

    fn read_line(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\r', '\n']).to_owned()))
    }

    fn run(mut self) -> io::Result<Vec<String>> {
        self.reply("220 usce-test ESMTP ready")?;
        while let Some(line) = self.read_line()? {
            let upper = line.to_ascii_uppercase();
            let verb = upper
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned();
            let logged = if verb == "AUTH" {
                "AUTH ***".to_owned()
            } else {
                line.clone()
            };
            self.commands.push(logged);
            match verb.as_str() {
                "EHLO" => {
                    let auth = if self.options.login.is_some() {
                        "\r\n250-AUTH PLAIN"
                    } else {
                        ""
                    };
                    let plain = matches!(&*self.writer.0.borrow(), Stream::Plain(_));
                    let starttls = match &self.options.tls {
                        Some((TlsMode::StartTls, _)) if plain => "\r\n250-STARTTLS",
                        _ => "",
                    };
                    self.reply(&format!(
                        "250-usce-test greets you{auth}{starttls}\r\n250 8BITMIME"
                    ))?;
                }
                "HELO" => self.reply("250 usce-test")?,
                "STARTTLS" => match self.options.tls.clone() {
                    Some((TlsMode::StartTls, dir)) => {
                        self.reply("220 2.0.0 Ready to start TLS")?;
                        self.writer.upgrade(&dir)?;
                        // Nothing read before the handshake counts.
                        self.reader = BufReader::new(self.writer.clone());
                    }
                    _ => self.reply("502 5.5.2 Error: command not recognized")?,
                },
                "AUTH" => self.auth(&line)?,
                "MAIL" => self.mail(&line)?,
                "RCPT" => self.rcpt(&line)?,
                "DATA" => self.data()?,
                "RSET" => {
                    self.mail_from = None;
                    self.rcpt_to.clear();
                    self.reply("250 2.0.0 Ok")?;
                }
                "NOOP" => self.reply("250 2.0.0 Ok")?,
                "QUIT" => {
                    self.reply("221 2.0.0 Bye")?;
                    break;
                }
                _ => self.reply("502 5.5.2 Error: command not recognized")?,
            }
        }
        Ok(self.commands)
    }

    fn auth(&mut self, line: &str) -> io::Result<()> {
        let mut words = line.split_whitespace().skip(1);
        let mechanism = words.next().unwrap_or_default().to_ascii_uppercase();
        if mechanism != "PLAIN" {
            return self.reply("504 5.5.4 Unrecognized authentication type");
        }
        let response = match words.next() {
            Some(initial) => initial.to_owned(),
            None => {
                self.reply("334 ")?;
                self.read_line()?.unwrap_or_default()
            }
        };
        let decoded = base64_decode(&response).unwrap_or_default();
        let fields: Vec<&[u8]> = decoded.split(|&b| b == 0).collect();
        let given = match fields.as_slice() {
            [_, user, pass] => Some((
                String::from_utf8_lossy(user).into_owned(),
                String::from_utf8_lossy(pass).into_owned(),
            )),
            _ => None,
        };
        if given.is_some() && given == self.options.login {
            self.authenticated = true;
            self.reply("235 2.7.0 Authentication successful")
        } else {
            self.reply("535 5.7.8 Error: authentication failed: Authentication credentials invalid")
        }
    }

    fn mail(&mut self, line: &str) -> io::Result<()> {
        if self.options.login.is_some() && !self.authenticated {
            return self.reply("530 5.7.0 Authentication required");
        }
        match angle_address(line) {
            Some(from) => {
                self.mail_from = Some(from);
                self.rcpt_to.clear();
                self.reply("250 2.1.0 Ok")
            }
            None => self.reply("501 5.1.7 Bad sender address syntax"),
        }
    }

    fn rcpt(&mut self, line: &str) -> io::Result<()> {
        if self.mail_from.is_none() {
            return self.reply("503 5.5.1 Error: need MAIL command");
        }
        let Some(to) = angle_address(line) else {
            return self.reply("501 5.1.3 Bad recipient address syntax");
        };
        if self
            .options
            .reject_recipients
            .iter()
            .any(|r| r.eq_ignore_ascii_case(&to))
        {
            return self.reply(&format!(
                "550 5.1.1 <{to}>: Recipient address rejected: User unknown in local recipient table"
            ));
        }
        self.rcpt_to.push(to);
        self.reply("250 2.1.5 Ok")
    }

    fn data(&mut self) -> io::Result<()> {
        let Some(mail_from) = self.mail_from.take() else {
            return self.reply("503 5.5.1 Error: need MAIL command");
        };
        if self.rcpt_to.is_empty() {
            return self.reply("554 5.5.1 Error: no valid recipients");
        }
        if let Some(gate) = &self.gate {
            gate.hold();
        }
        self.reply("354 End data with <CR><LF>.<CR><LF>")?;
        let mut data = String::new();
        loop {
            let Some(line) = self.read_line()? else {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "EOF inside DATA",
                ));
            };
            if line == "." {
                break;
            }
            // RFC 5321 §4.5.2: a leading dot was doubled by the client.
            data.push_str(line.strip_prefix('.').unwrap_or(&line));
            data.push_str("\r\n");
        }
        let received = Received {
            mail_from,
            rcpt_to: std::mem::take(&mut self.rcpt_to),
            data,
        };
        // Handed over before the 250, so the client's send() returning
        // guarantees the message is already in the channel.
        let _ = self.delivered.send(received);
        self.reply("250 2.0.0 Ok: queued as TEST42")
    }
}

/// The address inside `<…>` of a MAIL or RCPT line.
fn angle_address(line: &str) -> Option<String> {
    let start = line.find('<')? + 1;
    let end = start + line[start..].find('>')?;
    Some(line[start..end].to_owned())
}
