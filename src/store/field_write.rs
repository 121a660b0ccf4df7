//! Saving one field of a stored record, the way every form saves: only
//! that field's column is written, and only when the stored value is still
//! the one the form showed. Two sessions editing one record then keep
//! each other's edits, and a field changed under the user is reported
//! rather than overwritten.

/// What saving one field came to.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldWrite<T> {
    /// Saved; the record as stored now, with other sessions' edits to its
    /// other fields.
    Saved(T),
    /// The field no longer holds the value the form showed (another
    /// session or an import changed it); nothing was written. The record
    /// as stored now.
    Changed(T),
}
