//! Whether the files a draft attaches are there, so a wrong path is named
//! when it is composed, typed or saved in the profile, not first when a
//! send fails.

use super::send::expand_home;

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
