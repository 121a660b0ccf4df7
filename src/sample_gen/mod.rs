//! Made-up national program lists for load tests and benchmarks: about
//! 13,000 ACGME programs exist, and usce must stay instant at that size.
//!
//! Pure and deterministic: the same sizes and seed always give the same
//! programs, contacts and log, so a benchmark run can be repeated exactly.
//! Nothing here is real: names come from word lists, email goes to
//! example.org and phones to the fictional 555-01xx range.

mod words;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use crate::domain::{
    AppRoute, Channel, Contact, Direction, Interaction, PreferredMethod, Program, Requirements,
    Role, RotationKind, RotationOffer, Status, Tri, UsState, Visa,
};
use words::*;

/// A tiny, fast, well-mixed PRNG (Vigna's splitmix64). Good enough for test
/// data and needs no dependency.
#[derive(Debug, Clone)]
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

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // Multiply-shift: unbiased enough for test data, no division.
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True `percent`% of the time.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index into `weights`, each chosen in proportion to its weight.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut at = self.below(total as usize) as u32;
        for (i, w) in weights.iter().enumerate() {
            if at < *w {
                return i;
            }
            at -= w;
        }
        weights.len().saturating_sub(1)
    }
}

/// A log entry for a generated program. Ids are not known until the
/// programs are stored, so it names its program and contact by position.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedInteraction {
    /// Index into `Generated::programs`.
    pub program: usize,
    /// Index into that program's contacts.
    pub contact: Option<usize>,
    /// The entry; its ids are placeholders.
    pub entry: Interaction,
}

/// A generated list: programs with their contacts, and the contact log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Generated {
    /// In the shape `import::write_csv` takes.
    pub programs: Vec<(Program, Vec<Contact>)>,
    pub interactions: Vec<PlannedInteraction>,
}

/// Generates `programs` programs and `interactions` log entries from `seed`.
/// Programs with a log get the status it implies (contacted, or replied
/// once an answer came in).
pub fn generate(programs: usize, interactions: usize, seed: u64) -> Generated {
    let mut rng = SplitMix64::new(seed);
    let states: Vec<UsState> = UsState::all().collect();
    let state_weights: Vec<u32> = states
        .iter()
        .map(|s| {
            STATE_WEIGHTS
                .iter()
                .find(|(code, _)| *code == s.code())
                .map_or(2, |(_, w)| *w)
        })
        .collect();
    let specialty_weights: Vec<u32> = SPECIALTIES.iter().map(|(_, _, w)| *w).collect();
    // Program numbers stay unique: each (specialty, state) pair counts up.
    let mut sequence = vec![0u32; SPECIALTIES.len() * states.len()];
    let mut out = Generated {
        programs: Vec::with_capacity(programs),
        interactions: Vec::with_capacity(interactions),
    };
    for n in 0..programs {
        let state_index = rng.weighted(&state_weights);
        let specialty = rng.weighted(&specialty_weights);
        let slot = &mut sequence[specialty * states.len() + state_index];
        *slot += 1;
        let external_id = format!(
            "{}{:02}{:04}{}",
            SPECIALTIES[specialty].0,
            (state_index + 1) % 100,
            *slot % 10_000,
            n % 10
        );
        let program = program(&mut rng, states[state_index], specialty, external_id);
        let contacts = contacts(&mut rng, n);
        out.programs.push((program, contacts));
    }
    out.interactions = log(&mut rng, &out.programs, interactions);
    for planned in &out.interactions {
        let status = &mut out.programs[planned.program].0.status;
        if let Some(target) = status.after_interaction(planned.entry.direction) {
            *status = target;
        }
    }
    out
}

fn place(rng: &mut SplitMix64) -> String {
    if rng.chance(4) {
        return rng.pick(SPANISH_PLACES).to_string();
    }
    format!("{}{}", rng.pick(PLACE_HEADS), rng.pick(PLACE_TAILS))
}

fn tri(rng: &mut SplitMix64, yes: usize, no: usize) -> Tri {
    let roll = rng.below(100);
    if roll < yes {
        Tri::Yes
    } else if roll < yes + no {
        Tri::No
    } else {
        Tri::Unknown
    }
}

fn slug(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    s.trim_matches('-').to_string()
}

fn program(rng: &mut SplitMix64, state: UsState, specialty: usize, id: String) -> Program {
    let city = place(rng);
    let institution = match rng.below(10) {
        0 => format!("St. {} Hospital of {city}", rng.pick(SAINTS)),
        1 => format!("University of {}", place(rng)),
        _ => format!("{} {}", place(rng), rng.pick(INSTITUTION_KINDS)),
    };
    let name = match rng.below(4) {
        0 => format!("{institution} ({city}) Program"),
        _ => format!("{institution} Program"),
    };
    let specialty_name = SPECIALTIES[specialty].1;
    let mut kinds = Vec::new();
    for kind in RotationKind::ALL {
        if rng.chance(25) {
            kinds.push(*kind);
        }
    }
    let mut tags: Vec<String> = Vec::new();
    for _ in 0..rng.below(4) {
        let tag = rng.pick(TAGS).to_string();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let day = |rng: &mut SplitMix64| {
        NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(rng.below(365) as u64)))
    };
    Program {
        external_id: Some(id),
        website: format!(
            "https://{}.example.org/{}",
            slug(&institution),
            slug(specialty_name)
        ),
        institution,
        specialty: specialty_name.to_string(),
        city,
        accepts_imgs: tri(rng, 55, 15),
        visa: *rng.pick(Visa::ALL),
        img_percent: rng.chance(60).then(|| rng.below(101) as u8),
        requirements: Requirements {
            grad_within_years: rng.chance(40).then(|| *rng.pick(&[1, 3, 5, 7])),
            step1_pass_required: tri(rng, 50, 10),
            min_step2_score: rng.chance(25).then(|| 200 + rng.below(50) as u16),
            takes_graduates: tri(rng, 40, 20),
        },
        rotation: RotationOffer {
            kinds,
            hands_on: tri(rng, 35, 25),
            weeks: rng.chance(50).then(|| 2 + rng.below(7) as u8),
            fee: rng.pick(FEES).to_string(),
            applications_open: if rng.chance(30) { day(rng) } else { None },
        },
        route: rng.chance(60).then(|| *rng.pick(AppRoute::ALL)),
        tags,
        status: match rng.below(20) {
            0..=2 => Status::Shortlisted,
            3 => Status::NotAFit,
            _ => Status::Researching,
        },
        notes: if rng.chance(10) {
            "Asked about visa sponsorship at the open house".into()
        } else {
            String::new()
        },
        ..Program::new(name, state)
    }
}

fn person(rng: &mut SplitMix64) -> (String, String) {
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(LAST_NAMES);
    let local: String = format!("{first}.{last}")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (format!("{first} {last}"), local)
}

fn phone(rng: &mut SplitMix64) -> String {
    format!("(555) 555-01{:02}", rng.below(100))
}

/// A coordinator almost always, a program director often, now and then a
/// student office (which the CSV export leaves out).
fn contacts(rng: &mut SplitMix64, n: usize) -> Vec<Contact> {
    let mut out = Vec::new();
    if rng.chance(95) {
        let (name, local) = person(rng);
        out.push(Contact {
            role: Role::Coordinator,
            name,
            email: format!("{local}{n}@example.org"),
            phone: if rng.chance(70) {
                phone(rng)
            } else {
                String::new()
            },
            preferred: PreferredMethod::Email,
            ..Contact::default()
        });
    }
    if rng.chance(70) {
        let (name, local) = person(rng);
        let email = rng.chance(80);
        out.push(Contact {
            role: Role::ProgramDirector,
            name: format!("Dr. {name}"),
            email: if email {
                format!("{local}.pd{n}@example.org")
            } else {
                String::new()
            },
            phone: if email { String::new() } else { phone(rng) },
            preferred: if email {
                PreferredMethod::Email
            } else {
                PreferredMethod::Phone
            },
            ..Contact::default()
        });
    }
    if rng.chance(15) {
        out.push(Contact {
            role: Role::StudentOffice,
            email: format!("visiting{n}@example.org"),
            ..Contact::default()
        });
    }
    out
}

/// Spreads `count` entries over two fifths of the programs; a hundredth of
/// those are "hot" and share a tenth of all entries, so a few programs
/// have a long log, as a busy applicant's do.
fn log(
    rng: &mut SplitMix64,
    programs: &[(Program, Vec<Contact>)],
    count: usize,
) -> Vec<PlannedInteraction> {
    let mut active: Vec<usize> = (0..programs.len()).collect();
    for i in (1..active.len()).rev() {
        let j = rng.below(i + 1);
        active.swap(i, j);
    }
    active.truncate((programs.len() * 2 / 5).max(1).min(programs.len()));
    if active.is_empty() {
        return Vec::new();
    }
    let hot = (active.len() / 100).max(1);
    let start = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).single();
    let start = start.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let program = if rng.chance(10) {
            active[rng.below(hot)]
        } else {
            active[rng.below(active.len())]
        };
        let contacts = &programs[program].1;
        let contact = (!contacts.is_empty() && rng.chance(80)).then(|| rng.below(contacts.len()));
        let direction = if rng.chance(30) {
            Direction::In
        } else {
            Direction::Out
        };
        let at = start + Duration::seconds(rng.below(540 * 24 * 3600) as i64);
        out.push(PlannedInteraction {
            program,
            contact,
            entry: Interaction {
                id: Default::default(),
                program_id: Default::default(),
                contact_id: None,
                at,
                channel: *rng.pick(Channel::ALL),
                direction,
                summary: rng.pick(SUMMARIES).to_string(),
                eml_path: None,
            },
        });
    }
    out
}

#[cfg(test)]
mod tests;
