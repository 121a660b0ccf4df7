//! Errors name what failed, why, and what to do (issue 15 item 13), and
//! the reason is on screen, not cut off at the edge: `w` and `m` with an
//! opener that is not installed.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::driver::Driver;
use usce::config::Config;

/// A `browser` setting naming a program that does not exist, as a
/// machine without xdg-utils has no `xdg-open`.
fn missing_browser() -> Driver {
    let config = Config {
        browser: Some("/nonexistent/usce-browser".into()),
        ..Config::default()
    };
    Driver::with(|_| {}, config)
}

#[test]
fn w_with_a_missing_opener_names_it_and_says_what_to_do_on_screen() {
    let mut d = missing_browser();
    d.keys("jw");
    let status = d.status();
    assert!(
        status.starts_with(
            "Website not opened: /nonexistent/usce-browser not found (the `browser` setting"
        ),
        "{status}"
    );
    assert!(
        status.contains("install it, or change or remove the setting"),
        "{status}"
    );
    assert!(!status.contains("os error"), "{status}");
    // At 80 columns the remedy wraps onto the footer's second line.
    let screen = d.screen(80, 24);
    let footer: String = screen.lines().skip(22).collect::<Vec<_>>().join(" ");
    assert!(footer.contains("install it"), "{screen}");
}

#[test]
fn m_with_a_missing_opener_shows_the_reason_before_the_long_link() {
    let mut d = missing_browser();
    d.keys("j<Tab><Tab><Enter>Dear coordinator, may I visit in March?<Esc>m");
    let status = d.status();
    assert!(
        status.starts_with("Mail app not opened: /nonexistent/usce-browser not found"),
        "{status}"
    );
    let screen = d.screen(80, 24);
    let footer: String = screen.lines().skip(22).collect::<Vec<_>>().join(" ");
    assert!(footer.contains("not found"), "{screen}");
    assert!(footer.contains("install it"), "{screen}");
}
