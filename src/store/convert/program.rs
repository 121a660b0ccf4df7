//! Program rows to domain values and back.

use rusqlite::{Row, Statement};

use super::positions::{Params, col, position};
use super::{Day, Json, json, opt_day, stamp};
use crate::domain::{Program, Requirements, RotationOffer};

pub(crate) const PROGRAM_COLUMNS: &str = "id, external_id, name, institution, specialty, state, \
    city, website, accepts_imgs, visa, img_percent, grad_within_years, step1_pass_required, \
    min_step2_score, takes_graduates, rotation_kinds, hands_on, weeks, fee, applications_open, \
    route, tags, status, notes, is_sample, created_at, updated_at";

/// `PROGRAM_COLUMNS` as a list, so the reader below finds columns by
/// position (see `col!`).
pub(crate) const PROGRAM_FIELDS: &[&str] = &[
    "id",
    "external_id",
    "name",
    "institution",
    "specialty",
    "state",
    "city",
    "website",
    "accepts_imgs",
    "visa",
    "img_percent",
    "grad_within_years",
    "step1_pass_required",
    "min_step2_score",
    "takes_graduates",
    "rotation_kinds",
    "hands_on",
    "weeks",
    "fee",
    "applications_open",
    "route",
    "tags",
    "status",
    "notes",
    "is_sample",
    "created_at",
    "updated_at",
];

impl TryFrom<&Row<'_>> for Program {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<Program> {
        macro_rules! at {
            ($name:literal) => {
                col!(PROGRAM_FIELDS, $name)
            };
        }
        Ok(Program {
            id: row.get(at!("id"))?,
            external_id: row.get(at!("external_id"))?,
            name: row.get(at!("name"))?,
            institution: row.get(at!("institution"))?,
            specialty: row.get(at!("specialty"))?,
            state: row.get(at!("state"))?,
            city: row.get(at!("city"))?,
            website: row.get(at!("website"))?,
            accepts_imgs: row.get(at!("accepts_imgs"))?,
            visa: row.get(at!("visa"))?,
            img_percent: row.get(at!("img_percent"))?,
            requirements: Requirements {
                grad_within_years: row.get(at!("grad_within_years"))?,
                step1_pass_required: row.get(at!("step1_pass_required"))?,
                min_step2_score: row.get(at!("min_step2_score"))?,
                takes_graduates: row.get(at!("takes_graduates"))?,
            },
            rotation: RotationOffer {
                kinds: json(row, at!("rotation_kinds"))?,
                hands_on: row.get(at!("hands_on"))?,
                weeks: row.get(at!("weeks"))?,
                fee: row.get(at!("fee"))?,
                applications_open: opt_day(row, at!("applications_open"))?,
            },
            route: row.get(at!("route"))?,
            tags: json(row, at!("tags"))?,
            status: row.get(at!("status"))?,
            notes: row.get(at!("notes"))?,
            is_sample: row.get(at!("is_sample"))?,
            created_at: stamp(row, at!("created_at"))?,
            updated_at: stamp(row, at!("updated_at"))?,
        })
    }
}

/// The editable program columns as statement parameters, in the order
/// `bind_program_at` binds them.
pub(crate) const PROGRAM_PARAMS: [&str; 24] = [
    ":external_id",
    ":name",
    ":institution",
    ":specialty",
    ":state",
    ":city",
    ":website",
    ":accepts_imgs",
    ":visa",
    ":img_percent",
    ":grad_within_years",
    ":step1_pass_required",
    ":min_step2_score",
    ":takes_graduates",
    ":rotation_kinds",
    ":hands_on",
    ":weeks",
    ":fee",
    ":applications_open",
    ":route",
    ":tags",
    ":status",
    ":notes",
    ":is_sample",
];

/// Binds every editable program column by name (`:name`, `:state`, …).
/// The caller binds `:id` and the timestamps its statement uses.
pub(crate) fn bind_program(stmt: &mut Statement<'_>, p: &Program) -> rusqlite::Result<()> {
    let at = Params::of(stmt, PROGRAM_PARAMS)?;
    bind_program_at(stmt, &at, p)
}

/// `bind_program` with the positions already looked up, for batches.
pub(crate) fn bind_program_at(
    stmt: &mut Statement<'_>,
    at: &Params<24>,
    p: &Program,
) -> rusqlite::Result<()> {
    let r = &p.requirements;
    let o = &p.rotation;
    let [
        external_id,
        name,
        institution,
        specialty,
        state,
        city,
        website,
        accepts_imgs,
        visa,
        img_percent,
        grad_within_years,
        step1_pass_required,
        min_step2_score,
        takes_graduates,
        rotation_kinds,
        hands_on,
        weeks,
        fee,
        applications_open,
        route,
        tags,
        status,
        notes,
        is_sample,
    ] = at.0;
    stmt.raw_bind_parameter(external_id, &p.external_id)?;
    stmt.raw_bind_parameter(name, &p.name)?;
    stmt.raw_bind_parameter(institution, &p.institution)?;
    stmt.raw_bind_parameter(specialty, &p.specialty)?;
    stmt.raw_bind_parameter(state, p.state)?;
    stmt.raw_bind_parameter(city, &p.city)?;
    stmt.raw_bind_parameter(website, &p.website)?;
    stmt.raw_bind_parameter(accepts_imgs, p.accepts_imgs)?;
    stmt.raw_bind_parameter(visa, p.visa)?;
    stmt.raw_bind_parameter(img_percent, p.img_percent)?;
    stmt.raw_bind_parameter(grad_within_years, r.grad_within_years)?;
    stmt.raw_bind_parameter(step1_pass_required, r.step1_pass_required)?;
    stmt.raw_bind_parameter(min_step2_score, r.min_step2_score)?;
    stmt.raw_bind_parameter(takes_graduates, r.takes_graduates)?;
    stmt.raw_bind_parameter(rotation_kinds, Json(&o.kinds))?;
    stmt.raw_bind_parameter(hands_on, o.hands_on)?;
    stmt.raw_bind_parameter(weeks, o.weeks)?;
    stmt.raw_bind_parameter(fee, &o.fee)?;
    stmt.raw_bind_parameter(applications_open, o.applications_open.map(Day))?;
    stmt.raw_bind_parameter(route, p.route)?;
    stmt.raw_bind_parameter(tags, Json(&p.tags))?;
    stmt.raw_bind_parameter(status, p.status)?;
    stmt.raw_bind_parameter(notes, &p.notes)?;
    stmt.raw_bind_parameter(is_sample, p.is_sample)
}
