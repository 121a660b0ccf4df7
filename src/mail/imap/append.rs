//! The one write usce ever makes to a mailbox, and only when asked
//! (`imap.save_sent = true`): a copy of a sent message into the Sent
//! folder, marked `\Seen`, so the user's mail client shows it.

use super::ImapConfig;
use super::connect::connect;
use super::error::SyncError;

/// APPENDs `message` (the exact bytes sent) to `sent_folder` with `\Seen`.
pub fn append_sent(cfg: &ImapConfig, message: &[u8]) -> Result<(), SyncError> {
    let Some(folder) = cfg.sent_folder.as_deref().filter(|f| !f.trim().is_empty()) else {
        return Err(SyncError::Config("`save_sent` needs `sent_folder`".into()));
    };
    let mut session = connect(cfg)?;
    let appended = session
        .append(folder, message)
        .flag(imap::types::Flag::Seen)
        .finish()
        .map_err(|e| SyncError::Folder {
            folder: folder.to_owned(),
            reason: format!("saving the sent copy: {e}"),
        });
    let _ = session.logout();
    appended.map(|_| ())
}
