//! A real IMAP server for tests: Dovecot from Debian's `dovecot-imapd`,
//! started with a throwaway config, passwd-file and Maildir in a temp dir,
//! listening on 127.0.0.1 on two free ports (plain IMAP and implicit TLS
//! with a self-signed certificate made here with the openssl CLI), and
//! stopped when the handle is dropped.
//!
//! Without Dovecot installed the tests skip with one line saying how to
//! enable them, unless `USCE_REQUIRE_DOVECOT=1` (set by `.ci/run`), which
//! makes a missing Dovecot a failure.

use std::fs;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Once;
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub const USER: &str = "me@example.org";
pub const PASSWORD: &str = "imap-test-password";
/// How long Dovecot may take to start listening before the test fails.
const START_LIMIT: Duration = Duration::from_secs(30);

const DOVECOT: &str = "/usr/sbin/dovecot";

pub struct Dovecot {
    pub dir: TempDir,
    /// Plain IMAP (usce accepts `security = "none"` only for loopback).
    pub port: u16,
    /// Implicit TLS with the harness's self-signed certificate.
    pub tls_port: u16,
    /// The PEM certificate to trust (`ca_file`).
    pub cert: PathBuf,
    /// Who owns the mail files (uid, gid).
    owner: (u32, u32),
    child: Child,
}

/// Dovecot, or `None` (after one line on stderr) when it is not installed
/// and `USCE_REQUIRE_DOVECOT` is not set.
pub fn start() -> Option<Dovecot> {
    if !Path::new(DOVECOT).exists() {
        if std::env::var("USCE_REQUIRE_DOVECOT").is_ok_and(|v| v == "1") {
            panic!(
                "USCE_REQUIRE_DOVECOT=1 but {DOVECOT} is missing: apt-get install dovecot-imapd"
            );
        }
        static SAID: Once = Once::new();
        // Straight to stderr, which libtest does not capture, so the one
        // line shows in a plain `cargo test`.
        SAID.call_once(|| {
            let _ = writeln!(
                std::io::stderr(),
                "IMAP tests skipped: Dovecot not found at {DOVECOT} \
                 (apt-get install dovecot-imapd to run them; USCE_REQUIRE_DOVECOT=1 makes this fail)"
            );
        });
        return None;
    }
    Some(Dovecot::start())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Dovecot {
    fn start() -> Dovecot {
        let dir = TempDir::new().unwrap();
        let root = dir.path();
        for sub in [
            "run",
            "state",
            "home/Maildir/new",
            "home/Maildir/cur",
            "home/Maildir/tmp",
        ] {
            fs::create_dir_all(root.join(sub)).unwrap();
        }
        let cert = super::tls::make_certificate(root);
        let (port, tls_port) = (free_port(), free_port());
        // Dovecot runs as whoever runs the tests (root in CI): the mail
        // files belong to the temp dir's owner.
        let meta = fs::metadata(root).unwrap();
        let (uid, gid) = (meta.uid(), meta.gid());
        // Dovecot refuses to run its login process as root: as root (CI)
        // it drops to the package's own users, which must then read the
        // passwd-file and certificate (a throwaway test password).
        let (login_user, internal_user) = if uid == 0 {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(root, fs::Permissions::from_mode(0o755)).unwrap();
            ("dovenull".to_owned(), "dovecot".to_owned())
        } else {
            (whoami(uid), whoami(uid))
        };
        // Dovecot will not open a mailbox as root either: as root the
        // mail belongs to the `dovecot` user.
        let (uid, gid) = if uid == 0 {
            user_ids("dovecot")
        } else {
            (uid, gid)
        };
        chown_tree(&root.join("home"), uid, gid);
        fs::write(
            root.join("passwd"),
            format!(
                "{USER}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{}::\n",
                root.join("home").display()
            ),
        )
        .unwrap();
        let config = root.join("dovecot.conf");
        fs::write(
            &config,
            config_text(root, &login_user, &internal_user, port, tls_port),
        )
        .unwrap();
        let child = Command::new(DOVECOT)
            .arg("-F")
            .arg("-c")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut dovecot = Dovecot {
            owner: (uid, gid),
            dir,
            port,
            tls_port,
            cert,
            child,
        };
        dovecot.wait_listening();
        dovecot
    }

    fn wait_listening(&mut self) {
        let deadline = Instant::now() + START_LIMIT;
        for port in [self.port, self.tls_port] {
            while TcpStream::connect(("127.0.0.1", port)).is_err() {
                if let Ok(Some(status)) = self.child.try_wait() {
                    panic!("dovecot exited ({status}): {}", self.log());
                }
                assert!(
                    Instant::now() < deadline,
                    "dovecot never listened: {}",
                    self.log()
                );
                std::thread::yield_now();
            }
        }
    }

    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    pub fn maildir(&self) -> PathBuf {
        self.dir.path().join("home/Maildir")
    }

    /// Puts a raw message into INBOX (Maildir `new/`), unseen.
    pub fn deliver(&self, raw: &str) {
        self.deliver_to("INBOX", raw);
    }

    /// Puts a raw message into `folder` (created when missing), unseen.
    pub fn deliver_to(&self, folder: &str, raw: &str) {
        self.deliver_bytes(
            folder,
            raw.replace("\r\n", "\n").replace('\n', "\r\n").as_bytes(),
        );
    }

    pub fn deliver_bytes(&self, folder: &str, raw: &[u8]) {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let base = if folder == "INBOX" {
            self.maildir()
        } else {
            self.maildir().join(format!(".{folder}"))
        };
        if !base.join("tmp").exists() {
            for sub in ["new", "cur", "tmp"] {
                fs::create_dir_all(base.join(sub)).unwrap();
            }
            chown_tree(&base, self.owner.0, self.owner.1);
        }
        let name = format!(
            "{}.M{}P{}.usce-test",
            1_700_000_000,
            NEXT.fetch_add(1, Ordering::SeqCst),
            std::process::id()
        );
        let tmp = base.join("tmp").join(&name);
        fs::File::create(&tmp).unwrap().write_all(raw).unwrap();
        let (uid, gid) = (Some(self.owner.0), Some(self.owner.1));
        std::os::unix::fs::chown(&tmp, uid, gid).unwrap();
        fs::rename(&tmp, base.join("new").join(&name)).unwrap();
    }

    /// A logged-in session of the test's own (plain port).
    pub fn session(&self) -> imap::Session<TcpStream> {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut client = imap::Client::new(stream);
        client.read_greeting().unwrap();
        client.login(USER, PASSWORD).map_err(|(e, _)| e).unwrap()
    }

    /// The flags of every message in `folder`, by UID, read with EXAMINE so
    /// that looking changes nothing.
    pub fn flags(&self, folder: &str) -> Vec<(u32, Vec<String>)> {
        let mut session = self.session();
        let mailbox = session.examine(folder).unwrap();
        let mut out = Vec::new();
        if mailbox.exists > 0 {
            let fetches = session.uid_fetch("1:*", "FLAGS").unwrap();
            for fetch in fetches.iter() {
                let flags = fetch.flags().iter().map(|f| format!("{f:?}")).collect();
                out.push((fetch.uid.unwrap(), flags));
            }
        }
        out.sort();
        let _ = session.logout();
        out
    }

    /// Deletes `folder` and creates it again: a new UIDVALIDITY.
    pub fn recreate(&self, folder: &str) -> u32 {
        let mut session = self.session();
        let _ = session.delete(folder);
        session.create(folder).unwrap();
        let validity = session.examine(folder).unwrap().uid_validity.unwrap();
        let _ = session.logout();
        validity
    }

    pub fn uid_validity(&self, folder: &str) -> u32 {
        let mut session = self.session();
        let validity = session.examine(folder).unwrap().uid_validity.unwrap();
        let _ = session.logout();
        validity
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        // USCE_DOVECOT_LOG=1 shows the server's log, for a failing test.
        if std::env::var_os("USCE_DOVECOT_LOG").is_some() {
            let _ = writeln!(std::io::stderr(), "{}", self.log());
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chown_tree(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            chown_tree(&entry.unwrap().path(), uid, gid);
        }
    }
}

/// The uid and gid of a user named in /etc/passwd.
fn user_ids(name: &str) -> (u32, u32) {
    let passwd = fs::read_to_string("/etc/passwd").unwrap();
    passwd
        .lines()
        .find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            (fields[0] == name).then(|| (fields[2].parse().unwrap(), fields[3].parse().unwrap()))
        })
        .unwrap_or_else(|| panic!("no user {name} (installed with dovecot-core)"))
}

fn whoami(uid: u32) -> String {
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            (fields.get(2) == Some(&uid.to_string().as_str())).then(|| fields[0].to_owned())
        })
        .unwrap_or_else(|| "root".to_owned())
}

fn config_text(root: &Path, login_user: &str, user: &str, port: u16, tls_port: u16) -> String {
    let r = root.display();
    format!(
        r#"protocols = imap
listen = 127.0.0.1
base_dir = {r}/run
state_dir = {r}/state
log_path = {r}/dovecot.log
info_log_path = {r}/dovecot.log
ssl = yes
ssl_cert = <{r}/cert.pem
ssl_key = <{r}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {user}
default_login_user = {login_user}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {r}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {r}/passwd
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    user = {user}
  }}
  unix_listener stats-writer {{
    user = {user}
  }}
}}
"#
    )
}
