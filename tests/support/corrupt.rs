//! Damaging stored rows as a hand edit in the sqlite3 shell or another
//! tool might, with raw SQL on the database file: a state code usce does
//! not know, tags that are not a JSON list. The one place tests write to
//! usce's tables without the store.

use std::path::Path;

use usce::domain::ProgramId;

/// Sets `column` of program `id` to the text `value`, as stored.
pub fn set_program_text(db: &Path, id: ProgramId, column: &str, value: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let changed = conn
        .execute(
            &format!("UPDATE programs SET {column} = ?1 WHERE id = ?2"),
            rusqlite::params![value, id.0],
        )
        .unwrap();
    assert_eq!(changed, 1, "program {} exists", id.0);
}

/// Sets `column` of the profile row (which must exist) to the text `value`.
pub fn set_profile_text(db: &Path, column: &str, value: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let changed = conn
        .execute(
            &format!("UPDATE profile SET {column} = ?1 WHERE id = 1"),
            [value],
        )
        .unwrap();
    assert_eq!(changed, 1, "the profile was saved");
}
