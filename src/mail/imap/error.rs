//! Why a sync stopped, in words the user can act on.

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("IMAP settings: {0}")]
    Config(String),
    #[error("IMAP password: {0}")]
    Password(String),
    #[error("cannot talk to the IMAP server {host}:{port}: {reason}")]
    Connection {
        host: String,
        port: u16,
        reason: String,
    },
    #[error(
        "the IMAP server {host} showed a certificate that is not trusted ({reason}); \
         if it is your own server, point `ca_file` in [imap] at its certificate"
    )]
    Certificate { host: String, reason: String },
    #[error("the IMAP server refused: {0}")]
    Refused(String),
    #[error("folder {folder:?}: {reason}")]
    Folder { folder: String, reason: String },
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

impl SyncError {
    /// A few words for the log (never the server's text or a password).
    pub fn kind(&self) -> &'static str {
        match self {
            SyncError::Config(_) => "settings",
            SyncError::Password(_) => "password",
            SyncError::Connection { .. } => "connection failed",
            SyncError::Certificate { .. } => "certificate not trusted",
            SyncError::Refused(_) => "server refused",
            SyncError::Folder { .. } => "folder",
            SyncError::Store(_) => "database",
        }
    }
}
