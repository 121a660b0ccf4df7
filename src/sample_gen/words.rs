//! Word lists the generator draws from. Every place, hospital and person
//! is made up; emails go to example.org, phones to the fictional 555-01xx.

/// (ACGME-style specialty code, name, weight): common specialties carry
/// more programs, as in the real national list.
pub const SPECIALTIES: &[(&str, &str, u32)] = &[
    ("020", "Allergy and Immunology", 2),
    ("040", "Anesthesiology", 6),
    ("080", "Dermatology", 3),
    ("110", "Emergency Medicine", 7),
    ("120", "Family Medicine", 18),
    ("140", "Internal Medicine", 22),
    ("141", "Cardiovascular Disease", 6),
    ("144", "Gastroenterology", 4),
    ("146", "Infectious Disease", 4),
    ("147", "Oncology", 3),
    ("149", "Pulmonary Disease and Critical Care Medicine", 4),
    ("150", "Rheumatology", 2),
    ("160", "Neurological Surgery", 2),
    ("180", "Neurology", 4),
    ("220", "Obstetrics and Gynecology", 7),
    ("240", "Ophthalmology", 3),
    ("260", "Orthopaedic Surgery", 4),
    ("280", "Otolaryngology - Head and Neck Surgery", 2),
    ("300", "Pathology-Anatomic and Clinical", 3),
    ("320", "Pediatrics", 9),
    ("340", "Physical Medicine and Rehabilitation", 2),
    ("360", "Plastic Surgery", 1),
    ("380", "Preventive Medicine", 1),
    ("400", "Psychiatry", 7),
    ("420", "Diagnostic Radiology", 4),
    ("430", "Radiation Oncology", 2),
    ("440", "General Surgery", 7),
    ("560", "Urology", 2),
];

/// Rough share of programs per state; states not listed weigh 2.
pub const STATE_WEIGHTS: &[(&str, u32)] = &[
    ("NY", 40),
    ("CA", 36),
    ("TX", 26),
    ("PA", 24),
    ("FL", 20),
    ("IL", 18),
    ("OH", 18),
    ("MI", 17),
    ("MA", 14),
    ("NJ", 10),
    ("NC", 10),
    ("GA", 8),
    ("MO", 8),
    ("TN", 8),
    ("VA", 8),
    ("MD", 8),
    ("WI", 6),
    ("MN", 6),
    ("CT", 6),
    ("IN", 6),
    ("KY", 5),
    ("LA", 5),
    ("AL", 5),
    ("SC", 5),
    ("WA", 5),
    ("CO", 5),
    ("AZ", 5),
    ("OK", 4),
    ("PR", 3),
    ("AS", 1),
    ("GU", 1),
    ("MP", 1),
    ("VI", 1),
];

pub const PLACE_HEADS: &[&str] = &[
    "Oak", "Maple", "Cedar", "River", "Lake", "Spring", "Fair", "Green", "Ash", "Elm", "Brook",
    "Clear", "Stone", "Pine", "Willow", "High", "Mill", "Red", "Silver", "North", "West", "East",
    "South", "Glen", "Bright", "Hazel", "Iron", "Kings", "Laurel", "Mount", "Bay", "Harbor",
];

pub const PLACE_TAILS: &[&str] = &[
    "field", "ton", "ville", "wood", "port", "ford", "dale", "burg", "view", "haven", "ridge",
    "crest", "bury", "mont", "land", "side",
];

/// Some places keep their accents, so searches must ignore them.
pub const SPANISH_PLACES: &[&str] = &[
    "Santa Lucía",
    "San Andrés",
    "Las Piedras",
    "Villa Española",
    "San Tomás",
    "Peñasco",
];

pub const INSTITUTION_KINDS: &[&str] = &[
    "Regional Medical Center",
    "Community Hospital",
    "University Hospital",
    "Medical Center",
    "Memorial Hospital",
    "Health System",
    "General Hospital",
    "Baptist Health",
    "Methodist Hospital",
    "University School of Medicine",
    "Children's Hospital",
    "Veterans Medical Center",
];

pub const SAINTS: &[&str] = &[
    "Mary",
    "Joseph",
    "Luke",
    "Vincent",
    "Francis",
    "Elizabeth",
    "Anne",
    "John",
    "Clare",
];

pub const FIRST_NAMES: &[&str] = &[
    "Maria", "James", "Aisha", "Wei", "Priya", "Carlos", "Fatima", "John", "Olga", "Kwame", "Mei",
    "Ahmed", "Sofia", "David", "Ana", "Omar", "Grace", "Ravi", "Elena", "Samuel", "Nkechi",
    "Hiroshi", "Leila", "Tomás", "José", "Linda", "Michael", "Sarah", "Daniel", "Hannah",
];

pub const LAST_NAMES: &[&str] = &[
    "Smith",
    "Garcia",
    "Okafor",
    "Chen",
    "Patel",
    "Rodríguez",
    "Nguyen",
    "Kim",
    "Johnson",
    "Haddad",
    "Kowalski",
    "Mensah",
    "Ivanova",
    "Brown",
    "Singh",
    "Lopez",
    "Williams",
    "Tanaka",
    "Cohen",
    "Mbeki",
    "Silva",
    "Martin",
    "Khan",
    "Novak",
    "Davis",
    "O'Brien",
    "Müller",
];

pub const TAGS: &[&str] = &[
    "global health",
    "research",
    "IMG friendly",
    "community",
    "underserved",
    "rural",
    "academic",
    "hands-on",
    "Spanish speaking",
    "wellness",
    "teaching",
    "alumni",
];

pub const FEES: &[&str] = &["", "none", "$1,200", "$300/week", "$2,500", "$150"];

pub const SUMMARIES: &[&str] = &[
    "Emailed the coordinator asking about elective rotations",
    "Coordinator replied: apply through VSLO",
    "Phoned the GME office, left a voicemail",
    "Sent CV and USMLE transcript",
    "Asked whether graduates are accepted for observerships",
    "Program replied: no visiting IMGs this year",
    "Followed up on the earlier email",
    "Met an alumnus who offered to introduce me",
    "Coordinator asked for immunisation records",
    "Confirmed rotation dates",
];
