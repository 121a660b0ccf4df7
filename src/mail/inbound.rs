//! Reading an incoming message (mailparse) into the facts matching needs
//! ([`InboundMail`]): its ids, sender, whether it is automatic, whether it
//! reports a failed delivery, and a short plain-text snippet.

use chrono::{DateTime, Utc};
use mailparse::{MailHeaderMap, ParsedMail, addrparse_header};

use crate::domain::inbound::{Bounce, InboundMail};

/// How much of the plain text the snippet keeps.
pub const SNIPPET_CHARS: usize = 300;
/// Text parts bigger than this are not decoded for the snippet.
const TEXT_LIMIT: usize = 256 * 1024;

/// The facts of a raw message, or why it cannot be read at all.
pub fn parse(raw: &[u8]) -> Result<InboundMail, String> {
    let parsed = mailparse::parse_mail(raw).map_err(|e| format!("unreadable MIME: {e}"))?;
    let headers = &parsed.headers;
    let header = |name: &str| headers.get_first_value(name).unwrap_or_default();
    let from = addrparse_header(headers.get_first_header("From").ok_or("no From header")?)
        .ok()
        .and_then(|list| list.extract_single_info())
        .map(|info| info.addr.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let subject = header("Subject");
    let date = mailparse::dateparse(&header("Date"))
        .ok()
        .and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0));
    let mut refers_to = message_ids(&header("In-Reply-To"));
    refers_to.extend(message_ids(&header("References")));
    let message_id = message_ids(&header("Message-ID"))
        .into_iter()
        .next()
        .unwrap_or_else(|| stand_in_id(&from, &header("Date"), &subject));
    let text = plain_text(&parsed).unwrap_or_default();
    let bounce = bounce(&parsed, &from, &text);
    let auto_reply = bounce.is_none() && is_automatic(&parsed, &subject);
    Ok(InboundMail {
        message_id,
        refers_to,
        snippet: snippet(&text),
        from,
        subject,
        date,
        auto_reply,
        bounce,
        text,
    })
}

/// Every `<…>` in a header value.
fn message_ids(value: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let id = &rest[start..=start + len];
        if id.len() > 2 && !id.contains(char::is_whitespace) {
            ids.push(id.to_owned());
        }
        rest = &rest[start + len + 1..];
    }
    ids
}

/// A Message-ID for a message without one, the same each time it is
/// read (FNV-1a of the sender, date and subject), so it is logged once.
fn stand_in_id(from: &str, date: &str, subject: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in [from, "\n", date, "\n", subject].concat().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("<no-id-{hash:016x}@usce.invalid>")
}

fn is_automatic(parsed: &ParsedMail<'_>, subject: &str) -> bool {
    let headers = &parsed.headers;
    let value = |name: &str| {
        headers
            .get_first_value(name)
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    };
    let auto_submitted = value("Auto-Submitted");
    let precedence = value("Precedence");
    let subject = subject.to_ascii_lowercase();
    (!auto_submitted.is_empty() && auto_submitted != "no")
        || headers.get_first_header("X-Autoreply").is_some()
        || headers.get_first_header("X-Autorespond").is_some()
        || ["auto_reply", "bulk", "junk"].contains(&precedence.as_str())
        || [
            "out of office",
            "out of the office",
            "automatic reply",
            "auto-reply",
            "autoreply",
        ]
        .iter()
        .any(|cue| subject.contains(cue))
}

/// A delivery failure: a `multipart/report; report-type=delivery-status`,
/// or a mailer-daemon / postmaster message quoting the original's id.
fn bounce(parsed: &ParsedMail<'_>, from: &str, text: &str) -> Option<Bounce> {
    let is_report = parsed
        .ctype
        .mimetype
        .eq_ignore_ascii_case("multipart/report")
        && parsed
            .ctype
            .params
            .get("report-type")
            .is_some_and(|t| t.eq_ignore_ascii_case("delivery-status"));
    let local = from.split('@').next().unwrap_or_default();
    let daemon = ["mailer-daemon", "postmaster"].contains(&local);
    if !is_report && !daemon {
        return None;
    }
    let mut found = Bounce::default();
    let mut quoted = String::from(text);
    for part in parsed.parts() {
        let mime = part.ctype.mimetype.to_ascii_lowercase();
        let body = || part.get_body().unwrap_or_default();
        match mime.as_str() {
            "message/delivery-status" => found.recipients.extend(failed_recipients(&body())),
            "message/rfc822" | "text/rfc822-headers" => quoted.push_str(&body()),
            _ => {}
        }
    }
    for line in quoted.lines() {
        let lower = line.trim_start().to_ascii_lowercase();
        if lower.starts_with("message-id:") {
            found.original_ids.extend(message_ids(line));
        }
    }
    (is_report || !found.original_ids.is_empty()).then_some(found)
}

/// The `Final-Recipient` (else `Original-Recipient`) of each failed
/// recipient block of a delivery-status part.
fn failed_recipients(status: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in status.replace("\r\n", "\n").split("\n\n") {
        let field = |name: &str| {
            block.lines().find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| value.trim().to_owned())
            })
        };
        let failed = field("Action").is_none_or(|a| a.eq_ignore_ascii_case("failed"));
        let recipient = field("Final-Recipient").or_else(|| field("Original-Recipient"));
        if let (true, Some(recipient)) = (failed, recipient) {
            let address = recipient.rsplit(';').next().unwrap_or_default().trim();
            let address = address.trim_matches(['<', '>']).to_ascii_lowercase();
            if address.contains('@') {
                out.push(address);
            }
        }
    }
    out
}

/// The first text/plain part that is not an attachment, else the first
/// text/html one with its tags removed.
fn plain_text(parsed: &ParsedMail<'_>) -> Option<String> {
    let readable = |part: &&ParsedMail<'_>, mime: &str| {
        part.ctype.mimetype.eq_ignore_ascii_case(mime)
            && part.get_content_disposition().disposition != mailparse::DispositionType::Attachment
            && part.raw_bytes.len() <= TEXT_LIMIT
    };
    let parts: Vec<&ParsedMail<'_>> = parsed.parts().collect();
    if let Some(part) = parts.iter().find(|p| readable(p, "text/plain")) {
        return part.get_body().ok();
    }
    let html = parts.iter().find(|p| readable(p, "text/html"))?;
    html.get_body().ok().map(|h| strip_tags(&h))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ").replace("&amp;", "&")
}

/// The first [`SNIPPET_CHARS`] characters of what the sender wrote: quoted
/// lines, the "On … wrote:" line and everything after a signature dash
/// line are left out, and whitespace is squeezed.
pub fn snippet(text: &str) -> String {
    let mut words = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if line == "-- " || trimmed == "--" || trimmed.starts_with("-----Original Message") {
            break;
        }
        let lower = trimmed.to_ascii_lowercase();
        if lower.starts_with("on ") && lower.ends_with("wrote:") {
            break;
        }
        if trimmed.starts_with('>') {
            continue;
        }
        for word in trimmed.split_whitespace() {
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(word);
        }
        if words.chars().count() > SNIPPET_CHARS {
            break;
        }
    }
    words.chars().take(SNIPPET_CHARS).collect()
}
