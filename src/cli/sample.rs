//! `usce sample`: the bundled demo list, and made-up national lists for
//! load tests (`--generate`).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::CliResult;
use crate::clock::Clock;
use crate::paths;
use crate::sample_gen::generate;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Delete exactly the demo programs (and their contacts and log).
    #[arg(long, conflicts_with = "generate")]
    pub remove: bool,
    /// Make up N programs over every state and specialty (fictional names,
    /// example.org emails) for load tests; needs --out and/or --db-out.
    /// Your own database is not touched.
    #[arg(long, value_name = "N")]
    pub generate: Option<usize>,
    /// Log entries to make up, spread over the programs (needs --db-out:
    /// a CSV file holds programs only).
    #[arg(long, value_name = "M", default_value_t = 0, requires = "generate")]
    pub interactions: usize,
    /// Write the programs as CSV, ready for `usce import`.
    #[arg(long, value_name = "FILE.csv", requires = "generate")]
    pub out: Option<PathBuf>,
    /// Write a new database holding programs, contacts and the log.
    #[arg(long, value_name = "PATH", requires = "generate")]
    pub db_out: Option<PathBuf>,
    /// The same seed always makes the same list.
    #[arg(long, value_name = "S", default_value_t = 1, requires = "generate")]
    pub seed: u64,
}

/// `--remove`, or a count of the demo programs.
pub fn run(store: &mut Store, db: &Path, args: &SampleArgs, out: &mut dyn Write) -> CliResult {
    if args.remove {
        let n = store.remove_samples()?;
        writeln!(
            out,
            "removed {}",
            crate::domain::plural::count(n, "sample program")
        )?;
    } else {
        match store.count_samples()? {
            // Nothing to remove: saying how would only point at a no-op.
            0 => writeln!(out, "no sample programs in {}", db.display())?,
            n => {
                writeln!(
                    out,
                    "{} in {}",
                    crate::domain::plural::count(n, "sample program"),
                    db.display()
                )?;
                writeln!(out, "usce sample --remove deletes them")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--generate N`: writes the CSV and/or a fresh database.
/// The database's stamps come from `clock`.
pub fn run_generate(
    args: &SampleArgs,
    count: usize,
    clock: Clock,
    out: &mut dyn Write,
) -> CliResult {
    if args.out.is_none() && args.db_out.is_none() {
        return Err("--generate needs --out FILE.csv or --db-out PATH (or both)".into());
    }
    if args.interactions > 0 && args.db_out.is_none() {
        return Err("--interactions needs --db-out PATH: a CSV file holds programs only".into());
    }
    if let Some(path) = &args.db_out
        && path.exists()
    {
        return Err(format!(
            "{} already exists; --db-out writes a new database only",
            path.display()
        )
        .into());
    }
    let data = generate(count, args.interactions, args.seed);
    if let Some(path) = &args.out {
        let mut file = BufWriter::new(paths::create_private_file(path)?);
        crate::export::write_csv(&mut file, &data.programs)?;
        file.flush()?;
        let wrote = crate::domain::plural::count(count, "program");
        writeln!(out, "wrote {wrote} to {}", path.display())?;
    }
    if let Some(path) = &args.db_out {
        let s = Store::open(path)?
            .with_clock(clock)
            .insert_generated(&data)?;
        writeln!(
            out,
            "wrote {}, {} and {} to {}",
            crate::domain::plural::count(s.programs, "program"),
            crate::domain::plural::count(s.contacts, "contact"),
            crate::domain::plural::count(s.interactions, "log entry"),
            path.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counting() -> SampleArgs {
        SampleArgs {
            remove: false,
            generate: None,
            interactions: 0,
            out: None,
            db_out: None,
            seed: 1,
        }
    }

    #[test]
    fn an_empty_database_says_there_are_no_sample_programs() {
        let mut store = Store::open_in_memory().unwrap();
        store.remove_samples().unwrap();
        let mut out = Vec::new();
        run(&mut store, Path::new("usce.db"), &counting(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "no sample programs in usce.db\n");
    }
}
