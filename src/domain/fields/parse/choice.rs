//! Fields with a few fixed values: yes/no, visa, route, status, and the
//! rotation types (a list of them).

use super::{Invalid, Kind};
use crate::domain::{AppRoute, RotationKind, Status, Tri, Visa, squash};

/// yes/no/y/n/true/false/1/0/x (a tick mark is a yes, too), "unknown".
pub fn yes_no(text: &str) -> Result<Tri, Invalid> {
    match squash(text).as_str() {
        "yes" | "y" | "true" | "t" | "1" | "x" => Ok(Tri::Yes),
        "no" | "n" | "false" | "f" | "0" => Ok(Tri::No),
        "unknown" => Ok(Tri::Unknown),
        _ if matches!(text.trim(), "✓" | "✔" | "☑") => Ok(Tri::Yes),
        _ => Err(Invalid::new(
            Kind::Enum,
            format!("{text:?} is not yes or no"),
            "write yes or no (y, n, true, false also do)",
        )),
    }
}

/// A visa: "J-1", "H-1B", "J-1, H-1B", "J-1 visa sponsorship through
/// ECFMG", "none", "both". A bare "yes" is refused because it does not say
/// which visa, and guessing would mislead a visa-needing applicant.
pub fn visa(text: &str) -> Result<Visa, Invalid> {
    let key = squash(text);
    let j1 = key.contains("j1");
    let h1b = key.contains("h1b");
    match (j1, h1b) {
        (true, true) => return Ok(Visa::Both),
        (true, false) => return Ok(Visa::J1),
        (false, true) => return Ok(Visa::H1b),
        (false, false) => {}
    }
    if let Some(v) = Visa::parse(text) {
        return Ok(v);
    }
    if key == "n" || key == "false" || key == "0" || key.starts_with("no") {
        return Ok(Visa::None);
    }
    Err(Invalid::new(
        Kind::Enum,
        format!("{text:?} does not name a visa (write J-1, H-1B, both or none)"),
        "for example J-1",
    ))
}

/// An application route: VSLO (or VSAS), direct, paid, network.
pub fn app_route(text: &str) -> Result<AppRoute, Invalid> {
    let key = squash(text);
    if key.contains("vslo") || key.contains("vsas") {
        return Ok(AppRoute::Vslo);
    }
    AppRoute::parse(text).ok_or_else(|| {
        Invalid::new(
            Kind::Enum,
            format!("{text:?} is not an application route (VSLO, direct, paid, network)"),
            "for example VSLO",
        )
    })
}

pub fn status(text: &str) -> Result<Status, Invalid> {
    Status::parse(text).ok_or_else(|| {
        let known: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
        Invalid::new(
            Kind::Enum,
            format!("{text:?} is not a status ({})", known.join(", ")),
            format!("for example {}", known.first().copied().unwrap_or("")),
        )
    })
}

const ROTATION_WANTED: &str =
    "write one or more types separated by commas, like core, observership";

/// One rotation type, by its name or a common other name. "observer" and
/// "shadowing" are an observership (what programs mean by them: watching,
/// no hands-on care), "away" and "audition" an elective, "AI" or "acting
/// internship" a sub-internship.
pub fn rotation_kind(word: &str) -> Result<RotationKind, Invalid> {
    let key = squash(word);
    let singular = key.strip_suffix('s').unwrap_or(&key);
    RotationKind::parse(&key)
        .or_else(|| RotationKind::parse(singular))
        .or(match singular {
            "actinginternship" | "ai" => Some(RotationKind::SubInternship),
            "clerkship" | "corerotation" => Some(RotationKind::Core),
            "audition" | "auditionrotation" | "away" | "awayrotation" | "electiverotation" => {
                Some(RotationKind::Elective)
            }
            "extern" => Some(RotationKind::Externship),
            "observer" | "shadowing" => Some(RotationKind::Observership),
            _ => None,
        })
        .ok_or_else(|| {
            Invalid::new(
                Kind::Enum,
                format!(
                    "{:?} is not a rotation type (core, elective, sub-i, externship, observership)",
                    word.trim()
                ),
                ROTATION_WANTED,
            )
        })
}

/// One or more kinds separated by `,` `;` `/` or `|`; duplicates dropped.
pub fn rotation_kinds(text: &str) -> Result<Vec<RotationKind>, Invalid> {
    let mut kinds = Vec::new();
    for word in text.split([',', ';', '/', '|']).map(str::trim) {
        if word.is_empty() {
            continue;
        }
        let kind = rotation_kind(word)?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    Ok(kinds)
}
