//! Reading a folder without changing it.

use super::connect::Session;
use super::error::SyncError;

/// Messages bigger than this are not downloaded; they are skipped with a
/// reason (a reply to a coordinator's email is never 40 MB).
pub const MAX_MESSAGE_BYTES: u32 = 40 * 1024 * 1024;

/// A folder as EXAMINE shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderView {
    pub uid_validity: u32,
    pub exists: u32,
}

/// One message: its UID and raw bytes, or why it was not fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedMessage {
    pub uid: u32,
    pub raw: Result<Vec<u8>, String>,
}

fn folder_error(folder: &str, e: &imap::Error) -> SyncError {
    SyncError::Folder {
        folder: folder.to_owned(),
        reason: e.to_string(),
    }
}

/// Opens `folder` read-only (EXAMINE).
pub fn examine(session: &mut Session, folder: &str) -> Result<FolderView, SyncError> {
    let mailbox = session
        .examine(folder)
        .map_err(|e| folder_error(folder, &e))?;
    let uid_validity = mailbox.uid_validity.ok_or_else(|| SyncError::Folder {
        folder: folder.to_owned(),
        reason: "the server gives no UIDVALIDITY".into(),
    })?;
    Ok(FolderView {
        uid_validity,
        exists: mailbox.exists,
    })
}

/// The UIDs above `after`, ascending.
pub fn new_uids(session: &mut Session, folder: &str, after: u32) -> Result<Vec<u32>, SyncError> {
    let query = format!("UID {}:*", after.saturating_add(1));
    let mut uids: Vec<u32> = session
        .uid_search(query)
        .map_err(|e| folder_error(folder, &e))?
        .into_iter()
        // `n:*` always includes the highest UID, even below n.
        .filter(|uid| *uid > after)
        .collect();
    uids.sort_unstable();
    Ok(uids)
}

/// Fetches `uids` with `BODY.PEEK[]`, which leaves `\Seen` alone; one
/// too big is reported instead of downloaded.
pub fn fetch_uids(
    session: &mut Session,
    folder: &str,
    uids: &[u32],
) -> Result<Vec<FetchedMessage>, SyncError> {
    if uids.is_empty() {
        return Ok(Vec::new());
    }
    let set = uid_set(uids);
    let sizes = session
        .uid_fetch(&set, "(UID RFC822.SIZE)")
        .map_err(|e| folder_error(folder, &e))?;
    let mut small = Vec::new();
    let mut out = Vec::new();
    for fetch in sizes.iter() {
        let Some(uid) = fetch.uid else { continue };
        match fetch.size {
            Some(size) if size > MAX_MESSAGE_BYTES => out.push(FetchedMessage {
                uid,
                raw: Err(format!(
                    "{} MB, too big to be a reply",
                    size / (1024 * 1024)
                )),
            }),
            _ => small.push(uid),
        }
    }
    if !small.is_empty() {
        let bodies = session
            .uid_fetch(uid_set(&small), "(UID BODY.PEEK[])")
            .map_err(|e| folder_error(folder, &e))?;
        for fetch in bodies.iter() {
            let Some(uid) = fetch.uid else { continue };
            let raw = fetch
                .body()
                .map(<[u8]>::to_vec)
                .ok_or_else(|| "the server sent no body".to_owned());
            out.push(FetchedMessage { uid, raw });
        }
    }
    out.sort_by_key(|m| m.uid);
    Ok(out)
}

/// `1:3,7,9:10` for sorted UIDs.
fn uid_set(uids: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < uids.len() {
        let start = uids[i];
        let mut end = start;
        while i + 1 < uids.len() && uids[i + 1] == end + 1 {
            i += 1;
            end = uids[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}:{end}")
        });
        i += 1;
    }
    parts.join(",")
}

#[cfg(test)]
mod tests {
    #[test]
    fn uid_sets_join_runs() {
        assert_eq!(super::uid_set(&[1, 2, 3, 7, 9, 10]), "1:3,7,9:10");
        assert_eq!(super::uid_set(&[5]), "5");
    }
}
