//! The program list, grouped by state. Only the rows that fit on screen
//! are built, so 15,000 programs cost no more per frame than 30.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit::{BADGE_WIDTH, badge};
use super::text::{fit, pad};
use super::{Theme, pane_block};
use crate::app::command::Command;
use crate::app::keymap::KeyContext;
use crate::app::list::{ProgramList, Row};
use crate::app::mouse::PaneArea;
use crate::app::{AppState, Pane};
use crate::domain::plural::count;
use unicode_width::UnicodeWidthStr;

/// The right-hand column: the next step, or the status when there is none.
const STATUS_WIDTH: usize = 18;
/// Below this width rows drop the fit badge, to keep some of the name.
const BADGE_MIN_WIDTH: usize = 24;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let list = &state.list;
    let focused = state.focus == Pane::Programs && state.form.is_none();
    let mut active = Vec::new();
    if !list.filter().is_empty() {
        active.push(format!("“{}”", fit(list.filter(), 20)));
    }
    if !list.filters().is_empty() {
        active.push(list.filters().describe());
    }
    let sort = if list.sorted_by_fit() {
        "by fit"
    } else if !list.filter().is_empty() {
        "by match"
    } else {
        "by name"
    };
    let title = if active.is_empty() {
        Line::from(format!(" Programs · {sort} "))
    } else {
        Line::from(format!(
            " Programs · {sort} — {} ({} shown) ",
            fit(&active.join(" · "), 50),
            list.matched_len()
        ))
    };
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    state.areas.programs.set(PaneArea {
        outer: area,
        rows: inner,
        offset: 0,
    });
    if list.rows().is_empty() {
        let key = |command| state.keymap.key_for(KeyContext::Programs, &command);
        let msg = if list.programs().is_empty() {
            format!(
                "No programs yet. Press {} to add one, or {} to import a list.",
                key(Command::AddProgram),
                key(Command::Import)
            )
        } else {
            format!(
                "Nothing matches the search or filters. {} clears them.",
                key(Command::Cancel)
            )
        };
        frame.render_widget(Paragraph::new(msg).style(theme.dim()), inner);
        return;
    }
    let height = inner.height as usize;
    let offset = scroll_offset(list, height);
    state.areas.programs.set(PaneArea {
        outer: area,
        rows: inner,
        offset,
    });
    let width = inner.width as usize;
    let lines: Vec<Line> = list
        .view(offset, height)
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let line = row_line(list, row, width, theme, state);
            if offset + i == list.selected_index() {
                line.style(theme.selected(focused))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Keeps the selection on screen, moving the window as little as possible,
/// and records it (and the page size) for the next frame and PgUp/PgDn.
fn scroll_offset(list: &ProgramList, height: usize) -> usize {
    let selected = list.selected_index();
    let mut offset = list.offset.get();
    if selected < offset {
        offset = selected;
    } else if height > 0 && selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset = offset.min(list.rows().len().saturating_sub(height.max(1)));
    list.offset.set(offset);
    list.viewport.set(height);
    offset
}

/// Splits text into spans, the characters at `marks` in the match style.
fn highlighted(text: &str, marks: &[usize], base: Style, theme: &Theme) -> Vec<Span<'static>> {
    if marks.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in text.chars().enumerate() {
        let marked = marks.binary_search(&i).is_ok();
        if marked != run_marked && !run.is_empty() {
            let style = if run_marked {
                base.patch(theme.matched())
            } else {
                base
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = marked;
        run.push(c);
    }
    let style = if run_marked {
        base.patch(theme.matched())
    } else {
        base
    };
    spans.push(Span::styled(run, style));
    spans
}

/// The name and "  city · specialty", together exactly `width` columns.
fn name_and_detail(
    p: &crate::domain::Program,
    width: usize,
    readiness: Option<&str>,
) -> (String, String) {
    let full = match readiness {
        Some(ready) if detail_text(p).is_empty() => format!("  {ready}"),
        Some(ready) => format!("  {ready} · {}", detail_text(p)),
        None => format!("  {}", detail_text(p)),
    };
    // Cut at the city rather than in the middle of the specialty; with
    // documents to get ready, their state matters more than the city.
    let short = match readiness {
        Some(ready) => format!("  {ready}"),
        None => format!("  {}", p.city),
    };
    let room = match readiness {
        // The name keeps its whole width as long as the readiness keeps
        // a dozen columns: which program comes first, then its documents.
        Some(_) => {
            let left = width.saturating_sub(p.name.width());
            full.width().min(left.max(READINESS_MIN.min(width / 2)))
        }
        None => detail_room(&p.name, &full, short.trim(), width),
    };
    let detail = if full.width() > room && !short.trim().is_empty() && short.width() <= room {
        short
    } else {
        full
    };
    let name = fit(&p.name, width.saturating_sub(room.min(detail.width())));
    let rest = width.saturating_sub(name.width());
    let detail = pad(&detail, rest);
    (name, detail)
}

/// "city · specialty", leaving out a specialty the name already says
/// ("Bluegrass Regional Internal Medicine" needs no "· Internal Medicine").
fn detail_text(p: &crate::domain::Program) -> String {
    let says_it =
        !p.specialty.is_empty() && p.name.to_lowercase().contains(&p.specialty.to_lowercase());
    match (p.city.is_empty(), says_it || p.specialty.is_empty()) {
        (true, true) => String::new(),
        (true, false) => p.specialty.clone(),
        (false, true) => p.city.clone(),
        (false, false) => format!("{} · {}", p.city, p.specialty),
    }
}

/// The least a row's documents readiness keeps when the name is long.
const READINESS_MIN: usize = 12;

/// Below this many columns a row keeps the name whole before any detail.
const SPLIT_MIN_WIDTH: usize = 24;

/// Columns kept for "  city · specialty" when the name and it do not both
/// fit: up to a third of a wide row, so a long name ("University of
/// Kentucky College of Medicine Program — Internal Medicine") keeps its
/// start and the place still shows. Enter opens the detail view with
/// everything in full.
fn detail_room(name: &str, detail: &str, city: &str, width: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    let (name_w, detail_w) = (name.width(), detail.width());
    if name_w + detail_w <= width {
        detail_w
    } else if width < SPLIT_MIN_WIDTH {
        width.saturating_sub(name_w)
    } else {
        // A short name stays whole; a long one leaves a third, or the
        // whole city (with its two spaces) up to half the row.
        let city = (city.width() + 2).min(width / 2);
        detail_w.min(width.saturating_sub(name_w).max(width / 3).max(city))
    }
}

/// One row: a state header with counts, or a program.
pub fn row_line<'a>(
    list: &ProgramList,
    row: Row,
    width: usize,
    theme: &Theme,
    state: &AppState,
) -> Line<'a> {
    let next_actions = &state.next_actions;
    list.rows_built.set(list.rows_built.get() + 1);
    match row {
        Row::Header(us) => {
            let c = list.counts(us);
            let fold = if list.is_collapsed(us) { "▸" } else { "▾" };
            let text = format!(
                "{fold} {}  {}  {} · {} contacted · {} replied",
                us.code(),
                us.name(),
                count(c.programs, "program"),
                c.contacted,
                c.replied
            );
            Line::styled(fit(&text, width), theme.group_header())
        }
        Row::Program(i) => {
            let p = list.program(i);
            let status_w = if width >= 50 { STATUS_WIDTH } else { 0 };
            let badge_w = if width >= BADGE_MIN_WIDTH {
                BADGE_WIDTH + 1
            } else {
                0
            };
            let name_w = width.saturating_sub(4 + badge_w + status_w);
            // "docs 5/7 · TB expires before start", for a program stating
            // its required documents (issue 19): shown before the city.
            let ready = crate::app::after_yes::readiness_line(state, p);
            let (name, detail) = name_and_detail(p, name_w, ready.as_deref());
            let search = list.search();
            let mut spans = vec![
                Span::raw("  "),
                Span::styled(p.status.symbol(), theme.status(p.status)),
                Span::raw(" "),
            ];
            spans.extend(highlighted(
                &name,
                &search.highlights(&name),
                Style::new(),
                theme,
            ));
            spans.extend(highlighted(
                &detail,
                &search.highlights(&detail),
                theme.dim(),
                theme,
            ));
            if badge_w > 0 {
                let verdict = list.verdict(i);
                spans.push(Span::raw(" "));
                spans.push(Span::styled(
                    pad(badge(verdict), BADGE_WIDTH),
                    theme.fit(verdict),
                ));
            }
            if status_w > 0 {
                // The row is a to-do list: the next step wins over the status
                // word (the status still shows as the symbol on the left).
                // A bouncing address comes first: nothing else will reach them.
                let bouncing = state.mail_sync.bouncing_programs.contains(&p.id);
                let (text, style) = match next_actions.get(&p.id) {
                    _ if bouncing => ("⚠ bouncing".to_owned(), theme.error()),
                    Some(next) => (fit(&next.text, status_w - 1), theme.key()),
                    None => (p.status.label().to_string(), theme.status(p.status)),
                };
                spans.push(Span::styled(format!("{text:>status_w$}"), style));
            }
            Line::from(spans)
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::app::AppState;
    use crate::app::list::ProgramList;
    use crate::domain::{Program, ProgramId};
    use crate::sample_gen::generate;
    use crate::ui::{Theme, render};

    fn screen(terminal: &mut Terminal<TestBackend>, state: &AppState) -> String {
        state.list.rows_built.set(0);
        terminal
            .draw(|f| render(f, state, &Theme::plain()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        buffer.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn a_national_list_builds_only_the_rows_on_screen() {
        let programs: Vec<Program> = generate(15_000, 0, 1)
            .programs
            .into_iter()
            .enumerate()
            .map(|(i, (p, _))| Program {
                id: ProgramId(i as i64 + 1),
                ..p
            })
            .collect();
        let mut state = AppState::new(ProgramList::new(programs, None));
        let mut terminal = Terminal::new(TestBackend::new(120, 36)).unwrap();

        screen(&mut terminal, &state);
        let built = state.list.rows_built.get();
        assert!((1..=36).contains(&built), "top: {built} rows built");

        state.list.select_last();
        let shown = screen(&mut terminal, &state);
        let built = state.list.rows_built.get();
        assert!((1..=36).contains(&built), "bottom: {built} rows built");
        let last = state.list.selected_program().unwrap().name.clone();
        let start: String = last.chars().take(20).collect();
        assert!(shown.contains(&start), "the last program is on screen");

        state.list.set_filter("intmed");
        screen(&mut terminal, &state);
        let built = state.list.rows_built.get();
        assert!((1..=36).contains(&built), "filtered: {built} rows built");
    }
}
