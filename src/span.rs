//! Byte spans into the original text, and the lazy line/column lookup.
//!
//! Every position fengong reports is a [`Span`]: a half-open byte range
//! `[start, end)` into the text that was parsed. Line and column numbers are
//! worked out only when a diagnostic is made, by [`LineIndex`], so that spans
//! cost nothing on the hot path.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the parsed text.
///
/// In JSON a span is written as a two-element array `[start, end]`.
///
/// ```
/// use fengong::Span;
/// let text = "一、总体要求";
/// let span = Span::new(0, 6);
/// assert_eq!(span.slice(text), "一、");
/// assert_eq!(serde_json::to_string(&span).unwrap(), "[0,6]");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Makes a span from its two ends.
    ///
    /// ```
    /// assert_eq!(fengong::Span::new(3, 9).len(), 6);
    /// ```
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Number of bytes covered.
    ///
    /// ```
    /// assert_eq!(fengong::Span::new(3, 3).len(), 0);
    /// ```
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    ///
    /// ```
    /// assert!(fengong::Span::new(4, 4).is_empty());
    /// ```
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text the span covers; empty if the span does not fall on
    /// character boundaries of `text`.
    ///
    /// ```
    /// assert_eq!(fengong::Span::new(0, 3).slice("牵头"), "牵");
    /// ```
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The smallest span covering both.
    ///
    /// ```
    /// use fengong::Span;
    /// assert_eq!(Span::new(2, 4).cover(Span::new(8, 9)), Span::new(2, 9));
    /// ```
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Span, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// Maps byte offsets to 1-based line and column numbers, columns counted in
/// characters. Lines end at `\n`, `\r\n` or a lone `\r`.
///
/// ```
/// use fengong::LineIndex;
/// let text = "标题\r\n一、总体\n";
/// let index = LineIndex::new(text);
/// assert_eq!(index.line_col(text, 8), (2, 1));
/// assert_eq!(index.line_col(text, 11), (2, 2));
/// ```
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Starts,
}

/// Where each line starts: in four bytes each when the text is under 4 GiB
/// (every plan the default limit lets in), else in eight.
#[derive(Clone, Debug)]
enum Starts {
    Small(Vec<u32>),
    Large(Vec<usize>),
}

impl Starts {
    fn len(&self) -> usize {
        match self {
            Starts::Small(v) => v.len(),
            Starts::Large(v) => v.len(),
        }
    }

    /// The start of line `k` (0-based).
    fn get(&self, k: usize) -> Option<usize> {
        match self {
            Starts::Small(v) => v.get(k).map(|&s| s as usize),
            Starts::Large(v) => v.get(k).copied(),
        }
    }

    /// How many lines start at or before `offset`.
    fn at_or_before(&self, offset: usize) -> usize {
        match self {
            Starts::Small(v) => v.partition_point(|&s| s as usize <= offset),
            Starts::Large(v) => v.partition_point(|&s| s <= offset),
        }
    }
}

/// The first line's start, 0, then `ends`, with no room to spare: the index
/// lives as long as the parse. `guess` is the room made at first.
fn collect_starts<T: Default>(ends: impl Iterator<Item = T>, guess: usize) -> Vec<T> {
    let mut starts = Vec::with_capacity(guess);
    starts.push(T::default());
    starts.extend(ends);
    starts.shrink_to_fit();
    starts
}

impl LineIndex {
    /// Indexes the line starts of `text` in one pass.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        // After each `\n`, and after each `\r` not followed by one.
        let ends = memchr::memchr2_iter(b'\n', b'\r', bytes)
            .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
            .map(|i| i + 1);
        let guess = bytes.len() / 32 + 1;
        let starts = match u32::try_from(bytes.len()) {
            // Every offset fits: the text is no longer than `u32::MAX`.
            Ok(_) => Starts::Small(collect_starts(ends.map(|s| s as u32), guess)),
            Err(_) => Starts::Large(collect_starts(ends, guess)),
        };
        LineIndex { starts }
    }

    /// The lines of `text` (the text this index was made from), each
    /// without its line end; a last line with no line end counts, an empty
    /// one after the final line end does not.
    pub(crate) fn lines<'s>(&'s self, text: &'s str) -> impl Iterator<Item = Span> + 's {
        (1..=self.line_count(text)).map(move |line| self.line_span(text, line))
    }

    /// How many lines [`LineIndex::lines`] yields.
    pub(crate) fn line_count(&self, text: &str) -> usize {
        // There is always a first line, starting at 0.
        let n = self.starts.len();
        n - usize::from(self.starts.get(n - 1) == Some(text.len()))
    }

    /// 1-based line and character column of byte `offset` (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.at_or_before(offset).max(1);
        let start = self.starts.get(line - 1).unwrap_or(0);
        let mut col = 1;
        for (i, _) in text[start..].char_indices() {
            if start + i >= offset {
                break;
            }
            col += 1;
        }
        (line, col)
    }

    /// 1-based line of byte `offset` (clamped to the text).
    ///
    /// ```
    /// let index = fengong::LineIndex::new("a\nb\n");
    /// assert_eq!((index.line_of(0), index.line_of(2), index.line_of(99)), (1, 2, 3));
    /// ```
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.at_or_before(offset).max(1)
    }

    /// Line and column of many offsets at once, in one walk over the text:
    /// `offsets` must be sorted. Linear in the text plus the offsets, where
    /// calling [`LineIndex::line_col`] for each would rescan long lines.
    ///
    /// ```
    /// use fengong::LineIndex;
    /// let text = "一二三\n四五";
    /// let index = LineIndex::new(text);
    /// assert_eq!(index.line_cols(text, &[3, 6, 10]), [(1, 2), (1, 3), (2, 1)]);
    /// ```
    pub fn line_cols(&self, text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
        let mut out = Vec::with_capacity(offsets.len());
        let (mut line, mut pos, mut col) = (0usize, 0usize, 1usize);
        for &offset in offsets {
            let offset = offset.min(text.len());
            let l = self.starts.at_or_before(offset).max(1);
            if l != line || offset < pos {
                line = l;
                pos = self.starts.get(l - 1).unwrap_or(0);
                col = 1;
            }
            while pos < offset {
                match text[pos..].chars().next() {
                    Some(c) => {
                        pos += c.len_utf8();
                        col += 1;
                    }
                    None => break,
                }
            }
            out.push((line, col));
        }
        out
    }

    /// Byte span of line `line` (1-based), without its line end.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts.get(line.wrapping_sub(1)).unwrap_or(text.len());
        let next = self.starts.get(line).unwrap_or(text.len());
        let mut end = next;
        let b = text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }
}
