//! A closed pipe is recognised however the writer wrapped it.

use std::io::{self, Write};

use super::is_broken_pipe;

/// stdout after `head` has gone: every write fails.
struct Closed(io::ErrorKind);

impl Write for Closed {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(self.0.into())
    }
    fn flush(&mut self) -> io::Result<()> {
        Err(self.0.into())
    }
}

fn json_error(kind: io::ErrorKind) -> Box<dyn std::error::Error> {
    let rows = vec!["one follow-up"; 3];
    serde_json::to_writer_pretty(Closed(kind), &rows)
        .unwrap_err()
        .into()
}

#[test]
fn a_closed_pipe_is_quiet_whichever_writer_met_it() {
    // `usce due --format json | head`: serde_json's error hides the io
    // error from `source()`, which once made this print "Broken pipe".
    assert!(is_broken_pipe(
        json_error(io::ErrorKind::BrokenPipe).as_ref()
    ));
    let plain: Box<dyn std::error::Error> = Box::new(io::Error::from(io::ErrorKind::BrokenPipe));
    assert!(is_broken_pipe(plain.as_ref()));
    let mut csv = csv::Writer::from_writer(Closed(io::ErrorKind::BrokenPipe));
    let csv_error = csv
        .write_record(["a", "b"])
        .and_then(|()| csv.flush().map_err(csv::Error::from))
        .unwrap_err();
    let wrapped: Box<dyn std::error::Error> = Box::new(crate::export::ExportError::from(csv_error));
    assert!(is_broken_pipe(wrapped.as_ref()));
}

#[test]
fn other_write_errors_are_still_reported() {
    assert!(!is_broken_pipe(
        json_error(io::ErrorKind::PermissionDenied).as_ref()
    ));
    let disk: Box<dyn std::error::Error> = Box::new(io::Error::from(io::ErrorKind::StorageFull));
    assert!(!is_broken_pipe(disk.as_ref()));
}
