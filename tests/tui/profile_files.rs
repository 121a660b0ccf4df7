//! Saving the profile's CV and score-report paths looks at the files
//! (issue 15, item 7): the size when all is well, a warning above the
//! attachment limit, and what is wrong otherwise. The look is the
//! runtime's (an effect and its event), driven here through the keymap.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::driver::Driver;
use usce::domain::record_fields::ProfileField;

/// Types `path` into the profile's CV field and saves it (the form stays open).
fn set_cv(d: &mut Driver, path: &str) {
    let row = ProfileField::ALL
        .iter()
        .position(|f| *f == ProfileField::CvPath)
        .unwrap();
    d.keys(&format!(
        "<Esc>P{}<Enter><C-u>{path}<Enter>",
        "j".repeat(row)
    ));
}

fn is_error(d: &Driver) -> bool {
    d.state().status.as_ref().is_some_and(|s| s.is_error)
}

#[test]
fn a_saved_cv_path_reports_the_files_size() {
    let mut d = Driver::new();
    let cv = d.dir().join("cv.pdf");
    std::fs::write(&cv, vec![b'%'; 412 * 1024]).unwrap();
    set_cv(&mut d, &cv.display().to_string());
    assert_eq!(d.state().profile.cv_path, cv.display().to_string());
    assert_eq!(d.status(), "Saved. Attached to emails: cv.pdf · 412 KB.");
    assert!(!is_error(&d));
}

#[test]
fn a_cv_above_the_attachment_limit_is_saved_with_a_warning() {
    let mut d = Driver::new();
    let cv = d.dir().join("big cv.pdf");
    let file = std::fs::File::create(&cv).unwrap();
    file.set_len(usce::mail::message::MAX_ATTACHMENT_BYTES + 1024 * 1024)
        .unwrap();
    // Pasted from a file manager: quoted.
    set_cv(&mut d, &format!("'{}'", cv.display()));
    assert_eq!(d.state().profile.cv_path, cv.display().to_string(), "saved");
    assert!(
        d.status()
            .contains("big cv.pdf is 16.0 MB, above the 15.0 MB attachment limit"),
        "{}",
        d.status()
    );
    assert!(is_error(&d));
}

#[test]
fn a_missing_cv_or_a_folder_is_named() {
    let mut d = Driver::new();
    let gone = d.dir().join("gone.pdf").display().to_string();
    set_cv(&mut d, &gone);
    assert!(
        d.status().contains(&format!("no file is there: {gone}")),
        "{}",
        d.status()
    );
    let folder = d.dir().display().to_string();
    set_cv(&mut d, &folder);
    assert!(
        d.status().contains("is a directory, not a file"),
        "{}",
        d.status()
    );
    assert!(is_error(&d));
}
