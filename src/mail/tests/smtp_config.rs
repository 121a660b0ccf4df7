use crate::mail::{Security, SendError, SmtpConfig};

fn config() -> SmtpConfig {
    toml::from_str(
        r#"
        host = "smtp.example.org"
        port = 587
        username = "amina"
        from = "Amina Yusuf <amina.yusuf@example.org>"
        password_cmd = ["sh", "-c", "echo hunter2-secret"]
        "#,
    )
    .unwrap()
}

#[test]
fn config_parses_from_toml_with_starttls_by_default() {
    let cfg = config();
    assert_eq!(cfg.security, Security::StartTls);
    cfg.validate().unwrap();
    assert_eq!(cfg.sender().unwrap().name, "Amina Yusuf");
    let tls: SmtpConfig = toml::from_str(
        "host = \"h.example.org\"\nport = 465\nsecurity = \"tls\"\nfrom = \"a@b.org\"",
    )
    .unwrap();
    assert_eq!(tls.security, Security::Tls);
}

#[test]
fn a_password_in_the_config_file_is_refused() {
    let err = toml::from_str::<SmtpConfig>(
        "host = \"h\"\nport = 587\nfrom = \"a@b.org\"\npassword = \"hunter2\"",
    )
    .unwrap_err();
    assert!(err.to_string().contains("password"), "{err}");
}

#[test]
fn debug_output_never_shows_the_password() {
    let cfg = config();
    let password = cfg.password().unwrap().unwrap();
    assert_eq!(password.expose(), "hunter2-secret");
    for shown in [
        format!("{cfg:?}"),
        format!("{cfg:#?}"),
        format!("{password:?}"),
    ] {
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}

#[test]
fn password_cmd_failure_surfaces_its_stderr() {
    let mut cfg = config();
    cfg.password_cmd = Some(vec![
        "sh".into(),
        "-c".into(),
        "echo 'gpg: decryption failed: No secret key' >&2; echo leaked-stdout; exit 2".into(),
    ]);
    let err = cfg.password().unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, SendError::PasswordCmdFailed { .. }));
    assert!(
        text.contains("gpg: decryption failed: No secret key"),
        "{text}"
    );
    assert!(!text.contains("leaked-stdout"), "{text}");

    cfg.password_cmd = Some(vec!["/no/such/password-manager".into()]);
    assert!(matches!(
        cfg.password(),
        Err(SendError::PasswordCmdStart { .. })
    ));
    cfg.password_cmd = Some(vec!["true".into()]);
    assert!(matches!(
        cfg.password(),
        Err(SendError::PasswordCmdEmpty { .. })
    ));
}

#[test]
fn password_cmd_runs_without_a_shell() {
    let mut cfg = config();
    // With a shell this would print "x"; without one echo prints it verbatim.
    cfg.password_cmd = Some(vec!["echo".into(), "$(echo x);".into()]);
    assert_eq!(cfg.password().unwrap().unwrap().expose(), "$(echo x);");
}

#[test]
fn password_env_names_the_variable_when_unset() {
    let mut cfg = config();
    cfg.password_cmd = None;
    cfg.password_env = Some("USCE_TEST_SURELY_UNSET_VARIABLE".into());
    let err = cfg.password().unwrap_err();
    assert!(err.to_string().contains("USCE_TEST_SURELY_UNSET_VARIABLE"));
}

#[test]
fn unencrypted_smtp_is_allowed_only_on_loopback() {
    let mut cfg = config();
    cfg.security = Security::None;
    let err = cfg.validate().unwrap_err();
    assert!(
        err.to_string()
            .contains("only for a server on this machine"),
        "{err}"
    );
    for host in ["localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]"] {
        cfg.host = host.into();
        cfg.validate().unwrap_or_else(|e| panic!("{host}: {e}"));
    }
    for host in ["10.0.0.1", "128.0.0.1", "localhost.example.org", "::2"] {
        cfg.host = host.into();
        assert!(cfg.validate().is_err(), "{host}");
    }
}

#[test]
fn inconsistent_login_settings_are_explained() {
    let mut cfg = config();
    cfg.password_env = Some("X".into());
    assert!(cfg.validate().unwrap_err().to_string().contains("not both"));
    let mut cfg = config();
    cfg.password_cmd = None;
    assert!(cfg.validate().unwrap_err().to_string().contains("username"));
    let mut cfg = config();
    cfg.username = None;
    assert!(cfg.validate().is_err());
    let mut cfg = config();
    cfg.from = "nobody".into();
    assert!(cfg.validate().is_err());
}
