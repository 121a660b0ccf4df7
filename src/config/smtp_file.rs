//! Writing the `[smtp]` section from the TUI's setup form. The rest of the
//! user's file is kept as written; only that section is replaced.

use std::io::Write;
use std::path::Path;

use crate::mail::SmtpConfig;

/// The file's text with its `[smtp]` table replaced by `smtp`.
pub fn with_smtp(existing: &str, smtp: &SmtpConfig) -> Result<String, String> {
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
            in_smtp = name == "smtp" || name.starts_with("smtp.");
        }
        if !in_smtp {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    let body = toml::to_string(smtp).map_err(|e| e.to_string())?;
    let trimmed = kept.trim_end();
    let sep = if trimmed.is_empty() { "" } else { "\n\n" };
    Ok(format!("{trimmed}{sep}[smtp]\n{body}"))
}

/// Saves `smtp` into the config file (created 0600), checking first that
/// the result loads, and replacing the file in one rename so a crash never
/// leaves half a config.
pub fn save_smtp(path: &Path, smtp: &SmtpConfig) -> Result<(), String> {
    smtp.validate().map_err(|e| e.to_string())?;
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let text = with_smtp(&existing, smtp)?;
    super::parse(path, &text).map_err(|e| e.to_string())?;
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
