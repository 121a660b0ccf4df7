//! Writing the `[smtp]` section from the TUI's setup form. The rest of the
//! user's file is kept as written; only that section is replaced.

use std::io::Write;
use std::path::Path;

use crate::mail::SmtpConfig;

/// The file's text with its `[smtp]` table replaced by `smtp`.
pub fn with_smtp(existing: &str, smtp: &SmtpConfig) -> Result<String, String> {
    with_section(
        existing,
        "smtp",
        &toml::to_string(smtp).map_err(|e| e.to_string())?,
    )
}

/// The file's text with its `[name]` table replaced by `body`.
fn with_section(existing: &str, section: &str, body: &str) -> Result<String, String> {
    let mut kept = String::new();
    let mut in_smtp = false;
    for line in existing.lines() {
        let header = line.trim_start();
        if header.starts_with('[') {
            let name = header
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
            in_smtp = name == section || name.starts_with(&format!("{section}."));
        }
        if !in_smtp {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    let trimmed = kept.trim_end();
    let sep = if trimmed.is_empty() { "" } else { "\n\n" };
    Ok(format!("{trimmed}{sep}[{section}]\n{body}"))
}

/// Saves `smtp` into the config file (created 0600), checking first that
/// the result loads, and replacing the file in one rename so a crash never
/// leaves half a config.
pub fn save_smtp(path: &Path, smtp: &SmtpConfig) -> Result<(), String> {
    smtp.validate().map_err(|e| e.to_string())?;
    let text = with_smtp(&read_existing(path)?, smtp)?;
    write_checked(path, &text)
}

/// Saves `[imap]` the same way (the rest of the file kept as written).
pub fn save_imap(path: &Path, imap: &crate::mail::imap::ImapConfig) -> Result<(), String> {
    imap.validate()?;
    let body = toml::to_string(imap).map_err(|e| e.to_string())?;
    let text = with_section(&read_existing(path)?, "imap", &body)?;
    write_checked(path, &text)
}

fn read_existing(path: &Path) -> Result<String, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

fn write_checked(path: &Path, text: &str) -> Result<(), String> {
    super::parse(path, text).map_err(|e| e.to_string())?;
    let tmp = path.with_extension("toml.new");
    let mut file = crate::paths::create_private_file(&tmp).map_err(|e| e.to_string())?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| e.to_string())?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot save {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::Security;

    fn smtp() -> SmtpConfig {
        SmtpConfig {
            host: "smtp.gmail.com".into(),
            port: 587,
            security: Security::StartTls,
            username: Some("me@gmail.com".into()),
            from: "Me <me@gmail.com>".into(),
            password_env: None,
            password_cmd: Some(vec!["pass".into(), "show".into(), "gmail-app".into()]),
            ca_file: None,
        }
    }

    #[test]
    fn replaces_only_the_smtp_section_and_keeps_the_rest() {
        let before = "# my settings\ntheme = \"light\"\n\n[smtp]\nhost = \"old\"\nport = 25\n\n[follow_up]\nafter_send_days = 10\n";
        let after = with_smtp(before, &smtp()).unwrap();
        assert!(after.contains("theme = \"light\"") && after.contains("after_send_days = 10"));
        assert!(after.contains("# my settings"));
        assert!(!after.contains("old"));
        assert!(after.contains("host = \"smtp.gmail.com\""));
        let loaded = crate::config::parse(Path::new("c.toml"), &after).unwrap();
        assert_eq!(loaded.config.smtp, Some(smtp()));
        assert_eq!(loaded.config.follow_up.after_send_days, 10);
    }

    #[test]
    fn saving_creates_a_private_file_and_refuses_plain_text_to_a_remote_host() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("usce").join("config.toml");
        save_smtp(&path, &smtp()).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        let bad = SmtpConfig {
            security: Security::None,
            ..smtp()
        };
        assert!(save_smtp(&path, &bad).is_err());
        assert!(std::fs::read_to_string(&path).unwrap().contains("starttls"));
    }
}

#[cfg(test)]
mod tests_imap {
    use super::*;

    #[test]
    fn saving_imap_keeps_the_smtp_section_and_loads_back() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "theme = \"light\"\n\n[smtp]\nhost = \"smtp.gmail.com\"\nport = 587\nfrom = \"a@gmail.com\"\n").unwrap();
        let imap: crate::mail::imap::ImapConfig = toml::from_str(
            "host = \"imap.gmail.com\"\nusername = \"a@gmail.com\"\npassword_env = \"P\"\n",
        )
        .unwrap();
        save_imap(&path, &imap).unwrap();
        let loaded = crate::config::load(&path).unwrap();
        assert_eq!(loaded.config.imap, Some(imap.clone()));
        assert_eq!(loaded.config.smtp.unwrap().host, "smtp.gmail.com");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let bad = crate::mail::imap::ImapConfig {
            security: crate::mail::Security::None,
            ..imap
        };
        assert!(
            save_imap(&path, &bad).is_err(),
            "plain text to a remote host is refused"
        );
    }
}
