//! Reducer scenarios for fit: badges that follow the profile, sorting and
//! filtering by fit, and the states overview (`T`).

use super::command::Command;
use super::effect::Effect;
use super::event::Event;
use super::filters::FilterField;
use super::fixtures_fit::{applicant, at, day, state, with_profile};
use super::list::Row;
use super::msg::Msg;
use super::msg::UserInput;
use super::update::update;
use super::{AppState, Pane, Popup};
use crate::domain::fit::Verdict;
use crate::domain::{Profile, ProgramId, Tri, UsState};

fn us(code: &str) -> UsState {
    UsState::parse(code).unwrap()
}

fn verdict_of(state: &AppState, id: i64) -> Verdict {
    let list = &state.list;
    let i = list
        .programs()
        .iter()
        .position(|p| p.id == ProgramId(id))
        .unwrap();
    list.verdict(i)
}

fn verdicts(state: &AppState) -> Vec<Verdict> {
    (1..=7).map(|id| verdict_of(state, id)).collect()
}

/// The program names of one state's group, in display order.
fn names_in(state: &AppState, code: &str) -> Vec<String> {
    let list = &state.list;
    list.rows()
        .iter()
        .filter_map(|r| match r {
            Row::Program(i) if list.program(*i).state == us(code) => {
                Some(list.program(*i).name.clone())
            }
            _ => None,
        })
        .collect()
}

fn set_filter(state: &mut AppState, field: FilterField, steps: usize) {
    update(state, Command::FilterBar);
    let at = FilterField::ALL.iter().position(|f| *f == field).unwrap();
    for _ in 0..at {
        update(state, Command::Down);
    }
    for _ in 0..steps {
        update(state, Command::NextValue);
    }
    update(state, Command::Cancel);
}

#[test]
fn badges_follow_the_profile_and_the_programs() {
    use Verdict::{Check, Fits, NotFit};
    let mut state = state();
    // No profile yet: nothing is known about the applicant, so only a
    // program that refuses IMGs fails.
    assert_eq!(
        verdicts(&state),
        [Check, Check, Check, Check, Check, NotFit, Check]
    );

    update(&mut state, Event::ProfileSaved(Box::new(applicant())));
    assert_eq!(
        verdicts(&state),
        [Check, NotFit, Fits, Fits, Check, NotFit, Fits]
    );

    // A better Step 2 CK score clears Ohio Valley's minimum.
    let better = Profile {
        step2_score: Some(250),
        ..applicant()
    };
    update(&mut state, Event::ProfileSaved(Box::new(better)));
    assert_eq!(verdict_of(&state, 2), Fits);

    // A program's own change re-checks it.
    let mut bluegrass = state
        .list
        .programs()
        .iter()
        .find(|p| p.id == ProgramId(1))
        .cloned()
        .unwrap();
    bluegrass.requirements.takes_graduates = Tri::No;
    update(&mut state, Event::ProgramSaved(Box::new(bluegrass)));
    assert_eq!(verdict_of(&state, 1), NotFit);
}

#[test]
fn a_new_year_rechecks_years_since_graduation() {
    let mut state = with_profile();
    assert_eq!(verdict_of(&state, 7), Verdict::Fits);
    // 2028 − 2022 = 6 years, over Cumberland's limit of 5.
    // The runtime moves both on; fit reads the date.
    state.now = at("2028-01-02");
    state.today = day("2028-01-02");
    update(&mut state, Command::Down);
    assert_eq!(verdict_of(&state, 7), Verdict::NotFit);
}

#[test]
fn nothing_hides_programs_that_do_not_fit_until_the_user_filters() {
    let mut state = with_profile();
    assert_eq!(state.list.matched_len(), 7);
    update(&mut state, Command::SortByFit);
    assert_eq!(state.list.matched_len(), 7);
    assert_eq!(state.list.rows().len(), 7 + 3);
}

#[test]
fn sort_by_fit_orders_each_state_by_fit_then_img_share_then_name() {
    let mut state = with_profile();
    assert_eq!(
        names_in(&state, "KY"),
        [
            "Bluegrass Regional Internal Medicine",
            "Cumberland Rural Health Internal Medicine",
            "Ohio Valley Family Medicine",
        ]
    );
    update(&mut state, Command::SortByFit);
    assert!(state.list.sorted_by_fit());
    // Fits first, the higher IMG share first among them; not a fit last.
    assert_eq!(
        names_in(&state, "OH"),
        [
            "Lakeshore Pediatrics",
            "Buckeye Community Psychiatry",
            "東京 Friendship Clinic Family Medicine",
        ]
    );
    assert_eq!(
        names_in(&state, "KY"),
        [
            "Cumberland Rural Health Internal Medicine",
            "Bluegrass Regional Internal Medicine",
            "Ohio Valley Family Medicine",
        ]
    );
    // States keep their order: home first.
    assert_eq!(state.list.rows()[0], Row::Header(us("OH")));

    // The order follows a profile change: Ohio Valley now fits, and ties
    // with Cumberland (no IMG % on either), so the name decides.
    let better = Profile {
        step2_score: Some(250),
        ..applicant()
    };
    update(&mut state, Event::ProfileSaved(Box::new(better)));
    assert_eq!(
        names_in(&state, "KY"),
        [
            "Cumberland Rural Health Internal Medicine",
            "Ohio Valley Family Medicine",
            "Bluegrass Regional Internal Medicine",
        ]
    );

    // A search keeps fit first within the state.
    update(&mut state, Command::Filter);
    for c in "medicine".chars() {
        update(
            &mut state,
            UserInput::InputKey(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Char(c),
            )),
        );
    }
    assert_eq!(
        names_in(&state, "KY")[2],
        "Bluegrass Regional Internal Medicine"
    );
    update(&mut state, Command::Cancel);

    update(&mut state, Command::SortByFit);
    assert!(!state.list.sorted_by_fit());
    assert_eq!(names_in(&state, "OH")[0], "Buckeye Community Psychiatry");
}

#[test]
fn fit_filter_steps_through_fits_check_and_not_a_fit() {
    let mut state = with_profile();
    set_filter(&mut state, FilterField::Fit, 1);
    assert_eq!(state.list.filters().fit, Some(Verdict::Fits));
    assert_eq!(state.list.matched_len(), 3);
    set_filter(&mut state, FilterField::Fit, 1);
    assert_eq!(state.list.matched_len(), 2, "check: Bluegrass and Ceiba");
    set_filter(&mut state, FilterField::Fit, 1);
    assert_eq!(state.list.filters().fit, Some(Verdict::NotFit));
    assert_eq!(state.list.matched_len(), 2);
    set_filter(&mut state, FilterField::Fit, 1);
    assert_eq!(state.list.filters().fit, None);
    assert_eq!(state.list.matched_len(), 7);
}

#[test]
fn my_specialties_filter_keeps_the_target_and_related_ones() {
    let mut state = with_profile();
    set_filter(&mut state, FilterField::MySpecialties, 1);
    assert!(state.list.filters().my_specialties);
    // Internal and family medicine: all but pediatrics and psychiatry.
    assert_eq!(state.list.matched_len(), 5);
    set_filter(&mut state, FilterField::Fit, 1);
    assert_eq!(state.list.matched_len(), 1, "only Cumberland fits too");
    assert_eq!(
        state.list.filters().describe(),
        "fit: fits · my specialties"
    );
    // Esc in the list clears them both.
    update(&mut state, Command::Cancel);
    assert_eq!(state.list.matched_len(), 7);
}

#[test]
fn structured_filters_work_without_a_profile() {
    let mut state = state();
    set_filter(&mut state, FilterField::MySpecialties, 1);
    assert_eq!(
        state.list.matched_len(),
        7,
        "no target: nothing is elsewhere"
    );
    set_filter(&mut state, FilterField::State, 2);
    assert_eq!(state.list.filters().state, Some(us("OH")));
    assert_eq!(state.list.matched_len(), 3);
    set_filter(&mut state, FilterField::Fit, 3);
    assert_eq!(state.list.matched_len(), 1, "東京 takes no IMGs");
}

#[test]
fn states_overview_marks_done_folds_the_state_and_suggests_neighbours() {
    let mut state = with_profile();
    update(&mut state, Command::StatesOverview);
    let Some(Popup::States {
        selected,
        rows,
        next,
    }) = &state.popup
    else {
        panic!("the states overview is open: {:?}", state.popup);
    };
    let order: Vec<&str> = rows.iter().map(|r| r.state.code()).collect();
    assert_eq!(order, ["OH", "KY", "PR"], "home first");
    assert_eq!((rows[0].listed, rows[0].fits, rows[0].contacted), (3, 2, 1));
    assert_eq!(*selected, 0, "starts on the list's state");
    assert_eq!(next[0], us("OH"), "home comes first until done");

    let effects = update(&mut state, Command::ToggleStateDone);
    assert_eq!(effects, [Effect::SetStateDone(us("OH"), true)]);
    assert!(
        state.states_done.is_empty(),
        "marked once the store saved it"
    );

    update(&mut state, Event::StateDoneSaved(us("OH"), true));
    assert_eq!(state.states_done, [us("OH")]);
    assert!(state.list.is_collapsed(us("OH")));
    let Some(Popup::States { next, .. }) = &state.popup else {
        panic!("the overview stays open");
    };
    // Neighbours of OH, KY first (a program fits there), then PR (listed).
    let codes: Vec<&str> = next.iter().map(|s| s.code()).collect();
    assert_eq!(codes, ["KY", "IN", "MI", "PA", "WV", "PR"]);
    let message = &state.status.as_ref().unwrap().text;
    assert_eq!(message, "Ohio done. Next: KY, IN, MI, PA, WV, …");

    // x again takes the mark off and unfolds the state.
    let effects = update(&mut state, Command::ToggleStateDone);
    assert_eq!(effects, [Effect::SetStateDone(us("OH"), false)]);
    update(&mut state, Event::StateDoneSaved(us("OH"), false));
    assert!(state.states_done.is_empty());
    assert!(!state.list.is_collapsed(us("OH")));
    assert!(matches!(&state.popup, Some(Popup::States { next, .. }) if next[0] == us("OH")));
}

#[test]
fn enter_in_the_overview_shows_that_state_unfolded_in_the_list() {
    let mut state = with_profile();
    update(&mut state, Event::StateDoneSaved(us("KY"), true));
    assert!(state.list.is_collapsed(us("KY")));
    state.focus = Pane::Log;
    update(&mut state, Command::StatesOverview);
    update(&mut state, Command::Down);
    update(&mut state, Command::GoToState);
    assert_eq!(state.popup, None);
    assert_eq!(state.focus, Pane::Programs);
    assert_eq!(state.list.selected_row(), Some(Row::Header(us("KY"))));
    assert!(!state.list.is_collapsed(us("KY")));

    // Esc closes it without moving anything.
    update(&mut state, Command::StatesOverview);
    update(&mut state, Command::Down);
    update(&mut state, Command::Cancel);
    assert_eq!(state.popup, None);
    assert_eq!(state.list.selected_row(), Some(Row::Header(us("KY"))));
}

#[test]
fn going_to_a_state_with_nothing_to_show_says_why() {
    let mut state = with_profile();
    let texan = Profile {
        home_state: Some(us("TX")),
        ..applicant()
    };
    update(&mut state, Event::ProfileSaved(Box::new(texan)));
    update(&mut state, Command::StatesOverview);
    update(&mut state, Command::Top);
    update(&mut state, Command::GoToState);
    let message = &state.status.as_ref().unwrap().text;
    assert!(
        message.starts_with("No programs listed in Texas yet"),
        "{message}"
    );

    set_filter(&mut state, FilterField::Fit, 1);
    update(&mut state, Command::StatesOverview);
    update(&mut state, Command::Bottom);
    update(&mut state, Command::GoToState);
    let message = &state.status.as_ref().unwrap().text;
    assert!(
        message.contains("hidden by the search or filters"),
        "{message}"
    );
}

#[test]
fn keys_reach_the_overview_and_the_sort() {
    use super::keymap::KeyContext;
    use crossterm::event::{KeyCode, KeyEvent};
    let state = with_profile();
    let key = |c| KeyEvent::from(KeyCode::Char(c));
    let km = &state.keymap;
    assert_eq!(
        km.resolve(&key('T'), KeyContext::Programs),
        Some(Command::StatesOverview.into())
    );
    assert_eq!(
        km.resolve(&key('T'), KeyContext::Draft),
        Some(Command::StatesOverview.into())
    );
    assert_eq!(
        km.resolve(&key('o'), KeyContext::Programs),
        Some(Command::SortByFit.into())
    );
    let mut state = state;
    update(&mut state, Command::StatesOverview);
    assert_eq!(state.key_context(), KeyContext::States);
    for (c, action) in [
        ('x', Command::ToggleStateDone),
        (' ', Command::ToggleStateDone),
        ('j', Command::Down),
        ('T', Command::Cancel),
    ] {
        assert_eq!(km_resolve(&state, key(c)), Some(action.into()));
    }
    assert_eq!(
        km_resolve(&state, KeyEvent::from(KeyCode::Enter)),
        Some(Command::GoToState.into())
    );
}

fn km_resolve(state: &AppState, key: crossterm::event::KeyEvent) -> Option<Msg> {
    state.keymap.resolve(&key, state.key_context())
}
