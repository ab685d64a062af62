//! A one-line progress display on stderr for long loads.

use std::io::Write;
use std::sync::Mutex;

use crate::load::Progress;

/// Redraws one status line in place; only use it when stderr is a terminal.
#[derive(Default)]
pub struct ProgressLine {
    drawn: Mutex<bool>,
}

impl ProgressLine {
    pub fn draw(&self, p: &Progress) {
        let seconds = p.elapsed.as_secs_f64().max(0.001);
        let line = format!(
            "\r{:>9} articles  {:>8.1} MB  {:>7.0} articles/s  {} stored ",
            p.articles,
            p.bytes as f64 / 1e6,
            p.articles as f64 / seconds,
            p.stored
        );
        if let Ok(mut drawn) = self.drawn.lock() {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(line.as_bytes());
            let _ = err.flush();
            *drawn = true;
        }
    }

    /// Clears the line so the next message starts clean.
    pub fn clear(&self) {
        if let Ok(mut drawn) = self.drawn.lock()
            && *drawn
        {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{:79}\r", "");
            let _ = err.flush();
            *drawn = false;
        }
    }
}
