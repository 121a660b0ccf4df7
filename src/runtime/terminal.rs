//! Mouse capture for the real terminal, switched on for the TUI and off
//! again however it ends. `ratatui::run` restores raw mode and the screen
//! (on a panic too) but knows nothing of the mouse, and a shell left with
//! mouse capture on prints escape codes at every click.

use std::io;
use std::sync::Once;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;

use super::Screen;

/// Mouse capture while alive: dropping it (a normal return, an error
/// returned with `?`) switches capture off; a panic hook does it before a
/// panic message prints.
pub struct MouseCapture {
    on: bool,
}

impl MouseCapture {
    pub fn start(on: bool) -> io::Result<MouseCapture> {
        if on {
            release_on_panic();
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(MouseCapture { on })
    }
}

impl Drop for MouseCapture {
    fn drop(&mut self) {
        if self.on {
            // Nothing better to do with an error while tearing down.
            let _ = execute!(io::stdout(), DisableMouseCapture);
        }
    }
}

/// Chains onto the hook `ratatui::run` installed, so the order on a panic
/// is: mouse off, terminal restored, message printed.
fn release_on_panic() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            previous(info);
        }));
    });
}

/// The terminal as effects see it: another program (an editor) gets it
/// without mouse capture, and capture comes back after.
pub struct Tty<'a> {
    pub terminal: &'a mut DefaultTerminal,
    pub mouse: bool,
}

impl Screen for Tty<'_> {
    fn suspended(&mut self, run: &mut dyn FnMut() -> io::Result<String>) -> io::Result<String> {
        if self.mouse {
            execute!(io::stdout(), DisableMouseCapture)?;
        }
        let result = self.terminal.suspended(run);
        if self.mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        result
    }

    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.terminal.write_raw(bytes)
    }
}
