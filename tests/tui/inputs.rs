//! Every input answers (issue 15): keys do nothing unseen behind the
//! "Terminal too small" screen, Ctrl-C always quits, pre-filled prompts
//! replace, and Esc on a new record's form discards it. Driven through the
//! keymap in process (`support::driver`).
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::driver::Driver;
use usce::app::Popup;

#[test]
fn keys_behind_the_too_small_screen_do_nothing_but_quit() {
    let mut d = Driver::new();
    let programs = d.store().count_programs().unwrap();
    let selected = d.state().list.selected_index();
    d.resize(30, 10);
    assert!(d.screen(30, 10).contains("Terminal too small"));
    // At 30×10 these once deleted a program unseen and moved the cursor.
    d.keys("dyj");
    assert_eq!(d.store().count_programs().unwrap(), programs);
    assert_eq!(d.state().list.selected_index(), selected);
    assert!(d.state().popup.is_none(), "{:?}", d.state().popup);
    // Back at a size the app fits, the same keys act again.
    d.resize(40, 12);
    d.keys("d");
    assert!(matches!(d.state().popup, Some(Popup::Confirm { .. })));
    d.keys("n");
    // Too small with a prompt open: q quits, as the screen says, rather
    // than typing into the prompt no one can see.
    d.keys("/");
    d.resize(39, 30);
    d.keys("q");
    assert!(d.state().quitting);
}
