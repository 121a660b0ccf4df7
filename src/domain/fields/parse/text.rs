//! Text with a shape: an email address, a file path.

use super::{Invalid, Kind};
use crate::domain::contact::validate_email;

const EMAIL_WANTED: &str = "write one address, like coordinator@hospital.org";

/// One email address, trimmed. Two addresses in one field are refused by
/// name, since "is not an email address" would not say what to fix.
pub fn email(text: &str) -> Result<String, Invalid> {
    let t = text.trim();
    let parts = t
        .split([',', ';', ' '])
        .filter(|p| !p.trim().is_empty())
        .count();
    if parts > 1 && t.matches('@').count() > 1 {
        return Err(Invalid::new(
            Kind::Email,
            format!("{t:?} holds more than one address"),
            EMAIL_WANTED,
        ));
    }
    validate_email(t).map_err(|reason| Invalid::new(Kind::Email, reason, EMAIL_WANTED))?;
    Ok(t.to_string())
}

/// A file path as typed or pasted: trimmed, quotes a file manager put
/// around it removed ('~/My CV.pdf'), a shell's escaped spaces read
/// (~/My\ CV.pdf), a `file://` address read as its path. Blank is no file.
/// Whether the file is there is the runtime's to check, not a parser's.
pub fn path(text: &str) -> Result<String, Invalid> {
    let wanted = "write a path like ~/Documents/cv.pdf";
    let mut t = text.trim();
    for quote in ['\'', '"'] {
        if t.len() >= 2 && t.starts_with(quote) && t.ends_with(quote) {
            t = &t[1..t.len() - 1];
        }
    }
    let t = t.strip_prefix("file://").unwrap_or(t);
    if let Some(c) = t.chars().find(|c| c.is_control()) {
        return Err(Invalid::new(
            Kind::Path,
            format!(
                "the path contains the control character U+{:04X}",
                u32::from(c)
            ),
            wanted,
        ));
    }
    Ok(t.replace("\\ ", " "))
}
