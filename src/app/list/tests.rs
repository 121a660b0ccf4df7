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
            let s = list.search.score(&list.haystacks[i])?;
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
