//! Files usce writes and databases it opens.

use std::fs;

use super::*;

// ---- 11: backup names ----

#[test]
fn backups_in_the_same_second_all_succeed_with_distinct_names() {
    let dir = tempfile::tempdir().unwrap();
    db_with(&dir, &[Program::new("Bluegrass Internal Medicine", ky())]);
    // Ten in a row take well under a second each, so several share one;
    // with second-resolution names the second of them failed.
    let mut said = Vec::new();
    for _ in 0..10 {
        said.push(stdout(usce(dir.path()).arg("backup")));
    }
    let backups: Vec<PathBuf> = fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 10, "{said:?}");
    for path in &backups {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // usce-YYYYMMDD-HHMMSS-mmm.db, or with -N when that was taken.
        assert!(name.starts_with("usce-") && name.ends_with(".db"), "{name}");
        assert!(name.len() >= "usce-20260310-101530-123.db".len(), "{name}");
        let copy = Store::open(path).unwrap();
        assert_eq!(copy.count_programs().unwrap(), 1);
    }
}

// ---- 14: never write through a link; always leave 0600 ----

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn export_onto_an_existing_world_readable_file_leaves_it_0600() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    db_with(&dir, &[Program::new("Bluegrass Internal Medicine", ky())]);
    let out = dir.path().join("programs.csv");
    fs::write(
        &out,
        "old contents that are much longer than the export will be\n".repeat(100),
    )
    .unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
    for format in ["csv", "json"] {
        stdout(
            usce(dir.path())
                .args(["export", "--format", format, "-o"])
                .arg(&out),
        );
        assert_eq!(mode(&out), 0o600, "{format}");
        let text = fs::read_to_string(&out).unwrap();
        assert!(
            text.contains("Bluegrass") && !text.contains("old contents"),
            "{text}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_planted_symlink_is_never_written_through() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(&dir, &[]);
    let mut store = Store::open(&db).unwrap();
    let p = store
        .insert_program(&Program::new("Bluegrass Internal Medicine", ky()))
        .unwrap();
    store
        .insert_contact(&usce::domain::Contact {
            program_id: p.id,
            role: usce::domain::Role::Coordinator,
            name: "Dana".into(),
            email: "gme@example.edu".into(),
            ..Default::default()
        })
        .unwrap();
    let mut profile = store.profile().unwrap();
    profile.full_name = "Ana Applicant".into();
    profile.email = "ana@example.org".into();
    store.save_profile(&profile).unwrap();
    drop(store);
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious\n").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).unwrap();
    let untouched = |what: &str| {
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious\n", "{what}");
        assert_eq!(mode(&victim), 0o644, "{what}");
    };

    // The .eml usce would write for this program, planted as a link.
    let eml_dir = dir.path().join("out");
    fs::create_dir(&eml_dir).unwrap();
    let planted = eml_dir.join(format!("KY-{}-bluegrass-internal-medicine.eml", p.id.0));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let templates = dir.path().join("templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("plain.txt"),
        "Subject: Hello {{ program.name }}\n\nDear {{ contact.name }},\n",
    )
    .unwrap();
    let out = usce(dir.path())
        .args([
            "outreach",
            "--template",
            "plain",
            "--state",
            "KY",
            "--eml-dir",
        ])
        .arg(&eml_dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{out:?}");
    assert!(
        err.contains("is a symbolic link; usce does not write there"),
        "{err}"
    );
    untouched("--eml-dir");

    // Export and generated lists, onto a link to the file.
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    for args in [
        vec!["export", "-o"],
        vec!["export", "--format", "json", "-o"],
        vec!["sample", "--generate", "5", "--out"],
    ] {
        let out = usce(dir.path()).args(&args).arg(&link).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {out:?}");
        assert!(err.contains("is a symbolic link"), "{args:?}: {err}");
        untouched(args[0]);
    }
    // A dangling link is not followed to create its target either.
    let target = dir.path().join("created-through-link.csv");
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink(&target, &dangling).unwrap();
    for args in [vec!["export", "-o"], vec!["backup", "-o"]] {
        let out = usce(dir.path())
            .args(&args)
            .arg(&dangling)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}: {out:?}");
        assert!(!target.exists(), "{args:?} wrote through a dangling link");
    }
}

// ---- 17: a database that cannot be written can still be read ----

/// Runs usce with `ro` mounted read-only, in a private mount namespace
/// (`unshare -rm`, which an unprivileged user may run too). `None` where
/// the system allows no such namespace.
#[cfg(target_os = "linux")]
fn usce_on_read_only(home: &Path, ro: &Path, args: &[&str]) -> Option<std::process::Output> {
    let probe = std::process::Command::new("unshare")
        .args(["-rm", "true"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return None;
    }
    let cmd = usce(home);
    let mut sh = Command::new("unshare");
    sh.args(["-rm", "sh", "-c"])
        .arg(
            "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" \"$0\" && \
             ! touch \"$0/probe\" 2>/dev/null && exec \"$@\"",
        )
        .arg(ro)
        .arg(assert_cmd::cargo::cargo_bin("usce"))
        .args(cmd.get_args())
        .args(args)
        .timeout(std::time::Duration::from_secs(60));
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => sh.env(key, v),
            None => sh.env_remove(key),
        };
    }
    Some(sh.output().unwrap())
}

#[cfg(target_os = "linux")]
#[test]
fn a_database_on_a_read_only_filesystem_opens_for_reading() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Program::new("Bluegrass Internal Medicine", ky());
    p.city = "Lexington".into();
    let db = db_with(&dir, &[p]);
    assert!(!dir.path().join("usce.db-shm").exists(), "closed cleanly");
    let elsewhere = tempfile::tempdir().unwrap();
    let backup = elsewhere.path().join("copy.db");
    let csv = elsewhere.path().join("list.csv");
    fs::write(&csv, "program_name,state\nNew Program,KY\n").unwrap();
    let (backup_arg, csv_arg) = (backup.display().to_string(), csv.display().to_string());
    let reads: [&[&str]; 8] = [
        &["list"],
        &["list", "--format", "json"],
        &["export"],
        &["states"],
        &["due"],
        &["stats"],
        &["import", "--dry-run", &csv_arg],
        &["backup", "-o", &backup_arg],
    ];
    for args in reads {
        let Some(out) = usce_on_read_only(dir.path(), dir.path(), args) else {
            #[allow(clippy::print_stderr)] // say why nothing was checked
            {
                eprintln!("skipped: no private mount namespace here (unshare -rm)");
            }
            return;
        };
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(
            err.contains(&format!(
                "note: {} cannot be written here (read-only filesystem or no permission); \
                 opened read-only, changes are disabled",
                db.display()
            )),
            "{args:?}: {err}"
        );
        if args[0] == "list" || args[0] == "export" {
            assert!(
                String::from_utf8_lossy(&out.stdout).contains("Bluegrass"),
                "{out:?}"
            );
        }
    }
    assert_eq!(Store::open(&backup).unwrap().count_programs().unwrap(), 1);
    // Writing still fails, and says so.
    let out = usce_on_read_only(dir.path(), dir.path(), &["states", "--done", "KY"]).unwrap();
    assert!(!out.status.success(), "{out:?}");
}

// ---- 19: a foreign or damaged database is named, not dumped ----

#[test]
fn a_foreign_or_damaged_database_is_named_without_dumping_the_schema() {
    let damaged = tempfile::tempdir().unwrap();
    let db = db_with(&damaged, &[Program::new("Bluegrass", ky())]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", -1).unwrap();
    drop(conn);
    let foreign = tempfile::tempdir().unwrap();
    let conn = rusqlite::Connection::open(foreign.path().join("usce.db")).unwrap();
    conn.execute_batch("CREATE TABLE programs (x)").unwrap();
    drop(conn);
    for (dir, detail) in [
        (&damaged, "schema version -1"),
        (&foreign, "table programs already exists"),
    ] {
        let out = usce(dir.path()).arg("list").output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{out:?}");
        let expected = format!(
            "usce: not a usce database (or damaged): {} ({detail})\n",
            dir.path().join("usce.db").display()
        );
        assert_eq!(err, expected);
    }
}
