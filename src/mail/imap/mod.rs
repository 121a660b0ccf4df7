//! Reading the user's own mailbox over IMAP, read-only, to find replies.

mod config;

pub use config::{DEFAULT_INTERVAL_MINUTES, ImapConfig};
