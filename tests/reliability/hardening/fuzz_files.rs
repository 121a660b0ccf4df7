//! The file fuzzer: every file usce reads by name (an import, its own
//! config, a template) replaced by something hostile — a FIFO nobody
//! writes to, a symlink to `/dev/zero`, a symlink to a FIFO or to nothing,
//! a directory, a 4 MB header, fuzzed bytes (through a symlink too) — and
//! usce run on it with 400 MB of address space and a minute. It must
//! answer every time: an exit code of its own (no signal: not killed at
//! the deadline, not aborted out of memory), never a panic, and for a
//! file that is not a regular one, a message saying so. The short run
//! tries every kind with every reader; `--ignored` runs 300 random cases.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::sample::select;

use super::*;

#[derive(Debug, Clone)]
enum Hostile {
    /// A FIFO with no writer: opening it waits forever.
    Fifo,
    /// A symlink to `/dev/zero`: reads never end, its size reads as 0.
    LinkToDevZero,
    LinkToFifo,
    /// A symlink to nothing.
    Dangling,
    Directory,
    /// A regular file of 4 MB, one line of `a,`: 2 million columns.
    HugeHeader,
    Bytes(Vec<u8>),
    /// A symlink to a regular file of these bytes.
    LinkToBytes(Vec<u8>),
}

impl Hostile {
    /// Not a regular file once symlinks are followed: refused unread.
    fn is_not_a_file(&self) -> bool {
        matches!(
            self,
            Hostile::Fifo | Hostile::LinkToDevZero | Hostile::LinkToFifo | Hostile::Directory
        )
    }
}

#[derive(Debug, Clone, Copy)]
enum Reader {
    /// `usce import --dry-run FILE`.
    Import,
    /// `config.toml`, read by the TUI and `usce outreach` (run here as
    /// `usce outreach --template request_rotation --dry-run`).
    Config,
    /// `templates/hostile.txt`, read by `usce outreach --template hostile
    /// --dry-run`.
    Template,
}

impl Reader {
    const ALL: [Reader; 3] = [Reader::Import, Reader::Config, Reader::Template];

    /// Where the reader looks for its file in `dir`.
    fn path(self, dir: &Path) -> PathBuf {
        match self {
            Reader::Import => dir.join("input.csv"),
            Reader::Config => dir.join("config.toml"),
            Reader::Template => dir.join("templates").join("hostile.txt"),
        }
    }

    fn args(self, file: &Path) -> Vec<String> {
        match self {
            Reader::Import => vec![
                "import".into(),
                "--dry-run".into(),
                file.display().to_string(),
            ],
            Reader::Config => ["outreach", "--template", "request_rotation", "--dry-run"]
                .map(String::from)
                .to_vec(),
            Reader::Template => ["outreach", "--template", "hostile", "--dry-run"]
                .map(String::from)
                .to_vec(),
        }
    }
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Puts `hostile` at `path` (its parent exists).
fn plant(hostile: &Hostile, path: &Path) {
    use std::os::unix::fs::symlink;
    let aside = path.with_extension("target");
    match hostile {
        Hostile::Fifo => mkfifo(path),
        Hostile::LinkToDevZero => symlink("/dev/zero", path).unwrap(),
        Hostile::LinkToFifo => {
            mkfifo(&aside);
            symlink(&aside, path).unwrap();
        }
        Hostile::Dangling => symlink(path.with_extension("missing"), path).unwrap(),
        Hostile::Directory => fs::create_dir(path).unwrap(),
        Hostile::HugeHeader => fs::write(path, "a,".repeat(2_000_000)).unwrap(),
        Hostile::Bytes(bytes) => fs::write(path, bytes).unwrap(),
        Hostile::LinkToBytes(bytes) => {
            fs::write(&aside, bytes).unwrap();
            symlink(&aside, path).unwrap();
        }
    }
}

/// Runs `reader` on `hostile` in a fresh folder and checks the answer.
fn check(reader: Reader, hostile: &Hostile) {
    let dir = tempfile::tempdir().unwrap();
    db_with(&dir, &[Program::new("Internal Medicine", ky())]);
    let file = reader.path(dir.path());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    plant(hostile, &file);
    let args = reader.args(&file);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = usce_within(dir.path(), 400, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let case = format!("{reader:?} on {}", describe(hostile));
    assert!(
        out.status.code().is_some(),
        "{case}: killed by a signal (deadline or memory): {out:?}"
    );
    assert!(!stderr.contains("panicked"), "{case}: {stderr}");
    if hostile.is_not_a_file() && !matches!(reader, Reader::Template) {
        assert!(!out.status.success(), "{case}: {out:?}");
        assert!(stderr.contains("not a regular file"), "{case}: {stderr}");
    }
}

fn describe(hostile: &Hostile) -> String {
    match hostile {
        Hostile::Bytes(b) | Hostile::LinkToBytes(b) => {
            let kind = if matches!(hostile, Hostile::Bytes(_)) {
                "bytes"
            } else {
                "link to bytes"
            };
            format!(
                "{kind} {:?}",
                String::from_utf8_lossy(&b[..b.len().min(80)])
            )
        }
        other => format!("{other:?}"),
    }
}

/// Text each reader half expects: headers and cells, keys and sections,
/// template syntax with loops nested to run forever.
fn fuzzed() -> impl Strategy<Value = Vec<u8>> {
    let piece = select(vec![
        "program_name,state,coordinator_email\n",
        "Mercy IM,KY,a@b.org\n",
        "\"unclosed,KY\n",
        "[smtp]\nhost = \"x\"\n",
        "[keys.programs]\nquit = 7\n",
        "theme = \"light\"\n",
        "Subject: Hi {{ program.name }}\n\n",
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
        "{% for a in range(1000000) %}{{ program.name }}",
        "{% endfor %}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "{{ \"x\" * 100000 }}",
        "\u{0}\u{1b}[2J\u{ff}",
        "\r\n",
    ])
    .prop_map(|s: &str| s.as_bytes().to_vec());
    let raw = proptest::collection::vec(any::<u8>(), 0..200);
    proptest::collection::vec(prop_oneof![4 => piece, 1 => raw], 0..12)
        .prop_map(|parts| parts.concat())
}

fn hostile() -> impl Strategy<Value = Hostile> {
    prop_oneof![
        Just(Hostile::Fifo),
        Just(Hostile::LinkToDevZero),
        Just(Hostile::LinkToFifo),
        Just(Hostile::Dangling),
        Just(Hostile::Directory),
        Just(Hostile::HugeHeader),
        fuzzed().prop_map(Hostile::Bytes),
        fuzzed().prop_map(Hostile::LinkToBytes),
    ]
}

/// One file of every kind, for the short run.
fn every_kind() -> Vec<Hostile> {
    let loops = b"Subject: Hi\n\n{% for a in range(100000) %}{% for b in range(100000) %}\
                  x{% endfor %}{% endfor %}\n"
        .to_vec();
    vec![
        Hostile::Fifo,
        Hostile::LinkToDevZero,
        Hostile::LinkToFifo,
        Hostile::Dangling,
        Hostile::Directory,
        Hostile::HugeHeader,
        Hostile::Bytes(loops.clone()),
        Hostile::LinkToBytes(loops),
    ]
}

#[cfg(unix)]
#[test]
fn every_reader_answers_every_kind_of_hostile_file_within_bounds() {
    for reader in Reader::ALL {
        for hostile in every_kind() {
            check(reader, &hostile);
        }
    }
}

#[cfg(unix)]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    #[ignore = "long run: cargo test --test reliability fuzz_files -- --ignored"]
    fn every_reader_answers_hostile_files_within_bounds_long(
        reader in select(Reader::ALL.to_vec()), hostile in hostile()
    ) {
        check(reader, &hostile);
    }
}

#[test]
fn a_config_over_16_mb_or_a_template_over_1_mb_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse files: their length is all that is looked at.
    let config = dir.path().join("config.toml");
    fs::File::create(&config)
        .unwrap()
        .set_len(usce::config::MAX_CONFIG_BYTES + 1)
        .unwrap();
    let err = usce::config::load(&config).unwrap_err().to_string();
    assert!(err.contains("more than the 16777216"), "{err}");
    let templates = dir.path().join("templates");
    fs::create_dir(&templates).unwrap();
    fs::File::create(templates.join("huge.txt"))
        .unwrap()
        .set_len(usce::mail::MAX_TEMPLATE_BYTES + 1)
        .unwrap();
    fs::write(templates.join("small.txt"), "Subject: Hi\n\nHello\n").unwrap();
    let set = usce::mail::TemplateSet::load(Some(&templates)).unwrap();
    let problems: Vec<String> = set
        .problems()
        .map(|(name, e)| format!("{name}: {e}"))
        .collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("huge: ") && problems[0].contains("more than the 1048576"),
        "{problems:?}"
    );
    assert!(set.names().any(|n| n == "small"), "the others still load");
}
