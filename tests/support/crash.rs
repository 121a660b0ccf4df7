//! Helpers for the kill tests: a seeded random source, killing a plain
//! child process at a chosen moment, and the files the tests import.

use std::fs;
use std::path::Path;
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant, SystemTime};

/// splitmix64: tiny, seedable, the same sequence on every machine, so a
/// failing trial can be replayed from its printed seed.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Base seed: fixed, or `USCE_CRASH_SEED` to explore other sequences.
pub fn base_seed() -> u64 {
    std::env::var("USCE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x05CE_2024)
}

/// Size and modification time of the WAL, to notice a process writing.
pub fn wal_stamp(db: &Path) -> Option<(u64, SystemTime)> {
    let meta = fs::metadata(db.with_extension("db-wal")).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Polls `ready` until it holds or the child exits, with a deadline.
/// Returns false when the child exited first.
pub fn wait_while_running(child: &mut Child, ready: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if ready() {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        assert!(
            Instant::now() < deadline,
            "the child neither wrote nor exited"
        );
        std::thread::yield_now();
    }
}

/// SIGKILLs the child (std's `kill` sends SIGKILL on Unix) and reaps it.
/// The status says whether it had already finished by itself.
pub fn kill_and_reap(child: &mut Child) -> ExitStatus {
    let _ = child.kill();
    child.wait().unwrap()
}

/// A CSV of `rows` programs, each with a coordinator, named
/// `{prefix} {i}` with program numbers from `first_id`.
pub fn programs_csv(path: &Path, prefix: &str, first_id: u64, rows: usize) {
    const STATES: [&str; 8] = ["KY", "OH", "TX", "CA", "NY", "IL", "FL", "WA"];
    let mut text = String::from(
        "program_id,program_name,specialty_name,city,state,coordinator_name_1,coordinator_email_1\n",
    );
    for i in 0..rows {
        text.push_str(&format!(
            "{},{prefix} {i},Internal Medicine,City {},{},Coordinator {i},c{i}@example.org\n",
            first_id + i as u64,
            i % 97,
            STATES[i % STATES.len()]
        ));
    }
    fs::write(path, text).unwrap();
}
