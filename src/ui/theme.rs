//! Colours and emphasis. With `NO_COLOR` set every style keeps only its
//! modifiers (bold, reversed), so meaning never rests on colour alone:
//! statuses also carry a symbol and a word.
//!
//! Two palettes: `dark` (the default, for light text on a dark terminal)
//! and `light` (dark colours that stay readable on a white background).

use ratatui::style::{Color, Modifier, Style};

pub use crate::config::ThemeName;
use crate::domain::Status;
use crate::domain::fit::{ReasonKind, Verdict};

/// Every colour the screens use, by what it marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// In `Status::ALL` order.
    pub status: [Color; 9],
    pub group_header: Color,
    pub border_focused: Color,
    pub border: Color,
    pub dim: Color,
    pub key: Color,
    pub error: Color,
    pub info: Color,
    pub matched: Color,
    /// Fit verdicts: fits, check, not a fit; and a state marked done.
    pub fit: [Color; 3],
    pub done: Color,
}

impl Palette {
    pub const DARK: Palette = Palette {
        status: [
            Color::Gray,       // researching
            Color::Cyan,       // shortlisted
            Color::DarkGray,   // not a fit
            Color::Yellow,     // contacted
            Color::LightBlue,  // replied
            Color::Magenta,    // applied
            Color::Green,      // accepted
            Color::Red,        // declined
            Color::LightGreen, // completed
        ],
        group_header: Color::LightCyan,
        border_focused: Color::LightCyan,
        border: Color::DarkGray,
        dim: Color::DarkGray,
        key: Color::LightYellow,
        error: Color::LightRed,
        info: Color::LightGreen,
        matched: Color::LightYellow,
        fit: [Color::Green, Color::Yellow, Color::LightRed],
        done: Color::LightGreen,
    };

    /// xterm-256 colours rather than the 16 named ones: light terminal
    /// themes often remap "yellow" or "cyan" to something unreadable on
    /// white, the 256-colour cube is the same everywhere.
    pub const LIGHT: Palette = Palette {
        status: [
            Color::Indexed(240), // researching: dark grey
            Color::Indexed(24),  // shortlisted: deep teal
            Color::Indexed(246), // not a fit: mid grey
            Color::Indexed(130), // contacted: dark orange
            Color::Indexed(19),  // replied: navy
            Color::Indexed(90),  // applied: plum
            Color::Indexed(28),  // accepted: green
            Color::Indexed(124), // declined: dark red
            Color::Indexed(22),  // completed: dark green
        ],
        group_header: Color::Indexed(24),
        border_focused: Color::Indexed(25),
        border: Color::Indexed(248),
        dim: Color::Indexed(242),
        key: Color::Indexed(130),
        error: Color::Indexed(160),
        info: Color::Indexed(28),
        matched: Color::Indexed(130),
        fit: [Color::Indexed(28), Color::Indexed(130), Color::Indexed(160)],
        done: Color::Indexed(28),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(ThemeName::Dark, true)
    }
}

impl Theme {
    pub fn new(name: ThemeName, color: bool) -> Theme {
        let palette = match name {
            ThemeName::Dark => Palette::DARK,
            ThemeName::Light => Palette::LIGHT,
        };
        Theme { color, palette }
    }

    /// No colour at all, only bold, underline and reverse.
    pub fn plain() -> Theme {
        Theme::new(ThemeName::Dark, false)
    }

    /// The named palette, unless the NO_COLOR convention
    /// (https://no-color.org) asks for none: any non-empty value wins over
    /// the config.
    pub fn from_env(name: ThemeName) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(name, !no_color)
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn status(&self, status: Status) -> Style {
        let i = Status::ALL.iter().position(|s| *s == status);
        let color = i.and_then(|i| self.palette.status.get(i)).copied();
        self.fg(color.unwrap_or(Color::Reset))
    }

    pub fn group_header(&self) -> Style {
        self.fg(self.palette.group_header)
            .add_modifier(Modifier::BOLD)
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
            self.fg(self.palette.border_focused)
                .add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.palette.border)
        }
    }

    pub fn dim(&self) -> Style {
        self.fg(self.palette.dim)
    }

    pub fn key(&self) -> Style {
        self.fg(self.palette.key).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(self.palette.info)
    }

    /// Characters a search matched: underlined so it shows without colour.
    pub fn matched(&self) -> Style {
        self.fg(self.palette.matched)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A fit badge; the badge's symbol and word carry the meaning.
    pub fn fit(&self, verdict: Verdict) -> Style {
        self.fg(match verdict {
            Verdict::Fits => self.palette.fit[0],
            Verdict::Check => self.palette.fit[1],
            Verdict::NotFit => self.palette.fit[2],
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
        self.fg(self.palette.done)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_a_colour_in_both_palettes() {
        for palette in [Palette::DARK, Palette::LIGHT] {
            assert_eq!(palette.status.len(), Status::ALL.len());
        }
    }

    #[test]
    fn no_colour_means_no_colour_in_either_palette() {
        for name in [ThemeName::Dark, ThemeName::Light] {
            let theme = Theme::new(name, false);
            for style in [
                theme.key(),
                theme.dim(),
                theme.border(true),
                theme.status(Status::Replied),
            ] {
                assert_eq!(style.fg, None);
            }
        }
    }
}
