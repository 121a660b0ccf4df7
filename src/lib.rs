//! usce: a terminal outreach planner for IMGs hunting U.S. clinical
//! experience. The binary is thin; everything lives here so tests reach it.

pub mod domain;
pub mod import;
