//! The `[imap]` section and `ca_file`.

use std::path::Path;

use super::*;
use crate::mail::Security;

fn parse_text(text: &str) -> Result<Loaded, ConfigError> {
    parse(Path::new("/home/a/.config/usce/config.toml"), text)
}

#[test]
fn an_imap_section_fills_its_defaults() {
    let loaded = parse_text(
        "[imap]\nhost = \"imap.gmail.com\"\nusername = \"amina@gmail.com\"\npassword_env = \"IMAP_PW\"\n",
    )
    .unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let imap = loaded.config.imap.unwrap();
    assert_eq!(imap.security, Security::Tls);
    assert_eq!(imap.port(), 993);
    assert_eq!(imap.folders, vec!["INBOX".to_owned()]);
    assert_eq!(imap.interval_minutes, 10);
    assert!(!imap.save_sent);
    assert_eq!(imap.sent_folder, None);
    assert_eq!(imap.ca_file, None);
}

#[test]
fn every_imap_key_is_read() {
    let loaded = parse_text(
        r#"[imap]
host = "127.0.0.1"
port = 1143
security = "none"
username = "me"
password_cmd = ["pass", "show", "imap"]
folders = ["INBOX", "[Gmail]/All Mail"]
sent_folder = "Sent"
interval_minutes = 0
save_sent = true
ca_file = "/etc/ssl/mine.pem"
"#,
    )
    .unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let imap = loaded.config.imap.unwrap();
    assert_eq!((imap.port(), imap.security), (1143, Security::None));
    assert_eq!(imap.folders.len(), 2);
    assert_eq!(imap.interval_minutes, 0);
    assert!(imap.save_sent);
    assert_eq!(
        imap.ca_file.as_deref(),
        Some(Path::new("/etc/ssl/mine.pem"))
    );
    assert!(
        !format!("{imap:?}").contains("imap\""),
        "the command's arguments are hidden"
    );
}

#[test]
fn plain_text_imap_to_another_machine_is_refused_with_its_line() {
    let err = parse_text(
        "\n[imap]\nhost = \"imap.example.org\"\nsecurity = \"none\"\nusername = \"me\"\npassword_env = \"P\"\n",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains(":2: imap:") && err.contains("unencrypted"),
        "{err}"
    );
}

#[test]
fn an_imap_password_in_the_file_is_refused_and_a_source_is_required() {
    let err = parse_text("[imap]\nhost = \"h\"\nusername = \"me\"\npassword = \"x\"\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not belong in the config file"), "{err}");
    let err = parse_text("[imap]\nhost = \"h\"\nusername = \"me\"\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("password_env"), "{err}");
    let err = parse_text(
        "[imap]\nhost = \"h\"\nusername = \"me\"\npassword_env = \"P\"\nsave_sent = true\n",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("sent_folder"), "{err}");
}

#[test]
fn smtp_takes_a_ca_file() {
    let loaded = parse_text(
        "[smtp]\nhost = \"mail.example.org\"\nport = 465\nsecurity = \"tls\"\nfrom = \"a@example.org\"\nca_file = \"/srv/ca.pem\"\n",
    )
    .unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let smtp = loaded.config.smtp.unwrap();
    assert_eq!(smtp.ca_file.as_deref(), Some(Path::new("/srv/ca.pem")));
}

#[test]
fn a_ca_file_that_is_not_pem_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ca.pem");
    std::fs::write(&path, "not a certificate").unwrap();
    let err = crate::mail::tls::client_config(Some(&path)).unwrap_err();
    assert!(err.contains("holds no PEM certificate"), "{err}");
    let err = crate::mail::tls::client_config(Some(&dir.path().join("missing.pem"))).unwrap_err();
    assert!(err.contains("missing.pem"), "{err}");
    assert!(crate::mail::tls::client_config(None).is_ok());
}
