//! A tiny source writer: lines, indentation and braced blocks.
//!
//! Emitters push whole lines; the writer owns indentation so the output is formatted as it is
//! produced, without a formatting pass afterwards.

use std::fmt::Write as _;

#[derive(Default)]
pub struct Source {
    text: String,
    indent: usize,
}

impl Source {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one line at the current indentation (an empty string gives an empty line).
    pub fn line(&mut self, line: impl AsRef<str>) {
        let line = line.as_ref();
        if !line.is_empty() {
            self.push_indent();
            self.text.push_str(line);
        }
        self.text.push('\n');
    }

    /// Appends a formatted line; avoids an intermediate `String` for hot paths.
    pub fn fmt_line(&mut self, args: std::fmt::Arguments<'_>) {
        self.push_indent();
        // A literal line (no arguments) needs no formatting machinery.
        match args.as_str() {
            Some(text) => self.text.push_str(text),
            None => {
                let _ = self.text.write_fmt(args);
            }
        }
        self.text.push('\n');
    }

    /// Adds an empty line unless the previous line is already empty or opens a block.
    fn push_indent(&mut self) {
        const SPACES: &str = "                                                                ";
        let mut n = self.indent * 4;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.text.push_str(&SPACES[..k]);
            n -= k;
        }
    }

    /// An empty source whose lines start `indent` levels deep: text written for a module nested
    /// that deep, which can then be appended as it is (see [`Source::push_text`]).
    pub fn at_indent(indent: usize) -> Self {
        Source {
            text: String::new(),
            indent,
        }
    }

    /// Appends text that is already indented (written by a source made with
    /// [`Source::at_indent`] at this source's current depth), as it is.
    pub fn push_text(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// An empty source with room for `bytes` of text.
    pub fn with_capacity(bytes: usize) -> Self {
        Source {
            text: String::with_capacity(bytes),
            indent: 0,
        }
    }

    pub fn blank(&mut self) {
        if self.text.is_empty() || self.text.ends_with("\n\n") || self.text.ends_with("{\n") {
            return;
        }
        self.text.push('\n');
    }

    /// Writes `head {`, runs `body` one level deeper, then writes `}` + `tail`.
    pub fn block(&mut self, head: impl AsRef<str>, tail: &str, body: impl FnOnce(&mut Self)) {
        self.open(head);
        body(self);
        self.close(tail);
    }

    /// Writes `head {` and goes one level deeper, until [`Source::close`].
    pub fn open(&mut self, head: impl AsRef<str>) {
        let head = head.as_ref();
        self.push_indent();
        if !head.is_empty() {
            self.text.push_str(head);
            self.text.push(' ');
        }
        self.text.push_str("{\n");
        self.indent += 1;
    }

    /// Ends a block opened by [`Source::open`] with `}` + `tail`.
    pub fn close(&mut self, tail: &str) {
        self.indent -= 1;
        if self.text.ends_with("\n\n") {
            self.text.pop();
        }
        self.push_indent();
        self.text.push('}');
        self.text.push_str(tail);
        self.text.push('\n');
    }

    /// Writes doc text as comment lines: the first after `first`, the others after `rest` (an
    /// empty line of text as `rest` alone).
    pub fn comment(&mut self, text: Option<&str>, first: &str, rest: &str) {
        for (i, l) in text.unwrap_or_default().lines().enumerate() {
            let lead = if i == 0 { first } else { rest };
            if l.is_empty() {
                self.line(lead);
            } else {
                self.fmt_line(format_args!("{lead} {l}"));
            }
        }
    }

    /// Appends already written text, each line at the current indentation plus its own.
    pub fn lines(&mut self, text: &str) {
        for l in text.lines() {
            self.line(l);
        }
    }

    pub fn indent(&mut self) {
        self.indent += 1;
    }

    pub fn dedent(&mut self) {
        self.indent -= 1;
    }

    pub fn finish(mut self) -> String {
        while self.text.ends_with("\n\n") {
            self.text.pop();
        }
        self.text
    }
}

/// `line!(src, "x = {}", y)` — a formatted line without building a temporary string.
macro_rules! line {
    ($src:expr, $($arg:tt)*) => {
        $src.fmt_line(format_args!($($arg)*))
    };
}
pub(crate) use line;
