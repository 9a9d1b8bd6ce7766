//! Lines of the input, and the rules of dashes that set out a table's
//! columns or border it.

use memchr::{memchr, memrchr};

use super::MAX_COLUMNS;

/// A line of the input: its text from `start` to `end` (the line break and
/// a `\r` before it left out), and where the next line starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Line {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) next: usize,
}

impl Line {
    /// The line's text.
    pub(super) fn text<'s>(&self, src: &'s str) -> &'s str {
        src.get(self.start..self.end).unwrap_or("")
    }

    /// True when the line holds nothing but white space.
    pub(super) fn is_blank(&self, src: &str) -> bool {
        self.text(src).trim().is_empty()
    }
}

/// The line that starts at byte `start` (a line start of `src`).
pub(super) fn line_at(src: &str, start: usize) -> Line {
    let bytes = src.as_bytes();
    let start = start.min(bytes.len());
    let (end, next) = match memchr(b'\n', &bytes[start..]) {
        Some(k) => (start + k, start + k + 1),
        None => (bytes.len(), bytes.len()),
    };
    let end = if end > start && bytes[end - 1] == b'\r' { end - 1 } else { end };
    Line { start, end, next }
}

/// The line that ends just before the line starting at `start`.
pub(super) fn line_before(src: &str, start: usize) -> Option<Line> {
    let before = start.checked_sub(1)?;
    let from = memrchr(b'\n', src.as_bytes().get(..before)?).map_or(0, |k| k + 1);
    Some(line_at(src, from))
}

/// A column as the dashes of a rule set it out: display columns
/// `[start, end)` of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Column {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A line of dashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Rule {
    /// One run of dashes: the top or bottom of a multiline table.
    Border,
    /// Runs of dashes apart by spaces: the columns of a table.
    Columns(Vec<Column>),
}

/// The rule `text` is, if it is one: only spaces and dashes; one run of at
/// least three dashes is a border; two runs or more (at most
/// [`MAX_COLUMNS`]), one of them of three dashes or more, are columns.
pub(super) fn rule(text: &str) -> Option<Rule> {
    let bytes = text.as_bytes();
    let mut columns = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' => i += 1,
            b'-' => {
                let start = i;
                while bytes.get(i) == Some(&b'-') {
                    i += 1;
                }
                if columns.len() == MAX_COLUMNS {
                    return None;
                }
                columns.push(Column { start, end: i });
            }
            _ => return None,
        }
    }
    let longest = columns.iter().map(|c| c.end - c.start).max().unwrap_or(0);
    match columns.len() {
        _ if longest < 3 => None,
        1 => Some(Rule::Border),
        _ => Some(Rule::Columns(columns)),
    }
}
