//! Turns an outgoing email into a MIME message (.eml bytes) or a `mailto:`
//! link. Plain text only: no HTML, no tracking.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use lettre::Message;
use lettre::message::MessageBuilder;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::paths::{self, ReadError};

use crate::domain::thread::ThreadHeaders;

/// Large attachments are refused before reading: most mail servers reject
/// messages over ~25 MB, and base64 adds a third.
pub const MAX_ATTACHMENT_BYTES: u64 = 15 * 1024 * 1024;

/// Who the mail is from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sender {
    pub name: String,
    pub email: String,
}

impl Sender {
    /// Parses `"Name <a@b.org>"` or a bare `"a@b.org"`.
    pub fn parse(text: &str) -> Result<Sender, MessageError> {
        let mailbox = parse_mailbox(text)?;
        Ok(Sender {
            name: mailbox.name.unwrap_or_default(),
            email: mailbox.email.to_string(),
        })
    }
}

/// Everything needed to build one email.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutgoingMail {
    pub from: Sender,
    /// Each entry is `"a@b.org"` or `"Name <a@b.org>"`.
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<PathBuf>,
}

/// A built message and the Message-ID it carries (with angle brackets), to
/// be stored with the draft so replies can be matched later.
#[derive(Debug, Clone)]
pub struct BuiltMail {
    pub message: Message,
    pub message_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    #[error("{0:?} is not an email address")]
    BadAddress(String),
    #[error("the email has no recipient")]
    NoRecipient,
    #[error("cannot attach {}: {reason}", path.display())]
    Attachment { path: PathBuf, reason: String },
    #[error("cannot build the email: {0}")]
    Build(#[from] lettre::error::Error),
}

/// Builds the MIME message, dated `at` (the clock's now, so the copy kept
/// and the log entry agree). Header values are stripped of line breaks and
/// control characters first, so a program name or subject cannot smuggle
/// in extra headers; lettre then RFC 2047-encodes anything non-ASCII.
pub fn build_message(mail: &OutgoingMail, at: DateTime<Utc>) -> Result<BuiltMail, MessageError> {
    build_message_in_thread(mail, None, at)
}

/// [`build_message`] for a reply: with `thread`, the message carries
/// `In-Reply-To` and `References` (see [`crate::domain::thread`]), so the
/// recipient's mail app files it with the earlier ones.
pub fn build_message_in_thread(
    mail: &OutgoingMail,
    thread: Option<&ThreadHeaders>,
    at: DateTime<Utc>,
) -> Result<BuiltMail, MessageError> {
    let from_email = clean_header(&mail.from.email);
    let from = Mailbox::new(
        non_empty(clean_header(&mail.from.name)),
        from_email
            .parse()
            .map_err(|_| MessageError::BadAddress(from_email.clone()))?,
    );
    let message_id = new_message_id(from.email.domain(), at);

    let mut builder = Message::builder()
        .date(at.into())
        .from(from)
        .raw_header(subject_header(&clean_header(&mail.subject)))
        .message_id(Some(message_id.clone()));
    if let Some(thread) = thread {
        builder = with_thread(builder, thread);
    }
    let mut recipients = 0;
    for to in mail.to.iter().filter(|s| !s.trim().is_empty()) {
        builder = builder.to(parse_mailbox(to)?);
        recipients += 1;
    }
    for cc in mail.cc.iter().filter(|s| !s.trim().is_empty()) {
        builder = builder.cc(parse_mailbox(cc)?);
        recipients += 1;
    }
    if recipients == 0 {
        return Err(MessageError::NoRecipient);
    }

    let body = mail.body.replace('\0', "");
    let message = if mail.attachments.is_empty() {
        builder.singlepart(SinglePart::plain(body))?
    } else {
        let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(body));
        for path in &mail.attachments {
            parts = parts.singlepart(attachment(path)?);
        }
        builder.multipart(parts)?
    };
    Ok(BuiltMail {
        message,
        message_id,
    })
}

/// Header lines are kept to this many characters, as RFC 5322 asks (its
/// hard limit is 998; a server refused a 1,501-character subject line).
pub const HEADER_LINE_LIMIT: usize = 78;

/// Raw bytes per RFC 2047 encoded-word: 42 bytes are 56 base64 characters,
/// 68 with `=?utf-8?b?…?=`, so even the first line, after "Subject: ",
/// stays within [`HEADER_LINE_LIMIT`]. A multiple of 3 needs no padding.
const ENCODED_WORD_BYTES: usize = 42;

/// The Subject header. lettre folds only at spaces and writes an ASCII
/// word whole, however long: a pasted 1,500-character word became one
/// 1,510-character line. A subject with a word too long for a line is
/// therefore sent as RFC 2047 encoded-words, which may split anywhere
/// (between characters) and are joined again by every mail reader;
/// every other subject goes through lettre unchanged.
fn subject_header(subject: &str) -> HeaderValue {
    let name = HeaderName::new_from_ascii_str("Subject");
    // "Subject: " or a folded line's leading space, then the word.
    let fits = |word: &str| word.len() + "Subject: ".len() <= HEADER_LINE_LIMIT;
    if subject.split(' ').all(fits) {
        return HeaderValue::new(name, subject.to_owned());
    }
    HeaderValue::dangerous_new_pre_encoded(name, subject.to_owned(), encoded_words(subject))
}

/// `text` as base64 encoded-words of at most [`ENCODED_WORD_BYTES`] each,
/// cut at character boundaries, one per folded line. The result is ASCII
/// without control characters, so it cannot start a header of its own.
fn encoded_words(text: &str) -> String {
    use base64::Engine;
    let mut words = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = rest.len().min(ENCODED_WORD_BYTES);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let (word, tail) = rest.split_at(end);
        let encoded = base64::engine::general_purpose::STANDARD.encode(word.as_bytes());
        words.push(format!("=?utf-8?b?{encoded}?="));
        rest = tail;
    }
    words.join("\r\n ")
}

/// Adds the thread headers. The ids come from our own database, but are
/// cleaned like every header value; a blank one is left out rather than
/// sent as an empty header.
fn with_thread(builder: MessageBuilder, thread: &ThreadHeaders) -> MessageBuilder {
    let in_reply_to = clean_header(&thread.in_reply_to);
    let references = thread
        .references
        .iter()
        .map(|id| clean_header(id))
        .filter(|id| !id.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let builder = if in_reply_to.is_empty() {
        builder
    } else {
        builder.in_reply_to(in_reply_to)
    };
    if references.is_empty() {
        builder
    } else {
        builder.references(references)
    }
}

/// The exact bytes of the message as an RFC 5322 `.eml` file.
pub fn to_eml(message: &Message) -> Vec<u8> {
    message.formatted()
}

/// A `mailto:` link (RFC 6068) that opens the draft in the user's own mail
/// app. Attachments cannot travel in a link; the user adds them there.
pub fn mailto_url(to: &[String], cc: &[String], subject: &str, body: &str) -> String {
    let join = |list: &[String]| {
        list.iter()
            .map(|a| percent_encode(a.trim(), MAILTO_ADDRESS))
            .filter(|a| !a.is_empty())
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut url = format!("mailto:{}", join(to));
    let mut params = Vec::new();
    if !cc.is_empty() {
        params.push(format!("cc={}", join(cc)));
    }
    if !subject.is_empty() {
        params.push(format!("subject={}", percent_encode(subject, MAILTO_TEXT)));
    }
    if !body.is_empty() {
        // RFC 6068 asks for CRLF line breaks in the body.
        let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
        params.push(format!("body={}", percent_encode(&body, MAILTO_TEXT)));
    }
    if !params.is_empty() {
        url.push('?');
        url.push_str(&params.join("&"));
    }
    url
}

/// Everything but RFC 3986's unreserved characters is percent-encoded.
const MAILTO_TEXT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// In an address, `@` stays as it is too.
const MAILTO_ADDRESS: &AsciiSet = &MAILTO_TEXT.remove(b'@');

fn percent_encode(text: &str, set: &'static AsciiSet) -> String {
    utf8_percent_encode(text, set).to_string()
}

/// Makes text safe for a header: NUL is dropped, CR, LF and every other
/// control character become a space, runs of spaces shrink to one.
pub fn clean_header(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\0')
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

fn parse_mailbox(text: &str) -> Result<Mailbox, MessageError> {
    let cleaned = clean_header(text);
    let mailbox: Mailbox = cleaned
        .parse()
        .map_err(|_| MessageError::BadAddress(cleaned.clone()))?;
    // Parsed names are cleaned again: lettre unquotes them.
    Ok(Mailbox::new(
        mailbox.name.map(|n| clean_header(&n)).and_then(non_empty),
        mailbox.email,
    ))
}

fn attachment(path: &Path) -> Result<SinglePart, MessageError> {
    let fail = |reason: String| MessageError::Attachment {
        path: path.to_owned(),
        reason,
    };
    // A device or a FIFO has size 0 in its metadata: /dev/zero passed the
    // size check and 2.1 GB were read. Only a regular file is read, and
    // never past the limit.
    let bytes = paths::read_regular_file(path, MAX_ATTACHMENT_BYTES).map_err(|e| {
        fail(match e {
            ReadError::Io(e) => e.to_string(),
            ReadError::NotAFile(kind) => format!("it is {kind}, not a regular file"),
            ReadError::TooLarge(size) => format!(
                "{} MB is over the {} MB limit",
                size / 1_000_000,
                MAX_ATTACHMENT_BYTES / 1_000_000
            ),
        })
    })?;
    let name = path
        .file_name()
        .map(|n| clean_header(&n.to_string_lossy()))
        .and_then(non_empty)
        .unwrap_or_else(|| "attachment".to_owned());
    let content_type = ContentType::parse(guess_content_type(path))
        .map_err(|e| fail(format!("content type: {e}")))?;
    // Always base64: the file's bytes arrive untouched whatever they hold,
    // with no line-ending conversion.
    let body = Body::new_with_encoding(bytes, ContentTransferEncoding::Base64)
        .map_err(|_| fail("cannot encode".to_owned()))?;
    Ok(Attachment::new(name).body(body, content_type))
}

/// The few kinds an applicant attaches: CV and score report (PDF), scans
/// (PNG/JPEG), notes (text). Anything else goes as opaque bytes.
pub fn guess_content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `<random@domain>`, with the sender's domain rather than this machine's
/// host name, which would leak into every mail. `at` varies the id between
/// runs; the counter and the per-process random keys keep it unique when
/// the clock is fixed.
fn new_message_id(domain: &str, at: DateTime<Utc>) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = at.timestamp_nanos_opt().unwrap_or_default();
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    // RandomState is seeded from the OS once per process, then varied per
    // instance: enough entropy for uniqueness without a new dependency.
    let random = |salt: u64| {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_i64(nanos);
        hasher.write_u64(count);
        hasher.write_u64(salt);
        hasher.write_u32(std::process::id());
        hasher.finish()
    };
    format!("<{:016x}{:016x}@{domain}>", random(1), random(2))
}
