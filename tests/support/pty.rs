//! Drives the real `usce` binary inside a pseudo-terminal and reads its
//! screen through a VT100 emulator, as a person at a terminal would.
//! Waits are on screen contents with a deadline, never fixed sleeps.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

use super::command::Isolate;

pub const WAIT: Duration = Duration::from_secs(20);

pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Every byte the program wrote, for checks on escape sequences.
    pub raw: Vec<u8>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Tui {
    /// Starts usce on `db`. A new database is marked as already welcomed,
    /// so the first-run welcome does not sit over the screen under test;
    /// `spawn_first_run` shows it.
    pub fn spawn(db: &Path, env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
        Tui::spawn_command(usce_command(db, env), cols, rows)
    }

    /// Starts usce exactly as a new user would, welcome included.
    pub fn spawn_first_run(db: &Path, env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
        Tui::spawn_command(usce_command_first_run(db, env), cols, rows)
    }

    /// Runs any command in the terminal, e.g. usce under a shell that
    /// reports the terminal's state after usce exits.
    pub fn spawn_command(cmd: CommandBuilder, cols: u16, rows: u16) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Tui {
            child,
            writer,
            output: rx,
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            _master: pair.master,
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    fn pump(&mut self, timeout: Duration) -> bool {
        match self.output.recv_timeout(timeout) {
            Ok(bytes) => {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
                true
            }
            Err(RecvTimeoutError::Timeout) => true,
            Err(RecvTimeoutError::Disconnected) => false,
        }
    }

    /// Waits until the screen contains `text`; panics with the screen if
    /// it does not within the deadline.
    pub fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || !self.pump(left.min(Duration::from_millis(200))) {
                let screen = self.screen();
                if screen.contains(text) {
                    return screen;
                }
                panic!("timed out waiting for {text:?}; screen was:\n{screen}");
            }
        }
    }

    /// Waits until the screen no longer contains `text`.
    pub fn wait_gone(&mut self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return screen;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero() && self.pump(left.min(Duration::from_millis(200))),
                "{text:?} never went away; screen:\n{screen}"
            );
        }
    }

    /// Waits for the process to exit, reading what it prints meanwhile.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                while self.pump(Duration::from_millis(50)) && !self.output_drained() {}
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "process did not exit; screen:\n{}",
                self.screen()
            );
            self.pump(Duration::from_millis(100));
        }
    }

    fn output_drained(&mut self) -> bool {
        match self.output.try_recv() {
            Ok(bytes) => {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
                false
            }
            Err(_) => true,
        }
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits until `ready` holds for the screen; panics with the screen
    /// (and `what`) if it does not within the deadline.
    pub fn wait_until(&mut self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || !self.pump(left.min(Duration::from_millis(200))) {
                let screen = self.screen();
                if ready(&screen) {
                    return screen;
                }
                panic!("timed out waiting for {what}; screen was:\n{screen}");
            }
        }
    }

    /// Kills the process with SIGKILL, as a crash or a power cut would: no
    /// handler runs, nothing is flushed or restored. Returns once it is gone.
    pub fn sigkill(&mut self) {
        if let Some(pid) = self.pid() {
            sigkill(pid);
        }
        let _ = self.child.wait();
    }

    pub fn has_exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }
}

/// The usce command for a test, isolated like every other (see
/// `support::command`): its files under the database's folder. A new
/// database is marked as already welcomed, so the first-run welcome does
/// not sit over the screen under test (`usce_command_first_run` keeps it).
pub fn usce_command(db: &Path, env: &[(&str, &str)]) -> CommandBuilder {
    if !db.exists() {
        let mut store = usce::store::Store::open(db).unwrap();
        store.set_setting("welcomed", "1").unwrap();
    }
    usce_command_first_run(db, env)
}

pub fn usce_command_first_run(db: &Path, env: &[(&str, &str)]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_usce"));
    // portable-pty starts a child without a cwd in $HOME, which is now
    // the temp folder rather than the real home.
    cmd.isolate(super::command::home_of(db));
    cmd.arg("--db");
    cmd.arg(db);
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// `kill -KILL pid`: the signal no process can catch. (portable-pty's own
/// kill sends SIGHUP first, which a process could handle.) A process that
/// already exited makes kill fail, which is fine: it cannot be mid-write.
pub fn sigkill(pid: u32) {
    std::process::Command::new("kill")
        .arg("-KILL")
        .arg(pid.to_string())
        .status()
        .expect("cannot run kill");
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
    }
}
