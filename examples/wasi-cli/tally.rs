//! What both commands count while they copy stdin to stdout, and the summary line they end with.
//! (Each crate includes this file as `mod tally`.)

/// Lines and bytes seen so far.
#[derive(Default)]
pub struct Tally {
    newlines: u64,
    bytes: u64,
    /// Whether the last byte seen ends a line unfinished (not a newline).
    open_line: bool,
}

impl Tally {
    /// Counts the next piece of input.
    pub fn add(&mut self, bytes: &[u8]) {
        self.bytes += bytes.len() as u64;
        self.newlines += bytes.iter().filter(|b| **b == b'\n').count() as u64;
        if let Some(last) = bytes.last() {
            self.open_line = *last != b'\n';
        }
    }

    /// `N lines, M bytes`, on a line of its own: after a newline when the input's last line
    /// had none (that line counts too).
    pub fn summary(&self) -> String {
        let lines = self.newlines + u64::from(self.open_line);
        let separator = if self.open_line { "\n" } else { "" };
        let plural = if lines == 1 { "" } else { "s" };
        format!("{separator}{lines} line{plural}, {} bytes\n", self.bytes)
    }
}
