//! Colours and emphasis. With `NO_COLOR` set every style keeps only its
//! modifiers (bold, reversed), so meaning never rests on colour alone:
//! statuses also carry a symbol and a word.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::Status;
use crate::domain::fit::{ReasonKind, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { color: true }
    }
}

impl Theme {
    /// Honours the NO_COLOR convention (https://no-color.org): any
    /// non-empty value turns colour off.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn status(&self, status: Status) -> Style {
        self.fg(match status {
            Status::Researching => Color::Gray,
            Status::Shortlisted => Color::Cyan,
            Status::NotAFit => Color::DarkGray,
            Status::Contacted => Color::Yellow,
            Status::Replied => Color::LightBlue,
            Status::Applied => Color::Magenta,
            Status::Accepted => Color::Green,
            Status::Declined => Color::Red,
            Status::Completed => Color::LightGreen,
        })
    }

    pub fn group_header(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::LightYellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::LightGreen)
    }

    /// Characters a search matched: underlined so it shows without colour.
    pub fn matched(&self) -> Style {
        self.fg(Color::LightYellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A fit badge; the badge's symbol and word carry the meaning.
    pub fn fit(&self, verdict: Verdict) -> Style {
        self.fg(match verdict {
            Verdict::Fits => Color::Green,
            Verdict::Check => Color::Yellow,
            Verdict::NotFit => Color::LightRed,
        })
    }

    /// One reason of a fit check, coloured like the verdict it leads to.
    pub fn reason(&self, kind: ReasonKind) -> Style {
        self.fit(match kind {
            ReasonKind::Ok => Verdict::Fits,
            ReasonKind::Unknown => Verdict::Check,
            ReasonKind::Fails => Verdict::NotFit,
        })
    }

    /// A state marked done in the states overview.
    pub fn done(&self) -> Style {
        self.fg(Color::LightGreen)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}
