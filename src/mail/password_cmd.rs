//! Running `password_cmd`, the user's password manager, for the SMTP
//! password: without a shell, and within a time limit.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use super::secret::Secret;
use super::smtp::SendError;

/// The password from an environment variable or a command, whichever is
/// set (`[smtp]` and `[imap]` alike); `None` when neither is.
pub(crate) fn from_source(
    env: Option<&str>,
    cmd: Option<&[String]>,
) -> Result<Option<Secret>, SendError> {
    if let Some(var) = env {
        return std::env::var(var)
            .ok()
            .filter(|v| !v.is_empty())
            .map(|v| Some(Secret::new(v)))
            .ok_or_else(|| SendError::PasswordEnv {
                var: var.to_owned(),
            });
    }
    match cmd {
        Some(argv) => run(argv, super::smtp::PASSWORD_CMD_TIMEOUT).map(Some),
        None => Ok(None),
    }
}

/// Runs the command directly (no shell, so nothing in it is interpreted)
/// and takes the first line of its output. On failure the command's
/// stderr is returned, since it says why ("gpg: decryption failed: No
/// secret key"); its stdout is never shown, since it may hold the password.
///
/// A command still running after `timeout` is killed and reported: one
/// that never exits used to hang sending for good.
pub(super) fn run(argv: &[String], timeout: Duration) -> Result<Secret, SendError> {
    let Some((program, args)) = argv.split_first() else {
        return Err(SendError::Config("`password_cmd` is empty".into()));
    };
    let started = |e: std::io::Error| SendError::PasswordCmdStart {
        command: program.clone(),
        reason: e.to_string(),
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(started)?;
    // Read on threads: a command that fills a pipe blocks until it is read.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let deadline = Instant::now() + timeout;
    let status = match wait_until(&mut child, deadline).map_err(started)? {
        Some(status) => status,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(SendError::PasswordCmdTimeout {
                command: program.clone(),
                secs: timeout.as_secs(),
            });
        }
    };
    // The pipes close at exit, unless a child of the command keeps them.
    let grace = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_secs(1));
    let stdout = stdout.recv_timeout(grace).unwrap_or_default();
    if !status.success() {
        let stderr = stderr.recv_timeout(grace).unwrap_or_default();
        return Err(SendError::PasswordCmdFailed {
            command: program.clone(),
            status: status.to_string(),
            stderr: String::from_utf8_lossy(&stderr).trim().to_owned(),
        });
    }
    let stdout = String::from_utf8(stdout).unwrap_or_default();
    let password = stdout.lines().next().unwrap_or_default();
    if password.is_empty() {
        return Err(SendError::PasswordCmdEmpty {
            command: program.clone(),
        });
    }
    Ok(Secret::new(password.to_owned()))
}

/// Everything a pipe gives until it closes, delivered once.
fn drain(pipe: Option<impl Read + Send + 'static>) -> Receiver<Vec<u8>> {
    let (sender, receiver) = channel();
    if let Some(mut pipe) = pipe {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            let _ = sender.send(bytes);
        });
    }
    receiver
}

/// The exit status, or `None` once `deadline` passes. std can wait for a
/// child only without a limit, so this looks every few milliseconds; a
/// password command runs once per send.
fn wait_until(
    child: &mut Child,
    deadline: Instant,
) -> std::io::Result<Option<std::process::ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_that_never_exits_is_stopped_at_the_timeout() {
        let argv = vec!["sleep".to_owned(), "1000".to_owned()];
        // On a thread, so that a run that never returns fails the test at
        // the deadline instead of hanging it.
        let (sender, result) = channel();
        std::thread::spawn(move || sender.send(run(&argv, Duration::from_millis(200))));
        let err = result
            .recv_timeout(Duration::from_secs(20))
            .expect("the password command was never stopped")
            .unwrap_err();
        assert!(
            matches!(&err, SendError::PasswordCmdTimeout { command, .. } if command == "sleep"),
            "{err:?}"
        );
        let text = err.to_string();
        assert!(
            text.contains("did not finish within") && text.contains("was stopped"),
            "{text}"
        );
        assert_eq!(err.kind(), "password command timed out");
    }

    #[test]
    fn a_quick_command_is_read_as_before() {
        let argv = vec![
            "sh".to_owned(),
            "-c".to_owned(),
            "echo pw; echo more".to_owned(),
        ];
        assert_eq!(run(&argv, Duration::from_secs(30)).unwrap().expose(), "pw");
    }
}
