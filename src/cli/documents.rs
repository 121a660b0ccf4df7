//! `usce docs`: the document shelf. Lists documents with their expiry
//! (typed, or derived from the kind's default validity) and what is
//! wrong with them; adds, edits and removes; re-imports the shelf from a
//! JSON export.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::CliResult;
use super::due::TextFormat;
use crate::domain::documents::{
    DEFAULT_VALIDITY_MONTHS, DocKind, Document, DocumentId, StandardDoc,
};
use crate::domain::readiness::{Warning, expiring};
use crate::store::Store;
use crate::ui::text::pad;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DocsArgs {
    /// Only documents that expire within this many days (or have expired).
    #[arg(long, value_name = "DAYS")]
    pub expiring: Option<u32>,
    /// Output: an aligned table, or JSON for scripts.
    #[arg(long, value_enum, default_value_t)]
    pub format: TextFormat,
    #[command(subcommand)]
    pub action: Option<DocsAction>,
}

#[derive(Debug, Subcommand)]
pub enum DocsAction {
    /// Put a document on the shelf.
    Add(DocFields),
    /// Change a document's fields (only those given).
    Edit {
        id: i64,
        #[command(flatten)]
        fields: DocFields,
    },
    /// Take a document off the shelf.
    Rm { id: i64 },
    /// The document kinds and their default validity.
    Kinds,
    /// Add the documents of a `usce export --format json` file (the same
    /// document already on the shelf is skipped).
    Import { file: PathBuf },
}

#[derive(Debug, Args)]
pub struct DocFields {
    /// The kind: a standard name ("TB test", "BLS", "passport"; see `usce
    /// docs kinds`) or your own.
    pub kind: Option<String>,
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub obtained: Option<NaiveDate>,
    /// The expiry printed on it; "" derives it from the kind again.
    #[arg(long, value_name = "DATE")]
    pub expires: Option<String>,
    #[arg(long, value_name = "FILE")]
    pub path: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

/// A date the way the importer reads one (`2027-03-01`, `3/1/2027`…).
fn parse_day(text: &str) -> Result<NaiveDate, String> {
    crate::import::values::date(text)
}

fn parse_optional_day(text: &str) -> Result<Option<NaiveDate>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_day(text).map(Some)
}

/// One document in `--format json`.
#[derive(Debug, Serialize)]
struct DocRow<'a> {
    #[serde(flatten)]
    document: &'a Document,
    kind_label: &'a str,
    /// The expiry in force: typed, or derived from the kind.
    expiry: Option<NaiveDate>,
    expiry_typed: bool,
}

#[derive(Debug, Serialize)]
struct Listing<'a> {
    documents: Vec<DocRow<'a>>,
    warnings: Vec<String>,
}

pub fn run(
    store: &mut Store,
    args: &DocsArgs,
    today: NaiveDate,
    warn_days: u32,
    out: &mut dyn Write,
) -> CliResult {
    match &args.action {
        None => list(store, args, today, warn_days, out),
        Some(DocsAction::Add(fields)) => add(store, fields, out),
        Some(DocsAction::Edit { id, fields }) => edit(store, DocumentId(*id), fields, out),
        Some(DocsAction::Rm { id }) => {
            store.delete_document(DocumentId(*id))?;
            writeln!(out, "removed document {id}")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(DocsAction::Kinds) => kinds(out),
        Some(DocsAction::Import { file }) => import(store, file, out),
    }
}

fn list(
    store: &Store,
    args: &DocsArgs,
    today: NaiveDate,
    warn_days: u32,
    out: &mut dyn Write,
) -> CliResult {
    let (programs, plans) = store.load_programs_and_plans()?;
    let shown: Vec<&Document> = match args.expiring {
        Some(days) => expiring(&plans.documents, today, days),
        None => plans.documents.iter().collect(),
    };
    let warnings: Vec<String> = plans
        .warnings(&programs, today, warn_days)
        .iter()
        .map(|w| describe(w, &programs))
        .collect();
    match args.format {
        TextFormat::Json => {
            let listing = Listing {
                documents: shown
                    .iter()
                    .map(|d| DocRow {
                        document: d,
                        kind_label: d.kind.label(),
                        expiry: d.expiry(),
                        expiry_typed: d.expiry_is_typed(),
                    })
                    .collect(),
                warnings,
            };
            serde_json::to_writer_pretty(&mut *out, &listing)?;
            writeln!(out)?;
        }
        TextFormat::Table => write_table(&shown, &warnings, args.expiring, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A warning with the program it is about.
fn describe(w: &Warning, programs: &[crate::domain::Program]) -> String {
    match w
        .program
        .and_then(|id| crate::domain::plans::program_by_id(programs, id))
    {
        Some(p) => format!("{}: {}", p.name, w.describe()),
        None => w.describe(),
    }
}

fn write_table(
    shown: &[&Document],
    warnings: &[String],
    expiring: Option<u32>,
    out: &mut dyn Write,
) -> CliResult<()> {
    if shown.is_empty() {
        match expiring {
            Some(days) => writeln!(out, "no document expires within {days} days")?,
            None => writeln!(
                out,
                "no documents yet: usce docs add \"TB test\" --obtained 2026-09-01"
            )?,
        }
    } else {
        writeln!(
            out,
            "{}  {}  {}  {}  FILE",
            pad("ID", 4),
            pad("KIND", 26),
            pad("OBTAINED", 10),
            pad("EXPIRES", 11)
        )?;
        for d in shown {
            let expiry = match (d.expiry(), d.expiry_is_typed()) {
                (None, _) => "-".to_string(),
                (Some(e), true) => e.to_string(),
                // Derived from the kind's default: marked so it is checked.
                (Some(e), false) => format!("{e}*"),
            };
            writeln!(
                out,
                "{}  {}  {}  {}  {}",
                pad(&d.id.0.to_string(), 4),
                pad(d.kind.label(), 26),
                pad(
                    &d.obtained
                        .map(|o| o.to_string())
                        .unwrap_or_else(|| "-".into()),
                    10
                ),
                pad(&expiry, 11),
                d.path
            )?;
        }
        if shown
            .iter()
            .any(|d| d.expiry().is_some() && !d.expiry_is_typed())
        {
            writeln!(
                out,
                "* derived from the kind's default validity: check the program's own rule"
            )?;
        }
    }
    for w in warnings {
        writeln!(out, "warning: {w}")?;
    }
    Ok(())
}

fn add(store: &mut Store, fields: &DocFields, out: &mut dyn Write) -> CliResult {
    let kind = fields
        .kind
        .as_deref()
        .and_then(DocKind::parse)
        .ok_or("a document needs a kind")?;
    let mut doc = Document::new(kind);
    apply(&mut doc, fields)?;
    let saved = store.insert_document(&doc)?;
    writeln!(out, "added document {} ({})", saved.id.0, saved.kind)?;
    Ok(ExitCode::SUCCESS)
}

fn edit(store: &mut Store, id: DocumentId, fields: &DocFields, out: &mut dyn Write) -> CliResult {
    let mut doc = store
        .get_document(id)?
        .ok_or_else(|| format!("no document {}", id.0))?;
    if let Some(kind) = fields.kind.as_deref().and_then(DocKind::parse) {
        doc.kind = kind;
    }
    apply(&mut doc, fields)?;
    store.update_document(&doc)?;
    writeln!(out, "saved document {}", id.0)?;
    Ok(ExitCode::SUCCESS)
}

fn apply(doc: &mut Document, fields: &DocFields) -> Result<(), String> {
    if let Some(obtained) = fields.obtained {
        doc.obtained = Some(obtained);
    }
    if let Some(expires) = &fields.expires {
        doc.expires = parse_optional_day(expires).map_err(|e| format!("--expires: {e}"))?;
    }
    if let Some(path) = &fields.path {
        doc.path = path.clone();
    }
    if let Some(notes) = &fields.notes {
        doc.notes = notes.clone();
    }
    Ok(())
}

fn kinds(out: &mut dyn Write) -> CliResult {
    writeln!(
        out,
        "{}  {}  DEFAULT VALIDITY",
        pad("CODE", 16),
        pad("KIND", 26)
    )?;
    for kind in StandardDoc::ALL {
        let validity = DEFAULT_VALIDITY_MONTHS
            .iter()
            .find(|(k, _)| k == kind)
            .map_or_else(
                || "does not lapse by age".to_string(),
                |(_, m)| format!("{m} months"),
            );
        writeln!(
            out,
            "{}  {}  {validity}",
            pad(kind.code(), 16),
            pad(kind.label(), 26)
        )?;
    }
    writeln!(
        out,
        "Defaults only: each program states its own rules, and a typed expiry wins."
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The `documents` of a JSON export.
#[derive(Debug, serde::Deserialize)]
struct ExportedShelf {
    #[serde(default)]
    documents: Vec<Document>,
}

fn import(store: &mut Store, file: &PathBuf, out: &mut dyn Write) -> CliResult {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let shelf: ExportedShelf = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a usce JSON export: {e}", file.display()))?;
    let existing = store.list_documents()?;
    let same = |a: &Document, b: &Document| {
        a.kind == b.kind
            && a.path == b.path
            && a.obtained == b.obtained
            && a.expires == b.expires
            && a.notes == b.notes
    };
    let (mut added, mut skipped) = (0, 0);
    for doc in &shelf.documents {
        if existing.iter().any(|e| same(e, doc)) {
            skipped += 1;
        } else {
            store.insert_document(doc)?;
            added += 1;
        }
    }
    writeln!(
        out,
        "added {added} documents, skipped {skipped} already on the shelf"
    )?;
    Ok(ExitCode::SUCCESS)
}
