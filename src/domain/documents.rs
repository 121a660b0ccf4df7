//! The applicant's document shelf: what visiting-student offices ask for,
//! when each piece was obtained and when it stops being accepted.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{same_squashed, text_enum};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct DocumentId(pub i64);

text_enum! {
    /// The documents VSLO and hospital visiting-student offices commonly
    /// ask for (issue 19's list, plus the CV the guides' first step names).
    pub enum StandardDoc {
        Cv = ("cv", "CV"),
        Immunizations = ("immunizations", "immunization records"),
        Titers = ("titers", "titers"),
        TbTest = ("tb_test", "TB test"),
        Bls = ("bls", "BLS"),
        Acls = ("acls", "ACLS"),
        BackgroundCheck = ("background_check", "background check"),
        DrugScreen = ("drug_screen", "drug screen"),
        Hipaa = ("hipaa", "HIPAA training"),
        Osha = ("osha", "OSHA training"),
        Malpractice = ("malpractice", "malpractice insurance"),
        GoodStanding = ("good_standing", "letter of good standing"),
        DeansLetter = ("deans_letter", "dean's letter"),
        Transcript = ("transcript", "transcript"),
        Ecfmg = ("ecfmg", "ECFMG certificate"),
        Passport = ("passport", "passport"),
        VisaLetter = ("visa_letter", "visa (B-1) letter"),
        Photo = ("photo", "photo"),
    }
}

/// How long a kind of document is accepted after it was obtained, by
/// default. These are common defaults, NOT rules: every program (and
/// VSLO's host institutions) states its own, and a program's rule wins.
/// A typed expiry on a document always overrides the default. Where the
/// number comes from:
/// - TB test: 12 months, the annual screening most hospitals require;
/// - BLS / ACLS: 2 years, the American Heart Association card's validity;
/// - background check, HIPAA and OSHA training, malpractice cover: 12
///   months (annual renewal or a policy year);
/// - drug screen: 3 months, a common "within 90 days of start" rule;
/// - letter of good standing: 6 months, "dated within six months";
/// - photo: 6 months, the passport-photo convention;
/// - the rest (records, transcripts, certificates, a passport's own
///   printed date) do not lapse by age: type the expiry if one applies.
pub const DEFAULT_VALIDITY_MONTHS: &[(StandardDoc, u32)] = &[
    (StandardDoc::TbTest, 12),
    (StandardDoc::Bls, 24),
    (StandardDoc::Acls, 24),
    (StandardDoc::BackgroundCheck, 12),
    (StandardDoc::DrugScreen, 3),
    (StandardDoc::Hipaa, 12),
    (StandardDoc::Osha, 12),
    (StandardDoc::Malpractice, 12),
    (StandardDoc::GoodStanding, 6),
    (StandardDoc::Photo, 6),
];

/// Other spellings people write for the standard kinds.
const ALIASES: &[(&str, StandardDoc)] = &[
    ("tb", StandardDoc::TbTest),
    ("ppd", StandardDoc::TbTest),
    ("quantiferon", StandardDoc::TbTest),
    ("resume", StandardDoc::Cv),
    ("immunization", StandardDoc::Immunizations),
    ("vaccination records", StandardDoc::Immunizations),
    ("background", StandardDoc::BackgroundCheck),
    ("drug test", StandardDoc::DrugScreen),
    ("hipaa", StandardDoc::Hipaa),
    ("osha", StandardDoc::Osha),
    ("liability insurance", StandardDoc::Malpractice),
    ("insurance", StandardDoc::Malpractice),
    ("good standing", StandardDoc::GoodStanding),
    ("mspe", StandardDoc::DeansLetter),
    ("deans letter", StandardDoc::DeansLetter),
    ("ecfmg", StandardDoc::Ecfmg),
    ("ecfmg status", StandardDoc::Ecfmg),
    ("visa letter", StandardDoc::VisaLetter),
    ("b1 letter", StandardDoc::VisaLetter),
];

impl StandardDoc {
    /// The default validity in months, if the kind lapses by age.
    pub fn default_validity_months(self) -> Option<u32> {
        DEFAULT_VALIDITY_MONTHS
            .iter()
            .find(|(kind, _)| *kind == self)
            .map(|(_, months)| *months)
    }
}

/// A document kind: a standard one or the applicant's own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Standard(StandardDoc),
    /// Anything else a program asks for ("COVID vaccine card"), kept as typed.
    Custom(String),
}

impl DocKind {
    /// A standard kind by code, label or a common alias; anything else is
    /// a custom kind. `None` for blank text.
    pub fn parse(text: &str) -> Option<DocKind> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let standard = StandardDoc::parse(t).or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| same_squashed(alias, t))
                .map(|(_, kind)| *kind)
        });
        Some(standard.map_or_else(|| DocKind::Custom(t.to_string()), DocKind::Standard))
    }

    /// What is stored: the standard code, or the custom text.
    pub fn code(&self) -> &str {
        match self {
            DocKind::Standard(kind) => kind.code(),
            DocKind::Custom(text) => text,
        }
    }

    pub fn label(&self) -> &str {
        match self {
            DocKind::Standard(kind) => kind.label(),
            DocKind::Custom(text) => text,
        }
    }

    pub fn default_validity_months(&self) -> Option<u32> {
        match self {
            DocKind::Standard(kind) => kind.default_validity_months(),
            DocKind::Custom(_) => None,
        }
    }
}

impl std::fmt::Display for DocKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl Serialize for DocKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for DocKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        DocKind::parse(&text).ok_or_else(|| serde::de::Error::custom("a blank document kind"))
    }
}

/// Every kind named in a program's list (the `required_docs` field), once
/// each, in the order written.
pub fn parse_kinds(list: &[String]) -> Vec<DocKind> {
    let mut kinds: Vec<DocKind> = Vec::new();
    for kind in list.iter().filter_map(|t| DocKind::parse(t)) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

/// One document on the shelf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    #[serde(default)]
    pub id: DocumentId,
    pub kind: DocKind,
    /// Where the file is, if the applicant keeps one.
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub obtained: Option<NaiveDate>,
    /// The expiry as typed; blank means "derive it from the kind".
    #[serde(default)]
    pub expires: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

impl Document {
    pub fn new(kind: DocKind) -> Document {
        Document {
            id: DocumentId::default(),
            kind,
            path: String::new(),
            obtained: None,
            expires: None,
            notes: String::new(),
        }
    }

    /// The last day it is accepted: the typed expiry, else the date
    /// obtained plus the kind's default validity. `None`: it does not lapse
    /// (or nothing says when it was obtained).
    pub fn expiry(&self) -> Option<NaiveDate> {
        self.expires.or_else(|| {
            let months = self.kind.default_validity_months()?;
            self.obtained?.checked_add_months(Months::new(months))
        })
    }

    /// Whether the expiry was typed rather than derived.
    pub fn expiry_is_typed(&self) -> bool {
        self.expires.is_some()
    }

    /// Still accepted on `day`.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.expiry().is_none_or(|e| day <= e)
    }
}

/// The shelf's best document of `kind`: the one accepted longest (a
/// document that never lapses beats any dated one).
pub fn best_of<'a>(shelf: &'a [Document], kind: &DocKind) -> Option<&'a Document> {
    shelf
        .iter()
        .filter(|d| &d.kind == kind)
        .max_by_key(|d| d.expiry().map_or((1, NaiveDate::MIN), |e| (0, e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn kinds_parse_codes_labels_aliases_and_keep_custom_text() {
        assert_eq!(
            DocKind::parse("PPD"),
            Some(DocKind::Standard(StandardDoc::TbTest))
        );
        assert_eq!(
            DocKind::parse("tb_test"),
            Some(DocKind::Standard(StandardDoc::TbTest))
        );
        assert_eq!(
            DocKind::parse("Dean's letter"),
            Some(DocKind::Standard(StandardDoc::DeansLetter))
        );
        assert_eq!(
            DocKind::parse(" COVID card "),
            Some(DocKind::Custom("COVID card".into()))
        );
        assert_eq!(DocKind::parse("  "), None);
        assert_eq!(
            parse_kinds(&["TB".into(), "tb test".into(), "BLS".into()]).len(),
            2
        );
    }

    #[test]
    fn expiry_is_typed_or_derived_from_the_kinds_default() {
        let mut tb = Document::new(DocKind::Standard(StandardDoc::TbTest));
        assert_eq!(tb.expiry(), None);
        tb.obtained = Some(day(2026, 1, 31));
        assert_eq!(tb.expiry(), Some(day(2027, 1, 31)));
        let mut bls = Document::new(DocKind::Standard(StandardDoc::Bls));
        bls.obtained = Some(day(2026, 2, 10));
        assert_eq!(bls.expiry(), Some(day(2028, 2, 10)));
        bls.expires = Some(day(2027, 6, 1));
        assert_eq!(bls.expiry(), Some(day(2027, 6, 1)));
        assert!(bls.expiry_is_typed());
        let mut transcript = Document::new(DocKind::Standard(StandardDoc::Transcript));
        transcript.obtained = Some(day(2020, 1, 1));
        assert_eq!(transcript.expiry(), None);
        assert!(transcript.valid_on(day(2030, 1, 1)));
        assert!(tb.valid_on(day(2027, 1, 31)));
        assert!(!tb.valid_on(day(2027, 2, 1)));
    }

    #[test]
    fn every_lapsing_kind_is_in_the_table_once() {
        let mut seen = std::collections::HashSet::new();
        for (kind, months) in DEFAULT_VALIDITY_MONTHS {
            assert!(seen.insert(kind), "{kind:?} twice");
            assert!(*months > 0);
        }
        assert_eq!(StandardDoc::TbTest.default_validity_months(), Some(12));
        assert_eq!(StandardDoc::Acls.default_validity_months(), Some(24));
    }

    #[test]
    fn the_best_document_is_the_one_accepted_longest() {
        let kind = DocKind::Standard(StandardDoc::TbTest);
        let mut old = Document::new(kind.clone());
        old.obtained = Some(day(2025, 1, 1));
        let mut new = Document::new(kind.clone());
        new.obtained = Some(day(2026, 1, 1));
        new.id = DocumentId(2);
        let shelf = [old, new];
        assert_eq!(best_of(&shelf, &kind).map(|d| d.id), Some(DocumentId(2)));
        let bls = DocKind::Standard(StandardDoc::Bls);
        assert!(best_of(&shelf, &bls).is_none());
    }
}
