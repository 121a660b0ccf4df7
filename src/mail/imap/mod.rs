//! Reading the user's own mailbox over IMAP, read-only, to find replies:
//! EXAMINE (never SELECT), `BODY.PEEK[]` (so no `\Seen` changes), and no
//! STORE, EXPUNGE, MOVE or COPY anywhere. The one write, only with
//! `save_sent = true`, is APPENDing a copy of sent mail (`append`).

mod append;
mod config;
mod connect;
mod error;
mod fetch;

pub use append::append_sent;
pub use config::{DEFAULT_INTERVAL_MINUTES, ImapConfig};
pub use connect::{Session, Stream, connect};
pub use error::SyncError;
pub use fetch::{FetchedMessage, FolderView, examine, fetch_uids, new_uids};
