//! The lenient import's account of its cells: which were repaired, and
//! which optional ones could not be read and were left unknown, by column
//! and with their lines, so nothing is lost without the user being told.

use super::ImportIssue;

/// Lines listed per message before the rest are counted.
const MAX_LINES_LISTED: usize = 1_000;

#[derive(Debug, Default)]
pub struct CellReport {
    /// (column, note) → how many cells.
    repairs: Vec<((String, &'static str), usize)>,
    /// Unreadable cells left unknown, in file order.
    unread: Vec<ImportIssue>,
}

impl CellReport {
    pub fn repaired(&mut self, column: String, note: &'static str) {
        match self
            .repairs
            .iter_mut()
            .find(|((c, n), _)| *n == note && *c == column)
        {
            Some((_, count)) => *count += 1,
            None => self.repairs.push(((column, note), 1)),
        }
    }

    pub fn left_unknown(&mut self, issues: Vec<ImportIssue>) {
        self.unread.extend(issues);
    }

    /// One line per column and repair ("visa: 185 cells `[]` read as none
    /// listed"), then one per column and reason with every line left
    /// unknown ("visa: 2 cells left unknown (…): lines 24, 31").
    pub fn summary(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .repairs
            .iter()
            .map(|((column, note), count)| format!("{column}: {}: {note}", cells(*count)))
            .collect();
        let mut groups: Vec<(&str, &str, Vec<u64>)> = Vec::new();
        for issue in &self.unread {
            let reason = reason_of(&issue.message);
            match groups
                .iter_mut()
                .find(|(c, r, _)| *c == issue.column && *r == reason)
            {
                Some((_, _, found)) => found.push(issue.line),
                None => groups.push((&issue.column, reason, vec![issue.line])),
            }
        }
        for (column, _, found) in &groups {
            let example = self
                .unread
                .iter()
                .find(|i| i.column == *column && found.first() == Some(&i.line))
                .map_or("", |i| i.message.as_str());
            let mut listed: Vec<String> = found
                .iter()
                .take(MAX_LINES_LISTED)
                .map(u64::to_string)
                .collect();
            if found.len() > MAX_LINES_LISTED {
                listed.push(format!("and {} more", found.len() - MAX_LINES_LISTED));
            }
            lines.push(format!(
                "{column}: {} left unknown ({example}): line{} {}",
                cells(found.len()),
                if found.len() == 1 { "" } else { "s" },
                listed.join(", ")
            ));
        }
        lines
    }
}

fn cells(n: usize) -> String {
    crate::domain::plural::count(n, "cell")
}

/// What a message says once the quoted cell is taken out, so that
/// "\"x\" is not a date" and "\"y\" is not a date" group together.
fn reason_of(message: &str) -> &str {
    match message.strip_prefix('"') {
        Some(rest) => rest.find("\" ").map_or(message, |end| &rest[end + 2..]),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unread(line: u64, message: &str) -> ImportIssue {
        ImportIssue {
            line,
            column: "visa".into(),
            message: message.into(),
        }
    }

    #[test]
    fn repairs_are_counted_and_unknowns_listed_by_line() {
        let mut report = CellReport::default();
        for _ in 0..3 {
            report.repaired("visa".into(), "`[]` read as none listed");
        }
        report.left_unknown(vec![
            unread(24, "\"['F-1']\" names no residency visa (J-1 or H-1B)"),
            unread(31, "\"['F-2']\" names no residency visa (J-1 or H-1B)"),
        ]);
        assert_eq!(
            report.summary(),
            [
                "visa: 3 cells: `[]` read as none listed",
                "visa: 2 cells left unknown (\"['F-1']\" names no residency visa (J-1 or H-1B)): lines 24, 31",
            ]
        );
    }
}
