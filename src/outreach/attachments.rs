//! Whether the files a draft attaches are there, so a wrong path is named
//! when it is composed, typed or saved in the profile, not first when a
//! send fails.

use super::send::expand_home;
use crate::domain::attached_file::{CheckedFile, Found};
use crate::paths::{ReadError, regular_file_size};

/// What is at each path (as typed, `~/` allowed): a file and its size, or
/// why it will not attach. For the profile's save, which reports sizes.
pub fn check(paths: &[String]) -> Vec<CheckedFile> {
    paths
        .iter()
        .map(|p| CheckedFile {
            path: p.clone(),
            found: match regular_file_size(&expand_home(p.trim())) {
                Ok(bytes) => Found::File { bytes },
                Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Found::Missing,
                Err(ReadError::Io(e)) => Found::Unreadable(e.kind().to_string()),
                Err(ReadError::NotAFile(what)) => Found::NotAFile(what.to_string()),
                Err(ReadError::TooLarge(bytes)) => Found::File { bytes },
            },
        })
        .collect()
}

/// The paths (as typed, `~/` allowed) that are not readable files.
pub fn missing(paths: &[String]) -> Vec<String> {
    paths
        .iter()
        .filter(|p| !expand_home(p.trim()).is_file())
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Draft, Profile};
    use crate::mail::Sender;
    use crate::outreach::outgoing_for;

    #[test]
    fn check_gives_sizes_and_names_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let cv = dir.path().join("cv.pdf");
        std::fs::write(&cv, vec![b'%'; 2048]).unwrap();
        let paths = [
            cv.display().to_string(),
            dir.path().join("gone.pdf").display().to_string(),
            dir.path().display().to_string(),
        ];
        let found: Vec<Found> = check(&paths).into_iter().map(|c| c.found).collect();
        assert_eq!(
            found,
            [
                Found::File { bytes: 2048 },
                Found::Missing,
                Found::NotAFile("a directory".into())
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn check_names_a_file_that_will_not_open() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let cv = dir.path().join("cv.pdf");
        std::fs::write(&cv, b"%PDF").unwrap();
        std::fs::set_permissions(&cv, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root opens it anyway; the check then rightly finds a file.
        if std::fs::File::open(&cv).is_ok() {
            return;
        }
        let found = check(&[cv.display().to_string()]).remove(0).found;
        assert!(matches!(found, Found::Unreadable(_)), "{found:?}");
    }

    #[test]
    fn missing_names_absent_files_and_folders_but_not_real_files() {
        let dir = tempfile::tempdir().unwrap();
        let cv = dir.path().join("cv.pdf");
        std::fs::write(&cv, b"%PDF").unwrap();
        let cv = cv.display().to_string();
        let gone = dir.path().join("gone.pdf").display().to_string();
        let folder = dir.path().display().to_string();
        assert_eq!(missing(&[cv, gone.clone(), folder.clone()]), [gone, folder]);
    }

    #[test]
    fn a_draft_following_the_profile_sends_the_profiles_files_at_send_time() {
        let draft = Draft {
            to: "a@example.edu".into(),
            attach_from_profile: true,
            // Ignored while the draft follows the profile.
            attachments: vec!["/old/cv.pdf".into()],
            ..Draft::default()
        };
        let fixed = Profile {
            cv_path: "/new/cv.pdf".into(),
            scores_path: "/new/usmle.pdf".into(),
            ..Profile::default()
        };
        let mail = outgoing_for(&draft, &fixed, Sender::default());
        assert_eq!(
            mail.attachments,
            [
                std::path::PathBuf::from("/new/cv.pdf"),
                std::path::PathBuf::from("/new/usmle.pdf")
            ]
        );
        let own = Draft {
            attach_from_profile: false,
            ..draft
        };
        assert_eq!(
            outgoing_for(&own, &fixed, Sender::default()).attachments,
            [std::path::PathBuf::from("/old/cv.pdf")]
        );
    }
}
