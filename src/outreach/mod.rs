//! Contacting programs: composing a draft from a template, sending one
//! draft safely, and sending one template to many programs in a batch.
//!
//! The screens call [`send::compose`] and [`send::send_draft`]; the
//! `usce outreach` command calls [`batch`]. Both go through the same
//! `send_draft`, so every sent email is logged, followed up and recorded
//! in the send ledger the same way.

pub mod attachments;
pub mod batch;
pub mod send;

use std::path::{Path, PathBuf};

pub use batch::{
    BatchError, BatchOutcome, Pace, Plan, Ready, Selection, SkipReason, Skipped, Stop,
    email_contact, plan, send_batch,
};
pub use send::{
    ComposeError, ExportError, Mailer, SendDraftError, Sent, compose, draft_from_template,
    export_eml, outgoing_for, send_draft, send_draft_again, send_draft_reporting, split_addresses,
};

/// Where copies of sent mail go: `sent/` beside the database, i.e.
/// `<data dir>/usce/sent` by default. Keeping them with the database means
/// a backup of that folder keeps the log and the mails it points at.
pub fn sent_dir(database: &Path) -> PathBuf {
    database
        .parent()
        .map_or_else(|| PathBuf::from("sent"), |dir| dir.join("sent"))
}

/// The user's own templates: `templates/` beside the config file, i.e.
/// `<config dir>/usce/templates` by default.
pub fn templates_dir(config_file: &Path) -> PathBuf {
    config_file
        .parent()
        .map_or_else(|| PathBuf::from("templates"), |dir| dir.join("templates"))
}

#[cfg(test)]
mod fixtures;
