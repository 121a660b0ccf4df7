//! Plain types and rules. No I/O, no SQL, no terminal: everything here can be
//! unit-tested with values alone.

pub mod adjacency;
pub mod attached_file;
pub mod cadence;
pub mod contact;
pub mod draft;
pub mod draft_headers;
pub mod due;
pub mod fields;
pub mod fit;
pub mod follow_up;
pub mod letter;
pub mod plural;
pub mod profile;
pub mod program;
pub mod record_fields;
pub mod repair;
pub mod rotation;
pub mod salutation;
pub mod sent;
pub mod states;
pub mod states_overview;
pub mod stats;
pub mod status_change;
pub mod text;
pub mod thread;
pub mod tracking_fields;

pub use contact::{
    Channel, Contact, ContactId, Direction, Interaction, InteractionId, PreferredMethod, Role,
    Title,
};
pub use draft::{Draft, DraftId, DraftStatus};
pub use draft_headers::DraftHeader;
pub use follow_up::{FollowUp, FollowUpId};
pub use profile::{Profile, StepResult};
pub use program::{
    AppRoute, Program, ProgramId, Requirements, RotationKind, RotationOffer, Status, Tri, Visa,
};
pub use states::UsState;
// Follow-ups, cadence, rotations, letters and stats.
pub use cadence::{Cadence, NextAction};
pub use due::{Bucket, OpenFollowUp, Snooze};
pub use letter::{LETTERS_NEEDED, Letter, LetterId, LettersProgress};
pub use rotation::{Rotation, RotationId};
pub use sent::{LedgerEntry, LedgerId, SendState, SentMessage};
pub use stats::{ProgramActivity, Stats};
pub use status_change::StatusChange;

/// Declares a field-less enum whose variants have a stable text code (what
/// the database and CSV store) and a human label (what the screen shows).
/// Codes are never ordinals, so variants may be reordered or added freely.
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal) ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The stable code stored in the database and files.
            pub fn code(self) -> &'static str {
                match self { $( $name::$variant => $code ),+ }
            }

            /// The words shown to the user.
            pub fn label(self) -> &'static str {
                match self { $( $name::$variant => $label ),+ }
            }

            /// Parses a code or a label, ignoring case, spaces, `-` and `_`.
            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| {
                    $crate::domain::same_squashed(text, v.code())
                        || $crate::domain::same_squashed(text, v.label())
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        concat!("unknown ", stringify!($name), " {:?}"),
                        text
                    ))
                })
            }
        }
    };
}
pub(crate) use text_enum;

/// Lower-cases and drops everything but letters and digits, so that
/// "Sub-Internship", "sub_internship" and "SUB INTERNSHIP" compare equal.
pub fn squash(text: &str) -> String {
    if text.is_ascii() {
        // The same result, byte by byte: nearly every cell is ASCII. Sized
        // once: collecting a filter grew the string three or four times.
        let mut squashed = Vec::with_capacity(text.len());
        squashed.extend(
            text.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase()),
        );
        // ASCII in, ASCII out: never the empty fallback.
        return String::from_utf8(squashed).unwrap_or_default();
    }
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `squash(text) == squashed`, without building the string: parsing an
/// enum compares against every variant, on every cell of an import.
pub fn squashes_to(text: &str, squashed: &str) -> bool {
    if text.is_ascii() && squashed.is_ascii() {
        return text
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
            .eq(squashed.bytes());
    }
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .eq(squashed.chars())
}

/// The bytes `squash` keeps of ASCII text.
fn ascii_squashed(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
}

/// `squash(a) == squash(b)`, building neither string when both are ASCII:
/// parsing an enum compares a cell with every variant's code and label.
pub fn same_squashed(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return ascii_squashed(a).eq(ascii_squashed(b));
    }
    squashes_to(a, &squash(b))
}

#[cfg(test)]
mod squash_tests {
    use super::*;

    /// The rule `squash` implements, char by char.
    fn reference(text: &str) -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn the_fast_paths_keep_the_rule(a in "[ -~]{0,12}|\\PC{0,8}", b in "[ -~]{0,12}|\\PC{0,8}") {
            proptest::prop_assert_eq!(squash(&a), reference(&a));
            proptest::prop_assert_eq!(squashes_to(&a, &squash(&b)), reference(&a) == reference(&b));
            proptest::prop_assert!(squashes_to(&a, &squash(&a)));
            proptest::prop_assert_eq!(same_squashed(&a, &b), reference(&a) == reference(&b));
        }
    }
}
