//! `cargo bench`: usce at national scale — 15,000 programs and 100,000
//! contact-log entries — on the paths a user waits for. Targets and the
//! latest figures are in README.md ("Performance").
//!
//! Filter one group with `cargo bench -- filter` (divan's name filter).

// A benchmark reports on the terminal; there is no screen to protect.
#![allow(clippy::print_stdout, clippy::print_stderr)]
#![allow(clippy::unwrap_used, clippy::panic)]

mod fixture;

use divan::{Bencher, black_box};
use usce::app::command::Command;
use usce::app::effect::Effect;
use usce::app::list::ProgramList;
use usce::import::file::import;
use usce::runtime::{Headless, perform_effect};
use usce::store::Store;

fn main() {
    // Build the shared data before any timing starts.
    fixture::csv_path();
    fixture::contacts_csv_path();
    fixture::db_path();
    if std::env::var_os("USCE_BENCH_PERCENTILES").is_some() {
        keystroke_percentiles();
    }
    divan::main();
}

const QUERY_PREFIXES: [&str; 6] = ["i", "in", "int", "intm", "intme", "intmed"];

/// divan reports fastest, median, mean and slowest; the keystroke target
/// is a 99th percentile, so this times each prefix of "intmed" 1,000 times
/// (the list is put back to the previous prefix, untimed, between runs)
/// and prints p50, p99 and max. Run with USCE_BENCH_PERCENTILES=1.
fn keystroke_percentiles() {
    const RUNS: usize = 1000;
    let programs: Vec<_> = fixture::data()
        .programs
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    let mut list = ProgramList::new(programs, None);
    eprintln!(
        "keystroke latency over {} programs, {RUNS} runs per prefix:",
        fixture::PROGRAMS
    );
    for prefix in QUERY_PREFIXES {
        let before = &prefix[..prefix.len() - 1];
        let mut times: Vec<std::time::Duration> = (0..RUNS)
            .map(|_| {
                list.set_filter(before);
                let start = std::time::Instant::now();
                list.set_filter(black_box(prefix));
                start.elapsed()
            })
            .collect();
        times.sort_unstable();
        let at = |q: f64| times[((RUNS as f64 * q) as usize).min(RUNS - 1)];
        eprintln!(
            "  {prefix:<7} p50 {:>9.1?}  p99 {:>9.1?}  max {:>9.1?}",
            at(0.50),
            at(0.99),
            times[RUNS - 1]
        );
    }
}

/// What `usce import FILE` does into a new database: open (schema), then
/// read, validate and plan on one thread while the other writes, in one
/// transaction; close, leaving the log's copy into the file to the next
/// usce (`store/checkpoint.rs`). With `checkpoint`, that copy is made
/// before the close, as the next usce would: the whole cost.
fn import_into_new_database(csv: &std::path::Path, checkpoint: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("import.db")).unwrap();
    store.leave_checkpoints_to_next_usce().unwrap();
    let imported = import(&mut store, csv, false).unwrap();
    assert_eq!(imported.summary.added, fixture::PROGRAMS);
    if checkpoint {
        let done = store.checkpoint().unwrap();
        assert_eq!(done.copied, done.logged);
    }
    drop(store);
    dir
}

/// `usce import FILE` of the generated national list.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn import_csv_15k(bencher: Bencher) {
    let csv = fixture::csv_path();
    bencher.bench(|| import_into_new_database(csv, false));
}

/// `usce import FILE` of a scrape-shaped list with contact columns: every
/// row has a main phone, two coordinators and a program director, so the
/// import writes 15,000 programs and 45,000 people (issue 16, item 8).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn import_contacts_15k(bencher: Bencher) {
    let csv = fixture::contacts_csv_path();
    bencher.bench(|| import_into_new_database(csv, false));
}

/// `import_contacts_15k` and the checkpoint the next usce makes: copying
/// the 9.5 MB of pages from the log into the file, with its two fsyncs.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn import_contacts_15k_and_checkpoint(bencher: Bencher) {
    let csv = fixture::contacts_csv_path();
    bencher.bench(|| import_into_new_database(csv, true));
}

/// The reading half of `import_contacts_15k` alone: parse and check every
/// cell of the scrape-shaped list (no planning, no database), which runs
/// on the second core beside the writer.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn parse_contacts_15k(bencher: Bencher) {
    let bytes = std::fs::read(fixture::contacts_csv_path()).unwrap();
    bencher.bench_local(|| {
        let parsed = usce::import::parse_csv(&bytes);
        assert_eq!(parsed.rows.len(), fixture::PROGRAMS);
        parsed
    });
}

/// From launch to the first frame: open the store, read the config and
/// templates, load every program, build the list with its fit badges, fold
/// the done states, draw (as `runtime::run` does before anything else).
#[divan::bench(sample_count = 30, sample_size = 1)]
fn startup_to_first_frame(bencher: Bencher) {
    fixture::db_path();
    bencher.bench_local(|| {
        let (services, state) = fixture::before_first_frame();
        let mut terminal = fixture::terminal(120, 36);
        fixture::draw(&mut terminal, &state);
        (services, state, terminal)
    });
}

/// What runs right after the first frame: the selected program's log and
/// draft, the due list and every program's next step, then a redraw.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn startup_loads_after_first_frame(bencher: Bencher) {
    fixture::db_path();
    bencher.bench_local(|| {
        let (services, state) = fixture::started();
        let mut terminal = fixture::terminal(120, 36);
        fixture::draw(&mut terminal, &state);
        (services, state, terminal)
    });
}

/// One keystroke of "intmed" typed into `/`: each prefix is measured
/// with the list already filtered by the prefix before it, as in the app.
/// 200 samples, so "slowest" bounds the 99th percentile.
#[divan::bench(
    args = QUERY_PREFIXES,
    sample_count = 200,
    sample_size = 1
)]
fn filter_keystroke(bencher: Bencher, prefix: &str) {
    let programs: Vec<_> = fixture::data()
        .programs
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    let before = &prefix[..prefix.len() - 1];
    bencher
        .with_inputs(|| {
            let mut list = ProgramList::new(programs.clone(), None);
            list.set_filter(before);
            list
        })
        .bench_local_refs(|list| list.set_filter(prefix));
}

/// What fzf --filter computes, in process: a fresh search over the whole
/// list with every match scored and put in order.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn search_whole_list(bencher: Bencher) {
    let programs: Vec<_> = fixture::data()
        .programs
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    bencher
        .with_inputs(|| ProgramList::new(programs.clone(), None))
        .bench_local_values(|mut list| {
            list.set_filter("intmed");
            let ranked = list.matched().count();
            (list, ranked)
        });
}

/// Clearing the search again (Esc) after "intmed".
#[divan::bench(sample_count = 50, sample_size = 1)]
fn filter_clear(bencher: Bencher) {
    let programs: Vec<_> = fixture::data()
        .programs
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    bencher
        .with_inputs(|| {
            let mut list = ProgramList::new(programs.clone(), None);
            list.set_filter("intmed");
            list
        })
        .bench_local_refs(|list| list.set_filter(""));
}

/// One full frame of the three panes, after start-up.
#[divan::bench(args = ["120x36", "200x60"])]
fn render_frame(bencher: Bencher, size: &str) {
    let (w, h) = size.split_once('x').unwrap();
    let (_services, state) = fixture::started();
    let mut terminal = fixture::terminal(w.parse().unwrap(), h.parse().unwrap());
    bencher.bench_local(|| fixture::draw(&mut terminal, black_box(&state)));
}

/// A frame while a search is active (matched characters highlighted).
#[divan::bench]
fn render_frame_filtered(bencher: Bencher) {
    let (_services, mut state) = fixture::started();
    state.list.set_filter("intmed");
    let mut terminal = fixture::terminal(120, 36);
    bencher.bench_local(|| fixture::draw(&mut terminal, black_box(&state)));
}

/// `j` in the program list: move down one row, load that program's
/// contacts, log and draft from the store (100,000 entries in all), draw.
#[divan::bench(sample_count = 200)]
fn move_and_load(bencher: Bencher) {
    let (mut services, mut state) = fixture::started();
    let mut terminal = fixture::terminal(120, 36);
    bencher.bench_local(|| {
        if state.list.selected_index() + 1 >= state.list.rows().len() {
            fixture::dispatch(&mut services, &mut state, Command::Top);
        }
        fixture::dispatch(&mut services, &mut state, Command::Down);
        fixture::draw(&mut terminal, &state);
    });
}

/// Loading the program with the longest log (the store calls alone).
#[divan::bench(sample_count = 200)]
fn load_busiest_program(bencher: Bencher) {
    let (mut services, state) = fixture::started();
    let data = fixture::data();
    let mut per_program = vec![0usize; data.programs.len()];
    for i in &data.interactions {
        per_program[i.program] += 1;
    }
    let busiest = (0..per_program.len())
        .max_by_key(|&i| per_program[i])
        .unwrap();
    let name = &data.programs[busiest].0.name;
    let id = state
        .list
        .programs()
        .iter()
        .find(|p| &p.name == name && p.external_id == data.programs[busiest].0.external_id)
        .unwrap()
        .id;
    bencher.bench_local(|| {
        perform_effect(
            &mut services,
            &mut Headless::default(),
            Effect::LoadProgram(id),
        )
    });
}
