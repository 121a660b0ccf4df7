//! What must hold when things go wrong or turn hostile: SIGKILL at any
//! point (`crash`, `crash_cli`), two processes on one database
//! (`concurrency`), hostile files and templates (`hostile_input`), private
//! file modes (`security`), the log (`logging`), and the real home kept
//! out of every test run (`home`), and issue 18's bounds and
//! safe writes (`hardening`).

#[path = "../support/mod.rs"]
mod support;

mod concurrency;
mod crash;
mod crash_cli;
mod hardening;
mod home;
mod hostile_input;
mod import_lock;
mod logging;
mod security;
