//! Ranking groups only where they show must give exactly the order that
//! ranking everything gives.

use std::cmp::Reverse;

use super::*;
use crate::domain::ProgramId;
use crate::sample_gen::generate;

fn programs(n: usize, seed: u64) -> Vec<Program> {
    generate(n, 0, seed)
        .programs
        .into_iter()
        .enumerate()
        .map(|(i, (p, _))| Program {
            id: ProgramId(i as i64 + 1),
            ..p
        })
        .collect()
}

/// The display order computed the plain way: score everything, sort by
/// group, best score, then name order.
fn reference(list: &ProgramList) -> Vec<ProgramId> {
    let mut scored: Vec<(u32, u32, usize)> = (0..list.programs.len())
        .filter(|&i| list.filters.matches(&list.programs[i]))
        .filter_map(|i| {
            let s = list.search.score(list.haystacks.get(i))?;
            Some((list.groups[i], s, i))
        })
        .collect();
    scored.sort_unstable_by_key(|&(g, s, i)| (g, Reverse(s), i));
    scored
        .into_iter()
        .map(|(_, _, i)| list.programs[i].id)
        .collect()
}

fn ids(rows: &[Row], list: &ProgramList) -> Vec<ProgramId> {
    rows.iter()
        .filter_map(|r| match r {
            Row::Program(i) => Some(list.programs[*i].id),
            Row::Header(_) => None,
        })
        .collect()
}

#[test]
fn typing_a_query_gives_the_fully_ranked_order_everywhere() {
    let mut list = ProgramList::new(programs(3_000, 11), UsState::parse("NY"));
    for query in [
        "i", "in", "int", "intm", "intme", "intmed", "in", "ped", "xq",
    ] {
        list.set_filter(query);
        let expected = reference(&list);
        assert_eq!(list.matched_len(), expected.len(), "{query}");
        // Every screenful, as drawn, is in final order…
        let all_rows = list.rows().len();
        let mut drawn = Vec::new();
        for offset in (0..all_rows).step_by(30) {
            drawn.extend(list.view(offset, 30));
        }
        assert_eq!(ids(&drawn, &list), expected, "{query}: drawn");
        // …and so is the list once everything is ranked.
        let listed: Vec<ProgramId> = list.matched().map(|p| p.id).collect();
        assert_eq!(listed, expected, "{query}: matched");
        assert_eq!(ids(list.rows(), &list), expected, "{query}: rows");
    }
    list.set_filter("int");
    let expected = reference(&list);
    let taken: Vec<ProgramId> = list.into_matched().iter().map(|p| p.id).collect();
    assert_eq!(taken, expected, "into_matched");
}

#[test]
fn the_selection_lands_on_the_best_match_and_stays_on_its_program() {
    let mut list = ProgramList::new(programs(2_000, 12), None);
    let before = list.selected_program().map(|p| p.id).unwrap();
    list.set_filter("pedi");
    let expected = reference(&list);
    let stays = expected.contains(&before);
    let want = if stays { before } else { expected[0] };
    assert_eq!(list.selected_program().map(|p| p.id), Some(want));
    list.set_filter("qqq");
    assert_eq!(list.matched_len(), 0);
    list.set_filter("pedi");
    assert_eq!(
        list.selected_program().map(|p| p.id),
        Some(reference(&list)[0]),
        "with nothing kept, the best match of the first group"
    );
    list.select_last();
    let last = list.selected_program().map(|p| p.id);
    assert_eq!(last, reference(&list).last().copied());
    list.set_filter("pedia");
    if reference(&list).contains(&last.unwrap()) {
        assert_eq!(list.selected_program().map(|p| p.id), last);
    }
    list.select_first();
    list.move_by(list.rows().len() as isize / 2);
    while list.selected_program().is_none() {
        list.move_by(1);
    }
    let id = list.selected_program().map(|p| p.id).unwrap();
    list.select_first();
    list.select_program(id);
    assert_eq!(list.selected_program().map(|p| p.id), Some(id));
}

#[test]
fn folded_groups_keep_counts_and_unfold_in_ranked_order() {
    let mut list = ProgramList::new(programs(1_500, 13), None);
    list.set_filter("med");
    let expected = reference(&list);
    list.toggle_all();
    assert!(list.rows().iter().all(|r| matches!(r, Row::Header(_))));
    let counted: usize = list
        .rows()
        .iter()
        .map(|r| match r {
            Row::Header(s) => list.counts(*s).programs,
            Row::Program(_) => 0,
        })
        .sum();
    assert_eq!(counted, expected.len());
    list.toggle_all();
    assert_eq!(ids(&list.view(0, usize::MAX), &list), expected);
}

#[test]
fn state_count_counts_distinct_states() {
    let list = ProgramList::new(programs(500, 14), None);
    let mut states: Vec<UsState> = list.programs().iter().map(|p| p.state).collect();
    states.sort_unstable();
    states.dedup();
    assert_eq!(list.state_count(), states.len());
    assert_eq!(ProgramList::default().state_count(), 0);
}

/// The display order with fit, computed the plain way: filters (fit ones
/// too) first, then score everything and sort by group, then (sorting by
/// fit) fit, best score, then (sorting by fit) higher IMG % (unknown
/// last), then name order.
fn reference_by_fit(list: &ProgramList) -> Vec<ProgramId> {
    use crate::domain::fit::fit_rank;
    let mut keyed: Vec<_> = (0..list.programs.len())
        .filter(|&i| {
            let (verdict, mine) = (list.verdict(i), list.fit.is_mine(i));
            list.filters.matches(&list.programs[i]) && list.filters.matches_fit(verdict, mine)
        })
        .filter_map(|i| {
            let s = list.search.score(list.haystacks.get(i))?;
            let (fit, img) = if list.sorted_by_fit() {
                (fit_rank(list.verdict(i)), list.programs[i].img_percent)
            } else {
                (0, None)
            };
            Some((list.groups[i], fit, Reverse(s), Reverse(img), i))
        })
        .collect();
    keyed.sort_unstable();
    keyed
        .into_iter()
        .map(|(.., i)| list.programs[i].id)
        .collect()
}

#[test]
fn sorting_by_fit_ranks_lazily_in_the_same_order_as_ranking_everything() {
    use crate::app::fixtures_fit::applicant;
    use crate::domain::fit::Verdict;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let mut list = ProgramList::for_profile(programs(3_000, 15), &applicant(), today);
    list.set_sort_by_fit(true);
    let kinds: HashSet<Verdict> = list.verdicts().iter().copied().collect();
    assert!(kinds.len() >= 2, "the data must give mixed verdicts");
    let check = |list: &mut ProgramList, what: &str| {
        let expected = reference_by_fit(list);
        assert_eq!(list.matched_len(), expected.len(), "{what}");
        assert_eq!(list.matched_ids(), expected, "{what}: matched_ids");
        let mut drawn = Vec::new();
        for offset in (0..list.rows().len()).step_by(30) {
            drawn.extend(list.view(offset, 30));
        }
        assert_eq!(ids(&drawn, list), expected, "{what}: drawn");
        let listed: Vec<ProgramId> = list.matched().map(|p| p.id).collect();
        assert_eq!(listed, expected, "{what}: matched");
        assert_eq!(ids(list.rows(), list), expected, "{what}: rows");
    };
    for query in ["", "i", "in", "int", "intm", "in", "ped", ""] {
        list.set_filter(query);
        check(&mut list, query);
    }
    list.set_filter("med");
    list.set_filters(Filters {
        fit: Some(Verdict::Fits),
        ..Filters::default()
    });
    check(&mut list, "med, fits only");
    list.set_sort_by_fit(false);
    check(&mut list, "med, fits only, by name");
}
