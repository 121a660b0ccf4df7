//! Side effects the reducer asks for. The runtime carries them out against
//! the store and feeds the outcome back as an `Action`.

use std::path::PathBuf;

use crate::domain::{
    Contact, ContactId, Draft, Interaction, InteractionId, Profile, Program, ProgramId, Status,
};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Insert a new program; answered by `Action::ProgramSaved`.
    InsertProgram(Box<Program>),
    /// Save every field of an existing program; answered by `ProgramSaved`.
    UpdateProgram(Box<Program>),
    SetStatus(ProgramId, Status),
    InsertContact(Box<Contact>),
    UpdateContact(Box<Contact>),
    DeleteContact(ContactId),
    /// Log something; a first outbound entry moves the program to
    /// contacted, a first inbound one to replied.
    InsertInteraction(Box<Interaction>),
    UpdateInteraction(Box<Interaction>),
    DeleteInteraction(InteractionId),
    SaveProfile(Box<Profile>),
    DeleteProgram(ProgramId),
    /// Load contacts, log and draft for the panes on the right.
    LoadProgram(ProgramId),
    /// Autosave the draft text; answered by `Action::DraftSaved`.
    SaveDraft(Box<Draft>),
    RemoveSamples,
    /// Read and plan a CSV file; answered by `Action::ImportPreviewed`.
    PreviewImport(PathBuf),
    /// Import it for real, in one transaction; answered by `ProgramsReloaded`.
    ApplyImport(PathBuf),
    /// Answered by `ProgramsReloaded`.
    ReloadPrograms,
    Quit,
}
